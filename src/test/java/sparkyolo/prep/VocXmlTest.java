package sparkyolo.prep;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class VocXmlTest {
    @Test
    void readsSizeAndObjectsDifficultDefaultingToNo() {
        VocAnnotation a = VocXml.parse(PrepareVocTest.xml("x", 500, 375, PrepareVocTest.object("cat", 1, 1, 2, 30, 40)
                + "<object><name> dog </name><bndbox><xmin>5.5</xmin><ymin>6</ymin><xmax>7</xmax><ymax>8</ymax></bndbox></object>")
                .getBytes(UTF_8), "x.xml");
        assertNull(a.error());
        assertEquals(500, a.width());
        assertEquals(375, a.height());
        assertEquals(new VocAnnotation.VocObject(1, "cat", true, 1, 2, 30, 40), a.objects().get(0));
        assertEquals(new VocAnnotation.VocObject(2, "dog", false, 5.5, 6, 7, 8), a.objects().get(1));
    }

    @Test
    void aMalformedObjectIsAProblemNotAFailure() {
        VocAnnotation a = VocXml.parse(("<annotation><object><name>cat</name><bndbox><xmin>a</xmin><ymin>1</ymin>"
                + "<xmax>2</xmax><ymax>3</ymax></bndbox></object></annotation>").getBytes(UTF_8), "x.xml");
        assertNull(a.error());
        assertTrue(a.objects().isEmpty());
        assertEquals("object 1: <xmin> is not a number: 'a'", a.problems().get(0));
    }

    @Test
    void brokenXmlAndOtherRootsFail() {
        assertTrue(VocXml.parse("<annotation><size>".getBytes(UTF_8), "x.xml").error().startsWith("not valid XML"));
        assertTrue(VocXml.parse("<foo/>".getBytes(UTF_8), "x.xml").error().contains("expected <annotation>"));
    }

    /** No DTDs: an external entity must not be fetched or expanded. */
    @Test
    void refusesDoctypes() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>"
                + "<annotation><object><name>&e;</name></object></annotation>";
        VocAnnotation a = VocXml.parse(xxe.getBytes(UTF_8), "x.xml");
        assertNotNull(a.error());
        assertTrue(a.objects().isEmpty());
    }
}
