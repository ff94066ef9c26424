package io.agent7.simulator.host;

/**
 * Where a catalogue entry is installed: a base probability per role selector (on the
 * hosts that had it from the start), an optional mean delay for hosts that install it
 * later, and distribution or hypervisor restrictions. Written as
 * {@code W=0.75,S=0.1,later=500}, {@code *=1,D}, {@code v}.
 */
record Availability(String selectors, double[] probabilities, int laterMeanDays, char distro, boolean virtualOnly) {

    static Availability parse(String text) {
        StringBuilder selectors = new StringBuilder();
        double[] probabilities = new double[16];
        int later = 0;
        char distro = ' ';
        boolean virtualOnly = false;
        for (String token : text.split(",")) {
            String t = token.strip();
            if (t.startsWith("later=")) {
                later = Integer.parseInt(t.substring(6));
            } else if (t.equals("D") || t.equals("U")) {
                distro = t.charAt(0);
            } else if (t.equals("v")) {
                virtualOnly = true;
            } else if (t.length() > 2 && t.charAt(1) == '=') {
                probabilities[selectors.length()] = Double.parseDouble(t.substring(2));
                selectors.append(t.charAt(0));
            } else {
                throw new IllegalArgumentException("Bad availability token '" + t + "' in " + text);
            }
        }
        return new Availability(selectors.toString(), probabilities, later, distro, virtualOnly);
    }

    /** Whether the entry can exist on this host at all. */
    boolean allows(HostProfile host) {
        if (distro == 'D' && host.os != OsRelease.DEBIAN12 || distro == 'U' && host.os != OsRelease.UBUNTU2204) {
            return false;
        }
        if (virtualOnly) {
            return host.virtual;
        }
        for (int i = 0; i < selectors.length(); i++) {
            if (selects(selectors.charAt(i), host.role)) {
                return true;
            }
        }
        return false;
    }

    /** The chance that the host had it from its installation on. */
    double baseProbability(HostProfile host) {
        if (virtualOnly) {
            return host.virtual ? 1 : 0;
        }
        double best = 0;
        for (int i = 0; i < selectors.length(); i++) {
            if (selects(selectors.charAt(i), host.role)) {
                best = Math.max(best, probabilities[i]);
            }
        }
        return best;
    }

    private static boolean selects(char selector, Role role) {
        return switch (selector) {
            case '*' -> true;
            case 'W' -> role == Role.WORKSTATION;
            case 'S' -> role.windows && role.server();
            default -> role.code.equals(String.valueOf(selector));
        };
    }
}
