// The evidence viewer: a pane beside the results that shows an evidence item's document at
// the page the quote is on, with the lines it runs over highlighted (positions come from
// Assay's own parse, so the highlight is where the evidence check found the quote). The
// PDF is read by range: opening page 180 of a long document fetches that page's objects,
// not the file. The page carries pdf.js's text layer, so its text can be selected, and
// "find" searches the whole document's parsed text on the server's side of the page.
import * as pdfjs from '/vendor/pdfjs/pdf.min.mjs';

pdfjs.GlobalWorkerOptions.workerSrc = '/vendor/pdfjs/pdf.worker.min.mjs';

const pane = document.getElementById('viewer');
const layout = document.getElementById('review-layout');
const canvas = document.getElementById('viewer-canvas');
const textLayer = document.getElementById('viewer-text');
const marks = document.getElementById('viewer-marks');
const stage = document.getElementById('viewer-stage');
const scroller = document.getElementById('viewer-scroll');
const pageLabel = document.getElementById('viewer-page');
const section = document.getElementById('viewer-section');
const error = document.getElementById('viewer-error');
const findState = document.getElementById('viewer-find-state');
const assessment = pane?.dataset.assessmentId;
const narrow = window.matchMedia('(max-width: 1000px)');
const ZOOMS = [0.5, 0.75, 1, 1.25, 1.5, 2, 3];
// The worker starts with the page, not with the first click on evidence.
const worker = pane ? new pdfjs.PDFWorker() : null;
worker?.promise.then(() => { pane.dataset.ready = 'true'; });
const state = {
  pdf: null, documentId: null, page: 1, evidence: null, zoom: 1, link: null, rendering: null,
  searched: '', hits: [], hit: -1, term: '',
};

function links() {
  return [...document.querySelectorAll('#results a.evidence-link')];
}

async function open(link) {
  state.link?.removeAttribute('aria-current');
  state.link = link;
  link.setAttribute('aria-current', 'true');
  error.hidden = true;
  marks.replaceChildren();
  section.hidden = true;
  scroller.hidden = false;
  showPane();
  // The document starts loading, and finding the cited page in it, while the evidence is
  // asked for: all are on the way to the page drawn.
  preopen(link);
  const early = opensAhead(link) ? load(link.dataset.documentId).catch(() => null) : null;
  const response = await fetch(
    `/v1/assessments/${assessment}/results/${link.dataset.resultId}/evidence/${link.dataset.index}`,
    { credentials: 'same-origin' });
  if (!response.ok) {
    show(await refusal(response, 'viewer.not-opened'));
    return;
  }
  const evidence = await response.json();
  state.evidence = evidence;
  document.getElementById('viewer-title').textContent = evidence.file_name;
  document.getElementById('viewer-quote').textContent = `\u201c${evidence.quote}\u201d`;
  document.getElementById('viewer-unverified').hidden = evidence.verified || evidence.strength === 'differs';
  // Weak and differing evidence say why they are not proof; a differing quote's marks
  // show the document's own words.
  const strength = document.getElementById('viewer-strength');
  strength.hidden = !(evidence.strength === 'weak' || evidence.strength === 'differs');
  strength.textContent = evidence.note ?? '';
  if (evidence.page === null) {
    state.pdf = null;
    state.documentId = evidence.document_id;
    showSection(evidence);
    return;
  }
  try {
    if (evidence.file_type !== 'pdf' && state.documentId !== evidence.document_id) {
      pageLabel.textContent = word('viewer.laying-out');
    }
    if (early) await early;
    await load(evidence.document_id);
    preopenAround(link);
  } catch (failure) {
    // A Word document that cannot be laid out here is shown as the text Assay read.
    if (evidence.file_type === 'pdf') throw failure;
    state.pdf = null;
    state.documentId = evidence.document_id;
    showSection(evidence);
    return;
  }
  await render(evidence.page);
}

