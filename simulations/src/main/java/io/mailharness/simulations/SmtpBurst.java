package io.mailharness.simulations;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.mailharness.gatling.protocol.MailProtocolBuilder;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import static io.gatling.javaapi.core.CoreDsl.*;
import static io.mailharness.gatling.MailDsl.*;

/**
 * A fixed number of messages as fast as the server takes them, the way Postfix's smtp-source sends:
 * {@code mailharness.users} sessions (default 20) share {@code mailharness.messages} messages (default
 * 20000), each session sending back to back over one connection, then QUIT. Messages are
 * {@code mailharness.messageMix} (default fixed:1k). With {@code mailharness.deliveryTracking=false} (for a
 * server that stores nothing, such as smtp-sink) the ledger counts sent, accepted and rejected only and
 * there is no drain; otherwise the maildrops are drained and the ledger checked. Every stage is timed as
 * in every other simulation. {@code mailharness.pipelining=true} pipelines MAIL, RCPT and DATA where
 * the server advertises it. {@code mailharness.duration} (seconds, default 6 hours) bounds the sending, and the
 * drain's grace follows it, as in the other simulations: whatever is unsent or unread by then stays so.
 */
public class SmtpBurst extends Simulation {
    public static final String MESSAGES = "mailharness.messages";

    {
        SimulationParameters params = new SimulationParameters();
        MailProtocolBuilder base = mail();
        boolean tracking = params.deliveryTracking(base.build().target().planned());
        int users = params.users(SimulationParameters.USERS, 20);
        int messages = params.injector().share(params.integer(MESSAGES, 20_000, 1, 1_000_000_000));
        Duration grace = params.seconds(SimulationParameters.GRACE, 60);
        MailProtocolBuilder mail = params.recordedIn(base.messageMix(params.mix("fixed:1k")).messagesPerConnection(Integer.MAX_VALUE).drainGrace(grace)
                .deliveryTracking(tracking).pipelining(params.flag(SimulationParameters.PIPELINING, false)))
                .recordParameters(java.util.Map.of(MESSAGES + ".share", Integer.toString(messages)));

        AtomicLong budget = new AtomicLong(messages);
        ScenarioBuilder senders = scenario("sessions")
                .asLongAs(session -> budget.getAndDecrement() > 0).on(exec(smtp("SMTP").send()))
                .exec(smtp("SMTP").quit());
        var population = senders.injectOpen(atOnceUsers(users));
        if (tracking) population = population.andThen(scenario("drain").exec(drain("POP3")).injectOpen(atOnceUsers(1)));

        setUp(population)
                .protocols(mail)
                // a server that stalls every session cannot hold the run for hours: duration bounds the sending, grace the drain
                .maxDuration(params.seconds(SimulationParameters.DURATION, 6 * 3600).plus(tracking ? grace : Duration.ZERO))
                .assertions(tracking ? withLedgerIntact(global().failedRequests().percent().lt(1.0))
                        : java.util.List.of(global().failedRequests().percent().lt(1.0)));
    }
}
