package carnot.api.analysis;

import carnot.api.experiment.ExperimentSpec;
import carnot.api.models.ModelStructure;

/**
 * What an analysis may check before training starts: the experiment (model, loss, optimizer,
 * data settings), the structure of the built network and the shape of the data.
 *
 * @param spec         the experiment with every setting filled in
 * @param model        the built network's structure
 * @param exampleShape the shape of one input example
 * @param numClasses   the number of outputs
 * @param trainSize    training examples
 * @param testSize     test examples
 */
public record AnalysisTarget(ExperimentSpec spec, ModelStructure model, int[] exampleShape, int numClasses,
        int trainSize, int testSize) {

    public AnalysisTarget {
        exampleShape = exampleShape.clone();
    }

    @Override
    public int[] exampleShape() {
        return exampleShape.clone();
    }
}
