/**
 * Non-blocking SMTP and POP3 clients on Netty, for the load engine: every connection lives on the event loop Gatling
 * gives its virtual user ({@code session.eventLoop()}), so an action needs no thread of its own and no hop.
 *
 * <p>What a run builds once: a {@link io.mailharness.gatling.netty.MailClientConfig} (TLS trust, connect timeout,
 * step deadline, {@link io.mailharness.gatling.netty.ReplyLimits}), an {@link io.mailharness.gatling.netty.SmtpTarget}
 * and a {@link io.mailharness.gatling.netty.Pop3Target} (addresses resolved then, not on a loop), and
 * {@link io.mailharness.gatling.netty.SharedBodyMessages} (one body per size band, shared by every message).
 *
 * <p>What an action does, on the user's event loop:
 * <pre>{@code
 * SmtpHandshake.open(config, session.eventLoop(), target, step -> {
 *         log(step);                                        // one Gatling request per stage, timed by the step's nanos
 *         return !step.failed() && expectations.of(step.stage()).matches(step.reply());
 *     })
 *     .addListener(opened -> {                                // the open SmtpChannel, or why not (KOs already logged)
 *         SmtpChannel smtp = (SmtpChannel) opened.getNow();
 *         OutgoingMessage m = messages.build(n, id, from, to, System.currentTimeMillis());
 *         smtp.send(from, to, m, pipelining, step -> { log(step); return expected(step); })
 *             .addListener(done -> { ledger(m.digest(), done); next.execute(session); });
 *     });
 * }</pre>
 * Every step ends exactly once, as an {@link io.mailharness.gatling.netty.SmtpStep} or
 * {@link io.mailharness.gatling.netty.Pop3Step}: the reply, or the failure that closed the connection (core's
 * {@code MailProtocolException}, classed by the action's outcome as timeout, connection or protocol), with start and
 * end nanos. Single steps ({@code ehlo()}, {@code rset()}, {@code retr(n)}…) return a future of their step; multi-step
 * operations ({@link io.mailharness.gatling.netty.SmtpHandshake}, {@link io.mailharness.gatling.netty.SmtpChannel#send},
 * {@link io.mailharness.gatling.netty.Pop3Handshake}) tell a {@link io.mailharness.gatling.netty.StepListener} of each
 * step and complete a future at the end. Futures complete on the connection's event loop.
 */
package io.mailharness.gatling.netty;
