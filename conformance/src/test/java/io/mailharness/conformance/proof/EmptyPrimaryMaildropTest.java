package io.mailharness.conformance.proof;

import io.mailharness.conformance.run.CheckSelection;
import io.mailharness.faultserver.conformance.BasicRuleFaults;
import io.mailharness.result.CheckResult;
import io.mailharness.result.Outcome;
import io.mailharness.settings.Account;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The read-only POP3 rows that address message 1 on a server whose primary maildrop starts empty, as on a freshly
 * provisioned one: without a message there, "-ERR no such message" would pass them whatever the rule.
 */
class EmptyPrimaryMaildropTest {
    private static final List<String> NEED_A_MESSAGE = List.of("POP-ARGS", "POP-LIST-FMT", "POP-UIDL-FMT", "POP-STAT-SUM",
            "POP-INV-STATUS", "POP-INV-MULTI", "POP-CAPA-HONEST");

    @Test
    void aNegativeTopCountAcceptedFailsEvenWhenThePrimaryStartsEmpty() {
        ServerFault fault = ServerFault.catalogue(BasicRuleFaults.POP3_TOP_IGNORES_COUNT);
        try (FaultyTarget target = FaultyTarget.startEmpty(fault, FaultyTarget.Maildrops.EMPTY)) {
            CheckResult args = target.run(CheckSelection.ids("POP-ARGS")).get(0);
            assertEquals(Outcome.FAIL, args.outcome(), args.expected() + " / " + args.actual());
            assertTrue(args.transcript().contains("TOP 1 -1"), args.transcript());
        }
    }

    @Test
    void anEmptyDisposableMaildropGetsOneMessageKeptForEveryRowThatNeedsOne() {
        try (FaultyTarget target = FaultyTarget.startEmpty(ServerFault.BASELINE, FaultyTarget.Maildrops.EMPTY)) {
            Map<String, CheckResult> results = byId(target.run(CheckSelection.ids(NEED_A_MESSAGE.toArray(String[]::new))));
            for (String id : NEED_A_MESSAGE) {
                assertEquals(Outcome.PASS, results.get(id).outcome(), id + ": " + results.get(id).actual());
            }
            int seeded = 0;
            for (Account account : target.settings().accounts()) {
                int messages = target.server().store().messages(account.user()).size();
                assertTrue(messages <= 1, account.user() + ": delivered once at most, kept for the next rows; found " + messages);
                seeded += messages;
            }
            assertTrue(seeded >= 1, "the rows ran on a maildrop with a message in it");
        }
    }

    @Test
    void anEmptyPrimaryNotMarkedDisposableIsNeverWrittenToAndItsRowsDoNotPassOnIt() {
        try (FaultyTarget target = FaultyTarget.startEmpty(ServerFault.BASELINE, FaultyTarget.Maildrops.EMPTY_PRIMARY_NOT_DISPOSABLE)) {
            String primary = target.settings().primaryAccount().user();
            Map<String, CheckResult> results = byId(target.run(CheckSelection.ids(NEED_A_MESSAGE.toArray(String[]::new))));
            for (String id : NEED_A_MESSAGE) {
                CheckResult result = results.get(id);
                if (result.outcome() == Outcome.SKIP) {
                    assertTrue(result.actual().contains("needs a message in the maildrop of " + target.settings().primaryAccount().address()
                            + ", which is empty and not marked disposable"), id + ": " + result.actual());
                } else {
                    // the primary was busy: the row ran on a disposable maildrop, given a message there
                    assertEquals(Outcome.PASS, result.outcome(), id + ": " + result.actual());
                    assertFalse(result.transcript().contains("USER " + primary + "\\r\\n"), id + " logged into the primary: " + result.transcript());
                }
            }
            assertEquals(0, target.server().store().messages(primary).size(), "nothing delivered to the primary");
        }
    }

    @Test
    void anEmptyPrimaryNotMarkedDisposableSkipsARowThatRunsAlone() {
        try (FaultyTarget target = FaultyTarget.startEmpty(ServerFault.BASELINE, FaultyTarget.Maildrops.EMPTY_PRIMARY_NOT_DISPOSABLE)) {
            CheckResult result = target.run(CheckSelection.ids("POP-LIST-FMT")).get(0);
            assertEquals(Outcome.SKIP, result.outcome(), result.actual());
            assertTrue(result.actual().contains("not marked disposable"), result.actual());
        }
    }

    private static Map<String, CheckResult> byId(List<CheckResult> results) {
        return results.stream().collect(Collectors.toMap(CheckResult::id, Function.identity()));
    }
}
