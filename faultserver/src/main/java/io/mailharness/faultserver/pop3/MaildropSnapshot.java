package io.mailharness.faultserver.pop3;

import io.mailharness.protocol.DotStuffing;
import io.mailharness.faultserver.store.Maildrop;
import io.mailharness.faultserver.store.StoredMessage;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The maildrop as one POP3 session sees it: messages numbered 1..n when the maildrop was opened
 * (RFC 1939 §4), plus this session's deletion marks, which only QUIT makes real.
 */
public final class MaildropSnapshot {

    private final Maildrop maildrop;
    private final List<StoredMessage> messages;
    private final boolean[] deleted;

    MaildropSnapshot(Maildrop maildrop) {
        this.maildrop = maildrop;
        this.messages = maildrop.messages();
        this.deleted = new boolean[messages.size()];
    }

    public Maildrop maildrop() {
        return maildrop;
    }

    /** Numbers the session assigned, 1..size; deleted ones included. */
    public int size() {
        return messages.size();
    }

    /** The message numbered {@code number}, unless unknown or marked deleted. */
    public Optional<StoredMessage> message(int number) {
        if (number < 1 || number > messages.size() || deleted[number - 1]) {
            return Optional.empty();
        }
        return Optional.of(messages.get(number - 1));
    }

    public boolean isDeleted(int number) {
        return deleted[number - 1];
    }

    void markDeleted(int number) {
        deleted[number - 1] = true;
    }

    void unmarkAll() {
        java.util.Arrays.fill(deleted, false);
    }

    /** Messages not marked deleted (what STAT counts). */
    public int visibleCount() {
        int count = 0;
        for (boolean d : deleted) {
            count += d ? 0 : 1;
        }
        return count;
    }

    /** Sum of the POP3 sizes of the messages not marked deleted. */
    public long visibleOctets() {
        long total = 0;
        for (int n = 1; n <= messages.size(); n++) {
            if (!deleted[n - 1]) {
                total += octets(messages.get(n - 1)).length;
            }
        }
        return total;
    }

    /** Sum of the POP3 sizes of every message numbered in the session, marked deleted or not. */
    public long allOctets() {
        long total = 0;
        for (StoredMessage message : messages) total += octets(message).length;
        return total;
    }

    /**
     * The octets POP3 transfers for a message before byte-stuffing: the stored octets, plus a CRLF
     * when they lack a final one (the multi-line response must end CRLF.CRLF). LIST reports this size,
     * so LIST and the un-stuffed RETR length always agree (RFC 1939 §11).
     */
    public static byte[] octets(StoredMessage message) {
        byte[] content = message.content();
        if (DotStuffing.endsWithCrlf(content)) {
            return content;
        }
        byte[] completed = new byte[content.length + 2];
        System.arraycopy(content, 0, completed, 0, content.length);
        completed[content.length] = '\r';
        completed[content.length + 1] = '\n';
        return completed;
    }

    /** UPDATE state (RFC 1939 §6): removes the marked messages from the maildrop. */
    void commitDeletions() {
        List<StoredMessage> gone = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            if (deleted[i]) {
                gone.add(messages.get(i));
            }
        }
        maildrop.remove(gone);
    }
}
