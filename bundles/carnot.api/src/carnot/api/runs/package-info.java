/**
 * Carnot's run API: one service ({@link carnot.api.runs.RunService}) that starts, resumes, cancels,
 * re-analyzes and reports runs for every front end; the run-folder reader
 * ({@link carnot.api.runs.RunFolder}); the liveness-aware {@link carnot.api.runs.RunState}; and the
 * executor SPI ({@link carnot.api.runs.Executor}), a component kind of its own.
 *
 * <p>The folder protocol every executor follows: a run (or sweep point) lives in one folder of the
 * workspace; whoever trains or analyzes in it holds the folder's OS-level lock for as long as it
 * writes; {@code status.json} says where the run is and the lock says whether anyone is still at
 * work, so a folder whose status says running but whose lock is free was interrupted and can be
 * resumed from its last saved epoch. A point that runs in another process (or on another machine
 * sharing the workspace folder) is told its folder and its experiment file ({@code point.json}) and
 * follows the same protocol; the process that started it follows it by reading the folder.
 */
@org.osgi.annotation.versioning.Version("0.1.2")
package carnot.api.runs;
