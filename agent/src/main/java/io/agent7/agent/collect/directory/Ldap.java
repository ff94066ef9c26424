package io.agent7.agent.collect.directory;

import com.unboundid.asn1.ASN1OctetString;
import com.unboundid.ldap.sdk.BindRequest;
import com.unboundid.ldap.sdk.DereferencePolicy;
import com.unboundid.ldap.sdk.ExtendedResult;
import com.unboundid.ldap.sdk.GSSAPIBindRequest;
import com.unboundid.ldap.sdk.GSSAPIBindRequestProperties;
import com.unboundid.ldap.sdk.GSSAPIChannelBindingType;
import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPSearchException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.RootDSE;
import com.unboundid.ldap.sdk.SASLQualityOfProtection;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchResultListener;
import com.unboundid.ldap.sdk.SearchResultReference;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.SimpleBindRequest;
import com.unboundid.ldap.sdk.controls.SimplePagedResultsControl;
import com.unboundid.ldap.sdk.extensions.StartTLSExtendedRequest;
import com.unboundid.util.ssl.HostNameSSLSocketVerifier;
import com.unboundid.util.ssl.JVMDefaultTrustManager;
import com.unboundid.util.ssl.PEMFileTrustManager;
import com.unboundid.util.ssl.SSLUtil;
import java.net.URI;
import java.security.GeneralSecurityException;
import java.security.KeyStoreException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.X509TrustManager;

/**
 * One authenticated LDAP connection to a domain controller, with the searches the collectors
 * make: paged (RFC 2696) so that a domain of any size streams through in pages, each page
 * bounded by the configured timeout. TLS is always verified, against the configured CA or the
 * system's trust store, including the server's host name; a failure of any kind becomes a
 * {@link DirectoryError} that says what went wrong and never holds the password.
 */
public final class Ldap implements AutoCloseable {

    /** Referrals are followed this many hops at most: a loop ends as an error, not a hang. */
    static final int REFERRAL_HOPS = 5;

    private final LDAPConnection connection;
    private final DirectorySettings settings;
    private final String server;

    private Ldap(LDAPConnection connection, DirectorySettings settings, String server) {
        this.connection = connection;
        this.settings = settings;
        this.server = server;
    }

    /** Connects to the first of the settings' servers that answers, and binds. */
    public static Ldap connect(DirectorySettings settings) {
        List<String> failures = new ArrayList<>();
        DirectoryError last = null;
        for (URI server : settings.servers()) {
            try {
                return connect(settings, server);
            } catch (DirectoryError e) {
                failures.add(e.getMessage());
                last = e;
                if (e.getCause() instanceof LDAPException l && refusedCredentials(l, settings)) {
                    break; // the same account fails on every DC, and each try counts towards its lockout
                }
            }
        }
        if (failures.size() == 1) {
            throw last;
        }
        throw new DirectoryError(
                "No domain controller of " + settings.domain() + " could be used: " + String.join("; ", failures),
                last);
    }

    private static Ldap connect(DirectorySettings settings, URI server) {
        String scheme = server.getScheme() == null ? "" : server.getScheme().toLowerCase(Locale.ROOT);
        boolean ldaps = scheme.equals("ldaps");
        if (!ldaps && !scheme.equals("ldap")) {
            throw new DirectoryError(server + " is not an ldap:// or ldaps:// URL");
        }
        String host = server.getHost();
        int port = server.getPort() > 0 ? server.getPort() : ldaps ? 636 : 389;
        String where = (ldaps ? "ldaps://" : "ldap://") + host + ":" + port;
        LDAPConnectionOptions options = new LDAPConnectionOptions();
        int timeout = (int) Math.min(Integer.MAX_VALUE, settings.timeout().toMillis());
        options.setConnectTimeoutMillis(timeout);
        options.setResponseTimeoutMillis(settings.timeout().toMillis());
        options.setFollowReferrals(true);
        options.setReferralHopLimit(REFERRAL_HOPS);
        options.setUseSynchronousMode(true);
        options.setSSLSocketVerifier(new HostNameSSLSocketVerifier(true));
        LDAPConnection connection = null;
        try {
            SSLContext tls = settings.tls() == DirectorySettings.Tls.NONE ? null : sslContext(settings);
            if (ldaps) {
                connection = new LDAPConnection(tls.getSocketFactory(), options, host, port);
            } else {
                connection = new LDAPConnection(options, host, port);
                if (tls != null) {
                    ExtendedResult started = connection.processExtendedOperation(new StartTLSExtendedRequest(tls));
                    if (started.getResultCode() != ResultCode.SUCCESS) {
                        throw new DirectoryError(where + " refused StartTLS: " + started.getDiagnosticMessage());
                    }
                }
            }
            bind(connection, settings, host);
            return new Ldap(connection, settings, where);
        } catch (LDAPException e) {
            if (connection != null) {
                connection.close();
            }
            throw new DirectoryError(where + ": " + explain(e, settings), e);
        } catch (RuntimeException e) {
            if (connection != null) {
                connection.close();
            }
            throw e;
        }
    }

