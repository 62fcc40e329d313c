package io.assay.document;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.assay.audit.AuditTrail;
import io.assay.document.parsing.DocumentKind;
import io.assay.document.parsing.DocxParser;
import io.assay.document.parsing.PdfParser;
import io.assay.document.parsing.UnreadableDocumentException;
import io.assay.platform.ConflictException;
import io.assay.platform.GoneException;
import io.assay.platform.InvalidInputException;
import io.assay.platform.NotFoundException;
import io.assay.platform.TenantContext;
import io.assay.platform.TextFields;
import io.assay.platform.TooLargeException;
import io.assay.platform.web.CreatedCursor;
import io.assay.platform.web.CursorPage;
import io.assay.platform.web.PageRequest;
import io.assay.platform.web.PageRequest.Page;
import io.assay.platform.Wording;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The organisation's documents: upload (checked by content, parsed, stored encrypted,
 * once per content), download, delete, and the parsed text.
 *
 * <p>
 * An upload either ends with a stored object and its row, or with neither: the object is
 * written before the row's transaction and removed again if that transaction fails.
 */
@Service
public class Documents {

	private static final Logger log = LoggerFactory.getLogger(Documents.class);

	/** Sort keys of the document list. */
	public static final Map<String, String> SORTABLE = Map.of("created_at", "created_at", "file_name",
			"lower(file_name)");

	/** The longest term the viewer's find looks for (its field takes no more). */
	private static final int LONGEST_SEARCH = 200;

	private final JdbcClient db;

	private final TransactionTemplate transactions;

	private final TenantContext tenants;

	private final AuditTrail audit;

	private final DocumentStore store;

	private final PdfParser pdf;

	private final DocxParser docx;

	private final DocumentProperties properties;

	private final JsonMapper json;

	private final BucketDirectory buckets;

	private final ScratchDirectory scratch;

	private final io.assay.identity.Accounts accounts;

	private final io.assay.document.parsing.Ocr ocr;

	private final MeterRegistry meters;

	private final ParsedPages parsedPages;

	Documents(JdbcClient db, JdbcTemplate jdbc, TransactionTemplate transactions, TenantContext tenants,
			AuditTrail audit, DocumentStore store, PdfParser pdf, DocxParser docx, DocumentProperties properties,
			JsonMapper json, BucketDirectory buckets, ScratchDirectory scratch, io.assay.identity.Accounts accounts,
			io.assay.document.parsing.Ocr ocr, MeterRegistry meters) {
		this.parsedPages = new ParsedPages(db, jdbc, json);
		this.meters = meters;
		this.accounts = accounts;
		this.ocr = ocr;
		this.buckets = buckets;
		this.scratch = scratch;
		this.db = db;
		this.transactions = transactions;
		this.tenants = tenants;
		this.audit = audit;
		this.store = store;
		this.pdf = pdf;
		this.docx = docx;
		this.properties = properties;
		this.json = json;
	}

	/**
	 * The languages the organisation's scanned pages are read in, and those this
	 * installation's Tesseract can read.
	 */
	public record OcrLanguages(String languages, boolean installationDefault, List<String> installed) {
	}

	private static final java.util.regex.Pattern OCR_LANGUAGES = java.util.regex.Pattern
		.compile("[a-z]{3}(_[a-z]{3,4})?(\\+[a-z]{3}(_[a-z]{3,4})?){0,4}");

	public OcrLanguages ocrLanguages() {
		Optional<String> chosen = this.accounts.ocrLanguages();
		return new OcrLanguages(chosen.orElse(this.ocr.languages()), chosen.isEmpty(), this.ocr.installedLanguages());
	}

