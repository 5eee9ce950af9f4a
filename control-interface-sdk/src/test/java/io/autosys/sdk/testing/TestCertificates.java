package io.autosys.sdk.testing;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Fresh test PKI in a directory: a CA, a server certificate for localhost / 127.0.0.1, and a
 * client certificate, as PEM files (keys in PKCS#8), for TLS and mutual-TLS tests.
 */
public record TestCertificates(Path caCert, Path serverCert, Path serverKey, Path clientCert, Path clientKey,
        Path otherCaCert) {

    public static TestCertificates create(Path dir) throws Exception {
        KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
        gen.initialize(2048);
        KeyPair ca = gen.generateKeyPair();
        X509Certificate caCert = sign(new X500Name("CN=AutoSys Test CA"), ca, new X500Name("CN=AutoSys Test CA"),
                ca.getPrivate(), true, null);
        KeyPair server = gen.generateKeyPair();
        X509Certificate serverCert = sign(new X500Name("CN=localhost"), server, new X500Name("CN=AutoSys Test CA"),
                ca.getPrivate(), false, new GeneralNames(new GeneralName[] {
                    new GeneralName(GeneralName.dNSName, "localhost"),
                    new GeneralName(GeneralName.iPAddress, "127.0.0.1")}));
        KeyPair client = gen.generateKeyPair();
        X509Certificate clientCert = sign(new X500Name("CN=autosys-client"), client, new X500Name("CN=AutoSys Test CA"),
                ca.getPrivate(), false, null);
        KeyPair other = gen.generateKeyPair();
        X509Certificate otherCa = sign(new X500Name("CN=Other CA"), other, new X500Name("CN=Other CA"),
                other.getPrivate(), true, null);
        var t = new TestCertificates(dir.resolve("ca.pem"), dir.resolve("server.pem"), dir.resolve("server.key"),
                dir.resolve("client.pem"), dir.resolve("client.key"), dir.resolve("other-ca.pem"));
        write(t.caCert, caCert);
        write(t.serverCert, serverCert);
        writeKey(t.serverKey, server.getPrivate());
        write(t.clientCert, clientCert);
        writeKey(t.clientKey, client.getPrivate());
        write(t.otherCaCert, otherCa);
        return t;
    }

    private static X509Certificate sign(X500Name subject, KeyPair keys, X500Name issuer, PrivateKey issuerKey,
            boolean isCa, GeneralNames sans) throws Exception {
        long now = System.currentTimeMillis();
        var b = new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(now ^ subject.hashCode()).abs(),
                new Date(now - 60_000), new Date(now + 86_400_000L), subject, keys.getPublic());
        b.addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
        if (isCa) {
            b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        }
        if (sans != null) {
            b.addExtension(Extension.subjectAlternativeName, false, sans);
        }
        return new JcaX509CertificateConverter().getCertificate(
                b.build(new JcaContentSignerBuilder("SHA256withRSA").build(issuerKey)));
    }

    private static void write(Path file, Object pem) throws IOException {
        var sw = new StringWriter();
        try (var w = new JcaPEMWriter(sw)) {
            w.writeObject(pem);
        }
        Files.writeString(file, sw.toString());
    }

    private static void writeKey(Path file, PrivateKey key) throws IOException {
        var sw = new StringWriter();
        try (var w = new JcaPEMWriter(sw)) {
            w.writeObject(new JcaPKCS8Generator(key, null));
        }
        Files.writeString(file, sw.toString());
    }
}
