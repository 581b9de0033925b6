package io.mailharness.gatling;

import io.gatling.javaapi.core.Assertion;
import io.mailharness.gatling.action.DrainActionBuilder;
import io.mailharness.gatling.action.Pop3ActionBuilder;
import io.mailharness.gatling.action.SmtpActions;
import io.mailharness.gatling.protocol.MailProtocolBuilder;
import io.mailharness.record.RunRecord;
import io.mailharness.settings.TargetSettings;

import java.time.Duration;
import java.util.List;

import static io.gatling.javaapi.core.CoreDsl.details;

/**
 * Everything a mail simulation needs, from one import:
 * <pre>{@code
 * import static io.mailharness.gatling.MailDsl.*;
 *
 * public class MyMailLoad extends Simulation {
 *   MailProtocolBuilder mail = mail().messagesPerConnection(5).messageMix("fixed:4k");
 *   ScenarioBuilder senders = scenario("senders").repeat(5).on(exec(smtp("SMTP").send())).andThen(...);
 *   ScenarioBuilder readers = scenario("readers").during(30).on(exec(pop3("POP3").cycle()).pause(1));
 *   { setUp(senders.injectOpen(atOnceUsers(4)), readers.injectOpen(atOnceUsers(2))).protocols(mail)
 *       .assertions(ledgerIntact()); }
 * }
 * }</pre>
 */
public final class MailDsl {
    private MailDsl() {}

    /**
     * The mail protocol for the run's target: -Dmailharness.target.file/-Dmailharness.target, else the
     * embedded server, started when the run starts and stopped when it ends.
     */
    public static MailProtocolBuilder mail() {
        return MailProtocolBuilder.forSystemTarget();
    }

    /** The mail protocol for explicit target settings. */
    public static MailProtocolBuilder mail(TargetSettings target) {
        return MailProtocolBuilder.forTarget(target);
    }

    /**
     * The run's target settings as planned: -Dmailharness.target.file/-Dmailharness.target, else the embedded
     * default, whose server starts with the run (so here its endpoints have no port and its accounts no password).
     */
    public static TargetSettings target() {
        return io.mailharness.gatling.protocol.TargetPlan.fromSystem().planned();
    }

    /** SMTP actions whose requests are named {@code "<prefix> <stage>"}, e.g. "SMTP MAIL". */
    public static SmtpActions smtp(String prefix) {
        return new SmtpActions(prefix);
    }

    /** POP3 actions whose requests are named {@code "<prefix> <command>"}, e.g. "POP3 RETR". */
    public static Pop3ActionBuilder.Operations pop3(String prefix) {
        return new Pop3ActionBuilder.Operations(prefix);
    }

    /**
     * The drain phase: after the load, reads the maildrops until every accepted message was seen or the
     * protocol's grace period ran out, then logs the ledger verdict. Put it in a scenario that runs after
     * the senders ({@code andThen}).
     */
    public static DrainActionBuilder drain(String prefix) {
        return new DrainActionBuilder(prefix);
    }

    /** The request name of the end-to-end delivery latency (250 to end-of-data until first retrieval). */
    public static final String DELIVERY_LATENCY = RunRecord.DELIVERY_LATENCY;

    /** Nothing lost, damaged, duplicated or left unretrievable: assertions on the drain's verdict (header fields a server adds are no damage). */
    public static List<Assertion> ledgerIntact() {
        return List.of(
                details(DrainActionBuilder.LOST).failedRequests().count().is(0L),
                details(DrainActionBuilder.CORRUPTED).failedRequests().count().is(0L),
                details(DrainActionBuilder.DUPLICATED).failedRequests().count().is(0L),
                details(DrainActionBuilder.NOT_RETRIEVABLE).failedRequests().count().is(0L));
    }

    /**
     * {@code others} and {@link #ledgerIntact()} in one list. A Gatling setUp keeps only its last
     * {@code assertions(...)} call, so a simulation passes all its assertions in one.
     */
    public static List<Assertion> withLedgerIntact(Assertion... others) {
        List<Assertion> all = new java.util.ArrayList<>(List.of(others));
        all.addAll(ledgerIntact());
        return all;
    }

    /** {@code percent} % of deliveries within {@code limit}. */
    public static Assertion deliveredWithin(Duration limit, double percent) {
        return details(DELIVERY_LATENCY).responseTime().percentile(percent).lte((int) Math.min(Integer.MAX_VALUE, limit.toMillis()));
    }
}
