package io.mailharness.settings;

/** A host and port to connect to. */
public record Endpoint(String host, int port) {
    @Override
    public String toString() {
        return host.contains(":") ? "[" + host + "]:" + port : host + ":" + port;
    }
}
