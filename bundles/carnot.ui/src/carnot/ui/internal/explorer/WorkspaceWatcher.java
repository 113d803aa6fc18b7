package carnot.ui.internal.explorer;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Calls back when anything changes in the folders the explorer shows: the workspace and its
 * sub-folders down to {@link WorkspaceTree#MAX_DEPTH}, {@code runs/}, each experiment's run
 * folder and each run folder (where {@code status.json} changes while a run goes on). Java's
 * {@link WatchService} watches one folder per key, so folders are (re-)registered after each
 * change; bursts of events (a run writes several files per epoch) are coalesced into one call
 * after a quiet period.
 */
public final class WorkspaceWatcher implements AutoCloseable {

    /** Events closer together than this are one change. */
    static final long QUIET_MILLIS = 250;

    private final Path root;
    private final Runnable onChange;
    private final WatchService service;
    private final Map<Path, WatchKey> keys = new HashMap<>();
    private final Thread thread;
    private volatile boolean closed;

    /**
     * Starts watching at once.
     *
     * @param onChange called on the watcher's own thread
     */
    public WorkspaceWatcher(Path root, Runnable onChange) throws IOException {
        this.root = root.toAbsolutePath().normalize();
        this.onChange = onChange;
        this.service = this.root.getFileSystem().newWatchService();
        registerAll();
        thread = new Thread(this::loop, "carnot-workspace-watcher");
        thread.setDaemon(true);
        thread.start();
    }

    private void loop() {
        try {
            while (!closed) {
                WatchKey key = service.take();
                drain(key);
                // Coalesce: wait until no event arrives for QUIET_MILLIS.
                WatchKey next;
                while ((next = service.poll(QUIET_MILLIS, TimeUnit.MILLISECONDS)) != null) {
                    drain(next);
                }
                registerAll();
                if (!closed) {
                    onChange.run();
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // Closed.
        }
    }

    private void drain(WatchKey key) {
        key.pollEvents();
        if (!key.reset()) {
            synchronized (keys) {
                keys.values().remove(key);
            }
        }
    }

    private void registerAll() {
        register(root);
        for (Path child : WorkspaceTree.children(root, true)) {
            String name = child.getFileName().toString();
            if (name.startsWith(".") || "plugins".equals(name)) {
                continue;
            }
            if ("runs".equals(name)) {
                register(child);
                for (Path experiment : WorkspaceTree.children(child, true)) {
                    register(experiment);
                    WorkspaceTree.children(experiment, true).forEach(this::register);
                }
            } else if (!WorkspaceTree.SKIPPED.contains(name)) {
                register(child);
                if (WorkspaceTree.MAX_DEPTH > 2) {
                    WorkspaceTree.children(child, true).stream()
                            .filter(p -> !p.getFileName().toString().startsWith("."))
                            .forEach(this::register);
                }
            }
        }
    }

    private void register(Path folder) {
        synchronized (keys) {
            if (closed || keys.containsKey(folder) || !Files.isDirectory(folder)) {
                return;
            }
            try {
                keys.put(folder, folder.register(service, StandardWatchEventKinds.ENTRY_CREATE,
                        StandardWatchEventKinds.ENTRY_DELETE, StandardWatchEventKinds.ENTRY_MODIFY));
            } catch (IOException | RuntimeException e) {
                // Vanished meanwhile, or no more inotify watches: the explorer's Refresh still works.
            }
        }
    }

    /** The folder watched. */
    public Path root() {
        return root;
    }

    @Override
    public void close() {
        closed = true;
        try {
            service.close();
        } catch (IOException e) {
            // Nothing left to release.
        }
        thread.interrupt();
    }
}
