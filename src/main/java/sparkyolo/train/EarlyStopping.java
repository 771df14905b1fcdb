package sparkyolo.train;

/** The original's EarlyStopping: stop after {@code patience} epochs without a better fitness. */
public final class EarlyStopping {
    private final int patience;

    public EarlyStopping(int patience) {
        this.patience = patience <= 0 ? Integer.MAX_VALUE : patience;
    }

    /** Epochs without improvement after this epoch's fitness. */
    public int update(int withoutImprovement, double fitness, double bestFitness) {
        return fitness >= bestFitness ? 0 : withoutImprovement + 1;
    }

    public boolean shouldStop(int withoutImprovement) {
        return withoutImprovement >= patience;
    }

    /** True when the next epoch without improvement would stop the run (the original then validates). */
    public boolean possibleStop(int withoutImprovement) {
        return withoutImprovement + 1 >= patience;
    }
}
