// The "Risultati" view: a year's results per area, on the approved plan. Each row has the
// value reached, the percentage and the note; the area's score and band follow the typing
// (Rust computes them, nothing saved), and a row is saved when the officer leaves it.
import * as api from './api.js';
import { refreshNotice } from './copies.js';
import { resultsChartsDialog } from './documents.js';
import { closeDialog, confirmDialog, formDialog, infoDialog } from './dialogs.js';
import { chosenArea, h, hundredths, keepTyped, message, refuseRow, savedTime, Screen, screenChrome, toast } from './format.js';

/** Points and scores with two decimals: 6420 → "64,20". */
export function scoreText(v) {
  return `${Math.floor(v / 100)},${String(v % 100).padStart(2, '0')}`;
}

const itemKey = (item) => `${item.kind}-${item.id}`;
const italianDate = (iso) => iso.split('-').reverse().join('/');

export class ResultsView extends Screen {
  constructor(app, main, planId) {
    super(app, main, planId);
    this.year = Number(localStorage.getItem(`results-year-${planId}`)) || null;
    this.areaId = null;
    // Rows typed but not saved (refused, or in progress during a redraw): "area:item" →
    // { values, error }.
    this.dirty = new Map();
    this.previewTimer = null;
    this.savedAt = null;
  }

  async load() {
    screenChrome();
    let years;
    try {
      years = await api.resultYears(this.planId);
    } catch (err) {
      this.notice('I risultati non sono ancora disponibili', message(err));
      return;
    }
    if (!years.length) {
      this.notice('Nessun anno da rendicontare', 'Nessun anno del piano è ancora iniziato: i risultati si registrano a partire dal primo anno del piano.');
      return;
    }
    this.years = years.map((y) => y.year);
    // First the year still open (the Relazione to prepare), else the last one.
    if (!this.years.includes(this.year)) this.year = (years.find((y) => !y.closed) || years[years.length - 1]).year;
    this.apply(await api.yearResults(this.planId, this.year));
  }

  notice(title, text) {
    this.main.replaceChildren(h('section', { class: 'welcome', id: 'results-notice' },
      h('h2', {}, title), h('p', {}, text),
      h('button', { type: 'button', class: 'btn primary', onclick: () => this.app.openPlan(this.planId) }, 'Torna al piano')));
  }

  /** Rust's answer: keep what is being typed elsewhere, redraw. */
  apply(data) {
    if (!data) return data;
    this.keepTyping();
    this.data = data;
    this.areaId = chosenArea(data.areas, this.areaId, `results-area-${this.planId}`);
    this.render();
    return data;
  }

  /** Rows whose fields differ from what is saved stay as typed across a redraw. */
  keepTyping() {
    keepTyped(this, 'tr[data-item]', (tr) => `${tr.dataset.area}:${tr.dataset.item}`);
  }

  rowValues(tr) {
    const out = {
      value: tr.querySelector('.r-value').value,
      achievement: tr.querySelector('.r-ach').value,
      note: tr.querySelector('.r-note').value,
    };
    const measured = [...tr.querySelectorAll('.r-ival')];
    if (measured.length) out.values = measured.map((i) => [Number(i.dataset.indicator), i.value]);
    return out;
  }

  area() {
    return this.data.areas.find((a) => a.area_id === this.areaId);
  }

  render() {
    const y = this.data;
    const label = document.getElementById('version-label');
    label.textContent = `Risultati ${y.year} · ${y.version_label}`;
    label.title = label.textContent;
    const active = document.activeElement;
    const focusId = active && active.id && this.main.contains(active) ? active.id : null;
    const caret = focusId && typeof active.selectionStart === 'number' ? active.selectionStart : null;
    const area = this.area();
    this.main.replaceChildren(
      this.renderBar(),
      y.relazione ? this.renderFrozen() : '',
      h('div', { class: 'editor results' }, this.renderAreas(), area ? this.renderArea(area) : h('p', { class: 'empty' }, `Nessun obiettivo nel ${y.year}.`)));
    if (focusId) {
      const again = document.getElementById(focusId);
      if (again && !again.disabled) {
        again.focus();
        if (caret !== null && typeof again.setSelectionRange === 'function') again.setSelectionRange(caret, caret);
      }
    }
  }

