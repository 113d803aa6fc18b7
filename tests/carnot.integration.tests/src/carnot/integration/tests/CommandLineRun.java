package carnot.integration.tests;

import carnot.headless.internal.Cli;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Runs the real {@code carnot} command line inside the test framework and keeps its output. */
record CommandLineRun(int exitCode, String out, String err) {

    static CommandLineRun carnot(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cli.execute(Osgi.context(), new PrintWriter(out), new PrintWriter(err), args);
        return new CommandLineRun(code, out.toString(), err.toString());
    }

    /** The run folders under a workspace. */
    static List<Path> runFolders(Path workspace) throws IOException {
        Path runs = workspace.resolve("runs");
        if (!Files.exists(runs)) {
            return List.of();
        }
        try (Stream<Path> walk = Files.walk(runs, 2)) {
            return walk.filter(p -> p.getNameCount() == runs.getNameCount() + 2).toList();
        }
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- out\n" + out + "\n--- err\n" + err;
    }
}
