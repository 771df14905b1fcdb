package sparkyolo.prep;

import sparkyolo.util.InvalidOptionException;

/** Shares of the images for train, val and test when {@code prepare} splits the dataset itself. */
public record SplitRatios(double train, double val, double test) {
    private static final double TOLERANCE = 1e-6;

    public SplitRatios {
        for (double r : new double[] {train, val, test}) {
            if (!(r >= 0 && r <= 1)) {
                throw new InvalidOptionException(PrepareOptions.SPLIT, "each ratio must lie in [0, 1], got " + r);
            }
        }
        if (train <= 0) {
            throw new InvalidOptionException(PrepareOptions.SPLIT, "the train ratio must be positive");
        }
        if (Math.abs(train + val + test - 1) > TOLERANCE) {
            throw new InvalidOptionException(PrepareOptions.SPLIT,
                    "ratios must add up to 1, got " + train + " + " + val + " + " + test);
        }
    }

    /** {@code "0.8,0.1,0.1"} or {@code "0.9,0.1"} (no test split). */
    public static SplitRatios parse(String text) {
        String[] parts = text.split(",");
        if (parts.length < 2 || parts.length > 3) {
            throw new InvalidOptionException(PrepareOptions.SPLIT, "expected TRAIN,VAL[,TEST], got '" + text + "'");
        }
        double[] r = new double[3];
        for (int i = 0; i < parts.length; i++) {
            try {
                r[i] = Double.parseDouble(parts[i].strip());
            } catch (NumberFormatException e) {
                throw new InvalidOptionException(PrepareOptions.SPLIT, "not a number: '" + parts[i].strip() + "'");
            }
        }
        return new SplitRatios(r[0], r[1], r[2]);
    }
}
