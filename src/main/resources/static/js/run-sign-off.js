// A run's review to its end: comments beside each verdict, the sign-off, a reopen with a
// reason, and asking an incomplete run's unanswered criteria again. Each goes through the
// API; its message is shown where the action was taken.
(() => {
  'use strict';

  const csrfToken = document.querySelector('meta[name="_csrf"]')?.content;
  const csrfHeader = document.querySelector('meta[name="_csrf_header"]')?.content;
  const assessmentId = document.getElementById('results')?.dataset.assessmentId;
  if (!assessmentId) return;

  async function send(path, body, form, done = () => window.location.reload()) {
    const error = form.querySelector('.error');
    error.hidden = true;
    const headers = { 'Content-Type': 'application/json', Accept: 'application/json' };
    if (csrfHeader && csrfToken) headers[csrfHeader] = csrfToken;
    form.querySelectorAll('button').forEach((b) => { b.disabled = true; });
    try {
      const response = await fetch(path, { method: 'POST', headers, credentials: 'same-origin', body: JSON.stringify(body) });
      if (response.ok) {
        done();
        return;
      }
      const problem = await response.json().catch(() => ({}));
      error.textContent = problem.errors?.map((e) => e.message).join(' ') || problem.detail || word('server-answered', response.status);
    } catch {
      error.textContent = word('unreachable');
    }
    error.hidden = false;
    form.querySelectorAll('button').forEach((b) => { b.disabled = false; });
  }

  document.getElementById('sign-off-submit')?.addEventListener('click', () => {
    const form = document.getElementById('sign-off-form');
    send(`/v1/assessments/${assessmentId}/sign-off`, { statement: form.elements.statement.value }, form);
  });

  document.getElementById('retry-unanswered')?.addEventListener('click', () => {
    send(`/v1/assessments/${assessmentId}/retry`, {}, document.getElementById('retry-form'));
  });

  document.getElementById('reopen')?.addEventListener('click', () => {
    const form = document.getElementById('reopen-form');
    send(`/v1/assessments/${assessmentId}/reopen`, { reason: form.elements.reason.value }, form);
  });

  // A card's form to comment, made from the page's template (there for those who may
  // comment) when its comments are first opened, by the reader or by the page after a
  // comment was added.
  function commentForm(comments) {
    const template = document.getElementById('comment-form');
    if (!template || comments.querySelector('form.comment-form')) return;
    const form = template.content.firstElementChild.cloneNode(true);
    const id = `new-comment-${comments.closest('[data-result-id]').dataset.resultId}`;
    form.querySelector('label').htmlFor = id;
    form.elements.body.id = id;
    comments.append(form);
  }

  // Toggle does not bubble; caught on the way down.
  document.getElementById('results').addEventListener('toggle', (event) => {
    if (event.target.matches('details.comments') && event.target.open) commentForm(event.target);
  }, true);

  document.getElementById('results').addEventListener('click', (event) => {
    // Made on the click too, before the toggle, so that it is there at once.
    const summary = event.target.closest('details.comments > summary');
    if (summary) commentForm(summary.parentElement);
    const button = event.target.closest('button[data-comment]');
    if (!button) return;
    const form = button.closest('form');
    const resultId = button.closest('[data-result-id]').dataset.resultId;
    send(`/v1/assessments/${assessmentId}/results/${resultId}/comments`, { body: form.elements.body.value }, form,
      () => document.dispatchEvent(new CustomEvent('assay:result-changed', { detail: { resultId } })));
  });
})();
