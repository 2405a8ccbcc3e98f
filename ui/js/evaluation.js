// The «Valutazione» view: each manager's scheda for a year (the managers on the left, the
// scheda on the right). The organisational score is read from the results; the behaviour
// scores, the colloquio, the maximum pay, a part-year incarico and the positions covered ad
// interim are typed, and the final score, band, share and the pay line by line (the score's
// quota, the payment-timeliness quota, a failed prerequisite, each interim) follow the
// typing (Rust computes them, nothing saved) until «Salva la scheda». Above the managers:
// whether the year is payable (the Nucleo's validation of the Relazione) and the indicators
// of payment delay with the revisore's verification.
import * as api from './api.js';
import { formDialog, infoDialog } from './dialogs.js';
import { h, hundredths, message, Screen, screenChrome, toast } from './format.js';
import { problemList } from './import.js';
import { KINDS } from './indicators.js';
import { scoreText } from './results.js';

const componentText = (v) => (v === null || v === undefined ? 'da completare' : `${hundredths(v)}%`);

/** A stored objective as its row's fields: values as typed, like Rust's `to_input`. */
function objectiveInput(o) {
  const value = (v) => {
    if (!v) return '';
    if (v.type === 'date') return italian(v.v);
    if (v.type === 'flag') return v.v ? 'sì' : 'no';
    return hundredths(v.v);
  };
  const kind = o.kind === 'sino' ? 'sì/no' : o.kind;
  return {
    description: o.description, weight: hundredths(o.weight), indicator: o.indicator, kind, direction: o.direction,
    target: value(o.target), value: value(o.value), achievement: o.typed === null ? '' : hundredths(o.typed), note: o.note,
  };
}

