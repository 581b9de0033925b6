package io.mailharness.gatling;

import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.mailharness.gatling.protocol.MailProtocolBuilder;
import io.mailharness.settings.TargetSettings;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.gatling.javaapi.core.CoreDsl.*;
import static io.mailharness.gatling.MailDsl.*;

/**
 * A test simulation set up by the test before Gatling loads it: one sender scenario per case, each
 * against its own target, sending {@code messages} messages and then draining its maildrops.
 */
public class ScriptedSimulation extends Simulation {
    static final Duration DEFAULT_GRACE = Duration.ofSeconds(20);

    /** Puts every knob back to its default, so no test inherits another's settings. */
    public static void resetDefaults() {
        cases = List.of();
        grace = DEFAULT_GRACE;
        maxDuration = Duration.ofSeconds(60);
        transactionRequests = false;
        pipelining = false;
        readAfterEachMessage = false;
    }

    /** One sender against one target. */
    public record Case(String prefix, TargetSettings target, int messages, int messagesPerConnection, boolean drain) {}

    public static volatile List<Case> cases = List.of();
    /**
     * How long the final drain waits for accepted messages. Generous by default: the drain stops as soon as
     * every message is seen, so only tests that expect a loss (and set a short grace) wait it out.
     */
    public static volatile Duration grace = DEFAULT_GRACE;
    public static volatile Duration maxDuration = Duration.ofSeconds(60);
    public static volatile boolean transactionRequests;
    public static volatile boolean pipelining;
    /** The sender reads its maildrop (a POP3 cycle: retrieve, delete, QUIT) after each message it sends. */
    public static volatile boolean readAfterEachMessage;

    {
        List<PopulationBuilder> populations = new ArrayList<>();
        for (Case c : cases) {
            MailProtocolBuilder mail = mail(c.target()).messageSize(4096).messagesPerConnection(c.messagesPerConnection())
                    .drainGrace(grace).transactionRequest(transactionRequests).pipelining(pipelining);
            ScenarioBuilder senders = scenario(c.prefix())
                    .repeat(c.messages()).on(readAfterEachMessage
                            ? exec(smtp(c.prefix()).send()).exec(pop3(c.prefix() + " POP3").cycle())
                            : exec(smtp(c.prefix()).send()))
                    .exec(smtp(c.prefix()).quit());
            PopulationBuilder population = senders.injectOpen(atOnceUsers(1)).protocols(mail);
            if (c.drain()) population = population.andThen(scenario(c.prefix() + " drain").exec(drain(c.prefix() + " POP3")).injectOpen(atOnceUsers(1)).protocols(mail));
            populations.add(population);
        }
        setUp(populations).maxDuration(maxDuration);
    }
}
