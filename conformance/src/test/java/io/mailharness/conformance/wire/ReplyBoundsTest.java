package io.mailharness.conformance.wire;

import io.mailharness.client.Transcript;
import io.mailharness.settings.Endpoint;
import io.mailharness.settings.TlsSettings;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The probes bound a whole reply, not only its lines: an endless multi-line reply is cut (not taken as complete) and
 * the connection closed; a reply dripped one line at a time ends at one read timeout for the whole reply.
 */
class ReplyBoundsTest {
    private static final Duration READ = Duration.ofMillis(1500);

    @Test
    void anEndlessReplyOfLongLinesIsCutNotTakenAsComplete() throws Exception {
        String line = "250-" + "x".repeat(60_000) + "\r\n"; // each line within the line limit
        try (Server server = new Server((out, in) -> {
            for (int i = 0; i < 10_000; i++) out.write(line.getBytes(StandardCharsets.US_ASCII)); // 600 MB unless the reader stops
        }); RawConnection connection = server.connect()) {
            SmtpWireReply reply = SmtpProbe.afterGreeting(connection, Verdicts.NONE).readReply("EHLO");
            assertFalse(reply.isComplete(), reply.describe());
            assertTrue(connection.transcript().render().contains("reply longer than 1048576 octets: reading stopped, connection closed"),
                    connection.transcript().render());
        }
    }

    @Test
    void anEndlessPop3ResponseIsCutAndNotTerminated() throws Exception {
        String line = "x".repeat(60_000) + "\r\n";
        try (Server server = new Server((out, in) -> {
            out.write("+OK POP3 ready\r\n+OK here it comes\r\n".getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < 10_000; i++) out.write(line.getBytes(StandardCharsets.US_ASCII));
        }); RawConnection connection = server.connect()) {
            Pop3Response response = Pop3Probe.afterGreeting(connection).readMulti("RETR 1");
            assertTrue(response.isOk());
            assertFalse(response.terminated());
            assertTrue(connection.transcript().render().contains("reading stopped, connection closed"), "noted");
        }
    }

    @Test
    void aReplyDrippedLineByLineEndsAtOneReadTimeoutForTheWholeReply() throws Exception {
        try (Server server = new Server((out, in) -> {
            for (int i = 0; i < 100; i++) { // each line well within the read timeout, the whole reply far beyond it
                out.write("250-still going\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                if (in.awaitCloseFor(Duration.ofMillis(200))) return; // the pace of the drip; ends once the client has given up
            }
        }); RawConnection connection = server.connect()) {
            long start = System.nanoTime();
            SmtpWireReply reply = SmtpProbe.afterGreeting(connection, Verdicts.NONE).readReply("EHLO");
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertFalse(reply.isComplete(), reply.describe());
            assertTrue(millis < 3 * READ.toMillis(), "the reply took " + millis + " ms to give up on, the read timeout is " + READ.toMillis());
        }
    }

    @Test
    void aGreetingLineTooLongSaysSoFirst() throws Exception {
        try (Server server = new Server((out, in) -> out.write(("220 " + "x".repeat(200_000) + "\r\n").getBytes(StandardCharsets.US_ASCII)));
             RawConnection connection = server.connect()) {
            SmtpWireReply greeting = SmtpProbe.afterGreeting(connection, Verdicts.NONE).greeting();
            assertFalse(greeting.isComplete());
            String shown = io.mailharness.conformance.run.Preflight.reasonFirst(greeting.describe());
            assertTrue(shown.startsWith("line too long, after: 220 xxx") && shown.length() < 200, shown);
        }
    }

    /** A one-connection server on loopback that writes what {@code script} writes, then closes. */
    private static final class Server implements AutoCloseable {
        interface Script {
            void write(OutputStream out, ClientSide in) throws Exception;
        }

        /** What the client sends back, read only to learn that it closed. */
        interface ClientSide {
            /** True once the client has closed; false when {@code limit} passed first (a bounded read, not a sleep). */
            boolean awaitCloseFor(Duration limit) throws IOException;
        }

        private final ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        private final CompletableFuture<Void> running;

        Server(Script script) throws IOException {
            running = CompletableFuture.runAsync(() -> {
                try (Socket socket = listener.accept()) {
                    script.write(socket.getOutputStream(), limit -> {
                        socket.setSoTimeout((int) limit.toMillis());
                        try {
                            return socket.getInputStream().read() < 0;
                        } catch (java.net.SocketTimeoutException paced) {
                            return false;
                        }
                    });
                } catch (Exception stopped) {
                    // the client closed: the point of the test
                }
            });
        }

        RawConnection connect() throws IOException {
            return RawConnection.open(new Endpoint("127.0.0.1", listener.getLocalPort()), false, new TlsSettings(false, Optional.empty()),
                    Duration.ofSeconds(5), READ, new Transcript());
        }

        @Override
        public void close() throws Exception {
            listener.close();
            running.get(30, TimeUnit.SECONDS);
        }
    }
}
