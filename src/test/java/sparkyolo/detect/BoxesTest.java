package sparkyolo.detect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import sparkyolo.testing.SharedFixtures;
import sparkyolo.util.NpyArray;

class BoxesTest {
    @Test
    void convertsBetweenXywhAndXyxy() {
        float[] xyxy = Boxes.xywhToXyxy(new float[] {10f, 20f, 4f, 6f});
        assertArrayEquals(new float[] {8f, 17f, 12f, 23f}, xyxy);
        assertArrayEquals(new float[] {10f, 20f, 4f, 6f}, Boxes.xyxyToXywh(xyxy));
    }

    @Test
    void iouMatrixUsesEpsAndColumnOffsets() {
        float[][] a = {{0f, 0f, 10f, 10f}};
        float[][] labels = {{3f, 5f, 0f, 15f, 10f}, {1f, 20f, 20f, 30f, 30f}, {0f, 0f, 0f, 10f, 10f}};
        float[][] iou = Boxes.iou(a, 0, labels, 1);
        assertEquals(50f / (100f + 100f - 50f + 1e-7f), iou[0][0], 0f);
        assertEquals(0f, iou[0][1], 0f);
        assertEquals(100f / (200f - 100f + 1e-7f), iou[0][2], 0f);
        assertEquals(1, Boxes.iou(a, new float[0][]).length);
    }

    @Test
    void scaleCoordsDerivesLetterboxFromShapesAndClips() {
        float[][] boxes = {{-4f, 30f, 170f, 300f}};
        Boxes.scaleCoords(new int[] {320, 320}, boxes, new int[] {480, 640}, null);
        // gain 0.5, pad (0, 40): y1 (30-40)/0.5 = -20 -> 0, x2 340, y2 520 -> 480.
        assertArrayEquals(new float[] {0f, 0f, 340f, 480f}, boxes[0]);
    }

    @Test
    void scaleCoordsUsesGivenRatioAndPad() {
        float[][] boxes = {{12f, 50f, 22f, 60f, 0.9f, 3f}};
        Boxes.scaleCoords(new int[] {320, 320}, boxes, new int[] {480, 640}, new double[][] {{0.5, 0.5}, {2, 40}});
        assertArrayEquals(new float[] {20f, 20f, 40f, 40f, 0.9f, 3f}, boxes[0]);
    }

    @Test
    void mapsReferenceDetectionsBackToTheOriginalImage() throws IOException {
        Map<String, NpyArray> nms = SharedFixtures.npz("nms.npz");
        float[][] det = rows(nms.get("x_img_c0.25_i0.45_img0").toFloats());
        float[][] want = rows(nms.get("x_img_c0.25_i0.45_img0_scaled_to_original_rounded").toFloats());
        Boxes.scaleCoords(new int[] {320, 320}, det, new int[] {480, 640}, new double[][] {{0.5, 0.5}, {0, 40}});
        for (int i = 0; i < det.length; i++) {
            for (int k = 0; k < 4; k++) {
                det[i][k] = (float) Math.rint(det[i][k]);
            }
            assertArrayEquals(want[i], det[i], "row " + i);
        }
    }

    private static float[][] rows(float[] flat) {
        float[][] out = new float[flat.length / 6][];
        for (int i = 0; i < out.length; i++) {
            out[i] = java.util.Arrays.copyOfRange(flat, 6 * i, 6 * i + 6);
        }
        return out;
    }
}
