package org.complaintledger.complaint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.Arrays;
import java.util.List;
import org.complaintledger.deadline.DeadlinePolicy;

/**
 * Given past events, when a command is decided, then these events (or this rejection): the decider is specified by
 * its inputs and outputs alone, as in Emmett's DeciderSpecification.
 */
final class DeciderSpecification {

    private DeciderSpecification() {}

    static Given given(ComplaintEvent... history) {
        return new Given(List.of(history), ComplaintExamples.POLICY);
    }

    static Given given(List<ComplaintEvent> history) {
        return new Given(List.copyOf(history), ComplaintExamples.POLICY);
    }

    record Given(List<ComplaintEvent> history, DeadlinePolicy policy) {

        Given withPolicy(DeadlinePolicy other) {
            return new Given(history, other);
        }

        When when(ComplaintCommand command) {
            return new When(this, command);
        }
    }

    record When(Given given, ComplaintCommand command) {

        private List<ComplaintEvent> decide() {
            Complaint state = Complaint.replay(command.complaintId(), given.history());
            return Complaint.decide(command, state, given.policy());
        }

        void then(ComplaintEvent... expected) {
            assertThat(decide()).containsExactlyElementsOf(Arrays.asList(expected));
        }

        /** The decided events, for a test that looks at one of them rather than the whole list. */
        List<ComplaintEvent> thenEvents() {
            return decide();
        }

        void thenNothing() {
            assertThat(decide()).isEmpty();
        }

        /** The state after the decided events are applied, for the rare assertion on where the decision leads. */
        Complaint thenState() {
            return Complaint.replay(
                    command.complaintId(),
                    ComplaintExamples.concat(given.history(), decide().toArray(ComplaintEvent[]::new)));
        }

        /** The read model after the decided events: what the decider does not keep but the complaint shows. */
        ComplaintSummary thenSummary() {
            ComplaintSummary summary = ComplaintSummary.initial(command.complaintId());
            for (ComplaintEvent event :
                    ComplaintExamples.concat(given.history(), decide().toArray(ComplaintEvent[]::new))) {
                summary = ComplaintSummary.evolve(summary, event);
            }
            return summary;
        }

        Rejection thenRejects(String code) {
            Rejection rejection = catchThrowableOfType(Rejection.class, this::decide);
            assertThat(rejection).as("a rejection with code %s", code).isNotNull();
            assertThat(rejection.code()).isEqualTo(code);
            assertThat(rejection.getMessage()).isNotBlank();
            return rejection;
        }
    }
}
