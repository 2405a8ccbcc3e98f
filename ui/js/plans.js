// The plan list, and the welcome on an empty database.
import * as api from './api.js';
import { confirmDialog, formDialog } from './dialogs.js';
import { h, message, toast } from './format.js';
import { importFlow, rollFlow } from './import.js';

const PERIOD_SHAPES = [
  ['split', 'Primo anno da solo, poi gli altri insieme (es. ANNO 2020; ANNO 2021 E 2022)'],
  ['yearly', 'Un periodo per ogni anno'],
  ['single', 'Un solo periodo per tutti gli anni'],
];

function periodsFor(shape, first, last) {
  if (shape === 'single' || first === last) return [{ first_year: first, last_year: last }];
  if (shape === 'yearly') return Array.from({ length: last - first + 1 }, (_, i) => ({ first_year: first + i, last_year: first + i }));
  return [{ first_year: first, last_year: first }, { first_year: first + 1, last_year: last }];
}

function year(value, field) {
  const n = Number(String(value).trim());
  if (!Number.isInteger(n) || String(value).trim() === '') {
    throw { field, message: 'Scrivi l\'anno in cifre, per esempio 2025.' };
  }
  return n;
}

/** The form to create a plan (plan = null) or edit one. Resolves to the plan id or null. */
export function planForm(plan = null, onView = null) {
  const thisYear = new Date().getFullYear() + 1;
  const first = plan ? plan.first_year : thisYear;
  const last = plan ? plan.last_year : thisYear + 2;
  const fields = [
    { id: 'entity', label: 'Ente', value: plan?.entity ?? '', hint: 'Per esempio: Unione dei Comuni «Terre di Castelli»' },
    { id: 'title', label: 'Titolo', required: true, value: plan?.title ?? `PIANO OBIETTIVI ${first}-${last}` },
    [
      { id: 'first_year', label: 'Primo anno', required: true, value: first, inputmode: 'numeric' },
      { id: 'last_year', label: 'Ultimo anno', required: true, value: last, inputmode: 'numeric' },
    ],
    { id: 'approval', label: 'Estremi di approvazione (facoltativo)', value: plan?.approval ?? '', hint: 'Stampato sotto il titolo, es. «Allegato A alla deliberazione della Giunta n. 12 del 30/01/2025»' },
  ];
  if (!plan) {
    fields.push({ id: 'periods', label: 'Periodi del piano', type: 'select', value: 'split', options: PERIOD_SHAPES });
    // While the title is the suggested one, it follows the years typed.
    const follow = () => {
      const t = document.getElementById('f-title');
      const a = document.getElementById('f-first_year').value.trim();
      const b = document.getElementById('f-last_year').value.trim();
      if (t && /^PIANO OBIETTIVI \d{0,4}-\d{0,4}$/.test(t.value)) t.value = `PIANO OBIETTIVI ${a}-${b}`;
    };
    fields[2][0].oninput = follow;
    fields[2][1].oninput = follow;
  }
  return formDialog({
    title: plan ? 'Modifica i dati del piano' : 'Nuovo piano',
    rows: fields,
    submitLabel: plan ? 'Salva' : 'Crea il piano',
    onSubmit: async (v) => {
      const input = { entity: v.entity, title: v.title, first_year: year(v.first_year, 'first_year'), last_year: year(v.last_year, 'last_year'), approval: v.approval };
      if (plan) {
        const view = await api.updatePlan(plan.id, input);
        if (onView) onView(view);
        return plan.id;
      }
      return api.createPlan(input, periodsFor(v.periods, input.first_year, input.last_year).filter((p) => p.first_year <= p.last_year));
    },
  });
}

function welcome(app) {
  const choice = (button, when) => h('li', { class: 'welcome-choice' }, button, h('p', {}, when));
  return h('section', { class: 'welcome', id: 'welcome', 'aria-labelledby': 'welcome-title' },
    h('h2', { id: 'welcome-title' }, 'Benvenuto in Piano Obiettivi'),
    h('p', {}, 'Qui componi il piano degli obiettivi dell\'ente, area per area, con i pesi controllati mentre scrivi.'),
    h('p', {}, 'Stampi l\'allegato per la Giunta, poi segui l\'anno: monitoraggio, risultati, Relazione e valutazione dei responsabili.'),
    h('p', {}, 'Tutto resta su questo computer, con copie automatiche ogni giorno. Premi F1 per la guida.'),
    h('ul', { class: 'welcome-choices' },
      choice(h('button', { type: 'button', class: 'btn primary', id: 'new-plan', onclick: () => create(app) }, 'Nuovo piano'),
        'Quando parti da zero: scrivi ente, titolo e anni, poi aree e obiettivi.'),
      choice(h('button', { type: 'button', class: 'btn', id: 'import-csv', onclick: () => importSheet(app) }, 'Importa il foglio che usate oggi'),
        'Quando il piano sta già in Excel, ODS o CSV: le colonne dell\'allegato vengono riconosciute e controllate prima di salvare.'),
      choice(h('button', { type: 'button', class: 'btn', id: 'demo', onclick: () => demo(app) }, 'Apri il piano di esempio'),
        'Per vedere come funziona su un piano vero (2020-2022, cinque aree), prima di mettere mano al vostro.')));
}

