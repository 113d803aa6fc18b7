package carnot.curvature.linalg;

/** A symmetric linear map {@code y = A x} on {@code R^n}, given only by its action. */
public interface SymmetricOperator {

    /** The dimension n. */
    int dimension();

    /**
     * Computes {@code y = A x}.
     *
     * @param x not modified, length n
     * @param y overwritten, length n, not the same array as x
     */
    void apply(double[] x, double[] y);
}
