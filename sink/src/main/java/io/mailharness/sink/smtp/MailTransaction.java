package io.mailharness.sink.smtp;

import java.util.ArrayList;
import java.util.List;

/** From MAIL to the end of its data: the accepted recipients (their addresses only when messages are kept). */
final class MailTransaction {
    private final List<String> forwardPaths;
    private int recipients;
    private boolean chunking;

    MailTransaction(boolean keepAddresses) {
        this.forwardPaths = keepAddresses ? new ArrayList<>() : null;
    }

    void addRecipient(String forwardPath) {
        recipients++;
        if (forwardPaths != null) forwardPaths.add(forwardPath);
    }

    int recipients() {
        return recipients;
    }

    List<String> forwardPaths() {
        return forwardPaths == null ? List.of() : forwardPaths;
    }

    /** Whether BDAT has started the data, which excludes DATA in this transaction (RFC 3030 §2). */
    boolean chunking() {
        return chunking;
    }

    void startChunking() {
        chunking = true;
    }
}
