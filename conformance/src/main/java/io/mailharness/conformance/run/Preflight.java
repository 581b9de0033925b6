package io.mailharness.conformance.run;

import io.mailharness.client.Transcript;
import io.mailharness.conformance.wire.Pop3Probe;
import io.mailharness.conformance.wire.Pop3Response;
import io.mailharness.conformance.wire.CheckFailure;
import io.mailharness.conformance.wire.RawConnection;
import io.mailharness.conformance.wire.Sasl;
import io.mailharness.conformance.wire.SmtpProbe;
import io.mailharness.conformance.wire.SmtpWireReply;
import io.mailharness.conformance.wire.Verdicts;
import io.mailharness.settings.Account;
import io.mailharness.settings.Pop3Security;
import io.mailharness.settings.Pop3Settings;
import io.mailharness.settings.SmtpSecurity;
import io.mailharness.settings.SmtpSettings;
import io.mailharness.settings.TargetSettings;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import javax.net.ssl.SSLException;

/**
 * Before any check runs: can the target be reached, and do the settings' credentials work? Anything that
 * would make every check fail for the harness's reasons is a {@link HarnessException} with one line.
 * Also reads the greetings the result records.
 */
public final class Preflight {
    /** A problem with the harness's input or the target's reachability, not with conformance. */
    public static final class HarnessException extends Exception {
        public HarnessException(String message) {
            super(message);
        }
    }

    /** The greetings as first read. */
    public record Greetings(String smtp, String pop3) {}

    private Preflight() {}

    public static Greetings check(TargetSettings target) throws HarnessException {
        String smtpGreeting = "";
        String pop3Greeting = "";
        if (target.smtp().isPresent()) smtpGreeting = smtp(target, target.smtp().get());
        if (target.pop3().isPresent()) pop3Greeting = pop3(target, target.pop3().get(), target.primaryAccount());
        return new Greetings(smtpGreeting, pop3Greeting);
    }

    private static String smtp(TargetSettings target, SmtpSettings smtp) throws HarnessException {
        try (RawConnection connection = open(target, smtp.endpoint(), smtp.security() == SmtpSecurity.TLS, "SMTP")) {
            SmtpProbe probe = SmtpProbe.afterGreeting(connection, Verdicts.NONE);
            SmtpWireReply greeting = probe.greeting();
            if (!greeting.isComplete()) throw new HarnessException("SMTP at " + smtp.endpoint() + " sent no complete greeting: " + reasonFirst(greeting.describe()));
            // A server that greets and then says nothing would make every check wait out its read timeout, one by one.
            connection.send("NOOP\r\n"); // raw: a write that fails is an IOException, caught below
            SmtpWireReply noop = probe.readReply("NOOP");
            if (!noop.isComplete()) {
                throw new HarnessException("SMTP at " + smtp.endpoint() + " greeted, then did not answer NOOP: " + reasonFirst(noop.describe())
                        + " (every check would wait out timeouts.read)");
            }
            if (smtp.security() == SmtpSecurity.STARTTLS) startTls(target, smtp, probe, connection);
            connection.send("QUIT\r\n");
            return greeting.lines().get(0).text();
        } catch (IOException e) {
            throw new HarnessException("SMTP at " + smtp.endpoint() + ": " + describe(e));
        }
    }

