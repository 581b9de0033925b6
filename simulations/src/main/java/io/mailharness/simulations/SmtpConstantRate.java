package io.mailharness.simulations;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.mailharness.gatling.MailSimulation;
import io.mailharness.gatling.protocol.MailProtocolBuilder;

import java.time.Duration;

import static io.gatling.javaapi.core.CoreDsl.*;
import static io.mailharness.gatling.MailDsl.*;

/**
 * Open model: messages arrive at a constant rate ({@code mailharness.rate}, msgs/s, default 10) for
 * {@code mailharness.duration} seconds (default 30), each on its own connection (or
 * {@code mailharness.messagesPerConnection} per user, default 1); then the maildrops are drained and the
 * ledger checked. Asserts errors < 1 % and nothing lost, corrupted or duplicated.
 */
public class SmtpConstantRate extends MailSimulation {
    {
        SimulationParameters params = new SimulationParameters(run);
        double rate = params.rate(10);
        Duration duration = params.seconds(SimulationParameters.DURATION, 30);
        Duration grace = params.seconds(SimulationParameters.GRACE, 60);
        int perConnection = params.integer(SimulationParameters.MESSAGES_PER_CONNECTION, 1, 1, 100_000);
        MailProtocolBuilder mail = mail().messageMix(params.mix()).messagesPerConnection(perConnection).drainGrace(grace)
                .pipelining(params.flag(SimulationParameters.PIPELINING, false));

        ScenarioBuilder senders = scenario("senders")
                .repeat(perConnection).on(exec(smtp("SMTP").send()))
                .exec(smtp("SMTP").quit());
        ScenarioBuilder drain = scenario("drain").exec(drain("POP3"));

        setUp(senders.injectOpen(constantUsersPerSec(rate / perConnection).during(duration))
                .andThen(drain.injectOpen(atOnceUsers(1))))
                .protocols(mail)
                .maxDuration(SimulationParameters.maxDuration(duration, grace))
                .assertions(withLedgerIntact(global().failedRequests().percent().lt(1.0)));
    }
}
