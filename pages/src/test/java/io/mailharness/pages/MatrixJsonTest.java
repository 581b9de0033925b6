package io.mailharness.pages;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class MatrixJsonTest {
    @Test
    void jsonHasServersTotalsAndCellsByServerName() throws Exception {
        JsonNode root = new ObjectMapper().readTree(MatrixJson.render(ComparisonFixtures.matrix()));
        assertEquals(3, root.get("servers").size());
        assertEquals(1, root.at("/servers/1/totals/FAIL").asInt());
        assertEquals(3, root.at("/servers/0/totals/PASS").asInt());
        assertFalse(root.at("/servers/2/available").asBoolean());
        assertEquals("start failed: port 2525 <busy> & refused", root.at("/servers/2/unavailableReason").asText());
        assertEquals(6, root.get("checkCount").asInt());
        assertEquals(2, root.get("differingChecks").asInt());
        JsonNode noop = root.at("/sections/2/checks/0");
        assertEquals("SMTP-NOOP", noop.get("id").asText());
        assertEquals("FAIL", noop.at("/cells/exim/outcome").asText());
        assertEquals(ComparisonFixtures.HOSTILE_TRANSCRIPT, noop.at("/cells/exim/transcript").asText());
        assertEquals("N/A", noop.at("/cells/opensmtpd/outcome").asText());
    }
}
