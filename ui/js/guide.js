// The officer's guide inside the app: the chapters of ui/guida/ (rendered by the core),
// searchable, opened with F1 or «Guida» at the chapter of the screen or dialog in front.
// tests/guide.rs checks that every screen (`app.screen`) and every dialog title of ui/js is
// mapped here to a chapter that exists, and that every link of the guide resolves.

import * as api from './api.js';
import { h } from './format.js';

/**
 * The chapter of each dialog, by the start of its title (the first that matches wins).
 * A dialog not listed is explained in its screen's chapter; the test wants every one listed.
 */
export const DIALOGS = [
  ['Informazioni su Piano Obiettivi', 'copie'],
  ['Ripristinare la copia del', 'copie'],
  ['Copie automatiche', 'copie'],
  ['Ripristinare una copia di sicurezza?', 'copie'],
  ['Bozza PIAO', 'documenti'],
  ['Bozza Relazione', 'documenti'],
  ['Grafici dei risultati', 'risultati'],
  ['Semafori del monitoraggio', 'monitoraggio'],
  ['Scadenze', 'ciclo'],
  ['Scadenza: ', 'ciclo'],
  ['Adozione del PIAO', 'ciclo'],
  ['Determina di liquidazione', 'ciclo'],
  ['Modifica area', 'editor'],
  ['Nuova area', 'editor'],
  ['Eliminare l\'area?', 'editor'],
  ['Obiettivo: ', 'editor'],
  ['Sposta obiettivo', 'editor'],
  ['Aggiungi un periodo', 'editor'],
  ['Eliminare il periodo?', 'editor'],
  ['Controllo dei pesi', 'pesi'],
  ['Il piano non è ancora valido', 'pesi'],
  ['Nuova variazione', 'approvazione'],
  ['Il piano non si può ancora approvare', 'approvazione'],
  ['Approva questa versione', 'approvazione'],
  ['Annullare l\'approvazione?', 'approvazione'],
  ['Versioni del piano', 'approvazione'],
  ['Aggiorna il piano da un foglio', 'import'],
  ['Importa un piano', 'import'],
  ['Nuovo triennio da', 'inizio'],
  ['Modifica i dati del piano', 'inizio'],
  ['Nuovo piano', 'inizio'],
  ['Eliminare il piano?', 'inizio'],
  ['Indicatore di ritardo annuale', 'valutazione'],
  ['Regole della valutazione', 'valutazione'],
  ['Valutazione definitiva', 'valutazione'],
  ['Annullare la valutazione definitiva?', 'valutazione'],
  ['Il foglio non è stato importato', 'fogli'],
  ['Modifica indicatore', 'indicatori'],
  ['Nuovo indicatore', 'indicatori'],
  ['Indicatori e target', 'indicatori'],
  ['Target proposti dal testo', 'indicatori'],
  ['Nuova data di monitoraggio', 'monitoraggio'],
  ['Eliminare il monitoraggio al', 'monitoraggio'],
  ['Soglie dello stato proposto', 'monitoraggio'],
  ['Modifica obiettivo', 'obiettivo'],
  ['Nuovo obiettivo', 'obiettivo'],
  ['Obiettivo trasversale', 'obiettivo'],
  ['Togliere l\'obiettivo prerequisito?', 'risultati'],
  ['Fasce e obiettivi prerequisito', 'risultati'],
  ['Approva la Relazione', 'risultati'],
  ['Validazione della Relazione', 'risultati'],
  ['Annullare la validazione del Nucleo?', 'risultati'],
  ['Annullare l\'approvazione della Relazione?', 'risultati'],
];

let chapters = null;

/** The chapter for what is in front: the open dialog's, or the screen's. */
export function currentChapter(screen) {
  const open = [...document.querySelectorAll('dialog.modal[open]')].pop();
  const title = open?.querySelector('h2')?.textContent?.trim();
  if (title) {
    const hit = DIALOGS.find(([start]) => title.startsWith(start));
    if (hit) return hit[1];
  }
  return screen || 'inizio';
}

/** Lower case, without accents: «Pàgina» finds «pagina». */
function fold(s) {
  return s.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '');
}

/** The guide, at `chapter`, in its own dialog over whatever is open. */
export async function openGuide(chapter) {
  if (!chapters) chapters = await api.guide();
  document.getElementById('guide-dialog')?.close();
  const d = h('dialog', { id: 'guide-dialog', class: 'guide-dialog', 'aria-labelledby': 'guide-title' });
  const article = h('article', { id: 'guide-chapter', class: 'guide-chapter', tabindex: '-1', 'aria-live': 'polite' });
  const list = h('ul', { class: 'guide-toc' });
  const results = h('p', { id: 'guide-results', class: 'hint', role: 'status' });
  const show = (id, focus = true) => {
    const c = chapters.find((x) => x.id === id) || chapters[0];
    // The core's HTML, from the Markdown of ui/guida/ (no raw HTML in it: tests/guide.rs),
    // parsed inert (no script runs in a parsed document) and moved in.
    const parsed = new DOMParser().parseFromString(c.html, 'text/html');
    article.replaceChildren(...[...parsed.body.childNodes].map((n) => document.importNode(n, true)));
    article.dataset.chapter = c.id;
    for (const b of list.querySelectorAll('button')) b.setAttribute('aria-current', String(b.dataset.chapter === c.id));
    if (focus) article.focus();
  };
  const fill = (ids) => {
    list.replaceChildren(...chapters.filter((c) => !ids || ids.includes(c.id)).map((c) =>
      h('li', {}, h('button', { type: 'button', class: 'guide-link', dataset: { chapter: c.id }, onclick: () => show(c.id) }, c.title))));
  };
  const search = h('input', { id: 'guide-search', type: 'search', autocomplete: 'off', 'aria-describedby': 'guide-results' });
  search.addEventListener('input', () => {
    const q = fold(search.value.trim());
    if (!q) { fill(null); results.textContent = ''; return; }
    const ids = chapters.filter((c) => fold(`${c.title} ${c.text}`).includes(q)).map((c) => c.id);
    fill(ids);
    results.textContent = ids.length === 0 ? 'Nessun capitolo contiene queste parole.' : ids.length === 1 ? '1 capitolo trovato' : `${ids.length} capitoli trovati`;
  });
  article.addEventListener('click', (e) => {
    const a = e.target.closest('a[href^="#"]');
    if (a) { e.preventDefault(); show(a.getAttribute('href').slice(1)); }
  });
  const close = h('button', { type: 'button', class: 'btn primary', id: 'guide-close', onclick: () => d.close() }, 'Chiudi');
  d.append(
    h('div', { class: 'guide-head' },
      h('h2', { id: 'guide-title' }, 'Guida'),
      h('label', { for: 'guide-search' }, 'Cerca nella guida'), search, results),
    h('div', { class: 'guide-body' }, h('nav', { 'aria-label': 'Capitoli della guida' }, list), article),
    h('div', { class: 'dialog-actions' }, close));
  d.addEventListener('close', () => d.remove());
  document.body.append(d);
  fill(null);
  d.showModal();
  show(chapter);
}
