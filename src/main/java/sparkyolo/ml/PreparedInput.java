package sparkyolo.ml;

import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.catalyst.expressions.AttributeReference;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.Project;
import org.apache.spark.sql.catalyst.plans.logical.SubqueryAlias;
import org.apache.spark.sql.execution.datasources.HadoopFsRelation;
import org.apache.spark.sql.execution.datasources.LogicalRelation;
import org.apache.spark.sql.execution.datasources.parquet.ParquetFileFormat;
import org.apache.spark.sql.types.StructType;
import scala.collection.JavaConverters;
import sparkyolo.data.PreparedSchema;
import sparkyolo.scan.PreparedScan;

/**
 * Whether a DataFrame is a plain read of prepared Parquet files: {@code spark.read.parquet(...)} of
 * files with prepare's columns, at most with columns selected (no filter, join, sample or computed
 * column), its images and boxes in prepare's {@code image} and {@code boxes} columns. Its rows are
 * then exactly the files' rows, and training can read the files themselves.
 */
final class PreparedInput {
    private PreparedInput() {
    }

    /** The files such a DataFrame reads; empty when it is anything else. */
    static Optional<List<String>> files(Dataset<?> data, String imageCol, String boxesCol) {
        if (!PreparedSchema.IMAGE.equals(imageCol) || !PreparedSchema.BOXES.equals(boxesCol)) {
            return Optional.empty();
        }
        LogicalPlan plan = data.queryExecution().analyzed();
        while (plan instanceof SubqueryAlias || plan instanceof Project p && columnsOnly(p)) {
            plan = plan.children().head();
        }
        if (plan instanceof LogicalRelation r && r.relation() instanceof HadoopFsRelation fs
                && fs.fileFormat() instanceof ParquetFileFormat && fs.partitionSchema().fields().length == 0
                && hasPreparedColumns(fs.dataSchema()) && data.inputFiles().length > 0) {
            return Optional.of(List.of(data.inputFiles()));
        }
        return Optional.empty();
    }

    private static boolean columnsOnly(Project p) {
        return JavaConverters.seqAsJavaList(p.projectList()).stream().allMatch(e -> e instanceof AttributeReference);
    }

    /** The columns training reads, with prepare's types (nullability aside). */
    private static boolean hasPreparedColumns(StructType schema) {
        List<String> names = List.of(schema.fieldNames());
        return PreparedScan.COLUMNS.stream().allMatch(c -> names.contains(c) && schema.apply(c).dataType().catalogString()
                .equals(PreparedSchema.SCHEMA.apply(c).dataType().catalogString()));
    }
}
