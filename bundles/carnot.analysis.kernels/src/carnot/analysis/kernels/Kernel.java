package carnot.analysis.kernels;

/**
 * Positive-definite kernels on R^d with a length scale l.
 * <ul>
 * <li>{@link #RBF}: k(x, y) = exp(-||x - y||^2 / (2 l^2));</li>
 * <li>{@link #LAPLACE}: k(x, y) = exp(-||x - y|| / l) (Belkin, Ma and Mandal 2018 use it for
 * interpolation);</li>
 * <li>{@link #ARC_COSINE}: the degree-1 arc-cosine kernel of Cho and Saul (2009, eq. 6),
 * k(x, y) = (1/pi) ||x|| ||y|| (sin t + (pi - t) cos t), t the angle between x and y: the kernel
 * of an infinitely wide one-hidden-layer ReLU network with Gaussian weights; no length scale.</li>
 * </ul>
 */
public enum Kernel {
    RBF("rbf"), LAPLACE("laplace"), ARC_COSINE("arc-cosine");

    private final String id;

    Kernel(String id) {
        this.id = id;
    }

    /** The name used in settings and results. */
    public String id() {
        return id;
    }

    /** The kernel named {@code id}. */
    public static Kernel of(String id) {
        for (Kernel kernel : values()) {
            if (kernel.id.equals(id)) {
                return kernel;
            }
        }
        throw new IllegalArgumentException("unknown kernel '" + id + "'; known: rbf, laplace, arc-cosine");
    }

    /**
     * k(x, y) from the squared norms and the inner product, so that a Gram matrix costs one
     * matrix product.
     *
     * @param xx    ||x||^2
     * @param yy    ||y||^2
     * @param xy    x.y
     * @param scale the length scale l (ignored by the arc-cosine kernel)
     */
    public double value(double xx, double yy, double xy, double scale) {
        return switch (this) {
            case RBF -> Math.exp(-Math.max(0, xx + yy - 2 * xy) / (2 * scale * scale));
            case LAPLACE -> Math.exp(-Math.sqrt(Math.max(0, xx + yy - 2 * xy)) / scale);
            case ARC_COSINE -> {
                double norms = Math.sqrt(xx * yy);
                if (norms == 0) {
                    yield 0;
                }
                double cos = Math.max(-1, Math.min(1, xy / norms));
                double t = Math.acos(cos);
                yield norms / Math.PI * (Math.sin(t) + (Math.PI - t) * cos);
            }
        };
    }
}
