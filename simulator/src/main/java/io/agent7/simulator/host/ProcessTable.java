package io.agent7.simulator.host;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/** The processes of one host, in start order. Small enough (a few hundred) that scans are cheaper than indexes. */
final class ProcessTable {

    private final ArrayList<Proc> procs = new ArrayList<>(64);

    List<Proc> all() {
        return procs;
    }

    int size() {
        return procs.size();
    }

    void add(Proc proc) {
        procs.add(proc);
    }

    void clear() {
        procs.clear();
    }

    boolean removeIf(Predicate<Proc> condition) {
        return procs.removeIf(condition);
    }

    boolean pidInUse(int pid) {
        for (Proc p : procs) {
            if (p.pid() == pid) {
                return true;
            }
        }
        return false;
    }

    Proc byPid(int pid) {
        for (Proc p : procs) {
            if (p.pid() == pid) {
                return p;
            }
        }
        return null;
    }

    /** The first process of a program, in a session (0 for none) or any session (-1). */
    Proc find(int program, int session) {
        for (Proc p : procs) {
            if (p.program() == program && (session < 0 || p.session() == session)) {
                return p;
            }
        }
        return null;
    }

    int pidOf(int program, int session) {
        Proc p = find(program, session);
        return p == null ? 0 : p.pid();
    }

    Proc service(int service) {
        for (Proc p : procs) {
            if (p.service() == service) {
                return p;
            }
        }
        return null;
    }

    /** A memory-tight copy for long-lived hosts: the list's spare capacity goes. */
    void trim() {
        procs.trimToSize();
    }
}
