package io.assay.document.web;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;

import io.assay.document.Document;
import io.assay.document.Documents;
import io.assay.document.ScratchDirectory;
import io.assay.document.Documents.Download;
import io.assay.document.Documents.Upload;
import io.assay.document.ParsedDocument;
import io.assay.platform.web.PageRequest;
import io.assay.platform.InvalidInputException;
import io.assay.platform.Wording;
import org.jspecify.annotations.Nullable;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * Uploads, downloads and the parsed text of documents. Project handlers (and admins)
 * write.
 */
@RestController
class DocumentController {

	/** What is read before answering: the first sealed chunk of a stored document. */
	private static final int FIRST_PART = 64 * 1024;

	private final Documents documents;

	private final ScratchDirectory scratch;

	DocumentController(Documents documents, ScratchDirectory scratch) {
		this.documents = documents;
		this.scratch = scratch;
	}

	@PostMapping(path = "/v1/documents", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
	@PreAuthorize("hasRole('PROJECT_HANDLER')")
	ResponseEntity<Document> upload(@RequestParam("file") MultipartFile file, @RequestParam("bucket_id") UUID bucketId)
			throws IOException {
		Path temporary = this.scratch.newFile("assay-upload-");
		try {
			file.transferTo(temporary);
			String name = file.getOriginalFilename() == null ? "document" : file.getOriginalFilename();
			Upload upload = this.documents.upload(bucketId, name, temporary);
			return ResponseEntity.status(upload.alreadyPresent() ? HttpStatus.OK : HttpStatus.CREATED)
				.location(java.net.URI.create("/v1/documents/" + upload.document().id()))
				.body(upload.document());
		}
		finally {
			Files.deleteIfExists(temporary);
		}
	}

	/**
	 * Documents by page ({@code page}, {@code limit}, {@code sort}, with the total), or,
	 * with {@code cursor} (empty for the first page), newest first from where the
	 * previous page ended ({@code next_cursor}), without a total.
	 */
	@GetMapping("/v1/documents")
	Object list(@RequestParam(name = "bucket_id", required = false) @Nullable UUID bucketId,
			@RequestParam(required = false) @Nullable Integer page,
			@RequestParam(required = false) @Nullable Integer limit,
			@RequestParam(required = false) @Nullable String sort,
			@RequestParam(required = false) @Nullable String cursor) {
		if (cursor == null) {
			return this.documents.list(bucketId, PageRequest.of(page, limit, sort, Documents.SORTABLE, "-created_at"));
		}
		if (page != null || sort != null) {
			throw InvalidInputException.of(page != null ? "page" : "sort", Wording.of("page.cursor-alone"));
		}
		return this.documents.listAfter(bucketId, cursor, PageRequest.cursorLimit(limit));
	}

	/**
	 * The original bytes, whole or one range of them ({@code Range: bytes=a-b}, answered
	 * 206), so that a PDF viewer fetches only the pages it shows; {@code ?page=N} is
	 * accepted (and left to the PDF viewer).
	 */
	@GetMapping("/v1/documents/{id}")
	ResponseEntity<StreamingResponseBody> download(@PathVariable UUID id,
			@RequestParam(required = false) @Nullable Integer page,
			@RequestHeader(name = HttpHeaders.RANGE, required = false) @Nullable String range) throws IOException {
		long size = this.documents.find(id).fileSizeBytes();
		return ranged(range, size, null, from -> this.documents.download(id, from));
	}

	/**
	 * The document as the viewer shows it, by range as above: a PDF as it is, a Word
	 * document as the PDF LibreOffice laid it out as (made on the first view); 404 where
	 * it cannot be laid out, and the viewer shows the document's text instead.
	 */
	@GetMapping("/v1/documents/{id}/layout.pdf")
	ResponseEntity<StreamingResponseBody> layout(@PathVariable UUID id,
			@RequestHeader(name = HttpHeaders.RANGE, required = false) @Nullable String range) throws IOException {
		long size = this.documents.layoutSize(id);
		return ranged(range, size, ".pdf", from -> this.documents.layout(id, from).download());
	}

	private interface Opening {

		Download from(long offset) throws IOException;

	}

	/**
	 * @param extension the file name's ending when the bytes are not the original's (a
	 * Word document's layout is a PDF)
	 */
	private static ResponseEntity<StreamingResponseBody> ranged(@Nullable String range, long size,
			@Nullable String extension, Opening opening) throws IOException {
		Optional<ByteRange> part;
		try {
			part = ByteRange.of(range, size);
		}
		catch (ByteRange.Unsatisfiable ex) {
			return ResponseEntity.status(HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE)
				.header(HttpHeaders.CONTENT_RANGE, "bytes */" + ex.size())
				.build();
		}
		long from = part.map(ByteRange::first).orElse(0L);
		long length = part.map(ByteRange::length).orElse(size);
		Download download = opening.from(from);
		InputStream in = download.content();
		byte[] first = readFirstPart(in, length);
		StreamingResponseBody body = out -> {
			try (in) {
				out.write(first);
				// Sends the headers: from here on a failure can only cut the answer
				// short, which the client sees against its length.
				out.flush();
				copy(in, out, length - first.length);
			}
		};
		ResponseEntity.BodyBuilder answer = part.isPresent() ? ResponseEntity.status(HttpStatus.PARTIAL_CONTENT)
			.header(HttpHeaders.CONTENT_RANGE, part.get().contentRange(size)) : ResponseEntity.ok();
		return answer.contentType(MediaType.parseMediaType(download.contentType()))
			.contentLength(length)
			.header(HttpHeaders.ACCEPT_RANGES, "bytes")
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.inline()
						.filename(extension == null ? download.document().fileName()
								: download.document().fileName().replaceFirst("\\.[A-Za-z]{1,5}$", "") + extension,
								StandardCharsets.UTF_8)
						.build()
						.toString())
			.header(HttpHeaders.CACHE_CONTROL, "private, no-store")
			.body(body);
	}

