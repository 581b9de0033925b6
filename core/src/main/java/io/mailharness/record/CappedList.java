package io.mailharness.record;

import java.util.List;

/**
 * The first entries of a list that may grow without bound, and how many were left out, so that a reader
 * never mistakes a capped list for the whole.
 */
public record CappedList<T>(List<T> entries, long leftOut) {
    public CappedList {
        entries = List.copyOf(entries);
        if (leftOut < 0) throw new IllegalArgumentException("leftOut must not be negative: " + leftOut);
    }

    /** The first {@code limit} of {@code all}. */
    public static <T> CappedList<T> of(List<T> all, int limit) {
        return new CappedList<>(all.size() <= limit ? all : all.subList(0, limit), Math.max(0, all.size() - limit));
    }
}
