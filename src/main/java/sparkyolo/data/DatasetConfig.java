package sparkyolo.data;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import sparkyolo.io.HadoopFiles;

/**
 * An Ultralytics dataset YAML: {@code path} (root; relative to the YAML's directory),
 * {@code train}/{@code val}/{@code test} (directories, .txt lists or globs, one or a list,
 * relative to the root), {@code nc} and {@code names} (a list or an index → name map). With
 * {@code format: parquet} (a dataset written by {@code prepare}) the splits name Parquet files
 * instead: directories of them, globs or single files.
 */
public final class DatasetConfig {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    public static final String PARQUET = "parquet";

    private final String file;
    private final String root;
    private final boolean parquet;
    private final Map<String, List<String>> splits;
    private final List<String> names;

    private DatasetConfig(String file, String root, boolean parquet, Map<String, List<String>> splits, List<String> names) {
        this.file = file;
        this.root = root;
        this.parquet = parquet;
        this.splits = splits;
        this.names = names;
    }

    @SuppressWarnings("unchecked")
    public static DatasetConfig load(HadoopFiles files, String yamlPath) throws IOException {
        String qualified = files.qualify(yamlPath);
        Map<String, Object> yaml;
        try {
            yaml = YAML.readValue(files.readString(yamlPath), LinkedHashMap.class);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new IOException(yamlPath + ": not valid YAML: " + e.getOriginalMessage(), e);
        }
        if (yaml == null) {
            throw new IOException(yamlPath + ": empty dataset YAML");
        }
        String dir = HadoopFiles.parent(qualified);
        Object path = yaml.get("path");
        String root = path == null ? dir : HadoopFiles.resolve(dir, String.valueOf(path));
        Map<String, List<String>> splits = new LinkedHashMap<>();
        for (String split : List.of("train", "val", "test")) {
            Object v = yaml.get(split);
            if (v == null) {
                continue;
            }
            List<String> entries = new ArrayList<>();
            for (Object e : v instanceof List<?> l ? l : List.of(v)) {
                entries.add(HadoopFiles.resolve(root, String.valueOf(e)));
            }
            splits.put(split, entries);
        }
        List<String> names = parseNames(yaml.get("names"), yamlPath);
        Object nc = yaml.get("nc");
        if (nc != null) {
            if (!(nc instanceof Number n) || n.intValue() < 1) {
                throw new IOException(yamlPath + ": field 'nc' must be a positive integer, got " + nc);
            }
            if (names == null) {
                names = sparkyolo.weights.Checkpoint.defaultNames(n.intValue());
            } else if (names.size() != n.intValue()) {
                throw new IOException(yamlPath + ": field 'nc' is " + nc + " but 'names' has " + names.size() + " entries");
            }
        }
        if (names == null) {
            throw new IOException(yamlPath + ": field 'names' is required (a list, or a map of class index to name)");
        }
        return new DatasetConfig(qualified, root, isParquet(yaml.get("format"), yamlPath), splits, List.copyOf(names));
    }

    private static boolean isParquet(Object format, String file) throws IOException {
        if (format != null && !PARQUET.equals(format)) {
            throw new IOException(file + ": field 'format' must be '" + PARQUET
                    + "' (a prepared dataset) or absent (image files), got " + format);
        }
        return format != null;
    }

    private static List<String> parseNames(Object v, String file) throws IOException {
        if (v == null) {
            return null;
        }
        if (v instanceof List<?> l) {
            return l.stream().map(String::valueOf).toList();
        }
        if (v instanceof Map<?, ?> m) {
            TreeMap<Integer, String> byIndex = new TreeMap<>();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                try {
                    byIndex.put(Integer.parseInt(String.valueOf(e.getKey())), String.valueOf(e.getValue()));
                } catch (NumberFormatException ex) {
                    throw new IOException(file + ": 'names' key '" + e.getKey() + "' is not a class index");
                }
            }
            if (byIndex.firstKey() != 0 || byIndex.lastKey() != byIndex.size() - 1) {
                throw new IOException(file + ": 'names' indices must run from 0 to nc-1 without gaps");
            }
            return new ArrayList<>(byIndex.values());
        }
        throw new IOException(file + ": 'names' must be a list or a map, got " + v);
    }

    public String file() {
        return file;
    }

    public String root() {
        return root;
    }

    public List<String> names() {
        return names;
    }

    public int nc() {
        return names.size();
    }

    /** A dataset written by {@code prepare}: images are rows of Parquet files. */
    public boolean isParquet() {
        return parquet;
    }

    public boolean hasSplit(String split) {
        return splits.containsKey(split);
    }

    /** The splits the YAML names, in train, val, test order. */
    public List<String> splits() {
        return List.copyOf(splits.keySet());
    }

    /** A split's entries as the YAML gives them, resolved against the root: directories, .txt lists, globs or images. */
    public List<String> entries(String split) {
        List<String> entries = splits.get(split);
        return entries == null ? List.of() : List.copyOf(entries);
    }

    /** The sorted image files of a split. */
    public List<String> images(HadoopFiles files, String split) throws IOException {
        if (parquet) {
            throw new IOException(file + ": a prepared dataset (format: parquet); its images are rows of Parquet files");
        }
        List<String> out = new ArrayList<>();
        for (String e : splitEntries(split)) {
            out.addAll(ImageFiles.list(files, e));
        }
        return out.stream().sorted().distinct().toList();
    }

    /** The sorted Parquet files of a split of a prepared dataset. */
    public List<String> parquetFiles(HadoopFiles files, String split) throws IOException {
        if (!parquet) {
            throw new IOException(file + ": not a prepared dataset (no 'format: parquet')");
        }
        List<String> out = new ArrayList<>();
        for (String e : splitEntries(split)) {
            out.addAll(ParquetFiles.list(files, e));
        }
        return out.stream().sorted().distinct().toList();
    }

    private List<String> splitEntries(String split) throws IOException {
        List<String> entries = splits.get(split);
        if (entries == null) {
            throw new IOException(file + ": no '" + split + "' split");
        }
        return entries;
    }
}