// A page the AI read, from the "Read … pages" line: the document at that page, nothing
// marked.
async function openPage(link) {
  state.link?.removeAttribute('aria-current');
  state.link = null;
  state.evidence = null;
  error.hidden = true;
  marks.replaceChildren();
  section.hidden = true;
  scroller.hidden = false;
  showPane();
  document.getElementById('viewer-title').textContent = link.dataset.fileName;
  document.getElementById('viewer-quote').textContent = '';
  document.getElementById('viewer-unverified').hidden = true;
  document.getElementById('viewer-strength').hidden = true;
  await load(link.dataset.documentId);
  await render(Number(link.dataset.page));
}

// Why the service refused a request, in the reader's language: the problem's detail (a
// document gone under retention says when and why), else the status in the words of the
// message key.
async function refusal(response, key) {
  const problem = await response.json().catch(() => null);
  return problem?.detail ?? word(key, response.status);
}

// The documents opened last (at most OPENED_AT_MOST), most recent last: opening one costs
// two round trips before any page (its end with the cross-reference table, then its page
// tree), which a reviewer need not wait for twice, nor at all for the documents of the
// evidence on the page (opened ahead, see preopen and preopenAll).
const OPENED_AT_MOST = 6;
const opened = new Map();

function opening(documentId) {
  let pdf = opened.get(documentId);
  if (pdf) {
    opened.delete(documentId);
  } else {
    // Range requests only: no streaming of the whole file, no fetching ahead of the pages
    // shown.
    pdf = byRange(`/v1/documents/${documentId}/layout.pdf`).then((transport) => {
      const task = pdfjs.getDocument({
        range: transport, disableStream: true, disableAutoFetch: true, rangeChunkSize: CHUNK, worker,
      });
      // A range that cannot be read ends this opening (the next asks again) and is what
      // the reader is told, rather than pdf.js's "destroyed".
      transport.failed = (failure) => {
        unreadable.set(documentId, failure);
        if (opened.get(documentId) === pdf) opened.delete(documentId);
        task.destroy();
      };
      return task.promise.then((loaded) => {
        unreadable.delete(documentId);
        return loaded;
      });
    });
    pdf.catch(() => { if (opened.get(documentId) === pdf) opened.delete(documentId); });
  }
  opened.set(documentId, pdf);
  for (const [id, older] of opened) {
    if (opened.size <= OPENED_AT_MOST) break;
    if (id === state.documentId || id === documentId) continue;
    opened.delete(id);
    older.then((loaded) => loaded.destroy()).catch(() => null);
  }
  return pdf;
}

// The bytes pdf.js asks for at a time.
const CHUNK = 65536;
// Why a document's last opening failed, by document: a part of it could not be read.
const unreadable = new Map();

// What went wrong in showing evidence or a page, as the reader is told it.
function notShown(failure) {
  show(word('viewer.not-shown', (unreadable.get(state.loading) ?? failure).message));
}

// The document for pdf.js, read by range without pdf.js's own first request for the whole
// file, which it breaks off once it sees that ranges are served (by then the service has
// started sending the file). The first request is for the end of the file, where a PDF's
// cross-reference table is, and pdf.js's first need; its answer also says the file's
// length. A range that cannot be read ends the document's opening with an error, rather
// than leaving pdf.js waiting.
async function byRange(url) {
  const tail = await fetch(url, { credentials: 'same-origin', headers: { Range: `bytes=-${CHUNK}` } });
  if (!tail.ok) throw new Error(await refusal(tail, 'viewer.unreadable'));
  // "bytes 123-456/457"; a whole answer (200, no range) has its length instead.
  const range = tail.headers.get('Content-Range');
  const total = Number(range ? range.split('/')[1] : tail.headers.get('Content-Length'));
  const end = new Uint8Array(await tail.arrayBuffer());
  const endStart = total - end.length;
  const transport = new pdfjs.PDFDataRangeTransport(total, null);
  transport.requestDataRange = (begin, until) => {
    if (begin >= endStart) {
      // Answered after pdf.js has set up its reader for the range, as a fetch would be.
      queueMicrotask(() => transport.onDataRange(begin, end.slice(begin - endStart, until - endStart)));
      return;
    }
    fetch(url, { credentials: 'same-origin', headers: { Range: `bytes=${begin}-${until - 1}` } })
      .then((part) => {
        // Bytes that cannot be read in the middle of a document: the service answered
        // 500 with a request id in its log; the reader is told what it means here.
        if (part.status !== 206) throw new Error(word('viewer.unreadable', part.status));
        return part.arrayBuffer();
      })
      .then((bytes) => transport.onDataRange(begin, new Uint8Array(bytes)))
      .catch((failure) => transport.failed?.(failure));
  };
  return transport;
}

