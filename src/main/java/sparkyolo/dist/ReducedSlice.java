package sparkyolo.dist;

/**
 * This replica's slice of the gradient summed over all replicas in rank order.
 *
 * @param values the summed slice (fp32), valid until the next reduce-scatter of the same session
 * @param nonFinite whether the step must be skipped: some replica's gradient held NaN/Inf (the
 *     same answer on every replica), or this slice's sum overflowed
 */
public record ReducedSlice(float[] values, boolean nonFinite) {
}
