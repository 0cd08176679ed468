package org.complaintledger.complaint;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class StatusTest {

    @Test
    void archived_completed_withdrawn_and_reviewed_are_terminal() {
        assertThat(EnumSet.allOf(Status.class).stream().filter(Status::isTerminal))
                .containsExactlyInAnyOrder(Status.ARCHIVED, Status.COMPLETED, Status.WITHDRAWN, Status.REVIEWED);
    }

    @Test
    void the_open_statuses_are_those_still_with_the_operator_or_an_agency() {
        assertThat(EnumSet.allOf(Status.class).stream().filter(Status::isOpen))
                .containsExactlyInAnyOrder(
                        Status.SUBMITTED,
                        Status.ON_HOLD,
                        Status.DISPATCHED,
                        Status.IN_PROGRESS,
                        Status.AWAITING_REDISPATCH,
                        Status.RESPONDED);
    }
}
