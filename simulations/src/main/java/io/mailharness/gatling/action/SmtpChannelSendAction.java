package io.mailharness.gatling.action;

import io.gatling.core.action.Action;
import io.gatling.core.structure.ScenarioContext;
import io.mailharness.client.SmtpReply;
import io.mailharness.gatling.check.Outcome;
import io.mailharness.gatling.check.SmtpStage;
import io.mailharness.gatling.client.SmtpChannelConnection;
import io.mailharness.gatling.ledger.DeliveryLedger;
import io.mailharness.gatling.netty.OutgoingMessage;
import io.mailharness.gatling.netty.SharedBodyMessages;
import io.mailharness.gatling.netty.SmtpTransactionResult;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@link SmtpSendAction} on the Netty engine: the same transaction (MAIL FROM, RCPT TO per recipient, DATA and the
 * dot-stuffed content up to end-of-data, pipelined where asked and advertised), the same requests, KOs, RSET after a
 * refusal, QUIT after the connection's share of transactions and the same ledger entries, but on the user's event
 * loop: no thread of its own, each stage timed as its step ends, and the user continues from the last callback.
 *
 * <p>Pipelined, and when the connection is to carry another transaction, the user continues as soon as the message
 * content and end-of-data are written: a next message it sends at once has its MAIL, RCPTs and DATA in the same
 * write (RFC 2920 §3.1), one round trip per message. The end-of-data reply still completes this message: it is
 * timed, checked and logged under this action's requests, and the ledger counts the message by it, while the user
 * is already on; a KO there is reported but no longer marks the user's session failed. A refused MAIL or RCPT of
 * the next transaction is the next message's.
 */
final class SmtpChannelSendAction extends EventLoopAction {
    private final SmtpSendActionBuilder spec;
    private final SmtpChannelExchange smtp;
    private final boolean pipelining;
    private final boolean tracking;
    private final PipeliningFallback fallback;
    private final String transactionRequest;

    SmtpChannelSendAction(SmtpSendActionBuilder spec, ScenarioContext ctx, Action next) {
        super("smtpSend-" + spec.prefix(), ctx, next);
        this.spec = spec;
        this.smtp = new SmtpChannelExchange(spec.prefix(), components, spec.expectations(), this);
        this.pipelining = spec.pipelining(components);
        this.tracking = !components.sendOnly();
        this.fallback = new PipeliningFallback(spec.prefix());
        this.transactionRequest = spec.prefix() + " transaction";
    }

    @Override
    protected void start(Exchange x) {
        smtp.connection(x, c -> {
            if (c == null) proceed(x); // the handshake failed: KOs logged, no transaction
            else transact(x, c);
        });
    }

    /** The user goes on once the message content is written: the transaction is counted on the connection then. */
    private final class HandOver implements Runnable {
        private final Exchange x;
        private final SmtpChannelConnection c;
        private boolean done;

        HandOver(Exchange x, SmtpChannelConnection c) {
            this.x = x;
            this.c = c;
        }

        @Override
        public void run() {
            done = true;
            c.countTransaction();
            proceedAhead(x);
        }
    }

    /** One message of a transaction as the ledger knows it. */
    private record Sending(long number, String id, String from, List<String> recipients, Set<String> all, long sentAt, OutgoingMessage message) {}

