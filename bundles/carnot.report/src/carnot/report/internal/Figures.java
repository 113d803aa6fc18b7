package carnot.report.internal;

import carnot.report.Chart;
import carnot.report.ChartRenderer;
import carnot.report.HeatMap;
import carnot.report.HeatMapRenderer;

import carnot.report.internal.Html;

import carnot.workspace.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;

/** Collects the charts: inline SVG for the page, SVG and PNG files beside it. */
public final class Figures {
    private final Path root;
    private final Path folder;
    private final Set<String> names = new LinkedHashSet<>();

    public Figures(Path root, Path folder) {
        this.root = root;
        this.folder = folder;
    }

    public String add(String name, Chart chart) throws IOException {
        String unique = unique(name);
        AtomicFiles.write(root, folder.resolve(unique + ".png"), ChartRenderer.png(chart));
        return figure(unique, ChartRenderer.svg(chart));
    }

    public String add(String name, HeatMap map) throws IOException {
        String unique = unique(name);
        AtomicFiles.write(root, folder.resolve(unique + ".png"), HeatMapRenderer.png(map));
        return figure(unique, HeatMapRenderer.svg(map));
    }

    private String unique(String name) {
        String safe = name.replaceAll("[^A-Za-z0-9._-]+", "_");
        String unique = safe;
        for (int i = 2; !names.add(unique); i++) {
            unique = safe + "-" + i;
        }
        return unique;
    }

    /** Writes the SVG file beside the PNG; the figure element for the page. */
    private String figure(String unique, String svg) throws IOException {
        AtomicFiles.write(root, folder.resolve(unique + ".svg"), svg);
        return "<figure>" + svg.substring(svg.indexOf("<svg")) + "<figcaption>figures/" + Html.escape(unique)
                + ".png, .svg</figcaption></figure>\n";
    }
}
