package io.assay.billing;

import java.time.YearMonth;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Usage across every organisation, for an operator command that reads as the tables'
 * owner; the service itself only ever reads the bound organisation's ({@link Usage}).
 */
public final class UsageOfAllOrganizations {

	private UsageOfAllOrganizations() {
	}

	/**
	 * Assessments started in the month, by organisation; organisations with none absent.
	 */
	public static Map<UUID, Long> assessmentsIn(JdbcClient owner, YearMonth month) {
		Map<UUID, Long> started = new HashMap<>();
		owner.sql("select organization_id, assessments from usage_months where month = ?")
			.param(month.atDay(1))
			.query((rs, n) -> started.put(rs.getObject(1, UUID.class), rs.getLong(2)))
			.list();
		return started;
	}

}
