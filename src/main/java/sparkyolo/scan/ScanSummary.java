package sparkyolo.scan;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import sparkyolo.data.ImageRecord;

/**
 * The original's summary of a scanned split ({@code N found, M missing, K empty, C corrupt}) plus
 * the label lines skipped, with the first offenders named and the full list for a report file; and
 * the check that refuses a dataset whose labels mostly use class ids beyond its {@code nc}.
 */
public final class ScanSummary {
    /** Share of boxes with a class id of nc or more above which a run is refused. */
    public static final double MAX_FOREIGN_CLASS_SHARE = 0.1;
    /** Offenders named in the log; the report file lists them all. */
    static final int NAMED = 5;

    private final String split;
    private final int nc;
    private final int images;
    private final int missing;
    private final int empty;
    private final int boxes;
    private final int outOfRange;
    private final int largestClass;
    private final List<String> corrupt = new ArrayList<>();
    private final List<String> missingFiles = new ArrayList<>();
    private final List<String> badLines = new ArrayList<>();

    private ScanSummary(String split, int nc, List<ImageRecord> records) {
        this.split = split;
        this.nc = nc;
        this.images = records.size();
        int missingLabels = 0;
        int emptyLabels = 0;
        int kept = 0;
        int foreign = 0;
        int largest = -1;
        for (ImageRecord r : records) {
            if (!r.ok()) {
                corrupt.add(r.error());
                continue;
            }
            badLines.addAll(r.problems());
            kept += r.labels().length;
            foreign += r.labelFile().classOutOfRange();
            largest = Math.max(largest, r.labelFile().largestClass());
            if (r.labelFile().missing()) {
                missingLabels++;
                missingFiles.add(r.path());
            } else if (r.labels().length == 0 && r.problems().isEmpty()) {
                emptyLabels++;
            }
        }
        this.missing = missingLabels;
        this.empty = emptyLabels;
        this.boxes = kept;
        this.outOfRange = foreign;
        this.largestClass = largest;
    }

    /** The summary of {@code split}'s scanned {@code records} for a dataset of {@code nc} classes. */
    public static ScanSummary of(String split, List<ImageRecord> records, int nc) {
        return new ScanSummary(split, nc, records);
    }

    /**
     * Refuses a dataset where more than {@link #MAX_FOREIGN_CLASS_SHARE} of the boxes have a class id
     * of nc or more: its nc (or names) is most likely wrong, and training would drop those boxes.
     */
    public void checkClasses(String datasetFile) {
        int all = boxes + outOfRange;
        if (outOfRange > 0 && outOfRange > MAX_FOREIGN_CLASS_SHARE * all) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "%s: %d of %d boxes of the '%s' split (%.0f%%) have a class id of nc=%d or more (the largest is %d):"
                            + " the YAML's nc or names is likely wrong", datasetFile, outOfRange, all, split,
                    100.0 * outOfRange / all, nc, largestClass));
        }
    }

    /** The log lines: counts, then the first offenders and where the full list is ({@code report} may be null). */
    public List<String> lines(String report) {
        List<String> out = new ArrayList<>();
        out.add(String.format(Locale.ROOT, "%s: %d images: %d with labels found, %d missing, %d empty, %d corrupt;"
                        + " %d boxes, %d bad label lines%s", split, images, images - corrupt.size() - missing, missing,
                empty, corrupt.size(), boxes, badLines.size(),
                outOfRange > 0 ? String.format(Locale.ROOT, " (%d with a class id of nc=%d or more, up to %d)",
                        outOfRange, nc, largestClass) : ""));
        int named = 0;
        for (List<String> kind : List.of(corrupt, badLines)) {
            for (String offender : kind) {
                if (named++ < NAMED) {
                    out.add("  " + split + ": skipped " + offender);
                }
            }
        }
        if (report != null) {
            out.add("  " + split + ": " + (named > NAMED ? (named - NAMED) + " more; " : "") + "the full list is in "
                    + report);
        }
        return out;
    }

    /** The report file's text: every corrupt image, image without a label file and bad label line. */
    public String report() {
        StringBuilder s = new StringBuilder(String.join("\n", lines(null))).append('\n');
        section(s, "corrupt images (skipped)", corrupt);
        section(s, "images without a label file (trained as background)", missingFiles);
        section(s, "bad label lines (skipped)", badLines);
        return s.toString();
    }

    private static void section(StringBuilder s, String title, List<String> items) {
        if (!items.isEmpty()) {
            s.append('\n').append(title).append(" (").append(items.size()).append("):\n");
            items.forEach(i -> s.append("  ").append(i).append('\n'));
        }
    }

    public String split() {
        return split;
    }

    /** Whether something worth a warning was found. */
    public boolean hasProblems() {
        return !corrupt.isEmpty() || !badLines.isEmpty() || missing > 0;
    }
}
