package io.assay.platform;

import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * The organisation (and user) whose data the current thread works on. Every transaction
 * begins by handing the organisation to PostgreSQL, whose row-level security then hides
 * every other organisation's rows. With nothing bound, a transaction sees no tenant data
 * at all: there is no default organisation.
 *
 * <p>
 * The binding is per thread. Work handed to another thread (a job, an event listener
 * after commit) binds the organisation it was given explicitly, with {@link #callAs}.
 */
@Component
public class TenantContext {

	private final ThreadLocal<@Nullable Tenant> current = new ThreadLocal<>();

	/** Who is acting: the organisation, and the user when a person or token acts. */
	public record Tenant(UUID organizationId, @Nullable UUID userId) {
	}

	public Optional<Tenant> current() {
		return Optional.ofNullable(this.current.get());
	}

	public Optional<UUID> organizationId() {
		return current().map(Tenant::organizationId);
	}

	/** The current organisation, failing when none is bound rather than guessing one. */
	public UUID requireOrganizationId() {
		return organizationId().orElseThrow(() -> new IllegalStateException("No organisation is bound"));
	}

	/**
	 * Runs {@code work} as the given organisation and user, restoring the previous
	 * binding.
	 */
	public <T> T callAs(UUID organizationId, @Nullable UUID userId, Supplier<T> work) {
		Tenant previous = this.current.get();
		this.current.set(new Tenant(organizationId, userId));
		try {
			return work.get();
		}
		finally {
			restore(previous);
		}
	}

	/** Binds for the rest of a request; the caller clears it with {@link #clear()}. */
	public void bind(UUID organizationId, @Nullable UUID userId) {
		this.current.set(new Tenant(organizationId, userId));
	}

	public void clear() {
		this.current.remove();
	}

	private void restore(@Nullable Tenant previous) {
		if (previous == null) {
			this.current.remove();
		}
		else {
			this.current.set(previous);
		}
	}

}
