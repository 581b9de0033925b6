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
            breaks("POP-INV-STATUS", catalogue(Pop3RuleFaults.POP3_NOOP_STATUS_OVER_512), FAIL),
            breaks("POP-INV-STATUS", catalogue(Pop3RuleFaults.POP3_UNKNOWN_LOWERCASE_ERR), FAIL),
            breaks("POP-INV-ONE", catalogue(Pop3RuleFaults.POP3_NOOP_TWO_RESPONSES), FAIL),
            breaks("POP-INV-ONE", catalogue(Pop3RuleFaults.POP3_RSET_TWO_RESPONSES), FAIL),
            breaks("POP-RSET", catalogue(Pop3RuleFaults.POP3_RSET_TWO_RESPONSES), FAIL),
            breaks("POP-INV-MULTI", catalogue("POP3_RETR_NOT_BYTE_STUFFED"), FAIL),
            breaks("POP-RETR-NOFINALCRLF", catalogue(Pop3RuleFaults.POP3_RETR_NO_FINAL_CRLF), FAIL),
            breaks("POP-RETR-BARELF", catalogue(Pop3RuleFaults.POP3_RETR_STUFFS_AFTER_CRLF_ONLY), FAIL),
            // §4, §7 AUTHORIZATION and the session model
            breaks("POP-PASS-SPACE", catalogue(Pop3RuleFaults.POP3_PASS_FIRST_WORD_ONLY), WARN),
            breaks("POP-LOCK", catalogue("POP3_SHARED_MAILDROP", Pop3Faults.POP3_NO_MAILDROP_LOCK, Pop3Faults.POP3_DELE_WITHOUT_QUIT), WARN),
            breaks("POP-SNAPSHOT", catalogue(Pop3RuleFaults.POP3_STAT_LIVE_MAILDROP), WARN),
            // RFC 2449 CAPA, PIPELINING, LOGIN-DELAY
            breaks("POP-CAPA", catalogue(Pop3RuleFaults.POP3_CAPA_AFTER_LOGIN_DROPS_TOP), FAIL),
            breaks("POP-CAPA-HONEST", catalogue(Pop3RuleFaults.POP3_TOP_LISTED_NOT_SUPPORTED), FAIL),
            breaks("POP-PIPELINING", catalogue("POP3_PIPELINED_COMMAND_REFUSED"), FAIL),
            breaks("POP-LOGINDELAY", catalogue(Pop3RuleFaults.POP3_LOGIN_DELAY_NOT_ENFORCED), WARN),
            // RFC 2595 STLS, RFC 5034 AUTH, RFC 6856 UTF8
            breaks("POP-STLS", catalogue(Pop3RuleFaults.POP3_STLS_LISTED_INSIDE_TLS), FAIL),
            breaks("POP-STLS-INJECT", catalogue("POP3_STLS_KEEPS_PLAINTEXT"), FAIL),
            breaks("POP-AUTH", catalogue(Pop3RuleFaults.POP3_AUTH_CHALLENGE_WITHOUT_SPACE), FAIL),
            breaks("POP-AUTH-FAIL", catalogue(Pop3RuleFaults.POP3_AUTH_CANCEL_OK), FAIL),
            breaks("POP-UTF8", catalogue(Pop3RuleFaults.POP3_UTF8_AFTER_LOGIN_OK), FAIL),
            // end to end under load
            breaks("E2E-LOAD-MODEL", catalogue("STORE_DUPLICATE_MESSAGE"), FAIL),
            breaks("E2E-LOAD-MODEL", catalogue("STORE_ALTER_BODY_BYTE"), FAIL),
            breaks("E2E-LOAD-MODEL", catalogue("POP3_UIDL_REUSED"), FAIL));
}
