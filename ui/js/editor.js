// The plan editor: areas on the left with a badge per period, the selected area on the right
// as the annex's tables, every change saved at once.
import * as api from './api.js';
import { copiesDialog, refreshNotice } from './copies.js';
import { piaoDraftDialog, relazioneDraftDialog } from './documents.js';
import { closeDialog, confirmDialog, dialogOpen, formDialog, infoDialog } from './dialogs.js';
import { focusSelector, h, hundredths, message, Screen, toast } from './format.js';
import { crossCuttingForm, objectiveForm } from './objective-form.js';
import { indicatorsDialog, proposalsDialog } from './indicators.js';
import { planForm } from './plans.js';

/** The problems counter: errors first; empty periods are named as such, not as "avvisi". */
export function statusText(report) {
  const errors = report.problems.filter((p) => p.severity === 'error').length;
  if (errors) return `${errors} ${errors === 1 ? 'problema' : 'problemi'}`;
  const empty = report.problems.filter((p) => p.kind === 'empty').length;
  // Information (an operational objective of the DUP with nothing below it) is no «avviso».
  const other = report.problems.filter((p) => p.severity === 'warning').length - empty;
  const parts = ['Pesi corretti'];
  if (empty) parts[0] = 'Pesi corretti nei periodi compilati';
  if (empty) parts.push(`${empty} ${empty === 1 ? 'periodo vuoto' : 'periodi vuoti'}`);
  if (other) parts.push(`${other} ${other === 1 ? 'avviso' : 'avvisi'}`);
  return parts.join(' · ');
}

/** The plan's bar, on the editor and on the cycle: its title, the version, and the menus'
 * items that the version's state allows. */
export function planChrome(view) {
  const { plan } = view;
  document.getElementById('topbar-plan').hidden = false;
  document.getElementById('plan-menus').hidden = false;
  const heading = document.getElementById('plan-heading');
  heading.textContent = `${plan.plan.title}${plan.plan.entity ? ' · ' + plan.plan.entity : ''}`;
  heading.title = heading.textContent; // the full text when the bar cuts it short
  document.title = `${plan.plan.title} – Piano Obiettivi`;
  const version = view.version;
  const frozen = Boolean(version.act);
  const versionLabel = document.getElementById('version-label');
  versionLabel.textContent = version.label;
  versionLabel.title = version.label;
  const offer = {
    approve: version.latest && !frozen,
    vary: version.latest && frozen,
    revoke: version.latest && frozen,
    'changes-pdf': version.version > 1,
    'changes-csv': version.version > 1,
    'edit-plan': !frozen,
    'add-period': !frozen,
    'update-from-sheet': !frozen,
    proposals: !frozen,
    'print-dup': view.dup_operational > 0,
    // Results are read against an approved version: this one, or an earlier one.
    results: frozen || version.version > 1,
    monitoring: frozen || version.version > 1,
    'draft-relazione': frozen || version.version > 1,
  };
  for (const [action, shown] of Object.entries(offer)) {
    document.querySelector(`#plan-menus [data-action="${action}"]`).parentElement.hidden = !shown;
  }
}

/** Rows from which an area's periods below the fold are laid out only as they near the
 * screen: at 100 rows this halves an area switch in Chromium (README, «In Chromium»). */
const LONG_AREA = 40;

const SEVERITY = { error: 'Errore: ', warning: 'Avviso: ', info: 'Informazione: ' };

export class Editor extends Screen {
  constructor(app, main, planId) {
    super(app, main, planId);
    this.view = null;
    // The shape (see `shape`) of what is on screen: an answer of the same shape is patched in,
    // one that only put the same rows in another order has them moved (see `reorder`).
    this.drawnShape = null;
    this.drawnRows = null;
    this.areaId = Number(localStorage.getItem(`area-${planId}`)) || null;
    api.setViewArea(this.areaId);
  }

  async load() {
    this.apply(await api.planView(this.planId));
  }

  /**
   * Takes a fresh plan view from Rust and redraws; returns it. Every action applies Rust's
   * answer here, as soon as it arrives, never waiting for a dialog to settle.
   */
  apply(view) {
    if (!view) return view;
    const started = performance.now();
    this.view = view;
    // The view carries the rows of one area: the one Rust answered for.
    this.areaId = view.area_id ?? null;
    api.setViewArea(this.areaId);
    // An answer that changed only weights, totals and problems (a weight saved, a text
    // kept) is written into the rows already on screen: rebuilding the area's tables on
    // every save made the page's memory grow with each edit. Anything else redraws.
    const shape = this.shape(view);
    const drawn = this.main.querySelector('.editor');
    if (shape === this.drawnShape && drawn) this.patch();
    else {
      // The same shape means the same rows: the unordered one is needed only when it changed.
      const rows = this.shape(view, true);
      if (rows === this.drawnRows && drawn) {
        // A row moved up or down: the rows on screen are moved, not rebuilt, so that the
        // engine lays out two rows instead of the area's hundred.
        this.reorder();
        this.patch();
      } else this.render();
      this.drawnRows = rows;
    }
    this.drawnShape = shape;
    api.perf.render = performance.now() - started;
    return view;
  }

  /**
   * What the area's tables are built from, weights and totals left out; `unordered`: the
   * rows as a set (their order and positions left out too).
   */
  shape(view, unordered = false) {
    const { plan } = view;
    let rows = plan.placements.filter((p) => p.area_id === view.area_id).map(({ weight, ...rest }) => rest);
    if (unordered) rows = rows.map(({ position, ...rest }) => rest).sort((a, b) => a.id - b.id);
    return JSON.stringify([view.area_id, view.version, plan.plan, plan.areas, plan.periods, rows, plan.objectives, view.shared, view.targets, view.proposals]);
  }

