package io.mailharness.conformance.proof;

import io.mailharness.conformance.run.CheckSelection;
import io.mailharness.faultserver.FaultCatalogue;
import io.mailharness.faultserver.Faults;
import io.mailharness.faultserver.store.Delivery;
import io.mailharness.faultserver.store.DeliveryRewrite;
import io.mailharness.result.CheckResult;
import io.mailharness.result.Outcome;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A smuggling row waits once for all its accepted messages. When one of them never arrives, the attempts before it
 * must still be judged: a finding of the first attempt is not lost to a later attempt's missing message.
 */
class SmugglingMissingMessageTest {
    /**
     * A server that keeps bare line ends inside the data and stores them raw (a WARN of its own), except that the
     * first look-alike of SMTP-SMUG-CR ({@code A<CR>.<CR>}) loses the smuggled lines on storage, and every
     * message holding the third ({@code A<LF>.<CR>}) is never stored.
     */
    private static final ServerFault FIRST_DAMAGED_THIRD_LOST = new ServerFault("STORE_FIRST_DAMAGED_THIRD_LOST",
            Faults.of(FaultCatalogue.byName("SMTP_BARE_LINE_ENDS_STORED_RAW"), new DeliveryRewrite("STORE_FIRST_DAMAGED_THIRD_LOST", "smuggled lines dropped from one message, another message lost",
                    deliveries -> deliveries.stream()
                            .filter(d -> !text(d).contains("A\n"))
                            .map(d -> text(d).contains("A\r.\r") ? d.withContent(text(d).replace("MAIL FROM:<smuggled@test.example>", "")
                                    .getBytes(StandardCharsets.ISO_8859_1)) : d)
                            .toList())),
            Optional.empty(), Optional.empty());

    @Test
    void anEarlierAttemptIsJudgedWhenALaterAttemptsMessageNeverArrives() {
        try (FaultyTarget target = FaultyTarget.start(FIRST_DAMAGED_THIRD_LOST)) {
            CheckResult result = target.run(CheckSelection.ids("SMTP-SMUG-CR")).get(0);
            assertEquals(Outcome.FAIL, result.outcome(), result.expected() + " / " + result.actual());
            assertTrue(result.expected().contains("the smuggled lines kept inside the one message"), result.expected());
        }
    }

    private static String text(Delivery delivery) {
        return new String(delivery.content(), StandardCharsets.ISO_8859_1);
    }
}