	/**
	 * Reads the start of the answer before answering: bytes that cannot be read (an
	 * object missing, sealed with an unknown key or altered in its first chunk) then get
	 * a problem answer of their own, not one with the document's headers and length and
	 * an error for a body, which a load balancer rejects as malformed.
	 */
	private static byte[] readFirstPart(InputStream in, long length) throws IOException {
		try {
			byte[] first = in.readNBytes((int) Math.min(FIRST_PART, length));
			if (first.length < Math.min(FIRST_PART, length)) {
				throw new EOFException("The stored document ended " + (length - first.length) + " bytes early");
			}
			return first;
		}
		catch (IOException | RuntimeException ex) {
			in.close();
			throw ex;
		}
	}

	private static void copy(InputStream in, OutputStream out, long length) throws IOException {
		byte[] buffer = new byte[16 * 1024];
		long left = length;
		while (left > 0) {
			int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
			if (n < 0) {
				throw new EOFException("The stored document ended " + left + " bytes early");
			}
			out.write(buffer, 0, n);
			left -= n;
		}
	}

	@GetMapping("/v1/documents/{id}/text")
	ParsedDocument text(@PathVariable UUID id) {
		return this.documents.read(id);
	}

	/**
	 * The pages whose text contains a term (case and white space aside): the viewer's
	 * find, without fetching the whole text.
	 */
	@GetMapping("/v1/documents/{id}/pages")
	Documents.PagesContaining pagesContaining(@PathVariable UUID id,
			@RequestParam(required = false) @Nullable String containing) {
		return this.documents.pagesContaining(id, containing);
	}

	@DeleteMapping("/v1/documents/{id}")
	@PreAuthorize("hasRole('PROJECT_HANDLER')")
	@ResponseStatus(HttpStatus.NO_CONTENT)
	void delete(@PathVariable UUID id) {
		this.documents.delete(id);
	}

}
