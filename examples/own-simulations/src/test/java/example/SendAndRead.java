package example;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.mailharness.gatling.protocol.MailProtocolBuilder;
import io.mailharness.settings.TargetSettings;

import java.time.Duration;

import static io.gatling.javaapi.core.CoreDsl.*;
import static io.mailharness.gatling.MailDsl.*;

/**
 * Senders and readers of one mail server, with the delivery ledger: 10 senders arrive over 10 seconds, each
 * sends 5 messages to 2 recipients over one SMTP connection; 2 POP3 readers poll the maildrops meanwhile;
 * after the senders, a drain reads whatever is still owed. The run passes when under 1 % of requests
 * failed, 95 % of SMTP end-of-data replies came within 5 s, 95 % of messages were delivered within 30 s,
 * and nothing was lost, corrupted or duplicated.
 * <p>
 * The server: {@code -Dmailharness.target.file=FILE -Dmailharness.target=NAME} on the Maven command line,
 * else an embedded GreenMail that the mail protocol starts when the run starts and stops when it ends.
 */
public class SendAndRead extends Simulation {
    static final Duration READING = Duration.ofSeconds(15);
    static final Duration DRAIN_GRACE = Duration.ofSeconds(30);

    /** The target as planned; the embedded server's ports are only known once the run has started it. */
    final TargetSettings target = target();

    final MailProtocolBuilder mail = mail()
            .messagesPerConnection(5)
            .messageMix("realistic")          // sizes and attachments as in real mail; or "fixed:4k", "uniform:1k-64k"
            .drainGrace(DRAIN_GRACE);

    /** Each POP3 command on its own, as the readers' pass: every command is a request of its own in the report. */
    final ChainBuilder readPass = exec(
            pop3("POP3").login(),
            pop3("POP3").stat(),
            pop3("POP3").uidl(),
            pop3("POP3").retrieveNew(),   // RETR what this run has not seen yet; the ledger checks each message
            pop3("POP3").deleRetrieved(),
            pop3("POP3").quit());

    final ScenarioBuilder senders = scenario("senders")
            .repeat(5).on(exec(smtp("SMTP").send().recipients(2)))
            .exec(smtp("SMTP").quit());

    final ScenarioBuilder readers = scenario("readers")
            .during(READING).on(exec(readPass).pause(Duration.ofMillis(500)));

    final ScenarioBuilder drain = scenario("drain").exec(drain("POP3"));

    @Override
    public void before() {
        System.out.println("Mail target: " + target.name() + " (" + target.description() + ")");
    }

    {
        setUp(
                senders.injectOpen(rampUsers(10).during(10)).andThen(drain.injectOpen(atOnceUsers(1))),
                readers.injectOpen(atOnceUsers(2)))
                .protocols(mail)
                .maxDuration(Duration.ofMinutes(3))
                // Gatling keeps only the last assertions(...) call: all of them in one list.
                .assertions(withLedgerIntact(
                        global().failedRequests().percent().lt(1.0),
                        details("SMTP end-of-data").responseTime().percentile(95).lte(5_000),
                        deliveredWithin(DRAIN_GRACE, 95)));
    }
}
