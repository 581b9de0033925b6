package io.mailharness.gate.compare;

/**
 * The comparison as a JUnit XML report: one test case per gated metric, so CI dashboards list a
 * regression as a failed test. Inconclusive metrics are skipped tests (failures with --strict).
 */
public final class JUnitXmlWriter {
    private JUnitXmlWriter() {}

    public static String render(RunComparison comparison, boolean strict) {
        StringBuilder cases = new StringBuilder();
        int tests = 0;
        int failures = 0;
        int skipped = 0;
        String suite = "mailharness.compare." + comparison.simulation();
        for (MetricComparison metric : comparison.metrics()) {
            if (!metric.tolerance().gated()) continue;
            tests++;
            cases.append("    <testcase classname=\"").append(Markup.xml(suite + "." + metric.request()))
                    .append("\" name=\"").append(Markup.xml(metric.metric().key())).append("\" time=\"0\">\n");
            if (metric.fails(strict)) {
                failures++;
                cases.append("      <failure type=\"").append(metric.verdict().label()).append("\" message=\"")
                        .append(Markup.xml(metric.summary())).append("\"/>\n");
            } else if (metric.verdict() == Verdict.INCONCLUSIVE) {
                skipped++;
                cases.append("      <skipped message=\"").append(Markup.xml(metric.summary())).append("\"/>\n");
            }
            cases.append("      <system-out>").append(Markup.xml(metric.summary())).append("</system-out>\n");
            cases.append("    </testcase>\n");
        }
        for (String note : comparison.unmatched()) {
            tests++;
            cases.append("    <testcase classname=\"").append(Markup.xml(suite)).append("\" name=\"")
                    .append(Markup.xml("request name " + note)).append("\" time=\"0\">\n");
            if (strict) {
                failures++;
                cases.append("      <failure type=\"inconclusive\" message=\"").append(Markup.xml(note)).append("\"/>\n");
            } else {
                skipped++;
                cases.append("      <skipped message=\"").append(Markup.xml(note)).append("\"/>\n");
            }
            cases.append("    </testcase>\n");
        }
        String counts = "tests=\"" + tests + "\" failures=\"" + failures + "\" errors=\"0\" skipped=\"" + skipped + "\"";
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<testsuites name=\"mailharness compare\" " + counts + ">\n"
                + "  <testsuite name=\"" + Markup.xml(suite) + "\" " + counts + " time=\"0\">\n"
                + "    <properties>\n"
                + "      <property name=\"baseline\" value=\"" + Markup.xml(comparison.baseline().describe()) + "\"/>\n"
                + "      <property name=\"current\" value=\"" + Markup.xml(comparison.current().describe()) + "\"/>\n"
                + "      <property name=\"tolerances\" value=\"" + Markup.xml(comparison.tolerancesOrigin()) + "\"/>\n"
                + "    </properties>\n"
                + cases
                + "  </testsuite>\n"
                + "</testsuites>\n";
    }
}
