package carnot.ui.internal;

import carnot.api.component.ComponentDescriptor;
import carnot.api.component.ComponentRegistry;
import carnot.api.component.Setting;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.eclipse.e4.ui.di.Focus;
import org.eclipse.jface.layout.GridDataFactory;
import org.eclipse.jface.layout.GridLayoutFactory;
import org.eclipse.jface.viewers.ArrayContentProvider;
import org.eclipse.jface.viewers.ColumnLabelProvider;
import org.eclipse.jface.viewers.ColumnViewerToolTipSupport;
import org.eclipse.jface.viewers.TableViewer;
import org.eclipse.jface.viewers.TableViewerColumn;
import org.eclipse.swt.SWT;
import org.eclipse.swt.SWTException;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;

/**
 * The providers installed right now, one row each, as the {@link ComponentRegistry} service
 * reports them. Providers come and go at run time (hot deployment), so the table follows the
 * registry's change notifications instead of reading it once.
 *
 * <p>The registry comes from the {@link Session}, which tracks it as an OSGi service: that also
 * covers the registry arriving after the part was created (DS activates components
 * asynchronously).
 */
public final class ComponentsPart {

    private TableViewer viewer;

    /** The table, for tests. */
    TableViewer viewer() {
        return viewer;
    }

    private Label status;

    /** The status line, for tests. */
    Label status() {
        return status;
    }
    @Inject
    private Session session;
    private volatile boolean closed;
    /** Captured on the UI thread; registry callbacks arrive on other threads. */
    private volatile Display display;

    /** Registry callback; runs on an arbitrary thread, so it only schedules work on the UI thread. */
    private final Runnable registryChanged = this::scheduleRefresh;

    @PostConstruct
    public void createControls(Composite parent) {
        display = parent.getDisplay();
        GridLayoutFactory.fillDefaults().margins(4, 4).spacing(4, 4).applyTo(parent);

        viewer = new TableViewer(parent, SWT.BORDER | SWT.FULL_SELECTION | SWT.MULTI | SWT.H_SCROLL | SWT.V_SCROLL);
        viewer.getTable().setHeaderVisible(true);
        viewer.getTable().setLinesVisible(true);
        viewer.setContentProvider(ArrayContentProvider.getInstance());
        ColumnViewerToolTipSupport.enableFor(viewer);
        addColumn("Kind", 90, d -> d.kind().label());
        addColumn("Id", 120, ComponentDescriptor::id);
        addColumn("Title", 200, ComponentDescriptor::title);
        addColumn("Bundle", 160, ComponentDescriptor::bundle);
        addColumn("Version", 110, ComponentDescriptor::bundleVersion);
        addColumn("State", 80, d -> bundleState(d.bundle()));
        addColumn("Settings", 320, ComponentsPart::settingsText);
        GridDataFactory.fillDefaults().grab(true, true).applyTo(viewer.getControl());

        status = new Label(parent, SWT.NONE);
        GridDataFactory.fillDefaults().grab(true, false).applyTo(status);

        session.addRegistryListener(registryChanged);
        refresh();
    }

    @Focus
    public void setFocus() {
        viewer.getControl().setFocus();
    }

    @PreDestroy
    public void dispose() {
        closed = true;
        session.removeRegistryListener(registryChanged);
    }

    private void addColumn(String title, int width, Function<ComponentDescriptor, String> text) {
        TableViewerColumn column = new TableViewerColumn(viewer, SWT.LEFT);
        column.getColumn().setText(title);
        column.getColumn().setWidth(width);
        column.getColumn().setMoveable(true);
        column.setLabelProvider(new ColumnLabelProvider() {
            @Override
            public String getText(Object element) {
                return Objects.toString(text.apply((ComponentDescriptor) element), "");
            }

            @Override
            public String getToolTipText(Object element) {
                String description = ((ComponentDescriptor) element).description();
                return description == null || description.isBlank() ? null : description;
            }
        });
    }

    /** The OSGi state of the bundle with a symbolic name (of its newest version, if several). */
    static String bundleState(String symbolicName) {
        org.osgi.framework.Bundle self = org.osgi.framework.FrameworkUtil.getBundle(ComponentsPart.class);
        if (self == null || self.getBundleContext() == null) {
            return "";
        }
        String state = "not installed";
        for (org.osgi.framework.Bundle bundle : self.getBundleContext().getBundles()) {
            if (symbolicName.equals(bundle.getSymbolicName())) {
                state = switch (bundle.getState()) {
                    case org.osgi.framework.Bundle.ACTIVE -> "active";
                    case org.osgi.framework.Bundle.STARTING -> "starting";
                    case org.osgi.framework.Bundle.STOPPING -> "stopping";
                    case org.osgi.framework.Bundle.RESOLVED -> "resolved";
                    case org.osgi.framework.Bundle.INSTALLED -> "installed";
                    default -> "uninstalled";
                };
            }
        }
        return state;
    }

    /** The settings as {@code key=default}, in declaration order; a required key shows no default. */
    static String settingsText(ComponentDescriptor descriptor) {
        if (descriptor.schema() == null) {
            return "";
        }
        return descriptor.schema().settings().stream()
                .map(ComponentsPart::settingText)
                .collect(Collectors.joining(", "));
    }

    private static String settingText(Setting setting) {
        Object value = setting.defaultValue();
        if (value == null) {
            return setting.key() + "=(required)";
        }
        return setting.key() + "=" + (value instanceof String s ? "\"" + s + "\"" : value);
    }

    private void scheduleRefresh() {
        Display ui = display;
        if (closed || ui == null || ui.isDisposed()) {
            return;
        }
        try {
            ui.asyncExec(() -> {
                if (!closed && !viewer.getControl().isDisposed()) {
                    refresh();
                }
            });
        } catch (SWTException e) {
            // The display was disposed between the check and the call: the workbench is closing.
        }
    }

    private void refresh() {
        ComponentRegistry registry = session.registry();
        if (registry == null) {
            viewer.setInput(List.of());
            status.setText("No component registry: is carnot.engine installed and started?");
            return;
        }
        List<ComponentDescriptor> components;
        try {
            components = registry.components();
        } catch (RuntimeException e) {
            // The registry may be deactivated between lookup and call; show why, do not fail the part.
            viewer.setInput(List.of());
            status.setText("Could not read the component registry: " + e);
            return;
        }
        viewer.setInput(components);
        long bundles = components.stream().map(ComponentDescriptor::bundle).distinct().count();
        // Two bundles offering the same kind and id: the registry keeps one and says which (carnot components too).
        List<String> duplicates = registry.duplicates();
        status.setText(Widgets.literal(components.size() + (components.size() == 1 ? " component" : " components")
                + " from " + bundles + (bundles == 1 ? " bundle" : " bundles")
                + (duplicates.isEmpty() ? "" : "; warning: " + String.join("; ", duplicates))));
        status.setForeground(duplicates.isEmpty() ? null : status.getDisplay().getSystemColor(SWT.COLOR_DARK_RED));
        status.setToolTipText(duplicates.isEmpty() ? null : String.join("\n", duplicates));
        status.requestLayout();
    }
}
