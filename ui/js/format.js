// Small helpers shared by the views: Italian formats, DOM building, errors.

/** Hundredths to Italian: 9000 → "90", 1250 → "12,5". */
export function hundredths(value) {
  const sign = value < 0 ? '-' : '';
  const v = Math.abs(value);
  const whole = Math.floor(v / 100);
  const frac = v % 100;
  if (frac === 0) return `${sign}${whole}`;
  if (frac % 10 === 0) return `${sign}${whole},${frac / 10}`;
  return `${sign}${whole},${String(frac).padStart(2, '0')}`;
}


/** A selector that finds the same control again after a redraw, or null. */
export function focusSelector(el) {
  if (!el || !el.closest || !el.closest('main')) return null;
  if (el.id) return `#${CSS.escape(el.id)}`;
  const cls = el.classList.length ? `${el.tagName.toLowerCase()}.${[...el.classList].map((c) => CSS.escape(c)).join('.')}` : null;
  if (!cls) return null;
  const row = el.closest('[data-placement-id]');
  if (row) return `[data-placement-id="${row.dataset.placementId}"] ${cls}`;
  const area = el.closest('li[data-area-id]');
  if (area) return `li[data-area-id="${area.dataset.areaId}"] ${cls}`;
  const period = el.closest('section[data-period-id]');
  if (period) return `section[data-period-id="${period.dataset.periodId}"] ${cls}`;
  return cls;
}

/** Creates an element: h('button', { class: 'btn', onclick }, 'Testo'). */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.className = v;
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (v === true) el.setAttribute(k, '');
    else el.setAttribute(k, v);
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

/** The Italian message of an error from Rust (or of anything else). */
export function message(err) {
  if (err && typeof err === 'object' && err.message) return err.message;
  if (typeof err === 'string') return err;
  return 'Errore imprevisto: riprova.';
}

let toastTimer = null;
/** A short message at the bottom; `action` = { label, run } adds a button (e.g. Annulla). */
export function toast(text, { error = false, action = null, ms = 6000 } = {}) {
  const el = document.getElementById('toast');
  el.replaceChildren(h('span', {}, text));
  el.classList.toggle('error', error);
  if (action) {
    el.append(h('button', { type: 'button', onclick: () => { el.hidden = true; action.run(); } }, action.label));
  }
  el.append(h('button', { type: 'button', class: 'toast-close', 'aria-label': 'Chiudi il messaggio', title: 'Chiudi', onclick: () => { el.hidden = true; } }, '×'));
  el.hidden = false;
  clearTimeout(toastTimer);
  toastTimer = setTimeout(() => { el.hidden = true; }, ms);
}

/**
 * What every screen of a plan holds: the app, the element it draws in, the plan's id, and
 * the core's answer it shows (`data`, none until it has asked).
 */
export class Screen {
  constructor(app, main, planId) {
    this.app = app;
    this.main = main;
    this.planId = planId;
    this.data = null;
  }
}

/**
 * The top bar of a plan's screens other than the editor: the plan's title and the way back,
 * none of the editor's own commands (problems, print, the time saved); the plan's menus
 * only where the screen offers them (the cycle).
 */
export function screenChrome({ menus = false } = {}) {
  document.getElementById('topbar-plan').hidden = false;
  for (const id of ['problems-button', 'print-button', 'saved-at']) document.getElementById(id).hidden = true;
  document.getElementById('plan-menus').hidden = !menus;
}

/**
 * Before a redraw, the rows of `view` (`selector`) whose fields differ from what is saved are
 * kept in `view.dirty` under `keyOf(row)`, with their error, so that they stay as typed.
 */
export function keepTyped(view, selector, keyOf) {
  for (const tr of view.main.querySelectorAll(selector)) {
    const key = keyOf(tr);
    const values = view.rowValues(tr);
    if (tr.dataset.saved !== JSON.stringify(values)) {
      view.dirty.set(key, { values, error: view.dirty.get(key)?.error ?? '' });
    }
  }
}

/** The time of a save as the status line shows it: "14:32". */
export function savedTime() {
  return new Date().toLocaleTimeString('it-IT', { hour: '2-digit', minute: '2-digit' });
}

/**
 * A row of a table whose save was refused: marked invalid, the core's message under it, the
 * field the core named flagged (`fields` maps a field to its control's selector).
 */
export function refuseRow(row, err, fields) {
  row.classList.add('invalid');
  row.querySelector('.row-error').textContent = message(err);
  for (const f of row.querySelectorAll('textarea, input, select')) f.removeAttribute('aria-invalid');
  const cls = fields[err && err.field];
  if (cls) row.querySelector(cls).setAttribute('aria-invalid', 'true');
}

/**
 * The area a screen shows: the current one while it is still there, else the one last seen
 * on that screen (kept under `key`), else the first. `areas` carry `area_id`.
 */
export function chosenArea(areas, current, key) {
  if (areas.some((a) => a.area_id === current)) return current;
  const saved = Number(localStorage.getItem(key));
  return areas.some((a) => a.area_id === saved) ? saved : areas[0]?.area_id ?? null;
}
