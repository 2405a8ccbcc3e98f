// «Documenti»: the drafts of the PIAO's subsection 2.2 and of the Relazione sulla performance
// (Word to finish, PDF/A to read), and the charts of the results and monitoring views.

import * as api from './api.js';
import { formDialog, infoDialog } from './dialogs.js';
import { h, message, toast } from './format.js';

const FORMATS = [['docx', 'Word (DOCX), da completare con Word o Writer'], ['pdf', 'PDF/A, da leggere o inviare']];

/** A draft saved: where, with «Apri». */
function saved(path) {
  if (path) toast(`Bozza salvata in ${path}. Le parti da scrivere sono segnate «[Da completare: …]».`, { ms: 10000, action: { label: 'Apri', run: () => api.openFile(path).catch((err) => toast(message(err), { error: true })) } });
}

/** The PIAO's subsection 2.2: asks the format, then where. */
export function piaoDraftDialog(planId) {
  return formDialog({
    title: 'Bozza PIAO – sottosezione Performance',
    intro: h('p', {}, 'Per area il responsabile e gli obiettivi con tipo, peso, indicatori, valore di partenza e target per anno; gli obiettivi trasversali una volta; la tempestività dei pagamenti; l\'albero del DUP se c\'è.'),
    fields: [{ id: 'draft-format', field: 'format', label: 'Formato', type: 'select', value: 'docx', options: FORMATS }],
    submitLabel: 'Salva la bozza…',
    onSubmit: async (v) => saved(await api.saveDraft(planId, 'piao', null, v['draft-format'])),
  });
}

/** The Relazione of a year: asks the year and the format, then where. */
export function relazioneDraftDialog(planId, years) {
  const now = new Date().getFullYear();
  const value = years.includes(now - 1) ? now - 1 : years[0];
  return formDialog({
    title: 'Bozza Relazione sulla performance',
    intro: h('p', {}, 'Sintesi con i punteggi delle aree e le fasce, risultati per area, variazioni dell\'anno, semafori del monitoraggio e tabella aggregata della valutazione, con i grafici.'),
    fields: [
      { id: 'draft-year', field: 'year', label: 'Anno', type: 'select', value, options: years.map((y) => [y, String(y)]) },
      { id: 'draft-format', field: 'format', label: 'Formato', type: 'select', value: 'docx', options: FORMATS },
    ],
    submitLabel: 'Salva la bozza…',
    onSubmit: async (v) => saved(await api.saveDraft(planId, 'relazione', Number(v['draft-year']), v['draft-format'])),
  });
}

/** A chart from Rust's SVG, in a figure whose caption is its text alternative. */
export function chartFigure(chart, id) {
  const svg = new DOMParser().parseFromString(chart.svg, 'image/svg+xml').documentElement;
  const figure = h('figure', { class: 'chart', id });
  figure.append(document.importNode(svg, true), h('figcaption', {}, chart.alt));
  return figure;
}

/** The year's charts of the results, in a dialog. */
export async function resultsChartsDialog(planId, year) {
  try {
    const charts = await api.resultsCharts(planId, year);
    await infoDialog(`Grafici dei risultati ${year}`, h('div', { class: 'charts' }, charts.map((c, i) => chartFigure(c, `chart-results-${i}`))));
  } catch (err) {
    toast(message(err), { error: true });
  }
}

/** The monitoring lights of the year, in a dialog. */
export async function monitoringChartDialog(planId, year) {
  try {
    const chart = await api.monitoringChart(planId, year);
    await infoDialog(`Semafori del monitoraggio ${year}`, h('div', { class: 'charts' }, chartFigure(chart, 'chart-lights')));
  } catch (err) {
    toast(message(err), { error: true });
  }
}
