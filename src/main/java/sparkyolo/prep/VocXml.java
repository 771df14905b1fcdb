package sparkyolo.prep;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/** Parses Pascal VOC annotation XML ({@code <annotation><size>…</size><object>…</object>…}). */
final class VocXml {
    private VocXml() {
    }

    static VocAnnotation parse(byte[] xml, String path) {
        Element root;
        try {
            Document doc = builder().parse(new ByteArrayInputStream(xml));
            root = doc.getDocumentElement();
        } catch (SAXException | IOException e) {
            return VocAnnotation.failed(path, "not valid XML: " + e.getMessage());
        }
        if (!"annotation".equals(root.getTagName())) {
            return VocAnnotation.failed(path, "root element is <" + root.getTagName() + ">, expected <annotation>");
        }
        List<VocAnnotation.VocObject> objects = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Element size = child(root, "size");
        int width = 0;
        int height = 0;
        try {
            width = size == null ? 0 : (int) number(child(size, "width"), 0);
            height = size == null ? 0 : (int) number(child(size, "height"), 0);
        } catch (IllegalArgumentException e) {
            problems.add("size: " + e.getMessage());
        }
        int number = 0;
        for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && "object".equals(e.getTagName())) {
                number++;
                try {
                    objects.add(object(e, number));
                } catch (IllegalArgumentException ex) {
                    problems.add("object " + number + ": " + ex.getMessage());
                }
            }
        }
        return new VocAnnotation(path, width, height, objects, problems, null);
    }

    private static VocAnnotation.VocObject object(Element e, int number) {
        Element name = child(e, "name");
        if (name == null || name.getTextContent().isBlank()) {
            throw new IllegalArgumentException("no <name>");
        }
        Element box = child(e, "bndbox");
        if (box == null) {
            throw new IllegalArgumentException("no <bndbox>");
        }
        boolean difficult = number(child(e, "difficult"), 0) != 0;
        return new VocAnnotation.VocObject(number, name.getTextContent().strip(), difficult, required(box, "xmin"),
                required(box, "ymin"), required(box, "xmax"), required(box, "ymax"));
    }

    private static double required(Element box, String tag) {
        Element e = child(box, tag);
        if (e == null) {
            throw new IllegalArgumentException("no <" + tag + "> in <bndbox>");
        }
        return number(e, Double.NaN);
    }

    /** The element's text as a number; {@code absent} when the element is missing. */
    private static double number(Element e, double absent) {
        if (e == null) {
            return absent;
        }
        String text = e.getTextContent().strip();
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException ex) {
            throw new IllegalArgumentException("<" + e.getTagName() + "> is not a number: '" + text + "'");
        }
    }

    private static Element child(Element parent, String tag) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && tag.equals(e.getTagName())) {
                return e;
            }
        }
        return null;
    }

    /** A parser that reads no DTDs or external entities (the files come from anywhere). */
    private static DocumentBuilder builder() {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            DocumentBuilder b = f.newDocumentBuilder();
            b.setErrorHandler(new ThrowingErrorHandler());
            return b;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("XML parser without secure processing", e);
        }
    }

    /** Errors end the parse (reported by the caller), nothing goes to stderr. */
    private static final class ThrowingErrorHandler implements ErrorHandler {
        @Override
        public void warning(SAXParseException e) {
        }

        @Override
        public void error(SAXParseException e) throws SAXException {
            throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
            throw e;
        }
    }
}
