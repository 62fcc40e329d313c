// Saves who may sign off runs of this workflow's submissions, through the API.
(() => {
  'use strict';

  const card = document.getElementById('sign-off-policy');
  const save = document.getElementById('save-sign-off-policy');
  if (!card || !save) return;
  const csrfToken = document.querySelector('meta[name="_csrf"]')?.content;
  const csrfHeader = document.querySelector('meta[name="_csrf_header"]')?.content;
  const state = document.getElementById('sign-off-policy-state');

  save.addEventListener('click', async () => {
    const headers = { 'Content-Type': 'application/json', Accept: 'application/json' };
    if (csrfHeader && csrfToken) headers[csrfHeader] = csrfToken;
    save.disabled = true;
    try {
      const response = await fetch(`/v1/workflows/${card.dataset.workflowId}/sign-off`, {
        method: 'PUT', headers, credentials: 'same-origin',
        body: JSON.stringify({ policy: document.getElementById('sign-off-policy-choice').value }),
      });
      const body = await response.json().catch(() => ({}));
      state.textContent = response.ok ? word('saved') : (body.errors?.[0]?.message ?? body.detail ?? word('server-answered', response.status));
    } catch {
      state.textContent = word('unreachable');
    }
    save.disabled = false;
  });
})();
