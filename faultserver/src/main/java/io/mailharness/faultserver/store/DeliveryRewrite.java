package io.mailharness.faultserver.store;

import java.util.List;
import java.util.function.UnaryOperator;

/** A {@link DeliveryFault} made from a name, a description and a function. */
public record DeliveryRewrite(String name, String description, UnaryOperator<List<Delivery>> rewrite)
        implements DeliveryFault {

    @Override
    public List<Delivery> apply(List<Delivery> deliveries) {
        return rewrite.apply(deliveries);
    }
}
