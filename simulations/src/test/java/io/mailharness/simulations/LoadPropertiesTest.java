package io.mailharness.simulations;

import io.mailharness.settings.SettingsException;
import org.junit.jupiter.api.Test;

import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A mistyped -Dmailharness.* property is refused, naming the nearest known one, instead of being ignored. */
class LoadPropertiesTest {
    private static String refusal(String name) {
        Properties p = new Properties();
        p.setProperty(name, "x");
        return assertThrows(SettingsException.class, () -> LoadProperties.requireKnown(p)).getMessage();
    }

    @Test
    void anUnknownPropertyIsRefusedWithTheNearestKnownOne() {
        assertEquals("mailharness.deliverytracking: unknown property (did you mean mailharness.deliveryTracking?)", refusal("mailharness.deliverytracking"));
        assertEquals("mailharness.duraton: unknown property (did you mean mailharness.duration?)", refusal("mailharness.duraton"));
        assertEquals("mailharness.limits.reply-lnie: unknown property (did you mean mailharness.limits.reply-line?)", refusal("mailharness.limits.reply-lnie"));
        assertEquals("mailharness.messagesPerConection: unknown property (did you mean mailharness.messagesPerConnection?)",
                refusal("mailharness.messagesPerConection"));
    }

    @Test
    void knownPropertiesAndOtherToolsNamespacesPass() {
        Properties p = new Properties();
        p.setProperty("mailharness.rate", "5");
        p.setProperty("mailharness.smtp.port", "2525");
        p.setProperty("mailharness.reconnect.max", "2s");
        p.setProperty("mailharness.target.file", "t.conf");
        p.setProperty("mailharness.conformance.strict", "true");
        p.setProperty("mailharness.replyGatheringMicros", "50");
        p.setProperty("java.version", "21");
        assertDoesNotThrow(() -> LoadProperties.requireKnown(p));
    }
}