  /** The row (placement and objective) of a placement id, in the current view. */
  row(placementId) {
    const placement = this.view.plan.placements.find((p) => p.id === placementId);
    const objective = placement && this.view.plan.objectives.find((o) => o.id === placement.objective_id);
    return objective ? { placement, objective } : null;
  }

  /** Writes the new weights, totals, badges and problems into the page as it is. */
  patch() {
    const { plan } = this.view;
    this.renderChrome();
    const set = (el, text, className = null) => {
      if (!el) return;
      if (el.textContent !== text) el.textContent = text;
      if (className !== null && el.className !== className) el.className = className;
    };
    for (const li of this.main.querySelectorAll('#area-list > li[data-area-id]')) {
      const areaId = Number(li.dataset.areaId);
      for (const p of plan.periods) {
        const fresh = this.badgeParts(areaId, p);
        const badge = li.querySelector(`.badges .badge[data-period-id="${p.id}"]`);
        set(badge, fresh.text, fresh.className);
        if (badge) badge.dataset.total = String(fresh.total);
      }
    }
    const select = this.main.querySelector('#area-select');
    if (select) {
      for (const option of select.options) {
        const a = plan.areas.find((x) => x.id === Number(option.value));
        if (a) set(option, this.pickLabel(a));
      }
    }
    const weights = new Map(plan.placements.map((p) => [p.id, p.weight]));
    for (const section of this.main.querySelectorAll('.area section.period[data-period-id]')) {
      const t = this.total(this.areaId, Number(section.dataset.periodId));
      set(section.querySelector('.period-total'), this.periodBadgeText(t), this.periodBadgeClass(t));
      set(section.querySelector('tfoot .weight'), `${hundredths(t ? t.total : 0)}%`);
      for (const tr of section.querySelectorAll('tbody tr[data-placement-id]')) {
        set(tr.querySelector('td.weight'), `${hundredths(weights.get(Number(tr.dataset.placementId)) ?? 0)}%`);
      }
    }
  }

  /** Puts the shown area's rows in the order of Rust's answer, moving the rows on screen. */
  reorder() {
    const { plan } = this.view;
    const focused = document.activeElement;
    for (const section of this.main.querySelectorAll('.area section.period[data-period-id]')) {
      const tbody = section.querySelector('tbody');
      if (!tbody) continue;
      const periodId = Number(section.dataset.periodId);
      const ids = plan.placements.filter((p) => p.area_id === this.areaId && p.period_id === periodId).map((p) => p.id);
      const byId = new Map([...tbody.children].map((tr) => [Number(tr.dataset.placementId), tr]));
      ids.forEach((id, i) => {
        const tr = byId.get(id);
        if (!tr) return;
        if (tbody.children[i] !== tr) tbody.insertBefore(tr, tbody.children[i]);
        const up = tr.querySelector('.row-up');
        const down = tr.querySelector('.row-down');
        if (up) up.disabled = i === 0;
        if (down) down.disabled = i === ids.length - 1;
      });
    }
    // A moved row's button loses the focus: the keyboard keeps its place, as after a redraw.
    if (focused && focused !== document.activeElement && this.main.contains(focused) && !dialogOpen()) {
      const target = focused.disabled ? document.getElementById('area-title') : focused;
      if (target) target.focus();
    }
  }

  /** The apply function handed to forms: they call it with the view Rust answered. */
  get applier() {
    return (view) => this.apply(view);
  }

  /** Runs a change; on success redraws and says it is saved, on failure shows the message. */
  async change(promise, done = null) {
    try {
      this.apply(await promise);
      if (done) toast(done.text, done);
    } catch (err) {
      toast(message(err), { error: true, ms: 10000 });
    }
  }

  total(areaId, periodId) {
    return this.view.report.totals.find((t) => t.area_id === areaId && t.period_id === periodId);
  }

  /** An area's badge for a period in the area list: its class, text and total. */
  badgeParts(areaId, period) {
    const t = this.total(areaId, period.id);
    const cls = !t || t.objectives === 0 ? 'warn' : t.ok ? 'ok' : 'bad';
    const text = !t || t.objectives === 0 ? 'vuoto' : t.badge;
    return { className: `badge ${cls}`, text: `${period.label.replace('ANNO ', '')}: ${text}`, total: t ? t.total : 0 };
  }

  badge(areaId, period) {
    const b = this.badgeParts(areaId, period);
    return h('span', { class: b.className, dataset: { periodId: period.id, total: b.total }, title: period.label }, b.text);
  }

  /** The top bar: the plan's title, the problems counter, the save time, the menus. */
  renderChrome() {
    const { report } = this.view;
    planChrome(this.view);
    // The editor's commands, hidden on the other screens.
    for (const id of ['problems-button', 'print-button', 'saved-at']) document.getElementById(id).hidden = false;
    const errors = report.problems.filter((p) => p.severity === 'error').length;
    const status = document.getElementById('problems-button');
    status.className = `status ${errors ? 'bad' : 'ok'}`;
    status.textContent = statusText(report);
    document.getElementById('saved-at').textContent = `Salvato alle ${this.view.saved_at}`;
  }

  render() {
    const { plan } = this.view;
    this.renderChrome();
    const version = this.view.version;
    const frozen = Boolean(version.act);
    // Keyboard users keep their place: the control that had focus gets it back after the
    // redraw, else the area's title.
    const active = document.activeElement;
    const lost = active === document.body || (active && active.closest && active.closest('main'));
    const key = focusSelector(active);
    const area = plan.areas.find((a) => a.id === this.areaId);
    this.main.replaceChildren(
      frozen ? this.renderFrozen(version) : '',
      h('div', { class: 'editor', dataset: { planId: plan.plan.id } }, this.renderAreas(), area ? this.renderArea(area) : this.renderNoArea()));
    if (frozen) {
      // An approved version is an act: every control that would change it is off.
      for (const b of this.main.querySelectorAll('.editor button:not(.area-pick):not(.read-ok)')) b.disabled = true;
    }
    if (!lost || dialogOpen()) return;
    const again = key && this.main.querySelector(key);
    const target = again && !again.disabled ? again : document.getElementById('area-title') || this.main.querySelector('button');
    if (target) target.focus();
  }

