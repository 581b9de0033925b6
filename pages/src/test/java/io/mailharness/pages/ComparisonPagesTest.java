package io.mailharness.pages;

import io.mailharness.record.RunRecord;
import io.mailharness.record.RunRecordFiles;
import io.mailharness.result.Outcome;
import io.mailharness.result.ConformanceResultFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ComparisonPagesTest {
    @TempDir
    Path dir;

    @Test
    void theMatrixIsWrittenWithItsJsonInTheColumnOrderGiven() throws Exception {
        ConformanceResultFile.write(ComparisonFixtures.run("postfix-dovecot", Outcome.PASS, Outcome.WARN), dir.resolve("postfix-dovecot"));
        ConformanceResultFile.write(ComparisonFixtures.run("exim", Outcome.FAIL, Outcome.PASS), dir.resolve("exim"));
        ServerVersions versions = ServerVersions.parse("postfix-dovecot: postfix 3.7.11\nexim=exim4 4.96\n", "test");
        Path out = dir.resolve("page");
        List<Path> written = ComparisonPages.writeMatrix(out, ComparisonPages.MATRIX_TITLE, versions, List.of(
                new ColumnSource.Result(null, dir.resolve("postfix-dovecot")),
                new ColumnSource.Result(null, dir.resolve("exim/conformance-result.json")),
                new ColumnSource.Unavailable("opensmtpd", "start failed")), ComparisonFixtures.GENERATED);
        assertEquals(List.of(out.resolve(MatrixPage.FILE_NAME), out.resolve(MatrixJson.FILE_NAME)), written);
        String page = Files.readString(out.resolve(MatrixPage.FILE_NAME));
        assertTrue(page.contains("postfix 3.7.11") && page.contains("exim4 4.96") && page.contains("start failed"));
        assertTrue(page.indexOf("data-server=\"postfix-dovecot\"") < page.indexOf("data-server=\"exim\"")
                && page.indexOf("data-server=\"exim\"") < page.indexOf("data-server=\"opensmtpd\""), "columns in the order given");
        assertTrue(Files.readString(out.resolve(MatrixJson.FILE_NAME)).contains("\"opensmtpd\""));
    }

    @Test
    void theLoadComparisonReadsFilesAndResultsFoldersAndANameOverridesTheTarget() throws Exception {
        Path runFolder = Files.createDirectories(dir.resolve("results/exim/mailday-1"));
        RunRecordFiles.write(ComparisonFixtures.record("exim", 2, 0.9, 0.95, ComparisonFixtures.lossyLedger()), runFolder.resolve(RunRecord.FILE_NAME));
        Path file = dir.resolve("postfix.json");
        RunRecordFiles.write(ComparisonFixtures.record("postfix-dovecot", 1, 0.2, 0.3, ComparisonFixtures.cleanLedger()), file);
        Path out = dir.resolve("load");
        List<Path> written = ComparisonPages.writeLoadComparison(out, ComparisonPages.LOAD_TITLE, ServerVersions.none(), List.of(
                new ColumnSource.Result(null, file), new ColumnSource.Result("mta-b", dir.resolve("results/exim"))), ComparisonFixtures.GENERATED);
        assertEquals(List.of(out.resolve(LoadComparisonPage.FILE_NAME), out.resolve(LoadComparisonJson.FILE_NAME)), written);
        String page = Files.readString(out.resolve(LoadComparisonPage.FILE_NAME));
        assertTrue(page.contains("<b>mta-b</b> lost 7"), "the given name names the column");
    }

    @Test
    void twoColumnsOfTheSameTargetGetDistinctNames() throws Exception {
        ConformanceResultFile.write(ComparisonFixtures.run("exim", Outcome.PASS, Outcome.PASS), dir.resolve("exim"));
        Path out = dir.resolve("page");
        ComparisonPages.writeMatrix(out, "t", ServerVersions.none(), List.of(
                new ColumnSource.Result(null, dir.resolve("exim")), new ColumnSource.Result(null, dir.resolve("exim"))), ComparisonFixtures.GENERATED);
        String page = Files.readString(out.resolve(MatrixPage.FILE_NAME));
        assertTrue(page.contains("data-server=\"exim\"") && page.contains("data-server=\"exim (2)\""), "exim, then exim (2)");
    }

    @Test
    void aMissingOrMalformedInputIsAOneLineInputError() throws Exception {
        Path broken = Files.writeString(dir.resolve("broken.json"), "{\"formatVersion\": 1, ");
        assertInputError("does not exist", () -> ComparisonPages.writeMatrix(dir, "t", ServerVersions.none(),
                List.of(new ColumnSource.Result(null, dir.resolve("missing.json"))), ComparisonFixtures.GENERATED));
        assertInputError("not valid JSON", () -> ComparisonPages.writeMatrix(dir, "t", ServerVersions.none(),
                List.of(new ColumnSource.Result(null, broken)), ComparisonFixtures.GENERATED));
        assertInputError("malformed", () -> ComparisonPages.writeLoadComparison(dir, "t", ServerVersions.none(),
                List.of(new ColumnSource.Result(null, broken)), ComparisonFixtures.GENERATED));
        assertInputError("no run-record.json", () -> ComparisonPages.writeLoadComparison(dir, "t", ServerVersions.none(),
                List.of(new ColumnSource.Result(null, dir)), ComparisonFixtures.GENERATED));
        assertInputError("versions file", () -> ServerVersions.read(dir.resolve("none.txt")));
    }

    private static void assertInputError(String expected, org.junit.jupiter.api.function.Executable call) {
        ComparisonInputException e = assertThrows(ComparisonInputException.class, call);
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }
}
