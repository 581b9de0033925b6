package io.mailharness.conformance.proof;

import io.mailharness.faultserver.conformance.BasicRuleFaults;
import io.mailharness.faultserver.conformance.SmtpCoreRuleFaults;
import io.mailharness.faultserver.conformance.SmtpExtensionRuleFaults;
import io.mailharness.faultserver.conformance.Pop3RuleFaults;
import io.mailharness.faultserver.Faults;

import java.util.List;
import java.util.Optional;

import static io.mailharness.conformance.proof.Proof.breaks;
import static io.mailharness.conformance.proof.ServerFault.catalogue;
import static io.mailharness.result.Outcome.FAIL;
import static io.mailharness.result.Outcome.WARN;

/** Proof rows for the RFC 5321 core checks of the second wave (sessions, addresses, DATA, smuggling, limits). */
final class SmtpCoreProofs {
    private SmtpCoreProofs() {}

    /** A server that keeps a CR inside command lines and writes it into the trace fields as a line end. */
    private static final ServerFault CR_IN_COMMAND_KEPT = new ServerFault("PROXY_SMTP_CR_IN_COMMAND_KEPT",
            Faults.of(SmtpCoreRuleFaults.SMTP_CR_IN_COMMAND_WRITTEN_TO_HEADER), Optional.of(SmtpCoreRuleFaults.CR_IN_COMMAND_KEPT),
            Optional.empty());

    /** A server that cuts message lines after 990 octets. */
    private static final ServerFault LONG_LINES_TRUNCATED = ServerFault.proxy("PROXY_SMTP_LONG_LINES_TRUNCATED", line -> {
        if (line.length <= 992) return line;
        byte[] cut = java.util.Arrays.copyOf(line, 992);
        cut[990] = '\r';
        cut[991] = '\n';
        return cut;
    });

