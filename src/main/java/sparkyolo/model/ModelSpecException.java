package sparkyolo.model;

/** A model YAML that cannot be built; the message names the file and the layer or field. */
public class ModelSpecException extends IllegalArgumentException {
    public ModelSpecException(String message) {
        super(message);
    }
}
