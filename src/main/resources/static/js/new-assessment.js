// A new assessment: files dropped (or chosen) into each bucket upload at once through the
// API, each with its own progress bar and, if refused, the reason; the start button says
// what is still missing. File names only ever enter the page as text.
(() => {
  'use strict';

  const root = document.getElementById('buckets');
  const workflowId = root.dataset.workflowId;
  const submissionId = root.dataset.submissionId;
  const confirmMissing = document.getElementById('confirm-missing');
  let missingBuckets = [];
  const csrfToken = document.querySelector('meta[name="_csrf"]')?.content;
  const csrfHeader = document.querySelector('meta[name="_csrf_header"]')?.content;
  const startButton = document.getElementById('start');
  const hint = document.getElementById('start-hint');
  const entries = [];

  const headers = (extra = {}) => (csrfHeader && csrfToken ? { ...extra, [csrfHeader]: csrfToken } : extra);
  const size = (bytes) => (bytes < 1e6 ? `${Math.max(1, Math.round(bytes / 1e3))} kB` : `${(bytes / 1e6).toFixed(1)} MB`);

  function el(tag, attributes = {}, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) {
      if (value === null || value === undefined || value === false) continue;
      if (name === 'text') node.textContent = value;
      else if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
      else node.setAttribute(name, value === true ? '' : value);
    }
    for (const child of children) if (child) node.append(child);
    return node;
  }

  function problemMessage(xhr) {
    try {
      const problem = JSON.parse(xhr.responseText);
      return problem.errors?.[0]?.message ?? problem.detail ?? word('upload.server-answered', xhr.status);
    } catch {
      return word('upload.server-answered', xhr.status);
    }
  }

  function upload(section, file) {
    const entry = { bucketId: section.dataset.bucketId, name: file.name, state: 'uploading', documentId: null, created: false };
    entries.push(entry);
    const bar = el('progress', { max: 100, value: 0, 'aria-label': word('upload.of', file.name) });
    const state = el('span', { class: 'file-state', text: word('upload.uploading') });
    const remove = el('button', { type: 'button', class: 'icon-button', 'aria-label': word('upload.remove', file.name), title: word('remove'), text: '✕' });
    const item = el('li', { class: 'file uploading' },
      el('span', { class: 'file-name', text: file.name }), el('span', { class: 'muted small', text: size(file.size) }),
      bar, state, remove);
    section.querySelector('.file-list').append(item);
    update();

    const form = new FormData();
    form.append('bucket_id', entry.bucketId);
    form.append('file', file, file.name);
    const xhr = new XMLHttpRequest();
    xhr.open('POST', '/v1/documents');
    for (const [name, value] of Object.entries(headers({ Accept: 'application/json' }))) xhr.setRequestHeader(name, value);
    xhr.upload.addEventListener('progress', (event) => {
      if (event.lengthComputable) bar.value = Math.round((event.loaded / event.total) * 100);
    });
    xhr.addEventListener('load', () => {
      if (xhr.status === 200 || xhr.status === 201) {
        const document = JSON.parse(xhr.responseText);
        if (entries.some((other) => other !== entry && other.state === 'ready' && other.documentId === document.id)) {
          state.textContent = word('upload.duplicate');
          entry.state = 'duplicate';
          item.className = 'file duplicate';
        } else {
          entry.state = 'ready';
          entry.documentId = document.id;
          entry.created = xhr.status === 201;
          bar.value = 100;
          const pages = document.page_count;
          state.textContent = pages ? word(pages === 1 ? 'upload.ready-page' : 'upload.ready-pages', pages) : word('upload.ready-word');
          item.className = 'file ready';
        }
      } else {
        entry.state = 'refused';
        state.textContent = word('upload.refused', problemMessage(xhr));
        item.className = 'file refused';
        bar.remove();
      }
      update();
    });
    xhr.addEventListener('error', () => {
      entry.state = 'refused';
      state.textContent = word('upload.interrupted');
      item.className = 'file refused';
      update();
    });
    xhr.send(form);

    remove.addEventListener('click', () => {
      if (entry.state === 'uploading') xhr.abort();
      if (entry.state === 'ready' && entry.created) {
        fetch(`/v1/documents/${entry.documentId}`, { method: 'DELETE', headers: headers(), credentials: 'same-origin' });
      }
      entries.splice(entries.indexOf(entry), 1);
      item.remove();
      update();
      section.querySelector('label.button').focus();
    });
  }

  function update() {
    const ready = entries.filter((entry) => entry.state === 'ready');
    const uploading = entries.some((entry) => entry.state === 'uploading');
    const missing = [...root.querySelectorAll('.bucket-drop')]
      .filter((section) => section.dataset.required === 'true'
        && !ready.some((entry) => entry.bucketId === section.dataset.bucketId))
      .map((section) => `“${section.dataset.bucketName}”`);
    missingBuckets = missing;
    if (uploading) {
      hint.textContent = word('start.waiting');
    } else if (missing.length && !ready.length) {
      hint.textContent = word('start.missing', missing.join(', '));
    } else if (missing.length) {
      hint.textContent = word('start.missing-optional', missing.join(', '));
    } else if (!ready.length) {
      hint.textContent = word('start.add-one');
    } else {
      hint.textContent = word(ready.length === 1 ? 'start.ready-one' : 'start.ready-many', ready.length);
    }
    startButton.disabled = uploading || ready.length === 0;
  }

  for (const section of root.querySelectorAll('.bucket-drop')) {
    const input = section.querySelector('input[type=file]');
    input.addEventListener('change', () => {
      [...input.files].forEach((file) => upload(section, file));
      input.value = '';
    });
    const zone = section.querySelector('.drop-zone');
    zone.addEventListener('dragover', (event) => { event.preventDefault(); zone.classList.add('over'); });
    zone.addEventListener('dragleave', () => zone.classList.remove('over'));
    zone.addEventListener('drop', (event) => {
      event.preventDefault();
      zone.classList.remove('over');
      [...event.dataTransfer.files].forEach((file) => upload(section, file));
    });
  }

  startButton.addEventListener('click', () => {
    if (missingBuckets.length) {
      document.getElementById('confirm-missing-text').textContent =
        word(missingBuckets.length === 1 ? 'start.confirm-one' : 'start.confirm-many', missingBuckets.join(', '));
      confirmMissing.hidden = false;
      confirmMissing.focus();
      return;
    }
    start(false);
  });
  document.getElementById('confirm-missing-start').addEventListener('click', () => {
    confirmMissing.hidden = true;
    start(true);
  });
  document.getElementById('confirm-missing-cancel').addEventListener('click', () => {
    confirmMissing.hidden = true;
    startButton.focus();
  });

  async function start(allowMissingBuckets) {
    startButton.disabled = true;
    const error = document.getElementById('start-error');
    error.hidden = true;
    const documents = entries.filter((entry) => entry.state === 'ready')
      .map((entry) => ({ bucket_id: entry.bucketId, document_id: entry.documentId }));
    try {
      const response = await fetch(submissionId ? `/v1/submissions/${submissionId}/runs` : '/v1/assessments', {
        method: 'POST', credentials: 'same-origin',
        headers: headers({ 'Content-Type': 'application/json', Accept: 'application/json' }),
        body: JSON.stringify({ workflow_id: workflowId, documents, allow_missing_buckets: allowMissingBuckets }),
      });
      const payload = await response.json().catch(() => null);
      if (response.status === 202) {
        window.location.assign(`/assessments/${payload.id}`);
        return;
      }
      const reasons = payload?.errors?.map((e) => e.message) ?? [payload?.detail ?? word('server-answered', response.status)];
      error.replaceChildren(el('strong', { text: `${word('start.not-started')} ` }), document.createTextNode(reasons.join(' ')));
    } catch {
      error.replaceChildren(el('strong', { text: `${word('start.not-started')} ` }), document.createTextNode(word('unreachable')));
    }
    error.hidden = false;
    error.focus();
    update();
  }

  update();
})();