  renderBar() {
    const y = this.data;
    const missing = y.areas.reduce((n, a) => n + a.missing.length, 0);
    const frozen = Boolean(y.relazione);
    const select = h('select', { id: 'results-year', onchange: (e) => this.chooseYear(Number(e.target.value)) },
      this.years.map((year) => h('option', { value: year, selected: year === y.year }, String(year))));
    const btn = (id, label, run, cls = 'btn') => h('button', { type: 'button', class: cls, id, onclick: run }, label);
    return h('section', { class: 'results-bar', 'aria-label': 'Anno e azioni sui risultati' },
      h('div', { class: 'results-title' },
        h('button', { type: 'button', class: 'btn', id: 'results-back', onclick: () => this.app.openPlan(this.planId) }, '← Torna al piano'),
        h('h2', {}, 'Risultati degli obiettivi'),
        h('label', { for: 'results-year' }, 'Anno'), select,
        h('span', { id: 'results-status', class: `badge ${missing ? 'warn' : 'ok'}`, role: 'status' },
          frozen ? 'Relazione approvata' : missing ? `Mancano ${missing} risultati` : 'Risultati completi'),
        h('span', { id: 'results-saved', class: 'results-saved', role: 'status', 'aria-live': 'polite' }, this.savedAt ? `Salvato alle ${this.savedAt}` : '')),
      h('div', { class: 'actions' },
        btn('results-export', 'Foglio per i responsabili', () => this.exportSheet('xlsx')),
        frozen ? null : btn('results-import', 'Importa foglio compilato…', () => this.importSheet()),
        btn('results-print', 'Stampa allegato (Ctrl+P)', () => this.print('pdf'), 'btn primary'),
        btn('results-publish-csv', 'CSV per la pubblicazione', () => this.print('csv')),
        btn('results-publish-xlsx', 'Excel per la pubblicazione', () => this.print('xlsx')),
        btn('results-charts', 'Grafici…', () => resultsChartsDialog(this.planId, y.year)),
        btn('results-smvp', 'Fasce e prerequisiti…', () => this.smvpForm()),
        btn('results-evaluation', 'Valutazione dei responsabili', () => this.app.showEvaluation(this.planId, this.data.year)),
        frozen && !y.relazione_validation ? btn('relazione-validate', 'Validazione del Nucleo…', () => this.validateForm()) : null,
        y.relazione_validation ? btn('relazione-validation-revoke', 'Annulla la validazione…', () => this.revokeValidationForm()) : null,
        frozen
          ? (y.relazione_validation ? null : btn('relazione-revoke', 'Annulla l\'approvazione…', () => this.revokeForm()))
          : btn('relazione-approve', 'Approva la Relazione…', () => this.approveForm())));
  }

  renderFrozen() {
    const act = this.data.relazione;
    return h('section', { class: 'frozen-banner', id: 'relazione-banner', role: 'status' },
      h('p', {}, h('strong', {}, `Relazione sulla performance ${this.data.year} approvata con delibera della ${act.body} n. ${act.number} del ${italianDate(act.date)}. `),
        'I risultati dell\'anno, le fasce e gli obiettivi prerequisito non si modificano più.'),
      h('p', { id: 'relazione-validation' }, this.data.relazione_validation
        ? h('strong', {}, `Validata dal ${this.data.relazione_validation.body} con atto n. ${this.data.relazione_validation.number} del ${italianDate(this.data.relazione_validation.date)}: la retribuzione di risultato dell'anno è liquidabile.`)
        : 'Manca la validazione del Nucleo di valutazione: finché non è registrata la retribuzione di risultato non si paga (art. 14 c.6 D.Lgs. 150/2009).'));
  }

