package io.mailharness.client;

import io.mailharness.faultserver.FaultyMailServer;
import io.mailharness.settings.Account;
import io.mailharness.settings.TargetSettings;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ApopTest {
    @Test
    void apopDigestFromTheGreetingTimestampLogsIn() throws Exception {
        try (FaultyMailServer server = FaultyMailServer.start()) {
            TargetSettings target = server.settings(Duration.ofSeconds(5));
            Account account = target.primaryAccount();
            Transcript transcript = new Transcript();
            try (Pop3Session pop3 = Pop3Session.connect(target.requirePop3(), target.tls(), target.timeouts(), transcript)) {
                assertTrue(pop3.apopTimestamp().isPresent(), pop3.greeting().statusLine());
                Pop3Reply reply = pop3.apop(account);
                assertTrue(reply.isOk(), reply.statusLine());
                assertTrue(pop3.stat().isOk());
                pop3.quit();
            }
            assertTrue(transcript.render().contains("C: APOP " + account.user() + " ****"), transcript.render());
            Account wrongSecret = new Account(account.address(), account.user(), "wrong", true);
            try (Pop3Session pop3 = Pop3Session.connect(target.requirePop3(), target.tls(), target.timeouts(), null)) {
                assertFalse(pop3.apop(wrongSecret).isOk());
            }
        }
    }
}
