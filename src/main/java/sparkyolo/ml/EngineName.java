package sparkyolo.ml;

import java.io.Serializable;
import java.util.Arrays;
import scala.runtime.AbstractFunction1;
import sparkyolo.engine.InferenceEngine;

/** A Param validator (Spark ML takes a Scala function) accepting the names of {@link InferenceEngine}. */
final class EngineName extends AbstractFunction1<String, Object> implements Serializable {
    private static final long serialVersionUID = 1L;
    static final EngineName INSTANCE = new EngineName();

    private EngineName() {
    }

    @Override
    public Object apply(String value) {
        return Arrays.stream(InferenceEngine.values()).anyMatch(e -> e.name().equals(value));
    }
}
