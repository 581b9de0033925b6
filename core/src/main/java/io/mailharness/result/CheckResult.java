package io.mailharness.result;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;

/**
 * What one check found; also the layout of one entry of {@code checks} in {@code conformance-result.json}.
 *
 * @param id             the catalogue's stable identifier, e.g. {@code SMTP-NOOP}
 * @param rfc            the RFC(s) the check reads, e.g. {@code 5321}
 * @param section        the section the requirement is in, e.g. {@code 4.1.1.9}
 * @param sectionTitle   the title of the section class the check belongs to, e.g. {@code NOOP}
 * @param level          MUST / SHOULD / MAY / INFO
 * @param requirement    the requirement in one line, in our own words
 * @param tags           mode tags (read-only, mutates-mailbox, anti-abuse, needs-tls, needs-setting)
 * @param outcome        the verdict
 * @param expected       what a conforming server does (empty on PASS)
 * @param actual         what this server did (empty on PASS)
 * @param transcript     client and server lines, CR/LF visible, credentials masked (empty on PASS but for anti-abuse rows)
 * @param durationMillis wall time of the check
 * @param group          the heading the summary groups by: the section class, e.g. {@code RFC 5321 §4.1.1 Command
 *                       Semantics and Syntax} (a check may cite a narrower section than its class)
 */
@JsonPropertyOrder({"id", "rfc", "section", "sectionTitle", "group", "level", "requirement", "tags", "outcome", "expected",
        "actual", "transcript", "durationMillis"})
public record CheckResult(String id, List<String> rfc, String section, String sectionTitle, Level level,
                          String requirement, List<String> tags, Outcome outcome, String expected, String actual,
                          String transcript, long durationMillis, String group) {
    public CheckResult {
        if (id == null || id.isBlank()) throw new IllegalArgumentException("id is missing");
        if (outcome == null) throw new IllegalArgumentException("outcome is missing");
        if (level == null) throw new IllegalArgumentException("level is missing");
        rfc = rfc == null ? List.of() : List.copyOf(rfc);
        tags = tags == null ? List.of() : List.copyOf(tags);
        section = section == null ? "" : section;
        sectionTitle = sectionTitle == null ? "" : sectionTitle;
        requirement = requirement == null ? "" : requirement;
        expected = expected == null ? "" : expected;
        actual = actual == null ? "" : actual;
        transcript = transcript == null ? "" : transcript;
        group = group == null || group.isBlank() ? heading(rfc, section, sectionTitle) : group;
    }

    /** How the actual text of a check begins when its run was stopped before it finished (it is then a SKIP). */
    public static final String NOT_FINISHED = "not finished: ";

    /** A result whose group is its own section heading. */
    public CheckResult(String id, List<String> rfc, String section, String sectionTitle, Level level,
                       String requirement, List<String> tags, Outcome outcome, String expected, String actual,
                       String transcript, long durationMillis) {
        this(id, rfc, section, sectionTitle, level, requirement, tags, outcome, expected, actual, transcript, durationMillis, "");
    }

    /** {@code RFC 5321 §4.1.1.9 NOOP}: the check's own section with its class's title. */
    public String sectionHeading() {
        return heading(rfc, section, sectionTitle);
    }

    private static String heading(List<String> rfc, String section, String title) {
        String rfcs = String.join("/", rfc);
        String prefix = !rfcs.isEmpty() && rfcs.chars().allMatch(c -> Character.isDigit(c) || c == '/') ? "RFC " + rfcs : rfcs;
        return prefix + (section.isBlank() ? "" : " §" + section) + (title.isBlank() ? "" : " " + title);
    }
}
