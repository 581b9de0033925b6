package io.mailharness.conformance.nexthop;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * One SMTP session a target opened to the harness's next hop, read back from the octets the target sent, the way
 * a receiver following RFC 5321 reads them: a command line ends at CRLF only (§2.3.8), and after DATA the mail data
 * runs to the first CRLF "." CRLF (§4.1.1.4), still dot-stuffed. Whatever the target sent after an end of data is
 * read as commands again, as the next hop would: that is where smuggled commands show.
 *
 * @param commands     every command line, in order, without its CRLF (bare CR or LF kept inside)
 * @param transactions the mail transactions: an envelope and the data
 * @param closed       the connection has ended: nothing more will come
 */
public record RelayedSession(int number, List<String> commands, List<Transaction> transactions, boolean closed) {

    /**
     * One transaction as the next hop saw it.
     *
     * @param mailFrom  the MAIL command line
     * @param rcptTo    the RCPT command lines
     * @param data      the mail data as it came, stuffing and all, up to (and with) the CRLF before the end-of-data line
     * @param ended     a CRLF "." CRLF ended it (false: the session stopped before)
     */
    public record Transaction(String mailFrom, List<String> rcptTo, byte[] data, boolean ended) {
        public String dataText() {
            return new String(data, StandardCharsets.ISO_8859_1);
        }

        /** The envelope and data hold {@code text} (an identifier the probe put there). */
        public boolean carries(String text) {
            return mailFrom.contains(text) || rcptTo.stream().anyMatch(r -> r.contains(text)) || dataText().contains(text);
        }
    }

    /** Reads the octets one client sent in a session ({@code closed}: all it will send). */
    public static RelayedSession read(int number, byte[] client, boolean closed) {
        List<String> commands = new ArrayList<>();
        List<Transaction> transactions = new ArrayList<>();
        String mailFrom = null;
        List<String> rcptTo = new ArrayList<>();
        int pos = 0;
        while (pos < client.length) {
            int end = indexOf(client, "\r\n", pos);
            if (end < 0) {
                commands.add(text(client, pos, client.length)); // an unfinished last line
                break;
            }
            String line = text(client, pos, end);
            commands.add(line);
            pos = end + 2;
            String verb = verb(line);
            if (verb.equals("MAIL")) {
                mailFrom = line;
                rcptTo = new ArrayList<>();
            } else if (verb.equals("RCPT") && mailFrom != null) {
                rcptTo.add(line);
            } else if (verb.equals("RSET") || verb.equals("EHLO") || verb.equals("HELO")) {
                mailFrom = null;
            } else if (verb.equals("DATA") && mailFrom != null && !rcptTo.isEmpty()) {
                int stop = endOfData(client, pos);
                boolean ended = stop >= 0;
                int dataEnd = ended ? stop : client.length;
                transactions.add(new Transaction(mailFrom, List.copyOf(rcptTo), Arrays.copyOfRange(client, pos, dataEnd), ended));
                pos = ended ? dataEnd + 3 : client.length; // past ".CRLF"
                mailFrom = null;
            }
        }
        return new RelayedSession(number, List.copyOf(commands), List.copyOf(transactions), closed);
    }

    /** The first word of a command line, upper case. */
    public static String verb(String line) {
        int space = line.indexOf(' ');
        return (space < 0 ? line : line.substring(0, space)).toUpperCase(Locale.ROOT);
    }

    /** Where the end-of-data line "." CRLF starts: at the data's start or right after a CRLF; -1 when not yet. */
    private static int endOfData(byte[] octets, int start) {
        if (startsWith(octets, start, ".\r\n")) return start;
        int at = indexOf(octets, "\r\n.\r\n", start);
        return at < 0 ? -1 : at + 2;
    }

    private static boolean startsWith(byte[] octets, int at, String text) {
        if (at + text.length() > octets.length) return false;
        for (int i = 0; i < text.length(); i++) if (octets[at + i] != text.charAt(i)) return false;
        return true;
    }

    private static int indexOf(byte[] octets, String text, int from) {
        for (int i = from; i + text.length() <= octets.length; i++) if (startsWith(octets, i, text)) return i;
        return -1;
    }

    private static String text(byte[] octets, int from, int to) {
        return new String(octets, from, to - from, StandardCharsets.ISO_8859_1);
    }
}
