package io.mailharness.conformance.proof;

import io.mailharness.faultserver.Faults;
import io.mailharness.faultserver.conformance.AllowedVariantFaults;
import io.mailharness.faultserver.conformance.SmtpExtensionRuleFaults;
import io.mailharness.faultserver.pop3.Pop3CommandVariant;
import io.mailharness.faultserver.pop3.Pop3Reply;
import io.mailharness.faultserver.pop3.Pop3Stage;
import io.mailharness.faultserver.smtp.SmtpCommandVariant;
import io.mailharness.faultserver.smtp.SmtpFaults;
import io.mailharness.faultserver.store.Delivery;
import io.mailharness.faultserver.store.DeliveryRewrite;
import io.mailharness.faultserver.store.MailStore;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import static io.mailharness.conformance.proof.Proof.breaks;
import static io.mailharness.conformance.proof.Proof.keeps;
import static io.mailharness.conformance.proof.Proof.untestable;
import static io.mailharness.conformance.proof.ServerFault.catalogue;
import static io.mailharness.result.Outcome.FAIL;
import static io.mailharness.result.Outcome.WARN;

/**
 * Behaviours of real servers where the RFCs leave a choice (a refusal code, a refused second EHLO, a disabled
 * EXPN, an APOP secret of its own): the checks must judge their own rule against them, PASS or SKIP with the
 * reason, and FAIL or WARN only where a rule of theirs is really broken or could not be exercised.
 */
final class AllowedVariantProofs {
    private AllowedVariantProofs() {}

    /** OpenSMTPD 6.8: a bare LF ends a command line, and the second command waiting is refused as pipelining. */
    private static final ServerFault BARE_LF_SPLITS_COMMAND_PIPELINING_REFUSED = new ServerFault("PROXY_BARE_LF_SPLITS_COMMAND_PIPELINING_REFUSED",
            Faults.of(AllowedVariantFaults.SMTP_NOOP_REFUSES_PIPELINED_INPUT), Optional.of(ClientRewrites.BARE_LINE_ENDS_SPLIT), Optional.empty());

    /** The store of the server whose DATA is being answered: where held-back copies go later. */
    private static final AtomicReference<MailStore> LATE_STORE = new AtomicReference<>();

    /**
     * An accepted message reaches the maildrop only {@link #LATE_DELIVERY} after its 250 (a queue held back, as
     * Postfix behind the mbox lock Mailutils readers hold). Kept out of the fault server's catalogue: no RFC sets a
     * delivery time, and every check that waits for a delivery past its wait sees it, so it is no fault of one rule.
     * The copies are held back before they are stored, so no reader can see (and delete) one before its time.
     */
    private static final ServerFault DELIVERS_LATE = new ServerFault("STORE_DELIVERS_LATE",
            Faults.of(new SmtpCommandVariant("STORE_DELIVERS_LATE_FROM", "DATA notes the store the held-back copies go to", "DATA",
                            original -> (session, argument) -> {
                                LATE_STORE.set(session.store());
                                original.execute(session, argument);
                            }),
                    new DeliveryRewrite("STORE_DELIVERS_LATE", "accepted messages reach the maildrop late", AllowedVariantProofs::holdBack)),
            Optional.empty(), Optional.empty());

    /**
     * Longer than the proving target's delivery wait (1 s, FaultyTarget.FAST), shorter than that wait plus the load
     * model's grace (three waits, so 4 s), with room either side for a busy machine.
     */
    private static final Duration LATE_DELIVERY = Duration.ofMillis(2_500);

    /** Stores relayed copies now and the others {@link #LATE_DELIVERY} later. */
    private static List<Delivery> holdBack(List<Delivery> deliveries) {
        MailStore store = LATE_STORE.get();
        List<Delivery> held = deliveries.stream().filter(d -> !d.isRelay()).toList();
        java.util.concurrent.CompletableFuture.delayedExecutor(LATE_DELIVERY.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)
                .execute(() -> held.forEach(d -> store.insertRaw(d.maildrop(), d.content())));
        return deliveries.stream().filter(Delivery::isRelay).toList();
    }

    static final List<Proof> ROWS = List.of(
            breaks("SMTP-CMD-BARELF", BARE_LF_SPLITS_COMMAND_PIPELINING_REFUSED, FAIL).at("NOOP\\nNOOP\\r\\n", "Pipelining not supported"),
            breaks("SMTP-TLS-MISUSE", catalogue(AllowedVariantFaults.SMTP_STARTTLS_INSIDE_TLS_454), WARN).at("STARTTLS", "454 4.3.3 TLS not available after start"),
            breaks("SMTP-EHLO-RESET", catalogue(AllowedVariantFaults.SMTP_SECOND_EHLO_503), WARN).at("EHLO client.example", "503 5.5.1 Invalid command: Already identified"),
            breaks("SMTP-SEQ-STATE-KEPT", catalogue(AllowedVariantFaults.SMTP_MAIL_SYNTAX_554), WARN).at("MAIL FROM:", "554 Syntax error"),
            breaks("SMTP-EHLO-CAPS", catalogue(AllowedVariantFaults.SMTP_EXPN_WORKS_UNLISTED), FAIL).at("EXPN postmaster (EXPN not in the EHLO reply)", "250 2.1.5 <postmaster@localhost>"),
            breaks("E2E-LOAD-MODEL", catalogue("STORE_LOSE_MESSAGE"), FAIL).at("after the load", "lost (not there"),
            breaks("E2E-LOAD-MODEL", DELIVERS_LATE, WARN).at("after the load", "late (arrived within"),
            breaks("SMTP-ADDR-POSTMASTER", catalogue(AllowedVariantFaults.SMTP_NO_POSTMASTER), FAIL).at("RCPT TO:<POSTMASTER@mailharness.test>", "550 User <postmaster> unknown"),
            breaks("SMTP-SEQ-RCPT-NOMAIL", catalogue(AllowedVariantFaults.SMTP_RCPT_WITHOUT_MAIL_502), FAIL).at("RCPT TO:<alice@mailharness.test>", "502 ESMTP command error"),
            breaks("SMTP-NOOP", catalogue(AllowedVariantFaults.SMTP_NOOP_ARGUMENT_500), WARN).at("NOOP x", "500 5.5.4 Invalid command arguments"));

