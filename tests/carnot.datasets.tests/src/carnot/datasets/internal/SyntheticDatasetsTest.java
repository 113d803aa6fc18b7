package carnot.datasets.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import carnot.api.component.ProgressMonitor;
import carnot.api.component.Provider;
import carnot.api.datasets.Dataset;
import carnot.api.datasets.DatasetContext;
import carnot.api.datasets.DatasetException;
import carnot.api.datasets.DatasetProvider;
import carnot.api.datasets.DatasetSplits;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The synthetic datasets against their defining properties, closed forms and hand computations. */
class SyntheticDatasetsTest {

    private static DatasetSplits load(DatasetProvider provider, Map<String, Object> settings, long seed)
            throws DatasetException {
        return provider.load(((Provider) provider).settingsSchema().validate(settings, "dataset.settings"),
                new DatasetContext(seed, ProgressMonitor.NONE));
    }

    // --- separable ---

    @Test
    void everySeparableExampleHasMarginAtLeastGammaAndNormAtMostR() throws Exception {
        int d = 6;
        double gamma = 0.2;
        double radius = 1.5;
        DatasetSplits data = load(new SeparableProvider(), Map.of("dimension", d, "trainSize", 3000, "testSize", 500,
                "margin", gamma, "radius", radius), 17);
        double[] w = SeparableProvider.hyperplane(d, 17);
        assertEquals(1.0, Arrays.stream(w).map(v -> v * v).sum(), 1e-12, "unit normal");
        for (Dataset set : new Dataset[] {data.train(), data.test()}) {
            double minMargin = Double.POSITIVE_INFINITY;
            double maxNorm = 0;
            int positives = 0;
            for (int i = 0; i < set.size(); i++) {
                double s = 2 * set.labels()[i] - 1;
                double dot = 0;
                double norm = 0;
                for (int j = 0; j < d; j++) {
                    double x = set.features()[i * d + j];
                    dot += w[j] * x;
                    norm += x * x;
                }
                minMargin = Math.min(minMargin, s * dot);
                maxNorm = Math.max(maxNorm, Math.sqrt(norm));
                positives += set.labels()[i];
            }
            assertTrue(minMargin >= gamma, "margin " + minMargin + " >= gamma");
            assertTrue(maxNorm <= radius, "norm " + maxNorm + " <= R");
            // t is uniform on [gamma, R]: the smallest of n draws is within a few (R - gamma)/n of gamma.
            assertEquals(gamma, minMargin, 10 * (radius - gamma) / set.size());
            assertEquals(set.size() / 2.0, positives, 4 * Math.sqrt(set.size() / 4.0), "balanced labels");
        }
    }

    /**
     * Novikoff (1962): on data with margin gamma and radius R the perceptron makes at most
     * (R / gamma)^2 mistakes, whatever the order. Run it to convergence and count.
     */
    @Test
    void thePerceptronMakesAtMostRSquaredOverGammaSquaredMistakes() throws Exception {
        int d = 20;
        double gamma = 0.25;
        double radius = 1.0;
        Dataset train = load(new SeparableProvider(), Map.of("dimension", d, "trainSize", 2000, "testSize", 0,
                "margin", gamma, "radius", radius), 3).train();
        double[] v = new double[d];
        int mistakes = 0;
        boolean clean = false;
        for (int epoch = 0; epoch < 1000 && !clean; epoch++) {
            clean = true;
            for (int i = 0; i < train.size(); i++) {
                double s = 2 * train.labels()[i] - 1;
                double dot = 0;
                for (int j = 0; j < d; j++) {
                    dot += v[j] * train.features()[i * d + j];
                }
                if (s * dot <= 0) {
                    mistakes++;
                    clean = false;
                    for (int j = 0; j < d; j++) {
                        v[j] += s * train.features()[i * d + j];
                    }
                }
            }
        }
        assertTrue(clean, "converged");
        assertTrue(mistakes <= (radius / gamma) * (radius / gamma), mistakes + " mistakes <= (R/gamma)^2 = 16");
        assertTrue(mistakes > 0);
    }

