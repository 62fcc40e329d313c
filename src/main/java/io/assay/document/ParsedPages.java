package io.assay.document;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import io.assay.document.ParsedDocument.Page;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the parser read, as the database keeps it: one row for the document (its type and
 * sections) and one row per page, each page with its terms counted in its language at
 * upload. Readers read what they use: the viewer one page, a job the pages' text and
 * terms without their line boxes.
 */
final class ParsedPages {

	private static final TypeReference<Map<String, Integer>> TERM_COUNTS = new TypeReference<>() {
	};

	private static final TypeReference<List<ParsedDocument.Line>> LINES = new TypeReference<>() {
	};

	private final JdbcClient db;

	private final JdbcTemplate jdbc;

	private final JsonMapper json;

	ParsedPages(JdbcClient db, JdbcTemplate jdbc, JsonMapper json) {
		this.db = db;
		this.jdbc = jdbc;
		this.json = json;
	}

	/** What the parser read of a document, with the terms of every page counted. */
	record Counted(ParsedDocument parsed, List<PageTerms> terms) {

		/**
		 * Counting is the slow part of storing (a 2,000-page document takes a second or
		 * so): done before the transaction that stores the rows, not inside it.
		 */
		static Counted of(ParsedDocument parsed) {
			return new Counted(parsed, parsed.pages().stream().map(page -> PageTerms.of(page.text())).toList());
		}

	}

	/** The document's own row: what is not a page. */
	private record Header(String fileType, boolean hasPages, List<ParsedDocument.Section> sections) {
	}

	/**
	 * Stores a parsed document unless these bytes were stored for this parser version
	 * already (by a concurrent upload of the same file); in the caller's transaction.
	 */
	void store(UUID organization, String sha256, Counted counted) {
		ParsedDocument parsed = counted.parsed();
		int stored = this.db.sql("""
				insert into parsed_documents (organization_id, sha256, parser_version, content, page_count)
				values (?, decode(?, 'hex'), ?, cast(? as jsonb), ?) on conflict do nothing
				""")
			.params(organization, sha256, ParsedDocument.PARSER_VERSION,
					this.json.writeValueAsString(new Header(parsed.fileType(), parsed.hasPages(), parsed.sections())),
					parsed.pageCount())
			.update();
		if (stored == 0) {
			return;
		}
		List<Object[]> rows = new ArrayList<>(parsed.pageCount());
		for (int i = 0; i < parsed.pageCount(); i++) {
			Page page = parsed.pages().get(i);
			PageTerms terms = counted.terms().get(i);
			rows.add(new Object[] { organization, sha256, ParsedDocument.PARSER_VERSION, page.number(), page.width(),
					page.height(), page.text(), this.json.writeValueAsString(page.lines()), page.source().name(),
					page.section(), page.garbled(), page.label(), terms.languageName(),
					this.json.writeValueAsString(terms.counts()), Terms.VERSION });
		}
		this.jdbc.batchUpdate("""
				insert into parsed_pages (organization_id, sha256, parser_version, number, width, height, text, lines,
				                          source, section, garbled, label, language, terms, terms_version)
				values (?, decode(?, 'hex'), ?, ?, ?, ?, ?, cast(? as jsonb), ?, ?, ?, ?, ?, cast(? as jsonb), ?)
				""", rows);
	}

	/** The whole of what the parser read, line boxes included; in a transaction. */
	Optional<ParsedDocument> whole(String sha256) {
		return header(sha256).map(header -> new ParsedDocument(header.fileType(), header.hasPages(), this.db.sql("""
				select number, width, height, text, lines::text, source, section, garbled, label
				  from parsed_pages
				 where sha256 = decode(?, 'hex') and parser_version = ?
				 order by number
				""").params(sha256, ParsedDocument.PARSER_VERSION).query((rs, n) -> pageWithLines(rs)).list(),
				header.sections()));
	}

