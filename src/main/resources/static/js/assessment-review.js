// Sends a reviewer's verdict on one result (confirm, or overrule with a comment) and shows
// the page again with it.
(() => {
  'use strict';

  const results = document.getElementById('results');
  if (!results) return;
  const id = results.dataset.assessmentId;
  const csrfToken = document.querySelector('meta[name="_csrf"]')?.content;
  const csrfHeader = document.querySelector('meta[name="_csrf_header"]')?.content;

  results.addEventListener('click', async (event) => {
    const button = event.target.closest('button[data-decision]');
    if (!button) return;
    const form = button.closest('form');
    const resultId = button.closest('[data-result-id]').dataset.resultId;
    const error = form.querySelector('.error');
    const body = { decision: button.dataset.decision, comment: form.elements.comment.value };
    if (button.dataset.pass) body.pass = button.dataset.pass === 'true';
    const headers = { 'Content-Type': 'application/json' };
    if (csrfHeader && csrfToken) headers[csrfHeader] = csrfToken;
    form.querySelectorAll('button').forEach((b) => { b.disabled = true; });
    const response = await fetch(`/v1/assessments/${id}/results/${resultId}/review`, {
      method: 'POST', headers, credentials: 'same-origin', body: JSON.stringify(body),
    });
    if (response.ok) {
      window.location.reload();
      return;
    }
    const problem = await response.json().catch(() => ({}));
    error.textContent = problem.errors?.map((e) => e.message).join(' ') || problem.detail || 'The review could not be saved.';
    error.hidden = false;
    form.querySelectorAll('button').forEach((b) => { b.disabled = false; });
  });
})();
