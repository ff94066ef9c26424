package io.agent7.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.agent7.agent.collect.Collector;
import io.agent7.agent.collect.directory.Directory;
import io.agent7.agent.collect.directory.DirectoryCollectors;
import io.agent7.agent.collect.directory.DirectoryConfig;
import io.agent7.agent.runtime.AgentRuntime;
import io.agent7.agent.state.Credentials;
import io.agent7.agent.state.HostFacts;
import io.agent7.agent.transport.ServerClient;
import io.agent7.protocol.Batch;
import io.agent7.protocol.CheckinReport;
import io.agent7.schema.Schema;
import io.agent7.testkit.ElasticsearchExtension;
import io.agent7.testkit.SambaDomainController;
import io.agent7.testkit.ServiceProcess;
import io.agent7.testkit.TestAccounts;
import io.agent7.testkit.TestDirectory;
import io.agent7.testkit.TestDirectory.AccountFlag;
import io.agent7.testkit.TestDirectory.UserSpec;
import io.agent7.testkit.TestElasticsearch;
import io.agent7.testkit.TestSysvol;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The directory collectors against a real Samba AD domain controller, through the real ingest
 * API into the run's Elasticsearch, asked through the query API: a directory this test defines
 * (privileged and ordinary users, stale and fresh, disabled, with SPNs and no pre-authentication,
 * groups nested three deep into Domain Admins, a membership cycle, a computer, an OU with a
 * linked GPO, a SYSVOL file Domain Users can write) is collected by two agents of one group, and
 * what lands is asserted field by field. Every name carries this run's tag, so a rerun against
 * the same DC and node sees only its own.
 */
@ExtendWith(ElasticsearchExtension.class)
class DirectoryIT {

