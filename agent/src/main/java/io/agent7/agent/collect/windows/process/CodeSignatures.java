package io.agent7.agent.collect.windows.process;

import io.agent7.agent.collect.Doc;
import java.util.Locale;
import java.util.Map;

/**
 * {@code code_signature.*} from a WinVerifyTrust result. The status names the result as its
 * winerror.h constant does, lower case and without the facility prefix, so a rule can tell an
 * expired certificate from a tampered file.
 */
final class CodeSignatures {

    static final int TRUST_E_NOSIGNATURE = 0x800B0100;

    /** A file of a kind that cannot carry a signature (a script, a data file): unsigned too. */
    static final int TRUST_E_SUBJECT_FORM_UNKNOWN = 0x800B0003;

    /** winerror.h results: name, and whether the file's own signature still verifies. */
    private static final Map<Integer, Outcome> OUTCOMES = Map.ofEntries(
            Map.entry(0, new Outcome("trusted", true)),
            Map.entry(0x800B0109, new Outcome("untrusted_root", true)), // CERT_E_UNTRUSTEDROOT
            Map.entry(0x800B010A, new Outcome("chaining", true)), // CERT_E_CHAINING
            Map.entry(0x800B0101, new Outcome("expired", true)), // CERT_E_EXPIRED
            Map.entry(0x800B010C, new Outcome("revoked", false)), // CERT_E_REVOKED
            Map.entry(0x800B0111, new Outcome("explicit_distrust", false)), // TRUST_E_EXPLICIT_DISTRUST
            Map.entry(0x800B0004, new Outcome("subject_not_trusted", true)), // TRUST_E_SUBJECT_NOT_TRUSTED
            Map.entry(0x80096010, new Outcome("bad_digest", false)), // TRUST_E_BAD_DIGEST
            Map.entry(0x80096019, new Outcome("basic_constraints", false)), // TRUST_E_BASIC_CONSTRAINTS
            Map.entry(0x80092026, new Outcome("security_settings", true)), // CRYPT_E_SECURITY_SETTINGS
            Map.entry(0x800B0110, new Outcome("wrong_usage", true))); // CERT_E_WRONG_USAGE

    private CodeSignatures() {}

    static void write(Doc doc, String prefix, Signature signature) {
        if (signature == null) {
            return;
        }
        if (signature.trustStatus() == TRUST_E_NOSIGNATURE || signature.trustStatus() == TRUST_E_SUBJECT_FORM_UNKNOWN) {
            doc.bool(prefix + ".exists", false);
            return;
        }
        Outcome outcome = OUTCOMES.get(signature.trustStatus());
        doc.bool(prefix + ".exists", true)
                .text(prefix + ".subject_name", signature.subjectName())
                .bool(prefix + ".trusted", signature.trustStatus() == 0)
                .text(prefix + ".status", outcome == null ? hresult(signature.trustStatus()) : outcome.status());
        if (outcome != null) {
            doc.bool(prefix + ".valid", outcome.valid());
        }
    }

    /** An HRESULT the table does not name, as Windows prints it: 0x80070005. */
    static String hresult(int status) {
        return String.format(Locale.ROOT, "0x%08x", status);
    }

    private record Outcome(String status, boolean valid) {}
}
