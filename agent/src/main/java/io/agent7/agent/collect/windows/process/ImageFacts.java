package io.agent7.agent.collect.windows.process;

import io.agent7.agent.collect.Doc;

/**
 * What a program file is, as far as it could be read.
 *
 * @param sha256    lower-case hex, or null when the file could not be read
 * @param signature null when it was not verified
 * @param version   the version resource's strings, or null when the file has none
 */
public record ImageFacts(String sha256, Signature signature, VersionResource version) {

    /** Writes {@code process.hash.sha256}, {@code process.code_signature.*} and {@code process.pe.*}. */
    void write(Doc doc) {
        doc.text("process.hash.sha256", sha256);
        CodeSignatures.write(doc, "process.code_signature", signature);
        VersionResources.write(doc, "process.pe", version);
    }
}
