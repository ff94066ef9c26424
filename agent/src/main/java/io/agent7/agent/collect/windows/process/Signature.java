package io.agent7.agent.collect.windows.process;

/**
 * What {@code WinVerifyTrust} said of an image file.
 *
 * @param trustStatus the HRESULT it returned: 0 (ERROR_SUCCESS) trusted, 0x800B0100
 *                    (TRUST_E_NOSIGNATURE) unsigned, otherwise why the signature failed
 * @param subjectName the signer certificate's simple display name (CertGetNameString), or null
 */
public record Signature(int trustStatus, String subjectName) {}
