package io.assay.platform.database;

import java.sql.SQLException;
import java.util.Optional;

import org.springframework.dao.DataAccessException;

/**
 * PostgreSQL's data exceptions (SQLSTATE class 22: a date or number out of its range,
 * text it cannot hold): a value the client sent that no check caught, not a fault of the
 * service.
 */
public final class BadValues {

	private BadValues() {
	}

	/** The database's message when the failure was a value it cannot hold. */
	public static Optional<String> refused(DataAccessException failure) {
		if (failure.getMostSpecificCause() instanceof SQLException sql && sql.getSQLState() != null
				&& sql.getSQLState().startsWith("22")) {
			return Optional.of(String.valueOf(sql.getMessage()));
		}
		return Optional.empty();
	}

}
