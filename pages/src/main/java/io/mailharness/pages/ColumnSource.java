package io.mailharness.pages;

import java.nio.file.Path;

/** Where a comparison page's column comes from: a server's result, or the reason it has none. */
public sealed interface ColumnSource {
    /** The column's name; null for a result named by the target it records. */
    String name();

    /** A result file (or a folder holding one); {@code name} overrides the target name in the file when not null. */
    record Result(String name, Path path) implements ColumnSource {}

    /** A server whose run failed, with the reason. */
    record Unavailable(String name, String reason) implements ColumnSource {}
}
