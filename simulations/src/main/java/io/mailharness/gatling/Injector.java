package io.mailharness.gatling;

import io.mailharness.settings.SettingsException;

import java.util.List;
import java.util.stream.IntStream;

/**
 * This injector's place in a scale-out run, {@code -Dmailharness.injector=i/n}: it runs its share of the
 * users and of the rate, and sends to and reads from its own share of the accounts, so that each
 * injector's ledger balances on its own and records merge by message id.
 */
public record Injector(int index, int count) {
    public static final String PROPERTY = "mailharness.injector";

    public Injector {
        if (count < 1 || index < 1 || index > count) throw new SettingsException(PROPERTY, "must be i/n with 1 <= i <= n, got " + index + "/" + count);
    }

    public static Injector single() {
        return new Injector(1, 1);
    }

    public static Injector fromSystem() {
        String value = System.getProperty(PROPERTY);
        if (value == null || value.isBlank()) return single();
        String[] parts = value.trim().split("/", 2);
        try {
            return new Injector(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
        } catch (RuntimeException e) {
            if (e instanceof SettingsException s) throw s;
            throw new SettingsException(PROPERTY, "must be i/n, e.g. 2/4, got '" + value + "'");
        }
    }

    /** This injector's share of a whole number: the remainder goes to the first injectors. */
    public int share(int total) {
        return total / count + (index <= total % count ? 1 : 0);
    }

    public double share(double total) {
        return total / count;
    }

    /** This injector's share of a list: every n-th element, starting at the i-th. */
    public <T> List<T> share(List<T> all) {
        return IntStream.range(0, all.size()).filter(i -> i % count == index - 1).mapToObj(all::get).toList();
    }

    /**
     * This injector's share of the target's load accounts; none (more injectors than accounts) is a settings
     * error, checked before the run starts and again where the run takes its share.
     */
    public <T> List<T> accountShare(List<T> accounts) {
        List<T> mine = share(accounts);
        if (mine.isEmpty()) {
            throw new SettingsException(PROPERTY, "injector " + this + " gets no account: the target has "
                    + accounts.size() + " (disposable) accounts for " + count + " injectors");
        }
        return mine;
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
