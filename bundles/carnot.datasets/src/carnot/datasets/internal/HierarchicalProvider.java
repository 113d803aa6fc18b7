package carnot.datasets.internal;

import carnot.api.component.Provider;
import carnot.api.component.Setting;
import carnot.api.component.Settings;
import carnot.api.component.SettingsSchema;
import carnot.api.datasets.Dataset;
import carnot.api.datasets.DatasetContext;
import carnot.api.datasets.DatasetProvider;
import carnot.api.datasets.DatasetSplits;
import java.util.Arrays;
import java.util.Random;
import org.osgi.service.component.annotations.Component;

/**
 * Hierarchically compositional targets (Poggio, Mhaskar, Rosasco, Miranda & Liao 2017, "Why and
 * when can deep - but not shallow - networks avoid the curse of dimensionality"): on d = 2^L
 * inputs x uniform in [-1, 1]^d, a binary tree of L levels of functions of two variables,
 *
 * <pre>f(x1..x8) = h3(h21(h11(x1, x2), h12(x3, x4)), h22(h13(x5, x6), h14(x7, x8)))   (L = 3)</pre>
 *
 * Node functions: {@code random-smooth}: h(a, b) = tanh(c0 + c1 a + c2 b + c3 a b + c4 a^2 + c5 b^2)
 * with c ~ N(0, 1) drawn per node (smooth, range (-1, 1), so every level sees inputs of the same
 * scale); {@code product}: h(a, b) = a b (f is the product of all inputs). The class of x is the
 * bin of f(x) among K equal-mass bins whose edges are the empirical K-quantiles of f over the
 * training set (so training classes are balanced).
 *
 * <p>{@code shape}: {@code vector} gives examples of shape (d); {@code image} gives the same d
 * values as a one-row, one-channel image of shape (1, 1, d), so that the convolutional and locally
 * connected architectures (which need (channels, height, width)) can be compared with the MLPs on
 * the same target, their receptive fields growing along the row as the tree's do.
 */
@Component(service = DatasetProvider.class, property = Provider.ID + "=hierarchical")
public final class HierarchicalProvider implements DatasetProvider {

    private static final SettingsSchema SCHEMA = SettingsSchema.of(
            Setting.integer("levels", 3, "L: depth of the binary tree; d = 2^L inputs").min(1).max(12),
            Setting.choice("function", "random-smooth", "node function of two variables", "random-smooth", "product"),
            Setting.integer("classes", 2, "K: equal-mass bins of f").min(2).max(1000),
            Setting.integer("trainSize", 1000, "training examples").min(1),
            Setting.integer("testSize", 1000, "test examples").min(0),
            Setting.choice("shape", "vector", "example shape: vector = (d), image = (1, 1, d) for cnn and "
                    + "locally-connected", "vector", "image"));

    @Override
    public String title() {
        return "Hierarchical compositional target";
    }

    @Override
    public String description() {
        return "A binary tree of functions of two variables on 2^L uniform inputs (Poggio et al. 2017), binned into "
                + "K balanced classes: a target deep networks approximate without the curse of dimensionality.";
    }

    @Override
    public SettingsSchema settingsSchema() {
        return SCHEMA;
    }

    @Override
    public DatasetSplits load(Settings settings, DatasetContext context) {
        int levels = settings.getInt("levels");
        int d = 1 << levels;
        Random random = new Random(context.seed());
        Tree tree = settings.getString("function").equals("product") ? Tree.product(levels)
                : Tree.randomSmooth(levels, random);
        int n = settings.getInt("trainSize");
        int m = settings.getInt("testSize");
        float[] trainX = uniform(n * d, random);
        float[] testX = uniform(m * d, random);
        double[] trainF = tree.evaluateAll(trainX, d);
        double[] testF = tree.evaluateAll(testX, d);
        double[] edges = quantileEdges(trainF, settings.getInt("classes"));
        String name = "hierarchical(L=" + levels + "," + settings.getString("function") + ")";
        int[] shape = settings.getString("shape").equals("image") ? new int[] {1, 1, d} : new int[] {d};
        return new DatasetSplits(Dataset.of(name + "/train", shape, edges.length + 1, trainX, bins(trainF, edges)),
                Dataset.of(name + "/test", shape, edges.length + 1, testX, bins(testF, edges)));
    }

    private static float[] uniform(int count, Random random) {
        float[] x = new float[count];
        for (int i = 0; i < count; i++) {
            x[i] = (float) (2 * random.nextDouble() - 1);
        }
        return x;
    }

    /** The K - 1 inner edges: the values at ranks floor(k n / K), k = 1..K-1, of the sorted f. */
    static double[] quantileEdges(double[] f, int classes) {
        double[] sorted = f.clone();
        Arrays.sort(sorted);
        double[] edges = new double[classes - 1];
        for (int k = 1; k < classes; k++) {
            edges[k - 1] = sorted[Math.min(sorted.length - 1, (int) ((long) k * sorted.length / classes))];
        }
        return edges;
    }

    /** Class of each value: the number of edges at or below it. */
    static int[] bins(double[] f, double[] edges) {
        int[] labels = new int[f.length];
        for (int i = 0; i < f.length; i++) {
            int k = 0;
            while (k < edges.length && f[i] >= edges[k]) {
                k++;
            }
            labels[i] = k;
        }
        return labels;
    }

    /**
     * The tree's node coefficients, level by level from the leaves: {@code nodes[l][i]} are the
     * six coefficients of node i on level l (2^(L-1-l) nodes), or {@code null} for the product.
     */
    record Tree(double[][][] nodes) {

        static Tree product(int levels) {
            return new Tree(new double[levels][][]);
        }

        static Tree randomSmooth(int levels, Random random) {
            double[][][] nodes = new double[levels][][];
            for (int l = 0; l < levels; l++) {
                nodes[l] = new double[1 << (levels - 1 - l)][6];
                for (double[] c : nodes[l]) {
                    for (int j = 0; j < 6; j++) {
                        c[j] = random.nextGaussian();
                    }
                }
            }
            return new Tree(nodes);
        }

        double evaluate(double[] x) {
            double[] values = x.clone();
            for (int l = 0; l < nodes.length; l++) {
                double[] next = new double[values.length / 2];
                for (int i = 0; i < next.length; i++) {
                    double a = values[2 * i];
                    double b = values[2 * i + 1];
                    double[] c = nodes[l] == null ? null : nodes[l][i];
                    next[i] = c == null ? a * b : Math.tanh(c[0] + c[1] * a + c[2] * b + c[3] * a * b + c[4] * a * a
                            + c[5] * b * b);
                }
                values = next;
            }
            return values[0];
        }

        double[] evaluateAll(float[] x, int d) {
            double[] f = new double[x.length / d];
            double[] example = new double[d];
            for (int i = 0; i < f.length; i++) {
                for (int j = 0; j < d; j++) {
                    example[j] = x[i * d + j];
                }
                f[i] = evaluate(example);
            }
            return f;
        }
    }
}
