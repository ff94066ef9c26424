package io.agent7.agent.collect.windows.process;

import static io.agent7.agent.collect.Fields.bool;
import static io.agent7.agent.collect.Fields.has;
import static io.agent7.agent.collect.Fields.number;
import static io.agent7.agent.collect.Fields.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.agent7.agent.collect.Fields;
import io.agent7.agent.collect.windows.FileTimes;
import io.agent7.schema.Documents;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A Windows 10 host's processes as the reader returns them: the pseudo-processes of the
 * kernel (pid 0, System, Registry), a protected process whose token is refused, an
 * Explorer whose parent pid now belongs to a younger process, a non-ASCII image, a SID no
 * longer resolving, and a process the agent may not open at all.
 */
class ProcessDocumentsTest {

    static final Instant BOOT = Instant.parse("2026-12-01T07:59:58.125Z");

    static final TokenUser SYSTEM = new TokenUser("S-1-5-18", "SYSTEM", "NT AUTHORITY");

    static final TokenUser NETWORK_SERVICE = new TokenUser("S-1-5-20", "NETWORK SERVICE", "NT AUTHORITY");

    static final TokenUser JURGEN = new TokenUser("S-1-5-21-3623811015-3361044348-30300820-1013", "jürgen", "CORP");

    static final String SVCHOST = "C:\\Windows\\System32\\svchost.exe";

    static final String TOOL = "C:\\Users\\jürgen\\AppData\\Local\\Programs\\Ünïcødé 工具\\工具.exe";

    static final String HUGE_ARGUMENT = "x".repeat(30_000);

    static final List<ProcessRecord> PROCESSES = List.of(
            ProcessRecord.unopened(new ProcessEntry(0, 0, 8, "[System Process]"), 87),
            new ProcessRecord(
                    new ProcessEntry(4, 0, 250, "System"), null, null, SYSTEM, "S-1-16-16384", ticks(BOOT), 0),
            ProcessRecord.unopened(new ProcessEntry(72, 4, 4, "Registry"), 5),
            record(
                    388,
                    4,
                    "smss.exe",
                    "C:\\Windows\\System32\\smss.exe",
                    "\\SystemRoot\\System32\\smss.exe",
                    SYSTEM,
                    5),
            record(556, 452, "wininit.exe", "C:\\Windows\\System32\\wininit.exe", "wininit.exe", SYSTEM, 9),
            // lsass runs as a protected process: the limited handle opens, the token does not.
            record(
                    676,
                    556,
                    "lsass.exe",
                    "C:\\Windows\\System32\\lsass.exe",
                    "C:\\Windows\\system32\\lsass.exe",
                    null,
                    10),
            record(
                    1012,
                    664,
                    "svchost.exe",
                    SVCHOST,
                    "C:\\Windows\\system32\\svchost.exe -k RPCSS -p",
                    NETWORK_SERVICE,
                    12),
            record(1013, 664, "svchost.exe", SVCHOST, "C:\\Windows\\system32\\svchost.exe -k netsvcs -p", SYSTEM, 12),
            // userinit (5004) exited; its pid went to a notepad started later.
            record(5120, 5004, "explorer.exe", "C:\\Windows\\explorer.exe", "C:\\Windows\\Explorer.EXE", JURGEN, 60),
            record(
                    5004,
                    5120,
                    "notepad.exe",
                    "C:\\Windows\\System32\\notepad.exe",
                    "\"C:\\Windows\\system32\\notepad.exe\" ",
                    JURGEN,
                    900),
            record(
                    7777,
                    5120,
                    "工具.exe",
                    TOOL,
                    "\"" + TOOL + "\" --title=\"a \\\"b\\\" c\" C:\\trailing\\\\ " + HUGE_ARGUMENT,
                    JURGEN,
                    1200),
            record(
                    8888,
                    5120,
                    "old.exe",
                    "C:\\Tools\\old.exe",
                    "C:\\Tools\\old.exe",
                    new TokenUser("S-1-5-21-1-2-3-1105", null, null),
                    1300),
            ProcessRecord.unopened(new ProcessEntry(9999, 5120, 3, "elevated.exe"), 5));

