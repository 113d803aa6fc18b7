package carnot.bench.internal;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import carnot.api.autograd.Autograd;
import carnot.api.autograd.AutogradFactory;
import carnot.api.autograd.Examples;
import carnot.api.autograd.HessianOperator;
import carnot.api.component.ComponentKind;
import carnot.api.component.ComponentRegistry;
import carnot.api.component.ProgressMonitor;
import carnot.api.datasets.Dataset;
import carnot.api.datasets.DatasetContext;
import carnot.api.datasets.DatasetProvider;
import carnot.api.losses.LossFunction;
import carnot.api.losses.LossProvider;
import carnot.api.models.ArchitectureContext;
import carnot.api.models.ArchitectureProvider;
import carnot.curvature.linalg.PowerIteration;
import carnot.curvature.linalg.SymmetricOperator;
import carnot.curvature.linalg.Vectors;
import carnot.headless.services.Services;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import org.eclipse.equinox.app.IApplication;
import org.eclipse.equinox.app.IApplicationContext;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;

/**
 * Carnot's side of releng/bench/hvp.sh: exact Hessian-vector products of the cross-entropy of
 * Carnot's MLP on a batch of Fashion-MNIST images ({@link HessianOperator} from the autograd service, the route every curvature
 * analysis uses). Exports weights, batch, start vector and Rademacher probes for the PyTorch side
 * (releng/bench/hvp.py), then times: one product (median and best of N after warm-up), the top
 * eigenvalue by power iteration (fixed iteration count), Hutchinson's trace on the exported
 * probes, and RSS over many consecutive products.
 */
public final class HvpBenchmark implements IApplication {

    private Path folder = Path.of("target/hvp-bench");
    private int examples = 2048;
    private int[] hidden = {512, 512};
    private int timed = 50;
    private int power = 20;
    private int probes = 20;
    private int memory = 1000;
    private int warmup = 500;
    private long seed = 1;

    @Override
    public Object start(IApplicationContext context) throws Exception {
        parse((String[]) context.getArguments().getOrDefault(IApplicationContext.APPLICATION_ARGS, new String[0]));
        context.applicationRunning();
        BundleContext bundles = FrameworkUtil.getBundle(getClass()).getBundleContext();
        try (Services services = new Services(bundles)) {
            return benchmark(services);
        }
    }

    /** The measurement itself, with the framework's services (released when the benchmark ends). */
    private Object benchmark(Services services) throws Exception {
        ComponentRegistry registry = services.get(ComponentRegistry.class);
        AutogradFactory autogradFactory = services.get(AutogradFactory.class);
        DatasetProvider idx = registry.find(ComponentKind.DATASET, "idx", DatasetProvider.class).orElseThrow();
        Dataset train = idx.load(idx.settingsSchema().validate(Map.of("trainSize", examples, "testSize", 100),
                "dataset.settings"), new DatasetContext(seed, ProgressMonitor.NONE)).train();
        ArchitectureProvider mlp = registry.find(ComponentKind.ARCHITECTURE, "mlp", ArchitectureProvider.class)
                .orElseThrow();
        Block net = mlp.build(mlp.settingsSchema().validate(Map.of("hidden", Arrays.stream(hidden).boxed().toList(), "activation", "relu"),
                "model.settings"), new ArchitectureContext(train.exampleShape(), train.numClasses()));
        LossProvider crossEntropy = registry.find(ComponentKind.LOSS, "cross-entropy", LossProvider.class)
                .orElseThrow();
        LossFunction loss = crossEntropy.create(crossEntropy.settingsSchema().validate(Map.of(), "loss"));
        Engine engine = BenchEngine.pytorch(services);
        Files.createDirectories(folder);
        try (NDManager manager = engine.newBaseManager()) {
            engine.setRandomSeed((int) seed);
            long[] inputShape = new long[train.exampleShape().length + 1];
            inputShape[0] = 1;
            for (int i = 0; i < train.exampleShape().length; i++) {
                inputShape[i + 1] = train.exampleShape()[i];
            }
            net.initialize(manager, DataType.FLOAT32, new Shape(inputShape));
            // Through the API, as an analysis gets it: the autograd service's Hessian operator.
            try (Autograd autograd = autogradFactory.open(net, loss, List.of(), examples, manager);
                    HessianOperator operator = autograd.hessian(Examples.first(train, 0))) {
                SymmetricOperator hessian = symmetric(operator);
                int p = hessian.dimension();
                SplittableRandom random = new SplittableRandom(seed);
                double[] v0 = Vectors.gaussian(p, random);
                List<double[]> signs = new ArrayList<>();
                for (int j = 0; j < probes; j++) {
                    signs.add(Vectors.rademacher(p, random));
                }
                export(net, train, v0, signs, p);
                measure(hessian, engine, v0, signs);
            }
        }
        return IApplication.EXIT_OK;
    }