    @Test
    void aMarginAtLeastTheRadiusIsRefused() {
        DatasetException e = assertThrows(DatasetException.class, () -> load(new SeparableProvider(),
                Map.of("margin", 2.0, "radius", 1.0), 1));
        assertEquals("settings.margin: expected a number < settings.radius (1.0), got 2.0", e.getMessage());
    }

    // --- teacher-student ---

    /** A 2-2-2 ReLU teacher computed by hand. */
    @Test
    void theTeacherLabelsByTheArgmaxOfItsOutputs() {
        double[][][] weights = {{{1, -1}, {0.5, 2}}, {{1, 0}, {0, 1}}};
        TeacherStudentProvider.Teacher relu = new TeacherStudentProvider.Teacher(weights, "relu");
        // x = (1, 0): hidden relu(1, 0.5) = (1, 0.5), outputs (1, 0.5) -> class 0.
        assertEquals(0, relu.label(new double[] {1, 0}));
        // x = (0, 1): hidden relu(-1, 2) = (0, 2), outputs (0, 2) -> class 1.
        assertEquals(1, relu.label(new double[] {0, 1}));
        // x = (-1, -0.1): hidden relu(-0.9, -0.7) = (0, 0): a tie, the smallest index.
        assertEquals(0, relu.label(new double[] {-1, -0.1}));
        TeacherStudentProvider.Teacher tanh = new TeacherStudentProvider.Teacher(weights, "tanh");
        assertArrayEquals(new double[] {Math.tanh(-0.9), Math.tanh(-0.7)}, tanh.outputs(new double[] {-1, -0.1}),
                1e-15);
        assertEquals(1, tanh.label(new double[] {-1, -0.1}));
    }

    @Test
    void teacherStudentInputsAreStandardGaussianAndTheTeacherSeedFixesTheTeacher() throws Exception {
        Map<String, Object> settings = Map.of("dimension", 10, "hidden", java.util.List.of(16, 8), "classes", 3,
                "trainSize", 5000, "testSize", 100, "teacherSeed", 99);
        DatasetSplits a = load(new TeacherStudentProvider(), settings, 1);
        DatasetSplits b = load(new TeacherStudentProvider(), settings, 2);
        double sum = 0;
        double squares = 0;
        for (float x : a.train().features()) {
            sum += x;
            squares += x * x;
        }
        int count = a.train().features().length;
        assertEquals(0, sum / count, 4 / Math.sqrt(count), "mean 0");
        assertEquals(1, squares / count, 4 * Math.sqrt(2.0 / count), "variance 1");
        assertNotEquals(a.train().sha256(), b.train().sha256(), "other inputs for another seed");
        TeacherStudentProvider.Teacher teacher = TeacherStudentProvider.Teacher.random(10, new int[] {16, 8}, 3,
                "relu", new Random(99));
        int[] counts = new int[3];
        for (DatasetSplits data : new DatasetSplits[] {a, b}) {
            for (int i = 0; i < data.train().size(); i++) {
                double[] x = new double[10];
                for (int j = 0; j < 10; j++) {
                    x[j] = data.train().features()[i * 10 + j];
                }
                assertEquals(teacher.label(x), data.train().labels()[i], "same teacher for both seeds");
                // A bias-free ReLU network is positively homogeneous: f(2x) = 2 f(x), same argmax.
                assertEquals(teacher.label(x), teacher.label(Arrays.stream(x).map(v -> 2 * v).toArray()));
                counts[data.train().labels()[i]]++;
            }
        }
        assertTrue(Arrays.stream(counts).allMatch(c -> c > 0), "every class occurs: " + Arrays.toString(counts));
    }

    // --- hierarchical ---

