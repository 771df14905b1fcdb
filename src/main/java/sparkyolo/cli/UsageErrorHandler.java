package sparkyolo.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Bad command-line usage: one line naming the option as the user typed it (picocli names an option
 * by its longest alias, e.g. {@code --img-size} for {@code --img abc}), suggestions for a mistyped
 * option, a pointer to {@code --help}; exit code 2.
 */
final class UsageErrorHandler implements CommandLine.IParameterExceptionHandler {
    static final int USAGE_ERROR = 2;

    @Override
    public int handleParseException(CommandLine.ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        PrintWriter err = cmd.getErr();
        String message = e.getMessage();
        if (e.getArgSpec() instanceof OptionSpec option && option.names().length > 1) {
            String typed = typedName(option, args);
            if (typed != null) {
                message = message.replace("'" + option.longestName() + "'", "'" + typed + "'");
            }
        }
        err.println(cmd.getCommandSpec().qualifiedName() + ": error: " + message);
        CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
        err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
        err.flush();
        return USAGE_ERROR;
    }

    /** The alias of {@code option} found last among {@code args} (as --name or --name=value). */
    private static String typedName(OptionSpec option, String[] args) {
        String typed = null;
        for (String arg : args) {
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            for (String alias : option.names()) {
                if (alias.equals(name)) {
                    typed = alias;
                }
            }
        }
        return typed;
    }
}
