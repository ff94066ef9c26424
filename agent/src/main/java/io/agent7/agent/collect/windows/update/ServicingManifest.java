package io.agent7.agent.collect.windows.update;

import java.io.IOException;
import java.io.InputStream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * The header of a servicing package manifest (.mum): the attributes Win32_QuickFixEngineering
 * reports a hotfix by.
 *
 * @param identifier         the package element's identifier, "KB5034441" for an update
 * @param releaseType        its releaseType: "Security Update", "Update", "Hotfix", "Feature
 *                           Pack", "Language Pack", "Foundation", ...
 * @param description        the assembly element's description, e.g. "Fix for KB5034441"
 * @param supportInformation the assembly element's supportInformation link
 */
public record ServicingManifest(String identifier, String releaseType, String description, String supportInformation) {

    /** The header of a manifest; a manifest that is not well-formed XML is an IOException. */
    public static ServicingManifest parse(InputStream mum) throws IOException {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            // Manifests have no DTD; refusing one keeps a planted file from reaching out.
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            Element assembly = factory.newDocumentBuilder().parse(mum).getDocumentElement();
            NodeList packages = assembly.getElementsByTagName("package");
            Element pkg = packages.getLength() == 0 ? null : (Element) packages.item(0);
            return new ServicingManifest(
                    pkg == null ? null : attribute(pkg, "identifier"),
                    pkg == null ? null : attribute(pkg, "releaseType"),
                    attribute(assembly, "description"),
                    attribute(assembly, "supportInformation"));
        } catch (SAXException | ParserConfigurationException e) {
            throw new IOException("not a servicing package manifest: " + e.getMessage(), e);
        }
    }

    private static String attribute(Element element, String name) {
        return element.hasAttribute(name) ? element.getAttribute(name) : null;
    }
}
