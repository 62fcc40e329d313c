package io.assay.audit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.UUID;

import io.assay.platform.InvalidInputException;
import io.assay.platform.Wording;
import io.assay.platform.database.ReadReplica;
import io.assay.platform.web.CursorPage;
import io.assay.platform.web.PageRequest;
import io.assay.platform.web.PageRequest.Page;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the current organisation's audit trail and checks that its chain is unbroken.
 * Row-level security limits both to the bound organisation.
 */
@Service
public class AuditLogs {

	/** Sort keys of the audit list. */
	public static final Map<String, String> SORTABLE = Map.of("created_at", "created_at", "seq", "seq");

	private static final String SELECT = "select id, seq, user_id, action, resource_type, resource_id,"
			+ " metadata::text as metadata, host(ip_address) as ip, user_agent, created_at, hash from audit_logs ";

	private static final String WHERE = """
			where (cast(:user as uuid) is null or user_id = :user)
			  and (cast(:action as text) is null or action = :action)
			  and (cast(:resourceType as text) is null or resource_type = :resourceType)
			  and (cast(:resourceId as uuid) is null or resource_id = :resourceId)
			  and (cast(:from as timestamptz) is null or created_at >= :from)
			  and (cast(:to as timestamptz) is null or created_at < :to)
			""";

	/**
	 * Writes the opaque cursor of a page by cursor: where the page ended in the chain.
	 */
	private static final Base64.Encoder CURSOR = Base64.getUrlEncoder().withoutPadding();

	private final JdbcClient db;

	private final JsonMapper json;

	private final AuditSeals seals;

	AuditLogs(JdbcClient db, JsonMapper json, AuditSeals seals) {
		this.db = db;
		this.json = json;
		this.seals = seals;
	}

	/** Filters of the audit list; each is optional. */
	public record Filter(@Nullable UUID userId, @Nullable String action, @Nullable String resourceType,
			@Nullable UUID resourceId, @Nullable Instant from, @Nullable Instant to) {

		boolean none() {
			return this.userId == null && this.action == null && this.resourceType == null && this.resourceId == null
					&& this.from == null && this.to == null;
		}

	}

	@Transactional(readOnly = true, label = ReadReplica.MAY_TRAIL)
	public Page<AuditEntry> find(Filter filter, PageRequest page) {
		Map<String, Object> params = params(filter);
		long total = filter.none() ? entriesInChain()
				: this.db.sql("select count(*) from audit_logs " + WHERE).params(params).query(Long.class).single();
		List<AuditEntry> items = this.db
			.sql(SELECT + WHERE + " order by " + page.orderBy() + ", seq desc limit :limit offset :offset")
			.params(params)
			.param("limit", page.limit())
			.param("offset", page.offset())
			.query(this::entry)
			.list();
		return page.answer(items, total);
	}

	/**
	 * How many entries the organisation's trail has, without counting them (400,000 in a
	 * large organisation's take 60 ms): its chain numbers them from 1 without gaps, and
	 * entries are never removed (one removed from the chain's end is what
	 * {@link #verify()} reports).
	 */
	private long entriesInChain() {
		return this.db.sql("select last_seq from assay_audit_chain_head()").query(Long.class).optional().orElse(0L);
	}

	/**
	 * Entries newest first, a page at a time from where the previous page ended: as fast
	 * deep in a long trail as at its start (no offset, no total counted).
	 * @param cursor the previous page's {@code nextCursor}; empty or null for the first
	 * page
	 * @throws InvalidInputException for a cursor this list did not give out
	 */
	@Transactional(readOnly = true, label = ReadReplica.MAY_TRAIL)
	public CursorPage<AuditEntry> findAfter(Filter filter, @Nullable String cursor, int limit) {
		Long before = readCursor(cursor);
		Map<String, Object> params = params(filter);
		params.put("before", before);
		List<AuditEntry> items = new ArrayList<>(this.db
			.sql(SELECT + WHERE + (before == null ? "" : " and seq < :before") + " order by seq desc limit :limit")
			.params(params)
			.param("limit", limit + 1)
			.query(this::entry)
			.list());
		String next = null;
		if (items.size() > limit) {
			items = new ArrayList<>(items.subList(0, limit));
			next = CURSOR.encodeToString(("audit/" + items.getLast().seq()).getBytes(StandardCharsets.UTF_8));
		}
		return new CursorPage<>(items, limit, next);
	}

	private static @Nullable Long readCursor(@Nullable String cursor) {
		if (cursor == null || cursor.isEmpty()) {
			return null;
		}
		try {
			String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
			if (!text.startsWith("audit/")) {
				throw new IllegalArgumentException("not an audit cursor");
			}
			long seq = Long.parseLong(text.substring("audit/".length()));
			if (seq < 1) {
				throw new IllegalArgumentException("not a position in the chain");
			}
			return seq;
		}
		catch (IllegalArgumentException ex) {
			throw InvalidInputException.of("cursor", Wording.of("page.cursor"));
		}
	}

	/**
	 * Every entry the filter matches, oldest first, handed on one at a time (an export of
	 * a long trail is never held in memory).
	 */
	@Transactional(readOnly = true)
	public void each(Filter filter, Consumer<AuditEntry> entries) {
		this.db.sql(SELECT + WHERE + " order by seq").params(params(filter)).query(rs -> {
			entries.accept(entry(rs, 0));
		});
	}

