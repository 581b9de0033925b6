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
        assertTrue(syntax.getMessage().contains("targets.conf"), syntax.getMessage());
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
}
