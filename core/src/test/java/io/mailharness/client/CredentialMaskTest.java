package io.mailharness.client;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CredentialMaskTest {
    @Test
    void masksPop3PasswordsAndApopDigests() {
        CredentialMask mask = new CredentialMask();
        assertEquals("USER mh1\r\n", mask.clientLine("USER mh1\r\n"));
        assertEquals("PASS ****\r\n", mask.clientLine("PASS hunter2\r\n"));
        assertEquals("APOP mh1 ****\r\n", mask.clientLine("APOP mh1 c4c9334bac560ecc979e58001b3e22fb\r\n"));
    }

    @Test
    void masksEverythingTheClientSendsDuringASaslExchange() {
        CredentialMask mask = new CredentialMask();
        assertEquals("AUTH LOGIN\r\n", mask.clientLine("AUTH LOGIN\r\n"));
        mask.serverLine("334 VXNlcm5hbWU6");
        assertEquals("****\r\n", mask.clientLine("bWgx\r\n"));
        mask.serverLine("334 UGFzc3dvcmQ6");
        assertEquals("****\r\n", mask.clientLine("c2VjcmV0\r\n"));
        mask.serverLine("235 2.7.0 Authentication successful");
        assertEquals("MAIL FROM:<a@b>\r\n", mask.clientLine("MAIL FROM:<a@b>\r\n"));
        assertEquals("AUTH PLAIN ****\r\n", mask.clientLine("AUTH PLAIN AG1oMQBzZWNyZXQ=\r\n"));
    }
}
