package io.agent7.simulator.host;

import java.util.List;

/**
 * Who processes and services run as on Windows. Processes store an int code; the name,
 * domain and SID follow from it, the host's SIDs and the shared staff list. Domain
 * accounts have the same SID on every host, as in a real domain.
 */
final class Accounts {

    static final int SYSTEM = 0;
    static final int LOCAL_SERVICE = 1;
    static final int NETWORK_SERVICE = 2;
    /** Window Manager\DWM-n for session n. */
    static final int DWM = 10;
    /** Font Driver Host\UMFD-n for session n. */
    static final int UMFD = 20;

    static final int MSSQL = 30;
    static final int SQL_AGENT = 31;
    static final int SQL_TELEMETRY = 32;
    /** IIS APPPOOL\pool for each of {@link #APP_POOLS}. */
    static final int APP_POOL = 40;
    /**
     * The host's own local administrators, as in {@link WindowsLocalAccounts}: the
     * LAPS-managed {@code localadmin} (RID 1001) and the planted stale one (RID 1002).
     */
    static final int LOCAL_ADMIN = 50;

    static final int PLANTED_ADMIN = 51;
    /** CORP\ service accounts, see {@link #SERVICE_ACCOUNTS}. */
    static final int SERVICE_ACCOUNT = 100;
    /** CORP\first.last for each person. */
    static final int PERSON = 1_000_000;
    /** CORP\adm-first.last for each IT administrator. */
    static final int ADMIN = 2_000_000;

    static final List<String> SERVICE_ACCOUNTS = List.of("svc_sql", "svc_backup", "svc_web");
    static final List<String> APP_POOLS = List.of("DefaultAppPool", "Intranet");

    private static final Principal SYSTEM_P = new Principal("SYSTEM", "NT AUTHORITY", "S-1-5-18");
    private static final Principal LOCAL_SERVICE_P = new Principal("LOCAL SERVICE", "NT AUTHORITY", "S-1-5-19");
    private static final Principal NETWORK_SERVICE_P = new Principal("NETWORK SERVICE", "NT AUTHORITY", "S-1-5-20");
    private static final Principal MSSQL_P = new Principal(
            "MSSQLSERVER", "NT SERVICE", "S-1-5-80-3880718306-3832830129-1677859214-2598158968-1052248003");
    private static final Principal SQL_AGENT_P = new Principal(
            "SQLSERVERAGENT", "NT SERVICE", "S-1-5-80-344959196-2060754871-2302487193-2804545603-1466107430");
    private static final Principal SQL_TELEMETRY_P = new Principal(
            "SQLTELEMETRY", "NT SERVICE", "S-1-5-80-2652535364-2169709536-2857650723-2622804123-1107741775");

    private Accounts() {}

    static Principal windows(HostProfile host, int code) {
        if (code >= ADMIN) {
            int person = code - ADMIN;
            return new Principal(People.adminAccount(person), Org.DOMAIN, host.domainSid + "-" + (6000 + person));
        }
        if (code >= PERSON) {
            int person = code - PERSON;
            return new Principal(People.account(person), Org.DOMAIN, host.domainSid + "-" + (2000 + person));
        }
        if (code == LOCAL_ADMIN) {
            return new Principal("localadmin", host.hostName, host.machineSid + "-1001");
        }
        if (code == PLANTED_ADMIN) {
            if (host.planted == null) {
                throw new IllegalArgumentException(host.hostName + " has no planted account");
            }
            return new Principal(host.planted.staleUser, host.hostName, host.machineSid + "-1002");
        }
        if (code >= SERVICE_ACCOUNT) {
            int k = code - SERVICE_ACCOUNT;
            return new Principal(SERVICE_ACCOUNTS.get(k), Org.DOMAIN, host.domainSid + "-" + (1200 + k));
        }
        if (code >= APP_POOL) {
            String pool = APP_POOLS.get(code - APP_POOL);
            return new Principal(pool, "IIS APPPOOL", "S-1-5-82-" + numbers(Seeds.of(0xA99, pool)));
        }
        switch (code) {
            case SYSTEM:
                return SYSTEM_P;
            case LOCAL_SERVICE:
                return LOCAL_SERVICE_P;
            case NETWORK_SERVICE:
                return NETWORK_SERVICE_P;
            case MSSQL:
                return MSSQL_P;
            case SQL_AGENT:
                return SQL_AGENT_P;
            case SQL_TELEMETRY:
                return SQL_TELEMETRY_P;
            default:
                break;
        }
        if (code >= UMFD && code < MSSQL) {
            int session = code - UMFD;
            return new Principal("UMFD-" + session, "Font Driver Host", "S-1-5-96-0-" + session);
        }
        if (code >= DWM && code < UMFD) {
            int session = code - DWM;
            return new Principal("DWM-" + session, "Window Manager", "S-1-5-90-0-" + session);
        }
        throw new IllegalArgumentException("Unknown account code " + code);
    }

    /** SYSTEM and the administrators' accounts; the others are limited. */
    static boolean privileged(int code) {
        return code == SYSTEM || code == LOCAL_ADMIN || code == PLANTED_ADMIN || code >= ADMIN;
    }

    /** Five 32-bit numbers, as service and app-pool SIDs have. */
    private static String numbers(long hash) {
        StringBuilder out = new StringBuilder();
        long h = hash;
        for (int i = 0; i < 5; i++) {
            h = Seeds.mix(h + i);
            out.append(i == 0 ? "" : "-").append(Math.floorMod(h, 4_294_967_296L));
        }
        return out.toString();
    }
}