// Whether the evidence's document is opened before the evidence itself is asked for: a
// PDF's is; a Word document's is not, as its first view lays it out with LibreOffice.
function opensAhead(link) {
  return Boolean(link?.dataset.documentId && link.dataset.page && link.dataset.fileType === 'pdf');
}

// Opens the evidence's document and finds the cited page in it (pdf.js walks the page
// tree to it, which takes a long document's page tree a while), so that showing the
// evidence only draws the page. pdf.js keeps the page found.
function preopen(link) {
  if (!opensAhead(link)) return Promise.resolve();
  const page = Number(link.dataset.page);
  return opening(link.dataset.documentId)
    .then((pdf) => (page >= 1 && page <= pdf.numPages ? pdf.getPage(page) : null))
    .catch(() => null);
}

// When the page has loaded, the documents of its evidence open one after another, as many
// as are kept open: the first evidence's at once, the others while the browser is idle.
// Evidence in any of them then opens without waiting for its document, even clicked
// without pointing at it first. The pane says when they are open (data-opened-ahead).
async function preopenAll() {
  const idle = window.requestIdleCallback ?? ((then) => setTimeout(then, 50));
  const documents = new Map();
  for (const link of links()) {
    if (opensAhead(link) && !documents.has(link.dataset.documentId)) documents.set(link.dataset.documentId, link);
  }
  const first = links()[0];
  for (const link of [...documents.values()].slice(0, OPENED_AT_MOST)) {
    if (link.dataset.documentId !== first.dataset.documentId) await new Promise((then) => { idle(then); });
    await preopen(link);
  }
  pane.dataset.openedAhead = String(Math.min(documents.size, OPENED_AT_MOST));
}

// The evidence after and before the one shown is where j and k go next: their documents
// open ahead too, for a page citing more documents than are opened when it loads.
function preopenAround(link) {
  const all = links();
  const at = all.indexOf(link);
  if (at < 0) return;
  for (const neighbour of [all[at + 1], all[at - 1]]) {
    if (neighbour && neighbour.dataset.documentId !== link.dataset.documentId) preopen(neighbour);
  }
}

async function load(documentId) {
  if (state.documentId === documentId && state.pdf) return;
  state.pdf = null;
  state.documentId = null;
  state.loading = documentId;
  const loaded = await opening(documentId);
  if (state.loading !== documentId) return;
  state.pdf = loaded;
  state.documentId = documentId;
  state.hits = [];
  state.hit = -1;
}

