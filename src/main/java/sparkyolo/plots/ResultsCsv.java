package sparkyolo.plots;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import sparkyolo.io.HadoopFiles;
import sparkyolo.util.PyFormat;

/**
 * The training log results.csv as the original's CSV logger writes it: a header of the column
 * names right-aligned in 20 characters ({@code '%20s'}), then one row per epoch with every value as
 * {@code '%20.5g'}, comma separated.
 */
public final class ResultsCsv {
    /** The original's columns, epoch first. */
    public static final List<String> COLUMNS = List.of("epoch",
            "train/box_loss", "train/obj_loss", "train/cls_loss",
            "metrics/precision", "metrics/recall", "metrics/mAP_0.5", "metrics/mAP_0.5:0.95",
            "val/box_loss", "val/obj_loss", "val/cls_loss",
            "x/lr0", "x/lr1", "x/lr2");
    /** Number of values per row after the epoch. */
    public static final int VALUES = COLUMNS.size() - 1;
    private static final int WIDTH = 20;

    private ResultsCsv() {
    }

    /**
     * One epoch's row.
     *
     * @param values the 13 values of {@link #COLUMNS} after "epoch", in that order
     */
    public record Row(int epoch, double[] values) {
        public Row {
            if (values.length != VALUES) {
                throw new IllegalArgumentException("a results row has " + VALUES + " values, got " + values.length);
            }
        }

        /** The value of column {@code column} of {@link #COLUMNS} (0 is the epoch). */
        public double column(int column) {
            return column == 0 ? epoch : values[column - 1];
        }
    }

    /** The header line (no newline). */
    public static String header() {
        return String.join(",", COLUMNS.stream().map(ResultsCsv::pad).toList());
    }

    /** One row's line (no newline). */
    public static String format(Row row) {
        List<String> cells = new ArrayList<>(COLUMNS.size());
        cells.add(pad(PyFormat.g(row.epoch(), 5)));
        for (double v : row.values()) {
            cells.add(pad(PyFormat.g(v, 5)));
        }
        return String.join(",", cells);
    }

    /** Parses a file's text: the header line is checked by column count, names are not compared. */
    public static List<Row> parse(String text) {
        String[] lines = text.split("\r?\n");
        List<Row> rows = new ArrayList<>();
        for (int i = 1; i < lines.length; i++) {
            if (lines[i].isBlank()) {
                continue;
            }
            String[] cells = lines[i].split(",");
            if (cells.length != COLUMNS.size()) {
                throw new IllegalArgumentException("results.csv line " + (i + 1) + ": expected " + COLUMNS.size()
                        + " columns, got " + cells.length);
            }
            double[] values = new double[VALUES];
            for (int c = 0; c < VALUES; c++) {
                values[c] = parseNumber(cells[c + 1].strip());
            }
            rows.add(new Row((int) parseNumber(cells[0].strip()), values));
        }
        return rows;
    }

    public static List<Row> read(HadoopFiles files, String path) throws IOException {
        return parse(files.readString(path));
    }

    /**
     * Appends one row, writing the header first when the file does not exist. The whole file is
     * rewritten atomically, so readers never see a partial row on any file system.
     */
    public static void append(HadoopFiles files, String path, Row row) throws IOException {
        String existing = files.exists(path) ? files.readString(path) : header() + "\n";
        byte[] text = (existing + format(row) + "\n").getBytes(StandardCharsets.UTF_8);
        files.writeAtomically(path, text);
    }

    private static String pad(String s) {
        return " ".repeat(Math.max(WIDTH - s.length(), 0)) + s;
    }

    /** Python's float(): also "nan", "inf" and "-inf", which %g writes. */
    private static double parseNumber(String s) {
        return switch (s) {
            case "nan" -> Double.NaN;
            case "inf" -> Double.POSITIVE_INFINITY;
            case "-inf" -> Double.NEGATIVE_INFINITY;
            default -> Double.parseDouble(s);
        };
    }
}
