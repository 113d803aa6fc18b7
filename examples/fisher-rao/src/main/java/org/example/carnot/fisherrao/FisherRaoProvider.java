package org.example.carnot.fisherrao;

import carnot.api.analysis.Analysis;
import carnot.api.analysis.AnalysisProvider;
import carnot.api.analysis.AnalysisResult;
import carnot.api.analysis.AnalysisTarget;
import carnot.api.analysis.Split;
import carnot.api.autograd.Autograd;
import carnot.api.autograd.Examples;
import carnot.api.autograd.OutputGradients;
import carnot.api.component.Provider;
import carnot.api.component.Setting;
import carnot.api.component.Settings;
import carnot.api.component.SettingsSchema;
import carnot.api.models.LayerKind;
import carnot.api.models.ModelStructure;
import java.util.Optional;
import org.osgi.service.component.annotations.Component;

/**
 * The Fisher-Rao norm (Liang, Poggio, Rakhlin & Stokes 2019) of a bias-free, positively homogeneous
 * network, from the outputs and the loss gradients with respect to them ({@link FisherRaoMath}), with
 * the identity check through per-example parameter gradients. Built only on Carnot's API: the model's
 * structure says the degree L + 1, the context's autograd gives the derivatives; no DJL.
 *
 * <p>Scalars: {@code fisherRao} (the squared norm), {@code fisherRaoNorm} (its square root),
 * {@code degree} (L + 1), {@code sampleSize}; with {@code identityCheck}, {@code identity}
 * ((1/n) sum_i &lt;theta, d loss_i/d theta&gt;^2) and {@code relativeDifference} between the two.
 */
@Component(service = AnalysisProvider.class, property = Provider.ID + "=fisher-rao")
public final class FisherRaoProvider implements AnalysisProvider {

    private static final SettingsSchema SCHEMA = SettingsSchema.of(
            Setting.integer("sampleSize", 1000, "how many examples: the first n of the split (0 = all)").min(0),
            Setting.choice("split", "train", "the data the norm averages over", "train", "test"),
            Setting.bool("identityCheck", true, "also compute (1/n) sum <theta, grad loss_i>^2 from per-example "
                    + "gradients (one backward pass per example)"));

    @Override
    public String title() {
        return "Fisher-Rao norm";
    }

    @Override
    public String description() {
        return "(L+1)^2 (1/n) sum_i <dl/df, f>^2 for a bias-free positively homogeneous network (Liang et al. "
                + "2019), with the identity check (1/n) sum_i <theta, grad l_i>^2.";
    }

    @Override
    public SettingsSchema settingsSchema() {
        return SCHEMA;
    }

    @Override
    public Optional<String> refusal(Settings settings, AnalysisTarget target) {
        ModelStructure model = target.model();
        String id = target.spec().model().id();
        String need = "fisher-rao needs a bias-free positively homogeneous network; model '" + id + "' ";
        if (!model.biasFree()) {
            return Optional.of(need + "has biases (set model.settings.bias=false)");
        }
        if (model.layers().stream().anyMatch(l -> l.kind() == LayerKind.NORMALIZATION)) {
            return Optional.of(need + "has batch normalization (set model.settings.batchNorm=false)");
        }
        if (!model.positivelyHomogeneous()) {
            return Optional.of(need + "has activation '" + model.activation() + "' (set model.settings.activation="
                    + "\"relu\")");
        }
        return Optional.empty();
    }

    @Override
    public Analysis create(Settings settings) {
        int n = settings.getInt("sampleSize");
        Split split = settings.getString("split").equals("test") ? Split.TEST : Split.TRAIN;
        boolean identityCheck = settings.getBoolean("identityCheck");
        return context -> {
            int degree = context.structure().homogeneityDegree();
            if (degree == 0) {
                throw new IllegalArgumentException("fisher-rao needs a positively homogeneous network");
            }
            Examples examples = Examples.first(context.dataset(split), n);
            if (examples.count() == 0) {
                throw new IllegalArgumentException("the " + split.label() + " split is empty: the Fisher-Rao norm "
                        + "needs at least one example");
            }
            context.monitor().checkCancelled();
            Autograd autograd = context.autograd();
            OutputGradients out = autograd.outputGradients(examples);
            double fisherRao = FisherRaoMath.fromOutputs(degree, out.values(), out.lossGradients(), out.outputs());
            AnalysisResult.Builder result = AnalysisResult.builder().scalar("fisherRao", fisherRao)
                    .scalar("fisherRaoNorm", Math.sqrt(fisherRao)).scalar("degree", degree)
                    .scalar("examples", examples.count());
            if (identityCheck) {
                double[] theta = autograd.parameters();
                double[] along = new double[examples.count()];
                autograd.perExampleGradients(examples, (i, loss, gradient) -> {
                    context.monitor().checkCancelled();
                    along[i - examples.from()] = FisherRaoMath.alongParameters(theta, gradient);
                });
                double identity = FisherRaoMath.meanSquare(along);
                result.scalar("identity", identity).scalar("relativeDifference",
                        Math.abs(identity - fisherRao) / Math.max(Math.abs(fisherRao), Double.MIN_NORMAL));
            }
            return result.build();
        };
    }
}
