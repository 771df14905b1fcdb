package sparkyolo.prep;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.api.java.JavaSparkContext;
import sparkyolo.data.ImageFiles;
import sparkyolo.io.HadoopFiles;

/**
 * Lists a Pascal VOC dataset: {@code Annotations/<id>.xml}, {@code JPEGImages/<id>.*} and the split
 * lists {@code ImageSets/Main/{train,val,test}.txt}. The XML files are parsed by a Spark job. Class
 * names are the object names found, sorted (for VOC itself that is its usual class order). Boxes
 * convert as Ultralytics' VOC.yaml does: 1-based {@code xmin..xmax} becomes {@code [xmin - 1, xmax - 1]}
 * in the 0-based pixel grid; {@code difficult} objects are left out unless kept by option.
 */
final class VocSource {
    static final List<String> SPLITS = List.of("train", "val", "test");

    private VocSource() {
    }

    static SourceListing read(JavaSparkContext sc, HadoopFiles files, String rootPath, boolean keepSourceSplits,
            boolean keepDifficult) throws IOException {
        String root = files.qualify(rootPath);
        List<Issue> issues = new ArrayList<>();
        Map<String, String> xmlById = byStem(DirectoryWalker.files(files, root + "/Annotations", issues), ".xml", issues);
        List<String> imageFiles = DirectoryWalker.files(files, root + "/JPEGImages", issues).stream()
                .filter(ImageFiles::isImage).toList();
        Map<String, String> imageById = byStem(imageFiles, null, issues);
        Map<String, List<String>> splitsById = keepSourceSplits ? splitLists(files, root, issues) : new TreeMap<>();
        if (splitsById.isEmpty()) {
            // Re-split, or no lists: every image and annotation takes part, as "train" until re-split.
            TreeSet<String> all = new TreeSet<>(xmlById.keySet());
            all.addAll(imageById.keySet());
            all.forEach(id -> splitsById.put(id, List.of("train")));
        }
        reportUnlisted(splitsById, xmlById, imageById, issues);

        List<String> toParse = splitsById.keySet().stream()
                .filter(id -> xmlById.containsKey(id) && imageById.containsKey(id)).map(xmlById::get).toList();
        Map<String, VocAnnotation> parsed = new HashMap<>();
        for (VocAnnotation a : VocAnnotationScan.run(sc, toParse)) {
            parsed.put(a.path(), a);
        }
        List<String> names = names(parsed.values());
        Map<String, Integer> classOf = new HashMap<>();
        names.forEach(n -> classOf.put(n, classOf.size()));

        ItemsByPath items = new ItemsByPath();
        for (Map.Entry<String, List<String>> e : splitsById.entrySet()) {
            String id = e.getKey();
            String image = imageById.get(id);
            String xml = xmlById.get(id);
            SourceLabels labels;
            if (image == null) {
                issues.add(xml != null
                        ? Issue.of(IssueReason.LABEL_WITHOUT_IMAGE, xml, "no JPEGImages/" + id + ".* image")
                        : Issue.of(IssueReason.LABEL_WITHOUT_IMAGE, root + "/JPEGImages/" + id,
                                "listed in ImageSets/Main " + e.getValue() + " but has no image and no annotation"));
                continue;
            } else if (xml == null) {
                issues.add(Issue.of(IssueReason.MISSING_LABEL_FILE, image, "no Annotations/" + id + ".xml"));
                labels = new SourceLabels.Pixels(0, 0, List.of(), null);
            } else {
                VocAnnotation a = parsed.get(xml);
                if (a.error() != null) {
                    issues.add(Issue.of(IssueReason.UNREADABLE_LABELS, xml, a.error()));
                    continue;
                }
                labels = pixels(a, classOf, keepDifficult, issues);
            }
            for (String split : e.getValue()) {
                items.add(image, id, split, labels);
            }
        }
        return new SourceListing(items.build(), names, issues);
    }

    private static SourceLabels pixels(VocAnnotation a, Map<String, Integer> classOf, boolean keepDifficult,
            List<Issue> issues) {
        a.problems().forEach(p -> issues.add(Issue.of(IssueReason.MALFORMED_LABEL, a.path(), p)));
        List<PixelBox> boxes = new ArrayList<>();
        for (VocAnnotation.VocObject o : a.objects()) {
            String ref = "object " + o.number() + " (" + o.name() + ")";
            if (o.difficult() && !keepDifficult) {
                issues.add(Issue.of(IssueReason.DIFFICULT_BOX, a.path(), ref + " is marked difficult"));
            } else if (!(o.xmax() > o.xmin() && o.ymax() > o.ymin())) {
                issues.add(Issue.of(IssueReason.NON_POSITIVE_SIZE, a.path(), ref + ": xmin " + o.xmin() + " xmax " + o.xmax()
                        + " ymin " + o.ymin() + " ymax " + o.ymax()));
            } else {
                boxes.add(new PixelBox(classOf.get(o.name()), o.xmin() - 1, o.ymin() - 1, o.xmax() - 1, o.ymax() - 1, ref));
            }
        }
        return new SourceLabels.Pixels(a.width(), a.height(), boxes, a.path());
    }

    /** Every object name of the parsed files, difficult ones included, sorted. */
    private static List<String> names(Iterable<VocAnnotation> parsed) {
        TreeSet<String> names = new TreeSet<>();
        for (VocAnnotation a : parsed) {
            a.objects().forEach(o -> names.add(o.name()));
        }
        return List.copyOf(names);
    }

    /** Ids listed in {@code ImageSets/Main/{train,val,test}.txt} (first token of each line) → their splits. */
    private static Map<String, List<String>> splitLists(HadoopFiles files, String root, List<Issue> issues) {
        Map<String, List<String>> splits = new TreeMap<>();
        for (String split : SPLITS) {
            String list = root + "/ImageSets/Main/" + split + ".txt";
            try {
                if (!files.exists(list)) {
                    continue;
                }
                for (String line : files.readString(list).split("\\R")) {
                    if (!line.isBlank()) {
                        splits.computeIfAbsent(line.strip().split("\\s+")[0], k -> new ArrayList<>()).add(split);
                    }
                }
            } catch (IOException e) {
                issues.add(Issue.of(IssueReason.UNREADABLE_DIRECTORY, list, "split list could not be read: " + e.getMessage()));
            }
        }
        return splits;
    }

    private static void reportUnlisted(Map<String, List<String>> splitsById, Map<String, String> xmlById,
            Map<String, String> imageById, List<Issue> issues) {
        TreeSet<String> unlisted = new TreeSet<>(imageById.keySet());
        unlisted.addAll(xmlById.keySet());
        unlisted.removeAll(splitsById.keySet());
        for (String id : unlisted) {
            String path = imageById.getOrDefault(id, xmlById.get(id));
            issues.add(Issue.of(IssueReason.UNLISTED_IMAGE, path, "in no ImageSets/Main/{train,val,test}.txt list"));
        }
    }

    /** File stem → path; a second file with the same stem is reported and ignored. */
    private static Map<String, String> byStem(List<String> paths, String extension, List<Issue> issues) {
        Map<String, String> byStem = new LinkedHashMap<>();
        for (String p : paths) {
            if (extension != null && !p.endsWith(extension)) {
                continue;
            }
            String previous = byStem.putIfAbsent(HadoopFiles.stem(p), p);
            if (previous != null) {
                issues.add(Issue.of(IssueReason.UNLISTED_IMAGE, p, "same id as " + previous + ", which is used"));
            }
        }
        return byStem;
    }
}
