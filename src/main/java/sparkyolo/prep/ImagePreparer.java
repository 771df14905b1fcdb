package sparkyolo.prep;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.opencv.core.Mat;
import sparkyolo.data.YoloLabels;
import sparkyolo.image.BadImageException;
import sparkyolo.image.ImageDecoder;
import sparkyolo.image.ImageFormat;
import sparkyolo.io.HadoopFiles;

/**
 * Prepares one image on an executor: reads and hashes it, decodes it completely (damage is
 * rejected), applies EXIF orientation, checks the size, reads and checks its labels, shrinks and
 * re-encodes it when asked or when its orientation had to be applied. Never throws for a bad
 * file: every problem becomes an issue.
 */
final class ImagePreparer {
    private static final Map<String, ImageFormat> FORMAT_OF_EXTENSION = Map.of("jpg", ImageFormat.JPEG,
            "jpeg", ImageFormat.JPEG, "mpo", ImageFormat.JPEG, "png", ImageFormat.PNG, "bmp", ImageFormat.BMP,
            "webp", ImageFormat.WEBP, "tif", ImageFormat.TIFF, "tiff", ImageFormat.TIFF, "dng", ImageFormat.TIFF);

    private ImagePreparer() {
    }

    static PreparedImage prepare(HadoopFiles files, SourceItem item, PrepareSettings s) {
        List<Issue> issues = new ArrayList<>();
        String path = item.path();
        byte[] bytes;
        try {
            bytes = files.readAllBytes(path);
        } catch (IOException e) {
            issues.add(Issue.of(IssueReason.UNREADABLE_IMAGE, path, String.valueOf(e.getMessage())));
            return PreparedImage.rejected(item, null, issues);
        }
        String sha256 = ContentHash.sha256(bytes);
        Mat image;
        try {
            image = ImageDecoder.decode(bytes, path);
        } catch (BadImageException e) {
            issues.add(Issue.of(reasonOf(e.reason()), path, e.reason().description()));
            return PreparedImage.rejected(item, sha256, issues);
        }
        try {
            return prepareDecoded(files, item, s, bytes, sha256, image, issues);
        } finally {
            image.release();
        }
    }

    private static PreparedImage prepareDecoded(HadoopFiles files, SourceItem item, PrepareSettings s, byte[] bytes,
            String sha256, Mat image, List<Issue> issues) {
        String path = item.path();
        ImageFormat format = ImageFormat.sniff(bytes).orElseThrow(); // decode succeeded, so the format is known
        noteExtension(path, format, issues);
        int orientation = format == ImageFormat.JPEG ? ExifOrientation.read(bytes) : ExifOrientation.NORMAL;
        int width = image.cols();
        int height = image.rows();
        if (Math.min(width, height) < s.minSize()) {
            issues.add(Issue.of(IssueReason.TOO_SMALL, path, width + "x" + height + " is below "
                    + PrepareOptions.MIN_SIZE + " " + s.minSize()));
            return PreparedImage.rejected(item, sha256, issues);
        }
        List<float[]> rows = labels(files, item, width, height, orientation, s, issues);
        if (rows == null) {
            return PreparedImage.rejected(item, sha256, issues);
        }
        rows = LabelRows.remap(rows, s.remap().table(), path, issues);
        boolean reencode = orientation != ExifOrientation.NORMAL;
        if (reencode) {
            issues.add(Issue.of(IssueReason.EXIF_ORIENTATION_APPLIED, path, "EXIF orientation " + orientation
                    + ": stored upright as " + width + "x" + height + ", without EXIF"));
        }
        Mat out = ImageEncoding.shrink(image, s.maxSide());
        boolean resized = out != image;
        try {
            ImageFormat outFormat = format;
            byte[] encoded = bytes;
            if (resized || reencode) {
                outFormat = ImageEncoding.outputFormat(format);
                encoded = ImageEncoding.encode(out, outFormat, s.jpegQuality());
            }
            return new PreparedImage(item.index(), item.id(), path, true, sha256, outFormat.name().toLowerCase(Locale.ROOT),
                    out.cols(), out.rows(), rows.toArray(new float[0][]), encoded, encoded.length, resized,
                    resized || reencode, List.copyOf(issues));
        } finally {
            if (resized) {
                out.release();
            }
        }
    }

    /**
     * The image's normalized rows in source classes, or null when its label file cannot be read.
     * YOLO rows are relative to the image as displayed (what OpenCV decodes), as YOLOv5 assumes,
     * so they are not oriented; pixel boxes are (see {@link PixelBoxes}).
     */
    private static List<float[]> labels(HadoopFiles files, SourceItem item, int width, int height, int orientation,
            PrepareSettings s, List<Issue> issues) {
        if (item.labels() instanceof SourceLabels.Pixels pixels) {
            return PixelBoxes.normalize(pixels, width, height, orientation, item.path(), issues);
        }
        String labelPath = ((SourceLabels.YoloFile) item.labels()).path();
        String text;
        try {
            text = files.readString(labelPath);
        } catch (FileNotFoundException e) {
            issues.add(Issue.of(IssueReason.MISSING_LABEL_FILE, item.path(), "no label file " + labelPath));
            return new ArrayList<>();
        } catch (IOException e) {
            issues.add(Issue.of(IssueReason.UNREADABLE_LABELS, labelPath, String.valueOf(e.getMessage())));
            return null;
        }
        YoloLabels labels = YoloLabels.parse(text, labelPath, s.sourceNc());
        String[] lines = text.split("\\R");
        labels.problems().forEach(p -> issues.add(LabelProblemReasons.issue(p, lines)));
        return new ArrayList<>(Arrays.asList(labels.rows()));
    }

    private static void noteExtension(String path, ImageFormat format, List<Issue> issues) {
        String name = HadoopFiles.fileName(path);
        String extension = name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        ImageFormat expected = FORMAT_OF_EXTENSION.get(extension);
        if (expected != null && expected != format) {
            issues.add(Issue.of(IssueReason.FORMAT_MISMATCH, path, "named ." + extension + " but the content is " + format
                    + "; kept with format " + format.name().toLowerCase(Locale.ROOT)));
        }
    }

    static IssueReason reasonOf(BadImageException.Reason reason) {
        return switch (reason) {
            case EMPTY -> IssueReason.EMPTY_FILE;
            case UNKNOWN_FORMAT -> IssueReason.UNKNOWN_FORMAT;
            case TRUNCATED_JPEG -> IssueReason.TRUNCATED_JPEG;
            case TRUNCATED_PNG -> IssueReason.TRUNCATED_PNG;
            case UNDECODABLE -> IssueReason.UNDECODABLE;
        };
    }
}