	/**
	 * Sets the languages scanned pages are read in. Documents with pages read by OCR are
	 * read again, in the new languages, when next assessed.
	 * @param languages Tesseract's codes joined by "+", the first tried first
	 * ("deu+eng"); null for the installation's default
	 * @throws InvalidInputException for a malformed list or a language this Tesseract
	 * cannot read
	 */
	public OcrLanguages changeOcrLanguages(@Nullable String languages) {
		if (languages != null && !OCR_LANGUAGES.matcher(languages).matches()) {
			throw InvalidInputException.of("ocr_languages", Wording.of("ocr.codes"));
		}
		List<String> installed = this.ocr.installedLanguages();
		List<String> missing = java.util.Arrays.stream(languages == null ? new String[0] : languages.split("\\+"))
			.filter(language -> !installed.contains(language))
			.toList();
		if (!missing.isEmpty()) {
			String packages = String.join(", ",
					missing.stream().map(language -> "tesseract-ocr-" + language.replace('_', '-')).toList());
			throw InvalidInputException.of("ocr_languages",
					installed.isEmpty()
							? Wording.of("ocr.none-installed", String.join(", ", missing), missing.size(), packages)
							: Wording.of("ocr.not-installed", String.join(", ", installed), String.join(", ", missing),
									missing.size(), packages));
		}
		this.transactions.executeWithoutResult(tx -> {
			this.accounts.changeOcrLanguages(languages);
			this.parsedPages.forgetOcrReadings();
		});
		return ocrLanguages();
	}

	/**
	 * An upload's outcome: the document, and whether these bytes were already in this
	 * bucket.
	 */
	public record Upload(Document document, boolean alreadyPresent) {
	}

	/**
	 * Accepts a file into a bucket of one of the organisation's workflows.
	 * @param file the uploaded bytes, in a temporary file the caller deletes afterwards
	 * @throws NotFoundException if the bucket is not a current bucket of this
	 * organisation
	 * @throws TooLargeException over the size limit (413)
	 * @throws io.assay.platform.UnsupportedContentException not a PDF or DOCX (415)
	 * @throws InvalidInputException empty, damaged, password-protected, no pages (422)
	 */
	public Upload upload(UUID bucketId, String originalName, Path file) throws IOException {
		String outcome = "failed";
		try {
			Upload upload = accept(bucketId, originalName, file);
			outcome = upload.alreadyPresent() ? "already_present" : "stored";
			return upload;
		}
		catch (TooLargeException | io.assay.platform.UnsupportedContentException | InvalidInputException ex) {
			outcome = "refused";
			throw ex;
		}
		finally {
			Counter.builder("assay.uploads")
				.description("Documents uploaded, by outcome: stored, already present, refused or failed")
				.tag("outcome", outcome)
				.register(this.meters)
				.increment();
		}
	}

	private Upload accept(UUID bucketId, String originalName, Path file) throws IOException {
		String fileName = FileNames.clean(originalName);
		requireCurrentBucket(bucketId);
		long size = Files.size(file);
		if (size == 0) {
			throw refused(Wording.of("upload.empty", fileName));
		}
		if (size > this.properties.maxUploadSize().toBytes()) {
			throw new TooLargeException(Wording.of("upload.too-large", fileName, megabytes(size),
					megabytes(this.properties.maxUploadSize().toBytes())));
		}
		DocumentKind kind = kind(file, fileName);
		String sha256 = sha256(file);
		UUID organization = this.tenants.requireOrganizationId();
		Optional<Document> existing = inBucket(bucketId, sha256);
		if (existing.isPresent() && existing.get().hasContent()) {
			auditUpload(existing.get(), true);
			return new Upload(existing.get(), true);
		}
		// Stored already for another bucket of the organisation: parsed and counted once.
		Optional<ParsedPages.StoredParse> storedParse = this.transactions
			.execute(tx -> this.parsedPages.stored(sha256));
		ParsedPages.Counted counted = storedParse.isPresent() ? null
				: ParsedPages.Counted.of(parse(kind, file, fileName));
		Integer pageCount = counted == null ? storedParse.orElseThrow().pageCount()
				: counted.parsed().hasPages() ? Integer.valueOf(counted.parsed().pageCount()) : null;
		String key = organization + "/" + sha256;
		boolean stored = !this.store.exists(key);
		if (stored) {
			// Recorded before the write, so that a crash before the row commits leaves a
			// trace the sweeper follows (StoredObjectSweeper).
			this.transactions.executeWithoutResult(tx -> this.db.sql("""
					insert into pending_store_writes (storage_key, organization_id, sha256)
					values (?, ?, decode(?, 'hex')) on conflict (storage_key) do update set started_at = now()
					""").params(key, organization, sha256).update());
			this.store.put(key, file);
		}
		try {
			Document document = this.transactions.execute(tx -> {
				// The same bytes whose content retention removed: uploaded again, the
				// document has its content back and its retention starts anew.
				Document inserted = existing.isPresent() ? restore(existing.get().id(), fileName)
						: insert(bucketId, fileName, size, kind, sha256, pageCount, key);
				this.db.sql("delete from pending_store_writes where storage_key = ?").param(key).update();
				if (counted != null) {
					this.parsedPages.store(organization, sha256, counted);
				}
				auditUpload(inserted, false);
				return inserted;
			});
			return new Upload(document, false);
		}
		catch (DuplicateKeyException ex) {
			// The same bytes were uploaded into this bucket at the same moment: one row
			// won.
			return new Upload(inBucket(bucketId, sha256).orElseThrow(() -> ex), true);
		}
		catch (RuntimeException ex) {
			if (stored) {
				removeIfUnused(key, sha256);
				this.transactions
					.executeWithoutResult(tx -> this.db.sql("delete from pending_store_writes where storage_key = ?")
						.param(key)
						.update());
			}
			throw ex;
		}
	}

