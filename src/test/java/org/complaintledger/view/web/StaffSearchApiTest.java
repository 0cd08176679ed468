package org.complaintledger.view.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.complaintledger.support.Api.as;
import static org.complaintledger.support.Api.post;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import org.complaintledger.support.Api;
import org.complaintledger.support.ReadSide;
import org.complaintledger.support.Tokens;
import org.junit.jupiter.api.Test;

/** Staff search, filters, CSV downloads, lookup by tracking number and queues as they stood (issue 14 items 5, 6). */
@QuarkusTest
class StaffSearchApiTest {

    @Inject
    Pool pool;

    private static String complaint(String title, String description, String category, String channel) {
        return """
                {"title":"%s","description":"%s","reportType":"COMPLAINT","category":"%s","channel":"%s",
                 "location":{"regency":"Bengkalis","district":"Bengkalis","village":"Senggoro","latitude":1.4650,"longitude":102.1073},
                 "anonymous":false,"confidential":false,
                 "complainant":{"name":"Rina Wati","nationalId":"1403012345678901","phone":"+62 812 1111 2222","email":"rina@example.id"}}""".formatted(title, description, category, channel);
    }

    private static io.restassured.response.ExtractableResponse<io.restassured.response.Response> file(
            String citizen, String body) {
        return as(Tokens.citizen(citizen))
                .body(body)
                .post("/api/complaints")
                .then()
                .statusCode(201)
                .extract();
    }

    @Test
    void search_finds_a_complaint_by_another_inflection_of_a_word_of_its_description_and_by_its_tracking_number() {
        Instant since = Instant.now().minusSeconds(1);
        var filed = file(
                "warga-cari-1",
                complaint(
                        "Lampu jalan padam di Senggoro",
                        "Lampu sudah lama tidak diperbaiki oleh petugas.",
                        "INFRASTRUCTURE",
                        "WEB"));
        String id = filed.path("id");
        String trackingNumber = filed.path("trackingNumber");
        String other = file(
                        "warga-cari-2",
                        complaint("Sampah menumpuk di pasar", "Bau sekali setiap pagi.", "ENVIRONMENT", "WEB"))
                .path("id");
        ReadSide.caughtUp(pool);
        String operator = Tokens.operator();

        List<String> byWord = as(operator)
                .get("/api/complaints?limit=200&from=" + since + "&q=perbaikan")
                .then()
                .statusCode(200)
                .extract()
                .path("items.id");
        assertThat(byWord).contains(id).doesNotContain(other);

        String typed = trackingNumber.toLowerCase().replace("-", " ");
        List<String> byNumber = as(Tokens.auditor())
                .queryParam("q", typed)
                .get("/api/complaints")
                .then()
                .statusCode(200)
                .extract()
                .path("items.id");
        assertThat(byNumber).containsExactly(id);
    }

    @Test
    void search_finds_a_complaint_by_a_word_of_its_public_conversation_but_never_by_an_internal_note() {
        String id = Api.dispatched("warga-cari-percakapan");
        String path = "/api/complaints/" + id;
        post(Tokens.operator(), path + "/messages", "{\"text\":\"Tim zafirlumba akan datang\",\"audience\":\"public\"}")
                .statusCode(200);
        post(Tokens.operator(), path + "/messages", "{\"text\":\"Cek qorvintaka dulu\",\"audience\":\"internal\"}")
                .statusCode(200);
        ReadSide.caughtUp(pool);
        String operator = Tokens.operator();

        List<String> byPublic = as(operator)
                .get("/api/complaints?limit=200&q=zafirlumba")
                .then()
                .statusCode(200)
                .extract()
                .path("items.id");
        assertThat(byPublic).contains(id);
        List<String> byInternal = as(operator)
                .get("/api/complaints?limit=200&q=qorvintaka")
                .then()
                .statusCode(200)
                .extract()
                .path("items.id");
        assertThat(byInternal).doesNotContain(id);
    }

    @Test
    void the_list_filters_by_category_channel_status_agency_and_filing_date() {
        Instant since = Instant.now().minusSeconds(1);
        String web = file(
                        "warga-saring-1",
                        complaint("Jembatan retak", "Retak besar di tengah.", "INFRASTRUCTURE", "WEB"))
                .path("id");
        String sms = file("warga-saring-2", complaint("Puskesmas tutup", "Tutup di jam kerja.", "HEALTH", "MOBILE_APP"))
                .path("id");
        String dispatched = Api.dispatched("warga-saring-3");
        ReadSide.caughtUp(pool);
        String operator = Tokens.operator();
        String recent = "/api/complaints?limit=200&from=" + since;

        List<String> health = as(operator).get(recent + "&category=HEALTH").path("items.id");
        assertThat(health).contains(sms).doesNotContain(web, dispatched);
        List<String> bySms = as(operator).get(recent + "&channel=MOBILE_APP").path("items.id");
        assertThat(bySms).contains(sms).doesNotContain(web);
        List<String> atAgency = as(operator)
                .get(recent + "&agencyId=dinas-pupr&status=DISPATCHED")
                .path("items.id");
        assertThat(atAgency).contains(dispatched).doesNotContain(web, sms);
        List<String> before =
                as(operator).get("/api/complaints?limit=200&to=" + since).path("items.id");
        assertThat(before).doesNotContain(web, sms, dispatched);
    }