async function create(app) {
  const id = await planForm();
  if (id) app.openPlan(id);
}

async function demo(app) {
  try {
    app.openPlan(await api.loadDemo());
  } catch (err) {
    toast(message(err), { error: true });
  }
}

async function importSheet(app) {
  const id = await importFlow();
  if (id) app.openPlan(id);
}

export async function renderPlans(app, main) {
  const plans = await api.listPlans();
  if (plans.length === 0) {
    main.replaceChildren(welcome(app));
    main.querySelector('#new-plan').focus();
    return;
  }
  const rows = plans.map((p) => h('tr', { dataset: { planId: p.id } },
    h('td', {}, h('strong', {}, p.title), h('div', { class: `hint version-state${p.approved ? ' approved' : ''}` }, p.version_label)),
    h('td', {}, p.entity || '—'),
    h('td', {}, `${p.first_year}–${p.last_year}`),
    h('td', { class: 'num' }, p.areas),
    h('td', { class: 'num' }, p.objectives),
    h('td', {}, p.updated_at.replace(/^(\d{4})-(\d{2})-(\d{2})T(\d{2}:\d{2}).*$/, '$3/$2/$1 $4')),
    h('td', {}, h('div', { class: 'row-actions' },
      h('button', { type: 'button', class: 'btn small primary open-plan', onclick: () => app.enterPlan(p.id), 'aria-label': `Apri ${p.title}`, title: 'Apre il ciclo dell\'anno del piano: cosa è fatto, cosa scade' }, 'Apri'),
      h('button', { type: 'button', class: 'btn small', 'aria-label': `Modifica ${p.title}`, disabled: p.approved, title: p.approved ? 'Versione approvata: per cambiarla avvia una variazione' : null, onclick: async () => { if (await planForm(p)) renderPlans(app, main); } }, 'Modifica'),
      h('button', { type: 'button', class: 'btn small', 'aria-label': `Duplica ${p.title}`, onclick: async () => {
        try { await api.duplicatePlan(p.id); toast('Piano duplicato.'); renderPlans(app, main); } catch (err) { toast(message(err), { error: true }); }
      } }, 'Duplica'),
      h('button', { type: 'button', class: 'btn small roll-plan', 'aria-label': `Nuovo triennio da ${p.title}`, onclick: async () => {
        const id = await rollFlow(p);
        if (id) { toast('Nuovo piano creato.'); renderPlans(app, main); }
      } }, 'Nuovo triennio'),
      h('button', { type: 'button', class: 'btn small danger', 'aria-label': `Elimina ${p.title}`, onclick: async () => {
        const ok = await confirmDialog('Eliminare il piano?', `«${p.title}» e tutti i suoi obiettivi saranno eliminati. L'operazione non si può annullare.`, 'Elimina il piano');
        if (!ok) return;
        try { await api.deletePlan(p.id); toast('Piano eliminato.'); renderPlans(app, main); } catch (err) { toast(message(err), { error: true }); }
      } }, 'Elimina')))));
  main.replaceChildren(
    h('h2', {}, 'I tuoi piani'),
    h('div', { class: 'actions' },
      h('button', { type: 'button', class: 'btn primary', id: 'new-plan', onclick: () => create(app) }, 'Nuovo piano'),
      h('button', { type: 'button', class: 'btn', id: 'import-csv', onclick: () => importSheet(app) }, 'Importa (CSV, Excel, ODS, copia)'),
      h('button', { type: 'button', class: 'btn', id: 'demo', onclick: () => demo(app) }, 'Carica il piano di esempio')),
    h('table', { class: 'plans', id: 'plans' },
      h('caption', { class: 'skip-link' }, 'Elenco dei piani'),
      h('thead', {}, h('tr', {}, ['Titolo', 'Ente', 'Anni', 'Aree', 'Obiettivi', 'Ultima modifica', 'Azioni'].map((t) => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, rows)));
  const open = main.querySelector('.open-plan');
  if (open) open.focus();
}
