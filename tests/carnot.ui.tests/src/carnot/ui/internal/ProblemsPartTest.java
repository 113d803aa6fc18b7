package carnot.ui.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import carnot.ui.internal.explorer.WorkspaceFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The Problems view lists every invalid experiment file of the workspace, and follows the folder. */
class ProblemsPartTest extends PartTest {

    @Test
    void everyInvalidFileIsListedWithWhereAndWhy() throws Exception {
        WorkspaceFixture.writeExperiment(workspace, "experiments/good.json", "good");
        Path malformed = workspace.resolve("experiments/malformed.json");
        Files.writeString(malformed, "{\"name\": \"malformed\",\n  \"seed\": }");
        Path badSetting = workspace.resolve("experiments/bad.json");
        Files.writeString(badSetting, WorkspaceFixture.experiment("bad", 2).replace("\"hidden\": [16]", "\"hidden\": [0]"));
        setUp(900, 400, true);
        ProblemsPart view = make(ProblemsPart.class);

        List<ProblemsPart.Problem> problems = view.problems();
        assertEquals(2, problems.size(), problems.toString());
        assertEquals(badSetting, problems.get(0).file());
        assertEquals("model.settings.hidden[0]", problems.get(0).where());
        assertTrue(problems.get(0).message().startsWith("expected a list of integers with every element >= 1"),
                problems.get(0).message());
        assertEquals(malformed, problems.get(1).file());
        assertTrue(problems.get(1).where().startsWith("line 2:"), problems.get(1).where());
        assertTrue(problems.get(1).message().startsWith("malformed JSON"), problems.get(1).message());
        assertEquals(2, view.table().getItemCount());
        assertEquals("experiments/bad.json", view.table().getItem(0).getText(0));

        Files.writeString(malformed, WorkspaceFixture.experiment("malformed", 2));
        UiTesting.spinUntil("the fixed file to leave the list", () -> view.problems().size() == 1, 10_000);
    }
}
