package io.mailharness.conformance.wire;

import io.mailharness.client.Transcript;
import io.mailharness.settings.Endpoint;
import io.mailharness.settings.TlsSettings;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A write that fails names what it was sending, with the credentials in it masked: the message reaches results and one-line errors. */
class FailedWriteMaskingTest {
    private static final String SECRET = "AGFsaWNlAGFsaWNlLXNlY3JldA=="; // \0alice\0alice-secret

    @Test
    void anSmtpAuthLineThatCouldNotBeSentShowsNoCredential() throws Exception {
        try (ResettingServer server = new ResettingServer("220 hi\r\n"); RawConnection connection = server.connect()) {
            SmtpProbe smtp = SmtpProbe.afterGreeting(connection, Verdicts.NONE);
            assertFalse(smtp.send("NOOP").isComplete(), "the reset is seen");
            CheckFailure failure = assertThrows(CheckFailure.class, () -> smtp.write("AUTH PLAIN " + SECRET + "\r\n"));
            assertFalse(failure.getMessage().contains(SECRET), failure.getMessage());
            assertTrue(failure.getMessage().startsWith("sending AUTH PLAIN ****"), failure.getMessage());
        }
    }

    @Test
    void aPop3AuthLineThatCouldNotBeSentShowsNoCredential() throws Exception {
        try (ResettingServer server = new ResettingServer("+OK hi\r\n"); RawConnection connection = server.connect()) {
            Pop3Probe pop3 = Pop3Probe.afterGreeting(connection);
            assertFalse(pop3.send("NOOP").isComplete(), "the reset is seen");
            CheckFailure failure = assertThrows(CheckFailure.class, () -> pop3.write("AUTH PLAIN " + SECRET + "\r\n"));
            assertFalse(failure.getMessage().contains(SECRET), failure.getMessage());
        }
    }

    /** Greets, reads one command, then resets the connection (SO_LINGER 0): the client's next write fails. */
    private static final class ResettingServer implements AutoCloseable {
        private final ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        private final CompletableFuture<Void> running;

        ResettingServer(String greeting) throws IOException {
            running = CompletableFuture.runAsync(() -> {
                try (Socket socket = listener.accept()) {
                    socket.getOutputStream().write(greeting.getBytes(StandardCharsets.US_ASCII));
                    socket.setSoTimeout(5_000);
                    socket.getInputStream().read(); // the client has its greeting and has sent a command
                    socket.setSoLinger(true, 0);
                } catch (IOException gone) {
                    // the test is over
                }
            });
        }

        RawConnection connect() throws IOException {
            return RawConnection.open(new Endpoint("127.0.0.1", listener.getLocalPort()), false, new TlsSettings(false, Optional.empty()),
                    Duration.ofSeconds(5), Duration.ofSeconds(5), new Transcript());
        }

        @Override
        public void close() throws Exception {
            listener.close();
            running.get(30, TimeUnit.SECONDS);
        }
    }
}
