package org.complaintledger.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
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
import org.complaintledger.attachment.Evidence;
import org.complaintledger.ledger.Tampering;
import org.complaintledger.support.Api;
import org.complaintledger.support.TestClock;
import org.complaintledger.support.Tokens;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

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

    /** No test passes while the page logged an error or a request failed, unless the test provoked it on purpose. */
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
        // the phone's position, given when the citizen presses "Use my location" (the browser's permission granted)
        browser.driver().executeCdpCommand("Browser.grantPermissions", Map.of("permissions", List.of("geolocation")));
        browser.driver()
                .executeCdpCommand(
                        "Emulation.setGeolocationOverride",
                        Map.of("latitude", 1.48612, "longitude", 102.13275, "accuracy", 10));
        filing.findElement(By.cssSelector("[data-locate]")).click();
        browser.waitForText("[data-coordinates]", "Coordinates sent with the complaint: 1.48612, 102.13275");
        browser.tick(filing, "Anonymous");
        browser.type(filing, "name", name);
        browser.type(filing, "phone", phone);
        assertThat(browser.pageText()).contains("only the operator and the Ombudsman see it");
        assertThat(browser.driver()
                        .executeScript(
                                "return document.documentElement.scrollWidth - document.documentElement.clientWidth"))
                .as("horizontal scrolling at a phone's width")
                .isEqualTo(0L);
        check("citizen-file");
        browser.submit(filing);
        // the receipt: the number large, what comes next, a confirmation on screen
        browser.waitForHeading("Complaint sent");
        String tracking = browser.find("[data-receipt] [data-tracking]").getText();
        String id = browser.driver().getCurrentUrl().replaceAll(".*#/citizen/receipt/", "");
        assertThat(tracking).matches("LPR-[A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4}");
        assertThat(browser.find("[data-notice]").getText()).contains("Your complaint has been sent.");
        assertThat(browser.find("[data-next-step]").getText())
                .containsPattern(
                        "The operator verifies the complaint by (Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),? \\d{1,2} [A-Z][a-z]+\\.");
        check("citizen-receipt");
        browser.find("[data-receipt] a[href$='/c/" + id + "']").click();
        browser.waitForScreen();
        assertThat(status()).isEqualTo("SUBMITTED");
        assertThat(browser.find("[data-complainant]").getText()).contains(name);
        assertThat(browser.find("[data-location]").getText())
                .isEqualTo("Sungai Alam, Bengkalis, Bengkalis (1.48612, 102.13275)");
        check("citizen-complaint");
        browser.phone(false);

        // the operator finds it in the verification queue, sees who filed it, and dispatches it
        browser.signIn("operator", null, null);
        browser.findRefreshing("tr[data-id='" + id + "'] a").click();
        browser.waitForScreen();
        assertThat(browser.find("[data-complainant]").getText()).contains(name);
        check("operator-complaint");
        WebElement dispatch = browser.form("Verify and dispatch");
        assertThat(dispatch.findElement(By.name("agencyId")).getDomProperty("value"))
                .as("no agency chosen beforehand")
                .isEmpty();
        browser.choose(dispatch, "agencyId", "dinas-pupr");
        browser.type(dispatch, "note", "Footbridges are the public works office's.");
        browser.submit(dispatch);
        assertThat(status()).isEqualTo("DISPATCHED");
        assertThat(browser.find("[data-notice]").getText()).contains("Saved.");
        assertThat(browser.find("[data-agency]").getText()).isEqualTo("Dinas Pekerjaan Umum dan Penataan Ruang");
        assertThat(browser.find("[data-handoffs] [data-event='dispatched']").getText())
                .contains("Dispatched to an agency")
                .contains("Operator")
                .contains("Note: Footbridges are the public works office's.");
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
        // tracking reads the public read side, which may be a moment behind the acceptance: ask again until it is not
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            WebElement track = browser.form("Tracking number");
            browser.type(track, "number", tracking);
            browser.submit(track);
            return "COMPLETED".equals(browser.find("main [data-status]").getDomAttribute("data-status"));
        });
        assertNoComplainant(name, phone);
        check("public-tracking");

        // the auditor reads the timeline, sees it verified, and downloads the export
        // the auditor finds it by its tracking number (no UUID to type), reads the timeline, sees it verified
        browser.signIn("auditor", null, null);
        check("auditor-home");
        WebElement search = browser.find("main section.panel form");
        browser.type(search, "number", tracking.toLowerCase());
        browser.submit(search);
        browser.waitForHeading("Complaint history");
        assertThat(browser.driver().getCurrentUrl()).endsWith("#/auditor/c/" + id);
        assertThat(browser.find("[data-verification]").getDomAttribute("data-verification"))
                .isEqualTo("valid");
        List<String> types = browser.all("table.timeline tbody tr td[data-type]").stream()
                .map(e -> e.getDomAttribute("data-type"))
                .toList();
        assertThat(types)
                .contains("submitted", "dispatched", "acknowledged", "follow-up-posted", "complainant-accepted");
        assertThat(browser.pageText()).contains("Acknowledged by the agency").doesNotContain("deadline-set");
        assertNoComplainant(name, phone);
        check("auditor-timeline");
        browser.find("[data-export]").click();
        Path export = ConsoleBrowser.DOWNLOADS.resolve("complaint-" + id + ".ndjson");
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(export)
                        .as(
                                "%s; page says: %s %s; downloads: %s",
                                export,
                                browser.find("#announcer").getDomProperty("textContent"),
                                browser.all(".form-errors").stream()
                                        .map(WebElement::getText)
                                        .toList(),
                                Files.list(ConsoleBrowser.DOWNLOADS).toList())
                        .exists());
        assertThat(Files.readAllLines(export))
                .hasSize(types.size())
                .allSatisfy(line -> assertThat(line).contains("\"complaintId\":\"" + id + "\""));

        // the Ombudsman's screens: escalations, and the agency's performance including this assignment
        browser.signIn("ombudsman", null, null);
        check("ombudsman-escalations");
        browser.go("#/ombudsman/performance");
        WebElement agency = browser.findRefreshing("ul.performance > li");
        assertThat(browser.pageText())
                .contains("Dinas Pekerjaan Umum dan Penataan Ruang")
                .contains("Received")
                .doesNotContain("dinas-pupr\n");
        assertThat(agency.findElements(By.cssSelector(".bar"))).isNotEmpty();
        check("ombudsman-performance");

        assertAccessible();
    }

    @Test
    void the_operator_holds_a_complaint_its_citizen_answers_and_the_operator_tightens_and_archives_it()
            throws Exception {
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
        assertThat(browser.find("[data-handoffs]").getText())
                .contains("Question: Which stretch of Jalan Sudirman")
                .contains("Answer: Between the market junction and the mosque.");
        WebElement archive = browser.form("Archive");
        assertThat(archive.findElement(By.name("reason")).getDomProperty("value"))
                .as("no reason chosen beforehand")
                .isEmpty();
        assertThat(archive.findElement(By.cssSelector("button[type=submit]")).getDomAttribute("class"))
                .isEqualTo("danger");
        browser.choose(archive, "reason", "INCOMPLETE");
        browser.type(archive, "note", "No photo and no exact place after clarification.");
        archive.findElement(By.cssSelector("button[type=submit]")).click();
        assertThat(archive.findElement(By.cssSelector("[data-confirm]")).getText())
                .contains("The complaint is archived and not followed up. Go ahead?");
        check("operator-archive-confirmation");
        assertThat(status()).as("nothing happens before the confirmation").isEqualTo("SUBMITTED");
        archive.findElement(By.cssSelector("[data-confirm-no]")).click();
        browser.submitConfirmed(archive);
        assertThat(status()).isEqualTo("ARCHIVED");
        check("operator-archived");
        assertAccessible();
    }

    @Test
    void the_ombudsman_opens_a_review_of_an_escalated_complaint_records_a_finding_and_closes_it() throws Exception {
        String id =
                Api.dispatched("warga-console-" + UUID.randomUUID().toString().substring(0, 8));
        Api.post(
                        Tokens.operator(),
                        "/api/complaints/" + id + "/escalate",
                        "{\"reason\":\"No answer from the agency after two reminders\"}")
                .statusCode(200);
        inEnglish();

        browser.signIn("ombudsman", null, null);
        WebElement row = browser.findRefreshing("tr[data-id='" + id + "']");
        assertThat(row.getText()).contains("By the operator").contains("Not opened");
        row.findElement(By.cssSelector("a")).click();
        browser.waitForScreen();
        assertThat(status()).isEqualTo("ESCALATED");
        assertThat(browser.find("[data-handoffs] [data-event='escalated']").getText())
                .contains("Cause: By the operator")
                .contains("Reason: No answer from the agency after two reminders");
        assertThat(browser.find("[data-next-step]").getText()).contains("The Ombudsman opens a review");
        browser.submit(browser.form("Open a review"));
        assertThat(status()).isEqualTo("UNDER_REVIEW");
        WebElement finding = browser.form("Record a finding");
        browser.tick(finding, "Maladministration found");
        browser.tick(finding, "Undue delay");
        browser.type(finding, "recommendation", "Answer within five working days and report back to the Ombudsman.");
        check("ombudsman-review");
        browser.submit(finding);
        assertThat(browser.find("[data-handoffs] [data-event='finding-recorded']")
                        .getText())
                .contains("Maladministration: yes")
                .contains("Forms: Undue delay")
                .contains("Recommendation: Answer within five working days");
        WebElement close = browser.form("Close the review");
        browser.type(close, "outcome", "Recommendation issued to the agency head.");
        browser.submitConfirmed(close);
        assertThat(status()).isEqualTo("REVIEWED");

        browser.signIn("auditor", null, null);
        browser.go("#/auditor/c/" + id);
        List<String> types = browser.all("table.timeline tbody tr td[data-type]").stream()
                .map(e -> e.getDomAttribute("data-type"))
                .toList();
        assertThat(types).contains("escalated", "review-opened", "finding-recorded", "review-closed");
        assertAccessible();
    }

    @Test
    void the_officers_queue_shows_a_follow_up_due_within_a_working_day_as_due_soon_in_words_and_colour() {
        String id =
                Api.dispatched("warga-console-" + UUID.randomUUID().toString().substring(0, 8));
        Instant due = Instant.parse(Api.as(Tokens.officer("dinas-pupr"))
                .get("/api/complaints/" + id)
                .then()
                .statusCode(200)
                .extract()
                .path("deadlines.find { it.kind == 'FOLLOW_UP' }.dueAt"));
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
            assertThat(browser.all("tr[data-id='" + id + "']"))
                    .as("not overdue yet")
                    .isEmpty();
        } finally {
            clock.reset();
        }
        assertAccessible();
    }

    @Test
    void an_officer_declines_a_complaint_that_is_not_their_agencys_and_the_operator_redispatches_it() {
        String id =
                Api.dispatched("warga-console-" + UUID.randomUUID().toString().substring(0, 8));
        inEnglish();

        browser.signIn("agency-officer", null, "dinas-pupr");
        browser.go("#/officer/c/" + id);
        WebElement decline = browser.form("Decline: not our authority");
        browser.type(decline, "reason", "Street lighting is the transport office's, not public works'.");
        browser.choose(decline, "suggestedAgencyId", "dishub");
        browser.submitConfirmed(decline);
        browser.waitForHeading("Agency queue");
        assertThat(browser.find("[data-notice]").getText()).contains("The complaint went back to the operator.");
        assertThat(browser.all("tr[data-id='" + id + "']"))
                .as("a declined complaint leaves the queue at once")
                .isEmpty();

        browser.signIn("operator", null, null);
        browser.findRefreshing("tr[data-id='" + id + "'] a").click();
        browser.waitForScreen();
        assertThat(status()).isEqualTo("AWAITING_REDISPATCH");
        assertThat(browser.find("[data-handoffs] [data-event='declined-by-agency']")
                        .getText())
                .contains("Declined by the agency")
                .contains("Suggested agency: Dinas Perhubungan")
                .contains("Reason: Street lighting is the transport office's, not public works'.");
        WebElement redispatch = browser.form("Re-dispatch");
        assertThat(redispatch.findElement(By.name("agencyId")).getDomProperty("value"))
                .isEmpty();
        browser.choose(redispatch, "agencyId", "dishub");
        check("operator-redispatch");
        browser.submit(redispatch);
        assertThat(status()).isEqualTo("DISPATCHED");
        assertThat(browser.find("[data-agency]").getText()).isEqualTo("Dinas Perhubungan");
        assertAccessible();
    }

    @Test
    void the_operator_dispatches_a_transport_complaint_which_stays_transport_and_its_officer_reads_the_note()
            throws IOException {
        String citizen = "warga-console-" + UUID.randomUUID().toString().substring(0, 8);
        String id = Api.as(Tokens.citizen(citizen))
                .body(Api.complaint("Rina Marlina", false, false).replace("INFRASTRUCTURE", "TRANSPORT"))
                .post("/api/complaints")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        inEnglish();

        // the categories come from the API: TRANSPORT is there, chosen as filed; its default agency is offered first
        browser.signIn("operator", null, null);
        browser.go("#/operator/c/" + id);
        WebElement dispatch = browser.form("Verify and dispatch");
        assertThat(dispatch.findElement(By.name("category")).getDomProperty("value"))
                .isEqualTo("TRANSPORT");
        WebElement agency = dispatch.findElement(By.name("agencyId"));
        assertThat(agency.getDomProperty("value"))
                .as("no agency chosen beforehand")
                .isEmpty();
        assertThat(agency.findElements(By.cssSelector("option")).get(1).getText())
                .isEqualTo("Dinas Perhubungan (the default agency of this category)");
        browser.choose(dispatch, "agencyId", "dishub");
        browser.type(dispatch, "note", "Traffic lights: the transport office's.");
        check("operator-dispatch-transport");
        browser.submit(dispatch);
        assertThat(status()).isEqualTo("DISPATCHED");
        assertThat(browser.find("[data-category]").getDomAttribute("data-category"))
                .isEqualTo("TRANSPORT");
        List<String> verified = Api.as(Tokens.auditor())
                .get("/api/complaints/" + id + "/history")
                .then()
                .statusCode(200)
                .extract()
                .path("events.findAll { it.type == 'complaint.verified' }.data.category");
        assertThat(verified).containsExactly("TRANSPORT");

        // the officer reads the operator's note where it acts, and its queue follows its own step at once
        browser.signIn("agency-officer", null, "dishub");
        browser.go("#/officer/c/" + id);
        assertThat(browser.find("[data-handoffs] [data-event='dispatched']").getText())
                .contains("Note: Traffic lights: the transport office's.");
        assertThat(browser.pageText()).doesNotContain(citizen);
        check("officer-complaint-handoffs");
        browser.submit(browser.form("Acknowledge"));
        assertThat(status()).isEqualTo("IN_PROGRESS");
        browser.go("#/officer");
        browser.waitForHeading("Agency queue");
        // listed once the read side has it at all; then at the status the officer's own step left, at once
        assertThat(browser.findRefreshing("tr[data-id='" + id + "']").getText()).contains("In progress");

        // the complainant, in another browser that never filed it (a phone), finds it among their complaints from
        // the service
        try (ConsoleBrowser other = ConsoleBrowser.open(ConsoleBrowser.find().orElseThrow(), console)) {
            other.phone(true);
            other.go("#/signin");
            other.driver().executeScript("localStorage.setItem('ledger.console.language', 'en')");
            other.signIn("citizen", citizen, null);
            other.waitForHeading("My complaints");
            assertThat(other.find("[data-mine] a[href$='" + id + "']").getText())
                    .isEqualTo("Jalan berlubang di Jalan Sudirman");
            assertThat(other.pageText()).doesNotContain("Traffic lights: the transport office's.");
            other.screenshot("citizen-mine-other-browser-phone");
            assertThat(other.seriousAccessibilityViolations()).isEmpty();
            assertThat(other.consoleErrors()).as("the other browser's console").isEmpty();
        }
        assertAccessible();
    }

    @Test
    void
            the_agency_asks_reports_progress_and_asks_for_time_the_complainant_answers_and_the_operator_grants_and_closes() {
        String citizen = "warga-console-" + UUID.randomUUID().toString().substring(0, 8);
        String id = Api.dispatched(citizen);
        Api.post(Tokens.officer("dinas-pupr"), "/api/complaints/" + id + "/acknowledge", "{}")
                .statusCode(200);
        inEnglish();

        // the officer: a question, a progress update, a request for more time and a note for staff only
        browser.signIn("agency-officer", null, "dinas-pupr");
        browser.go("#/officer/c/" + id);
        WebElement question = browser.form("Ask the complainant");
        browser.type(question, "question", "Which side of the road is the hole on?");
        browser.submit(question);
        WebElement progress = browser.form("Post a progress update");
        browser.type(progress, "message", "Asphalt is ordered for this week.");
        browser.submit(progress);
        assertThat(status()).isEqualTo("IN_PROGRESS");
        WebElement extension = browser.form("Request more time");
        browser.type(extension, "days", "5");
        browser.type(extension, "reason", "The asphalt plant is closed until Monday.");
        browser.submit(extension);
        WebElement message = browser.form("Write a message");
        assertThat(message.findElement(By.name("audience")).getDomProperty("value"))
                .as("no audience chosen beforehand")
                .isEmpty();
        browser.type(message, "text", "Crew scheduled for Thursday morning.");
        browser.choose(message, "audience", "internal");
        browser.submit(message);
        assertThat(browser.find("[data-conversation] [data-note='MESSAGE']").getText())
                .contains("Internal (staff only)")
                .contains("Crew scheduled for Thursday morning.");
        check("officer-conversation");

        // the complainant answers the question and reads the public notes only
        browser.signIn("citizen", citizen, null);
        browser.go("#/citizen/c/" + id);
        WebElement answer = browser.form("Answer the question from the agency");
        assertThat(browser.pageText()).contains("Which side of the road is the hole on?");
        browser.type(answer, "answer", "The north side, by the mosque.");
        browser.submit(answer);
        assertThat(browser.find("[data-conversation] [data-note='ANSWER']").getText())
                .contains("The north side, by the mosque.");
        assertThat(browser.pageText())
                .contains("Asphalt is ordered for this week.")
                .doesNotContain("Crew scheduled for Thursday morning.")
                .doesNotContain("The asphalt plant is closed until Monday.");
        check("citizen-conversation");

        // the operator grants the time, then closes the complaint with an outcome, asked to confirm
        browser.signIn("operator", null, null);
        browser.go("#/operator/c/" + id);
        WebElement decision = browser.form("Decide a request for more time");
        assertThat(browser.pageText()).contains("The asphalt plant is closed until Monday.");
        browser.choose(decision, "granted", "true");
        browser.submit(decision);
        assertThat(browser.find("[data-conversation] [data-note='EXTENSION_DECISION']")
                        .getText())
                .contains("Granted");
        WebElement close = browser.form("Close the complaint");
        assertThat(close.findElement(By.name("outcome")).getDomProperty("value"))
                .isEmpty();
        browser.choose(close, "outcome", "RESOLVED");
        browser.type(close, "note", "Patched on Thursday; the road is open.");
        check("operator-close");
        browser.submitConfirmed(close);
        assertThat(status()).isEqualTo("COMPLETED");
        assertThat(browser.find("[data-closure]").getText()).isEqualTo("Resolved");
        assertAccessible();
    }

    @Test
    void a_citizen_objects_to_a_follow_up_and_the_complaint_reopens_for_the_agency() {
        String citizen = "warga-console-" + UUID.randomUUID().toString().substring(0, 8);
        String id = Api.dispatched(citizen);
        String officer = Tokens.officer("dinas-pupr");
        Api.post(officer, "/api/complaints/" + id + "/acknowledge", "{}").statusCode(200);
        Api.post(officer, "/api/complaints/" + id + "/follow-ups", "{\"message\":\"Sudah kami tambal.\"}")
                .statusCode(200);
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
    void the_operator_links_a_duplicate_by_tracking_number_and_unlinks_it_with_a_button() {
        String original =
                Api.file("warga-console-" + UUID.randomUUID().toString().substring(0, 8));
        String duplicate =
                Api.file("warga-console-" + UUID.randomUUID().toString().substring(0, 8));
        String originalTracking = Api.as(Tokens.operator())
                .get("/api/complaints/" + original)
                .then()
                .statusCode(200)
                .extract()
                .path("trackingNumber");
        // the console finds the original in the list of complaints, which is the read side: wait until it is there
        await().atMost(Duration.ofSeconds(30))
                .until(() -> Api.as(Tokens.operator())
                        .get("/api/complaints?limit=200")
                        .then()
                        .statusCode(200)
                        .extract()
                        .<List<String>>path("items.id")
                        .contains(original));
        inEnglish();

        browser.signIn("operator", null, null);
        browser.go("#/operator/c/" + duplicate);
        WebElement link = browser.form("Link as a duplicate");
        // typed as people do: lower case, spaces for hyphens
        browser.type(link, "original", originalTracking.toLowerCase().replace('-', ' '));
        browser.submitConfirmed(link);
        assertThat(status()).isEqualTo("ARCHIVED");
        WebElement duplicateOf = browser.find("[data-duplicate-of] a");
        assertThat(duplicateOf.getText()).startsWith(originalTracking).contains("Jalan berlubang");
        assertThat(browser.pageText()).doesNotContain(original);
        check("operator-duplicate");

        browser.submit(browser.form("Remove the duplicate link"));
        assertThat(status()).isEqualTo("SUBMITTED");
        assertThat(browser.all("[data-duplicate-of]")).isEmpty();

        browser.go("#/operator/c/" + original);
        WebElement escalate = browser.form("Escalate to the Ombudsman");
        browser.type(escalate, "reason", "Three complaints about the same hole, none answered.");
        browser.submitConfirmed(escalate);
        assertThat(status()).isEqualTo("ESCALATED");
        assertAccessible();
    }

    @Test
    void a_citizen_appeals_an_answered_complaint_but_not_a_fresh_one_and_withdraws_it() {
        String citizen = "warga-console-" + UUID.randomUUID().toString().substring(0, 8);
        String answered = Api.dispatched(citizen);
        String officer = Tokens.officer("dinas-pupr");
        Api.post(officer, "/api/complaints/" + answered + "/acknowledge", "{}").statusCode(200);
        Api.post(officer, "/api/complaints/" + answered + "/follow-ups", "{\"message\":\"Sudah kami tambal.\"}")
                .statusCode(200);
        String filed = Api.file(citizen);
        inEnglish();

        browser.signIn("citizen", citizen, null);
        browser.go("#/citizen/c/" + answered);
        WebElement appeal = browser.form("Appeal to the Ombudsman");
        browser.type(appeal, "reason", "The agency has not answered and the road is still closed.");
        browser.submitConfirmed(appeal);
        assertThat(status()).isEqualTo("ESCALATED");

        browser.go("#/citizen/c/" + filed);
        assertThat(browser.pageText())
                .as("no appeal before there is an outcome")
                .doesNotContain("Appeal to the Ombudsman");
        WebElement withdraw = browser.form("Withdraw the complaint");
        browser.type(withdraw, "reason", "The hole was filled by the neighbours.");
        browser.submitConfirmed(withdraw);
        assertThat(status()).isEqualTo("WITHDRAWN");
        assertThat(browser.all("main form"))
                .as("nothing left to do on a withdrawn complaint")
                .isEmpty();

        // the Ombudsman reads why the complainant appealed, where it decides whether to open a review
        browser.signIn("ombudsman", null, null);
        browser.go("#/ombudsman/c/" + answered);
        assertThat(browser.find("[data-handoffs] [data-event='escalated']").getText())
                .contains("Escalated to the Ombudsman")
                .contains("Citizen")
                .contains("Cause: Complainant's appeal")
                .contains("Reason: The agency has not answered and the road is still closed.");
        assertThat(browser.find("[data-handoffs] [data-event='dispatched']").getText())
                .contains("Note: mohon ditindaklanjuti");
        check("ombudsman-appeal");
        assertAccessible();
    }

    @Test
    void the_auditor_sees_a_complaint_whose_stored_event_was_altered_as_broken_at_that_event() throws Exception {
        String id =
                Api.dispatched("warga-console-" + UUID.randomUUID().toString().substring(0, 8));
        // tampered only once the sequencer has chained every event, as a forger would find a settled ledger
        await().atMost(Duration.ofSeconds(20))
                .until(() -> Api.as(Tokens.auditor())
                        .get("/api/complaints/" + id + "/history")
                        .then()
                        .statusCode(200)
                        .extract()
                        .<List<Object>>path("events.findAll { it.ledgerSeq == null }")
                        .isEmpty());
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
        assertThat(browser.all("main .alert"))
                .as("the operator's queue, loaded with the pasted token")
                .isEmpty();
        assertThat(browser.find("#nav .who").getText()).isEqualTo("op-test");

        // the console reads the claims only to choose screens; a token whose signature does not hold is the
        // server's to refuse, and its 401 ends the session
        String[] parts = Tokens.ombudsman().split("\\.");
        String forged = parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse();
        browser.go("#/signin");
        paste = browser.form("Token from the identity provider");
        browser.type(paste, "token", forged);
        browser.expectConsoleError("401");
        paste.findElement(By.cssSelector("button[type=submit]")).click();
        browser.waitForText(
                "main > .alert",
                "The server did not accept your session (the token expired or is not valid). Please sign in again.");
        assertThat(browser.driver().executeScript("return sessionStorage.length"))
                .isEqualTo(0L);
    }

    @Test
    void a_refused_filing_on_a_phone_says_in_indonesian_beside_the_field_what_is_wrong_and_focuses_it() {
        String citizen = "warga-console-" + UUID.randomUUID().toString().substring(0, 8);
        browser.go("#/signin");
        browser.driver().executeScript("localStorage.setItem('ledger.console.language', 'id')");
        browser.signIn("citizen", citizen, null);
        browser.waitForHeading("Aduan saya");
        browser.phone(true);
        WebElement filing = browser.form("Kirim aduan baru");
        browser.type(filing, "title", "Lampu jalan mati");
        assertThat(browser.pageText()).contains("16 dari 200 karakter");
        browser.type(filing, "description", "Lampu jalan di depan sekolah mati sejak seminggu.");
        browser.type(filing, "phone", "12");
        filing.findElement(By.cssSelector("button[type=submit]")).click();

        // checked before sending: Nama is required unless anonymous, and the phone number is too short
        WebElement name = filing.findElement(By.name("name"));
        assertThat(browser.driver().switchTo().activeElement().getDomAttribute("name"))
                .isEqualTo("name");
        assertThat(name.getDomAttribute("aria-invalid")).isEqualTo("true");
        WebElement nameError = browser.find("#" + name.getDomAttribute("id") + "-error");
        assertThat(nameError.getText()).isEqualTo("Wajib diisi.");
        assertThat(name.getDomAttribute("aria-describedby")).contains(nameError.getDomAttribute("id"));
        assertThat(browser.inView(name))
                .as("the first error is scrolled into view")
                .isTrue();
        WebElement phone = filing.findElement(By.name("phone"));
        assertThat(phone.getDomAttribute("aria-invalid")).isEqualTo("true");
        assertThat(browser.find("#" + phone.getDomAttribute("id") + "-error").getText())
                .startsWith("Tulis nomor telepon dengan 6 sampai 15 angka");
        assertThat(browser.find(".form-errors .alert").getText()).contains("periksa 2 isian yang ditandai");
        check("citizen-file-errors");

        // anonymous: the name is no longer required
        browser.tick(filing, "Anonim");
        assertThat(name.getDomAttribute("required")).isNull();
        browser.tick(filing, "Anonim");

        // refused by the server (the console's own e-mail check taken away, as an older page would lack it):
        // the service's words become the console's, beside the field, which takes the focus
        browser.type(filing, "name", "Budi Santoso");
        browser.type(filing, "phone", "+62 811 7654 321");
        browser.driver().executeScript("arguments[0].removeAttribute('pattern')", filing.findElement(By.name("email")));
        browser.type(filing, "email", "budi.santoso@example");
        browser.expectConsoleError("400");
        filing.findElement(By.cssSelector("button[type=submit]")).click();
        WebElement email = filing.findElement(By.name("email"));
        browser.waitForText(
                "#" + email.getDomAttribute("id") + "-error",
                "Tulis alamat surel lengkap dengan domainnya, mis. nama@contoh.go.id.");
        assertThat(email.getDomAttribute("aria-invalid")).isEqualTo("true");
        assertThat(name.getDomAttribute("aria-invalid")).isNull();
        assertThat(browser.driver().switchTo().activeElement().getDomAttribute("name"))
                .isEqualTo("email");
        assertThat(browser.inView(email)).isTrue();
        assertThat(browser.find(".form-errors .alert").getText())
                .contains("periksa 1 isian")
                .contains("request.invalid");
        check("citizen-file-server-error");
        browser.phone(false);
        assertAccessible();
    }

    @Test
    void tracking_takes_a_number_typed_with_spaces_in_lower_case_searches_from_a_link_and_clears_an_old_result() {
        String id = Api.file("warga-console-" + UUID.randomUUID().toString().substring(0, 8));
        String tracking = Api.as(Tokens.operator())
                .get("/api/complaints/" + id)
                .then()
                .statusCode(200)
                .extract()
                .path("trackingNumber");
        String typed = tracking.toLowerCase().replace('-', ' ');
        inEnglish();
        browser.driver().executeScript("sessionStorage.clear()");
        browser.phone(true);

        browser.go("#/track/" + typed.replace(" ", "%20"));
        assertThat(browser.find("main [data-status]").getDomAttribute("data-status"))
                .isEqualTo("SUBMITTED");
        assertThat(browser.pageText()).contains("The operator verifies the complaint");
        check("public-tracking-phone");

        WebElement track = browser.form("Tracking number");
        browser.type(track, "number", "lpr 0000 0000 0000");
        browser.expectConsoleError("404");
        track.findElement(By.cssSelector("button[type=submit]")).click();
        browser.find(".form-errors .alert");
        assertThat(browser.all("main [data-status]"))
                .as("the old result is gone")
                .isEmpty();

        browser.type(track, "number", typed);
        browser.submit(track);
        assertThat(browser.find("main [data-status]").getDomAttribute("data-status"))
                .isEqualTo("SUBMITTED");
        assertThat(track.findElement(By.name("number")).getDomProperty("value")).isEqualTo(tracking);
        browser.phone(false);
        assertAccessible();
    }

    @Test
    void the_landing_page_says_what_the_service_is_and_offers_report_and_track_before_sign_in() {
        browser.go("#/signin");
        browser.driver().executeScript("sessionStorage.clear(); localStorage.setItem('ledger.console.language', 'id')");
        browser.phone(true);
        browser.go("#/");
        browser.waitForHeading("Layanan pengaduan pelayanan publik");
        List<String> links =
                browser.all("main a").stream().map(WebElement::getText).toList();
        assertThat(links).startsWith("Lapor", "Lacak aduan").contains("Masuk");
        assertThat(browser.pageText()).contains("Operator memverifikasi aduan Anda");
        Object icon = browser.script("""
                const done = arguments[arguments.length - 1];
                fetch(document.querySelector('link[rel=icon]').href).then(r => done(r.status), e => done(String(e)));
                """);
        assertThat(icon).isEqualTo(200L);
        // browsers ask every page's origin for /favicon.ico on their own (the API's pages, Swagger UI): it is there
        Object ico = browser.script("""
                const done = arguments[arguments.length - 1];
                fetch('/favicon.ico').then(r => done(r.status + ' ' + r.headers.get('Content-Type')), e => done(String(e)));
                """);
        assertThat(ico).asString().startsWith("200 image/");
        check("landing-phone");
        browser.phone(false);
        check("landing");
        assertAccessible();
    }

    @Test
    void switching_language_keeps_what_was_typed_and_the_receipt_prints_without_the_forms() {
        String citizen = "warga-console-" + UUID.randomUUID().toString().substring(0, 8);
        String id = Api.file(citizen);
        inEnglish();
        browser.signIn("citizen", citizen, null);
        browser.waitForHeading("My complaints");
        WebElement filing = browser.form("File a new complaint");
        browser.type(filing, "title", "Sampah menumpuk di pasar");
        browser.tick(filing, "Anonymous");
        browser.find("#lang-switch").click();
        browser.waitForHeading("Aduan saya");
        filing = browser.form("Kirim aduan baru");
        assertThat(filing.findElement(By.name("title")).getDomProperty("value")).isEqualTo("Sampah menumpuk di pasar");
        assertThat(filing.findElement(By.name("anonymous")).isSelected()).isTrue();
        assertThat(filing.findElement(By.name("name")).getDomAttribute("required"))
                .isNull();
        browser.find("#lang-switch").click();
        browser.waitForHeading("My complaints");

        browser.go("#/citizen/receipt/" + id);
        browser.waitForHeading("Complaint sent");
        browser.driver().executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", "print"));
        try {
            assertThat(browser.find("[data-receipt] [data-tracking]").isDisplayed())
                    .isTrue();
            assertThat(browser.find("header.top").isDisplayed())
                    .as("no header on paper")
                    .isFalse();
            assertThat(browser.find("[data-print]").isDisplayed())
                    .as("no buttons on paper")
                    .isFalse();
            browser.screenshot("citizen-receipt-print");
        } finally {
            browser.driver().executeCdpCommand("Emulation.setEmulatedMedia", Map.of("media", ""));
        }
        check("citizen-receipt-desktop");
        assertAccessible();
    }

    /** The assertions below read the English texts; the language is the browser's, kept in localStorage. */
    @Test
    void a_citizen_files_with_a_photo_the_officer_sees_it_and_answers_with_a_letter_the_citizen_then_sees()
            throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String citizen = "warga-lampiran-" + suffix;
        Path photo = Files.createTempFile("saluran-", ".jpg");
        Path letter = Files.createTempFile("surat-jawaban-", ".pdf");
        Files.write(photo, Evidence.jpegWithGps());
        Files.write(letter, Evidence.pdf());
        inEnglish();

        // the citizen files with a photo of the blocked drain
        browser.signIn("citizen", citizen, null);
        browser.waitForHeading("My complaints");
        WebElement filing = browser.form("File a new complaint");
        browser.type(filing, "title", "Saluran tersumbat " + suffix);
        browser.type(filing, "description", "The drain beside the market is blocked; the street floods when it rains.");
        browser.choose(filing, "category", "INFRASTRUCTURE");
        browser.type(filing, "village", "Senggoro");
        browser.type(filing, "name", "Rina Marlina");
        filing.findElement(By.name("file")).sendKeys(photo.toString());
        browser.submit(filing);
        browser.waitForHeading("Complaint sent");
        assertThat(browser.find("[data-notice]").getText()).contains("Your complaint has been sent.");
        String id = browser.driver().getCurrentUrl().replaceAll(".*#/citizen/receipt/", "");
        Api.post(Tokens.operator(), "/api/complaints/" + id + "/dispatch", "{\"agencyId\":\"dinas-pupr\"}")
                .statusCode(200);

        // the officer sees the photo on the complaint page, as a thumbnail of the stored (stripped) image
        browser.signIn("agency-officer", null, "dinas-pupr");
        browser.go("#/officer/c/" + id);
        browser.waitForScreen();
        WebElement thumbnail = browser.find("[data-attachments] img[data-thumbnail]");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> ((Number) browser.driver().executeScript("return arguments[0].naturalWidth", thumbnail))
                                .intValue()
                        > 0);
        assertThat(browser.find("[data-attachments] [data-media-type='image/jpeg']")
                        .getText())
                .contains("image/jpeg")
                .contains("Citizen");
        check("officer-attachments");
        browser.submit(browser.form("Acknowledge"));
        assertThat(status()).isEqualTo("IN_PROGRESS");
        WebElement followUp = browser.form("Post a follow-up");
        browser.type(followUp, "message", "The drain was cleared on Monday; our letter is attached.");
        followUp.findElement(By.name("file")).sendKeys(letter.toString());
        browser.submit(followUp);
        assertThat(status()).isEqualTo("RESPONDED");

        // the citizen sees the agency's letter beside their photo, and can download it
        browser.signIn("citizen", citizen, null);
        browser.go("#/citizen/c/" + id);
        browser.waitForScreen();
        WebElement pdf = browser.find("[data-attachments] [data-media-type='application/pdf']");
        assertThat(pdf.getText()).contains("The agency's answer letter").contains("Liaison officer");
        assertThat(browser.all("[data-attachments] [data-attachment]")).hasSize(2);
        check("citizen-attachments");
        assertAccessible();
    }

    @Test
    void the_officer_reads_the_dispatch_note_and_the_citizens_objection_in_indonesian_and_each_queue_follows_each_step()
            throws Exception {
        String citizen = "warga-console-" + UUID.randomUUID().toString().substring(0, 8);
        String id = Api.file(citizen);
        String note = "Jalan kabupaten: urusan Dinas PUPR, mohon dicek hari ini.";
        String objection = "Lubangnya hanya ditimbun pasir; setelah hujan muncul lagi.";
        inIndonesian();

        // the operator: the step, its holder and its due date in words, the place with its coordinates
        browser.signIn("operator", null, null);
        browser.findRefreshing("tr[data-id='" + id + "'] a").click();
        browser.waitForScreen();
        assertThat(browser.find("[data-next-step]").getText())
                .containsPattern("Operator memverifikasi aduan paling lambat " + INDONESIAN_DAY + "\\.");
        assertThat(browser.find("[data-holder]").getText()).isEqualTo("Sedang ditangani oleh: Operator");
        assertThat(browser.find("[data-location]").getText())
                .isEqualTo("Senggoro, Bengkalis, Bengkalis (1.46500, 102.10730)");
        WebElement dispatch = browser.form("Verifikasi dan teruskan");
        browser.choose(dispatch, "agencyId", "dinas-pupr");
        browser.type(dispatch, "note", note);
        browser.submit(dispatch);
        assertThat(browser.find("[data-notice]").getText()).isEqualTo("✓ Berhasil disimpan.");
        assertThat(browser.find("[data-holder]").getText())
                .isEqualTo("Sedang ditangani oleh: Dinas Pekerjaan Umum dan Penataan Ruang");
        backToQueue("Antrean verifikasi");
        assertThat(browser.all("tr[data-id='" + id + "']"))
                .as("dispatched, it leaves the operator's queue at once")
                .isEmpty();

        // the officer reads the operator's note in its own words; each of its steps shows on its queue at once
        browser.signIn("agency-officer", null, "dinas-pupr");
        WebElement row = browser.findRefreshing("tr[data-id='" + id + "']");
        assertThat(row.getText()).contains("Diteruskan");
        row.findElement(By.cssSelector("a")).click();
        browser.waitForScreen();
        assertThat(browser.find("[data-handoffs] [data-event='dispatched']").getText())
                .contains("Diteruskan ke instansi")
                .contains("Operator")
                .contains("Instansi: Dinas Pekerjaan Umum dan Penataan Ruang")
                .contains("Catatan: " + note);
        browser.submit(browser.form("Terima penugasan"));
        assertThat(browser.find("[data-notice]").getText()).isEqualTo("✓ Berhasil disimpan.");
        backToQueue("Antrean instansi");
        assertThat(browser.find("tr[data-id='" + id + "']").getText()).contains("Diproses");
        browser.find("tr[data-id='" + id + "'] a").click();
        browser.waitForScreen();
        WebElement followUp = browser.form("Kirim tindak lanjut");
        browser.type(followUp, "message", "Lubang sudah ditambal pada hari Selasa.");
        browser.submit(followUp);
        assertThat(browser.find("[data-notice]").getText()).isEqualTo("✓ Berhasil disimpan.");
        backToQueue("Antrean instansi");
        assertThat(browser.find("tr[data-id='" + id + "']").getText()).contains("Ditanggapi");

        // the citizen objects, from a phone
        browser.signIn("citizen", citizen, null);
        browser.phone(true);
        browser.go("#/citizen/c/" + id);
        assertThat(browser.find("[data-holder]").getText()).isEqualTo("Sedang ditangani oleh: Pelapor");
        WebElement object = browser.form("Keberatan");
        browser.type(object, "reason", objection);
        browser.submit(object);
        assertThat(status()).isEqualTo("IN_PROGRESS");
        assertThat(browser.find("[data-notice]").getText()).isEqualTo("✓ Berhasil disimpan.");
        check("citizen-objected-phone");
        browser.phone(false);

        // the officer, in a new session, finds it back on the queue and reads why the citizen objected
        browser.signIn("agency-officer", null, "dinas-pupr");
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            browser.go("#/officer");
            return browser.all("tr[data-id='" + id + "']").stream()
                    .anyMatch(r -> r.getText().contains("Diproses"));
        });
        browser.find("tr[data-id='" + id + "'] a").click();
        browser.waitForScreen();
        assertThat(browser.find("[data-handoffs] [data-event='complainant-objected']")
                        .getText())
                .contains("Pelapor menolak tindak lanjut")
                .contains("Warga")
                .contains("Alasan: " + objection);
        assertThat(browser.find("[data-next-step]").getText())
                .containsPattern("Dinas Pekerjaan Umum dan Penataan Ruang menindaklanjuti aduan paling lambat "
                        + INDONESIAN_DAY);
        assertThat(browser.pageText()).doesNotContain(citizen);
        check("officer-objection");
        assertAccessible();
    }

    @Test
    void
            after_a_decline_the_officer_opening_it_again_reads_why_in_indonesian_with_a_way_back_and_the_operator_reads_the_reason() {
        String id =
                Api.dispatched("warga-console-" + UUID.randomUUID().toString().substring(0, 8));
        String reason = "Lampu jalan urusan Dinas Perhubungan, bukan Dinas PUPR.";
        inIndonesian();

        browser.signIn("agency-officer", null, "dinas-pupr");
        WebElement row = browser.findRefreshing("tr[data-id='" + id + "']");
        assertThat(row.getText()).contains("Diteruskan");
        row.findElement(By.cssSelector("a")).click();
        browser.waitForScreen();
        WebElement decline = browser.form("Tolak: bukan kewenangan kami");
        browser.type(decline, "reason", reason);
        browser.choose(decline, "suggestedAgencyId", "dishub");
        browser.submitConfirmed(decline);
        browser.waitForHeading("Antrean instansi");
        assertThat(browser.find("[data-notice]").getText()).isEqualTo("✓ Aduan dikembalikan ke operator.");
        assertThat(browser.all("tr[data-id='" + id + "']"))
                .as("no longer listed as Diteruskan")
                .isEmpty();

        // the browser's Back button leads to the page of a complaint no longer the agency's: said in Indonesian
        browser.expectConsoleError("403");
        browser.driver().navigate().back();
        browser.waitForScreen();
        WebElement alert = browser.find("main > .alert");
        assertThat(alert.findElement(By.cssSelector("p")).getText())
                .isEqualTo("Tidak berhasil: Aduan ini tidak lagi ditugaskan ke instansi Anda: sudah dikembalikan ke "
                        + "operator atau diteruskan ke instansi lain.");
        check("officer-declined-complaint");
        browser.find("main a[href='#/officer']").click();
        browser.waitForHeading("Antrean instansi");

        // another device, with no memory of the step, reads the queue from the read side: not listed there either
        browser.signIn("agency-officer", null, "dinas-pupr");
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            browser.go("#/officer");
            return browser.all("tr[data-id='" + id + "']").isEmpty();
        });

        // the operator reads the reason and the suggested agency, in Indonesian
        browser.signIn("operator", null, null);
        browser.go("#/operator/c/" + id);
        assertThat(browser.find("[data-handoffs] [data-event='declined-by-agency']")
                        .getText())
                .contains("Ditolak instansi (bukan wewenangnya)")
                .contains("Pejabat penghubung")
                .contains("Instansi yang disarankan: Dinas Perhubungan")
                .contains("Alasan: " + reason);
        assertThat(browser.find("[data-next-step]").getText())
                .startsWith("Langkah berikutnya\nOperator meneruskan aduan ke instansi yang berwenang paling lambat");
        check("operator-declined");
        assertAccessible();
    }

    @Test
    void the_ombudsman_reads_the_escalation_cause_and_the_finding_in_indonesian_and_the_list_follows_each_step() {
        String id =
                Api.dispatched("warga-console-" + UUID.randomUUID().toString().substring(0, 8));
        String reason = "Dua kali diingatkan, instansi belum menjawab.";
        inIndonesian();

        browser.signIn("operator", null, null);
        browser.go("#/operator/c/" + id);
        WebElement escalate = browser.form("Eskalasi ke Ombudsman");
        assertThat(escalate.findElement(By.cssSelector("button[type=submit]")).getDomAttribute("class"))
                .isEqualTo("danger");
        browser.type(escalate, "reason", reason);
        browser.submitConfirmed(escalate);
        assertThat(status()).isEqualTo("ESCALATED");
        assertThat(browser.find("[data-notice]").getText()).isEqualTo("✓ Berhasil disimpan.");

        browser.signIn("ombudsman", null, null);
        WebElement row = browser.findRefreshing("tr[data-id='" + id + "']");
        assertThat(row.getText()).contains("Oleh operator").contains("Belum dibuka");
        row.findElement(By.cssSelector("a")).click();
        browser.waitForScreen();
        assertThat(browser.find("[data-handoffs] [data-event='escalated']").getText())
                .contains("Dieskalasi ke Ombudsman")
                .contains("Operator")
                .contains("Sebab: Oleh operator")
                .contains("Alasan: " + reason);
        assertThat(browser.find("[data-holder]").getText()).isEqualTo("Sedang ditangani oleh: Ombudsman");
        browser.submit(browser.form("Buka pemeriksaan"));
        assertThat(browser.find("[data-notice]").getText()).isEqualTo("✓ Berhasil disimpan.");
        backToQueue("Eskalasi");
        assertThat(browser.find("tr[data-id='" + id + "']").getText())
                .as("the review just opened, at once")
                .contains("Diperiksa")
                .contains("Berjalan");
        browser.find("tr[data-id='" + id + "'] a").click();
        browser.waitForScreen();
        WebElement finding = browser.form("Catat temuan");
        browser.tick(finding, "Terdapat maladministrasi");
        browser.tick(finding, "Penundaan berlarut");
        browser.type(finding, "recommendation", "Jawab dalam lima hari kerja dan laporkan kepada Ombudsman.");
        browser.submit(finding);
        assertThat(browser.find("[data-handoffs] [data-event='finding-recorded']")
                        .getText())
                .contains("Temuan dicatat")
                .contains("Maladministrasi: ya")
                .contains("Bentuk: Penundaan berlarut")
                .contains("Rekomendasi: Jawab dalam lima hari kerja");
        check("ombudsman-finding");
        WebElement close = browser.form("Tutup pemeriksaan");
        browser.type(close, "outcome", "Rekomendasi disampaikan kepada kepala dinas.");
        browser.submitConfirmed(close);
        assertThat(status()).isEqualTo("REVIEWED");
        backToQueue("Eskalasi");
        assertThat(browser.find("tr[data-id='" + id + "']").getText())
                .contains("Telah diperiksa")
                .contains("Selesai");
        assertAccessible();
    }

    @Test
    void every_roles_screens_are_photographed_at_a_desktops_and_a_phones_width_and_pass_axe() {
        String citizen = "warga-console-" + UUID.randomUUID().toString().substring(0, 8);
        String id = Api.dispatched(citizen);
        inIndonesian();
        browser.driver().executeScript("sessionStorage.clear()");
        // each role's main screen first, then its other screens, on one complaint where one is needed
        Map<String, List<String>> screens = new LinkedHashMap<>();
        screens.put("public", List.of("#/", "#/track", "#/claim", "#/signin"));
        screens.put("citizen", List.of("#/citizen", "#/citizen/c/" + id, "#/citizen/receipt/" + id));
        screens.put(
                "operator",
                List.of("#/operator", "#/operator/c/" + id, "#/operator/desk", "#/operator/intake", "#/operator/sent"));
        screens.put("agency-officer", List.of("#/officer", "#/officer/c/" + id));
        screens.put("ombudsman", List.of("#/ombudsman", "#/ombudsman/c/" + id, "#/ombudsman/performance"));
        screens.put("auditor", List.of("#/auditor", "#/auditor/c/" + id));
        screens.put(
                "admin",
                List.of(
                        "#/admin",
                        "#/admin/agencies",
                        "#/admin/categories",
                        "#/admin/calendars",
                        "#/admin/policies",
                        "#/admin/keys",
                        "#/admin/history"));
        screens.forEach((role, routes) -> {
            if (!role.equals("public")) {
                browser.signIn(
                        role,
                        role.equals("citizen") ? citizen : null,
                        role.equals("agency-officer") ? "dinas-pupr" : null);
            }
            for (String route : routes) {
                String name = "screen-" + role
                        + route.replace("#/", "-")
                                .replace("/", "-")
                                .replace(id, "complaint")
                                .replaceAll("-+$", "");
                browser.phone(false);
                browser.go(route);
                check(name + "-desktop");
                browser.phone(true);
                browser.waitForScreen();
                assertThat(
                                browser.driver()
                                        .executeScript(
                                                "return document.documentElement.scrollWidth - document.documentElement.clientWidth"))
                        .as(
                                "horizontal scrolling at a phone's width on %s, past its right edge: %s",
                                route, browser.driver().executeScript("""
                                        const w = document.documentElement.clientWidth;
                                        return [...document.querySelectorAll('body *')]
                                          .filter(e => e.getBoundingClientRect().right > w + 1)
                                          .slice(0, 8).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right));"""))
                        .isEqualTo(0L);
                check(name + "-phone");
            }
        });
        browser.phone(false);
        assertThat(ConsoleBrowser.SCREENSHOTS.resolve("screen-citizen-citizen-phone.png"))
                .exists();
        assertAccessible();
    }

    /** The complaint page's own way back to the queue it came from. */
    private void backToQueue(String heading) {
        browser.find("main > p > a[href^='#/']:not([href*='/c/'])").click();
        browser.waitForHeading(heading);
        browser.waitForScreen();
    }

    /** "Rabu, 9 Desember": a due date in words, as the console writes it in Indonesian. */
    private static final String INDONESIAN_DAY =
            "(Senin|Selasa|Rabu|Kamis|Jumat|Sabtu|Minggu), \\d{1,2} (Januari|Februari|Maret|April|Mei|Juni|Juli|Agustus|September|Oktober|November|Desember)";

    private void inIndonesian() {
        browser.go("#/signin");
        browser.driver().executeScript("localStorage.setItem('ledger.console.language', 'id')");
        browser.go("#/signin");
    }

    private void inEnglish() {
        browser.go("#/signin");
        browser.driver().executeScript("localStorage.setItem('ledger.console.language', 'en')");
        browser.go("#/signin");
    }

    private void assertAccessible() {
        assertThat(violations)
                .as("serious or critical axe-core violations per screen")
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
        assertThat(browser.pageText())
                .as("untranslated message keys on " + screen)
                .doesNotContainPattern(
                        "\\b(status|field|signin|file|sla|role|category|reportType|deadline|cause|archive|event|next|handoff|invalid|problem|receipt|landing|form)\\.[A-Za-z]");
        browser.screenshot(screen);
        violations.put(screen, browser.seriousAccessibilityViolations());
    }
}
