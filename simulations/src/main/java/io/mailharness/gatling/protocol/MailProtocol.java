package io.mailharness.gatling.protocol;

import io.gatling.core.protocol.Protocol;
import io.mailharness.gatling.Injector;
import io.mailharness.message.MessageMix;
import io.mailharness.settings.Account;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The mail protocol of a simulation, as configured: where the SMTP and POP3 services are and how to speak
 * to them, whose maildrops this injector sends to and reads, and what the messages look like. Pure
 * configuration: the run's state lives in {@link MailComponents}, built when the run starts.
 *
 * @param target               the target plan: endpoints, security modes, SMTP AUTH, TLS trust, timeouts, limits, accounts
 * @param injector             this injector's share of a scale-out run
 * @param clientDomain         the domain given in EHLO
 * @param smtpAccount          the account used for SMTP AUTH, when the target sets a mechanism; null: the first load account
 * @param reversePath          MAIL FROM; null: the first load account's address
 * @param maildrops            the accounts this injector sends to and reads from; null: its share of the target's load accounts
 * @param pop3Login            USER/PASS or APOP
 * @param messagesPerConnection transactions per SMTP connection before QUIT (1 = connect per message)
 * @param stageRequests        log one Gatling request per protocol stage (failed stages are logged either way)
 * @param transactionRequest   also log one request per whole SMTP transaction (MAIL to end-of-data)
 * @param mix                  message sizes and attachments
 * @param seed                 makes message content repeatable
 * @param drainGrace           after the load, how long the drain waits for accepted messages to appear
 * @param deleteAfterRetrieval DELE what was retrieved (harness messages; everything in disposable maildrops)
 * @param pipelining           send MAIL, the RCPTs and DATA in one write where the server advertises PIPELINING (RFC 2920)
 * @param deliveryTracking     the ledger follows every accepted message to its retrieval (off: send-only, nothing is retrieved)
 * @param parameters           run parameters for the run record (credentials never go here)
 * @param simulation           the simulation class that built the protocol (names the run record), or null
 */
public record MailProtocol(
        TargetPlan target,
        Injector injector,
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
        boolean deliveryTracking,
        Map<String, String> parameters,
        Class<?> simulation) implements Protocol {

    public MailProtocol {
        maildrops = maildrops == null ? null : List.copyOf(maildrops);
        parameters = Map.copyOf(parameters);
        if (messagesPerConnection < 1) throw new IllegalArgumentException("messagesPerConnection must be at least 1");
        if (maildrops != null && maildrops.isEmpty()) throw new IllegalArgumentException("no maildrops given");
    }

    /**
     * Send-only: nothing is retrieved and the ledger counts sent, accepted and rejected only. So it is when
     * delivery tracking is off or the target has no POP3 service.
     */
    public boolean sendOnly() {
        return !deliveryTracking || target.planned().pop3().isEmpty();
    }

    /** Credentials stay out of logs: accounts print without passwords. */
    @Override
    public String toString() {
        return "MailProtocol[target=" + target + ", messagesPerConnection=" + messagesPerConnection + ", mix=" + mix.name()
                + (pipelining ? ", pipelining" : "") + (sendOnly() ? ", send-only" : "") + "]";
    }
}