	/**
	 * What retrieval and the evidence check read: every page's text without its line
	 * boxes, and its terms. Counts stored by an older analysis (or before terms were
	 * stored) are counted again and stored; in a transaction.
	 */
	Optional<IndexedDocument> indexed(String sha256) {
		Optional<Header> header = header(sha256);
		if (header.isEmpty()) {
			return Optional.empty();
		}
		List<Page> pages = new ArrayList<>();
		List<Map<String, Integer>> terms = new ArrayList<>();
		List<Object[]> recounted = new ArrayList<>();
		this.db.sql("""
				select number, width, height, text, source, section, garbled, label,
				       case when terms_version = ? then terms::text end, organization_id
				  from parsed_pages
				 where sha256 = decode(?, 'hex') and parser_version = ?
				 order by number
				""").params(Terms.VERSION, sha256, ParsedDocument.PARSER_VERSION).query(rs -> {
			Page page = new Page(rs.getInt(1), rs.getFloat(2), rs.getFloat(3), rs.getString(4), List.of(),
					ParsedDocument.TextSource.valueOf(rs.getString(5)), rs.getString(6), rs.getBoolean(7),
					rs.getString(8));
			pages.add(page);
			String stored = rs.getString(9);
			if (stored != null) {
				terms.add(this.json.readValue(stored, TERM_COUNTS));
			}
			else {
				PageTerms counted = PageTerms.of(page.text());
				terms.add(counted.counts());
				recounted.add(new Object[] { counted.languageName(), this.json.writeValueAsString(counted.counts()),
						Terms.VERSION, rs.getObject(10, UUID.class), sha256, ParsedDocument.PARSER_VERSION,
						page.number() });
			}
		});
		if (!recounted.isEmpty()) {
			this.jdbc.batchUpdate("""
					update parsed_pages set language = ?, terms = cast(? as jsonb), terms_version = ?
					 where organization_id = ? and sha256 = decode(?, 'hex') and parser_version = ? and number = ?
					""", recounted);
		}
		return Optional.of(new IndexedDocument(
				new ParsedDocument(header.get().fileType(), header.get().hasPages(), pages, header.get().sections()),
				terms));
	}

	/**
	 * The vectors retrieval made of a document's pages, if every page has them from the
	 * same model (ranking compares pages); in a transaction.
	 */
	Optional<PageVectors> vectors(String sha256) {
		List<float[][]> vectors = new ArrayList<>();
		Set<@Nullable String> models = new HashSet<>();
		this.db.sql("""
				select vectors, vectors_model from parsed_pages
				 where sha256 = decode(?, 'hex') and parser_version = ?
				 order by number
				""").params(sha256, ParsedDocument.PARSER_VERSION).query(rs -> {
			byte[] page = rs.getBytes(1);
			models.add(rs.getString(2));
			if (page != null) {
				vectors.add(PageVectors.windows(page));
			}
		});
		String model = models.size() == 1 ? models.iterator().next() : null;
		return model == null ? Optional.empty() : Optional.of(new PageVectors(model, vectors));
	}

	/** Keeps the vectors retrieval made of a document's pages; in a transaction. */
	void storeVectors(String sha256, PageVectors vectors) {
		List<Integer> numbers = this.db.sql("""
				select number from parsed_pages where sha256 = decode(?, 'hex') and parser_version = ? order by number
				""").params(sha256, ParsedDocument.PARSER_VERSION).query(Integer.class).list();
		if (numbers.size() != vectors.pages().size()) {
			throw new IllegalArgumentException(
					"Vectors of " + vectors.pages().size() + " pages for a document of " + numbers.size());
		}
		List<Object[]> rows = new ArrayList<>(numbers.size());
		for (int i = 0; i < numbers.size(); i++) {
			rows.add(new Object[] { PageVectors.bytes(vectors.pages().get(i)), vectors.model(), sha256,
					ParsedDocument.PARSER_VERSION, numbers.get(i) });
		}
		this.jdbc.batchUpdate("""
				update parsed_pages set vectors = ?, vectors_model = ?
				 where sha256 = decode(?, 'hex') and parser_version = ? and number = ?
				""", rows);
	}

