package org.complaintledger.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.complaintledger.support.Api.as;
import static org.complaintledger.support.Api.post;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.complaintledger.support.Tokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;

/**
 * The walk-in desk in headless Chromium: the operator files for a person at the counter and prints the bilingual
 * receipt (photographed on screen and as printed, target/console-screenshots/desk-*.png); the person then claims the
 * complaint on the web with the receipt's tracking number and claim code and answers the operator's question.
 * Skipped, with the reason, on a machine without Chromium and chromedriver.
 */
@QuarkusTest
class DeskBrowserTest {

    private static ConsoleBrowser browser;

    @TestHTTPResource("/console/")
    URL console;

    @BeforeEach
    void openBrowser() throws IOException {
        var binaries = ConsoleBrowser.find();
        assumeTrue(
                binaries.isPresent(),
                "No Chromium and chromedriver on this machine: the desk's browser test is skipped");
        if (browser == null) {
            browser = ConsoleBrowser.open(binaries.get(), console);
        }
        browser.phone(false);
    }

    @AfterEach
    void noConsoleErrors() {
        if (browser != null) {
            assertThat(browser.consoleErrors())
                    .as("console errors and failed requests")
                    .isEmpty();
        }
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
            browser = null;
        }
    }

    @Test
    void the_operator_files_at_the_desk_prints_a_bilingual_receipt_and_the_person_claims_it_on_the_web()
            throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String title = "Lampu jalan padam " + suffix;
        browser.go("#/signin");
        browser.driver().executeScript("localStorage.setItem('ledger.console.language', 'en')");
        browser.signIn("operator", "op-desk-" + suffix, null);
        browser.waitForHeading("Verification queue");
        browser.find("[data-desk]").click();
        browser.waitForHeading("Complaint desk");

        WebElement desk = browser.form("Complaint at the desk");
        browser.choose(desk, "channel", "WALK_IN");
        browser.type(desk, "title", title);
        browser.type(desk, "description", "The street light in front of the market has been out for three weeks.");
        browser.choose(desk, "category", "INFRASTRUCTURE");
        browser.type(desk, "village", "Rimba Sekampung");
        browser.type(desk, "name", "Pak Darman " + suffix);
        browser.type(desk, "phone", "+62 813 7000 1234");
        browser.type(desk, "email", "darman@example.id");
        browser.choose(desk, "notify", "EMAIL");
        browser.choose(desk, "language", "id");
        browser.screenshot("desk-form");
        browser.submit(desk);

        browser.waitForHeading("Receipt");
        WebElement receipt = browser.find("[data-desk-receipt]");
        String tracking = browser.find("[data-desk-receipt] [data-tracking]").getText();
        String code = browser.find("[data-desk-receipt] [data-claim-code]").getText();
        assertThat(tracking).matches("LPR-[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}");
        assertThat(code).matches("[0-9A-Z]{5}-[0-9A-Z]{5}");
        // both languages, whatever the console's own
        assertThat(receipt.getText())
                .contains("Tanda terima aduan", "Complaint receipt")
                .contains("Kode klaim", "Claim code")
                .contains("Datang langsung", "Walk-in")
                .contains("/console/#/track/" + tracking)
                .contains("/console/#/claim");
        assertThat(browser.find("[data-desk-receipt] .receipt-instructions[lang=id]")
                        .getText())
                .contains("Lacak aduan Anda");
        assertThat(browser.find("[data-desk-receipt] .receipt-instructions[lang=en]")
                        .getText())
                .contains("Track your complaint");
        // the QR code is loaded and drawn
        WebElement qr = browser.find("[data-qr]");
        browser.driver().executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const img = arguments[0];
                if (img.complete) done(); else img.addEventListener('load', () => done());""", qr);
        assertThat(((Number) browser.driver().executeScript("return arguments[0].naturalWidth", qr)).intValue())
                .isPositive();
        browser.screenshot("desk-receipt");
        assertThat(browser.seriousAccessibilityViolations())
                .as("axe-core on the receipt")
                .isEmpty();

        // as printed: only the receipt, no navigation, forms or buttons
        browser.driver().executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", "print"));
        try {
            assertThat(browser.find("[data-print]").isDisplayed()).isFalse();
            assertThat(browser.find("nav").isDisplayed()).isFalse();
            assertThat(browser.find("[data-qr]").isDisplayed()).isTrue();
            browser.screenshot("desk-receipt-printed");
        } finally {
            browser.driver().executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", ""));
        }
        assertThat(Files.size(ConsoleBrowser.SCREENSHOTS.resolve("desk-receipt-printed.png")))
                .isGreaterThan(1000);

        // the operator needs one more detail and puts the complaint on hold
        String id = browser.driver().getCurrentUrl().replaceAll(".*#/operator/receipt/", "");
        post(
                        Tokens.operator(),
                        "/api/complaints/" + id + "/clarification-requests",
                        "{\"question\":\"In front of which house number?\"}")
                .statusCode(200);

        // at home, the person claims the complaint with the receipt and answers
        browser.find("#sign-out").click();
        browser.go("#/claim");
        browser.waitForHeading("Claim a complaint");
        WebElement claim = browser.form("Tracking number and claim code");
        browser.type(claim, "trackingNumber", tracking.toLowerCase());
        browser.type(claim, "code", code);
        browser.screenshot("desk-claim");
        browser.submit(claim);
        browser.waitForHeading("Complaint");
        assertThat(browser.find("main [data-status]").getDomAttribute("data-status"))
                .isEqualTo("ON_HOLD");
        WebElement answer = browser.form("Answer the request for clarification");
        browser.type(answer, "answer", "Number 12, next to the mosque.");
        browser.submit(answer);
        assertThat(browser.find("main [data-status]").getDomAttribute("data-status"))
                .isEqualTo("SUBMITTED");
        browser.screenshot("desk-claimed-complaint");

        as(Tokens.operator())
                .get("/api/complaints/" + id)
                .then()
                .statusCode(200)
                .body("channel", equalTo("WALK_IN"))
                .body("status", equalTo("SUBMITTED"));
        List<String> actors = as(Tokens.auditor())
                .get("/api/complaints/" + id + "/history")
                .then()
                .statusCode(200)
                .extract()
                .path("events.findAll { it.type == 'complaint.clarification-provided' }.actor.role");
        assertThat(actors).containsExactly("citizen");
    }

    /**
     * The WhatsApp and SMS inbox: two chats from numbers with no complaint; the operator reads one (the number
     * masked), files it as a complaint on the sender's behalf, and dismisses the other with a reason.
     */
    @Test
    void the_operator_files_one_whatsapp_chat_from_the_inbox_and_dismisses_another() throws Exception {
        String filed = org.complaintledger.intake.Chats.openConversation();
        String dismissed = org.complaintledger.intake.Chats.openConversation();
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        browser.go("#/signin");
        browser.driver().executeScript("localStorage.setItem('ledger.console.language', 'en')");
        browser.signIn("operator", "op-inbox-" + suffix, null);
        browser.waitForHeading("Verification queue");
        browser.find("[data-intake]").click();
        browser.waitForHeading("WhatsApp and SMS inbox");

        WebElement item = browser.find("[data-intake-item='" + filed + "']");
        assertThat(item.getText()).contains("WhatsApp", "Lampu jalan mati di gang");
        String from =
                browser.find("[data-intake-item='" + filed + "'] [data-from]").getText();
        assertThat(from).as("the sender's number, masked").matches("\\+62 ••• ••• [0-9]{3}");
        browser.screenshot("intake-inbox");
        assertThat(browser.seriousAccessibilityViolations())
                .as("axe-core on the inbox")
                .isEmpty();

        browser.clickAndWaitForRedraw(browser.find("[data-intake-item='" + filed + "'] [data-intake-open]"));
        browser.waitForHeading("Conversation");
        WebElement filing = browser.form("File as a complaint");
        assertThat(filing.findElement(org.openqa.selenium.By.name("title")).getDomProperty("value"))
                .as("the title drawn from what the sender wrote")
                .startsWith("Lampu jalan mati di gang");
        browser.choose(filing, "category", "INFRASTRUCTURE");
        browser.type(filing, "village", "Senggoro");
        browser.type(filing, "name", "Ibu Wati " + suffix);
        browser.choose(filing, "language", "id");
        browser.screenshot("intake-file");
        assertThat(browser.seriousAccessibilityViolations())
                .as("axe-core on the conversation")
                .isEmpty();
        browser.submit(filing);
        browser.waitForHeading("Complaint");
        String id = browser.driver().getCurrentUrl().replaceAll(".*#/operator/c/", "");
        as(Tokens.operator())
                .get("/api/complaints/" + id)
                .then()
                .statusCode(200)
                .body("channel", equalTo("WHATSAPP"))
                .body("status", equalTo("SUBMITTED"))
                .body("complainant.name", equalTo("Ibu Wati " + suffix));

        browser.go("#/operator/intake/" + dismissed);
        browser.waitForHeading("Conversation");
        WebElement dismissal = browser.form("Dismiss without a complaint");
        browser.type(dismissal, "reason", "A greeting only, no complaint");
        browser.submitConfirmed(dismissal);
        browser.waitForHeading("WhatsApp and SMS inbox");
        assertThat(browser.all("[data-intake-item='" + dismissed + "']")).isEmpty();
        assertThat(browser.all("[data-intake-item='" + filed + "']")).isEmpty();
        List<String> dismissedIds = as(Tokens.operator())
                .get("/api/intake?status=DISMISSED")
                .then()
                .statusCode(200)
                .extract()
                .path("items.id");
        assertThat(dismissedIds).contains(dismissed);
    }
}
