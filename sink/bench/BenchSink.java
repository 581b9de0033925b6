import io.mailharness.sink.SinkLimits;
import io.mailharness.sink.SinkSettings;
import io.mailharness.sink.SmtpSink;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.time.Duration;

/**
 * The sink in its own JVM for the benchmark scripts (run with the JDK's source launcher and the sink module's
 * classpath). Listens on 127.0.0.1:PORT, prints "listening PORT TRANSPORT", then answers each line "stats" on
 * its input with one line: the counters and the heap in use after a full GC.
 * Ends when its input closes.
 *
 * Arguments: PORT [IO_THREADS] (0 threads: one per processor)
 */
public class BenchSink {
    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int threads = args.length > 1 ? Integer.parseInt(args[1]) : 0;
        SinkSettings settings = SinkSettings.defaults().withSmtpPort(port).withIoThreads(threads)
                // benchmark sessions idle longer than a real client would, and there are many of them
                .withLimits(SinkLimits.defaults().withIdleTimeout(Duration.ofHours(1)).withSessions(1_000_000));
        try (SmtpSink sink = SmtpSink.start(settings)) {
            System.out.println("listening " + sink.smtpAddress().getPort() + " " + sink.transport());
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
            for (String line; (line = in.readLine()) != null; ) {
                if (line.trim().equals("stats")) System.out.println("stats " + stats(sink));
            }
        }
    }

    private static String stats(SmtpSink sink) {
        System.gc();
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        var c = sink.counters();
        return "open=" + c.smtpSessionsOpen() + " peak=" + c.smtpSessionsPeak() + " sessions=" + c.smtpSessions()
                + " accepted=" + c.messagesAccepted() + " octets=" + c.messageOctets()
                + " heapMiB=" + String.format("%.1f", heap / 1048576.0);
    }
}
