package sparkyolo.ml;

import java.io.Serializable;
import scala.runtime.AbstractFunction1;

/** A Param validator (Spark ML takes a Scala function) accepting non-blank strings, e.g. column names. */
final class NonEmptyString extends AbstractFunction1<String, Object> implements Serializable {
    private static final long serialVersionUID = 1L;
    static final NonEmptyString INSTANCE = new NonEmptyString();

    private NonEmptyString() {
    }

    @Override
    public Object apply(String value) {
        return value != null && !value.isBlank();
    }
}
