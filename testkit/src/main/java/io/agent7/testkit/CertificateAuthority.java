package io.agent7.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.ASN1BitString;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A private certificate authority on P-256 keys and the server certificates it signs: the
 * local CA of {@code ./agent7 up} (which agents pin at enrollment) and the CAs of tests that
 * put Elasticsearch or the ingest API behind HTTPS. Signing goes through the JDK's own
 * providers; Bouncy Castle only builds the certificates, which the JDK has no public API for.
 */
public final class CertificateAuthority {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final KeyPair keys;
    private final X509Certificate certificate;

    private CertificateAuthority(KeyPair keys, X509Certificate certificate) {
        this.keys = keys;
        this.certificate = certificate;
    }

    /** A new self-signed CA named {@code CN=<commonName>}, valid from a minute ago for {@code validity}. */
    public static CertificateAuthority create(String commonName, Duration validity) {
        KeyPair keys = newKeys();
        X500Name name = name(commonName);
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = builder(name, name, keys, validity)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(
                            Extension.subjectKeyIdentifier,
                            false,
                            extensions.createSubjectKeyIdentifier(keys.getPublic()));
            return new CertificateAuthority(keys, sign(builder, keys.getPrivate()));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot create the CA " + commonName, e);
        }
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** Keeps the CA, its key included, in a PKCS#12 file readable by its owner only. */
    public void save(Path file, char[] password) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("ca", keys.getPrivate(), password, new X509Certificate[] {certificate});
            try (OutputStream out = Files.newOutputStream(ownerOnly(file))) {
                store.store(out, password);
            }
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot write " + file, e);
        }
    }

    /** A CA {@link #save saved} before. */
    public static CertificateAuthority load(Path file, char[] password) {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            X509Certificate certificate = (X509Certificate) store.getCertificate("ca");
            PrivateKey key = (PrivateKey) store.getKey("ca", password);
            if (certificate == null || key == null) {
                throw new IllegalStateException(file + " holds no CA");
            }
            return new CertificateAuthority(new KeyPair(certificate.getPublicKey(), key), certificate);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot read the CA in " + file + ": " + e.getMessage(), e);
        }
    }

    /** An SSL context that trusts this CA and nothing else. */
    public SSLContext trustingContext() {
        return trusting(List.of(certificate));
    }

    /** An SSL context that trusts the certificates of a PEM file (a CA that {@code ./agent7 up} made, say). */
    public static SSLContext trusting(Path pem) {
        try (InputStream in = Files.newInputStream(pem)) {
            List<X509Certificate> certificates = new ArrayList<>();
            for (java.security.cert.Certificate c :
                    java.security.cert.CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                certificates.add((X509Certificate) c);
            }
            return trusting(certificates);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot read the CA certificates in " + pem, e);
        }
    }

    private static SSLContext trusting(List<X509Certificate> certificates) {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            for (int i = 0; i < certificates.size(); i++) {
                trust.setCertificateEntry("ca-" + i, certificates.get(i));
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, factory.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot build an SSL context that trusts " + certificates, e);
        }
    }

    /**
     * A certificate for a TLS server reachable as {@code dnsNames} and {@code ipAddresses}
     * (clients check the name they connected to against these), signed by this CA.
     */
    public Issued issueServer(String commonName, List<String> dnsNames, List<String> ipAddresses, Duration validity) {
        return issue(commonName, dnsNames, ipAddresses, validity, new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth});
    }

    /**
     * A certificate for a node of a cluster, which is a TLS server to its peers and a client of
     * theirs (Elasticsearch's transport layer): usable for both.
     */
    public Issued issueNode(String commonName, List<String> dnsNames, List<String> ipAddresses, Duration validity) {
        return issue(commonName, dnsNames, ipAddresses, validity, new KeyPurposeId[] {
            KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth
        });
    }

    private Issued issue(
            String commonName,
            List<String> dnsNames,
            List<String> ipAddresses,
            Duration validity,
            KeyPurposeId[] purposes) {
        if (dnsNames.isEmpty() && ipAddresses.isEmpty()) {
            throw new IllegalArgumentException("A server certificate needs at least one DNS name or IP address");
        }
        KeyPair serverKeys = newKeys();
        List<GeneralName> names = new ArrayList<>();
        dnsNames.forEach(dns -> names.add(new GeneralName(GeneralName.dNSName, dns)));
        ipAddresses.forEach(ip -> names.add(new GeneralName(GeneralName.iPAddress, ip)));
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder builder = builder(
                            name(certificate.getSubjectX500Principal()), name(commonName), serverKeys, validity)
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purposes))
                    .addExtension(
                            Extension.subjectAlternativeName,
                            false,
                            new GeneralNames(names.toArray(GeneralName[]::new)))
                    .addExtension(
                            Extension.authorityKeyIdentifier,
                            false,
                            extensions.createAuthorityKeyIdentifier(certificate))
                    .addExtension(
                            Extension.subjectKeyIdentifier,
                            false,
                            extensions.createSubjectKeyIdentifier(serverKeys.getPublic()));
            return new Issued(serverKeys.getPrivate(), sign(builder, keys.getPrivate()), certificate);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot issue a certificate for " + commonName, e);
        }
    }

    /** A server's key and certificate, and the CA that signed it. */
    public record Issued(PrivateKey key, X509Certificate certificate, X509Certificate ca) {

        /** The key and its chain (the certificate, then the CA) in a PKCS#12 file, owner-only. */
        public void writePkcs12(Path file, String alias, char[] password) {
            try {
                KeyStore store = KeyStore.getInstance("PKCS12");
                store.load(null, null);
                store.setKeyEntry(alias, key, password, new X509Certificate[] {certificate, ca});
                try (OutputStream out = Files.newOutputStream(ownerOnly(file))) {
                    store.store(out, password);
                }
            } catch (IOException | GeneralSecurityException e) {
                throw new IllegalStateException("Cannot write " + file, e);
            }
        }

        /** The certificate as PEM. */
        public String certificatePem() {
            return pem(certificate);
        }

        /**
         * The private key as unencrypted PKCS#8 PEM, with its public key inside: the JDK leaves
         * that optional field out, and GnuTLS (Samba's TLS) then rejects the key ("ASN1 parser:
         * Element was not found").
         */
        public String keyPem() {
            PrivateKeyInfo info = PrivateKeyInfo.getInstance(key.getEncoded());
            ASN1BitString publicKey = SubjectPublicKeyInfo.getInstance(
                            certificate.getPublicKey().getEncoded())
                    .getPublicKeyData();
            java.math.BigInteger secret = ((ECPrivateKey) key).getS();
            try {
                PrivateKeyInfo withPublicKey = new PrivateKeyInfo(
                        info.getPrivateKeyAlgorithm(),
                        new org.bouncycastle.asn1.sec.ECPrivateKey(256, secret, publicKey, null));
                return pem("PRIVATE KEY", withPublicKey.getEncoded());
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot encode the key of " + certificate.getSubjectX500Principal(), e);
            }
        }
    }

    /** A certificate as PEM text. */
    public static String pem(X509Certificate certificate) {
        try {
            return pem("CERTIFICATE", certificate.getEncoded());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot encode " + certificate.getSubjectX500Principal(), e);
        }
    }

    private static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }

    /** Writes {@code text} to a new file readable by its owner only. */
    static void writeOwnerOnly(Path file, String text) {
        try {
            Files.writeString(ownerOnly(file), text);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }

    private static X509v3CertificateBuilder builder(
            X500Name issuer, X500Name subject, KeyPair keys, Duration validity) {
        Instant now = Instant.now();
        return new JcaX509v3CertificateBuilder(
                issuer,
                new BigInteger(127, RANDOM).add(BigInteger.ONE),
                // A minute back, so that a clock a little behind on the other side accepts it at once.
                Date.from(now.minus(Duration.ofMinutes(1))),
                Date.from(now.plus(validity)),
                subject,
                keys.getPublic());
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey signer)
            throws GeneralSecurityException {
        try {
            return new JcaX509CertificateConverter()
                    .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer)));
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException(e);
        }
    }

    private static KeyPair newKeys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("This JDK cannot make P-256 keys", e);
        }
    }

    private static X500Name name(String commonName) {
        return new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.CN, commonName)
                .build();
    }

    private static X500Name name(javax.security.auth.x500.X500Principal principal) {
        return X500Name.getInstance(principal.getEncoded());
    }

    /** A new empty file that only its owner can read and write, from the moment it exists. */
    private static Path ownerOnly(Path file) throws IOException {
        Files.deleteIfExists(file);
        return Files.createFile(
                file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    }
}
