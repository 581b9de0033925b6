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
            breaks("SMTP-INV-FORMAT", catalogue("SMTP_EHLO_CONTINUATION_CODE_MISMATCH"), FAIL).at("EHLO client.example", "251-PIPELINING\\r\\n"),
            breaks("SMTP-INV-FORMAT", catalogue(BasicRuleFaults.SMTP_REPLY_BARE_CR), FAIL).at("NOOP", "250 2.0.0\\rOK\\r\\n"),
            breaks("SMTP-INV-ONE", catalogue("SMTP_EHLO_EARLY_LAST_LINE"), FAIL).at("after the reply to EHLO client.example", "250-PIPELINING"),
            breaks("SMTP-INV-ONE", catalogue(BasicRuleFaults.SMTP_NOOP_TWO_REPLIES), FAIL).at("after the reply to NOOP", "250 2.0.0 OK again\\r\\n"),
            // §3.1 greeting
            breaks("SMTP-GRT-220", catalogue("SMTP_GREETING_NOT_220"), FAIL).at("greeting", "250 localhost ESMTP Mailharness fault"),
            breaks("SMTP-GRT-220", catalogue(BasicRuleFaults.SMTP_GREETING_NO_DOMAIN), FAIL).at("greeting", "220 \\r\\n"),
            // §4.1.1.1 EHLO / HELO
            breaks("SMTP-EHLO-OK", catalogue("SMTP_HELO_MULTILINE"), FAIL).at("HELO client.example", "3 lines: 250-localhost\\r\\n"),
            breaks("SMTP-EHLO-OK", catalogue(BasicRuleFaults.SMTP_EHLO_BAD_KEYWORD), FAIL).at("EHLO client.example", "250-X_UNDERSCORE\\r\\n"),
            breaks("SMTP-EHLO-NOARG", catalogue(BasicRuleFaults.SMTP_EHLO_WITHOUT_DOMAIN_ACCEPTED), FAIL).at("EHLO", "250 localhost\\r\\n"),
            breaks("SMTP-EHLO-RESET", catalogue(BasicRuleFaults.SMTP_EHLO_KEEPS_TRANSACTION), FAIL).at("RCPT TO:<alice@mailharness.test>", "250 2.1.5 Recipient <alice@mailharness.t"),
            breaks("SMTP-EHLO-CAPS", catalogue(BasicRuleFaults.SMTP_EHLO_LISTS_ETRN), FAIL).at("ETRN mailharness.test", "502 5.5.1 Command not implemented\\r\\n"),
            // §4.1.1 command syntax
            breaks("SMTP-CMD-CASE", proxy("PROXY_CASE_SENSITIVE_VERBS", ClientRewrites.CASE_SENSITIVE_VERBS), FAIL).at("ehlo client.example", "500 5.5.1 Command unrecognized\\r\\n"),
            breaks("SMTP-CMD-UNKNOWN", catalogue("SMTP_UNKNOWN_COMMAND_250"), WARN).at("XYZZY", "250 2.0.0 OK\\r\\n"),
            breaks("SMTP-CMD-TRAILWS", proxy("PROXY_TRAILING_SPACE_AS_PARAMETER", ClientRewrites.TRAILING_SPACE_AS_PARAMETER), WARN).at("RSET \\r\\n", "501 5.5.4 RSET takes no parameters\\r\\n"),
            breaks("SMTP-CMD-NOARGS", catalogue(BasicRuleFaults.SMTP_RSET_IGNORES_PARAMETER), WARN).at("RSET x", "250 2.0.0 OK\\r\\n"),
            breaks("SMTP-CMD-8BIT", proxy("PROXY_EIGHT_BIT_FLATTENED", ClientRewrites.EIGHT_BIT_FLATTENED), WARN).at("MAIL FROM:<ü@example.com>\\r\\n", "250 2.1.0 Sender <xx@example.com> OK\\r\\n"),
            breaks("SMTP-CMD-CTRL", proxy("PROXY_CONTROL_CHARACTERS_DROPPED", ClientRewrites.CONTROL_CHARACTERS_DROPPED), FAIL).at("MAIL FROM:<a\\x01b@example.com>\\r\\n", "250 2.1.0 Sender <ab@example.com> OK\\r\\n"),
            breaks("SMTP-CMD-BARELF", proxy("PROXY_BARE_LINE_ENDS_SPLIT", ClientRewrites.BARE_LINE_ENDS_SPLIT), FAIL).at("NOOP\\nNOOP\\r\\n", "two replies: the bare line end split"),
            // §4.1.4 order of commands
            breaks("SMTP-SEQ-RCPT-NOMAIL", catalogue("SMTP_RCPT_WITHOUT_MAIL_NOT_503"), FAIL).at("RCPT TO:<alice@mailharness.test>", "250 2.1.5 OK\\r\\n"),
            breaks("SMTP-SEQ-DATA-NORCPT", catalogue(BasicRuleFaults.SMTP_DATA_WITHOUT_RCPT_354), FAIL).at("DATA", "354 go ahead\\r\\n"),
            breaks("SMTP-SEQ-NONMAIL-NOHELO", catalogue(BasicRuleFaults.SMTP_NOOP_BEFORE_EHLO_503), WARN).at("NOOP", "503 5.5.1 Say EHLO first\\r\\n"),
            breaks("SMTP-SEQ-NESTED-MAIL", catalogue(BasicRuleFaults.SMTP_NESTED_MAIL_250), FAIL).at("MAIL FROM:<second-sender@mailharness.test>", "250 2.1.0 OK\\r\\n"),
            breaks("SMTP-SEQ-STATE-KEPT", catalogue("SMTP_SYNTAX_ERROR_LOSES_TRANSACTION",
                    BasicRuleFaults.SMTP_SYNTAX_ERROR_LOSES_TRANSACTION_RCPT, BasicRuleFaults.SMTP_SYNTAX_ERROR_LOSES_TRANSACTION_DATA), FAIL).at("DATA", "503 5.5.1 No transaction\\r\\n"),
            breaks("SMTP-SEQ-ABORT", catalogue(BasicRuleFaults.SMTP_DELIVERS_CUT_OFF_DATA), FAIL).at("look for the message whose DATA was cut off", "delivered"),
            // §4.1.2 addresses, §4.5.3.1 limits, §3.1 greeting
            breaks("SMTP-ADDR-POSTMASTER", catalogue(BasicRuleFaults.SMTP_POSTMASTER_WITHOUT_DOMAIN_REFUSED), FAIL).at("RCPT TO:<Postmaster>", "550 5.1.1 No such user\\r\\n"),
            breaks("SMTP-ADDR-UNKNOWN", catalogue(BasicRuleFaults.SMTP_UNKNOWN_RECIPIENT_250), WARN).at("RCPT TO:<", "250 2.1.5 OK\\r\\n"),
            breaks("SMTP-ADDR-RELAY", catalogue(BasicRuleFaults.SMTP_OPEN_RELAY), WARN).at("RCPT TO:<someone@foreign.example>", "250 2.1.5 OK\\r\\n"),
            breaks("SMTP-LIM-CMD512", proxy("PROXY_SMTP_LONG_LINES_OVER_LIMIT", ClientRewrites.LONG_LINES_OVER_LIMIT), FAIL).at("HELP xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "500 5.5.2 Line too long\\r\\n"),
            // §4.1.1.4 DATA, §4.5.2 transparency, catalogue §1.8 smuggling
            breaks("SMTP-DATA-OK", catalogue(BasicRuleFaults.SMTP_END_OF_DATA_TWO_REPLIES), FAIL).at("after the reply to the end of data", "250 2.0.0 OK again\\r\\n"),
            breaks("SMTP-DATA-DOTSTUFF", catalogue("SMTP_NO_DOT_UNSTUFFING"), FAIL).at("RETR 4", "26 octets: the start of the sent"),
            breaks("SMTP-DATA-NOEXTRA", catalogue("STORE_ALTER_BODY_BYTE"), FAIL).at("RETR 4", "49 octets: the start of the sent"),
            breaks("SMTP-DATA-NOEXTRA", catalogue(BasicRuleFaults.STORE_ADDS_CRLF_AT_END), FAIL).at("RETR 4", "51 octets: 2 octets follow the sent"),
            breaks("E2E-ROUNDTRIP", catalogue(BasicRuleFaults.STORE_REWRITES_TO_HEADER), FAIL).at("RETR 4", "464 octets: octet 82 differs: sent"),
            breaks("E2E-ROUNDTRIP", catalogue(BasicRuleFaults.STORE_ADDS_CRLF_AT_END), FAIL).at("RETR 4", "456 octets: 2 octets follow the sent"),
            breaks("SMTP-SMUG-LFLF", catalogue("SMTP_BARE_LF_ENDS_DATA"), FAIL).at("after a body holding \\\\n.\\\\n (in one write; before the real", "250 2.0.0 Message accepted,"),
            breaks("SMTP-SMUG-LFLF", catalogue("SMTP_BARE_LINE_ENDS_STORED_RAW"), WARN).at("RETR 4", "stored raw (a bare CR or LF is in the"),
            breaks("SMTP-SMUG-LFCRLF", catalogue("SMTP_BARE_LF_ENDS_DATA"), FAIL).at("after a body holding \\\\n.\\\\r\\\\n (in one write; before the", "250 2.0.0 Message accepted,"),
            breaks("SMTP-SMUG-LFCRLF", catalogue("SMTP_BARE_LINE_ENDS_STORED_RAW"), WARN).at("RETR 4", "stored raw (a bare CR or LF is in the"),
            breaks("SMTP-SMUG-CRLFLF", catalogue("SMTP_BARE_LF_ENDS_DATA"), FAIL).at("after a body holding \\\\r\\\\n.\\\\n (in one write; before the", "250 2.0.0 Message accepted,"),
            breaks("SMTP-SMUG-CRLFLF", catalogue("SMTP_BARE_LINE_ENDS_STORED_RAW"), WARN).at("RETR 4", "stored raw (a bare CR or LF is in the"),
            breaks("SMTP-SMUG-LFLF", catalogue("SMTP_LF_DOT_LF_ENDS_DATA_REFUSES_PIPELINING"), FAIL).at("after a body holding \\\\n.\\\\n (in one write; before the real", "500 5.5.1 Invalid command: Pipelining"),
            breaks("SMTP-SMUG-LFCRLF", catalogue("SMTP_LF_DOT_LF_ENDS_DATA_REFUSES_PIPELINING"), FAIL).at("after a body holding \\\\n.\\\\r\\\\n (in one write; before the", "500 5.5.1 Invalid command: Pipelining"),
            breaks("SMTP-SMUG-CRLFLF", catalogue("SMTP_LF_DOT_LF_ENDS_DATA_REFUSES_PIPELINING"), FAIL).at("after a body holding \\\\r\\\\n.\\\\n (in one write; before the", "500 5.5.1 Invalid command: Pipelining"),
            breaks("SMTP-SMUG-LFLF", catalogue("SMTP_LF_DOT_LF_ENDS_DATA"), FAIL).at("after a body holding \\\\n.\\\\n (in one write; before the real", "250 2.0.0 Message accepted,"),
            breaks("SMTP-SMUG-LFCRLF", catalogue("SMTP_LF_DOT_LF_ENDS_DATA"), FAIL).at("after a body holding \\\\n.\\\\r\\\\n (in one write; before the", "250 2.0.0 Message accepted,"),
            breaks("SMTP-SMUG-CRLFLF", catalogue("SMTP_LF_DOT_LF_ENDS_DATA"), FAIL).at("after a body holding \\\\r\\\\n.\\\\n (in one write; before the", "250 2.0.0 Message accepted,"),
            breaks("SMTP-SMUG-BDAT", catalogue("SMTP_LF_DOT_LF_ENDS_DATA_REFUSES_PIPELINING"), FAIL).at("after a body holding \\\\n.\\\\n (in one write; before the real", "500 5.5.1 Invalid command: Pipelining"),
            breaks("SMTP-SMUG-BDAT", catalogue("SMTP_LF_DOT_LF_ENDS_DATA"), FAIL).at("after a body holding \\\\n.\\\\n (in one write; before the real", "250 2.0.0 Message accepted,"),
            breaks("SMTP-BARELF-BODY", catalogue("SMTP_BARE_LINE_ENDS_STORED_RAW"), WARN).at("RETR 4", "stored raw"),
            breaks("SMTP-BARECR-BODY", catalogue("SMTP_BARE_LINE_ENDS_STORED_RAW"), WARN).at("RETR 4", "stored raw"),
            // §4.1.1.5 RSET, §4.1.1.9 NOOP, §3.5 VRFY/EXPN/HELP, §4.1.1.10 QUIT
            breaks("SMTP-RSET", catalogue(BasicRuleFaults.SMTP_RSET_KEEPS_TRANSACTION), FAIL).at("RCPT TO:<alice@mailharness.test>", "250 2.1.5 Recipient <alice@mailharness.t"),
            breaks("SMTP-RSET", catalogue(BasicRuleFaults.SMTP_RSET_BEFORE_EHLO_503), FAIL).at("RSET", "503 5.5.1 Say EHLO first\\r\\n"),
            breaks("SMTP-NOOP", catalogue("SMTP_NOOP_NOT_250"), FAIL).at("NOOP", "502 5.5.1 NOOP refused\\r\\n"),
            breaks("SMTP-NOOP", catalogue(BasicRuleFaults.SMTP_NOOP_PARAMETER_501), WARN).at("NOOP x", "501 5.5.4 NOOP takes no parameter\\r\\n"),
            breaks("SMTP-VRFY", catalogue(BasicRuleFaults.SMTP_VRFY_UNKNOWN_250), FAIL).at("VRFY", "250 2.1.5 <"),
            breaks("SMTP-VRFY", catalogue(BasicRuleFaults.SMTP_VRFY_502), WARN).at("VRFY postmaster", "502 5.5.1 VRFY disabled"),
            breaks("SMTP-VRFY", catalogue(BasicRuleFaults.SMTP_VRFY_NO_ARGUMENT_502), WARN).at("VRFY", "502 5.5.1 VRFY needs an argument"),
            breaks("SMTP-EXPN-HELP", catalogue(BasicRuleFaults.SMTP_HELP_500), WARN).at("HELP", "500 5.5.1 What?\\r\\n"),
            breaks("SMTP-QUIT", catalogue("SMTP_QUIT_NOT_221"), FAIL).at("QUIT", "250 2.0.0 Bye\\r\\n"),
            breaks("SMTP-QUIT", catalogue("SMTP_QUIT_NOT_CLOSING"), FAIL).at("after 221", "still open"),
            // RFC 1939 §4 AUTHORIZATION
            breaks("POP-GRT", catalogue("POP3_GREETING_ERR"), FAIL).at("greeting", "-ERR Service not available\\r\\n"),
            breaks("POP-GRT", catalogue("POP3_GREETING_LOWERCASE_OK"), FAIL).at("greeting", "+ok Mailharness POP3 fault server ready"),
            breaks("POP-USERPASS", catalogue(BasicRuleFaults.POP3_PASS_REFUSED), FAIL).at("PASS ****", "-ERR denied\\r\\n"),
            breaks("POP-USERPASS", catalogue("POP3_QUIT_NO_REPLY"), FAIL).at("QUIT", "connection closed"),
            breaks("POP-USERPASS", catalogue(Pop3RuleFaults.POP3_USER_REFUSED), FAIL).at("USER alice", "-ERR no mailbox here by that name\\r\\n"),
            breaks("POP-USERPASS", catalogue("POP3_STAT_DOUBLE_SPACE"), FAIL).at("STAT", "+OK 3  195\\r\\n"),
            breaks("POP-USERPASS", catalogue(BasicRuleFaults.POP3_QUIT_KEEPS_OPEN), FAIL).at("after QUIT in AUTHORIZATION", "still open"),
            breaks("POP-PASS-ORDER", catalogue("POP3_PASS_WITHOUT_USER"), FAIL).at("PASS ****", "+OK Maildrop has 3 messages (195"),
            breaks("POP-PASS-ORDER", catalogue("POP3_WRONG_PASSWORD_ACCEPTED"), FAIL).at("PASS ****", "+OK Maildrop has 3 messages (195"),
            breaks("POP-APOP", catalogue(BasicRuleFaults.POP3_GREETING_FIXED_TIMESTAMP), FAIL).at("two greetings", "<1.1@localhost> twice"),
            breaks("POP-APOP", catalogue(BasicRuleFaults.POP3_APOP_WRONG_DIGEST_OK), FAIL).at("APOP alice ****", "+OK welcome\\r\\n"),
            breaks("POP-RESPCODE-AUTH", catalogue(BasicRuleFaults.POP3_AUTH_FAILURE_WITHOUT_CODE), WARN).at("PASS with a wrong password", "-ERR Invalid credentials\\r\\n"),
            // §5 TRANSACTION
            breaks("POP-STAT-FMT", catalogue("POP3_STAT_DOUBLE_SPACE"), FAIL).at("STAT", "+OK 3  195\\r\\n"),
            breaks("POP-STAT-FMT", catalogue("POP3_STAT_NO_SIZE"), FAIL).at("STAT", "+OK 3\\r\\n"),
            breaks("POP-STAT-SUM", catalogue("POP3_LIST_SIZE_OFF_BY_1"), FAIL).at("STAT vs LIST", "+OK 3 195\\r\\n"),
            breaks("POP-LIST-FMT", catalogue(BasicRuleFaults.POP3_LIST_ONE_NO_SIZE), FAIL).at("LIST 1", "+OK 1\\r\\n"),
            breaks("POP-UIDL-FMT", catalogue(BasicRuleFaults.POP3_UIDL_ONE_NO_UID), FAIL).at("UIDL 1", "+OK 1\\r\\n"),
            breaks("POP-RETR", catalogue(BasicRuleFaults.POP3_RETR_BARE_LF), FAIL).at("RETR 1", "Subject: seed one\\n"),
            breaks("POP-RETR-SIZE", catalogue("POP3_LIST_SIZE_OFF_BY_1"), FAIL).at("LIST 1 vs RETR 1", "LIST says 67"),
            breaks("POP-RETR-STUFF", catalogue("POP3_RETR_NOT_BYTE_STUFFED"), FAIL).at("RETR 4", "0 octets: the start of the sent message"),
            breaks("POP-DELE-REF", catalogue(BasicRuleFaults.POP3_DELE_TWICE_OK), FAIL).at("DELE 4", "+OK message deleted\\r\\n"),
            breaks("POP-DELE-HIDE", catalogue(BasicRuleFaults.POP3_STAT_COUNTS_DELETED), FAIL).at("STAT after DELE 4", "+OK 4 658\\r\\n"),
            breaks("POP-RSET", catalogue(BasicRuleFaults.POP3_RSET_KEEPS_MARKS), FAIL).at("STAT after RSET", "+OK 3 992"),
            // §3 basic operation
            breaks("POP-STATE-TXCMD", catalogue(BasicRuleFaults.POP3_NOOP_BEFORE_LOGIN_OK), FAIL).at("NOOP", "+OK\\r\\n"),
            breaks("POP-STATE-AUTHCMD", catalogue(BasicRuleFaults.POP3_USER_AFTER_LOGIN_OK), FAIL).at("USER alice", "+OK\\r\\n"),
            breaks("POP-UNKNOWN", catalogue(BasicRuleFaults.POP3_UNKNOWN_OK), FAIL).at("XYZZY", "+OK\\r\\n"),
            breaks("POP-CASE", pop3Proxy("PROXY_POP3_CASE_SENSITIVE_VERBS", ClientRewrites.CASE_SENSITIVE_VERBS), FAIL).at("user alice", "-ERR Unknown command\\r\\n"),
            breaks("POP-ARGS", catalogue(BasicRuleFaults.POP3_RETR_EXTRA_ARGUMENT_ACCEPTED), FAIL).at("RETR 1 2", "+OK 66 octets\\r\\n + 4 lines"),
            breaks("POP-CMDLEN", pop3Proxy("PROXY_POP3_LONG_LINES_OVER_LIMIT", ClientRewrites.LONG_LINES_OVER_LIMIT), FAIL).at("PASS <250 octets> (255 with CRLF)", "-ERR Command line too long\\r\\n"),
            // §6 UPDATE
            breaks("POP-QUIT", catalogue("POP3_QUIT_NO_REPLY"), FAIL).at("QUIT", "connection closed"),
            breaks("POP-QUIT", catalogue(BasicRuleFaults.POP3_QUIT_KEEPS_OPEN), FAIL).at("after QUIT in AUTHORIZATION", "still open"),
            breaks("POP-QUIT-UPDATE", catalogue(BasicRuleFaults.POP3_QUIT_SKIPS_UPDATE), FAIL).at("log in after DELE + QUIT", "still there"),
            breaks("POP-DROP-NOUPDATE", catalogue("POP3_DELE_WITHOUT_QUIT"), FAIL).at("log in after DELE and a dropped connection", "gone"),
            // §7 optional commands
            breaks("POP-UIDL-UNIQUE", catalogue("POP3_UIDL_DUPLICATED"), FAIL).at("UIDL", "unique-id 40c451eaf56d3901fc8a130e76fce0"),
            breaks("POP-UIDL-PERSIST", catalogue("POP3_UIDL_REUSED"), FAIL).at("UIDL after an earlier message was deleted", "msg4"),
            breaks("POP-TOP", catalogue(BasicRuleFaults.POP3_TOP_IGNORES_COUNT), FAIL).at("TOP 4 3", "11 lines"),
            // end to end
            breaks("E2E-ROUNDTRIP", catalogue("STORE_ALTER_BODY_BYTE"), FAIL).at("RETR 4", "455 octets: octet 253 differs: sent"),
            breaks("E2E-ROUNDTRIP", catalogue("STORE_LOSE_MESSAGE"), FAIL).at("wait for delivery", "not found"),
            breaks("E2E-STUFF", catalogue("SMTP_NO_DOT_UNSTUFFING"), FAIL).at("RETR 4", "1044 octets: the start of the sent"),
            breaks("E2E-STUFF", catalogue("POP3_RETR_NOT_BYTE_STUFFED"), FAIL).at("RETR 4", "0 octets: the start of the sent message"),
            breaks("E2E-SIZE", catalogue("POP3_LIST_SIZE_OFF_BY_1"), FAIL).at("LIST 4 vs RETR 4", "LIST says 450"),
            breaks("E2E-ONEMSG", catalogue("STORE_DUPLICATE_MESSAGE"), FAIL).at("count messages carrying", "2 messages"));

    /**
     * Servers that differ from the baseline in a way the RFCs allow, with checks that must still PASS against them:
     * the guard against a check that fails a conforming behaviour it did not expect (or SKIP with the reason, where
     * the variant leaves the rule untestable).
     */
    static final List<Proof> KEEPS_THE_RULE = concat(concat(RelayProofs.KEEPS, List.of(
            keeps("SMTP-SMUG-LFLF", catalogue("SMTP_BARE_LF_MADE_CRLF_KEEPS_LOOK_ALIKES")),
            keeps("SMTP-SMUG-LFCRLF", catalogue("SMTP_BARE_LF_MADE_CRLF_KEEPS_LOOK_ALIKES")),
            keeps("SMTP-SMUG-CRLFLF", catalogue("SMTP_BARE_LF_MADE_CRLF_KEEPS_LOOK_ALIKES")),
            keeps("SMTP-DATA-DOTSTUFF", catalogue(BasicRuleFaults.STORE_REWRITES_TO_HEADER)),
            keeps("SMTP-DATA-NOEXTRA", catalogue(BasicRuleFaults.STORE_REWRITES_TO_HEADER)),
            keeps("SMTP-DATA-MINSIZES", catalogue(BasicRuleFaults.STORE_REWRITES_TO_HEADER)),
            keeps("E2E-STUFF", catalogue(BasicRuleFaults.STORE_REWRITES_TO_HEADER)))),
            AllowedVariantProofs.KEEPS_THE_RULE);

    /**
     * Every proof row: the first wave's rows above plus one list per area, each kept in its own file so
     * that areas grow independently.
     */
    static final List<Proof> ROWS = java.util.stream.Stream.of(
                    FIRST_WAVE
                    , SmtpCoreProofs.ROWS
                    , SmtpExtensionProofs.ROWS
                    , Pop3Proofs.ROWS
                    , AllowedVariantProofs.ROWS
                    , RelayProofs.ROWS
                    // further areas: one line each, e.g. ", SmtpExtensionProofs.ROWS"
            ).flatMap(List::stream).toList();

    private static List<Proof> concat(List<Proof> first, List<Proof> second) {
        return java.util.stream.Stream.concat(first.stream(), second.stream()).toList();
    }
}
