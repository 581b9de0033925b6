package io.mailharness.gatling.check;

import io.mailharness.client.MailProtocolException;
import io.mailharness.client.Transcript;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A KO's message shows a server's control octets escaped once, however the failure carried them. */
class OutcomeTest {
    @Test
    void aProtocolFailureMadeVisibleWhereItWasRaisedIsNotEscapedAgain() {
        String garbage = "\u001b[2J\r";
        Outcome ko = Outcome.of(new MailProtocolException("EHLO", "not an SMTP reply line: '" + Transcript.visible(garbage) + "'", null));
        assertEquals("protocol: EHLO: not an SMTP reply line: '\\x1b[2J\\r'", ko.example());
    }

    @Test
    void anyOtherFailureAndAServersReplyTextAreEscapedHere() {
        assertEquals("connection: reset \\x1b[2J", Outcome.of(new IOException("reset \u001b[2J", new java.net.SocketException())).example());
        assertEquals("550 no \\x9b2J such user", Outcome.ko("reply", "550", null, "550", "no \u009b2J such\r\nuser").example());
    }
}
