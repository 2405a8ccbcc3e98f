// The «Monitoraggio» view: the monitoring dates of the approved plan; per area the traffic
// light and the count per status; per objective the progress, the values so far, the status
// (the rule's proposal unless changed), the critical issues and the corrective action, typed
// with the keyboard and saved when focus leaves the row, like the results.
import * as api from './api.js';
import { confirmDialog, formDialog, infoDialog } from './dialogs.js';
import { monitoringChartDialog } from './documents.js';
import { chosenArea, h, hundredths, keepTyped, message, refuseRow, savedTime, Screen, screenChrome, toast } from './format.js';

const STATUSES = [['in_linea', 'in linea'], ['a_rischio', 'a rischio'], ['critico', 'critico'], ['concluso', 'concluso'], ['scaduto', 'scaduto']];
const ACTIONS = [['nessuna', 'nessuna'], ['area', 'azione dell\'area'], ['variazione', 'proposta di variazione']];
const label = (list, code) => (list.find(([c]) => c === code) || [code, code])[1];
const italian = (iso) => iso.split('-').reverse().join('/');
const LIGHT = { verde: 'ok', giallo: 'warn', rosso: 'bad', grigio: 'none' };

export class MonitorView extends Screen {
  constructor(app, main, planId) {
    super(app, main, planId);
    this.areaId = null;
    this.dirty = new Map();
    this.savedAt = null;
  }

  async load() {
    screenChrome();
    let data;
    try {
      data = await api.monitorScreen(this.planId, localStorage.getItem(`monitor-date-${this.planId}`));
    } catch (err) {
      this.main.replaceChildren(h('section', { class: 'welcome', id: 'monitor-notice' },
        h('h2', {}, 'Il monitoraggio non è ancora disponibile'), h('p', {}, message(err)),
        h('button', { type: 'button', class: 'btn primary', onclick: () => this.app.openPlan(this.planId) }, 'Torna al piano')));
      return;
    }
    this.apply(data);
  }

  apply(data) {
    if (!data) return data;
    this.keepTyping();
    this.data = data;
    const m = data.monitor;
    if (m) {
      localStorage.setItem(`monitor-date-${this.planId}`, m.date);
      this.areaId = chosenArea(m.areas, this.areaId, `monitor-area-${this.planId}`);
    }
    this.render();
    return data;
  }

  keepTyping() {
    keepTyped(this, 'tr[data-objective]', (tr) => `${tr.dataset.area}:${tr.dataset.objective}`);
  }

  rowValues(tr) {
    return {
      progress: tr.querySelector('.m-progress').value,
      values: [...tr.querySelectorAll('.m-ival')].map((i) => [Number(i.dataset.indicator), i.value]),
      status: tr.querySelector('.m-status').value,
      issues: tr.querySelector('.m-issues').value,
      action: tr.querySelector('.m-action').value,
      action_text: tr.querySelector('.m-action-text').value,
    };
  }

  area() {
    return this.data.monitor && this.data.monitor.areas.find((a) => a.area_id === this.areaId);
  }

  render() {
    const m = this.data.monitor;
    const label = document.getElementById('version-label');
    label.textContent = m ? `Monitoraggio al ${italian(m.date)} · ${m.version_label}` : 'Monitoraggio';
    label.title = label.textContent;
    const active = document.activeElement;
    const focusId = active && active.id && this.main.contains(active) ? active.id : null;
    const area = this.area();
    this.main.replaceChildren(
      this.renderBar(),
      m && m.frozen ? h('section', { class: 'frozen-banner', id: 'monitor-frozen', role: 'status' }, h('p', {}, h('strong', {}, 'La Relazione di quest\'anno è approvata: '), 'le schede di monitoraggio non si modificano più.')) : '',
      !m ? h('section', { class: 'welcome', id: 'monitor-empty' },
        h('h2', {}, 'Nessuna data di monitoraggio'),
        h('p', {}, 'Il monitoraggio intermedio (art. 6 D.Lgs. 150/2009) si fa di solito al 30/06 e al 30/09: aggiungi la prima data.'),
        h('button', { type: 'button', class: 'btn primary', id: 'monitor-add-first', onclick: () => this.addDate() }, 'Aggiungi una data…'))
        : h('div', { class: 'editor results monitoring' }, this.renderAreas(m), area ? this.renderArea(m, area) : h('p', { class: 'empty' }, 'Nessun obiettivo in quest\'anno.')));
    if (focusId) {
      const again = document.getElementById(focusId);
      if (again && !again.disabled) again.focus();
    }
  }

