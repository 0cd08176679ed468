package org.complaintledger.deploy;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.complaintledger.deploy.Manifests.at;
import static org.complaintledger.deploy.Manifests.list;
import static org.complaintledger.deploy.Manifests.map;
import static org.complaintledger.deploy.Manifests.string;
import static org.complaintledger.deploy.Manifests.strings;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The paths the orchestrators probe, asked of the running application: each must be the health group it stands for. */
@QuarkusTest
class ManifestProbesTest {

    @Test
    void every_kubernetes_probe_asks_the_applications_health_group_it_is_named_for() {
        for (Path overlay : Manifests.overlays()) {
            Map<String, Object> container =
                    map(list(at(Manifests.render(overlay).one("Deployment"), "spec", "template", "spec", "containers"))
                            .getFirst());
            startup(string(at(container, "startupProbe", "httpGet", "path")));
            readiness(string(at(container, "readinessProbe", "httpGet", "path")));
            liveness(string(at(container, "livenessProbe", "httpGet", "path")));
        }
    }

    @Test
    void the_compose_healthcheck_asks_for_readiness() {
        List<String> test = strings(
                at(Manifests.documents(Manifests.COMPOSE).getFirst(), "services", "ledger", "healthcheck", "test"));
        Matcher path = Pattern.compile("GET (/\\S+) HTTP").matcher(String.join(" ", test));
        assertThat(path.find()).as(test.toString()).isTrue();
        readiness(path.group(1));
    }

    private static void startup(String path) {
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> up(path).body("checks.name", hasItem("projections-registered")));
    }

    private static void readiness(String path) {
        up(path).body("checks.name", hasItem("projections"));
    }

    private static void liveness(String path) {
        up(path).body("checks.name", not(hasItem("projections")))
                .body("checks.name", not(hasItem("projections-registered")));
    }

    private static ValidatableResponse up(String path) {
        assertThat(path).startsWith("/");
        return given().get(path).then().statusCode(200).body("status", equalTo("UP"));
    }
}
