// The evidence viewer: a click on an evidence item opens its document in the page, at the
// page the quote is on, with the lines it runs over highlighted (positions come from
// Assay's own parse, so the highlight is where the evidence check found the quote).
import * as pdfjs from '/vendor/pdfjs/pdf.min.mjs';

pdfjs.GlobalWorkerOptions.workerSrc = '/vendor/pdfjs/pdf.worker.min.mjs';

const dialog = document.getElementById('viewer');
const canvas = document.getElementById('viewer-canvas');
const marks = document.getElementById('viewer-marks');
const stage = document.getElementById('viewer-stage');
const pageLabel = document.getElementById('viewer-page');
const section = document.getElementById('viewer-section');
const error = document.getElementById('viewer-error');
const assessment = dialog?.dataset.assessmentId;
const state = { pdf: null, documentId: null, page: 1, evidence: null, scale: 1 };

async function open(resultId, index) {
  error.hidden = true;
  marks.replaceChildren();
  section.hidden = true;
  stage.hidden = false;
  const response = await fetch(`/v1/assessments/${assessment}/results/${resultId}/evidence/${index}`,
    { credentials: 'same-origin' });
  if (!response.ok) {
    show(`The evidence could not be opened (${response.status}).`);
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
  if (!dialog.open) dialog.showModal();
  if (evidence.page === null) {
    showSection(evidence);
    return;
  }
  if (state.documentId !== evidence.document_id) {
    state.pdf = await pdfjs.getDocument({ url: `/v1/documents/${evidence.document_id}` }).promise;
    state.documentId = evidence.document_id;
  }
  await render(evidence.page);
}

async function render(number) {
  state.page = number;
  const page = await state.pdf.getPage(number);
  const width = Math.min(stage.parentElement.clientWidth - 16, 900);
  const natural = page.getViewport({ scale: 1 });
  state.scale = width / natural.width;
  const viewport = page.getViewport({ scale: state.scale });
  const ratio = window.devicePixelRatio || 1;
  canvas.width = Math.floor(viewport.width * ratio);
  canvas.height = Math.floor(viewport.height * ratio);
  canvas.style.width = `${viewport.width}px`;
  canvas.style.height = `${viewport.height}px`;
  stage.style.width = `${viewport.width}px`;
  const context = canvas.getContext('2d');
  context.setTransform(ratio, 0, 0, ratio, 0, 0);
  await page.render({ canvasContext: context, viewport }).promise;
  pageLabel.textContent = `Page ${number} of ${state.pdf.numPages}`;
  document.getElementById('viewer-previous').disabled = number <= 1;
  document.getElementById('viewer-next').disabled = number >= state.pdf.numPages;
  marks.replaceChildren();
  if (state.evidence && number === state.evidence.page) {
    for (const box of state.evidence.boxes) {
      const mark = document.createElement('mark');
      mark.className = 'evidence-highlight';
      mark.textContent = box.text;
      mark.style.left = `${box.x * state.scale - 2}px`;
      mark.style.top = `${box.y * state.scale - 2}px`;
      mark.style.width = `${box.width * state.scale + 4}px`;
      mark.style.height = `${box.height * state.scale + 4}px`;
      marks.append(mark);
    }
    marks.firstElementChild?.scrollIntoView({ block: 'center' });
  }
  dialog.dataset.renderedPage = String(number);
}

function showSection(evidence) {
  stage.hidden = true;
  section.hidden = false;
  pageLabel.textContent = evidence.section ? `Section \u201c${evidence.section}\u201d` : 'No page numbers';
  const text = evidence.section_text ?? '';
  const at = text.toLowerCase().indexOf(evidence.quote.toLowerCase());
  section.replaceChildren();
  if (at < 0) {
    section.textContent = text || 'The section could not be found in the document.';
    return;
  }
  const mark = document.createElement('mark');
  mark.className = 'evidence-highlight inline';
  mark.textContent = text.slice(at, at + evidence.quote.length);
  section.append(text.slice(0, at), mark, text.slice(at + evidence.quote.length));
}

function show(message) {
  error.textContent = message;
  error.hidden = false;
  if (!dialog.open) dialog.showModal();
}

document.addEventListener('click', (event) => {
  const link = event.target.closest('a.evidence-link');
  if (!link || !dialog) return;
  event.preventDefault();
  open(link.dataset.resultId, link.dataset.index).catch((failure) => show(`The document could not be shown: ${failure.message}`));
});
document.getElementById('viewer-close')?.addEventListener('click', () => dialog.close());
document.getElementById('viewer-previous')?.addEventListener('click', () => state.page > 1 && render(state.page - 1));
document.getElementById('viewer-next')?.addEventListener('click', () => state.pdf && state.page < state.pdf.numPages && render(state.page + 1));
