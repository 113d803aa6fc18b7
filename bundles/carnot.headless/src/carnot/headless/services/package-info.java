/** Service lookup for front ends that are not DS components themselves (the command line, the benchmarks). */
@org.osgi.annotation.versioning.Version("0.1.0")
package carnot.headless.services;
