package io.agent7.simulator.host;

import io.agent7.agent.collect.windows.config.ServiceConfig;
import io.agent7.agent.collect.windows.config.ServiceEntry;
import io.agent7.agent.collect.windows.config.ServiceMapping;
import io.agent7.agent.collect.windows.config.WindowsService;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.node.ObjectNode;

/** {@code service} documents: Windows services and drivers as the SCM shows them, systemd units as systemctl does. */
final class ServiceDocs {

    private static final String DRIVERS = "C:\\Windows\\System32\\drivers\\";

    /**
     * The agent's mapping, with the environment every simulated Windows host has. Files are
     * taken as absent: the simulated command lines resolve by their own text, as the real
     * collector's do when a program is missing.
     */
    private static final ServiceMapping SCM = new ServiceMapping("", WindowsEnvironment.VARIABLES, path -> false);

    private ServiceDocs() {}

    static List<ObjectNode> build(HostState h) {
        List<ObjectNode> docs = new ArrayList<>();
        for (int i = 0; i < h.services.size(); i++) {
            ServiceDef def = h.services.get(i);
            if (h.serviceExists(def, h.clock)) {
                docs.add(h.profile.windows ? windows(h, i, def) : linux(h, i, def));
            }
        }
        Planted planted = h.profile.planted;
        if (planted != null && planted.has(Finding.SERVICE_IN_TEMP)) {
            docs.add(plantedWindows(h, planted));
        }
        if (planted != null && planted.has(Finding.SYSTEMD_UNIT_IN_TMP)) {
            docs.add(plantedUnit(h, planted));
        }
        return docs;
    }

    /**
     * The Windows service as the real collector would see it: the SCM's records built from the
     * definition and turned into a document by the agent's own mapping, then the image facts
     * (hash, signature, version resource) that the agent reads from the file added.
     */
    private static ObjectNode windows(HostState h, int index, ServiceDef def) {
        int pid = runningPid(h, index, def);
        boolean running = def.driver() ? def.run() == 'R' : pid != 0;
        String imagePath;
        String account = "";
        String accountSid = null;
        Program program = null;
        Proc image = null;
        if (def.driver()) {
            imagePath = "\\SystemRoot\\System32\\drivers\\" + def.host();
        } else {
            String programKey = def.shared() || def.inLsass() ? (def.inLsass() ? "lsass" : "svchost") : def.host();
            program = h.programs.get(programKey);
            image = imageOf(h, index, program, ServiceAccounts.code(h.profile, def));
            imagePath = def.shared() && !def.inLsass()
                    ? "C:\\Windows\\system32\\svchost.exe -k " + def.host()
                    : ProcessVars.expand(program.command(), ProcessVars.of(h, image, program, false));
            Principal shown = ServiceAccounts.shown(h.profile, def);
            if (shown != null) {
                account = shown.domain() == null ? shown.name() : shown.domain() + "\\" + shown.name();
                accountSid = shown.id();
            }
        }
        int type = switch (def.type()) {
            case "own" -> 0x10;
            case "share" -> 0x20;
            case "kernel" -> 0x1;
            default -> 0x2;
        };
        WindowsService service = new WindowsService(
                new ServiceEntry(def.name(), def.displayName(), type, running ? 4 : 1, pid, 0),
                new ServiceConfig(type, startType(def.start()), imagePath, null, def.dependencies(), account),
                def.description(),
                def.start().equals("delayed_auto"),
                def.shared() && !def.dll().isEmpty() ? "%SystemRoot%\\System32\\" + def.dll() : null,
                accountSid);
        ObjectNode doc = SCM.document(service);
        ObjectNode process = Json.obj(doc, "process");
        String executable = process.path("executable").asString(null);
        if (def.driver()) {
            boolean vmware = def.roles().equals("sw:vmtools");
            ImageFields.write(
                    process,
                    executable,
                    null,
                    false,
                    DRIVERS + def.host(),
                    h.productVersion(
                            vmware ? "vmtools" : "os", vmware ? h.productLevel("vmtools", h.clock) : h.bootLevel),
                    vmware ? "VMware, Inc." : "Microsoft Corporation",
                    def.displayName(),
                    true,
                    true);
        } else {
            String hashPath = ProcessVars.expand(program.path(), ProcessVars.of(h, image, program, true));
            ImageFields.write(
                    process,
                    executable,
                    null,
                    false,
                    hashPath,
                    h.productVersion(program.product(), image.ver()),
                    program.company(),
                    program.description(),
                    true,
                    true);
        }
        return doc;
    }

    /** The SCM's dwStartType of a definition's start type; delayed_auto is auto with the delayed flag. */
    static int startType(String start) {
        return switch (start) {
            case "boot" -> 0;
            case "system" -> 1;
            case "auto", "delayed_auto" -> 2;
            case "manual" -> 3;
            case "disabled" -> 4;
            default -> throw new IllegalArgumentException("Unknown Windows start type " + start);
        };
    }

