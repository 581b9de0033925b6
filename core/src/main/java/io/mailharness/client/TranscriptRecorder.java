package io.mailharness.client;

import org.apache.commons.net.ProtocolCommandEvent;
import org.apache.commons.net.ProtocolCommandListener;

/** Feeds what a Commons Net client sends and receives into a transcript, masking credentials on the way. */
final class TranscriptRecorder implements ProtocolCommandListener {
    private final Transcript transcript;
    private final CredentialMask mask = new CredentialMask();

    TranscriptRecorder(Transcript transcript) {
        this.transcript = transcript;
    }

    @Override
    public void protocolCommandSent(ProtocolCommandEvent event) {
        transcript.client(mask.clientLine(event.getMessage()));
    }

    @Override
    public void protocolReplyReceived(ProtocolCommandEvent event) {
        String message = event.getMessage();
        mask.serverLine(message);
        transcript.server(message);
    }
}
