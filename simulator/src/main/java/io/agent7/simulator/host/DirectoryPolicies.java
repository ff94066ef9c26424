package io.agent7.simulator.host;

import static io.agent7.simulator.host.DirectoryLayout.BASE;

import com.unboundid.ldap.sdk.Entry;
import io.agent7.agent.collect.directory.DomainDocuments;
import io.agent7.agent.collect.directory.sysvol.Ace;
import io.agent7.agent.collect.directory.sysvol.SysvolEntry;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The domain object with its password and lockout policy, its controllers, and Group Policy:
 * the GPO objects, the gPLinks of the domain and its OUs, and the GPOs' files in SYSVOL with
 * their owners and DACLs. None of it changes with time, so it is the same on every collection.
 */
final class DirectoryPolicies {

    /** msDS-Behavior-Version 7: Windows Server 2016, domain and forest. */
    static final long FUNCTIONAL_LEVEL = 7;

    static final String DEFAULT_DOMAIN_POLICY = "{31B2F340-016D-11D2-945F-00C04FB984F9}";
    /** AD has written this one's name with a lower-case f since Windows 2000. */
    static final String DEFAULT_DC_POLICY = "{6AC1786C-016F-11D2-945F-00C04fB984F9}";
    /** The logon script that Domain Users may change: the planted SYSVOL finding. */
    static final String WRITABLE_SCRIPT = "scripts\\map-drives.cmd";

    static final int MIN_PASSWORD_LENGTH = 10;
    static final int MAX_PASSWORD_AGE_DAYS = 180;
    static final int LOCKOUT_THRESHOLD = 10;
    static final int LOCKOUT_MINUTES = 15;

    private static final String NTDS_DC01 =
            "CN=NTDS Settings,CN=DC01,CN=Servers,CN=Amsterdam,CN=Sites," + "CN=Configuration," + BASE;
    private static final String SECURITY =
            "[{827D319E-6EAC-11D2-A4EA-00C04F79F83A}{803E14A0-B4FB-11D0-A0D0-00A0C90F574B}]";
    private static final String REGISTRY =
            "[{35378EAC-683F-11D2-A89A-00C04FBBCFA2}{D02B1F72-3407-48AE-BA88-E8213C6761F1}]";
    private static final String DRIVES =
            "[{5794DAFD-BE60-433F-88A2-1A31939AC01F}{2EA1A81B-48E5-45E9-8BB7-A6E3AC170006}]";

    /** A GPO as its container and its SYSVOL folder show it. */
    private record Gpo(
            String guid,
            String name,
            long created,
            long changed,
            int userVersion,
            int computerVersion,
            int flags,
            String machineExtensions,
            String userExtensions) {}

    /** A SYSVOL entry with its content (empty for a folder). */
    record File(SysvolEntry entry, byte[] content) {}

    private DirectoryPolicies() {}

    /** The domain object: its SID, password and lockout policy, the PDC role and the domain's gPLink. */
    static Entry domainEntry(DirectoryLayout layout) {
        return new AdEntry(BASE)
                .sid(layout.domainSid)
                .number("minPwdLength", MIN_PASSWORD_LENGTH)
                .interval("maxPwdAge", MAX_PASSWORD_AGE_DAYS * SimTime.DAY)
                .interval("minPwdAge", SimTime.DAY)
                .number("pwdHistoryLength", 24)
                .number("pwdProperties", 1)
                .number("lockoutThreshold", LOCKOUT_THRESHOLD)
                .interval("lockoutDuration", LOCKOUT_MINUTES * SimTime.MINUTE)
                .interval("lockOutObservationWindow", LOCKOUT_MINUTES * SimTime.MINUTE)
                // The default: any user may join ten computers to the domain.
                .number("ms-DS-MachineAccountQuota", 10)
                .text("fSMORoleOwner", NTDS_DC01)
                .text("gPLink", link(DEFAULT_DOMAIN_POLICY, 0))
                .build();
    }

