package org.complaintledger.open311;

import static org.assertj.core.api.Assertions.assertThat;
import static org.complaintledger.open311.Open311Calls.BASE;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

/**
 * GeoReport v2's discovery, service list and service definitions, from the specification's tables, in both
 * formats; and its error format wherever something is not there.
 */
@QuarkusTest
class Open311ServicesTest {

    @Test
    void discovery_names_the_endpoint_its_formats_and_how_to_get_a_key_in_json_and_xml() {
        RestAssured.get(BASE + "discovery.json")
                .then()
                .statusCode(200)
                .contentType("application/json")
                .body("changeset", notNullValue())
                .body("contact", notNullValue())
                .body("key_service", notNullValue())
                .body("endpoints", hasSize(1))
                .body("endpoints[0].specification", equalTo("http://wiki.open311.org/GeoReport_v2"))
                .body("endpoints[0].url", endsWith("/open311/v2"))
                .body("endpoints[0].type", equalTo("test"))
                .body("endpoints[0].formats", hasItems("text/xml", "application/json"));
        String xml = RestAssured.get(BASE + "discovery.xml")
                .then()
                .statusCode(200)
                .contentType("text/xml")
                .header("Content-Type", containsString("charset=utf-8"))
                .body("discovery.endpoints.endpoint.specification", equalTo("http://wiki.open311.org/GeoReport_v2"))
                .body("discovery.endpoints.endpoint.formats.format", hasItems("text/xml", "application/json"))
                .body("discovery.key_service", notNullValue())
                .extract()
                .asString();
        // the specification asks for the declaration with its encoding before the root element
        assertThat(xml).startsWith("<?xml").contains("UTF-8");
    }

    @Test
    void the_service_list_publishes_every_category_as_a_realtime_service_without_metadata() {
        RestAssured.get(BASE + "services.json")
                .then()
                .statusCode(200)
                .contentType("application/json")
                .body("service_code", hasItems("INFRASTRUCTURE", "HEALTH", "EXTORTION", "OTHER"))
                .body(
                        "find { it.service_code == 'INFRASTRUCTURE' }.service_name",
                        equalTo("Roads, bridges and public works"))
                .body("find { it.service_code == 'INFRASTRUCTURE' }.group", equalTo("public works"))
                .body("find { it.service_code == 'INFRASTRUCTURE' }.keywords", startsWith("road"))
                .body("find { it.service_code == 'INFRASTRUCTURE' }.description", notNullValue())
                .body("metadata", everyItem(equalTo(false)))
                .body("type", everyItem(equalTo("realtime")));
        RestAssured.get(BASE + "services.xml")
                .then()
                .statusCode(200)
                .contentType("text/xml")
                .body("services.service.service_code", hasItems("INFRASTRUCTURE", "HEALTH"))
                .body("services.service.find { it.service_code == 'HEALTH' }.service_name", equalTo("Health services"))
                .body("services.service.find { it.service_code == 'HEALTH' }.metadata", equalTo("false"))
                .body("services.service.find { it.service_code == 'HEALTH' }.type", equalTo("realtime"))
                .body("services.service.find { it.service_code == 'HEALTH' }.group", equalTo("public services"));
    }

    @Test
    void a_service_definition_names_its_service_and_no_attributes() {
        RestAssured.get(BASE + "services/HEALTH.json")
                .then()
                .statusCode(200)
                .body("service_code", equalTo("HEALTH"))
                .body("attributes", hasSize(0));
        String xml = RestAssured.get(BASE + "services/HEALTH.xml")
                .then()
                .statusCode(200)
                .body("service_definition.service_code", equalTo("HEALTH"))
                .extract()
                .asString();
        assertThat(xml).contains("<attributes/>");
    }

    @Test
    void an_unknown_service_code_is_a_404_in_the_specifications_error_format() {
        RestAssured.get(BASE + "services/POTHOLES.json")
                .then()
                .statusCode(404)
                .contentType("application/json")
                .body("[0].code", equalTo(404))
                .body("[0].description", containsString("POTHOLES"));
        RestAssured.get(BASE + "services/POTHOLES.xml")
                .then()
                .statusCode(404)
                .contentType("text/xml")
                .body("errors.error.code", equalTo("404"))
                .body("errors.error.description", containsString("POTHOLES"));
    }

    @Test
    void another_jurisdiction_is_a_404_and_ours_or_none_is_served() {
        RestAssured.get(BASE + "services.json?jurisdiction_id=sfgov.org")
                .then()
                .statusCode(404)
                .body("[0].code", equalTo(404))
                .body("[0].description", containsString("sfgov.org"));
        RestAssured.get(BASE + "services.xml?jurisdiction_id=sfgov.org")
                .then()
                .statusCode(404)
                .body("errors.error.code", equalTo("404"));
        RestAssured.get(BASE + "services.json?jurisdiction_id=bengkaliskab.go.id")
                .then()
                .statusCode(200);
        RestAssured.get(BASE + "services.json?jurisdiction_id=").then().statusCode(200);
    }

    @Test
    void a_format_or_a_resource_that_geo_report_does_not_have_is_a_404_in_its_error_format_not_a_problem() {
        RestAssured.get(BASE + "services.html")
                .then()
                .statusCode(404)
                .contentType("application/json")
                .body("[0].code", equalTo(404));
        RestAssured.get(BASE + "potholes.xml")
                .then()
                .statusCode(404)
                .contentType("text/xml")
                .body("errors.error.code", equalTo("404"));
        RestAssured.get(BASE + "requests/LPR-ZZZZ-ZZZZ-ZZZZ/comments.json")
                .then()
                .statusCode(404)
                .contentType("application/json")
                .body("[0].code", equalTo(404));
    }
}
