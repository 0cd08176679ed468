package org.complaintledger.projection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Which of a batch's events have their delay timed (ledger.projection.delay). */
class TimedEventsTest {

    private static List<Integer> batch(int size) {
        return IntStream.range(0, size).boxed().toList();
    }

    @Test
    void every_event_of_a_batch_of_up_to_the_limit_is_timed() {
        assertThat(ProjectionProcessor.timed(batch(1))).containsExactly(0);
        assertThat(ProjectionProcessor.timed(batch(ProjectionProcessor.TIMED_PER_BATCH)))
                .isEqualTo(batch(ProjectionProcessor.TIMED_PER_BATCH));
    }

    @Test
    void a_larger_batch_is_timed_in_evenly_spaced_events_from_its_first() {
        List<Integer> timed = ProjectionProcessor.timed(batch(1000));
        assertThat(timed)
                .hasSize(ProjectionProcessor.TIMED_PER_BATCH)
                .doesNotHaveDuplicates()
                .isSorted();
        assertThat(timed.getFirst()).isZero();
        // 1,000 / 64 apart: 15 or 16, and the last as near the end
        for (int i = 1; i < timed.size(); i++) {
            assertThat(timed.get(i) - timed.get(i - 1)).isBetween(15, 16);
        }
        assertThat(timed.getLast()).isGreaterThanOrEqualTo(1000 - 16);
    }
}
