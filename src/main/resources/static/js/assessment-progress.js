// Follows a running assessment through its server-sent events and shows the final state
// when it ends.
(() => {
  'use strict';

  const card = document.getElementById('progress-card');
  const id = card.dataset.assessmentId;
  const csrfToken = document.querySelector('meta[name="_csrf"]')?.content;
  const csrfHeader = document.querySelector('meta[name="_csrf_header"]')?.content;
  
  document.getElementById('cancel')?.addEventListener('click', async (event) => {
    event.target.disabled = true;
    const headers = csrfHeader && csrfToken ? { [csrfHeader]: csrfToken } : {};
    await fetch(`/v1/assessments/${id}`, { method: 'DELETE', headers, credentials: 'same-origin' });
    window.location.reload();
  });

  if (card.dataset.finished === 'true') return;

  const events = new EventSource(`/v1/assessments/${id}/events`);
  events.addEventListener('progress', (event) => {
    const progress = JSON.parse(event.data);
    const bar = document.getElementById('progress-bar');
    bar.max = progress.total;
    bar.value = progress.done;
    document.getElementById('progress-text').textContent = word('progress', progress.done, progress.total);
    const status = document.querySelector('#status .status');
    status.textContent = word(`status.${progress.status}`);
    status.className = `status ${progress.status}`;
  });
  events.addEventListener('end', () => {
    events.close();
    window.location.reload();
  });
})();
