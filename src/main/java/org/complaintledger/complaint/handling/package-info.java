/**
 * The complaint's application services, public to other features: the command handler (Axon, idempotency, retries),
 * {@link org.complaintledger.complaint.handling.Filing} (the one way to file), erasure, the deadline scheduler, the
 * ledger history of a complaint and the {@link org.complaintledger.complaint.handling.Caller} as a domain actor.
 * They raise typed exceptions; the web sub-packages choose the HTTP status.
 */
package org.complaintledger.complaint.handling;
