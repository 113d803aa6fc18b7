/**
 * Carnot's testkit: {@link carnot.testkit.AnalysisConformance} checks an analysis provider against
 * the contract of {@code carnot.api.analysis} on a tiny model trained by the real engine, the way
 * JUnit's EngineTestKit lets third parties check their test engines.
 */
@org.osgi.annotation.versioning.Version("0.2.0")
package carnot.testkit;
