package io.mailharness.gatling.check;

import io.mailharness.client.Pop3Reply;
import io.mailharness.client.SmtpReply;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** KO messages group by stage, class, code and enhanced status code, with what varies between occurrences masked. */
class ErrorPatternTest {
    @Test
    void timestampsQueueIdsAddressesAndCountsAreMasked() {
        assertEquals("Internal error occurred. Refer to server log for more information. [<time>]",
                ErrorPattern.mask("Internal error occurred. Refer to server log for more information. [2026-12-05 10:48:02]"));
        assertEquals("Ok: queued as <id>", ErrorPattern.mask("Ok: queued as 4Xq2Jk0ZsLz8"));
        assertEquals("<address>: Recipient address rejected: User unknown", ErrorPattern.mask("<nobody@mh.test>: Recipient address rejected: User unknown"));
        assertEquals("too many connections from <ip>, try in <n> seconds", ErrorPattern.mask("too many connections from 127.0.0.1, try in 30 seconds"));
        assertEquals("at <time>", ErrorPattern.mask("at Thu, 05 Dec 2026 10:48:02 +0000"));
        assertEquals("Service not available, closing", ErrorPattern.mask("Service not available, closing"));
    }

    @Test
    void dovecotsTimestampedErrorsAreOneGroupWithTheirResponseCode() {
        Outcome first = ReplyExpectation.judge(new Pop3Reply("-ERR [SYS/TEMP] Internal error occurred. [2026-12-05 10:48:02]", List.of()));
        Outcome second = ReplyExpectation.judge(new Pop3Reply("-ERR [SYS/TEMP] Internal error occurred. [2026-12-05 10:48:03]", List.of()));
        assertEquals(first.message(), second.message());
        assertEquals("-ERR [SYS/TEMP] Internal error occurred. [<time>]", first.message());
        assertEquals("SYS/TEMP", first.enhancedStatusCode());
        assertEquals("-ERR [SYS/TEMP] Internal error occurred. [2026-12-05 10:48:02]", first.example());
    }

    @Test
    void a421IsTheServerClosingAFourHundredClassReply() {
        Outcome o = ReplyExpectation.code(220).judge(new SmtpReply(421, List.of("421 4.3.2 mx.example Service not available, closing")));
        assertEquals("4xx", o.errorClass());
        assertEquals("4.3.2", o.enhancedStatusCode());
        assertEquals("4xx 421 4.3.2 mx.example Service not available, closing (service closing)", o.message());
    }

    @Test
    void theExpectedCodeIsTheHarnesssOwnWordsAndStaysInTheGroup() {
        Outcome o = ReplyExpectation.code(354).judge(new SmtpReply(250, List.of("250 2.1.5 Ok queued as 4XyZ12AbCd")));
        assertEquals("2xx 250 2.1.5 Ok queued as <id> (expected 354)", o.message());
        assertEquals("2xx 250 2.1.5 Ok queued as 4XyZ12AbCd (expected 354)", o.example());
    }

    @Test
    void controlOctetsFromTheServerAreEscaped() {
        Outcome o = ReplyExpectation.positiveCompletion().judge(new SmtpReply(554, List.of("554 5.7.1 \u001b[31mred\u0000")));
        assertEquals("5xx 554 5.7.1 \\x1b[31mred\\x00", o.message(), "no raw escape sequence reaches a console or report");
        assertEquals("5xx 554 5.7.1 \\x1b[31mred\\x00", o.example());
    }
}
