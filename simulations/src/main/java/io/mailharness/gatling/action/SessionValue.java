package io.mailharness.gatling.action;

import io.gatling.commons.validation.Failure;
import io.gatling.commons.validation.Validation;
import io.gatling.core.session.Session;
import io.gatling.javaapi.core.internal.Expressions;
import scala.Function1;

import java.util.function.Function;

/**
 * A builder argument resolved per virtual user: a plain value, a Gatling EL string ({@code "#{rcpt}"})
 * or a {@code Function<Session, T>} of the Java DSL session.
 */
public final class SessionValue<T> {
    private final Function1<Session, Validation<T>> expression;

    private SessionValue(Function1<Session, Validation<T>> expression) {
        this.expression = expression;
    }

    public static <T> SessionValue<T> of(T value) {
        return new SessionValue<>(Expressions.toStaticValueExpression(value));
    }

    public static SessionValue<String> el(String el) {
        return new SessionValue<>(Expressions.toStringExpression(el));
    }

    @SuppressWarnings("unchecked")
    public static SessionValue<Integer> intEl(String el) {
        Function1<Session, Validation<Object>> e = Expressions.toIntExpression(el);
        return new SessionValue<>(s -> (Validation<Integer>) (Validation<?>) e.apply(s));
    }

    public static <T> SessionValue<T> fn(Function<io.gatling.javaapi.core.Session, T> f) {
        return new SessionValue<>(Expressions.javaFunctionToExpression(f));
    }

    /** The value for this user; an unresolvable expression is an {@link IllegalArgumentException} naming the problem. */
    public T resolve(Session session) {
        Validation<T> v = expression.apply(session);
        if (v instanceof Failure f) throw new IllegalArgumentException("expression failed: " + f.message());
        return v.toOption().get();
    }
}
