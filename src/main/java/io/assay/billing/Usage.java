package io.assay.billing;

import io.assay.platform.database.ReadReplica;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Usage figures of the bound organisation, kept in billing's own table; months are
 * calendar months in UTC. A run counts when it starts, its AI cost when it ends.
 */
@Service
public class Usage {

	private final JdbcClient db;

	Usage(JdbcClient db) {
		this.db = db;
	}

	/** Assessments started and AI cost in one month. */
	public record MonthlyUsage(YearMonth month, long assessments, long aiCostCents) {
	}

	@Transactional(readOnly = true, label = ReadReplica.MAY_TRAIL)
	public MonthlyUsage of(YearMonth month) {
		return this.db.sql("select assessments, ai_cost_cents from usage_months where month = ?")
			.param(month.atDay(1))
			.query((rs, n) -> new MonthlyUsage(month, rs.getLong(1), rs.getLong(2)))
			.optional()
			.orElse(new MonthlyUsage(month, 0, 0));
	}

	/** What one workflow's runs took in a month. */
	public record WorkflowUsage(UUID workflowId, long assessments, long aiCostCents) {
	}

	/** The bound organisation's month by workflow, the most used first. */
	@Transactional(readOnly = true, label = ReadReplica.MAY_TRAIL)
	public List<WorkflowUsage> byWorkflow(YearMonth month) {
		return this.db.sql("""
				select workflow_id, assessments, ai_cost_cents from usage_workflow_months where month = ?
				 order by assessments desc, ai_cost_cents desc, workflow_id
				""")
			.param(month.atDay(1))
			.query((rs, n) -> new WorkflowUsage(rs.getObject(1, UUID.class), rs.getLong(2), rs.getLong(3)))
			.list();
	}

	public MonthlyUsage thisMonth() {
		return of(YearMonth.now(ZoneOffset.UTC));
	}

	/**
	 * Counts a run started now, in the caller's transaction, if the month's limit allows
	 * it. Checking and counting are one statement on the month's row, so concurrent
	 * starts queue on it and exactly {@code limit} of them pass.
	 * @param limit runs the month allows; null for no limit
	 * @return false, counting nothing, when the limit is reached
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public boolean countStart(UUID organization, UUID workflow, @Nullable Integer limit) {
		if (limit != null && limit < 1) {
			return false;
		}
		LocalDate month = YearMonth.now(ZoneOffset.UTC).atDay(1);
		boolean counted = this.db.sql("""
				insert into usage_months (organization_id, month, assessments) values (:organization, :month, 1)
				on conflict (organization_id, month) do update set assessments = usage_months.assessments + 1
				 where cast(:limit as integer) is null or usage_months.assessments < :limit
				returning assessments
				""")
			.param("organization", organization)
			.param("month", month)
			.param("limit", limit)
			.query(Integer.class)
			.optional()
			.isPresent();
		if (counted) {
			this.db.sql("""
					insert into usage_workflow_months (organization_id, month, workflow_id, assessments)
					values (?, ?, ?, 1)
					on conflict (organization_id, month, workflow_id)
					do update set assessments = usage_workflow_months.assessments + 1
					""").params(organization, month, workflow).update();
		}
		return counted;
	}

	/** Adds the AI cost of a run that ended to the month it started in. */
	@Transactional(propagation = Propagation.MANDATORY)
	public void addCost(UUID organization, UUID workflow, YearMonth started, long cents) {
		if (cents <= 0) {
			return;
		}
		this.db
			.sql("""
					insert into usage_workflow_months (organization_id, month, workflow_id, ai_cost_cents) values (?, ?, ?, ?)
					on conflict (organization_id, month, workflow_id)
					do update set ai_cost_cents = usage_workflow_months.ai_cost_cents + excluded.ai_cost_cents
					""")
			.params(organization, started.atDay(1), workflow, cents)
			.update();
		this.db
			.sql("""
					insert into usage_months (organization_id, month, ai_cost_cents) values (?, ?, ?)
					on conflict (organization_id, month) do update set ai_cost_cents = usage_months.ai_cost_cents + excluded.ai_cost_cents
					""")
			.params(organization, started.atDay(1), cents)
			.update();
	}

}