    /** A stand-in process for the service's registered image: the version installed now, not the one running. */
    private static Proc imageOf(HostState h, int index, Program program, int user) {
        int programIndex = h.programs.index(program.key());
        return new Proc(
                0,
                0,
                h.clock,
                Long.MAX_VALUE,
                (short) programIndex,
                (short) index,
                0,
                (short) h.productLevel(program.product(), h.clock),
                Math.max(user, 0),
                (byte) 0);
    }

    private static int runningPid(HostState h, int index, ServiceDef def) {
        if (def.inLsass()) {
            return h.pid("lsass", 0);
        }
        Proc p = h.serviceProcess(index);
        return p == null ? 0 : p.pid();
    }

    private static ObjectNode linux(HostState h, int index, ServiceDef def) {
        HostProfile profile = h.profile;
        ObjectNode doc = Json.doc();
        ObjectNode service = doc.putObject("service");
        service.put("name", ProcessVars.distroProduct(profile, def.name()));
        Json.text(service, "description", ProcessVars.distroProduct(profile, def.description()));
        Proc main = h.processes.service(index);
        boolean active = def.run() == 'O' || main != null;
        service.put("state", active ? "active" : "inactive");
        service.put("start_type", def.start());
        service.put("type", def.type());
        if (main != null) {
            service.put("pid", main.pid());
        }
        service.put("unit_file", ProcessVars.distroProduct(profile, def.unitFile()));
        String command = ProcessVars.distroProduct(profile, def.execStart());
        ObjectNode process = doc.putObject("process");
        if (!def.host().equals("-")) {
            Program program = h.programs.get(def.host());
            Proc image = new Proc(
                    0,
                    1,
                    h.clock,
                    Long.MAX_VALUE,
                    (short) h.programs.index(def.host()),
                    (short) index,
                    0,
                    (short) h.productLevel(program.product(), h.clock),
                    0,
                    (byte) 0);
            String executable = ProcessVars.expand(program.path(), ProcessVars.of(h, image, program, false));
            ImageFields.write(
                    process,
                    executable,
                    command,
                    false,
                    executable,
                    h.productVersion(program.product(), image.ver()),
                    "",
                    "",
                    false,
                    true);
        } else {
            String executable = executableOf(command);
            ImageFields.write(process, executable, command, false, executable, "", "", "", false, true);
        }
        int uid = LinuxModel.uid(h, def.account());
        runAs(doc, h.principal(uid));
        service.put("privileged", uid == 0);
        return doc;
    }

    /** The program of an ExecStart= line: its first word, without systemd's "-" prefix, made absolute. */
    static String executableOf(String execStart) {
        String first = execStart.split(" ")[0];
        if (first.startsWith("-") || first.startsWith("@")) {
            first = first.substring(1);
        }
        return first.startsWith("/") ? first : "/usr/bin/" + first;
    }

    private static void runAs(ObjectNode doc, Principal principal) {
        ObjectNode user = doc.putObject("user");
        user.put("name", principal.name());
        Json.text(user, "domain", principal.domain());
        user.put("id", principal.id());
    }

    private static ObjectNode plantedWindows(HostState h, Planted planted) {
        Proc proc = h.processes.find(h.programs.index("planted_service"), 0);
        WindowsService service = new WindowsService(
                new ServiceEntry(
                        planted.serviceName,
                        planted.serviceDisplay,
                        0x10,
                        proc != null ? 4 : 1,
                        proc != null ? proc.pid() : 0,
                        0),
                new ServiceConfig(0x10, 2, "\"" + planted.servicePath + "\"", null, List.of(), "LocalSystem"),
                null,
                false,
                null,
                null);
        ObjectNode doc = SCM.document(service);
        ImageFields.write(
                Json.obj(doc, "process"),
                planted.servicePath,
                null,
                false,
                planted.servicePath,
                "1.0",
                "",
                "",
                true,
                false);
        return doc;
    }

    private static ObjectNode plantedUnit(HostState h, Planted planted) {
        ObjectNode doc = Json.doc();
        ObjectNode service = doc.putObject("service");
        service.put("name", planted.unitName);
        service.put(
                "description",
                planted.unitName.replace(".service", "").replace('-', ' ').toLowerCase(Locale.ROOT));
        Proc proc = h.processes.find(h.programs.index("planted_unit"), 0);
        service.put("state", proc != null ? "active" : "inactive");
        service.put("start_type", "enabled");
        service.put("type", "simple");
        if (proc != null) {
            service.put("pid", proc.pid());
        }
        service.put("unit_file", "/etc/systemd/system/" + planted.unitName);
        ImageFields.write(
                doc.putObject("process"),
                planted.unitBinary,
                planted.unitBinary,
                false,
                planted.unitBinary,
                "1.0",
                "",
                "",
                false,
                false);
        runAs(doc, h.principal(0));
        service.put("privileged", true);
        return doc;
    }
}
