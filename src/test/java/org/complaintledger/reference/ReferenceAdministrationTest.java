package org.complaintledger.reference;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.complaintledger.support.Api.post;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.complaintledger.ledger.EventSchemas;
import org.complaintledger.support.Api;
import org.complaintledger.support.ReadSide;
import org.complaintledger.support.Tokens;
import org.junit.jupiter.api.Test;

/**
 * The regency run without a developer: an admin changes the reference data through the API, and filing, Open311,
 * dispatch and deadlines follow at once; every change is in the reference history and the ledger still verifies.
 * Each test makes categories, calendars and policies of its own, so no other test's deadlines move.
 */
@QuarkusTest
class ReferenceAdministrationTest {

    private static final ZoneId JAKARTA = ZoneId.of("Asia/Jakarta");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    Pool pool;

    /** A fresh category code, letters only as the codes are. */
    private static String code(String prefix) {
        // each of six hex digits as one of the letters A to P: a UUID need not hold six of the letters a to f
        StringBuilder letters = new StringBuilder(prefix).append('_');
        UUID.randomUUID()
                .toString()
                .chars()
                .filter(c -> c != '-')
                .limit(6)
                .forEach(c -> letters.append((char) ('A' + Character.digit(c, 16))));
        return letters.toString();
    }

    private static String id(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static void addCategory(String code, String defaultAgency) {
        post(Tokens.admin(), "/api/admin/categories", """
                {"code":"%s","name":{"id":"Banjir","en":"Flooding"}%s}""".formatted(
                                code, defaultAgency == null ? "" : ",\"defaultAgencyId\":\"" + defaultAgency + "\""))
                .statusCode(201)
                .body("code", equalTo(code))
                .body("name.id", equalTo("Banjir"))
                .body("retired", equalTo(false));
    }

    private static String file(String citizen, String category) {
        return Api.as(Tokens.citizen(citizen))
                .body(Api.complaint("Siti Aminah", false, false)
                        .replace("\"category\":\"INFRASTRUCTURE\"", "\"category\":\"" + category + "\""))
                .post("/api/complaints")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
    }

    private static Instant due(String complaintId, String kind) {
        List<Map<String, Object>> deadlines = Api.as(Tokens.operator())
                .get("/api/complaints/" + complaintId)
                .then()
                .statusCode(200)
                .extract()
                .path("deadlines");
        return deadlines.stream()
                .filter(d -> kind.equals(d.get("kind")))
                .map(d -> Instant.parse((String) d.get("dueAt")))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " deadline on " + complaintId));
    }

    /** The data of the complaint's deadline-set event for a kind: which policy version it was computed with. */
    private static Map<String, Object> deadlineSet(String complaintId, String kind) {
        List<Map<String, Object>> events = Api.as(Tokens.auditor())
                .get("/api/complaints/" + complaintId + "/history")
                .then()
                .statusCode(200)
                .extract()
                .path("events");
        return events.stream()
                .filter(e -> "complaint.deadline-set".equals(e.get("type")))
                .map(e -> (Map<String, Object>) e.get("data"))
                .filter(d -> kind.equals(d.get("kind")))
                .reduce((first, second) -> second)
                .orElseThrow();
    }

    @Test
    void an_admin_adds_a_sub_unit_and_a_category_with_a_default_agency_and_a_complaint_filed_in_it_goes_there() {
        String unit = id("upt-damkar");
        post(Tokens.admin(), "/api/admin/agencies/bpbd/units", """
                {"id":"%s","name":"UPT Pemadam Kebakaran","kind":"UPT",
                 "contacts":[{"kind":"EMAIL","address":"damkar.piket@bengkaliskab.example.id","label":"Piket"},
                             {"kind":"PHONE","address":"+62 812 7000 1111"}]}""".formatted(unit))
                .statusCode(201)
                .body("id", equalTo("bpbd"))
                .body("units.id", hasItem(unit));
        given().auth()
                .oauth2(Tokens.admin())
                .get("/api/admin/agencies")
                .then()
                .statusCode(200)
                .body(
                        "find { it.id == 'bpbd' }.units.find { it.id == '" + unit + "' }.contacts.address",
                        equalTo(List.of("damkar.piket@bengkaliskab.example.id", "+62 812 7000 1111")));
        // the addresses are sealed in the table and in the ledger alike
        String stored = pool.preparedQuery("SELECT contacts::text FROM agency_units WHERE id = $1")
                .execute(Tuple.of(unit))
                .toCompletionStage()
                .toCompletableFuture()
                .join()
                .iterator()
                .next()
                .getString(0);
        String event = pool.preparedQuery(
                        "SELECT data::text FROM events WHERE type = 'reference.unit-added' AND data->>'unitId' = $1")
                .execute(Tuple.of(unit))
                .toCompletionStage()
                .toCompletableFuture()
                .join()
                .iterator()
                .next()
                .getString(0);
        assertThat(stored + event).doesNotContain("damkar.piket").doesNotContain("7000");

        String flooding = code("FLOODING");
        addCategory(flooding, "bpbd");
        given().get("/api/categories")
                .then()
                .statusCode(200)
                .body("find { it.code == '" + flooding + "' }.defaultAgencyId", equalTo("bpbd"))
                .body("find { it.code == '" + flooding + "' }.name.en", equalTo("Flooding"));
        given().get("/open311/v2/services.json")
                .then()
                .statusCode(200)
                .body("service_code", hasItem(flooding))
                .body("find { it.service_code == '" + flooding + "' }.service_name", equalTo("Flooding"));

        String complaint = file("warga-banjir", flooding);
        post(Tokens.operator(), "/api/complaints/" + complaint + "/dispatch", "{\"note\":\"ke dinas bawaan kategori\"}")
                .statusCode(200)
                .body("agencyId", equalTo("bpbd"))
                .body("status", equalTo("DISPATCHED"));

        post(Tokens.admin(), "/api/admin/categories/" + flooding + "/retire", "{}")
                .statusCode(200)
                .body("retired", equalTo(true));
        given().get("/api/categories").then().body("find { it.code == '" + flooding + "' }.retired", equalTo(true));
        given().get("/open311/v2/services.json").then().body("service_code", not(hasItem(flooding)));
        Api.as(Tokens.citizen("warga-banjir"))
                .body(Api.complaint("Siti Aminah", false, false)
                        .replace("\"category\":\"INFRASTRUCTURE\"", "\"category\":\"" + flooding + "\""))
                .post("/api/complaints")
                .then()
                .statusCode(400)
                .body("code", equalTo("request.invalid"));
        // the complaint filed before the retirement keeps its category
        Api.as(Tokens.operator())
                .get("/api/complaints/" + complaint)
                .then()
                .statusCode(200)
                .body("category", equalTo(flooding));
    }

    @Test
    void a_dispatch_without_an_agency_in_a_category_without_a_default_is_refused_and_writes_nothing() {
        String other = code("NODEFAULT");
        addCategory(other, null);
        String complaint = file("warga-tanpa-dinas", other);
        post(Tokens.operator(), "/api/complaints/" + complaint + "/dispatch", "{\"note\":\"?\"}")
                .statusCode(400)
                .body("code", equalTo("request.invalid"))
                .body("errors[0].field", equalTo("agencyId"));
        Api.as(Tokens.operator()).get("/api/complaints/" + complaint).then().body("status", equalTo("SUBMITTED"));
    }

    @Test
    void a_policy_change_makes_new_deadlines_use_the_new_version_while_a_running_one_keeps_its_due_time() {
        String category = code("SLA");
        addCategory(category, "dinas-pupr");
        String policy = id("sla");
        post(Tokens.admin(), "/api/admin/sla-policies", """
                {"policyId":"%s","category":"%s","rules":{"VERIFICATION":"PT1H"}}""".formatted(policy, category))
                .statusCode(201)
                .body("version", equalTo(1))
                .body("rules.VERIFICATION", equalTo("PT1H"))
                .body("rules.FOLLOW_UP", equalTo("5wd"))
                .body("calendarId", equalTo("national"));

        String running = file("warga-sla-1", category);
        Instant runningDue = due(running, "VERIFICATION");
        assertThat(deadlineSet(running, "VERIFICATION"))
                .containsEntry("policyId", policy)
                .containsEntry("policyVersion", 1)
                .containsEntry("rule", "PT1H");

        post(Tokens.admin(), "/api/admin/sla-policies", """
                {"policyId":"%s","category":"%s","rules":{"VERIFICATION":"PT5H"}}""".formatted(policy, category))
                .statusCode(201)
                .body("version", equalTo(2));
        String next = file("warga-sla-2", category);
        assertThat(deadlineSet(next, "VERIFICATION"))
                .containsEntry("policyId", policy)
                .containsEntry("policyVersion", 2)
                .containsEntry("rule", "PT5H");
        assertThat(Duration.between(runningDue, due(next, "VERIFICATION"))).isGreaterThan(Duration.ofHours(3));
        assertThat(due(running, "VERIFICATION"))
                .as("the running deadline keeps its due time")
                .isEqualTo(runningDue);

        // a complaint of another category still gets the configured policy
        assertThat(deadlineSet(Api.file("warga-sla-3"), "VERIFICATION"))
                .containsEntry("policyId", "lapor-default")
                .containsEntry("rule", "3wd")
                .containsEntry("calendarId", "national");
    }

    @Test
    void a_holiday_imported_from_an_ics_file_is_a_new_calendar_version_that_moves_a_new_deadline_past_it() {
        String category = code("LIBUR");
        addCategory(category, "dinas-pupr");
        String calendar = id("kal");
        post(Tokens.admin(), "/api/admin/calendars", "{\"id\":\"%s\",\"name\":\"Kalender uji\"}".formatted(calendar))
                .statusCode(201)
                .body("version", equalTo(0));
        String policy = id("libur");
        post(Tokens.admin(), "/api/admin/sla-policies", """
                {"policyId":"%s","category":"%s","rules":{"VERIFICATION":"1wd"},"calendarId":"%s"}""".formatted(policy, category, calendar))
                .statusCode(201)
                .body("calendarVersion", equalTo(0));

        String before = file("warga-libur-1", category);
        Instant firstDue = due(before, "VERIFICATION");
        assertThat(deadlineSet(before, "VERIFICATION"))
                .containsEntry("policyVersion", 1)
                .containsEntry("calendarId", calendar)
                .containsEntry("calendarVersion", 0);
        LocalDate holiday = firstDue.atZone(JAKARTA).toLocalDate();
        String ics = """
                BEGIN:VCALENDAR\r
                VERSION:2.0\r
                PRODID:-//Pemkab Bengkalis//Uji//ID\r
                BEGIN:VEVENT\r
                UID:uji-%s@bengkaliskab.example.id\r
                DTSTAMP:20261201T000000Z\r
                DTSTART;VALUE=DATE:%s\r
                DTEND;VALUE=DATE:%s\r
                SUMMARY:Cuti bersama uji\r
                END:VEVENT\r
                END:VCALENDAR\r
                """.formatted(
                        calendar,
                        holiday.format(DateTimeFormatter.BASIC_ISO_DATE),
                        holiday.plusDays(1).format(DateTimeFormatter.BASIC_ISO_DATE));
        given().auth()
                .oauth2(Tokens.admin())
                .contentType("text/calendar")
                .body(ics)
                .post("/api/admin/calendars/" + calendar + "/import")
                .then()
                .statusCode(200)
                .body("version", equalTo(1))
                .body("holidays.date", equalTo(List.of(holiday.toString())))
                .body("holidays[0].name", equalTo("Cuti bersama uji"));
        // the calendar change is the next version of the policy that counts with it
        given().auth()
                .oauth2(Tokens.admin())
                .get("/api/admin/sla-policies")
                .then()
                .statusCode(200)
                .body("find { it.policyId == '" + policy + "' && it.inForce }.version", equalTo(2))
                .body("find { it.policyId == '" + policy + "' && it.inForce }.calendarVersion", equalTo(1));

        String after = file("warga-libur-2", category);
        Instant secondDue = due(after, "VERIFICATION");
        assertThat(secondDue.atZone(JAKARTA).toLocalDate())
                .as("due past the imported holiday")
                .isAfter(holiday);
        assertThat(deadlineSet(after, "VERIFICATION"))
                .as("the new deadline names the calendar version it was counted with")
                .containsEntry("policyId", policy)
                .containsEntry("policyVersion", 2)
                .containsEntry("calendarId", calendar)
                .containsEntry("calendarVersion", 1);
        assertThat(deadlineSet(before, "VERIFICATION"))
                .as("the running deadline's event still names the calendar version it was counted with")
                .containsEntry("calendarVersion", 0);
        assertThat(due(before, "VERIFICATION"))
                .as("a running deadline keeps its due time")
                .isEqualTo(firstDue);
    }

    @Test
    void an_open311_key_is_shown_once_listed_masked_files_and_once_revoked_is_refused() {
        String client = id("aplikasi");
        var issued = post(Tokens.admin(), "/api/admin/open311-keys", "{\"client\":\"%s\"}".formatted(client))
                .statusCode(201)
                .extract();
        String key = issued.path("apiKey");
        String keyId = issued.path("keyId");
        String listed = given().auth()
                .oauth2(Tokens.admin())
                .get("/api/admin/open311-keys")
                .then()
                .statusCode(200)
                .body(
                        "find { it.keyId == '" + keyId + "' }.masked",
                        equalTo("o311_••••" + key.substring(key.length() - 4)))
                .extract()
                .asString();
        assertThat(listed).doesNotContain(key);
        String hash = pool.preparedQuery("SELECT key_hash FROM open311_api_keys WHERE key_id = $1")
                .execute(Tuple.of(UUID.fromString(keyId)))
                .toCompletionStage()
                .toCompletableFuture()
                .join()
                .iterator()
                .next()
                .getString(0);
        assertThat(hash).isEqualTo(ReferenceAdministration.sha256(key));

        Map<String, String> filing = Map.of(
                "api_key",
                key,
                "service_code",
                "INFRASTRUCTURE",
                "description",
                "Lampu jalan padam di depan SDN 3",
                "lat",
                "1.4650",
                "long",
                "102.1073",
                "email",
                "budi@example.id",
                "first_name",
                "Budi",
                "last_name",
                "Santoso");
        given().contentType("application/x-www-form-urlencoded; charset=utf-8")
                .formParams(filing)
                .post("/open311/v2/requests.json")
                .then()
                .statusCode(201);
        post(Tokens.admin(), "/api/admin/open311-keys/" + keyId + "/revoke", "{}")
                .statusCode(200)
                .body("revokedAt", org.hamcrest.Matchers.notNullValue());
        given().contentType("application/x-www-form-urlencoded; charset=utf-8")
                .formParams(filing)
                .post("/open311/v2/requests.json")
                .then()
                .statusCode(403);
    }

    @Test
    void every_change_is_in_the_reference_history_with_its_actor_and_the_ledger_verifies() throws Exception {
        String category = code("RIWAYAT");
        post(
                        Tokens.issue(org.complaintledger.complaint.Role.ADMIN, "admin-sp4n-budi", null),
                        "/api/admin/categories",
                        "{\"code\":\"%s\",\"name\":{\"id\":\"Riwayat\",\"en\":\"History\"}}".formatted(category))
                .statusCode(201);

        EventSchemas schemas = new EventSchemas();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            JsonNode history = JSON.readTree(given().auth()
                    .oauth2(Tokens.admin())
                    .get("/api/admin/history/categories")
                    .then()
                    .statusCode(200)
                    .extract()
                    .asString());
            assertThat(history.path("streamId").asText())
                    .isEqualTo(ReferenceKind.CATEGORIES.streamId().toString());
            JsonNode events = history.path("events");
            String previous = "0".repeat(64);
            JsonNode mine = null;
            for (int i = 0; i < events.size(); i++) {
                JsonNode e = events.get(i);
                assertThat(e.path("version").asInt()).isEqualTo(i + 1);
                assertThat(e.path("previousHash").asText()).isEqualTo(previous);
                previous = e.path("hash").asText();
                assertThat(schemas.schema("reference-envelope", 1).validate(e)).isEmpty();
                assertThat(schemas.problems(e.path("type").asText(), 1, e.path("data")))
                        .isEmpty();
                if (category.equals(e.path("data").path("code").asText())) {
                    mine = e;
                }
            }
            assertThat(mine).isNotNull();
            assertThat(mine.path("type").asText()).isEqualTo("reference.category-added");
            assertThat(mine.path("actor").path("subject").asText()).isEqualTo("admin-sp4n-budi");
            assertThat(mine.path("actor").path("role").asText()).isEqualTo("admin");
            assertThat(mine.path("ledgerSeq").isNumber())
                    .as("sequenced into the ledger")
                    .isTrue();
        });
        ReadSide.caughtUp(pool);
        given().auth()
                .oauth2(Tokens.auditor())
                .get("/api/ledger/verify")
                .then()
                .statusCode(200)
                .body("valid", equalTo(true));
        given().auth()
                .oauth2(Tokens.auditor())
                .get("/api/ledger/verify?complaintId=" + ReferenceKind.CATEGORIES.streamId())
                .then()
                .statusCode(200)
                .body("valid", equalTo(true));
    }

    @Test
    void an_officer_assigns_a_complaint_to_a_unit_and_the_unit_officer_sees_it_in_the_unit_queue() {
        String unit = id("pupr-bidang");
        String otherUnit = id("pupr-upt");
        for (String u : List.of(unit, otherUnit)) {
            post(
                            Tokens.admin(),
                            "/api/admin/agencies/dinas-pupr/units",
                            "{\"id\":\"%s\",\"name\":\"Bidang %s\",\"kind\":\"BIDANG\"}".formatted(u, u))
                    .statusCode(201);
        }
        String dinkesUnit = id("dinkes-upt");
        post(
                        Tokens.admin(),
                        "/api/admin/agencies/dinkes/units",
                        "{\"id\":\"%s\",\"name\":\"UPT\",\"kind\":\"UPT\"}".formatted(dinkesUnit))
                .statusCode(201);
        String complaint = Api.dispatched("warga-disposisi");
        String path = "/api/complaints/" + complaint + "/assignment";

        post(Tokens.officer("dinkes"), path, "{\"unitId\":\"%s\"}".formatted(dinkesUnit))
                .statusCode(403);
        post(Tokens.operator(), path, "{\"unitId\":\"%s\"}".formatted(unit)).statusCode(403);
        post(Tokens.officer("dinas-pupr"), path, "{\"unitId\":\"%s\"}".formatted(dinkesUnit))
                .statusCode(400)
                .body("errors[0].field", equalTo("unitId"));
        post(
                        Tokens.officer("dinas-pupr"),
                        path,
                        "{\"unitId\":\"%s\",\"note\":\"Mohon dicek ke lokasi\",\"assignee\":\"officer-7\"}"
                                .formatted(unit))
                .statusCode(200)
                .body("status", equalTo("DISPATCHED"));
        post(Tokens.officer("dinas-pupr"), path, "{\"unitId\":\"%s\",\"assignee\":\"officer-7\"}".formatted(unit))
                .statusCode(409)
                .body("code", equalTo("complaint.already-assigned-to-unit"));

        List<Map<String, Object>> events = Api.as(Tokens.auditor())
                .get("/api/complaints/" + complaint + "/history")
                .then()
                .statusCode(200)
                .extract()
                .path("events");
        Map<String, Object> assigned = events.getLast();
        assertThat(assigned.get("type")).isEqualTo("complaint.assigned-to-unit");
        assertThat((Map<String, Object>) assigned.get("data"))
                .containsEntry("unitId", unit)
                .containsEntry("assignee", "officer-7")
                .containsEntry("agencyId", "dinas-pupr");

        ReadSide.caughtUp(pool);
        Api.as(Tokens.unitOfficer("dinas-pupr", unit))
                .get("/api/agencies/dinas-pupr/queue?limit=200")
                .then()
                .statusCode(200)
                .body("items.id", equalTo(List.of(complaint)));
        Api.as(Tokens.unitOfficer("dinas-pupr", otherUnit))
                .get("/api/agencies/dinas-pupr/queue?limit=200")
                .then()
                .statusCode(200)
                .body("items.id", not(hasItem(complaint)));
        Api.as(Tokens.officer("dinas-pupr"))
                .get("/api/agencies/dinas-pupr/queue?limit=200")
                .then()
                .statusCode(200)
                .body("items.id", hasItem(complaint));
    }

    @Test
    void bad_admin_input_is_a_problem_and_writes_nothing() {
        long before = pool.query("SELECT count(*) FROM events")
                .execute()
                .toCompletionStage()
                .toCompletableFuture()
                .join()
                .iterator()
                .next()
                .getLong(0);
        post(Tokens.admin(), "/api/admin/categories", "{\"code\":\"banjir\",\"name\":{\"id\":\"B\",\"en\":\"F\"}}")
                .statusCode(400)
                .body("code", equalTo("request.invalid"));
        post(
                        Tokens.admin(),
                        "/api/admin/categories",
                        "{\"code\":\"INFRASTRUCTURE\",\"name\":{\"id\":\"B\",\"en\":\"F\"}}")
                .statusCode(409)
                .body("code", equalTo("reference.category-exists"));
        post(
                        Tokens.admin(),
                        "/api/admin/categories",
                        "{\"code\":\"%s\",\"name\":{\"id\":\"B\",\"en\":\"F\"},\"defaultAgencyId\":\"dinas-hantu\"}"
                                .formatted(code("HANTU")))
                .statusCode(400)
                .body("errors[0].field", equalTo("defaultAgencyId"));
        post(Tokens.admin(), "/api/admin/sla-policies", "{\"policyId\":\"x-1\",\"rules\":{\"VERIFICATION\":\"soon\"}}")
                .statusCode(400)
                .body("code", equalTo("request.invalid"));
        post(Tokens.admin(), "/api/admin/sla-policies", "{\"policyId\":\"x-1\",\"rules\":{\"LUNCH\":\"1wd\"}}")
                .statusCode(400);
        post(
                        Tokens.admin(),
                        "/api/admin/agencies/dinas-hantu/units",
                        "{\"id\":\"u-x\",\"name\":\"X\",\"kind\":\"UPT\"}")
                .statusCode(404)
                .body("code", equalTo("agency.not-found"));
        post(
                        Tokens.admin(),
                        "/api/admin/agencies/bpbd/units",
                        "{\"id\":\"u-x\",\"name\":\"X\",\"kind\":\"DIREKTORAT\"}")
                .statusCode(400);
        given().auth()
                .oauth2(Tokens.admin())
                .contentType("text/calendar")
                .body("BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")
                .post("/api/admin/calendars/national/import")
                .then()
                .statusCode(400)
                .body("code", equalTo("request.invalid"));
        given().auth()
                .oauth2(Tokens.admin())
                .contentType("text/calendar")
                .body("bukan kalender")
                .post("/api/admin/calendars/national/import")
                .then()
                .statusCode(400);
        post(Tokens.admin(), "/api/admin/open311-keys/not-a-uuid/revoke", "{}").statusCode(400);
        post(Tokens.admin(), "/api/admin/open311-keys/" + UUID.randomUUID() + "/revoke", "{}")
                .statusCode(404);
        given().auth()
                .oauth2(Tokens.admin())
                .get("/api/admin/history/complaints")
                .then()
                .statusCode(404);
        long after = pool.query("SELECT count(*) FROM events")
                .execute()
                .toCompletionStage()
                .toCompletableFuture()
                .join()
                .iterator()
                .next()
                .getLong(0);
        assertThat(after).isEqualTo(before);
    }
}
