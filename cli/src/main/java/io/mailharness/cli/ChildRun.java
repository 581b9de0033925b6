package io.mailharness.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A mailharness command in a JVM of its own, with this JVM's flags and classpath: one run cannot leave state
 * behind for the next (the conformance suite runs several times slower in a JVM where Gatling has run), and
 * when its output goes to a log, the log's last line says why it failed.
 */
final class ChildRun {
    private static final int LAST_LINE_LENGTH = 200;

    private volatile Process process;
    private boolean closed;

    /**
     * Runs {@code mailharness args...}, its output to a log file, and waits for it.
     *
     * @param environment variables to set; a null value removes the variable
     * @return its exit status
     */
    int run(List<String> args, Map<String, String> environment, Path log) throws IOException, InterruptedException {
        Files.createDirectories(log.toAbsolutePath().getParent());
        return run(args, environment, ProcessBuilder.Redirect.to(log.toFile()));
    }

    /** Runs {@code mailharness args...}, its output shown as it comes, and waits for it. */
    int run(List<String> args) throws IOException, InterruptedException {
        return run(args, Map.of(), ProcessBuilder.Redirect.INHERIT);
    }

    private int run(List<String> args, Map<String, String> environment, ProcessBuilder.Redirect output) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Mailharness.class.getName()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output);
        environment.forEach((name, value) -> {
            if (value == null) builder.environment().remove(name);
            else builder.environment().put(name, value);
        });
        synchronized (this) {
            if (closed) throw new InterruptedException("stopped: not starting " + String.join(" ", args));
            process = builder.start();
        }
        process.getOutputStream().close();
        try {
            return process.waitFor();
        } finally {
            stop();
        }
    }

    /** Stops the running child, if any (on Ctrl-C, the child must not outlive the comparison). */
    void stop() throws InterruptedException {
        Process running = process;
        if (running == null || !running.isAlive()) return;
        running.destroy();
        if (!running.waitFor(10, TimeUnit.SECONDS)) running.destroyForcibly();
    }

    /** Stops the running child and refuses to start another (on Ctrl-C, while other threads may be about to start one). */
    void close() throws InterruptedException {
        synchronized (this) {
            closed = true;
        }
        stop();
    }

    /** The last non-blank line of a log, at most 200 characters: the reason shown for a server without result. */
    static String lastLine(Path log) {
        try {
            List<String> lines = new String(Files.readAllBytes(log), StandardCharsets.UTF_8).lines().filter(line -> !line.isBlank()).toList();
            if (lines.isEmpty()) return "no output (see " + log + ")";
            String last = lines.getLast().strip();
            return last.length() > LAST_LINE_LENGTH ? last.substring(0, LAST_LINE_LENGTH) : last;
        } catch (IOException e) {
            return "no log (" + e.getMessage() + ")";
        }
    }
}
