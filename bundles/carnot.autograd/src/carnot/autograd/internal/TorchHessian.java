package carnot.autograd.internal;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDScope;
import carnot.api.autograd.Examples;
import carnot.api.autograd.HessianOperator;
import java.util.Arrays;

/**
 * The Hessian of the mean loss over fixed examples at fixed (copied) parameter values. With one
 * chunk the first derivative and its graph are built once and every product reuses them (one
 * backward each); with several, each product recomputes forward and gradient per chunk,
 * {@code H = sum_c (n_c / n) H_c}, as PyHessian averages over batches.
 */
final class TorchHessian implements HessianOperator {

    private final TorchAutograd owner;
    private final ParameterCopies at;
    private final Examples examples;
    private final int chunkSize;
    private NDList cachedGradient;
    private long products;
    private boolean closed;

    TorchHessian(TorchAutograd owner, ParameterCopies at, Examples examples, int chunkSize) {
        this.owner = owner;
        this.at = at;
        this.examples = examples;
        this.chunkSize = chunkSize;
    }

    @Override
    public int dimension() {
        return at.dimension();
    }

    @Override
    public void apply(double[] v, double[] out) {
        if (closed) {
            throw new IllegalStateException("the Hessian operator is closed");
        }
        Arrays.fill(out, 0);
        int end = examples.from() + examples.count();
        TorchAutograd.withGradMode(true, () -> {
            if (examples.count() <= chunkSize) {
                try (NDScope scope = new NDScope()) {
                    if (cachedGradient == null) {
                        cachedGradient = owner.firstDerivative(at, examples, examples.from(), examples.count());
                        NDScope.unregister(cachedGradient);
                    }
                    at.accumulate(owner.hessianTimes(at, cachedGradient, v), 1, out);
                }
            } else {
                for (int from = examples.from(); from < end; from += chunkSize) {
                    int count = Math.min(chunkSize, end - from);
                    try (NDScope scope = new NDScope()) {
                        NDList g = owner.firstDerivative(at, examples, from, count);
                        at.accumulate(owner.hessianTimes(at, g, v), (double) count / examples.count(), out);
                    }
                }
            }
            return null;
        });
        products++;
    }

    @Override
    public long products() {
        return products;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (cachedGradient != null) {
            cachedGradient.close();
            cachedGradient = null;
        }
        at.close();
        owner.forget(this);
    }
}
