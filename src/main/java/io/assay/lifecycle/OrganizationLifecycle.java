package io.assay.lifecycle;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import io.assay.audit.AuditTrail;
import io.assay.document.Document;
import io.assay.document.Documents;
import io.assay.identity.CurrentUser;
import io.assay.platform.InvalidInputException;
import io.assay.platform.TenantContext;
import io.assay.platform.web.PageRequest;
import io.assay.platform.Wording;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Everything an organisation owns, as a whole. The export is one ZIP archive: a JSON file
 * per table with every row the organisation owns (read in one snapshot, under its
 * row-level security, so nothing of another organisation can enter it; secrets and their
 * hashes left out), and every document as it was uploaded. The deletion removes the
 * organisation's rows (by cascade from the organisation) and its stored objects, and
 * keeps a record of itself outside the organisation.
 */
@Service
public class OrganizationLifecycle {

	private static final Logger log = LoggerFactory.getLogger(OrganizationLifecycle.class);

	/**
	 * Columns never exported: secrets and the hashes that recognise them (passwords,
	 * tokens, link secrets, TOTP and provider secrets, webhook signing secrets).
	 */
	private static final Set<String> SECRET_COLUMNS = Set.of("password_hash", "token_hash", "totp_secret",
			"client_secret", "proposed_secret", "code_hash", "secret", "seal");

	private final JdbcClient db;

	private final TransactionTemplate snapshot;

	private final TransactionTemplate transactions;

	private final TenantContext tenants;

	private final Documents documents;

	private final AuditTrail audit;

	private final JsonMapper json;

	OrganizationLifecycle(JdbcClient db, TransactionTemplate transactions, TenantContext tenants, Documents documents,
			AuditTrail audit, JsonMapper json) {
		this.db = db;
		this.transactions = transactions;
		this.snapshot = new TransactionTemplate(transactions.getTransactionManager());
		this.snapshot.setReadOnly(true);
		this.snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
		this.tenants = tenants;
		this.documents = documents;
		this.audit = audit;
		this.json = json;
	}

