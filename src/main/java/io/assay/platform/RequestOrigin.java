package io.assay.platform;

import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Where the current HTTP request comes from (client address and user agent), for the
 * audit trail. Bound by a servlet filter for the length of the request.
 */
@Component
public class RequestOrigin {

	private final ThreadLocal<@Nullable Origin> current = new ThreadLocal<>();

	/** The client's address as the server saw it and the user agent it announced. */
	public record Origin(@Nullable String ipAddress, @Nullable String userAgent) {
	}

	public Optional<Origin> current() {
		return Optional.ofNullable(this.current.get());
	}

	public void bind(Origin origin) {
		this.current.set(origin);
	}

	public void clear() {
		this.current.remove();
	}

}
