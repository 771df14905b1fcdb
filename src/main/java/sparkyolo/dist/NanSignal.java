package sparkyolo.dist;

/**
 * The NaN/Inf guard of a step. Every replica flags its own gradient (as it travels) in the
 * header of each reduce-scatter block, so every owner sees the same flags and skips the same
 * steps before updating; an owner whose fp32 sum still overflows flags its all-gather block, so
 * every replica learns that too.
 */
public final class NanSignal {
    private NanSignal() {
    }

    public static boolean anyNonFinite(float[] values, int off, int len) {
        for (int i = off; i < off + len; i++) {
            // NaN and infinities have every exponent bit set.
            if ((Float.floatToRawIntBits(values[i]) & 0x7f800000) == 0x7f800000) {
                return true;
            }
        }
        return false;
    }
}
