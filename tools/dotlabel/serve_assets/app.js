// The dotlabel preview page: an editor, the label as the printer prints it, the diagnostics.
// Everything it needs comes from the dotlabel serve it was loaded from (see docs/serve.md).
'use strict';

const DOTS_PER_MM = 8;
const RENDER_DELAY_MS = 150;  // debounce: render once typing pauses
const STORAGE_KEY = 'dotlabel.serve.markup';
// dotlabel serve refuses a POST without this header: a page on another site cannot make the
// browser send it, so it cannot make the server work for it (docs/serve.md).
const PAGE_HEADER = { 'X-Dotlabel': '1' };

const SAMPLE = `<PAGE w="100" l="60">
  <LABEL id="1">
    <TEXT x="3" y="3">宫保鸡丁 Kung Pao Chicken</TEXT>
    <TEXT x="3" y="8" f="3">ORDER 20261125-0042</TEXT>
    <BARC x="3" y="16" ct="code128" n="2" h="50" s="2" a="left">1234567890</BARC>
    <QRC x="70" y="20" s="4" e="M">https://www.xpyun.net/open/index.html</QRC>
    <SQ x="1" y="1" xe="99" ye="59" lt="2"/>
    <BL x="1" y="14" w="98" h="0.25"/>
  </LABEL>
</PAGE>
`;

const $ = (id) => document.getElementById(id);
const source = $('source');
const gutter = $('gutter');
const picture = $('picture');
const box = $('box');
const viewport = $('viewport');
const statusLine = $('status');
const labelSelect = $('label');

const state = {
  view: { label: null, strip: false },  // what the user picked; label null = the first one
  zoom: 'fit',
  asFed: false,
  following: null,  // path of the file the page follows, when dotlabel serve was given FILE
  data: null,       // the data rows the markup is filled from: {name, rows, columns}, or null
  row: 1,           // the row shown, from 1
  last: null,       // the last successful /api/preview response
  diagnostics: [],
  hoverBox: null,   // box under the mouse (picture or editor line), shown over the caret's
};

// ---- source positions: diagnostics count columns in characters (code points), JS in UTF-16.

function offsetOf(text, line, column) {
  let offset = 0;
  for (let l = 1; l < line; l++) {
    const next = text.indexOf('\n', offset);
    if (next < 0) return text.length;
    offset = next + 1;
  }
  for (let c = 1; c < column && offset < text.length && text[offset] !== '\n'; c++) {
    offset += text.codePointAt(offset) > 0xffff ? 2 : 1;
  }
  return offset;
}

function positionOf(text, offset) {
  const before = text.slice(0, offset);
  const lineStart = before.lastIndexOf('\n') + 1;
  const line = before.split('\n').length;
  return { line, column: [...before.slice(lineStart)].length + 1 };
}

function lineHeight() {
  return parseFloat(getComputedStyle(source).lineHeight);
}

// ---- editor: textarea + line-number gutter

let gutterLines = 0;

function renderGutter() {
  const lines = source.value.split('\n').length;
  const marks = new Map();
  for (const d of state.diagnostics) {
    if (d.line > 0 && marks.get(d.line) !== 'error') marks.set(d.line, d.severity);
  }
  const current = positionOf(source.value, source.selectionStart).line;
  if (lines !== gutterLines) {
    const fragment = document.createDocumentFragment();
    for (let i = 1; i <= lines; i++) {
      const div = document.createElement('div');
      div.textContent = i;
      fragment.append(div);
    }
    gutter.replaceChildren(fragment);
    gutterLines = lines;
  }
  gutter.querySelectorAll('.error, .warning, .current').forEach((el) => { el.className = ''; });
  for (const [line, severity] of marks) {
    const el = gutter.children[line - 1];
    if (el && severity !== 'note') el.classList.add(severity);
  }
  gutter.children[current - 1]?.classList.add('current');
  gutter.scrollTop = source.scrollTop;
}

function updateCursor() {
  const { line, column } = positionOf(source.value, source.selectionStart);
  $('cursor').textContent = `Ln ${line}, Col ${column}`;
  $('cursor').dataset.line = line;
  $('cursor').dataset.column = column;
  renderGutter();
  showBox();
}