    /** With h(a, b) = a b the target is the product of all inputs; K = 2 splits it at the median. */
    @Test
    void theProductTreeSplitsTheProductOfTheInputsAtTheTrainingMedian() throws Exception {
        int n = 1000;
        DatasetSplits data = load(new HierarchicalProvider(), Map.of("levels", 2, "function", "product",
                "trainSize", n, "testSize", 300), 5);
        Dataset train = data.train();
        assertArrayEquals(new int[] {4}, train.exampleShape());
        double[] product = products(train);
        Integer[] order = new Integer[n];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, (i, j) -> Double.compare(product[i], product[j]));
        for (int rank = 0; rank < n; rank++) {
            assertEquals(rank < n / 2 ? 0 : 1, train.labels()[order[rank]], "rank " + rank);
        }
        double median = product[order[n / 2]];
        double[] testProduct = products(data.test());
        for (int i = 0; i < data.test().size(); i++) {
            assertEquals(testProduct[i] >= median ? 1 : 0, data.test().labels()[i]);
        }
        for (float x : train.features()) {
            assertTrue(x >= -1 && x <= 1);
        }
    }

    /** shape = image: the same values and labels as the vector layout, as a (1, 1, d) image. */
    @Test
    void theImageShapeIsTheSameDataAsAOneRowImage() throws Exception {
        Map<String, Object> vector = Map.of("levels", 3, "trainSize", 200, "testSize", 50);
        Map<String, Object> image = new java.util.HashMap<>(vector);
        image.put("shape", "image");
        DatasetSplits v = load(new HierarchicalProvider(), vector, 9);
        DatasetSplits i = load(new HierarchicalProvider(), image, 9);
        assertArrayEquals(new int[] {8}, v.train().exampleShape());
        assertArrayEquals(new int[] {1, 1, 8}, i.train().exampleShape());
        assertArrayEquals(v.train().features(), i.train().features());
        assertArrayEquals(v.train().labels(), i.train().labels());
        assertArrayEquals(v.test().features(), i.test().features());
        assertArrayEquals(v.test().labels(), i.test().labels());
    }

    private static double[] products(Dataset set) {
        int d = set.featureSize();
        double[] product = new double[set.size()];
        for (int i = 0; i < set.size(); i++) {
            product[i] = 1;
            for (int j = 0; j < d; j++) {
                product[i] *= set.features()[i * d + j];
            }
        }
        return product;
    }

    /** f(x1..x4) = h3(h1(x1, x2), h2(x3, x4)) with hand-chosen coefficients. */
    @Test
    void aTwoLevelTreeComposesItsNodeFunctions() {
        double[] c1 = {0.1, 1, -1, 0.5, 0, 0};
        double[] c2 = {0, 0, 0, 0, 1, 1};
        double[] c3 = {-0.2, 2, 0, 0, 0, -1};
        HierarchicalProvider.Tree tree = new HierarchicalProvider.Tree(new double[][][] {{c1, c2}, {c3}});
        double[] x = {0.5, -0.5, 1, 0};
        double h1 = Math.tanh(0.1 + 0.5 + 0.5 + 0.5 * 0.5 * -0.5);
        double h2 = Math.tanh(1 * 1 + 0);
        double expected = Math.tanh(-0.2 + 2 * h1 - h2 * h2);
        assertEquals(expected, tree.evaluate(x), 1e-15);
    }

    @Test
    void randomSmoothTargetsFallIntoBalancedClasses() throws Exception {
        DatasetSplits data = load(new HierarchicalProvider(), Map.of("levels", 3, "classes", 4, "trainSize", 2000,
                "testSize", 2000), 8);
        assertEquals(4, data.train().numClasses());
        int[] train = new int[4];
        int[] test = new int[4];
        Arrays.stream(data.train().labels()).forEach(y -> train[y]++);
        Arrays.stream(data.test().labels()).forEach(y -> test[y]++);
        assertArrayEquals(new int[] {500, 500, 500, 500}, train, "quartiles of the training targets");
        for (int count : test) {
            assertEquals(500, count, 4 * Math.sqrt(2000 * 0.25 * 0.75), "test bins hold about a quarter each");
        }
        assertEquals(load(new HierarchicalProvider(), Map.of("levels", 3, "classes", 4, "trainSize", 2000,
                "testSize", 2000), 8).train().sha256(), data.train().sha256(), "the seed fixes the data");
    }
}
