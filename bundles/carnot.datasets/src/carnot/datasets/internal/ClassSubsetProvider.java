package carnot.datasets.internal;

import carnot.api.component.Provider;
import carnot.api.component.Setting;
import carnot.api.component.Settings;
import carnot.api.component.SettingsSchema;
import carnot.api.datasets.Dataset;
import carnot.api.datasets.DatasetContext;
import carnot.api.datasets.DatasetException;
import carnot.api.datasets.DatasetSplits;
import carnot.api.datasets.PerturbationProvider;
import java.util.Arrays;
import java.util.stream.IntStream;
import org.osgi.service.component.annotations.Component;

/**
 * Keeps the examples of the listed classes, in train and test, relabelled 0..k-1 in the order
 * listed: {@code [3, 5]} makes the binary task "3 (label 0) versus 5 (label 1)", for the binary
 * logistic and exponential losses of the implicit-bias experiments (Soudry et al. 2018).
 */
@Component(service = PerturbationProvider.class, property = Provider.ID + "=class-subset")
public final class ClassSubsetProvider implements PerturbationProvider {

    private static final SettingsSchema SCHEMA = SettingsSchema.of(
            Setting.integerList("classes", new int[] {0, 1}, "classes to keep, relabelled 0..k-1 in this order")
                    .min(0));

    @Override
    public String title() {
        return "Class subset";
    }

    @Override
    public String description() {
        return "Keeps the listed classes (train and test), relabelled 0..k-1 in the order listed.";
    }

    @Override
    public SettingsSchema settingsSchema() {
        return SCHEMA;
    }

    @Override
    public DatasetSplits apply(DatasetSplits data, Settings settings, DatasetContext context) throws DatasetException {
        int[] classes = settings.getIntList("classes");
        int k = data.train().numClasses();
        if (classes.length == 0) {
            throw new DatasetException("settings.classes: expected at least one class in [0, " + k + ")");
        }
        int[] relabel = new int[k];
        Arrays.fill(relabel, -1);
        for (int i = 0; i < classes.length; i++) {
            if (classes[i] >= k) {
                throw new DatasetException("settings.classes[" + i + "]: expected a class in [0, " + k + "), got "
                        + classes[i]);
            }
            if (relabel[classes[i]] >= 0) {
                throw new DatasetException("settings.classes[" + i + "]: class " + classes[i] + " is listed twice");
            }
            relabel[classes[i]] = i;
        }
        String step = "class-subset" + Arrays.toString(classes).replace(" ", "");
        return new DatasetSplits(keep(data.train(), relabel, classes.length, step),
                keep(data.test(), relabel, classes.length, step));
    }

    private static Dataset keep(Dataset base, int[] relabel, int k, String step) {
        int[] labels = base.labels();
        int[] indices = IntStream.range(0, base.size()).filter(i -> relabel[labels[i]] >= 0).toArray();
        int[] newLabels = Arrays.stream(indices).map(i -> relabel[labels[i]]).toArray();
        return DerivedDatasets.select(base, step, indices, newLabels, k);
    }
}