    private static void bind(LDAPConnection connection, DirectorySettings settings, String host) throws LDAPException {
        connection.bind(
                settings.auth() == DirectorySettings.Auth.KERBEROS
                        ? kerberosBind(settings, connection, host)
                        : new SimpleBindRequest(settings.user(), new String(settings.password())));
    }

    /**
     * A GSSAPI bind: a ticket for {@code ldap/<the DC's DNS name>} from the keytab, the ticket
     * cache or the password, in that order of what is configured. The DC's name comes from its
     * root DSE ({@code dnsHostName}, readable before any bind), so a server listed by address
     * still gets the service principal it is known by. Without TLS, Kerberos signs and seals
     * the traffic itself; over TLS, the bind is bound to the TLS channel (RFC 5929
     * tls-server-end-point) and adds no layer of its own.
     */
    private static BindRequest kerberosBind(DirectorySettings settings, LDAPConnection connection, String host)
            throws LDAPException {
        byte[] password = settings.password() == null
                ? null
                : new String(settings.password()).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        String realm = settings.kerberosPrincipal()
                .substring(settings.kerberosPrincipal().lastIndexOf('@') + 1);
        GSSAPIBindRequestProperties properties =
                new GSSAPIBindRequestProperties(settings.kerberosPrincipal(), password);
        properties.setRealm(realm);
        properties.setKDCAddress(settings.kdc() != null ? settings.kdc() : host);
        properties.setRefreshKrb5Config(true);
        properties.setSASLClientServerName(serverName(connection, host));
        if (settings.keytab() != null) {
            properties.setUseKeyTab(true);
            properties.setKeyTabPath(settings.keytab().toString());
            properties.setUseTicketCache(false);
        } else {
            properties.setUseTicketCache(true);
            // No password: the ticket cache is all there is, and nobody to prompt.
            properties.setRequireCachedCredentials(password == null);
        }
        if (settings.tls() == DirectorySettings.Tls.NONE) {
            properties.setAllowedQoP(SASLQualityOfProtection.AUTH_CONF, SASLQualityOfProtection.AUTH_INT);
        } else {
            // Over TLS a DC refuses a second layer, and (Samba by default, Windows with LDAP
            // channel binding enforced) wants the ticket bound to the TLS channel instead.
            properties.setAllowedQoP(SASLQualityOfProtection.AUTH);
            properties.setChannelBindingType(GSSAPIChannelBindingType.TLS_SERVER_END_POINT);
        }
        return new GSSAPIBindRequest(properties);
    }

    /** The DC's DNS name as its root DSE gives it; {@code host} when it gives none. */
    private static String serverName(LDAPConnection connection, String host) throws LDAPException {
        RootDSE root = connection.getRootDSE();
        String name = root == null ? null : root.getAttributeValue("dnsHostName");
        return name == null || name.isBlank() ? host : name;
    }

