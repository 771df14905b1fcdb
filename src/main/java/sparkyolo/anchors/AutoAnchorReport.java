package sparkyolo.anchors;

import java.util.List;

/**
 * The outcome of {@link AutoAnchor#run}.
 *
 * @param anchors  the anchors to train with, {@code [nl][2*na]} in pixels: the evolved ones when
 *                 {@code replaced}, else the model's
 * @param before   the model's anchors measured on the (scale-augmented) labels
 * @param after    the evolved anchors measured on the same labels; null when the model's anchors
 *                 were a good fit
 * @param replaced whether the evolved anchors were adopted (their BPR is higher)
 * @param messages what was logged, in order, as the original words it
 */
public record AutoAnchorReport(double[][] anchors, AnchorStats before, AnchorStats after, boolean replaced,
        List<String> messages) {
}
