package sparkyolo.train;

/** torch.nn.utils.clip_grad_norm_: scales all gradients so that their global L2 norm is at most maxNorm. */
public final class GradClip {
    public static final double MAX_NORM = 10.0;

    private GradClip() {
    }

    /** Clips in place and returns the norm before clipping. */
    public static double clip(float[] grads, double maxNorm) {
        double sum = 0;
        for (float g : grads) {
            sum += (double) g * g;
        }
        double norm = Math.sqrt(sum);
        float coef = (float) (maxNorm / (norm + 1e-6));
        if (coef < 1f) {
            for (int i = 0; i < grads.length; i++) {
                grads[i] *= coef;
            }
        }
        return norm;
    }
}
