package io.mailharness.client;

import io.mailharness.settings.Account;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A server that echoes the credentials it was sent cannot put them in anything the harness shows. */
class EchoedSecretsTest {
    @Test
    void aPasswordAServerEchoesIsMaskedInItsText() {
        new Account("echo@example.test", "echo-user", "echoed-pass-7", true);
        assertEquals("-ERR [AUTH] bad password **** for echo-user", Transcript.visible("-ERR [AUTH] bad password echoed-pass-7 for echo-user"));
    }

    @Test
    void theAuthPlainAndLoginStringsAServerQuotesBackAreMasked() {
        new Account("quote@example.test", "quote-user", "quoted-pass-8", true);
        String plain = java.util.Base64.getEncoder().encodeToString("\0quote-user\0quoted-pass-8".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        String login = java.util.Base64.getEncoder().encodeToString("quoted-pass-8".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertEquals("535 5.7.8 bad credentials **** (decoded '\\x00quote-user\\x00****')",
                Transcript.visible("535 5.7.8 bad credentials " + plain + " (decoded '\0quote-user\0quoted-pass-8')"));
        assertEquals("535 5.7.8 not **** either", Transcript.visible("535 5.7.8 not " + login + " either"));
    }

    @Test
    void aPasswordTooShortToBeToldFromAWordIsNotMasked() {
        new Account("short@example.test", "short-user", "test", true);
        assertEquals("250 mail.mailharness.test", Transcript.visible("250 mail.mailharness.test"));
    }

    @Test
    void theLongestSecretWinsWhereTwoStartTogetherAndNoneLeavesAPart() {
        new Account("a@example.test", "a-user", "prefixed-secret", true);
        new Account("b@example.test", "b-user", "prefixed-secret-longer", true);
        assertEquals("-ERR bad password **** and ****", Transcript.visible("-ERR bad password prefixed-secret-longer and prefixed-secret"));
    }

    @Test
    void aSecretIsMaskedBeforeATranscriptEntryIsCut() {
        new Account("cut@example.test", "cut-user", "cut-across-password", true);
        Transcript transcript = new Transcript();
        transcript.server("x".repeat(990) + "cut-across-password");
        String rendered = transcript.render();
        assertEquals(false, rendered.contains("cut-across"), rendered.substring(rendered.length() - 40));
    }
}
