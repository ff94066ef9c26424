package io.agent7.simulator.host;

import java.util.SplittableRandom;

/**
 * What a virtual host is for. Each block of {@link #BLOCK} consecutive host indices holds
 * exactly {@link #perBlock} hosts of each role, so any fleet of a few dozen hosts or more
 * has the intended mix (70% Windows) rather than a random one.
 */
enum Role {
    WORKSTATION(true, "WS-", 29, ""),
    FILE_SERVER(true, "SRV-", 2, "F"),
    SQL_SERVER(true, "SRV-", 2, "Q"),
    IIS_SERVER(true, "SRV-", 1, "I"),
    APP_SERVER(true, "SRV-", 1, "A"),
    WEB(false, "web-", 5, "w"),
    DB(false, "db-", 3, "d"),
    APP(false, "app-", 4, "a"),
    DOCKER(false, "docker-", 3, "c");

    static final int BLOCK = 50;

    final boolean windows;
    final String prefix;
    final int perBlock;
    /** The letter catalogue rows use to say a row applies to this role. */
    final String code;

    Role(boolean windows, String prefix, int perBlock, String code) {
        this.windows = windows;
        this.prefix = prefix;
        this.perBlock = perBlock;
        this.code = code;
    }

    boolean server() {
        return this != WORKSTATION;
    }

    /** The role of host {@code index}: a per-block shuffle of the fixed counts. */
    static Role of(long seed, int index) {
        Role[] block = new Role[BLOCK];
        int at = 0;
        for (Role role : values()) {
            for (int i = 0; i < role.perBlock; i++) {
                block[at++] = role;
            }
        }
        var random = new SplittableRandom(Seeds.of(seed, index / BLOCK, 0x5201E));
        for (int i = BLOCK - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            Role swap = block[i];
            block[i] = block[j];
            block[j] = swap;
        }
        return block[index % BLOCK];
    }

    /**
     * Whether a catalogue row's role list covers this role: {@code *} for every role of the
     * OS, {@code W} for workstations, {@code S} for any Windows server, or role letters.
     */
    boolean matches(String roles) {
        if (roles.equals("*")) {
            return true;
        }
        if (this == WORKSTATION) {
            return roles.contains("W");
        }
        return (windows && roles.contains("S")) || roles.contains(code);
    }
}