function goTo(line, column) {
  const offset = offsetOf(source.value, line, Math.max(column, 1));
  source.focus();
  source.setSelectionRange(offset, offset);
  // Put the line a third of the way down, where the eye expects it.
  source.scrollTop = Math.max(0, (line - 1) * lineHeight() - source.clientHeight / 3);
  updateCursor();
}

function setSource(text) {
  const { selectionStart, scrollTop } = source;
  source.value = text;
  source.setSelectionRange(Math.min(selectionStart, text.length), Math.min(selectionStart, text.length));
  source.scrollTop = scrollTop;
  updateCursor();
  refresh();
}

source.addEventListener('input', () => {
  if (!state.following) localStorage.setItem(STORAGE_KEY, source.value);
  updateCursor();
  scheduleRefresh();
});
source.addEventListener('scroll', () => { gutter.scrollTop = source.scrollTop; });
document.addEventListener('selectionchange', () => {
  if (document.activeElement === source) updateCursor();
});
source.addEventListener('keydown', (event) => {
  if (event.key === 'Tab' && !event.shiftKey && !event.ctrlKey && !event.altKey && !event.metaKey) {
    event.preventDefault();
    document.execCommand('insertText', false, '  ');  // keeps the browser's undo history
  }
});
// Hovering a line of markup shows where its element landed.
source.addEventListener('mousemove', (event) => {
  const style = getComputedStyle(source);
  const y = event.offsetY + source.scrollTop - parseFloat(style.paddingTop);
  const line = Math.floor(y / lineHeight()) + 1;
  setHover(state.last?.boxes?.find((b) => b.line === line) ?? null);
});
source.addEventListener('mouseleave', () => setHover(null));

// ---- rendering: debounced, and the last request wins

let refreshTimer = 0;
let inFlight = null;
let requestNumber = 0;

function scheduleRefresh() {
  clearTimeout(refreshTimer);
  refreshTimer = setTimeout(refresh, RENDER_DELAY_MS);
}

function selectionQuery() {
  const params = new URLSearchParams();
  if (state.view.strip) params.set('strip', '1');
  else if (state.view.label !== null) params.set('label', state.view.label);
  if (state.asFed) params.set('as_fed', '1');
  if (state.data) params.set('row', state.row);
  return params;
}

async function refresh() {
  clearTimeout(refreshTimer);
  inFlight?.abort();
  const controller = new AbortController();
  inFlight = controller;
  const number = ++requestNumber;
  const started = performance.now();
  let response, data;
  try {
    response = await fetch(`/api/preview?${selectionQuery()}`, {
      method: 'POST',
      body: source.value,
      headers: { ...PAGE_HEADER, 'Content-Type': 'text/plain; charset=utf-8' },
      signal: controller.signal,
    });
    data = await response.json();
  } catch (error) {
    if (error.name === 'AbortError') return;
    return showFailure(`dotlabel serve is not reachable (${error.message})`);
  }
  if (number !== requestNumber) return;  // a newer request is on its way
  const labels = data.labels ?? [];
  if (response.status === 200 && !data.ok && state.view.label !== null &&
      labels.length && !labels.some((l) => l.id === state.view.label)) {
    state.view.label = null;  // the chosen label was removed from the markup
    return refresh();
  }
  showDiagnostics(data.diagnostics ?? [], data.ok ? null : data.error);
  if (data.labels) fillLabelSelect(labels);
  const row = state.row;
  showData(data.data ?? null);
  if (state.data && state.row !== row) return refresh();  // fewer rows than before: the last
  if (!data.ok) {
    picture.classList.add('stale');
    return showFailure(data.error);
  }
  state.last = data;
  picture.classList.remove('stale');
  picture.src = `data:image/png;base64,${data.png}`;
  await picture.decode().catch(() => {});
  if (number !== requestNumber) return;
  applyZoom();
  const v = data.view;
  const shown = v.strip ? `strip of ${labels.length} label${labels.length === 1 ? '' : 's'}` : `label ${v.label}`;
  const what = state.data ? `${shown} · row ${state.row} of ${state.data.rows}` : shown;
  statusLine.classList.remove('error');
  statusLine.textContent = `${what} · ${v.width} × ${v.height} dots (${v.width / DOTS_PER_MM} × ${v.height / DOTS_PER_MM} mm) · ${Math.round(performance.now() - started)} ms`;
  showBox();
}

