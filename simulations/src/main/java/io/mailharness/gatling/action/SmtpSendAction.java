package io.mailharness.gatling.action;

import io.gatling.core.action.Action;
import io.gatling.core.structure.ScenarioContext;
import io.mailharness.client.MailProtocolException;
import io.mailharness.client.SmtpReply;
import io.mailharness.client.SmtpSession;
import io.mailharness.gatling.check.Outcome;
import io.mailharness.gatling.check.SmtpStage;
import io.mailharness.gatling.client.SmtpConnection;
import io.mailharness.gatling.ledger.DeliveryLedger;
import io.mailharness.message.LoadMessageBuilder;
import io.mailharness.message.MessageStamp;
import io.mailharness.message.TestMessage;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Sends one message: opens or reuses the user's SMTP session, then MAIL FROM, RCPT TO for each recipient,
 * DATA and the dot-stuffed content up to end-of-data, each stage its own request; QUIT when the connection
 * has carried its share of transactions. A refused transaction is followed by RSET. The ledger learns
 * what was sent and what the server accepted.
 *
 * <p>With pipelining (RFC 2920) on and PIPELINING in the server's EHLO reply, MAIL, the RCPTs and DATA go
 * out in one write; each reply is still its own stage, timed from the previous reply (MAIL's from the
 * write) to its arrival, so the stages add up to the envelope's time as without pipelining. Where the
 * server does not advertise it, the commands go one at a time and the log says so once.
 */
final class SmtpSendAction extends MailAction {
    private final SmtpSendActionBuilder spec;
    private final SmtpExchange smtp;
    private final boolean pipelining;
    private final boolean tracking;
    private final PipeliningFallback fallback;

    SmtpSendAction(SmtpSendActionBuilder spec, ScenarioContext ctx, Action next) {
        super("smtpSend-" + spec.prefix(), ctx, next);
        this.spec = spec;
        this.smtp = new SmtpExchange(spec.prefix(), components, spec.expectations());
        this.pipelining = spec.pipelining(components);
        this.tracking = !components.sendOnly();
        this.fallback = new PipeliningFallback(spec.prefix());
    }

    /** What the envelope stages ended with: MAIL's reply, the recipients accepted, the last refusal, DATA's reply (null if not reached). */
    private record Envelope(SmtpReply mail, Set<String> acceptedRcpts, SmtpReply lastRefusal, SmtpReply data) {
        static Envelope mailRefused(SmtpReply mail) {
            return new Envelope(mail, null, null, null);
        }

        boolean mailAccepted() {
            return acceptedRcpts != null;
        }
    }

    @Override
    protected void perform(Exchange x) throws Exception {
        int perConnection = spec.messagesPerConnection(x.session(), components);
        SmtpConnection c;
        try {
            c = smtp.connection(x);
        } catch (MailAction.StageFailed e) {
            return;
        }
        if (c == null) return;

        List<String> recipients = spec.forwardPaths(x.session(), components);
        String from = spec.reversePath(x.session(), components);
        long number = run.nextMessageNumber();
        String id = run.messageId(number);
        long sentAt = System.currentTimeMillis();
        TestMessage message = components.messages().build(number, id, from, recipients, sentAt);
        Set<String> all = recipients.size() == 1 ? Set.of(recipients.getFirst()) : new LinkedHashSet<>(recipients);
        DeliveryLedger ledger = run.ledger();
        if (tracking) ledger.expecting(id, recipients.size(), all);

        long txStart = clock.nowMillis();
        long txNanos = System.nanoTime();
        Outcome txOutcome = null;
        boolean mailSent = false;
        try {
            mailSent = true;
            ledger.sent();
            Envelope envelope = fallback.pipelined(pipelining, c.session().supports("PIPELINING")) ? pipelinedEnvelope(x, c, from, recipients) : envelope(x, c, from, recipients);
            if (!envelope.mailAccepted()) {
                txOutcome = refused(x, c, id, recipients.size(), all, SmtpStage.MAIL, envelope.mail());
                return;
            }
            if (envelope.acceptedRcpts().isEmpty()) {
                txOutcome = refused(x, c, id, recipients.size(), all, SmtpStage.RCPT, envelope.lastRefusal());
                return;
            }
            SmtpReply data = envelope.data();
            if (data.code() != 354) {
                txOutcome = refused(x, c, id, recipients.size(), all, SmtpStage.DATA, data);
                return;
            }
            SmtpReply end = smtp.stage(x, SmtpStage.END_OF_DATA, () -> c.session().endOfData(message.content()));
            c.countTransaction();
            if (!smtp.ok(SmtpStage.END_OF_DATA, end) || !end.isPositiveCompletion()) {
                txOutcome = refused(x, c, id, recipients.size(), all, SmtpStage.END_OF_DATA, end);
                return;
            }
            long acceptedAt = System.currentTimeMillis();
            if (tracking) {
                String digest = MessageStamp.read(message.content()).orElseThrow().digest();
                LoadMessageBuilder builder = components.messages();
                java.util.function.Supplier<byte[]> original = () -> builder.build(number, id, from, recipients, sentAt).content();
                for (long seenAt : ledger.accepted(id, recipients.size(), envelope.acceptedRcpts(), digest, acceptedAt, original)) {
                    x.deliveryLatency(acceptedAt, seenAt); // the POP3 side was faster than the 250
                }
            } else {
                ledger.acceptedUntracked();
            }
            txOutcome = Outcome.ok(end.code());
            if (c.transactions() >= perConnection) smtp.quit(x, c);
        } catch (MailAction.StageFailed e) {
            if (mailSent) {
                ledger.rejected();
                if (tracking) ledger.abandon(id, recipients.size(), all);
            }
            run.connections().closeSmtp(x.session().userId());
            txOutcome = Outcome.of(e.getCause());
        } finally {
            if (components.protocol().transactionRequest() && txOutcome != null) {
                x.log(spec.prefix() + " transaction", txStart, clock.nowMillis(), (System.nanoTime() - txNanos) / 1000, txOutcome);
            }
        }
    }

