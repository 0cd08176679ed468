package org.complaintledger.attachment;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Where the sealed bytes of attachments are kept ({@code ledger.attachments.store}). The store sees ciphertext only
 * and knows nothing of complaints or keys. Blocking: it is called on worker threads, one file at a time.
 */
interface AttachmentStore {

    void put(UUID attachmentId, Path sealedFile) throws IOException;

    /** The sealed bytes, or empty when the file is not (or no longer) stored. */
    Optional<InputStream> open(UUID attachmentId) throws IOException;

    /** True when something was deleted. */
    boolean delete(UUID attachmentId) throws IOException;

    boolean exists(UUID attachmentId) throws IOException;

    /** Up to {@code limit} ids of files stored before {@code before}, oldest first where the store can tell. */
    List<UUID> storedBefore(Instant before, int limit) throws IOException;
}
