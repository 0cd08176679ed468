package org.complaintledger.open311;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * The updates feed is anonymous and may span 90 days: its query must read the period in the feed's order and stop at
 * the 1,000th update, not sort every event of the period first.
 */
@QuarkusTest
class UpdatesFeedPlanTest {

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
                    + RequestUpdates.UPDATES
                            .replace("$1", "now() - interval '90 days'")
                            .replace("$2", "now()")
                            .replace("$3", "ARRAY['complaint.dispatched']")
                            .replace("$4", "1000"));
            while (rows.next()) {
                plan.add(rows.getString(1));
            }
        }
        assertThat(String.join("\n", plan))
                .contains("events_occurred_at_position")
                .doesNotContain("Sort");
    }
}
