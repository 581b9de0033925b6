package io.mailharness.cli;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code mailharness sink}: options reach the sink (an exact RCPT delay, a fault reply), counters at exit, one-line errors. */
class SinkCommandTest {
    private static final Pattern LISTENING = Pattern.compile("SMTP listening on 127\\.0\\.0\\.1:(\\d+)");

    @Test
    void aDelayedRcptAndAFaultyDataReplyAsTheOptionsSay() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CompletableFuture<Integer> sink = CompletableFuture.supplyAsync(() -> Mailharness.run(new String[] {"sink", "--max-seconds", "4",
                "--delay", "rcpt=300ms", "--reply", "data=554 5.7.1 no thanks"}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)));
        int port = awaitPort(out, sink);
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5000);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream to = socket.getOutputStream();
            assertTrue(in.readLine().startsWith("220"));
            send(to, "HELO injector.test");
            assertTrue(in.readLine().startsWith("250"));
            send(to, "MAIL FROM:<a@injector.test>");
            assertTrue(in.readLine().startsWith("250"));
            long start = System.nanoTime();
            send(to, "RCPT TO:<b@sink.test>");
            String rcpt = in.readLine();
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(rcpt.startsWith("250"), rcpt);
            assertTrue(millis >= 300, "RCPT answered after " + millis + " ms, the delay is 300 ms");
            send(to, "DATA");
            assertEquals("554 5.7.1 no thanks", in.readLine());
            send(to, "QUIT");
            assertTrue(in.readLine().startsWith("221"));
        }
        assertEquals(0, sink.get(10, TimeUnit.SECONDS), err.toString(StandardCharsets.UTF_8));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("mailharness sink: stopped;"), out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aMalformedDelayIsOneLineAndExit2() {
        CliRun run = CliRun.of("sink", "--max-seconds", "1", "--delay", "rcpt=soon");
        assertEquals(2, run.status(), run.toString());
        assertTrue(run.oneErrorLine("sink"), run.toString());
        assertTrue(run.err().contains("delay"), run.toString());
    }

    @Test
    void sigtermStillPrintsTheFinalCounters(@TempDir Path folder) throws Exception {
        // A JVM of its own: SIGTERM runs the shutdown hooks, and the JVM exits as soon as they return. Its output goes
        // to a file, since Process.destroy() closes the pipes it would otherwise be read from.
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path output = folder.resolve("sink.out");
        Process process = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"), Mailharness.class.getName(),
                "sink", "--max-seconds", "60").redirectErrorStream(true).redirectOutput(output.toFile()).start();
        try {
            int port = Awaitility.await("the sink says where it listens").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                    .failFast("the sink ended before listening", () -> !process.isAlive())
                    .until(() -> {
                        Matcher m = LISTENING.matcher(Files.readString(output));
                        return m.find() ? Integer.parseInt(m.group(1)) : -1;
                    }, found -> found > 0);
            try (Socket socket = new Socket("127.0.0.1", port)) {
                socket.setSoTimeout(5000);
                assertTrue(new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine().startsWith("220"));
            }
            process.destroy(); // SIGTERM
            assertTrue(process.waitFor(20, TimeUnit.SECONDS), "the sink stopped on SIGTERM");
            String printed = Files.readString(output);
            assertTrue(printed.contains("mailharness sink: stopped; ") && printed.contains("1 in all"), printed);
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void aNegativeDurationOrAPop3PortWithoutKeepIsOneLineAndExit2() {
        for (String[] options : new String[][] {{"--max-seconds", "-1"}, {"--counters-every", "-5"}, {"--port", "70000"}, {"--pop3-port", "2110"}}) {
            String[] args = new String[options.length + 1];
            args[0] = "sink";
            System.arraycopy(options, 0, args, 1, options.length);
            CliRun run = CliRun.of(args);
            assertEquals(2, run.status(), run.toString());
            assertTrue(run.oneErrorLine("sink"), run.toString());
            assertTrue(run.err().contains(options[0]), run.toString());
        }
    }

    private static void send(OutputStream to, String line) throws Exception {
        to.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        to.flush();
    }

    /** The port the sink prints once it listens; bounded by time. */
    private static int awaitPort(ByteArrayOutputStream out, CompletableFuture<Integer> sink) {
        return Awaitility.await("the sink says where it listens").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .failFast("the sink command ended before listening", sink::isDone)
                .until(() -> {
                    Matcher m = LISTENING.matcher(out.toString(StandardCharsets.UTF_8));
                    return m.find() ? Integer.parseInt(m.group(1)) : -1;
                }, port -> port > 0);
    }
}
