package carnot.datasets.internal;

import carnot.api.component.Provider;
import carnot.api.component.Setting;
import carnot.api.component.Settings;
import carnot.api.component.SettingsSchema;
import carnot.api.datasets.Dataset;
import carnot.api.datasets.DatasetContext;
import carnot.api.datasets.DatasetException;
import carnot.api.datasets.DatasetProvider;
import carnot.api.datasets.DatasetSplits;
import java.util.Random;
import org.osgi.service.component.annotations.Component;

/**
 * Teacher-student data (Gardner & Derrida 1989; Saad & Solla 1995; the realizable setting of
 * Zhang et al. 2017's discussion): inputs x ~ N(0, I_d), labels argmax_k f*(x)_k of a random
 * fully connected teacher f* with the given hidden widths, activation and no biases. Its weights
 * are W_l ~ N(0, 1/fan_in) (LeCun scaling), drawn from {@code teacherSeed} or, when that is -1,
 * from the experiment's seed; the inputs always from the experiment's seed. A student with the
 * teacher's architecture can fit the labels exactly (Bayes error 0).
 */
@Component(service = DatasetProvider.class, property = Provider.ID + "=teacher-student")
public final class TeacherStudentProvider implements DatasetProvider {

    private static final SettingsSchema SCHEMA = SettingsSchema.of(
            Setting.integer("dimension", 20, "input dimension d").min(1).max(100_000),
            Setting.integerList("hidden", new int[] {32}, "teacher hidden widths; [] = a linear teacher").min(1),
            Setting.choice("activation", "relu", "teacher activation", "relu", "tanh"),
            Setting.integer("classes", 2, "number of classes (teacher outputs)").min(2).max(1000),
            Setting.integer("trainSize", 1000, "training examples").min(1),
            Setting.integer("testSize", 1000, "test examples").min(0),
            Setting.integer("teacherSeed", -1, "seed of the teacher's weights; -1 = the experiment's seed").min(-1));

    @Override
    public String title() {
        return "Teacher-student (random teacher network)";
    }

    @Override
    public String description() {
        return "Gaussian inputs labelled by a random fully connected teacher network (argmax of its outputs): "
                + "realizable data of known complexity.";
    }

    @Override
    public SettingsSchema settingsSchema() {
        return SCHEMA;
    }

    @Override
    public DatasetSplits load(Settings settings, DatasetContext context) throws DatasetException {
        int d = settings.getInt("dimension");
        DatasetSizes.requireFits("teacher-student", settings, d, "dimension");
        int k = settings.getInt("classes");
        int[] hidden = settings.getIntList("hidden");
        long teacherSeed = settings.getInt("teacherSeed") == -1 ? context.seed() : settings.getInt("teacherSeed");
        Teacher teacher = Teacher.random(d, hidden, k, settings.getString("activation"), new Random(teacherSeed));
        Random inputs = new Random(context.seed() ^ 0x5DEECE66DL);
        String name = "teacher-student(d=" + d + ",hidden=" + java.util.Arrays.toString(hidden) + ",K=" + k + ")";
        return new DatasetSplits(sample(name + "/train", teacher, settings.getInt("trainSize"), inputs),
                sample(name + "/test", teacher, settings.getInt("testSize"), inputs));
    }

    private static Dataset sample(String name, Teacher teacher, int n, Random random) {
        int d = teacher.inputDimension();
        float[] x = new float[n * d];
        int[] y = new int[n];
        double[] example = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                x[i * d + j] = (float) random.nextGaussian();
                example[j] = x[i * d + j];
            }
            y[i] = teacher.label(example);
        }
        return Dataset.of(name, new int[] {d}, teacher.classes(), x, y);
    }

    /**
     * A bias-free fully connected network: {@code weights[l]} is the (out x in) matrix of layer l;
     * the activation follows every layer but the last.
     */
    record Teacher(double[][][] weights, String activation) {

        static Teacher random(int d, int[] hidden, int classes, String activation, Random random) {
            double[][][] weights = new double[hidden.length + 1][][];
            int in = d;
            for (int l = 0; l <= hidden.length; l++) {
                int out = l < hidden.length ? hidden[l] : classes;
                double scale = 1 / Math.sqrt(in);
                weights[l] = new double[out][in];
                for (double[] row : weights[l]) {
                    for (int j = 0; j < in; j++) {
                        row[j] = scale * random.nextGaussian();
                    }
                }
                in = out;
            }
            return new Teacher(weights, activation);
        }

        int inputDimension() {
            return weights[0][0].length;
        }

        int classes() {
            return weights[weights.length - 1].length;
        }

        double[] outputs(double[] x) {
            double[] h = x;
            for (int l = 0; l < weights.length; l++) {
                double[] next = new double[weights[l].length];
                for (int o = 0; o < next.length; o++) {
                    double sum = 0;
                    for (int j = 0; j < h.length; j++) {
                        sum += weights[l][o][j] * h[j];
                    }
                    boolean last = l == weights.length - 1;
                    next[o] = last ? sum : activation.equals("relu") ? Math.max(0, sum) : Math.tanh(sum);
                }
                h = next;
            }
            return h;
        }

        /** argmax of the outputs, the smallest index on ties. */
        int label(double[] x) {
            double[] out = outputs(x);
            int best = 0;
            for (int k = 1; k < out.length; k++) {
                if (out[k] > out[best]) {
                    best = k;
                }
            }
            return best;
        }
    }
}
