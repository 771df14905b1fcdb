package sparkyolo.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code benchmark}: shipped speed measurements (never timed unit tests). */
@Command(name = "benchmark", mixinStandardHelpOptions = true, description = "Measure throughput.",
        subcommands = {DetectBenchmark.class, TrainBenchmark.class, AllReduceBenchmarkCommand.class, StepBenchmarkCommand.class})
final class BenchmarkCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a benchmark is required: detect, train, allreduce or step");
    }
}
