// Reviewing on the results page: confirm the AI's verdict, or overrule it with a reason,
// from the buttons or the keyboard. A review replaces its card where it stands (the list
// keeps its order until the reviewer reloads or filters) and moves on to the next
// criterion.
(() => {
  'use strict';

  const results = document.getElementById('results');
  if (!results) return;
  const id = results.dataset.assessmentId;
  const csrfToken = document.querySelector('meta[name="_csrf"]')?.content;
  const csrfHeader = document.querySelector('meta[name="_csrf_header"]')?.content;
  const announce = document.getElementById('review-status');

  const cards = () => [...results.querySelectorAll('li.result')];

  function current() {
    return document.activeElement?.closest('li.result') ?? results.querySelector('li.result.current');
  }

  function focusCard(card) {
    if (!card) return;
    results.querySelectorAll('li.result.current').forEach((other) => other.classList.remove('current'));
    card.classList.add('current');
    card.scrollIntoView({ block: 'nearest' });
    card.focus();
  }

  function step(direction) {
    const all = cards();
    const at = all.indexOf(current());
    focusCard(all[at < 0 ? (direction > 0 ? 0 : all.length - 1) : at + direction] ?? all[at]);
  }

  // The card's form to overrule, made from the page's template the first time it is
  // opened, with the buttons for what the AI said.
  function overruleForm(card) {
    const existing = card.querySelector('form.review-form');
    const opener = card.querySelector('.open-overrule');
    const template = document.getElementById('overrule-form');
    if (existing || !opener || !template) return existing;
    const form = template.content.firstElementChild.cloneNode(true);
    const resultId = card.dataset.resultId;
    form.id = `overrule-${resultId}`;
    form.hidden = true;
    form.querySelector('label').htmlFor = `comment-${resultId}`;
    form.elements.comment.id = `comment-${resultId}`;
    form.querySelectorAll('button[data-when]').forEach((button) => {
      if (button.dataset.when !== opener.dataset.aiSaid) button.remove();
    });
    opener.closest('.review-actions').after(form);
    opener.setAttribute('aria-controls', form.id);
    return form;
  }

  function openOverrule(card) {
    const form = card && overruleForm(card);
    if (!form) return;
    form.hidden = false;
    card.querySelector('.open-overrule')?.setAttribute('aria-expanded', 'true');
    form.elements.comment.focus();
  }

  function closeOverrule(card) {
    const form = card.querySelector('form.review-form');
    if (!form) return;
    form.hidden = true;
    const opener = card.querySelector('.open-overrule');
    opener?.setAttribute('aria-expanded', 'false');
    opener?.focus();
  }

  // The card and the summary as the server now renders them.
  async function refresh(card) {
    const response = await fetch(`/assessments/${id}/results/${card.dataset.resultId}`, { credentials: 'same-origin' });
    if (!response.ok) throw new Error(word('review.not-shown', response.status));
    const html = new DOMParser().parseFromString(await response.text(), 'text/html');
    const fresh = html.querySelector('li.result');
    const summary = html.querySelector('#result-summary');
    const wasCurrent = card.classList.contains('current');
    card.replaceWith(fresh);
    if (wasCurrent) fresh.classList.add('current');
    if (summary) document.getElementById('result-summary').replaceWith(summary);
    return fresh;
  }

  async function review(button) {
    const card = button.closest('li.result');
    const form = card.querySelector('form.review-form');
    const error = card.querySelector('.review-error');
    const body = { decision: button.dataset.decision };
    if (button.dataset.decision === 'overrule') body.comment = form.elements.comment.value;
    if (button.dataset.pass) body.pass = button.dataset.pass === 'true';
    const headers = { 'Content-Type': 'application/json' };
    if (csrfHeader && csrfToken) headers[csrfHeader] = csrfToken;
    card.querySelectorAll('.review-actions button, form.review-form button').forEach((b) => { b.disabled = true; });
    const response = await fetch(`/v1/assessments/${id}/results/${card.dataset.resultId}/review`, {
      method: 'POST', headers, credentials: 'same-origin', body: JSON.stringify(body),
    });
    if (!response.ok) {
      const problem = await response.json().catch(() => ({}));
      error.textContent = problem.errors?.map((e) => e.message).join(' ') || problem.detail || word('review.not-saved');
      error.hidden = false;
      card.querySelectorAll('button').forEach((b) => { b.disabled = false; });
      if (form && !form.hidden) form.elements.comment.focus();
      return;
    }
    const fresh = await refresh(card);
    const name = fresh.querySelector('h3').textContent;
    const next = cards()[cards().indexOf(fresh) + 1];
    announce.textContent = `${name}: ${fresh.querySelector('.verdict .badge').textContent}.`
      + (next ? ` Next: ${next.querySelector('h3').textContent}.` : ' That was the last criterion.');
    focusCard(next ?? fresh);
  }

  results.addEventListener('click', (event) => {
    const decision = event.target.closest('button[data-decision]');
    if (decision) {
      review(decision).catch((failure) => {
        const error = decision.closest('li.result')?.querySelector('.review-error');
        if (error) { error.textContent = word('review.not-saved-because', failure.message); error.hidden = false; }
      });
      return;
    }
    if (event.target.closest('.open-overrule')) openOverrule(event.target.closest('li.result'));
    if (event.target.closest('.cancel-overrule')) closeOverrule(event.target.closest('li.result'));
  });

  results.addEventListener('focusin', (event) => {
    const card = event.target.closest('li.result');
    if (card && !card.classList.contains('current')) {
      results.querySelectorAll('li.result.current').forEach((other) => other.classList.remove('current'));
      card.classList.add('current');
    }
  });

  // Comments (run-sign-off.js) change a card too.
  document.addEventListener('assay:result-changed', (event) => {
    const card = results.querySelector(`li.result[data-result-id="${event.detail.resultId}"]`);
    if (card) refresh(card).then((fresh) => fresh.querySelector('.comments').setAttribute('open', ''));
  });

  document.addEventListener('keydown', (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (event.key === 'Escape') {
      const form = event.target.closest('form.review-form');
      if (form) {
        event.preventDefault();
        closeOverrule(form.closest('li.result'));
      }
      return;
    }
    if (event.target.closest('input, textarea, select, [contenteditable="true"]')) return;
    const card = current();
    const actions = {
      ']': () => step(1),
      '[': () => step(-1),
      c: () => card?.querySelector('button[data-decision="confirm"]')?.click(),
      o: () => openOverrule(card),
    };
    const action = actions[event.key];
    if (action) {
      event.preventDefault();
      action();
    }
  });
})();
