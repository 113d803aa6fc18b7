package carnot.ui.internal;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;

/**
 * The workbench's preferences, kept per user in {@code ~/.config/carnot/workbench.properties}
 * (the system property {@code carnot.preferences} names another file), not in the workspace,
 * since one of them chooses the workspace.
 *
 * @param workspace      the workspace folder
 * @param datasetFolders folders offered for a dataset's {@code folder} setting
 */
public record Preferences(Path workspace, List<String> datasetFolders) {

    static final String WORKSPACE = "workspace";
    static final String DATASET_FOLDERS = "datasetFolders";
    /** Debian's Fashion-MNIST and MNIST, where releng/setup.sh installs them. */
    static final List<String> DEFAULT_DATASET_FOLDERS = List.of("/usr/share/datasets/fashion-mnist",
            "/usr/share/datasets/mnist");

    public Preferences {
        datasetFolders = List.copyOf(datasetFolders);
    }

    /** The preferences file. */
    public static Path file() {
        String property = System.getProperty("carnot.preferences");
        if (property != null && !property.isBlank()) {
            return Path.of(property);
        }
        return Path.of(System.getProperty("user.home"), ".config", "carnot", "workbench.properties");
    }

    /**
     * The saved preferences, with defaults for what is not saved. The workspace is, in order: the
     * environment variable {@code CARNOT_WORKSPACE} (an explicit choice for this start), the saved
     * one, the system property {@code carnot.workspace} (the launcher sets it to the current
     * folder), the current folder.
     */
    public static Preferences load() {
        Properties saved = new Properties();
        try (Reader reader = Files.newBufferedReader(file(), StandardCharsets.UTF_8)) {
            saved.load(reader);
        } catch (NoSuchFileException e) {
            // Nothing saved yet.
        } catch (IOException | IllegalArgumentException e) {
            // Unreadable: fall back to the defaults; saving writes a clean file.
        }
        String environment = System.getenv("CARNOT_WORKSPACE");
        String chosen = firstNonBlank(environment, saved.getProperty(WORKSPACE), System.getProperty("carnot.workspace"),
                System.getProperty("user.dir"));
        Path workspace;
        try {
            workspace = Path.of(chosen).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            workspace = Path.of("").toAbsolutePath();
        }
        String folders = saved.getProperty(DATASET_FOLDERS);
        List<String> datasetFolders = folders == null ? DEFAULT_DATASET_FOLDERS : split(folders);
        return new Preferences(workspace, datasetFolders);
    }

    /** Writes the preferences file. */
    public void save() throws IOException {
        Properties properties = new Properties();
        properties.setProperty(WORKSPACE, workspace.toString());
        properties.setProperty(DATASET_FOLDERS, String.join(java.io.File.pathSeparator, datasetFolders));
        Path file = file();
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            properties.store(writer, "Carnot workbench preferences");
        }
    }

    /** Folders separated by the path separator or new lines, blanks dropped. */
    static List<String> split(String folders) {
        List<String> list = new ArrayList<>();
        Arrays.stream(folders.split("[" + java.io.File.pathSeparator + "\\n]")).map(String::strip)
                .filter(s -> !s.isEmpty()).forEach(list::add);
        return list;
    }

    private static String firstNonBlank(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return "";
    }
}
