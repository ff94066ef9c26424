package io.agent7.simulator.host;

/** How a Windows service's logon account maps to the account code its process runs as, and how the SCM shows it. */
final class ServiceAccounts {

    private ServiceAccounts() {}

    /** SQL Server runs as its virtual account on some servers and as a domain account on others. */
    static boolean sqlUsesDomainAccount(HostProfile host) {
        return Seeds.chance(Seeds.of(host.key, 0x5A1), 0.5);
    }

    static int code(HostProfile host, ServiceDef def) {
        return switch (def.account()) {
            case "LocalSystem" -> Accounts.SYSTEM;
            case "LocalService" -> Accounts.LOCAL_SERVICE;
            case "NetworkService" -> Accounts.NETWORK_SERVICE;
            case "NT Service\\SQLSERVERAGENT" -> Accounts.SQL_AGENT;
            case "NT Service\\SQLTELEMETRY" -> Accounts.SQL_TELEMETRY;
            case "sql" -> sqlUsesDomainAccount(host) ? Accounts.SERVICE_ACCOUNT : Accounts.MSSQL;
            default -> -1;
        };
    }

    /** The account as the service's ObjectName shows it: name and domain, null domain for LocalSystem. */
    static Principal shown(HostProfile host, ServiceDef def) {
        return switch (def.account()) {
            case "LocalSystem" -> new Principal("LocalSystem", null, "S-1-5-18");
            case "LocalService" -> new Principal("LocalService", "NT AUTHORITY", "S-1-5-19");
            case "NetworkService" -> new Principal("NetworkService", "NT AUTHORITY", "S-1-5-20");
            case "" -> null;
            default -> {
                Principal p = Accounts.windows(host, code(host, def));
                yield new Principal(p.name(), p.domain().equals("NT SERVICE") ? "NT Service" : p.domain(), p.id());
            }
        };
    }
}