  /** The banner of an approved version: why nothing can be changed, and what to do instead. */
  renderFrozen(version) {
    const act = version.act;
    const date = act.date.split('-').reverse().join('/');
    return h('section', { class: 'frozen-banner', id: 'frozen-banner', role: 'status' },
      h('p', {}, h('strong', {}, `Versione approvata con delibera della ${act.body} n. ${act.number} del ${date}. `),
        version.latest
          ? 'È un atto: non si modifica. Per cambiare il piano avvia una variazione, che la Giunta approverà con una nuova delibera.'
          : 'È una versione precedente, in sola lettura.'),
      h('div', { class: 'actions' },
        version.latest ? h('button', { type: 'button', class: 'btn primary', id: 'start-variation', onclick: () => this.menu('vary') }, 'Nuova variazione') : null,
        h('button', { type: 'button', class: 'btn', id: 'banner-results', onclick: () => this.app.showResults(this.planId) }, 'Risultati dell\'anno'),
        h('button', { type: 'button', class: 'btn', id: 'banner-monitoring', onclick: () => this.app.showMonitoring(this.planId) }, 'Monitoraggio'),
        version.version > 1 ? h('button', { type: 'button', class: 'btn', id: 'banner-changes', onclick: () => this.menu('changes-pdf') }, 'Prospetto delle variazioni') : null,
        h('button', { type: 'button', class: 'btn', id: 'banner-versions', onclick: () => this.menu('versions') }, 'Versioni del piano')));
  }

  renderAreas() {
    const { plan } = this.view;
    const items = plan.areas.map((a, i) => h('li', { class: a.id === this.areaId ? 'selected' : '', dataset: { areaId: a.id } },
      h('button', { type: 'button', class: 'area-pick', 'aria-current': a.id === this.areaId ? 'true' : null, onclick: () => this.select(a.id) },
        h('span', { class: 'name' }, a.name),
        a.manager ? h('span', { class: 'manager' }, a.manager) : null,
        h('span', { class: 'badges' }, plan.periods.map((p) => this.badge(a.id, p)))),
      h('span', { class: 'area-order' },
        h('button', { type: 'button', class: 'icon area-up', 'aria-label': `Sposta su ${a.name}`, title: 'Sposta su', disabled: i === 0, onclick: () => this.change(api.moveArea(this.planId, a.id, -1)) }, '▲'),
        h('button', { type: 'button', class: 'icon area-down', 'aria-label': `Sposta giù ${a.name}`, title: 'Sposta giù', disabled: i === plan.areas.length - 1, onclick: () => this.change(api.moveArea(this.planId, a.id, 1)) }, '▼'))));
    // On a small window the list folds into a selector (styles.css): the same areas, in one line.
    const picker = plan.areas.length ? h('div', { class: 'area-select-row' },
      h('label', { for: 'area-select' }, 'Area'),
      h('select', { id: 'area-select', onchange: (e) => this.select(Number(e.target.value)) },
        plan.areas.map((a) => h('option', { value: a.id, selected: a.id === this.areaId }, this.pickLabel(a))))) : null;
    return h('nav', { class: 'areas', 'aria-labelledby': 'areas-title' },
      h('h2', { id: 'areas-title' }, 'Aree'),
      picker,
      plan.areas.length ? h('ol', { id: 'area-list' }, items) : h('p', { class: 'empty' }, 'Nessuna area.'),
      h('div', { class: 'foot' },
        h('button', { type: 'button', class: 'btn', id: 'add-area', onclick: () => this.areaForm() }, '+ Aggiungi area'),
        h('button', { type: 'button', class: 'btn read-ok', id: 'show-deadlines', onclick: () => this.showDeadlines() }, 'Scadenze…')));
  }

  /** An area in the folded selector, with its weights' state. */
  pickLabel(a) {
    const problem = this.view.plan.periods.some((p) => { const t = this.total(a.id, p.id); return t && t.objectives > 0 && !t.ok; });
    return problem ? `${a.name} (pesi da correggere)` : a.name;
  }

  periodBadgeClass(t) {
    return `badge period-total ${!t || t.objectives === 0 ? 'warn' : t.ok ? 'ok' : 'bad'}`;
  }

  periodBadgeText(t) {
    return t && t.objectives ? t.badge : 'nessun obiettivo';
  }

  renderNoArea() {
    return h('section', { class: 'welcome' },
      h('h2', {}, 'Aggiungi la prima area'),
      h('p', {}, 'Il piano è organizzato per aree (es. AREA AFFARI GENERALI), ognuna con il suo responsabile. Aggiungi un\'area, poi i suoi obiettivi per ciascun periodo.'),
      h('button', { type: 'button', class: 'btn primary first-area', onclick: () => this.areaForm() }, 'Aggiungi area'));
  }

  renderArea(area) {
    const { plan } = this.view;
    const head = h('div', { class: 'area-head' },
      h('h2', { id: 'area-title', tabindex: '-1' }, area.name, area.manager ? h('span', { class: 'manager' }, ` – Responsabile: ${area.manager}`) : null),
      h('button', { type: 'button', class: 'btn small', id: 'edit-area', onclick: () => this.areaForm(area) }, 'Modifica area'),
      h('button', { type: 'button', class: 'btn small', id: 'delete-area', onclick: () => this.removeArea(area) }, 'Elimina area'));
    // A long area defers the layout of its periods below the fold (styles.css, `.area.long`).
    const rows = plan.placements.filter((p) => p.area_id === area.id).length;
    return h('div', { class: rows > LONG_AREA ? 'area long' : 'area', dataset: { areaId: area.id } }, head, plan.periods.map((p) => this.renderPeriod(area, p)));
  }

