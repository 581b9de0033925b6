package io.mailharness.cli;

import picocli.CommandLine.IVersionProvider;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** What the build wrote into {@code build.properties}: this version, and the version of the embedded GreenMail. */
final class BuildInfo implements IVersionProvider {
    private static final Properties PROPERTIES = load();

    static String version() {
        return PROPERTIES.getProperty("version", "unknown");
    }

    static String greenMailVersion() {
        return PROPERTIES.getProperty("greenmail.version", "unknown");
    }

    @Override
    public String[] getVersion() {
        return new String[] {"mailharness " + version() + " (GreenMail " + greenMailVersion() + ", Java " + Runtime.version() + ")"};
    }

    private static Properties load() {
        Properties properties = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream("build.properties")) {
            if (in != null) properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read build.properties: " + e.getMessage(), e);
        }
        return properties;
    }
}
