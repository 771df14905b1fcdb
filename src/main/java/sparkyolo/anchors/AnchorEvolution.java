package sparkyolo.anchors;

import java.util.Random;

/**
 * kmean_anchors' genetic refinement: each generation multiplies the anchors by a random mutation
 * and keeps the result when it raises the fitness. Mutation: with probability 0.9 per value a
 * factor {@code 1 + u * N(0, 1) * 0.1} (u uniform, one per generation), clipped to [0.3, 3.0];
 * mutated anchors are kept at 2 pixels or more.
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
     * The original's anchor_fitness: the mean over labels of the best anchor ratio, counting only
     * labels whose best ratio exceeds 1 / anchor_t.
     */
    static double fitness(double[][] wh, double[][] anchors, double anchorT) {
        double thr = 1 / anchorT;
        double sum = 0;
        for (double[] label : wh) {
            double best = AnchorRatio.best(label[0], label[1], anchors);
            if (best > thr) {
                sum += best;
            }
        }
        return sum / wh.length;
    }

    static Result evolve(double[][] wh, double[][] start, double anchorT, int generations, Random rng) {
        double[][] best = DoubleArrays.copy(start);
        double bestFitness = fitness(wh, best, anchorT);
        double[] history = new double[generations];
        double[][] candidate = new double[best.length][2];
        for (int g = 0; g < generations; g++) {
            mutate(best, candidate, rng);
            double f = fitness(wh, candidate, anchorT);
            if (f > bestFitness) {
                bestFitness = f;
                best = DoubleArrays.copy(candidate);
            }
            history[g] = bestFitness;
        }
        return new Result(best, bestFitness, history);
    }

    /** Writes a mutation of {@code anchors} into {@code out}, redrawing until some factor differs from 1. */
    private static void mutate(double[][] anchors, double[][] out, Random rng) {
        double[][] factors = new double[anchors.length][2];
        boolean changed;
        do {
            changed = false;
            double u = rng.nextDouble();
            for (double[] row : factors) {
                for (int j = 0; j < 2; j++) {
                    double v = 1;
                    if (rng.nextDouble() < MUTATION_PROBABILITY) {
                        v = Math.min(MAX_FACTOR, Math.max(MIN_FACTOR, u * rng.nextGaussian() * SIGMA + 1));
                    }
                    row[j] = v;
                    changed |= v != 1;
                }
            }
        } while (!changed);
        for (int i = 0; i < anchors.length; i++) {
            for (int j = 0; j < 2; j++) {
                out[i][j] = Math.max(MIN_ANCHOR, anchors[i][j] * factors[i][j]);
            }
        }
    }
}
