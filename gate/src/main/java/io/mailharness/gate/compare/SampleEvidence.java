package io.mailharness.gate.compare;

/**
 * Whether two runs' counts differ by more than chance, so that a change can be judged below the sample minimum: 0 of
 * 80 requests failing against 28 of 80 is no noise, nor is 41 requests in 10 s against 8. Both tests compare 99 %
 * Wilson score intervals, which stay honest at small counts and at shares of 0.
 */
final class SampleEvidence {
    /** The normal quantile of a two-sided 99 % interval. */
    private static final double Z = 2.576;

    private SampleEvidence() {}

    /** The shares {@code k1/n1} and {@code k2/n2} (KOs among requests) have intervals that do not overlap. */
    static boolean sharesDiffer(long k1, long n1, long k2, long n2) {
        if (n1 <= 0 || n2 <= 0) return false;
        double[] first = wilson(k1, n1);
        double[] second = wilson(k2, n2);
        return first[1] < second[0] || second[1] < first[0];
    }

    /**
     * {@code c1} requests in {@code d1} seconds and {@code c2} in {@code d2}: at one rate, the second run's share of
     * all the requests would be near {@code d2 / (d1 + d2)}; outside the interval of the share it has, the rates differ.
     */
    static boolean ratesDiffer(long c1, double d1, long c2, double d2) {
        if (!(d1 > 0 && d2 > 0) || c1 + c2 <= 0) return false;
        double[] share = wilson(c2, c1 + c2);
        double atOneRate = d2 / (d1 + d2);
        return atOneRate < share[0] || atOneRate > share[1];
    }

    /** The 99 % Wilson score interval of {@code k} successes in {@code n} trials: {low, high}. */
    static double[] wilson(long k, long n) {
        double p = (double) k / n;
        double z2 = Z * Z;
        double centre = (p + z2 / (2.0 * n)) / (1 + z2 / n);
        double half = Z * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n)) / (1 + z2 / n);
        return new double[] {Math.max(0, centre - half), Math.min(1, centre + half)};
    }
}
