/**
 * Reaching people: a delivery processor reads the gap-free feed like a projection and writes each decision (who is
 * told what, on which channel) to the {@code deliveries} outbox in the same transaction as its checkpoint; a sender
 * works the outbox with retries and exponential backoff through small channel adapters (SMTP, WhatsApp Cloud API,
 * an HTTP SMS gateway, a dev sink). Complainants' addresses stay sealed under their data key until the moment of
 * sending, so erasing the key silences every pending delivery too.
 */
package org.complaintledger.notification;
