/**
 * Evidence on complaints: photos, documents and video. A file's type is read from its bytes, its metadata (GPS,
 * camera serials) is stripped, and the stripped bytes are hashed, sealed in AES-GCM segments under the complainant's
 * data key (their uploads, so erasure shreds them) or the complaint's own key (staff uploads) and kept in PostgreSQL
 * or an S3-compatible store; the ledger records the hash, size and media type ({@code complaint.attachment-added}),
 * and redaction ({@code complaint.attachment-redacted}) destroys the bytes while the hash stays on record.
 */
package org.complaintledger.attachment;
