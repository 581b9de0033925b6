package io.mailharness.gatling;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The shares of n injectors add up to the whole: users, rate and accounts, nothing twice, nothing left out. */
class InjectorTest {
    @Test
    void sharesSumToTheWhole() {
        for (int count = 1; count <= 6; count++) {
            for (int total = 0; total <= 40; total++) {
                List<Integer> all = IntStream.range(0, total).boxed().toList();
                int users = 0;
                double rate = 0;
                List<Integer> accounts = new ArrayList<>();
                for (int index = 1; index <= count; index++) {
                    Injector injector = new Injector(index, count);
                    users += injector.share(total);
                    rate += injector.share(total * 2.5);
                    accounts.addAll(injector.share(all));
                }
                assertEquals(total, users, count + " injectors, " + total + " users");
                assertEquals(total * 2.5, rate, 1e-9);
                assertEquals(all, accounts.stream().sorted().toList(), "every account exactly once");
            }
        }
    }
}
