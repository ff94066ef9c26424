package io.agent7.simulator.host;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.node.ObjectNode;

/** {@code service} documents: Windows services and drivers as the SCM shows them, systemd units as systemctl does. */
final class ServiceDocs {

    private static final String DRIVERS = "C:\\Windows\\System32\\drivers\\";

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

    private static ObjectNode windows(HostState h, int index, ServiceDef def) {
        ObjectNode doc = Json.doc();
        ObjectNode service = doc.putObject("service");
        service.put("name", def.name());
        service.put("display_name", def.displayName());
        Json.text(service, "description", def.description());
        int pid = runningPid(h, index, def);
        boolean running = def.driver() ? def.run() == 'R' : pid != 0;
        service.put("state", running ? "running" : "stopped");
        service.put("start_type", def.start());
        service.put(
                "type",
                switch (def.type()) {
                    case "own" -> "own_process";
                    case "share" -> "share_process";
                    case "kernel" -> "kernel_driver";
                    default -> "file_system_driver";
                });
        Json.texts(service, "dependencies", def.dependencies());
        if (pid != 0) {
            service.put("pid", pid);
        }
        service.put("unit_file", "HKLM\\SYSTEM\\CurrentControlSet\\Services\\" + def.name());
        if (def.shared() && !def.dll().isEmpty()) {
            service.put("service_dll", "C:\\Windows\\System32\\" + def.dll());
        }
        ObjectNode process = doc.putObject("process");
        if (def.driver()) {
            String path = DRIVERS + def.host();
            boolean vmware = def.roles().equals("sw:vmtools");
            ImageFields.write(
                    process,
                    path,
                    "\\SystemRoot\\System32\\drivers\\" + def.host(),
                    false,
                    path,
                    h.productVersion(
                            vmware ? "vmtools" : "os", vmware ? h.productLevel("vmtools", h.clock) : h.bootLevel),
                    vmware ? "VMware, Inc." : "Microsoft Corporation",
                    def.displayName(),
                    true,
                    true);
        } else {
            String programKey = def.shared() || def.inLsass() ? (def.inLsass() ? "lsass" : "svchost") : def.host();
            Program program = h.programs.get(programKey);
            Proc image = imageOf(h, index, program, ServiceAccounts.code(h.profile, def));
            String command = def.shared() && !def.inLsass()
                    ? "C:\\Windows\\system32\\svchost.exe -k " + def.host()
                    : ProcessVars.expand(program.command(), ProcessVars.of(h, image, program, false));
            String executable = ProcessVars.expand(program.path(), ProcessVars.of(h, image, program, false));
            String hashPath = ProcessVars.expand(program.path(), ProcessVars.of(h, image, program, true));
            ImageFields.write(
                    process,
                    executable,
                    command,
                    false,
                    hashPath,
                    h.productVersion(program.product(), image.ver()),
                    program.company(),
                    program.description(),
                    true,
                    true);
            Principal shown = ServiceAccounts.shown(h.profile, def);
            if (shown != null) {
                runAs(doc, shown);
                service.put("privileged", def.account().equals("LocalSystem"));
            }
        }
        return doc;
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
        ObjectNode doc = Json.doc();
        ObjectNode service = doc.putObject("service");
        service.put("name", planted.serviceName);
        service.put("display_name", planted.serviceDisplay);
        service.put("state", "running");
        service.put("start_type", "auto");
        service.put("type", "own_process");
        Proc proc = h.processes.find(h.programs.index("planted_service"), 0);
        if (proc != null) {
            service.put("pid", proc.pid());
        } else {
            service.put("state", "stopped");
        }
        service.put("unit_file", "HKLM\\SYSTEM\\CurrentControlSet\\Services\\" + planted.serviceName);
        ImageFields.write(
                doc.putObject("process"),
                planted.servicePath,
                "\"" + planted.servicePath + "\"",
                false,
                planted.servicePath,
                "1.0",
                "",
                "",
                true,
                false);
        runAs(doc, new Principal("LocalSystem", null, "S-1-5-18"));
        service.put("privileged", true);
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
