package sparkyolo.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The shared libraries mapped into this process, from {@code /proc/self/maps} (Linux). */
final class MappedLibraries {
    private static final Path MAPS = Path.of("/proc/self/maps");

    private MappedLibraries() {
    }

    /** The folder {@code fileName} is mapped from, or null when it is not mapped (or not on Linux). */
    static Path folderOf(String fileName) {
        if (!Files.isReadable(MAPS)) {
            return null;
        }
        try {
            return folderOf(fileName, Files.readAllLines(MAPS));
        } catch (IOException e) {
            return null;
        }
    }

    /** As {@link #folderOf(String)} over the lines of a maps file. */
    static Path folderOf(String fileName, List<String> maps) {
        for (String line : maps) {
            // address perms offset dev inode [path]: the path is the rest of the line from its first '/'
            int slash = line.indexOf('/');
            if (slash < 0) {
                continue;
            }
            Path file = Path.of(line.substring(slash).trim());
            if (file.getFileName() != null && file.getFileName().toString().equals(fileName)) {
                return file.getParent();
            }
        }
        return null;
    }
}
