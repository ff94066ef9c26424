package io.agent7.simulator.host;

/**
 * A logon session on the host now.
 *
 * @param key     which planned session this is (day and slot), to tell it apart from the next one
 * @param user    account code (Windows) or uid (Linux)
 * @param number  Windows session id (1 console, 2 and up remote) or the Linux pts number
 * @param source  client address of a remote session, 0 for the console
 * @param slot    the tag its processes carry in {@link Proc#session()}
 */
record Session(long key, int user, long logon, boolean remote, int number, int source, int sourcePort, byte slot) {}
