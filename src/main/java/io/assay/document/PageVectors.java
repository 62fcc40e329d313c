package io.assay.document;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * What retrieval's sentence embedding model made of each page of a document: the vectors
 * of the page's windows ({@code pages.get(i)} for the document's i-th page, no rows for a
 * page without words), and the name of the model and windowing that made them. Stored
 * with the pages as half-precision floats: what ranking needs of a vector, and half the
 * size.
 */
public record PageVectors(String model, List<float[][]> pages) {

	static byte[] bytes(float[][] windows) {
		int dimensions = windows.length == 0 ? 0 : windows[0].length;
		ByteBuffer buffer = ByteBuffer.allocate(4 + 2 * windows.length * dimensions).order(ByteOrder.LITTLE_ENDIAN);
		buffer.putInt(dimensions);
		for (float[] window : windows) {
			for (float value : window) {
				buffer.putShort(Float.floatToFloat16(value));
			}
		}
		return buffer.array();
	}

	static float[][] windows(byte[] bytes) {
		ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
		int dimensions = buffer.getInt();
		if (dimensions == 0) {
			return new float[0][];
		}
		float[][] windows = new float[buffer.remaining() / 2 / dimensions][dimensions];
		for (float[] window : windows) {
			for (int i = 0; i < dimensions; i++) {
				window[i] = Float.float16ToFloat(buffer.getShort());
			}
		}
		return windows;
	}

}
