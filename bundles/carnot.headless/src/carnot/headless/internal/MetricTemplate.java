package carnot.headless.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Generates an external metric project ({@code carnot new-metric}): the layout of
 * {@code examples/weight-spectrum} (a plain Maven build with bnd, a DS analysis provider, its
 * numerics as static functions and their unit tests), renamed for a new id and package, from the
 * templates under {@code templates/new-metric/} in this bundle. Markers {@code @ID@},
 * {@code @PACKAGE@}, {@code @PACKAGE_PATH@}, {@code @GROUP@}, {@code @CLASS@}, {@code @TITLE@},
 * {@code @CARNOT_VERSION@} are replaced.
 */
final class MetricTemplate {

    /** Ids as the built-in components spell them: lower case words joined by dashes. */
    static final Pattern ID = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");
    private static final Pattern PACKAGE = Pattern.compile("[a-z_][a-z0-9_]*(\\.[a-z_][a-z0-9_]*)+");
    private static final List<String> KEYWORDS = List.of("abstract", "assert", "boolean", "break", "byte", "case",
            "catch", "char", "class", "const", "continue", "default", "do", "double", "else", "enum", "extends",
            "final", "finally", "float", "for", "goto", "if", "implements", "import", "instanceof", "int",
            "interface", "long", "native", "new", "package", "private", "protected", "public", "return", "short",
            "static", "strictfp", "super", "switch", "synchronized", "this", "throw", "throws", "transient", "try",
            "void", "volatile", "while", "true", "false", "null", "var", "record", "yield");

    private MetricTemplate() {
    }

    /** The default package of an id: {@code org.example.carnot.} plus the id without dashes. */
    static String defaultPackage(String id) {
        return "org.example.carnot." + id.replace("-", "");
    }

    /** {@code weight-norms} -> {@code WeightNorms}. */
    static String className(String id) {
        StringBuilder name = new StringBuilder();
        for (String word : id.split("-")) {
            name.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
        }
        if (!Character.isJavaIdentifierStart(name.charAt(0))) {
            name.insert(0, "Metric");
        }
        return name.toString();
    }

    /** Checks the arguments; the message names the option and what is allowed. */
    static void validate(String id, String packageName, Path dir) {
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("ID: '" + id + "' is not a component id; expected lower-case letters, "
                    + "digits and single dashes, starting with a letter (e.g. weight-norms)");
        }
        if (!PACKAGE.matcher(packageName).matches()
                || List.of(packageName.split("\\.")).stream().anyMatch(KEYWORDS::contains)) {
            throw new IllegalArgumentException("--package: '" + packageName + "' is not a Java package name; expected "
                    + "two or more lower-case dotted parts, none a Java keyword (e.g. org.example.carnot.norms)");
        }
        if (Files.exists(dir)) {
            try (var entries = Files.list(dir)) {
                if (!Files.isDirectory(dir) || entries.findAny().isPresent()) {
                    throw new IllegalArgumentException("--dir: " + dir + " exists and is not an empty folder; "
                            + "name a new one");
                }
            } catch (IOException e) {
                throw new IllegalArgumentException("--dir: " + dir + " cannot be read: " + e.getMessage());
            }
        }
    }

    /**
     * Writes the project into {@code dir} (created).
     *
     * @param carnotVersion the Maven version of the Carnot API to compile against
     * @return the files written, relative to {@code dir}
     */
    static List<Path> generate(String id, String packageName, Path dir, String carnotVersion) throws IOException {
        validate(id, packageName, dir);
        String className = className(id);
        String packagePath = packageName.replace('.', '/');
        Map<String, String> markers = new LinkedHashMap<>();
        markers.put("@ID@", id);
        markers.put("@PACKAGE_PATH@", packagePath);
        markers.put("@PACKAGE@", packageName);
        markers.put("@GROUP@", packageName.substring(0, packageName.lastIndexOf('.')));
        markers.put("@CLASS@", className);
        markers.put("@TITLE@", Character.toUpperCase(id.charAt(0)) + id.substring(1).replace('-', ' '));
        markers.put("@CARNOT_VERSION@", carnotVersion);
        Map<String, String> files = new LinkedHashMap<>();
        files.put("pom.xml.tmpl", "pom.xml");
        files.put("README.md.tmpl", "README.md");
        files.put("gitignore.tmpl", ".gitignore");
        files.put("Provider.java.tmpl", "src/main/java/" + packagePath + "/" + className + "Provider.java");
        files.put("Math.java.tmpl", "src/main/java/" + packagePath + "/" + className + "Math.java");
        files.put("MathTest.java.tmpl", "src/test/java/" + packagePath + "/" + className + "MathTest.java");
        files.put("ConformanceTest.java.tmpl", "src/test/java/" + packagePath + "/" + className
                + "ConformanceTest.java");
        List<Path> written = new ArrayList<>();
        for (Map.Entry<String, String> file : files.entrySet()) {
            String text = template(file.getKey());
            for (Map.Entry<String, String> marker : markers.entrySet()) {
                text = text.replace(marker.getKey(), marker.getValue());
            }
            Path target = dir.resolve(file.getValue());
            Files.createDirectories(target.getParent());
            Files.writeString(target, text, StandardCharsets.UTF_8);
            written.add(Path.of(file.getValue()));
        }
        return written;
    }

    /**
     * The Maven version of an OSGi bundle version: {@code 0.1.0.qualifier} (a development build)
     * becomes {@code 0.1.0-SNAPSHOT}, a release {@code 0.1.0} stays.
     */
    static String mavenVersion(org.osgi.framework.Version version) {
        String base = version.getMajor() + "." + version.getMinor() + "." + version.getMicro();
        return version.getQualifier().isEmpty() ? base : base + "-SNAPSHOT";
    }

    private static String template(String name) throws IOException {
        try (InputStream in = MetricTemplate.class.getResourceAsStream("/templates/new-metric/" + name)) {
            if (in == null) {
                throw new IOException("template " + name + " is missing from carnot.headless");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static String describe(String id, String packageName, Path dir, List<Path> files) {
        return String.format(Locale.ROOT, "carnot: new metric '%s' (package %s) in %s:%n  %s%n"
                + "carnot: next: cd %s && mvn -B package (the README there lists the steps)", id, packageName, dir,
                String.join("\n  ", files.stream().map(Path::toString).toList()), dir);
    }
}