  renderAreas() {
    const items = this.data.areas.map((a) => {
      const complete = a.missing.length === 0;
      return h('li', { class: a.area_id === this.areaId ? 'selected' : '', dataset: { areaId: a.area_id } },
        h('button', { type: 'button', class: 'area-pick', 'aria-current': a.area_id === this.areaId ? 'true' : null, onclick: () => this.select(a.area_id) },
          h('span', { class: 'name' }, a.name),
          a.manager ? h('span', { class: 'manager' }, a.manager) : null,
          // The share only once every result is in: before, it would be a guess.
          h('span', { class: 'badges' },
            h('span', { class: `badge ${complete ? 'ok' : 'warn'} area-score` }, `Punteggio ${scoreText(a.score)}`),
            complete
              ? h('span', { class: `badge ${a.share > 0 ? 'ok' : 'bad'} area-share` }, `Quota ${hundredths(a.share)}%`)
              : h('span', { class: 'badge warn' }, `mancano ${a.missing.length}`))));
    });
    // On a small window the list folds into a selector (styles.css).
    const picker = h('div', { class: 'area-select-row' },
      h('label', { for: 'results-area-select' }, 'Area'),
      h('select', { id: 'results-area-select', onchange: (e) => this.select(Number(e.target.value)) },
        this.data.areas.map((a) => h('option', { value: a.area_id, selected: a.area_id === this.areaId },
          `${a.name} – punteggio ${scoreText(a.score)}${a.missing.length ? `, mancano ${a.missing.length}` : ''}`))));
    return h('nav', { class: 'areas', 'aria-labelledby': 'results-areas-title' },
      h('h2', { id: 'results-areas-title' }, 'Aree'),
      picker,
      h('ol', { id: 'results-area-list' }, items));
  }

  scoreBox(area, outcome = null, missing = null) {
    const o = outcome || area;
    const left = missing ?? area.missing.length;
    return [
      h('span', { class: 'score' }, `Punteggio ${scoreText(o.score)}`),
      h('span', {}, `Fascia: ${o.band}`),
      h('span', { class: 'share' }, `Quota del premio: ${hundredths(o.share)}%`),
      h('span', { class: left ? 'left' : '' }, left ? `Mancano ${left} risultati: punteggio provvisorio` : 'Tutti i risultati inseriti'),
    ];
  }

