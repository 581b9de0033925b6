package io.mailharness.faultserver.smtp;

import io.mailharness.faultserver.store.Delivery;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** Turns a completed transaction into one stored copy per accepted recipient, and relays what the relay domain gets. */
final class Deliverer {

    private static final AtomicLong NEXT_ID = new AtomicLong(1);

    private Deliverer() {
    }

    /** @return the queue id quoted in the 250 reply */
    static String deliver(SmtpSession session, MailTransaction transaction, byte[] content) {
        String id = "MH" + Long.toString(System.currentTimeMillis(), 36).toUpperCase() + NEXT_ID.getAndIncrement();
        List<Delivery> copies = new ArrayList<>();
        for (MailTransaction.Recipient recipient : transaction.recipients()) {
            byte[] traced = TraceHeaders.prepend(session.state(), transaction.reversePath(),
                    recipient.forwardPath(), id, content);
            copies.add(new Delivery(transaction.reversePath().toString(), recipient.forwardPath().toString(),
                    recipient.maildrop(), traced));
        }
        session.store().deliver(copies);
        Relay.forward(session, transaction, content);
        return id;
    }
}
