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
            // §3.8, §4.1.4, §4.1.1.5
            breaks("SMTP-INV-CLOSE", catalogue(SmtpCoreRuleFaults.SMTP_CLOSE_AFTER_500), FAIL),
            breaks("SMTP-EHLO-NOIPCHECK", catalogue(SmtpCoreRuleFaults.SMTP_EHLO_NAME_MUST_MATCH), FAIL),
            breaks("SMTP-RSET-SESSION", catalogue("SMTP_RSET_FORGETS_LOGIN",
                    SmtpCoreRuleFaults.SMTP_RSET_FORGETS_LOGIN_RSET, SmtpCoreRuleFaults.SMTP_RSET_FORGETS_LOGIN_AUTH), FAIL),
            // §4.1.2 addresses, §4.5.3.1.8 recipients
            breaks("SMTP-ADDR-NULLRP", catalogue(SmtpCoreRuleFaults.SMTP_NULL_REVERSE_PATH_REFUSED), FAIL),
            breaks("SMTP-ADDR-NULLRP", catalogue(BasicRuleFaults.STORE_NULL_REVERSE_PATH_WITHOUT_RETURN_PATH), FAIL),
            breaks("SMTP-ADDR-SYNTAX", catalogue(SmtpCoreRuleFaults.SMTP_SOURCE_ROUTE_501), FAIL),
            breaks("SMTP-ADDR-CASE", catalogue(SmtpCoreRuleFaults.SMTP_REVERSE_PATH_LOWER_CASED), FAIL),
            breaks("SMTP-ADDR-LEN", catalogue(SmtpCoreRuleFaults.SMTP_LOCAL_PART_OVER_60_REFUSED), FAIL),
            breaks("SMTP-ADDR-RCPT100", catalogue(SmtpCoreRuleFaults.SMTP_FIFTY_RECIPIENTS), FAIL),
            breaks("SMTP-ADDR-RCPTOVER", catalogue("SMTP_RCPT_LIMIT_LOSES_TRANSACTION",
                    SmtpCoreRuleFaults.SMTP_RCPT_LIMIT_LOSES_TRANSACTION_RCPT, SmtpCoreRuleFaults.SMTP_RCPT_LIMIT_LOSES_TRANSACTION_DATA), FAIL),
            // §4.1.1.4 DATA, §4.4 trace fields, §3.3
            breaks("SMTP-DATA-NOMIDREPLY", catalogue(SmtpCoreRuleFaults.SMTP_LONG_LINE_ANSWERED_AT_ONCE), FAIL),
            breaks("SMTP-DATA-MINSIZES", LONG_LINES_TRUNCATED, FAIL),
            breaks("SMTP-DATA-LONGLINE", LONG_LINES_TRUNCATED, WARN),
            breaks("SMTP-DATA-TRACE", catalogue(SmtpCoreRuleFaults.SMTP_NO_RETURN_PATH), FAIL),
            breaks("SMTP-DATA-TRACE", catalogue(SmtpCoreRuleFaults.SMTP_RECEIVED_WITHOUT_DATE), FAIL),
            breaks("SMTP-DATA-HDRINJ", CR_IN_COMMAND_KEPT, FAIL),
            breaks("SMTP-DATA-NOHDRREJ", catalogue(SmtpCoreRuleFaults.SMTP_RESENT_FIELDS_MUST_MATCH), FAIL),
            // catalogue §1.8 smuggling
            breaks("SMTP-SMUG-CR", catalogue(SmtpCoreRuleFaults.SMTP_BARE_CR_ENDS_LINES_IN_DATA), FAIL),
            breaks("SMTP-SMUG-CR", catalogue("SMTP_BARE_LINE_ENDS_STORED_RAW"), WARN),
            breaks("SMTP-SMUG-CRCRLF", catalogue(SmtpCoreRuleFaults.SMTP_BARE_CR_ENDS_LINES_IN_DATA), FAIL),
            breaks("SMTP-SMUG-NUL", catalogue(SmtpCoreRuleFaults.SMTP_NUL_DROPPED_IN_DATA), FAIL),
            breaks("SMTP-SMUG-BDAT", catalogue("SMTP_BARE_LF_ENDS_DATA"), FAIL),
            // §4.5.3.1 limits
            breaks("SMTP-LIM-CMDOVER", catalogue(SmtpCoreRuleFaults.SMTP_LONG_COMMAND_LINE_ANSWERED_TWICE), WARN),
            breaks("SMTP-LIM-MAILEXT", catalogue(SmtpCoreRuleFaults.SMTP_MAIL_LINE_LIMIT_512), FAIL),
            breaks("SMTP-LIM-TOOBIG", catalogue(SmtpCoreRuleFaults.SMTP_TOO_BIG_ANSWERED_250), FAIL));
}
