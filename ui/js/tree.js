// The «Albero della performance» view: the DUP's strategic objectives, the operational
// objectives below each (Missione, Programma, areas) and the plan's objectives linked to
// them, with the coverage's gaps; filtered by Missione; an objective opens in the editor.
// Everything shown is Rust's (`dup_tree`): counts, classifications, weights.
import * as api from './api.js';
import { h, hundredths, message, Screen, screenChrome, toast } from './format.js';

export class TreeView extends Screen {
  async load(mission = null) {
    screenChrome();
    try {
      this.apply(await api.dupTree(this.planId, mission));
    } catch (err) {
      toast(message(err), { error: true, ms: 10000 });
    }
  }

  apply(data) {
    if (!data) return;
    this.data = data;
    this.areaName = new Map(data.tree.areas);
    this.periodLabel = new Map(data.tree.periods);
    const label = document.getElementById('version-label');
    label.textContent = `Albero della performance · ${data.version.label}`;
    label.title = label.textContent;
    this.render();
  }

  render() {
    const active = document.activeElement;
    const focusId = active && active.id && this.main.contains(active) ? active.id : null;
    const d = this.data;
    // A long tree is drawn a screenful at a time: the first branches at once, the rest in
    // the next tasks (aria-busy until it is whole), so that a 1,000-objective plan opens
    // without a pause. A newer drawing stops an older one.
    const drawing = (this.drawing = (this.drawing || 0) + 1);
    const tree = d.goals === 0 ? null : h('div', { class: 'tree', id: 'tree', 'aria-busy': 'true' }, this.renderCoverage());
    this.main.replaceChildren(this.renderBar(),
      tree || h('section', { class: 'welcome', id: 'tree-empty' },
        h('h2', {}, 'Il piano non ha ancora il DUP'),
        h('p', {}, 'Importa gli obiettivi strategici e operativi del Documento Unico di Programmazione da un foglio (CSV o Excel) con le colonne Codice, Livello (strategico/operativo), Titolo, Descrizione, Ambito strategico, Codice padre, Missione, Programma, Area. Poi collega ogni obiettivo del piano al suo obiettivo operativo dalla scheda dell\'obiettivo.')));
    if (tree) {
      const rest = [...d.tree.strategic];
      const step = () => {
        if (drawing !== this.drawing) return;
        // About a screenful of objectives per task.
        let drawn = 0;
        while (rest.length && drawn < 120) {
          const s = rest.shift();
          tree.append(this.renderStrategic(s));
          drawn += 1 + s.objectives;
        }
        if (rest.length) {
          setTimeout(step, 0);
        } else {
          const unlinked = this.renderUnlinked();
          if (unlinked) tree.append(unlinked);
          tree.setAttribute('aria-busy', 'false');
        }
      };
      step();
    }
    if (focusId) {
      const again = document.getElementById(focusId);
      if (again && !again.disabled) again.focus();
    }
  }

  renderBar() {
    const d = this.data;
    const frozen = Boolean(d.version.act);
    const btn = (id, text, run, cls = 'btn') => h('button', { type: 'button', class: cls, id, onclick: run }, text);
    return h('section', { class: 'results-bar', 'aria-label': 'Filtro e azioni dell\'albero' },
      h('div', { class: 'results-title' },
        btn('tree-back', '← Torna al piano', () => this.app.openPlan(this.planId)),
        h('h2', {}, 'Albero della performance'),
        d.tree.missions.length ? h('label', { for: 'tree-mission' }, 'Missione') : null,
        d.tree.missions.length ? h('select', { id: 'tree-mission', onchange: (e) => this.load(e.target.value === '' ? null : Number(e.target.value)) },
          h('option', { value: '', selected: d.mission === null }, 'Tutte le missioni'),
          d.tree.missions.map(([code, name]) => h('option', { value: code, selected: d.mission === code }, name))) : null),
      h('div', { class: 'actions' },
        frozen ? null : btn('tree-import', d.goals ? 'Sostituisci il DUP da foglio…' : 'Importa il DUP da foglio…', () => this.importSheet(), d.goals ? 'btn' : 'btn primary'),
        d.goals ? btn('tree-print', 'Stampa l\'albero (PDF)', () => this.run(api.printDupTree(this.planId), 'Albero della performance salvato in'), 'btn primary') : null,
        d.goals ? btn('tree-export', 'Esporta il DUP (Excel)', () => this.run(api.exportDupSheet(this.planId, 'xlsx'), 'Foglio del DUP salvato in')) : null,
        d.goals ? btn('tree-export-csv', 'CSV', () => this.run(api.exportDupSheet(this.planId, 'csv'), 'Foglio del DUP salvato in')) : null));
  }

