package io.agent7.testkit;

import com.unboundid.ldap.sdk.LDAPConnection;
import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.util.ssl.HostNameSSLSocketVerifier;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;

/**
 * A real Active Directory domain controller: Debian's Samba, provisioned as the only DC of
 * the domain {@code agent7.test} (NetBIOS {@code AGENT7}) in a folder of its own, and bound
 * to one loopback address only. Samba's ports are fixed (LDAP 389, LDAPS 636, SMB 445,
 * Kerberos 88), so a second DC on one machine needs a second address: 127.0.0.2 beside one on
 * 127.0.0.1. LDAPS presents a certificate from a CA made for this DC ({@link #caCertificate()})
 * naming the address, {@code localhost} and the DC's own name, so that clients check it as
 * they would in production, hostname included.
 *
 * <p>Everything the DC writes stays in its folder: databases, SYSVOL, sockets, pid files and
 * logs ({@code log/samba.log}). Provisioning takes about 6 s and a start about 2 s. A DC
 * started by a test is stopped when the JVM exits; {@code ./agent7 test} starts one for the
 * whole run, which tests reach through {@link #shared()}.
 */
public final class SambaDomainController implements AutoCloseable {

    /** The folder of the DC that {@code ./agent7 test} started for the run. */
    public static final String DIR_PROPERTY = "agent7.samba.dir";

    /**
     * A properties file naming a domain controller of a real domain (Windows, or a Samba DC
     * elsewhere) to run the directory tests against instead: {@code address} (the DC's name,
     * as its LDAPS certificate has it), {@code domain} (DNS), {@code netbios},
     * {@code admin_user} (default Administrator), {@code admin_password}, {@code ca_file} (PEM).
     * The tests add what they need under OUs and GPOs of their own names.
     */
    public static final String EXTERNAL_PROPERTY = "agent7.directory.dc";

