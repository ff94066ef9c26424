package io.agent7.testkit;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The first administrator every service of a test run bootstraps. The node is fresh for each
 * run and the first service to start creates the account, so all tests must agree on it.
 */
public final class TestAccounts {

    public static final String ADMIN = "admin";
    public static final String ADMIN_PASSWORD = "agent7-test-admin-password";

    private TestAccounts() {}

    /** An HTTP Basic {@code Authorization} header for the administrator. */
    public static String adminBasic() {
        return "Basic "
                + Base64.getEncoder().encodeToString((ADMIN + ":" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
    }
}
