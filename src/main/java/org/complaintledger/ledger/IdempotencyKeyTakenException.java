package org.complaintledger.ledger;

/** A concurrent request with the same Idempotency-Key committed first: the caller replays its answer instead. */
public class IdempotencyKeyTakenException extends RuntimeException {

    public IdempotencyKeyTakenException() {
        super("the idempotency key was taken by a concurrent request", null, false, false);
    }
}
