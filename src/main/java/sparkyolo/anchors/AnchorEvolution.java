package sparkyolo.anchors;

import sparkyolo.random.GlobalRandom;
import sparkyolo.random.NumpyRandomState;

/**
 * kmean_anchors' genetic refinement: each generation multiplies the anchors by a random mutation
 * and keeps the result when it raises the fitness. The mutation factor of each value is
 * {@code 1 + u * N(0, 1) * 0.1} with probability 0.9, else 1, clipped to [0.3, 3.0], u being one
 * uniform per generation; mutated anchors are kept at 2 pixels or more. The draws are the
 * original's, in its order: numpy's uniforms for the mask, Python's u, numpy's normals, all
 * drawn again while every factor is 1.
 */
final class AnchorEvolution {
    static final double MUTATION_PROBABILITY = 0.9;
    static final double SIGMA = 0.1;
    static final double MIN_FACTOR = 0.3;
    static final double MAX_FACTOR = 3.0;
    static final double MIN_ANCHOR = 2.0;

    /**
     * @param anchors the fittest anchors, {@code [n][2]} in pixels
     * @param history the best fitness after each generation
     */
    record Result(double[][] anchors, double fitness, double[] history) {
    }

    private AnchorEvolution() {
    }

    /**
     * The original's anchor_fitness, in float32 as its torch tensors compute it: the mean over
     * labels of the best anchor ratio, counting only labels whose best ratio exceeds 1 / anchor_t;
     * NaN without labels.
     *
     * @param wh label sizes in pixels (float32), {@code [labels][2]}
     */
    static double fitness(float[][] wh, double[][] anchors, double anchorT) {
        double thr = AnchorRatio.threshold(anchorT, Precision.FLOAT32);
        float[] kept = new float[wh.length];
        for (int i = 0; i < wh.length; i++) {
            double best = AnchorRatio.best(wh[i][0], wh[i][1], anchors, Precision.FLOAT32);
            kept[i] = best > thr ? (float) best : 0f;
        }
        return TorchSum.mean(kept);
    }

    static Result evolve(float[][] wh, double[][] start, double anchorT, int generations, GlobalRandom rng) {
        double[][] best = DoubleArrays.copy(start);
        double bestFitness = fitness(wh, best, anchorT);
        double[] history = new double[generations];
        for (int g = 0; g < generations; g++) {
            double[][] factors = mutation(best.length, rng);
            double[][] candidate = new double[best.length][2];
            for (int i = 0; i < best.length; i++) {
                for (int j = 0; j < 2; j++) {
                    candidate[i][j] = Math.max(MIN_ANCHOR, best[i][j] * factors[i][j]);
                }
            }
            double f = fitness(wh, candidate, anchorT);
            if (f > bestFitness) {
                bestFitness = f;
                best = candidate;
            }
            history[g] = bestFitness;
        }
        return new Result(best, bestFitness, history);
    }

    /** One generation's factors, {@code [n][2]}, drawn again until some factor differs from 1. */
    private static double[][] mutation(int n, GlobalRandom rng) {
        NumpyRandomState numpy = rng.numpy();
        double[][] factors = new double[n][2];
        boolean changed = false;
        while (!changed) {
            double[][] uniforms = new double[n][2];
            for (double[] row : uniforms) {
                row[0] = numpy.randomSample();
                row[1] = numpy.randomSample();
            }
            double u = rng.python().random();
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < 2; j++) {
                    double normal = numpy.standardNormal();
                    double v = uniforms[i][j] < MUTATION_PROBABILITY ? u * normal * SIGMA + 1 : 1;
                    factors[i][j] = Math.min(MAX_FACTOR, Math.max(MIN_FACTOR, v));
                    changed |= factors[i][j] != 1;
                }
            }
        }
        return factors;
    }
}