    private static final String REALM = "AGENT7.TEST";
    private static final String NETBIOS = "AGENT7";
    private static final String HOST = "dc";
    private static final String ADMIN = "Administrator";
    private static final String FACTS = "agent7-samba.properties";
    private static final Duration START_LIMIT = Duration.ofMinutes(2);
    private static final SecureRandom RANDOM = new SecureRandom();
    /** DCs this JVM started and must stop when it exits. */
    private static final Set<SambaDomainController> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> RUNNING.forEach(SambaDomainController::close), "samba-domain-controllers-stop"));
    }

    private final Path dir;
    private final String address;
    private final String adminPassword;
    /** Another process's DC (that of {@code ./agent7 test}, or an external one): used, never stopped, from here. */
    private final boolean attached;
    /** The domain and how to administer it: this kit's own, or an external DC's ({@link #EXTERNAL_PROPERTY}). */
    private final String domain;

    private final String netbios;
    private final String adminUser;
    private final Path ca;
    private final boolean external;

    private SambaDomainController(Path dir, String address, String adminPassword, boolean attached) {
        this.dir = dir;
        this.address = address;
        this.adminPassword = adminPassword;
        this.attached = attached;
        this.domain = REALM.toLowerCase(java.util.Locale.ROOT);
        this.netbios = NETBIOS;
        this.adminUser = ADMIN;
        this.ca = dir.resolve("tls").resolve("ca.pem");
        this.external = false;
    }

    private SambaDomainController(
            String address, String domain, String netbios, String adminUser, String adminPassword, Path ca) {
        this.dir = null;
        this.address = address;
        this.adminPassword = adminPassword;
        this.attached = true;
        this.domain = domain.toLowerCase(java.util.Locale.ROOT);
        this.netbios = netbios;
        this.adminUser = adminUser;
        this.ca = ca;
        this.external = true;
    }

    /** The DC of a real domain that {@code file} names ({@link #EXTERNAL_PROPERTY}); checked with an LDAPS bind. */
    static SambaDomainController external(Path file) {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file + " (" + EXTERNAL_PROPERTY + ")", e);
        }
        List<String> missing = new ArrayList<>();
        for (String name : List.of("address", "domain", "netbios", "admin_password", "ca_file")) {
            if (p.getProperty(name, "").isBlank()) {
                missing.add(name);
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException(file + " (" + EXTERNAL_PROPERTY + ") lacks " + missing);
        }
        SambaDomainController dc = new SambaDomainController(
                p.getProperty("address").trim(),
                p.getProperty("domain").trim(),
                p.getProperty("netbios").trim(),
                p.getProperty("admin_user", ADMIN).trim(),
                p.getProperty("admin_password"),
                Path.of(p.getProperty("ca_file").trim()));
        try (LDAPConnection ldap = dc.connectAsAdministrator()) {
            if (ldap.getRootDSE() == null) {
                throw new IllegalStateException(dc.ldapsUrl() + " has no root DSE");
            }
        } catch (LDAPException e) {
            throw new IllegalStateException(
                    "Cannot bind to " + dc.ldapsUrl() + " as " + dc.adminUser() + ": " + e.getMessage(), e);
        }
        return dc;
    }

    /**
     * Provisions a new domain in {@code dir} (which must be empty or missing) and starts its DC
     * on {@code address}, a loopback address such as 127.0.0.1 or 127.0.0.2; returns once LDAPS
     * accepts the Administrator's bind and SMB accepts connections. The DC is stopped, and its
     * folder removed, when this JVM exits.
     */
    public static SambaDomainController start(Path dir, String address) {
        SambaDomainController dc = provisionAndStart(dir, address);
        RUNNING.add(dc);
        return dc;
    }

    /** Like {@link #start} for {@code ./agent7}, which stops the DC itself ({@link #stop(Path)}). */
    static SambaDomainController startOutlivingJvm(Path dir, String address) {
        return provisionAndStart(dir, address);
    }

    /**
     * The DC of this test run: the one running from {@code -Dagent7.samba.dir} when that is set
     * ({@code ./agent7 test} starts one per run), else one this JVM starts on first use on
     * 127.0.0.1 and stops when it exits. Fails, never skips, when there is none.
     */
    public static SambaDomainController shared() {
        return Shared.get();
    }

    /** Attaches to the DC that another process started in {@code dir} and left running. */
    static SambaDomainController attach(Path dir) {
        Path facts = dir.resolve(FACTS);
        if (!Files.isRegularFile(facts)) {
            throw new IllegalStateException(dir + " holds no Samba DC started by the test kit (no " + FACTS + ")");
        }
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(facts)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + facts, e);
        }
        SambaDomainController dc = new SambaDomainController(
                dir, properties.getProperty("address"), properties.getProperty("adminPassword"), true);
        if (Processes.running(dc.pidFile()).isEmpty()) {
            throw new IllegalStateException(
                    "The Samba DC in " + dir + " is not running; its log's last lines:\n" + dc.logTail());
        }
        dc.awaitReady();
        return dc;
    }

    private static SambaDomainController provisionAndStart(Path dir, String address) {
        requireLoopback(address);
        Path samba = executable("samba");
        executable("samba-tool");
        requireFree(address);
        Path own = dir.toAbsolutePath().normalize();
        requireEmpty(own);
        SambaDomainController dc = new SambaDomainController(own, address, newPassword(), false);
        dc.provision();
        dc.launch(samba);
        return dc;
    }

    private void provision() {
        try {
            Files.createDirectories(dir.resolve("log"));
            Files.createDirectories(dir.resolve("run"));
            Files.createDirectories(dir.resolve("tls"));
            // smbd reaches SYSVOL as the Unix user a domain account maps to (the Administrator's is
            // not root): with a closed folder on the way, as Files.createTempDirectory makes them,
            // samba-tool gpo create fails with "Access Denied".
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the DC's folders in " + dir, e);
        }
        requireTraversable(dir);
        CertificateAuthority ca = CertificateAuthority.create("Agent7 test DC " + address, Duration.ofDays(30));
        CertificateAuthority.Issued tls =
                ca.issueServer(fqdn(), List.of(fqdn(), "localhost"), List.of(address), Duration.ofDays(30));
        // Samba refuses a key that anyone but its owner can read.
        CertificateAuthority.writeOwnerOnly(tlsFile("key.pem"), tls.keyPem());
        CertificateAuthority.writeOwnerOnly(tlsFile("cert.pem"), tls.certificatePem());
        CertificateAuthority.writeOwnerOnly(caCertificate(), CertificateAuthority.pem(ca.certificate()));

        List<String> command = new ArrayList<>(List.of(
                "samba-tool",
                "domain",
                "provision",
                "--targetdir=" + dir,
                "--realm=" + REALM,
                "--domain=" + NETBIOS,
                "--host-name=" + HOST,
                "--server-role=dc",
                "--dns-backend=NONE",
                "--adminpass=" + adminPassword));
        options().forEach((name, value) -> command.add("--option=" + name + "=" + value));
        Processes.Result result = Processes.run(command);
        if (result.exitCode() != 0) {
            throw new IllegalStateException("samba-tool could not provision the domain " + domain() + " in " + dir
                    + " (exit " + result.exitCode() + "):\n" + lastLines(result.output(), 30));
        }
        // A Windows DC registers its ldap/ service principals itself; Samba leaves that to its
        // DNS update service, which this DC does not run. Without them no Kerberos LDAP bind works.
        for (String spn : List.of("ldap/" + fqdn(), "ldap/" + HOST)) {
            Processes.Result added = Processes.run(List.of(
                    "samba-tool", "spn", "add", spn, HOST + "$", "-s", smbConf().toString()));
            if (added.exitCode() != 0) {
                throw new IllegalStateException("samba-tool could not give " + HOST + "$ the service principal " + spn
                        + " (exit " + added.exitCode() + "):\n" + added.output());
            }
        }
        writeFacts();
    }

    /**
     * What the DC's smb.conf says besides the provision's defaults: every path it can inside its
     * folder (the defaults under /run/samba and /var/lib/samba are shared with any other Samba
     * on the machine, whose sockets and pid files a second DC would take over), one address,
     * and the CA's certificate for TLS.
     */
    private Map<String, String> options() {
        Map<String, String> options = new java.util.LinkedHashMap<>();
        // With a netmask Samba takes an address that no interface lists; lo has only 127.0.0.1.
        options.put("interfaces", address + "/8");
        options.put("bind interfaces only", "yes");
        options.put("log file", dir.resolve("log/samba.log").toString());
        options.put("pid directory", dir.resolve("run").toString());
        options.put("ncalrpc dir", dir.resolve("run/ncalrpc").toString());
        // Not "winbindd socket directory": smbd reaches the DC's winbindd at the built-in path
        // whatever it says, and with it moved every SMB session setup fails (NT_STATUS_INTERNAL_ERROR).
        // Two DCs on one machine share that socket directory.
        options.put("ntp signd socket directory", dir.resolve("run/ntp_signd").toString());
        options.put("usershare path", dir.resolve("usershares").toString());
        // The provision's list without nbt (NetBIOS names would compete with another DC's on the
        // loopback broadcast address) and dnsupdate (no DNS here: it only fails, every ten minutes).
        options.put("server services", "s3fs, rpc, wrepl, ldap, cldap, kdc, drepl, winbindd, ntp_signd, kcc");
        // No fsync per LDAP write: a test DC's data need not outlive a power cut, and its bulk loads
        // run faster without.
        options.put("ldb:nosync", "true");
        // As a Windows DC: a Kerberos (SASL) bind over TLS adds no layer of its own. Samba's
        // default refuses it both with a layer (not over TLS) and without one (not strong enough).
        // Simple binds still need TLS.
        options.put("ldap server require strong auth", "allow_sasl_over_tls");
        options.put("tls enabled", "yes");
        options.put("tls keyfile", tlsFile("key.pem").toString());
        options.put("tls certfile", tlsFile("cert.pem").toString());
        options.put("tls cafile", caCertificate().toString());
        return options;
    }

    private void writeFacts() {
        Properties facts = new Properties();
        facts.setProperty("address", address);
        facts.setProperty("adminPassword", adminPassword);
        facts.setProperty("realm", REALM);
        facts.setProperty("domain", domain());
        facts.setProperty("netbios", NETBIOS);
        facts.setProperty("ca", caCertificate().toString());
        Path file = dir.resolve(FACTS);
        CertificateAuthority.writeOwnerOnly(file, "");
        try (OutputStream out = Files.newOutputStream(file)) {
            facts.store(out, "The Samba DC the test kit started here (SambaDomainController)");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    /** Starts samba as a daemon that writes its pid file and outlives its launcher; waits until it serves. */
    private void launch(Path samba) {
        // The default process model (prefork): as Debian's service runs it, LDAP served by four
        // worker processes. Writes still queue for the database's one write lock.
        Processes.Result launcher =
                Processes.run(List.of(samba.toString(), "-s", smbConf().toString()));
        if (launcher.exitCode() != 0) {
            throw new IllegalStateException("samba did not start in " + dir + " (exit " + launcher.exitCode() + "): "
                    + launcher.output() + "\n" + logTail());
        }
        try {
            awaitReady();
        } catch (RuntimeException e) {
            stop(dir);
            throw e;
        }
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + START_LIMIT.toNanos();
        String last = "no answer yet";
        while (System.nanoTime() < deadline) {
            if (Processes.exited(pidFile())) {
                throw failure("it exited during start");
            }
            try (LDAPConnection ldap = connectAsAdministrator()) {
                if (ldap.getRootDSE() != null && accepts(address, 445)) {
                    return;
                }
                last = "LDAPS answers, SMB on port 445 does not yet";
            } catch (LDAPException e) {
                last = e.getMessage();
            }
            sleep(Duration.ofMillis(250));
        }
        throw failure("it did not serve LDAPS and SMB within " + START_LIMIT.toSeconds() + " s; last answer: " + last);
    }

    private IllegalStateException failure(String why) {
        return new IllegalStateException("The Samba DC in " + dir + " did not start on " + address + ": " + why
                + ". Its log's last lines (" + log() + "):\n" + logTail());
    }

    /**
     * A connection over LDAPS that trusts only this DC's CA and checks that its certificate
     * names the address connected to, bound as {@code bindDn} (a DN or a UPN such as
     * {@code user@agent7.test}).
     */
    public LDAPConnection connect(String bindDn, String password) throws LDAPException {
        SSLContext tls = CertificateAuthority.trusting(caCertificate());
        LDAPConnectionOptions options = new LDAPConnectionOptions();
        options.setSSLSocketVerifier(new HostNameSSLSocketVerifier(false));
        options.setConnectTimeoutMillis(5_000);
        options.setResponseTimeoutMillis(60_000);
        return new LDAPConnection(tls.getSocketFactory(), options, address, 636, bindDn, password);
    }

    /** {@link #connect} as the domain's Administrator. */
    public LDAPConnection connectAsAdministrator() throws LDAPException {
        return connect(external ? adminUser + "@" + domain : adminDn(), adminPassword);
    }

    /**
     * Runs {@code samba-tool <args>} against this DC over LDAP as the Administrator (NTLM, with
     * signing and sealing; the password in its environment, not on its command line). Answers
     * what it printed; fails with that output when it fails.
     */
    public String sambaTool(String... args) {
        List<String> command = new ArrayList<>();
        command.add("samba-tool");
        command.addAll(List.of(args));
        // Kerberos off: the realm's name is the same in every test domain, and a krb5.conf on the
        // machine may send the ticket request to another DC's KDC.
        // No port in the URL: samba-tool gpo takes what follows ldap:// for the host to find the DC at.
        String url = "ldap://" + address;
        command.addAll(List.of("-s", smbConf().toString(), "-H", url, "-U", adminUser, "--use-kerberos=off"));
        Processes.Result result = Processes.run(command, Map.of("PASSWD", adminPassword));
        if (result.exitCode() != 0) {
            throw new IllegalStateException("samba-tool " + String.join(" ", args) + " against " + url + " exited "
                    + result.exitCode() + ":\n" + result.output());
        }
        return result.output();
    }

    /**
     * Writes the keys of {@code principal} ({@code user@AGENT7.TEST}) to a keytab at {@code file},
     * as a domain-joined host's {@code /etc/krb5.keytab} holds its own. It reads the DC's
     * database on this machine: not for an external DC.
     */
    public void exportKeytab(String principal, Path file) {
        requireOwnFolder("database on this machine to export a keytab from");
        Processes.Result result = Processes.run(List.of(
                "samba-tool",
                "domain",
                "exportkeytab",
                file.toString(),
                "--principal=" + principal,
                "-s",
                smbConf().toString()));
        if (result.exitCode() != 0) {
            throw new IllegalStateException("samba-tool could not export the keys of " + principal + " (exit "
                    + result.exitCode() + "):\n" + result.output());
        }
    }

    public String address() {
        return address;
    }

    /** The DNS domain, {@code agent7.test} for this kit's own DCs. */
    public String domain() {
        return domain;
    }

    /** The Kerberos realm, {@code AGENT7.TEST}. */
    public String realm() {
        return domain.toUpperCase(java.util.Locale.ROOT);
    }

    /** The pre-Windows 2000 domain name, {@code AGENT7}. */
    public String netbiosDomain() {
        return netbios;
    }

    /** The DC's own name, {@code dc.agent7.test}, which its certificate also carries. */
    public String fqdn() {
        return external ? address : HOST + "." + domain();
    }

    /** {@code DC=agent7,DC=test}. */
    public String baseDn() {
        StringBuilder dn = new StringBuilder();
        for (String label : domain.split("\\.")) {
            dn.append(dn.length() == 0 ? "" : ",").append("DC=").append(label);
        }
        return dn.toString();
    }

    /** Whether this is a real domain's DC named by {@link #EXTERNAL_PROPERTY}, not one this kit runs. */
    public boolean external() {
        return external;
    }

    public URI ldapsUrl() {
        return URI.create("ldaps://" + address + ":636");
    }

    /** Plain LDAP: Samba accepts simple binds only over TLS, SASL binds (signed and sealed) here. */
    public URI ldapUrl() {
        return URI.create("ldap://" + address + ":389");
    }

    public String adminUser() {
        return adminUser;
    }

    public String adminDn() {
        return "CN=" + adminUser + ",CN=Users," + baseDn();
    }

    public String adminPassword() {
        return adminPassword;
    }

    /** The CA that signed the DC's LDAPS certificate, as PEM. */
    public Path caCertificate() {
        return ca;
    }

    /** The SYSVOL share's folder; the GPOs' files are under {@code <domain>/Policies}. Not for an external DC. */
    public Path sysvol() {
        requireOwnFolder("SYSVOL on this machine");
        return dir.resolve("state/sysvol");
    }

    /** The DC's smb.conf; for an external DC, the machine's, which samba-tool reads for its client settings. */
    public Path smbConf() {
        return external ? Path.of("/etc/samba/smb.conf") : dir.resolve("etc/smb.conf");
    }

    private void requireOwnFolder(String what) {
        if (external) {
            throw new IllegalStateException("The external DC " + address + " has no " + what);
        }
    }

    public Path dir() {
        return dir;
    }

    public Path log() {
        requireOwnFolder("log on this machine");
        return dir.resolve("log/samba.log");
    }

    /** The last lines of the DC's log, for failure messages. */
    public String logTail() {
        try {
            return lastLines(Files.readString(log(), StandardCharsets.UTF_8), 40);
        } catch (IOException e) {
            return "(cannot read " + log() + ": " + e.getMessage() + ")";
        }
    }

    /** Stops the DC (SIGTERM, SIGKILL after 30 s); keeps its folder. */
    public void stop() {
        requireOwned("stop");
        stop(dir);
        RUNNING.remove(this);
    }

    /** Stops the DC whose folder is {@code dir}, if one runs there, with the smbd and winbindd it started. */
    public static void stop(Path dir) {
        for (String name : List.of("samba", "smbd", "winbindd")) {
            Path pidFile = dir.resolve("run").resolve(name + ".pid");
            Processes.running(pidFile)
                    // A pid file outlives its process; its number may belong to another program now.
                    .filter(process -> process.info()
                            .command()
                            .map(command -> command.endsWith("/" + name))
                            .orElse(false))
                    .ifPresent(process -> {
                        process.destroy();
                        if (!awaitExit(process, Duration.ofSeconds(30))) {
                            process.destroyForcibly();
                            awaitExit(process, Duration.ofSeconds(30));
                        }
                    });
        }
    }

    /** Stops the DC and removes its folder. */
    @Override
    public void close() {
        stop();
        Folders.deleteTree(dir);
    }

    private void requireOwned(String what) {
        if (attached) {
            throw new IllegalStateException("The Samba DC in " + dir + " belongs to the process that started it"
                    + " (./agent7 test): a test may use it but not " + what + " it");
        }
    }

    private Path pidFile() {
        return dir.resolve("run/samba.pid");
    }

    private Path tlsFile(String name) {
        return dir.resolve("tls").resolve(name);
    }

    private static boolean accepts(String address, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), 1_000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void requireLoopback(String address) {
        if (!address.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}")) {
            throw new IllegalArgumentException(
                    "A test DC binds a loopback address such as 127.0.0.1 or 127.0.0.2, got '" + address + "'");
        }
    }

    /** Samba's ports are fixed: a second DC, or any server on them, makes the start fail late and unclearly. */
    private static void requireFree(String address) {
        for (int port : new int[] {389, 636, 445, 88}) {
            if (accepts(address, port)) {
                throw new IllegalStateException("Something already listens on " + address + ":" + port
                        + " (another Samba DC?): start this DC on another loopback address, such as 127.0.0.2");
            }
        }
    }

    private static void requireTraversable(Path dir) {
        for (Path p = dir.getParent(); p != null; p = p.getParent()) {
            try {
                if (!Files.getPosixFilePermissions(p).contains(PosixFilePermission.OTHERS_EXECUTE)) {
                    throw new IllegalStateException("The DC's SMB server reaches SYSVOL in " + dir
                            + " as an unprivileged user, which cannot pass through " + p + " (mode "
                            + PosixFilePermissions.toString(Files.getPosixFilePermissions(p))
                            + "): put the DC's folder elsewhere, or open " + p + " with chmod o+x");
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read the permissions of " + p, e);
            }
        }
    }

    private static void requireEmpty(Path dir) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (var entries = Files.list(dir)) {
            if (entries.findAny().isPresent()) {
                throw new IllegalStateException("A new DC is provisioned into an empty folder; " + dir + " is not");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + dir, e);
        }
    }

    private static Path executable(String name) {
        // samba lives in /usr/sbin, which is not on every user's PATH.
        List<String> folders =
                new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(":")));
        folders.addAll(List.of("/usr/sbin", "/usr/bin", "/sbin"));
        return folders.stream()
                .filter(folder -> !folder.isEmpty())
                .map(folder -> Path.of(folder, name))
                .filter(Files::isExecutable)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("No '" + name + "' here: the Active Directory tests run"
                        + " a real Samba DC. Install Debian's samba and samba-ad-dc packages"
                        + " (apt-get install samba samba-ad-dc smbclient), which ./agent7 test does."));
    }

    /** Strong enough for the domain's default policy: upper and lower case, digits and a symbol. */
    private static String newPassword() {
        byte[] random = new byte[18];
        RANDOM.nextBytes(random);
        return "A7." + Base64.getUrlEncoder().withoutPadding().encodeToString(random) + "-x9";
    }

    private static String lastLines(String text, int count) {
        List<String> lines = text.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - count), lines.size()));
    }

    private static boolean awaitExit(ProcessHandle process, Duration limit) {
        try {
            process.onExit().get(limit.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException e) {
            return false;
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("Waiting for pid " + process.pid() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for pid " + process.pid(), e);
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    /**
     * The DC of this JVM's tests: attached to, or started, on first use, once. A DC that failed
     * to start is not tried again for every test class: each gets the same failure.
     */
    private static final class Shared {

        private static SambaDomainController dc;
        private static RuntimeException failure;

        static synchronized SambaDomainController get() {
            if (failure != null) {
                throw new IllegalStateException("This JVM's Samba DC failed to start earlier", failure);
            }
            if (dc == null) {
                try {
                    dc = create();
                } catch (RuntimeException e) {
                    failure = e;
                    throw e;
                }
            }
            return dc;
        }

        private static SambaDomainController create() {
            String external = System.getProperty(EXTERNAL_PROPERTY);
            if (external != null && !external.isBlank() && !external.startsWith("${")) {
                return external(Path.of(external));
            }
            String dir = System.getProperty(DIR_PROPERTY);
            if (dir != null && !dir.isBlank() && !dir.startsWith("${")) {
                return attach(Path.of(dir));
            }
            try {
                return start(Files.createTempDirectory("agent7-samba-"), "127.0.0.1");
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot create a folder for this JVM's Samba DC", e);
            }
        }
    }
}
