package io.mailharness.protocol;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The service extensions an EHLO reply lists (RFC 5321 §4.1.1.1 ehlo-line): each keyword, upper case, with its
 * parameters as sent. The reply's first line carries the server's domain, not a keyword.
 */
public record EhloKeywords(Map<String, String> parameters) {
    public EhloKeywords {
        parameters = Map.copyOf(parameters);
    }

    /** From the reply's lines as text (e.g. {@code "250-SIZE 10240000"}), with or without their line ends. */
    public static EhloKeywords parse(List<String> replyLines) {
        Map<String, String> keywords = new LinkedHashMap<>();
        for (int i = 1; i < replyLines.size(); i++) {
            String line = replyLines.get(i);
            if (line.length() <= 4) continue;
            String ehloLine = line.substring(4).strip();
            if (ehloLine.isEmpty()) continue;
            int space = ehloLine.indexOf(' ');
            String keyword = (space < 0 ? ehloLine : ehloLine.substring(0, space)).toUpperCase(Locale.ROOT);
            keywords.putIfAbsent(keyword, space < 0 ? "" : ehloLine.substring(space + 1).strip());
        }
        return new EhloKeywords(keywords);
    }

    public boolean has(String keyword) {
        return parameters.containsKey(keyword.toUpperCase(Locale.ROOT));
    }

    public Set<String> keywords() {
        return parameters.keySet();
    }

    /** The keyword's parameters when it is listed with some. */
    public Optional<String> parameter(String keyword) {
        String value = parameters.get(keyword.toUpperCase(Locale.ROOT));
        return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    /** The fixed message size limit from {@code SIZE n} (RFC 1870 §4); empty when not listed, or listed as 0 or without a number. */
    public OptionalLong sizeLimit() {
        String value = parameters.get("SIZE");
        if (value == null || !value.matches("[0-9]{1,18}")) return OptionalLong.empty();
        long limit = Long.parseLong(value);
        return limit > 0 ? OptionalLong.of(limit) : OptionalLong.empty();
    }
}
