package io.mailharness.message;

import io.mailharness.record.DeliveryClass;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each way a server can change a message is told apart from the others, with where it happened. */
class MessageComparisonTest {
    private static final byte[] SENT = MessageStamp.stamp("mh-abc-1-7", 1_000, 1,
            ascii("From: <a@mh.test>\r\nTo: <b@mh.test>\r\nSubject: hello\r\n\r\nline one\r\nline two\r\n")).content();

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    private static MessageComparison compare(String retrieved) {
        return MessageComparison.compare(SENT, ascii(retrieved));
    }

    @Test
    void traceFieldsAboveTheStampLeaveAMessageIntact() {
        MessageComparison c = compare("Return-Path: <a@mh.test>\r\nReceived: from x by y\r\n" + text(SENT));
        assertEquals(DeliveryClass.INTACT, c.deliveryClass());
    }

    @Test
    void fieldsAddedAmongOursAreAnAnnotationNotDamage() {
        String annotated = text(SENT).replace("Subject: hello\r\n", "Subject: hello\r\nStatus: RO\r\nX-UID: 17\r\n");
        MessageComparison c = compare(annotated);
        assertEquals(DeliveryClass.ANNOTATED, c.deliveryClass());
        assertEquals("header fields added: Status, X-UID", c.detail());
        assertTrue(!c.deliveryClass().damaged());
    }

    @Test
    void aChangedFieldOfOursIsAHeaderRewrite() {
        MessageComparison c = compare(text(SENT).replace("From: <a@mh.test>", "From: a@mh.test"));
        assertEquals(DeliveryClass.HEADERS_REWRITTEN, c.deliveryClass());
        assertEquals("From: changed or missing", c.detail());
    }

    @Test
    void aBodyChangeNamesItsFirstOctet() {
        MessageComparison changed = compare(text(SENT).replace("line two", "line tw0"));
        assertEquals(DeliveryClass.BODY_ALTERED, changed.deliveryClass());
        assertEquals("first difference at body octet 17: sent 'o', retrieved '0'", changed.detail());
        MessageComparison appended = compare(text(SENT) + "\r\n");
        assertEquals(DeliveryClass.BODY_ALTERED, appended.deliveryClass(), "solid-pop3d's trailing blank line");
        assertEquals("first difference at body octet 20: 2 octets added after the end", appended.detail());
    }

    @Test
    void aMessageCutShortIsTruncated() {
        MessageComparison c = compare(text(SENT).substring(0, text(SENT).length() - 10));
        assertEquals(DeliveryClass.TRUNCATED, c.deliveryClass());
        assertTrue(c.detail().startsWith("cut after "), c.detail());
        MessageComparison completed = compare(text(SENT).substring(0, text(SENT).length() - 10) + "\r\n");
        assertEquals(DeliveryClass.TRUNCATED, completed.deliveryClass(), "the CRLF a POP3 server adds to end the content is no body change");
    }

    @Test
    void aHeaderRunningOnIntoTheBodyIsAHeaderRewriteNotATruncation() {
        MessageComparison c = compare(text(SENT).replace("Subject: hello\r\n\r\n", "Subject: hello\r\n\u0000\u001b[31m"));
        assertEquals(DeliveryClass.HEADERS_REWRITTEN, c.deliveryClass());
        assertEquals("the empty line that ends the header is gone", c.detail());
    }

    @Test
    void theDiffShowsTheDifferingLinesOnly() {
        String diff = MessageComparison.diff(SENT, ascii(text(SENT).replace("line two", "line \u001btwo")));
        assertTrue(diff.contains("- line two\n+ line \\x1btwo\n"), diff);
        assertTrue(!diff.contains("Subject"), "common lines far from the change are left out:\n" + diff);
    }
}
