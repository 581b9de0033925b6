package io.mailharness.conformance.check;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SmuggledMessagesTest {
    @Test
    void aSmuggledMessageIsReportedOnlyWhenTheRowThatHidItFailed() {
        SmuggledMessages smuggled = new SmuggledMessages();
        smuggled.hidden("mh-1-smuggled", "SMTP-SMUG-BDAT");
        smuggled.hidden("mh-2-smuggled", "SMTP-SMUG-LFLF");
        smuggled.failed("SMTP-SMUG-BDAT");
        smuggled.failed("SMTP-DATA-OK");

        assertEquals(Optional.of("SMTP-SMUG-BDAT"), smuggled.reportedBy("mh-1-smuggled"));
        assertEquals(Optional.empty(), smuggled.reportedBy("mh-2-smuggled"), "its row passed: the late message is E2E-ONEMSG's finding");
        assertEquals(Optional.empty(), smuggled.reportedBy("mh-earlier-run-smuggled"));
        assertTrue(smuggled.hiddenThisRun("mh-2-smuggled"));
        assertFalse(smuggled.hiddenThisRun("mh-earlier-run-smuggled"));
    }
}