  renderPeriod(area, period) {
    const { plan, shared } = this.view;
    const objectives = new Map(plan.objectives.map((o) => [o.id, o]));
    const rows = plan.placements.filter((p) => p.area_id === area.id && p.period_id === period.id);
    const t = this.total(area.id, period.id);
    const headId = `period-${period.id}`;
    const body = rows.map((placement, i) => {
      const objective = objectives.get(placement.objective_id);
      // The buttons read the row when pressed: a saved weight is written into this row
      // without redrawing it (patch), so what was captured here may be old.
      const current = () => this.row(placement.id);
      const count = shared[objective.id] || 1;
      const label = objective.text.description.slice(0, 60);
      return h('tr', { dataset: { placementId: placement.id, objectiveId: objective.id } },
        h('td', {}, objective.text.service,
          count > 1 ? h('div', {}, h('span', { class: 'shared-mark', title: 'Il testo è condiviso: modificandolo cambia in tutte le aree' }, `trasversale · ${count} aree`)) : null,
          objective.timeliness ? h('div', {}, h('span', { class: 'timeliness-mark', title: 'Obiettivo di tempestività dei pagamenti (art. 4-bis DL 13/2023)' }, 'tempestività pagamenti')) : null),
        h('td', { class: 'kind' }, objective.text.kind),
        h('td', {}, objective.text.description),
        h('td', {}, objective.text.expected_result),
        h('td', {}, objective.text.indicator, this.renderTargets(objective, label)),
        h('td', { class: 'weight' }, `${hundredths(placement.weight)}%`),
        h('td', { class: 'tools' }, h('div', { class: 'tools-wrap' },
          h('button', { type: 'button', class: 'btn small edit-objective', 'aria-label': `Modifica: ${label}`, onclick: () => this.edit(area, period, current()) }, 'Modifica'),
          h('button', { type: 'button', class: 'icon row-up', 'aria-label': `Sposta su: ${label}`, title: 'Sposta su', disabled: i === 0, onclick: () => this.change(api.movePlacement(this.planId, placement.id, -1)) }, '▲'),
          h('button', { type: 'button', class: 'icon row-down', 'aria-label': `Sposta giù: ${label}`, title: 'Sposta giù', disabled: i === rows.length - 1, onclick: () => this.change(api.movePlacement(this.planId, placement.id, 1)) }, '▼'),
          h('button', { type: 'button', class: 'icon row-menu', 'aria-label': `Altre azioni: ${label}`, title: 'Duplica, sposta, rendi trasversale, elimina', onclick: () => this.rowMenu(area, period, current()) }, '⋯'))));
    });
    const table = h('table', { class: 'objectives', 'aria-labelledby': headId },
      h('colgroup', {}, ['service', 'kind', 'desc', 'result', 'ind', 'weight', 'tools'].map((c) => h('col', { class: `col-${c}` }))),
      h('thead', {}, h('tr', {},
        ['Servizio organizzativo', 'Tipologia (S/M)', 'Descrizione obiettivo', 'Risultato atteso', 'Indicatore di risultato', 'Peso per l\'area (%)', 'Azioni'].map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, body),
      rows.length ? h('tfoot', {}, h('tr', { class: 'total' }, h('td', { colspan: 5 }, `Totale ${period.label}`), h('td', { class: 'weight' }, `${hundredths(t ? t.total : 0)}%`), h('td', {}))) : null);
    return h('section', { class: 'period', id: `section-${period.id}`, dataset: { periodId: period.id }, 'aria-labelledby': headId },
      h('div', { class: 'period-head' },
        h('h3', { id: headId, tabindex: '-1' }, period.label),
        h('span', { class: this.periodBadgeClass(t) }, this.periodBadgeText(t)),
        h('button', { type: 'button', class: 'btn small primary add-objective', title: 'Nuovo obiettivo (Ctrl+N)', onclick: () => this.edit(area, period, null) }, '+ Nuovo obiettivo'),
        h('button', { type: 'button', class: 'btn small danger delete-period', 'aria-label': `Elimina periodo ${period.label}`, title: 'Elimina il periodo da tutte le aree', onclick: () => this.removePeriod(period) }, 'Elimina periodo')),
      rows.length ? h('div', { class: 'table-scroll' }, table) : h('p', { class: 'empty' }, `Nessun obiettivo in ${period.label}: aggiungine uno con «Nuovo obiettivo».`));
  }

  /** «Scadenze»: the deadlines of the next 30 days and those passed without completion,
   * each one a button that jumps to its objective. */
  async showDeadlines() {
    let list;
    try {
      list = await api.deadlines(this.planId);
    } catch (err) {
      toast(message(err), { error: true });
      return;
    }
    const item = (d) => h('li', {}, h('button', { type: 'button', class: 'link-button deadline-jump', onclick: () => { closeDialog(); this.jumpTo(d); } },
      h('strong', {}, d.date.split('-').reverse().join('/')), ` – ${d.area}: ${d.description.length > 80 ? `${d.description.slice(0, 80)}…` : d.description} (${d.target})`));
    const overdue = list.filter((d) => d.overdue);
    const coming = list.filter((d) => !d.overdue);
    const content = h('div', { id: 'deadlines' },
      h('h3', {}, `Nei prossimi 30 giorni (${coming.length})`),
      coming.length ? h('ul', { id: 'deadlines-coming' }, coming.map(item)) : h('p', {}, 'Nessuna scadenza nei prossimi 30 giorni.'),
      h('h3', {}, `Passate senza risultato né «concluso» (${overdue.length})`),
      overdue.length ? h('ul', { id: 'deadlines-overdue' }, overdue.map(item)) : h('p', {}, 'Nessuna scadenza passata senza risultato.'),
      h('p', { class: 'hint' }, 'Le scadenze sono i target di tipo «scadenza» degli indicatori: aggiungili dal pulsante «Indicatori» di ogni obiettivo o da «Target proposti dal testo».'));
    await infoDialog('Scadenze', content);
  }

  /** Shows a deadline's objective: its area, its row focused. */
  async jumpTo(d) {
    if (d.area_id !== this.areaId) await this.select(d.area_id);
    const row = this.main.querySelector(`tr[data-placement-id][data-objective-id="${d.objective_id}"]`);
    const button = row && row.querySelector('.indicators-button');
    if (row) row.scrollIntoView({ block: 'center' });
    if (button) button.focus();
  }

  /** Under the indicator text: the objective's measurable indicators and their targets, the
   * targets its words state still to accept, and the button to the indicators dialog. */
  renderTargets(objective, label) {
    const lines = (this.view.targets || {})[objective.id] || [];
    const proposed = (this.view.proposals || {})[objective.id] || 0;
    return h('div', { class: 'indicator-tools' },
      lines.length ? h('ul', { class: 'targets-list' }, lines.map((l) => h('li', {}, l))) : null,
      proposed ? h('span', { class: 'proposal-mark' }, proposed === 1 ? '1 target proposto' : `${proposed} target proposti`) : null,
      h('button', { type: 'button', class: 'btn small indicators-button read-ok', 'aria-label': `Indicatori e target: ${label}`, onclick: () => indicatorsDialog(this.planId, objective.id, this.applier) },
        lines.length ? `Indicatori (${lines.length})` : 'Indicatori…'));
  }

  /** Shows another area: Rust answers with its rows (the view carries one area's). */
  async select(areaId) {
    localStorage.setItem(`area-${this.planId}`, String(areaId));
    api.setViewArea(areaId);
    try {
      this.apply(await api.planView(this.planId));
    } catch (err) {
      toast(message(err), { error: true });
      return;
    }
    const title = document.getElementById('area-title');
    if (title) title.focus();
  }

  async edit(area, period, row) {
    // The DUP's choices only when the plan has a DUP, asked for when the form opens.
    let choices = [];
    if (this.view.dup_operational > 0) {
      try {
        choices = await api.dupChoices(this.planId);
      } catch (err) {
        toast(message(err), { error: true });
      }
    }
    return objectiveForm(this.view, area, period, row, this.applier, (view, placementId) => this.crossCutting(view, period, placementId), choices);
  }

  /** Places a row's objective in other areas of its period (makes it cross-cutting). */
  crossCutting(view, period, placementId) {
    const placement = view.plan.placements.find((p) => p.id === placementId);
    if (!placement) return null;
    const objective = view.plan.objectives.find((o) => o.id === placement.objective_id);
    return crossCuttingForm(view, { placement, objective }, period, this.applier);
  }

  areaForm(area = null) {
    return formDialog({
      title: area ? 'Modifica area' : 'Nuova area',
      fields: [
        { id: 'area-name', field: 'name', label: 'Nome dell\'area', required: true, value: area?.name ?? '', hint: 'Es. AREA AFFARI GENERALI' },
        { id: 'area-manager', field: 'manager', label: 'Responsabile (facoltativo)', value: area?.manager ?? '' },
        { id: 'area-pays', field: 'pays', label: 'Il responsabile liquida fatture commerciali (dal 2024 serve l\'obiettivo di tempestività dei pagamenti)', type: 'select', value: area?.pays_invoices === false ? 'no' : 'si', options: [['si', 'Sì'], ['no', 'No']] },
      ],
      submitLabel: area ? 'Salva' : 'Aggiungi',
      onSubmit: async (v) => {
        let view = area
          ? await api.updateArea(this.planId, area.id, v['area-name'], v['area-manager'])
          : await api.addArea(this.planId, v['area-name'], v['area-manager']);
        const id = area ? area.id : view.plan.areas[view.plan.areas.length - 1].id;
        const pays = v['area-pays'] === 'si';
        if (pays !== (area?.pays_invoices !== false)) view = await api.setAreaPaysInvoices(this.planId, id, pays);
        if (!area) {
          // Show the new area: its view (the one answered was the previous area's).
          localStorage.setItem(`area-${this.planId}`, String(id));
          api.setViewArea(id);
          view = await api.planView(this.planId);
        }
        return this.apply(view);
      },
    });
  }

  async removeArea(area) {
    const count = this.view.plan.placements.filter((p) => p.area_id === area.id).length;
    const ok = await confirmDialog('Eliminare l\'area?', `«${area.name}» e i suoi ${count} obiettivi saranno eliminati (gli obiettivi trasversali restano nelle altre aree).`, 'Elimina l\'area');
    if (ok) this.change(api.deleteArea(this.planId, area.id), { text: `Area «${area.name}» eliminata.` });
  }

  async rowMenu(area, period, row) {
    const count = this.view.shared[row.objective.id] || 1;
    const act = (fn) => () => { closeDialog(); fn(); };
    const list = h('div', { class: 'actions' },
      h('button', { type: 'button', class: 'btn', id: 'duplicate-objective', onclick: act(() => this.change(api.duplicatePlacement(this.planId, row.placement.id), { text: 'Obiettivo duplicato.' })) }, 'Duplica'),
      h('button', { type: 'button', class: 'btn', id: 'move-objective', onclick: act(() => this.moveTo(row)) }, 'Sposta in altra area o periodo…'),
      h('button', { type: 'button', class: 'btn', id: 'make-cross-cutting', onclick: act(() => this.crossCutting(this.view, period, row.placement.id)) }, count > 1 ? 'Aggiungi ad altre aree…' : 'Rendi trasversale (aggiungi ad altre aree)…'),
      count > 1 ? h('button', { type: 'button', class: 'btn', id: 'detach-objective', onclick: act(() => this.change(api.detachPlacement(this.planId, row.placement.id), { text: 'Ora il testo di quest\'area è indipendente.' })) }, 'Separa dal trasversale') : null,
      h('button', { type: 'button', class: 'btn danger', id: 'delete-objective', onclick: act(() => this.remove(area, period, row)) }, count > 1 ? 'Elimina da quest\'area' : 'Elimina'));
    await infoDialog(`Obiettivo: ${row.objective.text.description.slice(0, 80)}`, h('div', {}, h('p', {}, `${area.name} – ${period.label} – peso ${hundredths(row.placement.weight)}%`), list));
  }

  moveTo(row) {
    const { plan } = this.view;
    return formDialog({
      title: 'Sposta obiettivo',
      rows: [[
        { id: 'move-area', field: 'area', label: 'Area', type: 'select', value: row.placement.area_id, options: plan.areas.map((a) => [a.id, a.name]) },
        { id: 'move-period', field: 'period', label: 'Periodo', type: 'select', value: row.placement.period_id, options: plan.periods.map((p) => [p.id, p.label]) },
      ]],
      submitLabel: 'Sposta',
      onSubmit: async (v) => this.apply(await api.movePlacementTo(this.planId, row.placement.id, Number(v['move-area']), Number(v['move-period']))),
    });
  }

  /** Deletes a row, with "Annulla" to put it back where it was. */
  async remove(area, period, row) {
    const cell = this.view.plan.placements.filter((p) => p.area_id === area.id && p.period_id === period.id);
    const index = cell.findIndex((p) => p.id === row.placement.id);
    const shared = (this.view.shared[row.objective.id] || 1) > 1;
    const weight = hundredths(row.placement.weight);
    const undo = async () => {
      try {
        let view = shared
          ? await api.placeObjective(this.planId, row.objective.id, area.id, period.id, weight)
          : await api.addObjective(this.planId, area.id, period.id, row.objective.text, weight);
        const again = view.plan.placements.filter((p) => p.area_id === area.id && p.period_id === period.id);
        const restored = again[again.length - 1];
        for (let i = again.length - 1; i > index; i--) view = await api.movePlacement(this.planId, restored.id, -1);
        this.apply(view);
        toast('Obiettivo ripristinato.');
      } catch (err) {
        toast(message(err), { error: true });
      }
    };
    this.change(api.deletePlacement(this.planId, row.placement.id), { text: 'Obiettivo eliminato.', action: { label: 'Annulla', run: undo }, ms: 10000 });
  }

  showProblems() {
    const { report } = this.view;
    const content = report.problems.length === 0
      ? h('p', {}, 'Nessun problema: in ogni area e periodo i pesi sommano a 100%.')
      : h('ul', { class: 'problems', id: 'problem-list' }, report.problems.map((p) => h('li', {},
        h('button', { type: 'button', onclick: () => { closeDialog(); this.jump(p.area_id, p.period_id); } },
          h('span', { class: p.severity }, SEVERITY[p.severity]), p.message))));
    infoDialog('Controllo dei pesi', content);
  }

  jump(areaId, periodId) {
    if (areaId) this.select(areaId);
    const heading = periodId && document.getElementById(`period-${periodId}`);
    if (heading) {
      heading.scrollIntoView({ block: 'start' });
      heading.focus();
    }
  }

  async print(forceDraft = false, pagePerArea = true, targets = false, dup = false) {
    const valid = this.view.report.problems.every((p) => p.severity !== 'error');
    let draft = forceDraft;
    if (!valid && !forceDraft) {
      const errors = this.view.report.problems.filter((p) => p.severity === 'error');
      const ok = await formDialog({
        title: 'Il piano non è ancora valido',
        intro: h('div', {}, h('p', {}, 'L\'allegato definitivo richiede che i pesi di ogni area e periodo sommino a 100%. Puoi stampare una BOZZA, con i problemi elencati nella prima pagina:'),
          h('ul', {}, errors.map((p) => h('li', {}, p.message)))),
        fields: [],
        submitLabel: 'Stampa bozza',
        onSubmit: async () => true,
      });
      if (!ok) return;
      draft = true;
    }
    try {
      toast('Preparazione dell\'allegato…', { ms: 30000 });
      const path = await api.printAnnex(this.planId, draft, pagePerArea, targets, dup);
      if (!path) { document.getElementById('toast').hidden = true; return; }
      toast(`${draft ? 'Bozza salvata' : 'Allegato salvato'} in ${path}`, {
        ms: 8000,
        action: { label: 'Apri', run: () => api.openFile(path).catch((err) => toast(message(err), { error: true })) },
      });
    } catch (err) {
      toast(message(err), { error: true, ms: 10000 });
    }
  }

  async exportAs(format) {
    try {
      const path = await api.exportPlan(this.planId, format);
      if (path) toast(`Piano esportato in ${path}`, { ms: 10000 });
    } catch (err) {
      toast(message(err), { error: true });
    }
  }

  /** The editor's own commands from the plan's menus (the other screens are reached by app.js). */
  async menu(action) {
    if (action === 'edit-plan') {
      await planForm(this.view.plan.plan, this.applier);
    } else if (action.startsWith('export-')) {
      this.exportAs(action.slice(7));
    } else if (action === 'draft-piao') {
      await piaoDraftDialog(this.planId);
    } else if (action === 'draft-relazione') {
      const { first_year: first, last_year: last } = this.view.plan.plan;
      await relazioneDraftDialog(this.planId, Array.from({ length: last - first + 1 }, (_, i) => first + i));
    } else if (action === 'print-draft') {
      this.print(true);
    } else if (action === 'print-compact') {
      this.print(false, false);
    } else if (action === 'proposals') {
      await proposalsDialog(this.planId, this.applier);
    } else if (action === 'print-targets') {
      this.print(false, true, true);
    } else if (action === 'print-dup') {
      this.print(false, true, false, true);
    } else if (action === 'add-period') {
      this.periodForm();
    } else if (action === 'backup') {
      try {
        const path = await api.backupDatabase();
        if (path) toast(`Copia di sicurezza salvata in ${path}`, { ms: 10000 });
      } catch (err) {
        toast(message(err), { error: true, ms: 10000 });
      }
    } else if (action === 'restore') {
      const ok = await confirmDialog('Ripristinare una copia di sicurezza?', 'Tutti i piani saranno sostituiti da quelli della copia che sceglierai. Il contenuto attuale viene prima salvato accanto al database («.prima-del-ripristino»).', 'Scegli la copia…');
      if (!ok) return;
      try {
        const path = await api.restoreDatabase();
        if (path) { toast(`Piani ripristinati da ${path}`, { ms: 10000 }); refreshNotice(); this.app.showPlans(); }
      } catch (err) {
        toast(message(err), { error: true, ms: 12000 });
      }
    } else if (action === 'copies') {
      await copiesDialog(() => this.app.showPlans());
    } else if (action === 'approve') {
      this.approveForm();
    } else if (action === 'revoke') {
      this.revokeForm();
    } else if (action === 'vary') {
      // The proposals of variation made at the monitoring dates: the act that takes note of
      // the monitoring can vary the plan in one step.
      let proposals = [];
      try {
        proposals = await api.variationProposals(this.planId);
      } catch {
        proposals = [];
      }
      if (proposals.length) {
        const ok = await formDialog({
          title: 'Nuova variazione',
          intro: h('div', {},
            h('p', {}, `Il monitoraggio ha raccolto ${proposals.length === 1 ? 'una proposta' : `${proposals.length} proposte`} di variazione:`),
            h('ul', { id: 'variation-proposals' }, proposals.map((p) => h('li', {},
              h('strong', {}, `${p.date.split('-').reverse().join('/')} – ${p.area}: `), `${p.description.length > 90 ? `${p.description.slice(0, 90)}…` : p.description} – `,
              h('em', {}, p.action_text)))),
            h('p', {}, 'La nuova versione parte da quella approvata: applica lì le proposte che la Giunta accoglie.')),
          fields: [],
          submitLabel: 'Avvia la variazione',
          onSubmit: async () => true,
        });
        if (!ok) return;
      }
      try {
        const id = await api.varyPlan(this.planId);
        toast('Variazione avviata: ora modifichi la nuova versione; quella approvata resta com\'è.', { ms: 8000 });
        // Stay on the same area in the new version (its copy has another id).
        const name = this.view.plan.areas.find((a) => a.id === this.areaId)?.name;
        await this.app.openPlan(id);
        const same = this.app.editor?.view?.plan.areas.find((a) => a.name === name);
        if (same) this.app.editor.select(same.id);
      } catch (err) {
        toast(message(err), { error: true, ms: 10000 });
      }
    } else if (action === 'deadlines') {
      this.showDeadlines();
    } else if (action === 'update-from-sheet') {
      this.updateFromSheet();
    } else if (action === 'versions') {
      this.showVersions();
    } else if (action.startsWith('changes-')) {
      try {
        const path = await api.printChanges(this.planId, action.slice(8));
        if (path) toast(`Prospetto delle variazioni salvato in ${path}`, { ms: 8000, action: { label: 'Apri', run: () => api.openFile(path).catch((err) => toast(message(err), { error: true })) } });
      } catch (err) {
        toast(message(err), { error: true, ms: 10000 });
      }
    } else if (action === 'duplicate-plan') {
      try {
        const id = await api.duplicatePlan(this.planId);
        toast('Piano duplicato: ora stai lavorando sulla copia.');
        this.app.openPlan(id);
      } catch (err) {
        toast(message(err), { error: true });
      }
    }
  }

  /** Records the approving act, after showing the checks: errors block, warnings need a yes. */
  async approveForm() {
    const checks = await api.approvalChecks(this.planId);
    const errors = checks.filter((p) => p.severity === 'error');
    // Information needs no confirmation before the approval; a warning does.
    const warnings = checks.filter((p) => p.severity === 'warning');
    const item = (p) => h('li', {}, h('button', { type: 'button', class: 'link-like', onclick: () => { closeDialog(); this.jump(p.area_id, p.period_id); } }, p.message));
    if (errors.length) {
      const timeliness = errors.some((p) => p.kind === 'timeliness');
      const addStandard = async () => {
        closeDialog();
        try {
          this.apply(await api.addTimelinessObjective(this.planId));
          toast('Aggiunto l\'obiettivo standard di tempestività dei pagamenti (30%): ora riequilibra gli altri pesi.', { ms: 10000 });
        } catch (err) {
          toast(message(err), { error: true, ms: 10000 });
        }
      };
      infoDialog('Il piano non si può ancora approvare', h('div', { id: 'approval-checks' },
        h('p', {}, 'Prima dell\'approvazione vanno corretti questi problemi (clic per andare al punto):'),
        h('ul', { class: 'problems' }, errors.map(item)),
        timeliness ? h('button', { type: 'button', class: 'btn primary', id: 'add-timeliness', onclick: addStandard }, 'Aggiungi l\'obiettivo standard di tempestività (30%) dove manca') : null,
        warnings.length ? h('p', {}, `E ci sono ${warnings.length} avvisi da controllare.`) : null));
      return;
    }
    // Italian dates typed as text: a date picker would show the system's format.
    const now = new Date();
    const today = `${String(now.getDate()).padStart(2, '0')}/${String(now.getMonth() + 1).padStart(2, '0')}/${now.getFullYear()}`;
    const fields = [
      { id: 'act-body', field: 'act_body', label: 'Organo', value: 'Giunta dell\'Unione' },
      [
        { id: 'act-number', field: 'act_number', label: 'Numero della delibera', required: true, value: '' },
        { id: 'act-date', field: 'act_date', label: 'Data della delibera', required: true, value: today, hint: 'gg/mm/aaaa, es. 15/02/2020', inputmode: 'numeric' },
      ],
    ];
    if (warnings.length) {
      fields.push({ id: 'act-confirm', field: 'confirm', label: 'Ho controllato gli avvisi', type: 'select', value: '', options: [['', '— scegli —'], ['si', 'Sì, approvo comunque']] });
    }
    await formDialog({
      title: 'Approva questa versione',
      intro: h('div', {},
        h('p', {}, 'Registra la delibera che ha approvato il piano. Da quel momento la versione è un atto: non si modifica più, e l\'allegato riporta la delibera. Per cambiarla servirà una variazione.'),
        warnings.length ? h('div', { class: 'notice', id: 'approval-warnings' }, h('p', {}, 'Avvisi da controllare:'), h('ul', { class: 'problems' }, warnings.map(item))) : h('p', { class: 'preview ok' }, 'Controlli superati: pesi corretti in ogni area e periodo.')),
      rows: fields,
      submitLabel: 'Approva',
      onSubmit: async (v) => { this.apply(await api.approvePlan(this.planId, { body: v['act-body'], number: v['act-number'], date: v['act-date'] }, v['act-confirm'] === 'si')); refreshNotice(); },
    });
  }

  /** Withdraws a mistaken approval of the latest version: the act's number, retyped. */
  revokeForm() {
    const act = this.view.version.act;
    return formDialog({
      title: 'Annullare l\'approvazione?',
      intro: h('p', {}, `La versione tornerà in preparazione e modificabile. Serve solo a correggere un numero o una data registrati per errore; l'annullamento resta registrato. Per conferma scrivi il numero della delibera (${act.number}).`),
      fields: [{ id: 'revoke-number', field: 'confirm', label: 'Numero della delibera', required: true, value: '' }],
      submitLabel: 'Annulla l\'approvazione',
      danger: true,
      onSubmit: async (v) => { this.apply(await api.revokeApproval(this.planId, v['revoke-number'])); refreshNotice(); },
    });
  }

  /** A sheet sent round the areas comes back: what it changes, then (on request) written. */
  async updateFromSheet() {
    let preview;
    try {
      preview = await api.previewUpdateFromSheet(this.planId);
    } catch (err) {
      toast(message(err), { error: true, ms: 12000 });
      return;
    }
    if (!preview) return;
    if (preview.lines.length === 0) {
      toast(`Il foglio ${preview.file_name} non cambia nulla del piano.`);
      return;
    }
    await formDialog({
      title: 'Aggiorna il piano da un foglio',
      intro: h('div', {},
        h('p', {}, `Il foglio ${preview.file_name} sostituirà il contenuto di questa versione. Ecco che cosa cambia:`),
        h('ul', { class: 'problems', id: 'update-preview' }, preview.lines.map((l) => h('li', {}, l)))),
      fields: [],
      submitLabel: 'Aggiorna il piano',
      onSubmit: async () => this.apply(await api.confirmUpdateFromSheet(this.planId)),
    });
  }

  async showVersions() {
    const versions = await api.listVersions(this.planId);
    infoDialog('Versioni del piano', h('ol', { class: 'versions', id: 'version-list' }, versions.map((v) => h('li', {},
      h('span', {}, v.label),
      v.plan_id === this.planId ? h('span', { class: 'hint' }, ' (aperta)') : h('button', { type: 'button', class: 'btn small', onclick: () => { closeDialog(); this.app.openPlan(v.plan_id); } }, 'Apri')))));
  }

  periodForm() {
    const plan = this.view.plan.plan;
    return formDialog({
      title: 'Aggiungi un periodo',
      intro: h('p', {}, `Il piano copre gli anni ${plan.first_year}–${plan.last_year}; un periodo è un anno o più anni consecutivi che condividono gli stessi obiettivi, e non può sovrapporsi agli altri.`),
      rows: [[
        { id: 'period-first', field: 'periods', label: 'Dal', required: true, value: '', inputmode: 'numeric' },
        { id: 'period-last', field: 'last', label: 'Al (vuoto: un solo anno)', value: '', inputmode: 'numeric' },
      ]],
      submitLabel: 'Aggiungi',
      onSubmit: (v) => {
        const a = Number(v['period-first']);
        const b = v['period-last'].trim() === '' ? a : Number(v['period-last']);
        if (!Number.isInteger(a) || !Number.isInteger(b) || v['period-first'].trim() === '') throw { field: 'periods', message: 'Scrivi gli anni in cifre, per esempio 2025.' };
        return api.addPeriod(this.planId, { first_year: a, last_year: b }).then(this.applier);
      },
    });
  }

  async removePeriod(period) {
    const count = this.view.report.totals.filter((t) => t.period_id === period.id).reduce((n, t) => n + t.objectives, 0);
    const ok = await confirmDialog('Eliminare il periodo?', `«${period.label}» sarà tolto dal piano insieme ai suoi ${count} obiettivi, in tutte le aree. L'operazione non si può annullare.`, 'Elimina il periodo');
    if (ok) this.change(api.deletePeriod(this.planId, period.id), { text: `Periodo «${period.label}» eliminato.` });
  }

  /** Ctrl+N: new objective in the first period of the selected area. */
  newObjective() {
    const area = this.view.plan.areas.find((a) => a.id === this.areaId);
    const period = this.view.plan.periods[0];
    if (area && period) this.edit(area, period, null);
  }
}
