package io.mailharness.conformance.proof;

import io.mailharness.faultserver.conformance.BasicRuleFaults;
import io.mailharness.faultserver.conformance.SmtpCoreRuleFaults;
import io.mailharness.faultserver.conformance.SmtpExtensionRuleFaults;
import io.mailharness.faultserver.conformance.Pop3RuleFaults;
import io.mailharness.faultserver.Fault;
import io.mailharness.faultserver.smtp.SmtpFaults;

import java.util.List;
import java.util.stream.Stream;

import static io.mailharness.conformance.proof.Proof.breaks;
import static io.mailharness.conformance.proof.ServerFault.catalogue;
import static io.mailharness.conformance.proof.ServerFault.proxy;
import static io.mailharness.result.Outcome.FAIL;
import static io.mailharness.result.Outcome.WARN;

/** Proof rows of the SMTP service-extension checks (catalogue §1.11-§1.14) and their end-to-end rows. */
final class SmtpExtensionProofs {
    private SmtpExtensionProofs() {}

    static final List<Proof> ROWS = List.of(
            // RFC 2920 PIPELINING
            breaks("SMTP-PIPE-ORDER", catalogue("SMTP_PIPELINING_SYNC_ERROR",
                    SmtpExtensionRuleFaults.SMTP_PIPELINED_MAIL_SYNC_ERROR, SmtpExtensionRuleFaults.SMTP_PIPELINED_RCPT_SYNC_ERROR), FAIL),
            breaks("SMTP-PIPE-REJALL", catalogue(SmtpExtensionRuleFaults.SMTP_DATA_ACCEPTS_NO_RECIPIENTS), FAIL),
            breaks("SMTP-PIPE-NOLOSS", catalogue(SmtpExtensionRuleFaults.SMTP_RSET_FLUSHES_INPUT), FAIL),
            // RFC 3207 STARTTLS
            breaks("SMTP-TLS-GO", catalogue(SmtpExtensionRuleFaults.SMTP_STARTTLS_LISTED_INSIDE_TLS), FAIL),
            breaks("SMTP-TLS-MISUSE", catalogue(SmtpExtensionRuleFaults.SMTP_STARTTLS_IGNORES_PARAMETER), FAIL),
            breaks("SMTP-TLS-INJECT", catalogue("SMTP_STARTTLS_ANSWERS_PLAINTEXT_INJECTION"), FAIL),
            breaks("SMTP-TLS-NOFALSEPOS", proxy("PROXY_DROPS_STARTTLS_LINES", SmtpExtensionRuleFaults.DROP_STARTTLS_LINES), FAIL),
            breaks("SMTP-TLS-RESET", catalogue("SMTP_STARTTLS_KEEPS_TRANSACTION"), FAIL),
            breaks("SMTP-TLS-AFTERAUTH", catalogue("SMTP_LOGIN_IN_CLEAR_KEPT_OVER_TLS", SmtpFaults.SMTP_AUTH_PLAIN_WITHOUT_TLS,
                    SmtpExtensionRuleFaults.SMTP_EHLO_OFFERS_AUTH_IN_CLEAR, SmtpFaults.SMTP_STARTTLS_KEEPS_LOGIN), FAIL),
            breaks("SMTP-TLS-REQUIRED", catalogue("SMTP_TLS_REQUIRED_NOOP_530", Stream.concat(SmtpExtensionRuleFaults.TLS_REQUIRED.stream(),
                    Stream.of(SmtpExtensionRuleFaults.SMTP_TLS_REQUIRED_NOOP_530)).toArray(Fault[]::new)), WARN),
            // RFC 4954 AUTH
            breaks("SMTP-AUTH-PLAINTEXT", catalogue("SMTP_AUTH_PLAIN_WITHOUT_TLS"), WARN),
            breaks("SMTP-AUTH-OK", catalogue(SmtpExtensionRuleFaults.SMTP_AUTH_EMPTY_CHALLENGE_WITH_TEXT), FAIL),
            breaks("SMTP-AUTH-FAIL", catalogue(SmtpExtensionRuleFaults.SMTP_AUTH_WRONG_PASSWORD_235), FAIL),
            breaks("SMTP-AUTH-SEQ", catalogue(SmtpExtensionRuleFaults.SMTP_AUTH_TWICE_235), FAIL),
            // RFC 1870 SIZE, RFC 5321 §4.1.1.11 parameters
            breaks("SMTP-SIZE-DECL", catalogue(SmtpExtensionRuleFaults.SMTP_SIZE_OVER_LIMIT_250), FAIL),
            breaks("SMTP-SIZE-LIE", catalogue("SMTP_SIZE_AS_FRAMING",
                    SmtpExtensionRuleFaults.SMTP_SIZE_AS_FRAMING_MAIL, SmtpExtensionRuleFaults.SMTP_SIZE_AS_FRAMING_DATA), FAIL),
            breaks("SMTP-PARAM-UNKNOWN", catalogue("SMTP_UNKNOWN_PARAMETERS_IGNORED",
                    SmtpExtensionRuleFaults.SMTP_UNKNOWN_MAIL_PARAMETER_IGNORED, SmtpExtensionRuleFaults.SMTP_UNKNOWN_RCPT_PARAMETER_IGNORED), FAIL),
            // RFC 6152 8BITMIME, RFC 6531 SMTPUTF8
            breaks("SMTP-EXT-ADV", catalogue(SmtpExtensionRuleFaults.SMTP_EXT_SMTPUTF8_WITHOUT_8BITMIME), FAIL),
            breaks("SMTP-8BIT-USE", catalogue(SmtpExtensionRuleFaults.SMTP_BODY_8BITMIME_REFUSED), FAIL),
            breaks("E2E-8BIT", catalogue(SmtpExtensionRuleFaults.STORE_STRIPS_EIGHTH_BIT), FAIL),
            breaks("SMTP-UTF8-USE", catalogue(SmtpExtensionRuleFaults.SMTP_UTF8_SENDER_REFUSED), FAIL),
            // RFC 2034 ENHANCEDSTATUSCODES, RFC 3461 DSN
            breaks("SMTP-ESC", catalogue(SmtpExtensionRuleFaults.SMTP_NOOP_WITHOUT_STATUS_CODE), FAIL),
            breaks("SMTP-DSN", catalogue(SmtpExtensionRuleFaults.SMTP_NOTIFY_NEVER_COMBINED_ACCEPTED), FAIL),
            // RFC 3030 CHUNKING
            breaks("SMTP-BDAT-OK", catalogue(SmtpExtensionRuleFaults.STORE_CUTS_AT_DOT_LINE), FAIL),
            breaks("SMTP-BDAT-SEQ", catalogue(SmtpExtensionRuleFaults.SMTP_BDAT_REFUSED_CHUNK_UNREAD), FAIL),
            // RFC 5321 §7.2 end to end
            breaks("E2E-BCC", catalogue(SmtpExtensionRuleFaults.STORE_LISTS_ALL_RECIPIENTS), WARN));
}
