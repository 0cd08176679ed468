package org.complaintledger.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.complaintledger.support.Api.as;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.IOException;
import java.net.URL;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.complaintledger.support.Api;
import org.complaintledger.support.Tokens;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;

/**
 * The operator's "sent messages" page as quarkus:dev shows it (issue 15): nothing leaves the machine, and every
 * message a complainant would have received is on the page, with its address masked. Headless Chromium; skipped, with
 * the reason, on a machine without Chromium and chromedriver. Screenshot: target/console-screenshots/sent-messages.png.
 */
@QuarkusTest
@TestProfile(SentMessagesBrowserTest.DevSink.class)
class SentMessagesBrowserTest {

    /** The dev profile's sink: the sender writes what it would send to the page's table instead of sending it. */
    public static class DevSink implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("ledger.notify.sink", "dev");
        }
    }

    @TestHTTPResource("/console/")
    URL console;

    @Test
    void the_operator_reads_the_filing_receipt_a_complainant_would_have_been_sent_with_the_address_masked()
            throws IOException {
        var binaries = ConsoleBrowser.find();
        assumeTrue(binaries.isPresent(), "No Chromium and chromedriver on this machine: the page's test is skipped");
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String id = Api.file("warga-sent-" + suffix);
        String tracking = as(Tokens.operator())
                .get("/api/complaints/" + id)
                .then()
                .extract()
                .path("trackingNumber");
        // the receipt is decided by the deliveries projection and written by the sender's next turn
        Awaitility.await()
                .atMost(Duration.ofSeconds(30))
                .until(() -> as(Tokens.operator())
                        .get("/api/notifications/dev-sink")
                        .then()
                        .extract()
                        .asString()
                        .contains(tracking));

        try (ConsoleBrowser browser = ConsoleBrowser.open(binaries.get(), console)) {
            browser.go("#/signin");
            browser.driver().executeScript("localStorage.setItem('ledger.console.language', 'en')");
            browser.signIn("operator", "op-sent-" + suffix, null);
            browser.waitForHeading("Verification queue");
            browser.go("#/operator/sent");
            browser.waitForHeading("Sent messages");

            WebElement receipt = browser.all("[data-sent-message]").stream()
                    .filter(item -> item.getText().contains(tracking))
                    .findFirst()
                    .orElseThrow(
                            () -> new AssertionError("no sent message names " + tracking + ": " + browser.pageText()));
            String text = receipt.getText();
            assertThat(text).contains(tracking);
            // the complainant's e-mail address is masked on the page, as in every other copy
            assertThat(text).doesNotContain("pelapor@example.id").contains("p•••@e•••.id");
            assertThat(browser.pageText()).doesNotContain("pelapor@example.id");
            browser.screenshot("sent-messages");
            assertThat(browser.consoleErrors())
                    .as("console errors and failed requests")
                    .isEmpty();
        }
    }
}
