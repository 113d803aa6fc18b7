/**
 * Statistics of a family of trained networks as Jiang, Neyshabur, Mobahi, Krishnan and Bengio,
 * "Fantastic Generalization Measures and Where to Find Them" (ICLR 2020), define them: Kendall's
 * rank correlation between a measure and the generalization gap ({@link KendallTau}), its granulated
 * form per hyper-parameter axis ({@link GranulatedKendall}), the robust conditional mutual
 * information between the signs of their differences ({@link ConditionalMutualInformation}), and
 * percentile bootstrap intervals over the runs ({@link Bootstrap}).
 *
 * <p>Every class is stateless, in the style of EJML's {@code *Ops}: arrays passed in are never
 * modified; the formula and the paper are in each method's Javadoc. Means and sample standard
 * deviations over seeds are {@code carnot.workspace.SampleStatistics}: this package does not
 * repeat them.
 */
@org.osgi.annotation.versioning.Version("0.1.0")
package carnot.studies.statistics;
