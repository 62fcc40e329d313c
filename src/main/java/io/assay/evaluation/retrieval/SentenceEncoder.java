package io.assay.evaluation.retrieval;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

/**
 * Turns text into vectors whose closeness is closeness of meaning, with all-MiniLM-L6-v2
 * (quantised, 384 dimensions), a sentence embedding model small enough to ship in the jar
 * and run on the CPU: retrieval finds with it the pages that say what a criterion asks in
 * other words ("either party may end this agreement on 30 days' notice" for "termination
 * for convenience"). Loaded when first used (ONNX Runtime's native library and the model,
 * about a second); thread-safe.
 */
public final class SentenceEncoder {

	/**
	 * What the stored vectors were made with: the model and how pages are cut into
	 * windows. Vectors made otherwise are made again.
	 */
	public static final String MODEL = "all-minilm-l6-v2-q/128:96";

	public static final int DIMENSIONS = 384;

	/**
	 * Word pieces a window holds with its two special pieces: the model's training
	 * length.
	 */
	private static final int WINDOW = 128;

	/** Where the next window of a page starts: windows overlap by a quarter. */
	private static final int STRIDE = 96;

	private final WordPieces pieces;

	private final OrtEnvironment environment;

	private final OrtSession session;

	private final boolean takesTokenTypes;

	private SentenceEncoder(WordPieces pieces, OrtEnvironment environment, OrtSession session) {
		this.pieces = pieces;
		this.environment = environment;
		this.session = session;
		this.takesTokenTypes = session.getInputNames().contains("token_type_ids");
	}

	/**
	 * The one encoder of this process, loaded at the first call.
	 * @throws IllegalStateException when the model cannot run here (no ONNX Runtime
	 * library for this platform)
	 */
	public static SentenceEncoder shared() {
		return Shared.ENCODER;
	}

	private static final class Shared {

		static final SentenceEncoder ENCODER = load();

		private static SentenceEncoder load() {
			try (InputStream tokenizer = resource("all-minilm-l6-v2-q-tokenizer.json");
					InputStream model = resource("all-minilm-l6-v2-q.onnx")) {
				WordPieces pieces = WordPieces.read(tokenizer);
				OrtEnvironment environment = OrtEnvironment.getEnvironment();
				try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
					return new SentenceEncoder(pieces, environment,
							environment.createSession(model.readAllBytes(), options));
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException("The sentence embedding model could not be read", ex);
			}
			catch (OrtException | UnsatisfiedLinkError ex) {
				throw new IllegalStateException("The sentence embedding model cannot run here: " + ex.getMessage(), ex);
			}
		}

		private static InputStream resource(String name) throws IOException {
			InputStream in = SentenceEncoder.class.getClassLoader().getResourceAsStream(name);
			if (in == null) {
				throw new IOException(name + " is not on the class path");
			}
			return in;
		}

	}

	/** The vector of a short text (a criterion): its first window. */
	public float[] encode(String text) {
		int[] ids = this.pieces.ids(text);
		return encode(Arrays.copyOf(ids, Math.min(ids.length, WINDOW - 2)));
	}

	/**
	 * The vectors of each text's windows ({@value #WINDOW} word pieces, overlapping): a
	 * page's meaning is where it says something, which one vector of a whole page blurs.
	 * A text without words has none.
	 * @throws CancellationException when the thread is interrupted
	 */
	public List<float[][]> encodeWindows(List<String> texts) {
		List<int[]> windows = new ArrayList<>();
		int[] counts = new int[texts.size()];
		for (int t = 0; t < texts.size(); t++) {
			int[] ids = this.pieces.ids(texts.get(t));
			for (int start = 0; start < ids.length; start += STRIDE) {
				windows.add(Arrays.copyOfRange(ids, start, Math.min(ids.length, start + WINDOW - 2)));
				counts[t]++;
				if (start + WINDOW - 2 >= ids.length) {
					break;
				}
			}
		}
		List<float[]> vectors = new ArrayList<>(windows.size());
		for (int[] window : windows) {
			// A long document takes minutes: a run being stopped stops here too, between
			// windows, with the interrupt kept for what the thread does next.
			if (Thread.currentThread().isInterrupted()) {
				throw new CancellationException("Stopped making vectors: the thread was interrupted");
			}
			vectors.add(encode(window));
		}
		List<float[][]> result = new ArrayList<>(texts.size());
		int next = 0;
		for (int count : counts) {
			result.add(vectors.subList(next, next + count).toArray(float[][]::new));
			next += count;
		}
		return result;
	}

	/** How close the text is to the query: its closest window (cosine, -1 to 1). */
	public static double similarity(float[] query, float[][] windows) {
		double best = -1;
		for (float[] window : windows) {
			double dot = 0;
			for (int i = 0; i < query.length; i++) {
				dot += query[i] * window[i];
			}
			best = Math.max(best, dot);
		}
		return best;
	}

	/**
	 * Runs the model over one window of word pieces: its vector is the mean of its
	 * pieces' outputs, normalised to length 1, as the model was trained. One window a
	 * run: the quantised model scales its activations by the whole input, so a window run
	 * with others (padded to the longest) came out different, and ranked worse (CUAD at
	 * 0.3 times the characters: clause text sent for 88.8 % of should-pass criteria in
	 * runs of 32, 90.0 % alone, and no slower).
	 */
	private float[] encode(int[] window) {
		long[][] ids = new long[1][window.length + 2];
		ids[0][0] = WordPieces.CLS;
		for (int i = 0; i < window.length; i++) {
			ids[0][i + 1] = window[i];
		}
		ids[0][window.length + 1] = WordPieces.SEP;
		long[][] mask = new long[1][window.length + 2];
		Arrays.fill(mask[0], 1);
		Map<String, OnnxTensor> inputs = new HashMap<>();
		try {
			inputs.put("input_ids", OnnxTensor.createTensor(this.environment, ids));
			inputs.put("attention_mask", OnnxTensor.createTensor(this.environment, mask));
			if (this.takesTokenTypes) {
				inputs.put("token_type_ids", OnnxTensor.createTensor(this.environment, new long[1][window.length + 2]));
			}
			try (OrtSession.Result result = this.session.run(inputs)) {
				return meanNormalised(((float[][][]) result.get(0).getValue())[0]);
			}
		}
		catch (OrtException ex) {
			throw new IllegalStateException("The sentence embedding model failed: " + ex.getMessage(), ex);
		}
		finally {
			inputs.values().forEach(OnnxTensor::close);
		}
	}

	private static float[] meanNormalised(float[][] pieces) {
		float[] mean = new float[DIMENSIONS];
		for (int p = 0; p < pieces.length; p++) {
			for (int i = 0; i < DIMENSIONS; i++) {
				mean[i] += pieces[p][i];
			}
		}
		double norm = 0;
		for (int i = 0; i < DIMENSIONS; i++) {
			norm += (double) mean[i] * mean[i];
		}
		float scale = norm == 0 ? 0 : (float) (1 / Math.sqrt(norm));
		for (int i = 0; i < DIMENSIONS; i++) {
			mean[i] *= scale;
		}
		return mean;
	}

}
