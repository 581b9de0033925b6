package io.mailharness.protocol;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;

class SaslResponsesTest {
    private static String decoded(String base64) {
        return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    }

    @Test
    void plainIsUserAndPasswordAfterNuls() {
        assertEquals("\0tim\0tanstaaftanstaaf", decoded(SaslResponses.plain("tim", "tanstaaftanstaaf")));
    }

    @Test
    void cramMd5AnswersTheRfc2195Example() {
        String challenge = Base64.getEncoder().encodeToString("<1896.697170952@postoffice.reston.mci.net>".getBytes(StandardCharsets.US_ASCII));
        assertEquals("tim b913a602c7eda7a495b4e6e7334d3890", decoded(SaslResponses.cramMd5("tim", "tanstaaftanstaaf", challenge)));
    }

    @Test
    void loginAnswersAreBase64() {
        assertEquals("alice", decoded(SaslResponses.login("alice")));
    }
}
