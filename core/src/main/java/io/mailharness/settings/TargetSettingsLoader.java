package io.mailharness.settings;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import com.typesafe.config.ConfigValueType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a target settings file (HOCON): a {@code targets} object whose members are named targets, and an
 * optional {@code defaults} object every target starts from (a target's own keys win; a list such as
 * {@code accounts} is replaced, not merged). An account's {@code address} defaults to {@code user@domain}.
 * Every problem becomes a {@link SettingsException} naming the key, never a raw parser exception.
 */
public final class TargetSettingsLoader {
    private static final String ROOT = TargetSchema.TARGETS;

    private TargetSettingsLoader() {}

    /** Every target in the file, in file order, with the overrides applied to each. */
    public static Map<String, TargetSettings> loadAll(Path file, Map<String, String> overrides) {
        Config root = parse(file);
        if (!root.hasPath(ROOT) || root.getValue(ROOT).valueType() != ConfigValueType.OBJECT) {
            throw new SettingsException(ROOT, "missing in " + file + " (expected: targets { <name> { smtp {...}, pop3 {...}, accounts = [...] } })");
        }
        for (String key : root.root().keySet()) {
            if (!ROOT.equals(key) && !TargetSchema.DEFAULTS.equals(key)) {
                throw new SettingsException(key, "unknown top-level key in " + file + " (expected 'targets' and optionally 'defaults')");
            }
        }
        Config defaults = defaults(root);
        ConfigObject targets = root.getObject(ROOT);
        if (targets.isEmpty()) throw new SettingsException(ROOT, "no target defined in " + file);
        Map<String, TargetSettings> result = new LinkedHashMap<>();
        for (String name : targets.keySet()) {
            ConfigValue value = targets.get(name);
            String prefix = ROOT + "." + name;
            if (value.valueType() != ConfigValueType.OBJECT) throw new SettingsException(prefix, "must be an object");
            Config target = ((ConfigObject) value).toConfig().withFallback(defaults);
            result.put(name, build(name, prefix, applyOverrides(target, overrides)));
        }
        return result;
    }

    /** One named target from the file. */
    public static TargetSettings load(Path file, String name, Map<String, String> overrides) {
        Map<String, TargetSettings> all = loadAll(file, overrides);
        TargetSettings target = all.get(name);
        if (target == null) {
            throw new SettingsException("mailharness.target", "no target named '" + name + "' in " + file + " (defined: " + String.join(", ", all.keySet()) + ")");
        }
        return target;
    }

    private static Config parse(Path file) {
        if (!Files.isRegularFile(file)) throw new SettingsException(null, "settings file " + file + " does not exist or is not a file");
        if (!Files.isReadable(file)) throw new SettingsException(null, "settings file " + file + " is not readable");
        try {
            return ConfigFactory.parseFile(file.toFile(), ConfigParseOptions.defaults().setAllowMissing(false)).resolve();
        } catch (ConfigException e) {
            throw new SettingsException(null, file + ": " + withoutOrigin(e));
        }
    }

    /** The parser's message names the file (and line) itself: said once, as "line N: problem". */
    private static String withoutOrigin(ConfigException e) {
        String message = oneLine(e);
        if (e.origin() == null) return message;
        String origin = e.origin().description() + ": ";
        if (!message.startsWith(origin)) return message;
        String problem = message.substring(origin.length());
        return e.origin().lineNumber() > 0 ? "line " + e.origin().lineNumber() + ": " + problem : problem;
    }

    /** The {@code defaults} object, checked like a target's keys (each may be left out). */
    private static Config defaults(Config root) {
        if (!root.hasPath(TargetSchema.DEFAULTS)) return ConfigFactory.empty();
        if (root.getValue(TargetSchema.DEFAULTS).valueType() != ConfigValueType.OBJECT) {
            throw new SettingsException(TargetSchema.DEFAULTS, "must be an object");
        }
        Config defaults = root.getConfig(TargetSchema.DEFAULTS);
        rejectUnknownKeys(TargetSchema.DEFAULTS, defaults);
        return defaults;
    }

    private static Config applyOverrides(Config target, Map<String, String> overrides) {
        Config result = target;
        for (Map.Entry<String, String> override : overrides.entrySet()) {
            result = result.withValue(override.getKey(), ConfigValueFactory.fromAnyRef(override.getValue(), "override"));
        }
        return result;
    }

