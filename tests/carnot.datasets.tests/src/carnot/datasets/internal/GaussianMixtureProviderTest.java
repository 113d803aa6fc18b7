package carnot.datasets.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import carnot.api.component.ProgressMonitor;
import carnot.api.datasets.Dataset;
import carnot.api.datasets.DatasetContext;
import carnot.api.datasets.DatasetSplits;
import java.util.Map;
import org.junit.jupiter.api.Test;

class GaussianMixtureProviderTest {

    /**
     * Statistical check with a fixed seed: with d = 50 and sigma = 1 the within-class scatter of
     * x - mu_y has mean squared norm d * sigma^2 = 50, and the class means have norm separation/2.
     */
    @Test
    void classMeansAndNoiseHaveTheSpecifiedScale() throws Exception {
        GaussianMixtureProvider provider = new GaussianMixtureProvider();
        DatasetSplits splits = provider.load(provider.settingsSchema().validate(Map.of("classes", 2, "dimension", 50,
                "trainSize", 20000, "testSize", 10, "separation", 6.0), "d"), new DatasetContext(9, ProgressMonitor.NONE));
        Dataset train = splits.train();
        int d = 50;
        double[][] sums = new double[2][d];
        int[] counts = new int[2];
        for (int i = 0; i < train.size(); i++) {
            int y = train.labels()[i];
            counts[y]++;
            for (int j = 0; j < d; j++) {
                sums[y][j] += train.features()[i * d + j];
            }
        }
        for (int k = 0; k < 2; k++) {
            double norm = 0;
            for (int j = 0; j < d; j++) {
                double mean = sums[k][j] / counts[k];
                norm += mean * mean;
            }
            // The estimate of ||mu||^2 is biased up by d sigma^2 / n_k (about 0.005).
            assertEquals(9.0, norm, 0.1, "||mu_" + k + "||^2 = (separation/2)^2");
            assertEquals(10000, counts[k], 300, "labels are uniform");
        }
        DatasetSplits again = provider.load(provider.settingsSchema().validate(Map.of("classes", 2, "dimension", 50,
                "trainSize", 20000, "testSize", 10, "separation", 6.0), "d"), new DatasetContext(9, ProgressMonitor.NONE));
        assertEquals(train.sha256(), again.train().sha256(), "the seed fixes the data");
    }
}
