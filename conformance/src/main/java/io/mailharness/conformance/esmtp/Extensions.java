package io.mailharness.conformance.esmtp;

import io.mailharness.conformance.check.CheckContext;
import io.mailharness.conformance.wire.CheckFailure;
import io.mailharness.conformance.wire.SmtpProbe;
import io.mailharness.conformance.wire.SmtpWireReply;
import io.mailharness.conformance.wire.WireLine;
import io.mailharness.protocol.EhloKeywords;
import io.mailharness.settings.SmtpSecurity;
import io.mailharness.settings.SmtpSettings;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * What the service-extension checks share: the keywords of an EHLO reply (RFC 5321 §4.1.1.1), the SKIP when
 * an extension is not advertised, and the STARTTLS upgrade of a probe (RFC 3207 §4).
 */
public final class Extensions {
    private Extensions() {}

    /** The EHLO keywords of a reply, with their parameters. */
    public static EhloKeywords keywords(SmtpWireReply ehlo) {
        return EhloKeywords.parse(ehlo.lines().stream().map(WireLine::text).toList());
    }

    public static boolean advertises(SmtpWireReply ehlo, String keyword) {
        return keywords(ehlo).has(keyword);
    }

    /** SKIPs the check unless the EHLO reply lists {@code keyword}. */
    public static void requireAdvertised(CheckContext check, SmtpWireReply ehlo, String keyword) {
        if (!advertises(ehlo, keyword)) check.skip("the server does not advertise " + keyword + " in its EHLO reply");
    }

    /** A fresh connection, greeted, EHLO'd (250) and the EHLO reply returned with it. */
    public record Session(SmtpProbe smtp, SmtpWireReply ehlo) {}

    public static Session greeted(CheckContext check) {
        return introduce(check, check::smtp);
    }

    /** {@link #greeted}, and SKIP unless the EHLO reply lists {@code keyword}. */
    public static Session offering(CheckContext check, String keyword) {
        Session session = greeted(check);
        requireAdvertised(check, session.ehlo(), keyword);
        return session;
    }

    /** The same in clear whatever the settings say: for the rows about STARTTLS and AUTH themselves. */
    public static Session greetedInClear(CheckContext check) {
        return introduce(check, check::smtpInClear);
    }

    /** Greeting 220 and EHLO 250 on a fresh connection, as a preamble; the session with its EHLO reply. */
    private static Session introduce(CheckContext check, java.util.function.Supplier<SmtpProbe> connection) {
        return check.preamble(() -> {
            SmtpProbe smtp = connection.get();
            smtp.greeted();
            Session session = new Session(smtp, smtp.ehlo().expectCode(250));
            smtp.expectInStep("the reply to EHLO");
            return session;
        });
    }

    /** True when the target's SMTP listener speaks TLS from the first octet (no STARTTLS needed). */
    public static boolean implicitTls(CheckContext check) {
        return check.target().smtp().map(SmtpSettings::security).orElse(SmtpSecurity.PLAIN) == SmtpSecurity.TLS;
    }

    /** Layers TLS over the probe's socket after a 220 to STARTTLS; a failed handshake fails the check. */
    public static void handshake(CheckContext check, SmtpProbe smtp) {
        SmtpSettings settings = check.target().smtp().orElseThrow();
        try {
            smtp.connection().startTls(check.target().tls(), settings.endpoint().host(), settings.endpoint().port());
        } catch (IOException e) {
            throw new CheckFailure("TLS handshake after 220 to STARTTLS", "a completed handshake", e.toString());
        }
    }

    /**
     * A fresh connection inside TLS and introduced with EHLO (both EHLO replies expected 250): implicit TLS, or
     * STARTTLS when it is advertised. SKIPs when the listener offers neither; a 454 to STARTTLS SKIPs too.
     */
    public static Session secured(CheckContext check) {
        Session clear = greetedInClear(check);
        if (implicitTls(check)) return clear;
        if (!advertises(clear.ehlo(), "STARTTLS")) check.skip("the server does not advertise STARTTLS, and the listener is not implicit TLS");
        SmtpWireReply go = clear.smtp().send("STARTTLS");
        if (go.code() == 454) check.skip("STARTTLS answered 454 (TLS temporarily unavailable): " + go.describe());
        go.expectCode(220);
        handshake(check, clear.smtp());
        return new Session(clear.smtp(), clear.smtp().ehlo().expectCode(250));
    }

    /** A fresh connection, greeted and EHLO'd in clear, with STARTTLS advertised (or SKIP). */
    public static SmtpProbe startTlsOffered(CheckContext check) {
        if (implicitTls(check)) check.skip("the listener is implicit TLS: STARTTLS does not apply");
        Session session = greetedInClear(check);
        requireAdvertised(check, session.ehlo(), "STARTTLS");
        return session.smtp();
    }

    /** Sends a line as UTF-8 octets (SMTPUTF8 addresses) plus CRLF and reads the reply. */
    public static SmtpWireReply sendUtf8(SmtpProbe smtp, String line) {
        smtp.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
        return smtp.readReply(line);
    }

    /** Extension parameter value of a keyword, when it has one. */
    public static Optional<String> parameter(SmtpWireReply ehlo, String keyword) {
        return keywords(ehlo).parameter(keyword);
    }
}
