package io.agent7.agent.collect.windows.process;

/**
 * What a socket's or pipe's document says of the process that holds it; any part may be null
 * when the process could not be opened.
 *
 * @param name       the image file name from the process snapshot, e.g. svchost.exe
 * @param executable the full image path
 * @param userName   the token's account as DOMAIN\name
 */
public record ProcessOwner(String name, String executable, String userName) {}
