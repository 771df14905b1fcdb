package sparkyolo.data;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import sparkyolo.io.HadoopFiles;

/**
 * Lists the Parquet files a split of a prepared dataset names: a directory (its {@code .parquet}
 * files, recursively, skipping names that start with {@code _} or {@code .} as Spark does, such as
 * {@code _temporary/}), a glob, or one file. Result sorted by path, which is the order
 * {@code prepare} wrote them in.
 */
public final class ParquetFiles {
    private ParquetFiles() {
    }

    public static boolean isParquet(String path) {
        return path.toLowerCase(Locale.ROOT).endsWith(".parquet") && !hidden(HadoopFiles.fileName(path));
    }

    private static boolean hidden(String name) {
        return name.startsWith(".") || name.startsWith("_");
    }

    public static List<String> list(HadoopFiles files, String source) throws IOException {
        List<String> out;
        if (source.contains("*") || source.contains("?") || source.contains("[")) {
            out = files.glob(source).stream().filter(ParquetFiles::isParquet).toList();
        } else if (!files.exists(source)) {
            throw new FileNotFoundException(source + ": does not exist");
        } else if (files.isDirectory(source)) {
            String dir = files.qualify(source);
            out = files.listFilesRecursive(dir).stream()
                    .filter(f -> isParquet(f) && Arrays.stream(f.substring(dir.length()).split("/")).noneMatch(ParquetFiles::hidden))
                    .toList();
        } else {
            out = List.of(source);
        }
        if (out.isEmpty()) {
            throw new FileNotFoundException(source + ": no .parquet files");
        }
        return out.stream().map(files::qualify).sorted().distinct().toList();
    }
}
