package sparkyolo.notebooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** A Zeppelin note (.zpln) as the tests read it: its name, id and paragraphs in order. */
record Notebook(Path file, String name, String id, JsonNode json, List<Paragraph> paragraphs) {
    static final Path FOLDER = Path.of("notebooks");

    /**
     * A paragraph: the interpreter of its first line ({@code %spark.sql} → {@code spark.sql}) and the code below it.
     */
    record Paragraph(String id, String title, String interpreter, String code) {
        boolean isSql() {
            return interpreter.equals("spark.sql") || interpreter.equals("sql");
        }

        boolean isScala() {
            return interpreter.equals("spark");
        }

        Paragraph withCode(String newCode) {
            return new Paragraph(id, title, interpreter, newCode);
        }
    }

    static List<Path> all() throws IOException {
        try (Stream<Path> files = Files.list(FOLDER)) {
            return files.filter(f -> f.toString().endsWith(".zpln")).sorted().toList();
        }
    }

    static Notebook read(Path file) throws IOException {
        JsonNode json = new ObjectMapper().readTree(file.toFile());
        List<Paragraph> paragraphs = new ArrayList<>();
        for (JsonNode p : json.get("paragraphs")) {
            String text = p.get("text").asText();
            int newline = text.indexOf('\n');
            String first = newline < 0 ? text : text.substring(0, newline);
            if (!first.startsWith("%")) {
                throw new IllegalArgumentException(file + ": paragraph " + p.get("id") + " names no interpreter");
            }
            paragraphs.add(new Paragraph(p.get("id").asText(), p.path("title").asText(""), first.substring(1).strip(),
                    newline < 0 ? "" : text.substring(newline + 1)));
        }
        return new Notebook(file, json.get("name").asText(), json.get("id").asText(), json, List.copyOf(paragraphs));
    }

    /** The notebook whose file name starts with {@code prefix}. */
    static Notebook named(String prefix) throws IOException {
        for (Path f : all()) {
            if (f.getFileName().toString().startsWith(prefix)) {
                return read(f);
            }
        }
        throw new IllegalArgumentException("no notebook " + prefix + "* in " + FOLDER);
    }

    /** This notebook with paragraph {@code index}'s code replaced. */
    Notebook withCode(int index, String code) {
        List<Paragraph> changed = new ArrayList<>(paragraphs);
        changed.set(index, paragraphs.get(index).withCode(code));
        return new Notebook(file, name, id, json, List.copyOf(changed));
    }
}
