package io.mailharness.conformance.check;

import io.mailharness.result.Level;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** A check's identity, read from its {@link Check} and its class's {@link Section}. */
public record CheckMetadata(String id, List<String> rfc, String section, String sectionTitle, String group, Level level,
                            String requirement, List<Mode> modes, int maildrops, boolean alone) {
    public CheckMetadata {
        rfc = List.copyOf(rfc);
        modes = List.copyOf(modes);
    }

    /** The metadata of a check method, or empty when the method is not a check. */
    public static Optional<CheckMetadata> of(Method method) {
        Check check = method.getAnnotation(Check.class);
        if (check == null) return Optional.empty();
        Section section = method.getDeclaringClass().getAnnotation(Section.class);
        if (section == null) {
            throw new IllegalStateException(method.getDeclaringClass().getName() + " has checks but no @Section");
        }
        return Optional.of(new CheckMetadata(check.id(), Arrays.asList(section.rfc()), section.number(), section.title(), heading(section),
                check.level(), check.requirement(), Arrays.asList(check.modes()), check.maildrops(), check.alone()));
    }

    /** {@code RFC 5321 §4.1.1.9 NOOP}: how a section class is shown. */
    public static String heading(Section section) {
        String rfc = String.join("/", section.rfc());
        return (rfc.chars().allMatch(c -> Character.isDigit(c) || c == '/') ? "RFC " + rfc : rfc) + " §" + section.number() + " " + section.title();
    }

    public List<String> tags() {
        return modes.stream().map(Mode::tag).toList();
    }

    public boolean mutatesMailbox() {
        return modes.contains(Mode.MUTATES_MAILBOX);
    }
}
