package io.agent7.simulator.host;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Fills the placeholders of program paths and command lines for one process: {@code {exe}}
 * the image path, {@code {user}} the account name (for profile paths), {@code {ver}} the
 * product version the process started with, and per-program details (svchost group and
 * service, kernel thread name, container, PostgreSQL peer, planted paths). Unknown
 * placeholders stay as written, so literal braces such as COM class ids survive.
 */
final class ProcessVars {

    static final List<String> POSTGRES_AUX = List.of(
            "checkpointer", "background writer", "walwriter", "autovacuum launcher", "logical replication launcher");
    private static final List<String> USER_SERVICES = List.of("CDPUserSvc", "WpnUserService", "OneSyncSvc");

    private ProcessVars() {}

    static String expand(String template, Function<String, String> vars) {
        if (template == null || template.indexOf('{') < 0) {
            return template;
        }
        StringBuilder out = new StringBuilder(template.length() + 32);
        int at = 0;
        while (at < template.length()) {
            int open = template.indexOf('{', at);
            if (open < 0) {
                out.append(template, at, template.length());
                break;
            }
            int close = template.indexOf('}', open);
            if (close < 0) {
                out.append(template, at, template.length());
                break;
            }
            out.append(template, at, open);
            String value = vars.apply(template.substring(open + 1, close));
            out.append(value == null ? template.substring(open, close + 1) : value);
            at = close + 1;
        }
        return out.toString();
    }

    /** Distribution-specific names in product keys and unit names: python3.11, php8.2-fpm, postgresql-15, tomcat10. */
    static String distroProduct(HostProfile host, String text) {
        if (text.indexOf('{') < 0) {
            return text;
        }
        return expand(text, name -> distro(host, name));
    }

    static String distro(HostProfile host, String name) {
        return switch (name) {
            case "py" -> host.pythonVersion();
            case "php" -> host.phpVersion();
            case "pg" -> host.postgresVersion();
            case "tc" -> host.tomcatVersion();
            default -> null;
        };
    }

    /**
     * The placeholder values of a process. With {@code keepUser} the account name stays a
     * placeholder: the hash of a per-user install must not depend on whose profile it is in.
     */
    static Function<String, String> of(HostState h, Proc proc, Program program, boolean keepUser) {
        return new Function<>() {
            @Override
            public String apply(String name) {
                String distro = distro(h.profile, name);
                if (distro != null) {
                    return distro;
                }
                return switch (name) {
                    case "exe" -> expand(program.path(), this);
                    case "user" ->
                        keepUser ? "{user}" : h.principal(proc.user()).name();
                    case "suser" -> h.principal(proc.arg()).name();
                    case "ver" -> h.productVersion(program.product(), proc.ver());
                    case "arg" -> Integer.toString(proc.arg());
                    case "svc" ->
                        proc.service() >= 0 ? h.services.get(proc.service()).name() : "";
                    case "split" ->
                        proc.service() < 0 || h.services.get(proc.service()).grouped()
                                ? ""
                                : " -s " + h.services.get(proc.service()).name();
                    case "group" ->
                        proc.service() >= 0 ? h.services.get(proc.service()).host() : "";
                    case "usvc" ->
                        USER_SERVICES.get(proc.arg() % USER_SERVICES.size()) + "_"
                                + Hashes.hex(Seeds.of(h.profile.key, proc.session(), proc.start() / SimTime.DAY), 5);
                    case "pool" -> Accounts.APP_POOLS.get(proc.arg() % Accounts.APP_POOLS.size());
                    case "uuid" -> uuid(Seeds.of(h.profile.key, proc.pid(), proc.start()));
                    case "ticks" -> Long.toString(Math.max(0, proc.start() - h.boot) * 1000 + proc.pid() % 1000);
                    case "handle" -> Integer.toString(2000 + Math.floorMod(proc.arg() * 37, 3000));
                    case "kname" -> KernelThreads.name(proc.arg(), h.profile.cores);
                    case "cid" -> Containers.id(h.profile, proc.arg());
                    case "hport" ->
                        Integer.toString(Containers.of(h.profile, proc.arg()).hostPort());
                    case "cport" ->
                        Integer.toString(Containers.of(h.profile, proc.arg()).containerPort());
                    case "cip" -> Containers.address(proc.arg());
                    case "aux" -> POSTGRES_AUX.get(proc.arg() % POSTGRES_AUX.size());
                    case "peer" -> peer(h, proc.pid());
                    case "job" -> "/usr/local/bin/pg_backup.sh";
                    case "ppath" -> plantedPath(h.profile.planted, program.key());
                    case "pname" -> Planted.fileName(plantedPath(h.profile.planted, program.key()));
                    default -> null;
                };
            }
        };
    }

    private static String peer(HostState h, int pid) {
        for (Conn c : h.connections) {
            if (c.pid() == pid && c.inbound()) {
                return Org.ipText(c.remoteIp()) + "(" + c.remotePort() + ")";
            }
        }
        return "[local]";
    }

    static String plantedPath(Planted planted, String program) {
        if (planted == null) {
            return "";
        }
        return switch (program) {
            case "planted_task" -> planted.taskPath;
            case "planted_service" -> planted.servicePath;
            case "planted_run" -> planted.runPath;
            case "planted_unit" -> planted.unitBinary;
            case "planted_cron" -> planted.cronBinary;
            default -> "";
        };
    }

    static String uuid(long hash) {
        String hex = Hashes.hex(hash, 32);
        return (hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
                        + hex.substring(16, 20) + "-" + hex.substring(20))
                .toLowerCase(Locale.ROOT);
    }
}
