package sparkyolo.data;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import sparkyolo.io.HadoopFiles;

/**
 * Lists the images a source names, as the original's loaders do: a single image, a directory
 * (its image files), a glob, or a {@code .txt} file listing images (relative entries resolved
 * against the list's directory). Result sorted by path.
 */
public final class ImageFiles {
    /** The original's IMG_FORMATS. */
    public static final Set<String> EXTENSIONS = Set.of("bmp", "dng", "jpeg", "jpg", "mpo", "png", "tif", "tiff", "webp");

    private ImageFiles() {
    }

    public static boolean isImage(String path) {
        int dot = path.lastIndexOf('.');
        return dot >= 0 && EXTENSIONS.contains(path.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    public static List<String> list(HadoopFiles files, String source) throws IOException {
        List<String> out = new ArrayList<>();
        if (source.contains("*") || source.contains("?") || source.contains("[")) {
            files.glob(source).stream().filter(ImageFiles::isImage).forEach(out::add);
            if (out.isEmpty()) {
                throw new FileNotFoundException(source + ": no images match this pattern");
            }
        } else if (!files.exists(source)) {
            throw new FileNotFoundException(source + ": does not exist");
        } else if (files.isDirectory(source)) {
            files.listFilesRecursive(source).stream().filter(ImageFiles::isImage).forEach(out::add);
        } else if (source.toLowerCase(Locale.ROOT).endsWith(".txt")) {
            String dir = HadoopFiles.parent(files.qualify(source));
            int lineNo = 0;
            for (String line : files.readString(source).split("\\R")) {
                lineNo++;
                String entry = line.strip();
                if (entry.isEmpty()) {
                    continue;
                }
                if (entry.startsWith("./")) {
                    entry = entry.substring(2);
                }
                String resolved = HadoopFiles.resolve(dir, entry);
                if (!isImage(resolved)) {
                    throw new IOException(source + ":" + lineNo + ": not an image file name: " + line.strip());
                }
                out.add(resolved);
            }
        } else if (isImage(source)) {
            out.add(files.qualify(source));
        } else {
            throw new IOException(source + ": not an image (expected one of " + String.join(", ", EXTENSIONS.stream().sorted().toList())
                    + "), a directory, a glob or a .txt list");
        }
        return out.stream().map(files::qualify).sorted().distinct().toList();
    }
}
