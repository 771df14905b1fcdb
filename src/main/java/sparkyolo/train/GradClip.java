package sparkyolo.train;

/**
 * torch.nn.utils.clip_grad_norm_: gradients are scaled so that their global L2 norm is at most
 * maxNorm. The norm is global (over all replicas' slices), so it is passed in as a sum of squares.
 */
public final class GradClip {
    public static final double MAX_NORM = 10.0;

    private GradClip() {
    }

    /**
     * Scales {@code grads[0, length)} in place given the global sum of squares; returns the norm
     * before clipping.
     */
    public static double scale(float[] grads, int length, double sumOfSquares, double maxNorm) {
        double norm = Math.sqrt(sumOfSquares);
        float coef = (float) (maxNorm / (norm + 1e-6));
        if (coef < 1f) {
            for (int i = 0; i < length; i++) {
                grads[i] *= coef;
            }
        }
        return norm;
    }
}
