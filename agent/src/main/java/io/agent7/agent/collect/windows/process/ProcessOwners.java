package io.agent7.agent.collect.windows.process;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The owners of sockets and pipes, by pid, from the processes that hold them. */
public final class ProcessOwners {

    private ProcessOwners() {}

    public static Map<Integer, ProcessOwner> byPid(List<ProcessRecord> processes) {
        Map<Integer, ProcessOwner> owners = new HashMap<>(processes.size() * 2);
        for (ProcessRecord p : processes) {
            owners.put(
                    p.entry().pid(),
                    new ProcessOwner(p.entry().exeFile(), p.imagePath(), Accounts.qualifiedName(p.user())));
        }
        return owners;
    }
}
