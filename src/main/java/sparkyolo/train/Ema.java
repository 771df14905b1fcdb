package sparkyolo.train;

/**
 * The original's ModelEMA over a flat vector of every floating-point tensor (parameters and
 * BatchNorm statistics): {@code d = decay·(1 − exp(−updates/tau))}, {@code ema = d·ema + (1−d)·x}.
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

    /** One update from the model's current values; {@code [from, to)} limits it to a slice. */
    public void update(float[] model, int from, int to) {
        updates++;
        float d = (float) (DECAY * (1 - Math.exp(-updates / TAU)));
        float keep = 1 - d;
        for (int i = from; i < to; i++) {
            values[i] = values[i] * d + keep * model[i];
        }
    }

    public float[] values() {
        return values;
    }

    public long updates() {
        return updates;
    }
}
