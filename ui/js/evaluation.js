// The «Valutazione» view: each manager's scheda for a year (the managers on the left, the
// scheda on the right). The organisational score is read from the results; the behaviour
// scores, the colloquio and the maximum pay are typed, and the final score, band, share and
// amount follow the typing (Rust computes them, nothing saved) until «Salva la scheda».
import * as api from './api.js';
import { formDialog } from './dialogs.js';
import { h, hundredths, message, toast } from './format.js';
import { scoreText } from './results.js';

const italian = (iso) => (iso ? iso.split('-').reverse().join('/') : '');
const euros = (cents) => {
  const whole = Math.floor(cents / 100).toString().replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${whole},${String(cents % 100).padStart(2, '0')}`;
};

export class EvaluationView {
  constructor(app, main, planId, year) {
    this.app = app;
    this.main = main;
    this.planId = planId;
    this.year = year;
    this.data = null;
    this.manager = null;
    this.preview = null;
  }

  async load() {
    document.getElementById('topbar-plan').hidden = false;
    for (const id of ['problems-button', 'print-button', 'saved-at']) document.getElementById(id).hidden = true;
    document.querySelector('#topbar-plan .menu').hidden = true;
    try {
      this.apply(await api.evaluationView(this.planId, this.year));
    } catch (err) {
      this.main.replaceChildren(h('section', { class: 'welcome', id: 'evaluation-notice' },
        h('h2', {}, 'La valutazione non è ancora disponibile'), h('p', {}, message(err)),
        h('button', { type: 'button', class: 'btn primary', onclick: () => this.app.showResults(this.planId) }, 'Torna ai risultati')));
    }
  }

  apply(data) {
    this.data = data;
    this.preview = null;
    if (!data.managers.some((m) => m.manager === this.manager)) this.manager = data.managers[0]?.manager ?? null;
    this.render();
    return data;
  }

  current() {
    const source = this.preview || this.data;
    return source.managers.find((m) => m.manager === this.manager);
  }

  render() {
    const e = this.data;
    const label = document.getElementById('version-label');
    label.textContent = `Valutazione dei responsabili ${e.year}`;
    label.title = label.textContent;
    const frozen = Boolean(e.validation);
    const btn = (id, text, run, cls = 'btn') => h('button', { type: 'button', class: cls, id, onclick: run }, text);
    const bar = h('section', { class: 'results-bar', 'aria-label': 'Azioni della valutazione' },
      h('div', { class: 'results-title' },
        btn('evaluation-back', '← Torna ai risultati', () => this.app.showResults(this.planId)),
        h('h2', {}, `Valutazione dei responsabili – ${e.year}`),
        h('span', { id: 'evaluation-total', class: 'badge ok', role: 'status' }, `Totale € ${euros(e.total)}`)),
      h('div', { class: 'actions' },
        frozen ? null : btn('evaluation-rules', e.rules.is_default ? 'Regole dell\'anno (predefinite)…' : 'Regole dell\'anno…', () => this.rulesForm()),
        btn('evaluation-schede', 'Schede (PDF)', () => this.print('schede', 'Schede salvate in'), 'btn primary'),
        btn('evaluation-summary', 'Riepilogo per la determina (PDF)', () => this.print('summary-pdf', 'Riepilogo salvato in')),
        btn('evaluation-summary-xlsx', 'Riepilogo (Excel)', () => this.print('summary-xlsx', 'Riepilogo salvato in')),
        btn('evaluation-publish', 'Dati per la pubblicazione (CSV)', () => this.print('publish-csv', 'Dati aggregati salvati in')),
        frozen ? btn('evaluation-revoke', 'Annulla la convalida…', () => this.revokeForm()) : btn('evaluation-validate', 'Convalida del Nucleo…', () => this.validateForm())));
    const warnings = e.warnings.length ? h('section', { class: 'frozen-banner warnings', id: 'evaluation-warnings', role: 'status' }, e.warnings.map((w) => h('p', {}, w))) : null;
    const frozenBanner = frozen ? h('section', { class: 'frozen-banner', id: 'evaluation-frozen', role: 'status' },
      h('p', {}, h('strong', {}, `Schede convalidate dal ${e.validation.body} con atto n. ${e.validation.number} del ${italian(e.validation.date)}. `), 'Punteggi, regole e importi non si modificano più.')) : null;
    // On a small window the list folds into a selector (styles.css), as the areas do.
    const picker = e.managers.length ? h('div', { class: 'area-select-row' },
      h('label', { for: 'evaluation-select' }, 'Responsabile'),
      h('select', { id: 'evaluation-select', onchange: (ev) => this.select(ev.target.value) },
        e.managers.map((m) => h('option', { value: m.manager, selected: m.manager === this.manager }, m.manager)))) : null;
    const list = h('nav', { class: 'areas', 'aria-labelledby': 'evaluation-managers-title' },
      h('h2', { id: 'evaluation-managers-title' }, 'Responsabili'),
      picker,
      e.managers.length ? h('ol', { id: 'evaluation-list' }, e.managers.map((m) => h('li', { class: m.manager === this.manager ? 'selected' : '' },
        h('button', { type: 'button', class: 'area-pick', 'aria-current': m.manager === this.manager ? 'true' : null, onclick: () => this.select(m.manager) },
          h('span', { class: 'name' }, m.manager),
          h('span', { class: 'manager' }, m.areas.map(([a]) => a).join(', ')),
          h('span', { class: 'badges' },
            m.score === null ? h('span', { class: 'badge warn' }, `mancano ${m.missing.length}`) : h('span', { class: 'badge ok' }, `Punteggio ${scoreText(m.score)}`),
            m.amount === null ? null : h('span', { class: 'badge none' }, `€ ${euros(m.amount)}`))))))
        : h('p', { class: 'empty' }, 'Nessun responsabile: indica il responsabile di ogni area nel piano («Modifica area»).'));
    const m = this.current();
    this.main.replaceChildren(bar, frozenBanner || '', warnings || '',
      h('div', { class: 'editor results evaluation' }, list, m ? this.renderScheda(m, frozen) : h('p', { class: 'empty' }, 'Nessuna scheda.')));
  }

  renderScheda(m, frozen) {
    const r = this.data.rules;
    const s = m.scheda;
    const field = (id, text, value, attrs = {}) => h('div', { class: 'field' },
      h('label', { for: id }, text), h('input', { id, type: 'text', autocomplete: 'off', value: value ?? '', disabled: frozen, ...attrs }));
    const items = r.items.map((item, i) => {
      const [score, note] = s.scores[i] || [null, ''];
      return h('tr', {},
        h('th', { scope: 'row' }, item.name, item.description ? h('div', { class: 'hint' }, item.description) : null),
        h('td', { class: 'weight' }, `${hundredths(Math.round(r.behaviours * item.weight / 10000))}%`),
        h('td', {}, h('input', { id: `ev-score-${i}`, class: 'ev-score', type: 'text', inputmode: 'numeric', autocomplete: 'off', value: score ?? '', 'aria-label': `Punteggio da ${r.scale_min} a ${r.scale_max}: ${item.name}`, disabled: frozen })),
        h('td', {}, h('textarea', { id: `ev-note-${i}`, class: 'ev-note', rows: 2, 'aria-label': `Note del valutatore: ${item.name}`, disabled: frozen }, note)));
    });
    const table = h('table', { class: 'objectives results-table evaluation-table', 'aria-labelledby': 'evaluation-title' },
      h('colgroup', {}, ['item', 'weight', 'score', 'note'].map((c) => h('col', { class: `col-ev-${c}` }))),
      h('thead', {}, h('tr', {}, ['Voce', 'Peso', `Valutazione (${r.scale_min}–${r.scale_max})`, 'Note del valutatore'].map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', { oninput: () => this.typed() },
        h('tr', {},
          h('th', { scope: 'row' }, 'Performance organizzativa', h('div', { class: 'hint' }, 'dai risultati delle aree')),
          h('td', { class: 'weight' }, `${hundredths(r.organisational)}%`),
          h('td', { id: 'ev-org' }, m.areas.map(([a, sc]) => h('div', {}, `${a}: ${scoreText(sc)}`)), m.areas.length > 1 ? h('div', { class: 'hint' }, `combinate: ${scoreText(m.organisational)}`) : null),
          h('td', {}, m.provisional ? h('span', { class: 'hint' }, 'provvisorio: mancano risultati delle aree') : '')),
        items,
        r.individual > 0 ? h('tr', {},
          h('th', { scope: 'row' }, 'Obiettivi individuali'),
          h('td', { class: 'weight' }, `${hundredths(r.individual)}%`),
          h('td', {}, h('input', { id: 'ev-individual', type: 'text', inputmode: 'decimal', value: s.individual === null ? '' : hundredths(s.individual), 'aria-label': 'Raggiungimento degli obiettivi individuali (%)', disabled: frozen })),
          h('td', {})) : null));
    const box = h('div', { class: 'score-box', id: 'evaluation-box', role: 'status', 'aria-live': 'polite' }, this.scoreBox(m));
    const form = h('form', { class: 'scheda-form', onsubmit: (ev) => { ev.preventDefault(); this.save(); }, oninput: () => this.typed() },
      h('div', { class: 'grid-3' },
        field('ev-colloquio', 'Data del colloquio', s.colloquio ? italian(s.colloquio) : '', { placeholder: `es. 15/03/${this.data.year + 1}` }),
        field('ev-max-pay', 'Retribuzione di risultato massima (€)', s.max_pay === null ? '' : euros(s.max_pay), { inputmode: 'decimal' }),
        field('ev-evaluator', 'Valutatore', s.evaluator)),
      h('div', { class: 'field' }, h('label', { for: 'ev-notes' }, 'Note'), h('textarea', { id: 'ev-notes', rows: 2, disabled: frozen }, s.notes)),
      h('div', { class: 'row-error', id: 'evaluation-error', role: 'alert' }),
      frozen ? null : h('div', { class: 'scheda-actions' }, h('button', { type: 'submit', class: 'btn primary', id: 'evaluation-save' }, 'Salva la scheda')));
    return h('div', { class: 'area' },
      h('div', { class: 'area-head' }, h('h2', { id: 'evaluation-title', tabindex: '-1' }, `${m.manager} – scheda ${this.data.year}`)),
      box,
      h('section', { class: 'period' }, h('div', { class: 'table-scroll' }, table)),
      form);
  }

  scoreBox(m) {
    return [
      h('span', { class: 'score', id: 'ev-final' }, m.score === null ? 'Punteggio finale: incompleto' : `Punteggio finale ${scoreText(m.score)}`),
      m.behaviours === null ? null : h('span', {}, `Comportamenti ${scoreText(m.behaviours)}`),
      m.score === null ? null : h('span', {}, `Fascia: ${m.band}`),
      m.share === null ? null : h('span', { class: 'share', id: 'ev-share' }, `Quota ${hundredths(m.share)}%`),
      h('span', { class: 'share', id: 'ev-amount' }, m.amount === null ? 'Importo: –' : `Importo dovuto € ${euros(m.amount)}`),
      m.missing.length ? h('span', { class: 'left' }, `Manca: ${m.missing.join(', ')}`) : null,
    ];
  }

  input() {
    const n = this.data.rules.items.length;
    const val = (id) => document.getElementById(id)?.value ?? '';
    return {
      scores: Array.from({ length: n }, (_, i) => [val(`ev-score-${i}`), val(`ev-note-${i}`)]),
      individual: val('ev-individual'),
      colloquio: val('ev-colloquio'),
      max_pay: val('ev-max-pay'),
      evaluator: val('ev-evaluator'),
      notes: val('ev-notes'),
    };
  }

  /** Something typed: the score and the amount follow (Rust's preview, nothing saved). */
  async typed() {
    const seq = (this.seq = (this.seq || 0) + 1);
    let data;
    const err = document.getElementById('evaluation-error');
    try {
      data = await api.previewScheda(this.planId, this.data.year, this.manager, this.input());
    } catch (e) {
      if (seq === this.seq && err) err.textContent = message(e);
      return;
    }
    if (seq !== this.seq) return;
    if (err) err.textContent = '';
    this.preview = data;
    const m = this.current();
    document.getElementById('evaluation-box').replaceChildren(...this.scoreBox(m).filter(Boolean));
  }

  async save() {
    try {
      this.apply(await api.setScheda(this.planId, this.data.year, this.manager, this.input()));
      toast('Scheda salvata.');
      document.getElementById('evaluation-title')?.focus();
    } catch (e) {
      const err = document.getElementById('evaluation-error');
      if (err) err.textContent = message(e);
    }
  }

  select(manager) {
    this.manager = manager;
    this.preview = null;
    this.render();
    document.getElementById('evaluation-title')?.focus();
  }

  async print(what, done) {
    try {
      const path = await api.printEvaluation(this.planId, this.data.year, what);
      if (path) toast(`${done} ${path}`, { ms: 8000, action: { label: 'Apri', run: () => api.openFile(path).catch((e) => toast(message(e), { error: true })) } });
    } catch (e) {
      toast(message(e), { error: true, ms: 10000 });
    }
  }

  rulesForm() {
    const r = this.data.rules;
    const cents = (v) => (v === null || v === undefined ? '' : euros(v));
    return formDialog({
      title: `Regole della valutazione ${this.data.year}`,
      intro: h('p', {}, r.is_default ? 'Queste sono le regole predefinite: confermale o cambiale secondo il sistema di valutazione (SMVP) dell\'ente.' : 'Le regole del sistema di valutazione (SMVP) per quest\'anno.'),
      rows: [
        [
          { id: 'ev-r-org', field: 'organisational', label: 'Performance organizzativa (peso)', value: hundredths(r.organisational) },
          { id: 'ev-r-beh', field: 'behaviours', label: 'Comportamenti (peso)', value: hundredths(r.behaviours) },
          { id: 'ev-r-ind', field: 'individual', label: 'Obiettivi individuali (peso)', value: hundredths(r.individual) },
        ],
        [
          { id: 'ev-r-scale', field: 'scale', label: 'Scala dei punteggi', value: `${r.scale_min}-${r.scale_max}` },
          { id: 'ev-r-combine', field: 'combine', label: 'Chi guida più aree', type: 'select', value: r.combine, options: [['media', 'media dei punteggi'], ['pesata', 'media pesata sul numero di obiettivi']] },
        ],
        { id: 'ev-r-items', field: 'items', label: 'Comportamenti (uno per riga: nome: peso: descrizione)', type: 'textarea', rows: 5, value: r.items.map((i) => `${i.name}: ${hundredths(i.weight)}${i.description ? `: ${i.description}` : ''}`).join('\n') },
        { id: 'ev-r-bands', field: 'bands', label: 'Fasce proprie (vuoto: quelle dei risultati), es. 0:0; 60:proporzionale; 90:100', value: (r.bands || []).map((b) => `${hundredths(b.from)}:${b.share === null ? 'proporzionale' : hundredths(b.share)}`).join('; ') },
        [
          { id: 'ev-r-budget', field: 'budget', label: 'Fondo retribuzione di risultato (€)', value: cents(r.budget) },
          { id: 'ev-r-position', field: 'position_budget', label: 'Fondo retribuzione di posizione (€)', value: cents(r.position_budget) },
        ],
      ],
      onSubmit: async (v) => this.apply(await api.setEvaluationRules(this.planId, this.data.year, {
        organisational: v['ev-r-org'],
        behaviours: v['ev-r-beh'],
        individual: v['ev-r-ind'],
        scale: v['ev-r-scale'],
        items: v['ev-r-items'].split('\n').filter((l) => l.trim()).map((l) => {
          const [name, weight, ...rest] = l.split(':');
          return [name.trim(), (weight || '').trim(), rest.join(':').trim()];
        }),
        bands: v['ev-r-bands'],
        combine: v['ev-r-combine'],
        budget: v['ev-r-budget'],
        position_budget: v['ev-r-position'],
      })),
    });
  }

  validateForm() {
    return formDialog({
      title: 'Convalida del Nucleo di valutazione',
      intro: h('p', {}, 'Con la convalida le schede, le regole e gli importi dell\'anno non si modificano più.'),
      rows: [[
        { id: 'ev-v-number', field: 'number', label: 'Numero dell\'atto', required: true, value: '' },
        { id: 'ev-v-date', field: 'act_date', label: 'Data', required: true, value: '', hint: 'es. 10/04/2021' },
      ]],
      submitLabel: 'Registra la convalida',
      onSubmit: async (v) => this.apply(await api.validateEvaluation(this.planId, this.data.year, { body: 'Nucleo di valutazione', number: v['ev-v-number'], date: v['ev-v-date'] })),
    });
  }

  revokeForm() {
    return formDialog({
      title: 'Annullare la convalida?',
      intro: h('p', {}, `Scrivi il numero dell'atto (${this.data.validation.number}) per confermare.`),
      fields: [{ id: 'ev-revoke', field: 'confirm', label: 'Numero dell\'atto', required: true, value: '' }],
      submitLabel: 'Annulla la convalida',
      danger: true,
      onSubmit: async (v) => this.apply(await api.revokeEvaluation(this.planId, this.data.year, v['ev-revoke'])),
    });
  }
}