  renderBar() {
    const { dates, monitor: m } = this.data;
    const btn = (id, text, run, cls = 'btn') => h('button', { type: 'button', class: cls, id, onclick: run }, text);
    const missing = m ? m.areas.reduce((n, a) => n + a.missing, 0) : 0;
    const frozen = Boolean(m && m.frozen);
    return h('section', { class: 'results-bar', 'aria-label': 'Date e azioni del monitoraggio' },
      h('div', { class: 'results-title' },
        btn('monitor-back', '← Torna al piano', () => this.app.openPlan(this.planId)),
        h('h2', {}, 'Monitoraggio degli obiettivi'),
        dates.length ? h('label', { for: 'monitor-date' }, 'Data') : null,
        dates.length ? h('select', { id: 'monitor-date', onchange: (e) => this.chooseDate(e.target.value) },
          dates.map((d) => h('option', { value: d, selected: m && d === m.date }, italian(d)))) : null,
        m ? h('span', { id: 'monitor-status', class: `badge ${missing ? 'warn' : 'ok'}`, role: 'status' }, frozen ? 'Anno chiuso' : missing ? `Mancano ${missing} schede` : 'Schede complete') : null,
        h('span', { id: 'monitor-saved', class: 'results-saved', role: 'status', 'aria-live': 'polite' }, this.savedAt ? `Salvato alle ${this.savedAt}` : '')),
      h('div', { class: 'actions' },
        btn('monitor-add', 'Nuova data…', () => this.addDate()),
        m && !frozen ? btn('monitor-delete', 'Elimina questa data…', () => this.deleteDate()) : null,
        m ? btn('monitor-export', 'Foglio per i responsabili', () => this.run(api.exportMonitorSheet(this.planId, m.date, 'xlsx'), 'Foglio del monitoraggio salvato in')) : null,
        m && !frozen ? btn('monitor-import', 'Importa foglio compilato…', () => this.importSheet()) : null,
        m ? btn('monitor-print', 'Rapporto per il Nucleo (PDF)', () => this.run(api.printMonitorReport(this.planId, m.date, 'pdf'), 'Rapporto di monitoraggio salvato in'), 'btn primary') : null,
        m ? btn('monitor-chart', 'Grafico dei semafori…', () => monitoringChartDialog(this.planId, Number(m.date.slice(0, 4)))) : null,
        m ? btn('monitor-csv', 'CSV', () => this.run(api.printMonitorReport(this.planId, m.date, 'csv'), 'Tabella salvata in')) : null,
        m ? btn('monitor-xlsx', 'Excel', () => this.run(api.printMonitorReport(this.planId, m.date, 'xlsx'), 'Tabella salvata in')) : null,
        m && !frozen ? btn('monitor-thresholds', 'Soglie dello stato…', () => this.thresholdsForm()) : null));
  }