async function render(number) {
  state.page = number;
  const rendering = (async () => {
    const page = await state.pdf.getPage(number);
    const available = Math.max(240, scroller.clientWidth - 16);
    const natural = page.getViewport({ scale: 1 });
    const scale = (Math.min(available, 900) / natural.width) * state.zoom;
    const viewport = page.getViewport({ scale });
    const ratio = window.devicePixelRatio || 1;
    canvas.width = Math.floor(viewport.width * ratio);
    canvas.height = Math.floor(viewport.height * ratio);
    canvas.style.width = `${viewport.width}px`;
    canvas.style.height = `${viewport.height}px`;
    stage.style.width = `${viewport.width}px`;
    stage.style.height = `${viewport.height}px`;
    stage.style.setProperty('--total-scale-factor', String(scale));
    const context = canvas.getContext('2d');
    context.setTransform(ratio, 0, 0, ratio, 0, 0);
    await page.render({ canvasContext: context, viewport }).promise;
    textLayer.replaceChildren();
    await new pdfjs.TextLayer({ textContentSource: page.streamTextContent(), container: textLayer, viewport }).render();
    markFound();
    // pdf.js measures text on a canvas of its own at the end of the page: it is not
    // content, so it is kept out of the accessibility tree.
    document.querySelectorAll('body > canvas.hiddenCanvasElement').forEach((hidden) => {
      hidden.setAttribute('aria-hidden', 'true');
      pane.append(hidden);
    });
    pageLabel.textContent = word('viewer.page-of', number, state.pdf.numPages);
    document.getElementById('viewer-previous').disabled = number <= 1;
    document.getElementById('viewer-next').disabled = number >= state.pdf.numPages;
    document.getElementById('viewer-zoom').textContent = `${Math.round(state.zoom * 100)} %`;
    marks.replaceChildren();
    const evidence = state.evidence;
    if (evidence && evidence.document_id === state.documentId && number === evidence.page) {
      for (const box of evidence.boxes) {
        const mark = document.createElement('mark');
        mark.className = 'evidence-highlight';
        mark.textContent = box.text;
        mark.style.left = `${box.x * scale - 2}px`;
        mark.style.top = `${box.y * scale - 2}px`;
        mark.style.width = `${box.width * scale + 4}px`;
        mark.style.height = `${box.height * scale + 4}px`;
        marks.append(mark);
      }
      const first = marks.firstElementChild;
      if (first) scroller.scrollTop = Math.max(0, first.offsetTop - scroller.clientHeight / 3);
    }
    pane.dataset.renderedPage = String(number);
  })();
  state.rendering = rendering;
  await rendering;
}

// Word documents (and anything without a laid-out page) are shown as the text Assay read:
// the page or section the quote is in, with the quote marked.
function showSection(evidence) {
  scroller.hidden = true;
  section.hidden = false;
  const where = evidence.page ? word('viewer.page', evidence.page) : evidence.section ? word('viewer.section', evidence.section) : word('viewer.no-pages');
  pageLabel.textContent = where;
  pane.dataset.renderedPage = evidence.page ? String(evidence.page) : 'section';
  const text = evidence.section_text ?? '';
  const marked = evidence.quote;
  const at = text.toLowerCase().indexOf((marked ?? '').toLowerCase());
  section.replaceChildren();
  if (!marked || at < 0) {
    section.textContent = text || word('viewer.part-not-found');
    return;
  }
  const mark = document.createElement('mark');
  mark.className = 'evidence-highlight inline';
  mark.textContent = text.slice(at, at + marked.length);
  section.append(text.slice(0, at), mark, text.slice(at + marked.length));
  mark.scrollIntoView({ block: 'center' });
}

function showPane() {
  if (!pane.hidden) return;
  pane.hidden = false;
  layout.classList.add('viewing');
  // On a narrow screen the viewer covers the list; the keyboard goes with it.
  if (narrow.matches) document.getElementById('viewer-close').focus();
}

function close() {
  pane.hidden = true;
  layout.classList.remove('viewing');
  const link = state.link;
  link?.removeAttribute('aria-current');
  if (link && document.contains(link)) link.focus();
}

function show(message) {
  error.textContent = message;
  error.hidden = false;
  showPane();
}

// Next or previous evidence from where the keyboard is: the evidence after (or before) the
// focused card or link, else after the evidence shown last.
function step(direction) {
  const all = links();
  if (all.length === 0) return;
  const active = document.activeElement;
  const anchor = active && document.getElementById('results').contains(active) ? active : state.link;
  let next;
  if (!anchor) {
    next = direction > 0 ? all[0] : all[all.length - 1];
  } else if (direction > 0) {
    next = all.find((link) => link !== anchor && (anchor.compareDocumentPosition(link) & Node.DOCUMENT_POSITION_FOLLOWING));
  } else {
    next = all.findLast((link) => link !== anchor && !link.contains(anchor)
      && (anchor.compareDocumentPosition(link) & Node.DOCUMENT_POSITION_PRECEDING));
  }
  if (!next) return;
  next.scrollIntoView({ block: 'nearest' });
  next.focus();
  open(next).catch(notShown);
}

