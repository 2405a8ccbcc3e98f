// Measurable objectives: the indicators dialog of one objective (its indicators with their
// targets, the targets its expected result states, proposed to accept) and the plan-wide
// list of proposals. Rust checks every value and answers with the plan view.
import * as api from './api.js';
import { closeDialog, formDialog, infoDialog } from './dialogs.js';
import { h, message, toast } from './format.js';

export const KINDS = [
  ['numero', 'numero'],
  ['percentuale', 'percentuale'],
  ['giorni', 'giorni'],
  ['scadenza', 'scadenza (data)'],
  ['sì/no', 'sì/no'],
  ['rapporto', 'rapporto (A/B)'],
];

/** The form of one indicator: new (`row` null) or to edit. */
function indicatorForm(planId, objectiveId, years, row, applier) {
  const v = row ? row.input : { kind: 'numero', unit: '', direction: 'crescente', baseline: '', baseline_year: '', targets: [], source: '', weight: '' };
  const target = (y) => (v.targets.find((t) => t.year === y) || { value: '' }).value;
  return formDialog({
    title: row ? 'Modifica indicatore' : 'Nuovo indicatore',
    intro: h('p', { class: 'hint' }, 'Il target di ogni anno è il valore con cui si misura il raggiungimento: una scadenza come 31/12/2024, un numero come 3, sì o no. Lascia vuoti gli anni senza target.'),
    rows: [
      [
        { id: 'ind-kind', field: 'kind', label: 'Tipo', type: 'select', value: v.kind, options: KINDS },
        { id: 'ind-direction', field: 'direction', label: 'Verso', type: 'select', value: v.direction || 'crescente', options: [['crescente', 'crescente (più è meglio)'], ['decrescente', 'decrescente (meno è meglio)']], hint: 'Non conta per scadenze e sì/no.' },
      ],
      [
        { id: 'ind-unit', field: 'unit', label: 'Unità di misura', value: v.unit, hint: 'Es. atti di liquidazione; per un rapporto i nomi di A e B: pratiche evase / pratiche ricevute' },
        { id: 'ind-source', field: 'source', label: 'Fonte del dato', value: v.source },
      ],
      [
        { id: 'ind-baseline', field: 'baseline', label: 'Valore di partenza', value: v.baseline },
        { id: 'ind-baseline-year', field: 'baseline_year', label: 'Anno di partenza', value: v.baseline_year, inputmode: 'numeric' },
        { id: 'ind-weight', field: 'weight', label: 'Peso nell\'obiettivo', value: v.weight, inputmode: 'decimal', hint: 'Vuoto: pesi uguali' },
      ],
      years.map((y) => ({ id: `ind-target-${y}`, field: 'targets', label: `Target ${y}`, value: target(y) })),
    ],
    submitLabel: row ? 'Salva' : 'Aggiungi',
    onSubmit: async (f) => {
      const input = {
        kind: f['ind-kind'],
        unit: f['ind-unit'],
        direction: f['ind-direction'],
        baseline: f['ind-baseline'],
        baseline_year: f['ind-baseline-year'],
        targets: years.map((y) => ({ year: y, value: f[`ind-target-${y}`] || '' })),
        source: f['ind-source'],
        weight: f['ind-weight'],
      };
      const view = row
        ? await api.updateIndicator(planId, row.id, input)
        : await api.addIndicator(planId, objectiveId, input);
      applier(view);
      return view;
    },
  });
}

