// Start-up and navigation between the plan list and the editor; the top bar and shortcuts.
import * as api from './api.js';
import { dialogOpen, infoDialog } from './dialogs.js';
import { aboutLines, copiesDialog, recoveryOffer, refreshNotice, showNotice } from './copies.js';
import { Editor } from './editor.js';
import { h, message, toast } from './format.js';
import { renderPlans } from './plans.js';
import { currentChapter, openGuide } from './guide.js';
import { EvaluationView } from './evaluation.js';
import { MonitorView } from './monitoring.js';
import { ResultsView } from './results.js';
import { TreeView } from './tree.js';
import { CycleView } from './cycle.js';

const main = document.getElementById('main');

const app = {
  /** The guide's chapter of the screen on show (guide.js; tests/guide.rs checks each). */
  screen: 'inizio',
  /** The plan's id on show, for the menus (null on the list of plans). */
  planId: null,
  /** The view on show under its name (editor, results, monitoring, tree, cycle, evaluation);
   * the others are null, so that only the one on show answers. */
  editor: null,
  results: null,
  monitoring: null,
  tree: null,
  cycle: null,
  evaluation: null,
  /** Puts `view` on screen under `name` (after `screen`, its guide's chapter, is set). */
  async switchTo(planId, name, view) {
    this.planId = planId;
    for (const k of ['editor', 'results', 'monitoring', 'tree', 'cycle', 'evaluation']) this[k] = null;
    if (view) {
      this[name] = view;
      await view.load();
    }
  },
  async showPlans() {
    this.screen = 'inizio';
    await this.switchTo(null);
    localStorage.removeItem('last-plan');
    document.getElementById('topbar-plan').hidden = true;
    document.title = 'Piano Obiettivi';
    await renderPlans(this, main);
  },
  /** A plan opens on its home, «Il ciclo dell'anno»: what is done, due and late this year.
   * The editor is one click away («Obiettivi e pesi»). */
  async enterPlan(id) {
    try {
      await this.showCycle(id);
    } catch (err) {
      // A plan whose cycle cannot be read still opens, on the editor.
      toast(message(err), { error: true, ms: 10000 });
      await this.openPlan(id);
    }
  },
  /** The editor of a plan: areas, objectives, weights. */
  async openPlan(id) {
    try {
      this.screen = 'editor';
      await this.switchTo(id, 'editor', new Editor(this, main, id));
      localStorage.setItem('last-plan', String(id));
      localStorage.setItem('last-screen', 'editor');
    } catch {
      this.showPlans();
    }
  },
  /** The year's results of the plan (its latest approved version), beside the editor. */
  async showResults(planId) {
    this.screen = 'risultati';
    await this.switchTo(planId, 'results', new ResultsView(this, main, planId));
  },
  /** Each manager's scheda for a year, from the results. */
  async showEvaluation(planId, year) {
    this.screen = 'valutazione';
    await this.switchTo(planId, 'evaluation', new EvaluationView(this, main, planId, year));
  },
  /** The «Albero della performance» of the version being edited. */
  async showTree(planId) {
    this.screen = 'albero';
    await this.switchTo(planId, 'tree', new TreeView(this, main, planId));
  },
  /** «Il ciclo dell'anno»: the plan's year step by step. */
  async showCycle(planId) {
    this.screen = 'ciclo';
    await this.switchTo(planId, 'cycle', new CycleView(this, main, planId));
    localStorage.setItem('last-plan', String(planId));
    localStorage.setItem('last-screen', 'ciclo');
  },
  /** Monitoring during the year, on the latest approved version. */
  async showMonitoring(planId) {
    this.screen = 'monitoraggio';
    await this.switchTo(planId, 'monitoring', new MonitorView(this, main, planId));
  },
};

// The plan's menus, one per task (index.html): «Anno», «Piano», «Stampa», «File». One is open
// at a time; the arrows move within it, left and right to the next menu, Escape closes it.
const menus = () => [...document.querySelectorAll('#plan-menus .menu')];

function menuToggle(menu, open) {
  for (const m of menus()) {
    const show = open && m === menu;
    m.querySelector('.menu-list').hidden = !show;
    m.querySelector('.menu-button').setAttribute('aria-expanded', String(show));
  }
  if (open && menu) {
    // The list scrolls inside the window however tall the bar above it (two lines at 200%).
    const list = menu.querySelector('.menu-list');
    list.style.maxHeight = `${Math.max(120, window.innerHeight - list.getBoundingClientRect().top - 8)}px`;
    list.querySelector('li:not([hidden]) button')?.focus();
  }
}

function closeMenus() { menuToggle(null, false); }

/** A menu's command, from whichever screen of the plan is on show: the screens are reached
 * directly, the rest is the editor's (its dialogs read the version being edited). */
async function runMenu(action) {
  const id = app.planId;
  if (action === 'cycle') return app.showCycle(id);
  if (action === 'editor') return app.openPlan(id);
  if (action === 'results') return app.showResults(id);
  if (action === 'monitoring') return app.showMonitoring(id);
  if (action === 'tree') return app.showTree(id);
  if (!app.editor) await app.openPlan(id);
  if (app.editor) await app.editor.menu(action);
}

