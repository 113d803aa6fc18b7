/**
 * The experiment model: an experiment is data, never code ({@link carnot.api.experiment.ExperimentSpec},
 * built with {@link carnot.api.experiment.ExperimentSpec#builder(String)}), naming its components by
 * id with their settings, how it trains ({@link carnot.api.experiment.TrainingSpec}) and which
 * analyses run when ({@link carnot.api.experiment.AnalysisSpec}). An
 * {@link carnot.api.experiment.ExperimentRunner} resolves it into a
 * {@link carnot.api.experiment.PreparedRun}, which reports what happens as
 * {@link carnot.api.experiment.RunEvent}s to a {@link carnot.api.experiment.RunListener}; memory and
 * checkpoint estimates are said before anything trains.
 */
@org.osgi.annotation.versioning.Version("0.2.0")
package carnot.api.experiment;
