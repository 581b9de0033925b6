package io.mailharness.conformance.wire;

import io.mailharness.client.Transcript;
import io.mailharness.settings.Endpoint;
import io.mailharness.settings.TlsSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * With {@code tls.verify = true} the probes check the server's certificate as the load clients do: it must chain
 * to a trusted certificate and name the host connected to. A trusted certificate for another name is refused.
 */
class RawConnectionTlsTest {
    private static final char[] PASSWORD = "test-only-store".toCharArray();

    @Test
    void aTrustedCertificateForAnotherHostIsRefused(@TempDir Path dir) throws Exception {
        Path store = certificate(dir, "elsewhere", "dns:elsewhere.example");
        try (GreetingServer server = new GreetingServer(store)) {
            TlsSettings verify = new TlsSettings(true, Optional.of(dir.resolve("elsewhere.pem")));
            assertThrows(IOException.class, () -> RawConnection.open(new Endpoint("127.0.0.1", server.port()), true, verify,
                    Duration.ofSeconds(5), Duration.ofSeconds(5), new Transcript()));
        }
    }

    @Test
    void aTrustedCertificateForTheHostIsTaken(@TempDir Path dir) throws Exception {
        Path store = certificate(dir, "loopback", "ip:127.0.0.1");
        try (GreetingServer server = new GreetingServer(store);
             RawConnection connection = RawConnection.open(new Endpoint("127.0.0.1", server.port()), true,
                     new TlsSettings(true, Optional.of(dir.resolve("loopback.pem"))), Duration.ofSeconds(5), Duration.ofSeconds(5), new Transcript())) {
            WireLine greeting = connection.readLine();
            assertEquals("220 ready", greeting.text());
            assertTrue(connection.transcript().render().contains("TLS"), connection.transcript().render());
        }
    }

    /** A PKCS12 key store with a self-signed certificate naming {@code san}, and the certificate as PEM beside it. */
    private static Path certificate(Path dir, String name, String san) throws Exception {
        Path store = dir.resolve(name + ".p12");
        keytool("-genkeypair", "-alias", name, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + name,
                "-ext", "SAN=" + san, "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(),
                "-storepass", new String(PASSWORD));
        keytool("-exportcert", "-rfc", "-alias", name, "-keystore", store.toString(), "-storepass", new String(PASSWORD),
                "-file", dir.resolve(name + ".pem").toString());
        return store;
    }

    private static void keytool(String... arguments) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) throw new IllegalStateException("keytool failed: " + output);
    }

    /** Accepts TLS connections on loopback and greets each with "220 ready". */
    private static final class GreetingServer implements AutoCloseable {
        private final SSLServerSocket socket;
        private final Thread acceptor;

        GreetingServer(Path keyStore) throws Exception {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(keyStore)) {
                keys.load(in, PASSWORD);
            }
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(keys, PASSWORD);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(factory.getKeyManagers(), null, null);
            socket = (SSLServerSocket) context.getServerSocketFactory().createServerSocket(0, 5, java.net.InetAddress.getLoopbackAddress());
            acceptor = Thread.ofVirtual().start(this::serve);
        }

        int port() {
            return socket.getLocalPort();
        }

        private void serve() {
            while (!socket.isClosed()) {
                try (SSLSocket client = (SSLSocket) socket.accept()) {
                    client.setSoTimeout(5_000);
                    client.startHandshake();
                    client.getOutputStream().write("220 ready\r\n".getBytes(StandardCharsets.US_ASCII));
                    client.getOutputStream().flush();
                    client.getInputStream().read(); // until the client closes
                } catch (IOException e) {
                    // a refused handshake, or the server closing: next connection
                }
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
            acceptor.interrupt();
        }
    }
}