    /** MAIL, each RCPT, DATA, one round trip each. */
    private Envelope envelope(Exchange x, SmtpConnection c, String from, List<String> recipients) throws MailAction.StageFailed {
        SmtpReply mail = smtp.stage(x, SmtpStage.MAIL, () -> c.session().mail(from));
        if (!smtp.ok(SmtpStage.MAIL, mail)) return Envelope.mailRefused(mail);
        Set<String> acceptedRcpts = new LinkedHashSet<>();
        SmtpReply lastRefusal = null;
        for (String rcpt : recipients) {
            SmtpReply reply = smtp.stage(x, SmtpStage.RCPT, () -> c.session().rcpt(rcpt));
            if (smtp.ok(SmtpStage.RCPT, reply)) acceptedRcpts.add(rcpt);
            else lastRefusal = reply;
            if (reply.code() == 421) break;
        }
        if (acceptedRcpts.isEmpty()) return new Envelope(mail, acceptedRcpts, lastRefusal, null);
        SmtpReply data = smtp.stage(x, SmtpStage.DATA, () -> c.session().data());
        return new Envelope(mail, acceptedRcpts, lastRefusal, data);
    }

    /**
     * MAIL, every RCPT and DATA in one write, then their replies in order, each timed as its stage. Replies after a refused MAIL, or after a 421, are read (or the connection is
     * closed) but not logged: the commands were only sent ahead.
     */
    private Envelope pipelinedEnvelope(Exchange x, SmtpConnection c, String from, List<String> recipients) throws MailAction.StageFailed {
        SmtpSession session = c.session();
        SmtpReply mail = smtp.stage(x, SmtpStage.MAIL, () -> {
            session.pipelineEnvelope(from, null, recipients);
            return session.nextReply("MAIL");
        });
        if (mail.code() == 421) return Envelope.mailRefused(mail);
        if (!smtp.ok(SmtpStage.MAIL, mail)) {
            skipPendingReplies(x, session);
            return Envelope.mailRefused(mail);
        }
        Set<String> acceptedRcpts = new LinkedHashSet<>();
        SmtpReply lastRefusal = null;
        for (String rcpt : recipients) {
            SmtpReply reply = smtp.stage(x, SmtpStage.RCPT, () -> session.nextReply("RCPT"));
            if (smtp.ok(SmtpStage.RCPT, reply)) acceptedRcpts.add(rcpt);
            else lastRefusal = reply;
            if (reply.code() == 421) return new Envelope(mail, Set.of(), reply, null);
        }
        if (acceptedRcpts.isEmpty()) {
            skipPendingReplies(x, session);
            return new Envelope(mail, acceptedRcpts, lastRefusal, null);
        }
        SmtpReply data = smtp.stage(x, SmtpStage.DATA, () -> session.nextReply("DATA"));
        return new Envelope(mail, acceptedRcpts, lastRefusal, data);
    }

    /** Reads the replies still owed to a pipelined group (ending a 354 at once); a session that cannot is closed. */
    private void skipPendingReplies(Exchange x, SmtpSession session) {
        try {
            SmtpReply last = null;
            while (session.pendingReplies() > 0) last = session.nextReply("pipelined command");
            if (last != null && last.code() == 354) session.abandonData();
        } catch (MailProtocolException e) {
            run.connections().closeSmtp(x.session().userId());
        }
    }

    private Outcome refused(Exchange x, SmtpConnection c, String id, int recipients, Set<String> all, SmtpStage stage, SmtpReply reply) {
        run.ledger().rejected();
        if (tracking) run.ledger().abandon(id, recipients, all);
        if (reply != null && reply.code() == 421) {
            run.connections().closeSmtp(x.session().userId());
        } else if (stage != SmtpStage.END_OF_DATA) {
            smtp.rset(x, c);
        }
        return reply == null ? Outcome.ko("protocol", null, "no recipient accepted")
                : spec.expectations().of(stage).judge(reply);
    }

}
