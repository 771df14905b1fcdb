package sparkyolo.anchors;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import sparkyolo.data.YoloLabels;
import sparkyolo.testing.SharedFixtures;

/**
 * coco128's train split as AutoAnchor sees it: per image {@code [width, height]} from the JPEG
 * header and the normalized {@code [w, h]} of its labels.
 */
record Coco128Labels(double[][] shapes, double[][][] labelWh) {
    private static Coco128Labels cached;

    static synchronized Coco128Labels load() throws IOException {
        if (cached == null) {
            cached = read(SharedFixtures.coco128());
        }
        return cached;
    }

    static AnchorDataset dataset() throws IOException {
        Coco128Labels c = load();
        return AnchorDataset.of(c.shapes(), c.labelWh());
    }

    private static Coco128Labels read(Path root) throws IOException {
        Path images = root.resolve("images/train2017");
        assumeTrue(Files.isDirectory(images), "skipped: coco128 not found at " + root);
        List<Path> files;
        try (Stream<Path> s = Files.list(images)) {
            files = s.filter(p -> p.toString().endsWith(".jpg")).sorted().toList();
        }
        List<double[]> shapes = new ArrayList<>();
        List<double[][]> wh = new ArrayList<>();
        for (Path image : files) {
            shapes.add(size(image));
            String stem = image.getFileName().toString().replaceFirst("\\.jpg$", "");
            Path label = root.resolve("labels/train2017").resolve(stem + ".txt");
            String text = Files.exists(label) ? Files.readString(label) : null;
            float[][] rows = YoloLabels.parse(text, label.toString(), 80).rows();
            double[][] sizes = new double[rows.length][];
            for (int i = 0; i < rows.length; i++) {
                sizes[i] = new double[] {rows[i][3], rows[i][4]};
            }
            wh.add(sizes);
        }
        return new Coco128Labels(shapes.toArray(new double[0][]), wh.toArray(new double[0][][]));
    }

    /** {@code [width, height]} from the image header, without decoding the pixels. */
    private static double[] size(Path image) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(image.toFile())) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            ImageReader reader = readers.next();
            try {
                reader.setInput(in);
                return new double[] {reader.getWidth(0), reader.getHeight(0)};
            } finally {
                reader.dispose();
            }
        }
    }
}
