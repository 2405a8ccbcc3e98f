// «Il ciclo dell'anno»: the plan's year step by step, from the core (ops::cycle) — what is
// done with its act, what is due, what is late — each step with the screen that does it.
// The UI decides nothing: status, dates and the urgent list come from Rust.

import * as api from './api.js';
import { formDialog } from './dialogs.js';
import { planChrome } from './editor.js';
import { piaoDraftDialog } from './documents.js';
import { h, message, Screen, screenChrome, toast } from './format.js';

const italian = (iso) => (iso ? iso.split('-').reverse().join('/') : '');
const BADGE = { done: 'ok', due: 'none', late: 'bad', not_applicable: 'none' };
const WORD = { done: 'fatto', due: 'da fare', late: 'in ritardo', not_applicable: 'non previsto' };
const SCREEN = {
  editor: 'Apri il piano',
  approvazione: 'Apri il piano',
  documenti: 'Bozza del PIAO…',
  monitoraggio: 'Apri il monitoraggio',
  risultati: 'Apri i risultati',
  valutazione: 'Apri la valutazione',
};
const DEADLINES = ['approvazione', 'piao', 'monitoraggio-1', 'monitoraggio-2', 'variazioni', 'risultati', 'relazione', 'validazione', 'valutazione', 'pagamento'];

export class CycleView extends Screen {
  constructor(app, main, planId) {
    super(app, main, planId);
    this.view = null;
  }

  /** The year asked, else the one chosen last time for this plan, else the core's choice. */
  async load(year = null) {
    const saved = Number(localStorage.getItem(`cycle-year-${this.planId}`)) || null;
    let data;
    // The plan's bar (title, version, the menus its state allows) comes from the plan's view.
    const view = this.view ? Promise.resolve(this.view) : api.planView(this.planId);
    try {
      data = await api.yearCycle(this.planId, year ?? saved);
    } catch (err) {
      if (year !== null || saved === null) throw err;
      data = await api.yearCycle(this.planId, null);
    }
    this.view = await view;
    this.apply(data);
  }

  apply(data) {
    this.data = data;
    localStorage.setItem(`cycle-year-${this.planId}`, String(data.year));
    this.render();
    return data;
  }

  /** What a step says of its time: when and by which act it was done, or when it is due. */
  when(s) {
    if (s.status === 'done') {
      return [s.done_on ? `fatto il ${italian(s.done_on)}` : '', s.act].filter(Boolean).join(', ');
    }
    if (!s.due) return '';
    return s.due_set ? `scadenza dell'ente ${italian(s.due)}` : `scadenza ${italian(s.due)}`;
  }

  go(s) {
    const c = this.data;
    if (s.screen === 'monitoraggio') return this.app.showMonitoring(this.planId);
    if (s.screen === 'risultati') return this.app.showResults(this.planId);
    if (s.screen === 'valutazione') return this.app.showEvaluation(this.planId, c.year);
    if (s.screen === 'documenti') return piaoDraftDialog(this.planId);
    return this.app.openPlan(this.planId);
  }