	public record Download(Document document, String contentType, InputStream content) {
	}

	/**
	 * Opens a document's bytes; the download is audited before the first byte is sent.
	 */
	public Download download(UUID id) throws IOException {
		return download(id, 0);
	}

	/**
	 * Opens a document's bytes from {@code from} on (a viewer's range request). Every
	 * read is audited, except a part of a document the same person read in the last hour:
	 * a viewer turning pages asks for many ranges of one reading.
	 * @throws InvalidInputException when {@code from} is not within the document
	 */
	public Download download(UUID id, long from) throws IOException {
		Document document = this.transactions.execute(tx -> {
			Document found = withContent(id);
			if (from < 0 || (from > 0 && from >= found.fileSizeBytes())) {
				throw InvalidInputException.of("range",
						Wording.of("range.outside-document", from, found.fileSizeBytes()));
			}
			auditRead(found, from, Map.of("file_name", found.fileName(), "sha256", found.sha256()));
			return found;
		});
		String key = this.tenants.requireOrganizationId() + "/" + document.sha256();
		return new Download(document, DocumentKind.ofFileType(document.fileType()).contentType(),
				this.store.open(key, from));
	}

	/**
	 * Audits a read of a document: every read from its start, and a part from further on
	 * unless the same person read the document in the last hour (a viewer turning pages
	 * asks for many ranges of one reading).
	 */
	private void auditRead(Document document, long from, Map<String, ?> what) {
		if (from == 0 || !this.audit.recordedRecently("document_downloaded", "document", document.id(),
				Duration.ofHours(1))) {
			this.audit.record("document_downloaded", "document", document.id(), what);
		}
	}

	/** A document as the viewer shows it: a PDF, read by range. */
	public record Layout(Download download, long size) {
	}

	/**
	 * The size of the document as a PDF, laying a Word document out first if it has not
	 * been yet.
	 * @throws NotFoundException as {@link #layout(UUID, long)}
	 */
	public long layoutSize(UUID id) {
		Document document = withContent(id);
		if (!DocumentKind.ofFileType(document.fileType()).equals(DocumentKind.DOCX)) {
			return document.fileSizeBytes();
		}
		return layoutSize(document.sha256()).orElseGet(
				() -> layOut(document, this.tenants.requireOrganizationId() + "/" + document.sha256() + "-layout"));
	}

