package io.mailharness.pages;

import io.mailharness.record.RunRecord;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LoadComparisonModelTest {
    private final LoadComparisonModel model = ComparisonFixtures.load();

    @Test
    void stagesAreTheRequestNamesWithoutDeliveryLatency() {
        assertEquals(List.of("smtp connect", "smtp MAIL FROM", "smtp DATA <end-of-data>", "pop3 RETR"), model.stages());
    }

    @Test
    void throughputIsTheCountOverTheRunsWallTime() {
        LoadColumn postfix = model.columns().get(0);
        assertEquals(100.0, LoadComparisonModel.durationSeconds(postfix.record().orElseThrow()));
        assertEquals(10.0, model.throughput(postfix, "smtp connect"));
        assertEquals(34.97, model.totalThroughput(postfix), 1e-9);
        assertEquals(3497, model.requestCount(postfix));
        assertEquals(3, model.koCount(postfix));
        assertTrue(Double.isNaN(model.throughput(model.columns().get(2), "smtp connect")), "unavailable: no number");
    }

    @Test
    void anInjectorIsOverloadedByPeakOrAverage() {
        assertEquals(List.of("exim"), model.overloadedInjectors().stream().map(LoadColumn::name).toList());
        assertTrue(LoadComparisonModel.injectorOverloaded(new RunRecord.Injector(1, 1, "h", 4, 0.76, 0.5, 0.8)));
        assertTrue(LoadComparisonModel.injectorOverloaded(new RunRecord.Injector(1, 1, "h", 4, 0.2, 0.9, 0.8)));
        assertFalse(LoadComparisonModel.injectorOverloaded(new RunRecord.Injector(1, 1, "h", 4, 0.74, 0.89, 0.99)));
        assertFalse(LoadComparisonModel.injectorOverloaded(null));
    }

    @Test
    void lossyServersAreListed() {
        assertEquals(List.of("exim"), model.lossyColumns().stream().map(LoadColumn::name).toList());
    }

    @Test
    void comparableRunsHaveNoWarningsButDifferentParametersOrSimulationsDo() {
        assertEquals(List.of(), model.warnings());
        RunRecord a = ComparisonFixtures.record("a", 1, 0.1, 0.1, ComparisonFixtures.cleanLedger());
        RunRecord b = ComparisonFixtures.record("b", 1, 0.1, 0.1, ComparisonFixtures.cleanLedger());
        RunRecord other = new RunRecord(b.formatVersion(), "Soak", b.target(), b.runId(), b.start(), b.end(), Map.of("users", "50", "duration", "100"),
                new RunRecord.Injector(2, 3, "h", 4, 0.1, 0.1, 0.1), b.requests(), b.errorsByReplyClass(), b.ledger(), b.messages(), b.errors(), null, null, null, null);
        List<String> warnings = LoadComparisonModel.build("t", ComparisonFixtures.GENERATED,
                List.of(LoadColumn.of("a", "", a), LoadColumn.of("b", "", other))).warnings();
        assertEquals(List.of(
                "The runs are of different simulations (MailDay, Soak): they are not comparable.",
                "Parameter 'users' differs between runs: 20 / 50.",
                "b: this record is injector 2 of 3; merge the injectors' records first for the whole load."), warnings);
    }

    @Test
    void aMergedRecordIsTheWholeLoadNotOneInjectorsShare() {
        RunRecord b = ComparisonFixtures.record("b", 1, 0.1, 0.1, ComparisonFixtures.cleanLedger());
        RunRecord merged = new RunRecord(b.formatVersion(), b.simulation(), b.target(), b.runId(), b.start(), b.end(), b.parameters(),
                new RunRecord.Injector(RunRecord.Injector.MERGED_INDEX, 2, "h", 4, 0.1, 0.1, 0.1), b.requests(), b.errorsByReplyClass(), b.ledger(),
                b.messages(), b.errors(), null, null, null, null);
        assertEquals(List.of(), LoadComparisonModel.build("t", ComparisonFixtures.GENERATED,
                List.of(LoadColumn.of("b", "", b), LoadColumn.of("merged", "", merged))).warnings());
    }
}
