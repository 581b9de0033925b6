package io.mailharness.conformance.proof;

import io.mailharness.conformance.run.CheckSelection;
import io.mailharness.message.TestMessage;
import io.mailharness.result.CheckResult;
import io.mailharness.result.Outcome;
import io.mailharness.settings.Account;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A smuggled message an earlier run left in a maildrop (its smuggling row had looked before the server delivered
 * it) is that run's finding: E2E-ONEMSG of this run must not fail for it, and the maildrop's clean start removes it.
 */
class EarlierRunLeftoverTest {
    private static final String LEFTOVER = "Subject: SMUGGLED\r\n" + TestMessage.ID_HEADER + ": mh-earlier-run-smuggled\r\n\r\nB\r\n";

    @Test
    void aSmuggledMessageFromAnEarlierRunNeitherFailsOneMessagePerTransactionNorStays() {
        try (FaultyTarget target = FaultyTarget.startEmpty(ServerFault.BASELINE, FaultyTarget.Maildrops.EMPTY)) {
            for (Account account : target.settings().disposableAccounts()) target.server().store().insertRaw(account.user(), LEFTOVER);

            CheckResult oneMessage = target.run(CheckSelection.ids("E2E-ONEMSG")).get(0);

            assertEquals(Outcome.PASS, oneMessage.outcome(), oneMessage.expected() + " / " + oneMessage.actual());
            for (Account account : target.settings().disposableAccounts()) {
                assertEquals(0, target.server().store().messages(account.user()).size(), account.user() + ": the leftover is deleted");
            }
        }
    }
}
