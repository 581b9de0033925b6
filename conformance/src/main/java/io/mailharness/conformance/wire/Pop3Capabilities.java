package io.mailharness.conformance.wire;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A CAPA response (RFC 2449 §5) read as capabilities: one per line, a tag and its arguments separated by
 * spaces. Tags compare case-insensitively.
 */
public final class Pop3Capabilities {
    /** One capability line: the tag in upper case and its arguments as sent. */
    public record Capability(String tag, List<String> arguments, WireLine line) {}

    private final Pop3Response response;
    private final List<Capability> capabilities;

    private Pop3Capabilities(Pop3Response response, List<Capability> capabilities) {
        this.response = response;
        this.capabilities = List.copyOf(capabilities);
    }

    /** Sends CAPA on {@code pop3} and reads the answer; {@link #offered()} is false when it was not +OK. */
    public static Pop3Capabilities query(Pop3Probe pop3) {
        return of(pop3.sendMulti("CAPA"));
    }

    public static Pop3Capabilities of(Pop3Response response) {
        List<Capability> capabilities = new ArrayList<>();
        if (response.isOk()) {
            for (WireLine line : response.body()) {
                String[] words = line.text().trim().split(" +");
                if (words.length == 0 || words[0].isEmpty()) continue;
                capabilities.add(new Capability(words[0].toUpperCase(Locale.ROOT),
                        List.of(words).subList(1, words.length), line));
            }
        }
        return new Pop3Capabilities(response, capabilities);
    }

    public Pop3Response response() {
        return response;
    }

    /** True when the server answered CAPA with +OK (RFC 2449 is supported). */
    public boolean offered() {
        return response.isOk();
    }

    public List<Capability> all() {
        return capabilities;
    }

    public List<String> tags() {
        return capabilities.stream().map(Capability::tag).toList();
    }

    public boolean has(String tag) {
        return get(tag).isPresent();
    }

    public Optional<Capability> get(String tag) {
        String wanted = tag.toUpperCase(Locale.ROOT);
        return capabilities.stream().filter(c -> c.tag().equals(wanted)).findFirst();
    }

    /** The SASL mechanisms listed (RFC 5034 §6: {@code SASL mech ...}), upper case. */
    public List<String> saslMechanisms() {
        return get("SASL").map(c -> c.arguments().stream().map(a -> a.toUpperCase(Locale.ROOT)).toList()).orElse(List.of());
    }

    @Override
    public String toString() {
        return tags().toString();
    }
}
