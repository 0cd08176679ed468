package org.complaintledger.projection;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The readiness rule on measured statuses, without waiting minutes for a real lag. */
class ProjectionsReadinessTest {

    private final Map<String, Projections.Status> statuses = new LinkedHashMap<>();
    private final Map<String, String> versionRebuilds = new LinkedHashMap<>();
    private final ProjectionsReadiness readiness = new ProjectionsReadiness();

    @BeforeEach
    void wire() {
        readiness.projections = new Projections() {
            @Override
            public List<String> names() {
                return List.copyOf(statuses.keySet());
            }

            @Override
            public Status status(String projection) {
                return statuses.get(projection);
            }

            @Override
            public String versionRebuild(String projection) {
                return versionRebuilds.get(projection);
            }
        };
        readiness.readyLag = Duration.ofSeconds(60);
    }

    @Test
    void an_instance_is_ready_while_every_projection_is_within_the_lag() {
        behind("complaint-views", 59_000, false);
        behind("agency-assignments", 10, false);
        assertThat(readiness.call().getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
    }

    @Test
    void one_projection_further_behind_than_the_lag_makes_the_instance_unready_and_says_which() {
        behind("complaint-views", 61_000, false);
        behind("agency-assignments", 10, false);
        HealthCheckResponse response = readiness.call();
        assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
        assertThat(response.getData().orElseThrow()).containsEntry("complaint-views", "4 events, 61000 ms behind");
    }

    @Test
    void a_projection_being_rebuilt_is_behind_by_design_and_keeps_the_instance_ready() {
        behind("complaint-views", 86_400_000, true);
        behind("agency-assignments", 10, false);
        HealthCheckResponse response = readiness.call();
        assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
        assertThat(response.getData().orElseThrow().get("complaint-views").toString())
                .endsWith(", rebuilding");
    }

    @Test
    void a_projection_rebuilt_for_a_newer_read_model_version_says_why_and_keeps_the_instance_ready() {
        behind("complaint-views", 5_000, true);
        versionRebuilds.put("complaint-views", "rows built by version 1, this instance needs version 2");
        HealthCheckResponse response = readiness.call();
        assertThat(response.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
        assertThat(response.getData().orElseThrow().get("complaint-views").toString())
                .isEqualTo(
                        "4 events, 5000 ms behind, rebuilding (rows built by version 1, this instance needs version 2)");
    }

    private void behind(String projection, long millis, boolean rebuilding) {
        statuses.put(projection, new Projections.Status(projection, 0, 4, millis, rebuilding, null, Map.of(), false));
    }
}
