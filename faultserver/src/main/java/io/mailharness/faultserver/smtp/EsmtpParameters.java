package io.mailharness.faultserver.smtp;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code esmtp-keyword["=" esmtp-value]} list after a path (RFC 5321 §4.1.2).
 * Keywords are upper-cased; a keyword without value maps to null.
 */
final class EsmtpParameters {

    private EsmtpParameters() {
    }

    static Map<String, String> parse(String rest) throws ReplyException {
        if (rest.isEmpty()) {
            return Map.of();
        }
        if (!rest.startsWith(" ")) {
            throw new ReplyException(501, "5.5.4 Expected SP after path");
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String parameter : rest.trim().split(" +")) {
            int equals = parameter.indexOf('=');
            String keyword = (equals < 0 ? parameter : parameter.substring(0, equals)).toUpperCase(Locale.ROOT);
            String value = equals < 0 ? null : parameter.substring(equals + 1);
            if (!keyword.matches("[A-Z0-9][A-Z0-9-]*")) {
                throw new ReplyException(501, "5.5.4 Bad parameter keyword");
            }
            if (value != null && (value.isEmpty() || value.contains("="))) {
                throw new ReplyException(501, "5.5.4 Bad value for " + keyword);
            }
            if (parameters.containsKey(keyword)) {
                throw new ReplyException(501, "5.5.4 Parameter " + keyword + " given twice");
            }
            parameters.put(keyword, value);
        }
        return Collections.unmodifiableMap(parameters);
    }

    /** xtext (RFC 3461 §4): printable ASCII except "+" and "=", with "+XX" hex escapes. */
    static boolean isXtext(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '+') {
                if (i + 2 >= value.length() || !isUpperHex(value.charAt(i + 1)) || !isUpperHex(value.charAt(i + 2))) {
                    return false;
                }
                i += 2;
            } else if (c < 33 || c > 126 || c == '=') {
                return false;
            }
        }
        return true;
    }

    private static boolean isUpperHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F');
    }
}
