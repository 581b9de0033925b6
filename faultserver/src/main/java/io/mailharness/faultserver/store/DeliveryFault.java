package io.mailharness.faultserver.store;

import io.mailharness.faultserver.Fault;

import java.util.List;

/** Hook: rewrites the copies of one accepted message before they are stored. */
public interface DeliveryFault extends Fault {

    /** Gets one {@link Delivery} per accepted recipient, in RCPT order; returns what is really stored. */
    List<Delivery> apply(List<Delivery> deliveries);
}
