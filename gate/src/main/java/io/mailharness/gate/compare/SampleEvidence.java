package io.mailharness.gate.compare;

/**
 * Whether two runs' shares (KOs among requests, lost among accepted messages) differ by more than chance, so that a
 * change can be judged below the sample minimum: 0 of 80 requests failing against 28 of 80 is no noise. The test
 * compares 99 % Wilson score intervals, which stay honest at small counts and at shares of 0.
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

    /** The 99 % Wilson score interval of {@code k} successes in {@code n} trials: {low, high}. */
    static double[] wilson(long k, long n) {
        double p = (double) k / n;
        double z2 = Z * Z;
        double centre = (p + z2 / (2.0 * n)) / (1 + z2 / n);
        double half = Z * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n)) / (1 + z2 / n);
        return new double[] {Math.max(0, centre - half), Math.min(1, centre + half)};
    }
}
