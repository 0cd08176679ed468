package org.complaintledger.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.io.IOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.complaintledger.support.Api;
import org.complaintledger.support.KeycloakResource;
import org.complaintledger.support.Tokens;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * Signing in through a real OpenID provider (Keycloak's distribution with the regency's realm, {@link
 * KeycloakResource}): the console's authorization code flow with PKCE run by Quarkus OIDC, the provider's groups as
 * roles and its agency and unit claims, its access tokens on the API, and the administrator and an officer working
 * in the console after signing in on the provider's own login page.
 */
@QuarkusTest
@TestProfile(IdentityProviderSignInTest.WithKeycloak.class)
class IdentityProviderSignInTest {

    /** The service configured for the realm, as a deployment with an identity provider is. */
    public static class WithKeycloak implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(KeycloakResource.class));
        }
    }

    private static final String NO_CHROMIUM = "No Chromium and chromedriver on this machine (Debian: apt-get install "
            + "chromium chromium-driver, or set CHROMIUM_BIN and CHROMEDRIVER_BIN): the sign-in browser test is skipped";

    private static ConsoleBrowser browser;

    @TestHTTPResource("/console/")
    URL console;

    @RegisterExtension
    final TestWatcher failureScreenshot = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            if (browser != null) {
                browser.screenshot("failed-" + context.getRequiredTestMethod().getName());
            }
        }
    };

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
            browser = null;
        }
    }

    @Test
    void the_providers_access_tokens_open_the_api_in_the_role_agency_and_unit_their_claims_name() {
        String officer = KeycloakResource.token("officer-bina-marga");
        JsonNode claims = claims(officer);
        assertThat(claims.path("iss").asText()).isEqualTo(KeycloakResource.realmUrl());
        assertThat(claims.path("agency").asText()).isEqualTo("dinas-pupr");
        assertThat(claims.path("unit").asText()).isEqualTo("pupr-bina-marga");

        Api.as(officer).get("/api/agencies/dinas-pupr/queue").then().statusCode(200);
        Api.as(officer).get("/api/agencies/dinkes/queue").then().statusCode(403);
        Api.as(officer).get("/api/admin/agencies").then().statusCode(403);
        Api.as(KeycloakResource.token("operator"))
                .get("/api/admin/agencies")
                .then()
                .statusCode(403);
        Api.as(KeycloakResource.token("admin"))
                .get("/api/admin/agencies")
                .then()
                .statusCode(200);
        // the realm is the only issuer this service now trusts: a token signed with the repository's demo key is not
        Api.as(Tokens.operator())
                .get("/api/operator/queue")
                .then()
                .statusCode(401)
                .contentType("application/problem+json");
    }

    @Test
    void the_console_signs_in_by_the_authorization_code_flow_with_pkce_and_the_api_is_never_redirected() {
        assertThat(given().get("/console/sign-in-options")
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath()
                        .getBoolean("identityProvider"))
                .isTrue();

        Response signin = given().redirects().follow(false).get("/console/signin");
        assertThat(signin.statusCode()).isEqualTo(302);
        String location = signin.header("Location");
        assertThat(location)
                .startsWith(KeycloakResource.realmUrl() + "/protocol/openid-connect/auth?")
                .contains("response_type=code")
                .contains("client_id=complaint-ledger-console")
                .contains("code_challenge=")
                .contains("code_challenge_method=S256");
        assertThat(signin.headers().getValues("Set-Cookie"))
                .as("the flow's state cookie goes to the console's sign-in paths only")
                .isNotEmpty()
                .allSatisfy(cookie -> assertThat(cookie).contains("Path=/console"));

        // the console's fetch of its token, without a session: 499, never a redirect a fetch cannot follow
        given().redirects()
                .follow(false)
                .header("X-Requested-With", "JavaScript")
                .get("/console/session")
                .then()
                .statusCode(499);
        // the API answers an anonymous request as before, with a problem, not with the provider's login page
        given().redirects()
                .follow(false)
                .get("/api/admin/agencies")
                .then()
                .statusCode(401)
                .contentType("application/problem+json");
    }

    @Test
    void the_administrator_signs_in_at_the_provider_and_adds_a_unit_and_an_officer_assigns_a_complaint_to_it()
            throws IOException {
        var binaries = ConsoleBrowser.find();
        if (binaries.isEmpty()) {
            Logger.getLogger(IdentityProviderSignInTest.class).warn(NO_CHROMIUM);
        }
        assumeTrue(binaries.isPresent(), NO_CHROMIUM);
        browser = ConsoleBrowser.open(binaries.get(), console);

        // a complaint filed and dispatched to the health office by the realm's citizen and operator
        String citizen = KeycloakResource.token("warga");
        String operator = KeycloakResource.token("operator");
        String id = Api.as(citizen)
                .body(Api.complaint("Siti Warga", false, false).replace("INFRASTRUCTURE", "HEALTH"))
                .post("/api/complaints")
                .then()
                .statusCode(201)
                .extract()
                .path("id");
        Api.as(operator)
                .body("{\"agencyId\":\"dinkes\",\"note\":\"untuk puskesmas\"}")
                .post("/api/complaints/" + id + "/dispatch")
                .then()
                .statusCode(200);

        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String unitId = "dinkes-upt-" + suffix;
        String unitName = "UPT Puskesmas Senggoro " + suffix;
        String code = "OUTBREAK_" + letters(suffix);

        // the administrator: the provider's login page, then the console's administration
        browser.go("#/signin");
        browser.driver().executeScript("localStorage.setItem('ledger.console.language', 'en')");
        providerSignIn("admin");
        browser.waitForHeading("Administration");
        assertThat(browser.find("[data-users-administration]").getDomAttribute("href"))
                .as("users and roles are the provider's: the screen links to its console for the realm")
                .isEqualTo(KeycloakResource.usersAdministration());
        check("admin-home");
        browser.go("#/admin/agencies");
        WebElement addUnit = browser.form("Add a unit");
        browser.choose(addUnit, "agencyId", "dinkes");
        browser.type(addUnit, "id", unitId);
        browser.type(addUnit, "name", unitName);
        browser.choose(addUnit, "kind", "UPT");
        browser.submit(addUnit);
        assertThat(browser.find("[data-agency='dinkes'] [data-unit='" + unitId + "']")
                        .getText())
                .contains(unitName)
                .contains("UPT");
        check("admin-agencies");

        browser.go("#/admin/categories");
        WebElement addCategory = browser.form("Add a category");
        browser.type(addCategory, "code", code);
        browser.type(addCategory, "nameId", "Wabah " + suffix);
        browser.type(addCategory, "nameEn", "Outbreak " + suffix);
        browser.choose(addCategory, "defaultAgencyId", "dinkes");
        browser.submit(addCategory);
        assertThat(browser.find("[data-category='" + code + "']").getText())
                .contains("Outbreak " + suffix)
                .contains("Dinas Kesehatan")
                .contains("Active");
        check("admin-categories");
        assertThat(given().get("/api/categories").then().extract().jsonPath().getList("code", String.class))
                .as("the category is everyone's at once")
                .contains(code);

        // the change is history, with the administrator of the provider as its actor
        String adminSubject =
                claims(KeycloakResource.token("admin")).path("sub").asText();
        browser.go("#/admin/history?kind=agencies");
        WebElement latest = browser.find("[data-reference-history='agencies'] tbody tr");
        assertThat(latest.getText()).contains("reference.unit-added").contains(adminSubject);
        check("admin-history");

        // signing out ends the session at the provider too: the next sign-in asks for a password again
        browser.find("#sign-out").click();
        browser.find("#sign-out[hidden]");
        browser.waitForScreen();
        assertThat(browser.driver().getCurrentUrl()).startsWith(console.toString());
        assertThat((String) browser.driver().executeScript("return sessionStorage.getItem('ledger.console.session')"))
                .isNull();

        // the officer of the health office: its queue, the complaint, and the assignment to the new unit
        providerSignIn("officer-dinkes");
        browser.waitForHeading("Agency queue");
        assertThat(browser.pageText()).contains("Dinas Kesehatan");
        WebElement row = browser.findRefreshing("tr[data-id='" + id + "']");
        check("officer-queue-signed-in-at-provider");
        row.findElement(By.cssSelector("a")).click();
        browser.waitForScreen();
        WebElement assign = browser.form("Assign to a unit");
        browser.choose(assign, "unitId", unitId);
        browser.type(assign, "note", "Mohon dicek ke lapangan.");
        browser.submit(assign);
        assertThat(browser.find("[data-notice]").getText()).contains("The complaint was assigned to the unit.");
        check("officer-assigned");

        String officerSubject =
                claims(KeycloakResource.token("officer-dinkes")).path("sub").asText();
        List<Map<String, Object>> events = Api.as(operator)
                .get("/api/complaints/" + id + "/history")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("events");
        Map<String, Object> assigned = events.get(events.size() - 1);
        assertThat(assigned.get("type")).isEqualTo("complaint.assigned-to-unit");
        assertThat(assigned.get("data").toString()).contains(unitId);
        @SuppressWarnings("unchecked")
        Map<String, Object> actor = (Map<String, Object>) assigned.get("actor");
        assertThat(actor).containsEntry("subject", officerSubject).containsEntry("role", "agency-officer");

        assertThat(violations)
                .as("serious or critical axe-core violations per screen")
                .allSatisfy((screen, found) -> assertThat(found).as(screen).isEmpty());
        assertThat(browser.consoleErrors())
                .as("console errors and failed requests")
                .isEmpty();
    }

    private final Map<String, List<String>> violations = new LinkedHashMap<>();

    /** From the console's sign-in screen through the provider's login page and back, signed in. */
    private void providerSignIn(String username) {
        browser.go("#/signin");
        browser.find("[data-provider-signin]").click();
        WebElement user = browser.find("#username");
        assertThat(browser.driver().getCurrentUrl()).startsWith(KeycloakResource.realmUrl());
        user.sendKeys(username);
        browser.find("#password").sendKeys(KeycloakResource.PASSWORD);
        browser.find("#kc-login").click();
        browser.find("#sign-out:not([hidden])");
        browser.waitForScreen();
    }

    private void check(String screen) {
        browser.waitForScreen();
        browser.screenshot(screen);
        violations.put(screen, new ArrayList<>(browser.seriousAccessibilityViolations()));
    }

    private static String letters(String hex) {
        StringBuilder out = new StringBuilder();
        for (char c : hex.toCharArray()) {
            out.append((char) ('A' + Character.digit(c, 16)));
        }
        return out.toString();
    }

    private static JsonNode claims(String jwt) {
        try {
            return new ObjectMapper().readTree(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
