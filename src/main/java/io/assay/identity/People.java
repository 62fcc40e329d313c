package io.assay.identity;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The people of the bound organisation as other modules need them: a name to show and a
 * role to check, without reading the users table themselves.
 */
@Service
public class People {

	private final JdbcClient db;

	People(JdbcClient db) {
		this.db = db;
	}

	/** A person of the organisation; {@code active} is false once deactivated. */
	public record Person(UUID id, String name, Role role, boolean active) {

		/** Handles projects: uploads, runs, reviews (administrators may too). */
		public boolean handlesProjects() {
			return this.role == Role.PROJECT_HANDLER || this.role == Role.ADMIN;
		}

	}

	/** The person with this id in the bound organisation, if there is one. */
	@Transactional(readOnly = true)
	public Optional<Person> find(UUID id) {
		return this.db.sql("select id, name, role, is_active from users where id = ?")
			.param(id)
			.query((rs, n) -> new Person(rs.getObject(1, UUID.class), rs.getString(2),
					Role.of(rs.getString(3)).orElseThrow(), rs.getBoolean(4)))
			.optional();
	}

	/** The active people who may own, review and sign off submissions, by name. */
	@Transactional(readOnly = true)
	public java.util.List<Person> projectHandlers() {
		return this.db.sql("""
				select id, name, role, is_active from users
				 where is_active and role in ('project_handler', 'admin') order by lower(name), id
				""")
			.query((rs, n) -> new Person(rs.getObject(1, UUID.class), rs.getString(2),
					Role.of(rs.getString(3)).orElseThrow(), rs.getBoolean(4)))
			.list();
	}

	/** Everyone in the bound organisation, active or not, by name. */
	@Transactional(readOnly = true)
	public java.util.List<Person> everyone() {
		return this.db.sql("select id, name, role, is_active from users order by lower(name), id")
			.query((rs, n) -> new Person(rs.getObject(1, UUID.class), rs.getString(2),
					Role.of(rs.getString(3)).orElseThrow(), rs.getBoolean(4)))
			.list();
	}

	/** The people among {@code ids} that are in the bound organisation, by id. */
	@Transactional(readOnly = true)
	public Map<UUID, Person> find(Collection<UUID> ids) {
		UUID[] wanted = ids.stream().filter(Objects::nonNull).distinct().toArray(UUID[]::new);
		Map<UUID, Person> found = new LinkedHashMap<>();
		if (wanted.length == 0) {
			return found;
		}
		this.db.sql("select id, name, role, is_active from users where id = any(?)")
			.param(wanted)
			.query((rs, n) -> new Person(rs.getObject(1, UUID.class), rs.getString(2),
					Role.of(rs.getString(3)).orElseThrow(), rs.getBoolean(4)))
			.list()
			.forEach(person -> found.put(person.id(), person));
		return found;
	}

}
