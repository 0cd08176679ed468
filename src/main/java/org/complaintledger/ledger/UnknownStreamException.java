package org.complaintledger.ledger;

import java.util.UUID;

/**
 * The ledger holds no event of this stream. The ledger's own answer to "verify or export a stream that does not exist";
 * the web edge ({@code ledger.web.LedgerProblemMappers}) turns it into a 404.
 */
public final class UnknownStreamException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient UUID streamId;

    public UnknownStreamException(UUID streamId) {
        super("No complaint " + streamId);
        this.streamId = streamId;
    }

    public UUID streamId() {
        return streamId;
    }
}
