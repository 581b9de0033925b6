package io.mailharness.conformance.rfc5321;

import io.mailharness.conformance.check.Check;
import io.mailharness.conformance.check.CheckContext;
import io.mailharness.conformance.check.Mode;
import io.mailharness.conformance.check.Section;
import io.mailharness.conformance.wire.SmtpProbe;
import io.mailharness.conformance.wire.SmtpWireReply;
import io.mailharness.result.Level;

@Section(rfc = "5321", number = "2.3.8", title = "Lines")
public class Lines {
    /*
     * §2.3.8: lines end with CRLF; a server "MUST NOT recognize" a bare LF or CR as a line terminator, so
     * "NOOP<LF>NOOP<CRLF>" is one (malformed) line and gets one reply; a reply refusing pipelined input shows the
     * server saw two.
     */
    @Check(id = "SMTP-CMD-BARELF", level = Level.MUST, modes = {Mode.READ_ONLY, Mode.ANTI_ABUSE},
            requirement = "a bare LF or CR inside a command line never ends it: NOOP<LF>NOOP<CRLF> gets one reply, not two 250s nor a refusal of pipelining")
    void bareLineEndsInCommands(CheckContext check) {
        for (String line : new String[] {"NOOP\nNOOP\r\n", "NOOP\rNOOP\r\n"}) {
            try (SmtpProbe smtp = check.smtpAfterEhlo()) {
                SmtpWireReply first = smtp.sendRaw(line);
                if (first.replyClass() == 2) {
                    if (smtp.connection().awaitAnyOctets(check.silence()).isPresent()) {
                        throw check.fail(line, "one 5yz reply (the bare line end is not a line end)", "two replies: the bare line end split the command");
                    }
                    check.warn(line, "500/501 (malformed line)", first.describe() + " (one reply: the bare line end was taken as part of a NOOP parameter)");
                } else {
                    first.expectClass(5);
                    if (REFUSES_A_SECOND_COMMAND.matcher(first.text()).matches()) {
                        throw check.fail(line, "one 5yz reply to the whole line (the bare line end is not a line end)",
                                first.describe() + " (a refusal of pipelined input: the bare line end ended the first NOOP)");
                    }
                }
                smtp.quitQuietly();
            }
        }
    }

    /**
     * A refusal that says more commands were waiting, such as OpenSMTPD's "500 5.5.1 Invalid command: Pipelining not
     * supported": the server had ended a command line at the bare line end (read so by the smuggling rows too).
     */
    private static final java.util.regex.Pattern REFUSES_A_SECOND_COMMAND = java.util.regex.Pattern.compile("(?i).*\\bpipelining\\b.*");

    /* §2.3.8: a bare LF in the body is no line end: reject it, or store it as CRLF or SP; raw is tolerated (WARN). */
    @Check(id = "SMTP-BARELF-BODY", level = Level.SHOULD, modes = {Mode.MUTATES_MAILBOX, Mode.ANTI_ABUSE},
            requirement = "a body line 'a<LF>b' is refused, or stored with the LF made CRLF or SP; stored raw warns; never split")
    void bareLfInBody(CheckContext check) {
        Smuggling.bareLineEnd(check, "\n");
    }

    @Check(id = "SMTP-BARECR-BODY", level = Level.SHOULD, modes = {Mode.MUTATES_MAILBOX, Mode.ANTI_ABUSE},
            requirement = "a body line 'a<CR>b' is refused, or stored with the CR made CRLF or SP; stored raw warns; never split")
    void bareCrInBody(CheckContext check) {
        Smuggling.bareLineEnd(check, "\r");
    }

    /* Catalogue §1.8 with bare CRs: RFC 5321 §2.3.8, only CRLF ends a line, so no CR/LF mix ends the data. */
    @Check(id = "SMTP-SMUG-CR", level = Level.MUST, modes = {Mode.MUTATES_MAILBOX, Mode.ANTI_ABUSE},
            requirement = "<CR>.<CR>, <CR>.<LF>, <LF>.<CR>, <CR>.<CRLF> and <CRLF>.<CR> never end the data (no early reply, no smuggled message)")
    void smuggleBareCr(CheckContext check) {
        Smuggling.attempts(check, "\r.\r", "\r.\n", "\n.\r", "\r.\r\n", "\r\n.\r");
    }

    /*
     * §2.3.8: CR CR LF is a bare CR and then CRLF, not a line end of its own. A conforming client stuffs "CRLF."
     * into "CRLF..", so how exploitable this is stays disputed; the hygiene rule is the same.
     */
    @Check(id = "SMTP-SMUG-CRCRLF", level = Level.MUST, modes = {Mode.MUTATES_MAILBOX, Mode.ANTI_ABUSE},
            requirement = "<CRLF>.<CR><CRLF> and <CR><CRLF>.<CR><CRLF> never end the data (no early reply, no smuggled message)")
    void smuggleCrCrLf(CheckContext check) {
        Smuggling.attempts(check, "\r\n.\r\r\n", "\r\r\n.\r\r\n");
    }

    /*
     * §2.3.8: a client "MUST NOT" send a bare CR or LF; §4.5.2: it stuffs every line that starts with ".". A relay is
     * a client to its next hop, so a look-alike it took in must not leave it as a line end, an end of data, or
     * commands (outbound SMTP smuggling, catalogue §1.8). Needs a relay domain routed to the harness's next hop.
     */
    @Check(id = "SMTP-SMUG-OUT", level = Level.MUST, modes = {Mode.MUTATES_MAILBOX, Mode.ANTI_ABUSE, Mode.NEEDS_SETTING},
            requirement = "relayed to the harness's next hop, bare CR/LF, end-of-data look-alikes and '.' lines arrive as CRLF lines, "
                    + "every '.' stuffed, each message whole in one transaction, nothing smuggled out as commands")
    void outboundSmuggling(CheckContext check) {
        OutboundSmuggling.relay(check);
    }
}
