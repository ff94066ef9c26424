package io.agent7.simulator.host;

/** How one OS family starts, logs users on and off, and changes from minute to minute. */
interface OsModel {

    /** Builds the processes and long-lived connections of a host that booted at {@code at}. */
    void boot(HostState host, long at);

    /** Starts what a new session runs; {@link Session#logon()} may lie before {@code now}, which nothing starts after. */
    void logon(HostState host, Session session, long now);

    /** Ends what a session leaves behind beyond its own processes (those the caller removes). */
    void logoff(HostState host, Session session, long now);

    /** Restarts a service's process tree after its package was upgraded, as installers and needrestart do. */
    void restartService(HostState host, Proc main, long at);

    /** The random small changes of one step [t, t + dt): short-lived processes, tabs, connections. */
    void churn(HostState host, long t, long dt);
}
