package io.mailharness.conformance.proof;

import io.mailharness.faultserver.conformance.BasicRuleFaults;
import io.mailharness.faultserver.conformance.SmtpCoreRuleFaults;
import io.mailharness.faultserver.conformance.SmtpExtensionRuleFaults;
import io.mailharness.faultserver.conformance.Pop3RuleFaults;
import java.util.List;

import static io.mailharness.conformance.proof.Proof.breaks;
import static io.mailharness.conformance.proof.Proof.keeps;
import static io.mailharness.conformance.proof.ServerFault.catalogue;
import static io.mailharness.conformance.proof.ServerFault.pop3Proxy;
import static io.mailharness.conformance.proof.ServerFault.proxy;
import static io.mailharness.result.Outcome.FAIL;
import static io.mailharness.result.Outcome.WARN;

/**
 * The one table that proves the suite: for each check, the server faults that break its rule and the outcome
 * the check must then give (FAIL for a MUST, WARN for a SHOULD). Against the conforming baseline every check
 * must PASS (INFO checks: INFO). {@link ConformanceProofTest} fails when a check has no row here.
 */
final class ProofTable {
    private ProofTable() {}

    private static final List<Proof> FIRST_WAVE = List.of(
            // RFC 5321 §4.2 replies
            breaks("SMTP-INV-FORMAT", catalogue("SMTP_EHLO_CONTINUATION_CODE_MISMATCH"), FAIL),
            breaks("SMTP-INV-FORMAT", catalogue(BasicRuleFaults.SMTP_REPLY_BARE_CR), FAIL),
            breaks("SMTP-INV-ONE", catalogue("SMTP_EHLO_EARLY_LAST_LINE"), FAIL),
            breaks("SMTP-INV-ONE", catalogue(BasicRuleFaults.SMTP_NOOP_TWO_REPLIES), FAIL),
            // §3.1 greeting
            breaks("SMTP-GRT-220", catalogue("SMTP_GREETING_NOT_220"), FAIL),
            breaks("SMTP-GRT-220", catalogue(BasicRuleFaults.SMTP_GREETING_NO_DOMAIN), FAIL),
            // §4.1.1.1 EHLO / HELO
            breaks("SMTP-EHLO-OK", catalogue("SMTP_HELO_MULTILINE"), FAIL),
            breaks("SMTP-EHLO-OK", catalogue(BasicRuleFaults.SMTP_EHLO_BAD_KEYWORD), FAIL),
            breaks("SMTP-EHLO-NOARG", catalogue(BasicRuleFaults.SMTP_EHLO_WITHOUT_DOMAIN_ACCEPTED), FAIL),
            breaks("SMTP-EHLO-RESET", catalogue(BasicRuleFaults.SMTP_EHLO_KEEPS_TRANSACTION), FAIL),
            breaks("SMTP-EHLO-CAPS", catalogue(BasicRuleFaults.SMTP_EHLO_LISTS_ETRN), FAIL),
            // §4.1.1 command syntax
            breaks("SMTP-CMD-CASE", proxy("PROXY_CASE_SENSITIVE_VERBS", ClientRewrites.CASE_SENSITIVE_VERBS), FAIL),
            breaks("SMTP-CMD-UNKNOWN", catalogue("SMTP_UNKNOWN_COMMAND_250"), WARN),
            breaks("SMTP-CMD-TRAILWS", proxy("PROXY_TRAILING_SPACE_AS_PARAMETER", ClientRewrites.TRAILING_SPACE_AS_PARAMETER), WARN),
            breaks("SMTP-CMD-NOARGS", catalogue(BasicRuleFaults.SMTP_RSET_IGNORES_PARAMETER), WARN),
            breaks("SMTP-CMD-8BIT", proxy("PROXY_EIGHT_BIT_FLATTENED", ClientRewrites.EIGHT_BIT_FLATTENED), WARN),
            breaks("SMTP-CMD-CTRL", proxy("PROXY_CONTROL_CHARACTERS_DROPPED", ClientRewrites.CONTROL_CHARACTERS_DROPPED), FAIL),
            breaks("SMTP-CMD-BARELF", proxy("PROXY_BARE_LINE_ENDS_SPLIT", ClientRewrites.BARE_LINE_ENDS_SPLIT), FAIL),
            // §4.1.4 order of commands
            breaks("SMTP-SEQ-RCPT-NOMAIL", catalogue("SMTP_RCPT_WITHOUT_MAIL_NOT_503"), FAIL),
            breaks("SMTP-SEQ-DATA-NORCPT", catalogue(BasicRuleFaults.SMTP_DATA_WITHOUT_RCPT_354), FAIL),
            breaks("SMTP-SEQ-NONMAIL-NOHELO", catalogue(BasicRuleFaults.SMTP_NOOP_BEFORE_EHLO_503), WARN),
            breaks("SMTP-SEQ-NESTED-MAIL", catalogue(BasicRuleFaults.SMTP_NESTED_MAIL_250), FAIL),
            breaks("SMTP-SEQ-STATE-KEPT", catalogue("SMTP_SYNTAX_ERROR_LOSES_TRANSACTION",
                    BasicRuleFaults.SMTP_SYNTAX_ERROR_LOSES_TRANSACTION_RCPT, BasicRuleFaults.SMTP_SYNTAX_ERROR_LOSES_TRANSACTION_DATA), FAIL),
            breaks("SMTP-SEQ-ABORT", catalogue(BasicRuleFaults.SMTP_DELIVERS_CUT_OFF_DATA), FAIL),
            // §4.1.2 addresses, §4.5.3.1 limits, §3.1 greeting
            breaks("SMTP-ADDR-POSTMASTER", catalogue(BasicRuleFaults.SMTP_POSTMASTER_WITHOUT_DOMAIN_REFUSED), FAIL),
            breaks("SMTP-ADDR-UNKNOWN", catalogue(BasicRuleFaults.SMTP_UNKNOWN_RECIPIENT_250), WARN),
            breaks("SMTP-ADDR-RELAY", catalogue(BasicRuleFaults.SMTP_OPEN_RELAY), WARN),
            breaks("SMTP-LIM-CMD512", proxy("PROXY_SMTP_LONG_LINES_OVER_LIMIT", ClientRewrites.LONG_LINES_OVER_LIMIT), FAIL),
            // §4.1.1.4 DATA, §4.5.2 transparency, catalogue §1.8 smuggling
            breaks("SMTP-DATA-OK", catalogue(BasicRuleFaults.SMTP_END_OF_DATA_TWO_REPLIES), FAIL),
            breaks("SMTP-DATA-DOTSTUFF", catalogue("SMTP_NO_DOT_UNSTUFFING"), FAIL),
            breaks("SMTP-DATA-NOEXTRA", catalogue("STORE_ALTER_BODY_BYTE"), FAIL),
            breaks("SMTP-DATA-NOEXTRA", catalogue(BasicRuleFaults.STORE_ADDS_CRLF_AT_END), FAIL),
            breaks("E2E-ROUNDTRIP", catalogue(BasicRuleFaults.STORE_REWRITES_TO_HEADER), FAIL),
            breaks("SMTP-SMUG-LFLF", catalogue("SMTP_BARE_LF_ENDS_DATA"), FAIL),
            breaks("SMTP-SMUG-LFLF", catalogue("SMTP_BARE_LINE_ENDS_STORED_RAW"), WARN),
            breaks("SMTP-SMUG-LFCRLF", catalogue("SMTP_BARE_LF_ENDS_DATA"), FAIL),
            breaks("SMTP-SMUG-LFCRLF", catalogue("SMTP_BARE_LINE_ENDS_STORED_RAW"), WARN),
            breaks("SMTP-SMUG-CRLFLF", catalogue("SMTP_BARE_LF_ENDS_DATA"), FAIL),
            breaks("SMTP-SMUG-CRLFLF", catalogue("SMTP_BARE_LINE_ENDS_STORED_RAW"), WARN),
            breaks("SMTP-SMUG-LFLF", catalogue("SMTP_LF_DOT_LF_ENDS_DATA_REFUSES_PIPELINING"), FAIL),
            breaks("SMTP-SMUG-LFCRLF", catalogue("SMTP_LF_DOT_LF_ENDS_DATA_REFUSES_PIPELINING"), FAIL),
            breaks("SMTP-SMUG-CRLFLF", catalogue("SMTP_LF_DOT_LF_ENDS_DATA_REFUSES_PIPELINING"), FAIL),
            breaks("SMTP-SMUG-LFLF", catalogue("SMTP_LF_DOT_LF_ENDS_DATA"), FAIL),
            breaks("SMTP-SMUG-LFCRLF", catalogue("SMTP_LF_DOT_LF_ENDS_DATA"), FAIL),
            breaks("SMTP-SMUG-CRLFLF", catalogue("SMTP_LF_DOT_LF_ENDS_DATA"), FAIL),
            breaks("SMTP-BARELF-BODY", catalogue("SMTP_BARE_LINE_ENDS_STORED_RAW"), WARN),
            breaks("SMTP-BARECR-BODY", catalogue("SMTP_BARE_LINE_ENDS_STORED_RAW"), WARN),
            // §4.1.1.5 RSET, §4.1.1.9 NOOP, §3.5 VRFY/EXPN/HELP, §4.1.1.10 QUIT
            breaks("SMTP-RSET", catalogue(BasicRuleFaults.SMTP_RSET_KEEPS_TRANSACTION), FAIL),
            breaks("SMTP-RSET", catalogue(BasicRuleFaults.SMTP_RSET_BEFORE_EHLO_503), FAIL),
            breaks("SMTP-NOOP", catalogue("SMTP_NOOP_NOT_250"), FAIL),
            breaks("SMTP-NOOP", catalogue(BasicRuleFaults.SMTP_NOOP_PARAMETER_501), WARN),
            breaks("SMTP-VRFY", catalogue(BasicRuleFaults.SMTP_VRFY_UNKNOWN_250), FAIL),
            breaks("SMTP-VRFY", catalogue(BasicRuleFaults.SMTP_VRFY_502), WARN),
            breaks("SMTP-EXPN-HELP", catalogue(BasicRuleFaults.SMTP_HELP_500), WARN),
            breaks("SMTP-QUIT", catalogue("SMTP_QUIT_NOT_221"), FAIL),
            breaks("SMTP-QUIT", catalogue("SMTP_QUIT_NOT_CLOSING"), FAIL),
            // RFC 1939 §4 AUTHORIZATION
            breaks("POP-GRT", catalogue("POP3_GREETING_ERR"), FAIL),
            breaks("POP-GRT", catalogue("POP3_GREETING_LOWERCASE_OK"), FAIL),
            breaks("POP-USERPASS", catalogue(BasicRuleFaults.POP3_PASS_REFUSED), FAIL),
            breaks("POP-USERPASS", catalogue("POP3_QUIT_NO_REPLY"), FAIL),
            breaks("POP-PASS-ORDER", catalogue("POP3_PASS_WITHOUT_USER"), FAIL),
            breaks("POP-PASS-ORDER", catalogue("POP3_WRONG_PASSWORD_ACCEPTED"), FAIL),
            breaks("POP-APOP", catalogue(BasicRuleFaults.POP3_GREETING_FIXED_TIMESTAMP), FAIL),
            breaks("POP-APOP", catalogue(BasicRuleFaults.POP3_APOP_WRONG_DIGEST_OK), FAIL),
            breaks("POP-RESPCODE-AUTH", catalogue(BasicRuleFaults.POP3_AUTH_FAILURE_WITHOUT_CODE), WARN),
            // §5 TRANSACTION
            breaks("POP-STAT-FMT", catalogue("POP3_STAT_DOUBLE_SPACE"), FAIL),
            breaks("POP-STAT-FMT", catalogue("POP3_STAT_NO_SIZE"), FAIL),
            breaks("POP-STAT-SUM", catalogue("POP3_LIST_SIZE_OFF_BY_1"), FAIL),
            breaks("POP-LIST-FMT", catalogue(BasicRuleFaults.POP3_LIST_ONE_NO_SIZE), FAIL),
            breaks("POP-UIDL-FMT", catalogue(BasicRuleFaults.POP3_UIDL_ONE_NO_UID), FAIL),
            breaks("POP-RETR", catalogue(BasicRuleFaults.POP3_RETR_BARE_LF), FAIL),
            breaks("POP-RETR-SIZE", catalogue("POP3_LIST_SIZE_OFF_BY_1"), FAIL),
            breaks("POP-RETR-STUFF", catalogue("POP3_RETR_NOT_BYTE_STUFFED"), FAIL),
            breaks("POP-DELE-REF", catalogue(BasicRuleFaults.POP3_DELE_TWICE_OK), FAIL),
            breaks("POP-DELE-HIDE", catalogue(BasicRuleFaults.POP3_STAT_COUNTS_DELETED), FAIL),
            breaks("POP-RSET", catalogue(BasicRuleFaults.POP3_RSET_KEEPS_MARKS), FAIL),
            // §3 basic operation
            breaks("POP-STATE-TXCMD", catalogue(BasicRuleFaults.POP3_NOOP_BEFORE_LOGIN_OK), FAIL),
            breaks("POP-STATE-AUTHCMD", catalogue(BasicRuleFaults.POP3_USER_AFTER_LOGIN_OK), FAIL),
            breaks("POP-UNKNOWN", catalogue(BasicRuleFaults.POP3_UNKNOWN_OK), FAIL),
            breaks("POP-CASE", pop3Proxy("PROXY_POP3_CASE_SENSITIVE_VERBS", ClientRewrites.CASE_SENSITIVE_VERBS), FAIL),
            breaks("POP-ARGS", catalogue(BasicRuleFaults.POP3_RETR_EXTRA_ARGUMENT_ACCEPTED), FAIL),
            breaks("POP-CMDLEN", pop3Proxy("PROXY_POP3_LONG_LINES_OVER_LIMIT", ClientRewrites.LONG_LINES_OVER_LIMIT), FAIL),
            // §6 UPDATE
            breaks("POP-QUIT", catalogue("POP3_QUIT_NO_REPLY"), FAIL),
            breaks("POP-QUIT", catalogue(BasicRuleFaults.POP3_QUIT_KEEPS_OPEN), FAIL),
            breaks("POP-QUIT-UPDATE", catalogue(BasicRuleFaults.POP3_QUIT_SKIPS_UPDATE), FAIL),
            breaks("POP-DROP-NOUPDATE", catalogue("POP3_DELE_WITHOUT_QUIT"), FAIL),
            // §7 optional commands
            breaks("POP-UIDL-UNIQUE", catalogue("POP3_UIDL_DUPLICATED"), FAIL),
            breaks("POP-UIDL-PERSIST", catalogue("POP3_UIDL_REUSED"), FAIL),
            breaks("POP-TOP", catalogue(BasicRuleFaults.POP3_TOP_IGNORES_COUNT), FAIL),
            // end to end
            breaks("E2E-ROUNDTRIP", catalogue("STORE_ALTER_BODY_BYTE"), FAIL),
            breaks("E2E-ROUNDTRIP", catalogue("STORE_LOSE_MESSAGE"), FAIL),
            breaks("E2E-STUFF", catalogue("SMTP_NO_DOT_UNSTUFFING"), FAIL),
            breaks("E2E-STUFF", catalogue("POP3_RETR_NOT_BYTE_STUFFED"), FAIL),
            breaks("E2E-SIZE", catalogue("POP3_LIST_SIZE_OFF_BY_1"), FAIL),
            breaks("E2E-ONEMSG", catalogue("STORE_DUPLICATE_MESSAGE"), FAIL));