    private static TargetSettings build(String name, String prefix, Config c) {
        rejectUnknownKeys(prefix, c);
        Reader r = new Reader(prefix, c);
        Optional<SmtpSettings> smtp = c.hasPath("smtp")
                ? Optional.of(new SmtpSettings(
                        r.endpoint("smtp"),
                        SmtpSecurity.parse(r.string("smtp.security", "plain"), prefix + ".smtp.security"),
                        r.optionalString("smtp.auth").map(v -> SmtpAuthMechanism.parse(v, prefix + ".smtp.auth"))))
                : Optional.empty();
        Optional<Pop3Settings> pop3 = c.hasPath("pop3")
                ? Optional.of(new Pop3Settings(
                        r.endpoint("pop3"),
                        Pop3Security.parse(r.string("pop3.security", "plain"), prefix + ".pop3.security")))
                : Optional.empty();
        if (smtp.isEmpty() && pop3.isEmpty()) throw new SettingsException(prefix, "needs an smtp or a pop3 section (or both)");
        TlsSettings tls = new TlsSettings(r.bool("tls.verify", true), r.optionalString("tls.trust-store").map(Path::of));
        tls.trustStore().ifPresent(p -> {
            if (!Files.isReadable(p)) throw new SettingsException(prefix + ".tls.trust-store", "file " + p + " is not readable");
        });
        Timeouts defaults = Timeouts.defaults();
        Timeouts timeouts = new Timeouts(r.duration("timeouts.connect", defaults.connect()), r.duration("timeouts.read", defaults.read()));
        Optional<String> domain = r.optionalString("domain");
        List<Account> accounts = accounts(prefix, c, domain);
        return new TargetSettings(name, r.string("description", name), domain.orElseGet(() -> domainOf(accounts.get(0).address())),
                smtp, pop3, tls, timeouts, accounts, limits(prefix, r), reconnect(prefix, r), relay(prefix, c, r, domain, accounts));
    }

    /** The relay domain and the harness's next hop for it; the domain must not be one the target delivers locally. */
    private static Optional<RelaySettings> relay(String prefix, Config c, Reader r, Optional<String> domain, List<Account> accounts) {
        if (!c.hasPath("relay")) return Optional.empty();
        String relayDomain = r.requiredString("relay.domain").strip();
        if (relayDomain.isEmpty() || relayDomain.chars().anyMatch(ch -> ch <= ' ' || ch == '@' || ch >= 127)) {
            throw new SettingsException(prefix + ".relay.domain", "'" + relayDomain + "' is not a domain name");
        }
        String local = domain.orElseGet(() -> domainOf(accounts.get(0).address()));
        if (relayDomain.equalsIgnoreCase(local)) {
            throw new SettingsException(prefix + ".relay.domain", "is the target's own domain; name a domain the target relays to the harness");
        }
        return Optional.of(new RelaySettings(relayDomain, r.endpoint("relay", "next-hop-host", "next-hop-port")));
    }

    private static ReplyLimits limits(String prefix, Reader r) {
        ReplyLimits d = ReplyLimits.defaults();
        long line = r.octets("limits.reply-line", d.lineOctets(), 512, Integer.MAX_VALUE);
        long lines = r.octets("limits.reply-lines", d.lines(), 1, Integer.MAX_VALUE);
        long reply = r.octets("limits.reply-octets", d.replyOctets(), 512, Long.MAX_VALUE);
        if (reply < line) throw new SettingsException(prefix + ".limits.reply-octets", reply + " is less than one reply line (limits.reply-line = " + line + ")");
        return new ReplyLimits((int) line, (int) lines, reply);
    }

    private static ReconnectBackoff reconnect(String prefix, Reader r) {
        ReconnectBackoff d = ReconnectBackoff.defaults();
        Duration initial = r.duration("reconnect.initial", d.initial());
        Duration max = r.duration("reconnect.max", initial.compareTo(d.max()) > 0 ? initial : d.max());
        if (max.compareTo(initial) < 0) throw new SettingsException(prefix + ".reconnect.max", "is shorter than reconnect.initial (" + initial.toMillis() + " ms)");
        return new ReconnectBackoff(initial, max);
    }

    private static void rejectUnknownKeys(String prefix, Config c) {
        for (String key : c.root().keySet()) {
            if (!TargetSchema.isKnownPath(key)) throw new SettingsException(prefix + "." + key, "unknown key");
            if (TargetSchema.SECTIONS.contains(key)) {
                if (c.getValue(key).valueType() != ConfigValueType.OBJECT) throw new SettingsException(prefix + "." + key, "must be an object");
                for (String inner : c.getObject(key).keySet()) {
                    if (!TargetSchema.SCALAR_KEYS.contains(key + "." + inner)) {
                        throw new SettingsException(prefix + "." + key + "." + inner, "unknown key");
                    }
                }
            }
        }
    }

