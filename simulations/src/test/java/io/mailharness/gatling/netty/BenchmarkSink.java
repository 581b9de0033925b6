package io.mailharness.gatling.netty;

import io.mailharness.sink.SinkLimits;
import io.mailharness.sink.SinkSettings;
import io.mailharness.sink.SmtpSink;

import java.io.IOException;
import java.time.Duration;

/**
 * The sink in a process of its own for {@code simulations/bench/netty-client.sh}, so the client's CPU is measured
 * apart from the server's. Usage: {@code BenchmarkSink PORT IO_THREADS}; prints {@code listening PORT TRANSPORT}, runs
 * until its standard input closes, then prints its counters.
 */
public final class BenchmarkSink {
    private BenchmarkSink() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: BenchmarkSink PORT IO_THREADS");
            System.exit(2);
        }
        SinkSettings settings = SinkSettings.defaults().withSmtpPort(Integer.parseInt(args[0])).withIoThreads(Integer.parseInt(args[1]))
                .withLimits(SinkLimits.defaults().withIdleTimeout(Duration.ofMinutes(30)));
        try (SmtpSink sink = SmtpSink.start(settings)) {
            System.out.println("listening " + sink.smtpAddress().getPort() + " " + sink.transport());
            System.out.flush();
            while (System.in.read() >= 0) {
                // until the script closes our input
            }
            System.out.println(sink.counters().summaryLine());
        }
    }
}