    static final Map<String, ImageFacts> IMAGES = Map.of(
            SVCHOST,
            new ImageFacts(
                    "a".repeat(64),
                    new Signature(0, "Microsoft Windows Publisher"),
                    new VersionResource("Microsoft Corporation", "Host Process for Windows Services", "svchost.exe")),
            TOOL,
            new ImageFacts("b".repeat(64), new Signature(CodeSignatures.TRUST_E_NOSIGNATURE, null), null),
            "C:\\Tools\\old.exe",
            new ImageFacts(
                    "c".repeat(64),
                    new Signature(0x800B0101, "Old Vendor Ltd"),
                    new VersionResource(null, null, "legacy.exe")));

    private final List<ObjectNode> docs = ProcessDocuments.documents(PROCESSES, IMAGES::get, BOOT);

    private static ProcessRecord record(
            int pid, int parent, String name, String image, String commandLine, TokenUser user, int secondsAfterBoot) {
        return new ProcessRecord(
                new ProcessEntry(pid, parent, 3, name),
                image,
                commandLine,
                user,
                user == null ? null : user.sid().matches("S-1-5-(18|19|20)") ? "S-1-16-16384" : "S-1-16-8192",
                ticks(BOOT.plusSeconds(secondsAfterBoot)),
                0);
    }

    private static long ticks(Instant instant) {
        return FileTimes.ticks(instant);
    }

    private ObjectNode process(int pid) {
        return docs.stream()
                .filter(d -> number(d, "process.pid") == pid)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no pid " + pid + " in " + docs));
    }

    @Test
    void theTokensIntegrityLabelIsItsLevelAndAProcessWhoseTokenDidNotOpenHasNone() {
        assertThat(text(process(1013), "process.integrity_level")).isEqualTo("system");
        assertThat(text(process(5004), "process.integrity_level")).isEqualTo("medium");
        assertThat(has(process(676), "process.integrity_level"))
                .as("lsass: no token")
                .isFalse();
        assertThat(has(process(4), "process.integrity_level")).isTrue();
    }

    @ParameterizedTest
    @CsvSource(
            nullValues = "null",
            value = {
                "S-1-16-0, untrusted",
                "S-1-16-4096, low",
                "S-1-16-8192, medium",
                "S-1-16-8448, medium", // medium plus: UIAccess processes
                "S-1-16-12288, high",
                "S-1-16-13000, high", // between two named levels: the lower
                "S-1-16-16384, system",
                "S-1-16-20480, protected",
                "S-1-16-28672, protected", // secure process
                "S-1-5-18, null", // not a label
                "S-1-16-, null",
                "S-1-16-x, null",
                "null, null"
            })
    void aLabelsLevelIsNamedByTheRangeItsRidFallsIn(String sid, String level) {
        assertThat(ProcessDocuments.integrityLevel(sid)).isEqualTo(level);
    }

    @Test
    void everyProcessThatCanBeIdentifiedIsADocumentTheServerAccepts() {
        assertThat(docs)
                .extracting(d -> number(d, "process.pid"))
                .containsExactlyInAnyOrder(4L, 72L, 388L, 556L, 676L, 1012L, 1013L, 5120L, 5004L, 7777L, 8888L);
        Fields.assertConforms("process", docs);
    }

    @Test
    void theKernelsProcessesThatCannotBeOpenedStartedAtBoot() {
        ObjectNode registry = process(72);
        assertThat(text(registry, "process.start")).isEqualTo("2026-12-01T07:59:58.125Z");
        assertThat(text(registry, "process.name")).isEqualTo("Registry");
        assertThat(text(registry, "process.parent.name")).isEqualTo("System");
        assertThat(has(registry, "process.executable")).isFalse();
        assertThat(has(registry, "process.user")).isFalse();
    }

