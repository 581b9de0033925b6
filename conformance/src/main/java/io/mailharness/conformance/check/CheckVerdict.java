package io.mailharness.conformance.check;

import io.mailharness.client.Transcript;
import io.mailharness.conformance.wire.CheckFailure;
import io.mailharness.result.Level;
import io.mailharness.result.Outcome;
import org.opentest4j.TestAbortedException;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Turns how a check ended (returned, threw a {@link CheckFailure}, aborted, broke) into an outcome with
 * "expected / actual". The level decides: a broken MUST fails, a broken SHOULD or MAY warns, an INFO
 * check only records. Observations of a check that passes stay in its "actual" as notes.
 */
record CheckVerdict(Outcome outcome, String expected, String actual) {

    static CheckVerdict of(CheckMetadata check, Throwable thrown, List<CheckContext.Warning> warnings, List<String> observations) {
        if (thrown instanceof TestAbortedException aborted) {
            return new CheckVerdict(Outcome.SKIP, "", "skipped: " + aborted.getMessage());
        }
        if (thrown instanceof CheckFailure failure) {
            String expected = step(failure.step()) + failure.expected();
            String actual = step(failure.step()) + failure.actual();
            return switch (check.level()) {
                case MUST -> new CheckVerdict(Outcome.FAIL, expected, actual);
                case SHOULD, MAY -> new CheckVerdict(Outcome.WARN, expected, actual);
                case INFO -> new CheckVerdict(Outcome.INFO, "", "observed: " + actual + observed(observations));
            };
        }
        if (thrown != null) {
            String problem = thrown.getClass().getSimpleName() + (thrown.getMessage() == null ? "" : ": " + oneLine(thrown.getMessage()));
            return new CheckVerdict(Outcome.FAIL, "the check runs to its end", "check error: " + problem);
        }
        if (!warnings.isEmpty()) {
            return new CheckVerdict(Outcome.WARN,
                    warnings.stream().map(w -> step(w.step()) + w.expected()).collect(Collectors.joining("\n")),
                    warnings.stream().map(w -> step(w.step()) + w.actual()).collect(Collectors.joining("\n")));
        }
        if (check.level() == Level.INFO) {
            return new CheckVerdict(Outcome.INFO, "", String.join("\n", observations));
        }
        return new CheckVerdict(Outcome.PASS, "", String.join("\n", observations));
    }

    private static String observed(List<String> observations) {
        return observations.isEmpty() ? "" : "\n" + String.join("\n", observations);
    }

    private static String step(String step) {
        return step == null || step.isBlank() ? "" : Transcript.visible(step.length() > 120 ? step.substring(0, 120) + "…" : step) + " → ";
    }

    private static String oneLine(String text) {
        return text.replaceAll("\\s+", " ").trim();
    }

    /** One line for JUnit's failure message. */
    String message(CheckMetadata check) {
        return check.id() + " " + outcome + "\nexpected: " + expected + "\nactual:   " + actual;
    }
}
