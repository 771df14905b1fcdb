package sparkyolo.anchors;

/**
 * torch's float32 {@code sum} and {@code mean} of a contiguous 1-D CPU tensor, in its summation
 * order (torch 1.13 {@code cascade_sum} with AVX2's 8-float vectors, one thread): the anchor
 * fitness is a float32 mean, and which mutations the original keeps depends on its last bit.
 * Above 32768 elements torch splits a sum between its threads; this is its one-thread order.
 */
final class TorchSum {
    private static final int LANES = 8;
    private static final int ILP = 4;
    private static final int LEVELS = 4;

    private TorchSum() {
    }

    static float mean(float[] a) {
        return sum(a) / a.length;
    }

    static float sum(float[] a) {
        int n = a.length;
        if (n < LANES) {
            return 0f + rowSum(a, n);
        }
        int vectors = n / LANES;
        float[] lanes = vectorRowSum(a, vectors);
        float total = 0f;
        for (int k = vectors * LANES; k < n; k++) {
            total += a[k];
        }
        for (float lane : lanes) {
            total += lane;
        }
        return 0f + total;
    }

    /** row_sum over 8-float vectors: 4 interleaved partial sums (each a cascade), then the remainder. */
    private static float[] vectorRowSum(float[] a, int vectors) {
        int groups = vectors / ILP;
        float[][] partial = multiRowSum(groups, (group, row, lane) -> a[((group * ILP) + row) * LANES + lane], LANES);
        for (int v = groups * ILP; v < vectors; v++) {
            for (int lane = 0; lane < LANES; lane++) {
                partial[0][lane] += a[v * LANES + lane];
            }
        }
        for (int row = 1; row < ILP; row++) {
            for (int lane = 0; lane < LANES; lane++) {
                partial[0][lane] += partial[row][lane];
            }
        }
        return partial[0];
    }

    /** row_sum over single floats, used below 8 elements. */
    private static float rowSum(float[] a, int n) {
        int groups = n / ILP;
        float[][] partial = multiRowSum(groups, (group, row, lane) -> a[group * ILP + row], 1);
        for (int i = groups * ILP; i < n; i++) {
            partial[0][0] += a[i];
        }
        for (int row = 1; row < ILP; row++) {
            partial[0][0] += partial[row][0];
        }
        return partial[0][0];
    }

    private interface Element {
        float at(int group, int row, int lane);
    }

    /**
     * multi_row_sum: sums {@code groups} groups of 4 rows (each {@code lanes} wide) into 4 rows,
     * adding runs of 2^p groups on level 0 and carrying each full run one level up.
     */
    private static float[][] multiRowSum(int groups, Element element, int lanes) {
        int levelPower = Math.max(4, ceilLog2(groups) / LEVELS);
        int levelStep = 1 << levelPower;
        int levelMask = levelStep - 1;
        float[][][] acc = new float[LEVELS][ILP][lanes];
        int i = 0;
        while (i + levelStep <= groups) {
            for (int j = 0; j < levelStep; j++, i++) {
                addGroup(acc[0], element, i, lanes);
            }
            for (int level = 1; level < LEVELS; level++) {
                for (int row = 0; row < ILP; row++) {
                    for (int lane = 0; lane < lanes; lane++) {
                        acc[level][row][lane] += acc[level - 1][row][lane];
                        acc[level - 1][row][lane] = 0f;
                    }
                }
                if ((i & (levelMask << (level * levelPower))) != 0) {
                    break;
                }
            }
        }
        for (; i < groups; i++) {
            addGroup(acc[0], element, i, lanes);
        }
        for (int level = 1; level < LEVELS; level++) {
            for (int row = 0; row < ILP; row++) {
                for (int lane = 0; lane < lanes; lane++) {
                    acc[0][row][lane] += acc[level][row][lane];
                }
            }
        }
        return acc[0];
    }

    private static void addGroup(float[][] acc, Element element, int group, int lanes) {
        for (int row = 0; row < ILP; row++) {
            for (int lane = 0; lane < lanes; lane++) {
                acc[row][lane] += element.at(group, row, lane);
            }
        }
    }

    /** torch's CeilLog2: 1 up to 2, else the number of bits of x - 1. */
    private static int ceilLog2(int x) {
        return x <= 2 ? 1 : 64 - Long.numberOfLeadingZeros(x - 1L);
    }
}
