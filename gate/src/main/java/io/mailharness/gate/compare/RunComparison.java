package io.mailharness.gate.compare;

import java.util.List;

/**
 * The whole comparison of a current run against its baseline.
 *
 * @param unmatched request names found in only one run, each as a one-line note; they cannot be
 *                  compared, and count as inconclusive (failing only with --strict)
 * @param notes     other things a reader should know (different targets, tolerance file used)
 */
public record RunComparison(String simulation, RunFacts baseline, RunFacts current, String tolerancesOrigin,
                            List<MetricComparison> metrics, List<String> unmatched, List<String> notes) {

    public boolean fails(boolean strict) {
        return metrics.stream().anyMatch(metric -> metric.fails(strict)) || (strict && !unmatched.isEmpty());
    }

    public long count(Verdict verdict) {
        return metrics.stream().filter(metric -> metric.verdict() == verdict).count();
    }

    /** The headline: regressed, inconclusive, improved or ok, in that order of precedence. */
    public String headline(boolean strict) {
        if (metrics.stream().anyMatch(metric -> metric.fails(false))) return "REGRESSED";
        boolean inconclusive = count(Verdict.INCONCLUSIVE) > 0 || !unmatched.isEmpty();
        if (inconclusive) return strict ? "INCONCLUSIVE (fails: --strict)" : "INCONCLUSIVE (passes; --strict would fail)";
        return count(Verdict.IMPROVED) > 0 ? "OK, IMPROVED" : "OK";
    }

    /** Counts for one summary line: "12 ok, 1 regressed, 2 inconclusive, 0 improved". */
    public String tally() {
        return count(Verdict.OK) + " ok, " + count(Verdict.REGRESSED) + " regressed, "
                + count(Verdict.INCONCLUSIVE) + " inconclusive, " + count(Verdict.IMPROVED) + " improved"
                + (unmatched.isEmpty() ? "" : ", " + unmatched.size() + " request name(s) in one run only");
    }
}
