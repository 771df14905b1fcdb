package sparkyolo.model;

import java.util.List;

/**
 * One row of a model YAML: {@code [from, number, module, args]}, with {@code from} as a list.
 *
 * @param index position in backbone + head (the Ultralytics layer index)
 */
public record LayerSpec(int index, int[] from, int number, String module, List<Object> args) {
}