/** The dialog of one objective's indicators; reopens itself after each change. */
export async function indicatorsDialog(planId, objectiveId, applier) {
  let data;
  try {
    data = await api.objectiveIndicators(planId, objectiveId);
  } catch (err) {
    toast(message(err), { error: true });
    return;
  }
  const again = () => indicatorsDialog(planId, objectiveId, applier);
  const act = (fn) => async () => {
    closeDialog();
    try {
      await fn();
    } catch (err) {
      toast(message(err), { error: true, ms: 10000 });
    }
    again();
  };
  const frozen = data.frozen;
  const list = data.indicators.length
    ? h('ul', { class: 'indicator-list', id: 'indicator-list' }, data.indicators.map((r, n) => h('li', { dataset: { indicatorId: r.id } },
      h('span', { class: 'summary' }, r.summary),
      r.input.source ? h('span', { class: 'hint' }, ` – fonte: ${r.input.source}`) : null,
      frozen ? null : h('span', { class: 'item-actions' },
        h('button', { type: 'button', class: 'btn small edit-indicator', 'aria-label': `Modifica indicatore ${n + 1}: ${r.summary}`, onclick: act(() => indicatorForm(planId, objectiveId, data.years, r, applier)) }, 'Modifica'),
        h('button', { type: 'button', class: 'btn small danger delete-indicator', 'aria-label': `Elimina indicatore ${n + 1}: ${r.summary}`, onclick: act(async () => { applier(await api.deleteIndicator(planId, r.id)); toast('Indicatore eliminato.'); return true; }) }, 'Elimina')))))
    : h('p', { class: 'empty' }, 'Nessun indicatore misurabile: il raggiungimento si indica a mano a fine anno.');
  const proposals = data.proposals.length && !frozen
    ? h('section', { class: 'proposals', 'aria-labelledby': 'proposals-title' },
      h('h3', { id: 'proposals-title' }, 'Target letti dal risultato atteso'),
      h('p', { class: 'hint' }, `«${data.expected_result}»`),
      h('ul', { id: 'proposal-list' }, data.proposals.map((p) => h('li', {},
        h('span', { class: 'summary' }, p.summary),
        h('span', { class: 'hint' }, ` – dal testo «${p.words}»`),
        h('button', { type: 'button', class: 'btn small accept-proposal', 'aria-label': `Accetta: ${p.summary}`, onclick: act(async () => { applier(await api.acceptProposals(planId, objectiveId, p.index)); toast('Indicatore aggiunto.'); return true; }) }, 'Accetta')))),
      data.proposals.length > 1 ? h('button', { type: 'button', class: 'btn', id: 'accept-objective-proposals', onclick: act(async () => { applier(await api.acceptProposals(planId, objectiveId, null)); toast(`${data.proposals.length} indicatori aggiunti.`); return true; }) }, 'Accetta tutti') : null)
    : null;
  const add = frozen ? h('p', { class: 'hint' }, 'La versione è approvata: gli indicatori non si modificano più (si cambiano con una variazione).')
    : h('button', { type: 'button', class: 'btn primary', id: 'add-indicator', onclick: act(() => indicatorForm(planId, objectiveId, data.years, null, applier)) }, '+ Nuovo indicatore');
  await infoDialog(`Indicatori e target: ${data.description.length > 70 ? `${data.description.slice(0, 70)}…` : data.description}`, h('div', { class: 'indicators-dialog' }, list, add, proposals));
}

/** Every objective's proposals, with one button that accepts them all. */
export async function proposalsDialog(planId, applier) {
  let found;
  try {
    found = await api.planProposals(planId);
  } catch (err) {
    toast(message(err), { error: true });
    return;
  }
  if (!found.length) {
    await infoDialog('Target proposti dal testo', h('p', {}, 'Nessun target da proporre. Si cercano nel risultato atteso (e, se questo non ne dichiara, nell\'indicatore di risultato): scadenze («entro il 31.12.2024», «entro 31.10»), quantità («almeno 3 atti», «≥ 4 incontri», «due monitoraggi»), percentuali («almeno il 70%», «> 75%», «non superiore al 40%»), limiti («< 1000 euro pro capite», «nessuna sanzione») e giorni («entro 30 giorni»); una data fuori dagli anni dell\'obiettivo non è una scadenza. Gli obiettivi che hanno già l\'indicatore corrispondente non sono riproposti.'));
    return;
  }
  const count = found.reduce((n, o) => n + o.proposals.length, 0);
  await formDialog({
    title: 'Target proposti dal testo',
    intro: h('div', {},
      h('p', {}, `Nei risultati attesi ci sono ${count} target per ${found.length} obiettivi: scadenze, quantità minime, percentuali e durate massime. Accettandoli diventano indicatori misurabili; si possono poi modificare o eliminare dall'obiettivo.`),
      h('ul', { class: 'proposal-overview', id: 'plan-proposal-list', tabindex: '0', 'aria-label': 'Target proposti, per obiettivo' }, found.map((o) => h('li', {},
        h('strong', {}, o.description.length > 90 ? `${o.description.slice(0, 90)}…` : o.description),
        h('span', { class: 'hint' }, ` – ${o.areas}, ${o.years}`),
        h('ul', {}, o.proposals.map((p) => h('li', {}, `${p.summary} (dal testo «${p.words}»)`))))))),
    fields: [],
    submitLabel: `Accetta tutti (${count})`,
    onSubmit: async () => {
      applier(await api.acceptProposals(planId, null, null));
      toast(`${count} indicatori aggiunti dai target proposti.`);
      return true;
    },
  });
}