const italian = (iso) => (iso ? iso.split('-').reverse().join('/') : '');
const euros = (cents) => {
  const whole = Math.floor(cents / 100).toString().replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${whole},${String(cents % 100).padStart(2, '0')}`;
};

/**
 * The levels' lines «2.4: testo» as the rules want them: per item, the words from the scale's
 * lowest level. A line that is not «item.level: text» is kept whole under item 0, level "?"
 * so that Rust refuses it with its message.
 */
function levelsInput(text, items, scale) {
  const min = Number(String(scale).split(/[-–]/)[0]) || 0;
  const out = Array.from({ length: items }, () => []);
  for (const line of String(text).split('\n').filter((l) => l.trim())) {
    const m = /^\s*(\d+)\.(\d+)\s*:\s*(.*)$/.exec(line);
    if (!m) throw { field: 'levels', message: `«${line.trim()}»: scrivi il numero del comportamento, un punto, il livello e la descrizione, es. 1.3: organizza il lavoro.` };
    const [item, level] = [Number(m[1]) - 1, Number(m[2]) - min];
    if (!out[item] || level < 0) throw { field: 'levels', message: `«${line.trim()}»: il comportamento ${m[1]} o il livello ${m[2]} non esiste.` };
    while (out[item].length < level) out[item].push('');
    out[item][level] = m[3];
  }
  return out;
}

/** The words the rules give to a level of the scale (data of the SMVP, shown as typed). */
function levelText(item, min, score) {
  const n = Number(score);
  if (!Number.isInteger(n) || String(score).trim() === '') return '';
  const words = (item.levels || [])[n - min];
  return words ? `Livello ${n}: ${words}` : '';
}

export class EvaluationView extends Screen {
  constructor(app, main, planId, year) {
    super(app, main, planId);
    this.year = year;
    this.manager = null;
    this.preview = null;
  }

  async load() {
    screenChrome();
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
        h('span', { id: 'evaluation-total', class: 'badge ok', role: 'status' }, `Totale € ${euros(e.total)}`),
        h('span', { id: 'evaluation-payable', class: `badge ${e.relazione_validation ? 'ok' : 'warn'}`, role: 'status' },
          e.relazione_validation ? 'Liquidabile' : 'Non liquidabile')),
      h('div', { class: 'actions' },
        frozen ? null : btn('evaluation-rules', e.rules.is_default ? 'Regole dell\'anno (predefinite)…' : 'Regole dell\'anno…', () => this.rulesForm()),
        btn('evaluation-assignment', 'Assegnazione (PDF)', () => this.print('assignment', 'Schede di assegnazione salvate in')),
        btn('evaluation-individual-export', 'Obiettivi individuali da compilare (Excel)', () => this.exportIndividuals()),
        frozen ? null : btn('evaluation-individual-import', 'Importa gli obiettivi individuali compilati…', () => this.importIndividuals()),
        btn('evaluation-schede', 'Schede (PDF)', () => this.print('schede', 'Schede salvate in'), 'btn primary'),
        btn('evaluation-summary', 'Riepilogo per la determina (PDF)', () => this.print('summary-pdf', 'Riepilogo salvato in')),
        btn('evaluation-summary-xlsx', 'Riepilogo (Excel)', () => this.print('summary-xlsx', 'Riepilogo salvato in')),
        btn('evaluation-publish', 'Dati per la pubblicazione (CSV)', () => this.print('publish-csv', 'Dati aggregati salvati in')),
        frozen ? btn('evaluation-revoke', 'Annulla la valutazione definitiva…', () => this.revokeForm()) : btn('evaluation-validate', 'Valutazione definitiva…', () => this.validateForm())));
    const warnings = e.warnings.length ? h('section', { class: 'frozen-banner warnings', id: 'evaluation-warnings', role: 'status' }, e.warnings.map((w) => h('p', {}, w))) : null;
    const p = e.proposal;
    const frozenBanner = frozen ? h('section', { class: 'frozen-banner', id: 'evaluation-frozen', role: 'status' },
      h('p', {}, h('strong', {}, `Valutazione definitiva${p ? `, proposta dal ${p.body} (n. ${p.number} del ${italian(p.date)})` : ''}, assegnata dal ${e.validation.body} con atto n. ${e.validation.number} del ${italian(e.validation.date)}. `), 'Punteggi, regole e importi non si modificano più.')) : null;
    const delays = this.renderDelays(frozen);
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
    this.main.replaceChildren(bar, frozenBanner || '', warnings || '', delays || '',
      h('div', { class: 'editor results evaluation' }, list, m ? this.renderScheda(m, frozen) : h('p', { class: 'empty' }, 'Nessuna scheda.')));
  }

  /** The indicators of payment delay (art. 4-bis DL 13/2023): the entity's and each paying area's. */
  renderDelays(frozen) {
    const e = this.data;
    if (!e.paying_areas.length || e.rules.timeliness !== 'quota') return null;
    const find = (lineage) => e.delays.find((d) => (d.area ?? null) === lineage) || null;
    const describe = (d, fallback) => {
      if (!d) return fallback;
      const days = d.days > 0 ? `+${d.days} giorni` : `${d.days} giorni`;
      return d.verifier && d.verified_on ? `${days}, verificato da ${d.verifier} il ${italian(d.verified_on)}` : `${days} (manca la verifica del revisore)`;
    };
    const rows = [[null, null, 'Ente'], ...e.paying_areas.map(([id, lineage, name]) => [id, lineage, name])].map(([id, lineage, name], i) => {
      const d = find(lineage);
      return h('li', {},
        h('span', { class: 'name' }, name), ' ',
        h('span', { id: `ev-delay-${i}`, class: d && d.verifier ? 'hint' : 'left' }, describe(d, id === null ? 'non registrato' : 'usa quello dell\'ente')), ' ',
        frozen ? null : h('button', { type: 'button', class: 'btn', id: `ev-delay-edit-${i}`, 'aria-label': `${d ? 'Modifica…' : 'Registra…'} indicatore di ritardo: ${name}`, onclick: () => this.delayForm(id, name, d) }, d ? 'Modifica…' : 'Registra…'));
    });
    return h('section', { class: 'frozen-banner delays', id: 'evaluation-delays', 'aria-labelledby': 'evaluation-delays-title' },
      h('h3', { id: 'evaluation-delays-title' }, `Indicatore di ritardo annuale dei pagamenti ${e.year} (art. 4-bis DL 13/2023)`),
      h('p', {}, `Quota di tempestività: ${hundredths(e.rules.timeliness_quota)}% della retribuzione di risultato di chi liquida fatture, pagata se l'indicatore è ≤ 0 giorni, verificato dal revisore.`),
      h('ul', { class: 'delay-list' }, rows));
  }

  delayForm(areaId, name, d) {
    return formDialog({
      title: `Indicatore di ritardo annuale ${this.data.year}: ${name}`,
      intro: h('p', {}, 'Il valore pubblicato dalla Piattaforma dei crediti commerciali (giorni di ritardo medio, negativo se in anticipo) e la verifica dell\'organo di revisione. Lascia vuoti i giorni per togliere l\'indicatore.'),
      rows: [
        [
          { id: 'ev-d-days', field: 'delay', label: 'Ritardo (giorni)', value: d ? String(d.days) : '', hint: 'es. 12 oppure -3', inputmode: 'numeric' },
          { id: 'ev-d-on', field: 'verified_on', label: 'Data della verifica', value: d && d.verified_on ? italian(d.verified_on) : '', hint: `es. 20/02/${this.data.year + 1}` },
        ],
        [
          { id: 'ev-d-verifier', field: 'verifier', label: 'Verificato da (revisore)', value: d ? d.verifier : '' },
          { id: 'ev-d-act', field: 'verification', label: 'Atto o nota della verifica', value: d ? d.verification : '' },
        ],
      ],
      submitLabel: 'Salva l\'indicatore',
      onSubmit: async (v) => this.apply(await api.setPaymentDelay(this.planId, this.data.year, {
        area: areaId, days: v['ev-d-days'], verifier: v['ev-d-verifier'], verification: v['ev-d-act'], verified_on: v['ev-d-on'],
      })),
    });
  }

  /** The pay, line by line, as Rust computed it. */
  payLines(m) {
    return [
      ...m.lines.map((l) => h('tr', {},
        h('th', { scope: 'row' }, l.label),
        h('td', { class: 'weight' }, l.amount === null ? '–' : `€ ${euros(l.amount)}`),
        h('td', {}, l.detail))),
      h('tr', { class: 'total' },
        h('th', { scope: 'row' }, 'Importo dovuto'),
        h('td', { class: 'weight' }, m.amount === null ? '–' : `€ ${euros(m.amount)}`),
        h('td', {}, m.reduction || '')),
    ];
  }

  interimRow(x, i, frozen) {
    const cell = (key, label, attrs = {}) => h('td', {}, h('input', { id: `ev-int-${key}-${i}`, class: `ev-int-${key}`, type: 'text', autocomplete: 'off', value: x[key] ?? '', 'aria-label': `${label} (interim ${i + 1})`, disabled: frozen, ...attrs }));
    return h('tr', { class: 'ev-interim' },
      cell('post', 'Posizione coperta'),
      cell('value', 'Valore annuo della posizione (€)', { inputmode: 'decimal' }),
      cell('percent', 'Maggiorazione (15–25%)', { inputmode: 'decimal' }),
      cell('from', 'Dal'),
      cell('to', 'Al'),
      h('td', {}, frozen ? null : h('button', { type: 'button', class: 'btn', id: `ev-int-remove-${i}`, 'aria-label': `Togli l'interim ${i + 1}`, onclick: () => { document.querySelectorAll('#ev-interims tbody tr')[i]?.remove(); this.typed(); } }, 'Togli')));
  }

  /** One individual objective: assigned in January (what, weight, indicator, target),
   * measured at the end (value, or a percentage typed over with its note). */
  individualRow(o, i, achieved, frozen) {
    const n = i + 1;
    const field = (key, label, control, cls = '') => h('div', { class: `field ${cls}` }, h('label', { for: `ev-ind-${key}-${i}` }, label), control);
    const input = (key, label, attrs = {}, cls = '') => field(key, label, h('input', { id: `ev-ind-${key}-${i}`, class: `ev-ind-${key}`, type: 'text', autocomplete: 'off', value: o[key] ?? '', disabled: frozen, ...attrs }), cls);
    const select = (key, label, options, cls) => field(key, label, h('select', { id: `ev-ind-${key}-${i}`, class: `ev-ind-${key}`, disabled: frozen },
      options.map(([v, text]) => h('option', { value: v, selected: (o[key] || options[0][0]) === v }, text))), cls);
    return h('fieldset', { class: 'ev-individual' },
      h('legend', {}, `Obiettivo individuale ${n}`),
      h('div', { class: 'ind-grid' },
        field('description', 'Descrizione', h('textarea', { id: `ev-ind-description-${i}`, class: 'ev-ind-description', rows: 2, disabled: frozen }, o.description || ''), 'span-6'),
        input('weight', 'Peso %', { inputmode: 'decimal' }),
        input('indicator', 'Indicatore: cosa si misura', { placeholder: 'es. pratiche evase' }, 'span-2'),
        select('kind', 'Tipo', KINDS, 'span-2'),
        select('direction', 'Verso (crescente: più è meglio)', [['crescente', 'crescente'], ['decrescente', 'decrescente']], 'span-2'),
        input('target', 'Target', { placeholder: `es. 20; 30/06/${this.data.year}; sì` }, 'span-2'),
        input('value', 'Valore raggiunto', {}, 'span-2'),
        h('div', { class: 'field' }, h('span', { class: 'label', id: `ev-ind-achieved-label-${i}` }, 'Raggiunto'),
          h('output', { id: `ev-ind-achieved-${i}`, class: 'ev-ind-achieved', 'aria-labelledby': `ev-ind-achieved-label-${i}`, 'aria-live': 'polite' }, achieved === null || achieved === undefined ? '–' : `${hundredths(achieved)}%`)),
        input('achievement', 'Percentuale a mano', { inputmode: 'decimal' }),
        field('note', 'Note', h('textarea', { id: `ev-ind-note-${i}`, class: 'ev-ind-note', rows: 1, disabled: frozen }, o.note || ''), 'span-all'),
        h('div', { class: 'field remove' }, frozen ? null : h('button', { type: 'button', class: 'btn', id: `ev-ind-remove-${i}`, 'aria-label': `Togli l'obiettivo individuale ${n}`, onclick: (ev) => { ev.currentTarget.closest('.ev-individual')?.remove(); this.typed(); } }, 'Togli'))));
  }

  /** The individual objectives (DFP guidelines 2/2017 §5): one block each, and their
   * revisions at the mid-year colloquio. */
  renderIndividuals(m, frozen) {
    const s = m.scheda;
    const blocks = (s.objectives || []).map((o, i) => this.individualRow(objectiveInput(o), i, (m.achievements || [])[i], frozen));
    const revisions = (s.revisions || []).map((r) => h('li', {},
      `Rivisti al colloquio del ${italian(r.on)}: ${r.changes.join('; ')}.`,
      h('div', { class: 'hint' }, `Assegnati in origine: ${r.before.join('; ')}.`)));
    return h('section', { class: 'individuals', 'aria-labelledby': 'ev-individuals-title' },
      h('h3', { id: 'ev-individuals-title' }, 'Obiettivi individuali (pesi che sommano a 100; il raggiungimento segue le regole degli indicatori del piano)'),
      h('p', { class: 'hint', id: 'ev-individuals-hint' }, 'Dopo la presa visione dell\'assegnazione, una modifica degli obiettivi è una revisione: indica la data del colloquio intermedio. Una percentuale scritta a mano al posto di quella calcolata va spiegata nelle note.'),
      h('div', { id: 'ev-individuals' }, blocks),
      frozen ? null : h('button', { type: 'button', class: 'btn', id: 'ev-ind-add', onclick: () => {
        const list = document.getElementById('ev-individuals');
        const i = list.querySelectorAll('.ev-individual').length;
        list.append(this.individualRow({}, i, null, false));
        document.getElementById(`ev-ind-description-${i}`)?.focus();
      } }, 'Aggiungi un obiettivo individuale'),
      revisions.length ? h('ul', { class: 'revisions', id: 'ev-revisions', 'aria-label': 'Revisioni degli obiettivi individuali' }, revisions) : null);
  }

  /** The handing over, the remarks and the review (art. 7 c.2-bis D.Lgs. 150/2009). */
  renderReview(s, frozen) {
    const r = s.review || {};
    const rules = this.data.rules;
    const field = (id, text, value, attrs = {}) => h('div', { class: 'field' },
      h('label', { for: id }, text), h('input', { id, type: 'text', autocomplete: 'off', value: value ?? '', disabled: frozen, ...attrs }));
    const revised = rules.items.map((item, i) => {
      const v = (r.revised || []).find(([at]) => at === i);
      return field(`ev-rev-${i}`, `${item.name} dopo il riesame`, v ? String(v[1]) : '', { inputmode: 'numeric', class: 'ev-rev' });
    });
    return h('section', { class: 'review', 'aria-labelledby': 'ev-review-title' },
      h('h3', { id: 'ev-review-title' }, `Consegna e riesame (art. 7 c.2-bis D.Lgs. 150/2009: entro ${rules.review_days} giorni dalla consegna)`),
      h('div', { class: 'grid-3' },
        field('ev-handed', 'Consegnata al valutato il', italian(r.handed_over), { placeholder: `es. 20/03/${this.data.year + 1}` }),
        field('ev-requested', 'Riesame chiesto il', italian(r.requested)),
        h('div', { class: 'field check' }, h('label', {}, h('input', { id: 'ev-waived', type: 'checkbox', checked: Boolean(r.waived), disabled: frozen }), ' Il valutato rinuncia al riesame'))),
      h('div', { class: 'field' }, h('label', { for: 'ev-remarks' }, 'Osservazioni del valutato'), h('textarea', { id: 'ev-remarks', rows: 2, disabled: frozen }, r.remarks || '')),
      h('div', { class: 'grid-3' },
        field('ev-decided', 'Esito del riesame del', italian(r.decided)),
        h('div', { class: 'field wide' }, h('label', { for: 'ev-reason' }, 'Motivazione dell\'esito'), h('textarea', { id: 'ev-reason', rows: 2, disabled: frozen }, r.reason || ''))),
      h('div', { class: 'grid-3 revised' }, revised));
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
        h('td', { class: 'weight' }, `${hundredths(this.data.item_shares[i])}%`),
        h('td', {}, h('input', { id: `ev-score-${i}`, class: 'ev-score', type: 'text', inputmode: 'numeric', autocomplete: 'off', value: score ?? '', 'aria-label': `Punteggio da ${r.scale_min} a ${r.scale_max}: ${item.name}`, 'aria-describedby': `ev-level-${i}`, disabled: frozen }),
          h('div', { class: 'hint', id: `ev-level-${i}`, 'aria-live': 'polite' }, levelText(item, r.scale_min, score))),
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
          h('th', { scope: 'row' }, 'Obiettivi individuali', h('div', { class: 'hint' }, 'media pesata, dagli obiettivi sotto')),
          h('td', { class: 'weight' }, `${hundredths(r.individual)}%`),
          h('td', { id: 'ev-individual' }, componentText(s.individual)),
          h('td', {})) : null));
    const box = h('div', { class: 'score-box', id: 'evaluation-box', role: 'status', 'aria-live': 'polite' }, this.scoreBox(m));
    const pay = h('table', { class: 'objectives results-table pay-table', id: 'ev-pay', 'aria-label': 'Retribuzione di risultato, voce per voce' },
      h('colgroup', {}, ['label', 'amount', 'detail'].map((c) => h('col', { class: `col-pay-${c}` }))),
      h('thead', {}, h('tr', {}, ['Voce', 'Importo', 'Come si calcola'].map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', { id: 'ev-pay-lines' }, this.payLines(m)));
    const interims = (s.interims || []).map((x) => ({
      post: x.post, value: euros(x.value), percent: hundredths(x.percent), from: italian(x.from), to: italian(x.to),
    }));
    const interimTable = h('table', { class: 'objectives results-table interim-table', id: 'ev-interims', 'aria-labelledby': 'ev-interims-title' },
      h('thead', {}, h('tr', {}, ['Posizione coperta', 'Valore annuo (€)', 'Maggiorazione %', 'Dal', 'Al', ''].map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, interims.map((x, i) => this.interimRow(x, i, frozen))));
    const [incFrom, incTo] = s.incarico || [null, null];
    const form = h('form', { class: 'scheda-form', onsubmit: (ev) => { ev.preventDefault(); this.save(); }, oninput: () => this.typed() },
      h('div', { class: 'grid-3' },
        field('ev-colloquio', 'Data del colloquio', s.colloquio ? italian(s.colloquio) : '', { placeholder: `es. 15/03/${this.data.year + 1}` }),
        field('ev-max-pay', 'Retribuzione di risultato massima (€)', s.max_pay === null ? '' : euros(s.max_pay), { inputmode: 'decimal' }),
        field('ev-evaluator', 'Valutatore', s.evaluator)),
      h('div', { class: 'grid-3' },
        field('ev-acknowledged', 'Assegnazione firmata per presa visione il', s.acknowledged ? italian(s.acknowledged) : '', { placeholder: `es. 20/01/${this.data.year}` }),
        field('ev-midyear', 'Colloquio intermedio del', s.midyear ? italian(s.midyear) : '', { placeholder: `es. 15/07/${this.data.year}` }),
        field('ev-midyear-notes', 'Note del colloquio intermedio', s.midyear_notes)),
      h('div', { class: 'grid-3' },
        field('ev-incarico-from', 'Incarico dal (se non tutto l\'anno)', italian(incFrom), { placeholder: `es. 01/03/${this.data.year}` }),
        field('ev-incarico-to', 'Incarico al', italian(incTo), { placeholder: `es. 31/12/${this.data.year}` }),
        h('div', {})),
      h('section', { class: 'interims' },
        h('h3', { id: 'ev-interims-title' }, 'Posizioni coperte ad interim (CCNL 16/11/2022 art. 17 c.5: dal 15% al 25% del valore, in proporzione ai giorni)'),
        h('div', { class: 'table-scroll' }, interimTable),
        frozen ? null : h('button', { type: 'button', class: 'btn', id: 'ev-interim-add', onclick: () => {
          const body = document.querySelector('#ev-interims tbody');
          const i = body.children.length;
          body.append(this.interimRow({}, i, false));
          document.getElementById(`ev-int-post-${i}`)?.focus();
        } }, 'Aggiungi un interim')),
      r.individual > 0 || (s.objectives || []).length ? this.renderIndividuals(m, frozen) : null,
      h('div', { class: 'field' }, h('label', { for: 'ev-notes' }, 'Note'), h('textarea', { id: 'ev-notes', rows: 2, disabled: frozen }, s.notes)),
      this.renderReview(s, frozen),
      h('div', { class: 'row-error', id: 'evaluation-error', role: 'alert' }),
      frozen ? null : h('div', { class: 'scheda-actions' }, h('button', { type: 'submit', class: 'btn primary', id: 'evaluation-save' }, 'Salva la scheda')));
    return h('div', { class: 'area' },
      h('div', { class: 'area-head' }, h('h2', { id: 'evaluation-title', tabindex: '-1' }, `${m.manager} – scheda ${this.data.year}`),
        h('button', { type: 'button', class: 'btn', id: 'evaluation-assignment-one', onclick: () => this.print('assignment', 'Scheda di assegnazione salvata in', m.manager) }, `Assegnazione di ${m.manager} (PDF)`)),
      box,
      h('section', { class: 'period' }, h('div', { class: 'table-scroll' }, table)),
      h('section', { class: 'period', 'aria-label': 'Importo' }, h('div', { class: 'table-scroll' }, pay)),
      form);
  }

  scoreBox(m) {
    return [
      h('span', { class: 'score', id: 'ev-final' }, m.score === null ? 'Punteggio finale: incompleto' : `Punteggio finale ${scoreText(m.score)}`),
      m.behaviours === null ? null : h('span', {}, `Comportamenti ${scoreText(m.behaviours)}`),
      m.score === null ? null : h('span', {}, `Fascia: ${m.band}`),
      m.share === null ? null : h('span', { class: 'share', id: 'ev-share' }, `Quota ${hundredths(m.share)}%`),
      h('span', { class: 'share', id: 'ev-amount' }, m.amount === null ? 'Importo: –' : `Importo dovuto € ${euros(m.amount)}`),
      m.timeliness_subject ? h('span', { id: 'ev-timeliness' }, `Tempestività dei pagamenti: ${m.timeliness_arithmetic}`) : null,
      h('span', { id: 'ev-stage' }, `Scheda: ${m.stage_text}`),
      m.missing.length ? h('span', { class: 'left' }, `Manca: ${m.missing.join(', ')}`) : null,
    ];
  }

  input() {
    const n = this.data.rules.items.length;
    const val = (id) => document.getElementById(id)?.value ?? '';
    return {
      scores: Array.from({ length: n }, (_, i) => [val(`ev-score-${i}`), val(`ev-note-${i}`)]),
      individuals: [...document.querySelectorAll('#ev-individuals .ev-individual')].map((block) => {
        const get = (key) => block.querySelector(`.ev-ind-${key}`)?.value ?? '';
        return {
          description: get('description'), weight: get('weight'), indicator: get('indicator'), kind: get('kind'), direction: get('direction'),
          target: get('target'), value: get('value'), achievement: get('achievement'), note: get('note'),
        };
      }),
      colloquio: val('ev-colloquio'),
      max_pay: val('ev-max-pay'),
      evaluator: val('ev-evaluator'),
      notes: val('ev-notes'),
      acknowledged: val('ev-acknowledged'),
      midyear: val('ev-midyear'),
      midyear_notes: val('ev-midyear-notes'),
      incarico_from: val('ev-incarico-from'),
      incarico_to: val('ev-incarico-to'),
      review: {
        handed_over: val('ev-handed'),
        remarks: val('ev-remarks'),
        requested: val('ev-requested'),
        waived: Boolean(document.getElementById('ev-waived')?.checked),
        decided: val('ev-decided'),
        reason: val('ev-reason'),
        revised: Array.from({ length: n }, (_, i) => val(`ev-rev-${i}`)),
      },
      interims: [...document.querySelectorAll('#ev-interims tbody tr')].map((tr) => {
        const get = (key) => tr.querySelector(`.ev-int-${key}`)?.value ?? '';
        return { post: get('post'), value: get('value'), percent: get('percent'), from: get('from'), to: get('to') };
      }),
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
    document.getElementById('ev-pay-lines')?.replaceChildren(...this.payLines(m));
    const component = document.getElementById('ev-individual');
    if (component) component.textContent = componentText(m.scheda.individual);
    const achieved = document.querySelectorAll('#ev-individuals .ev-ind-achieved');
    (m.achievements || []).forEach((a, i) => {
      if (achieved[i]) achieved[i].textContent = a === null ? '–' : `${hundredths(a)}%`;
    });
    this.data.rules.items.forEach((item, i) => {
      const hint = document.getElementById(`ev-level-${i}`);
      if (hint) hint.textContent = levelText(item, this.data.rules.scale_min, document.getElementById(`ev-score-${i}`)?.value ?? '');
    });
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

  async exportIndividuals() {
    try {
      const path = await api.exportIndividualSheet(this.planId, this.data.year, 'xlsx');
      if (path) toast(`Foglio degli obiettivi individuali salvato in ${path}`, { ms: 8000, action: { label: 'Apri', run: () => api.openFile(path).catch((e) => toast(message(e), { error: true })) } });
    } catch (e) {
      toast(message(e), { error: true, ms: 10000 });
    }
  }

  /** The managers' filled sheet, all or nothing: a refusal lists every problem. */
  async importIndividuals() {
    try {
      const done = await api.importIndividualSheet(this.planId, this.data.year);
      if (!done) return;
      this.apply(done.evaluation);
      toast(`Importati i valori di ${done.count} obiettivi individuali.`, { ms: 8000 });
    } catch (e) {
      // Rust groups the problems by column («Colonna «X»:», then «- riga N: …»): one line
      // each here, with its row and column, to be read and copied.
      const [first, ...rest] = message(e).split('\n').filter((l) => l.trim());
      let column = '';
      const problems = [];
      for (const line of rest) {
        const heading = /^Colonna (.*):$/.exec(line);
        const row = /^- (riga \d+): (.*)$/.exec(line);
        if (heading) column = heading[1];
        else if (row) problems.push(`${row[1]}${column ? `, colonna ${column}` : ''}: ${row[2]}`);
        else problems.push(line);
      }
      infoDialog('Il foglio non è stato importato', h('div', { id: 'individual-import-error' },
        h('p', { class: 'form-error' }, first),
        problems.length ? problemList(problems) : null,
        h('p', {}, 'Non è stato importato nessun valore: correggi il foglio e importalo di nuovo.')));
    }
  }

  async print(what, done, manager = null) {
    try {
      const path = await api.printEvaluation(this.planId, this.data.year, what, manager);
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
      intro: h('p', {}, r.is_default ? 'Queste sono le regole predefinite: confermale o cambiale secondo il sistema di valutazione (SMVP) dell\'ente.' : 'Le regole del sistema di valutazione (SMVP) per quest\'anno.',
        ' La performance organizzativa deve pesare più di ogni altra componente (art. 9 c.1 lett. a D.Lgs. 150/2009).'),
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
        { id: 'ev-r-levels', field: 'levels', label: 'Livelli descritti (una riga per livello: numero del comportamento.livello: descrizione, es. 1.3: organizza il lavoro e rispetta le scadenze)', type: 'textarea', rows: 4, value: r.items.flatMap((it, n) => (it.levels || []).map((t, l) => (t ? `${n + 1}.${r.scale_min + l}: ${t}` : null)).filter(Boolean)).join('\n') },
        { id: 'ev-r-bands', field: 'bands', label: 'Fasce proprie (vuoto: quelle dei risultati), es. 0:0; 60:proporzionale; 90:100', value: (r.bands || []).map((b) => `${hundredths(b.from)}:${b.share === null ? 'proporzionale' : hundredths(b.share)}`).join('; ') },
        [
          { id: 'ev-r-budget', field: 'budget', label: 'Fondo retribuzione di risultato (€)', value: cents(r.budget) },
          { id: 'ev-r-position', field: 'position_budget', label: 'Fondo retribuzione di posizione (€)', value: cents(r.position_budget) },
        ],
        [
          { id: 'ev-r-timeliness', field: 'timeliness', label: 'Tempestività dei pagamenti (art. 4-bis DL 13/2023)', type: 'select', value: r.timeliness, options: [['quota', 'quota dedicata della retribuzione'], ['risultati', 'obiettivo dentro la performance organizzativa']] },
          { id: 'ev-r-quota', field: 'timeliness_quota', label: 'Quota dedicata (%, almeno 30)', value: hundredths(r.timeliness_quota) },
          { id: 'ev-r-graduation', field: 'timeliness_graduation', label: 'Graduazione per giorni di ritardo (vuoto: tutto o niente)', value: r.timeliness_graduation.map(([d, q]) => `${d}:${hundredths(q)}`).join('; '), hint: 'es. 5:50; 15:20' },
        ],
        [
          { id: 'ev-r-prerequisite', field: 'prerequisite', label: 'Obiettivo prerequisito non raggiunto, per chi guida più aree', type: 'select', value: r.prerequisite, options: [['tutto', 'nessuna retribuzione di risultato'], ['area', 'nulla la parte di quell\'area']] },
          { id: 'ev-r-review', field: 'review_days', label: 'Giorni per chiedere il riesame', value: String(r.review_days), inputmode: 'numeric' },
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
        levels: levelsInput(v['ev-r-levels'], v['ev-r-items'].split('\n').filter((l) => l.trim()).length, v['ev-r-scale']),
        bands: v['ev-r-bands'],
        combine: v['ev-r-combine'],
        budget: v['ev-r-budget'],
        position_budget: v['ev-r-position'],
        timeliness: v['ev-r-timeliness'],
        timeliness_quota: v['ev-r-quota'],
        timeliness_graduation: v['ev-r-graduation'],
        prerequisite: v['ev-r-prerequisite'],
        review_days: v['ev-r-review'],
      })),
    });
  }

  validateForm() {
    return formDialog({
      title: 'Valutazione definitiva',
      intro: h('p', {}, 'Il Nucleo di valutazione propone la valutazione dei responsabili; il Presidente (o il Sindaco) la assegna (art. 14 c.4 lett. e D.Lgs. 150/2009). Da quel momento schede, regole e importi dell\'anno non si modificano più. Gli importi si pagano dopo la validazione della Relazione da parte del Nucleo.'),
      rows: [
        [
          { id: 'ev-v-proposal', field: 'proposal', label: 'Proposta del Nucleo: numero del verbale', required: true, value: '' },
          { id: 'ev-v-proposal-date', field: 'proposal', label: 'Data della proposta', required: true, value: '', hint: `es. 01/04/${this.data.year + 1}` },
        ],
        [
          { id: 'ev-v-body', field: 'act_body', label: 'Chi assegna', type: 'select', value: 'Presidente dell\'Unione', options: [['Presidente dell\'Unione', 'Presidente dell\'Unione'], ['Sindaco', 'Sindaco']] },
          { id: 'ev-v-number', field: 'act_number', label: 'Numero dell\'atto di assegnazione', required: true, value: '' },
          { id: 'ev-v-date', field: 'act_date', label: 'Data', required: true, value: '', hint: `es. 10/04/${this.data.year + 1}` },
        ],
      ],
      submitLabel: 'Registra la valutazione definitiva',
      onSubmit: async (v) => this.apply(await api.validateEvaluation(this.planId, this.data.year, {
        proposal: { body: 'Nucleo di valutazione', number: v['ev-v-proposal'], date: v['ev-v-proposal-date'] },
        assignment: { body: v['ev-v-body'], number: v['ev-v-number'], date: v['ev-v-date'] },
      })),
    });
  }

  revokeForm() {
    return formDialog({
      title: 'Annullare la valutazione definitiva?',
      intro: h('p', {}, `Serve solo a correggere un atto registrato per errore. Scrivi il numero dell'atto di assegnazione (${this.data.validation.number}) per confermare.`),
      fields: [{ id: 'ev-revoke', field: 'confirm', label: 'Numero dell\'atto di assegnazione', required: true, value: '' }],
      submitLabel: 'Annulla la valutazione definitiva',
      danger: true,
      onSubmit: async (v) => this.apply(await api.revokeEvaluation(this.planId, this.data.year, v['ev-revoke'])),
    });
  }
}

