package io.assay.identity.web;

import io.nayuki.qrcodegen.QrCode;

/** QR codes as inline SVG, for an authenticator app to read a TOTP secret from a page. */
final class QrCodes {

	private static final int BORDER = 4;

	private QrCodes() {
	}

	static String svg(String text, String label) {
		QrCode qr = QrCode.encodeText(text, QrCode.Ecc.MEDIUM);
		int size = qr.size + BORDER * 2;
		StringBuilder path = new StringBuilder();
		for (int y = 0; y < qr.size; y++) {
			for (int x = 0; x < qr.size; x++) {
				if (qr.getModule(x, y)) {
					path.append('M').append(x + BORDER).append(',').append(y + BORDER).append("h1v1h-1z");
				}
			}
		}
		return "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"qr\" role=\"img\" viewBox=\"0 0 " + size + " " + size
				+ "\" width=\"200\" height=\"200\" shape-rendering=\"crispEdges\"><title>" + escape(label)
				+ "</title><rect width=\"100%\" height=\"100%\" fill=\"#fff\"/><path fill=\"#000\" d=\"" + path
				+ "\"/></svg>";
	}

	private static String escape(String text) {
		return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
	}

}