    static final Schema SCHEMA = Schema.standard();
    static final String TAG =
            HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt(), 6);
    static final String OU = "a7it-" + TAG;
    static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    static final Instant STALE = NOW.minus(Duration.ofDays(200));
    static final Instant FRESH = NOW.minus(Duration.ofDays(2));
    static final List<String> DIRECTORY_TYPES =
            List.of("ad_user", "ad_group", "ad_computer", "ad_domain", "gpo", "sysvol_file");

    static SambaDomainController dc;
    static ServiceProcess ingest;
    static ServiceProcess search;
    static String siteKey;
    static String gpoGuid;
    static String writableFile;
    static List<String> collectingHosts = new ArrayList<>();

    static String name(String prefix) {
        return prefix + "-" + TAG;
    }

    @BeforeAll
    static void collectTheDirectory() throws Exception {
        dc = SambaDomainController.shared();
        try (TestDirectory directory = TestDirectory.on(dc)) {
            directory.ou(OU);
            String seed = directory.user(
                    OU,
                    name("da"),
                    UserSpec.enabledUser().lastLogon(STALE).spns("MSSQLSvc/sql-" + TAG + ".agent7.test:1433"));
            String fresh =
                    directory.user(OU, name("fresh"), UserSpec.enabledUser().lastLogon(FRESH));
            directory.user(OU, name("old"), UserSpec.enabledUser().lastLogon(STALE));
            String off = directory.user(OU, name("off"), UserSpec.disabledUser().lastLogon(STALE));
            directory.user(
                    OU, name("asrep"), UserSpec.enabledUser().lastLogon(FRESH).flags(AccountFlag.DONT_REQ_PREAUTH));
            directory.user(
                    OU,
                    name("svc"),
                    UserSpec.enabledUser()
                            .spns("HTTP/web-" + TAG + ".agent7.test")
                            .allowedToDelegateTo("cifs/fs-" + TAG + ".agent7.test"));
            directory.user(OU, name("deleg"), UserSpec.enabledUser().flags(AccountFlag.TRUSTED_FOR_DELEGATION));
            String cyc = directory.user(OU, name("cyc"), UserSpec.enabledUser());
            // Three deep into Domain Admins: ops in t1 in t0 in Domain Admins.
            String ops = directory.group(OU, name("ops"), seed, off);
            String t1 = directory.group(OU, name("t1"), ops);
            String t0 = directory.group(OU, name("t0"), t1);
            directory.addMember(directory.domainAdmins(), t0);
            directory.addMember(directory.domainAdmins(), fresh);
            // A cycle: cy1 in cy2 in cy1.
            String cy1 = directory.group(OU, name("cy1"), cyc);
            String cy2 = directory.group(OU, name("cy2"), cy1);
            directory.addMember(cy1, cy2);
            directory.computer(OU, name("ws"), "Windows 11 Enterprise", "10.0 (22631)", name("ws") + ".agent7.test");
            gpoGuid = directory.gpo(name("gpo"), OU);
        }
        writableFile = placeWritableSysvolFile();

        String es = TestElasticsearch.url().toString();
        Path state = Files.createTempDirectory("agent7-directory-ingest");
        ingest = ServiceProcess.start(
                "ingest-api",
                Map.of(
                        "AGENT7_ELASTICSEARCH_URL",
                        es,
                        "AGENT7_STATE_DIR",
                        state.toString(),
                        "AGENT7_BOOTSTRAP_SITE_KEY",
                        "sk_dir_" + UUID.randomUUID()));
        search = FleetSupport.plainConsole();
        siteKey = directoryGroupSiteKey(ingest.url("/"));
        // Two hosts of the group collect the same domain: one set of documents.
        for (int i = 0; i < 2; i++) {
            Path agentState = Files.createTempDirectory("agent7-directory-agent");
            Credentials credentials = FleetSupport.enroll(ingest.url("/"), siteKey, agentState);
            writeSettings(agentState, dc.adminPassword());
            collectingHosts.add(credentials.hostId());
            assertThat(runOnce(credentials, agentState)).isTrue();
            // A collection that failed would be on the host's document: run --once reports it before it exits.
            assertThat(collectorErrors(credentials.hostId()))
                    .as("collector errors")
                    .isEqualTo("[]");
        }
        for (String type : DIRECTORY_TYPES) {
            TestElasticsearch.refresh(SCHEMA.require(type).index());
        }
    }

    @AfterAll
    static void stopServices() {
        if (search != null) {
            search.close();
        }
        if (ingest != null) {
            ingest.close();
        }
    }

    @Test
    void theSeedAccountIsPrivilegedThroughThreeNestedGroupsStaleAndKerberoastable() throws Exception {
        JsonNode user = only("ad_user", "user.name,eq," + name("da"));
        assertThat(user.at("/user/domain").asString()).isEqualTo(dc.netbiosDomain());
        assertThat(user.at("/user/id").asString()).startsWith("S-1-5-21-");
        assertThat(user.at("/user/privileged").asBoolean()).isTrue();
        assertThat(user.at("/user/enabled").asBoolean()).isTrue();
        assertThat(Instant.parse(user.at("/user/last_logon").asString())).isEqualTo(STALE);
        assertThat(texts(user.at("/user/group/name"))).containsExactlyInAnyOrder(name("ops"), "Domain Users");
        JsonNode ad = user.path("ad_user");
        // Domain Admins is in BUILTIN\Administrators, as in every AD domain: one path to each.
        String toDomainAdmins =
                name("da") + " > " + name("ops") + " > " + name("t1") + " > " + name("t0") + " > Domain Admins";
        assertThat(texts(ad.path("privilege_path")))
                .containsExactlyInAnyOrder(toDomainAdmins, toDomainAdmins + " > Administrators");
        assertThat(texts(ad.path("privileged_groups"))).containsExactlyInAnyOrder("Domain Admins", "Administrators");
        assertThat(texts(ad.path("groups")))
                .containsExactlyInAnyOrder(
                        name("ops"),
                        name("t1"),
                        name("t0"),
                        "Domain Admins",
                        "Denied RODC Password Replication Group",
                        "Administrators",
                        "Domain Users",
                        "Users");
        assertThat(ad.path("kerberoastable").asBoolean()).isTrue();
        assertThat(texts(ad.path("service_principal_names")))
                .containsExactly("MSSQLSvc/sql-" + TAG + ".agent7.test:1433");
        assertThat(ad.path("preauth_not_required").asBoolean()).isFalse();
        assertThat(texts(ad.path("delegation"))).containsExactly("none");
        assertThat(ad.path("domain_dns").asString()).isEqualTo(dc.domain());
        assertThat(ad.path("distinguished_name").asString())
                .isEqualToIgnoringCase("CN=" + name("da") + ",OU=" + OU + "," + dc.baseDn());
        assertThat(ad.path("user_principal_name").asString()).isEqualTo(name("da") + "@" + dc.domain());
        assertThat(texts(ad.path("uac_flags"))).containsExactly("NORMAL_ACCOUNT");
    }

    @Test
    void flagsAndStatesOfTheOtherAccounts() throws Exception {
        JsonNode fresh = only("ad_user", "user.name,eq," + name("fresh"));
        assertThat(fresh.at("/user/privileged").asBoolean()).isTrue();
        assertThat(texts(fresh.at("/ad_user/privilege_path")))
                .containsExactlyInAnyOrder(
                        name("fresh") + " > Domain Admins", name("fresh") + " > Domain Admins > Administrators");
        JsonNode off = only("ad_user", "user.name,eq," + name("off"));
        assertThat(off.at("/user/enabled").asBoolean()).isFalse();
        assertThat(off.at("/user/privileged").asBoolean()).isTrue();
        assertThat(texts(off.at("/ad_user/uac_flags"))).contains("ACCOUNTDISABLE");
        JsonNode old = only("ad_user", "user.name,eq," + name("old"));
        assertThat(old.at("/user/privileged").asBoolean()).isFalse();
        assertThat(old.at("/ad_user/privilege_path").isMissingNode()).isTrue();
        JsonNode asrep = only("ad_user", "user.name,eq," + name("asrep"));
        assertThat(asrep.at("/ad_user/preauth_not_required").asBoolean()).isTrue();
        assertThat(asrep.at("/ad_user/kerberoastable").asBoolean()).isFalse();
        JsonNode svc = only("ad_user", "user.name,eq," + name("svc"));
        assertThat(svc.at("/ad_user/kerberoastable").asBoolean()).isTrue();
        assertThat(svc.at("/user/privileged").asBoolean()).isFalse();
        assertThat(texts(svc.at("/ad_user/delegation"))).containsExactly("constrained");
        assertThat(texts(svc.at("/ad_user/allowed_to_delegate_to"))).containsExactly("cifs/fs-" + TAG + ".agent7.test");
        JsonNode deleg = only("ad_user", "user.name,eq," + name("deleg"));
        assertThat(texts(deleg.at("/ad_user/delegation"))).containsExactly("unconstrained");
        assertThat(texts(deleg.at("/ad_user/uac_flags"))).contains("TRUSTED_FOR_DELEGATION");
    }

    @Test
    void groupsHaveDirectAndTransitiveMembersAndACycleEnds() throws Exception {
        JsonNode t0 = only("ad_group", "group.name,eq," + name("t0"));
        assertThat(texts(t0.at("/ad_group/member_names"))).containsExactly(name("t1"));
        assertThat(texts(t0.at("/ad_group/transitive_member_names")))
                .containsExactlyInAnyOrder(name("t1"), name("ops"), name("da"), name("off"));
        assertThat(t0.at("/ad_group/privileged").asBoolean()).isTrue();
        assertThat(t0.at("/ad_group/type").asString()).isEqualTo("security");
        assertThat(t0.at("/ad_group/scope").asString()).isEqualTo("global");
        JsonNode cy1 = only("ad_group", "group.name,eq," + name("cy1"));
        assertThat(texts(cy1.at("/ad_group/transitive_member_names")))
                .containsExactlyInAnyOrder(name("cyc"), name("cy2"), name("cy1"));
        assertThat(cy1.at("/ad_group/privileged").asBoolean()).isFalse();
        JsonNode cyc = only("ad_user", "user.name,eq," + name("cyc"));
        assertThat(texts(cyc.at("/ad_user/groups")))
                .containsExactlyInAnyOrder(name("cy1"), name("cy2"), "Domain Users", "Users");
    }

    @Test
    void theComputerTheDomainAndItsController() throws Exception {
        JsonNode ws = only("ad_computer", "ad_computer.name,eq," + name("ws"));
        assertThat(ws.at("/ad_computer/operating_system").asString()).isEqualTo("Windows 11 Enterprise");
        assertThat(ws.at("/ad_computer/dns_hostname").asString()).isEqualTo(name("ws") + ".agent7.test");
        assertThat(ws.at("/ad_computer/domain_controller").asBoolean()).isFalse();
        assertThat(ws.at("/ad_computer/enabled").asBoolean()).isTrue();

        JsonNode domain = only("ad_domain", "ad_domain.kind,eq,domain;ad_domain.name,eq," + dc.domain());
        assertThat(domain.at("/ad_domain/netbios_name").asString()).isEqualTo(dc.netbiosDomain());
        assertThat(domain.at("/ad_domain/sid").asString()).startsWith("S-1-5-21-");
        assertThat(domain.at("/ad_domain/min_password_length").asLong()).isPositive();
        assertThat(domain.at("/ad_domain/password_complexity").isBoolean()).isTrue();
        assertThat(domain.at("/ad_domain/functional_level").asString()).isNotBlank();

        JsonNode controllers =
                query("ad_domain", "ad_domain.kind,eq,domain_controller;ad_domain.name,eq," + dc.domain());
        assertThat(domain.at("/ad_domain/controllers").size())
                .isEqualTo(controllers.path("total").asInt())
                .isPositive();
        Set<String> roles = new TreeSet<>();
        for (JsonNode controller : controllers.path("items")) {
            roles.addAll(texts(controller.at("/ad_domain/dc/roles")));
            assertThat(controller.at("/ad_domain/dc/site").asString()).isNotBlank();
        }
        assertThat(roles)
                .as("every FSMO role has a holder")
                .containsExactly("infrastructure", "naming", "pdc", "rid", "schema");
        if (!dc.external()) {
            // This kit's DC: Samba's defaults, one controller holding every role.
            assertThat(domain.at("/ad_domain/machine_account_quota").asLong()).isEqualTo(10);
            JsonNode only = controllers.path("items").get(0);
            assertThat(only.at("/ad_domain/dc/name").asString()).isEqualTo(dc.fqdn());
            assertThat(only.at("/ad_domain/dc/global_catalog").asBoolean()).isTrue();
            assertThat(only.at("/ad_domain/dc/site").asString()).isEqualTo("Default-First-Site-Name");
            assertThat(only.at("/ad_domain/dc/os").asString()).isEqualTo("Samba");
        }
    }

    @Test
    void theGpoIsLinkedToItsOuAndItsFilesCarryTheirAces() throws Exception {
        JsonNode gpo = only("gpo", "gpo.guid,eq," + gpoGuid);
        assertThat(gpo.at("/gpo/name").asString()).isEqualTo(name("gpo"));
        assertThat(gpo.at("/gpo/linked").asBoolean()).isTrue();
        JsonNode link = gpo.at("/gpo/links").get(0);
        assertThat(link.path("target").asString()).isEqualToIgnoringCase("OU=" + OU + "," + dc.baseDn());
        assertThat(link.path("target_kind").asString()).isEqualTo("ou");
        assertThat(link.path("enabled").asBoolean()).isTrue();
        assertThat(link.path("enforced").asBoolean()).isFalse();
        assertThat(link.path("order").asLong()).isEqualTo(1);
        assertThat(gpo.at("/gpo/path").asString()).containsIgnoringCase(gpoGuid);

        JsonNode file = only("sysvol_file", "file.path,eq," + writableFile);
        assertThat(file.at("/sysvol_file/gpo_guid").asString()).isEqualTo(gpoGuid);
        assertThat(file.at("/sysvol_file/non_privileged_write").asBoolean()).isTrue();
        assertThat(texts(file.at("/sysvol_file/writable_by"))).containsExactly(dc.netbiosDomain() + "\\Domain Users");
        assertThat(file.at("/file/hash/sha256").asString()).hasSize(64);
        List<String> principals = new ArrayList<>();
        file.at("/sysvol_file/aces")
                .forEach(ace -> principals.add(ace.path("principal").asString()));
        assertThat(principals)
                .contains(
                        "NT AUTHORITY\\SYSTEM",
                        dc.netbiosDomain() + "\\Domain Admins",
                        dc.netbiosDomain() + "\\Domain Users");
        JsonNode gptIni = only("sysvol_file", "sysvol_file.gpo_guid,eq," + gpoGuid + ";file.name,eq,GPT.INI");
        assertThat(gptIni.at("/sysvol_file/non_privileged_write").asBoolean()).isFalse();
    }

    @Test
    void twoCollectingHostsWriteOneSetOfDocuments() throws Exception {
        JsonNode answer = query("ad_user", "user.name,like,*-" + TAG);
        assertThat(answer.path("total").asLong()).isEqualTo(8);
        for (JsonNode user : answer.path("items")) {
            assertThat(collectingHosts).contains(user.at("/host/id").asString());
        }
        long inIndex = TestElasticsearch.count(
                "agent7-ad_user", "{\"wildcard\":{\"user.name\":{\"value\":\"*-" + TAG + "\"}}}");
        assertThat(inIndex).isEqualTo(8);
    }

    @Test
    void theQuestionsAnAnalystAsks() throws Exception {
        String mine = "user.name,like,*-" + TAG + ";";
        assertThat(names(
                        "ad_user",
                        mine + "user.privileged,eq,true;user.enabled,eq,true;"
                                + "any(user.last_logon,lt,now-90d;user.last_logon,missing)",
                        "/user/name"))
                .containsExactly(name("da"));
        assertThat(names("ad_user", mine + "ad_user.kerberoastable,eq,true;user.privileged,eq,true", "/user/name"))
                .containsExactly(name("da"));
        assertThat(names(
                                "sysvol_file",
                                "sysvol_file.non_privileged_write,eq,true;file.path,contains," + TAG,
                                "/file/path")
                        .stream()
                        .map(path -> path.toLowerCase(java.util.Locale.ROOT)))
                .containsExactly(writableFile.toLowerCase(java.util.Locale.ROOT));
        assertThat(names("gpo", "gpo.when_changed,gt,now-7d;gpo.name,eq," + name("gpo"), "/gpo/guid"))
                .containsExactly(gpoGuid);
    }

    @Test
    void theSeedQuestionJoinsDomainAccountsToTheirScheduledTasksOnAnyHost() throws Exception {
        HostFacts windows = new HostFacts(
                "dir-" + UUID.randomUUID(), "ws-" + TAG, "windows", "Windows 11 Enterprise", "10.0.22631", "22631");
        ServerClient.Enrolled enrolled = ServerClient.enroll(ingest.url("/"), siteKey, windows, "e2e", null);
        ServerClient host = new ServerClient(enrolled.credentials(), "e2e", Clock.systemUTC());
        host.post(new Batch(
                "tasks-1",
                Batch.Mode.SNAPSHOT,
                SCHEMA.require("scheduled_task"),
                Instant.now(),
                List.of(
                        task("\\Updater-" + TAG, name("da"), "C:\\Users\\Public\\upd.exe"),
                        task("\\Backup-" + TAG, name("fresh"), "C:\\Program Files\\Backup\\backup.exe"),
                        task("\\Report-" + TAG, name("old"), "C:\\Temp\\report.exe")),
                List.of()));
        TestElasticsearch.refresh("agent7-scheduled_task");
        assertThat(names(
                        "ad_user",
                        "user.name,like,*-" + TAG + ";user.last_logon,lt,now-90d;user.privileged,eq,true;"
                                + "user.enabled,eq,true;models=schtasks,tasks;image,notlike,C:\\Program Files\\*",
                        "/user/name"))
                .containsExactly(name("da"));
    }

    @Test
    void aFailedCollectionIsReportedAndLeavesTheDocumentsPresent() throws Exception {
        Path agentState = Files.createTempDirectory("agent7-directory-agent");
        Credentials credentials = FleetSupport.enroll(ingest.url("/"), siteKey, agentState);
        writeSettings(agentState, "not-the-password");
        assertThat(runOnce(credentials, agentState)).isTrue();
        // The ingest API answers a check-in before the host's document is written: wait for it.
        String errors = Awaitility.await("the collector errors on the host's document")
                .atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(250))
                .until(
                        () -> collectorErrors(credentials.hostId()),
                        reported -> DIRECTORY_TYPES.stream()
                                .allMatch(type -> reported.contains(type + ": DirectoryError")));
        assertThat(errors)
                .contains("refused the credentials of " + dc.adminUser())
                .doesNotContain("not-the-password");
        TestElasticsearch.refresh("agent7-ad_user");
        assertThat(query("ad_user", "user.name,like,*-" + TAG).path("total").asLong())
                .as("still present after a failed collection")
                .isEqualTo(8);
    }

    // ---------------------------------------------------------------------------------------

    /** The collector errors the host's last check-in reported, as JSON. */
    static String collectorErrors(String hostId) {
        TestElasticsearch.refresh("agent7-host");
        JsonNode hits = TestElasticsearch.send(
                        TestElasticsearch.url(),
                        "POST",
                        "/agent7-host/_search",
                        "{\"query\":{\"term\":{\"host.id\":\"" + hostId + "\"}}}")
                .path("hits")
                .path("hits");
        assertThat(hits.size()).as("the host document of " + hostId).isEqualTo(1);
        JsonNode errors = hits.get(0).at("/_source/host_state/collector_errors");
        return errors.isMissingNode() ? "[]" : errors.toString();
    }

    static ObjectNode task(String name, String account, String executable) {
        ObjectNode task = JsonNodeFactory.instance.objectNode();
        ObjectNode st = task.putObject("scheduled_task");
        st.put("name", name.substring(1));
        st.put("path", name);
        st.put("enabled", true);
        ObjectNode user = task.putObject("user");
        user.put("name", account);
        user.put("domain", dc.netbiosDomain());
        task.putObject("process").put("executable", executable).put("command_line", "\"" + executable + "\"");
        return task;
    }

    static String directoryGroupSiteKey(URI ingest) throws Exception {
        String group = "dir-" + TAG;
        StringBuilder collectors = new StringBuilder();
        for (String type : List.of(
                "logged_on_user",
                "network_connection",
                "system_metric",
                "process",
                "net_session",
                "service",
                "scheduled_task",
                "startup_item",
                "pipe",
                "disk",
                "local_user",
                "local_group",
                "share",
                "registry_value",
                "printer",
                "software",
                "update")) {
            collectors.append('"').append(type).append("\":{\"enabled\":false},");
        }
        for (String type : DIRECTORY_TYPES) {
            collectors
                    .append('"')
                    .append(type)
                    .append("\":{\"enabled\":true,\"interval\":\"10s\",\"time_budget\":\"2m\"},");
        }
        collectors.setLength(collectors.length() - 1);
        FleetSupport.admin(
                ingest,
                "PUT",
                "/api/v1/admin/policies/" + group,
                "{\"checkin\":{\"min\":\"5s\",\"max\":\"5s\"},\"collectors\":{" + collectors + "}}");
        JsonNode key = FleetSupport.admin(
                ingest, "POST", "/api/v1/admin/site-keys", "{\"name\":\"" + group + "\",\"group\":\"" + group + "\"}");
        return key.path("site_key").asString();
    }

    static void writeSettings(Path agentState, String password) throws Exception {
        Path file = agentState.resolve(DirectoryConfig.FILE);
        Files.writeString(
                file,
                "domain=" + dc.domain() + "\n"
                        + "servers=" + dc.ldapsUrl() + "\n"
                        + "user=" + dc.adminUser() + "@" + dc.domain() + "\n"
                        + "password=" + password + "\n"
                        + "ca_file=" + dc.caCertificate() + "\n"
                        + "sysvol_server=" + dc.address() + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    }

    static AgentRuntime runtime(Credentials credentials, Path agentState) throws Exception {
        Directory directory = new Directory(() -> DirectoryConfig.load(agentState), Clock.systemUTC());
        List<Collector> collectors = DirectoryCollectors.all(SCHEMA, directory, () -> DirectoryConfig.load(agentState));
        return new AgentRuntime(
                new ServerClient(credentials, "e2e", Clock.systemUTC()),
                collectors,
                agentState,
                64L * 1024 * 1024,
                Clock.systemUTC(),
                "e2e",
                () -> CheckinReport.Host.named("e2e"));
    }

    static boolean runOnce(Credentials credentials, Path agentState) throws Exception {
        return runtime(credentials, agentState).run(true);
    }

    /**
     * A logon script in the test GPO's Machine folder whose DACL lets Domain Users modify it, as
     * an administrator might set it by mistake; answers its path as the collector reports it.
     */
    static String placeWritableSysvolFile() {
        String path = "Policies\\" + gpoGuid + "\\Machine\\logon-" + TAG + ".bat";
        try (TestSysvol sysvol = TestSysvol.on(dc)) {
            sysvol.fileDomainUsersMayModify(
                    path,
                    "@echo off\r\nrem runs on every machine the GPO applies to\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
        }
        return "\\\\" + dc.domain() + "\\SYSVOL\\" + dc.domain() + "\\" + path;
    }

    static JsonNode only(String type, String filter) throws Exception {
        JsonNode answer = query(type, filter);
        assertThat(answer.path("total").asLong())
                .as(type + " " + filter + ": " + answer)
                .isEqualTo(1);
        return answer.path("items").get(0);
    }

    static Set<String> names(String type, String filter, String pointer) throws Exception {
        Set<String> names = new TreeSet<>();
        for (JsonNode item : query(type, filter).path("items")) {
            names.add(item.at(pointer).asString());
        }
        return names;
    }

    static JsonNode query(String type, String filter) throws Exception {
        URI uri = search.url(
                "/api/v1/" + type + "?limit=1000&filter=" + URLEncoder.encode(filter, StandardCharsets.UTF_8));
        HttpResponse<String> response = FleetSupport.HTTP.send(
                HttpRequest.newBuilder(uri)
                        .header("Authorization", TestAccounts.adminBasic())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET %s: %s", uri, response.body()).isEqualTo(200);
        return FleetSupport.JSON.readTree(response.body());
    }

    static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(v -> texts.add(v.asString()));
        return texts;
    }
}
