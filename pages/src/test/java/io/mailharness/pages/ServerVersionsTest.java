package io.mailharness.pages;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ServerVersionsTest {
    @Test
    void readsTheServersScriptOutputAndNameEqualsLines() {
        ServerVersions v = ServerVersions.parse("""
                # collected by the comparison
                postfix-dovecot: postfix 3.7.11-0+deb12u1, dovecot-pop3d 1:2.3.19.1 (2.3.19.1 (9b53102964))
                exim=exim4 4.96-15+deb12u7

                """, "versions.txt");
        assertEquals("postfix 3.7.11-0+deb12u1, dovecot-pop3d 1:2.3.19.1 (2.3.19.1 (9b53102964))", v.of("postfix-dovecot"));
        assertEquals("exim4 4.96-15+deb12u7", v.of("exim"));
        assertEquals("", v.of("unknown"));
    }

    @Test
    void readsAJsonObject() {
        assertEquals(Map.of("a", "1.0", "b", "2"), ServerVersions.parse("{\"a\": \"1.0\", \"b\": 2}", "v.json").asMap());
    }

    @Test
    void aLineWithoutSeparatorIsAnError() {
        var e = assertThrows(ComparisonInputException.class, () -> ServerVersions.parse("just-a-name\n", "v.txt"));
        assertEquals("versions file v.txt line 1: expected NAME=VERSION or NAME: VERSION", e.getMessage());
    }
}
