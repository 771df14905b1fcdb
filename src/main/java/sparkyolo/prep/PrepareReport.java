package sparkyolo.prep;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import sparkyolo.io.HadoopFiles;

/**
 * The report of a run: {@code report.json} (counts, issue counts per reason, every issue, AutoAnchor,
 * the options), {@code report.txt} (a readable summary) and {@code stats.json} ({@link DatasetStats}).
 */
final class PrepareReport {
    static final String JSON_FILE = "report.json";
    static final String TEXT_FILE = "report.txt";
    static final String STATS_FILE = "stats.json";
    /** Issues of one reason listed in the text summary; report.json lists all. */
    static final int TEXT_ISSUES_PER_REASON = 20;

    private static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private PrepareReport() {
    }

    static void write(HadoopFiles files, PrepareSummary s, PrepareOptions o) throws IOException {
        files.writeAtomically(s.reportJson(), JSON.writeValueAsBytes(json(s, o)));
        files.writeAtomically(s.reportText(), (String.join("\n", text(s)) + "\n").getBytes(StandardCharsets.UTF_8));
        if (s.statsJson() != null) {
            files.writeAtomically(s.statsJson(), JSON.writeValueAsBytes(s.stats()));
        }
    }

    static Map<String, Object> json(PrepareSummary s, PrepareOptions o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", s.format().label());
        m.put("source", s.source());
        m.put("output", s.output());
        m.put("dataset_yaml", s.datasetYaml());
        m.put("names", s.names());
        Map<String, Object> counts = new LinkedHashMap<>();
        counts.put("source_images", s.sourceImages());
        counts.put("written_images", s.writtenImages());
        counts.put("rejected_images", s.rejectedImages());
        counts.put("images_per_split", s.imagesPerSplit());
        counts.put("files_per_split", s.filesPerSplit());
        counts.put("boxes", s.boxes());
        counts.put("background_images", s.backgroundImages());
        counts.put("resized_images", s.resizedImages());
        counts.put("reencoded_images", s.reencodedImages());
        m.put("counts", counts);
        Map<String, Object> reasons = new LinkedHashMap<>();
        s.issueCounts().forEach((reason, n) -> reasons.put(reason.name(),
                Map.of("count", n, "outcome", reason.outcome().name(), "description", reason.description())));
        m.put("issue_counts", reasons);
        List<Map<String, Object>> issues = new ArrayList<>();
        for (Issue i : s.issues()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("reason", i.reason().name());
            e.put("outcome", i.reason().outcome().name());
            e.put("path", i.path());
            if (i.line() > 0) {
                e.put("line", i.line());
            }
            e.put("detail", i.detail());
            issues.add(e);
        }
        m.put("issues", issues);
        m.put("autoanchor", s.anchors());
        m.put("stats_file", s.statsJson());
        m.put("seconds", s.seconds());
        m.put("images_per_second", s.imagesPerSecond());
        m.put("options", o);
        return m;
    }

    /** The summary, then up to {@value #TEXT_ISSUES_PER_REASON} issues of each reason. */
    static List<String> text(PrepareSummary s) {
        List<String> lines = summaryLines(s);
        for (IssueReason reason : s.issueCounts().keySet()) {
            List<Issue> of = s.issues(reason);
            lines.add(reason + (of.size() > TEXT_ISSUES_PER_REASON
                    ? " (first " + TEXT_ISSUES_PER_REASON + " of " + of.size() + "; all in " + JSON_FILE + "):" : ":"));
            of.stream().limit(TEXT_ISSUES_PER_REASON).forEach(i ->
                    lines.add("  " + i.path() + (i.line() > 0 ? ":" + i.line() : "") + ": " + i.detail()));
        }
        return lines;
    }

    /** Counts, issues per reason, AutoAnchor and time. */
    static List<String> summaryLines(PrepareSummary s) {
        List<String> lines = new ArrayList<>();
        lines.add("SparkYOLO prepare: " + s.format().label() + " " + s.source() + " -> " + s.output());
        lines.add(String.format(Locale.ROOT, "Images: %d in the source, %d written, %d rejected; rows per split %s in %s files",
                s.sourceImages(), s.writtenImages(), s.rejectedImages(), s.imagesPerSplit(), s.filesPerSplit()));
        lines.add(String.format(Locale.ROOT, "Labels: %d boxes in %d classes; %d background images; %d resized, %d re-encoded",
                s.boxes(), s.names().size(), s.backgroundImages(), s.resizedImages(), s.reencodedImages()));
        if (s.issueCounts().isEmpty()) {
            lines.add("Issues: none");
        } else {
            lines.add("Issues by reason:");
            s.issueCounts().forEach((reason, n) -> lines.add(String.format(Locale.ROOT, "  %-26s %7d  %-14s %s",
                    reason, n, reason.outcome().name().toLowerCase(Locale.ROOT).replace('_', ' '), reason.description())));
        }
        AnchorSuggestion a = s.anchors();
        if (a.skipped() != null) {
            lines.add("AutoAnchor: skipped, " + a.skipped());
        } else {
            lines.add(String.format(Locale.ROOT, "AutoAnchor (%s anchors, --img %d): BPR %.4f, %.2f anchors/target%s",
                    a.model(), a.imgSize(), a.bpr(), a.aat(),
                    a.evolvedBpr() == null ? "" : String.format(Locale.ROOT, "; evolved BPR %.4f", a.evolvedBpr())));
            lines.add("  " + (a.replaced() ? "suggested anchors (evolved): " : "anchors to keep (the model's): ")
                    + Arrays.deepToString(round(a.anchors())));
        }
        lines.add(String.format(Locale.ROOT, "Time: %.1f s, %.1f images/s", s.seconds(), s.imagesPerSecond()));
        return lines;
    }

    private static double[][] round(double[][] anchors) {
        double[][] out = new double[anchors.length][];
        for (int i = 0; i < anchors.length; i++) {
            out[i] = Arrays.stream(anchors[i]).map(v -> Math.round(v * 10) / 10.0).toArray();
        }
        return out;
    }
}
