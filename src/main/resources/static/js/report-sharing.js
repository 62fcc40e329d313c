// Makes a share link to the report, shows it once, and revokes it on request.
(() => {
  'use strict';

  const actions = document.getElementById('report-actions');
  const share = document.getElementById('share');
  if (!actions || !share) return;
  const id = actions.dataset.assessmentId;
  const panel = document.getElementById('share-panel');
  const state = document.getElementById('share-state');
  const csrfToken = document.querySelector('meta[name="_csrf"]')?.content;
  const csrfHeader = document.querySelector('meta[name="_csrf_header"]')?.content;
  const headers = (extra = {}) => (csrfHeader && csrfToken ? { ...extra, [csrfHeader]: csrfToken } : extra);
  let shareId = null;

  share.addEventListener('click', async () => {
    share.disabled = true;
    const response = await fetch(`/v1/assessments/${id}/share`, {
      method: 'POST', credentials: 'same-origin',
      headers: headers({ 'Content-Type': 'application/json' }), body: JSON.stringify({}),
    });
    share.disabled = false;
    const body = await response.json().catch(() => ({}));
    panel.hidden = false;
    if (!response.ok) {
      state.textContent = body.detail || 'The link could not be made.';
      return;
    }
    shareId = body.id;
    document.getElementById('share-url').value = body.url;
    document.getElementById('share-expires').textContent = new Date(body.expires_at).toLocaleString();
    document.getElementById('share-revoke').disabled = false;
    state.textContent = '';
  });

  document.getElementById('share-revoke').addEventListener('click', async (event) => {
    if (!shareId) return;
    event.target.disabled = true;
    const response = await fetch(`/v1/assessments/${id}/shares/${shareId}`, {
      method: 'DELETE', credentials: 'same-origin', headers: headers(),
    });
    state.textContent = response.ok ? 'Revoked: the link no longer opens the report.' : 'The link could not be revoked.';
    if (!response.ok) event.target.disabled = false;
  });
})();