	/** One page, line boxes included, and how many the document has; in a transaction. */
	Optional<Documents.ParsedPage> page(String sha256, int number) {
		return this.db.sql("""
				select p.number, p.width, p.height, p.text, p.lines::text, p.source, p.section, p.garbled, p.label,
				       d.page_count
				  from parsed_pages p
				  join parsed_documents d using (organization_id, sha256, parser_version)
				 where p.sha256 = decode(?, 'hex') and p.parser_version = ? and p.number = ?
				""")
			.params(sha256, ParsedDocument.PARSER_VERSION, number)
			.query((rs, n) -> new Documents.ParsedPage(pageWithLines(rs), rs.getInt(10)))
			.optional();
	}

	/**
	 * The numbers of the pages whose text contains {@code term}, compared as
	 * {@code assay_search_text} normalises both (case, white space, Unicode forms); in a
	 * transaction.
	 */
	List<Integer> containing(String sha256, String term) {
		return this.db.sql("""
				select number from parsed_pages
				 where sha256 = decode(?, 'hex') and parser_version = ?
				   and strpos(normalized_text, assay_search_text(?)) > 0
				 order by number
				""").params(sha256, ParsedDocument.PARSER_VERSION, term).query(Integer.class).list();
	}

	/**
	 * Forgets what OCR read in this organisation, so that documents with scanned pages
	 * are read again in its new languages.
	 */
	void forgetOcrReadings() {
		this.db.sql("""
				delete from parsed_documents d
				 where exists (select from parsed_pages p
				                where p.organization_id = d.organization_id and p.sha256 = d.sha256
				                  and p.parser_version = d.parser_version and p.source = 'OCR')
				""").update();
	}

	/**
	 * A page with its line boxes, from the first nine columns: number, width, height,
	 * text, lines, source, section, garbled, label.
	 */
	private Page pageWithLines(ResultSet rs) throws SQLException {
		return new Page(rs.getInt(1), rs.getFloat(2), rs.getFloat(3), rs.getString(4),
				this.json.readValue(rs.getString(5), LINES), ParsedDocument.TextSource.valueOf(rs.getString(6)),
				rs.getString(7), rs.getBoolean(8), rs.getString(9));
	}

	/**
	 * Whether these bytes were parsed (for the current parser version) already, and if so
	 * their page count: null for a document read without pages; in a transaction.
	 */
	Optional<StoredParse> stored(String sha256) {
		return this.db.sql("""
				select case when (content ->> 'has_pages')::boolean then page_count end
				  from parsed_documents
				 where sha256 = decode(?, 'hex') and parser_version = ?
				""")
			.params(sha256, ParsedDocument.PARSER_VERSION)
			.query((rs, n) -> new StoredParse(rs.getObject(1, Integer.class)))
			.optional();
	}

	/** What is known of bytes parsed before: their page count, if paged. */
	record StoredParse(@Nullable Integer pageCount) {
	}

	private Optional<Header> header(String sha256) {
		return this.db
			.sql("select content::text from parsed_documents where sha256 = decode(?, 'hex') and parser_version = ?")
			.params(sha256, ParsedDocument.PARSER_VERSION)
			.query(String.class)
			.optional()
			.map(content -> this.json.readValue(content, Header.class));
	}

	/** A page's language and its terms counted in it. */
	private record PageTerms(Terms.Language language, Map<String, Integer> counts) {

		static PageTerms of(String text) {
			Terms.Language language = Terms.languageOf(text);
			return new PageTerms(language, Terms.counts(text, language));
		}

		String languageName() {
			return this.language.name().toLowerCase(Locale.ROOT);
		}

	}

}
