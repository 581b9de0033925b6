package io.mailharness.faultserver.smtp;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The buffers of one mail transaction (RFC 5321 §3.3): reverse-path, forward-paths and,
 * with CHUNKING, the BDAT octets so far. Created by MAIL, cleared by RSET, EHLO, end-of-data.
 */
public final class MailTransaction {

    /** A forward-path accepted by RCPT and where it goes; {@code maildrop} is null for relay. */
    public record Recipient(MailPath forwardPath, String maildrop) {
    }

    private final MailPath reversePath;
    private final boolean smtpUtf8;
    private final List<Recipient> recipients = new ArrayList<>();
    private final ByteArrayOutputStream chunks = new ByteArrayOutputStream();
    private boolean chunking;
    private long chunkOctets;
    private boolean tooBig;

    MailTransaction(MailPath reversePath, boolean smtpUtf8) {
        this.reversePath = reversePath;
        this.smtpUtf8 = smtpUtf8;
    }

    public MailPath reversePath() {
        return reversePath;
    }

    /** MAIL carried the SMTPUTF8 parameter (RFC 6531): UTF-8 forward-paths are allowed. */
    public boolean smtpUtf8() {
        return smtpUtf8;
    }

    public List<Recipient> recipients() {
        return List.copyOf(recipients);
    }

    void addRecipient(Recipient recipient) {
        recipients.add(recipient);
    }

    /** BDAT has been used: DATA is now out of sequence (RFC 3030 §2). */
    public boolean chunking() {
        return chunking;
    }

    void startChunking() {
        chunking = true;
    }

    ByteArrayOutputStream chunks() {
        return chunks;
    }

    long chunkOctets() {
        return chunkOctets;
    }

    void countChunkOctets(long octets) {
        chunkOctets += octets;
    }

    boolean tooBig() {
        return tooBig;
    }

    void markTooBig() {
        tooBig = true;
        chunks.reset(); // nothing of an oversized message will be stored; free the memory
    }
}
