/**
 * Studies over families of runs: replace-one / leave-one-out stability (Hardt, Recht and Singer
 * 2016) and the bias-variance decomposition over resampled training sets. Each study is a DS
 * service; its runs are ordinary run folders of the workspace, its summary a JSON and CSV file under
 * {@code <workspace>/studies/}.
 */
@org.osgi.annotation.versioning.Version("0.1.1")
package carnot.studies;
