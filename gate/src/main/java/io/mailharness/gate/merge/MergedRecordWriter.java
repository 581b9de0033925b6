package io.mailharness.gate.merge;

import io.mailharness.gate.input.BadInput;
import io.mailharness.gate.input.RunRecordInput;
import io.mailharness.gate.input.RunRecordPaths;
import io.mailharness.record.RunRecord;
import io.mailharness.record.RunRecordFiles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Merges the run records of several injectors, found in the files and folders a user named, into one
 * run record file. Bad input (records of different simulations or targets, runs that did not overlap in
 * time, the same injector twice, an injector missing unless allowed, a malformed record, an output that is
 * one of the injectors' records) is a {@link BadInput} and nothing is written. The output may be an earlier
 * merged record in a folder the merge searches: it is replaced, not read back in.
 */
public final class MergedRecordWriter {
    /** The file written, how many records went into it, and the merge (record and warnings). */
    public record Outcome(Path file, int sources, RunRecordMerger.Merged merged) {}

    private MergedRecordWriter() {}

    /**
     * @param out    the merged record to write; a folder means {@code run-record.json} in it
     * @param inputs       run-record.json files, or folders searched for them
     * @param allowMissing merge an incomplete set of injectors all the same, with a warning
     */
    public static Outcome write(Path out, List<Path> inputs, boolean allowMissing) throws IOException {
        Path outFile = Files.isDirectory(out) ? out.resolve(RunRecord.FILE_NAME) : out;
        Path outReal = RunRecordPaths.real(outFile);
        Set<Path> files = new LinkedHashSet<>();
        for (Path input : inputs) {
            for (Path file : RunRecordPaths.all(input)) {
                if (!RunRecordPaths.real(file).equals(outReal)) {
                    files.add(file);
                } else if (!Files.isDirectory(input) || !isMerged(RunRecordInput.read(file))) {
                    // An injector's own record is a measurement: replacing it with the merge would lose it.
                    throw new BadInput("--out " + out + " is the run record " + file + ", one of the inputs: the merge would overwrite"
                            + " its measurements; write the merged record elsewhere");
                }
                // else an earlier merge into a folder this one searches: not read back in, replaced.
            }
        }
        List<SourceRecord> sources = new ArrayList<>();
        for (Path file : files) sources.add(new SourceRecord(file.toString(), RunRecordInput.read(file)));

        RunRecordMerger.Merged merged = RunRecordMerger.merge(sources, allowMissing);
        Files.createDirectories(outReal.getParent());
        RunRecordFiles.write(merged.record(), outFile);
        return new Outcome(outFile, sources.size(), merged);
    }

    private static boolean isMerged(RunRecord record) {
        return record.parameters() != null && record.parameters().containsKey(RunRecordMerger.RUN_IDS_PARAMETER);
    }
}