    /** The four controllers, one per site: DC01 holds the domain's roles, DC02 the forest's. */
    static List<DomainDocuments.Controller> controllers() {
        List<DomainDocuments.Controller> controllers = new ArrayList<>();
        for (int i = 0; i < Org.SITES.size(); i++) {
            Org.Site site = Org.SITES.get(i);
            List<String> roles =
                    i == 0 ? List.of("pdc", "rid", "infrastructure") : i == 1 ? List.of("schema", "naming") : List.of();
            controllers.add(new DomainDocuments.Controller(
                    (site.domainController() + "." + Org.DNS_DOMAIN).toLowerCase(Locale.ROOT),
                    List.of(Org.ipText(Org.ip(10, 10, 0, 11 + i))),
                    site.name(),
                    roles,
                    true,
                    DirectoryComputers.DC_OS.productName));
        }
        return controllers;
    }

    /** Everything with a gPLink: the domain object and the OUs GPOs are linked to. */
    static List<Entry> linkTargets(DirectoryLayout layout) {
        List<Gpo> gpos = gpos(layout);
        return List.of(
                domainEntry(layout),
                target(DirectoryComputers.DOMAIN_CONTROLLERS, link(DEFAULT_DC_POLICY, 0)),
                // Drive Mappings applies last at OU=Corp: link order 1.
                target(
                        DirectoryComputers.STAFF,
                        link(gpos.get(2).guid(), 0) + link(gpos.get(4).guid(), 0)),
                target(DirectoryComputers.SERVERS, link(gpos.get(3).guid(), 2)),
                target("OU=Tier0," + BASE, link(gpos.get(5).guid(), 0)),
                target(
                        DirectoryComputers.WORKSTATIONS + "OU=London," + DirectoryComputers.STAFF,
                        link(gpos.get(6).guid(), 1)));
    }

    static List<Entry> gpoEntries(DirectoryLayout layout) {
        List<Entry> entries = new ArrayList<>();
        for (Gpo gpo : gpos(layout)) {
            AdEntry entry = new AdEntry("CN=" + gpo.guid() + ",CN=Policies,CN=System," + BASE)
                    .text("cn", gpo.guid())
                    .text("displayName", gpo.name())
                    .text(
                            "gPCFileSysPath",
                            "\\\\" + Org.DNS_DOMAIN + "\\SysVol\\" + Org.DNS_DOMAIN + "\\Policies\\" + gpo.guid())
                    .number("versionNumber", (long) gpo.userVersion() << 16 | gpo.computerVersion())
                    .number("flags", gpo.flags())
                    .text("gPCMachineExtensionNames", gpo.machineExtensions())
                    .text("gPCUserExtensionNames", gpo.userExtensions())
                    .generalizedTime("whenCreated", gpo.created())
                    .generalizedTime("whenChanged", gpo.changed());
            if (gpo.name().equals("Workstation Baseline")) {
                entry.text("gPCWQLFilter", "[" + Org.DNS_DOMAIN + ";" + Hashes.guid(layout.hash("wmi")) + ";0]");
            }
            entries.add(entry.build());
        }
        return entries;
    }