    private void measure(SymmetricOperator hessian, Engine engine, double[] v0, List<double[]> signs) throws IOException {
        int p = hessian.dimension();
        double[] hv = new double[p];
        for (int i = 0; i < 5; i++) {
            hessian.apply(v0, hv);
        }
        double[] times = new double[timed];
        for (int i = 0; i < timed; i++) {
            long t = System.nanoTime();
            hessian.apply(v0, hv);
            times[i] = (System.nanoTime() - t) / 1e9;
        }
        Arrays.sort(times);
        hessian.apply(v0, hv);
        write(folder.resolve("carnot-hv.f64"), hv);

        long t = System.nanoTime();
        double eigenvalue = PowerIteration.top(hessian, 1, power, 0, List.of(v0), new SplittableRandom(0),
                ProgressMonitor.NONE).values()[0];
        double powerSeconds = (System.nanoTime() - t) / 1e9;

        t = System.nanoTime();
        double sum = 0;
        for (double[] z : signs) {
            hessian.apply(z, hv);
            sum += Vectors.dot(z, hv);
        }
        double traceSeconds = (System.nanoTime() - t) / 1e9;

        // Memory: RSS before and after a warm-up (libtorch's caching allocator and the JIT settle in the first
        // products), then over the measured products, sampled every 100 so a leak shows as a slope.
        double cold = rssMb();
        for (int i = 0; i < warmup; i++) {
            hessian.apply(v0, hv);
        }
        double start = rssMb();
        double peak = start;
        List<String> trajectory = new ArrayList<>();
        for (int i = 0; i < memory; i++) {
            hessian.apply(v0, hv);
            if (i % 50 == 49) {
                double rss = rssMb();
                peak = Math.max(peak, rss);
                if (i % 100 == 99) {
                    trajectory.add(String.format(Locale.ROOT, "[%d, %.1f]", i + 1, rss));
                }
            }
        }
        double end = rssMb();
        String json = String.format(Locale.ROOT, "{\"engine\": \"DJL %s, %s %s (Java, %s threads)\", "
                + "\"hvpSeconds\": %.6f, \"hvpSecondsBest\": %.6f, \"powerSeconds\": %.4f, \"topEigenvalue\": %.12g, "
                + "\"traceSeconds\": %.4f, \"trace\": %.12g, \"rssStartMb\": %.1f, \"rssPeakMb\": %.1f, "
                + "\"rssEndMb\": %.1f, \"rssColdMb\": %.1f, \"rssTrajectoryMb\": %s}%n", Engine.getDjlVersion(), engine.getEngineName(), engine.getVersion(),
                System.getProperty("ai.djl.pytorch.num_threads"), times[timed / 2], times[0], powerSeconds, eigenvalue,
                traceSeconds, sum / signs.size(), start, peak, end, cold, trajectory);
        Files.writeString(folder.resolve("carnot.json"), json);
        System.out.print("carnot: " + json);
    }

    private void export(Block net, Dataset train, double[] v0, List<double[]> signs, int p) throws IOException {
        List<String> shapes = new ArrayList<>();
        int i = 0;
        for (Pair<String, Parameter> entry : net.getParameters()) {
            float[] values = entry.getValue().getArray().toFloatArray();
            writeFloats(folder.resolve("param-" + i++ + ".f32"), values);
            shapes.add(Arrays.toString(entry.getValue().getArray().getShape().getShape()));
        }
        writeFloats(folder.resolve("x.f32"), Arrays.copyOf(train.features(), examples * train.featureSize()));
        ByteBuffer labels = ByteBuffer.allocate(4 * examples).order(ByteOrder.LITTLE_ENDIAN);
        for (int j = 0; j < examples; j++) {
            labels.putInt(train.labels()[j]);
        }
        Files.write(folder.resolve("y.i32"), labels.array());
        float[] start = new float[p];
        for (int j = 0; j < p; j++) {
            start[j] = (float) v0[j];
        }
        writeFloats(folder.resolve("v0.f32"), start);
        byte[] probeBytes = new byte[signs.size() * p];
        for (int j = 0; j < signs.size(); j++) {
            for (int k = 0; k < p; k++) {
                probeBytes[j * p + k] = (byte) signs.get(j)[k];
            }
        }
        Files.write(folder.resolve("probes.i8"), probeBytes);
        int[] widths = new int[hidden.length + 2];
        widths[0] = train.featureSize();
        System.arraycopy(hidden, 0, widths, 1, hidden.length);
        widths[widths.length - 1] = train.numClasses();
        Files.writeString(folder.resolve("problem.json"), String.format(Locale.ROOT,
                "{\"shapes\": %s, \"examples\": %d, \"parameters\": %d, \"widths\": %s, \"probes\": %d, "
                        + "\"powerIterations\": %d, \"timedProducts\": %d, \"warmupProducts\": %d, \"memoryProducts\": %d}%n",
                shapes, examples, p, Arrays.toString(widths), signs.size(), power, timed, warmup, memory));
    }

    private static void writeFloats(Path file, float[] values) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asFloatBuffer().put(values);
        Files.write(file, buffer.array());
    }

    private static void write(Path file, double[] values) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        buffer.asDoubleBuffer().put(values);
        Files.write(file, buffer.array());
    }

    private static double rssMb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
            }
        }
        return Double.NaN;
    }

    private void parse(String[] args) {
        for (int i = 0; i + 1 < args.length; i += 2) {
            String value = args[i + 1];
            switch (args[i]) {
                case "--folder" -> folder = Path.of(value);
                case "--examples" -> examples = Integer.parseInt(value);
                case "--hidden" -> hidden = Arrays.stream(value.split(",")).mapToInt(Integer::parseInt).toArray();
                case "--timed" -> timed = Integer.parseInt(value);
                case "--power" -> power = Integer.parseInt(value);
                case "--probes" -> probes = Integer.parseInt(value);
                case "--memory" -> memory = Integer.parseInt(value);
                case "--warmup" -> warmup = Integer.parseInt(value);
                case "--seed" -> seed = Long.parseLong(value);
                default -> throw new IllegalArgumentException("unknown option " + args[i] + "; allowed: --folder, "
                        + "--examples, --hidden, --timed, --power, --probes, --memory, --warmup, --seed");
            }
        }
    }

    @Override
    public void stop() {
    }

    /** The API's Hessian operator as the eigensolvers' symmetric operator (both are H v by action). */
    private static SymmetricOperator symmetric(HessianOperator operator) {
        return new SymmetricOperator() {
            @Override
            public int dimension() {
                return operator.dimension();
            }

            @Override
            public void apply(double[] x, double[] y) {
                operator.apply(x, y);
            }
        };
    }
}