    /** Why a connection or bind failed, in words an administrator can act on; never the password. */
    private static String explain(LDAPException e, DirectorySettings settings) {
        ResultCode code = e.getResultCode();
        if (code == ResultCode.INVALID_CREDENTIALS) {
            return "the domain controller refused the credentials of " + settings.user();
        }
        if (code == ResultCode.CONNECT_ERROR || code == ResultCode.SERVER_DOWN) {
            String detail = e.getMessage() == null ? "" : e.getMessage();
            if (detail.contains("PKIX") || detail.contains("certificate") || detail.contains("hostname")) {
                return "the domain controller's certificate does not verify against "
                        + (settings.caFile() != null ? settings.caFile() : "the system's trust store") + " (" + detail
                        + ")";
            }
            return "cannot reach the domain controller (" + detail + ")";
        }
        if (code == ResultCode.TIMEOUT) {
            return "the domain controller did not answer within "
                    + settings.timeout().toSeconds() + " s";
        }
        if (code == ResultCode.CONFIDENTIALITY_REQUIRED || code == ResultCode.STRONG_AUTH_REQUIRED) {
            return "the domain controller requires a protected connection: " + e.getDiagnosticMessage();
        }
        if (settings.auth() == DirectorySettings.Auth.KERBEROS && code == ResultCode.LOCAL_ERROR) {
            return kerberosProblem(e, settings);
        }
        if (code == ResultCode.REFERRAL_LIMIT_EXCEEDED || code == ResultCode.REFERRAL) {
            return "the directory sent referrals more than " + REFERRAL_HOPS + " hops deep, a referral loop ("
                    + e.getMessage() + ")";
        }
        return code + ": " + e.getMessage();
    }

    /**
     * What went wrong on the Kerberos side, from the KDC's error code (RFC 4120 section 7.5.9)
     * somewhere in the causes: the GSSAPI bind reports all of them as a local error.
     */
    private static String kerberosProblem(LDAPException e, DirectorySettings settings) {
        String all = causes(e);
        String principal = settings.kerberosPrincipal();
        if (all.contains("(24)") || all.contains("(18)")) {
            return "the KDC refused the credentials of " + principal + " (a wrong password, keys of an older"
                    + " password in the keytab, or a disabled account)";
        }
        if (all.contains("(6)")) {
            return "the KDC knows no account " + principal;
        }
        if (all.contains("(7)")) {
            return "the KDC knows no service principal ldap/<name> for this domain controller: it has no ldap/"
                    + " SPN, or servers names it otherwise than its DNS name";
        }
        if (all.contains("(37)")) {
            return "this host's clock and the KDC's differ by more than Kerberos allows (5 minutes)";
        }
        if (all.contains("Cannot locate KDC") || all.contains("Receive timed out") || all.contains("refused")) {
            return "cannot reach the KDC (" + (settings.kdc() != null ? settings.kdc() : "the domain controller") + ")";
        }
        return "Kerberos: " + innermost(e).getMessage();
    }

    /** Whether {@code e} says the account's credentials are wrong: trying another DC would count towards its lockout. */
    static boolean refusedCredentials(LDAPException e, DirectorySettings settings) {
        if (e.getResultCode() == ResultCode.INVALID_CREDENTIALS) {
            return true;
        }
        if (settings.auth() != DirectorySettings.Auth.KERBEROS || e.getResultCode() != ResultCode.LOCAL_ERROR) {
            return false;
        }
        String all = causes(e);
        return all.contains("(24)") || all.contains("(18)") || all.contains("(6)");
    }

