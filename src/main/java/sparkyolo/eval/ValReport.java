package sparkyolo.eval;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import sparkyolo.data.ImageRecord;
import sparkyolo.detect.DetectionFormats;
import sparkyolo.io.HadoopFiles;
import sparkyolo.util.PyFormat;

/** The outputs of a validation: the original's console table, metrics.json and predictions.json. */
public final class ValReport {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ValReport() {
    }

    /** The table as the original prints it: a header, "all", then one row per class with labels. */
    public static List<String> table(ValResult r) {
        List<String> lines = new ArrayList<>();
        lines.add(String.format("%20s%11s%11s%11s%11s%11s%11s", "Class", "Images", "Labels", "P", "R", "mAP@.5", "mAP@.5:.95"));
        lines.add(row("all", r.seen(), r.totalLabels(), r.precision(), r.recall(), r.map50(), r.map50To95()));
        for (ValResult.ClassRow c : r.classRows()) {
            lines.add(row(c.name(), r.seen(), c.labels(), c.p(), c.r(), c.map50(), c.map()));
        }
        return lines;
    }

    private static String row(String name, int images, long labels, double p, double rec, double m50, double m) {
        return String.format("%20s%11d%11d%11s%11s%11s%11s", name, images, labels, PyFormat.g(p, 3), PyFormat.g(rec, 3),
                PyFormat.g(m50, 3), PyFormat.g(m, 3));
    }

    /** metrics.json: P, R, mAP50, mAP50-95 (+ per class), counts, and what was skipped. */
    public static Map<String, Object> metrics(ValResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("P", r.precision());
        m.put("R", r.recall());
        m.put("mAP50", r.map50());
        m.put("mAP50-95", r.map50To95());
        m.put("fitness", r.fitness());
        m.put("images", r.seen());
        m.put("labels", r.totalLabels());
        List<Map<String, Object>> perClass = new ArrayList<>();
        for (ValResult.ClassRow c : r.classRows()) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("class", c.cls());
            e.put("name", c.name());
            e.put("labels", c.labels());
            e.put("P", c.p());
            e.put("R", c.r());
            e.put("mAP50", c.map50());
            e.put("mAP50-95", c.map());
            perClass.add(e);
        }
        m.put("per_class", perClass);
        m.put("skipped_images", r.skipped().stream().map(ImageRecord::error).toList());
        m.put("label_problems", r.scanned().stream().flatMap(s -> s.problems().stream()).toList());
        m.put("seconds", r.seconds());
        return m;
    }

    public static void write(HadoopFiles files, String runDir, ValResult r, boolean saveJson) throws IOException {
        files.writeAtomically(HadoopFiles.resolve(runDir, "metrics.json"),
                JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(metrics(r)));
        if (saveJson) {
            List<Map<String, Object>> entries = new ArrayList<>();
            for (ImageStats s : r.stats()) {
                entries.addAll(DetectionFormats.cocoResults(DetectionFormats.imageId(HadoopFiles.stem(s.path())), s.detections()));
            }
            files.writeAtomically(HadoopFiles.resolve(runDir, "predictions.json"), JSON.writeValueAsBytes(entries));
        }
    }
}