    /**
     * On a listener set to {@code security = starttls} every SMTP row begins with STARTTLS, and with AUTH when
     * {@code smtp.auth} is set: a refusal or a failed handshake there would fail them all for the settings' sake.
     */
    private static void startTls(TargetSettings target, SmtpSettings smtp, SmtpProbe probe, RawConnection connection)
            throws IOException, HarnessException {
        String where = "SMTP at " + smtp.endpoint();
        try {
            SmtpWireReply ehlo = probe.ehlo();
            if (ehlo.code() != 250) throw new HarnessException(where + " refused EHLO (" + ehlo.describe() + ")");
            SmtpWireReply go = probe.send("STARTTLS");
            if (go.code() != 220) {
                throw new HarnessException(where + " refused STARTTLS (" + go.describe() + "), and the target settings say security = starttls");
            }
            connection.startTls(target.tls(), smtp.endpoint().host(), smtp.endpoint().port());
            if (smtp.auth().isPresent()) {
                SmtpWireReply again = probe.ehlo();
                if (again.code() != 250) throw new HarnessException(where + " refused EHLO after STARTTLS (" + again.describe() + ")");
                Account account = target.primaryAccount();
                SmtpWireReply auth = Sasl.authenticate(probe, smtp.auth().get(), account);
                if (auth.code() != 235) {
                    throw new HarnessException("SMTP AUTH " + smtp.auth().get().wireName() + " as '" + account.user() + "' refused ("
                            + auth.describe() + "): check the account's user and password, and smtp.auth, in the target settings");
                }
            }
        } catch (CheckFailure f) { // a write that failed (credentials masked): the connection is gone
            throw new HarnessException(where + ": " + f.getMessage());
        } catch (org.opentest4j.TestAbortedException blocked) { // more than one reply to EHLO, say
            throw new HarnessException(where + ": " + (blocked.getCause() instanceof CheckFailure f ? f.getMessage() : blocked.getMessage()));
        }
    }

    /**
     * "TEXT (then WHY)" as "WHY, after: TEXT" with the text cut to 120 characters, so that the reason survives in a
     * one-line error even when the server sent megabytes before it.
     */
    public static String reasonFirst(String described) {
        int then = described.lastIndexOf(" (then ");
        if (then < 0 || !described.endsWith(")")) return described;
        String why = described.substring(then + " (then ".length(), described.length() - 1);
        String text = described.substring(0, then);
        return why + ", after: " + (text.length() > 120 ? text.substring(0, 120) + "…" : text);
    }

    private static String pop3(TargetSettings target, Pop3Settings pop3, Account account) throws HarnessException {
        try (RawConnection connection = open(target, pop3.endpoint(), pop3.security() == Pop3Security.TLS, "POP3")) {
            Pop3Probe probe = Pop3Probe.afterGreeting(connection);
            Pop3Response greeting = probe.greeting();
            if (!greeting.isComplete()) throw new HarnessException("POP3 at " + pop3.endpoint() + " sent no complete greeting: " + reasonFirst(greeting.describe()));
            if (pop3.security() == Pop3Security.STLS) {
                if (!probe.send("STLS").isOk()) throw new HarnessException("POP3 at " + pop3.endpoint() + " refused STLS");
                connection.startTls(target.tls(), pop3.endpoint().host(), pop3.endpoint().port());
            }
            Pop3Response user = probe.send("USER " + account.user());
            Pop3Response pass = user.isOk() ? probe.send("PASS " + account.password()) : user;
            if (!pass.isOk()) {
                throw new HarnessException("POP3 login as '" + account.user() + "' refused (" + pass.describe()
                        + "): check the account's user and password in the target settings");
            }
            probe.send("QUIT");
            return greeting.status().text();
        } catch (IOException e) {
            throw new HarnessException("POP3 at " + pop3.endpoint() + ": " + describe(e));
        } catch (CheckFailure f) { // a write that failed (the password masked): the connection is gone
            throw new HarnessException("POP3 at " + pop3.endpoint() + ": " + f.getMessage());
        }
    }

    private static RawConnection open(TargetSettings target, io.mailharness.settings.Endpoint endpoint, boolean tls, String protocol) throws IOException {
        return RawConnection.open(endpoint, tls, target.tls(), target.timeouts().connect(), target.timeouts().read(), new Transcript());
    }

    private static String describe(IOException e) {
        String kind = switch (e) {
            case ConnectException c -> "unreachable (connection refused)";
            case SocketTimeoutException t -> "unreachable (timed out)";
            case UnknownHostException u -> "unknown host";
            case SSLException s -> "TLS failure";
            default -> e.getClass().getSimpleName();
        };
        String message = e.getMessage();
        return message == null || message.isBlank() ? kind : kind + ": " + message.replaceAll("\\s+", " ").trim();
    }
}