    private void transact(Exchange x, SmtpChannelConnection c) {
        int perConnection = spec.messagesPerConnection(x.session(), components);
        List<String> recipients = spec.forwardPaths(x.session(), components);
        String from = spec.reversePath(x.session(), components);
        long number = run.nextMessageNumber();
        String id = run.messageId(number);
        long sentAt = System.currentTimeMillis();
        OutgoingMessage message = components.sharedMessages().build(number, id, from, recipients, sentAt);
        Set<String> all = recipients.size() == 1 ? Set.of(recipients.getFirst()) : new LinkedHashSet<>(recipients);
        Sending m = new Sending(number, id, from, recipients, all, sentAt, message);
        DeliveryLedger ledger = run.ledger();
        if (tracking) ledger.expecting(id, recipients.size(), all);

        long txStart = clock.nowMillis();
        long txNanos = System.nanoTime();
        ledger.sent();
        boolean pipelined = fallback.pipelined(pipelining, c.channel().keywords().has("PIPELINING"));
        HandOver handOver = pipelined && c.transactions() + 1 < perConnection ? new HandOver(x, c) : null;
        c.channel().send(from, recipients, message, pipelined, step -> smtp.log(x, step), handOver).addListener(f -> guard(x, () -> {
            if (!f.isSuccess()) { // a step failed (its KO is logged): the connection is gone
                ledger.rejected();
                if (tracking) ledger.abandon(id, recipients.size(), all);
                run.connections().closeSmtp(x.session().userId());
                end(x, txStart, txNanos, Outcome.of(f.cause()));
                return;
            }
            SmtpTransactionResult result = (SmtpTransactionResult) f.getNow();
            boolean handedOver = handOver != null && handOver.done;
            if (!handedOver && (result.accepted() || result.stoppedAt() == SmtpStage.END_OF_DATA)) c.countTransaction();
            if (result.accepted() && result.finalReply().isPositiveCompletion()) {
                accepted(x, m, result);
                Outcome ok = Outcome.ok(result.finalReply().code());
                if (!handedOver && c.transactions() >= perConnection) smtp.quit(x, c, () -> end(x, txStart, txNanos, ok));
                else end(x, txStart, txNanos, ok);
            } else {
                refused(x, c, m, result, outcome -> end(x, txStart, txNanos, outcome));
            }
        }));
    }

    /** 250 to end-of-data: the ledger owes a delivery per accepted recipient (or counts it untracked). */
    private void accepted(Exchange x, Sending m, SmtpTransactionResult result) {
        long acceptedAt = System.currentTimeMillis();
        if (!tracking) {
            run.ledger().acceptedUntracked();
            return;
        }
        SharedBodyMessages messages = components.sharedMessages();
        java.util.function.Supplier<byte[]> original = () -> messages.build(m.number(), m.id(), m.from(), m.recipients(), m.sentAt()).toTestMessage().content();
        Set<String> acceptedRcpts = new LinkedHashSet<>(result.acceptedForwardPaths());
        for (long seenAt : run.ledger().accepted(m.id(), m.recipients().size(), acceptedRcpts, m.message().digest(), acceptedAt, original)) {
            x.deliveryLatency(acceptedAt, seenAt); // the POP3 side was faster than the 250
        }
    }

    /** A refused transaction: the ledger learns it, then RSET (except after a 421, which closes, or at end-of-data). */
    private void refused(Exchange x, SmtpChannelConnection c, Sending m, SmtpTransactionResult result, java.util.function.Consumer<Outcome> then) {
        SmtpStage stage = result.accepted() ? SmtpStage.END_OF_DATA : result.stoppedAt();
        SmtpReply reply = result.finalReply();
        run.ledger().rejected();
        if (tracking) run.ledger().abandon(m.id(), m.recipients().size(), m.all());
        Outcome outcome = reply == null ? Outcome.ko("protocol", null, "no recipient accepted") : spec.expectations().of(stage).judge(reply);
        if (reply != null && reply.code() == 421) {
            run.connections().closeSmtp(x.session().userId());
            then.accept(outcome);
        } else if (stage != SmtpStage.END_OF_DATA) {
            smtp.rset(x, c, () -> then.accept(outcome));
        } else {
            then.accept(outcome);
        }
    }

    /** The transaction's own request, when the protocol asks for it; then the user continues. */
    private void end(Exchange x, long txStart, long txNanos, Outcome outcome) {
        if (components.protocol().transactionRequest()) {
            x.log(transactionRequest, txStart, clock.nowMillis(), (System.nanoTime() - txNanos) / 1000, outcome);
        }
        proceed(x);
    }
}
