package io.agent7.ingest.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

/** Reads headers as Spring Security's default resolver does, case for case. */
class BearerTokensTest {

    private final BearerTokens tokens = new BearerTokens();
    private final DefaultBearerTokenResolver reference = new DefaultBearerTokenResolver();

    @Test
    void agreesWithSpringSecurityOnEveryKindOfHeader() {
        List<String> headers = new ArrayList<>(List.of(
                "Bearer eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJhIn0.c2lnbmF0dXJl",
                "bearer abc",
                "BEARER abc",
                "bEaReR a-b.c_d~e+f/g==",
                "Bearer abc=",
                "Bearer ===",
                "Bearer =abc",
                "Bearer ",
                "Bearer",
                "Bearerabc",
                "Bearer  abc",
                "Bearer abc def",
                "Bearer abc=d",
                "Bearer ab%c",
                "Bearer \u00e9t\u00e9",
                "Basic dXNlcjpwYXNz",
                "Token abc",
                "",
                "Bear abc",
                "Bearer\tabc"));
        Random random = new Random(7);
        String alphabet = "abcXYZ019-._~+/=% \u00e9";
        for (int i = 0; i < 2_000; i++) {
            StringBuilder header = new StringBuilder(random.nextBoolean() ? "Bearer " : "bearer ");
            int length = random.nextInt(12);
            for (int j = 0; j < length; j++) {
                header.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            headers.add(header.toString());
        }
        for (String header : headers) {
            MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/ingest/process");
            request.addHeader("Authorization", header);
            assertThat(outcome(() -> tokens.resolve(request)))
                    .as("header '%s'", header)
                    .isEqualTo(outcome(() -> reference.resolve(request)));
        }
    }

    @Test
    void noHeaderIsNoToken() {
        assertThat(tokens.resolve(new MockHttpServletRequest("POST", "/api/v1/ingest/process")))
                .isNull();
    }

    @Test
    void aTokenInTheQueryIsNotRead() {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/ingest/process");
        request.setParameter("access_token", "abc");
        assertThat(tokens.resolve(request)).isNull();
    }

    @Test
    void aMalformedTokenIsRefusedAsSuch() {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/ingest/process");
        request.addHeader("Authorization", "Bearer not a token");
        assertThatThrownBy(() -> tokens.resolve(request))
                .isInstanceOf(OAuth2AuthenticationException.class)
                .hasMessageContaining("malformed");
    }

    private static String outcome(java.util.function.Supplier<String> resolve) {
        try {
            return "token:" + resolve.get();
        } catch (OAuth2AuthenticationException e) {
            return "refused:" + e.getError().getErrorCode();
        }
    }
}
