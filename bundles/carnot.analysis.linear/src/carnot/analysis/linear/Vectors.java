package carnot.analysis.linear;

/** Dense vector arithmetic on double arrays. Arguments are never modified. */
public final class Vectors {

    private Vectors() {
    }

    public static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    public static double norm(double[] a) {
        return Math.sqrt(dot(a, a));
    }

    /** The angle between a and b in radians, in [0, pi]; NaN if either is zero. */
    public static double angle(double[] a, double[] b) {
        double cos = dot(a, b) / (norm(a) * norm(b));
        return Math.acos(Math.max(-1, Math.min(1, cos)));
    }
}
