package io.agent7.simulator.host;

import java.util.ArrayList;
import java.util.List;

/** Splits a command line into arguments the way the Windows C runtime and a shell would for these simple cases. */
final class CommandLine {

    private CommandLine() {}

    /** Arguments separated by blanks; double quotes group, and are dropped. */
    static List<String> split(String commandLine) {
        List<String> args = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (int i = 0; i < commandLine.length(); i++) {
            char c = commandLine.charAt(i);
            if (c == '"') {
                quoted = !quoted;
                any = true;
            } else if (c == ' ' && !quoted) {
                if (any) {
                    args.add(current.toString());
                    current.setLength(0);
                    any = false;
                }
            } else {
                current.append(c);
                any = true;
            }
        }
        if (any) {
            args.add(current.toString());
        }
        return args;
    }
}
