package io.mailharness.sink;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * One SMTP session's octets as they crossed the wire, in the order they came: what the client sent and what the
 * sink answered, untouched (no line splitting, no dot-stuffing removed). Bounded: past {@link #LIMIT} octets
 * nothing more is kept and {@link #truncated()} says so.
 */
public final class SessionRecording {
    /** Who sent a piece of the session. */
    public enum Direction { CLIENT, SINK }

    /** Octets one side sent in one read or write. */
    public record Piece(Direction direction, byte[] octets) {}

    /** The most octets one recording keeps (both directions together). */
    public static final int LIMIT = 16 * 1024 * 1024;

    private final String peer;
    private final List<Piece> pieces = new ArrayList<>();
    private long kept;
    private boolean truncated;
    private boolean closed;

    SessionRecording(String peer) {
        this.peer = peer;
    }

    /** The client's address and port. */
    public String peer() {
        return peer;
    }

    synchronized void add(Direction direction, byte[] octets) {
        if (octets.length == 0) return;
        if (kept + octets.length > LIMIT) {
            truncated = true;
            return;
        }
        kept += octets.length;
        int last = pieces.size() - 1;
        if (last >= 0 && pieces.get(last).direction() == direction) {
            // one piece per turn: TCP may split a turn into many reads
            byte[] before = pieces.get(last).octets();
            byte[] joined = java.util.Arrays.copyOf(before, before.length + octets.length);
            System.arraycopy(octets, 0, joined, before.length, octets.length);
            pieces.set(last, new Piece(direction, joined));
        } else {
            pieces.add(new Piece(direction, octets));
        }
    }

    synchronized void close() {
        closed = true;
    }

    /** Every turn so far, client and sink alternating. */
    public synchronized List<Piece> pieces() {
        return List.copyOf(pieces);
    }

    /** Everything the client sent, in one piece. */
    public synchronized byte[] clientOctets() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Piece piece : pieces) if (piece.direction() == Direction.CLIENT) out.writeBytes(piece.octets());
        return out.toByteArray();
    }

    /** The connection has ended. */
    public synchronized boolean closed() {
        return closed;
    }

    /** Octets were left out at the {@link #LIMIT}. */
    public synchronized boolean truncated() {
        return truncated;
    }
}
