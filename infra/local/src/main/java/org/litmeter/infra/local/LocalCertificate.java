package org.litmeter.infra.local;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A self-signed certificate for 127.0.0.1 made with the JDK's keytool, for the private servers
 * that tests and local runs start with TLS on: a PKCS12 key store and trust store (for Java
 * servers and clients) and the same as PEM (for ClickHouse). Nothing is written outside {@code dir}.
 */
public final class LocalCertificate {

  private final Path dir;
  private final String password;

  private LocalCertificate(Path dir, String password) {
    this.dir = dir;
    this.password = password;
  }

  /** Makes the key pair, the certificate and the stores in {@code dir} (mode 700). */
  public static LocalCertificate create(Path dir, String password) throws IOException {
    Files.createDirectories(dir);
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    LocalCertificate c = new LocalCertificate(dir, password);
    String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    c.run(keytool, "-genkeypair", "-alias", "server", "-keyalg", "RSA", "-keysize", "2048", "-validity", "30",
        "-dname", "CN=127.0.0.1", "-ext", "SAN=IP:127.0.0.1,DNS:localhost", "-keystore", "server.p12",
        "-storetype", "PKCS12", "-storepass", password, "-keypass", password);
    c.run(keytool, "-exportcert", "-rfc", "-alias", "server", "-keystore", "server.p12", "-storetype", "PKCS12",
        "-storepass", password, "-file", "server.crt");
    c.run(keytool, "-importcert", "-noprompt", "-alias", "server", "-file", "server.crt",
        "-keystore", "truststore.p12", "-storetype", "PKCS12", "-storepass", password);
    c.writePrivateKeyPem();
    return c;
  }

  public Path keyStore() {
    return dir.resolve("server.p12");
  }

  public Path trustStore() {
    return dir.resolve("truststore.p12");
  }

  /** The certificate as PEM: also the authority that clients trust, since it signs itself. */
  public Path certificatePem() {
    return dir.resolve("server.crt");
  }

  public Path privateKeyPem() {
    return dir.resolve("server.key");
  }

  public String password() {
    return password;
  }

  /** A TLS context that trusts this certificate only. */
  public SSLContext clientContext() throws IOException {
    try (InputStream in = Files.newInputStream(trustStore())) {
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(in, password.toCharArray());
      TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(trust);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, factory.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot load the trust store " + trustStore(), e);
    }
  }

  /** The private key in PKCS#8 PEM, which OpenSSL servers read; mode 600. */
  private void writePrivateKeyPem() throws IOException {
    try (InputStream in = Files.newInputStream(keyStore())) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, password.toCharArray());
      Key key = store.getKey("server", password.toCharArray());
      String pem = "-----BEGIN PRIVATE KEY-----\n"
          + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded())
          + "\n-----END PRIVATE KEY-----\n";
      Path file = privateKeyPem();
      Files.writeString(file, pem, StandardCharsets.US_ASCII);
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot read the key store " + keyStore(), e);
    }
  }

  private void run(String... command) throws IOException {
    Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (!p.waitFor(1, TimeUnit.MINUTES) || p.exitValue() != 0) {
        // the command holds the password: name the tool and its step, not its arguments
        throw new IOException("keytool " + command[1] + " failed: " + out);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }
}
