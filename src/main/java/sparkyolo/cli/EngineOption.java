package sparkyolo.cli;

import picocli.CommandLine.Option;
import sparkyolo.engine.InferenceEngine;

/** {@code --engine}, shared by the commands that run inference. */
final class EngineOption {
    @Option(names = "--engine", defaultValue = InferenceEngine.DEFAULT_NAME, paramLabel = "ENGINE",
            description = "Inference engine: auto (onnxruntime on CPU, pytorch where libtorch sees a GPU), pytorch "
                    + "or onnxruntime (default: ${DEFAULT-VALUE}).")
    InferenceEngine engine;
}
