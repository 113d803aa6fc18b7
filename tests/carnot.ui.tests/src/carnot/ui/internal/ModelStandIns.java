package carnot.ui.internal;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.model.application.MApplicationFactory;
import org.eclipse.e4.ui.model.application.ui.MElementContainer;
import org.eclipse.e4.ui.model.application.ui.MUIElement;
import org.eclipse.e4.ui.model.application.ui.basic.MBasicFactory;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.model.application.ui.basic.MPartSashContainer;
import org.eclipse.e4.ui.model.application.ui.basic.MPartStack;
import org.eclipse.e4.ui.model.application.ui.basic.MTrimmedWindow;
import org.eclipse.e4.ui.workbench.modeling.EModelService;
import org.eclipse.e4.ui.workbench.modeling.EPartService;

/**
 * The workbench's application model built from e4's model factories (the same EMF objects the
 * workbench renders), and stand-ins for the model and part services that do what the workbench's
 * do to the model: find elements by id and type, create parts from descriptors, show and hide them.
 */
public final class ModelStandIns {

    public final MApplication application = MApplicationFactory.INSTANCE.createApplication();
    public final MTrimmedWindow window = MBasicFactory.INSTANCE.createTrimmedWindow();
    public final MPartSashContainer sash = MBasicFactory.INSTANCE.createPartSashContainer();
    public final MPartStack editors = MBasicFactory.INSTANCE.createPartStack();
    public final MPartStack bottom = MBasicFactory.INSTANCE.createPartStack();
    /** What was asked of the part service, as {@code show <label>}, {@code hide <label>}. */
    public final List<String> calls = new ArrayList<>();

    public ModelStandIns() {
        application.getChildren().add(window);
        window.getChildren().add(sash);
        sash.setElementId("carnot.ui.sash.right");
        editors.setElementId(PartOpener.EDITOR_STACK);
        editors.setContainerData("66");
        bottom.setElementId("carnot.ui.stack.bottom");
        bottom.setContainerData("34");
        sash.getChildren().add(editors);
        sash.getChildren().add(bottom);
    }

    public EModelService models() {
        return (EModelService) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {EModelService.class},
                (proxy, method, args) -> {
                    if (!method.getName().equals("findElements") || args.length != 4) {
                        throw new AssertionError("unexpected model service call " + method.getName());
                    }
                    List<Object> found = new ArrayList<>();
                    collect((MUIElement) args[0], (String) args[1], (Class<?>) args[2], found);
                    return found;
                });
    }

    private static void collect(MUIElement element, String id, Class<?> type, List<Object> found) {
        if (type.isInstance(element) && (id == null || id.equals(element.getElementId()))) {
            found.add(element);
        }
        if (element instanceof MElementContainer<?> container) {
            for (Object child : container.getChildren()) {
                collect((MUIElement) child, id, type, found);
            }
        }
    }

    public EPartService parts() {
        return (EPartService) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {EPartService.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "createPart" -> {
                        MPart part = MBasicFactory.INSTANCE.createPart();
                        part.setElementId((String) args[0]);
                        yield part;
                    }
                    case "showPart" -> {
                        MPart part = (MPart) args[0];
                        calls.add("show " + part.getLabel());
                        yield part;
                    }
                    case "hidePart" -> {
                        MPart part = (MPart) args[0];
                        calls.add("hide " + part.getLabel());
                        // As the workbench does: a part tagged removeOnHide leaves the model.
                        if (part.getTags().contains(EPartService.REMOVE_ON_HIDE_TAG)) {
                            part.getParent().getChildren().remove(part);
                        } else {
                            part.setToBeRendered(false);
                        }
                        yield null;
                    }
                    default -> throw new AssertionError("unexpected part service call " + method.getName());
                });
    }
}
