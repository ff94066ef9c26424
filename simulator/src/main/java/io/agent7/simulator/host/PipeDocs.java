package io.agent7.simulator.host;

import io.agent7.agent.collect.windows.FileTimes;
import io.agent7.agent.collect.windows.process.PipeEntry;
import io.agent7.agent.collect.windows.process.Pipes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code pipe} documents of Windows hosts, made by the Windows collector's mapping from the
 * directory listing of {@code \\.\pipe\} that FindFirstFileW / FindNextFileW would give: the
 * name of each pipe and its instance count. Windows' own RPC pipes exist while the process or
 * service that serves them runs (spoolss with the spooler, sql\query with SQL Server, the
 * Remote Desktop ones with its services); the Winsock catalogue listeners carry the pids of the
 * processes that opened them, browsers have a mojo pipe per child process and a crashpad pipe,
 * each PowerShell a PSHost pipe named after its start time and pid, and each IIS worker the
 * iisipm pipe its command line names.
 */
final class PipeDocs {

    /** A well-known pipe, present while its service runs (null: while the host is up), with its usual instances. */
    private record Known(String name, String service, int instances) {}

    private static final List<Known> KNOWN = List.of(
            new Known("InitShutdown", null, 3),
            new Known("lsass", null, 4),
            new Known("protected_storage", null, 3),
            new Known("ntsvcs", null, 3),
            new Known("scerpc", null, 3),
            new Known("epmapper", "RpcEptMapper", 3),
            new Known("LSM_API_service", "LSM", 3),
            new Known("eventlog", "EventLog", 3),
            new Known("atsvc", "Schedule", 3),
            new Known("wkssvc", "LanmanWorkstation", 3),
            new Known("srvsvc", "LanmanServer", 4),
            new Known("spoolss", "Spooler", 3),
            new Known("trkwks", "TrkWks", 3),
            new Known("W32TIME_ALT", "W32Time", 3),
            new Known("PIPE_EVENTROOT\\CIMV2SCM EVENT PROVIDER", "Winmgmt", 2),
            new Known("Ctx_WinStation_API_service", "TermService", 3),
            new Known("TermSrv_API_service", "TermService", 3),
            new Known("SessEnvPublicRpc", "SessionEnv", 3),
            new Known("MsFteWds", "WSearch", 2),
            new Known("SearchTextHarvester", "WSearch", 2),
            new Known("sql\\query", "MSSQLSERVER", 4),
            new Known("SQLLocal\\MSSQLSERVER", "MSSQLSERVER", 2),
            new Known("vgauth-service", "VGAuthService", 1));

    /** Processes that open a Winsock catalogue change listener, by program or by a service they host. */
    private static final List<String> WINSOCK_PROGRAMS = List.of("wininit", "services", "lsass", "spoolsv", "sqlservr");

    private static final List<String> WINSOCK_SERVICES = List.of("Dnscache", "iphlpsvc", "W3SVC");

    private PipeDocs() {}

    static List<ObjectNode> build(HostState h) {
        HostProfile p = h.profile;
        List<PipeEntry> entries = new ArrayList<>(48);
        for (Known k : KNOWN) {
            if (k.service() == null || h.servicePid(k.service()) != 0) {
                entries.add(new PipeEntry(k.name(), instances(h, k.name(), k.instances())));
            }
        }
        for (String program : WINSOCK_PROGRAMS) {
            if (h.programs.has(program)) {
                listener(entries, h.pid(program, 0));
            }
        }
        for (String service : WINSOCK_SERVICES) {
            listener(entries, h.servicePid(service));
        }
        for (Proc proc : h.processes.all()) {
            String key = h.programs.get(proc.program()).key();
            if (!key.startsWith("chrome_")
                    && !key.startsWith("msedge_")
                    && !key.equals("powershell")
                    && !key.equals("w3wp")) {
                continue;
            }
            long hash = Seeds.of(p.key, proc.pid(), proc.start());
            if (key.equals("w3wp")) {
                // WAS's pipe to the worker, which its command line names (-a \\.\pipe\iisipm...).
                entries.add(new PipeEntry("iisipm" + ProcessVars.uuid(hash), 1));
            } else if (key.equals("powershell")) {
                long ticks = FileTimes.ticks(Instant.ofEpochMilli(proc.start()));
                entries.add(new PipeEntry("PSHost." + ticks + "." + proc.pid() + ".DefaultAppDomain.powershell", 1));
            } else if (key.endsWith("_crashpad")) {
                entries.add(new PipeEntry("crashpad_" + proc.ppid() + "_" + letters(hash), 1));
            } else {
                // The browser's end of the channel to a child: its pid, a thread of it, a random number.
                int thread = 4 * (250 + Seeds.below(hash, 9_000));
                entries.add(new PipeEntry(
                        "mojo." + proc.ppid() + "." + thread + "." + Long.toUnsignedString(Seeds.mix(hash)), 1));
            }
        }
        return Pipes.documents(entries);
    }

    /** A pipe's instance count: its usual one, or one more, for the whole of a boot. */
    private static long instances(HostState h, String name, int usual) {
        return usual + Seeds.below(Seeds.of(Seeds.of(h.profile.key, name), h.boot), 2);
    }

    private static void listener(List<PipeEntry> entries, int pid) {
        if (pid != 0) {
            entries.add(new PipeEntry("Winsock2\\CatalogChangeListener-" + Integer.toHexString(pid) + "-0", 1));
        }
    }

    private static String letters(long hash) {
        char[] out = new char[16];
        long h = hash;
        for (int i = 0; i < out.length; i++) {
            h = Seeds.mix(h + i);
            out[i] = (char) ('A' + Seeds.below(h, 26));
        }
        return new String(out);
    }
}
