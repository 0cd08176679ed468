/**
 * Complaints that arrive by WhatsApp (the Cloud API's webhook) and by SMS (a gateway's webhook): signed bodies are
 * verified, each provider message is taken once, a sender without an open complaint starts a conversation in the
 * operator's inbox, and once filed the chat acts on the complaint (answers, messages, and quick replies to accept,
 * object, appeal or ask the status), each as the complainant's own command. Senders are known by a pseudonymous
 * subject derived from their number; the number and the texts are sealed under that subject's data key.
 */
package org.complaintledger.intake;
