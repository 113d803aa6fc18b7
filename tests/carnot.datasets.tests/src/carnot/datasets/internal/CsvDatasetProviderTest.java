package carnot.datasets.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import carnot.api.component.ProgressMonitor;
import carnot.api.datasets.DatasetContext;
import carnot.api.datasets.DatasetException;
import carnot.api.datasets.DatasetSplits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CSV reader on small files written here. */
class CsvDatasetProviderTest {

    @TempDir
    Path folder;

    private DatasetSplits load(Map<String, Object> extra) throws DatasetException {
        CsvDatasetProvider provider = new CsvDatasetProvider();
        Map<String, Object> settings = new HashMap<>(extra);
        settings.put("folder", folder.toString());
        return provider.load(provider.settingsSchema().validate(settings, "dataset.settings"),
                new DatasetContext(1, ProgressMonitor.NONE));
    }

    @Test
    void headerLabelColumnShapeAndScale() throws Exception {
        Files.writeString(folder.resolve("train.csv"), "p0,p1,p2,p3,label\r\n2,4,6,8,1\r\n\r\n-2,0,1e1,\"3\",0\r\n");
        Files.writeString(folder.resolve("test.csv"), "p0,p1,p2,p3,label\n1,1,1,1,2\n");
        DatasetSplits data = load(Map.of("shape", List.of(1, 2, 2), "scale", 0.5));
        assertArrayEquals(new int[] {1, 2, 2}, data.train().exampleShape());
        assertArrayEquals(new float[] {1, 2, 3, 4, -1, 0, 5, 1.5f}, data.train().features());
        assertArrayEquals(new int[] {1, 0}, data.train().labels());
        assertArrayEquals(new int[] {2}, data.test().labels());
        assertEquals(3, data.train().numClasses());
    }

    @Test
    void labelFirstSemicolonsNoHeader() throws Exception {
        Files.writeString(folder.resolve("a.csv"), "3;0.5;0.25\n0;1;2\n");
        Files.writeString(folder.resolve("b.csv"), "1;9;9\n");
        DatasetSplits data = load(Map.of("trainFile", "a.csv", "testFile", "b.csv", "delimiter", "semicolon",
                "labelColumn", 0, "header", "no", "classes", 4));
        assertArrayEquals(new int[] {2}, data.train().exampleShape());
        assertArrayEquals(new float[] {0.5f, 0.25f, 1, 2}, data.train().features());
        assertArrayEquals(new int[] {3, 0}, data.train().labels());
        assertEquals(4, data.test().numClasses());
    }

    @Test
    void badContentNamesFileLineAndColumn() throws Exception {
        Path train = folder.resolve("train.csv");
        Path test = folder.resolve("test.csv");
        Files.writeString(test, "1,2,0\n");
        Files.writeString(train, "1,2,0\n3,4\n");
        assertEquals(train + ":2: 2 fields, expected 3 as on line 1",
                assertThrows(DatasetException.class, () -> load(Map.of())).getMessage());
        Files.writeString(train, "a,b,label\n1,2,0\n3,x,1\n");
        assertEquals(train + ":3, column 2: 'x' is not a finite number",
                assertThrows(DatasetException.class, () -> load(Map.of())).getMessage());
        Files.writeString(train, "1,2,0.5\n");
        assertEquals(train + ":1, column 3: label '0.5' is not an integer class index",
                assertThrows(DatasetException.class, () -> load(Map.of())).getMessage());
        Files.writeString(train, "1,2,1\n");
        assertEquals("settings.labelColumn: 5 is outside the 3 columns of " + train + "; expected -3 to 2",
                assertThrows(DatasetException.class, () -> load(Map.of("labelColumn", 5))).getMessage());
        assertEquals("settings.shape: [3] holds 3 values, but " + train + " has 2 feature columns",
                assertThrows(DatasetException.class, () -> load(Map.of("shape", List.of(3)))).getMessage());
        Files.writeString(test, "1,2,3,0\n");
        assertEquals(test + " has 3 feature columns, but " + train + " has 2",
                assertThrows(DatasetException.class, () -> load(Map.of())).getMessage());
        Files.writeString(train, "a,b,label\n");
        assertEquals(train + ": no examples (1 lines, none with data)",
                assertThrows(DatasetException.class, () -> load(Map.of())).getMessage());
    }

    @Test
    void aMissingFolderIsNamed() {
        CsvDatasetProvider provider = new CsvDatasetProvider();
        Path missing = folder.resolve("absent");
        DatasetException e = assertThrows(DatasetException.class, () -> provider.load(provider.settingsSchema()
                .validate(Map.of("folder", missing.toString()), "dataset.settings"),
                new DatasetContext(1, ProgressMonitor.NONE)));
        assertEquals(missing + ": no such folder (settings.folder: the folder holding the data files)",
                e.getMessage());
    }
}
