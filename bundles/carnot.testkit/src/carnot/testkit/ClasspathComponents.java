package carnot.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Manifest;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The Declarative Services components that the jars on a plain class path declare (their
 * {@code Service-Component} headers and {@code OSGI-INF/*.xml} descriptors, as the build generated
 * them), for running Carnot's own providers without an OSGi framework. Only components without
 * references are instantiated (by their public no-argument constructor); that covers every built-in
 * dataset, architecture, optimizer and loss and the autograd, which is what the testkit's tiny
 * experiment needs.
 */
final class ClasspathComponents {

    /**
     * One instantiated component.
     *
     * @param interfaces the service interfaces it provides
     * @param properties its properties ({@code carnot.id} among them)
     * @param instance   the object
     */
    record Component(List<String> interfaces, Map<String, String> properties, Object instance) {
    }

    private ClasspathComponents() {
    }

    static List<Component> load(ClassLoader loader) throws IOException {
        List<Component> components = new ArrayList<>();
        Enumeration<URL> manifests = loader.getResources("META-INF/MANIFEST.MF");
        while (manifests.hasMoreElements()) {
            URL url = manifests.nextElement();
            String header;
            try (InputStream in = url.openStream()) {
                header = new Manifest(in).getMainAttributes().getValue("Service-Component");
            }
            if (header == null) {
                continue;
            }
            String base = url.toString().substring(0, url.toString().length() - "META-INF/MANIFEST.MF".length());
            for (String path : header.split(",")) {
                String descriptor = path.trim();
                if (!descriptor.isEmpty() && !descriptor.contains("*")) {
                    read(new URL(base + descriptor), loader, components);
                }
            }
        }
        return components;
    }

    private static void read(URL descriptor, ClassLoader loader, List<Component> components) throws IOException {
        Document document;
        try (InputStream in = descriptor.openStream()) {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            document = factory.newDocumentBuilder().parse(in);
        } catch (javax.xml.parsers.ParserConfigurationException | org.xml.sax.SAXException e) {
            throw new IOException("cannot read the DS descriptor " + descriptor + ": " + e.getMessage(), e);
        }
        Element root = document.getDocumentElement();
        if (root.getElementsByTagNameNS("*", "reference").getLength() > 0
                || root.getElementsByTagName("reference").getLength() > 0) {
            return;
        }
        List<String> interfaces = new ArrayList<>();
        NodeList provides = root.getElementsByTagName("provide");
        for (int i = 0; i < provides.getLength(); i++) {
            interfaces.add(((Element) provides.item(i)).getAttribute("interface"));
        }
        Map<String, String> properties = new LinkedHashMap<>();
        NodeList props = root.getElementsByTagName("property");
        for (int i = 0; i < props.getLength(); i++) {
            Element property = (Element) props.item(i);
            properties.put(property.getAttribute("name"), property.getAttribute("value"));
        }
        NodeList implementations = root.getElementsByTagName("implementation");
        if (implementations.getLength() == 0 || interfaces.isEmpty()) {
            return;
        }
        String type = ((Element) implementations.item(0)).getAttribute("class");
        try {
            Object instance = Class.forName(type, true, loader).getConstructor().newInstance();
            components.add(new Component(interfaces, properties, instance));
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new IOException("cannot create the component " + type + " declared in " + descriptor + ": " + e, e);
        }
    }
}
