package io.mailharness.result;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * One run of the conformance suite against one target.
 *
 * @param target        the target's name
 * @param description   the target's description
 * @param smtpGreeting  the SMTP greeting line as read before the run (empty when the target has no SMTP side)
 * @param pop3Greeting  the POP3 greeting line (empty when the target has no POP3 side)
 * @param startedAt     ISO-8601 instant the run started
 * @param strict        WARN counted as failure
 * @param checks        one result per check, in execution order
 */
public record ConformanceRun(String target, String description, String smtpGreeting, String pop3Greeting,
                             String startedAt, boolean strict, List<CheckResult> checks) {
    public ConformanceRun {
        checks = List.copyOf(checks);
    }

    public Map<Outcome, Integer> counts() {
        Map<Outcome, Integer> counts = new EnumMap<>(Outcome.class);
        for (Outcome o : Outcome.values()) counts.put(o, 0);
        for (CheckResult c : checks) counts.merge(c.outcome(), 1, Integer::sum);
        return counts;
    }

    /** True when a check FAILs, or (strict) WARNs. */
    public boolean failed() {
        return checks.stream().anyMatch(c -> c.outcome().failsRun(strict));
    }
}
