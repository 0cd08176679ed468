package org.complaintledger.privacy;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.complaintledger.support.Api.as;
import static org.complaintledger.support.Api.post;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.complaintledger.support.ReadSide;
import org.complaintledger.support.Tokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What each role sees of an anonymous and of a confidential complaint, on every path that returns complaint data.
 * Each complaint is filed with a distinctive name, national id, phone, email and address; the raw response bodies
 * are searched for them. Every body searched for an absence is first shown to hold the complaint, so that an error
 * page or an empty list cannot pass for a redacted answer.
 *
 * <p>The rules (API.md, DOMAIN.md "Visibility", README "Visibility"): the complainant's name, phone and email are
 * shown to the complainant, the operator and the Ombudsman, and to the officers of the agency it is dispatched to
 * only when the complaint is not anonymous (the README's documented deviation); auditors never see them, the
 * national id and address are in no view at all, and events hold them only as ciphertext. A confidential
 * complaint shows the public its status alone and no agency it is not dispatched to anything.
 */
@QuarkusTest
class RedactionTest {

    static final String NAME = "Raden Wiryo Purbakala";
    static final String NATIONAL_ID = "3175094409870001";
    static final String PHONE = "+62 857 7123 4490";
    static final String EMAIL = "wiryo.purbakala@surel-rahasia.id";
    static final String ADDRESS = "Jalan Kenanga Nomor 7 Selatbaru";
    static final String[] PERSONAL_DATA = {NAME, NATIONAL_ID, PHONE, EMAIL, ADDRESS};

    /** The text of the complaint, which the public never reads and, when confidential, no other agency either. */
    static final String TITLE = "Pungutan liar di loket KTP Kecamatan Bantan";

    static final String DESCRIPTION = "Petugas loket meminta uang lima puluh ribu untuk mempercepat KTP elektronik.";

    static final String AGENCY = "dinas-pupr";
    static final String OTHER_AGENCY = "dinkes";

    enum Flavour {
        ANONYMOUS(true, false),
        CONFIDENTIAL(false, true);

        final boolean anonymous;
        final boolean confidential;

        Flavour(boolean anonymous, boolean confidential) {
            this.anonymous = anonymous;
            this.confidential = confidential;
        }
    }

    /**
     * One complainant's complaints of a flavour, each worked to a point where it shows on a different read path:
     * {@code responded} in the agency's queue, {@code appealed} among the Ombudsman's escalations, {@code declined}
     * in the operator's queue, {@code moved} re-dispatched from {@link #AGENCY} to {@link #OTHER_AGENCY}.
     */
    record Case(String owner, Filed responded, Filed appealed, Filed declined, Filed moved, String officersFollowUp) {}

    record Filed(String id, String trackingNumber) {
        String path() {
            return "/api/complaints/" + id;
        }
    }

    /** Worked once per flavour and shared: the tests only read these complaints. */
    private static final Map<Flavour, Case> CASES = new EnumMap<>(Flavour.class);

    @Inject
    org.complaintledger.support.TestClock clock;

    @Inject
    org.complaintledger.complaint.handling.DeadlineScheduler scheduler;

    @Inject
    Pool pool;

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void
            the_complaint_view_shows_the_complainant_only_to_the_owner_the_operator_the_ombudsman_and_an_agency_that_may_know(
                    Flavour flavour) {
        Case c = worked(flavour);
        String path = c.responded().path();
        shows(c.responded(), read(Tokens.citizen(c.owner()), path));
        shows(c.responded(), read(Tokens.operator(), path));
        shows(c.responded(), read(Tokens.ombudsman(), path));
        String officers = read(Tokens.officer(AGENCY), path);
        if (flavour.anonymous) {
            hidesComplainant(c.responded(), officers);
        } else {
            shows(c.responded(), officers);
        }
        hidesComplainant(c.responded(), read(Tokens.auditor(), path));

        for (String stranger : new String[] {Tokens.citizen("warga-penasaran"), Tokens.officer(OTHER_AGENCY)}) {
            String refused =
                    as(stranger).get(path).then().statusCode(403).extract().asString();
            assertThat(refused)
                    .doesNotContain(PERSONAL_DATA)
                    .doesNotContain(TITLE, DESCRIPTION, c.responded().trackingNumber());
        }
        assertThat(given().get(path).then().statusCode(401).extract().asString())
                .doesNotContain(PERSONAL_DATA)
                .doesNotContain(TITLE);
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void a_point_in_time_view_is_redacted_like_the_current_one(Flavour flavour) {
        Case c = worked(flavour);
        String path = c.responded().path() + "?asOf=" + Instant.now();
        shows(c.responded(), read(Tokens.operator(), path));
        shows(c.responded(), read(Tokens.ombudsman(), path));
        hidesComplainant(c.responded(), read(Tokens.auditor(), path));
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void the_list_redacts_each_complaint_for_the_caller(Flavour flavour) {
        Case c = worked(flavour);
        String list = "/api/complaints?status=RESPONDED&limit=100";
        for (String token : new String[] {Tokens.operator(), Tokens.ombudsman()}) {
            assertThat(item(token, list, c.responded().id()))
                    .containsEntry("title", TITLE)
                    .containsEntry("complainant", Map.of("name", NAME, "phone", PHONE, "email", EMAIL));
        }
        assertThat(item(Tokens.auditor(), list, c.responded().id()))
                .containsEntry("title", TITLE)
                .containsEntry("complainant", null);
        // an auditor sees no one's complainant: every page, not only this item, must be free of it
        pagesUntil(Tokens.auditor(), list, c.responded().id())
                .forEach(page -> assertThat(page).doesNotContain(PERSONAL_DATA));
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void history_export_and_the_ledger_hold_personal_data_only_as_ciphertext(Flavour flavour) {
        Case c = worked(flavour);
        String history = c.responded().path() + "/history";
        for (String token :
                new String[] {Tokens.citizen(c.owner()), Tokens.operator(), Tokens.ombudsman(), Tokens.auditor()}) {
            String body = read(token, history);
            assertThat(sealedComplainant(body)).matches("v1\\.[A-Za-z0-9_-]{40,}");
            assertThat(body).contains(c.responded().id()).doesNotContain(PERSONAL_DATA);
        }

        String export = as(Tokens.auditor())
                .accept("application/x-ndjson")
                .get(c.responded().path() + "/export")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(export)
                .contains(c.responded().id(), sealedComplainant(history(c.responded())))
                .doesNotContain(PERSONAL_DATA);

        List<Long> seqs = sequenced(c.responded());
        long first = seqs.getFirst();
        String ledger = read(
                Tokens.auditor(), "/api/ledger/events?after=" + (first - 1) + "&limit=" + (seqs.getLast() - first + 1));
        assertThat(ledger)
                .contains(c.responded().id(), sealedComplainant(history(c.responded())))
                .doesNotContain(PERSONAL_DATA);
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void the_database_holds_the_complainant_only_sealed(Flavour flavour) {
        Case c = worked(flavour);
        UUID id = UUID.fromString(c.responded().id());
        String events = text(
                "SELECT string_agg(actor::text || data::text || metadata::text, ' ') FROM events WHERE stream_id = $1",
                id);
        String view = text("SELECT state::text FROM complaint_views WHERE id = $1", id);
        assertThat(events).contains(sealedComplainant(history(c.responded()))).doesNotContain(PERSONAL_DATA);
        assertThat(view).contains(c.responded().trackingNumber()).doesNotContain(PERSONAL_DATA);
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void the_queues_carry_no_personal_data_and_no_other_agency_sees_the_complaint(Flavour flavour) {
        Case c = worked(flavour);
        String queue = "/api/agencies/" + AGENCY + "/queue?limit=100";
        for (String token : new String[] {Tokens.officer(AGENCY), Tokens.operator(), Tokens.ombudsman()}) {
            pagesUntil(token, queue, c.responded().id())
                    .forEach(page -> assertThat(page).doesNotContain(PERSONAL_DATA));
        }
        List<String> otherAgency =
                pages(Tokens.officer(OTHER_AGENCY), "/api/agencies/" + OTHER_AGENCY + "/queue?limit=100");
        assertThat(otherAgency)
                .isNotEmpty()
                .allSatisfy(page -> assertThat(page)
                        .doesNotContain(
                                c.responded().id(),
                                c.appealed().id(),
                                c.declined().id())
                        .doesNotContain(PERSONAL_DATA));
        assertThat(as(Tokens.officer(OTHER_AGENCY))
                        .get(queue)
                        .then()
                        .statusCode(403)
                        .extract()
                        .asString())
                .doesNotContain(c.responded().id(), TITLE);

        pagesUntil(
                        Tokens.operator(),
                        "/api/operator/queue?limit=100",
                        c.declined().id())
                .forEach(page -> assertThat(page).doesNotContain(PERSONAL_DATA));
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void public_tracking_never_shows_the_complainant_and_of_a_confidential_complaint_only_its_status(Flavour flavour) {
        Case c = worked(flavour);
        var tracked = given().get("/api/track/" + c.responded().trackingNumber())
                .then()
                .statusCode(200)
                .extract();
        assertThat(tracked.asString())
                .doesNotContain(PERSONAL_DATA)
                .doesNotContain(TITLE, DESCRIPTION, c.responded().id());
        Map<String, Object> shown = tracked.jsonPath().getMap("$");
        if (flavour.confidential) {
            assertThat(shown).containsOnlyKeys("trackingNumber", "status").containsEntry("status", "RESPONDED");
        } else {
            assertThat(shown)
                    .containsEntry("status", "RESPONDED")
                    .containsEntry("category", "EXTORTION")
                    .containsEntry("agencyId", AGENCY)
                    .containsKeys("submittedAt", "updatedAt");
        }
    }

    /**
     * The period is the client's to choose, in whole days, so a day that holds one complaint alone must not describe
     * a confidential one: it is counted (its status is public anyway), never broken down by category, agency or
     * channel. The complaint is filed on a day of its own, years back on the test clock.
     */
    @ParameterizedTest
    @EnumSource(Flavour.class)
    void public_statistics_count_the_complaint_and_describe_it_only_when_it_is_not_confidential(Flavour flavour) {
        clock.advance(Duration.ofDays(-(4000 + 3L * flavour.ordinal())));
        Instant day;
        Filed filed;
        try {
            day = clock.instant().truncatedTo(java.time.temporal.ChronoUnit.DAYS);
            filed = dispatched("warga-hari-sendiri-" + flavour.name().toLowerCase(), flavour);
        } finally {
            clock.reset();
        }
        ReadSide.caughtUp(pool);
        var statistics = given().get("/api/statistics?from=" + day + "&to=" + day.plus(Duration.ofDays(1)))
                .then()
                .statusCode(200)
                .extract();
        JsonPath counts = statistics.jsonPath();
        assertThat(counts.getInt("total"))
                .as("a day holding this complaint alone")
                .isEqualTo(1);
        assertThat(counts.getMap("byStatus")).hasSize(1);
        if (flavour.confidential) {
            assertThat(counts.getMap("byCategory")).isEmpty();
            assertThat(counts.getMap("byAgency")).isEmpty();
            assertThat(counts.getMap("byChannel")).isEmpty();
        } else {
            assertThat(counts.getMap("byCategory")).containsOnly(Map.entry("EXTORTION", 1));
            assertThat(counts.getMap("byAgency")).containsOnly(Map.entry(AGENCY, 1));
            assertThat(counts.getMap("byChannel")).containsOnly(Map.entry("WEB", 1));
        }
        assertThat(statistics.asString())
                .doesNotContain(PERSONAL_DATA)
                .doesNotContain(TITLE, DESCRIPTION, filed.id(), filed.trackingNumber());
        // filed years back, its deadlines are all due: fired here, not in whichever test runs next
        org.complaintledger.support.Deadlines.settle(pool, scheduler);
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void the_ombudsmans_views_carry_no_personal_data(Flavour flavour) {
        Case c = worked(flavour);
        pagesUntil(
                        Tokens.ombudsman(),
                        "/api/review/escalations?limit=100",
                        c.appealed().id())
                .forEach(page -> assertThat(page).doesNotContain(PERSONAL_DATA));
        var performance = as(Tokens.ombudsman())
                .get("/api/review/agency-performance")
                .then()
                .statusCode(200)
                .extract();
        assertThat(performance.jsonPath().getList("agencies.agencyId")).contains(AGENCY);
        assertThat(performance.asString()).doesNotContain(PERSONAL_DATA).doesNotContain(TITLE);
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void an_officers_command_answer_is_redacted_like_its_reads(Flavour flavour) {
        Case c = worked(flavour);
        if (flavour.anonymous) {
            hidesComplainant(c.responded(), c.officersFollowUp());
        } else {
            shows(c.responded(), c.officersFollowUp());
        }
    }

    @ParameterizedTest
    @EnumSource(Flavour.class)
    void an_agency_no_longer_sees_a_complaint_once_it_is_dispatched_elsewhere(Flavour flavour) {
        Case c = worked(flavour);
        String path = c.moved().path();
        String refused = as(Tokens.officer(AGENCY))
                .get(path)
                .then()
                .statusCode(403)
                .extract()
                .asString();
        assertThat(refused)
                .doesNotContain(PERSONAL_DATA)
                .doesNotContain(TITLE, c.moved().trackingNumber());
        pages(Tokens.officer(AGENCY), "/api/agencies/" + AGENCY + "/queue?limit=100")
                .forEach(page -> assertThat(page).doesNotContain(c.moved().id()));
        as(Tokens.officer(OTHER_AGENCY)).get(path).then().statusCode(200);
    }

    @Test
    void a_complaint_made_anonymous_after_dispatch_hides_its_complainant_from_the_agency_from_then_on() {
        String owner = "warga-rahasia-" + UUID.randomUUID().toString().substring(0, 8);
        Filed filed = file(owner, false, false);
        post(Tokens.operator(), filed.path() + "/dispatch", "{\"agencyId\":\"" + AGENCY + "\"}")
                .statusCode(200);
        shows(filed, read(Tokens.officer(AGENCY), filed.path()));

        post(
                        Tokens.operator(),
                        filed.path() + "/visibility",
                        "{\"anonymous\":true,\"confidential\":false,\"reason\":\"pelapor diancam\"}")
                .statusCode(200);

        hidesComplainant(filed, read(Tokens.officer(AGENCY), filed.path()));
        shows(filed, read(Tokens.operator(), filed.path()));
    }

    // ---- the complaints

    private Case worked(Flavour flavour) {
        return CASES.computeIfAbsent(flavour, this::work);
    }

    private Case work(Flavour flavour) {
        String owner = "warga-rahasia-" + flavour.name().toLowerCase() + "-"
                + UUID.randomUUID().toString().substring(0, 8);
        Filed responded = dispatched(owner, flavour);
        post(Tokens.officer(AGENCY), responded.path() + "/acknowledge", "{}").statusCode(200);
        String followUp = post(
                        Tokens.officer(AGENCY),
                        responded.path() + "/follow-ups",
                        "{\"message\":\"Petugas sudah diperiksa Inspektorat\"}")
                .statusCode(200)
                .extract()
                .asString();

        Filed appealed = dispatched(owner, flavour);
        post(Tokens.officer(AGENCY), appealed.path() + "/acknowledge", "{}").statusCode(200);
        post(Tokens.citizen(owner), appealed.path() + "/appeal", "{\"reason\":\"tidak ada tanggapan\"}")
                .statusCode(200);

        Filed declined = dispatched(owner, flavour);
        post(Tokens.officer(AGENCY), declined.path() + "/decline", "{\"reason\":\"bukan kewenangan kami\"}")
                .statusCode(200);

        Filed moved = dispatched(owner, flavour);
        post(Tokens.operator(), moved.path() + "/redispatch", "{\"agencyId\":\"" + OTHER_AGENCY + "\"}")
                .statusCode(200);

        ReadSide.caughtUp(pool);
        return new Case(owner, responded, appealed, declined, moved, followUp);
    }

    private static Filed dispatched(String owner, Flavour flavour) {
        Filed filed = file(owner, flavour.anonymous, flavour.confidential);
        post(Tokens.operator(), filed.path() + "/dispatch", "{\"agencyId\":\"" + AGENCY + "\",\"note\":\"segera\"}")
                .statusCode(200);
        return filed;
    }

    private static Filed file(String owner, boolean anonymous, boolean confidential) {
        var filed = as(Tokens.citizen(owner))
                .body("""
                        {"title":"%s","description":"%s","reportType":"COMPLAINT","category":"EXTORTION","channel":"WEB",
                         "location":{"regency":"Bengkalis","district":"Bantan","village":"Selatbaru"},
                         "anonymous":%s,"confidential":%s,
                         "complainant":{"name":"%s","nationalId":"%s","phone":"%s","email":"%s","address":"%s"}}""".formatted(
                                TITLE, DESCRIPTION, anonymous, confidential, NAME, NATIONAL_ID, PHONE, EMAIL, ADDRESS))
                .post("/api/complaints")
                .then()
                .statusCode(201)
                .extract();
        return new Filed(filed.path("id"), filed.path("trackingNumber"));
    }

    // ---- reading

    /** A view of this complaint that names its complainant, but never with the national id or address. */
    private static void shows(Filed filed, String view) {
        JsonPath json = JsonPath.from(view);
        assertThat(json.getString("id")).isEqualTo(filed.id());
        assertThat(json.getString("title")).isEqualTo(TITLE);
        assertThat(json.getString("complainant.name")).isEqualTo(NAME);
        assertThat(json.getString("complainant.phone")).isEqualTo(PHONE);
        assertThat(json.getString("complainant.email")).isEqualTo(EMAIL);
        assertThat(view).doesNotContain(NATIONAL_ID, ADDRESS);
    }

    /** A view of this complaint, text and all, with nothing of its complainant. */
    private static void hidesComplainant(Filed filed, String view) {
        JsonPath json = JsonPath.from(view);
        assertThat(json.getString("id")).isEqualTo(filed.id());
        assertThat(json.getString("title")).isEqualTo(TITLE);
        assertThat(json.getMap("$")).containsEntry("complainant", null);
        assertThat(view).doesNotContain(PERSONAL_DATA);
    }

    private static String history(Filed filed) {
        return read(Tokens.auditor(), filed.path() + "/history");
    }

    private static String read(String token, String path) {
        return as(token).get(path).then().statusCode(200).extract().asString();
    }

    private static String sealedComplainant(String history) {
        return JsonPath.from(history)
                .getString("events.find { it.type == 'complaint.submitted' }.data.sealedComplainant");
    }

    /** The complaint's ledger positions, once the sequencer has given every event one. */
    private static List<Long> sequenced(Filed filed) {
        List<Long> seqs = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    List<Object> found = JsonPath.from(history(filed)).getList("events.ledgerSeq");
                    seqs.clear();
                    found.forEach(seq -> seqs.add(seq == null ? null : ((Number) seq).longValue()));
                    return !seqs.contains(null);
                });
        return seqs.stream().sorted().toList();
    }

    /** The item with this id on some page of a paged list, failing if no page has it. */
    private static Map<String, Object> item(String token, String url, String id) {
        String page = pagesUntil(token, url, id).getLast();
        return JsonPath.from(page).getMap("items.find { it.id == '" + id + "' }");
    }

    /** The pages of a paged list up to the one holding {@code id}; fails if none does. */
    private static List<String> pagesUntil(String token, String url, String id) {
        List<String> pages = new ArrayList<>();
        for (String page : pages(token, url)) {
            pages.add(page);
            if (JsonPath.from(page).getList("items.id").contains(id)) {
                return pages;
            }
        }
        throw new AssertionError(url + " lists no " + id + " in " + pages.size() + " pages");
    }

    private static List<String> pages(String token, String url) {
        List<String> pages = new ArrayList<>();
        String cursor = null;
        do {
            String page = as(token)
                    .get(url + (cursor == null ? "" : "&cursor=" + cursor))
                    .then()
                    .statusCode(200)
                    .extract()
                    .asString();
            pages.add(page);
            cursor = JsonPath.from(page).getString("nextCursor");
        } while (cursor != null);
        return pages;
    }

    private String text(String sql, UUID id) {
        var rows = pool.preparedQuery(sql)
                .execute(Tuple.of(id))
                .toCompletionStage()
                .toCompletableFuture()
                .join();
        String text = rows.iterator().next().getString(0);
        assertThat(text).as(sql).isNotNull();
        return text;
    }
}
