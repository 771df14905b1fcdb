package sparkyolo.prep;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import sparkyolo.random.NumpyRandomState;
import sparkyolo.util.InvalidOptionException;

/**
 * What {@code prepare} reads, writes and changes. Every check names the command-line option it
 * concerns ({@link InvalidOptionException#option()}); {@link #builder} fills in the defaults.
 *
 * @param format        the source's annotation format ({@value #FORMAT})
 * @param source        YOLO: the dataset YAML; COCO: the {@code instances_*.json}; VOC: the root holding
 *                      {@code Annotations/}, {@code JPEGImages/} and {@code ImageSets/Main/} ({@value #SOURCE})
 * @param images        COCO only: the folder the JSON's {@code file_name}s are relative to ({@value #IMAGES})
 * @param output        the directory to write: one folder of Parquet files per split, {@code dataset.yaml},
 *                      the report and statistics ({@value #OUTPUT})
 * @param overwrite     replace an existing output directory ({@value #OVERWRITE})
 * @param rowsPerFile   images per Parquet file, or 0 to size files by {@code mbPerFile} ({@value #ROWS_PER_FILE})
 * @param mbPerFile     target MB of image bytes per Parquet file, or 0 to use {@code rowsPerFile} ({@value #MB_PER_FILE})
 * @param minSize       images whose width or height is smaller are rejected, in pixels ({@value #MIN_SIZE})
 * @param maxSide       images whose longer side is larger are shrunk to it (aspect kept) and re-encoded,
 *                      or 0 to keep sizes ({@value #MAX_SIDE})
 * @param jpegQuality   the quality of re-encoded JPEGs, 1-100 ({@value #JPEG_QUALITY})
 * @param split         new train/val/test ratios, or null to keep the source's splits ({@value #SPLIT})
 * @param seed          seeds the split shuffle and AutoAnchor ({@value #SEED})
 * @param cocoSplit     COCO only, when keeping source splits: the split the JSON's images go to ({@value #COCO_SPLIT})
 * @param keepDifficult VOC only: keep objects flagged {@code difficult} ({@value #KEEP_DIFFICULT})
 * @param classMap      renames source classes, old name → new name; classes mapped to the same name merge
 *                      ({@value #CLASS_MAP})
 * @param anchorModel   the model YAML (file or bundled name) whose anchors AutoAnchor checks ({@value #ANCHOR_MODEL})
 * @param anchorImgSize the training image size AutoAnchor assumes ({@value #ANCHOR_IMG_SIZE})
 */
