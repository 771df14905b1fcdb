package sparkyolo.train;

/**
 * The original's ModelEMA over a flat vector (a replica's owner slice of the parameters, or the
 * floating buffers): {@code d = decay·(1 − exp(−updates/tau))}, {@code ema = d·ema + (1−d)·x}.
 */
public final class Ema {
    public static final double DECAY = 0.9999;
    public static final double TAU = 2000;

    private final float[] values;
    private long updates;

    public Ema(float[] initial, long updates) {
        this.values = initial.clone();
        this.updates = updates;
    }

    /** One update from the model's values {@code model[offset .. offset + length)}. */
    public void update(float[] model, int offset) {
        updates++;
        float d = (float) (DECAY * (1 - Math.exp(-updates / TAU)));
        float keep = 1 - d;
        for (int j = 0; j < values.length; j++) {
            values[j] = values[j] * d + keep * model[offset + j];
        }
    }

    public float[] values() {
        return values;
    }

    public long updates() {
        return updates;
    }
}
