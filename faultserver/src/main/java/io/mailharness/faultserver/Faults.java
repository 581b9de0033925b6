package io.mailharness.faultserver;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The immutable set of faults a server starts with; {@link #none()} is the conforming server.
 * Named faults live in {@code SmtpFaults}, {@code Pop3Faults} and {@code StoreFaults};
 * {@link #named(String...)} finds them by name.
 */
public final class Faults implements Iterable<Fault> {

    private static final Faults NONE = new Faults(List.of());

    private final List<Fault> faults;

    private Faults(List<Fault> faults) {
        Map<String, Fault> byName = new LinkedHashMap<>();
        for (Fault fault : faults) {
            if (byName.put(fault.name(), fault) != null) {
                throw new IllegalArgumentException("fault given twice: " + fault.name());
            }
        }
        this.faults = List.copyOf(byName.values());
    }

    public static Faults none() {
        return NONE;
    }

    public static Faults of(Fault... faults) {
        return new Faults(Arrays.asList(faults));
    }

    public static Faults of(Collection<? extends Fault> faults) {
        return new Faults(List.copyOf(faults));
    }

    /** Faults from the catalogue by their stable names. */
    public static Faults named(String... names) {
        List<Fault> found = new ArrayList<>();
        for (String name : names) {
            found.add(FaultCatalogue.byName(name));
        }
        return new Faults(found);
    }

    public Faults with(Fault... more) {
        List<Fault> all = new ArrayList<>(faults);
        all.addAll(Arrays.asList(more));
        return new Faults(all);
    }

    /** The faults that implement one hook, in the order given. */
    public <T> List<T> all(Class<T> hook) {
        return faults.stream().filter(hook::isInstance).map(hook::cast).toList();
    }

    public boolean isEmpty() {
        return faults.isEmpty();
    }

    public List<String> names() {
        return faults.stream().map(Fault::name).toList();
    }

    @Override
    public Iterator<Fault> iterator() {
        return faults.iterator();
    }

    @Override
    public String toString() {
        return "Faults" + names();
    }
}