    @Test
    void the_agency_queue_filters_by_category_and_its_csv_opens_with_its_columns_and_defuses_a_formula() {
        String formula = file(
                        "warga-csv-1",
                        complaint(
                                "=HYPERLINK(\\\"http://jahat.example\\\") Jalan, \\\"rusak\\\"",
                                "Jalan rusak parah.",
                                "INFRASTRUCTURE",
                                "WEB"))
                .path("id");
        post(
                        Tokens.operator(),
                        "/api/complaints/" + formula + "/dispatch",
                        "{\"agencyId\":\"dinas-pupr\",\"note\":\"mohon ditindaklanjuti\"}")
                .statusCode(200);
        ReadSide.caughtUp(pool);
        String officer = Tokens.officer("dinas-pupr");

        List<String> health = as(officer)
                .get("/api/agencies/dinas-pupr/queue?limit=200&category=HEALTH")
                .path("items.id");
        assertThat(health).doesNotContain(formula);
        List<String> infrastructure = as(officer)
                .get("/api/agencies/dinas-pupr/queue?limit=200&category=INFRASTRUCTURE")
                .path("items.id");
        assertThat(infrastructure).contains(formula);

        String csv = as(officer)
                .accept("text/csv")
                .get("/api/agencies/dinas-pupr/queue")
                .then()
                .statusCode(200)
                .contentType(startsWith("text/csv"))
                .extract()
                .asString();
        List<String> lines = csv.lines().toList();
        assertThat(lines.getFirst()).isEqualTo("trackingNumber,status,category,title,dueAt,slaState,id");
        String line =
                lines.stream().filter(l -> l.endsWith(formula)).findFirst().orElseThrow();
        assertThat(line).contains(",\"'=HYPERLINK(\"\"http://jahat.example\"\") Jalan, \"\"rusak\"\"\",");

        String viaParameter = as(officer)
                .get("/api/agencies/dinas-pupr/queue?format=csv")
                .then()
                .statusCode(200)
                .contentType(startsWith("text/csv"))
                .extract()
                .asString();
        assertThat(viaParameter.lines().findFirst()).contains(lines.getFirst());
        String listCsv = as(Tokens.operator())
                .get("/api/complaints?format=csv&q=HYPERLINK")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(listCsv.lines().findFirst())
                .contains("trackingNumber,status,category,channel,agencyId,title,submittedAt,updatedAt,dueAt,id");
        assertThat(listCsv).contains("\"'=HYPERLINK(");
    }

