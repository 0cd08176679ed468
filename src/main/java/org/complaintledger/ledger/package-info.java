/**
 * The ledger: the storage engine that appends hash-chained events in one statement per command
 * ({@link org.complaintledger.ledger.PgEventStorageEngine}), the sequencer that gives every committed event its dense
 * place in the global chain in horizon order ({@link org.complaintledger.ledger.LedgerSequencer}), the signed
 * checkpoints that pin the chain's head ({@link org.complaintledger.ledger.LedgerCheckpoints}), and the verifier that
 * recomputes all of it from the stored columns ({@link org.complaintledger.ledger.LedgerVerifier}). Everything an
 * auditor checks is defined by the documented format alone, so it can be checked again without this code. Event
 * payloads follow the published schemas of {@code event-schemas/} ({@link org.complaintledger.ledger.EventSchemas});
 * older versions are upcast on read, never rewritten ({@link org.complaintledger.complaint.codec.ComplaintUpcasters}).
 */
package org.complaintledger.ledger;
