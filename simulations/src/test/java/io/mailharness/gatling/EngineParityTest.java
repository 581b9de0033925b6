package io.mailharness.gatling;

import io.mailharness.faultserver.Faults;
import io.mailharness.faultserver.FaultyMailServer;
import io.mailharness.faultserver.store.StoreDamageFaults;
import io.mailharness.faultserver.store.StoreFaults;
import io.mailharness.gatling.netty.ReplyGathering;
import io.mailharness.gatling.protocol.Pop3Login;
import io.mailharness.record.RunRecord;
import io.mailharness.settings.SmtpAuthMechanism;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The same runs on both engines: the same requests under the same names, each with as many OKs and KOs, the same
 * KO messages and the same ledger. Where the counts depend on timing (how many passes a drain makes), the ledger
 * and the KO messages still must agree.
 */
class EngineParityTest {
    @TempDir
    Path results;

    @AfterEach
    void reset() {
        ScriptedSimulation.resetDefaults();
    }

    /** Runs the simulation on {@code engine} against a server of its own, and reads its run record. */
    private RunRecord on(MailEngine engine, Class<?> simulation, Function<FaultyMailServer, Runnable> setUp, FaultyMailServer.Builder server) {
        String before = System.getProperty(MailEngine.PROPERTY);
        System.setProperty(MailEngine.PROPERTY, engine.name().toLowerCase(Locale.ROOT));
        Path folder = results.resolve(engine.name());
        try (FaultyMailServer s = server.start()) {
            setUp.apply(s).run();
            InProcessGatling.run(simulation, folder);
        } finally {
            if (before == null) System.clearProperty(MailEngine.PROPERTY);
            else System.setProperty(MailEngine.PROPERTY, before);
        }
        return InProcessGatling.record(simulation, folder);
    }

    /** As {@link #on}, with the system property {@code name} set to {@code value} for the run. */
    private RunRecord on(MailEngine engine, String name, String value, Class<?> simulation, Function<FaultyMailServer, Runnable> setUp,
                         FaultyMailServer.Builder server) {
        String before = System.getProperty(name);
        System.setProperty(name, value);
        try {
            return on(engine, simulation, setUp, server);
        } finally {
            if (before == null) System.clearProperty(name);
            else System.setProperty(name, before);
        }
    }

    /** Pop3OperationsSimulation with SMTP AUTH (CRAM-MD5) and a USER/PASS login against the server: every command once. */
    private static Runnable everyCommand(FaultyMailServer s) {
        return () -> {
            Pop3OperationsSimulation.target = InProcessGatling.target(s, Duration.ofSeconds(5));
            Pop3OperationsSimulation.auth = SmtpAuthMechanism.CRAM_MD5;
            Pop3OperationsSimulation.login = Pop3Login.USER_PASS;
        };
    }

    /** Each request's OK and KO counts. */
    private static Map<String, String> outcomes(RunRecord record) {
        Map<String, String> out = new TreeMap<>();
        record.requests().forEach((request, stats) -> out.put(request, stats.ok() + " OK, " + stats.ko() + " KO"));
        return out;
    }

    @Test
    void everySmtpAndPop3CommandLogsTheSameRequestsOnBothEngines() {
        Function<FaultyMailServer, Runnable> setUp = EngineParityTest::everyCommand;
        RunRecord blocking = on(MailEngine.BLOCKING, Pop3OperationsSimulation.class, setUp, FaultyMailServer.builder().authWithoutTls(true));
        RunRecord netty = on(MailEngine.NETTY, Pop3OperationsSimulation.class, setUp, FaultyMailServer.builder().authWithoutTls(true));

        assertEquals(outcomes(blocking), outcomes(netty));
        assertEquals(blocking.ledger(), netty.ledger());
        assertEquals(blocking.delivery(), netty.delivery());
        assertEquals(Map.of(), netty.errors(), "nothing failed");
    }

    @Test
    void replyGatheringChangesNoOutcome() {
        Function<FaultyMailServer, Runnable> setUp = EngineParityTest::everyCommand;
        RunRecord plain = on(MailEngine.NETTY, Pop3OperationsSimulation.class, setUp, FaultyMailServer.builder().authWithoutTls(true));
        RunRecord gathering = on(MailEngine.NETTY, ReplyGathering.PROPERTY, "50", Pop3OperationsSimulation.class, setUp,
                FaultyMailServer.builder().authWithoutTls(true));

        assertEquals("50", gathering.parameters().get(ReplyGathering.PROPERTY));
        assertEquals(outcomes(plain), outcomes(gathering));
        assertEquals(plain.ledger(), gathering.ledger());
        assertEquals(plain.delivery(), gathering.delivery());
        assertEquals(Map.of(), gathering.errors(), "nothing failed");
    }

    @Test
    void whatAServerDidToTheMessagesIsToldAlikeOnBothEngines() {
        List<Faults> faults = List.of(Faults.of(StoreDamageFaults.STORE_REWRITE_FROM), Faults.of(StoreDamageFaults.STORE_TRUNCATE_MESSAGE),
                Faults.of(StoreFaults.STORE_DUPLICATE_MESSAGE));
        for (Faults f : faults) {
            Function<FaultyMailServer, Runnable> setUp = s -> () -> ScriptedSimulation.cases =
                    List.of(new ScriptedSimulation.Case("damage", InProcessGatling.target(s, Duration.ofSeconds(5)), 2, 1, true));
            RunRecord blocking = on(MailEngine.BLOCKING, ScriptedSimulation.class, setUp, FaultyMailServer.builder().faults(f));
            RunRecord netty = on(MailEngine.NETTY, ScriptedSimulation.class, setUp, FaultyMailServer.builder().faults(f));

            assertEquals(blocking.ledger(), netty.ledger(), f.toString());
            assertEquals(blocking.delivery(), netty.delivery(), f.toString());
            assertEquals(blocking.errors(), netty.errors(), f.toString());
        }
    }
}
