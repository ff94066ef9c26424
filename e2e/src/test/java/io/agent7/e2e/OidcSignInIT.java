package io.agent7.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.agent7.testkit.ElasticsearchExtension;
import io.agent7.testkit.KeycloakServer;
import io.agent7.testkit.ServiceProcess;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;

/**
 * Signing in through a real OpenID Connect provider: Keycloak, with a realm whose groups map
 * to Agent7 roles (agent7-admins: admin, agent7-viewers: viewer; marketing: nothing). People
 * sign in through the console's button in a real browser, and scripts send the provider's
 * access tokens as bearer tokens; both get the roles of their groups, and a person in no
 * mapped group reaches nothing.
 */
@ExtendWith(ElasticsearchExtension.class)
class OidcSignInIT {

    static final String REALM = "agent7";
    static final String CLIENT_SECRET = "agent7-console-test-secret";

    static KeycloakServer keycloak;
    static ServiceProcess search;
    static Browser browser;

    @BeforeAll
    static void start() throws Exception {
        String realm;
        try (InputStream in = OidcSignInIT.class.getResourceAsStream("/keycloak/agent7-realm.json")) {
            realm = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        keycloak = KeycloakServer.start(REALM, realm);
        String issuer = keycloak.issuer(REALM).toString();
        search = FleetSupport.plainConsole(
                "--spring.security.oauth2.client.registration.keycloak.client-name=Keycloak",
                "--spring.security.oauth2.client.registration.keycloak.client-id=agent7-console",
                "--spring.security.oauth2.client.registration.keycloak.client-secret=" + CLIENT_SECRET,
                "--spring.security.oauth2.client.registration.keycloak.scope=openid,profile",
                "--spring.security.oauth2.client.provider.keycloak.issuer-uri=" + issuer,
                "--spring.security.oauth2.client.provider.keycloak.user-name-attribute=preferred_username",
                "--spring.security.oauth2.resourceserver.jwt.issuer-uri=" + issuer,
                "--agent7.oidc.group-roles.agent7-admins=admin",
                "--agent7.oidc.group-roles.agent7-viewers=viewer");
        browser = Browser.start();
    }

    @AfterAll
    static void stop() throws Exception {
        FleetSupport.closeAll(keycloak, search, browser);
    }

    @Test
    void theProvidersAccessTokensCarryTheRolesOfTheirGroups() throws Exception {
        String olivia = accessToken("olivia", "olivia-password");
        String victor = accessToken("victor", "victor-password");
        String nadia = accessToken("nadia", "nadia-password");

        assertThat(status("/api/v1/admin/accounts", olivia)).isEqualTo(200);
        assertThat(status("/api/v1/process?limit=1", victor)).isEqualTo(200);
        assertThat(status("/api/v1/admin/accounts", victor)).isEqualTo(403);
        assertThat(status("/api/v1/process?limit=1", nadia))
                .as("a person in no mapped group")
                .isEqualTo(403);
        assertThat(status("/api/v1/process?limit=1", olivia.substring(0, olivia.length() - 4) + "AAAA"))
                .as("a token whose signature does not verify")
                .isEqualTo(401);
    }

    @Test
    void peopleSignInThroughTheProviderWithTheRolesOfTheirGroups() {
        var driver = browser.driver;
        signIn("olivia", "olivia-password", true);
        assertThat(driver.findElement(By.id("user")).getText()).isEqualTo("olivia");
        assertThat(driver.findElements(By.linkText("Admin"))).hasSize(1);
        browser.screenshot("09-signed-in-through-keycloak");
        driver.get(search.url("/admin").toString());
        assertThat(driver.findElement(By.id("accounts")).isDisplayed()).isTrue();
        browser.follow(By.id("logout"));

        signIn("victor", "victor-password", false);
        assertThat(driver.findElement(By.id("user")).getText()).isEqualTo("victor");
        assertThat(driver.findElements(By.linkText("Admin"))).isEmpty();
        driver.get(search.url("/admin").toString());
        assertThat(driver.findElement(By.id("status")).getText()).startsWith("403");
        driver.get(search.url("/").toString());
        browser.follow(By.id("logout"));

        signIn("nadia", "nadia-password", false);
        assertThat(driver.findElement(By.id("status")).getText())
                .as("signed in, but in no group that gives a role")
                .startsWith("403");
    }

    /** Through the sign-in page's provider button and the provider's own form. */
    private void signIn(String user, String password, boolean screenshot) {
        var driver = browser.driver;
        // Keycloak keeps a session of its own: a fresh sign-in for each person.
        browser.forgetCookies();
        // A sign-out just clicked may still be on its way and land after this page: ask until it shows.
        org.awaitility.Awaitility.await()
                .atMost(java.time.Duration.ofSeconds(15))
                .pollInterval(java.time.Duration.ofMillis(500))
                .until(() -> {
                    driver.get(search.url("/login").toString());
                    return !driver.findElements(By.cssSelector("a.provider")).isEmpty();
                });
        browser.follow(By.cssSelector("a.provider"));
        driver.findElement(By.id("username")).sendKeys(user);
        driver.findElement(By.id("password")).sendKeys(password);
        if (screenshot) {
            browser.screenshot("08-keycloak-sign-in");
        }
        browser.follow(By.id("kc-login"));
    }

    /** The resource-owner password grant: a script's way to a token in this test, not one the console offers. */
    private static String accessToken(String user, String password) throws Exception {
        String form = "grant_type=password&client_id=agent7-console&client_secret=" + CLIENT_SECRET
                + "&scope=openid&username=" + URLEncoder.encode(user, StandardCharsets.UTF_8)
                + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8);
        HttpResponse<String> answer = FleetSupport.HTTP.send(
                HttpRequest.newBuilder(URI.create(keycloak.issuer(REALM) + "/protocol/openid-connect/token"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        return FleetSupport.JSON.readTree(answer.body()).path("access_token").asString();
    }

    private static int status(String path, String bearer) throws Exception {
        return FleetSupport.HTTP
                .send(
                        HttpRequest.newBuilder(search.url(path))
                                .header("Authorization", "Bearer " + bearer)
                                .build(),
                        HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }
}