public record PrepareOptions(SourceFormat format, String source, String images, String output, boolean overwrite,
        int rowsPerFile, double mbPerFile, int minSize, int maxSide, int jpegQuality, SplitRatios split, long seed,
        String cocoSplit, boolean keepDifficult, Map<String, String> classMap, String anchorModel, int anchorImgSize) {
    public static final String FORMAT = "--format";
    public static final String SOURCE = "--source";
    public static final String IMAGES = "--images";
    public static final String OUTPUT = "--output";
    public static final String OVERWRITE = "--overwrite";
    public static final String ROWS_PER_FILE = "--rows-per-file";
    public static final String MB_PER_FILE = "--mb-per-file";
    public static final String MIN_SIZE = "--min-size";
    public static final String MAX_SIDE = "--max-side";
    public static final String JPEG_QUALITY = "--jpeg-quality";
    public static final String SPLIT = "--split";
    public static final String SEED = "--seed";
    public static final String COCO_SPLIT = "--coco-split";
    public static final String KEEP_DIFFICULT = "--keep-difficult";
    public static final String CLASS_MAP = "--class-map";
    public static final String ANCHOR_MODEL = "--anchor-cfg";
    public static final String ANCHOR_IMG_SIZE = "--anchor-img";

    public static final double DEFAULT_MB_PER_FILE = 128;
    /** The original's verify_image_label() rejects images of 9 pixels or less on a side. */
    public static final int DEFAULT_MIN_SIZE = 10;
    public static final int DEFAULT_JPEG_QUALITY = 95;
    public static final String DEFAULT_ANCHOR_MODEL = "yolov5s.yaml";
    public static final int DEFAULT_ANCHOR_IMG_SIZE = 640;
    public static final Set<String> SPLITS = Set.of("train", "val", "test");

    public PrepareOptions {
        if (format == null) {
            throw new InvalidOptionException(FORMAT, "required: yolo, coco or voc");
        }
        requireText(SOURCE, source);
        requireText(OUTPUT, output);
        if (format == SourceFormat.COCO) {
            requireText(IMAGES, images);
        } else if (images != null) {
            throw new InvalidOptionException(IMAGES, "applies only to " + FORMAT + " coco");
        }
        if (rowsPerFile < 0 || mbPerFile < 0 || Double.isNaN(mbPerFile)) {
            throw new InvalidOptionException(rowsPerFile < 0 ? ROWS_PER_FILE : MB_PER_FILE, "must not be negative");
        }
        if ((rowsPerFile > 0) == (mbPerFile > 0)) {
            throw new InvalidOptionException(ROWS_PER_FILE, "give exactly one of " + ROWS_PER_FILE + " and " + MB_PER_FILE);
        }
        if (minSize < 0) {
            throw new InvalidOptionException(MIN_SIZE, "must not be negative, got " + minSize);
        }
        if (maxSide < 0) {
            throw new InvalidOptionException(MAX_SIDE, "must be positive, or 0 to keep image sizes; got " + maxSide);
        }
        if (maxSide > 0 && maxSide < minSize) {
            throw new InvalidOptionException(MAX_SIDE, maxSide + " is below " + MIN_SIZE + " " + minSize);
        }
        if (jpegQuality < 1 || jpegQuality > 100) {
            throw new InvalidOptionException(JPEG_QUALITY, "must lie in 1-100, got " + jpegQuality);
        }
        if (!SPLITS.contains(cocoSplit)) {
            throw new InvalidOptionException(COCO_SPLIT, "expected train, val or test, got '" + cocoSplit + "'");
        }
        classMap = Collections.unmodifiableMap(new LinkedHashMap<>(classMap == null ? Map.of() : classMap));
        classMap.forEach((from, to) -> {
            if (from == null || from.isBlank() || to == null || to.isBlank()) {
                throw new InvalidOptionException(CLASS_MAP, "class names must not be blank: '" + from + "' -> '" + to + "'");
            }
        });
        requireText(ANCHOR_MODEL, anchorModel);
        if (anchorImgSize < 32) {
            throw new InvalidOptionException(ANCHOR_IMG_SIZE, "must be at least 32, got " + anchorImgSize);
        }
        if (seed < 0 || seed > NumpyRandomState.MAX_SEED) {
            throw new InvalidOptionException(SEED, "must be in [0, " + NumpyRandomState.MAX_SEED
                    + "] (AutoAnchor seeds numpy with it, as the original), got " + seed);
        }
    }

    private static void requireText(String option, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidOptionException(option, "required");
        }
    }

    /** Whether the source's own train/val/test assignment is kept. */
    public boolean keepSourceSplits() {
        return split == null;
    }

    /** The defaults: 128 MB files, min size 10, no resizing, JPEG quality 95, source splits kept, seed 0. */
    public static Builder builder(SourceFormat format, String source, String output) {
        return new Builder(format, source, output);
    }

    /** Fills a {@link PrepareOptions} from its defaults; {@link #build()} validates. */
    public static final class Builder {
        private final SourceFormat format;
        private final String source;
        private final String output;
        private String images;
        private boolean overwrite;
        private int rowsPerFile;
        private double mbPerFile = DEFAULT_MB_PER_FILE;
        private int minSize = DEFAULT_MIN_SIZE;
        private int maxSide;
        private int jpegQuality = DEFAULT_JPEG_QUALITY;
        private SplitRatios split;
        private long seed;
        private String cocoSplit = "train";
        private boolean keepDifficult;
        private Map<String, String> classMap = Map.of();
        private String anchorModel = DEFAULT_ANCHOR_MODEL;
        private int anchorImgSize = DEFAULT_ANCHOR_IMG_SIZE;

        private Builder(SourceFormat format, String source, String output) {
            this.format = format;
            this.source = source;
            this.output = output;
        }

        public Builder images(String v) {
            images = v;
            return this;
        }

        public Builder overwrite(boolean v) {
            overwrite = v;
            return this;
        }

        /** Sizes files by image count (and stops sizing them by MB). */
        public Builder rowsPerFile(int v) {
            rowsPerFile = v;
            mbPerFile = 0;
            return this;
        }

        /** Sizes files by MB of image bytes (and stops sizing them by image count). */
        public Builder mbPerFile(double v) {
            mbPerFile = v;
            rowsPerFile = 0;
            return this;
        }

        public Builder minSize(int v) {
            minSize = v;
            return this;
        }

        public Builder maxSide(int v) {
            maxSide = v;
            return this;
        }

        public Builder jpegQuality(int v) {
            jpegQuality = v;
            return this;
        }

        public Builder split(SplitRatios v) {
            split = v;
            return this;
        }

        public Builder seed(long v) {
            seed = v;
            return this;
        }

        public Builder cocoSplit(String v) {
            cocoSplit = v;
            return this;
        }

        public Builder keepDifficult(boolean v) {
            keepDifficult = v;
            return this;
        }

        public Builder classMap(Map<String, String> v) {
            classMap = v;
            return this;
        }

        public Builder anchorModel(String v) {
            anchorModel = v;
            return this;
        }

        public Builder anchorImgSize(int v) {
            anchorImgSize = v;
            return this;
        }

        public PrepareOptions build() {
            return new PrepareOptions(format, source, images, output, overwrite, rowsPerFile, mbPerFile, minSize, maxSide,
                    jpegQuality, split, seed, cocoSplit, keepDifficult, classMap, anchorModel, anchorImgSize);
        }
    }
}
