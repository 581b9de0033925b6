package io.mailharness.gatling.action;

import java.util.function.Function;

/**
 * The request names of an action's stages, {@code "<prefix> <stage>"} (e.g. {@code "SMTP end-of-data"}), made once per
 * action rather than once per request.
 */
final class StageRequests<S extends Enum<S>> {
    private final String[] names;

    StageRequests(String prefix, Class<S> stages, Function<S, String> label) {
        S[] all = stages.getEnumConstants();
        names = new String[all.length];
        for (S stage : all) names[stage.ordinal()] = prefix + " " + label.apply(stage);
    }

    String of(S stage) {
        return names[stage.ordinal()];
    }
}
