// The workflow builder: edits a workflow in the page and saves it through the JSON API
// (POST /v1/workflows, PUT /v1/workflows/{id}), showing the API's field errors next to
// the fields they name. User text only ever goes into the page as text, never as HTML.
(() => {
  'use strict';

  const form = document.getElementById('builder');
  const initial = JSON.parse(form.dataset.workflow || 'null');
  const csrfToken = document.querySelector('meta[name="_csrf"]')?.content;
  const csrfHeader = document.querySelector('meta[name="_csrf_header"]')?.content;

  let nextKey = 1;
  const newKey = () => 'k' + nextKey++;
  const newBucket = () => ({ key: newKey(), id: null, name: '', required: true });
  const newCriterion = () => ({ key: newKey(), id: null, name: '', description: '', exampleText: '', appliesTo: new Set() });

  const state = { id: null, version: null, name: '', description: '', buckets: [], criteria: [] };
  let dirty = false;

  function load(workflow) {
    state.id = workflow.id;
    state.version = workflow.version;
    state.name = workflow.name;
    state.description = workflow.description ?? '';
    const keyOf = new Map();
    state.buckets = workflow.buckets.map((b) => {
      const bucket = { key: newKey(), id: b.id, name: b.name, required: b.required };
      keyOf.set(b.id, bucket.key);
      return bucket;
    });
    state.criteria = workflow.criteria.map((c) => ({
      key: newKey(), id: c.id, name: c.name, description: c.description, exampleText: c.example_text ?? '',
      appliesTo: new Set(c.applies_to_bucket_ids.map((id) => keyOf.get(id)).filter(Boolean)),
    }));
  }

  if (initial) {
    load(initial);
  } else {
    state.buckets.push(newBucket());
    state.criteria.push(newCriterion());
  }

  // ---- rendering -------------------------------------------------------------------

  function el(tag, attributes = {}, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes)) {
      if (value === null || value === undefined || value === false) continue;
      if (name === 'text') node.textContent = value;
      else if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
      else if (name === 'value') node.value = value;
      else if (name === 'checked') node.checked = value;
      else node.setAttribute(name, value === true ? '' : value);
    }
    for (const child of children) if (child) node.append(child);
    return node;
  }

  const bucketLabel = (bucket, index) => bucket.name.trim() || word('builder.bucket-unnamed', index + 1);

  function field(id, label, control, hint) {
    const errorId = `${id}-error`;
    const describedBy = hint ? `${id}-hint ${errorId}` : errorId;
    control.id = id;
    control.setAttribute('aria-describedby', describedBy);
    return el('div', { class: 'field' },
      el('label', { for: id, text: label }),
      hint ? el('p', { class: 'hint', id: `${id}-hint`, text: hint }) : null,
      control,
      el('p', { class: 'field-error', id: errorId, hidden: true }));
  }

  function moveButtons(list, item, index, noun, name, rerender) {
    const move = (delta) => () => {
      const target = index + delta;
      [list[index], list[target]] = [list[target], list[index]];
      changed();
      rerender();
      const again = document.querySelector(`[data-key="${item.key}"] [data-action="${delta < 0 ? 'up' : 'down'}"]`);
      (again && !again.disabled ? again : document.querySelector(`[data-key="${item.key}"] [data-action]`))?.focus();
    };
    return [
      el('button', { type: 'button', class: 'icon-button', 'data-action': 'up', disabled: index === 0,
        'aria-label': word(`builder.move-up.${noun}`, name), title: word('builder.up'), onclick: move(-1), text: '↑' }),
      el('button', { type: 'button', class: 'icon-button', 'data-action': 'down', disabled: index === list.length - 1,
        'aria-label': word(`builder.move-down.${noun}`, name), title: word('builder.down'), onclick: move(1), text: '↓' }),
    ];
  }

  function renderBuckets() {
    const list = document.getElementById('buckets');
    list.replaceChildren(...state.buckets.map((bucket, index) => {
      const name = bucketLabel(bucket, index);
      const nameInput = el('input', { type: 'text', maxlength: 255, autocomplete: 'off', value: bucket.name,
        oninput: (event) => {
          bucket.name = event.target.value;
          changed();
          document.querySelectorAll(`[data-chip-for="${bucket.key}"]`)
            .forEach((chip) => { chip.textContent = bucketLabel(bucket, state.buckets.indexOf(bucket)); });
        } });
      return el('li', { class: 'builder-item bucket', 'data-key': bucket.key },
        field(`bucket-${bucket.key}-name`, word('builder.bucket', index + 1), nameInput),
        el('div', { class: 'item-row' },
          el('label', { class: 'checkbox' },
            el('input', { type: 'checkbox', id: `bucket-${bucket.key}-required`, checked: bucket.required,
              onchange: (event) => { bucket.required = event.target.checked; changed(); } }),
            ` ${word('builder.required')}`),
          el('span', { class: 'item-actions' },
            ...moveButtons(state.buckets, bucket, index, 'bucket', name, renderAll),
            el('button', { type: 'button', class: 'icon-button danger', 'data-action': 'remove',
              'aria-label': word('builder.remove.bucket', name), title: word('remove'), text: '✕',
              onclick: () => {
                state.buckets.splice(index, 1);
                state.criteria.forEach((criterion) => criterion.appliesTo.delete(bucket.key));
                changed();
                renderAll();
                document.getElementById('add-bucket').focus();
              } }))));
    }));
  }

  function renderCriteria() {
    const list = document.getElementById('criteria');
    list.replaceChildren(...state.criteria.map((criterion, index) => {
      const name = criterion.name.trim() || `${index + 1}`;
      const chips = state.buckets.map((bucket, bucketIndex) => el('label', { class: 'chip-choice' },
        el('input', { type: 'checkbox', id: `criterion-${criterion.key}-bucket-${bucket.key}`,
          checked: criterion.appliesTo.has(bucket.key),
          onchange: (event) => {
            if (event.target.checked) criterion.appliesTo.add(bucket.key);
            else criterion.appliesTo.delete(bucket.key);
            changed();
          } }),
        el('span', { 'data-chip-for': bucket.key, text: bucketLabel(bucket, bucketIndex) })));
      return el('li', { class: 'builder-item criterion', 'data-key': criterion.key },
        field(`criterion-${criterion.key}-name`, word('builder.criterion', index + 1),
          el('input', { type: 'text', maxlength: 255, autocomplete: 'off', value: criterion.name,
            oninput: (event) => { criterion.name = event.target.value; changed(); } })),
        field(`criterion-${criterion.key}-description`, word('builder.checks'),
          el('textarea', { rows: 3, value: criterion.description,
            oninput: (event) => { criterion.description = event.target.value; changed(); } }),
          word('builder.checks.hint')),
        field(`criterion-${criterion.key}-example`, word('builder.example'),
          el('textarea', { rows: 2, value: criterion.exampleText,
            oninput: (event) => { criterion.exampleText = event.target.value; changed(); } })),
        el('fieldset', { class: 'applies-to', id: `criterion-${criterion.key}-applies`,
          'aria-describedby': `criterion-${criterion.key}-applies-hint criterion-${criterion.key}-applies-error` },
          el('legend', { text: word('builder.applies-to') }),
          el('p', { class: 'hint', id: `criterion-${criterion.key}-applies-hint`,
            text: word('builder.applies-to.hint') }),
          el('div', { class: 'chips' }, ...chips),
          el('p', { class: 'field-error', id: `criterion-${criterion.key}-applies-error`, hidden: true })),
        el('div', { class: 'item-row end' },
          el('span', { class: 'item-actions' },
            ...moveButtons(state.criteria, criterion, index, 'criterion', name, renderCriteria),
            el('button', { type: 'button', class: 'icon-button danger', 'data-action': 'remove',
              'aria-label': word('builder.remove.criterion', name), title: word('remove'), text: '✕',
              onclick: () => {
                state.criteria.splice(index, 1);
                changed();
                renderCriteria();
                document.getElementById('add-criterion').focus();
              } }))));
    }));
  }

  function renderAll() {
    renderBuckets();
    renderCriteria();
  }

  // ---- editing ---------------------------------------------------------------------

  function changed() {
    dirty = true;
    document.getElementById('save-status').textContent = word('builder.unsaved');
  }

  const nameInput = document.getElementById('workflow-name');
  const descriptionInput = document.getElementById('workflow-description');
  nameInput.value = state.name;
  descriptionInput.value = state.description;
  nameInput.addEventListener('input', () => { state.name = nameInput.value; changed(); });
  descriptionInput.addEventListener('input', () => { state.description = descriptionInput.value; changed(); });

  document.getElementById('add-bucket').addEventListener('click', () => {
    const bucket = newBucket();
    state.buckets.push(bucket);
    changed();
    renderAll();
    document.getElementById(`bucket-${bucket.key}-name`).focus();
  });
  document.getElementById('add-criterion').addEventListener('click', () => {
    const criterion = newCriterion();
    state.criteria.push(criterion);
    changed();
    renderCriteria();
    document.getElementById(`criterion-${criterion.key}-name`).focus();
  });
  window.addEventListener('beforeunload', (event) => {
    if (dirty) event.preventDefault();
  });

  // ---- saving ----------------------------------------------------------------------

  function body() {
    const draft = {
      name: state.name,
      description: state.description.trim() ? state.description : null,
      buckets: state.buckets.map((b) => ({ id: b.id ?? undefined, name: b.name, required: b.required })),
      criteria: state.criteria.map((c) => ({
        id: c.id ?? undefined,
        name: c.name,
        description: c.description,
        example_text: c.exampleText.trim() ? c.exampleText : null,
        applies_to_bucket_indexes: state.buckets.flatMap((b, i) => (c.appliesTo.has(b.key) ? [i] : [])),
      })),
    };
    if (state.version !== null) draft.version = state.version;
    return draft;
  }

  // Where the API's field names point in the page.
  function targetOf(field) {
    if (field === 'name' || field === 'description') return `workflow-${field}`;
    if (field === 'buckets' || field === 'criteria') return `${field}-error`;
    const match = /^(buckets|criteria)\[(\d+)\](?:\.(\w+))?/.exec(field);
    if (!match) return null;
    const [, list, position, property] = match;
    const item = state[list][Number(position)];
    if (!item) return `${list}-error`;
    if (list === 'buckets') return `bucket-${item.key}-name`;
    if (property === 'name') return `criterion-${item.key}-name`;
    if (property === 'description') return `criterion-${item.key}-description`;
    if (property === 'example_text') return `criterion-${item.key}-example`;
    if (property && property.startsWith('applies_to')) return `criterion-${item.key}-applies`;
    return `criterion-${item.key}-name`;
  }

  function clearErrors() {
    document.querySelectorAll('.field-error').forEach((p) => { p.hidden = true; p.textContent = ''; });
    document.querySelectorAll('[aria-invalid]').forEach((node) => node.removeAttribute('aria-invalid'));
    const summary = document.getElementById('error-summary');
    summary.hidden = true;
    summary.replaceChildren();
  }

  const sentence = (text) => text.charAt(0).toUpperCase() + text.slice(1) + (/[.!?]$/.test(text) ? '' : '.');

  function labelOf(id) {
    const label = document.querySelector(`label[for="${id}"]`) || document.querySelector(`#${id} legend`);
    if (label) {
      const item = document.getElementById(id)?.closest('.builder-item');
      const itemLabel = item && item.classList.contains('criterion') && !id.endsWith('-name')
        ? item.querySelector('label').textContent + ': ' : '';
      return itemLabel + label.textContent;
    }
    return word(id.startsWith('buckets') ? 'builder.buckets' : id.startsWith('criteria') ? 'builder.criteria' : 'builder.workflow');
  }

  function showErrors(errors) {
    const summary = document.getElementById('error-summary');
    const items = [];
    for (const error of errors) {
      const id = targetOf(error.field);
      const control = id && document.getElementById(id);
      const errorNode = control && (control.classList.contains('field-error') ? control : document.getElementById(`${id}-error`));
      if (errorNode) {
        errorNode.textContent = errorNode.textContent ? `${errorNode.textContent} ${sentence(error.message)}` : sentence(error.message);
        errorNode.hidden = false;
      }
      if (control && !control.classList.contains('field-error')) control.setAttribute('aria-invalid', 'true');
      const link = el('a', { href: `#${id ?? 'builder'}`, text: `${id ? labelOf(id) : error.field}: ${error.message}` });
      link.addEventListener('click', (event) => {
        event.preventDefault();
        const focusable = control?.matches('input, textarea') ? control : control?.querySelector('input');
        (focusable ?? control)?.focus();
      });
      items.push(el('li', {}, link));
    }
    summary.replaceChildren(
      el('strong', { text: word(errors.length === 1 ? 'builder.fix-one' : 'builder.fix-many', errors.length) }),
      el('ul', {}, ...items));
    summary.hidden = false;
    summary.focus();
  }

  function showProblem(message) {
    const summary = document.getElementById('error-summary');
    summary.replaceChildren(el('strong', { text: `${word('builder.not-saved')}. ` }), document.createTextNode(message));
    summary.hidden = false;
    summary.focus();
  }

  function adopt(saved) {
    const wasNew = state.id === null;
    const previousVersion = state.version;
    saved.buckets.forEach((b, i) => { state.buckets[i].id = b.id; });
    saved.criteria.forEach((c, i) => { state.criteria[i].id = c.id; });
    state.id = saved.id;
    state.version = saved.version;
    dirty = false;
    document.getElementById('builder-title').textContent = word('builder.edit');
    document.getElementById('builder-version').textContent =
      word('builder.version', saved.version);
    const status = document.getElementById('save-status');
    status.replaceChildren(
      document.createTextNode(`${word(previousVersion === saved.version ? 'builder.unchanged' : 'builder.saved-as', saved.version)} `),
      el('a', { href: `/workflows/${saved.id}`, id: 'saved-link', text: word('builder.view') }));
    if (wasNew) history.replaceState(null, '', `/workflows/${saved.id}/edit`);
  }

  async function save() {
    clearErrors();
    const button = document.getElementById('save');
    button.disabled = true;
    document.getElementById('save-status').textContent = word('builder.saving');
    try {
      const headers = { 'Content-Type': 'application/json', Accept: 'application/json' };
      if (csrfHeader && csrfToken) headers[csrfHeader] = csrfToken;
      const response = await fetch(state.id ? `/v1/workflows/${state.id}` : '/v1/workflows', {
        method: state.id ? 'PUT' : 'POST', headers, credentials: 'same-origin', body: JSON.stringify(body()),
      });
      const payload = await response.json().catch(() => null);
      if (response.ok) {
        adopt(payload);
      } else {
        document.getElementById('save-status').textContent = word('builder.not-saved');
        if (response.status === 422 && payload?.errors?.length) showErrors(payload.errors);
        else showProblem(payload?.detail ?? word('server-answered', response.status));
      }
    } catch (error) {
      document.getElementById('save-status').textContent = word('builder.not-saved');
      showProblem(word('builder.unreachable'));
    } finally {
      button.disabled = false;
    }
  }

  document.getElementById('save').addEventListener('click', save);
  form.addEventListener('submit', (event) => { event.preventDefault(); save(); });

  renderAll();
})();
