import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.zeppelin.notebook.Note;
import org.apache.zeppelin.notebook.Paragraph;

/**
 * Parses each .zpln file given as an argument with Zeppelin 0.10's own note loader and prints one
 * line per paragraph: note id, paragraph id, interpreter, status, whether it holds results.
 * Exits 1 when a note does not parse. Launched by NotebookFormatTest as a Java source file, with
 * zeppelin-zengine and its dependencies (and nothing of SparkYOLO) on the classpath.
 */
public class NoteCheck {
    public static void main(String[] args) throws Exception {
        int failed = 0;
        for (String file : args) {
            String json = Files.readString(Path.of(file), StandardCharsets.UTF_8);
            try {
                Note note = Note.fromJson(null, json);
                for (Paragraph p : note.getParagraphs()) {
                    System.out.println(String.join("\t", "PARAGRAPH", note.getId(), p.getId(), p.getIntpText(),
                            String.valueOf(p.getStatus()), String.valueOf(p.getReturn() != null)));
                }
                System.out.println(String.join("\t", "NOTE", note.getId(), note.getName(),
                        String.valueOf(note.getParagraphs().size())));
            } catch (Exception e) {
                System.out.println(String.join("\t", "FAILED", file, String.valueOf(e)));
                failed++;
            }
        }
        System.exit(failed == 0 ? 0 : 1);
    }
}
