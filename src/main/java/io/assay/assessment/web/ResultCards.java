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
 * that changed.
 */
@Component
class ResultCards {

	/**
	 * About 64 MB of kept cards (two bytes a character), the least recently shown going.
	 */
	private static final long KEPT_CHARACTERS = 32L * 1024 * 1024;

	private static final TemplateSpec CARD = new TemplateSpec("assessment/result-card", Set.of("card"),
			TemplateMode.HTML, null);

	private final ITemplateEngine templates;

	private final ThymeleafEvaluationContext beans;

	private final JakartaServletWebApplication application;

	private final Kept kept = new Kept();

	ResultCards(ITemplateEngine templates, ApplicationContext context, ServletContext servletContext) {
		this.templates = templates;
		this.beans = new ThymeleafEvaluationContext(context, null);
		this.application = JakartaServletWebApplication.buildApplication(servletContext);
	}

	/** Everything a card's HTML depends on. */
	private record Key(Results.Result result, @Nullable List<ResultComments.Comment> thread, boolean runsAssessments,
			boolean definesWorkflows, boolean signedOff, Locale locale) {
	}

	/**
	 * The results' cards in the reader's language, one after the other in the order of
	 * {@code results}: the page inserts them as one piece rather than looking up 200.
	 */
	String render(List<Results.Result> results, Map<UUID, List<ResultComments.Comment>> comments,
			@Nullable CurrentUser me, SignOffs.@Nullable SignOff signOff, Locale locale, HttpServletRequest request,
			HttpServletResponse response) {
		StringBuilder cards = new StringBuilder();
		WebContext context = null;
		for (Results.Result result : results) {
			List<ResultComments.Comment> thread = comments.get(result.id());
			Key key = new Key(result, thread, me != null && me.runsAssessments(), me != null && me.definesWorkflows(),
					signOff != null, locale);
			String card = this.kept.get(key);
			if (card == null) {
				if (context == null) {
					context = new WebContext(this.application.buildExchange(request, response), locale);
					context.setVariable(ThymeleafEvaluationContext.THYMELEAF_EVALUATION_CONTEXT_CONTEXT_VARIABLE_NAME,
							this.beans);
					context.setVariable("me", me);
					context.setVariable("signOff", signOff);
				}
				context.setVariable("result", result);
				context.setVariable("comments", thread == null ? Map.of() : Map.of(result.id(), thread));
				card = this.templates.process(CARD, context);
				this.kept.put(key, card);
			}
			cards.append(card);
		}
		return cards.toString();
	}

	/** Cards kept by what they depend on, up to {@link #KEPT_CHARACTERS}. */
	private static final class Kept {

		private final LinkedHashMap<Key, String> cards = new LinkedHashMap<>(1024, 0.75f, true);

		private long characters;

		synchronized @Nullable String get(Key key) {
			return this.cards.get(key);
		}

		synchronized void put(Key key, String card) {
			String before = this.cards.put(key, card);
			this.characters += card.length() - (before == null ? 0 : before.length());
			var eldest = this.cards.entrySet().iterator();
			while (this.characters > KEPT_CHARACTERS && eldest.hasNext()) {
				this.characters -= eldest.next().getValue().length();
				eldest.remove();
			}
		}

	}

}
