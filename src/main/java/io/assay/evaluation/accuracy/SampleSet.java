package io.assay.evaluation.accuracy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import io.assay.document.PdfFiles;
import io.assay.evaluation.Citation;
import io.assay.evaluation.DocumentText;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Assay's own labelled sample set ({@code samples/sample-set.json} on the class path):
 * technical documentation of a fictitious ECG monitor, written with known defects, and
 * for each criterion the expected verdict and evidence pages.
 */
public final class SampleSet {

	static final String LOCATION = "samples/";

	private SampleSet() {
	}

	public static LabelledSet read() throws IOException {
		return read("sample-set.json", false);
	}

	/**
	 * The German sample set: German documents, with the criteria in German or, when
	 * {@code englishCriteria}, in English.
	 */
	public static LabelledSet readGerman(boolean englishCriteria) throws IOException {
		return read("sample-set-de.json", !englishCriteria);
	}

	private static LabelledSet read(String name, boolean germanCriteria) throws IOException {
		JsonNode set = JsonMapper.builder().build().readTree(resource(name));
		Map<String, UUID> buckets = new HashMap<>();
		for (JsonNode bucket : set.get("buckets")) {
			buckets.put(bucket.asString(), UUID.nameUUIDFromBytes(bucket.asString().getBytes()));
		}
		Map<String, DocumentText> documents = new HashMap<>();
		Path directory = Files.createTempDirectory("assay-sample-set-");
		try {
			for (JsonNode document : set.get("documents")) {
				String file = document.get("file").asString();
				Path copy = directory.resolve(file);
				try (InputStream in = resource(file)) {
					Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
				}
				documents.put(file, new DocumentText(UUID.nameUUIDFromBytes(file.getBytes()), file,
						buckets.get(document.get("bucket").asString()), PdfFiles.read(copy)));
			}
		}
		finally {
			try (var files = Files.list(directory)) {
				for (Path file : files.toList()) {
					Files.deleteIfExists(file);
				}
			}
			Files.deleteIfExists(directory);
		}
		List<LabelledCase> cases = new ArrayList<>();
		for (JsonNode criterion : set.get("criteria")) {
			Set<UUID> applies = new LinkedHashSet<>();
			criterion.get("buckets").forEach(bucket -> applies.add(buckets.get(bucket.asString())));
			Map<UUID, Set<Integer>> evidence = new HashMap<>();
			List<Citation> gold = new ArrayList<>();
			for (JsonNode item : criterion.get("evidence")) {
				UUID documentId = documents.get(item.get("file").asString()).documentId();
				Set<Integer> pages = evidence.computeIfAbsent(documentId, id -> new LinkedHashSet<>());
				item.get("pages").forEach(page -> pages.add(page.asInt()));
				if (item.has("quote")) {
					gold.add(new Citation(documentId, item.get("pages").get(0).asInt(), null,
							item.get("quote").asString()));
				}
			}
			String suffix = germanCriteria ? "_de" : "";
			cases.add(new LabelledCase(criterion.get("name" + suffix).asString(),
					criterion.get("description" + suffix).asString(),
					documents.values().stream().filter(document -> applies.contains(document.bucketId())).toList(),
					criterion.get("expected").asString().equals("pass"), evidence, gold));
		}
		return new LabelledSet(set.get("name").asString()
				+ (name.contains("-de") ? (germanCriteria ? ", criteria in German" : ", criteria in English") : ""),
				documents.size(), cases);
	}

	/** A file of the sample set, to upload it somewhere else. */
	public static InputStream resource(String file) throws IOException {
		InputStream in = SampleSet.class.getClassLoader().getResourceAsStream(LOCATION + file);
		if (in == null) {
			throw new IOException("The sample set has no file " + file);
		}
		return in;
	}

}
