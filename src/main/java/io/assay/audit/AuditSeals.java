package io.assay.audit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.assay.platform.KeyFiles;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The keyed seal on audit entries: HMAC-SHA256 of an entry's chain hash under a key the
 * database never holds. Someone who can rewrite the table and recompute the chain cannot
 * recompute the seals; see V24.
 */
@Component
class AuditSeals {

	private static final Logger log = LoggerFactory.getLogger(AuditSeals.class);

	private final JdbcClient db;

	private final @Nullable TransactionTemplate transactions;

	private final SecretKeySpec key;

	private final boolean sealExistingChains;

	@Autowired
	AuditSeals(JdbcClient db, TransactionTemplate transactions, AuditProperties properties) throws IOException {
		this(db, transactions, key(properties), properties.sealExistingChains());
	}

	private AuditSeals(JdbcClient db, @Nullable TransactionTemplate transactions, SecretKeySpec key,
			boolean sealExistingChains) {
		this.db = db;
		this.transactions = transactions;
		this.key = key;
		this.sealExistingChains = sealExistingChains;
	}

	/**
	 * Seals for entries an operator command writes: with the service's key, which must
	 * exist already (a command never makes one the service would not know).
	 */
	static AuditSeals forCommand(JdbcClient db, AuditProperties properties) throws IOException {
		boolean configured = properties.key() != null && !properties.key().isBlank();
		if (!configured && !Files.exists(properties.keyFile())) {
			throw new IllegalStateException("The audit seal key is neither set (ASSAY_AUDIT_KEY) nor in "
					+ properties.keyFile().toAbsolutePath().normalize()
					+ ": run the command with the settings Assay runs with");
		}
		return new AuditSeals(db, null, key(properties), false);
	}

	private static SecretKeySpec key(AuditProperties properties) throws IOException {
		return new SecretKeySpec(
				KeyFiles.load(properties.key(), properties.keyFile(), "ASSAY_AUDIT_KEY", "audit seal key"),
				"HmacSHA256");
	}

	/**
	 * @param key the seal key, base64 ({@code ASSAY_AUDIT_KEY}); the same on every copy
	 * @param keyFile where a generated key is kept when none is configured
	 * @param sealExistingChains seal, at start, the head of every chain that has no seal:
	 * once, when upgrading from a version without seals
	 */
	@ConfigurationProperties("assay.audit")
	record AuditProperties(@Nullable String key, @DefaultValue("./data/keys/audit.key") Path keyFile,
			@DefaultValue("false") boolean sealExistingChains) {
	}

	/** Seals an entry just written, in the caller's transaction. */
	void seal(UUID entry) {
		byte[] hash = this.db.sql("select assay_audit_entry_hash(?)").param(entry).query(byte[].class).single();
		seal(entry, hash);
	}

	private void seal(UUID entry, byte[] hash) {
		this.db.sql("select assay_seal_audit_entry(?, ?)").params(entry, seal(hash)).query((rs, n) -> 1).list();
	}

	/** Whether the seal is the one this key gives the hash. */
	boolean matches(byte[] hash, byte @Nullable [] seal) {
		return seal != null && MessageDigest.isEqual(seal(hash), seal);
	}

	/**
	 * Seals the head of every chain that has none, when the operator asks for it: the
	 * entries a version without seals wrote are then vouched for. Never done on its own,
	 * since it vouches for whatever the chains hold at that moment, also entries written
	 * around the service.
	 */
	@EventListener(ApplicationReadyEvent.class)
	void sealChainHeads() {
		if (!this.sealExistingChains || this.transactions == null) {
			return;
		}
		TransactionTemplate transactions = this.transactions;
		List<Object[]> heads = transactions
			.execute(tx -> this.db.sql("select entry_id, hash from assay_unsealed_audit_heads()")
				.query((rs, n) -> new Object[] { rs.getObject(1, UUID.class), rs.getBytes(2) })
				.list());
		for (Object[] head : heads) {
			transactions.executeWithoutResult(tx -> seal((UUID) head[0], (byte[]) head[1]));
		}
		if (!heads.isEmpty()) {
			log.warn("Sealed the heads of {} audit chains that had no seal (ASSAY_AUDIT_SEAL_EXISTING is on); "
					+ "switch it off again", heads.size());
		}
	}

	private byte[] seal(byte[] hash) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(this.key);
			return mac.doFinal(hash);
		}
		catch (NoSuchAlgorithmException | InvalidKeyException ex) {
			throw new IllegalStateException("Every Java runtime has HmacSHA256", ex);
		}
	}

}
