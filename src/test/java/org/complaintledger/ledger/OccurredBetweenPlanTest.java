package org.complaintledger.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * The Open311 updates feed is anonymous and may span 90 days: the ledger's query for the events of a period
 * ({@link LedgerReader#occurredBetween}) must read the period in its order and stop at the page's end, not sort every
 * event of the period first.
 */
@QuarkusTest
class OccurredBetweenPlanTest {

    @Test
    void the_updates_feed_is_served_in_its_order_by_an_index_without_sorting_the_period() throws Exception {
        var config = ConfigProvider.getConfig();
        List<String> plan = new ArrayList<>();
        try (var connection = DriverManager.getConnection(
                        config.getValue("quarkus.datasource.jdbc.url", String.class),
                        config.getValue("quarkus.datasource.username", String.class),
                        "");
                var statement = connection.createStatement()) {
            // a test database is small enough to scan and sort; ask whether a plan without either exists at all
            statement.execute("SET enable_seqscan = off");
            statement.execute("SET enable_sort = off");
            statement.execute("SET enable_bitmapscan = off");
            var rows = statement.executeQuery("EXPLAIN "
                    + LedgerReader.OCCURRED_BETWEEN
                            .replace("$1", "now() - interval '90 days'")
                            .replace("$2", "now()")
                            .replace("$3", "ARRAY['complaint.dispatched']")
                            .replace("$4", "now() - interval '90 days'")
                            .replace("$5", "-1")
                            .replace("$6", "1000"));
            while (rows.next()) {
                plan.add(rows.getString(1));
            }
        }
        assertThat(String.join("\n", plan))
                .contains("events_occurred_at_position")
                .doesNotContain("Sort");
    }
}