    /**
     * Servers that differ from the baseline in a way the RFCs allow, with checks that must still PASS against them:
     * the guard against a check that fails a conforming behaviour it did not expect.
     */
    static final List<Proof> KEEPS_THE_RULE = List.of(
            keeps("SMTP-SMUG-LFLF", catalogue("SMTP_BARE_LF_MADE_CRLF_KEEPS_LOOK_ALIKES")),
            keeps("SMTP-SMUG-LFCRLF", catalogue("SMTP_BARE_LF_MADE_CRLF_KEEPS_LOOK_ALIKES")),
            keeps("SMTP-SMUG-CRLFLF", catalogue("SMTP_BARE_LF_MADE_CRLF_KEEPS_LOOK_ALIKES")),
            keeps("SMTP-DATA-DOTSTUFF", catalogue(BasicRuleFaults.STORE_REWRITES_TO_HEADER)),
            keeps("SMTP-DATA-NOEXTRA", catalogue(BasicRuleFaults.STORE_REWRITES_TO_HEADER)),
            keeps("SMTP-DATA-MINSIZES", catalogue(BasicRuleFaults.STORE_REWRITES_TO_HEADER)),
            keeps("E2E-STUFF", catalogue(BasicRuleFaults.STORE_REWRITES_TO_HEADER)));

    /**
     * Every proof row: the first wave's rows above plus one list per area, each kept in its own file so
     * that areas grow independently.
     */
    static final List<Proof> ROWS = java.util.stream.Stream.of(
                    FIRST_WAVE
                    , SmtpCoreProofs.ROWS
                    , SmtpExtensionProofs.ROWS
                    , Pop3Proofs.ROWS
                    // further areas: one line each, e.g. ", SmtpExtensionProofs.ROWS"
            ).flatMap(List::stream).toList();
}
