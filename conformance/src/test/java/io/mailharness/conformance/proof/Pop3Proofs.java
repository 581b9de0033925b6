package io.mailharness.conformance.proof;

import io.mailharness.faultserver.conformance.BasicRuleFaults;
import io.mailharness.faultserver.conformance.SmtpCoreRuleFaults;
import io.mailharness.faultserver.conformance.SmtpExtensionRuleFaults;
import io.mailharness.faultserver.conformance.Pop3RuleFaults;
import io.mailharness.faultserver.pop3.Pop3Faults;

import java.util.List;

import static io.mailharness.conformance.proof.Proof.breaks;
import static io.mailharness.conformance.proof.ServerFault.catalogue;
import static io.mailharness.result.Outcome.FAIL;
import static io.mailharness.result.Outcome.WARN;

/** Proof rows for the POP3 session model (RFC 1939), its extensions (RFC 2449, 2595, 5034, 6856) and POP3 under load. */
final class Pop3Proofs {
    private Pop3Proofs() {}

    static final List<Proof> ROWS = List.of(
            // RFC 1939 §3 responses
            breaks("POP-INV-STATUS", catalogue(Pop3RuleFaults.POP3_NOOP_STATUS_OVER_512), FAIL).at("NOOP", "606 octets"),
            breaks("POP-INV-STATUS", catalogue(Pop3RuleFaults.POP3_UNKNOWN_LOWERCASE_ERR), FAIL).at("XYZZY", "-err unknown command\\r\\n"),
            breaks("POP-INV-ONE", catalogue(Pop3RuleFaults.POP3_NOOP_TWO_RESPONSES), FAIL).at("after NOOP", "+OK again\\r\\n"),
            breaks("POP-INV-ONE", catalogue(Pop3RuleFaults.POP3_RSET_TWO_RESPONSES), FAIL).at("after RSET", "+OK maildrop reset\\r\\n"),
            breaks("POP-RSET", catalogue(Pop3RuleFaults.POP3_RSET_TWO_RESPONSES), FAIL).at("after RSET (one status line)", "+OK maildrop reset\\r\\n"),
            breaks("POP-SNAPSHOT", catalogue(Pop3RuleFaults.POP3_RSET_TWO_RESPONSES), WARN).at("STAT after a delivery during the session", "+OK maildrop reset\\r\\n"), // RSET, then STAT: one response each
            breaks("POP-INV-MULTI", catalogue("POP3_RETR_NOT_BYTE_STUFFED"), FAIL).at("RETR 2", ".dot line\\r\\n"),
            breaks("POP-RETR-NOFINALCRLF", catalogue(Pop3RuleFaults.POP3_RETR_NO_FINAL_CRLF), FAIL).at("RETR 4", "last line without CRLF.\\r\\n (the"),
            breaks("POP-RETR-BARELF", catalogue(Pop3RuleFaults.POP3_RETR_STUFFS_AFTER_CRLF_ONLY), FAIL).at("RETR 4", ".\\n"),
            // §4, §7 AUTHORIZATION and the session model
            breaks("POP-PASS-SPACE", catalogue(Pop3RuleFaults.POP3_PASS_FIRST_WORD_ONLY), WARN).at("PASS <password> extra", "+OK Maildrop has 3 messages (195"),
            breaks("POP-LOCK", catalogue("POP3_SHARED_MAILDROP", Pop3Faults.POP3_NO_MAILDROP_LOCK, Pop3Faults.POP3_DELE_WITHOUT_QUIT), WARN).at("log in while the first session has DELE 4 pending", "gone"),
            breaks("POP-SNAPSHOT", catalogue(Pop3RuleFaults.POP3_STAT_LIVE_MAILDROP), WARN).at("STAT after a delivery during the session", "+OK 4 664\\r\\n"),
            // RFC 2449 CAPA, PIPELINING, LOGIN-DELAY
            breaks("POP-CAPA", catalogue(Pop3RuleFaults.POP3_CAPA_AFTER_LOGIN_DROPS_TOP), FAIL).at("CAPA after login", "[UIDL, RESP-CODES, AUTH-RESP-CODE,"),
            breaks("POP-CAPA-HONEST", catalogue(Pop3RuleFaults.POP3_TOP_LISTED_NOT_SUPPORTED), FAIL).at("TOP 1 0", "-ERR TOP not supported\\r\\n"),
            breaks("POP-PIPELINING", catalogue("POP3_PIPELINED_COMMAND_REFUSED"), FAIL).at("LIST (2 of 4 in one write)", "-ERR Pipelining not allowed\\r\\n"),
            breaks("POP-LOGINDELAY", catalogue(Pop3RuleFaults.POP3_LOGIN_DELAY_NOT_ENFORCED), WARN).at("PASS right after a login (LOGIN-DELAY 900)", "+OK Maildrop has 3 messages (195"),
            // RFC 2595 STLS, RFC 5034 AUTH, RFC 6856 UTF8
            breaks("POP-STLS", catalogue(Pop3RuleFaults.POP3_STLS_LISTED_INSIDE_TLS), FAIL).at("CAPA inside TLS", "[TOP, UIDL, USER, RESP-CODES,"),
            breaks("POP-STLS-INJECT", catalogue("POP3_STLS_KEEPS_PLAINTEXT"), FAIL).at("inside TLS, before any command", "+OK Capability list follows"),
            breaks("POP-AUTH", catalogue(Pop3RuleFaults.POP3_AUTH_CHALLENGE_WITHOUT_SPACE), FAIL).at("AUTH PLAIN", "+\\r\\n"),
            breaks("POP-AUTH-FAIL", catalogue(Pop3RuleFaults.POP3_AUTH_CANCEL_OK), FAIL).at("****", "+OK cancelled\\r\\n"),
            breaks("POP-UTF8", catalogue(Pop3RuleFaults.POP3_UTF8_AFTER_LOGIN_OK), FAIL).at("UTF8", "+OK UTF8 enabled\\r\\n"),
            // end to end under load
            breaks("E2E-LOAD-MODEL", catalogue("STORE_DUPLICATE_MESSAGE"), FAIL).at("reader: TOP", "a second copy"),
            breaks("E2E-LOAD-MODEL", catalogue("STORE_ALTER_BODY_BYTE"), FAIL).at("reader: RETR", "differs: sent"),
            breaks("E2E-LOAD-MODEL", catalogue("POP3_UIDL_REUSED"), FAIL).at("reader: UIDL", "reader: UIDL"),
            breaks("E2E-LOAD-MODEL", catalogue("POP3_UIDL_DUPLICATED"), FAIL).at("reader: UIDL", "reader: UIDL"),
            breaks("E2E-LOAD-MODEL", catalogue(Pop3RuleFaults.POP3_QUIT_TWO_RESPONSES), FAIL).at("after +OK to QUIT", "+OK logging out\\r\\n"),
            // "no loss" is one of the load model's own rules: its row with STORE_LOSE_MESSAGE is in AllowedVariantProofs,
            // beside the late delivery it must be told from (E2E-ROUNDTRIP judges a single lost message)
            breaks("E2E-LOAD-MODEL", catalogue(BasicRuleFaults.STORE_ADDS_CRLF_AT_END), FAIL).at("reader: RETR", "octets follow the sent message"));
}
