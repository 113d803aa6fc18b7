package carnot.shell.internal;

import carnot.api.analysis.AnalysisProvider;
import carnot.api.component.ComponentKind;
import carnot.api.component.ComponentRegistry;
import carnot.testkit.AnalysisConformance;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code carnot:check ID [--settings JSON] [--model JSON]}: the testkit's conformance report on an
 * installed analysis, with its settings and the tiny model's settings as JSON objects (quote them
 * for Gogo with single quotes: {@code --settings '{"bins": 3}'}). Bad arguments get a usage message,
 * failures a report; never a stack trace.
 */
final class CheckCommand {

    static final String USAGE = "usage: carnot:check ID [--settings '{...}'] [--model '{...}']";

    private CheckCommand() {
    }

    static String run(ComponentRegistry registry, String... arguments) {
        if (arguments.length == 0) {
            return "carnot: " + USAGE;
        }
        String id = arguments[0];
        Map<String, Object> settings = Map.of();
        Map<String, Object> model = Map.of();
        for (int i = 1; i < arguments.length; i += 2) {
            String option = arguments[i];
            if (i + 1 >= arguments.length || !(option.equals("--settings") || option.equals("--model"))) {
                return "carnot: unexpected argument '" + option + "'; " + USAGE;
            }
            Map<String, Object> parsed;
            try {
                parsed = object(arguments[i + 1]);
            } catch (IllegalArgumentException e) {
                return "carnot: " + option + ": " + e.getMessage();
            }
            if (option.equals("--settings")) {
                settings = parsed;
            } else {
                model = parsed;
            }
        }
        AnalysisProvider provider = registry.find(ComponentKind.ANALYSIS, id, AnalysisProvider.class).orElse(null);
        if (provider == null) {
            return "carnot: unknown analysis '" + id + "'; installed: " + String.join(", ",
                    registry.ids(ComponentKind.ANALYSIS));
        }
        return AnalysisConformance.check(id, provider, settings, model).toString();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(String json) {
        Object value;
        try {
            value = new ObjectMapper().readValue(json, Object.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON (" + e.getOriginalMessage() + "): " + shorten(json));
        }
        if (!(value instanceof Map)) {
            throw new IllegalArgumentException("expected a JSON object like '{\"bins\": 3}', got " + shorten(json));
        }
        return new LinkedHashMap<>((Map<String, Object>) value);
    }

    private static String shorten(String text) {
        return text.length() <= 80 ? text : text.substring(0, 80) + "... (" + text.length() + " characters)";
    }
}
