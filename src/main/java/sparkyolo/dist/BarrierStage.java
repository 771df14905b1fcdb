package sparkyolo.dist;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.spark.BarrierTaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.rdd.RDD;
import org.apache.spark.resource.ResourceProfile;
import scala.collection.Iterator;
import scala.collection.JavaConverters;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;
import scala.runtime.AbstractFunction1;

/**
 * Runs one function per task in a barrier stage (all tasks start together, or none). From Java
 * this needs the Scala API: {@code JavaRDD} has no {@code barrier()}.
 */
public final class BarrierStage {
    private BarrierStage() {
    }

    /** The work of one task; the task's rank is {@code ctx.partitionId()}. */
    @FunctionalInterface
    public interface TaskFunction<T> extends Serializable {
        T call(BarrierTaskContext ctx) throws Exception;
    }

    /** Runs {@code fn} in {@code tasks} tasks and returns their results by rank. */
    public static <T> List<T> run(JavaSparkContext sc, int tasks, TaskFunction<T> fn) {
        return run(sc, tasks, null, fn);
    }

    /**
     * As {@link #run(JavaSparkContext, int, TaskFunction)}, with the tasks scheduled under
     * {@code profile} (e.g. a task resource profile asking for a GPU per task), or the default.
     */
    public static <T> List<T> run(JavaSparkContext sc, int tasks, ResourceProfile profile, TaskFunction<T> fn) {
        List<Integer> ranks = new ArrayList<>();
        for (int r = 0; r < tasks; r++) {
            ranks.add(r);
        }
        ClassTag<T> tag = ClassTag$.MODULE$.apply(Object.class);
        RDD<Integer> input = sc.parallelize(ranks, tasks).rdd();
        if (profile != null) {
            input = input.withResources(profile);
        }
        RDD<T> results = input.barrier().mapPartitions(new PerTask<>(fn), false, tag);
        return new JavaRDD<>(results, tag).collect();
    }

    private static final class PerTask<T> extends AbstractFunction1<Iterator<Integer>, Iterator<T>>
            implements Serializable {
        private static final long serialVersionUID = 1L;
        private final TaskFunction<T> fn;

        PerTask(TaskFunction<T> fn) {
            this.fn = fn;
        }

        @Override
        public Iterator<T> apply(Iterator<Integer> partition) {
            T result;
            try {
                result = fn.call(BarrierTaskContext.get());
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return JavaConverters.asScalaIterator(Collections.singletonList(result).iterator());
        }
    }
}
