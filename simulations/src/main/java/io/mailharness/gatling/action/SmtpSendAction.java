package io.mailharness.gatling.action;

import io.gatling.core.action.Action;
import io.gatling.core.structure.ScenarioContext;
import io.mailharness.client.SmtpReply;
import io.mailharness.gatling.check.Outcome;
import io.mailharness.gatling.check.SmtpStage;
import io.mailharness.gatling.client.SmtpConnection;
import io.mailharness.gatling.ledger.DeliveryLedger;
import io.mailharness.message.MessageStamp;
import io.mailharness.message.TestMessage;
import io.mailharness.target.Account;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Sends one message: opens or reuses the user's SMTP session, then MAIL FROM, RCPT TO for each recipient,
 * DATA and the dot-stuffed content up to end-of-data, each stage its own request; QUIT when the connection
 * has carried its share of transactions. A refused transaction is followed by RSET. The ledger learns
 * what was sent and what the server accepted.
 */
final class SmtpSendAction extends MailAction {
    private final SmtpSendActionBuilder spec;
    private final SmtpExchange smtp;

    SmtpSendAction(SmtpSendActionBuilder spec, ScenarioContext ctx, Action next) {
        super("smtpSend-" + spec.prefix(), ctx, next);
        this.spec = spec;
        this.smtp = new SmtpExchange(spec.prefix(), components, spec.expectations());
    }

    @Override
    protected void perform(Exchange x) throws Exception {
        int perConnection = spec.messagesPerConnection() == null ? components.protocol().messagesPerConnection()
                : spec.messagesPerConnection().resolve(x.session());
        SmtpConnection c;
        try {
            c = smtp.connection(x);
        } catch (MailAction.StageFailed e) {
            return;
        }
        if (c == null) return;

        List<String> recipients = recipients(x);
        String from = spec.from() == null ? components.protocol().reversePath() : spec.from().resolve(x.session());
        long number = run.nextMessageNumber();
        String id = run.messageId(number);
        TestMessage message = components.messages().build(number, id, from, recipients, System.currentTimeMillis());
        String digest = MessageStamp.inspect(message.content()).orElseThrow().digest();
        Set<String> all = new LinkedHashSet<>(recipients);
        DeliveryLedger ledger = run.ledger();
        ledger.expecting(id, recipients.size(), all);

        long txStart = clock.nowMillis();
        long txNanos = System.nanoTime();
        Outcome txOutcome = null;
        boolean mailSent = false;
        try {
            mailSent = true;
            ledger.sent();
            SmtpReply mail = smtp.stage(x, SmtpStage.MAIL, () -> c.session().mail(from));
            if (!smtp.ok(SmtpStage.MAIL, mail)) {
                txOutcome = refused(x, c, id, recipients.size(), all, SmtpStage.MAIL, mail);
                return;
            }
            Set<String> acceptedRcpts = new LinkedHashSet<>();
            SmtpReply lastRefusal = null;
            for (String rcpt : recipients) {
                SmtpReply reply = smtp.stage(x, SmtpStage.RCPT, () -> c.session().rcpt(rcpt));
                if (smtp.ok(SmtpStage.RCPT, reply)) acceptedRcpts.add(rcpt);
                else lastRefusal = reply;
                if (reply.code() == 421) break;
            }
            if (acceptedRcpts.isEmpty()) {
                txOutcome = refused(x, c, id, recipients.size(), all, SmtpStage.RCPT, lastRefusal);
                return;
            }
            SmtpReply data = smtp.stage(x, SmtpStage.DATA, () -> c.session().data());
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
            for (long seenAt : ledger.accepted(id, recipients.size(), acceptedRcpts, digest, acceptedAt)) {
                x.deliveryLatency(acceptedAt, seenAt); // the POP3 side was faster than the 250
            }
            txOutcome = Outcome.ok(Integer.toString(end.code()));
            if (c.transactions() >= perConnection) smtp.quit(x, c);
        } catch (MailAction.StageFailed e) {
            if (mailSent) {
                ledger.rejected();
                ledger.abandon(id, recipients.size(), all);
            }
            run.connections().closeSmtp(x.session().userId());
            txOutcome = Outcome.of(e.getCause());
        } finally {
            if (components.protocol().transactionRequest() && txOutcome != null) {
                x.log(spec.prefix() + " transaction", txStart, clock.nowMillis(), (System.nanoTime() - txNanos) / 1000, txOutcome);
            }
        }
    }

    private Outcome refused(Exchange x, SmtpConnection c, String id, int recipients, Set<String> all, SmtpStage stage, SmtpReply reply) {
        run.ledger().rejected();
        run.ledger().abandon(id, recipients, all);
        if (reply != null && reply.code() == 421) {
            run.connections().closeSmtp(x.session().userId());
        } else if (stage != SmtpStage.END_OF_DATA) {
            smtp.rset(x, c);
        }
        return reply == null ? Outcome.ko("protocol", null, "no recipient accepted")
                : spec.expectations().of(stage).judge(reply);
    }

    private List<String> recipients(Exchange x) {
        if (spec.to() != null) {
            List<String> explicit = new ArrayList<>(spec.to().resolve(x.session()));
            if (explicit.isEmpty()) throw new IllegalArgumentException("no recipient given");
            return explicit;
        }
        int n = spec.recipients() == null ? 1 : spec.recipients().resolve(x.session());
        return components.maildrops().nextRecipients(Math.max(1, n)).stream().map(Account::address).toList();
    }
}
