package carnot.integration.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code carnot new-metric} through the real command line: the project it writes and the arguments
 * it refuses. (releng/new-metric-test.sh builds the generated project with Maven and runs it.)
 */
class NewMetricCommandTest {

    @TempDir
    Path folder;

    @Test
    void generatesTheExampleLayoutRenamed() throws Exception {
        Path project = folder.resolve("norms");
        CommandLineRun run = CommandLineRun.carnot("new-metric", "weight-norms", "--package", "org.example.carnot.norms",
                "--dir", project.toString());
        assertEquals(0, run.exitCode(), run::toString);
        List<String> files;
        try (Stream<Path> walk = Files.walk(project)) {
            files = walk.filter(Files::isRegularFile).map(p -> project.relativize(p).toString()).sorted().toList();
        }
        assertEquals(List.of(".gitignore", "README.md", "pom.xml",
                "src/main/java/org/example/carnot/norms/WeightNormsMath.java",
                "src/main/java/org/example/carnot/norms/WeightNormsProvider.java",
                "src/test/java/org/example/carnot/norms/WeightNormsConformanceTest.java",
                "src/test/java/org/example/carnot/norms/WeightNormsMathTest.java"), files);
        String provider = Files.readString(project.resolve("src/main/java/org/example/carnot/norms/"
                + "WeightNormsProvider.java"));
        assertTrue(provider.startsWith("package org.example.carnot.norms;"), provider);
        assertTrue(provider.contains("property = Provider.ID + \"=weight-norms\")"), provider);
        assertTrue(provider.contains("public final class WeightNormsProvider implements AnalysisProvider"));
        String pom = Files.readString(project.resolve("pom.xml"));
        assertTrue(pom.contains("<groupId>org.example.carnot</groupId>"), pom);
        assertTrue(pom.contains("<artifactId>org.example.carnot.norms</artifactId>"), pom);
        assertTrue(pom.contains("<carnot.version>0.1.0-SNAPSHOT</carnot.version>"), pom);
        for (String file : files) {
            assertFalse(Files.readString(project.resolve(file)).matches("(?s).*@[A-Z_]+@.*"), file + " has a marker left");
        }
        assertTrue(run.out().contains("cd " + project + " && mvn -B package"), run::toString);

        CommandLineRun defaults = CommandLineRun.carnot("new-metric", "sharpness", "--dir",
                folder.resolve("sharp").toString());
        assertEquals(0, defaults.exitCode(), defaults::toString);
        assertTrue(Files.exists(folder.resolve("sharp/src/main/java/org/example/carnot/sharpness/"
                + "SharpnessProvider.java")));
    }

    @Test
    void badArgumentsAreRefusedNamingTheArgument() throws Exception {
        CommandLineRun badId = CommandLineRun.carnot("new-metric", "Weight_Norms", "--dir", folder.resolve("a")
                .toString());
        assertEquals(2, badId.exitCode(), badId::toString);
        assertTrue(badId.err().contains("ID: 'Weight_Norms' is not a component id; expected lower-case letters, "
                + "digits and single dashes"), badId::toString);
        CommandLineRun badPackage = CommandLineRun.carnot("new-metric", "norms", "--package", "org.example.class",
                "--dir", folder.resolve("b").toString());
        assertEquals(2, badPackage.exitCode(), badPackage::toString);
        assertTrue(badPackage.err().contains("--package: 'org.example.class' is not a Java package name"),
                badPackage::toString);
        Files.createDirectories(folder.resolve("taken"));
        Files.writeString(folder.resolve("taken/keep.txt"), "mine");
        CommandLineRun taken = CommandLineRun.carnot("new-metric", "norms", "--dir", folder.resolve("taken").toString());
        assertEquals(2, taken.exitCode(), taken::toString);
        assertTrue(taken.err().contains("exists and is not an empty folder"), taken::toString);
        assertEquals("mine", Files.readString(folder.resolve("taken/keep.txt")), "nothing overwritten");
        assertFalse(Files.exists(folder.resolve("a")) || Files.exists(folder.resolve("b")), "nothing written");
    }
}
