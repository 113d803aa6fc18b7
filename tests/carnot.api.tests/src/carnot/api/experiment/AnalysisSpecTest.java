package carnot.api.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class AnalysisSpecTest {

    private static List<Integer> due(AnalysisSpec spec, int epochs) {
        return IntStream.rangeClosed(0, epochs).filter(e -> spec.dueAfter(e, epochs)).boxed().toList();
    }

    @Test
    void scheduleRunsEveryKEpochsAndAlwaysAtTheEnd() {
        assertEquals(List.of(3, 6, 9, 10), due(new AnalysisSpec("m", Map.of(), 3, false), 10));
        assertEquals(List.of(0, 10), due(new AnalysisSpec("m", Map.of(), 0, true), 10));
        assertEquals(List.of(0, 1, 2), due(new AnalysisSpec("m", Map.of(), 1, true), 2));
    }
}
