package sparkyolo.prep;

/** Why an item of the source was rejected, changed or noted by {@code prepare}; each reason has one outcome. */
public enum IssueReason {
    EMPTY_FILE(Outcome.IMAGE_REJECTED, "empty file (0 bytes)"),
    UNKNOWN_FORMAT(Outcome.IMAGE_REJECTED, "not an image by its magic bytes (JPEG, PNG, BMP, WebP or TIFF)"),
    TRUNCATED_JPEG(Outcome.IMAGE_REJECTED, "truncated JPEG (no end-of-image marker)"),
    TRUNCATED_PNG(Outcome.IMAGE_REJECTED, "truncated PNG (no IEND chunk)"),
    UNDECODABLE(Outcome.IMAGE_REJECTED, "the decoder returned no image"),
    UNREADABLE_IMAGE(Outcome.IMAGE_REJECTED, "the image file could not be read"),
    TOO_SMALL(Outcome.IMAGE_REJECTED, "width or height below the minimum size"),
    DUPLICATE_IMAGE(Outcome.IMAGE_REJECTED, "same content (sha256) as an image earlier in path order"),
    UNREADABLE_LABELS(Outcome.IMAGE_REJECTED, "the label file exists but could not be read or parsed"),

    MALFORMED_LABEL(Outcome.LABEL_REMOVED, "a label line or annotation that cannot be parsed"),
    CLASS_OUT_OF_RANGE(Outcome.LABEL_REMOVED, "class id outside [0, nc) or an unknown category/class name"),
    COORDINATE_OUT_OF_RANGE(Outcome.LABEL_REMOVED, "normalized coordinate outside [0, 1]"),
    NON_POSITIVE_SIZE(Outcome.LABEL_REMOVED, "box width or height zero or negative"),
    BOX_OUTSIDE_IMAGE(Outcome.LABEL_REMOVED, "pixel box with no area inside the image"),
    CROWD_ANNOTATION(Outcome.LABEL_REMOVED, "COCO iscrowd annotation, left out as Ultralytics' converter does"),
    DIFFICULT_BOX(Outcome.LABEL_REMOVED, "VOC difficult object, left out as Ultralytics' VOC conversion does"),

    DUPLICATE_LABEL(Outcome.FIXED, "duplicate label row removed"),
    BOX_CLIPPED(Outcome.FIXED, "pixel box clipped to the image"),
    EXIF_ORIENTATION_APPLIED(Outcome.FIXED, "EXIF orientation applied to the pixels (re-encoded) and to pixel boxes"),

    MISSING_LABEL_FILE(Outcome.NOTED, "no label file or annotation: kept as a background image"),
    FORMAT_MISMATCH(Outcome.NOTED, "the file name's extension does not match the content's format"),
    SIZE_MISMATCH(Outcome.NOTED, "the annotation's image size differs from the image's"),
    IN_SEVERAL_SPLITS(Outcome.NOTED, "the same image is listed in more than one source split; written to each"),

    LABEL_WITHOUT_IMAGE(Outcome.SKIPPED, "a label file or annotated image entry with no image file"),
    UNLISTED_IMAGE(Outcome.SKIPPED, "an image file the annotations or split lists do not mention"),
    BAD_ANNOTATION(Outcome.SKIPPED, "an annotation entry that refers to no listed image"),
    UNREADABLE_DIRECTORY(Outcome.SKIPPED, "a directory or split entry that could not be listed");

    /** What became of the item. */
    public enum Outcome {
        /** The image is not in the output. */
        IMAGE_REJECTED,
        /** One label was left out; the image is in the output. */
        LABEL_REMOVED,
        /** The item was corrected and is in the output. */
        FIXED,
        /** The item is in the output as it was; worth knowing. */
        NOTED,
        /** Not an image of the output: a stray file, entry or directory. */
        SKIPPED
    }

    private final Outcome outcome;
    private final String description;

    IssueReason(Outcome outcome, String description) {
        this.outcome = outcome;
        this.description = description;
    }

    public Outcome outcome() {
        return outcome;
    }

    public String description() {
        return description;
    }
}