    /** The accounts; an address left out is {@code user@domain}, from the target's (or the defaults') domain. */
    private static List<Account> accounts(String prefix, Config c, Optional<String> domain) {
        String key = prefix + ".accounts";
        if (!c.hasPath("accounts")) throw new SettingsException(key, "missing (at least one test account is needed)");
        List<? extends ConfigObject> list;
        try {
            list = c.getObjectList("accounts");
        } catch (ConfigException.WrongType e) {
            throw new SettingsException(key, "must be a list of { address, user, password } objects");
        }
        if (list.isEmpty()) throw new SettingsException(key, "is empty (at least one test account is needed)");
        List<Account> accounts = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            String itemPrefix = key + "[" + i + "]";
            Config item = list.get(i).toConfig();
            for (String k : item.root().keySet()) {
                if (!TargetSchema.ACCOUNT_KEYS.contains(k)) throw new SettingsException(itemPrefix + "." + k, "unknown key");
            }
            Reader r = new Reader(itemPrefix, item);
            Optional<String> user = r.optionalString("user");
            String address = r.optionalString("address").orElseGet(() -> {
                if (user.isEmpty()) throw new SettingsException(itemPrefix + ".address", "missing (give an address, or a user and the target's domain)");
                if (domain.isEmpty()) throw new SettingsException(itemPrefix + ".address", "missing, and no domain to make it " + user.get() + "@domain from");
                return user.get() + "@" + domain.get();
            });
            if (address.indexOf('@') <= 0) throw new SettingsException(itemPrefix + ".address", "'" + address + "' is not a mailbox address");
            accounts.add(new Account(address, user.orElse(address), r.requiredString("password"), r.bool("disposable", false)));
        }
        return accounts;
    }

    private static String domainOf(String address) {
        return address.substring(address.indexOf('@') + 1);
    }

    static String oneLine(ConfigException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.replaceAll("\\s+", " ").trim();
    }

    /** Typed access to one object's keys, turning parser errors into one-line settings errors. */
    private record Reader(String prefix, Config c) {
        String requiredString(String key) {
            if (!c.hasPath(key)) throw new SettingsException(prefix + "." + key, "missing");
            return string(key, null);
        }

        String string(String key, String fallback) {
            if (!c.hasPath(key)) return fallback;
            try {
                return c.getString(key);
            } catch (ConfigException e) {
                throw new SettingsException(prefix + "." + key, "must be a string");
            }
        }

        Optional<String> optionalString(String key) {
            return c.hasPath(key) ? Optional.of(string(key, null)) : Optional.empty();
        }

        boolean bool(String key, boolean fallback) {
            if (!c.hasPath(key)) return fallback;
            try {
                return c.getBoolean(key);
            } catch (ConfigException e) {
                throw new SettingsException(prefix + "." + key, "must be true or false, not '" + c.getValue(key).unwrapped() + "'");
            }
        }

        Duration duration(String key, Duration fallback) {
            if (!c.hasPath(key)) return fallback;
            Duration d;
            try {
                d = c.getDuration(key);
            } catch (ConfigException e) {
                throw new SettingsException(prefix + "." + key, "must be a duration such as 5s or 500ms, not '" + c.getValue(key).unwrapped() + "'");
            }
            if (d.isNegative() || d.isZero()) throw new SettingsException(prefix + "." + key, "must be positive");
            return d;
        }

        /** A count or a size ({@code 65536}, {@code 64KiB}, {@code 32MiB}) between {@code min} and {@code max}. */
        long octets(String key, long fallback, long min, long max) {
            if (!c.hasPath(key)) return fallback;
            long v;
            try {
                v = c.getBytes(key);
            } catch (ConfigException e) {
                throw new SettingsException(prefix + "." + key, "must be a whole number or a size such as 64KiB, not '" + c.getValue(key).unwrapped() + "'");
            }
            if (v < min || v > max) throw new SettingsException(prefix + "." + key, v + " is out of range (" + min + " .. " + max + ")");
            return v;
        }

        Endpoint endpoint(String section) {
            return endpoint(section, "host", "port");
        }

        Endpoint endpoint(String section, String hostName, String portName) {
            String host = string(section + "." + hostName, "127.0.0.1");
            String portKey = section + "." + portName;
            if (!c.hasPath(portKey)) throw new SettingsException(prefix + "." + portKey, "missing");
            int port;
            try {
                port = c.getInt(portKey);
            } catch (ConfigException e) {
                throw new SettingsException(prefix + "." + portKey, "must be a whole number, not '" + c.getValue(portKey).unwrapped() + "'");
            }
            if (port < 1 || port > 65535) throw new SettingsException(prefix + "." + portKey, port + " is out of range (1-65535)");
            if (host.isBlank()) throw new SettingsException(prefix + "." + section + "." + hostName, "is empty");
            return new Endpoint(host, port);
        }
    }
}
