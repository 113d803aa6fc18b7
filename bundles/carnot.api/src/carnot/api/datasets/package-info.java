/**
 * Data: a {@link carnot.api.datasets.DatasetProvider} loads the training and test splits
 * ({@link carnot.api.datasets.DatasetSplits}) of a classification task, seeded by the experiment;
 * a {@link carnot.api.datasets.PerturbationProvider} derives data from data (label noise, random
 * pixels, removed examples: Zhang et al. 2017; Hardt, Recht &amp; Singer 2016). Bad files and
 * settings are refused with a {@link carnot.api.datasets.DatasetException} naming them.
 */
@org.osgi.annotation.versioning.Version("0.2.0")
package carnot.api.datasets;
