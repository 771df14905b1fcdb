package sparkyolo.notebooks;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.SparkSession;

/**
 * Runs a notebook's code paragraphs in order as Zeppelin would: %spark in a Scala REPL with
 * {@code spark} and {@code z} bound, %spark.sql/%sql through {@code spark.sql}. A paragraph passes
 * when it runs and returns rows: an SQL paragraph at least one row, a %spark paragraph a non-empty
 * table for every temporary view it registers; on outputs that hold nothing to show (a detect run
 * that found nothing), when it runs. %md paragraphs are text.
 */
final class NotebookRunner {
    /** @param rows rows of an SQL paragraph, or of the smallest view a %spark paragraph registered (-1: none) */
    record Result(Notebook.Paragraph paragraph, boolean ok, long rows, String output) {
        String describe() {
            return paragraph.id() + " (" + paragraph.title() + ", %" + paragraph.interpreter() + "): "
                    + (ok ? rows + " rows" : "FAILED") + "\n" + output;
        }
    }

    private final SparkSession spark;
    private final ScalaRepl repl;
    private final boolean rowsExpected;

    NotebookRunner(SparkSession spark, ScalaRepl repl, NoteForms forms) {
        this(spark, repl, forms, true);
    }

    /** @param rowsExpected whether a paragraph that shows no rows fails */
    NotebookRunner(SparkSession spark, ScalaRepl repl, NoteForms forms, boolean rowsExpected) {
        this.spark = spark;
        this.repl = repl;
        this.rowsExpected = rowsExpected;
        repl.bind("spark", SparkSession.class.getName(), spark);
        repl.bind("z", NoteForms.class.getName(), forms);
    }

    /**
     * Runs every paragraph, stopping after the first that fails (later ones depend on it). The
     * session starts without temporary views, so a notebook sees only the views it makes.
     */
    List<Result> run(Notebook notebook) {
        tempViews().forEach(spark.catalog()::dropTempView);
        List<Result> results = new ArrayList<>();
        for (Notebook.Paragraph p : notebook.paragraphs()) {
            if (p.interpreter().equals("md")) {
                continue;
            }
            Result r = p.isSql() ? sql(p) : p.isScala() ? scala(p) : new Result(p, false, 0, "unknown interpreter");
            results.add(r);
            if (!r.ok()) {
                break;
            }
        }
        return results;
    }

    private Result sql(Notebook.Paragraph p) {
        try {
            long rows = spark.sql(p.code()).collectAsList().size();
            return new Result(p, rows > 0 || !rowsExpected, rows, rows > 0 ? "" : "no rows");
        } catch (Exception e) { // Spark's AnalysisException is a checked exception to Java
            return new Result(p, false, 0, e.toString());
        }
    }

    private Result scala(Notebook.Paragraph p) {
        Set<String> before = tempViews();
        ScalaRepl.Outcome o = repl.run(p.code());
        String output = o.repl() + o.printed();
        if (!o.ok()) {
            return new Result(p, false, 0, output);
        }
        long smallest = -1;
        Set<String> created = tempViews();
        created.removeAll(before);
        for (String view : created) {
            long n = spark.table(view).count();
            smallest = smallest < 0 ? n : Math.min(smallest, n);
        }
        return new Result(p, smallest != 0 || !rowsExpected, smallest, smallest == 0 ? output + "\nan empty view" : output);
    }

    /** The session's temporary views (read from the session catalog, which leaves the warehouse folder alone). */
    private Set<String> tempViews() {
        return new HashSet<>(scala.collection.JavaConverters.seqAsJavaList(spark.sessionState().catalog().getTempViewNames()));
    }
}
