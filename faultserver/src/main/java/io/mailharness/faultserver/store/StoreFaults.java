package io.mailharness.faultserver.store;

import java.util.ArrayList;
import java.util.List;

/** Named faults of the store: what was accepted with 250 is not what POP3 later finds. */
public final class StoreFaults {

    private StoreFaults() {
    }

    public static final DeliveryFault STORE_LOSE_MESSAGE = new DeliveryRewrite("STORE_LOSE_MESSAGE",
            "message answered 250 but never stored (RFC 5321 §4.1.1.4, §6.1: a 250 takes responsibility)",
            deliveries -> List.of());

    public static final DeliveryFault STORE_DUPLICATE_MESSAGE = new DeliveryRewrite("STORE_DUPLICATE_MESSAGE",
            "every accepted copy stored twice (RFC 5321 §4.1.1.4: one transaction, one message)",
            deliveries -> {
                List<Delivery> twice = new ArrayList<>();
                for (Delivery d : deliveries) {
                    twice.add(d);
                    twice.add(d);
                }
                return twice;
            });

    public static final DeliveryFault STORE_ALTER_BODY_BYTE = new DeliveryRewrite("STORE_ALTER_BODY_BYTE",
            "one body octet changed on storage (RFC 5321 §4.5.2: all characters delivered unchanged)",
            deliveries -> deliveries.stream().map(d -> d.withContent(BodyAlteration.alterFirstBodyOctet(d.content())))
                    .toList());

    public static final DeliveryFault STORE_FIRST_RECIPIENT_ONLY = new DeliveryRewrite("STORE_FIRST_RECIPIENT_ONLY",
            "only the first accepted recipient gets the message (RFC 5321 §3.3: every 250 RCPT is delivered)",
            deliveries -> deliveries.isEmpty() ? List.of() : List.of(deliveries.getFirst()));
}