    /**
     * QUIT answered -ERR with the deletions left in place, as RFC 1939 §6 allows when UPDATE fails ("some deleted
     * messages not removed"): a reader told so must not count its DELEs as done.
     */
    private static final ServerFault QUIT_ERR_REMOVES_NOTHING = new ServerFault("POP3_QUIT_ERR_REMOVES_NOTHING",
            Faults.of(new Pop3CommandVariant("POP3_QUIT_ERR_REMOVES_NOTHING", "QUIT answers -ERR and closes, removing nothing", "QUIT",
                    original -> (session, argument) -> session.reply(Pop3Stage.QUIT, Pop3Reply.err("some deleted messages not removed").thenClose()))),
            Optional.empty(), Optional.empty());

    static final List<Proof> KEEPS_THE_RULE = List.of(
            keeps("E2E-LOAD-MODEL", QUIT_ERR_REMOVES_NOTHING),
            keeps("SMTP-CMD-BARELF", catalogue(AllowedVariantFaults.SMTP_NOOP_REFUSES_PIPELINED_INPUT)),
            keeps("SMTP-TLS-MISUSE", catalogue(AllowedVariantFaults.SMTP_STARTTLS_INSIDE_TLS_554)),
            keeps("SMTP-PARAM-UNKNOWN", catalogue(AllowedVariantFaults.SMTP_SIZE_AFTER_HELO_TAKEN)),
            keeps("SMTP-EHLO-OK", catalogue(AllowedVariantFaults.SMTP_SECOND_EHLO_503)),
            keeps("SMTP-EHLO-NOARG", catalogue(AllowedVariantFaults.SMTP_SECOND_EHLO_503)),
            keeps("SMTP-SEQ-STATE-KEPT", catalogue(AllowedVariantFaults.SMTP_MAIL_SYNTAX_553)),
            keeps("SMTP-SEQ-STATE-KEPT", catalogue(AllowedVariantFaults.SMTP_RCPT_WITHOUT_MAIL_502)),
            keeps("SMTP-EHLO-RESET", catalogue(AllowedVariantFaults.SMTP_RCPT_WITHOUT_MAIL_502)),
            keeps("SMTP-TLS-RESET", catalogue(AllowedVariantFaults.SMTP_RCPT_WITHOUT_MAIL_502)),
            keeps("SMTP-SIZE-DECL", catalogue(AllowedVariantFaults.SMTP_RCPT_WITHOUT_MAIL_502)),
            keeps("SMTP-LIM-CMD512", catalogue(AllowedVariantFaults.SMTP_NOOP_ARGUMENT_500)),
            keeps("SMTP-RSET", catalogue(AllowedVariantFaults.SMTP_RCPT_WITHOUT_MAIL_502)),
            keeps("SMTP-NOOP", catalogue(AllowedVariantFaults.SMTP_NO_POSTMASTER)),
            keeps("SMTP-ADDR-RCPT100", catalogue(AllowedVariantFaults.SMTP_NO_POSTMASTER)),
            keeps("SMTP-EHLO-CAPS", catalogue(AllowedVariantFaults.SMTP_EXPN_DISABLED_252)),
            keeps("SMTP-EHLO-CAPS", catalogue(AllowedVariantFaults.SMTP_EXPN_POLICY_550)),
            keeps("SMTP-AUTH-PLAINTEXT", catalogue(SmtpFaults.SMTP_AUTH_PLAIN_WITHOUT_TLS)),
            keeps("SMTP-DATA-TRACE", catalogue(AllowedVariantFaults.STORE_DELIVERY_AGENT_RECEIVED_ON_TOP)),
            untestable("SMTP-TLS-RESET", catalogue(AllowedVariantFaults.SMTP_STARTTLS_IN_TRANSACTION_503), "STARTTLS after MAIL refused (503 5.5.0 TLS not permitted"),
            untestable("POP-APOP", catalogue(AllowedVariantFaults.POP3_APOP_SECRET_APART), "hold no separate APOP secret"),
            // a listener that does not require TLS leaves the 530 list unexercised: SKIP, not a PASS that could not fail
            untestable("SMTP-TLS-REQUIRED", ServerFault.BASELINE,
                    "not a TLS-required listener; the 530 list is not exercised"),
            keeps("SMTP-TLS-REQUIRED", catalogue("SMTP_TLS_REQUIRED", SmtpExtensionRuleFaults.TLS_REQUIRED.toArray(io.mailharness.faultserver.Fault[]::new))));
}
