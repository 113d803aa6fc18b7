package carnot.api.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

/** {@link Dataset#sha256()} against hashes computed outside Java by coreutils' sha256sum. */
class DatasetHashTest {

    /**
     * Two examples of shape [2], two classes, labels 1 and 0, features 1, -2, 0.5, 0. The
     * documented layout (little-endian int32 rank, dims, class count, labels, then float32
     * features) is the 36 bytes
     * {@code 01000000 02000000 02000000 01000000 00000000 0000803f 000000c0 0000003f 00000000};
     * written by Python's struct.pack and hashed by {@code sha256sum}.
     */
    @Test
    void theHashIsSha256OfTheDocumentedLayout() {
        Dataset data = Dataset.of("tiny", new int[] {2}, 2, new float[] {1, -2, 0.5f, 0}, new int[] {1, 0});
        assertEquals("a60a8374d42f69eb218d8e1c7da88e1730894a07c6e503430e6e3257ae77e597", data.sha256());
    }

    @Test
    void theShapeIsPartOfTheHash() {
        Dataset flat = Dataset.of("tiny", new int[] {2}, 2, new float[] {1, -2, 0.5f, 0}, new int[] {1, 0});
        Dataset column = Dataset.of("tiny", new int[] {2, 1}, 2, new float[] {1, -2, 0.5f, 0}, new int[] {1, 0});
        assertNotEquals(flat.sha256(), column.sha256());
    }
}