  renderArea(area) {
    const frozen = Boolean(this.data.relazione);
    const head = h('div', { class: 'area-head' },
      h('h2', { id: 'results-area-title', tabindex: '-1' }, `${area.name} – ${this.data.year}`, area.manager ? h('span', { class: 'manager' }, ` – Responsabile: ${area.manager}`) : null));
    const rows = area.rows.map((r) => this.renderRow(area, r, frozen));
    const table = h('table', { class: 'objectives results-table', 'aria-labelledby': 'results-area-title' },
      h('colgroup', {}, ['obj', 'weight', 'value', 'ach', 'note', 'points'].map((c) => h('col', { class: `col-r-${c}` }))),
      h('thead', {}, h('tr', {},
        ['Obiettivo e indicatore', 'Peso', 'Valore raggiunto', '% raggiungimento', 'Note sugli scostamenti (obbligatorie sotto il 100%)', 'Punti'].map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {
        oninput: (e) => this.typed(e),
        // Enter in a percentage goes down to the next row's, as in a spreadsheet.
        onkeydown: (e) => {
          if (e.key !== 'Enter' || e.ctrlKey || e.altKey || e.metaKey || !e.target.classList.contains('r-ach')) return;
          e.preventDefault();
          const rows = [...e.currentTarget.querySelectorAll('tr[data-item]')];
          const next = rows[rows.indexOf(e.target.closest('tr')) + (e.shiftKey ? -1 : 1)];
          if (next) next.querySelector('.r-ach').focus();
        },
        // A row is saved when focus leaves it, whichever of its fields changed.
        onfocusout: (e) => {
          const tr = e.target.closest('tr[data-item]');
          if (tr && !tr.contains(e.relatedTarget)) this.left(tr);
        },
      }, rows),
      h('tfoot', {}, h('tr', { class: 'total' },
        h('td', {}, `Totale ${area.name}`),
        h('td', { class: 'weight' }, `${hundredths(area.weight_total)}%`),
        h('td', { colspan: 3 }),
        h('td', { class: 'weight', id: 'results-total' }, scoreText(area.score)))));
    const missing = area.missing.length
      ? h('section', { class: 'missing', 'aria-labelledby': 'missing-title' },
        h('h3', { id: 'missing-title' }, `Risultati mancanti (${area.missing.length})`),
        h('ul', { id: 'missing-list' }, area.missing.map((m) => h('li', {}, m.length > 110 ? `${m.slice(0, 110)}…` : m))))
      : null;
    return h('div', { class: 'area', dataset: { areaId: area.area_id } },
      head,
      h('div', { class: 'score-box', id: 'score-box', role: 'status', 'aria-live': 'polite' }, this.scoreBox(area)),
      h('section', { class: 'period' }, h('div', { class: 'table-scroll' }, table)),
      missing);
  }

  renderRow(area, r, frozen) {
    const key = itemKey(r.item);
    const dk = `${area.area_id}:${key}`;
    const e = r.result;
    const indicators = r.indicators || [];
    // A percentage the values give is shown as the field's placeholder, not typed in it:
    // changing a value then recomputes it.
    const computedOnly = e && e.computed !== null && e.computed !== undefined && e.computed === e.achievement && (e.values || []).length > 0;
    const saved = { value: e ? e.value : '', achievement: e && !computedOnly ? hundredths(e.achievement) : '', note: e ? e.note : '' };
    if (indicators.length) saved.values = indicators.map((i) => [i.id, i.value_text]);
    const dirty = this.dirty.get(dk);
    const v = dirty ? dirty.values : saved;
    const label = r.description.length > 60 ? `${r.description.slice(0, 60)}…` : r.description;
    const errId = `r-error-${key}`;
    const prerequisite = r.item.kind === 'prerequisite';
    return h('tr', { dataset: { item: key, area: area.area_id, saved: JSON.stringify(saved) }, class: dirty && dirty.error ? 'invalid' : '' },
      h('td', {},
        h('div', { class: 'r-service' }, r.service),
        h('div', {}, r.description),
        h('div', { class: 'r-indicator' }, `Indicatore: ${r.indicator}`),
        r.cross_cutting && !prerequisite ? h('span', { class: 'shared-mark' }, 'trasversale') : null),
      h('td', { class: 'weight' }, prerequisite ? h('span', { title: 'Obiettivo prerequisito: senza peso' }, '–') : `${hundredths(r.weight)}%`),
      h('td', {},
        indicators.length ? h('div', { class: 'measured' }, indicators.map((i, n) => {
          const typed = v.values ? (v.values.find(([id]) => id === i.id) || [0, ''])[1] : i.value_text;
          const fid = `r-ival-${key}-${n}`;
          return h('div', { class: 'measure' },
            h('label', { for: fid }, i.label, i.target_text ? h('span', { class: 'target' }, ` – target ${i.target_text}`) : null),
            h('div', { class: 'measure-row' },
              h('input', { id: fid, class: 'r-ival', type: 'text', autocomplete: 'off', dataset: { indicator: i.id }, value: typed, 'aria-describedby': `r-iach-${key}-${n} ${errId}`, disabled: frozen }),
              h('span', { class: 'measure-ach', id: `r-iach-${key}-${n}` }, i.achievement === null || i.achievement === undefined ? '' : `${hundredths(i.achievement)}%`)));
        })) : null,
        h('textarea', { id: `r-value-${key}`, class: 'r-value', rows: indicators.length ? 2 : 3, 'aria-label': indicators.length ? `Note sul valore (facoltative): ${label}` : `Valore raggiunto: ${label}`, placeholder: indicators.length ? 'Altro da dire sul valore (facoltativo)' : null, 'aria-describedby': errId, disabled: frozen }, v.value)),
      h('td', {}, h('input', { id: `r-ach-${key}`, class: 'r-ach', type: 'text', inputmode: 'decimal', autocomplete: 'off', value: v.achievement, placeholder: e && e.computed !== null && e.computed !== undefined ? hundredths(e.computed) : null, 'aria-label': `Percentuale di raggiungimento: ${label}${indicators.length ? ' (vuota: calcolata dai valori)' : ''}`, 'aria-describedby': `r-how-${key} ${errId}`, disabled: frozen }),
        h('div', { class: 'r-how hint', id: `r-how-${key}` }, howText(e))),
      h('td', {},
        h('textarea', { id: `r-note-${key}`, class: 'r-note', rows: 3, 'aria-label': `Note sugli scostamenti: ${label}`, 'aria-describedby': errId, disabled: frozen }, v.note),
        h('div', { class: 'row-error', id: errId, role: 'alert' }, dirty && dirty.error ? dirty.error : '')),
      h('td', { class: 'weight r-points', id: `r-points-${key}` }, r.points === null || r.points === undefined ? '' : scoreText(r.points)));
  }

  /** While typing a percentage: the score, band and points as Rust computes them, nothing saved. */
  /** A percentage typed: the score follows at once (Rust's preview of the area, nothing saved). */
  typed(e) {
    if (!e.target.classList.contains('r-ach') && !e.target.classList.contains('r-ival')) return;
    this.preview();
  }

  async preview() {
    const area = this.area();
    if (!area) return;
    // Answers may arrive out of order: only the last keystroke's is drawn.
    const seq = (this.previewSeq = (this.previewSeq || 0) + 1);
    const trs = [...this.main.querySelectorAll('.results-table tbody tr[data-item]')];
    const rowOf = (tr) => area.rows.find((r) => itemKey(r.item) === tr.dataset.item);
    const typed = trs.map((tr) => {
      const row = rowOf(tr);
      return row ? [row.item, tr.querySelector('.r-ach').value] : null;
    }).filter(Boolean);
    const measured = trs.map((tr) => {
      const row = rowOf(tr);
      const inputs = [...tr.querySelectorAll('.r-ival')];
      return row && inputs.length ? [row.item, inputs.map((i) => [Number(i.dataset.indicator), i.value])] : null;
    }).filter(Boolean);
    let p;
    try {
      p = await api.previewScore(this.planId, this.data.year, area.area_id, typed, measured);
    } catch {
      return; // the row's own save says what is wrong
    }
    if (this.area() !== area || seq !== this.previewSeq) return;
    document.getElementById('score-box').replaceChildren(...this.scoreBox(area, p.outcome, p.missing));
    document.getElementById('results-total').textContent = scoreText(p.outcome.score);
    for (const row of p.rows) {
      const key = itemKey(row.item);
      const cell = document.getElementById(`r-points-${key}`);
      if (cell) cell.textContent = row.points === null ? '' : scoreText(row.points);
      const err = document.getElementById(`r-error-${key}`);
      if (err) err.textContent = row.error || '';
      // The values typed: each indicator's percentage, and the objective's as the placeholder.
      (row.indicators || []).forEach((a, n) => {
        const span = document.getElementById(`r-iach-${key}-${n}`);
        if (span) span.textContent = a === null || a === undefined ? '' : `${hundredths(a)}%`;
      });
      const ach = document.getElementById(`r-ach-${key}`);
      if (ach && (row.indicators || []).length) {
        ach.placeholder = row.computed === null || row.computed === undefined ? '' : hundredths(row.computed);
        const how = document.getElementById(`r-how-${key}`);
        if (how) how.textContent = row.computed === null || row.computed === undefined ? '' : (ach.value.trim() ? `dai valori: ${hundredths(row.computed)}%` : 'calcolata dai valori');
      }
    }
  }

  /** Focus left a row: save it if it changed (or say why not). */
  async left(tr) {
    const area = this.area();
    const row = area && area.rows.find((r) => itemKey(r.item) === tr.dataset.item);
    if (!row || this.data.relazione) return;
    const values = this.rowValues(tr);
    if (tr.dataset.saved === JSON.stringify(values)) return;
    const dk = `${area.area_id}:${tr.dataset.item}`;
    try {
      const data = await api.setResult(this.planId, this.data.year, area.area_id, row.item, values);
      this.dirty.delete(dk);
      tr.dataset.saved = JSON.stringify(values);
      this.savedAt = savedTime();
      this.apply(data);
    } catch (err) {
      this.dirty.set(dk, { values, error: message(err) });
      // The row as it is on screen now (a redraw may have replaced it meanwhile).
      const live = this.main.querySelector(`tr[data-area="${area.area_id}"][data-item="${tr.dataset.item}"]`) || tr;
      refuseRow(live, err, { value: '.r-value', achievement: '.r-ach', note: '.r-note' });
    }
  }

  select(areaId) {
    this.areaId = areaId;
    localStorage.setItem(`results-area-${this.planId}`, String(areaId));
    this.render();
    document.getElementById('results-area-title')?.focus();
  }

  async chooseYear(year) {
    this.year = year;
    localStorage.setItem(`results-year-${this.planId}`, String(year));
    this.dirty.clear();
    this.main.replaceChildren();
    this.apply(await api.yearResults(this.planId, year));
    document.getElementById('results-year')?.focus();
  }

  async run(promise, done) {
    try {
      const path = await promise;
      if (path) toast(`${done} ${path}`, { ms: 8000, action: { label: 'Apri', run: () => api.openFile(path).catch((err) => toast(message(err), { error: true })) } });
    } catch (err) {
      toast(message(err), { error: true, ms: 10000 });
    }
  }

  exportSheet(format) {
    return this.run(api.exportResultsSheet(this.planId, this.data.year, format), 'Foglio dei risultati salvato in');
  }

  print(format) {
    const what = format === 'pdf' ? 'Allegato dei risultati salvato in' : 'Tabella per la pubblicazione salvata in';
    return this.run(api.printResults(this.planId, this.data.year, format), what);
  }

  async importSheet() {
    try {
      const done = await api.importResultsSheet(this.planId, this.data.year);
      if (!done) return;
      this.dirty.clear();
      this.apply(done.results);
      toast(`Importati ${done.count} risultati.`, { ms: 8000 });
    } catch (err) {
      infoDialog('Il foglio non è stato importato', h('div', { id: 'results-import-error' },
        h('p', { class: 'form-error' }, message(err)),
        h('p', {}, 'Non è stato importato nessun risultato: correggi il foglio e importalo di nuovo.')));
    }
  }

  /** The evaluation system: bands of score → bonus share, and prerequisite objectives. */
  smvpForm() {
    const y = this.data;
    const frozen = Boolean(y.relazione);
    const lines = y.bands.map((b) => `${hundredths(b.from)}: ${b.share === null ? 'proporzionale' : hundredths(b.share)}`).join('\n');
    // Prerequisites are the same in every area: the first one lists them.
    const prerequisites = (y.areas[0]?.rows || []).filter((r) => r.item.kind === 'prerequisite');
    const remove = async (r) => {
      closeDialog();
      const ok = await confirmDialog('Togliere l\'obiettivo prerequisito?', `«${r.description}» e i risultati già inseriti per esso saranno eliminati in ogni area e anno.`, 'Togli');
      if (!ok) return;
      try {
        this.apply(await api.deletePrerequisite(this.planId, y.year, r.item.id));
      } catch (err) {
        toast(message(err), { error: true, ms: 10000 });
      }
    };
    return formDialog({
      title: 'Fasce e obiettivi prerequisito',
      intro: h('div', {},
        h('p', {}, 'Le fasce del sistema di valutazione dicono quale quota del premio di risultato spetta a ogni punteggio. Gli obiettivi prerequisito («obiettivo zero») non hanno peso e valgono per ogni area: se un\'area non li raggiunge al 100%, la sua quota è zero qualunque sia il punteggio.'),
        h('h3', {}, 'Obiettivi prerequisito'),
        prerequisites.length
          ? h('ul', { class: 'versions', id: 'prerequisite-list' }, prerequisites.map((r) => h('li', {}, h('span', {}, r.description),
            frozen ? null : h('button', { type: 'button', class: 'btn small danger', 'aria-label': `Togli ${r.description}`, onclick: () => remove(r) }, 'Togli'))))
          : h('p', {}, 'Nessuno.')),
      fields: frozen ? [] : [
        { id: 'bands', field: 'bands', label: 'Fasce: una per riga, «punteggio da: quota»', type: 'textarea', rows: 4, value: lines, hint: 'La quota è una percentuale o «proporzionale» (al punteggio). Es. «0: 0», «60: proporzionale», «90: 100».' },
        { id: 'pre-description', field: 'description', label: 'Nuovo obiettivo prerequisito (facoltativo)', value: '', hint: 'Es. Rispetto del codice di comportamento' },
        { id: 'pre-indicator', field: 'indicator', label: 'Indicatore del nuovo obiettivo prerequisito', value: '' },
      ],
      submitLabel: frozen ? 'Chiudi' : 'Salva',
      onSubmit: async (v) => {
        if (frozen) return true;
        let data = await api.setBands(this.planId, y.year, v.bands);
        if (v['pre-description'].trim() || v['pre-indicator'].trim()) {
          data = await api.addPrerequisite(this.planId, y.year, v['pre-description'], v['pre-indicator']);
        }
        return this.apply(data);
      },
    });
  }

  approveForm() {
    const now = new Date();
    const today = `${String(now.getDate()).padStart(2, '0')}/${String(now.getMonth() + 1).padStart(2, '0')}/${now.getFullYear()}`;
    return formDialog({
      title: `Approva la Relazione sulla performance ${this.data.year}`,
      intro: h('p', {}, `Registra la delibera con cui la Giunta ha approvato la Relazione sul ${this.data.year}. Servono tutti i risultati; da quel momento i risultati dell'anno non si modificano più e l'allegato riporta la delibera.`),
      rows: [
        { id: 'rel-body', field: 'act_body', label: 'Organo', value: 'Giunta dell\'Unione' },
        [
          { id: 'rel-number', field: 'act_number', label: 'Numero della delibera', required: true, value: '' },
          { id: 'rel-date', field: 'act_date', label: 'Data della delibera', required: true, value: today, hint: 'gg/mm/aaaa, es. 20/06/2021', inputmode: 'numeric' },
        ],
      ],
      submitLabel: 'Registra l\'approvazione',
      onSubmit: async (v) => { this.apply(await api.approveRelazione(this.planId, this.data.year, { body: v['rel-body'], number: v['rel-number'], date: v['rel-date'] })); refreshNotice(); },
    });
  }

  validateForm() {
    return formDialog({
      title: `Validazione della Relazione ${this.data.year} da parte del Nucleo`,
      intro: h('p', {}, 'Il Nucleo di valutazione (o l\'OIV) valida la Relazione approvata dalla Giunta (art. 14 c.4 lett. c D.Lgs. 150/2009). È la condizione per pagare la retribuzione di risultato dell\'anno (art. 14 c.6 e regolamento dell\'ente).'),
      rows: [
        { id: 'relv-body', field: 'act_body', label: 'Organo', value: 'Nucleo di valutazione' },
        [
          { id: 'relv-number', field: 'act_number', label: 'Numero del verbale o dell\'atto', required: true, value: '' },
          { id: 'relv-date', field: 'act_date', label: 'Data', required: true, value: '', hint: `gg/mm/aaaa, es. 10/07/${this.data.year + 1}`, inputmode: 'numeric' },
        ],
      ],
      submitLabel: 'Registra la validazione',
      onSubmit: async (v) => this.apply(await api.validateRelazione(this.planId, this.data.year, { body: v['relv-body'], number: v['relv-number'], date: v['relv-date'] })),
    });
  }

  revokeValidationForm() {
    const act = this.data.relazione_validation;
    return formDialog({
      title: 'Annullare la validazione del Nucleo?',
      intro: h('p', {}, `La retribuzione di risultato del ${this.data.year} tornerà non liquidabile. Per conferma scrivi il numero dell'atto del Nucleo (${act.number}).`),
      fields: [{ id: 'relv-revoke-number', field: 'confirm', label: 'Numero dell\'atto del Nucleo', required: true, value: '' }],
      submitLabel: 'Annulla la validazione',
      danger: true,
      onSubmit: async (v) => this.apply(await api.revokeRelazioneValidation(this.planId, this.data.year, v['relv-revoke-number'])),
    });
  }

  revokeForm() {
    const act = this.data.relazione;
    return formDialog({
      title: 'Annullare l\'approvazione della Relazione?',
      intro: h('p', {}, `I risultati del ${this.data.year} torneranno modificabili. Serve solo a correggere una delibera registrata per errore; l'annullamento resta registrato. Per conferma scrivi il numero della delibera (${act.number}).`),
      fields: [{ id: 'rel-revoke-number', field: 'confirm', label: 'Numero della delibera', required: true, value: '' }],
      submitLabel: 'Annulla l\'approvazione',
      danger: true,
      onSubmit: async (v) => { this.apply(await api.revokeRelazione(this.planId, this.data.year, v['rel-revoke-number'])); refreshNotice(); },
    });
  }
}

/** Under a percentage: whether it was computed from the values or typed over them. */
function howText(e) {
  if (!e || e.computed === null || e.computed === undefined) return '';
  return e.computed === e.achievement ? 'calcolata dai valori' : `indicata (dai valori: ${hundredths(e.computed)}%)`;
}
