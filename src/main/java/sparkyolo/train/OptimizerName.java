package sparkyolo.train;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.stream.Collectors;
import sparkyolo.util.InvalidOptionException;

/** {@code --optimizer}: the original's choices, spelled as it spells them. */
public enum OptimizerName {
    SGD("SGD"),
    ADAM("Adam"),
    ADAMW("AdamW");

    private final String flag;

    OptimizerName(String flag) {
        this.flag = flag;
    }

    @JsonValue
    @Override
    public String toString() {
        return flag;
    }

    /** The optimizer named {@code name} as the original spells it (SGD, Adam, AdamW). */
    @JsonCreator
    public static OptimizerName parse(String name) {
        for (OptimizerName o : values()) {
            if (o.flag.equals(name)) {
                return o;
            }
        }
        throw new InvalidOptionException("--optimizer", "must be one of " + choices() + ", got '" + name + "'");
    }

    /** The flag values, for help texts and messages. */
    public static String choices() {
        return Arrays.stream(values()).map(OptimizerName::toString).collect(Collectors.joining(", "));
    }
}
