package io.agent7.agent.collect.windows.process;

/**
 * What a program file is, as far as it could be read.
 *
 * @param sha256    lower-case hex, or null when the file could not be read
 * @param signature null when it was not verified
 */
public record ImageFacts(String sha256, Signature signature) {}
