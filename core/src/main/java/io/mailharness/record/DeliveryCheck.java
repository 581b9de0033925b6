package io.mailharness.record;

import java.util.Map;

/**
 * What the retrieval side found, delivery by delivery (a delivery is one accepted message in one
 * recipient's maildrop). It balances: {@code deliveries} = intact + annotated + headersRewritten +
 * bodyAltered + truncated + damagedUnclassified + notRetrievable + lost.
 *
 * @param retrievalChecked    false for a send-only run: nothing was retrieved and nothing below is a finding
 * @param deliveries          deliveries owed: the accepted recipients of every accepted transaction
 * @param intact              retrieved exactly as sent
 * @param annotated           retrieved as sent but for header fields the server added
 * @param headersRewritten    retrieved with one of our header fields changed or missing
 * @param bodyAltered         retrieved with a different body
 * @param truncated           retrieved cut short
 * @param damagedUnclassified retrieved damaged (the digest differs) but with nothing to compare with
 * @param notRetrievable      seen in a listing (LIST/UIDL) but never retrieved whole: the retrieval failed
 * @param lost                never seen within the grace period
 * @param samplesFolder       the folder beside the run record holding samples of each class but intact
 *                            (octets as sent, as retrieved, a short diff), or null when there is none
 * @param samplesLeftOut      per class label, the deliveries of that class beyond the samples kept
 */
public record DeliveryCheck(boolean retrievalChecked, long deliveries, long intact, long annotated, long headersRewritten,
                            long bodyAltered, long truncated, long damagedUnclassified, long notRetrievable, long lost,
                            String samplesFolder, Map<String, Long> samplesLeftOut) {
    /** The folder name of the samples beside run-record.json. */
    public static final String SAMPLES_FOLDER = "ledger-samples";
    /** How many samples of each class are kept. */
    public static final int SAMPLES_KEPT = 20;

    public DeliveryCheck {
        samplesLeftOut = samplesLeftOut == null ? Map.of() : Map.copyOf(samplesLeftOut);
    }

    /** Whether every owed delivery is in exactly one class. */
    public boolean balances() {
        return deliveries == intact + annotated + headersRewritten + bodyAltered + truncated + damagedUnclassified + notRetrievable + lost;
    }
}
