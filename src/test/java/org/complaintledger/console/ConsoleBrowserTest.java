package org.complaintledger.console;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.complaintledger.ledger.Tampering;
import org.complaintledger.support.Api;
import org.complaintledger.support.TestClock;
import org.complaintledger.support.Tokens;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The web console in headless Chromium against the running service: one complaint walked through every role's own
 * screens, each main screen photographed (target/console-screenshots/) and checked by axe-core. Skipped, with the
 * reason, on a machine without Chromium and chromedriver.
 */
@QuarkusTest
class ConsoleBrowserTest {

    private static final String NO_CHROMIUM = "No Chromium and chromedriver on this machine (Debian: apt-get install "
            + "chromium chromium-driver, or set CHROMIUM_BIN and CHROMEDRIVER_BIN): the console's browser test is skipped";

    private static ConsoleBrowser browser;
    private static boolean skipLogged;

    @TestHTTPResource("/console/")
    URL console;

    @Inject
    TestClock clock;

    /** Accessibility violations per screen, collected along the walk and asserted at its end. */
    private final Map<String, List<String>> violations = new LinkedHashMap<>();

    /** What the browser showed when a test stopped, beside the screens it had passed. */
    @RegisterExtension
    final TestWatcher failureScreenshot = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            if (browser != null) {
                browser.screenshot("failed-" + context.getRequiredTestMethod().getName());
            }
        }
    };

    /**
     * Assumed per test rather than per class, so that each test is reported skipped with the reason; the reason is
     * also logged once, since Maven's console lists skipped tests without it.
     */
    @BeforeEach
    void openBrowser() throws IOException {
        var binaries = ConsoleBrowser.find();
        if (binaries.isEmpty() && !skipLogged) {
            skipLogged = true;
            Logger.getLogger(ConsoleBrowserTest.class).warn(NO_CHROMIUM);
        }
        assumeTrue(binaries.isPresent(), NO_CHROMIUM);
        if (browser == null) {
            browser = ConsoleBrowser.open(binaries.get(), console);
        }
        browser.phone(false);
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
            browser = null;
        }
    }

    @Test
    void the_console_speaks_indonesian_first_and_english_at_the_press_of_a_button() {
        browser.go("#/signin");
        browser.driver().executeScript("localStorage.removeItem('ledger.console.language')");
        browser.go("#/signin");
        browser.waitForHeading("Masuk");
        assertThat(browser.find("html").getDomAttribute("lang")).isEqualTo("id");
        browser.screenshot("sign-in-indonesian");

        browser.find("#lang-switch").click();
        browser.waitForHeading("Sign in");
        assertThat(browser.find("html").getDomAttribute("lang")).isEqualTo("en");
        assertThat(browser.find("#lang-switch").getText()).isEqualTo("Bahasa Indonesia");

        @SuppressWarnings("unchecked")
        List<String> missing = (List<String>) browser.script("""
                const done = arguments[arguments.length - 1];
                import('./i18n.js').then(m => done(m.missingKeys()));
                """);
        assertThat(missing).as("keys translated in one language only").isEmpty();
    }

    @Test
    void one_anonymous_complaint_walks_from_filing_to_acceptance_on_each_roles_own_screens() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String citizen = "warga-console-" + suffix;
        String name = "Siti Rahmawati " + suffix;
        String phone = "+62 811 7654 " + suffix.substring(0, 3).replaceAll("[^0-9]", "7");
        String title = "Jembatan desa rusak " + suffix;
        inEnglish();
        check("sign-in");

        // the citizen files an anonymous complaint, from a phone
        browser.signIn("citizen", citizen, null);
        browser.waitForHeading("My complaints");
        browser.phone(true);
        WebElement filing = browser.form("File a new complaint");
        browser.type(filing, "title", title);
        browser.type(filing, "description", "The footbridge over the canal at Desa Sungai Alam has a broken plank.");
        browser.choose(filing, "category", "INFRASTRUCTURE");
        browser.type(filing, "district", "Bengkalis");
        browser.type(filing, "village", "Sungai Alam");
        browser.tick(filing, "Anonymous");
        browser.type(filing, "name", name);
        browser.type(filing, "phone", phone);
        assertThat(browser.pageText()).contains("only the operator and the Ombudsman see it");
        assertThat(browser.driver().executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth"))
                .as("horizontal scrolling at a phone's width").isEqualTo(0L);
        check("citizen-file");
        browser.submit(filing);
        String tracking = browser.find("[data-tracking]").getText();
        String id = browser.driver().getCurrentUrl().replaceAll(".*#/citizen/c/", "");
        assertThat(tracking).matches("LPR-[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}");
        assertThat(status()).isEqualTo("SUBMITTED");
        assertThat(browser.find("[data-complainant]").getText()).contains(name);
        check("citizen-complaint");
        browser.phone(false);

        // the operator finds it in the verification queue, sees who filed it, and dispatches it
        browser.signIn("operator", null, null);
        browser.findRefreshing("tr[data-id='" + id + "'] a").click();
        browser.waitForScreen();
        assertThat(browser.find("[data-complainant]").getText()).contains(name);
        check("operator-complaint");
        WebElement dispatch = browser.form("Verify and dispatch");
        browser.choose(dispatch, "agencyId", "dinas-pupr");
        browser.type(dispatch, "note", "Footbridges are the public works office's.");
        browser.submit(dispatch);
        assertThat(status()).isEqualTo("DISPATCHED");
        browser.go("#/operator");
        check("operator-queue");

        // the liaison officer of the agency: no trace of the complainant on the queue or the complaint
        browser.signIn("agency-officer", null, "dinas-pupr");
        WebElement row = browser.findRefreshing("tr[data-id='" + id + "']");
        assertThat(row.getText()).contains(tracking).contains(title).contains("On time");
        assertThat(row.findElement(By.cssSelector(".badge")).getDomAttribute("class"))
                .contains("sla-on_time");
        assertNoComplainant(name, phone);
        check("officer-queue");
        row.findElement(By.cssSelector("a")).click();
        browser.waitForScreen();
        assertThat(browser.find("[data-complainant]").getText()).isEqualTo("Hidden (anonymous)");
        assertNoComplainant(name, phone);
        browser.submit(browser.form("Acknowledge"));
        assertThat(status()).isEqualTo("IN_PROGRESS");
        WebElement followUp = browser.form("Post a follow-up");
        browser.type(followUp, "message", "The plank was replaced on Tuesday; the bridge is open again.");
        check("officer-complaint");
        browser.submit(followUp);
        assertThat(status()).isEqualTo("RESPONDED");
        assertThat(browser.pageText()).contains("The plank was replaced on Tuesday");
        assertNoComplainant(name, phone);

        // the citizen finds it among their complaints and accepts the answer with a rating
        browser.signIn("citizen", citizen, null);
        browser.find("[data-mine] a[href$='" + id + "']").click();
        browser.waitForScreen();
        assertThat(status()).isEqualTo("RESPONDED");
        WebElement accept = browser.form("Accept the follow-up");
        browser.tick(accept, "5 — very good");
        browser.type(accept, "comment", "Fixed quickly, thank you.");
        check("citizen-accept");
        browser.submit(accept);
        assertThat(status()).isEqualTo("COMPLETED");
        assertThat(browser.pageText()).contains("5 / 5");

        // anyone can track it by its number, without signing in
        browser.find("#sign-out").click();
        browser.go("#/track");
        WebElement track = browser.form("Tracking number");
        browser.type(track, "number", tracking);
        browser.submit(track);
        assertThat(browser.find("main [data-status]").getDomAttribute("data-status")).isEqualTo("COMPLETED");
        assertNoComplainant(name, phone);
        check("public-tracking");

        // the auditor reads the timeline, sees it verified, and downloads the export
        browser.signIn("auditor", null, null);
        browser.go("#/auditor/c/" + id);
        assertThat(browser.find("[data-verification]").getDomAttribute("data-verification")).isEqualTo("valid");
        List<String> types = browser.all("table.timeline tbody tr td:first-of-type").stream().map(WebElement::getText).toList();
        assertThat(types).contains("submitted", "dispatched", "acknowledged", "follow-up-posted", "complainant-accepted");
        assertNoComplainant(name, phone);
        check("auditor-timeline");
        browser.find("[data-export]").click();
        Path export = ConsoleBrowser.DOWNLOADS.resolve("complaint-" + id + ".ndjson");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(export)
                .as("%s; page says: %s %s; downloads: %s", export,
                        browser.find("#announcer").getDomProperty("textContent"),
                        browser.all(".form-errors").stream().map(WebElement::getText).toList(),
                        Files.list(ConsoleBrowser.DOWNLOADS).toList())
                .exists());
        assertThat(Files.readAllLines(export)).hasSize(types.size())
                .allSatisfy(line -> assertThat(line).contains("\"complaintId\":\"" + id + "\""));

        // the Ombudsman's screens: escalations, and the agency's performance including this assignment
        browser.signIn("ombudsman", null, null);
        check("ombudsman-escalations");
        browser.go("#/ombudsman/performance");
        WebElement agency = browser.findRefreshing("ul.performance > li");
        assertThat(browser.pageText()).contains("dinas-pupr").contains("Received");
        assertThat(agency.findElements(By.cssSelector(".bar"))).isNotEmpty();
        check("ombudsman-performance");

        assertAccessible();
    }

    @Test
    void the_operator_holds_a_complaint_its_citizen_answers_and_the_operator_tightens_and_archives_it() throws Exception {
        String citizen = "warga-console-" + UUID.randomUUID().toString().substring(0, 8);
        String id = Api.file(citizen);
        inEnglish();

        browser.signIn("operator", null, null);
        browser.findRefreshing("tr[data-id='" + id + "'] a").click();
        browser.waitForScreen();
        WebElement hold = browser.form("Hold for clarification");
        browser.type(hold, "question", "Which stretch of Jalan Sudirman, between which junctions?");
        browser.submit(hold);
        assertThat(status()).isEqualTo("ON_HOLD");

        browser.signIn("citizen", citizen, null);
        browser.go("#/citizen/c/" + id);
        assertThat(browser.pageText()).contains("The operator asks: Which stretch of Jalan Sudirman");
        WebElement answer = browser.form("Answer the request for clarification");
        browser.type(answer, "answer", "Between the market junction and the mosque.");
        check("citizen-clarification");
        browser.submit(answer);
        assertThat(status()).isEqualTo("SUBMITTED");

        browser.signIn("operator", null, null);
        browser.go("#/operator/c/" + id);
        WebElement visibility = browser.form("Change visibility");
        browser.tick(visibility, "Confidential");
        browser.type(visibility, "reason", "The location identifies the complainant's house.");
        browser.submit(visibility);
        assertThat(browser.pageText()).contains("named, confidential");
        WebElement archive = browser.form("Archive");
        browser.choose(archive, "reason", "INCOMPLETE");
        browser.type(archive, "note", "No photo and no exact place after clarification.");
        browser.submit(archive);
        assertThat(status()).isEqualTo("ARCHIVED");
        check("operator-archived");
        assertAccessible();
    }

    @Test
    void the_ombudsman_opens_a_review_of_an_escalated_complaint_records_a_finding_and_closes_it() throws Exception {
        String id = Api.dispatched("warga-console-" + UUID.randomUUID().toString().substring(0, 8));
        Api.post(Tokens.operator(), "/api/complaints/" + id + "/escalate",
                "{\"reason\":\"No answer from the agency after two reminders\"}").statusCode(200);
        inEnglish();

        browser.signIn("ombudsman", null, null);
        WebElement row = browser.findRefreshing("tr[data-id='" + id + "']");
        assertThat(row.getText()).contains("By the operator").contains("Not opened");
        row.findElement(By.cssSelector("a")).click();
        browser.waitForScreen();
        assertThat(status()).isEqualTo("ESCALATED");
        browser.submit(browser.form("Open a review"));
        assertThat(status()).isEqualTo("UNDER_REVIEW");
        WebElement finding = browser.form("Record a finding");
        browser.tick(finding, "Maladministration found");
        browser.tick(finding, "Undue delay");
        browser.type(finding, "recommendation", "Answer within five working days and report back to the Ombudsman.");
        check("ombudsman-review");
        browser.submit(finding);
        WebElement close = browser.form("Close the review");
        browser.type(close, "outcome", "Recommendation issued to the agency head.");
        browser.submit(close);
        assertThat(status()).isEqualTo("REVIEWED");

        browser.signIn("auditor", null, null);
        browser.go("#/auditor/c/" + id);
        List<String> types = browser.all("table.timeline tbody tr td:first-of-type").stream().map(WebElement::getText).toList();
        assertThat(types).contains("escalated", "review-opened", "finding-recorded", "review-closed");
        assertAccessible();
    }

    @Test
    void the_officers_queue_shows_a_follow_up_due_within_a_working_day_as_due_soon_in_words_and_colour() {
        String id = Api.dispatched("warga-console-" + UUID.randomUUID().toString().substring(0, 8));
        Instant due = Instant.parse(Api.as(Tokens.officer("dinas-pupr")).get("/api/complaints/" + id).then()
                .statusCode(200).extract().path("deadlines.find { it.kind == 'FOLLOW_UP' }.dueAt"));
        inEnglish();
        // two hours before the follow-up falls due: within one working day, not yet missed
        clock.advance(Duration.between(clock.instant(), due).minusHours(2));
        try {
            browser.signIn("agency-officer", null, "dinas-pupr");
            WebElement badge = browser.findRefreshing("tr[data-id='" + id + "'] .badge");
            assertThat(badge.getText()).isEqualTo("! Due soon");
            assertThat(badge.getDomAttribute("class")).contains("sla-due_soon");
            check("officer-queue-due-soon");

            WebElement filters = browser.find("form.filters");
            browser.choose(filters, "status", "DISPATCHED");
            browser.tick(filters, "Overdue only");
            browser.clickAndWaitForRedraw(filters.findElement(By.cssSelector("button[type=submit]")));
            assertThat(browser.driver().getCurrentUrl()).endsWith("#/officer?status=DISPATCHED&overdue=true");
            assertThat(browser.all("tr[data-id='" + id + "']")).as("not overdue yet").isEmpty();
        } finally {
            clock.reset();
        }
        assertAccessible();
    }

    @Test
    void an_officer_declines_a_complaint_that_is_not_their_agencys_and_the_operator_redispatches_it() {
        String id = Api.dispatched("warga-console-" + UUID.randomUUID().toString().substring(0, 8));
        inEnglish();

        browser.signIn("agency-officer", null, "dinas-pupr");
        browser.go("#/officer/c/" + id);
        WebElement decline = browser.form("Decline: not our authority");
        browser.type(decline, "reason", "Street lighting is the transport office's, not public works'.");
        browser.choose(decline, "suggestedAgencyId", "dishub");
        browser.submit(decline);
        browser.waitForHeading("Agency queue");

        browser.signIn("operator", null, null);
        browser.findRefreshing("tr[data-id='" + id + "'] a").click();
        browser.waitForScreen();
        assertThat(status()).isEqualTo("AWAITING_REDISPATCH");
        WebElement redispatch = browser.form("Re-dispatch");
        browser.choose(redispatch, "agencyId", "dishub");
        check("operator-redispatch");
        browser.submit(redispatch);
        assertThat(status()).isEqualTo("DISPATCHED");
        assertThat(browser.pageText()).contains("dishub");
        assertAccessible();
    }

    @Test
    void a_citizen_objects_to_a_follow_up_and_the_complaint_reopens_for_the_agency() {
        String citizen = "warga-console-" + UUID.randomUUID().toString().substring(0, 8);
        String id = Api.dispatched(citizen);
        String officer = Tokens.officer("dinas-pupr");
        Api.post(officer, "/api/complaints/" + id + "/acknowledge", "{}").statusCode(200);
        Api.post(officer, "/api/complaints/" + id + "/follow-ups", "{\"message\":\"Sudah kami tambal.\"}").statusCode(200);
        inEnglish();

        browser.signIn("citizen", citizen, null);
        browser.go("#/citizen/c/" + id);
        WebElement object = browser.form("Object");
        browser.type(object, "reason", "The hole was filled with sand only; it is back after one rain.");
        browser.submit(object);
        assertThat(status()).isEqualTo("IN_PROGRESS");
        assertThat(browser.pageText()).containsPattern("Times reopened\\s+1");
    }

    @Test
    void the_operator_links_a_complaint_as_a_duplicate_of_another() {
        String original = Api.file("warga-console-" + UUID.randomUUID().toString().substring(0, 8));
        String duplicate = Api.file("warga-console-" + UUID.randomUUID().toString().substring(0, 8));
        inEnglish();

        browser.signIn("operator", null, null);
        browser.go("#/operator/c/" + duplicate);
        WebElement link = browser.form("Link as a duplicate");
        browser.type(link, "originalId", original);
        browser.submit(link);
        assertThat(status()).isEqualTo("ARCHIVED");
        assertThat(browser.find("[data-duplicate-of]").getText()).isEqualTo(original);

        browser.go("#/operator/c/" + original);
        WebElement escalate = browser.form("Escalate to the Ombudsman");
        browser.type(escalate, "reason", "Three complaints about the same hole, none answered.");
        browser.submit(escalate);
        assertThat(status()).isEqualTo("ESCALATED");
    }

    @Test
    void a_citizen_appeals_one_complaint_to_the_ombudsman_and_withdraws_another() {
        String citizen = "warga-console-" + UUID.randomUUID().toString().substring(0, 8);
        String dispatched = Api.dispatched(citizen);
        String filed = Api.file(citizen);
        inEnglish();

        browser.signIn("citizen", citizen, null);
        browser.go("#/citizen/c/" + dispatched);
        WebElement appeal = browser.form("Appeal to the Ombudsman");
        browser.type(appeal, "reason", "The agency has not answered and the road is still closed.");
        browser.submit(appeal);
        assertThat(status()).isEqualTo("ESCALATED");

        browser.go("#/citizen/c/" + filed);
        WebElement withdraw = browser.form("Withdraw the complaint");
        browser.type(withdraw, "reason", "The hole was filled by the neighbours.");
        browser.submit(withdraw);
        assertThat(status()).isEqualTo("WITHDRAWN");
        assertThat(browser.all("main form")).as("nothing left to do on a withdrawn complaint").isEmpty();
    }

    @Test
    void the_auditor_sees_a_complaint_whose_stored_event_was_altered_as_broken_at_that_event() throws Exception {
        String id = Api.dispatched("warga-console-" + UUID.randomUUID().toString().substring(0, 8));
        // tampered only once the sequencer has chained every event, as a forger would find a settled ledger
        await().atMost(Duration.ofSeconds(20)).until(() -> Api.as(Tokens.auditor()).get("/api/complaints/" + id + "/history")
                .then().statusCode(200).extract().<List<Object>>path("events.findAll { it.ledgerSeq == null }").isEmpty());
        inEnglish();
        browser.signIn("auditor", null, null);
        try (Tampering tampering = new Tampering()) {
            tampering.mergeIntoData(UUID.fromString(id), 5, "{\"agencyId\":\"dinkes\"}");
            browser.go("#/auditor/c/" + id);
            WebElement badge = browser.find("[data-verification]");
            assertThat(badge.getDomAttribute("data-verification")).isEqualTo("broken");
            assertThat(badge.getText()).isEqualTo("✕ Chain broken at event 5 (altered)");
            assertThat(browser.all("tr.broken-row").stream().map(row -> row.getDomAttribute("data-version")))
                    .containsExactly("5");
            check("auditor-broken");
        }
        browser.go("#/auditor/c/" + id);
        assertThat(browser.find("[data-verification]").getText()).startsWith("✓ Verified:");
        assertAccessible();
    }

    @Test
    void a_token_from_the_identity_provider_is_pasted_in_and_a_forged_one_is_turned_away_by_the_server() {
        browser.go("#/signin");
        browser.driver().executeScript("sessionStorage.clear()");
        inEnglish();
        WebElement paste = browser.form("Token from the identity provider");
        browser.type(paste, "token", Tokens.operator());
        browser.submit(paste);
        browser.waitForHeading("Verification queue");
        browser.waitForScreen();
        assertThat(browser.all("main .alert")).as("the operator's queue, loaded with the pasted token").isEmpty();
        assertThat(browser.find("#nav .who").getText()).isEqualTo("op-test");

        // the console reads the claims only to choose screens; a token whose signature does not hold is the
        // server's to refuse, and its 401 ends the session
        String[] parts = Tokens.ombudsman().split("\\.");
        String forged = parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse();
        browser.go("#/signin");
        paste = browser.form("Token from the identity provider");
        browser.type(paste, "token", forged);
        paste.findElement(By.cssSelector("button[type=submit]")).click();
        browser.waitForText("main > .alert",
                "The server did not accept your session (the token expired or is not valid). Please sign in again.");
        assertThat(browser.driver().executeScript("return sessionStorage.length")).isEqualTo(0L);
    }

    /** The assertions below read the English texts; the language is the browser's, kept in localStorage. */
    private void inEnglish() {
        browser.go("#/signin");
        browser.driver().executeScript("localStorage.setItem('ledger.console.language', 'en')");
        browser.go("#/signin");
    }

    private void assertAccessible() {
        assertThat(violations).as("serious or critical axe-core violations per screen")
                .allSatisfy((screen, found) -> assertThat(found).as(screen).isEmpty());
    }

    private String status() {
        return browser.find("main [data-status]").getDomAttribute("data-status");
    }

    private void assertNoComplainant(String name, String phone) {
        String source = browser.driver().getPageSource();
        assertThat(source).doesNotContain(name).doesNotContain(phone);
    }

    /** Photographs the screen and runs axe-core on it; text that is still a message key means a missing translation. */
    private void check(String screen) {
        browser.waitForScreen();
        assertThat(browser.pageText()).as("untranslated message keys on " + screen)
                .doesNotContainPattern("\\b(status|field|signin|file|sla|role|category|reportType|deadline|cause)\\.[A-Za-z]");
        browser.screenshot(screen);
        violations.put(screen, browser.seriousAccessibilityViolations());
    }
}
