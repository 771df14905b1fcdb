package sparkyolo.io;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.UnsupportedFileSystemException;

/**
 * File access through Hadoop's FileSystem, so every path may be local, file://, hdfs:// or
 * s3a://. Writes are atomic: data goes to a hidden temporary file in the target directory and
 * is renamed over the target only when complete.
 */
public final class HadoopFiles {
    private final Configuration conf;

    public HadoopFiles(Configuration conf) {
        this.conf = conf;
    }

    /** A local-default configuration, for use outside Spark. */
    public static HadoopFiles local() {
        return new HadoopFiles(new Configuration());
    }

    public Configuration conf() {
        return conf;
    }

    /**
     * The file system of {@code path}. Local paths are read and written without Hadoop's checksum
     * layer, which would put a hidden {@code .NAME.crc} beside every output file.
     */
    public FileSystem fs(String path) throws IOException {
        FileSystem fs = new Path(path).getFileSystem(conf);
        return fs instanceof LocalFileSystem local ? local.getRawFileSystem() : fs;
    }

    /**
     * Removes the checksum files ({@code .NAME.crc}) that Hadoop's local file system writes beside
     * the files of {@code dir} (Spark's own writers, e.g. Parquet); nothing on other file systems.
     */
    public void removeChecksumFiles(String dir) throws IOException {
        FileSystem fs = new Path(dir).getFileSystem(conf);
        if (!(fs instanceof LocalFileSystem local)) {
            return;
        }
        for (Path p : filesUnder(local.getRawFileSystem(), new Path(dir))) {
            if (p.getName().startsWith(".") && p.getName().endsWith(".crc")) {
                local.getRawFileSystem().delete(p, false);
            }
        }
    }

    /** The fully qualified form of a path (adds the scheme and makes local paths absolute). */
    public String qualify(String path) {
        try {
            Path p = new Path(path);
            return p.getFileSystem(conf).makeQualified(p).toString();
        } catch (IOException e) {
            throw new UncheckedIOException(path + ": " + e.getMessage(), e);
        }
    }

    /**
     * A path as a user would write it: local paths without the {@code file:} scheme, relative to the
     * working directory when under it; other file systems' paths as they are.
     */
    public static String display(String path) {
        if (!path.startsWith("file:")) {
            return path;
        }
        String local = new Path(path).toUri().getPath();
        String cwd = System.getProperty("user.dir") + "/";
        return local.startsWith(cwd) ? local.substring(cwd.length()) : local;
    }

    public boolean exists(String path) throws IOException {
        return fs(path).exists(new Path(path));
    }

    public boolean isDirectory(String path) throws IOException {
        return fs(path).isDirectory(new Path(path));
    }

    public InputStream open(String path) throws IOException {
        try {
            return fs(path).open(new Path(path));
        } catch (FileNotFoundException e) {
            throw new FileNotFoundException(path + ": file not found");
        }
    }

    public byte[] readAllBytes(String path) throws IOException {
        try (InputStream in = open(path)) {
            return in.readAllBytes();
        }
    }

    public String readString(String path) throws IOException {
        return new String(readAllBytes(path), java.nio.charset.StandardCharsets.UTF_8);
    }

    /** The files directly in {@code dir} (not recursive), sorted by name. */
    public List<String> listFiles(String dir) throws IOException {
        List<String> out = new ArrayList<>();
        FileStatus[] statuses = fs(dir).listStatus(new Path(dir));
        java.util.Arrays.sort(statuses, Comparator.comparing(s -> s.getPath().getName()));
        for (FileStatus s : statuses) {
            if (s.isFile()) {
                out.add(s.getPath().toString());
            }
        }
        return out;
    }

    /** All files under {@code dir}, recursively, sorted by path. */
    public List<String> listFilesRecursive(String dir) throws IOException {
        List<String> out = new ArrayList<>();
        for (Path p : filesUnder(fs(dir), new Path(dir))) {
            out.add(p.toString());
        }
        out.sort(Comparator.naturalOrder());
        return out;
    }

