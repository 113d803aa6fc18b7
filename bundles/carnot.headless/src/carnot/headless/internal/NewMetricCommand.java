package carnot.headless.internal;

import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code carnot new-metric}: a ready-to-build external metric project for a new analysis id. */
@Command(name = "new-metric", description = "Generate a ready-to-build external metric project (a plain Maven "
        + "build of one OSGi bundle, like examples/weight-spectrum) for a new analysis id.")
final class NewMetricCommand extends Subcommand {

    @Parameters(paramLabel = "ID", description = "the metric's carnot.id, e.g. weight-norms")
    String id;

    @Option(names = "--package", paramLabel = "P", description = "Java package (and bundle symbolic name); "
            + "default org.example.carnot.<id without dashes>")
    String packageName;

    @Option(names = "--dir", paramLabel = "D", description = "folder to create; default ./<id>")
    Path dir;

    NewMetricCommand(CarnotCommand parent) {
        super(parent);
    }

    @Override
    int execute() {
        try {
            String pkg = packageName == null ? MetricTemplate.defaultPackage(id) : packageName;
            Path target = (dir == null ? Path.of(id) : dir).toAbsolutePath().normalize();
            org.osgi.framework.Bundle api = org.osgi.framework.FrameworkUtil.getBundle(
                    carnot.api.component.Provider.class);
            String version = api == null ? "0.1.0-SNAPSHOT" : MetricTemplate.mavenVersion(api.getVersion());
            List<Path> files = MetricTemplate.generate(id, pkg, target, version);
            out().println(MetricTemplate.describe(id, pkg, target, files));
            return CarnotCommand.OK;
        } catch (IllegalArgumentException e) {
            err().println("carnot: new-metric: " + e.getMessage());
            return CarnotCommand.BAD_INPUT;
        } catch (java.io.IOException e) {
            err().println("carnot: new-metric: cannot write the project: " + e);
            return CarnotCommand.BAD_INPUT;
        }
    }
}
