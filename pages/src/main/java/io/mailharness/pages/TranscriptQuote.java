package io.mailharness.pages;

import io.mailharness.client.CredentialMask;
import io.mailharness.result.CheckResult;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The few transcript lines that show why a check got its verdict, chosen from the result alone: the client
 * line the check's "actual" names (the text before its arrow) and the replies to it; else the server reply
 * the "actual" quotes (the text after its arrow) and the client lines just before it; else the first malformed
 * client line and the reply to it; else the end of the transcript, its QUIT left out. The "actual" itself follows as a {@code harness:} line. Lines are bounded in count and length, octets
 * made visible (a long multi-line SMTP reply shortened to its first and last line), and client lines masked
 * again, so a password cannot reach the audit even from an old file.
 */
public final class TranscriptQuote {
    static final int MAX_LINES = 8;
    static final int TAIL_LINES = 6;
    static final int ASKED_LINES = 4;
    static final int MAX_LINE_CHARS = 160;
    private static final String ARROW = " → ";
    private static final String LINE_END = "\\r\\n";
    private static final String CONNECTION = "== ";
    private static final Pattern SMTP_CONTINUATION = Pattern.compile("S: \\d{3}-");

    private TranscriptQuote() {}

    /** The quoted lines, each already bounded and made visible. */
    public static List<String> of(CheckResult check) {
        List<String> lines = exchangeLines(check.transcript());
        String actual = Preformatted.inline(check.actual().strip());
        int arrow = actual.indexOf(ARROW);
        List<String> chosen = arrow < 0 ? List.of() : fromCommand(lines, actual.substring(0, arrow).strip());
        if (chosen.isEmpty() && arrow >= 0) chosen = fromReply(lines, firstLine(actual.substring(arrow + ARROW.length())));
        if (chosen.isEmpty()) chosen = fromMalformed(lines);
        if (chosen.isEmpty()) chosen = tail(lines);
        List<String> quote = new ArrayList<>();
        chosen.forEach(line -> quote.add(bounded(line)));
        if (!actual.isEmpty()) quote.add(bounded("harness: " + actual));
        return quote;
    }

    /**
     * The client, server and note lines of every connection, credentials masked; a connection's header stays as
     * the boundary an exchange does not cross, and is never quoted.
     */
    static List<String> exchangeLines(String transcript) {
        List<String> lines = new ArrayList<>();
        CredentialMask mask = new CredentialMask();
        for (String raw : transcript.split("\n")) {
            String line = Preformatted.inline(raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw);
            if (line.startsWith(CONNECTION)) {
                mask = new CredentialMask();
                lines.add(line);
            } else if (line.startsWith("C: ")) {
                lines.add("C: " + masked(mask, line.substring(3)));
            } else if (line.startsWith("S: ")) {
                mask.serverLine(line.substring(3));
                lines.add(line);
            } else if (line.startsWith("-- ") && !line.startsWith("-- connected to")) {
                lines.add(line);
            }
        }
        return withShortReplies(lines);
    }

    /** A long multi-line SMTP reply (an EHLO's extensions) as its first line, a count, and its last line. */
    private static List<String> withShortReplies(List<String> lines) {
        List<String> out = new ArrayList<>();
        int run = 0;
        for (String line : lines) {
            boolean continued = SMTP_CONTINUATION.matcher(line).lookingAt();
            if (continued && run >= 1) {
                run++;
                continue;
            }
            if (run > 1) out.add("S: …(" + (run - 1) + " more lines of this reply)");
            run = continued ? 1 : 0;
            out.add(line);
        }
        if (run > 1) out.add("S: …(" + (run - 1) + " more lines of this reply)");
        return out;
    }

    /** The mask reads a line without its (visible) line end; the end is put back after. */
    private static String masked(CredentialMask mask, String content) {
        boolean ended = content.endsWith(LINE_END);
        String bare = ended ? content.substring(0, content.length() - LINE_END.length()) : content;
        return mask.clientLine(bare) + (ended ? LINE_END : "");
    }

    /** The last client line that is the command the "actual" names, and the replies up to the next command. */
    private static List<String> fromCommand(List<String> lines, String command) {
        if (command.length() < 3) return List.of();
        String bare = command.endsWith(LINE_END) ? command.substring(0, command.length() - LINE_END.length()) : command;
        for (int i = lines.size() - 1; i >= 0; i--) {
            String line = lines.get(i);
            if (line.startsWith("C: ") && (line.substring(3).equals(command) || line.substring(3).equals(bare + LINE_END))) {
                return exchange(lines, i);
            }
        }
        return List.of();
    }