  renderAreas(m) {
    const count = (a, code) => (a.counts.find(([s]) => s === code) || [code, 0])[1];
    const items = m.areas.map((a) => h('li', { class: a.area_id === this.areaId ? 'selected' : '', dataset: { areaId: a.area_id } },
      h('button', { type: 'button', class: 'area-pick', 'aria-current': a.area_id === this.areaId ? 'true' : null, onclick: () => this.select(a.area_id) },
        h('span', { class: 'name' }, a.name),
        a.manager ? h('span', { class: 'manager' }, a.manager) : null,
        h('span', { class: 'badges' },
          h('span', { class: `badge light ${LIGHT[a.light]} area-light` }, `Semaforo ${a.light}`),
          h('span', { class: 'badge none area-counts' }, STATUSES.map(([c, l]) => count(a, c) ? `${l} ${count(a, c)}` : null).filter(Boolean).join(' · ') || 'nessuna scheda'),
          a.missing ? h('span', { class: 'badge warn' }, `mancano ${a.missing}`) : null))));
    const picker = h('div', { class: 'area-select-row' },
      h('label', { for: 'monitor-area-select' }, 'Area'),
      h('select', { id: 'monitor-area-select', onchange: (e) => this.select(Number(e.target.value)) },
        m.areas.map((a) => h('option', { value: a.area_id, selected: a.area_id === this.areaId }, `${a.name} – semaforo ${a.light}`))));
    return h('nav', { class: 'areas', 'aria-labelledby': 'monitor-areas-title' },
      h('h2', { id: 'monitor-areas-title' }, 'Aree'), picker, h('ol', { id: 'monitor-area-list' }, items));
  }

