package io.assay.assessment.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import io.assay.assessment.ResultComments;
import io.assay.assessment.Results;
import io.assay.assessment.SignOffs;
import io.assay.identity.CurrentUser;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Component;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.TemplateSpec;
import org.thymeleaf.context.WebContext;
import org.thymeleaf.spring6.expression.ThymeleafEvaluationContext;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.web.servlet.JakartaServletWebApplication;

/**
 * The result cards of the results page, each rendered by the {@code card} fragment and
 * kept: a card is the same HTML as long as its result, its comments, the reader's
 * language and what the reader may do are the same, and those are what it is kept by, so
 * a kept card can never be out of date. Rendering 200 cards is most of the page's time;
 * opening the page again (a reviewer comes back to it all day) renders only the cards
 * that changed, and a page whose cards are all as they were is sent as it was joined.
 */
@Component
class ResultCards {

	/**
	 * Kept cards take at most a sixteenth of the heap (two bytes a character), and no
	 * more than 64 MB; the least recently shown go first.
	 */
	private static final long KEPT_CHARACTERS = Math.min(32L * 1024 * 1024, Runtime.getRuntime().maxMemory() / 32);

	/**
	 * Kept pages of cards take at most a thirty-second of the heap, and no more than 32
	 * MB: at 512 MB, some fifteen runs of 200 criteria (440 KB of HTML each).
	 */
	private static final long KEPT_PAGE_CHARACTERS = Math.min(16L * 1024 * 1024, Runtime.getRuntime().maxMemory() / 64);

	private static final TemplateSpec CARD = new TemplateSpec("assessment/result-card", Set.of("card"),
			TemplateMode.HTML, null);

	private final ITemplateEngine templates;

	private final ApplicationContext beans;

	private final JakartaServletWebApplication application;

	private final Kept<Key> kept = new Kept<>(KEPT_CHARACTERS);

	/**
	 * The cards of a page as one piece, by the keys of its cards: a page shown again as
	 * it was is not joined again (joining 200 cards was most of what the page allocated).
	 */
	private final Kept<List<Key>> pages = new Kept<>(KEPT_PAGE_CHARACTERS);

	ResultCards(ITemplateEngine templates, ApplicationContext context, ServletContext servletContext) {
		this.templates = templates;
		this.beans = context;
		this.application = JakartaServletWebApplication.buildApplication(servletContext);
	}

	/**
	 * Everything a card's HTML depends on. A result is hashed by its id and compared by
	 * identity first: results shown again are the same objects (see
	 * {@code Results.list}), and hashing or comparing everything in 200 of them was a
	 * tenth of the page's time.
	 */
	private record Key(Results.Result result, @Nullable List<ResultComments.Comment> thread, boolean runsAssessments,
			boolean definesWorkflows, boolean signedOff, Locale locale) {

		@Override
		public int hashCode() {
			return java.util.Objects.hash(this.result.id(), this.thread, this.runsAssessments, this.definesWorkflows,
					this.signedOff, this.locale);
		}

		@Override
		public boolean equals(Object other) {
			return other instanceof Key key && (this.result == key.result || this.result.equals(key.result))
					&& java.util.Objects.equals(this.thread, key.thread) && this.runsAssessments == key.runsAssessments
					&& this.definesWorkflows == key.definesWorkflows && this.signedOff == key.signedOff
					&& this.locale.equals(key.locale);
		}

	}

	/**
	 * The results' cards in the reader's language, one after the other in the order of
	 * {@code results}: the page inserts them as one piece rather than looking up 200.
	 */
	String render(List<Results.Result> results, Map<UUID, List<ResultComments.Comment>> comments,
			@Nullable CurrentUser me, SignOffs.@Nullable SignOff signOff, Locale locale, HttpServletRequest request,
			HttpServletResponse response) {
		List<Key> keys = new java.util.ArrayList<>(results.size());
		for (Results.Result result : results) {
			keys.add(new Key(result, comments.get(result.id()), me != null && me.runsAssessments(),
					me != null && me.definesWorkflows(), signOff != null, locale));
		}
		String page = this.pages.get(keys);
		if (page != null) {
			return page;
		}
		List<String> cards = new java.util.ArrayList<>(keys.size());
		WebContext context = null;
		for (Key key : keys) {
			Results.Result result = key.result();
			List<ResultComments.Comment> thread = key.thread();
			String card = this.kept.get(key);
			if (card == null) {
				if (context == null) {
					context = new WebContext(this.application.buildExchange(request, response), locale);
					// An evaluation context of its own: Thymeleaf sets each template's
					// expression objects (#locale among them) on it, so one shared by two
					// requests at once could render a card in the other's language.
					context.setVariable(ThymeleafEvaluationContext.THYMELEAF_EVALUATION_CONTEXT_CONTEXT_VARIABLE_NAME,
							new ThymeleafEvaluationContext(this.beans, null));
					context.setVariable("me", me);
					context.setVariable("signOff", signOff);
				}
				context.setVariable("result", result);
				context.setVariable("comments", thread == null ? Map.of() : Map.of(result.id(), thread));
				card = this.templates.process(CARD, context);
				this.kept.put(key, card);
			}
			cards.add(card);
		}
		page = String.join("", cards);
		this.pages.put(List.copyOf(keys), page);
		return page;
	}

	/** HTML kept by what it depends on, up to a number of characters. */
	private static final class Kept<K> {

		private final LinkedHashMap<K, String> cards = new LinkedHashMap<>(1024, 0.75f, true);

		private final long most;

		private long characters;

		Kept(long most) {
			this.most = most;
		}

		synchronized @Nullable String get(K key) {
			return this.cards.get(key);
		}

		synchronized void put(K key, String card) {
			String before = this.cards.put(key, card);
			this.characters += card.length() - (before == null ? 0 : before.length());
			var eldest = this.cards.entrySet().iterator();
			while (this.characters > this.most && eldest.hasNext()) {
				this.characters -= eldest.next().getValue().length();
				eldest.remove();
			}
		}

	}

}