	/**
	 * The document as a PDF from {@code from} on: a PDF as it is, a Word document as
	 * LibreOffice laid it out. The layout is made on the first view, stored once beside
	 * the Word document (encrypted like it, with its own hash and size) and removed with
	 * it. Reads are audited as downloads are.
	 * @throws NotFoundException for an unknown document, or a Word document that cannot
	 * be laid out here (no LibreOffice, or it failed): the viewer then shows its text
	 */
	public Layout layout(UUID id, long from) throws IOException {
		Document document = withContent(id);
		if (!DocumentKind.ofFileType(document.fileType()).equals(DocumentKind.DOCX)) {
			return new Layout(download(id, from), document.fileSizeBytes());
		}
		UUID organization = this.tenants.requireOrganizationId();
		String key = organization + "/" + document.sha256() + "-layout";
		long size = layoutSize(document.sha256()).orElseGet(() -> layOut(document, key));
		if (from < 0 || from >= size) {
			throw InvalidInputException.of("range", Wording.of("range.outside-layout", from, size));
		}
		this.transactions.executeWithoutResult(tx -> auditRead(document, from,
				Map.of("file_name", document.fileName(), "sha256", document.sha256(), "as", "laid-out PDF")));
		return new Layout(new Download(document, "application/pdf", this.store.open(key, from)), size);
	}

	private Optional<Long> layoutSize(String sha256) {
		return this.transactions
			.execute(tx -> this.db.sql("select size_bytes from document_layouts where sha256 = decode(?, 'hex')")
				.param(sha256)
				.query(Long.class)
				.optional());
	}

	private long layOut(Document document, String key) {
		UUID organization = this.tenants.requireOrganizationId();
		Path directory = null;
		try {
			directory = Files.createTempDirectory(this.scratch.path(), "assay-layout-");
			Path docx = directory.resolve("source.docx");
			try (InputStream in = this.store.open(organization + "/" + document.sha256())) {
				Files.copy(in, docx);
			}
			Path pdf = this.docx.layOut(docx, Files.createDirectory(directory.resolve("layout")));
			if (pdf == null) {
				throw new NotFoundException("Laid-out document");
			}
			String layoutSha256 = sha256(pdf);
			long size = Files.size(pdf);
			// Recorded before the write, as uploads are, so that a crash before the row
			// commits leaves a trace the sweeper follows.
			this.transactions.executeWithoutResult(tx -> this.db.sql("""
					insert into pending_store_writes (storage_key, organization_id, sha256)
					values (?, ?, decode(?, 'hex')) on conflict (storage_key) do update set started_at = now()
					""").params(key, organization, document.sha256()).update());
			if (!this.store.exists(key)) {
				this.store.put(key, pdf);
			}
			this.transactions.executeWithoutResult(tx -> {
				this.db.sql("""
						insert into document_layouts (organization_id, sha256, layout_sha256, size_bytes)
						values (?, decode(?, 'hex'), decode(?, 'hex'), ?) on conflict do nothing
						""").params(organization, document.sha256(), layoutSha256, size).update();
				this.db.sql("delete from pending_store_writes where storage_key = ?").param(key).update();
			});
			// Two first views at once both lay it out; the first stored is the one kept.
			return layoutSize(document.sha256()).orElse(size);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Laying out " + document.fileName() + " failed", ex);
		}
		finally {
			if (directory != null) {
				org.springframework.util.FileSystemUtils.deleteRecursively(directory.toFile());
			}
		}
	}

