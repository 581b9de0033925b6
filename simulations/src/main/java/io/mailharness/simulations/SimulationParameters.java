package io.mailharness.simulations;

import io.mailharness.gatling.Injector;
import io.mailharness.gatling.protocol.MailProtocolBuilder;
import io.mailharness.message.MessageMix;
import io.mailharness.settings.SettingsException;
import io.mailharness.settings.TargetSettings;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

/**
 * The bundled simulations' parameters, from system properties, with this injector's share applied
 * ({@code -Dmailharness.injector=i/n}). A bad value is a {@link SettingsException} naming the property.
 * Each value read is also kept, and {@link #recordedIn} hands them to the protocol for the run record.
 */
public final class SimulationParameters {
    public static final String USERS = "mailharness.users";
    public static final String RATE = "mailharness.rate";
    public static final String DURATION = "mailharness.duration";
    public static final String MESSAGES_PER_CONNECTION = "mailharness.messagesPerConnection";
    public static final String MESSAGE_MIX = "mailharness.messageMix";
    public static final String GRACE = "mailharness.grace";
    public static final String PREFILL = "mailharness.prefill";
    public static final String READ_INTERVAL = "mailharness.readInterval";
    /** RFC 2920 pipelining of MAIL, RCPT and DATA where the server advertises it (true/false, default false). */
    public static final String PIPELINING = "mailharness.pipelining";
    /** false: send-only, the ledger counts sent, accepted and rejected and nothing is retrieved (default true). */
    public static final String DELIVERY_TRACKING = "mailharness.deliveryTracking";

    /** Every parameter above. */
    public static final java.util.List<String> NAMES = java.util.List.of(USERS, RATE, DURATION, MESSAGES_PER_CONNECTION, MESSAGE_MIX, GRACE,
            PREFILL, READ_INTERVAL, PIPELINING, DELIVERY_TRACKING);

    private final Injector injector = Injector.fromSystem();
    private final Map<String, String> recorded = new TreeMap<>();

    public SimulationParameters() {
        recorded.put("injector", injector.toString());
    }

    public Injector injector() {
        return injector;
    }

    private void parameter(String name, Object value) {
        recorded.put(name, String.valueOf(value));
    }

    /** The protocol, with every parameter read so far kept for the run record. */
    public MailProtocolBuilder recordedIn(MailProtocolBuilder mail) {
        return mail.recordParameters(recorded);
    }

    /**
     * Whether messages are followed to their retrieval: {@value #DELIVERY_TRACKING} (default true), and never
     * for a target without a POP3 service. Without it a simulation is send-only.
     */
    public boolean deliveryTracking(TargetSettings planned) {
        boolean wanted = flag(DELIVERY_TRACKING, true);
        boolean tracking = wanted && planned.pop3().isPresent();
        parameter("sendOnly", !tracking);
        return tracking;
    }

    /** This injector's share of a whole number of users (at least 1 where the total is positive). */
    public int users(String property, int defaultTotal) {
        int total = integer(property, defaultTotal, 1, 1_000_000);
        int share = Math.max(1, injector.share(total));
        parameter(property + ".share", share);
        return share;
    }

    /**
     * How many maildrops all injectors together read: the target's disposable accounts (else all its
     * accounts). A default number of readers is a total like any other, so {@link #users} shares it, and
     * each injector gets one reader per maildrop of its own share.
     */
    public int allMaildrops(TargetSettings target) {
        return target.loadAccounts().size();
    }

    /** This injector's share of a rate in messages per second. */
    public double rate(double defaultTotal) {
        double total = decimal(RATE, defaultTotal, 0.001, 1_000_000);
        double share = injector.share(total);
        parameter(RATE + ".share", share);
        return share;
    }

    public Duration seconds(String property, int defaultSeconds) {
        return Duration.ofSeconds(integer(property, defaultSeconds, 1, 7 * 24 * 3600));
    }

    public MessageMix mix() {
        return mix("realistic");
    }

    /** The message mix, {@code defaultMix} when none is given. */
    public MessageMix mix(String defaultMix) {
        String value = System.getProperty(MESSAGE_MIX, defaultMix);
        try {
            MessageMix mix = MessageMix.parse(value);
            parameter(MESSAGE_MIX, value);
            return mix;
        } catch (IllegalArgumentException e) {
            throw new SettingsException(MESSAGE_MIX, e.getMessage());
        }
    }

    public int integer(String property, int defaultValue, int min, int max) {
        String value = System.getProperty(property);
        int v;
        if (value == null || value.isBlank()) {
            v = defaultValue;
        } else {
            try {
                v = Integer.parseInt(value.trim());
            } catch (NumberFormatException e) {
                throw new SettingsException(property, "not a whole number: '" + value + "'");
            }
        }
        if (v < min || v > max) throw new SettingsException(property, v + " is out of range (" + min + " .. " + max + ")");
        parameter(property, v);
        return v;
    }

    /** A true/false parameter. */
    public boolean flag(String property, boolean defaultValue) {
        String value = System.getProperty(property);
        boolean v;
        if (value == null || value.isBlank()) {
            v = defaultValue;
        } else if (value.trim().equalsIgnoreCase("true") || value.trim().equalsIgnoreCase("false")) {
            v = Boolean.parseBoolean(value.trim());
        } else {
            throw new SettingsException(property, "must be true or false, got '" + value + "'");
        }
        parameter(property, v);
        return v;
    }

    public double decimal(String property, double defaultValue, double min, double max) {
        String value = System.getProperty(property);
        double v;
        if (value == null || value.isBlank()) {
            v = defaultValue;
        } else {
            try {
                v = Double.parseDouble(value.trim());
            } catch (NumberFormatException e) {
                throw new SettingsException(property, "not a number: '" + value + "'");
            }
        }
        if (!(v >= min && v <= max)) throw new SettingsException(property, v + " is out of range (" + min + " .. " + max + ")");
        parameter(property, v);
        return v;
    }

    /** The longest a run may take: load, drain grace and a margin; Gatling stops it there whatever happens. */
    public static Duration maxDuration(Duration load, Duration grace) {
        return load.plus(grace).plusSeconds(60);
    }
}