function showFailure(message) {
  statusLine.classList.add('error');
  statusLine.textContent = message;
}

function showDiagnostics(diagnostics, error) {
  state.diagnostics = diagnostics;
  const list = $('diagnostics');
  const items = diagnostics.map((d) => {
    const li = document.createElement('li');
    li.className = d.severity;
    if (d.line > 0) {
      li.dataset.line = d.line;
      li.dataset.column = d.column;
      li.title = 'Go to this position';
    }
    const severity = Object.assign(document.createElement('span'), { className: 'severity', textContent: d.severity });
    const where = Object.assign(document.createElement('span'), { className: 'where', textContent: d.line > 0 ? ` ${d.line}:${d.column} ` : ' ' });
    const code = Object.assign(document.createElement('span'), { className: 'code', textContent: ` [${d.code}]` });
    li.append(severity, where, d.message, code);
    if (d.hint) li.append(Object.assign(document.createElement('div'), { className: 'hint', textContent: `hint: ${d.hint}` }));
    return li;
  });
  // A failure without a diagnostic (no label, body too large) still needs a line in the list.
  if (error && !diagnostics.some((d) => d.severity === 'error')) {
    const li = Object.assign(document.createElement('li'), { className: 'error' });
    li.append(Object.assign(document.createElement('span'), { className: 'severity', textContent: 'error' }), ` ${error}`);
    items.push(li);
  }
  list.replaceChildren(...items);
  renderGutter();
}

$('diagnostics').addEventListener('click', (event) => {
  const li = event.target.closest('li[data-line]');
  if (li) goTo(Number(li.dataset.line), Number(li.dataset.column));
});

// ---- labels, zoom, as fed

function fillLabelSelect(labels) {
  const options = labels.map((l) => new Option(l.copies > 1 ? `${l.id} (×${l.copies})` : `${l.id}`, `${l.id}`));
  options.push(new Option('all (strip)', 'strip'));
  const wanted = state.view.strip ? 'strip' : `${state.view.label ?? labels[0]?.id}`;
  const same = labelSelect.options.length === options.length &&
    options.every((o, i) => labelSelect.options[i].value === o.value && labelSelect.options[i].text === o.text);
  if (!same) labelSelect.replaceChildren(...options);
  labelSelect.value = wanted;
}

labelSelect.addEventListener('change', () => {
  const value = labelSelect.value;
  state.view = value === 'strip' ? { label: null, strip: true } : { label: Number(value), strip: false };
  refresh();
});

function zoomFactor() {
  if (state.zoom !== 'fit') return Number(state.zoom);
  const width = picture.naturalWidth, height = picture.naturalHeight;
  if (!width || !height) return 1;
  const style = getComputedStyle(viewport);
  const room = Math.min(
    (viewport.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight)) / width,
    (viewport.clientHeight - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom)) / height);
  // Whole factors keep every dot the same size; below 1 there is no such choice.
  return room >= 1 ? Math.floor(room) : Math.max(room, 0.05);
}

function applyZoom() {
  const factor = zoomFactor();
  picture.style.width = `${picture.naturalWidth * factor}px`;
  picture.style.height = `${picture.naturalHeight * factor}px`;
  picture.dataset.zoom = factor;
  // Below 1× nearest neighbour would drop whole rows and columns of dots (a thin line could
  // vanish): smooth instead, and say so in the tooltip.
  picture.classList.toggle('reduced', factor < 1);
  picture.title = factor < 1 ? `Shown at ${Math.round(factor * 100)}%, smoothed: use 1× to see every dot` : '';
  for (const button of document.querySelectorAll('#zoom button')) {
    button.setAttribute('aria-pressed', String(button.dataset.zoom === String(state.zoom)));
  }
  showBox();
}

