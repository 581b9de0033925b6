package io.mailharness.simulations;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.mailharness.gatling.MailSimulation;
import io.mailharness.gatling.protocol.MailProtocolBuilder;

import java.time.Duration;

import static io.gatling.javaapi.core.CoreDsl.*;
import static io.mailharness.gatling.MailDsl.*;

/**
 * Closed model: {@code mailharness.users} concurrent SMTP sessions (default 10), each sending
 * {@code mailharness.messagesPerConnection} messages (default 10) per connection, back to back, for
 * {@code mailharness.duration} seconds (default 30); then drain and ledger check.
 */
public class SmtpSessions extends MailSimulation {
    {
        SimulationParameters params = new SimulationParameters(run);
        int users = params.users(SimulationParameters.USERS, 10);
        Duration duration = params.seconds(SimulationParameters.DURATION, 30);
        Duration grace = params.seconds(SimulationParameters.GRACE, 60);
        int perConnection = params.integer(SimulationParameters.MESSAGES_PER_CONNECTION, 10, 1, 100_000);
        MailProtocolBuilder mail = mail().messageMix(params.mix()).messagesPerConnection(perConnection).drainGrace(grace)
                .pipelining(params.flag(SimulationParameters.PIPELINING, false));

        ScenarioBuilder senders = scenario("sessions")
                .during(duration).on(exec(smtp("SMTP").send()))
                .exec(smtp("SMTP").quit());
        ScenarioBuilder drain = scenario("drain").exec(drain("POP3"));

        setUp(senders.injectOpen(atOnceUsers(users))
                .andThen(drain.injectOpen(atOnceUsers(1))))
                .protocols(mail)
                .maxDuration(SimulationParameters.maxDuration(duration, grace))
                .assertions(withLedgerIntact(global().failedRequests().percent().lt(1.0)));
    }
}
