package carnot.api.runs;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A sweep folder's status with liveness.
 *
 * @param folder      the sweep folder ({@code runs/<name>/sweep-<time>})
 * @param name        the experiment name
 * @param state       the sweep's own state (lock-aware, like a run's)
 * @param points      points in the sweep
 * @param pointStates how many points are in each state ({@link RunState#PENDING}: no status yet)
 * @param message     what the sweep's status says, e.g. which points failed
 * @param updatedAt   when the sweep's status was last written, if known
 * @param holder      who holds the sweep folder's lock, when someone does
 * @param schedulerState what the scheduler of the executor that runs its points says now, beginning
 *                    with the executor's id, e.g. {@code slurm job 123: 2 PENDING, 2 RUNNING}; empty
 *                    when no scheduler follows it (since 0.1.2)
 */
public record SweepInfo(Path folder, String name, RunState state, int points, Map<RunState, Integer> pointStates,
        String message, Optional<Instant> updatedAt, Optional<LockHolder> holder, Optional<String> schedulerState) {

    /** Absent optional parts become empty; the point counts are copied. */
    public SweepInfo {
        Objects.requireNonNull(folder, "folder");
        Objects.requireNonNull(state, "state");
        name = Objects.requireNonNullElse(name, "");
        EnumMap<RunState, Integer> copy = new EnumMap<>(RunState.class);
        if (pointStates != null) {
            copy.putAll(pointStates);
        }
        pointStates = Collections.unmodifiableMap(copy);
        message = Objects.requireNonNullElse(message, "");
        updatedAt = Objects.requireNonNullElse(updatedAt, Optional.empty());
        holder = Objects.requireNonNullElse(holder, Optional.empty());
        schedulerState = Objects.requireNonNullElse(schedulerState, Optional.<String>empty())
                .filter(text -> !text.isBlank());
    }

    /** A sweep no scheduler follows (the form before 0.1.2). */
    public SweepInfo(Path folder, String name, RunState state, int points, Map<RunState, Integer> pointStates,
            String message, Optional<Instant> updatedAt, Optional<LockHolder> holder) {
        this(folder, name, state, points, pointStates, message, updatedAt, holder, Optional.empty());
    }

    /** Points in {@code state}. */
    public int count(RunState state) {
        return pointStates.getOrDefault(state, 0);
    }
}