$('zoom').addEventListener('click', (event) => {
  const button = event.target.closest('button[data-zoom]');
  if (!button) return;
  state.zoom = button.dataset.zoom;
  applyZoom();
});
window.addEventListener('resize', () => { if (state.zoom === 'fit') applyZoom(); });

$('as-fed').addEventListener('change', (event) => {
  state.asFed = event.target.checked;
  refresh();
});

// ---- data rows: the markup's {{placeholders}} filled from a loaded data file, one row at a time

function showData(data) {
  state.data = data;
  $('rows').hidden = !data;
  if (!data) return;
  state.row = Math.min(Math.max(state.row, 1), Math.max(data.rows, 1));
  $('row').max = data.rows;
  if (document.activeElement !== $('row')) $('row').value = state.row;
  $('row-count').textContent = data.rows;
  $('data-name').textContent = data.name.split('/').pop();
  $('data-name').title = `${data.name}: columns ${data.columns.join(', ')}`;
  $('row-previous').disabled = state.row <= 1;
  $('row-next').disabled = state.row >= data.rows;
}

function goToRow(row) {
  if (!state.data) return;
  state.row = Math.min(Math.max(Math.trunc(row) || 1, 1), state.data.rows);
  $('row').value = state.row;
  refresh();
}

$('row-previous').addEventListener('click', () => goToRow(state.row - 1));
$('row-next').addEventListener('click', () => goToRow(state.row + 1));
$('row').addEventListener('change', () => goToRow(Number($('row').value)));

$('data-file').addEventListener('change', async (event) => {
  const file = event.target.files[0];
  event.target.value = '';  // choosing the same file again loads it again
  if (!file) return;
  try {
    const response = await fetch(`/api/data?name=${encodeURIComponent(file.name)}`, {
      method: 'POST',
      body: file,
      headers: PAGE_HEADER,
    });
    const answer = await response.json();
    if (!response.ok) {
      const first = answer.diagnostics?.[0];
      throw new Error(first ? `${first.file}:${first.line}: ${first.message}` : answer.error);
    }
    state.row = 1;
    showData(answer);
    toast(`Loaded ${answer.rows} row${answer.rows === 1 ? '' : 's'} from ${answer.name}`);
    refresh();
  } catch (error) {
    toast(`Cannot load ${file.name}: ${error.message}`, true);
  }
});

$('data-close').addEventListener('click', async () => {
  await fetch('/api/data', { method: 'DELETE', headers: PAGE_HEADER }).catch(() => {});
  showData(null);
  refresh();
});

// ---- element boxes: hover the picture or a line of markup to see where an element landed

function elementName(b) {
  const text = source.value.slice(offsetOf(source.value, b.line, b.column));
  return /^<\s*([A-Za-z]+)/.exec(text)?.[1] ?? 'element';
}

function boxAt(x, y) {
  let best = null;
  for (const b of state.last?.boxes ?? []) {
    if (x >= b.x && x < b.x + b.width && y >= b.y && y < b.y + b.height &&
        (!best || b.width * b.height < best.width * best.height)) best = b;
  }
  return best;
}

function setHover(b) {
  state.hoverBox = b;
  showBox();
}

// The hovered element's box, else the box of the element on the caret's line.
function showBox() {
  const caretLine = Number($('cursor').dataset.line);
  const b = state.hoverBox ?? state.last?.boxes?.find((x) => x.line === caretLine) ?? null;
  if (!b || picture.classList.contains('stale')) {
    box.hidden = true;
    return;
  }
  const factor = Number(picture.dataset.zoom) || 1;
  Object.assign(box.style, {
    left: `${b.x * factor}px`, top: `${b.y * factor}px`,
    width: `${Math.max(b.width, 1) * factor}px`, height: `${Math.max(b.height, 1) * factor}px`,
  });
  box.hidden = false;
  box.title = `${elementName(b)} at ${b.line}:${b.column}`;
  box.dataset.line = b.line;
  if (state.hoverBox) {
    statusLine.classList.remove('error');
    statusLine.textContent = `${elementName(b)} (line ${b.line}) · x ${b.x} y ${b.y} · ${b.width} × ${b.height} dots (${b.width / DOTS_PER_MM} × ${b.height / DOTS_PER_MM} mm)`;
  }
}