    /**
     * SYSVOL as the collector walks it: the domain's folder, Policies with each GPO's folder and
     * files, and the logon scripts. Everything inherits the root's DACL; GPO folders carry the
     * entries Group Policy Management writes; one script also grants Domain Users modify.
     */
    static List<File> sysvol(DirectoryLayout layout) {
        SysvolAcls acls = new SysvolAcls(layout.domainSid);
        List<File> files = new ArrayList<>();
        long created = layout.created;
        files.add(folder("", created, created, SysvolAcls.ADMINISTRATORS, acls.root()));
        files.add(folder("Policies", created, created, SysvolAcls.ADMINISTRATORS, acls.inherited(true)));
        for (Gpo gpo : gpos(layout)) {
            String dir = "Policies\\" + gpo.guid();
            String owner = acls.domainAdmins();
            files.add(folder(dir, gpo.created(), gpo.changed(), owner, acls.gpoFolder()));
            files.add(file(dir + "\\GPT.INI", gpt(gpo), gpo.created(), gpo.changed(), owner, acls.gpoFile()));
            files.add(folder(dir + "\\Machine", gpo.created(), gpo.changed(), owner, acls.gpoChild(true)));
            files.add(folder(dir + "\\User", gpo.created(), gpo.created(), owner, acls.gpoChild(true)));
            if (gpo.machineExtensions() != null && gpo.machineExtensions().contains(SECURITY)) {
                files.add(file(
                        dir + "\\Machine\\Microsoft\\Windows NT\\SecEdit\\GptTmpl.inf",
                        securityTemplate(gpo),
                        gpo.created(),
                        gpo.changed(),
                        owner,
                        acls.gpoFile()));
            }
            if (gpo.machineExtensions() != null && gpo.machineExtensions().contains(REGISTRY)) {
                files.add(file(
                        dir + "\\Machine\\Registry.pol",
                        registryPol(layout.hash(gpo.guid())),
                        gpo.created(),
                        gpo.changed(),
                        owner,
                        acls.gpoFile()));
            }
        }
        long scripts = created + 200 * SimTime.DAY;
        files.add(folder("scripts", created, scripts, SysvolAcls.ADMINISTRATORS, acls.inherited(true)));
        files.add(file(
                "scripts\\logon.cmd",
                utf8("@echo off\r\nnet time \\\\" + Org.DNS_DOMAIN + " /set /yes\r\n"),
                scripts,
                scripts,
                SysvolAcls.ADMINISTRATORS,
                acls.inherited(false)));
        long planted = SimTime.EPOCH + 120 * SimTime.DAY;
        files.add(file(
                WRITABLE_SCRIPT,
                utf8("@echo off\r\nnet use S: \\\\" + Org.DNS_DOMAIN + "\\dfs\\Staff /persistent:no\r\n"),
                scripts,
                planted,
                SysvolAcls.ADMINISTRATORS,
                acls.writableByDomainUsers()));
        return files;
    }

    /** The two default GPOs, then the organisation's own; their order is what {@link #linkTargets} indexes. */
    private static List<Gpo> gpos(DirectoryLayout layout) {
        long created = layout.created;
        List<Gpo> gpos = new ArrayList<>();
        gpos.add(new Gpo(
                DEFAULT_DOMAIN_POLICY,
                "Default Domain Policy",
                created,
                created + 40 * SimTime.DAY,
                0,
                7,
                0,
                "[{35378EAC-683F-11D2-A89A-00C04FBBCFA2}{53D6AB1B-2488-11D1-A28C-00C04FB94F17}]"
                        + "[{827D319E-6EAC-11D2-A4EA-00C04F79F83A}{803E14A0-B4FB-11D0-A0D0-00A0C90F574B}]",
                null));
        gpos.add(new Gpo(
                DEFAULT_DC_POLICY,
                "Default Domain Controllers Policy",
                created,
                created + SimTime.DAY,
                0,
                3,
                0,
                SECURITY,
                null));
        String[] names = {
            "Workstation Baseline",
            "Server Baseline",
            "Drive Mappings",
            "Tier0 Logon Restrictions",
            "Legacy IE Settings"
        };
        for (int i = 0; i < names.length; i++) {
            long h = layout.hash(names[i]);
            long made = created + Seeds.between(h, 100, 1_500) * SimTime.DAY;
            long changed = Math.max(made, DirectoryTime.fixed(Seeds.of(h, 1), 0, 500));
            boolean drives = names[i].equals("Drive Mappings");
            boolean legacy = names[i].equals("Legacy IE Settings");
            gpos.add(new Gpo(
                    Hashes.guid(h),
                    names[i],
                    made,
                    changed,
                    drives || legacy ? 1 + Seeds.below(Seeds.of(h, 2), 9) : 0,
                    drives ? 0 : 1 + Seeds.below(Seeds.of(h, 3), 40),
                    // Drive Mappings has no computer settings to process; Legacy IE Settings is switched off.
                    drives ? 2 : legacy ? 3 : 0,
                    drives ? null : i == 3 ? SECURITY : REGISTRY + SECURITY,
                    drives || legacy ? DRIVES : null));
        }
        return gpos;
    }

