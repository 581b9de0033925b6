package io.mailharness.faultserver.smtp;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Strict parser for RFC 5321 §4.1.2 paths and §4.1.3 address literals. Lenient forms
 * ({@code FROM: <a@b>}, {@code FROM:a@b}) are refused: the baseline is the strict server.
 */
final class AddressSyntax {

    static final int MAX_LOCAL_PART = 64;   // §4.5.3.1.1
    static final int MAX_DOMAIN = 255;      // §4.5.3.1.2
    static final int MAX_PATH = 256;        // §4.5.3.1.3, including the angle brackets

    /** A parsed path and whatever followed its closing {@code >}. */
    record Parsed(MailPath path, String rest) {
    }

    private AddressSyntax() {
    }

    /**
     * Parses {@code <...>} at the start of {@code text}.
     *
     * @param allowNull       accept {@code <>} (reverse-path only)
     * @param allowPostmaster accept {@code <Postmaster>} without a domain (forward-path only)
     */
    static Parsed parsePath(String text, boolean allowNull, boolean allowPostmaster) throws ReplyException {
        if (!text.startsWith("<")) {
            throw syntax("Path must be enclosed in <>");
        }
        int close = closingBracket(text);
        if (close < 0) {
            throw syntax("Missing > after path");
        }
        String inner = text.substring(1, close);
        String rest = text.substring(close + 1);
        if (inner.isEmpty()) {
            if (!allowNull) {
                throw syntax("Null path not allowed here");
            }
            return new Parsed(MailPath.NULL, rest);
        }
        if (utf8Length(text.substring(0, close + 1)) > MAX_PATH) {
            throw new ReplyException(501, "5.1.3 Path too long");
        }
        String mailbox = stripSourceRoute(inner);
        if (allowPostmaster && mailbox.equalsIgnoreCase("postmaster")) {
            return new Parsed(new MailPath(mailbox, ""), rest);
        }
        int at = mailbox.lastIndexOf('@');
        if (at <= 0) {
            throw syntax("Mailbox needs local-part@domain");
        }
        String localPart = mailbox.substring(0, at);
        String domain = mailbox.substring(at + 1);
        if (!isLocalPart(localPart)) {
            throw syntax("Bad local-part");
        }
        if (!isDomain(domain) && !isAddressLiteral(domain)) {
            throw syntax("Bad domain or address literal");
        }
        if (utf8Length(localPart) > MAX_LOCAL_PART) {
            throw new ReplyException(501, "5.1.3 Local-part too long");
        }
        if (utf8Length(domain) > MAX_DOMAIN) {
            throw new ReplyException(501, "5.1.3 Domain too long");
        }
        return new Parsed(new MailPath(localPart, domain), rest);
    }

    /** The index of the {@code >} closing the path, skipping quoted strings. */
    private static int closingBracket(String text) {
        boolean quoted = false;
        for (int i = 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted && c == '\\') {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (c == '>' && !quoted) {
                return i;
            }
        }
        return -1;
    }

    /** A-d-l (source route) MUST be accepted and SHOULD be ignored (§4.1.2, App. C). */
    private static String stripSourceRoute(String inner) throws ReplyException {
        if (!inner.startsWith("@")) {
            return inner;
        }
        int colon = inner.indexOf(':');
        if (colon < 0) {
            throw syntax("Bad source route");
        }
        for (String atDomain : inner.substring(0, colon).split(",", -1)) {
            if (!atDomain.startsWith("@") || !isDomain(atDomain.substring(1))) {
                throw syntax("Bad source route");
            }
        }
        return inner.substring(colon + 1);
    }

    static boolean isLocalPart(String localPart) {
        if (localPart.startsWith("\"")) {
            return isQuotedString(localPart);
        }
        if (localPart.isEmpty() || localPart.startsWith(".") || localPart.endsWith(".") || localPart.contains("..")) {
            return false;
        }
        for (int i = 0; i < localPart.length(); i++) {
            char c = localPart.charAt(i);
            if (c != '.' && !isAtext(c)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isQuotedString(String text) {
        if (text.length() < 2 || !text.endsWith("\"")) {
            return false;
        }
        for (int i = 1; i < text.length() - 1; i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                i++;
                if (i >= text.length() - 1 || text.charAt(i) < 32 || text.charAt(i) > 126) {
                    return false;
                }
            } else if (!(c == 32 || c == 33 || (c >= 35 && c <= 91) || (c >= 93 && c <= 126) || c > 0x7F)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isAtext(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || "!#$%&'*+-/=?^_`{|}~".indexOf(c) >= 0 || c > 0x7F;
    }

    /** Domain = sub-domain *("." sub-domain); sub-domain = Let-dig [Ldh-str]; U-labels allowed. */
    static boolean isDomain(String domain) {
        if (domain.isEmpty()) {
            return false;
        }
        for (String label : domain.split("\\.", -1)) {
            if (label.isEmpty() || label.length() > 63 || label.startsWith("-") || label.endsWith("-")) {
                return false;
            }
            for (int i = 0; i < label.length(); i++) {
                char c = label.charAt(i);
                boolean letDig = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
                if (!letDig && c != '-' && c <= 0x7F) {
                    return false;
                }
            }
        }
        return true;
    }

    /** {@code [IPv4]}, {@code [IPv6:...]} or a General-address-literal {@code [tag:content]}. */
    static boolean isAddressLiteral(String text) {
        if (!text.startsWith("[") || !text.endsWith("]") || text.length() < 3) {
            return false;
        }
        String inner = text.substring(1, text.length() - 1);
        if (inner.regionMatches(true, 0, "IPv6:", 0, 5)) {
            return isIpv6(inner.substring(5));
        }
        int colon = inner.indexOf(':');
        if (colon > 0) {
            String tag = inner.substring(0, colon);
            String content = inner.substring(colon + 1);
            return isDomain(tag) && !content.isEmpty()
                    && content.chars().allMatch(c -> (c >= 33 && c <= 90) || (c >= 94 && c <= 126));
        }
        return isIpv4(inner);
    }

    static boolean isIpv4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 3 || !part.chars().allMatch(Character::isDigit)
                    || Integer.parseInt(part) > 255) {
                return false;
            }
        }
        return true;
    }

    private static boolean isIpv6(String text) {
        if (text.isEmpty() || !text.contains(":")) {
            return false;
        }
        String hexPart = text;
        int groupsForV4 = 0;
        int lastColon = text.lastIndexOf(':');
        if (text.substring(lastColon + 1).contains(".")) {
            if (!isIpv4(text.substring(lastColon + 1))) {
                return false;
            }
            hexPart = text.substring(0, lastColon + 1) + "0";
            groupsForV4 = 1;
        }
        int doubleColon = hexPart.indexOf("::");
        if (doubleColon >= 0 && hexPart.indexOf("::", doubleColon + 1) >= 0) {
            return false;
        }
        String[] groups = hexPart.split(":", -1);
        int nonEmpty = 0;
        for (int i = 0; i < groups.length; i++) {
            String g = groups[i];
            if (g.isEmpty()) {
                boolean partOfDoubleColon = doubleColon >= 0;
                if (!partOfDoubleColon) {
                    return false;
                }
                continue;
            }
            if (g.length() > 4 || !g.toLowerCase(Locale.ROOT).chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                return false;
            }
            nonEmpty++;
        }
        int total = nonEmpty + groupsForV4; // an IPv4 tail stands for two 16-bit groups
        return doubleColon >= 0 ? total <= 7 : total == 8;
    }

    static int utf8Length(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    private static ReplyException syntax(String text) {
        return new ReplyException(501, "5.1.3 " + text);
    }
}
