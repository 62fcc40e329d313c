// Run again: a file chosen for a bucket is uploaded at once and either replaces that
// bucket's documents or is added to them; documents can be removed one by one. "Run again"
// starts the submission's next run and opens it.
(() => {
  'use strict';

  const card = document.getElementById('rerun');
  if (!card) return;
  const id = card.dataset.assessmentId;
  const csrfToken = document.querySelector('meta[name="_csrf"]')?.content;
  const csrfHeader = document.querySelector('meta[name="_csrf_header"]')?.content;
  const headers = (extra = {}) => (csrfHeader && csrfToken ? { ...extra, [csrfHeader]: csrfToken } : extra);
  const replacements = new Map();
  const additions = new Map();
  const start = document.getElementById('rerun-start');
  const error = document.getElementById('rerun-error');
  let uploading = 0;

  card.querySelectorAll('.rerun-bucket input[type=file]').forEach((input) => {
    input.addEventListener('change', async () => {
      const bucket = input.closest('.rerun-bucket');
      const state = bucket.querySelector('.rerun-state');
      const file = input.files[0];
      if (!file) return;
      const adding = input.classList.contains('rerun-add');
      (adding ? additions : replacements).delete(bucket.dataset.bucketId);
      state.textContent = word('rerun.uploading', file.name);
      uploading++;
      start.disabled = true;
      const form = new FormData();
      form.append('bucket_id', bucket.dataset.bucketId);
      form.append('file', file, file.name);
      const response = await fetch('/v1/documents', {
        method: 'POST', body: form, credentials: 'same-origin', headers: headers({ Accept: 'application/json' }),
      });
      const body = await response.json().catch(() => ({}));
      uploading--;
      start.disabled = uploading > 0;
      if (response.ok) {
        (adding ? additions : replacements).set(bucket.dataset.bucketId, body.id);
        state.textContent = adding ? word('rerun.ready-add', file.name) : word('rerun.ready-replace', file.name);
        state.className = 'rerun-state small ready';
      } else {
        state.textContent = word('rerun.refused', body.detail || response.status);
        state.className = 'rerun-state small refused';
      }
    });
  });

  start.addEventListener('click', async () => {
    start.disabled = true;
    error.hidden = true;
    const replace = [...replacements].map(([bucket, document]) => ({ bucket_id: bucket, document_id: document }));
    const add = [...additions].map(([bucket, document]) => ({ bucket_id: bucket, document_id: document }));
    const remove = [...card.querySelectorAll('.rerun-remove:checked')].map((box) => box.value);
    const response = await fetch(`/v1/assessments/${id}/rerun`, {
      method: 'POST', credentials: 'same-origin',
      headers: headers({ 'Content-Type': 'application/json' }), body: JSON.stringify({ replace, add, remove }),
    });
    const body = await response.json().catch(() => ({}));
    if (response.ok) {
      window.location.assign(`/assessments/${body.id}`);
      return;
    }
    error.textContent = body.errors?.map((e) => e.message).join(' ') || body.detail || word('rerun.not-started');
    error.hidden = false;
    start.disabled = false;
  });
})();