    @Test
    void staff_find_a_complaint_by_its_tracking_number_typed_loosely_and_a_citizen_or_another_agency_cannot() {
        String id = Api.dispatched("warga-nomor");
        ReadSide.caughtUp(pool);
        String number = as(Tokens.operator()).get("/api/complaints/" + id).path("trackingNumber");
        String loose = " " + number.toLowerCase().replace("-", " ") + " ";

        as(Tokens.operator())
                .get("/api/complaints/by-tracking/{number}", loose)
                .then()
                .statusCode(200)
                .body("id", equalTo(id));
        as(Tokens.officer("dinas-pupr"))
                .get("/api/complaints/by-tracking/" + number)
                .then()
                .statusCode(200)
                .body("id", equalTo(id));
        as(Tokens.ombudsman())
                .get("/api/complaints/by-tracking/" + number)
                .then()
                .statusCode(200);
        as(Tokens.auditor()).get("/api/complaints/by-tracking/" + number).then().statusCode(200);
        as(Tokens.citizen("warga-nomor"))
                .get("/api/complaints/by-tracking/" + number)
                .then()
                .statusCode(403);
        as(Tokens.officer("dinkes"))
                .get("/api/complaints/by-tracking/" + number)
                .then()
                .statusCode(403);
        as(Tokens.operator())
                .get("/api/complaints/by-tracking/LPR-ZZZZ-ZZZZ-ZZZZ")
                .then()
                .statusCode(404)
                .contentType(startsWith("application/problem+json"));
        as(Tokens.operator())
                .get("/api/complaints/by-tracking/nomor-saya")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("trackingNumber"));
    }

    @Test
    void a_queue_as_of_an_instant_shows_what_was_on_the_desk_then() throws InterruptedException {
        String id = Api.file("warga-dulu");
        ReadSide.caughtUp(pool);
        // the suite's complaints share the queues: look only at those filed from this one on
        String since = as(Tokens.operator()).get("/api/complaints/" + id).path("submittedAt");
        Thread.sleep(20);
        Instant beforeDispatch = Instant.now();
        Thread.sleep(20);
        post(
                        Tokens.operator(),
                        "/api/complaints/" + id + "/dispatch",
                        "{\"agencyId\":\"dinas-pupr\",\"note\":\"mohon ditindaklanjuti\"}")
                .statusCode(200);
        Thread.sleep(20);
        Instant afterDispatch = Instant.now();
        Thread.sleep(20);
        post(
                        Tokens.operator(),
                        "/api/complaints/" + id + "/redispatch",
                        "{\"agencyId\":\"dinkes\",\"note\":\"salah alamat\"}")
                .statusCode(200);
        ReadSide.caughtUp(pool);
        String operator = Tokens.operator();

        List<String> operatorThen = as(operator)
                .get("/api/operator/queue?limit=200&from=" + since + "&asOf=" + beforeDispatch)
                .then()
                .statusCode(200)
                .extract()
                .path("items.id");
        assertThat(operatorThen).contains(id);
        List<String> operatorNow =
                as(operator).get("/api/operator/queue?limit=200&from=" + since).path("items.id");
        assertThat(operatorNow).doesNotContain(id);

        var pupr = as(Tokens.officer("dinas-pupr"))
                .get("/api/agencies/dinas-pupr/queue?limit=200&from=" + since + "&asOf=" + afterDispatch)
                .then()
                .statusCode(200)
                .extract();
        assertThat(pupr.<List<String>>path("items.id")).contains(id);
        List<String> puprBefore = as(operator)
                .get("/api/agencies/dinas-pupr/queue?limit=200&from=" + since + "&asOf=" + beforeDispatch)
                .path("items.id");
        assertThat(puprBefore).doesNotContain(id);
        List<String> puprNow = as(operator)
                .get("/api/agencies/dinas-pupr/queue?limit=200&from=" + since)
                .path("items.id");
        assertThat(puprNow).doesNotContain(id);
        List<String> dinkesNow = as(operator)
                .get("/api/agencies/dinkes/queue?limit=200&from=" + since)
                .path("items.id");
        assertThat(dinkesNow).contains(id);
        List<String> dinkesThen = as(operator)
                .get("/api/agencies/dinkes/queue?limit=200&from=" + since + "&asOf=" + afterDispatch)
                .path("items.id");
        assertThat(dinkesThen).doesNotContain(id);
    }

    @Test
    void agency_performance_is_every_agency_for_the_operator_and_its_own_for_an_officer_over_at_most_a_year() {
        Api.dispatched("warga-kinerja");
        ReadSide.caughtUp(pool);
        List<String> all = as(Tokens.operator())
                .get("/api/agency-performance")
                .then()
                .statusCode(200)
                .extract()
                .path("agencies.agencyId");
        assertThat(all).contains("dinas-pupr");
        List<String> own = as(Tokens.officer("dinkes"))
                .get("/api/agency-performance")
                .then()
                .statusCode(200)
                .extract()
                .path("agencies.agencyId");
        assertThat(own).allMatch("dinkes"::equals);
        as(Tokens.officer("dinkes"))
                .get("/api/agency-performance?agencyId=dinas-pupr")
                .then()
                .statusCode(403);
        as(Tokens.operator())
                .get("/api/agency-performance?from=2024-01-01&to=2026-01-01")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("from"));
        String csv = as(Tokens.officer("dinas-pupr"))
                .accept("text/csv")
                .get("/api/agency-performance")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(csv.lines().findFirst())
                .contains("agencyId,from,to,received,followedUpOnTime,overdue,"
                        + "medianWorkingDaysToFollowUp,reopenRate,declines,meanRating");
        assertThat(csv.lines().skip(1)).isNotEmpty().allMatch(line -> line.startsWith("dinas-pupr,"));
    }

    @Test
    void bad_search_parameters_are_problems_naming_the_parameter() {
        String operator = Tokens.operator();
        as(operator).get("/api/complaints?channel=FAX").then().statusCode(400).body("errors.field", hasItem("channel"));
        as(operator).get("/api/complaints?from=kemarin").then().statusCode(400).body("errors.field", hasItem("from"));
        as(operator).get("/api/complaints?from=2026-02-01&to=2026-01-01").then().statusCode(400);
        as(operator)
                .get("/api/complaints?q=" + "a".repeat(201))
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("q"));
        as(operator)
                .get("/api/complaints?format=xlsx")
                .then()
                .statusCode(400)
                .body("errors.field", hasItem("format"))
                .contentType(startsWith("application/problem+json"));
        as(operator).get("/api/operator/queue?asOf=tadi").then().statusCode(400).body("errors.field", hasItem("asOf"));
        as(operator).get("/api/operator/queue?asOf=2999-01-01").then().statusCode(400);
        as(operator)
                .get("/api/agencies/dinas-pupr/queue?category=health")
                .then()
                .statusCode(400);
        as(operator)
                .get("/api/agencies/dinas-pupr/queue?format=csv&channel=FAX")
                .then()
                .statusCode(400)
                .contentType(startsWith("application/problem+json"));
    }
}
