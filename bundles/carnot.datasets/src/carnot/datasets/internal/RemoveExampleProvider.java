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
 * The leave-one-out training set S^{\i}: training example {@code index} removed. The remaining
 * n - 1 examples keep their minibatch slots ({@link Dataset#inSlots}), so with the same seed they
 * are visited in the same batches and order as in S, the batch that held example i being one
 * example short: the matched minibatch orders of leave-one-out stability (Hardt, Recht and Singer
 * 2016; Kuzborskij and Lampert 2018).
 */
@Component(service = PerturbationProvider.class, property = Provider.ID + "=remove-example")
public final class RemoveExampleProvider implements PerturbationProvider {

    private static final SettingsSchema SCHEMA = SettingsSchema.of(
            Setting.integer("index", 0, "training example i to remove").min(0));

    @Override
    public String title() {
        return "Remove one example";
    }

    @Override
    public String description() {
        return "Training example i removed, the others keeping their minibatch slots (leave-one-out stability).";
    }

    @Override
    public SettingsSchema settingsSchema() {
        return SCHEMA;
    }

    @Override
    public DatasetSplits apply(DatasetSplits data, Settings settings, DatasetContext context) throws DatasetException {
        Dataset train = data.train();
        int index = ExampleIndices.check(train, settings.getInt("index"), "index");
        if (train.size() < 2) {
            throw new DatasetException("settings.index: removing the only training example leaves none");
        }
        int[] kept = ExampleIndices.allBut(train.size(), index);
        int[] slotOfExample = ExampleIndices.slots(train);
        int[] slots = new int[kept.length];
        for (int i = 0; i < kept.length; i++) {
            slots[i] = slotOfExample[kept[i]];
        }
        Dataset removed = DerivedDatasets.select(train, "without(" + index + ")", kept, null, train.numClasses())
                .inSlots(slots, train.slotCount());
        return new DatasetSplits(removed, data.test());
    }
}
