package io.mailharness.faultserver;

import io.mailharness.faultserver.smtp.SmtpFaults;
import io.mailharness.faultserver.smtp.SmtpStage;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.NoSuchElementException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FaultCatalogueTest {

    @Test
    void everyNamedFaultHasAStableNameAndADescription() {
        assertTrue(FaultCatalogue.all().size() >= 24, FaultCatalogue.all().keySet().toString());
        FaultCatalogue.all().forEach((name, fault) -> {
            assertTrue(name.matches("(SMTP|POP3|STORE)_[A-Z0-9_]+"), name);
            assertFalse(fault.description().isBlank(), name);
        });
    }

    @Test
    void faultsAreFoundByName() {
        Faults faults = Faults.named("SMTP_GREETING_NOT_220", "STORE_LOSE_MESSAGE", "POP3_UIDL_REUSED");
        assertEquals(List.of("SMTP_GREETING_NOT_220", "STORE_LOSE_MESSAGE", "POP3_UIDL_REUSED"), faults.names());
        assertThrows(NoSuchElementException.class, () -> Faults.named("NO_SUCH_FAULT"));
    }

    @Test
    void aFaultCannotBeGivenTwice() {
        assertThrows(IllegalArgumentException.class,
                () -> Faults.of(SmtpFaults.SMTP_NOOP_NOT_250, SmtpFaults.SMTP_NOOP_NOT_250));
    }

    @Test
    void generatedNamesSayWhatTheyDo() {
        assertEquals("SMTP_REPLY_AT_RCPT_451", SmtpFaults.replyAt(SmtpStage.RCPT, 451, "4.3.0 x").name());
        assertEquals("SMTP_STALL_AT_QUIT", SmtpFaults.stallAt(SmtpStage.QUIT).name());
        assertEquals("SMTP_DROP_MID_DATA_AFTER_10", SmtpFaults.dropAfterBodyOctets(10).name());
    }
}
