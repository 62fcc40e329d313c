package io.assay.assessment.web;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import io.assay.assessment.ResultComments;
import io.assay.assessment.Results;
import io.assay.assessment.SignOffs;
import io.assay.identity.CurrentUser;
import org.jspecify.annotations.Nullable;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * The result cards of the results page, each written by {@link ResultCard} and kept: a
 * card is the same HTML as long as its result, its comments, the reader's language and
 * whether the reader may review it are the same, and those are what it is kept by, so a
 * kept card can never be out of date. Opening the page again (a reviewer comes back to it
 * all day) writes only the cards that changed, and a page whose cards are all as they
 * were is sent as it was joined.
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

	private final MessageSource messages;

	private final Kept<Key> kept = new Kept<>(KEPT_CHARACTERS);

	/**
	 * The cards of a page as one piece, by the keys of its cards: a page shown again as
	 * it was is not joined again (joining 200 cards was most of what the page allocated).
	 */
	private final Kept<List<Key>> pages = new Kept<>(KEPT_PAGE_CHARACTERS);

	ResultCards(MessageSource messages) {
		this.messages = messages;
	}

	/**
	 * Everything a card's HTML depends on. A result is hashed by its id and compared by
	 * identity first: results shown again are the same objects (see
	 * {@code Results.list}), and hashing or comparing everything in 200 of them was a
	 * tenth of the page's time.
	 */
	private record Key(Results.Result result, @Nullable List<ResultComments.Comment> thread, boolean reviewable,
			Locale locale, String contextPath) {

		@Override
		public int hashCode() {
			return java.util.Objects.hash(this.result.id(), this.thread, this.reviewable, this.locale);
		}

		@Override
		public boolean equals(Object other) {
			return other instanceof Key key && (this.result == key.result || this.result.equals(key.result))
					&& java.util.Objects.equals(this.thread, key.thread) && this.reviewable == key.reviewable
					&& this.locale.equals(key.locale) && this.contextPath.equals(key.contextPath);
		}

	}

	/**
	 * The results' cards in the reader's language, one after the other in the order of
	 * {@code results}: the page inserts them as one piece rather than looking up 200.
	 */
	String render(List<Results.Result> results, Map<UUID, List<ResultComments.Comment>> comments,
			@Nullable CurrentUser me, SignOffs.@Nullable SignOff signOff, Locale locale, String contextPath) {
		boolean reviewable = me != null && me.runsAssessments() && signOff == null;
		List<Key> keys = new java.util.ArrayList<>(results.size());
		for (Results.Result result : results) {
			keys.add(new Key(result, comments.get(result.id()), reviewable, locale, contextPath));
		}
		String page = this.pages.get(keys);
		if (page != null) {
			return page;
		}
		List<String> cards = new java.util.ArrayList<>(keys.size());
		ResultCard writer = null;
		for (Key key : keys) {
			String card = this.kept.get(key);
			if (card == null) {
				if (writer == null) {
					writer = new ResultCard(this.messages, locale, contextPath);
				}
				card = writer.html(key.result(), key.thread(), key.reviewable());
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
