package sparkyolo.random;

import java.math.BigInteger;

/** CPython's {@code random} module seeded with an integer ({@code random.seed(n)}, then {@code random.random()}). */
public final class PythonRandom {
    private final Mt19937 mt;

    /** {@code random.seed(seed)}: the generator keyed with the 32-bit words of {@code abs(seed)}, least significant first. */
    public PythonRandom(long seed) {
        BigInteger n = BigInteger.valueOf(seed).abs();
        int words = Math.max(1, (n.bitLength() + 31) / 32);
        int[] key = new int[words];
        for (int i = 0; i < words; i++) {
            key[i] = n.shiftRight(32 * i).intValue();
        }
        mt = Mt19937.initByArray(key);
    }

    /** {@code random.random()}: a double in [0, 1). */
    public double random() {
        return mt.nextDouble();
    }
}
