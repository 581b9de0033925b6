package io.mailharness.client;

import java.util.List;

/**
 * One POP3 response: the status line ({@code +OK …} or {@code -ERR …}) and, for multi-line
 * responses, the body lines as received (still byte-stuffed, without the terminating ".").
 */
public record Pop3Reply(String statusLine, List<String> body) {
    public Pop3Reply {
        body = List.copyOf(body);
    }

    public boolean isOk() {
        return statusLine.startsWith("+OK");
    }

    /** The text after the status indicator. */
    public String text() {
        int space = statusLine.indexOf(' ');
        return space < 0 ? "" : statusLine.substring(space + 1).strip();
    }

    @Override
    public String toString() {
        return statusLine;
    }
}
