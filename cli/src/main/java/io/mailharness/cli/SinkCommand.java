package io.mailharness.cli;

import io.mailharness.sink.SinkLimits;
import io.mailharness.sink.SinkSettings;
import io.mailharness.sink.SmtpSink;
import io.mailharness.sink.StageDelay;
import io.mailharness.sink.StageDisconnect;
import io.mailharness.sink.StagePlan;
import io.mailharness.sink.StageReply;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** {@code mailharness sink}: the scalable SMTP sink, to calibrate injectors and to serve as a fast target. */
@Command(name = "sink", sortOptions = false,
        description = {"Run an SMTP sink that accepts and discards mail (or keeps it for POP3), with exact per-stage delays and faults.",
                "Stages: greeting, ehlo, helo, mail, rcpt, data, end-of-data, bdat, rset, noop, quit.",
                "Holding many sessions needs a high open-file limit: raise 'ulimit -n' before starting it."},
        footer = {"", "Examples:",
                "  mailharness sink --port 2525 --delay rcpt=200ms",
                "  mailharness sink --port 2525 --keep --pop3-port 2110 --reply 'rcpt=450 4.2.1 try later@10%%'",
                "", "Runs until SIGTERM, SIGINT or --max-seconds, then prints its counters.",
                "Exit status: 0 stopped, 2 bad options or a port that cannot be bound."})
final class SinkCommand implements Callable<Integer> {
    /** How long a signal waits for the final counters line before the JVM exits anyway. */
    private static final long FINAL_REPORT_SECONDS = 10;

    @ParentCommand
    Mailharness mailharness;

    @Spec
    CommandSpec spec;

    @Option(names = "--host", paramLabel = "ADDR", defaultValue = "127.0.0.1", description = "address to listen on (default ${DEFAULT-VALUE})")
    String host;

    @Option(names = "--port", paramLabel = "N", defaultValue = "0", description = "SMTP port (default 0: a free port, printed)")
    int port;

    @Option(names = "--keep", description = "keep accepted messages for POP3 instead of discarding them")
    boolean keep;

    @Option(names = "--pop3-port", paramLabel = "N", defaultValue = "0", description = "POP3 port with --keep (default 0: a free port, printed)")
    int pop3Port;

    @Option(names = "--hostname", paramLabel = "NAME", defaultValue = "localhost", description = "domain in the greeting and EHLO reply (default ${DEFAULT-VALUE})")
    String hostname;

    @Option(names = "--delay", paramLabel = "STAGE=DURATION", description = "delay a stage's reply exactly, e.g. rcpt=200ms (repeatable)")
    List<String> delays = new ArrayList<>();

    @Option(names = "--reply", paramLabel = "STAGE=CODE[ TEXT][@P%]", description = "answer a stage with this reply (in P%% of cases), e.g. 'data=554@5%%' (repeatable)")
    List<String> replies = new ArrayList<>();

    @Option(names = "--disconnect", paramLabel = "STAGE[@P%]", description = "close the connection at a stage (in P%% of cases) (repeatable)")
    List<String> disconnects = new ArrayList<>();

    @Option(names = "--max-line-length", paramLabel = "OCTETS", description = "longest command line (default 1000)")
    Integer maxLineLength;

    @Option(names = "--max-message-size", paramLabel = "OCTETS", description = "largest message, advertised as SIZE (default 10485760)")
    Integer maxMessageSize;

    @Option(names = "--max-recipients", paramLabel = "N", description = "recipients per transaction (default 1000)")
    Integer maxRecipients;

    @Option(names = "--max-kept-messages", paramLabel = "N", description = "messages kept for POP3 at once (default 10000)")
    Integer maxKeptMessages;

    @Option(names = "--max-sessions", paramLabel = "N", description = "connections open at once (default 100000)")
    Integer maxSessions;

    @Option(names = "--idle-timeout", paramLabel = "SECONDS", description = "close a connection that sends nothing this long (default 300)")
    Integer idleTimeoutSeconds;

    @Option(names = "--io-threads", paramLabel = "N", defaultValue = "0", description = "event-loop threads (default 0: one per core)")
    int ioThreads;

