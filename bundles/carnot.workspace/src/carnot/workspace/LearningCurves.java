package carnot.workspace;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Power-law learning curves (P10): test error against training-set size n, fitted as
 * {@code err(n) = a * n^b} by ordinary least squares on {@code (log n, log err)} over every
 * completed (point, seed), the form of Hestness et al. (2017), "Deep learning scaling is
 * predictable, empirically" (their {@code eps(m) = alpha * m^beta_g}, {@code beta_g < 0}).
 *
 * <p>The 95% confidence interval of the exponent is {@code b +- t_{0.975, m-2} * se(b)} with
 * {@code se(b) = sqrt(s^2 / Sxx)}, {@code s^2 = RSS / (m - 2)}, the textbook interval for a simple
 * linear regression slope under Gaussian residuals (e.g. Wasserman, All of Statistics, 13.1).
 * A sweep "varies n" when the recorded training-set size differs between cells that agree on
 * every other axis; one curve is fitted per combination of the other axes, when it has at least
 * three distinct n and three points with positive error.
 */
public final class LearningCurves {

    private LearningCurves() {
    }

    /**
     * One fitted curve.
     *
     * @param group       values of the axes that do not change n (empty if none)
     * @param metric      the fitted metric ({@code testError})
     * @param points      number of (n, error) pairs fitted
     * @param sizes       the distinct n
     * @param coefficient a
     * @param exponent    b (negative when error falls with n)
     * @param exponentLow lower end of the 95% interval of b
     * @param exponentHigh upper end of the 95% interval of b
     * @param standardError se(b)
     * @param r2          coefficient of determination in log-log space
     */
    public record PowerLaw(Map<String, JsonNode> group, String metric, int points, List<Integer> sizes,
            double coefficient, double exponent, double exponentLow, double exponentHigh, double standardError,
            double r2) {
    }

    /** Fits y = a x^b on positive pairs; null when fewer than 3 pairs or fewer than 2 distinct x. */
    public static PowerLaw fit(double[] x, double[] y, Map<String, JsonNode> group, String metric) {
        List<double[]> pairs = new ArrayList<>();
        TreeSet<Integer> sizes = new TreeSet<>();
        for (int i = 0; i < x.length; i++) {
            if (x[i] > 0 && y[i] > 0 && Double.isFinite(y[i])) {
                pairs.add(new double[] {Math.log(x[i]), Math.log(y[i])});
                sizes.add((int) Math.round(x[i]));
            }
        }
        int m = pairs.size();
        if (m < 3 || sizes.size() < 2) {
            return null;
        }
        double mx = 0;
        double my = 0;
        for (double[] p : pairs) {
            mx += p[0];
            my += p[1];
        }
        mx /= m;
        my /= m;
        double sxx = 0;
        double sxy = 0;
        double syy = 0;
        for (double[] p : pairs) {
            sxx += (p[0] - mx) * (p[0] - mx);
            sxy += (p[0] - mx) * (p[1] - my);
            syy += (p[1] - my) * (p[1] - my);
        }
        double b = sxy / sxx;
        double intercept = my - b * mx;
        double rss = 0;
        for (double[] p : pairs) {
            double r = p[1] - intercept - b * p[0];
            rss += r * r;
        }
        double se = Math.sqrt(rss / (m - 2) / sxx);
        double t = studentTQuantile(0.975, m - 2);
        double r2 = syy == 0 ? 1.0 : 1 - rss / syy;
        return new PowerLaw(group, metric, m, List.copyOf(sizes), Math.exp(intercept), b, b - t * se, b + t * se, se,
                r2);
    }

    /** The learning curves of a sweep that varies n (empty if it does not). */
    public static List<PowerLaw> fits(Sweeps.Plan plan, List<SweepRecords.Cell> cells) {
        List<String> other = new ArrayList<>();
        boolean variesN = false;
        for (Sweeps.Axis axis : plan.axes()) {
            if (changesN(axis.path(), cells)) {
                variesN = true;
            } else {
                other.add(axis.path());
            }
        }
        List<PowerLaw> fits = new ArrayList<>();
        if (!variesN) {
            return fits;
        }
        Map<Map<String, JsonNode>, List<double[]>> groups = new LinkedHashMap<>();
        for (SweepRecords.Cell cell : cells) {
            Map<String, JsonNode> key = new LinkedHashMap<>();
            other.forEach(path -> key.put(path, cell.values().get(path)));
            for (SweepRecords.PointResult r : cell.points()) {
                Double error = r.finals().get("testError");
                if ("completed".equals(r.status()) && error != null && r.trainSize() > 0) {
                    groups.computeIfAbsent(key, k -> new ArrayList<>()).add(new double[] {r.trainSize(), error});
                }
            }
        }
        groups.forEach((group, pairs) -> {
            double[] x = pairs.stream().mapToDouble(p -> p[0]).toArray();
            double[] y = pairs.stream().mapToDouble(p -> p[1]).toArray();
            if (pairs.stream().mapToDouble(p -> p[0]).distinct().count() >= 3) {
                PowerLaw fit = fit(x, y, group, "testError");
                if (fit != null) {
                    fits.add(fit);
                }
            }
        });
        return fits;
    }

