package io.assay.billing;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Usage figures of the bound organisation; months are calendar months in UTC. */
@Service
public class Usage {

	private final JdbcClient db;

	Usage(JdbcClient db) {
		this.db = db;
	}

	/** Assessments started and AI cost in one month. */
	public record MonthlyUsage(YearMonth month, long assessments, long aiCostCents) {
	}

	@Transactional(readOnly = true)
	public MonthlyUsage of(YearMonth month) {
		LocalDate first = month.atDay(1);
		return this.db.sql("""
				select count(*), coalesce(sum(ai_cost_cents), 0) from assessments
				 where created_at >= :from and created_at < :to
				""")
			.param("from", first.atStartOfDay().atOffset(ZoneOffset.UTC))
			.param("to", first.plusMonths(1).atStartOfDay().atOffset(ZoneOffset.UTC))
			.query((rs, n) -> new MonthlyUsage(month, rs.getLong(1), rs.getLong(2)))
			.single();
	}

	public MonthlyUsage thisMonth() {
		return of(YearMonth.now(ZoneOffset.UTC));
	}

}