function wireTopbar() {
  document.getElementById('back-to-plans').addEventListener('click', () => app.showPlans());
  document.getElementById('about-button').addEventListener('click', showAbout);
  document.getElementById('guide-button').addEventListener('click', () => openGuide(currentChapter(app.screen)));
  document.getElementById('copy-notice').addEventListener('click', () => copiesDialog(() => app.showPlans()));
  document.getElementById('problems-button').addEventListener('click', () => app.editor && app.editor.showProblems());
  document.getElementById('print-button').addEventListener('click', () => app.editor && app.editor.print());
  for (const menu of menus()) {
    const list = menu.querySelector('.menu-list');
    menu.querySelector('.menu-button').addEventListener('click', () => menuToggle(menu, list.hidden));
    list.addEventListener('click', (e) => {
      const action = e.target.closest('button')?.dataset.action;
      if (action && app.planId) { closeMenus(); runMenu(action); }
    });
    list.addEventListener('keydown', (e) => {
      const items = [...list.querySelectorAll('li:not([hidden]) button')];
      const i = items.indexOf(document.activeElement);
      const shown = menus().filter((m) => !m.hidden);
      const next = (step) => shown[(shown.indexOf(menu) + step + shown.length) % shown.length];
      if (e.key === 'Escape') { closeMenus(); menu.querySelector('.menu-button').focus(); }
      if (e.key === 'ArrowDown') { e.preventDefault(); items[(i + 1) % items.length].focus(); }
      if (e.key === 'ArrowUp') { e.preventDefault(); items[(i - 1 + items.length) % items.length].focus(); }
      if (e.key === 'Home') { e.preventDefault(); items[0].focus(); }
      if (e.key === 'End') { e.preventDefault(); items[items.length - 1].focus(); }
      if (e.key === 'ArrowRight') { e.preventDefault(); menuToggle(next(1), true); }
      if (e.key === 'ArrowLeft') { e.preventDefault(); menuToggle(next(-1), true); }
    });
  }
  document.addEventListener('click', (e) => { if (!e.target.closest('.menu')) closeMenus(); });
  document.addEventListener('keydown', (e) => {
    // F1 on any screen or dialog: the guide at its chapter.
    if (e.key === 'F1') { e.preventDefault(); openGuide(currentChapter(app.screen)); return; }
    if (app.results && !dialogOpen() && (e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'p') { e.preventDefault(); app.results.print('pdf'); }
    if (!app.editor || dialogOpen()) return;
    if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'p') { e.preventDefault(); app.editor.print(); }
    if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'n') { e.preventDefault(); app.editor.newObjective(); }
  });
}

/** Version, where the database is, its automatic copies, licences: what a help desk asks first. */
async function showAbout() {
  const info = await api.appInfo();
  const copies = info.open_error ? null : await api.copyStatus().catch(() => null);
  const open = h('button', { type: 'button', class: 'btn', id: 'open-copies', onclick: () => {
    document.querySelector('dialog[open] .dialog-actions .btn.primary')?.click();
    copiesDialog(() => app.showPlans());
  } }, 'Copie automatiche…');
  infoDialog('Informazioni su Piano Obiettivi', h('div', { id: 'about' },
    h('dl', { class: 'about-list' },
      h('dt', {}, 'Versione'), h('dd', { id: 'about-version' }, info.version),
      h('dt', {}, 'Database'), h('dd', { id: 'about-db' }, h('span', { class: 'path' }, info.db_path)),
      copies ? aboutLines(copies) : null,
      h('dt', {}, 'Riga di comando'), h('dd', {}, '«piano --help» nella cartella del programma (su Windows: menu Start, «Piano Obiettivi – riga di comando»).')),
    copies ? h('div', { class: 'button-row' }, open) : null,
    h('p', {}, 'I piani sono salvati nel database indicato: per spostarli su un altro computer usa «File → Copia di sicurezza di tutti i piani».'),
    h('p', {}, 'Licenze: il programma è distribuito con licenza MIT; il carattere Titillium Web con licenza SIL Open Font License 1.1.')));
  // «Informazioni» has said it: the status line keeps its short form, no message.
  if (copies) showNotice({ ...copies, notice: null });
}

// Nothing fails silently: an unexpected error is shown, in Italian where it came from Rust.
window.addEventListener('unhandledrejection', (e) => toast(message(e.reason), { error: true, ms: 15000 }));
window.addEventListener('error', (e) => toast(`Errore imprevisto: ${e.message}`, { error: true, ms: 15000 }));

async function start() {
  wireTopbar();
  const info = await api.appInfo();
  if (info.open_error) {
    main.replaceChildren(h('section', { class: 'fatal', role: 'alert' },
      h('h2', {}, 'Il database non si apre'),
      h('p', {}, info.open_error),
      recoveryOffer(info, async (done) => {
        toast(done.aside
          ? `Piani ripristinati dalla copia del ${done.copy.made_text}. Il file danneggiato è stato messo da parte in ${done.aside}.`
          : `Piani ripristinati dalla copia del ${done.copy.made_text}.`, { ms: 15000 });
        await app.showPlans();
        refreshNotice();
      })));
    return;
  }
  refreshNotice();
  // The last plan reopens where it was left: in the editor, or on its cycle.
  const last = Number(localStorage.getItem('last-plan'));
  if (last && localStorage.getItem('last-screen') === 'ciclo') await app.enterPlan(last);
  else if (last) await app.openPlan(last);
  else await app.showPlans();
}

start().catch((err) => {
  main.replaceChildren(h('section', { class: 'fatal', role: 'alert' }, h('h2', {}, 'Il programma non è partito correttamente'), h('p', {}, message(err))));
});
