package carnot.analysis.curvature.internal;

import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import carnot.api.autograd.AutogradFactory;
import carnot.api.autograd.Examples;
import carnot.api.component.ProgressMonitor;
import carnot.api.datasets.Dataset;
import carnot.api.losses.LossFunction;
import carnot.curvature.EigenRequest;
import carnot.curvature.Eigenpairs;
import carnot.curvature.HessianEigenvectors;
import carnot.curvature.linalg.Lanczos;
import carnot.curvature.linalg.Vectors;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@link HessianEigenvectors} by {@link Lanczos#top} on {@link LossHessian}, through the API's autograd. */
@Component(service = HessianEigenvectors.class)
public final class LanczosHessianEigenvectors implements HessianEigenvectors {

    @Reference
    private AutogradFactory autograd;

    /** For DS. */
    public LanczosHessianEigenvectors() {
    }

    /** With the autograd given (tests and benchmarks outside DS). */
    public LanczosHessianEigenvectors(AutogradFactory autograd) {
        this.autograd = autograd;
    }

    @Override
    public Eigenpairs top(Block model, LossFunction loss, Dataset data, EigenRequest request, ProgressMonitor monitor) {
        NDManager owner = null;
        for (Pair<String, Parameter> entry : model.getParameters()) {
            owner = entry.getValue().getArray().getManager();
            break;
        }
        if (owner == null) {
            throw new IllegalArgumentException("the network has no parameters");
        }
        try (LossHessian hessian = new LossHessian(autograd.open(model, loss, request.parameters(), request.chunkSize(),
                owner), Examples.first(data, request.maxExamples()), true)) {
            double[] start = Vectors.gaussian(hessian.dimension(), new SplittableRandom(request.seed()));
            Lanczos.TopEigenpairs pairs = Lanczos.top(hessian, request.k(), request.maxIterations(),
                    request.tolerance(), start, monitor);
            List<Map<String, float[]>> vectors = new ArrayList<>();
            for (double[] u : pairs.vectors()) {
                vectors.add(hessian.split(u));
            }
            return new Eigenpairs(pairs.values(), vectors, pairs.residuals(), pairs.products());
        }
    }
}