  render() {
    const c = this.data;
    // The plan's bar and its menus lead to every screen; the editor's own controls go.
    planChrome(this.view);
    screenChrome({ menus: true });
    const years = [];
    for (let y = c.years[0]; y <= c.years[1]; y++) years.push(y);
    const select = h('select', { id: 'cycle-year', onchange: (e) => this.load(Number(e.target.value)).catch((err) => toast(message(err), { error: true })) },
      years.map((y) => h('option', { value: y, selected: y === c.year }, String(y))));
    const byKey = new Map(c.steps.map((s) => [s.key, s]));
    const urgent = c.urgent.map((k) => byKey.get(k)).filter(Boolean);
    const btn = (id, text, run, cls = 'btn small') => h('button', { type: 'button', class: cls, id, onclick: run }, text);
    this.main.replaceChildren(
      h('section', { class: 'results-bar', 'aria-label': 'Anno del ciclo' },
        h('div', { class: 'results-title' },
          h('h2', { id: 'cycle-title' }, 'Il ciclo dell\'anno'),
          h('label', { for: 'cycle-year' }, 'Anno'), select,
          h('span', { id: 'cycle-status', class: `badge ${urgent.some((s) => s.status === 'late') ? 'bad' : 'ok'}`, role: 'status' },
            urgent.some((s) => s.status === 'late') ? `${urgent.filter((s) => s.status === 'late').length} in ritardo` : 'Nessun ritardo'),
          // The editor, one click away from the plan's home.
          btn('cycle-back', 'Obiettivi e pesi', () => this.app.openPlan(this.planId), 'btn primary'))),
      urgent.length ? h('section', { class: `cycle-urgent${urgent.some((s) => s.status === 'late') ? ' late' : ''}`, id: 'cycle-urgent', 'aria-labelledby': 'cycle-urgent-title' },
        h('h3', { id: 'cycle-urgent-title' }, 'Da guardare subito'),
        h('ul', {}, urgent.map((s) => h('li', {}, h('strong', {}, `${WORD[s.status]}: `), `${s.title} – ${this.when(s)}`)))) : null,
      h('ol', { class: 'cycle-steps', id: 'cycle-steps', 'aria-label': `Passi del ciclo ${c.year}` },
        c.steps.map((s) => h('li', { class: `cycle-step ${s.status}`, dataset: { key: s.key, status: s.status } },
          h('div', { class: 'cycle-head' },
            h('span', { class: `badge ${BADGE[s.status]}` }, WORD[s.status]),
            h('h3', {}, s.title)),
          h('p', { class: 'cycle-when' }, [this.when(s), s.note].filter(Boolean).join(' · ')),
          h('p', { class: 'cycle-law' }, s.law),
          h('div', { class: 'cycle-actions' },
            btn(`cycle-go-${s.key}`, SCREEN[s.screen] || 'Apri il piano', () => this.go(s)),
            (s.key === 'piao' || s.key === 'pagamento') ? btn(`cycle-act-${s.key}`, s.status === 'done' ? 'Correggi l\'atto…' : 'Registra l\'atto…', () => this.actForm(s)) : null,
            DEADLINES.includes(s.key) && s.status !== 'done' ? btn(`cycle-due-${s.key}`, 'Scadenza…', () => this.dueForm(s)) : null)))));
  }

  actForm(s) {
    const piao = s.key === 'piao';
    return formDialog({
      title: piao ? 'Adozione del PIAO' : 'Determina di liquidazione',
      intro: h('p', {}, piao
        ? 'La deliberazione che adotta il PIAO con la sottosezione 2.2 «Performance» (art. 6 DL 80/2021). Lascia vuoto il numero per togliere la registrazione.'
        : 'La determina che liquida la retribuzione di risultato dell\'anno, dopo la validazione della Relazione (art. 14 c.6 D.Lgs. 150/2009). Lascia vuoto il numero per togliere la registrazione.'),
      fields: [
        { id: 'cycle-act-body', field: 'body', label: 'Organo', value: piao ? 'Giunta dell\'Unione' : 'Determina del responsabile' },
        { id: 'cycle-act-number', field: 'number', label: 'Numero', value: '' },
        { id: 'cycle-act-date', field: 'act_date', label: 'Data (gg/mm/aaaa)', value: '', inputmode: 'numeric' },
      ],
      onSubmit: async (v) => this.apply(await api.recordCycleAct(this.planId, this.data.year, s.key, { body: v['cycle-act-body'], number: v['cycle-act-number'], date: v['cycle-act-date'] })),
    });
  }

  dueForm(s) {
    return formDialog({
      title: `Scadenza: ${s.title}`,
      intro: h('p', {}, 'La data fissata dal sistema di valutazione dell\'ente. Lascia vuoto per tornare alla scadenza della legge.'),
      fields: [{ id: 'cycle-due-date', field: 'date', label: 'Scadenza (gg/mm/aaaa)', value: s.due_set ? italian(s.due) : '', inputmode: 'numeric' }],
      onSubmit: async (v) => this.apply(await api.setCycleDeadline(this.planId, this.data.year, s.key, v['cycle-due-date'])),
    });
  }
}
