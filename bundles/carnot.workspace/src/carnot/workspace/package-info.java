/** Experiment files (JSON) and run folders in a workspace, written atomically. */
@org.osgi.annotation.versioning.Version("0.1.1")
package carnot.workspace;
