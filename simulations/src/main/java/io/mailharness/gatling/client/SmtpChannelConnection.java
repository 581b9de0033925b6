package io.mailharness.gatling.client;

import io.mailharness.gatling.netty.SmtpChannel;

/**
 * One virtual user's SMTP session on the non-blocking client and how many transactions it has carried. Read and
 * counted on the user's event loop; {@link #close()} is safe from any thread.
 */
public final class SmtpChannelConnection implements AutoCloseable {
    private final SmtpChannel channel;
    private int transactions;

    public SmtpChannelConnection(SmtpChannel channel) {
        this.channel = channel;
    }

    public SmtpChannel channel() {
        return channel;
    }

    public int transactions() {
        return transactions;
    }

    public void countTransaction() {
        transactions++;
    }

    public boolean isOpen() {
        return channel.isOpen();
    }

    @Override
    public void close() {
        channel.close();
    }

    /** Closes once the replies owed now have come: a user leaving with a pipelined end-of-data reply still to come. */
    public void closeWhenAnswered() {
        channel.closeWhenAnswered();
    }
}
