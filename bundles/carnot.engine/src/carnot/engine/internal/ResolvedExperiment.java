package carnot.engine.internal;

import carnot.api.datasets.DatasetProvider;
import carnot.api.datasets.DatasetSplits;
import carnot.api.experiment.AnalysisSpec;
import carnot.api.experiment.ComponentSpec;
import carnot.api.experiment.ExperimentSpec;
import carnot.api.losses.LossProvider;
import carnot.api.models.ArchitectureProvider;
import carnot.api.optim.OptimizerProvider;
import carnot.api.regularizers.RegularizerProvider;
import carnot.engine.internal.DefaultExperimentRunner.AppliedPerturbation;
import carnot.engine.internal.DefaultExperimentRunner.Resolved;
import carnot.engine.internal.DefaultExperimentRunner.ScheduledAnalysis;
import java.util.List;

/**
 * An experiment after the runner resolved it: every component found with its settings validated,
 * the data loaded and perturbed, the validation split held out. What a {@link TrainingRun} is built
 * from; nothing here holds native memory.
 *
 * @param spec          the experiment as written
 * @param dataset       the dataset provider
 * @param loaded        the splits as the dataset loaded them, before perturbations
 * @param perturbations the perturbations applied, in order, with their seeds and results
 * @param model         the architecture provider
 * @param optimizer     the optimizer provider
 * @param loss          the loss provider
 * @param regularizers  the explicit regularizers
 * @param analyses      the analyses with their schedules
 * @param splits        the splits the run trains and evaluates on (the training split without the
 *                      validation examples when early stopping holds them out)
 * @param validation    the held-out validation split of early stopping, or null
 */
record ResolvedExperiment(ExperimentSpec spec, Resolved<DatasetProvider> dataset, DatasetSplits loaded,
        List<AppliedPerturbation> perturbations, Resolved<ArchitectureProvider> model,
        Resolved<OptimizerProvider> optimizer, Resolved<LossProvider> loss,
        List<Resolved<RegularizerProvider>> regularizers, List<ScheduledAnalysis> analyses, DatasetSplits splits,
        ValidationSplit validation) {

    ResolvedExperiment {
        perturbations = List.copyOf(perturbations);
        regularizers = List.copyOf(regularizers);
        analyses = List.copyOf(analyses);
    }

    /** The experiment with every component's settings completed by its defaults: what the run folder records. */
    ExperimentSpec resolvedSpec() {
        List<ComponentSpec> regularizerSpecs = regularizers.stream().map(Resolved::spec).toList();
        return spec.toBuilder().format(ExperimentSpec.FORMAT).dataset(dataset.spec())
                .perturbations(perturbations.stream().map(a -> a.resolved().spec()).toList())
                .model(model.spec()).optimizer(optimizer.spec()).loss(loss.spec()).regularizers(regularizerSpecs)
                .analyses(analyses.stream().map(a -> new AnalysisSpec(a.spec().id(), a.resolved().settings().asMap(),
                        a.spec().every(), a.spec().atInit())).toList())
                .build();
    }
}
