package io.mailharness.simulations;

import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.mailharness.gatling.protocol.MailProtocolBuilder;

import java.time.Duration;

import static io.gatling.javaapi.core.CoreDsl.*;
import static io.mailharness.gatling.MailDsl.*;

/**
 * Many open, idle SMTP sessions: {@code mailharness.users} sessions (default 10000) open over
 * {@code mailharness.ramp} seconds (default 20), each greeted and EHLO'd, then idle with a NOOP every
 * {@code mailharness.noopInterval} seconds (default 5) until {@code mailharness.duration} seconds
 * (default 30) after it opened, then QUIT. No message is sent. The console's last lines give the peak of
 * open connections and of heap use: what one injector holds.
 */
public class SmtpIdleSessions extends Simulation {
    public static final String RAMP = "mailharness.ramp";
    public static final String NOOP_INTERVAL = "mailharness.noopInterval";

    {
        SimulationParameters params = new SimulationParameters();
        int users = params.users(SimulationParameters.USERS, 10_000);
        Duration ramp = params.seconds(RAMP, 20);
        Duration duration = params.seconds(SimulationParameters.DURATION, 30);
        Duration interval = params.seconds(NOOP_INTERVAL, 5);
        MailProtocolBuilder mail = params.recordedIn(mail());

        ScenarioBuilder idle = scenario("idle sessions")
                .exec(smtp("SMTP").connect())
                .during(duration).on(pause(interval).exec(smtp("SMTP").noop()))
                .exec(smtp("SMTP").quit());

        setUp(idle.injectOpen(rampUsers(users).during(ramp)))
                .protocols(mail)
                .maxDuration(ramp.plus(duration).plus(interval).plusSeconds(120))
                .assertions(global().failedRequests().percent().lt(1.0));
    }
}
