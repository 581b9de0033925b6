package io.mailharness.conformance.wire;

import io.mailharness.client.Transcript;
import io.mailharness.settings.Endpoint;
import io.mailharness.settings.TlsSettings;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A server that refuses an over-long command line with 421 and closes before reading it all resets the client's
 * write: the 421 it sent first is still the reply (Sendmail's "421 4.7.0 … Command too long" raced this).
 */
class EarlyReplyTest {
    private static final int LINE = 8 * 1024 * 1024; // far more than the loopback socket buffers hold

    @Test
    void theReplySentBeforeTheServerClosedIsReadWhenTheWriteIsCutShort() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Void> server = CompletableFuture.runAsync(() -> refuseAfterFourKilobytes(listener));
            try (RawConnection connection = RawConnection.open(new Endpoint("127.0.0.1", listener.getLocalPort()), false,
                    new TlsSettings(false, Optional.empty()), Duration.ofSeconds(5), Duration.ofSeconds(5), new Transcript())) {
                SmtpProbe smtp = SmtpProbe.afterGreeting(connection, Verdicts.NONE);
                SmtpWireReply reply = smtp.sendRawAnsweredEarly("NOOP " + "x".repeat(LINE) + "\r\n");
                assertEquals(421, reply.code(), reply.describe());
            }
            server.get(10, TimeUnit.SECONDS);
        }
    }

    private static void refuseAfterFourKilobytes(ServerSocket listener) {
        try (Socket socket = listener.accept()) {
            InputStream in = socket.getInputStream();
            in.readNBytes(4096);
            socket.getOutputStream().write("421 4.7.0 Command too long\r\n".getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            // closing with unread octets makes the kernel answer the client's next segment with a reset
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
