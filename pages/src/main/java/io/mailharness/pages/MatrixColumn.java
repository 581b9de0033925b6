package io.mailharness.pages;

import io.mailharness.result.ConformanceRun;

import java.util.Objects;
import java.util.Optional;

/**
 * One server of the conformance matrix: its run, or the reason it has none (server unavailable, run failed).
 *
 * @param name              the column's name (the target's name, made unique)
 * @param version           the server's exact version, empty when unknown
 * @param run               the conformance run, empty when the server was unavailable
 * @param unavailableReason why there is no run; empty when there is one
 */
public record MatrixColumn(String name, String version, Optional<ConformanceRun> run, String unavailableReason) {
    public MatrixColumn {
        Objects.requireNonNull(name, "name");
        version = version == null ? "" : version;
        unavailableReason = unavailableReason == null ? "" : unavailableReason;
    }

    public static MatrixColumn of(String name, String version, ConformanceRun run) {
        return new MatrixColumn(name, version, Optional.of(run), "");
    }

    public static MatrixColumn unavailable(String name, String version, String reason) {
        return new MatrixColumn(name, version, Optional.empty(), reason.isBlank() ? "no conformance result" : reason);
    }

    public boolean available() {
        return run.isPresent();
    }

    /** How many checks its run left unfinished (stopped by a signal); 0 for a whole run or none. */
    public int unfinished() {
        return run.map(ConformanceRun::unfinished).orElse(0);
    }

    /** The run's SMTP and POP3 greetings, one a line, control octets shown escaped; empty when unavailable or none was read. */
    public String greeting() {
        return run.map(r -> (io.mailharness.client.Transcript.visible(r.smtpGreeting()) + "\n"
                + io.mailharness.client.Transcript.visible(r.pop3Greeting())).strip()).orElse("");
    }
}