    static final List<Proof> ROWS = List.of(
            // rows whose rule is observed through another command (RCPT gets 503 without a transaction, RFC 5321 §3.3;
            // QUIT gets 221; the session goes on after a 500)
            breaks("SMTP-EHLO-RESET", catalogue("SMTP_RCPT_WITHOUT_MAIL_NOT_503"), FAIL).at("RCPT TO:<alice@mailharness.test>", "250 2.1.5 OK\\r\\n"),
            breaks("SMTP-RSET", catalogue("SMTP_RCPT_WITHOUT_MAIL_NOT_503"), FAIL).at("RCPT TO:<alice@mailharness.test>", "250 2.1.5 OK\\r\\n"),
            breaks("SMTP-SEQ-STATE-KEPT", catalogue("SMTP_RCPT_WITHOUT_MAIL_NOT_503"), FAIL).at("RCPT TO:<bob@mailharness.test>", "250 2.1.5 OK\\r\\n"),
            breaks("SMTP-SIZE-DECL", catalogue("SMTP_RCPT_WITHOUT_MAIL_NOT_503"), FAIL).at("RCPT TO:<alice@mailharness.test>", "250 2.1.5 OK\\r\\n"),
            breaks("SMTP-TLS-RESET", catalogue("SMTP_RCPT_WITHOUT_MAIL_NOT_503"), FAIL).at("RCPT TO:<alice@mailharness.test>", "250 2.1.5 OK\\r\\n"),
            breaks("SMTP-SEQ-ABORT", catalogue("SMTP_QUIT_NOT_221"), FAIL).at("QUIT", "250 2.0.0 Bye\\r\\n"),
            breaks("SMTP-CMD-UNKNOWN", catalogue("SMTP_CLOSE_AFTER_500"), WARN).at("TURN", "connection closed"),
            breaks("SMTP-RSET-SESSION", catalogue(BasicRuleFaults.SMTP_RSET_KEEPS_TRANSACTION), FAIL).at("MAIL FROM:<sender@mailharness.test>", "503 5.5.1 Nested MAIL command\\r\\n"),
            // §3.8, §4.1.4, §4.1.1.5
            breaks("SMTP-INV-CLOSE", catalogue(SmtpCoreRuleFaults.SMTP_CLOSE_AFTER_500), FAIL).at("NOOP after 'XYZZY' -> 500", "the server closed it after a 500 reply"),
            breaks("SMTP-EHLO-NOIPCHECK", catalogue(SmtpCoreRuleFaults.SMTP_EHLO_NAME_MUST_MATCH), FAIL).at("EHLO example.com", "550 5.7.1 EHLO name does not match your"),
            breaks("SMTP-RSET-SESSION", catalogue("SMTP_RSET_FORGETS_LOGIN",
                    SmtpCoreRuleFaults.SMTP_RSET_FORGETS_LOGIN_RSET, SmtpCoreRuleFaults.SMTP_RSET_FORGETS_LOGIN_AUTH), FAIL).at("AUTH after RSET", "334 \\r\\n (RSET forgot the login)"),
            // §4.1.2 addresses, §4.5.3.1.8 recipients
            breaks("SMTP-ADDR-NULLRP", catalogue(SmtpCoreRuleFaults.SMTP_NULL_REVERSE_PATH_REFUSED), FAIL).at("MAIL FROM:<>", "553 5.1.7 Null sender refused\\r\\n"),
            breaks("SMTP-ADDR-NULLRP", catalogue(BasicRuleFaults.STORE_NULL_REVERSE_PATH_WITHOUT_RETURN_PATH), FAIL).at("Return-Path of the delivered message", "no Return-Path field"),
            breaks("SMTP-ADDR-SYNTAX", catalogue(SmtpCoreRuleFaults.SMTP_SOURCE_ROUTE_501), FAIL).at("RCPT TO:<@relay.example,@b.example:alice@mailharness.test>", "501 5.1.3 Bad path\\r\\n"),
            breaks("SMTP-ADDR-CASE", catalogue(SmtpCoreRuleFaults.SMTP_REVERSE_PATH_LOWER_CASED), FAIL).at("Return-Path of the delivered message", "<mixed.case-sender@mailharness.test>"),
            breaks("SMTP-ADDR-LEN", catalogue(SmtpCoreRuleFaults.SMTP_LOCAL_PART_OVER_60_REFUSED), FAIL).at("MAIL FROM:<lllllllllllllllllllllllllllllllllllllllllllllllll", "501 5.1.3 Local-part too long\\r\\n"),
            breaks("SMTP-ADDR-RCPT100", catalogue(SmtpCoreRuleFaults.SMTP_FIFTY_RECIPIENTS), FAIL).at("RCPT number 51", "452 4.5.3 Too many recipients\\r\\n"),
            breaks("SMTP-DATA-OK", catalogue(SmtpCoreRuleFaults.SMTP_END_OF_DATA_MIXED_CODES), FAIL).at("end of data", "554 5.6.0 rejected after all"),
            breaks("SMTP-ADDR-RCPTOVER", catalogue(SmtpCoreRuleFaults.SMTP_RCPT_LIMIT_431), WARN).at("RCPT TO:<", "431 4.3.1 Too many recipients\\r\\n"),
            breaks("SMTP-ADDR-RCPTOVER", catalogue("SMTP_RCPT_LIMIT_LOSES_TRANSACTION",
                    SmtpCoreRuleFaults.SMTP_RCPT_LIMIT_LOSES_TRANSACTION_RCPT, SmtpCoreRuleFaults.SMTP_RCPT_LIMIT_LOSES_TRANSACTION_DATA), FAIL).at("DATA", "503 5.5.1 No valid recipients\\r\\n"),
            // §4.1.1.4 DATA, §4.4 trace fields, §3.3
            breaks("SMTP-DATA-NOMIDREPLY", catalogue(SmtpCoreRuleFaults.SMTP_LONG_LINE_ANSWERED_AT_ONCE), FAIL).at("message data with a 5000-octet line sent, end of data not", "500 5.5.2 Line too long\\r\\n"),
            breaks("SMTP-DATA-MINSIZES", LONG_LINES_TRUNCATED, FAIL).at("RETR 4", "octets: octet 990 differs: sent"),
            breaks("SMTP-DATA-LONGLINE", LONG_LINES_TRUNCATED, WARN).at("RETR 4", "1004 octets: octet 990 differs: sent"),
            breaks("SMTP-DATA-TRACE", catalogue(SmtpCoreRuleFaults.SMTP_NO_RETURN_PATH), FAIL).at("RETR 4", "0 of them"),
            breaks("SMTP-DATA-TRACE", catalogue(SmtpCoreRuleFaults.SMTP_RECEIVED_WITHOUT_DATE), FAIL).at("RETR 4", "Received: from client.example"),
            breaks("SMTP-DATA-HDRINJ", CR_IN_COMMAND_KEPT, FAIL).at("RETR 4 after 'EHLO client.example\\\\rX-Injected: 1'", "the CR became CRLF: 'X-Injected: 1"),
            breaks("SMTP-DATA-NOHDRREJ", catalogue(SmtpCoreRuleFaults.SMTP_RESENT_FIELDS_MUST_MATCH), FAIL).at("<message content> CRLF.CRLF", "554 5.6.0 Resent- fields do not"),
            // catalogue §1.8 smuggling
            breaks("SMTP-SMUG-CR", catalogue(SmtpCoreRuleFaults.SMTP_BARE_CR_ENDS_LINES_IN_DATA), FAIL).at("after a body holding \\\\r.\\\\r (in one write; before the real", "250 2.0.0 Message accepted,"),
            breaks("SMTP-SMUG-CR", catalogue("SMTP_BARE_LINE_ENDS_STORED_RAW"), WARN).at("RETR 4", "stored raw (a bare CR or LF is in the"),
            breaks("SMTP-SMUG-CRCRLF", catalogue(SmtpCoreRuleFaults.SMTP_BARE_CR_ENDS_LINES_IN_DATA), FAIL).at("after a body holding \\\\r\\\\n.\\\\r\\\\r\\\\n (in one write; before", "250 2.0.0 Message accepted,"),
            breaks("SMTP-SMUG-NUL", catalogue(SmtpCoreRuleFaults.SMTP_NUL_DROPPED_IN_DATA), FAIL).at("after a body holding \\\\r\\\\n\\\\x00.\\\\r\\\\n (in one write;", "250 2.0.0 Message accepted,"),
            breaks("SMTP-SMUG-BDAT", catalogue("SMTP_BARE_LF_ENDS_DATA"), FAIL).at("after a body holding \\\\n.\\\\n (in one write; before the real", "250 2.0.0 Message accepted,"),
            // §4.5.3.1 limits
            breaks("SMTP-LIM-CMDOVER", catalogue(SmtpCoreRuleFaults.SMTP_LONG_COMMAND_LINE_ANSWERED_TWICE), WARN).at("after the reply to a 2048-octet command line (one reply)", "500 5.5.1 Command unrecognized\\r\\n"),
            breaks("SMTP-LIM-MAILEXT", catalogue(SmtpCoreRuleFaults.SMTP_MAIL_LINE_LIMIT_512), FAIL).at("MAIL FROM:<mmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmm", "500 5.5.2 Line too long\\r\\n"),
            breaks("SMTP-LIM-TOOBIG", catalogue(SmtpCoreRuleFaults.SMTP_TOO_BIG_ANSWERED_250), FAIL).at(".\\r\\n", "250 2.0.0 OK\\r\\n"));
}
