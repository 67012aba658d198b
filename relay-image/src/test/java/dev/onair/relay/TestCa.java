package dev.onair.relay;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/** A throwaway certificate authority and a 127.0.0.1 server certificate, made with keytool. */
final class TestCa {
  private static final String PASSWORD = "changeit";

  private final Path caPem;
  private final SSLContext serverContext;

  private TestCa(Path caPem, SSLContext serverContext) {
    this.caPem = caPem;
    this.serverContext = serverContext;
  }

  /** The CA certificate in PEM, for ONAIR_CA_FILE. */
  Path caFile() {
    return caPem;
  }

  /** A TLS server context presenting a certificate this CA signed. */
  SSLContext serverContext() {
    return serverContext;
  }

  static TestCa create(Path dir, String name) throws Exception {
    Path ca = dir.resolve(name + "-ca.p12");
    Path caPem = dir.resolve(name + "-ca.pem");
    Path server = dir.resolve(name + "-server.p12");
    Path csr = dir.resolve(name + "-server.csr");
    Path serverPem = dir.resolve(name + "-server.pem");
    keytool(
        "-genkeypair",
        "-keystore",
        ca.toString(),
        "-alias",
        "ca",
        "-dname",
        "CN=OnAir Test CA " + name,
        "-keyalg",
        "EC",
        "-groupname",
        "secp256r1",
        "-validity",
        "2",
        "-ext",
        "bc:c");
    keytool(
        "-exportcert",
        "-keystore",
        ca.toString(),
        "-alias",
        "ca",
        "-rfc",
        "-file",
        caPem.toString());
    keytool(
        "-genkeypair",
        "-keystore",
        server.toString(),
        "-alias",
        "server",
        "-dname",
        "CN=127.0.0.1",
        "-keyalg",
        "EC",
        "-groupname",
        "secp256r1",
        "-validity",
        "2");
    keytool(
        "-certreq", "-keystore", server.toString(), "-alias", "server", "-file", csr.toString());
    keytool(
        "-gencert",
        "-keystore",
        ca.toString(),
        "-alias",
        "ca",
        "-infile",
        csr.toString(),
        "-outfile",
        serverPem.toString(),
        "-rfc",
        "-validity",
        "2",
        "-ext",
        "SAN=ip:127.0.0.1,dns:localhost",
        "-ext",
        "EKU=serverAuth");
    keytool(
        "-importcert",
        "-keystore",
        server.toString(),
        "-alias",
        "ca",
        "-file",
        caPem.toString(),
        "-noprompt");
    keytool(
        "-importcert",
        "-keystore",
        server.toString(),
        "-alias",
        "server",
        "-file",
        serverPem.toString());

    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(server)) {
      keys.load(in, PASSWORD.toCharArray());
    }
    KeyManagerFactory factory =
        KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    factory.init(keys, PASSWORD.toCharArray());
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(factory.getKeyManagers(), null, null);
    return new TestCa(caPem, context);
  }

  private static void keytool(String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(args));
    command.addAll(List.of("-storetype", "PKCS12", "-storepass", PASSWORD));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    byte[] output = process.getInputStream().readAllBytes();
    if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IOException(
          "command failed: " + command.get(0) + "\n" + new String(output, StandardCharsets.UTF_8));
    }
  }
}
