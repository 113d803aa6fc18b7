package carnot.api.analysis;

/**
 * A network's outputs, mean loss and 0-1 error on the examples evaluated, as
 * {@link AnalysisContext#evaluate} computes them: the loss function only, without regularizer
 * penalties; the predicted class is the first largest output.
 *
 * @param predictions the outputs and labels of the examples evaluated
 * @param meanLoss    the mean per-example loss (NaN when there are no examples)
 * @param error       the fraction misclassified (NaN when there are no examples)
 */
public record EvaluationResult(Predictions predictions, double meanLoss, double error) {
}
