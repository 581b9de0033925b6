package io.mailharness.message;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MessageStampTest {
    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void aMessageAsSentIsIntactAndCarriesIdTimeAndRecipients() {
        TestMessage m = MessageStamp.stamp("mh-1", 42, 3, bytes("Subject: x\r\n\r\nbody\r\n"));
        MessageStamp.Inspection i = MessageStamp.inspect(m.content()).orElseThrow();
        assertEquals("mh-1", i.id());
        assertEquals(42, i.sentAtMillis());
        assertEquals(3, i.recipients());
        assertTrue(i.intact());
    }

    @Test
    void aFoldedStampIsReadWholeSoDamageBehindItStillShowsAndTheFoldingIsDamageToo() {
        TestMessage m = MessageStamp.stamp("mh-1", 42, 1, bytes("Subject: x\r\n\r\nbody\r\n"));
        String sent = new String(m.content(), StandardCharsets.ISO_8859_1);
        String folded = sent.replace("; sha256=", ";\r\n sha256=");
        MessageStamp.Inspection refolded = MessageStamp.inspect(bytes(folded)).orElseThrow();
        assertEquals(MessageStamp.inspect(m.content()).orElseThrow().digest(), refolded.digest(), "the digest is read across the fold");
        assertEquals(refolded.digest(), refolded.actualDigest(), "the octets after the whole field are the ones the digest covers");
        assertFalse(refolded.intact(), "a refolded stamp is not the line written");
        MessageStamp.Inspection altered = MessageStamp.inspect(bytes(folded.replace("body", "bodY"))).orElseThrow();
        assertFalse(altered.intact());
        assertFalse(altered.digest().equals(altered.actualDigest()), "the altered body shows in the digest");
    }

    @Test
    void aStampWithoutItsDigestIsNoLongerTheLineWrittenButIsNotJudgedHere() {
        TestMessage m = MessageStamp.stamp("mh-1", 42, 1, bytes("Subject: x\r\n\r\nbody\r\n"));
        String stripped = new String(m.content(), StandardCharsets.ISO_8859_1).replaceFirst("; sha256=[0-9a-f]+", "");
        MessageStamp.Inspection i = MessageStamp.inspect(bytes(stripped)).orElseThrow();
        assertEquals("", i.digest(), "the receiver, which knows the digest sent, judges this one");
    }

    @Test
    void theSenderReadsItsStampWithoutHashing() {
        byte[] rest = bytes("Subject: x\r\n\r\nbody\r\n");
        TestMessage m = MessageStamp.stamp("mh-1", 42, 3, rest);
        assertEquals(new MessageStamp("mh-1", 42, 3, MessageStamp.sha256(rest)), MessageStamp.read(m.content()).orElseThrow());
        assertTrue(MessageStamp.read(bytes("Subject: x\r\n\r\nbody\r\n")).isEmpty());
    }

    @Test
    void traceFieldsAServerAddsAboveTheStampDoNotCount() {
        TestMessage m = MessageStamp.stamp("mh-2", 1, 1, bytes("Subject: x\r\n\r\nbody\r\n"));
        byte[] delivered = concat(bytes("Return-Path: <s@mh.test>\r\nReceived: from x by y;\r\n\tThu, 1 Jan 2026 00:00:00 +0000\r\n"), m.content());
        assertTrue(MessageStamp.inspect(delivered).orElseThrow().intact());
    }

    @Test
    void oneAlteredOctetAfterTheStampIsCaught() {
        byte[] content = MessageStamp.stamp("mh-3", 1, 1, bytes("Subject: x\r\n\r\nbody\r\n")).content();
        content[content.length - 3] = 'X';
        MessageStamp.Inspection i = MessageStamp.inspect(content).orElseThrow();
        assertFalse(i.intact());
        assertEquals("mh-3", i.id());
    }

    @Test
    void aMessageWithoutTheStampIsNotOurs() {
        assertTrue(MessageStamp.inspect(bytes("Subject: x\r\n\r\nX-Mailharness-Id: in the body\r\n")).isEmpty());
    }

    @Test
    void messagesOfTheSimpleBuilderAreRecognisedWithoutADigest() {
        TestMessage m = new MessageBuilder(1).build("plain-1", "a@b", List.of("c@d"), "s", 1000);
        MessageStamp.Inspection i = MessageStamp.inspect(m.content()).orElseThrow();
        assertEquals("plain-1", i.id());
        assertTrue(i.intact());
    }

    @Test
    void idsWithSpacesOrSeparatorsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new MessageStamp("a b", 0, 1, ""));
        assertThrows(IllegalArgumentException.class, () -> new MessageStamp("a;b", 0, 1, ""));
    }
}
