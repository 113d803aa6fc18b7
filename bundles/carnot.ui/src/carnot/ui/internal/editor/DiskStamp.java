package carnot.ui.internal.editor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * What an editor last knew of its file on disk: modification time and size, or absent. A change of
 * either means someone else (another editor, a script, {@code git checkout}) wrote the file.
 *
 * @param modified modification time in milliseconds, or -1 when the file does not exist
 * @param size     size in bytes, or -1 when the file does not exist
 */
record DiskStamp(long modified, long size) {

    static final DiskStamp ABSENT = new DiskStamp(-1, -1);

    static DiskStamp of(Path file) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return new DiskStamp(attributes.lastModifiedTime().toMillis(), attributes.size());
        } catch (IOException e) {
            return ABSENT;
        }
    }

    boolean exists() {
        return size >= 0;
    }
}