  renderArea(m, area) {
    const frozen = m.frozen;
    const head = h('div', { class: 'area-head' },
      h('h2', { id: 'monitor-area-title', tabindex: '-1' }, `${area.name} – al ${italian(m.date)}`, area.manager ? h('span', { class: 'manager' }, ` – Responsabile: ${area.manager}`) : null));
    const table = h('table', { class: 'objectives results-table monitor-table', 'aria-labelledby': 'monitor-area-title' },
      h('colgroup', {}, ['obj', 'weight', 'progress', 'values', 'status', 'issues', 'action'].map((c) => h('col', { class: `col-m-${c}` }))),
      h('thead', {}, h('tr', {}, ['Obiettivo e target', 'Peso', 'Avanzamento % (atteso)', 'Valori al monitoraggio', 'Stato', 'Criticità', 'Azione correttiva'].map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {
        oninput: (e) => { if (e.target.classList.contains('m-progress')) this.proposeLive(e.target.closest('tr')); },
        onfocusout: (e) => {
          const tr = e.target.closest('tr[data-objective]');
          if (tr && !tr.contains(e.relatedTarget)) this.left(tr);
        },
      }, area.rows.map((r) => this.renderRow(area, r, frozen))));
    return h('div', { class: 'area', dataset: { areaId: area.area_id } },
      head,
      h('div', { class: 'score-box', id: 'monitor-box', role: 'status' },
        h('span', { class: 'score' }, `Semaforo ${area.light}`),
        h('span', {}, `Avanzamento rispetto all'atteso: ${hundredths(area.score)}%`),
        h('span', {}, m.threshold_label),
        area.missing ? h('span', { class: 'left' }, `Mancano ${area.missing} schede`) : h('span', {}, 'Tutte le schede inserite')),
      h('section', { class: 'period' }, h('div', { class: 'table-scroll' }, table)));
  }

  renderRow(area, r, frozen) {
    const key = `${area.area_id}:${r.objective_id}`;
    const e = r.entry;
    const saved = {
      progress: e ? hundredths(e.progress) : '',
      values: r.indicators.map((i) => [i.id, i.value_text]),
      status: e && e.status !== e.proposed ? e.status : '',
      issues: e ? e.issues : '',
      action: e ? e.action : 'nessuna',
      action_text: e ? e.action_text : '',
    };
    const dirty = this.dirty.get(key);
    const v = dirty ? dirty.values : saved;
    const short = r.description.length > 60 ? `${r.description.slice(0, 60)}…` : r.description;
    const id = `${area.area_id}-${r.objective_id}`;
    const errId = `m-error-${id}`;
    const proposed = e ? e.proposed : null;
    return h('tr', { dataset: { objective: r.objective_id, area: area.area_id, saved: JSON.stringify(saved) }, class: dirty && dirty.error ? 'invalid' : '' },
      h('td', {},
        h('div', { class: 'r-service' }, r.service),
        h('div', {}, r.description),
        r.indicators.length ? h('ul', { class: 'targets-list' }, r.indicators.filter((i) => i.target_text).map((i) => h('li', {}, `${i.label}: ${i.target_text}`))) : null,
        r.cross_cutting ? h('span', { class: 'shared-mark' }, 'trasversale') : null),
      h('td', { class: 'weight' }, `${hundredths(r.weight)}%`),
      h('td', {},
        h('input', { id: `m-progress-${id}`, class: 'm-progress', type: 'text', inputmode: 'decimal', autocomplete: 'off', value: v.progress, 'aria-label': `Avanzamento %: ${short}`, 'aria-describedby': `m-expected-${id} ${errId}`, disabled: frozen }),
        h('div', { class: 'r-how hint', id: `m-expected-${id}` }, `atteso ${hundredths(r.expected)}%${r.deadline ? ` (scadenza ${italian(r.deadline)})` : ''}`)),
      h('td', {}, r.indicators.length ? r.indicators.map((i, n) => {
        const fid = `m-ival-${id}-${n}`;
        const typed = (v.values.find(([x]) => x === i.id) || [0, ''])[1];
        return h('div', { class: 'measure' },
          h('label', { for: fid }, i.label),
          h('input', { id: fid, class: 'm-ival', type: 'text', autocomplete: 'off', dataset: { indicator: i.id }, value: typed, disabled: frozen }));
      }) : h('span', { class: 'hint' }, '–')),
      h('td', {},
        h('select', { id: `m-status-${id}`, class: 'm-status', 'aria-label': `Stato: ${short}`, 'aria-describedby': `m-proposed-${id}`, disabled: frozen },
          h('option', { value: '', selected: !v.status }, proposed ? `proposto: ${label(STATUSES, proposed)}` : 'quello proposto'),
          STATUSES.map(([c, l]) => h('option', { value: c, selected: v.status === c }, l))),
        h('div', { class: 'r-how hint', id: `m-proposed-${id}` }, e ? (e.status !== e.proposed ? `cambiato (proposto: ${label(STATUSES, e.proposed)})` : `stato: ${label(STATUSES, e.status)}`) : '')),
      h('td', {},
        h('textarea', { id: `m-issues-${id}`, class: 'm-issues', rows: 3, 'aria-label': `Criticità: ${short}`, 'aria-describedby': errId, disabled: frozen }, v.issues),
        h('div', { class: 'row-error', id: errId, role: 'alert' }, dirty && dirty.error ? dirty.error : '')),
      h('td', {},
        h('select', { id: `m-action-${id}`, class: 'm-action', 'aria-label': `Azione correttiva: ${short}`, disabled: frozen },
          ACTIONS.map(([c, l]) => h('option', { value: c, selected: v.action === c }, l))),
        h('textarea', { id: `m-action-text-${id}`, class: 'm-action-text', rows: 2, 'aria-label': `Descrizione dell'azione: ${short}`, disabled: frozen }, v.action_text)));
  }

  /** The progress typed: the rule's status follows (Rust proposes it, nothing saved). */
  async proposeLive(tr) {
    const m = this.data.monitor;
    const input = tr.querySelector('.m-progress');
    const seq = (this.seq = (this.seq || 0) + 1);
    let text;
    try {
      text = await api.proposeStatus(this.planId, m.date, Number(tr.dataset.area), Number(tr.dataset.objective), input.value);
    } catch (err) {
      text = null;
      if (seq === this.seq) tr.querySelector('.row-error').textContent = input.value.trim() ? message(err) : '';
    }
    if (seq !== this.seq || !text) return;
    tr.querySelector('.row-error').textContent = '';
    const option = tr.querySelector('.m-status option[value=""]');
    option.textContent = `proposto: ${text}`;
    tr.querySelector('.m-status').nextElementSibling.textContent = `stato proposto: ${text}`;
  }

  async left(tr) {
    const m = this.data.monitor;
    if (!m || m.frozen) return;
    const values = this.rowValues(tr);
    if (tr.dataset.saved === JSON.stringify(values)) return;
    const key = `${tr.dataset.area}:${tr.dataset.objective}`;
    try {
      const data = await api.setMonitorEntry(this.planId, m.date, Number(tr.dataset.area), Number(tr.dataset.objective), values);
      this.dirty.delete(key);
      tr.dataset.saved = JSON.stringify(values);
      this.savedAt = savedTime();
      this.apply(data);
    } catch (err) {
      this.dirty.set(key, { values, error: message(err) });
      const live = this.main.querySelector(`tr[data-area="${tr.dataset.area}"][data-objective="${tr.dataset.objective}"]`) || tr;
      refuseRow(live, err, { progress: '.m-progress', issues: '.m-issues', status: '.m-status', action_text: '.m-action-text', action: '.m-action' });
    }
  }

  select(areaId) {
    this.areaId = areaId;
    localStorage.setItem(`monitor-area-${this.planId}`, String(areaId));
    this.render();
    document.getElementById('monitor-area-title')?.focus();
  }

  async chooseDate(date) {
    this.dirty.clear();
    this.apply(await api.monitorScreen(this.planId, date));
    document.getElementById('monitor-date')?.focus();
  }

  addDate() {
    const year = new Date().getFullYear();
    return formDialog({
      title: 'Nuova data di monitoraggio',
      fields: [{ id: 'monitor-new-date', field: 'date', label: 'Data', required: true, value: '', hint: `Es. 30/06/${year} o 30/09/${year}` }],
      submitLabel: 'Aggiungi',
      onSubmit: async (v) => { this.dirty.clear(); return this.apply(await api.addMonitorDate(this.planId, v['monitor-new-date'])); },
    });
  }

  async deleteDate() {
    const m = this.data.monitor;
    const ok = await confirmDialog(`Eliminare il monitoraggio al ${italian(m.date)}?`, 'La data e tutte le sue schede saranno eliminate.', 'Elimina');
    if (!ok) return;
    try {
      this.dirty.clear();
      this.apply(await api.deleteMonitorDate(this.planId, m.date));
      toast('Monitoraggio eliminato.');
    } catch (err) {
      toast(message(err), { error: true });
    }
  }

  thresholdsForm() {
    const m = this.data.monitor;
    return formDialog({
      title: 'Soglie dello stato proposto',
      intro: h('p', {}, 'Lo stato si propone dal rapporto tra l\'avanzamento e l\'avanzamento atteso alla data (la quota dell\'anno trascorsa, o del tempo fino alla scadenza dell\'obiettivo). Sono dati del sistema di valutazione.'),
      rows: [[
        { id: 'monitor-in-line', field: 'thresholds', label: 'In linea da (%)', value: hundredths(m.thresholds.in_line), inputmode: 'decimal' },
        { id: 'monitor-critical', field: 'thresholds', label: 'Critico sotto (%)', value: hundredths(m.thresholds.critical), inputmode: 'decimal' },
      ]],
      onSubmit: async (v) => this.apply(await api.setMonitorThresholds(this.planId, m.date, `${v['monitor-in-line']}; ${v['monitor-critical']}`)),
    });
  }

  async run(promise, done) {
    try {
      const path = await promise;
      if (path) toast(`${done} ${path}`, { ms: 8000, action: { label: 'Apri', run: () => api.openFile(path).catch((err) => toast(message(err), { error: true })) } });
    } catch (err) {
      toast(message(err), { error: true, ms: 10000 });
    }
  }

  async importSheet() {
    try {
      const done = await api.importMonitorSheet(this.planId, this.data.monitor.date);
      if (!done) return;
      this.dirty.clear();
      this.apply(done.screen);
      toast(`Importate ${done.count} schede di monitoraggio.`, { ms: 8000 });
    } catch (err) {
      infoDialog('Il foglio non è stato importato', h('div', { id: 'monitor-import-error' }, h('p', { class: 'form-error' }, message(err)),
        h('p', {}, 'Non è stato importato nulla: correggi il foglio e riprova.')));
    }
  }
}