async function zoom(direction) {
  const at = ZOOMS.indexOf(state.zoom);
  state.zoom = ZOOMS[Math.min(ZOOMS.length - 1, Math.max(0, at + direction))];
  if (state.pdf) await render(state.page);
}

// Find: the service says which pages hold the term (case and line breaks aside), from
// the pages as parsed; each hit is a page. Pressing Enter again goes to the next one.
async function find(term) {
  if (!state.documentId) return;
  term = term.trim();
  if (!term) return;
  const searched = `${state.documentId}\n${term.toLowerCase()}`;
  if (searched !== state.searched) {
    const response = await fetch(`/v1/documents/${state.documentId}/pages?containing=${encodeURIComponent(term)}`,
      { credentials: 'same-origin' });
    if (!response.ok) {
      findState.textContent = word('viewer.not-searched', response.status);
      return;
    }
    const found = await response.json();
    if (found.page_count === 0) {
      findState.textContent = word('viewer.not-paged');
      return;
    }
    state.searched = searched;
    state.term = term.toLowerCase();
    state.hits = found.pages;
    state.hit = -1;
  }
  if (state.hits.length === 0) {
    findState.textContent = word('viewer.term-absent', term);
    return;
  }
  state.hit = (state.hit + 1) % state.hits.length;
  const page = state.hits[state.hit];
  findState.textContent = word('viewer.term-found', page, state.hit + 1, state.hits.length, term);
  if (state.pdf) await render(page);
}

function markFound() {
  if (!state.term) return;
  for (const span of textLayer.querySelectorAll('span')) {
    if (span.textContent.toLowerCase().includes(state.term)) span.classList.add('found');
  }
}

function typing(target) {
  return target.closest('input, textarea, select, [contenteditable="true"]') !== null;
}

document.addEventListener('click', (event) => {
  if (!pane) return;
  const link = event.target.closest('a.evidence-link');
  const read = event.target.closest('a.read-link');
  if (!link && !read) return;
  event.preventDefault();
  (link ? open(link) : openPage(read)).catch(notShown);
});

for (const type of ['pointerover', 'focusin']) {
  document.addEventListener(type, (event) => {
    if (pane) preopen(event.target.closest?.('a.evidence-link'));
  });
}
worker?.promise.then(preopenAll);

document.addEventListener('keydown', (event) => {
  if (!pane || event.ctrlKey || event.metaKey || event.altKey) return;
  if (event.key === 'Escape' && !pane.hidden && !event.target.closest('.review-form')) {
    event.preventDefault();
    close();
    return;
  }
  if (typing(event.target)) return;
  const actions = {
    j: () => step(1), k: () => step(-1), '+': () => zoom(1), '=': () => zoom(1), '-': () => zoom(-1),
    '/': () => { showPane(); document.getElementById('viewer-find-text').focus(); },
  };
  const action = actions[event.key];
  if (action) {
    event.preventDefault();
    action();
  }
});

document.getElementById('viewer-close')?.addEventListener('click', close);
document.getElementById('viewer-previous')?.addEventListener('click', () => state.pdf && state.page > 1 && render(state.page - 1));
document.getElementById('viewer-next')?.addEventListener('click', () => state.pdf && state.page < state.pdf.numPages && render(state.page + 1));
document.getElementById('viewer-zoom-in')?.addEventListener('click', () => zoom(1));
document.getElementById('viewer-zoom-out')?.addEventListener('click', () => zoom(-1));
document.getElementById('viewer-next-evidence')?.addEventListener('click', () => step(1));
document.getElementById('viewer-previous-evidence')?.addEventListener('click', () => step(-1));
document.getElementById('viewer-find')?.addEventListener('submit', (event) => {
  event.preventDefault();
  find(document.getElementById('viewer-find-text').value)
    .catch((failure) => { findState.textContent = word('viewer.search-failed', failure.message); });
});
