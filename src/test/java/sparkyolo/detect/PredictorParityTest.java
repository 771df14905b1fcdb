package sparkyolo.detect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.opencv.core.Mat;
import sparkyolo.image.ImageDecoder;
import sparkyolo.image.ImageTensors;
import sparkyolo.image.Letterbox;
import sparkyolo.io.HadoopFiles;
import sparkyolo.model.YoloNetwork;
import sparkyolo.testing.SharedFixtures;
import sparkyolo.util.NpyArray;
import sparkyolo.weights.Weights;

/** The whole detection path on a real JPEG against the original's detections mapped back to the image. */
class PredictorParityTest {
    @Test
    void decodeLetterboxInferNmsAndScaleBackMatchTheOriginal() throws Exception {
        byte[] jpeg = Files.readAllBytes(SharedFixtures.coco128().resolve("images/train2017/000000000009.jpg"));
        Mat image = ImageDecoder.decode(jpeg, "000000000009.jpg");
        Letterbox.Result lb = Letterbox.apply(image, 320, false, true);
        float[][] dets;
        try (YoloNetwork model = Weights.load(HadoopFiles.local(), SharedFixtures.parity("yolov5n.pt").toString(), null)
                .newModel()) {
            Predictor predictor = new Predictor(model);
            dets = predictor.predict(List.of(lb.image()), NmsOptions.defaults()).get(0);
            // Images already in the model's layout (here twice, one forward pass each on the CPU): the same detections.
            List<float[][]> fromPixels = predictor.predict(ImageTensors.toNchwRgb(List.of(lb.image(), lb.image())), 2, 320,
                    320, NmsOptions.defaults());
            assertArrayEquals(dets, fromPixels.get(0));
            assertArrayEquals(dets, fromPixels.get(1));
        }
        Boxes.scaleCoords(new int[] {320, 320}, dets, new int[] {image.rows(), image.cols()}, null);
        NpyArray ref = SharedFixtures.npz("nms.npz").get("x_img_c0.25_i0.45_img0_scaled_to_original_rounded");
        float[] r = ref.toFloats();
        assertEquals(ref.shape()[0], dets.length);
        for (int i = 0; i < dets.length; i++) {
            for (int k = 0; k < 4; k++) {
                assertEquals(r[i * 6 + k], Math.round(dets[i][k]), 1.0, "box " + i + " coord " + k);
            }
            assertEquals(r[i * 6 + 4], dets[i][4], 1e-4, "score " + i);
            assertEquals(r[i * 6 + 5], dets[i][5], 0.0, "class " + i);
        }
    }

    @Test
    void imagesDetectedTogetherFindWhatEachFindsAlone() throws Exception {
        // 640x426 and 640x428 share a letterboxed rectangle at 320, 640x480 has another: grouped by shape.
        List<Mat> images = new java.util.ArrayList<>();
        for (String name : List.of("000000000009.jpg", "000000000025.jpg", "000000000030.jpg")) {
            byte[] jpeg = Files.readAllBytes(SharedFixtures.coco128().resolve("images/train2017/" + name));
            images.add(ImageDecoder.decode(jpeg, name));
        }
        try (YoloNetwork model = Weights.load(HadoopFiles.local(), SharedFixtures.parity("yolov5n.pt").toString(), null)
                .newModel()) {
            Predictor predictor = new Predictor(model);
            List<float[][]> together = predictor.detect(images, 320, NmsOptions.defaults());
            assertEquals(images.size(), together.size());
            for (int i = 0; i < images.size(); i++) {
                assertArrayEquals(predictor.detect(images.get(i), 320, NmsOptions.defaults()), together.get(i),
                        "image " + i);
            }
        }
    }
}
