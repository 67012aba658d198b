package dev.onair.apiserver;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A fresh self-signed certificate for {@code 127.0.0.1}, made by the JDK's keytool, for the
 * stand-in's HTTPS listener. kubectl sends a bearer token only over HTTPS (client-go applies user
 * credentials to TLS transports only), so a test of tokens with kubectl needs one; the kubeconfig
 * then trusts this certificate as its cluster's CA.
 */
final class SelfSignedTls {
  private static final char[] PASSWORD = "onair-apiserver".toCharArray();

  private final SSLContext context;
  private final String certificatePem;

  private SelfSignedTls(SSLContext context, String certificatePem) {
    this.context = context;
    this.certificatePem = certificatePem;
  }

  SSLContext context() {
    return context;
  }

  /** The certificate in PEM, for a kubeconfig's {@code certificate-authority-data}. */
  String certificatePem() {
    return certificatePem;
  }

  static SelfSignedTls generate() {
    try {
      Path dir = Files.createTempDirectory("onair-apiserver-tls");
      Path store = dir.resolve("apiserver.p12");
      try {
        keytool(store);
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
          keys.load(in, PASSWORD);
        }
        KeyManagerFactory kmf =
            KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, PASSWORD);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(kmf.getKeyManagers(), null, null);
        String pem =
            "-----BEGIN CERTIFICATE-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes())
                    .encodeToString(keys.getCertificate("apiserver").getEncoded())
                + "\n-----END CERTIFICATE-----\n";
        return new SelfSignedTls(context, pem);
      } finally {
        Files.deleteIfExists(store);
        Files.deleteIfExists(dir);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot load the stand-in's TLS certificate", e);
    }
  }

  private static void keytool(Path store) throws IOException {
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    List<String> command =
        List.of(
            keytool.toString(),
            "-genkeypair",
            "-alias",
            "apiserver",
            "-keyalg",
            "EC",
            "-groupname",
            "secp256r1",
            "-dname",
            "CN=onair-apiserver",
            "-ext",
            "san=ip:127.0.0.1,dns:localhost",
            "-validity",
            "30",
            "-storetype",
            "PKCS12",
            "-keystore",
            store.toString(),
            "-storepass",
            new String(PASSWORD));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    try {
      String output = new String(p.getInputStream().readAllBytes());
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        p.destroyForcibly();
        throw new IOException("keytool could not make a certificate: " + output);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while keytool made a certificate", e);
    }
  }
}
