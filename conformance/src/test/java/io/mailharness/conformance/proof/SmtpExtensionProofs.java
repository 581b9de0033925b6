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
                    SmtpExtensionRuleFaults.SMTP_PIPELINED_MAIL_SYNC_ERROR, SmtpExtensionRuleFaults.SMTP_PIPELINED_RCPT_SYNC_ERROR), FAIL).at("MAIL FROM:<sender@mailharness.test> (pipelined)", "554 5.5.0 SMTP protocol synchronization"),
            breaks("SMTP-PIPE-REJALL", catalogue(SmtpExtensionRuleFaults.SMTP_DATA_ACCEPTS_NO_RECIPIENTS), FAIL).at("<empty message> CRLF.CRLF", "250 2.0.0 accepted for nobody\\r\\n"),
            breaks("SMTP-PIPE-NOLOSS", catalogue(SmtpExtensionRuleFaults.SMTP_RSET_FLUSHES_INPUT), FAIL).at("RSET (2 of 8, pipelined)", "421 4.3.0 42 octets of input"),
            // RFC 3207 STARTTLS
            breaks("SMTP-TLS-GO", catalogue(SmtpExtensionRuleFaults.SMTP_STARTTLS_LISTED_INSIDE_TLS), FAIL).at("EHLO inside TLS", "250-localhost greets client.example\\r\\n"),
            breaks("SMTP-TLS-MISUSE", catalogue(SmtpExtensionRuleFaults.SMTP_STARTTLS_IGNORES_PARAMETER), FAIL).at("STARTTLS now", "220 2.0.0 Ready to start TLS\\r\\n"),
            breaks("SMTP-TLS-INJECT", catalogue("SMTP_STARTTLS_ANSWERS_PLAINTEXT_INJECTION"), FAIL).at("inside TLS: the injected NOOP must not be answered", "250 2.0.0 OK\\r\\n"),
            breaks("SMTP-TLS-NOFALSEPOS", proxy("PROXY_DROPS_STARTTLS_LINES", SmtpExtensionRuleFaults.DROP_STARTTLS_LINES), FAIL).at("RETR 4", "0 octets: the start of the sent message"),
            breaks("SMTP-TLS-RESET", catalogue("SMTP_STARTTLS_KEEPS_TRANSACTION"), FAIL).at("RCPT TO:<alice@mailharness.test>", "250 2.1.5 Recipient <alice@mailharness.t"),
            breaks("SMTP-TLS-AFTERAUTH", catalogue("SMTP_LOGIN_IN_CLEAR_KEPT_OVER_TLS", SmtpFaults.SMTP_AUTH_PLAIN_WITHOUT_TLS,
                    SmtpExtensionRuleFaults.SMTP_EHLO_OFFERS_AUTH_IN_CLEAR, SmtpFaults.SMTP_STARTTLS_KEEPS_LOGIN), FAIL).at("AUTH PLAIN ****", "503 5.5.1 Already authenticated\\r\\n"),
            breaks("SMTP-TLS-REQUIRED", catalogue("SMTP_TLS_REQUIRED_NOOP_530", Stream.concat(SmtpExtensionRuleFaults.TLS_REQUIRED.stream(),
                    Stream.of(SmtpExtensionRuleFaults.SMTP_TLS_REQUIRED_NOOP_530)).toArray(Fault[]::new)), WARN).at("NOOP", "530 5.7.0 Must issue a STARTTLS command"),
            // RFC 4954 AUTH
            breaks("SMTP-AUTH-PLAINTEXT", catalogue("SMTP_AUTH_PLAIN_OFFERED_WITHOUT_TLS", SmtpFaults.SMTP_AUTH_PLAIN_WITHOUT_TLS,
                    SmtpExtensionRuleFaults.SMTP_EHLO_OFFERS_AUTH_IN_CLEAR), WARN).at("AUTH PLAIN **** (made-up login, in clear)", "535 5.7.8 Authentication credentials"),
            breaks("SMTP-AUTH-OK", catalogue(SmtpExtensionRuleFaults.SMTP_AUTH_EMPTY_CHALLENGE_WITH_TEXT), FAIL).at("AUTH PLAIN", "334 go ahead\\r\\n"),
            breaks("SMTP-AUTH-FAIL", catalogue(SmtpExtensionRuleFaults.SMTP_AUTH_WRONG_PASSWORD_235), FAIL).at("AUTH PLAIN **** (wrong password)", "235 2.7.0 Authentication successful\\r\\n"),
            breaks("SMTP-AUTH-SEQ", catalogue(SmtpExtensionRuleFaults.SMTP_AUTH_TWICE_235), FAIL).at("AUTH PLAIN ****", "235 2.7.0 Authentication successful\\r\\n"),
            // RFC 1870 SIZE, RFC 5321 §4.1.1.11 parameters
            breaks("SMTP-SIZE-DECL", catalogue(SmtpExtensionRuleFaults.SMTP_SIZE_OVER_LIMIT_250), FAIL).at("MAIL FROM:<sender@mailharness.test> SIZE=", "250 2.1.0 OK\\r\\n"),
            breaks("SMTP-SIZE-LIE", catalogue("SMTP_SIZE_AS_FRAMING",
                    SmtpExtensionRuleFaults.SMTP_SIZE_AS_FRAMING_MAIL, SmtpExtensionRuleFaults.SMTP_SIZE_AS_FRAMING_DATA), FAIL).at("after the reply to the end of data (SIZE is no framing: the", "500 5.5.1 Command unrecognized"),
            breaks("SMTP-PARAM-UNKNOWN", catalogue("SMTP_UNKNOWN_PARAMETERS_IGNORED",
                    SmtpExtensionRuleFaults.SMTP_UNKNOWN_MAIL_PARAMETER_IGNORED, SmtpExtensionRuleFaults.SMTP_UNKNOWN_RCPT_PARAMETER_IGNORED), FAIL).at("MAIL FROM:<sender@mailharness.test> FOO=BAR", "250 2.1.0 Sender <sender@mailharness.tes"),
            // RFC 6152 8BITMIME, RFC 6531 SMTPUTF8
            breaks("SMTP-EXT-ADV", catalogue(SmtpExtensionRuleFaults.SMTP_EXT_SMTPUTF8_WITHOUT_8BITMIME), FAIL).at("EHLO", "250-localhost greets client.example\\r\\n"),
            breaks("SMTP-8BIT-USE", catalogue(SmtpExtensionRuleFaults.SMTP_BODY_8BITMIME_REFUSED), FAIL).at("MAIL FROM:<sender@mailharness.test> BODY=8BITMIME", "555 5.5.4 BODY not supported\\r\\n"),
            breaks("E2E-8BIT", catalogue(SmtpExtensionRuleFaults.STORE_STRIPS_EIGHTH_BIT), FAIL).at("RETR 4", "168 octets: the start of the sent"),
            breaks("SMTP-UTF8-USE", catalogue(SmtpExtensionRuleFaults.SMTP_UTF8_SENDER_REFUSED), FAIL).at("MAIL FROM:<jürgen.müller@mailharness.test> SMTPUTF8", "553 5.6.7 UTF-8 addresses not"),
            // RFC 2034 ENHANCEDSTATUSCODES, RFC 3461 DSN
            breaks("SMTP-ESC", catalogue(SmtpExtensionRuleFaults.SMTP_NOOP_WITHOUT_STATUS_CODE), FAIL).at("NOOP", "250 OK\\r\\n"),
            breaks("SMTP-DSN", catalogue(SmtpExtensionRuleFaults.SMTP_NOTIFY_NEVER_COMBINED_ACCEPTED), FAIL).at("RCPT TO:<alice@mailharness.test> NOTIFY=NEVER,SUCCESS", "250 2.1.5 Recipient <alice@mailharness.t"),
            // RFC 3030 CHUNKING
            breaks("SMTP-BDAT-OK", catalogue(SmtpExtensionRuleFaults.STORE_CUTS_AT_DOT_LINE), FAIL).at("RETR 4", "12 octets: the start of the sent"),
            breaks("SMTP-BDAT-SEQ", catalogue(SmtpExtensionRuleFaults.SMTP_BDAT_REFUSED_CHUNK_UNREAD), FAIL).at("after the refused chunk (its octets are data, never", "500 5.5.1 Command unrecognized\\r\\n"),
            breaks("SMTP-BDAT-RSET", catalogue(SmtpExtensionRuleFaults.SMTP_RSET_CLOSES_DURING_BDAT), FAIL).at("RSET", "connection closed"),
            breaks("SMTP-BDAT-RSET", catalogue(SmtpExtensionRuleFaults.SMTP_RSET_KEEPS_BDAT_TRANSACTION), FAIL).at("MAIL FROM:", "503 5.5.1 Nested MAIL command"),
            // RFC 5321 §7.2 end to end
            breaks("E2E-BCC", catalogue(SmtpExtensionRuleFaults.STORE_LISTS_ALL_RECIPIENTS), WARN).at("headers of the copy for alice@mailharness.test", "X-Envelope-To: <alice@mailharness.test>,"));
}