    @Test
    void aServiceHostHasItsImageCommandLineAccountAndSignature() {
        ObjectNode rpc = process(1012);
        assertThat(text(rpc, "process.executable")).isEqualTo(SVCHOST);
        assertThat(text(rpc, "process.command_line")).isEqualTo("C:\\Windows\\system32\\svchost.exe -k RPCSS -p");
        assertThat(texts(rpc, "process.args"))
                .containsExactly("C:\\Windows\\system32\\svchost.exe", "-k", "RPCSS", "-p");
        assertThat(number(rpc, "process.args_count")).isEqualTo(4);
        assertThat(text(rpc, "process.user.name")).isEqualTo("NT AUTHORITY\\NETWORK SERVICE");
        assertThat(text(rpc, "process.user.id")).isEqualTo("S-1-5-20");
        assertThat(text(rpc, "process.hash.sha256")).isEqualTo("a".repeat(64));
        assertThat(bool(rpc, "process.code_signature.exists")).isTrue();
        assertThat(bool(rpc, "process.code_signature.trusted")).isTrue();
        assertThat(bool(rpc, "process.code_signature.valid")).isTrue();
        assertThat(text(rpc, "process.code_signature.status")).isEqualTo("trusted");
        assertThat(text(rpc, "process.code_signature.subject_name")).isEqualTo("Microsoft Windows Publisher");
        assertThat(text(rpc, "process.start")).isEqualTo("2026-12-01T08:00:10.125Z");
        assertThat(text(rpc, "process.pe.company")).isEqualTo("Microsoft Corporation");
        assertThat(text(rpc, "process.pe.description")).isEqualTo("Host Process for Windows Services");
        assertThat(text(rpc, "process.pe.original_file_name")).isEqualTo("svchost.exe");
    }

    @Test
    void theSmssCommandLineKeepsItsSystemRootPrefixWhileTheExecutableIsTheWin32Path() {
        ObjectNode smss = process(388);
        assertThat(text(smss, "process.command_line")).isEqualTo("\\SystemRoot\\System32\\smss.exe");
        assertThat(text(smss, "process.executable")).isEqualTo("C:\\Windows\\System32\\smss.exe");
    }

    @Test
    void aProtectedProcessWithoutItsTokenHasNoUser() {
        ObjectNode lsass = process(676);
        assertThat(has(lsass, "process.user")).isFalse();
        assertThat(text(lsass, "process.parent.name")).isEqualTo("wininit.exe");
    }

    @Test
    void aParentPidNowHeldByAYoungerProcessNamesNoParent() {
        ObjectNode explorer = process(5120);
        assertThat(number(explorer, "process.parent.pid")).isEqualTo(5004);
        assertThat(has(explorer, "process.parent.name")).isFalse();
        assertThat(text(process(5004), "process.parent.name")).isEqualTo("explorer.exe");
    }

    @Test
    void aNonAsciiImageWithQuotedEscapesAndAHugeArgumentIsSplitAsWindowsDoes() {
        ObjectNode tool = process(7777);
        assertThat(text(tool, "process.name")).isEqualTo("工具.exe");
        assertThat(texts(tool, "process.args"))
                .containsExactly(TOOL, "--title=a \"b\" c", "C:\\trailing\\\\", HUGE_ARGUMENT);
        assertThat(text(tool, "process.user.name")).isEqualTo("CORP\\jürgen");
        assertThat(bool(tool, "process.code_signature.exists")).isFalse();
        assertThat(has(tool, "process.code_signature.trusted")).isFalse();
        assertThat(has(tool, "process.pe")).as("no version resource").isFalse();
    }

    @Test
    void aSidThatNoLongerResolvesIsTheUsersName() {
        ObjectNode old = process(8888);
        assertThat(text(old, "process.user.name")).isEqualTo("S-1-5-21-1-2-3-1105");
        assertThat(text(old, "process.user.id")).isEqualTo("S-1-5-21-1-2-3-1105");
        assertThat(text(old, "process.code_signature.status")).isEqualTo("expired");
        assertThat(bool(old, "process.code_signature.trusted")).isFalse();
        assertThat(text(old, "process.pe.original_file_name"))
                .as("a renamed copy keeps the name it was built with")
                .isEqualTo("legacy.exe");
        assertThat(has(old, "process.pe.company")).isFalse();
    }

    @Test
    void theIdleProcessAndAnUnopenedUserProcessAreLeftOut() {
        assertThat(docs).noneMatch(d -> number(d, "process.pid") == 0 || number(d, "process.pid") == 9999);
    }

    private static List<String> texts(JsonNode doc, String path) {
        List<String> values = new ArrayList<>();
        Documents.get(doc, path).forEach(v -> values.add(v.asString()));
        return values;
    }
}
