package org.complaintledger.complaint;

import java.util.Objects;

/**
 * The complainant whose step the operator recorded for them, and how they asked for it ("by phone", "at the desk").
 * A complainant without an account or a smartphone still answers, accepts, objects, appeals and withdraws: the
 * operator records the step, the event names the operator as its actor (who pressed the button) and the complainant
 * as its principal (whose decision it is). {@code via} is a few words on the way the request came, never who the
 * person is: it is stored in clear.
 */
public record Principal(String subject, String via) {

    public Principal {
        if (subject == null || subject.isBlank()) {
            throw new IllegalArgumentException("A principal needs the complainant's subject");
        }
        Objects.requireNonNull(via, "via");
    }
}
