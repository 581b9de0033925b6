package io.mailharness.gatling;

import io.gatling.javaapi.core.Simulation;
import io.mailharness.settings.TargetSettings;

import java.time.Duration;

import static io.gatling.javaapi.core.CoreDsl.*;
import static io.mailharness.gatling.MailDsl.*;

/**
 * A short load against a hostile server, set up by the test: {@code users} senders for {@code duration},
 * a pause between messages, then the drain for at most {@code grace}.
 */
public class ChaosSimulation extends Simulation {
    public static volatile TargetSettings target;
    public static volatile int users = 2;
    public static volatile Duration duration = Duration.ofSeconds(4);
    public static volatile Duration grace = Duration.ofSeconds(4);
    public static volatile int messageSize = 4096;

    {
        var mail = mail(target).messageSize(messageSize).messagesPerConnection(3).drainGrace(grace);
        setUp(scenario("senders").during(duration).on(exec(smtp("SMTP").send()).pause(Duration.ofMillis(50))).exec(smtp("SMTP").quit())
                .injectOpen(atOnceUsers(users))
                .andThen(scenario("drain").exec(drain("POP3")).injectOpen(atOnceUsers(1))))
                .protocols(mail)
                .maxDuration(duration.plus(grace).plusSeconds(60));
    }
}