    /**
     * The last server line the "actual" quotes and the replies after it, with the client lines it answered: all of
     * them when they are few, else the first malformed one (a bare line end, a control octet) with its neighbours.
     */
    private static List<String> fromReply(List<String> lines, String reply) {
        if (reply.length() < 3) return List.of();
        for (int j = lines.size() - 1; j >= 0; j--) {
            String line = lines.get(j);
            if (line.startsWith("S: ") && line.substring(3).startsWith(reply)) return answered(lines, j);
        }
        return List.of();
    }

    /**
     * The first malformed client line (what an anti-abuse row sends), its neighbours and the reply to it: the
     * step behind a verdict whose "actual" names no line, such as a PASS.
     */
    private static List<String> fromMalformed(List<String> lines) {
        for (int k = 0; k < lines.size(); k++) {
            if (!malformed(lines.get(k))) continue;
            int j = k;
            while (j < lines.size() && !lines.get(j).startsWith("S: ") && !lines.get(j).startsWith(CONNECTION)) j++;
            return answered(lines, j);
        }
        return List.of();
    }

    /** The client lines a reply (at {@code reply}) answered, sampled when many, then the reply and the notes after it. */
    private static List<String> answered(List<String> lines, int reply) {
        int start = reply;
        while (start > 0 && !lines.get(start - 1).startsWith("S: ") && !lines.get(start - 1).startsWith(CONNECTION)) start--;
        List<String> asked = lines.subList(start, reply);
        List<String> out = new ArrayList<>(asked.size() <= ASKED_LINES ? asked : sample(asked));
        if (reply < lines.size()) out.addAll(exchange(lines, reply));
        return out.subList(0, Math.min(out.size(), MAX_LINES));
    }

    /** From many client lines: the first malformed one, the line before and two after; else the last few. */
    private static List<String> sample(List<String> asked) {
        for (int k = 0; k < asked.size(); k++) {
            if (malformed(asked.get(k))) return asked.subList(Math.max(0, k - 1), Math.min(asked.size(), k + ASKED_LINES - 1));
        }
        return asked.subList(asked.size() - ASKED_LINES, asked.size());
    }

    /** A client line that does not end in one CRLF, or holds a line end or control octet before it. */
    static boolean malformed(String line) {
        if (!line.startsWith("C: ")) return false;
        String content = line.substring(3);
        if (!content.endsWith(LINE_END)) return true;
        String body = content.substring(0, content.length() - LINE_END.length());
        return body.contains("\\r") || body.contains("\\n") || body.contains("\\x");
    }

    /** From a line on: the client lines, then the replies and notes, up to the next client line after a reply. */
    private static List<String> exchange(List<String> lines, int start) {
        List<String> out = new ArrayList<>();
        boolean replied = false;
        for (int i = start; i < lines.size() && out.size() < MAX_LINES; i++) {
            String line = lines.get(i);
            if (line.startsWith(CONNECTION) || line.startsWith("C: ") && replied) break;
            if (!line.startsWith("C: ")) replied = true;
            out.add(line);
        }
        return out;
    }

    /** The last lines, the closing QUIT and its reply left out. */
    private static List<String> tail(List<String> lines) {
        int end = lines.size();
        for (int i = lines.size() - 1; i >= 0 && i >= lines.size() - 3; i--) {
            if (lines.get(i).toUpperCase(Locale.ROOT).startsWith("C: QUIT")) {
                end = i;
                break;
            }
        }
        List<String> quoted = lines.subList(0, end).stream().filter(line -> !line.startsWith(CONNECTION)).toList();
        return quoted.subList(Math.max(0, quoted.size() - TAIL_LINES), quoted.size());
    }

    /** The reply's first line: up to its first visible line end. */
    private static String firstLine(String reply) {
        int end = reply.indexOf(LINE_END);
        return (end < 0 ? reply : reply.substring(0, end + LINE_END.length())).strip();
    }

    /** A long line cut, its full length shown: {@code xxxx…[2053]}. */
    static String bounded(String line) {
        return line.length() <= MAX_LINE_CHARS ? line : line.substring(0, MAX_LINE_CHARS) + "…[" + line.length() + "]";
    }
}
