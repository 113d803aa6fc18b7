package carnot.provisioning.internal;

import carnot.provisioning.ProvisioningException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * A p2 repository on disk as p2 reads it: a folder as it is, a zip unpacked into a temporary folder
 * (removed by {@link #close()}). These machines reach no update site, so repositories travel as
 * folders and zips. Only regular entries are unpacked, and none may leave the temporary folder.
 */
final class RepositoryFolder implements AutoCloseable {

    /** The index files of which a p2 repository has at least one. */
    static final List<String> INDEXES = List.of("content.jar", "content.xml", "content.xml.xz", "compositeContent.jar",
            "compositeContent.xml");

    /** Limits that a repository zip of add-ons never reaches; a zip bomb does. */
    static final long MAX_UNPACKED_BYTES = 4L << 30;
    static final int MAX_ENTRIES = 100_000;

    private final Path given;
    private final Path folder;
    private final boolean temporary;

    private RepositoryFolder(Path given, Path folder, boolean temporary) {
        this.given = given;
        this.folder = folder;
        this.temporary = temporary;
    }

    /** Opens a repository folder or zip; says what is wrong with anything else. */
    static RepositoryFolder open(Path repository) throws ProvisioningException {
        Path path = repository.toAbsolutePath().normalize();
        if (Files.isDirectory(path)) {
            requireIndex(repository, path);
            return new RepositoryFolder(repository, path, false);
        }
        if (!Files.isRegularFile(path)) {
            throw new ProvisioningException("cannot read the p2 repository " + repository + ": no such folder or zip");
        }
        Path unpacked;
        try {
            unpacked = Files.createTempDirectory("carnot-repository-");
        } catch (IOException e) {
            throw new ProvisioningException("cannot unpack " + repository + ": no temporary folder: " + e.getMessage(), e);
        }
        RepositoryFolder opened = new RepositoryFolder(repository, unpacked, true);
        try {
            unzip(path, unpacked);
            requireIndex(repository, unpacked);
            return opened;
        } catch (IOException e) {
            opened.close();
            throw new ProvisioningException("cannot read the p2 repository " + repository + ": not a readable zip ("
                    + e.getMessage() + ")", e);
        } catch (ProvisioningException | RuntimeException e) {
            opened.close();
            throw e;
        }
    }

    /** The repository as the user named it. */
    Path given() {
        return given;
    }

    /** The folder p2 loads. */
    URI location() {
        return folder.toUri();
    }

    private static void requireIndex(Path repository, Path folder) throws ProvisioningException {
        for (String index : INDEXES) {
            if (Files.isRegularFile(folder.resolve(index))) {
                return;
            }
        }
        throw new ProvisioningException("cannot read the p2 repository " + repository + ": it has none of "
                + String.join(", ", INDEXES) + " (is it a p2 repository, or the folder above one?)");
    }

    private static void unzip(Path zip, Path into) throws IOException, ProvisioningException {
        long total = 0;
        int count = 0;
        try (ZipFile file = new ZipFile(zip.toFile())) {
            Enumeration<? extends ZipEntry> entries = file.entries();
            while (entries.hasMoreElements()) {
                ZipEntry entry = entries.nextElement();
                Path target = into.resolve(entry.getName()).normalize();
                if (!target.startsWith(into)) {
                    throw new ProvisioningException("cannot read the p2 repository " + zip + ": entry '" + entry.getName()
                            + "' points outside the repository");
                }
                if (++count > MAX_ENTRIES) {
                    throw new ProvisioningException("cannot read the p2 repository " + zip + ": more than "
                            + MAX_ENTRIES + " entries");
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                    continue;
                }
                Files.createDirectories(target.getParent());
                try (InputStream in = file.getInputStream(entry)) {
                    total += Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                }
                if (total > MAX_UNPACKED_BYTES) {
                    throw new ProvisioningException("cannot read the p2 repository " + zip + ": it unpacks to more than "
                            + (MAX_UNPACKED_BYTES >> 30) + " GiB");
                }
            }
        }
    }

    @Override
    public void close() {
        if (!temporary) {
            return;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A leftover temporary folder harms nothing.
        }
    }
}
