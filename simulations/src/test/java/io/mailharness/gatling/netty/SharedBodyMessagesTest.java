package io.mailharness.gatling.netty;

import io.mailharness.message.LoadMessageBuilder;
import io.mailharness.message.MessageMix;
import io.mailharness.message.MessageStamp;
import io.mailharness.message.TestMessage;
import io.mailharness.protocol.DotStuffing;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.UnpooledByteBufAllocator;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Messages on shared bodies: the same shape and stamp as core's builder, sizes in their band, stuffing that matches core's. */
class SharedBodyMessagesTest {
    private static final List<String> TO = List.of("a@mailharness.test", "b@mailharness.test");
    private final SharedBodyMessages messages = new SharedBodyMessages(42, MessageMix.realistic());

    @Test
    void everyMessageCarriesAStampWhoseDigestCoversItsOctets() {
        for (long n = 0; n < 300; n++) {
            OutgoingMessage m = messages.build(n, "id-" + n, "from@mailharness.test", TO, 1_700_000_000_000L + n);
            TestMessage content = m.toTestMessage();
            MessageStamp.Inspection stamp = MessageStamp.inspect(content.content()).orElseThrow();
            assertTrue(stamp.intact(), "message " + n);
            assertEquals("id-" + n, stamp.id());
            assertEquals(2, stamp.recipients());
            assertEquals(m.digest(), stamp.digest());
            assertEquals(content.size(), m.size());
        }
    }

    @Test
    void sizesFollowTheMixWithinALineOfTheDrawnSize() {
        MessageMix mix = MessageMix.parse("uniform:2k-64k");
        SharedBodyMessages uniform = new SharedBodyMessages(1, mix);
        LoadMessageBuilder core = new LoadMessageBuilder(1, mix);
        for (long n = 0; n < 200; n++) {
            int ours = uniform.build(n, "x" + n, "f@t.test", TO, 0).size();
            int cores = core.build(n, "x" + n, "f@t.test", TO, 0).size();
            // the same draw; ours ends at the line end below it (text lines are at most 74 octets)
            assertTrue(ours <= cores && ours > cores - 80, "message " + n + ": " + ours + " against " + cores);
        }
    }

    @Test
    void theHeaderSectionHasCoresFieldsInCoresOrder() {
        LoadMessageBuilder core = new LoadMessageBuilder(42, MessageMix.realistic());
        for (long n = 0; n < 50; n++) {
            String ours = headerFieldNames(messages.build(n, "h" + n, "f@t.test", TO, 0).toTestMessage());
            String cores = headerFieldNames(core.build(n, "h" + n, "f@t.test", TO, 0));
            assertEquals(cores, ours, "message " + n);
        }
    }

    @Test
    void theDataSectionIsCoresDotStuffingOfTheMessage() {
        int copied = 0;
        int viewed = 0;
        SharedBodyMessages uniform = new SharedBodyMessages(7, MessageMix.parse("uniform:2k-64k"));
        for (long n = 0; n < 200; n++) {
            OutgoingMessage m = (n % 2 == 0 ? messages : uniform).build(n, "s" + n, "f@t.test", TO, 0);
            ByteArrayOutputStream wire = new ByteArrayOutputStream();
            List<ByteBuf> parts = new ArrayList<>();
            m.stuffedData(UnpooledByteBufAllocator.DEFAULT, SmtpCommands.of(SmtpCommands.END_OF_DATA), parts::add);
            for (ByteBuf part : parts) {
                byte[] b = new byte[part.readableBytes()];
                part.getBytes(part.readerIndex(), b);
                wire.writeBytes(b);
                part.release();
            }
            if (parts.size() == 1) copied++;
            else viewed++;
            assertEquals(wire.size() <= OutgoingMessage.COPIED_AT_MOST, parts.size() == 1, "message " + n + ": one copy exactly when small");
            assertArrayEquals(DotStuffing.dataSection(m.toTestMessage().content()), wire.toByteArray(), "message " + n);
        }
        assertTrue(copied > 0 && viewed > 0, "both ways written: " + copied + " copied, " + viewed + " as views");
    }

    @Test
    void attachmentsStayWellFormedMimeAtEverySize() {
        SharedBodyMessages attached = new SharedBodyMessages(9, new MessageMix("att", List.of(new MessageMix.Band(1, 16_384, 65_536, true))));
        for (long n = 0; n < 50; n++) {
            String text = new String(attached.build(n, "a" + n, "f@t.test", TO, 0).toTestMessage().content(), StandardCharsets.ISO_8859_1);
            String boundary = text.substring(text.indexOf("boundary=\"") + 10, text.indexOf('"', text.indexOf("boundary=\"") + 10));
            assertTrue(text.endsWith("\r\n--" + boundary + "--\r\n"), "closing boundary of message " + n);
            int base64Start = text.indexOf("\r\n\r\n", text.indexOf("Content-Disposition: attachment")) + 4;
            String base64 = text.substring(base64Start, text.length() - boundary.length() - 6);
            byte[] decoded = Base64.getMimeDecoder().decode(base64);
            assertTrue(decoded.length > 0 && decoded.length % 57 == 0, "whole base64 lines in message " + n);
        }
    }

    @Test
    void messagesShareTheirBodiesButNotTheirHeaders() {
        OutgoingMessage a = messages.build(1, "one", "f@t.test", TO, 0);
        OutgoingMessage b = messages.build(1, "two", "f@t.test", TO, 0);
        assertNotEquals(a.digest(), b.digest(), "the Message-ID differs, so does the digest");
        List<ByteBuf> partsA = new ArrayList<>();
        List<ByteBuf> partsB = new ArrayList<>();
        a.stuffedParts(partsA::add);
        b.stuffedParts(partsB::add);
        assertEquals(partsA.get(1).memoryAddress(), partsB.get(1).memoryAddress(), "one body in memory");
        assertTrue(messages.sharedOctets() < 3 * 1024 * 1024, messages.sharedOctets() + " octets shared");
    }

    private static String headerFieldNames(TestMessage m) {
        String text = new String(m.content(), StandardCharsets.ISO_8859_1);
        StringBuilder names = new StringBuilder();
        for (String line : text.substring(0, text.indexOf("\r\n\r\n")).split("\r\n")) {
            if (!line.startsWith(" ")) names.append(line, 0, line.indexOf(':') + 1).append(' ');
        }
        return names.toString();
    }
}
