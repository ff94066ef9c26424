package io.agent7.agent.collect.windows.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.agent7.agent.collect.Doc;
import io.agent7.agent.collect.Fields;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.node.ObjectNode;

class CodeSignaturesTest {

    @ParameterizedTest(name = "WinVerifyTrust {0}: {4}")
    @CsvSource(
            nullValues = "-",
            value = {
                // HRESULT,  exists, trusted, valid, status
                "0x00000000, true,  true,  true,  trusted",
                "0x800B0100, false, -,     -,     -", // TRUST_E_NOSIGNATURE
                "0x800B0003, false, -,     -,     -", // TRUST_E_SUBJECT_FORM_UNKNOWN
                "0x800B0109, true,  false, true,  untrusted_root",
                "0x800B0101, true,  false, true,  expired",
                "0x800B010C, true,  false, false, revoked",
                "0x80096010, true,  false, false, bad_digest",
                "0x800B0111, true,  false, false, explicit_distrust",
                "0x80092026, true,  false, true,  security_settings",
                "0x80070005, true,  false, -,     0x80070005" // E_ACCESSDENIED: named as Windows prints it
            })
    void aVerificationResultBecomesTheCodeSignatureFields(
            String hresult, Boolean exists, Boolean trusted, Boolean valid, String status) {
        int code = Integer.parseUnsignedInt(hresult.substring(2), 16);
        Doc doc = new Doc();
        CodeSignatures.write(doc, "process.code_signature", new Signature(code, "Contoso Ltd"));
        ObjectNode built = doc.build();
        assertThat(Fields.bool(built, "process.code_signature.exists")).isEqualTo(exists);
        assertThat(Fields.bool(built, "process.code_signature.trusted")).isEqualTo(trusted);
        assertThat(Fields.bool(built, "process.code_signature.valid")).isEqualTo(valid);
        assertThat(Fields.text(built, "process.code_signature.status")).isEqualTo(status);
        assertThat(Fields.text(built, "process.code_signature.subject_name")).isEqualTo(exists ? "Contoso Ltd" : null);
    }
}
