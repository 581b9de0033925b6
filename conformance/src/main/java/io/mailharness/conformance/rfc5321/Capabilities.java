package io.mailharness.conformance.rfc5321;

import io.mailharness.conformance.wire.SmtpWireReply;
import io.mailharness.conformance.wire.WireLine;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;

/** The service extensions an EHLO reply lists (RFC 5321 §4.1.1.1 ehlo-line): keyword, upper case, to its parameters. */
record Capabilities(Map<String, String> keywords) {
    static Capabilities of(SmtpWireReply ehlo) {
        Map<String, String> keywords = new LinkedHashMap<>();
        if (ehlo.code() == 250) {
            for (WireLine line : ehlo.lines().subList(1, ehlo.lines().size())) {
                String text = line.text().length() > 4 ? line.text().substring(4) : "";
                int space = text.indexOf(' ');
                keywords.put((space < 0 ? text : text.substring(0, space)).toUpperCase(Locale.ROOT), space < 0 ? "" : text.substring(space + 1).strip());
            }
        }
        return new Capabilities(Map.copyOf(keywords));
    }

    boolean has(String keyword) {
        return keywords.containsKey(keyword);
    }

    /** The fixed message size limit from {@code SIZE n} (RFC 1870 §4); empty when not listed, or listed as 0 or without a number. */
    OptionalLong sizeLimit() {
        String value = keywords.get("SIZE");
        if (value == null || !value.matches("[0-9]{1,18}")) return OptionalLong.empty();
        long limit = Long.parseLong(value);
        return limit > 0 ? OptionalLong.of(limit) : OptionalLong.empty();
    }
}
