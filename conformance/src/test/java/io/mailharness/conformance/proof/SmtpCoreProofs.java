package io.mailharness.conformance.proof;

import io.mailharness.faultserver.Faults;

import java.util.List;
import java.util.Optional;

import static io.mailharness.conformance.proof.Proof.breaks;
import static io.mailharness.conformance.proof.ServerFault.catalogue;
import static io.mailharness.conformance.proof.ServerFault.own;
import static io.mailharness.result.Outcome.FAIL;
import static io.mailharness.result.Outcome.WARN;

/** Proof rows for the RFC 5321 core checks of the second wave (sessions, addresses, DATA, smuggling, limits). */
final class SmtpCoreProofs {
    private SmtpCoreProofs() {}

    /** A server that keeps a CR inside command lines and writes it into the trace fields as a line end. */
    private static final ServerFault CR_IN_COMMAND_KEPT = new ServerFault("PROXY_SMTP_CR_IN_COMMAND_KEPT",
            Faults.of(SmtpCoreOwnFaults.SMTP_CR_IN_COMMAND_WRITTEN_TO_HEADER), Optional.of(SmtpCoreOwnFaults.CR_IN_COMMAND_KEPT),
            Optional.empty(), false);

    /** A server that cuts message lines after 990 octets. */
    private static final ServerFault LONG_LINES_TRUNCATED = ServerFault.proxy("PROXY_SMTP_LONG_LINES_TRUNCATED", line -> {
        if (line.length <= 992) return line;
        byte[] cut = java.util.Arrays.copyOf(line, 992);
        cut[990] = '\r';
        cut[991] = '\n';
        return cut;
    });

    static final List<Proof> ROWS = List.of(
            // §3.8, §4.1.4, §4.1.1.5
            breaks("SMTP-INV-CLOSE", own(SmtpCoreOwnFaults.SMTP_CLOSE_AFTER_500), FAIL),
            breaks("SMTP-EHLO-NOIPCHECK", own(SmtpCoreOwnFaults.SMTP_EHLO_NAME_MUST_MATCH), FAIL),
            breaks("SMTP-RSET-SESSION", own("OWN_SMTP_RSET_FORGETS_LOGIN",
                    SmtpCoreOwnFaults.SMTP_RSET_FORGETS_LOGIN_RSET, SmtpCoreOwnFaults.SMTP_RSET_FORGETS_LOGIN_AUTH), FAIL),
            // §4.1.2 addresses, §4.5.3.1.8 recipients
            breaks("SMTP-ADDR-NULLRP", own(SmtpCoreOwnFaults.SMTP_NULL_REVERSE_PATH_REFUSED), FAIL),
            breaks("SMTP-ADDR-SYNTAX", own(SmtpCoreOwnFaults.SMTP_SOURCE_ROUTE_501), FAIL),
            breaks("SMTP-ADDR-CASE", own(SmtpCoreOwnFaults.SMTP_REVERSE_PATH_LOWER_CASED), FAIL),
            breaks("SMTP-ADDR-LEN", own(SmtpCoreOwnFaults.SMTP_LOCAL_PART_OVER_60_REFUSED), FAIL),
            breaks("SMTP-ADDR-RCPT100", own(SmtpCoreOwnFaults.SMTP_FIFTY_RECIPIENTS), FAIL),
            breaks("SMTP-ADDR-RCPTOVER", own("OWN_SMTP_RCPT_LIMIT_LOSES_TRANSACTION",
                    SmtpCoreOwnFaults.SMTP_RCPT_LIMIT_LOSES_TRANSACTION_RCPT, SmtpCoreOwnFaults.SMTP_RCPT_LIMIT_LOSES_TRANSACTION_DATA), FAIL),
            // §4.1.1.4 DATA, §4.4 trace fields, §3.3
            breaks("SMTP-DATA-NOMIDREPLY", own(SmtpCoreOwnFaults.SMTP_LONG_LINE_ANSWERED_AT_ONCE), FAIL),
            breaks("SMTP-DATA-MINSIZES", LONG_LINES_TRUNCATED, FAIL),
            breaks("SMTP-DATA-LONGLINE", LONG_LINES_TRUNCATED, WARN),
            breaks("SMTP-DATA-TRACE", own(SmtpCoreOwnFaults.SMTP_NO_RETURN_PATH), FAIL),
            breaks("SMTP-DATA-TRACE", own(SmtpCoreOwnFaults.SMTP_RECEIVED_WITHOUT_DATE), FAIL),
            breaks("SMTP-DATA-HDRINJ", CR_IN_COMMAND_KEPT, FAIL),
            breaks("SMTP-DATA-NOHDRREJ", own(SmtpCoreOwnFaults.SMTP_RESENT_FIELDS_MUST_MATCH), FAIL),
            // catalogue §1.8 smuggling
            breaks("SMTP-SMUG-CR", own(SmtpCoreOwnFaults.SMTP_BARE_CR_ENDS_LINES_IN_DATA), FAIL),
            breaks("SMTP-SMUG-CR", catalogue("SMTP_BARE_LINE_ENDS_STORED_RAW"), WARN),
            breaks("SMTP-SMUG-CRCRLF", own(SmtpCoreOwnFaults.SMTP_BARE_CR_ENDS_LINES_IN_DATA), FAIL),
            breaks("SMTP-SMUG-NUL", own(SmtpCoreOwnFaults.SMTP_NUL_DROPPED_IN_DATA), FAIL),
            breaks("SMTP-SMUG-BDAT", catalogue("SMTP_BARE_LF_ENDS_DATA"), FAIL),
            // §4.5.3.1 limits
            breaks("SMTP-LIM-CMDOVER", own(SmtpCoreOwnFaults.SMTP_LONG_COMMAND_LINE_ANSWERED_TWICE), WARN),
            breaks("SMTP-LIM-MAILEXT", own(SmtpCoreOwnFaults.SMTP_MAIL_LINE_LIMIT_512), FAIL),
            breaks("SMTP-LIM-TOOBIG", own(SmtpCoreOwnFaults.SMTP_TOO_BIG_ANSWERED_250), FAIL));
}
