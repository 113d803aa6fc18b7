package carnot.api.component;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsSchemaTest {

    private final SettingsSchema schema = SettingsSchema.of(
            Setting.integer("width", 512, "units").min(1),
            Setting.number("p", 0.0, "probability").min(0).max(1),
            Setting.number("lr", 0.1, "step").greaterThan(0),
            Setting.bool("bias", true, "bias"),
            Setting.choice("activation", "relu", "nonlinearity", "relu", "tanh"),
            Setting.integerList("hidden", new int[] {8, 8}, "widths").min(1),
            Setting.text("folder", "/data", "folder"));

    @Test
    void defaultsFillAbsentKeys() {
        Settings s = schema.validate(Map.of(), "model.settings");
        assertEquals(512, s.getInt("width"));
        assertEquals(0.0, s.getDouble("p"));
        assertTrue(s.getBoolean("bias"));
        assertEquals("relu", s.getString("activation"));
        assertArrayEquals(new int[] {8, 8}, s.getIntList("hidden"));
        assertEquals(List.of("width", "p", "lr", "bias", "activation", "hidden", "folder"),
                List.copyOf(s.asMap().keySet()), "schema order");
    }

    @Test
    void givenValuesAreTypedAndIntegralDoublesAccepted() {
        Settings s = schema.validate(Map.of("width", 3.0, "p", 1, "hidden", List.of(2, 3L)), "m");
        assertEquals(3, s.getInt("width"));
        assertEquals(1.0, s.getDouble("p"));
        assertArrayEquals(new int[] {2, 3}, s.getIntList("hidden"));
    }

    @Test
    void errorsNameTheFieldAndTheAllowedValues() {
        InvalidSettingsException zero = assertThrows(InvalidSettingsException.class,
                () -> schema.validate(Map.of("width", 0), "model.settings"));
        assertEquals("model.settings.width", zero.field());
        assertEquals("model.settings.width: expected an integer >= 1, got 0", zero.getMessage());

        InvalidSettingsException p = assertThrows(InvalidSettingsException.class,
                () -> schema.validate(Map.of("p", 1.5), "dataset.settings"));
        assertEquals("dataset.settings.p: expected a number >= 0 and <= 1, got 1.5", p.getMessage());

        InvalidSettingsException lr = assertThrows(InvalidSettingsException.class,
                () -> schema.validate(Map.of("lr", 0), "optimizer.settings"));
        assertTrue(lr.getMessage().contains("a number > 0"), lr.getMessage());

        InvalidSettingsException choice = assertThrows(InvalidSettingsException.class,
                () -> schema.validate(Map.of("activation", "swish"), "m"));
        assertEquals("m.activation: expected one of relu, tanh, got \"swish\"", choice.getMessage());

        InvalidSettingsException unknown = assertThrows(InvalidSettingsException.class,
                () -> schema.validate(Map.of("widht", 3), "m"));
        assertEquals("m.widht", unknown.field());
        assertTrue(unknown.getMessage().contains("allowed keys: width, p, lr, bias, activation, hidden, folder"));

        InvalidSettingsException element = assertThrows(InvalidSettingsException.class,
                () -> schema.validate(Map.of("hidden", List.of(4, 0)), "m"));
        assertEquals("m.hidden[1]", element.field());

        assertThrows(InvalidSettingsException.class, () -> schema.validate(Map.of("width", 2.5), "m"));
        assertThrows(InvalidSettingsException.class, () -> schema.validate(Map.of("bias", "yes"), "m"));
        assertThrows(InvalidSettingsException.class, () -> schema.validate(Map.of("p", Double.NaN), "m"));
    }

    @Test
    void aSettingWithoutDefaultIsRequired() {
        SettingsSchema required = SettingsSchema.of(new Setting("n", SettingType.INTEGER, null, "", null, false, null,
                List.of()));
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class, () -> required.validate(null, "x"));
        assertEquals("x.n: required; expected an integer", e.getMessage());
    }
}
