package io.assay.document.parsing;

import io.assay.platform.Wording;

/**
 * A document with more pages than Assay reads: refused whatever its kind, also when its
 * pages only appear once it is laid out (a Word document).
 */
public class TooManyPagesException extends UnreadableDocumentException {

	TooManyPagesException(Wording wording) {
		super(wording);
	}

}