	/**
	 * One page of a document (as laid out, for a Word document) drawn as a PNG at 110
	 * dots per inch, for people who see the cited page without the document: the
	 * recipients of a shared report.
	 * @param page the page, from 1
	 * @throws NotFoundException for an unknown document or page
	 */
	public byte[] pageImage(UUID id, int page) throws IOException {
		long size = layoutSize(id);
		Path file = this.scratch.newFile("assay-page-");
		try {
			try (InputStream in = layout(id, 0).download().content()) {
				Files.copy(in, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
			}
			if (Files.size(file) != size) {
				throw new IOException("The stored document ended early");
			}
			try (org.apache.pdfbox.pdmodel.PDDocument pdf = org.apache.pdfbox.Loader.loadPDF(file.toFile());
					java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream()) {
				if (page < 1 || page > pdf.getNumberOfPages()) {
					throw new NotFoundException("Page");
				}
				java.awt.image.BufferedImage image = new org.apache.pdfbox.rendering.PDFRenderer(pdf)
					.renderImageWithDPI(page - 1, 110, org.apache.pdfbox.rendering.ImageType.RGB);
				javax.imageio.ImageIO.write(image, "png", png);
				return png.toByteArray();
			}
		}
		finally {
			Files.deleteIfExists(file);
		}
	}

	/**
	 * Deletes a document; its stored bytes go when no other document has the same
	 * content.
	 */
	public void delete(UUID id) {
		Document document = this.transactions.execute(tx -> {
			Document found = find(id);
			try {
				this.db.sql("delete from documents where id = ?").param(id).update();
			}
			catch (DataIntegrityViolationException ex) {
				throw new ConflictException(Wording.of("problem.document-in-use", found.fileName()));
			}
			this.audit.record("document_deleted", "document", id,
					Map.of("file_name", found.fileName(), "sha256", found.sha256(), "bucket_id", found.bucketId()));
			return found;
		});
		removeIfUnused(this.tenants.requireOrganizationId() + "/" + document.sha256(), document.sha256());
	}

	/**
	 * A document whose content is still there, to read it.
	 * @throws NotFoundException for an unknown document
	 * @throws GoneException when its content was removed under the organisation's
	 * retention
	 */
	private Document withContent(UUID id) {
		Document document = find(id);
		if (!document.hasContent()) {
			throw new GoneException(Wording.of("document.content-removed", document.fileName(),
					document.contentRemovedAt().atZone(java.time.ZoneOffset.UTC).toLocalDate().toString()));
		}
		return document;
	}

	/**
	 * The day each of these documents lost its content under the organisation's
	 * retention, for those that did.
	 */
	public Map<UUID, java.time.LocalDate> contentRemoved(java.util.Collection<UUID> ids) {
		if (ids.isEmpty()) {
			return Map.of();
		}
		return this.transactions.execute(tx -> this.db
			.sql("select id, content_removed_at from documents where id = any(?) and content_removed_at is not null")
			.param(ids.toArray(UUID[]::new))
			.query((rs, n) -> Map.entry(rs.getObject(1, UUID.class),
					rs.getTimestamp(2).toInstant().atZone(java.time.ZoneOffset.UTC).toLocalDate()))
			.list()
			.stream()
			.collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
	}

	/**
	 * Documents newest first, a page at a time from where the previous page ended: as
	 * fast deep in a large organisation's documents as at the start (no offset, no
	 * total).
	 * @param cursor the previous page's {@code nextCursor}; empty or null for the first
	 * @throws io.assay.platform.InvalidInputException for a cursor this list did not give
	 * out
	 */
	public CursorPage<Document> listAfter(@Nullable UUID bucketId, @Nullable String cursor, int limit) {
		CreatedCursor after = CreatedCursor.read(cursor);
		Map<String, Object> params = new java.util.HashMap<>();
		params.put("organization", this.tenants.requireOrganizationId());
		params.put("bucket", bucketId);
		params.put("afterAt", after == null ? null : java.sql.Timestamp.from(after.createdAt()));
		params.put("afterId", after == null ? null : after.id());
		params.put("limit", limit + 1);
		// Only the conditions given, so that each shape is planned with its index.
		String sql = "select * from documents where organization_id = :organization"
				+ (bucketId == null ? "" : " and bucket_id = :bucket")
				+ (after == null ? ""
						: " and (created_at, id) < (cast(:afterAt as timestamptz), cast(:afterId as uuid))")
				+ " order by created_at desc, id desc limit :limit";
		List<Document> items = new java.util.ArrayList<>(
				this.transactions.execute(tx -> this.db.sql(sql).params(params).query(Documents::document).list()));
		boolean more = items.size() > limit;
		if (more) {
			items.removeLast();
		}
		return new CursorPage<>(List.copyOf(items), limit,
				more ? new CreatedCursor(items.getLast().createdAt(), items.getLast().id()).write() : null);
	}

	public Document find(UUID id) {
		return this.transactions.execute(tx -> this.db.sql("select * from documents where id = ?")
			.param(id)
			.query(Documents::document)
			.optional()
			.orElseThrow(() -> new NotFoundException("Document")));
	}

	public Page<Document> list(@Nullable UUID bucketId, PageRequest page) {
		return this.transactions.execute(tx -> {
			long total = this.db.sql("select count(*) from documents where (cast(? as uuid) is null or bucket_id = ?)")
				.params(bucketId, bucketId)
				.query(Long.class)
				.single();
			List<Document> items = this.db
				.sql("select * from documents where (cast(? as uuid) is null or bucket_id = ?) order by "
						+ page.orderByThen("id") + " limit ? offset ?")
				.params(bucketId, bucketId, page.limit(), page.offset())
				.query(Documents::document)
				.list();
			return page.answer(items, total);
		});
	}

	/** What a document says, as parsed when it was uploaded. */
	public ParsedDocument parsed(UUID id) {
		Document document = withContent(id);
		return whole(document);
	}

	private ParsedDocument whole(Document document) {
		return this.transactions.execute(tx -> this.parsedPages.whole(document.sha256()))
			.orElseThrow(() -> new NotFoundException("Parsed document"));
	}

	/** One page of what a document says, and how many pages it has. */
	public record ParsedPage(ParsedDocument.Page page, int pageCount) {
	}

	/**
	 * One page of a document's parsed text, read from the database without the rest of
	 * the document (an evidence click on page 180 of a long document reads page 180);
	 * empty for a document read without pages or a page it does not have.
	 */
	public Optional<ParsedPage> parsedPage(UUID id, int page) {
		Document document = withContent(id);
		return this.transactions.execute(tx -> this.parsedPages.page(document.sha256(), page));
	}

	/** The pages of a document whose text contains a term, and how many pages it has. */
	public record PagesContaining(String containing, List<Integer> pages, int pageCount) {
	}

	/**
	 * The pages of a document that contain {@code term}, whatever its case and however
	 * its white space is laid out: the viewer's "find", answered from the pages' rows
	 * rather than by sending the whole text. Audited as reading the text is.
	 * @throws InvalidInputException for a blank term, one over 200 characters or with
	 * control characters
	 */
	public PagesContaining pagesContaining(UUID id, @Nullable String term) {
		TextFields fields = new TextFields();
		String containing = fields.required("containing", term, LONGEST_SEARCH);
		fields.check();
		return this.transactions.execute(tx -> {
			Document found = withContent(id);
			this.audit.record("document_text_searched", "document", id,
					Map.of("file_name", found.fileName(), "sha256", found.sha256(), "containing", containing));
			List<Integer> pages = this.parsedPages.containing(found.sha256(), containing);
			return new PagesContaining(containing, pages, found.pageCount() == null ? 0 : found.pageCount());
		});
	}

	/** What a document says, for a person to read: the view is audited. */
	public ParsedDocument read(UUID id) {
		Document document = this.transactions.execute(tx -> {
			Document found = withContent(id);
			this.audit.record("document_text_viewed", "document", id,
					Map.of("file_name", found.fileName(), "sha256", found.sha256()));
			return found;
		});
		return whole(document);
	}

	/**
	 * What a document says, as retrieval and the evidence check read it (no line boxes,
	 * each page's terms), parsing it again from the stored bytes if nothing is stored for
	 * the current parser version. For background work; bound to the organisation.
	 */
	public IndexedDocument ensureIndexed(UUID id) throws IOException {
		Document document = withContent(id);
		Optional<IndexedDocument> stored = this.transactions.execute(tx -> this.parsedPages.indexed(document.sha256()));
		if (stored.isPresent()) {
			return stored.get();
		}
		UUID organization = this.tenants.requireOrganizationId();
		Path file = this.scratch.newFile("assay-parse-");
		try {
			try (InputStream in = this.store.open(organization + "/" + document.sha256())) {
				Files.copy(in, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
			}
			ParsedPages.Counted counted = ParsedPages.Counted
				.of(parse(DocumentKind.ofFileType(document.fileType()), file, document.fileName()));
			this.transactions
				.executeWithoutResult(tx -> this.parsedPages.store(organization, document.sha256(), counted));
			return this.transactions.execute(tx -> this.parsedPages.indexed(document.sha256()))
				.orElseThrow(() -> new NotFoundException("Parsed document"));
		}
		finally {
			Files.deleteIfExists(file);
		}
	}

	/**
	 * The vectors retrieval made of a document's pages before, if it made them for every
	 * page. For background work; bound to the organisation.
	 */
	public Optional<PageVectors> pageVectors(UUID id) {
		Document document = withContent(id);
		return this.transactions.execute(tx -> this.parsedPages.vectors(document.sha256()));
	}

	/**
	 * Keeps the vectors retrieval made of a document's pages, for the next assessment of
	 * the same bytes. For background work; bound to the organisation.
	 */
	public void storePageVectors(UUID id, PageVectors vectors) {
		Document document = withContent(id);
		this.transactions.executeWithoutResult(tx -> this.parsedPages.storeVectors(document.sha256(), vectors));
	}

	private ParsedDocument parse(DocumentKind kind, Path file, String fileName) {
		String ocrLanguages = this.accounts.ocrLanguages().orElse(null);
		// Parsing runs on its own thread so that it can be given a deadline; the parsers
		// stop between pages once interrupted.
		try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
			Future<ParsedDocument> parsing = executor.submit(() -> kind == DocumentKind.PDF
					? this.pdf.parse(file, fileName, ocrLanguages) : this.docx.parse(file, fileName));
			Timer.Sample reading = Timer.start(this.meters);
			String outcome = "refused";
			try {
				ParsedDocument parsed = parsing.get(this.properties.parseTimeout().toMillis(), TimeUnit.MILLISECONDS);
				outcome = "read";
				return parsed;
			}
			catch (TimeoutException ex) {
				parsing.cancel(true);
				throw refused(
						Wording.of("upload.too-slow-seconds", fileName, this.properties.parseTimeout().toSeconds()));
			}
			catch (ExecutionException ex) {
				if (ex.getCause() instanceof UnreadableDocumentException unreadable) {
					throw refused(unreadable.wording());
				}
				throw new IllegalStateException("Parsing " + fileName + " failed", ex.getCause());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("Interrupted while parsing " + fileName, ex);
			}
			finally {
				reading.stop(Timer.builder("assay.document.parse")
					.description("Reading an uploaded document's text, by kind and outcome")
					.tag("kind", kind.name().toLowerCase(java.util.Locale.ROOT))
					.tag("outcome", outcome)
					.register(this.meters));
			}
		}
	}

	private static DocumentKind kind(Path file, String fileName) throws IOException {
		try {
			return DocumentKind.of(file, fileName);
		}
		catch (UnreadableDocumentException ex) {
			throw refused(ex.wording());
		}
	}

	private void requireCurrentBucket(UUID bucketId) {
		if (!this.buckets.takesUploads(bucketId)) {
			throw new NotFoundException("Bucket");
		}
	}

	private Optional<Document> inBucket(UUID bucketId, String sha256) {
		return this.transactions
			.execute(tx -> this.db.sql("select * from documents where bucket_id = ? and sha256 = decode(?, 'hex')")
				.params(bucketId, sha256)
				.query(Documents::document)
				.optional());
	}

	private Document restore(UUID id, String fileName) {
		TenantContext.Tenant tenant = this.tenants.current().orElseThrow();
		return this.db.sql("""
				update documents
				   set content_removed_at = null, created_at = now(), file_name = ?, uploaded_by = ?
				 where id = ? and content_removed_at is not null
				returning *
				""")
			.params(fileName, tenant.userId(), id)
			.query(Documents::document)
			.optional()
			.orElseThrow(() -> new ConflictException(Wording.of("upload.restored-meanwhile", fileName)));
	}

	private Document insert(UUID bucketId, String fileName, long size, DocumentKind kind, String sha256,
			@Nullable Integer pageCount, String key) {
		TenantContext.Tenant tenant = this.tenants.current().orElseThrow();
		return this.db.sql("""
				insert into documents (organization_id, bucket_id, file_name, file_size_bytes, file_type, sha256,
				                       page_count, storage_key, uploaded_by)
				values (?, ?, ?, ?, ?, decode(?, 'hex'), ?, ?, ?)
				returning *
				""")
			.params(tenant.organizationId(), bucketId, fileName, size, kind.fileType(), sha256, pageCount, key,
					tenant.userId())
			.query(Documents::document)
			.single();
	}

	private void auditUpload(Document document, boolean alreadyPresent) {
		Map<String, Object> details = Map.of("file_name", document.fileName(), "bucket_id", document.bucketId(),
				"sha256", document.sha256(), "file_size_bytes", document.fileSizeBytes(), "already_present",
				alreadyPresent);
		if (alreadyPresent) {
			this.transactions
				.executeWithoutResult(tx -> this.audit.record("document_uploaded", "document", document.id(), details));
		}
		else {
			this.audit.record("document_uploaded", "document", document.id(), details);
		}
	}

	/**
	 * Every object stored for the bound organisation: its documents' contents, their Word
	 * layouts, and writes not yet committed.
	 */
	public List<String> storedObjectKeys() {
		UUID organization = this.tenants.requireOrganizationId();
		return this.transactions.execute(tx -> this.db.sql("""
				select storage_key from documents where content_removed_at is null
				union select ? || '/' || encode(sha256, 'hex') || '-layout' from document_layouts
				union select storage_key from pending_store_writes where organization_id = ?
				""").params(organization.toString(), organization).query(String.class).list());
	}

	/**
	 * Removes stored objects (of an organisation being deleted); answers how many went.
	 * One that cannot be removed is logged and the rest still go.
	 */
	public int removeStoredObjects(List<String> keys) {
		int removed = 0;
		for (String key : keys) {
			try {
				this.store.delete(key);
				removed++;
			}
			catch (IOException ex) {
				log.warn("Could not remove stored object {}", key, ex);
			}
		}
		return removed;
	}

	private void removeIfUnused(String key, String sha256) {
		boolean used = Boolean.TRUE.equals(this.transactions.execute(tx -> StoredContent.inUse(this.db, sha256)));
		if (!used) {
			try {
				this.store.delete(key);
				this.store.delete(key + "-layout");
				this.transactions.executeWithoutResult(
						tx -> this.db.sql("delete from document_layouts where sha256 = decode(?, 'hex')")
							.param(sha256)
							.update());
			}
			catch (IOException ex) {
				log.warn("Could not remove unused stored document {}", key, ex);
			}
		}
	}

	private static InvalidInputException refused(Wording wording) {
		return InvalidInputException.of("file", wording);
	}

	private static String sha256(Path file) throws IOException {
		try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
			in.transferTo(java.io.OutputStream.nullOutputStream());
			return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java runtime has SHA-256", ex);
		}
	}

	private static String megabytes(long bytes) {
		return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / 1_000_000.0);
	}

	static Document document(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
		Integer pages = rs.getObject("page_count", Integer.class);
		return new Document(rs.getObject("id", UUID.class), rs.getObject("bucket_id", UUID.class),
				rs.getString("file_name"), rs.getLong("file_size_bytes"), rs.getString("file_type"),
				HexFormat.of().formatHex(rs.getBytes("sha256")), pages, rs.getObject("uploaded_by", UUID.class),
				rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("content_removed_at") == null ? null
						: rs.getTimestamp("content_removed_at").toInstant());
	}

}
