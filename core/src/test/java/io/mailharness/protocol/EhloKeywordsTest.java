package io.mailharness.protocol;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EhloKeywordsTest {
    @Test
    void keywordsAreUpperCaseWithTheirParametersAndTheDomainLineIsNotOne() {
        EhloKeywords ehlo = EhloKeywords.parse(List.of("250-mx.example.org greets you", "250-pipelining",
                "250-SIZE 10240000", "250-AUTH PLAIN LOGIN\r\n", "250 8BITMIME"));
        assertEquals(Set.of("PIPELINING", "SIZE", "AUTH", "8BITMIME"), ehlo.keywords());
        assertTrue(ehlo.has("pipelining"));
        assertFalse(ehlo.has("MX.EXAMPLE.ORG"));
        assertEquals(Optional.of("PLAIN LOGIN"), ehlo.parameter("AUTH"));
        assertEquals(Optional.empty(), ehlo.parameter("8BITMIME"));
        assertEquals(OptionalLong.of(10240000), ehlo.sizeLimit());
    }

    @Test
    void sizeWithoutAFixedLimitHasNone() {
        assertEquals(OptionalLong.empty(), EhloKeywords.parse(List.of("250-x", "250 SIZE")).sizeLimit());
        assertEquals(OptionalLong.empty(), EhloKeywords.parse(List.of("250-x", "250 SIZE 0")).sizeLimit());
        assertEquals(OptionalLong.empty(), EhloKeywords.parse(List.of("250-x", "250-", "250 SIZE big")).sizeLimit());
    }
}