function dotUnderMouse(event) {
  const factor = Number(picture.dataset.zoom) || 1;
  return [Math.floor(event.offsetX / factor), Math.floor(event.offsetY / factor)];
}

picture.addEventListener('mousemove', (event) => setHover(boxAt(...dotUnderMouse(event))));
picture.addEventListener('mouseleave', () => setHover(null));
picture.addEventListener('click', (event) => {
  const b = boxAt(...dotUnderMouse(event));
  if (b) goTo(b.line, b.column);
});

// ---- download and copy

function toast(message, isError = false) {
  const el = $('toast');
  el.textContent = message;
  el.classList.toggle('error', isError);
  el.hidden = false;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => { el.hidden = true; }, 2500);
}

function baseName() {
  const name = state.following?.split('/').pop().replace(/\.[^.]*$/, '');
  return name || 'label';
}

$('download').addEventListener('click', () => {
  const data = state.last;
  if (!data) return toast('Nothing rendered yet', true);
  const bytes = Uint8Array.from(atob(data.png), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: 'image/png' }));
  const a = Object.assign(document.createElement('a'), {
    href: url,
    download: `${baseName()}${state.data ? `-${state.row}` : ''}-${data.view.strip ? 'strip' : data.view.label}.png`,
  });
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
});

async function copyText(text) {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    // The async clipboard can be refused (no permission, page not focused): the old way.
    const scratch = Object.assign(document.createElement('textarea'), { value: text });
    document.body.append(scratch);
    scratch.select();
    const copied = document.execCommand('copy');
    scratch.remove();
    if (!copied) throw new Error('the browser refused to copy');
  }
}

async function copyFrom(endpoint, params, what) {
  try {
    const response = await fetch(`${endpoint}?${params}`, {
      method: 'POST',
      body: source.value,
      headers: PAGE_HEADER,
    });
    const text = await response.text();
    if (!response.ok) throw new Error(JSON.parse(text).error);
    await copyText(text.trimEnd());
    toast(`Copied ${what}`);
  } catch (error) {
    toast(`Cannot copy ${what}: ${error.message}`, true);
  }
}

$('copy-base64').addEventListener('click', () => {
  // The strip is no printImage payload: copy every label's, one per line, as the CLI prints.
  const params = selectionQuery();
  params.delete('strip');
  const label = state.last?.view.label;
  if (label !== undefined && label !== null && !state.view.strip) params.set('label', label);
  copyFrom('/api/base64', params, params.has('label') ? `label ${label} as base64` : 'every label as base64');
});
$('copy-mstching').addEventListener('click', () => {
  const params = new URLSearchParams();
  if (state.asFed) params.set('as_fed', '1');
  if (state.data) params.set('row', state.row);
  copyFrom('/api/mstching', params, 'the Mstching JSON');
});

// ---- following the file given to dotlabel serve

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

async function follow(first) {
  const fileLabel = $('file');
  fileLabel.hidden = false;
  let version = null;
  let data = first;
  for (;;) {
    if (data) {
      fileLabel.textContent = data.path.split('/').pop();
      fileLabel.dataset.path = data.path;
      state.following = data.path;
      if (data.version !== version) {
        version = data.version;
        fileLabel.classList.toggle('missing', data.content === undefined);
        fileLabel.title = `${data.path}: ${data.error ?? 'the page follows this file; save it in your editor to see the label change (edits made here are not saved)'}`;
        if (data.content !== undefined && data.content !== source.value) setSource(data.content);
      }
    }
    try {
      const response = await fetch(`/api/file?since=${encodeURIComponent(version)}`);
      data = await response.json();
    } catch {
      data = null;
      await sleep(1000);  // the server is gone or restarting: try again
    }
  }
}

async function start() {
  applyZoom();
  const response = await fetch('/api/file').catch(() => null);
  if (response?.ok) {
    const first = await response.json();
    follow(first);
    if (first.content === undefined) setSource(localStorage.getItem(STORAGE_KEY) ?? SAMPLE);
  } else {
    setSource(localStorage.getItem(STORAGE_KEY) ?? SAMPLE);
  }
  source.focus();
}

start();
