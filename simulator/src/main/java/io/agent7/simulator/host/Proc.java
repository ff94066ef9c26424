package io.agent7.simulator.host;

/**
 * One running process, in about fifty bytes: everything else (name, path, command line,
 * hash, user name) comes from the shared {@link Program} catalogue when a document is built.
 *
 * @param end      when it exits, {@code Long.MAX_VALUE} for processes that run until logoff or shutdown
 * @param program  index in the OS's program catalogue
 * @param service  index of the service it hosts, or -1
 * @param arg      per-process detail its command line shows (tab number, CPU, container, ...)
 * @param ver      release level of its product when it started: a running binary keeps its version until restarted
 * @param user     account code, see {@link Accounts}
 * @param session  session slot it belongs to (ends with the logon session), or 0
 */
record Proc(
        int pid,
        int ppid,
        long start,
        long end,
        short program,
        short service,
        int arg,
        short ver,
        int user,
        byte session) {}