    /** Whether cells that agree on every axis but {@code path} record different training-set sizes. */
    private static boolean changesN(String path, List<SweepRecords.Cell> cells) {
        Map<Map<String, JsonNode>, TreeSet<Integer>> sizes = new LinkedHashMap<>();
        for (SweepRecords.Cell cell : cells) {
            Map<String, JsonNode> rest = new LinkedHashMap<>(cell.values());
            rest.remove(path);
            int n = cell.points().get(0).trainSize();
            for (SweepRecords.PointResult r : cell.points()) {
                n = Math.max(n, r.trainSize());
            }
            if (n > 0) {
                sizes.computeIfAbsent(rest, k -> new TreeSet<>()).add(n);
            }
        }
        return sizes.values().stream().anyMatch(s -> s.size() > 1);
    }

    /**
     * The p-quantile of Student's t distribution with {@code nu} degrees of freedom, by bisection on
     * the CDF {@code F(t) = 1 - I_{nu/(nu+t^2)}(nu/2, 1/2) / 2} for t >= 0 (Abramowitz & Stegun 26.7.1).
     */
    public static double studentTQuantile(double p, int nu) {
        if (p == 0.5) {
            return 0;
        }
        if (p < 0.5) {
            return -studentTQuantile(1 - p, nu);
        }
        double lo = 0;
        double hi = 1;
        while (studentTCdf(hi, nu) < p) {
            hi *= 2;
        }
        for (int i = 0; i < 200 && hi - lo > 1e-12 * hi; i++) {
            double mid = 0.5 * (lo + hi);
            if (studentTCdf(mid, nu) < p) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return 0.5 * (lo + hi);
    }

    /** Student's t CDF. */
    public static double studentTCdf(double t, int nu) {
        double tail = 0.5 * regularizedIncompleteBeta(nu / (nu + t * t), nu / 2.0, 0.5);
        return t >= 0 ? 1 - tail : tail;
    }

    /**
     * {@code I_x(a, b)} by its continued fraction (modified Lentz), using the symmetry
     * {@code I_x(a,b) = 1 - I_{1-x}(b,a)} where the fraction converges slowly (Numerical Recipes 6.4).
     */
    public static double regularizedIncompleteBeta(double x, double a, double b) {
        if (x <= 0) {
            return 0;
        }
        if (x >= 1) {
            return 1;
        }
        double front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
        if (x < (a + 1) / (a + b + 2)) {
            return front * betaFraction(x, a, b) / a;
        }
        return 1 - front * betaFraction(1 - x, b, a) / b;
    }

    private static double betaFraction(double x, double a, double b) {
        double tiny = 1e-300;
        double c = 1;
        double d = 1 - (a + b) * x / (a + 1);
        d = 1 / (Math.abs(d) < tiny ? tiny : d);
        double h = d;
        for (int m = 1; m <= 10_000; m++) {
            int m2 = 2 * m;
            double aa = m * (b - m) * x / ((a + m2 - 1) * (a + m2));
            d = 1 + aa * d;
            d = 1 / (Math.abs(d) < tiny ? tiny : d);
            c = 1 + aa / c;
            c = Math.abs(c) < tiny ? tiny : c;
            h *= d * c;
            aa = -(a + m) * (a + b + m) * x / ((a + m2) * (a + m2 + 1));
            d = 1 + aa * d;
            d = 1 / (Math.abs(d) < tiny ? tiny : d);
            c = 1 + aa / c;
            c = Math.abs(c) < tiny ? tiny : c;
            double delta = d * c;
            h *= delta;
            if (Math.abs(delta - 1) < 1e-15) {
                break;
            }
        }
        return h;
    }

    /** log Gamma(x) for x > 0, Lanczos approximation (g = 7, n = 9), about 15 significant digits. */
    static double logGamma(double x) {
        double[] c = {0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313,
            -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
            1.5056327351493116e-7};
        if (x < 0.5) {
            return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
        }
        x -= 1;
        double sum = c[0];
        double t = x + 7.5;
        for (int i = 1; i < 9; i++) {
            sum += c[i] / (x + i);
        }
        return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(sum);
    }
}
