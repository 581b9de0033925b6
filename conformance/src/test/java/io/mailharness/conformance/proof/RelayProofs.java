package io.mailharness.conformance.proof;

import io.mailharness.faultserver.smtp.RelayFaults;

import java.util.List;

import static io.mailharness.conformance.proof.Proof.breaks;
import static io.mailharness.conformance.proof.Proof.keeps;
import static io.mailharness.conformance.proof.ServerFault.catalogue;
import static io.mailharness.result.Outcome.FAIL;

/**
 * Proof rows for what a target emits as a client, relaying to the harness's next hop (SMTP-SMUG-OUT). The fault
 * server relays {@link FaultyTarget#RELAY_DOMAIN} there; its faults change only how that mail is written out.
 */
final class RelayProofs {
    private RelayProofs() {}

    static final List<Proof> ROWS = List.of(
            breaks("SMTP-SMUG-OUT", catalogue(RelayFaults.SMTP_RELAY_FORWARDS_BARE_LINE_ENDS), FAIL)
                    .at("next hop: the data of mh-", "a bare LF at octet"),
            breaks("SMTP-SMUG-OUT", catalogue(RelayFaults.SMTP_RELAY_LOOK_ALIKES_BECOME_END_OF_DATA), FAIL)
                    .at("next hop: the data of mh-", "in one line\\r\\nA\\r\\n (a line end the target emitted"),
            breaks("SMTP-SMUG-OUT", catalogue(RelayFaults.SMTP_RELAY_NO_DOT_STUFFING), FAIL)
                    .at("next hop: the data of mh-", "-dots\\r\\n\\r\\n (a line end the target emitted"));

    /**
     * Relays the RFCs allow, and faults of the inbound side (other rows' business: the look-alike ends the data at
     * submission, the submission's stuffing is kept), against which SMTP-SMUG-OUT must PASS.
     */
    static final List<Proof> KEEPS = List.of(
            keeps("SMTP-SMUG-OUT", catalogue(RelayFaults.SMTP_RELAY_SENDS_BARE_LINE_ENDS_AS_CRLF)),
            keeps("SMTP-SMUG-OUT", catalogue("SMTP_BARE_LF_ENDS_DATA")),
            keeps("SMTP-SMUG-OUT", catalogue("SMTP_BARE_CR_ENDS_LINES_IN_DATA")),
            keeps("SMTP-SMUG-OUT", catalogue("SMTP_NO_DOT_UNSTUFFING")));
}
