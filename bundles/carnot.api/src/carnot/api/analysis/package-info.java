/**
 * Analyses: measurements of a network during or after training (norms, margins, curvature,
 * landscapes, kernels, bounds). A DS service {@link carnot.api.analysis.AnalysisProvider} with a
 * stable {@code carnot.id} declares its settings and its memory need
 * ({@link carnot.api.analysis.AnalysisMemory}), may refuse a model it does not apply to before
 * training ({@link carnot.api.analysis.AnalysisTarget}), and creates an
 * {@link carnot.api.analysis.Analysis} that reads an {@link carnot.api.analysis.AnalysisContext} at
 * the epochs its schedule names and returns an {@link carnot.api.analysis.AnalysisResult} of
 * scalars, series and histograms. Analyses never change the weights they are shown.
 */
@org.osgi.annotation.versioning.Version("0.3.0")
package carnot.api.analysis;
