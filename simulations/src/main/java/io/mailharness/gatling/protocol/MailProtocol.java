package io.mailharness.gatling.protocol;

import io.gatling.core.protocol.Protocol;
import io.mailharness.message.MessageMix;
import io.mailharness.settings.Account;
import io.mailharness.settings.TargetSettings;

import java.time.Duration;
import java.util.List;

/**
 * The resolved mail protocol of a simulation: where the SMTP and POP3 services are and how to speak to
 * them, whose maildrops this injector sends to and reads, and what the messages look like.
 *
 * @param target               endpoints, security modes, SMTP AUTH mechanism, TLS trust, timeouts, accounts
 * @param clientDomain         the domain given in EHLO
 * @param smtpAccount          the account used for SMTP AUTH, when the target sets a mechanism
 * @param reversePath          MAIL FROM
 * @param maildrops            the accounts this injector sends to and reads from
 * @param pop3Login            USER/PASS or APOP
 * @param messagesPerConnection transactions per SMTP connection before QUIT (1 = connect per message)
 * @param stageRequests        log one Gatling request per protocol stage
 * @param transactionRequest   also log one request per whole SMTP transaction (MAIL to end-of-data)
 * @param mix                  message sizes and attachments
 * @param seed                 makes message content repeatable
 * @param drainGrace           after the load, how long the drain waits for accepted messages to appear
 * @param deleteAfterRetrieval DELE what was retrieved (harness messages; everything in disposable maildrops)
 * @param pipelining           send MAIL, the RCPTs and DATA in one write where the server advertises PIPELINING (RFC 2920)
 * @param deliveryTracking     the ledger follows every accepted message to its retrieval (off for a server that stores nothing)
 */
public record MailProtocol(
        TargetSettings target,
        String clientDomain,
        Account smtpAccount,
        String reversePath,
        List<Account> maildrops,
        Pop3Login pop3Login,
        int messagesPerConnection,
        boolean stageRequests,
        boolean transactionRequest,
        MessageMix mix,
        long seed,
        Duration drainGrace,
        boolean deleteAfterRetrieval,
        boolean pipelining,
        boolean deliveryTracking) implements Protocol {

    public MailProtocol {
        maildrops = List.copyOf(maildrops);
        if (messagesPerConnection < 1) throw new IllegalArgumentException("messagesPerConnection must be at least 1");
        if (maildrops.isEmpty()) throw new IllegalArgumentException("no maildrops: the target lists no accounts for this injector");
    }

    /** Credentials stay out of logs: accounts print without passwords. */
    @Override
    public String toString() {
        return "MailProtocol[target=" + target.name() + ", smtp=" + target.smtp().map(s -> s.endpoint() + "/" + s.security()).orElse("-")
                + ", pop3=" + target.pop3().map(p -> p.endpoint() + "/" + p.security()).orElse("-")
                + ", maildrops=" + maildrops.size() + ", messagesPerConnection=" + messagesPerConnection + ", mix=" + mix.name() + (pipelining ? ", pipelining" : "") + (deliveryTracking ? "" : ", no delivery tracking") + "]";
    }
}
