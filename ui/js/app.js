// Start-up and navigation between the plan list and the editor; the top bar and shortcuts.
import * as api from './api.js';
import { dialogOpen, infoDialog } from './dialogs.js';
import { Editor } from './editor.js';
import { h, message, toast } from './format.js';
import { renderPlans } from './plans.js';
import { ResultsView } from './results.js';

const main = document.getElementById('main');

const app = {
  editor: null,
  results: null,
  async showPlans() {
    this.editor = null;
    this.results = null;
    localStorage.removeItem('last-plan');
    document.getElementById('topbar-plan').hidden = true;
    document.title = 'Piano Obiettivi';
    await renderPlans(this, main);
  },
  async openPlan(id) {
    this.results = null;
    this.editor = new Editor(this, main, id);
    try {
      await this.editor.load();
      localStorage.setItem('last-plan', String(id));
    } catch {
      this.showPlans();
    }
  },
  /** The year's results of the plan (its latest approved version), beside the editor. */
  async showResults(planId) {
    this.editor = null;
    this.results = new ResultsView(this, main, planId);
    await this.results.load();
  },
};

function menuToggle(open) {
  const button = document.getElementById('plan-menu-button');
  const list = document.getElementById('plan-menu');
  list.hidden = !open;
  button.setAttribute('aria-expanded', String(open));
  if (open) list.querySelector('li:not([hidden]) button').focus();
}

function wireTopbar() {
  document.getElementById('back-to-plans').addEventListener('click', () => app.showPlans());
  document.getElementById('about-button').addEventListener('click', showAbout);
  document.getElementById('problems-button').addEventListener('click', () => app.editor && app.editor.showProblems());
  document.getElementById('print-button').addEventListener('click', () => app.editor && app.editor.print());
  document.getElementById('plan-menu-button').addEventListener('click', () => menuToggle(document.getElementById('plan-menu').hidden));
  const list = document.getElementById('plan-menu');
  list.addEventListener('click', (e) => {
    const action = e.target.closest('button')?.dataset.action;
    if (action && app.editor) { menuToggle(false); app.editor.menu(action); }
  });
  list.addEventListener('keydown', (e) => {
    const items = [...list.querySelectorAll('li:not([hidden]) button')];
    const i = items.indexOf(document.activeElement);
    if (e.key === 'Escape') { menuToggle(false); document.getElementById('plan-menu-button').focus(); }
    if (e.key === 'ArrowDown') { e.preventDefault(); items[(i + 1) % items.length].focus(); }
    if (e.key === 'ArrowUp') { e.preventDefault(); items[(i - 1 + items.length) % items.length].focus(); }
  });
  document.addEventListener('click', (e) => { if (!e.target.closest('.menu')) menuToggle(false); });
  document.addEventListener('keydown', (e) => {
    if (app.results && !dialogOpen() && (e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'p') { e.preventDefault(); app.results.print('pdf'); }
    if (!app.editor || dialogOpen()) return;
    if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'p') { e.preventDefault(); app.editor.print(); }
    if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'n') { e.preventDefault(); app.editor.newObjective(); }
  });
}

/** Version, where the database is, licences: what a help desk asks first. */
async function showAbout() {
  const info = await api.appInfo();
  infoDialog('Informazioni su Piano Obiettivi', h('div', { id: 'about' },
    h('dl', { class: 'about-list' },
      h('dt', {}, 'Versione'), h('dd', { id: 'about-version' }, info.version),
      h('dt', {}, 'Database'), h('dd', { id: 'about-db' }, info.db_path),
      h('dt', {}, 'Riga di comando'), h('dd', {}, '«piano --help» nella cartella del programma (su Windows: menu Start, «Piano Obiettivi – riga di comando»).')),
    h('p', {}, 'I piani sono salvati nel database indicato: per spostarli su un altro computer usa «Altro → Copia di sicurezza di tutti i piani».'),
    h('p', {}, 'Licenze: il programma è distribuito con licenza MIT; il carattere Titillium Web con licenza SIL Open Font License 1.1.')));
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
      h('p', {}, 'Il file non è stato modificato. Chiudi il programma e avvialo con un altro file (--db FILE), oppure ripristina una copia di sicurezza con «piano restore FILE».')));
    return;
  }
  const last = Number(localStorage.getItem('last-plan'));
  if (last) await app.openPlan(last);
  else await app.showPlans();
}

start().catch((err) => {
  main.replaceChildren(h('section', { class: 'fatal', role: 'alert' }, h('h2', {}, 'Il programma non è partito correttamente'), h('p', {}, message(err))));
});
