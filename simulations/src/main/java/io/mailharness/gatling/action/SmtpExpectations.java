package io.mailharness.gatling.action;

import io.mailharness.gatling.check.ReplyExpectation;
import io.mailharness.gatling.check.SmtpStage;

import java.util.EnumMap;
import java.util.Map;

/** The expected reply per SMTP stage: the stage's default unless a builder said otherwise. Immutable. */
public final class SmtpExpectations {
    private final Map<SmtpStage, ReplyExpectation> overrides;

    private SmtpExpectations(Map<SmtpStage, ReplyExpectation> overrides) {
        this.overrides = overrides;
    }

    public static SmtpExpectations defaults() {
        return new SmtpExpectations(new EnumMap<>(SmtpStage.class));
    }

    public SmtpExpectations with(SmtpStage stage, ReplyExpectation expectation) {
        Map<SmtpStage, ReplyExpectation> copy = new EnumMap<>(SmtpStage.class);
        copy.putAll(overrides);
        copy.put(stage, expectation);
        return new SmtpExpectations(copy);
    }

    public ReplyExpectation of(SmtpStage stage) {
        return overrides.getOrDefault(stage, stage.defaultExpectation());
    }
}