	/** Writes the bound organisation's archive to {@code out} (a ZIP). */
	public void export(CurrentUser admin, OutputStream out) throws IOException {
		UUID organization = this.tenants.requireOrganizationId();
		this.transactions.executeWithoutResult(
				tx -> this.audit.record("organization_exported", "organization", organization, Map.of()));
		ZipOutputStream zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
		Map<String, Object> manifest = new LinkedHashMap<>();
		manifest.put("organization_id", organization);
		manifest.put("organization_name", admin.organizationName());
		manifest.put("exported_at", Instant.now());
		manifest.put("exported_by", admin.email());
		Map<String, Long> rows = new LinkedHashMap<>();
		this.snapshot.executeWithoutResult(tx -> {
			for (String table : tables()) {
				try {
					rows.put(table, writeTable(zip, table, organization));
				}
				catch (IOException ex) {
					throw new java.io.UncheckedIOException(ex);
				}
			}
		});
		manifest.put("tables", rows);
		int written = 0;
		for (int page = 1;; page++) {
			List<Document> batch = this.documents
				.list(null, PageRequest.of(page, PageRequest.MAX_LIMIT, "created_at", Documents.SORTABLE, "created_at"))
				.items();
			for (Document document : batch) {
				// Its content went under retention: the row in documents.json tells when.
				if (!document.hasContent()) {
					continue;
				}
				zip.putNextEntry(new ZipEntry("documents/" + document.id() + "/" + safeName(document.fileName())));
				try (InputStream content = this.documents.download(document.id()).content()) {
					content.transferTo(zip);
				}
				zip.closeEntry();
				written++;
			}
			if (batch.size() < PageRequest.MAX_LIMIT) {
				break;
			}
		}
		manifest.put("documents", written);
		zip.putNextEntry(new ZipEntry("manifest.json"));
		zip.write(this.json.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest));
		zip.closeEntry();
		zip.finish();
	}

	/**
	 * Deletes the bound organisation with everything it owns, when the administrator
	 * confirms with its exact name; answers the record kept of it.
	 * @throws InvalidInputException when the name does not match
	 */
	public Deletion delete(CurrentUser admin, String confirmation) {
		UUID organization = this.tenants.requireOrganizationId();
		// As this request's token lookup read it: current.
		String name = admin.organizationName();
		if (!name.equals(confirmation.strip())) {
			throw InvalidInputException.of("confirm", Wording.of("lifecycle.confirm-name"));
		}
		List<String> keys = this.documents.storedObjectKeys();
		Map<String, Long> rows = new LinkedHashMap<>();
		UUID record = this.transactions.execute(tx -> {
			for (String table : tables()) {
				rows.put(table,
						this.db.sql("select count(*) from " + table + " where " + ownedBy(table))
							.param(organization)
							.query(Long.class)
							.single());
			}
			UUID id = this.db.sql("""
					insert into organization_deletions (organization_id_sha256, organization_name, deleted_by_email,
					                                    rows_deleted, stored_objects)
					values (?, ?, ?, cast(? as jsonb), ?) returning id
					""")
				.params(sha256(organization), name, admin.email(), this.json.writeValueAsString(rows), keys.size())
				.query(UUID.class)
				.single();
			this.db.sql("select assay_delete_organization(?)").param(organization).query((rs, n) -> 1).list();
			return id;
		});
		int removed = this.documents.removeStoredObjects(keys);
		this.transactions.executeWithoutResult(
				tx -> this.db.sql("update organization_deletions set stored_objects_removed = ? where id = ?")
					.params(removed, record)
					.update());
		log.info("Organisation {} deleted by its administrator: {} rows, {} of {} stored objects removed", record,
				rows.values().stream().mapToLong(Long::longValue).sum(), removed, keys.size());
		return new Deletion(record, name, rows, keys.size(), removed);
	}

	/** The record of a deletion, as answered to whoever deleted. */
	public record Deletion(UUID id, String organizationName, Map<String, Long> rowsDeleted, int storedObjects,
			int storedObjectsRemoved) {
	}

	/**
	 * The tables holding an organisation's rows: each with an {@code organization_id},
	 * and the organisations table itself; read under row-level security, each answers the
	 * bound organisation's rows only.
	 */
	private List<String> tables() {
		return this.db.sql("""
				select table_name from information_schema.columns
				 where table_schema = current_schema() and column_name = 'organization_id'
				   and table_name <> 'organization_deletions'
				union select 'organizations'
				order by 1
				""").query(String.class).list();
	}

	private long writeTable(ZipOutputStream zip, String table, UUID organization) throws IOException {
		List<String> columns = this.db.sql("""
				select column_name from information_schema.columns
				 where table_schema = current_schema() and table_name = ? order by ordinal_position
				""").param(table).query(String.class).list().stream().filter(c -> !SECRET_COLUMNS.contains(c)).toList();
		zip.putNextEntry(new ZipEntry("tables/" + table + ".json"));
		zip.write('[');
		long[] count = { 0 };
		String select = "select row_to_json(r)::text from (select "
				+ String.join(", ", columns.stream().map(c -> '"' + c + '"').toList()) + " from " + table + " where "
				+ ownedBy(table) + ") r";
		this.db.sql(select).param(organization).query(rs -> {
			try {
				zip.write((count[0] == 0 ? "\n" : ",\n").getBytes(StandardCharsets.UTF_8));
				zip.write(rs.getString(1).getBytes(StandardCharsets.UTF_8));
				count[0]++;
			}
			catch (IOException ex) {
				throw new java.io.UncheckedIOException(ex);
			}
		});
		zip.write("\n]\n".getBytes(StandardCharsets.UTF_8));
		zip.closeEntry();
		return count[0];
	}

	/**
	 * The condition on a table's rows of one organisation: besides row-level security, so
	 * that a table without it still gives nothing of another organisation.
	 */
	private static String ownedBy(String table) {
		return table.equals("organizations") ? "id = ?" : "organization_id = ?";
	}

	private static String safeName(String fileName) {
		String name = fileName.replaceAll("[\\\\/:*?\"<>|\\p{Cntrl}]", "_");
		return name.isBlank() || name.startsWith(".") ? "document" + name : name;
	}

	static byte[] sha256(UUID organization) {
		try {
			return MessageDigest.getInstance("SHA-256")
				.digest(organization.toString().getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every Java runtime has SHA-256", ex);
		}
	}

}