    private static Entry target(String dn, String gpLink) {
        return new AdEntry(dn).text("gPLink", gpLink).build();
    }

    /** One link of a gPLink value: option 1 disables it, 2 enforces it. */
    private static String link(String guid, int options) {
        return "[LDAP://cn=" + guid + ",cn=policies,cn=system," + BASE + ";" + options + "]";
    }

    private static File folder(String path, long created, long modified, String owner, List<Ace> aces) {
        return new File(
                new SysvolEntry(
                        path,
                        true,
                        0,
                        Instant.ofEpochMilli(created),
                        Instant.ofEpochMilli(modified),
                        owner,
                        aces,
                        null),
                new byte[0]);
    }

    private static File file(String path, byte[] content, long created, long modified, String owner, List<Ace> aces) {
        return new File(
                new SysvolEntry(
                        path,
                        false,
                        content.length,
                        Instant.ofEpochMilli(created),
                        Instant.ofEpochMilli(modified),
                        owner,
                        aces,
                        () -> new ByteArrayInputStream(content)),
                content);
    }

    private static byte[] gpt(Gpo gpo) {
        long version = (long) gpo.userVersion() << 16 | gpo.computerVersion();
        return utf8("[General]\r\nVersion=" + version + "\r\ndisplayName=New Group Policy Object\r\n");
    }

    /** The security template in UTF-16LE, as secedit writes it; the Default Domain Policy's holds the domain policy. */
    private static byte[] securityTemplate(Gpo gpo) {
        StringBuilder inf = new StringBuilder("\uFEFF[Unicode]\r\nUnicode=yes\r\n");
        if (gpo.guid().equals(DEFAULT_DOMAIN_POLICY)) {
            inf.append("[System Access]\r\nMinimumPasswordAge = 1\r\nMaximumPasswordAge = ")
                    .append(MAX_PASSWORD_AGE_DAYS)
                    .append("\r\nMinimumPasswordLength = ")
                    .append(MIN_PASSWORD_LENGTH)
                    .append("\r\nPasswordComplexity = 1\r\nPasswordHistorySize = 24\r\nLockoutBadCount = ")
                    .append(LOCKOUT_THRESHOLD)
                    .append("\r\nResetLockoutCount = ")
                    .append(LOCKOUT_MINUTES)
                    .append("\r\nLockoutDuration = ")
                    .append(LOCKOUT_MINUTES)
                    .append("\r\n");
        } else {
            inf.append("[Privilege Rights]\r\nSeInteractiveLogonRight = *S-1-5-32-544,*S-1-5-32-551\r\n");
        }
        inf.append("[Version]\r\nsignature=\"$CHICAGO$\"\r\nRevision=1\r\n");
        return inf.toString().getBytes(StandardCharsets.UTF_16LE);
    }

    /** A Registry.pol: the PReg signature and version, then settings this simulation does not spell out. */
    private static byte[] registryPol(long hash) {
        byte[] body = Hashes.hex(hash, 96).getBytes(StandardCharsets.US_ASCII);
        byte[] pol = new byte[8 + body.length];
        System.arraycopy(new byte[] {'P', 'R', 'e', 'g', 1, 0, 0, 0}, 0, pol, 0, 8);
        System.arraycopy(body, 0, pol, 8, body.length);
        return pol;
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
