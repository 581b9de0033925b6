package io.mailharness.conformance.e2e;

import io.mailharness.conformance.wire.Octets;
import io.mailharness.message.MessageBuilder;

import java.util.List;

import static io.mailharness.conformance.wire.Octets.ascii;

/** Message bodies the end-to-end checks send: ordinary text, awkward octets, and dot-transparency cases. */
public final class Corpus {
    private Corpus() {}

    /** Bodies that must arrive byte for byte (RFC 5321 §4.5.2: all characters delivered, nothing added). */
    public static List<byte[]> roundTripBodies() {
        byte[] generated = new MessageBuilder(5321).build("corpus", "a@b.example", List.of("c@d.example"), "x", 4096).content();
        int bodyStart = Octets.indexOf(generated, "\r\n\r\n") + 4;
        return List.of(
                ascii("Hello.\r\n"),
                ascii("tab\there, vertical\u000btab, form\u000cfeed, delete\u007f\r\ntrailing spaces   \r\n\r\nlast  \r\n\r\n\r\n"),
                java.util.Arrays.copyOfRange(generated, bodyStart, generated.length));
    }

    /** Lines that need dot-stuffing on both hops (RFC 5321 §4.5.2, RFC 1939 §3), first and last line included. */
    public static byte[] dotStuffingBody() {
        String longDotLine = "." + "d".repeat(997);
        return ascii(".\r\n..\r\n...\r\n.x\r\n..x\r\n .\r\n.\t\r\nx.\r\n" + longDotLine + "\r\n.\r\n");
    }
}
