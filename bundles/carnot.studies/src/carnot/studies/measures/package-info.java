/**
 * The measure study of Jiang, Neyshabur, Mobahi, Krishnan and Bengio (ICLR 2020) on a Carnot sweep:
 * which of the scalars the runs' analyses recorded tracks the generalization gap, over all runs and
 * along each hyper-parameter axis, and whether it still does once the hyper-parameters that cause
 * both are conditioned on. a sweep folder is read into a {@link MeasureTable} (by the bundle's internal MeasureTables),
 * {@link MeasureStatistics} computes the statistics of {@code carnot.studies.statistics} for every
 * measure, and {@link MeasureStudyRecords} writes and reads a study folder: the reader API of the
 * workbench and the report.
 */
@org.osgi.annotation.versioning.Version("0.2.0")
package carnot.studies.measures;
