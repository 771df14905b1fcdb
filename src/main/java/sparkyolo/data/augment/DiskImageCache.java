package sparkyolo.data.augment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import sparkyolo.util.Npy;
import sparkyolo.util.NpyArray;

/**
 * Images kept as {@code <index>.npy} files (uint8, height × width × 3, BGR) in a folder of the
 * executor's local disk ({@code --cache disk}); each file is written under a temporary name and
 * renamed, so a reader sees a whole image or none.
 */
final class DiskImageCache extends ImageCache {
    private static final Logger LOG = LogManager.getLogger(DiskImageCache.class);
    private final Path dir;
    private final Set<Integer> stored = ConcurrentHashMap.newKeySet();

    DiskImageCache(Path dir) {
        this.dir = dir;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("--cache disk: cannot create " + dir + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String describe() {
        return "disk, " + dir;
    }

    @Override
    Pixels load(int index) {
        Path file = file(index);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": " + e.getMessage(), e);
        }
        try {
            NpyArray a = Npy.read(bytes, file.toString());
            long[] shape = a.shape();
            return new Pixels(Math.toIntExact(shape[0]), Math.toIntExact(shape[1]), a.toBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    boolean store(int index, Pixels pixels) {
        if (!stored.add(index)) {
            return false;
        }
        Path file = file(index);
        Path tmp = dir.resolve(index + ".npy." + Thread.currentThread().getId() + ".tmp");
        try {
            Files.write(tmp, Npy.write(NpyArray.ofBytes(pixels.bgr(), pixels.height(), pixels.width(), 3)));
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return true;
        } catch (IOException e) {
            if (isClosed()) {
                return false; // released meanwhile (a new run took this JVM's cache): nothing to keep
            }
            throw new UncheckedIOException("--cache disk: cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private Path file(int index) {
        return dir.resolve(index + ".npy");
    }

    @Override
    void release() {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            LOG.warn("could not delete the image cache {}: {}", dir, e.getMessage());
        }
    }
}
