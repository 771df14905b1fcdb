package sparkyolo.random;

/**
 * Python's {@code random} module and numpy's global {@code RandomState}, both seeded with the same
 * integer as the original's {@code init_seeds(seed)} seeds them.
 */
public final class GlobalRandom {
    private final NumpyRandomState numpy;
    private final PythonRandom python;

    private GlobalRandom(long seed) {
        numpy = new NumpyRandomState(seed);
        python = new PythonRandom(seed);
    }

    /**
     * {@code init_seeds(seed)}. The original's single-process train.py calls it with
     * {@code opt.seed + 1 + RANK}, RANK being -1 there, i.e. with the training seed itself.
     *
     * @throws IllegalArgumentException when the seed lies outside numpy's [0, 2**32 - 1]
     */
    public static GlobalRandom seeded(long seed) {
        return new GlobalRandom(seed);
    }

    /** {@code np.random}. */
    public NumpyRandomState numpy() {
        return numpy;
    }

    /** Python's {@code random}. */
    public PythonRandom python() {
        return python;
    }
}
