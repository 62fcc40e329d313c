// Share links to the report: choose how long a link works, make it (shown once, with a
// copy button), and see and revoke the links made for this run.
(() => {
  'use strict';

  const actions = document.getElementById('report-actions');
  const share = document.getElementById('share');
  if (!actions || !share) return;
  const id = actions.dataset.assessmentId;
  const panel = document.getElementById('share-panel');
  const state = document.getElementById('share-state');
  const list = document.getElementById('share-list');
  const csrfToken = document.querySelector('meta[name="_csrf"]')?.content;
  const csrfHeader = document.querySelector('meta[name="_csrf_header"]')?.content;
  const headers = (extra = {}) => (csrfHeader && csrfToken ? { ...extra, [csrfHeader]: csrfToken } : extra);
  const when = (instant) => new Date(instant).toLocaleString(document.documentElement.lang);

  async function refresh() {
    const response = await fetch(`/v1/assessments/${id}/shares`, { credentials: 'same-origin' });
    if (!response.ok) return;
    const links = await response.json();
    const items = Array.isArray(links) ? links : (links.items ?? []);
    list.replaceChildren();
    if (items.length === 0) {
      const none = document.createElement('li');
      none.className = 'muted';
      none.textContent = word('share.none');
      list.append(none);
      return;
    }
    for (const link of items) {
      const item = document.createElement('li');
      item.className = 'share-link';
      item.dataset.shareId = link.id;
      const text = document.createElement('span');
      text.textContent = link.active
        ? word('share.active', when(link.created_at), when(link.expires_at))
        : link.revoked_at ? word('share.revoked-on', when(link.created_at), when(link.revoked_at))
          : word('share.expired-on', when(link.created_at), when(link.expires_at));
      item.append(text);
      if (link.active) {
        const revoke = document.createElement('button');
        revoke.type = 'button';
        revoke.className = 'button secondary small share-revoke';
        revoke.textContent = word('share.revoke');
        revoke.setAttribute('aria-label', word('share.revoke-label', when(link.created_at)));
        item.append(' ', revoke);
      }
      list.append(item);
    }
  }

  share.addEventListener('click', () => {
    panel.hidden = !panel.hidden;
    if (!panel.hidden) {
      refresh();
      document.getElementById('share-days').focus();
    }
  });

  document.getElementById('share-create').addEventListener('click', async (event) => {
    event.target.disabled = true;
    const days = Number(document.getElementById('share-days').value);
    const response = await fetch(`/v1/assessments/${id}/share`, {
      method: 'POST', credentials: 'same-origin',
      headers: headers({ 'Content-Type': 'application/json' }), body: JSON.stringify({ expires_in_days: days }),
    });
    event.target.disabled = false;
    const body = await response.json().catch(() => ({}));
    if (!response.ok) {
      state.textContent = body.errors?.map((e) => e.message).join(' ') || body.detail || word('share.not-made');
      return;
    }
    document.getElementById('share-new').hidden = false;
    document.getElementById('share-url').value = body.url;
    document.getElementById('share-expires').textContent = when(body.expires_at);
    state.textContent = '';
    document.getElementById('share-url').select();
    await refresh();
  });

  document.getElementById('share-copy').addEventListener('click', async () => {
    const url = document.getElementById('share-url');
    try {
      await navigator.clipboard.writeText(url.value);
      state.textContent = word('share.copied');
    } catch {
      url.select();
      state.textContent = word('share.copy-yourself');
    }
  });

  list.addEventListener('click', async (event) => {
    const button = event.target.closest('button.share-revoke');
    if (!button) return;
    button.disabled = true;
    const shareId = button.closest('li').dataset.shareId;
    const response = await fetch(`/v1/assessments/${id}/shares/${shareId}`, {
      method: 'DELETE', credentials: 'same-origin', headers: headers(),
    });
    state.textContent = response.ok ? word('share.revoked') : word('share.not-revoked');
    if (!response.ok) button.disabled = false;
    await refresh();
  });
})();
