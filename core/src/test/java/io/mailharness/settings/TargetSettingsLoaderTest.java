package io.mailharness.settings;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TargetSettingsLoaderTest {
    @TempDir
    Path dir;

    private static final String TWO_TARGETS = """
            targets {
              reference {
                description = "Postfix + Dovecot"
                domain = "mh.test"
                smtp { host = "127.0.0.1", port = 2587, security = starttls, auth = CRAM-MD5 }
                pop3 { host = "127.0.0.1", port = 2995, security = tls }
                tls { verify = false }
                timeouts { connect = 2s, read = 500ms }
                accounts = [
                  { address = "mh1@mh.test", user = "mh1", password = "secret-1", disposable = true }
                  { address = "mh2@mh.test", password = "secret-2" }
                ]
              }
              smtp-only {
                smtp { port = 2526 }
                accounts = [ { address = "a@b.test", password = "x" } ]
              }
            }
            """;

    private Path write(String text) throws IOException {
        Path file = dir.resolve("targets.conf");
        Files.writeString(file, text);
        return file;
    }

    @Test
    void readsEveryFieldOfATarget() throws IOException {
        TargetSettings t = TargetSettingsLoader.load(write(TWO_TARGETS), "reference", Map.of());
        assertEquals("Postfix + Dovecot", t.description());
        assertEquals("mh.test", t.domain());
        assertEquals(new Endpoint("127.0.0.1", 2587), t.requireSmtp().endpoint());
        assertEquals(SmtpSecurity.STARTTLS, t.requireSmtp().security());
        assertEquals(SmtpAuthMechanism.CRAM_MD5, t.requireSmtp().auth().orElseThrow());
        assertEquals(Pop3Security.TLS, t.requirePop3().security());
        assertFalse(t.tls().verify());
        assertEquals(Duration.ofSeconds(2), t.timeouts().connect());
        assertEquals(Duration.ofMillis(500), t.timeouts().read());
        assertEquals(2, t.accounts().size());
        assertEquals("mh2@mh.test", t.accounts().get(1).user(), "user defaults to the address");
        assertEquals(1, t.disposableAccounts().size());
    }

    @Test
    void appliesDefaultsAndAllowsOneSidedTargets() throws IOException {
        TargetSettings t = TargetSettingsLoader.load(write(TWO_TARGETS), "smtp-only", Map.of());
        assertEquals("127.0.0.1", t.requireSmtp().endpoint().host());
        assertEquals(SmtpSecurity.PLAIN, t.requireSmtp().security());
        assertTrue(t.pop3().isEmpty());
        assertTrue(t.tls().verify(), "certificates are verified unless the settings opt out");
        assertEquals(Timeouts.defaults(), t.timeouts());
        assertEquals("b.test", t.domain(), "domain defaults to the first account's domain");
        SettingsException e = assertThrows(SettingsException.class, t::requirePop3);
        assertEquals("smtp-only.pop3: this target has no POP3 service", e.getMessage());
    }

    @Test
    void overridesWinOverTheFile() throws IOException {
        TargetSettings t = TargetSettingsLoader.load(write(TWO_TARGETS), "reference", Map.of("smtp.port", "2600", "tls.verify", "true"));
        assertEquals(2600, t.requireSmtp().endpoint().port());
        assertTrue(t.tls().verify());
    }

    @Test
    void overridesComeFromSystemPropertiesAndEnvironment() {
        Properties properties = new Properties();
        properties.setProperty("mailharness.smtp.port", "2601");
        properties.setProperty("mailharness.users", "10");
        Map<String, String> overrides = SettingsOverrides.from(properties, Map.of("MAILHARNESS_SMTP_PORT", "9", "MAILHARNESS_TLS_TRUST_STORE", "/ca.pem"));
        assertEquals("2601", overrides.get("smtp.port"), "a system property beats the environment");
        assertEquals("/ca.pem", overrides.get("tls.trust-store"));
        assertFalse(overrides.containsKey("users"), "other mailharness.* properties are not target settings");
    }

    @Test
    void aMisspelledOverrideIsAnError() {
        Properties properties = new Properties();
        properties.setProperty("mailharness.smtp.prot", "25");
        SettingsException e = assertThrows(SettingsException.class, () -> SettingsOverrides.from(properties, Map.of()));
        assertTrue(e.getMessage().startsWith("mailharness.smtp.prot: unknown setting"), e.getMessage());
    }

    private String errorFor(String target) throws IOException {
        Path file = write("targets { t { " + target + " } }");
        return assertThrows(SettingsException.class, () -> TargetSettingsLoader.load(file, "t", Map.of())).getMessage();
    }

    private static final String ACCOUNTS = "accounts = [ { address = \"a@b.test\", password = \"x\" } ]";

    @Test
    void badSettingsNameTheKeyAndTheProblem() throws IOException {
        assertEquals("targets.t.smtp.port: missing", errorFor("smtp { host = h }, " + ACCOUNTS));
        assertEquals("targets.t.smtp.port: 70000 is out of range (1-65535)", errorFor("smtp { port = 70000 }, " + ACCOUNTS));
        assertEquals("targets.t.smtp.port: must be a whole number, not 'abc'", errorFor("smtp { port = abc }, " + ACCOUNTS));
        assertEquals("targets.t.smtp.security: unknown security mode 'ssl' (use plain, starttls or tls)", errorFor("smtp { port = 25, security = ssl }, " + ACCOUNTS));
        assertEquals("targets.t.pop3.security: unknown security mode 'starttls' (use plain, stls or tls)", errorFor("pop3 { port = 110, security = starttls }, " + ACCOUNTS));
        assertEquals("targets.t.smtpp: unknown key", errorFor("smtpp { port = 25 }, " + ACCOUNTS));
        assertEquals("targets.t.smtp.prot: unknown key", errorFor("smtp { prot = 25 }, " + ACCOUNTS));
        assertEquals("targets.t.accounts: missing (at least one test account is needed)", errorFor("smtp { port = 25 }"));
        assertEquals("targets.t.accounts[0].password: missing", errorFor("smtp { port = 25 }, accounts = [ { address = \"a@b\" } ]"));
        assertEquals("targets.t.accounts[0].pasword: unknown key", errorFor("smtp { port = 25 }, accounts = [ { address = \"a@b\", pasword = x } ]"));
        assertEquals("targets.t.timeouts.read: must be a duration such as 5s or 500ms, not 'soon'", errorFor("smtp { port = 25 }, timeouts { read = soon }, " + ACCOUNTS));
        assertEquals("targets.t.smtp.auth: unknown AUTH mechanism 'GSSAPI' (use PLAIN, LOGIN or CRAM-MD5)", errorFor("smtp { port = 25, auth = GSSAPI }, " + ACCOUNTS));
        assertEquals("targets.t: needs an smtp or a pop3 section (or both)", errorFor(ACCOUNTS));
    }

    @Test
    void fileProblemsAreOneLine() throws IOException {
        SettingsException missing = assertThrows(SettingsException.class, () -> TargetSettingsLoader.loadAll(dir.resolve("nope.conf"), Map.of()));
        assertTrue(missing.getMessage().startsWith("settings file "), missing.getMessage());
        Path broken = write("targets { t { smtp { port = 25 ");
        SettingsException syntax = assertThrows(SettingsException.class, () -> TargetSettingsLoader.loadAll(broken, Map.of()));
        assertFalse(syntax.getMessage().contains("\n"));
        assertTrue(syntax.getMessage().startsWith(broken + ": line 1: "), syntax.getMessage());
        assertEquals(1, syntax.getMessage().split("targets\\.conf", -1).length - 1, "the file named once: " + syntax.getMessage());
        Path unknownTarget = write(TWO_TARGETS);
        SettingsException name = assertThrows(SettingsException.class, () -> TargetSettingsLoader.load(unknownTarget, "exim", Map.of()));
        assertEquals("mailharness.target: no target named 'exim' in " + unknownTarget + " (defined: reference, smtp-only)", name.getMessage());
    }

    @Test
    void passwordsNeverPrint() throws IOException {
        TargetSettings t = TargetSettingsLoader.load(write(TWO_TARGETS), "reference", Map.of());
        assertFalse(t.toString().contains("secret-1"), t.toString());
    }

    @Test
    void selectionNeedsANameWhenTheFileHoldsSeveralTargets() throws IOException {
        Path file = write(TWO_TARGETS);
        Properties properties = new Properties();
        properties.setProperty(TargetSelection.FILE_PROPERTY, file.toString());
        TargetSelection selection = TargetSelection.from(properties, Map.of());
        SettingsException e = assertThrows(SettingsException.class, () -> selection.load(Map.of()));
        assertTrue(e.getMessage().contains("defines several targets (reference, smtp-only)"), e.getMessage());
        properties.setProperty(TargetSelection.NAME_PROPERTY, "smtp-only");
        assertEquals("smtp-only", TargetSelection.from(properties, Map.of()).load(Map.of()).name());
        assertTrue(TargetSelection.from(new Properties(), Map.of()).isEmbedded());
        assertEquals("reference", TargetSelection.from(new Properties(), Map.of("MAILHARNESS_TARGET_FILE", file.toString(), "MAILHARNESS_TARGET", "reference")).load(Map.of()).name());
    }

    private static final String WITH_DEFAULTS = """
            defaults {
              domain = "mh.test"
              tls { verify = false }
              timeouts { connect = 3s, read = 4s }
              accounts = [
                { user = "mh1", password = "pw-1", disposable = true }
                { user = "mh2", password = "pw-2", disposable = true }
              ]
            }
            targets {
              plain { smtp { port = 2525 }, pop3 { port = 2110 } }
              other-domain {
                domain = "cyrus.mh.test"
                smtp { port = 2525 }
                timeouts { read = 9s }
              }
              own-accounts {
                smtp { port = 2526 }
                accounts = [ { address = "x@elsewhere.test", password = "pw-x" } ]
              }
            }
            """;

    @Test
    void targetsStartFromTheDefaultsAndAddressesDefaultToUserAtDomain() throws IOException {
        Map<String, TargetSettings> all = TargetSettingsLoader.loadAll(write(WITH_DEFAULTS), Map.of());
        TargetSettings plain = all.get("plain");
        assertEquals(java.util.List.of("mh1@mh.test", "mh2@mh.test"), plain.accounts().stream().map(Account::address).toList());
        assertEquals("mh1", plain.accounts().get(0).user());
        assertFalse(plain.tls().verify());
        assertEquals(new Timeouts(Duration.ofSeconds(3), Duration.ofSeconds(4)), plain.timeouts());
        TargetSettings other = all.get("other-domain");
        assertEquals("mh1@cyrus.mh.test", other.accounts().get(0).address(), "the target's domain makes the address");
        assertEquals(new Timeouts(Duration.ofSeconds(3), Duration.ofSeconds(9)), other.timeouts(), "a section merges key by key");
        TargetSettings own = all.get("own-accounts");
        assertEquals(1, own.accounts().size(), "a list replaces the default list");
        assertEquals("x@elsewhere.test", own.accounts().get(0).address());
    }

    @Test
    void anAccountWithoutAddressNeedsADomain() throws IOException {
        assertEquals("targets.t.accounts[0].address: missing, and no domain to make it mh1@domain from",
                errorFor("smtp { port = 25 }, accounts = [ { user = mh1, password = x } ]"));
        assertEquals("targets.t.accounts[0].address: missing (give an address, or a user and the target's domain)",
                errorFor("smtp { port = 25 }, domain = d.test, accounts = [ { password = x } ]"));
    }

    @Test
    void theDefaultsAreCheckedLikeATarget() throws IOException {
        Path file = write("defaults { timeout { read = 2s } }\ntargets { t { smtp { port = 25 }, " + ACCOUNTS + " } }");
        assertEquals("defaults.timeout: unknown key", assertThrows(SettingsException.class, () -> TargetSettingsLoader.loadAll(file, Map.of())).getMessage());
        Path other = write("default { }\ntargets { t { smtp { port = 25 }, " + ACCOUNTS + " } }");
        assertTrue(assertThrows(SettingsException.class, () -> TargetSettingsLoader.loadAll(other, Map.of())).getMessage()
                .startsWith("default: unknown top-level key in "));
    }

    @Test
    void replyLimitsAndReconnectBackOffHaveDefaultsAndOverrides() throws IOException {
        TargetSettings t = TargetSettingsLoader.load(write(TWO_TARGETS), "smtp-only", Map.of());
        assertEquals(ReplyLimits.defaults(), t.limits());
        assertEquals(65536, t.limits().lineOctets());
        assertEquals(ReconnectBackoff.defaults(), t.reconnect());
        Path file = write("targets { t { smtp { port = 25 }, " + ACCOUNTS + ", limits { reply-line = 4KiB, reply-lines = 50, reply-octets = 1MiB }, reconnect { initial = 50ms, max = 2s } } }");
        TargetSettings limited = TargetSettingsLoader.load(file, "t", Map.of("limits.reply-lines", "70"));
        assertEquals(new ReplyLimits(4096, 70, 1024 * 1024), limited.limits());
        assertEquals(new ReconnectBackoff(Duration.ofMillis(50), Duration.ofSeconds(2)), limited.reconnect());
        assertEquals("targets.t.limits.reply-line: must be a whole number or a size such as 64KiB, not 'long'",
                errorFor("smtp { port = 25 }, " + ACCOUNTS + ", limits { reply-line = long }"));
        assertEquals("targets.t.limits.reply-line: 100 is out of range (512 .. 2147483647)", errorFor("smtp { port = 25 }, " + ACCOUNTS + ", limits { reply-line = 100 }"));
        assertEquals("targets.t.reconnect.max: is shorter than reconnect.initial (3000 ms)",
                errorFor("smtp { port = 25 }, " + ACCOUNTS + ", reconnect { initial = 3s, max = 1s }"));
    }

    @Test
    void aRelayToTheHarnessIsOptionalAndChecked() throws IOException {
        assertEquals(java.util.Optional.empty(), TargetSettingsLoader.load(write(TWO_TARGETS), "smtp-only", Map.of()).relay());
        Path file = write("targets { t { smtp { port = 25 }, " + ACCOUNTS + ", relay { domain = \"relay.mailharness.test\", next-hop-port = 2626 } } }");
        assertEquals(java.util.Optional.of(new RelaySettings("relay.mailharness.test", new Endpoint("127.0.0.1", 2626))),
                TargetSettingsLoader.load(file, "t", Map.of()).relay());
        assertEquals(new Endpoint("127.0.0.1", 2727), TargetSettingsLoader.load(file, "t", Map.of("relay.next-hop-port", "2727")).relay().get().nextHop());
        assertEquals("targets.t.relay.next-hop-port: missing", errorFor("smtp { port = 25 }, " + ACCOUNTS + ", relay { domain = r.test }"));
        assertEquals("targets.t.relay.domain: missing", errorFor("smtp { port = 25 }, " + ACCOUNTS + ", relay { next-hop-port = 2626 }"));
        assertEquals("targets.t.relay.nextHopPort: unknown key", errorFor("smtp { port = 25 }, " + ACCOUNTS + ", relay { domain = r.test, nextHopPort = 2626 }"));
        assertEquals("targets.t.relay.domain: is the target's own domain; name a domain the target relays to the harness",
                errorFor("smtp { port = 25 }, " + ACCOUNTS + ", relay { domain = b.test, next-hop-port = 2626 }"));
        assertEquals("targets.t.relay.next-hop-port: 0 is out of range (1-65535)",
                errorFor("smtp { port = 25 }, " + ACCOUNTS + ", relay { domain = r.test, next-hop-port = 0 }"));
    }

    @Test
    void theBackOffDoublesUpToItsCeilingWithJitter() {
        ReconnectBackoff b = new ReconnectBackoff(Duration.ofMillis(100), Duration.ofMillis(1000));
        assertEquals(Duration.ZERO, b.delay(0, 0.5));
        assertEquals(Duration.ofMillis(50), b.delay(1, 0.0), "half the step at the least");
        assertEquals(Duration.ofMillis(99), b.delay(1, 0.999));
        assertEquals(Duration.ofMillis(200), b.delay(3, 0.0), "100, 200, 400: the third failure waits 200..400 ms");
        assertEquals(Duration.ofMillis(500), b.delay(30, 0.0), "never beyond the ceiling");
    }
}