	/** The actions the organisation's trail holds, for choosing one to filter by. */
	@Transactional(readOnly = true, label = ReadReplica.MAY_TRAIL)
	public List<String> actions() {
		return this.db.sql("select distinct action from audit_logs order by action").query(String.class).list();
	}

	private static Map<String, Object> params(Filter filter) {
		Map<String, Object> params = new java.util.HashMap<>();
		params.put("user", filter.userId());
		params.put("action", filter.action());
		params.put("resourceType", filter.resourceType());
		params.put("resourceId", filter.resourceId());
		params.put("from", filter.from() == null ? null : java.sql.Timestamp.from(filter.from()));
		params.put("to", filter.to() == null ? null : java.sql.Timestamp.from(filter.to()));
		return params;
	}

	private AuditEntry entry(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
		return new AuditEntry(rs.getObject("id", UUID.class), rs.getLong("seq"), rs.getObject("user_id", UUID.class),
				rs.getString("action"), rs.getString("resource_type"), rs.getObject("resource_id", UUID.class),
				this.json.readTree(rs.getString("metadata")), rs.getString("ip"), rs.getString("user_agent"),
				rs.getTimestamp("created_at").toInstant(), HexFormat.of().formatHex(rs.getBytes("hash")));
	}

	/**
	 * Walks the organisation's chain from its first entry: each entry must follow the one
	 * before it, point to that entry's hash, and hash to what it stores; the last must be
	 * the chain's recorded head, so that removed entries are noticed too.
	 */
	@Transactional(readOnly = true)
	public ChainVerification verify() {
		List<String> problems = new ArrayList<>(1);
		var walk = new Object() {
			long entries;

			long expectedSeq = 1;

			byte @Nullable [] previousHash;

			@Nullable UUID firstBrokenId;

			/** Entries since the last seal, vouched for once a later entry is sealed. */
			long unsealedSeq;

			@Nullable UUID firstUnsealedId;

		};
		this.db.sql("""
				select a.id, a.seq, a.prev_hash, a.hash, audit_entry_digest(a.prev_hash, a) as recomputed, s.seal
				  from audit_logs a left join audit_seals s on s.entry_id = a.id
				 order by a.seq
				""").query(rs -> {
			walk.entries++;
			if (walk.firstBrokenId != null) {
				return;
			}
			UUID id = rs.getObject("id", UUID.class);
			byte[] hash = rs.getBytes("hash");
			if (rs.getLong("seq") != walk.expectedSeq) {
				problems.add("entry " + walk.expectedSeq + " is missing");
				walk.firstBrokenId = id;
			}
			else if (!Arrays.equals(rs.getBytes("prev_hash"), walk.previousHash)) {
				problems.add("entry " + walk.expectedSeq + " does not point to the entry before it");
				walk.firstBrokenId = id;
			}
			else if (!Arrays.equals(rs.getBytes("recomputed"), hash)) {
				problems.add("entry " + walk.expectedSeq + " was changed after it was written");
				walk.firstBrokenId = id;
			}
			else if (rs.getBytes("seal") == null) {
				if (walk.firstUnsealedId == null) {
					walk.firstUnsealedId = id;
					walk.unsealedSeq = walk.expectedSeq;
				}
			}
			else if (!this.seals.matches(hash, rs.getBytes("seal"))) {
				// The chain itself is consistent, so it was recomputed after a
				// change: the earliest entry the seal no longer vouches for is
				// where to look.
				problems.add(walk.firstUnsealedId == null
						? "entry " + walk.expectedSeq + " was changed and the chain recomputed: its seal does not match"
						: "an entry from " + walk.unsealedSeq + " to " + walk.expectedSeq
								+ " was changed and the chain recomputed: the seal of entry " + walk.expectedSeq
								+ " does not match");
				walk.firstBrokenId = walk.firstUnsealedId == null ? id : walk.firstUnsealedId;
			}
			else {
				walk.firstUnsealedId = null;
			}
			walk.expectedSeq++;
			walk.previousHash = hash;
		});
		if (walk.firstBrokenId == null && walk.firstUnsealedId != null) {
			problems.add("entry " + walk.unsealedSeq + " and those after it have no seal: they were written around "
					+ "Assay or their seals removed (after an upgrade from a version without seals, start Assay once "
					+ "with ASSAY_AUDIT_SEAL_EXISTING=true)");
			walk.firstBrokenId = walk.firstUnsealedId;
		}
		if (walk.firstBrokenId == null) {
			var head = this.db.sql("select last_seq, last_hash from assay_audit_chain_head()")
				.query((rs, n) -> new Object[] { rs.getLong(1), rs.getBytes(2) })
				.optional();
			long headSeq = head.map(h -> (Long) h[0]).orElse(0L);
			byte[] headHash = head.map(h -> (byte[]) h[1]).orElse(null);
			if (headSeq != walk.expectedSeq - 1 || !Arrays.equals(headHash, walk.previousHash)) {
				problems.add("the chain ends at entry " + (walk.expectedSeq - 1) + " but " + headSeq
						+ " were written: entries were removed from its end");
			}
		}
		return new ChainVerification(problems.isEmpty(), walk.entries, walk.firstBrokenId,
				problems.isEmpty() ? null : problems.getFirst());
	}

	/**
	 * The outcome of {@link #verify()}.
	 *
	 * @param firstBrokenId the earliest entry at which the chain breaks, if one does
	 * @param problem what is wrong, in words, if anything is
	 */
	public record ChainVerification(boolean valid, long entries, @Nullable UUID firstBrokenId,
			@Nullable String problem) {
	}

}
