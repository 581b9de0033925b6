package io.mailharness.sink;

import io.mailharness.settings.SettingsException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class OptionSyntaxTest {

    @Test
    void delays() {
        assertEquals(new StageDelay(Stage.RCPT, Duration.ofMillis(200)), StageDelay.parse("rcpt=200ms"));
        assertEquals(new StageDelay(Stage.END_OF_DATA, Duration.ofSeconds(2)), StageDelay.parse("End-Of-Data=2s"));
        assertEquals("delay: '200' is not a duration in ms or s, e.g. 200ms or 2s", assertThrows(SettingsException.class, () -> StageDelay.parse("rcpt=200")).getMessage());
        assertTrue(assertThrows(SettingsException.class, () -> StageDelay.parse("rctp=1ms")).getMessage().startsWith("delay: unknown stage 'rctp' (one of greeting, ehlo"));
        assertThrows(SettingsException.class, () -> StageDelay.parse("rcpt"));
    }

    @Test
    void replies() {
        StageReply plain = StageReply.parse("rcpt=450");
        assertEquals("450 4.0.0 Fault set for rcpt", plain.line());
        assertEquals(Chance.ALWAYS, plain.chance());
        StageReply texted = StageReply.parse("end-of-data=554 5.7.1 No thanks@10%");
        assertEquals("554 5.7.1 No thanks", texted.line());
        assertEquals(10, texted.chance().percent());
        assertThrows(SettingsException.class, () -> StageReply.parse("rcpt=250"));
        assertThrows(SettingsException.class, () -> StageReply.parse("rcpt=45"));
        assertThrows(SettingsException.class, () -> StageReply.parse("rcpt=4500"));
        assertThrows(SettingsException.class, () -> StageReply.parse("rcpt=450@0%"));
    }

    @Test
    void disconnects() {
        assertEquals(new StageDisconnect(Stage.DATA, Chance.ALWAYS), StageDisconnect.parse("data"));
        assertEquals(new StageDisconnect(Stage.RCPT, new Chance(2.5)), StageDisconnect.parse("rcpt@2.5%"));
        assertEquals("rcpt@2.5%", StageDisconnect.parse("rcpt@2.5%").toString());
        assertThrows(SettingsException.class, () -> StageDisconnect.parse("@5%"));
    }

    @Test
    void oneOfEachPerStage() {
        SettingsException e = assertThrows(SettingsException.class,
                () -> StagePlan.of(List.of(StageDelay.parse("rcpt=1ms"), StageDelay.parse("rcpt=2ms")), List.of(), List.of()));
        assertEquals("delay: stage rcpt is given twice", e.getMessage());
    }

    @Test
    void limitsAndSettingsNameTheirKey() {
        assertEquals("max-line-length: 100 is below the minimum 512",
                assertThrows(SettingsException.class, () -> SinkLimits.defaults().withCommandLineOctets(100)).getMessage());
        assertEquals("smtp-port: 70000 is not a port (0 for a free one, up to 65535)",
                assertThrows(SettingsException.class, () -> SinkSettings.defaults().withSmtpPort(70000)).getMessage());
    }
}
