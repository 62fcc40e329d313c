package io.assay.document.parsing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Removes every external relationship (linked pictures, hyperlinks, attached templates,
 * linked frames and objects) from a Word document's parts, so that laying it out cannot
 * make LibreOffice fetch a URL the document names. The text and embedded pictures are
 * untouched.
 */
final class ExternalLinks {

	private ExternalLinks() {
	}

	/** Copies the DOCX from {@code source} to {@code target} without external links. */
	static void removeAll(Path source, Path target) throws IOException {
		try (ZipInputStream in = new ZipInputStream(Files.newInputStream(source));
				ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(target))) {
			for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
				out.putNextEntry(new ZipEntry(entry.getName()));
				if (entry.getName().endsWith(".rels")) {
					out.write(withoutExternalRelationships(in));
				}
				else {
					in.transferTo(out);
				}
				out.closeEntry();
			}
		}
	}

	private static byte[] withoutExternalRelationships(InputStream rels) throws IOException {
		try {
			Document document = parser().parse(new NonClosing(rels));
			NodeList relationships = document.getElementsByTagNameNS("*", "Relationship");
			for (int index = relationships.getLength() - 1; index >= 0; index--) {
				Element relationship = (Element) relationships.item(index);
				if ("External".equalsIgnoreCase(relationship.getAttribute("TargetMode"))) {
					relationship.getParentNode().removeChild(relationship);
				}
			}
			ByteArrayOutputStream bytes = new ByteArrayOutputStream();
			Transformer transformer = TransformerFactory.newDefaultInstance().newTransformer();
			transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
			transformer.transform(new DOMSource(document), new StreamResult(bytes));
			return bytes.toByteArray();
		}
		catch (SAXException | TransformerException ex) {
			throw new IOException("A relationship part of the Word document is not valid XML: " + ex.getMessage(), ex);
		}
	}

	private static DocumentBuilder parser() throws IOException {
		try {
			DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultNSInstance();
			factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
			factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
			factory.setExpandEntityReferences(false);
			factory.setXIncludeAware(false);
			return factory.newDocumentBuilder();
		}
		catch (ParserConfigurationException ex) {
			throw new IOException(ex);
		}
	}

	/**
	 * The zip stream stays open for the next entry when the XML parser closes its input.
	 */
	private static final class NonClosing extends java.io.FilterInputStream {

		NonClosing(InputStream in) {
			super(in);
		}

		@Override
		public void close() {
		}

	}

}