    /**
     * The files under {@code dir}, directory by directory: Hadoop's recursive {@code listFiles}
     * builds a LocatedFileStatus per file, which on the local file system (without Hadoop's native
     * library) runs {@code ls -ld} for each file's permissions, a process per image.
     */
    private static List<Path> filesUnder(FileSystem fs, Path dir) throws IOException {
        List<Path> out = new ArrayList<>();
        Deque<Path> pending = new ArrayDeque<>(List.of(dir));
        while (!pending.isEmpty()) {
            for (FileStatus s : fs.listStatus(pending.pop())) {
                if (s.isDirectory()) {
                    pending.push(s.getPath());
                } else {
                    out.add(s.getPath());
                }
            }
        }
        return out;
    }

    /** Paths matching a glob pattern ({@code *.jpg}, {@code dir/**} is not supported by Hadoop globs). */
    public List<String> glob(String pattern) throws IOException {
        FileStatus[] statuses = fs(pattern).globStatus(new Path(pattern));
        List<String> out = new ArrayList<>();
        if (statuses != null) {
            for (FileStatus s : statuses) {
                if (s.isFile()) {
                    out.add(s.getPath().toString());
                }
            }
        }
        out.sort(Comparator.naturalOrder());
        return out;
    }

    public void mkdirs(String dir) throws IOException {
        fs(dir).mkdirs(new Path(dir));
    }

    /** Writes {@code bytes} to {@code path} atomically (temporary file + rename). */
    public void writeAtomically(String path, byte[] bytes) throws IOException {
        writeAtomically(path, out -> out.write(bytes));
    }

    /** Body that writes a file's content. */
    @FunctionalInterface
    public interface Writer {
        void write(OutputStream out) throws IOException;
    }

    /**
     * Writes through {@code body} into a temporary file beside {@code path}, then replaces
     * {@code path}. If the body fails, the previous file (if any) is untouched.
     */
    public void writeAtomically(String path, Writer body) throws IOException {
        Path target = new Path(path);
        FileSystem fs = fs(path);
        Path parent = target.getParent();
        if (parent != null) {
            fs.mkdirs(parent);
        }
        Path tmp = new Path(parent, "." + target.getName() + "." + UUID.randomUUID() + ".tmp");
        try {
            try (FSDataOutputStream out = fs.create(tmp, false)) {
                body.write(out);
                out.hsync();
            }
            renameOver(fs, tmp, target);
        } finally {
            if (fs.exists(tmp)) {
                fs.delete(tmp, false);
            }
        }
    }

    /** Atomic replace where the file system supports it (local, HDFS); delete + rename otherwise. */
    private void renameOver(FileSystem fs, Path tmp, Path target) throws IOException {
        try {
            FileContext.getFileContext(target.toUri(), conf).rename(tmp, target, Options.Rename.OVERWRITE);
        } catch (UnsupportedOperationException | UnsupportedFileSystemException e) {
            if (fs.exists(target) && !fs.delete(target, false)) {
                throw new IOException(target + ": could not replace the existing file");
            }
            if (!fs.rename(tmp, target)) {
                throw new IOException(target + ": could not rename " + tmp.getName() + " into place");
            }
        }
    }

    public static String fileName(String path) {
        return new Path(path).getName();
    }

    /** The file name without its extension ({@code a/b/0001.jpg} → {@code 0001}). */
    public static String stem(String path) {
        String name = fileName(path);
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    public static String parent(String path) {
        Path p = new Path(path).getParent();
        return p == null ? null : p.toString();
    }

    public static String resolve(String dir, String child) {
        if (child.contains("://") || child.startsWith("/")) {
            return child;
        }
        return new Path(new Path(dir), child).toString();
    }

    public static boolean hasScheme(String path) {
        return URI.create(path.replace(" ", "%20")).getScheme() != null;
    }
}
