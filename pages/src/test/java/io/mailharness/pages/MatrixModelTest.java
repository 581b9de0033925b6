package io.mailharness.pages;

import io.mailharness.result.Outcome;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MatrixModelTest {
    private final MatrixModel model = ComparisonFixtures.matrix();

    @Test
    void everyCheckIsOneRowGroupedBySectionInSuiteOrder() {
        assertEquals(List.of("SMTP-GREETING", "SMTP-BANNER-NAME", "SMTP-EHLO", "SMTP-NOOP", "SMTP-VRFY", "SMTP-8BITMIME"),
                model.rows().stream().map(MatrixModel.Row::id).toList());
        assertEquals(List.of("RFC 5321 §4.2 SMTP Replies", "RFC 5321 §4.1.1.1 EHLO", "RFC 5321 §4.1.1.9 NOOP", "RFC 5321 §3.5.3 VRFY",
                "RFC 5321 §3.1 8BITMIME"), model.sections().stream().map(MatrixModel.Section::heading).toList());
    }

    @Test
    void totalsCountEachServersOutcomes() {
        assertEquals(Map.of(Outcome.PASS, 3, Outcome.FAIL, 0, Outcome.WARN, 1, Outcome.SKIP, 1, Outcome.INFO, 1), model.totals(0));
        assertEquals(Map.of(Outcome.PASS, 3, Outcome.FAIL, 1, Outcome.WARN, 0, Outcome.SKIP, 1, Outcome.INFO, 1), model.totals(1));
        assertEquals(Map.of(Outcome.PASS, 0, Outcome.FAIL, 0, Outcome.WARN, 0, Outcome.SKIP, 0, Outcome.INFO, 0), model.totals(2));
    }

    @Test
    void rowsDifferOnlyWhereAvailableServersDisagree() {
        assertEquals(List.of("SMTP-NOOP", "SMTP-VRFY"), model.rows().stream().filter(MatrixModel.Row::differs).map(MatrixModel.Row::id).toList());
        assertEquals(2, model.differingRows());
    }

    @Test
    void anUnavailableServerHasAnNaCellWithItsReasonInEveryRow() {
        for (MatrixModel.Row row : model.rows()) {
            MatrixModel.Cell cell = row.cells().get(2);
            assertEquals(MatrixModel.CellKind.UNAVAILABLE, cell.kind());
            assertEquals("N/A", cell.label());
            assertTrue(cell.transcript().contains("port 2525"));
        }
    }

    @Test
    void aCheckMissingFromOneServersResultIsNotRunThere() {
        var shortRun = new io.mailharness.result.ConformanceRun("short", "", "", "", "", false,
                ComparisonFixtures.run("short", Outcome.PASS, Outcome.PASS).checks().subList(0, 2));
        MatrixModel m = MatrixModel.build("t", ComparisonFixtures.GENERATED,
                List.of(MatrixColumn.of("full", "", ComparisonFixtures.run("full", Outcome.PASS, Outcome.PASS)), MatrixColumn.of("short", "", shortRun)));
        assertEquals(6, m.rows().size());
        assertEquals(4, m.notRun(1));
        assertEquals(MatrixModel.CellKind.NOT_RUN, m.rows().get(3).cells().get(1).kind());
        assertFalse(m.rows().get(3).differs(), "PASS against NOT RUN says nothing of the second server: a selection must not fill the 'servers differ' count");
        assertFalse(m.rows().get(0).differs());
    }

    @Test
    void aColumnStoppedBeforeItsEndSaysSoAndItsUnfinishedChecksAreNoDifference() {
        var full = ComparisonFixtures.run("full", Outcome.PASS, Outcome.PASS);
        List<io.mailharness.result.CheckResult> checks = new java.util.ArrayList<>(full.checks());
        var first = checks.get(0);
        checks.set(0, new io.mailharness.result.CheckResult(first.id(), first.rfc(), first.section(), first.sectionTitle(), first.level(), first.requirement(),
                first.tags(), Outcome.SKIP, "", io.mailharness.result.CheckResult.NOT_FINISHED + "the run was stopped by a signal", "", 0));
        var stopped = new io.mailharness.result.ConformanceRun("stopped", "", "", "", "", false, checks);
        MatrixModel m = MatrixModel.build("t", ComparisonFixtures.GENERATED, List.of(MatrixColumn.of("full", "", full), MatrixColumn.of("stopped", "", stopped)));
        assertFalse(m.rows().get(0).differs(), "a check the run never finished is no behaviour of the server");
        assertEquals(1, m.columns().get(1).unfinished());
        assertTrue(MatrixPage.render(m).contains("incomplete: the run was stopped by a signal, 1 checks not finished"));
    }

    @Test
    void tagsAreTheUnionSorted() {
        assertEquals(List.of("anti-abuse", "mutates-mailbox", "read-only"), model.tags());
    }
}