  renderCoverage() {
    const c = this.data.tree.coverage;
    const unlinked = c.unlinked.length + c.dangling.length;
    const parts = [
      unlinked ? `${unlinked} ${unlinked === 1 ? 'obiettivo non collegato' : 'obiettivi non collegati'}` : 'Ogni obiettivo del piano è collegato a un obiettivo operativo',
      c.empty_operational.length ? `${c.empty_operational.length} ${c.empty_operational.length === 1 ? 'obiettivo operativo' : 'obiettivi operativi'} senza obiettivi del piano` : null,
      c.empty_strategic.length ? `${c.empty_strategic.length} ${c.empty_strategic.length === 1 ? 'obiettivo strategico' : 'obiettivi strategici'} senza obiettivi operativi` : null,
    ].filter(Boolean);
    return h('p', { class: `tree-coverage badge ${unlinked ? 'warn' : 'ok'}`, id: 'tree-coverage', role: 'status' }, parts.join(' · '));
  }

  renderStrategic(s) {
    const id = `goal-${s.goal.code}`;
    return h('section', { class: 'tree-strategic', 'aria-labelledby': id, dataset: { code: s.goal.code } },
      h('h3', { id }, h('span', { class: 'tree-code' }, `Obiettivo strategico ${s.goal.code}`), ` ${s.goal.title}`),
      h('p', { class: 'tree-meta' }, [s.classification, s.goal.scope, `${s.objectives} ${s.objectives === 1 ? 'obiettivo del piano' : 'obiettivi del piano'}`].filter(Boolean).join(' · ')),
      s.operational.length ? s.operational.map((o) => this.renderOperational(o)) : h('p', { class: 'tree-gap' }, 'Nessun obiettivo operativo.'));
  }

  renderOperational(o) {
    const id = `goal-${o.goal.code}`;
    return h('div', { class: 'tree-operational', dataset: { code: o.goal.code } },
      h('h4', { id }, h('span', { class: 'tree-code' }, `Obiettivo operativo ${o.goal.code}`), ` ${o.goal.title}`),
      h('p', { class: 'tree-meta' }, [o.classification, o.area_names.join(', ')].filter(Boolean).join(' · ')),
      o.objectives.length ? this.objectiveList(o.objectives, id) : h('p', { class: 'tree-gap' }, 'Nessun obiettivo del piano in questo obiettivo operativo.'));
  }

  objectiveList(objectives, labelledBy) {
    return h('ul', { class: 'tree-objectives', 'aria-labelledby': labelledBy }, objectives.map((x) => h('li', { dataset: { objectiveId: x.id } },
      h('button', { type: 'button', class: 'link-like tree-open', onclick: () => this.open(x) }, x.description),
      h('span', { class: 'tree-places' }, x.places.map((p) => `${this.areaName.get(p.area_id)} – ${this.periodLabel.get(p.period_id)}: ${hundredths(p.weight)}%`).join('; ')))));
  }

  renderUnlinked() {
    const list = this.data.tree.unlinked;
    if (!list.length) return null;
    return h('section', { class: 'tree-strategic tree-unlinked', 'aria-labelledby': 'tree-unlinked-title' },
      h('h3', { id: 'tree-unlinked-title' }, 'Obiettivi non collegati al DUP'),
      h('p', { class: 'tree-meta' }, 'Apri l\'obiettivo e scegli il suo obiettivo operativo nel campo «Obiettivo operativo (DUP)».'),
      this.objectiveList(list, 'tree-unlinked-title'));
  }

  /** Opens an objective in the editor: its first area, its row in view. */
  async open(x) {
    const first = x.places[0];
    await this.app.openPlan(this.planId);
    if (first && this.app.editor) await this.app.editor.jumpTo({ area_id: first.area_id, objective_id: x.id });
  }

  async importSheet() {
    try {
      const data = await api.importDupSheet(this.planId);
      if (!data) return;
      this.apply(data);
      toast(`DUP importato: ${data.goals} obiettivi strategici e operativi.`);
    } catch (err) {
      toast(message(err), { error: true, ms: 20000 });
    }
  }

  async run(promise, saved) {
    try {
      const path = await promise;
      if (path) toast(`${saved} ${path}`, { ms: 8000 });
    } catch (err) {
      toast(message(err), { error: true, ms: 10000 });
    }
  }
}
