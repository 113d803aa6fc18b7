package carnot.headless.internal;

import carnot.api.component.ComponentDescriptor;
import carnot.api.component.ComponentKind;
import carnot.api.component.ComponentRegistry;
import carnot.api.component.Setting;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code carnot components}: every installed component with its settings and defaults, and duplicate ids. */
@Command(name = "components", description = "List the installed components with their settings and defaults.")
final class ComponentsCommand extends Subcommand {

    @Option(names = "--kind", description = "only this kind: ${COMPLETION-CANDIDATES}")
    ComponentKind kind;

    @Option(names = {"-w", "--workspace"}, paramLabel = "DIR", description = "workspace whose plugins/ "
            + "provide components (default: $CARNOT_WORKSPACE, else the current folder)")
    Path workspace;

    ComponentsCommand(CarnotCommand parent) {
        super(parent);
    }

    @Override
    int execute() {
        PrintWriter out = out();
        if (!CarnotCommand.workspaceExists(workspace, err())) {
            return CarnotCommand.BAD_INPUT;
        }
        try {
            HotDeployedComponents.awaitPluginBundles(parent.services.context());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ComponentRegistry registry = parent.services.get(ComponentRegistry.class);
        List<ComponentDescriptor> all = registry.components();
        ComponentKind current = null;
        for (ComponentDescriptor d : all) {
            if (kind != null && d.kind() != kind) {
                continue;
            }
            if (d.kind() != current) {
                current = d.kind();
                out.println();
                out.println(current.plural().toUpperCase(Locale.ROOT));
            }
            out.println(String.format(Locale.ROOT, "  %-20s %s   [%s %s]", d.id(), d.title(), d.bundle(),
                    d.bundleVersion()));
            out.println("      " + d.description());
            for (Setting s : d.schema().settings()) {
                out.println(String.format(Locale.ROOT, "      %-16s default %-12s %s; %s", s.key(),
                        format(s.defaultValue()), s.allowedValues(), s.description()));
            }
        }
        out.println();
        out.println(all.size() + " components installed");
        for (String duplicate : registry.duplicates()) {
            out.println("warning: " + duplicate);
        }
        out.flush();
        return CarnotCommand.OK;
    }

    private static String format(Object value) {
        if (value == null) {
            return "(required)";
        }
        return value instanceof String ? "\"" + value + "\"" : String.valueOf(value);
    }
}
