package sparkyolo.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HadoopFilesListingTest {
    @TempDir
    Path dir;

    private Path touch(String relative) throws IOException {
        Path p = dir.resolve(relative);
        Files.createDirectories(p.getParent());
        return Files.writeString(p, relative);
    }

    @Test
    void listsEveryFileBelowADirectorySortedAndNoDirectories() throws IOException {
        touch("b/2.jpg");
        touch("a/deeper/still/3.jpg");
        touch("a/1.jpg");
        touch("c.txt");
        Files.createDirectories(dir.resolve("empty/inside"));
        List<String> files = HadoopFiles.local().listFilesRecursive(dir.toString());
        List<String> expected = List.of("a/1.jpg", "a/deeper/still/3.jpg", "b/2.jpg", "c.txt").stream()
                .map(r -> "file:" + dir.resolve(r)).toList();
        assertEquals(expected, files);
        assertEquals(List.of("file:" + dir.resolve("c.txt")),
                HadoopFiles.local().listFilesRecursive(dir.resolve("c.txt").toString()), "a file lists itself");
    }

    @Test
    void removesHadoopsChecksumFilesInNestedFoldersOnly() throws IOException {
        Path crc = touch("part/x/.data.parquet.crc");
        Path data = touch("part/x/data.parquet");
        Path dotted = touch("part/.keep");
        HadoopFiles.local().removeChecksumFiles(dir.resolve("part").toString());
        assertFalse(Files.exists(crc));
        assertTrue(Files.exists(data));
        assertTrue(Files.exists(dotted));
    }
}