    @Option(names = "--nio", description = "use Java NIO even where native epoll is available")
    boolean nio;

    @Option(names = "--counters-every", paramLabel = "SECONDS", defaultValue = "0", description = "print the counters every S seconds (default: only at exit)")
    long countersEvery;

    @Option(names = "--max-seconds", paramLabel = "S", defaultValue = "0", description = "stop after S seconds at the latest (default: no limit)")
    long maxSeconds;

    @Override
    public Integer call() throws IOException, InterruptedException {
        SinkSettings settings = settings();
        PrintStream out = mailharness.out;
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch reported = new CountDownLatch(1);
        // On a signal the JVM exits once its hooks return: this one waits (boundedly) for the final counters line.
        Thread onSignal = new Thread(() -> {
            stop.countDown();
            try {
                reported.await(FINAL_REPORT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "sink-stop");
        try (SmtpSink sink = SmtpSink.start(settings)) {
            Runtime.getRuntime().addShutdownHook(onSignal);
            out.println("mailharness sink: SMTP listening on " + address(sink.smtpAddress().getHostString(), sink.smtpAddress().getPort())
                    + sink.pop3Address().map(a -> ", POP3 on " + address(a.getHostString(), a.getPort())).orElse("")
                    + " (" + sink.transport() + (settings.plan().equals(StagePlan.NONE) ? "" : "; " + settings.plan()) + ")");
            long deadline = maxSeconds > 0 ? System.nanoTime() + TimeUnit.SECONDS.toNanos(maxSeconds) : Long.MAX_VALUE;
            long tick = countersEvery > 0 ? TimeUnit.SECONDS.toNanos(countersEvery) : Long.MAX_VALUE;
            while (true) {
                long wait = Math.min(tick, deadline - System.nanoTime());
                if (wait <= 0 || stop.await(wait, TimeUnit.NANOSECONDS)) break;
                if (System.nanoTime() >= deadline) break;
                out.println("mailharness sink: " + sink.counters().summaryLine());
            }
            out.println("mailharness sink: stopped; " + sink.counters().summaryLine());
            out.flush();
        } finally {
            reported.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(onSignal);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is already stopping on a signal: the hook has run
            }
        }
        return ExitCode.OK;
    }

    SinkSettings settings() {
        OptionRange.within(spec, "--port", port, 0, 65_535);
        OptionRange.within(spec, "--pop3-port", pop3Port, 0, 65_535);
        OptionRange.within(spec, "--io-threads", ioThreads, 0, 1024);
        OptionRange.within(spec, "--counters-every", countersEvery, 0, Integer.MAX_VALUE);
        OptionRange.within(spec, "--max-seconds", maxSeconds, 0, Integer.MAX_VALUE);
        if (pop3Port != 0 && !keep) {
            throw new ParameterException(spec.commandLine(), "--pop3-port serves kept messages: it needs --keep");
        }
        SinkLimits limits = SinkLimits.defaults();
        if (maxLineLength != null) limits = limits.withCommandLineOctets(maxLineLength);
        if (maxMessageSize != null) limits = limits.withMessageOctets(maxMessageSize);
        if (maxRecipients != null) limits = limits.withRecipientsPerMessage(maxRecipients);
        if (maxKeptMessages != null) limits = limits.withKeptMessages(maxKeptMessages);
        if (maxSessions != null) limits = limits.withSessions(maxSessions);
        if (idleTimeoutSeconds != null) limits = limits.withIdleTimeout(Duration.ofSeconds(idleTimeoutSeconds));
        StagePlan plan = StagePlan.of(delays.stream().map(StageDelay::parse).toList(),
                replies.stream().map(StageReply::parse).toList(), disconnects.stream().map(StageDisconnect::parse).toList());
        return SinkSettings.defaults().withHost(host).withSmtpPort(port).withPop3Port(pop3Port).withHostname(hostname)
                .withKeepMessages(keep).withLimits(limits).withPlan(plan).withIoThreads(ioThreads).withNativeTransport(!nio);
    }

    private static String address(String host, int port) {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
