package sparkyolo.prep;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import sparkyolo.data.DatasetConfig;
import sparkyolo.data.ImageFiles;
import sparkyolo.data.LabelPaths;
import sparkyolo.io.HadoopFiles;
import sparkyolo.util.InvalidOptionException;

/**
 * Lists an Ultralytics dataset: the images of each split and their YOLO txt label paths. Label
 * files are read on the executors; here only the label directories of directory splits are
 * listed, to find label files without an image.
 */
final class YoloSource {
    private YoloSource() {
    }

    static SourceListing read(HadoopFiles files, String yamlPath) throws IOException {
        DatasetConfig config = DatasetConfig.load(files, yamlPath);
        if (config.isParquet()) {
            throw new InvalidOptionException(PrepareOptions.SOURCE, yamlPath + " is already a prepared dataset (format: parquet)");
        }
        String root = files.qualify(config.root());
        List<Issue> issues = new ArrayList<>();
        ItemsByPath items = new ItemsByPath();
        Set<String> labelDirs = new TreeSet<>();
        for (String split : List.of("train", "val", "test")) {
            for (String entry : config.entries(split)) {
                for (String image : images(files, entry, labelDirs, issues)) {
                    items.add(image, idFor(root, image), split, new SourceLabels.YoloFile(LabelPaths.labelPathFor(image)));
                }
            }
        }
        List<SourceItem> listed = items.build();
        reportLabelsWithoutImage(files, labelDirs, listed, issues);
        return new SourceListing(listed, config.names(), issues);
    }

    /** A split entry's images; a directory entry also names its label directory. */
    private static List<String> images(HadoopFiles files, String entry, Set<String> labelDirs, List<Issue> issues) {
        try {
            if (files.isDirectory(entry)) {
                String dir = files.qualify(entry);
                labelDirs.add(HadoopFiles.parent(LabelPaths.labelPathFor(dir + "/x.jpg")));
                return DirectoryWalker.files(files, dir, issues).stream().filter(ImageFiles::isImage).toList();
            }
            return ImageFiles.list(files, entry);
        } catch (IOException e) {
            issues.add(Issue.of(IssueReason.UNREADABLE_DIRECTORY, entry, String.valueOf(e.getMessage())));
            return List.of();
        }
    }

    /** The image path relative to the dataset root, without extension, e.g. {@code images/train2017/000000000009}. */
    static String idFor(String root, String image) {
        String id = image.startsWith(root + "/") ? image.substring(root.length() + 1) : image;
        int dot = id.lastIndexOf('.');
        return dot > id.lastIndexOf('/') ? id.substring(0, dot) : id;
    }

    private static void reportLabelsWithoutImage(HadoopFiles files, Set<String> labelDirs, List<SourceItem> items,
            List<Issue> issues) throws IOException {
        Set<String> expected = new HashSet<>();
        for (SourceItem item : items) {
            expected.add(((SourceLabels.YoloFile) item.labels()).path());
        }
        for (String dir : labelDirs) {
            if (!files.exists(dir)) {
                continue; // every image of the split is then reported as a background image
            }
            for (String label : DirectoryWalker.files(files, dir, issues)) {
                if (label.endsWith(".txt") && !expected.contains(label)) {
                    issues.add(Issue.of(IssueReason.LABEL_WITHOUT_IMAGE, label,
                            "no image of the dataset maps to this label file"));
                }
            }
        }
    }
}
