package io.mailharness.sink;

import io.mailharness.settings.SettingsException;

import java.time.Duration;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.random.RandomGenerator;

/** What the sink does differently at each stage: its delays, fault replies and disconnects (at most one of each per stage). */
public final class StagePlan {
    public static final StagePlan NONE = of(List.of(), List.of(), List.of());

    private final Map<Stage, StageDelay> delays;
    private final Map<Stage, StageReply> replies;
    private final Map<Stage, StageDisconnect> disconnects;

    private StagePlan(Map<Stage, StageDelay> delays, Map<Stage, StageReply> replies, Map<Stage, StageDisconnect> disconnects) {
        this.delays = delays;
        this.replies = replies;
        this.disconnects = disconnects;
    }

    public static StagePlan of(Collection<StageDelay> delays, Collection<StageReply> replies, Collection<StageDisconnect> disconnects) {
        return new StagePlan(byStage(delays, StageDelay::stage, StageDelay.OPTION),
                byStage(replies, StageReply::stage, StageReply.OPTION),
                byStage(disconnects, StageDisconnect::stage, StageDisconnect.OPTION));
    }

    private static <T> Map<Stage, T> byStage(Collection<T> items, Function<T, Stage> stageOf, String option) {
        Map<Stage, T> map = new EnumMap<>(Stage.class);
        for (T item : items) {
            if (map.put(stageOf.apply(item), item) != null) {
                throw new SettingsException(option, "stage " + stageOf.apply(item).optionName() + " is given twice");
            }
        }
        return map;
    }

    /** How long to wait before replying at this stage (zero when no delay is set). */
    public Duration delay(Stage stage) {
        StageDelay d = delays.get(stage);
        return d == null ? Duration.ZERO : d.delay();
    }

    /** Whether the connection is to be dropped at this stage this time. */
    public boolean disconnects(Stage stage, RandomGenerator random) {
        StageDisconnect d = disconnects.get(stage);
        return d != null && d.chance().happens(random);
    }

    /** The fault reply to send at this stage this time, or null for the sink's own reply. */
    public StageReply faultReply(Stage stage, RandomGenerator random) {
        StageReply r = replies.get(stage);
        return r != null && r.chance().happens(random) ? r : null;
    }

    public List<StageDelay> delays() {
        return List.copyOf(delays.values());
    }

    public List<StageReply> replies() {
        return List.copyOf(replies.values());
    }

    public List<StageDisconnect> disconnects() {
        return List.copyOf(disconnects.values());
    }

    @Override
    public String toString() {
        return "delays " + delays.values() + ", replies " + replies.values() + ", disconnects " + disconnects.values();
    }
}
