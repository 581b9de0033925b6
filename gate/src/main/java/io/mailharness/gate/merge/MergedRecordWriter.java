package io.mailharness.gate.merge;

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
 * run record file. Bad input (records of different simulations or targets, the same injector twice, a
 * malformed record) is a {@link io.mailharness.gate.input.BadInput} and nothing is written.
 */
public final class MergedRecordWriter {
    /** The file written, how many records went into it, and the merge (record and warnings). */
    public record Outcome(Path file, int sources, RunRecordMerger.Merged merged) {}

    private MergedRecordWriter() {}

    /**
     * @param out    the merged record to write; a folder means {@code run-record.json} in it
     * @param inputs run-record.json files, or folders searched for them
     */
    public static Outcome write(Path out, List<Path> inputs) throws IOException {
        Path outFile = Files.isDirectory(out) ? out.resolve(RunRecord.FILE_NAME) : out;
        // A second merge into a folder it searches must not read its own earlier output back in.
        Path outAbsolute = outFile.toAbsolutePath().normalize();
        Set<Path> files = new LinkedHashSet<>();
        for (Path input : inputs) {
            for (Path file : RunRecordPaths.all(input)) {
                if (!file.toAbsolutePath().normalize().equals(outAbsolute)) files.add(file);
            }
        }
        List<SourceRecord> sources = new ArrayList<>();
        for (Path file : files) sources.add(new SourceRecord(file.toString(), RunRecordInput.read(file)));

        RunRecordMerger.Merged merged = RunRecordMerger.merge(sources);
        Files.createDirectories(outAbsolute.getParent());
        RunRecordFiles.write(merged.record(), outFile);
        return new Outcome(outFile, sources.size(), merged);
    }
}
