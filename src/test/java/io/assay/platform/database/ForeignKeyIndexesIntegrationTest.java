package io.assay.platform.database;

import java.util.List;

import io.assay.IntegrationTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every foreign key is backed by an index that starts with its columns, in any order, or
 * with its first column (for the keys that pair a row's id with its organisation, the id
 * alone finds it): deleting or changing the row it points at (a user leaving, a run
 * removed, an organisation deleted) then finds the rows that refer to it by index, not by
 * reading the whole table, which at a million assessments is the difference between
 * milliseconds and minutes.
 */
class ForeignKeyIndexesIntegrationTest extends IntegrationTest {

	@Test
	void everyForeignKeyHasAnIndexStartingWithItsFirstColumn() {
		List<String> unindexed = this.database.asOwner().sql("""
				select c.conrelid::regclass::text || ' (' || string_agg(a.attname, ', ' order by k.ord) || ')'
				  from pg_constraint c
				 cross join lateral unnest(c.conkey) with ordinality k(attnum, ord)
				  join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.attnum
				 where c.contype = 'f' and c.connamespace = 'public'::regnamespace
				   and not exists (
				       select from pg_index i
				        where i.indrelid = c.conrelid
				          and ((string_to_array(i.indkey::text, ' ')::int2[])[1] = c.conkey[1]
				               or (string_to_array(i.indkey::text, ' ')::int2[])[1:cardinality(c.conkey)] @> c.conkey))
				 group by c.oid, c.conrelid
				 order by 1
				""").query(String.class).list();
		assertThat(unindexed).as("foreign keys without an index starting with their columns").isEmpty();
	}

}
