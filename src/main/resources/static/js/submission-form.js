// Sends a submission form to the API as JSON (create, or change who works on it) and shows
// the API's messages next to their fields; on success it opens the submission.
(() => {
  'use strict';

  const form = document.getElementById('submission-form');
  if (!form) return;
  const csrfToken = document.querySelector('meta[name="_csrf"]')?.content;
  const csrfHeader = document.querySelector('meta[name="_csrf_header"]')?.content;
  const formError = document.getElementById('form-error');

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = {};
    for (const element of form.elements) {
      if (!element.name) continue;
      const value = element.value.trim();
      // Empty choices clear a field when changing, and are left out when creating.
      if (value) body[element.name] = value;
      else if (form.dataset.method === 'PATCH') body[element.name] = null;
    }
    form.querySelectorAll('.field-error').forEach((p) => { p.hidden = true; });
    formError.hidden = true;
    const headers = { 'Content-Type': 'application/json', Accept: 'application/json' };
    if (csrfHeader && csrfToken) headers[csrfHeader] = csrfToken;
    const submit = form.querySelector('button[type=submit]');
    submit.disabled = true;
    try {
      const response = await fetch(form.dataset.action, {
        method: form.dataset.method, headers, credentials: 'same-origin', body: JSON.stringify(body),
      });
      const payload = await response.json().catch(() => ({}));
      if (response.ok) {
        window.location.assign(`/submissions/${payload.id}`);
        return;
      }
      const unplaced = [];
      for (const error of payload.errors ?? []) {
        const slot = form.querySelector(`.field-error[data-field="${CSS.escape(error.field)}"]`);
        if (slot) {
          slot.textContent = error.message;
          slot.hidden = false;
        } else {
          unplaced.push(`${error.field}: ${error.message}`);
        }
      }
      if (unplaced.length || !payload.errors) {
        formError.textContent = unplaced.join(' ') || payload.detail || word('server-answered', response.status);
        formError.hidden = false;
        formError.focus();
      }
    } catch {
      formError.textContent = word('unreachable');
      formError.hidden = false;
    }
    submit.disabled = false;
  });
})();
