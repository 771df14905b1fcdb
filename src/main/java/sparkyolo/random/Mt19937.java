package sparkyolo.random;

/**
 * The Mersenne Twister MT19937 (Matsumoto and Nishimura, 1998), with the two seedings and the
 * 53-bit double that numpy's legacy RandomState and CPython's random module use.
 */
final class Mt19937 {
    private static final int N = 624;
    private static final int M = 397;
    private static final int MATRIX_A = 0x9908b0df;
    private static final int UPPER_MASK = 0x80000000;
    private static final int LOWER_MASK = 0x7fffffff;

    private final int[] mt = new int[N];
    private int pos = N;

    private Mt19937() {
    }

    /** {@code init_genrand(seed)}: numpy's seeding for an integer seed. */
    static Mt19937 initGenrand(int seed) {
        Mt19937 g = new Mt19937();
        g.fill(seed);
        return g;
    }

    /** {@code init_by_array(key)}: CPython's seeding, the key being the seed's 32-bit words. */
    static Mt19937 initByArray(int[] key) {
        Mt19937 g = new Mt19937();
        int[] mt = g.mt;
        g.fill(19650218);
        int i = 1;
        int j = 0;
        for (int k = Math.max(N, key.length); k > 0; k--) {
            mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >>> 30)) * 1664525)) + key[j] + j;
            i++;
            j++;
            if (i >= N) {
                mt[0] = mt[N - 1];
                i = 1;
            }
            if (j >= key.length) {
                j = 0;
            }
        }
        for (int k = N - 1; k > 0; k--) {
            mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >>> 30)) * 1566083941)) - i;
            i++;
            if (i >= N) {
                mt[0] = mt[N - 1];
                i = 1;
            }
        }
        mt[0] = 0x80000000;
        return g;
    }

    private void fill(int seed) {
        mt[0] = seed;
        for (int i = 1; i < N; i++) {
            mt[i] = 1812433253 * (mt[i - 1] ^ (mt[i - 1] >>> 30)) + i;
        }
        pos = N;
    }

    /** The next 32 random bits ({@code genrand_uint32}). */
    int next32() {
        if (pos >= N) {
            twist();
        }
        int y = mt[pos++];
        y ^= y >>> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        y ^= y >>> 18;
        return y;
    }

    /** A double in [0, 1) from 53 random bits ({@code genrand_res53}). */
    double nextDouble() {
        long a = (next32() & 0xffffffffL) >>> 5;
        long b = (next32() & 0xffffffffL) >>> 6;
        return (a * 67108864.0 + b) / 9007199254740992.0;
    }

    private void twist() {
        int i = 0;
        for (; i < N - M; i++) {
            mt[i] = mt[i + M] ^ mix(mt[i], mt[i + 1]);
        }
        for (; i < N - 1; i++) {
            mt[i] = mt[i + M - N] ^ mix(mt[i], mt[i + 1]);
        }
        mt[N - 1] = mt[M - 1] ^ mix(mt[N - 1], mt[0]);
        pos = 0;
    }

    private static int mix(int upper, int lower) {
        int y = (upper & UPPER_MASK) | (lower & LOWER_MASK);
        return (y >>> 1) ^ ((y & 1) == 0 ? 0 : MATRIX_A);
    }
}
