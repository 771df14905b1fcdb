package sparkyolo.loss;

/**
 * The targets assigned to one detection level: row {@code k} asks the prediction at
 * {@code [image[k], anchor[k], gridY[k], gridX[k]]} to find a box of class {@code cls[k]}.
 *
 * @param box      per row {@code [gx - gi, gy - gj, gw, gh]} (grid units, centre relative to the cell)
 * @param anchorWh per row the anchor's {@code [w, h]} in grid units
 */
public record LevelTargets(int[] image, int[] anchor, int[] gridY, int[] gridX, int[] cls, float[] box,
        float[] anchorWh) {

    public int size() {
        return cls.length;
    }
}
