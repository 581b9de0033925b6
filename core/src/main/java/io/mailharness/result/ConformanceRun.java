package io.mailharness.result;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * One run of the conformance suite against one target; also the layout of {@code conformance-result.json}
 * (see {@link ConformanceResultFile}), where the derived {@code failed}, {@code unfinished} and {@code counts} are written for
 * readers' convenience and recomputed, not read, when the file is read back.
 *
 * @param target         the target's name
 * @param description    the target's description (its name when none is given)
 * @param serverGreeting the SMTP and POP3 greeting lines as read before the run
 * @param startedAt      ISO-8601 instant the run started ({@code timestamp} in the file)
 * @param strict         WARN counted as failure
 * @param checks         one result per check, in execution order
 */
@JsonPropertyOrder({"formatVersion", "target", "description", "serverGreeting", "timestamp", "strict", "failed", "unfinished", "counts", "checks"})
@JsonIgnoreProperties(value = {"formatVersion", "failed", "unfinished", "counts"}, allowGetters = true)
public record ConformanceRun(String target, String description, ServerGreeting serverGreeting,
                             @JsonProperty("timestamp") String startedAt, boolean strict, List<CheckResult> checks) {
    /** Bumped when a field of {@code conformance-result.json} changes meaning; files from before it was written are version 1. */
    public static final int FORMAT_VERSION = 1;

    /**
     * The greeting lines, each empty when the target has no such side.
     *
     * @param smtp the SMTP greeting (220 reply)
     * @param pop3 the POP3 greeting (+OK line)
     */
    public record ServerGreeting(String smtp, String pop3) {
        public ServerGreeting {
            smtp = smtp == null ? "" : smtp;
            pop3 = pop3 == null ? "" : pop3;
        }
    }

    public ConformanceRun {
        if (target == null || target.isBlank()) throw new IllegalArgumentException("target is missing");
        if (checks == null) throw new IllegalArgumentException("checks is missing");
        description = description == null ? target : description;
        serverGreeting = serverGreeting == null ? new ServerGreeting("", "") : serverGreeting;
        startedAt = startedAt == null ? "" : startedAt;
        checks = List.copyOf(checks);
    }

    public ConformanceRun(String target, String description, String smtpGreeting, String pop3Greeting,
                          String startedAt, boolean strict, List<CheckResult> checks) {
        this(target, description, new ServerGreeting(smtpGreeting, pop3Greeting), startedAt, strict, checks);
    }

    /** The SMTP greeting line; empty when the target has no SMTP side. */
    public String smtpGreeting() {
        return serverGreeting.smtp();
    }

    /** The POP3 greeting line; empty when the target has no POP3 side. */
    public String pop3Greeting() {
        return serverGreeting.pop3();
    }

    @JsonProperty("formatVersion")
    int formatVersion() {
        return FORMAT_VERSION;
    }

    @JsonProperty("counts")
    public Map<Outcome, Integer> counts() {
        Map<Outcome, Integer> counts = new EnumMap<>(Outcome.class);
        for (Outcome o : Outcome.values()) counts.put(o, 0);
        for (CheckResult c : checks) counts.merge(c.outcome(), 1, Integer::sum);
        return counts;
    }

    /**
     * Checks the run did not finish, since it was stopped (a SKIP whose actual text says so); 0 for a run that ended,
     * and then not written, so that a finished run's file keeps its layout.
     */
    @JsonProperty("unfinished")
    @JsonInclude(JsonInclude.Include.NON_DEFAULT)
    public int unfinished() {
        return (int) checks.stream().filter(c -> c.outcome() == Outcome.SKIP && c.actual().startsWith(CheckResult.NOT_FINISHED)).count();
    }

    /** True when a check FAILs, or (strict) WARNs. */
    @JsonProperty("failed")
    public boolean failed() {
        return checks.stream().anyMatch(c -> c.outcome().failsRun(strict));
    }
}
