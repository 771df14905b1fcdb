package sparkyolo.gpucheck;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import sparkyolo.util.NpyArray;
import sparkyolo.util.Npz;

/**
 * The images both sides compute on (python/prepare_inputs.py): letterboxed to size×size, BGR
 * uint8 H×W×3 as OpenCV decodes them, and their labels as rows {@code [image, cls, cx, cy, w, h]}
 * normalized to the letterboxed image.
 */
record Inputs(byte[] images, int count, int size, float[][] targets) {
    static Inputs read(Path file, int size) throws IOException {
        Map<String, NpyArray> npz = Npz.read(file);
        NpyArray images = npz.get("images");
        long[] shape = images.shape();
        if (shape.length != 4 || shape[1] != size || shape[2] != size || shape[3] != 3 || !images.dtype().equals("u1")) {
            throw new IOException(file + ": images must be uint8 N×" + size + "×" + size + "×3, got " + images.dtype() + " "
                    + java.util.Arrays.toString(shape));
        }
        return new Inputs(images.toBytes(), (int) shape[0], size, npz.get("targets").toFloatRows());
    }

    /** The labels of the first {@code n} images (cycling through the inputs), numbered by position. */
    float[][] targetsOf(int n) {
        List<float[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            for (float[] row : targets) {
                if ((int) row[0] == i % count) {
                    float[] copy = row.clone();
                    copy[0] = i;
                    out.add(copy);
                }
            }
        }
        return out.toArray(new float[0][]);
    }
}
