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
import org.osgi.service.component.annotations.Component;

/**
 * The neighbouring training set S^(i) of replace-one stability (Hardt, Recht and Singer 2016,
 * Section 2): training example {@code index} replaced by another example z'_i, in place, so the
 * minibatch order (a function of the seed and n) is the same as on S. With {@code source = test}
 * z'_i is test example {@code replacement}, a fresh draw from the distribution, and it leaves the
 * test split (which then holds only examples the network never trained on); with
 * {@code source = train} it is training example {@code replacement} of S itself (the same index
 * leaves S unchanged: the null pair).
 */
@Component(service = PerturbationProvider.class, property = Provider.ID + "=replace-example")
public final class ReplaceExampleProvider implements PerturbationProvider {

    private static final SettingsSchema SCHEMA = SettingsSchema.of(
            Setting.integer("index", 0, "training example i to replace").min(0),
            Setting.choice("source", "test", "where z'_i comes from", "test", "train"),
            Setting.integer("replacement", 0, "index of z'_i in the source split").min(0));

    @Override
    public String title() {
        return "Replace one example";
    }

    @Override
    public String description() {
        return "Training example i replaced in place by a test (fresh) or training example: S^(i) of replace-one "
                + "stability (Hardt, Recht & Singer 2016).";
    }

    @Override
    public SettingsSchema settingsSchema() {
        return SCHEMA;
    }

    @Override
    public DatasetSplits apply(DatasetSplits data, Settings settings, DatasetContext context) throws DatasetException {
        Dataset train = data.train();
        int index = ExampleIndices.check(train, settings.getInt("index"), "index");
        boolean fromTest = settings.getString("source").equals("test");
        Dataset source = fromTest ? data.test() : train;
        int replacement = ExampleIndices.check(source, settings.getInt("replacement"), "replacement");
        int d = train.featureSize();
        float[] features = train.features().clone();
        int[] labels = train.labels().clone();
        System.arraycopy(source.features(), replacement * d, features, index * d, d);
        labels[index] = source.labels()[replacement];
        String step = "replace(" + index + "<-" + (fromTest ? "test" : "train") + "[" + replacement + "])";
        Dataset replaced = ExampleIndices.keepSlots(train,
                DerivedDatasets.derive(train, step, features, labels, train.numClasses()));
        Dataset test = fromTest ? DerivedDatasets.select(data.test(), "without(" + replacement + ")",
                ExampleIndices.allBut(data.test().size(), replacement), null, data.test().numClasses()) : data.test();
        return new DatasetSplits(replaced, test);
    }
}