    private static String causes(Throwable e) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            all.append(' ').append(t.getMessage());
        }
        return all.toString();
    }

    private static Throwable innermost(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    private static SSLContext sslContext(DirectorySettings settings) {
        X509TrustManager trust;
        try {
            trust = settings.caFile() == null
                    ? JVMDefaultTrustManager.getInstance()
                    : new PEMFileTrustManager(settings.caFile().toFile());
        } catch (KeyStoreException e) {
            throw new DirectoryError(
                    "directory.ca_file " + settings.caFile() + " holds no usable CA certificate: " + e.getMessage(), e);
        }
        try {
            return new SSLUtil(trust).createSSLContext("TLSv1.2");
        } catch (GeneralSecurityException e) {
            throw new DirectoryError("Cannot set up TLS for the directory: " + e.getMessage(), e);
        }
    }

    /** The URL of the domain controller this connection reached. */
    public String server() {
        return server;
    }

    /** The root DSE, with the naming contexts and functional levels. */
    public SearchResultEntry rootDse() {
        try {
            SearchResultEntry root = connection.getEntry(
                    "",
                    "defaultNamingContext",
                    "configurationNamingContext",
                    "schemaNamingContext",
                    "rootDomainNamingContext",
                    "dnsHostName",
                    "domainFunctionality",
                    "forestFunctionality",
                    "serverName");
            if (root == null) {
                throw new DirectoryError(server + " returned no root DSE: it is not an LDAP directory server");
            }
            return root;
        } catch (LDAPException e) {
            throw new DirectoryError(server + ": reading the root DSE: " + explain(e, settings), e);
        }
    }

    /** One entry by DN, or null when there is none. */
    public SearchResultEntry entry(String dn, String... attributes) {
        try {
            return connection.getEntry(dn, attributes);
        } catch (LDAPException e) {
            throw new DirectoryError(server + ": reading " + dn + ": " + explain(e, settings), e);
        }
    }

    /**
     * Every entry below {@code base} that matches {@code filter}, page by page, handed to
     * {@code each} as it arrives: the whole result is never held at once. Search references
     * (to other naming contexts) are not followed: the collectors ask for each context they need.
     *
     * @param what what is being searched for, for error messages ("users", "groups")
     */
    public void search(
            String what,
            String base,
            SearchScope scope,
            String filter,
            List<String> attributes,
            Consumer<SearchResultEntry> each) {
        SearchResultListener listener = new SearchResultListener() {
            @Override
            public void searchEntryReturned(SearchResultEntry entry) {
                each.accept(entry);
            }

            @Override
            public void searchReferenceReturned(SearchResultReference reference) {
                // Other naming contexts (DomainDnsZones, Configuration): not part of this search.
            }
        };
        byte[] cookie = null;
        int pages = 0;
        do {
            try {
                SearchRequest request =
                        new SearchRequest(listener, base, scope, filter, attributes.toArray(String[]::new));
                request.setDerefPolicy(DereferencePolicy.NEVER);
                request.setResponseTimeoutMillis(settings.timeout().toMillis());
                request.addControl(new SimplePagedResultsControl(
                        settings.pageSize(), cookie == null ? null : new ASN1OctetString(cookie), true));
                SearchResult result = connection.search(request);
                pages++;
                SimplePagedResultsControl paged = SimplePagedResultsControl.get(result);
                cookie = paged == null || !paged.moreResultsToReturn()
                        ? null
                        : paged.getCookie().getValue();
            } catch (LDAPSearchException e) {
                if (e.getResultCode() == ResultCode.TIMEOUT) {
                    throw new DirectoryError(
                            server + ": page " + (pages + 1) + " of the search for " + what + " did not come within "
                                    + settings.timeout().toSeconds() + " s",
                            e);
                }
                if (e.getResultCode() == ResultCode.NO_SUCH_OBJECT && pages == 0) {
                    return; // the container does not exist in this domain (no trusts, no sites): nothing to read
                }
                throw new DirectoryError(
                        server + ": searching " + what + " under " + base + ": " + explain(e, settings), e);
            } catch (LDAPException e) {
                throw new DirectoryError(
                        server + ": searching " + what + " under " + base + ": " + explain(e, settings), e);
            }
        } while (cookie != null && cookie.length > 0);
    }

    /**
     * All values of a multi-valued attribute the server returns in ranges ({@code member;range=0-1499},
     * as Windows does for groups of more than 1,500 members): the values in {@code entry}, then
     * the rest, range by range.
     */
    public List<String> allValues(SearchResultEntry entry, String attribute) {
        List<String> values = new ArrayList<>();
        String ranged = null;
        for (var a : entry.getAttributes()) {
            String name = a.getName().toLowerCase(Locale.ROOT);
            if (name.equals(attribute.toLowerCase(Locale.ROOT))) {
                values.addAll(List.of(a.getValues()));
            } else if (name.startsWith(attribute.toLowerCase(Locale.ROOT) + ";range=")) {
                values.addAll(List.of(a.getValues()));
                ranged = name;
            }
        }
        while (ranged != null && !ranged.endsWith("-*")) {
            int next = Integer.parseInt(ranged.substring(ranged.lastIndexOf('-') + 1)) + 1;
            SearchResultEntry more = entry(entry.getDN(), attribute + ";range=" + next + "-*");
            ranged = null;
            if (more == null) {
                break;
            }
            for (var a : more.getAttributes()) {
                if (a.getName().toLowerCase(Locale.ROOT).startsWith(attribute.toLowerCase(Locale.ROOT) + ";range=")) {
                    values.addAll(List.of(a.getValues()));
                    ranged = a.getName().toLowerCase(Locale.ROOT);
                }
            }
        }
        return values;
    }

    @Override
    public void close() {
        connection.close();
    }
}
