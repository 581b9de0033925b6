package io.mailharness.conformance.run;

import io.mailharness.conformance.check.CheckMetadata;
import org.junit.platform.engine.FilterResult;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.PostDiscoveryFilter;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which checks run: ID globs ({@code SMTP-EHLO-*}), RFC numbers, and tags (mode tags such as
 * {@code read-only}, {@code mutates-mailbox}, and the level in lower case: {@code must}, {@code should}).
 * Empty lists select everything; an excluded tag always wins.
 */
public record CheckSelection(List<String> idGlobs, List<String> rfcs, List<String> tags, List<String> excludedTags)
        implements PostDiscoveryFilter {

    public CheckSelection {
        idGlobs = List.copyOf(idGlobs);
        rfcs = List.copyOf(rfcs);
        tags = tags.stream().map(t -> t.toLowerCase(Locale.ROOT)).toList();
        excludedTags = excludedTags.stream().map(t -> t.toLowerCase(Locale.ROOT)).toList();
    }

    public static CheckSelection all() {
        return new CheckSelection(List.of(), List.of(), List.of(), List.of());
    }

    public static CheckSelection ids(String... globs) {
        return new CheckSelection(List.of(globs), List.of(), List.of(), List.of());
    }

    @Override
    public FilterResult apply(TestDescriptor descriptor) {
        Optional<CheckMetadata> check = metadata(descriptor);
        if (check.isEmpty()) return FilterResult.included("not a check");
        return selects(check.get()) ? FilterResult.included("selected") : FilterResult.excluded("not selected");
    }

    public boolean selects(CheckMetadata check) {
        List<String> checkTags = tagsOf(check);
        if (checkTags.stream().anyMatch(excludedTags::contains)) return false;
        if (!tags.isEmpty() && checkTags.stream().noneMatch(tags::contains)) return false;
        if (!rfcs.isEmpty() && check.rfc().stream().noneMatch(rfcs::contains)) return false;
        return idGlobs.isEmpty() || idGlobs.stream().anyMatch(glob -> globPattern(glob).matcher(check.id()).matches());
    }

    /** Every tag these checks carry, the levels included, in order: what {@code --tag} and {@code --exclude-tag} take. */
    public static java.util.SortedSet<String> tagsIn(List<CheckMetadata> checks) {
        java.util.SortedSet<String> all = new java.util.TreeSet<>();
        checks.forEach(check -> all.addAll(tagsOf(check)));
        return all;
    }

    static List<String> tagsOf(CheckMetadata check) {
        List<String> all = new ArrayList<>(check.tags());
        all.add(check.level().name().toLowerCase(Locale.ROOT));
        return all;
    }

    static Optional<CheckMetadata> metadata(TestDescriptor descriptor) {
        return descriptor.getSource()
                .filter(MethodSource.class::isInstance)
                .map(MethodSource.class::cast)
                .flatMap(source -> {
                    try {
                        return CheckMetadata.of(source.getJavaMethod());
                    } catch (RuntimeException e) {
                        return Optional.empty();
                    }
                });
    }

    /** {@code *} any run of characters, {@code ?} one character, case-insensitive. */
    static Pattern globPattern(String glob) {
        StringBuilder regex = new StringBuilder();
        for (char c : glob.toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE);
    }
}
