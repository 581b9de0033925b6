package io.mailharness.pages;

import io.mailharness.result.Outcome;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The reviewer's notes on the verdicts of {@code conformance/VERDICTS.md}, one line per row: target, check ID,
 * verdict, audit mark and why, separated by tabs, so a review shows as a plain line diff. Blank lines and
 * lines starting with '#' are ignored. A note belongs to the verdict it names: when a fresh run gives another
 * verdict, the note is stale and the row goes back to "not reviewed".
 */
public final class VerdictNotes {
    /** The audit marks a note may carry. */
    public static final List<String> MARKS = List.of("justified", "justified (remark)", "SUSPECT", "fixed");

    /**
     * One reviewed row.
     *
     * @param target  the target's name, as the compare-servers folder names it
     * @param id      the check's ID
     * @param verdict the verdict the reviewer read
     * @param audit   one of {@link #MARKS}, optionally followed by a remark in parentheses for "fixed"
     * @param why     the reviewer's reason, one line
     * @param line    the line of the notes file, for messages
     */
    public record Note(String target, String id, Outcome verdict, String audit, String why, int line) {}

    private final List<Note> notes;
    private final Map<String, Note> byRow = new HashMap<>();

    private VerdictNotes(List<Note> notes) {
        this.notes = List.copyOf(notes);
        for (Note n : notes) byRow.put(key(n.target(), n.id()), n);
    }

    public List<Note> all() {
        return notes;
    }

    /** The note on a target's check, whatever verdict it names. */
    public Optional<Note> on(String target, String id) {
        return Optional.ofNullable(byRow.get(key(target, id)));
    }

    public static VerdictNotes read(Path file) {
        try {
            return parse(Files.readString(file), file.toString());
        } catch (IOException e) {
            throw new ComparisonInputException("verdict notes " + file + " do not exist or are not readable");
        }
    }

    static VerdictNotes parse(String content, String source) {
        List<Note> notes = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        List<String> lines = content.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || line.startsWith("#")) continue;
            int number = i + 1;
            String[] fields = line.split("\t", -1);
            if (fields.length != 5) {
                throw problem(source, number, "expected 5 tab-separated fields (target, check ID, verdict, audit, why), found " + fields.length);
            }
            Outcome verdict;
            try {
                verdict = Outcome.valueOf(fields[2].strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw problem(source, number, "verdict '" + fields[2].strip() + "' is not one of PASS, FAIL, WARN, SKIP, INFO");
            }
            String audit = fields[3].strip();
            if (MARKS.stream().noneMatch(mark -> audit.equals(mark) || audit.startsWith(mark + " ("))) {
                throw problem(source, number, "audit mark '" + audit + "' is not one of " + String.join(", ", MARKS));
            }
            Note note = new Note(fields[0].strip(), fields[1].strip(), verdict, audit, fields[4].strip(), number);
            if (note.target().isEmpty() || note.id().isEmpty() || note.why().isEmpty()) {
                throw problem(source, number, "target, check ID and why must not be empty");
            }
            Integer earlier = seen.put(key(note.target(), note.id()), number);
            if (earlier != null) throw problem(source, number, note.target() + " " + note.id() + " has a note already on line " + earlier);
            notes.add(note);
        }
        return new VerdictNotes(notes);
    }

    private static String key(String target, String id) {
        return target + "\t" + id;
    }

    private static ComparisonInputException problem(String source, int line, String what) {
        return new ComparisonInputException("verdict notes " + source + " line " + line + ": " + what);
    }
}
