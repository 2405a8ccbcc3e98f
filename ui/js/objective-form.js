// The objective form (new or edit), with the period's total previewed as the weight is typed,
// and the dialog that places an objective in other areas (cross-cutting).
import * as api from './api.js';
import { formDialog } from './dialogs.js';
import { h, hundredths } from './format.js';

/** Rust's total of a cell (the view carries every cell's, and the rows of the shown area only). */
function cell(view, areaId, periodId) {
  return view.report.totals.find((c) => c.area_id === areaId && c.period_id === periodId);
}

/**
 * Opens the form. `row` is null for a new objective, else { placement, objective }.
 * `choices`: the DUP's operational objectives [[code, title]] (none: no DUP field).
 * `apply(view)` takes Rust's answer the moment it arrives; `share(view, placementId)` opens
 * the cross-cutting dialog for the saved row ("Salva e rendi trasversale…").
 * Resolves to the new plan view, or null if cancelled.
 */
export function objectiveForm(view, area, period, row, apply, share, choices = []) {
  const text = row ? row.objective.text : { service: '', kind: 'S', description: '', expected_result: '', indicator: '' };
  const shared = row ? (view.shared[row.objective.id] || 1) : 1;
  const timeliness = Boolean(row && row.objective.timeliness);
  const preview = h('div', { class: 'preview', id: 'weight-preview', 'aria-live': 'polite' });
  // Rust reads the weight and sums the period; the latest keystroke's answer wins.
  let asked = 0;
  const update = async (e) => {
    const typed = e ? e.target.value : (row ? hundredths(row.placement.weight) : '');
    const mine = ++asked;
    let answer;
    try {
      answer = await api.weightPreview(view.plan.plan.id, area.id, period.id, row ? row.placement.id : null, typed);
    } catch {
      return;
    }
    if (mine !== asked) return;
    preview.className = answer.ok === null ? 'preview' : (answer.ok ? 'preview ok' : 'preview bad');
    preview.textContent = answer.text;
  };
  // The DUP's operational objectives, when the plan has them: a search by code or words that
  // narrows the list, and the list itself (keyboard: type, Tab, arrows).
  const operational = choices.map(([code, title]) => ({ code, title }));
  const linked = row ? (row.objective.operational || '') : '';
  const choice = (g) => [g.code, `${g.code} – ${g.title}`];
  const dupRow = operational.length ? [
    { id: 'obj-dup-search', field: 'dup_search', label: 'Cerca obiettivo operativo', hint: 'Codice o parole del titolo', value: '', oninput: (e) => narrow(e.target.value) },
    { id: 'obj-operational', field: 'operational', label: 'Obiettivo operativo (DUP)', type: 'select', value: linked, options: [['', '— nessuno —'], ...operational.map(choice)] },
  ] : null;
  const narrow = (typed) => {
    const select = document.getElementById('f-obj-operational');
    if (!select) return;
    const words = typed.toLowerCase().split(/\s+/).filter(Boolean);
    const match = (g) => words.every((w) => `${g.code} ${g.title}`.toLowerCase().includes(w));
    const matching = operational.filter(match);
    // One match for what was typed is the choice (Enter then saves it); else the choice stays.
    const kept = words.length && matching.length === 1 ? matching[0].code : select.value;
    const options = [['', '— nessuno —'], ...operational.filter((g) => g.code === kept || match(g)).map(choice)];
    select.replaceChildren(...options.map(([value, label]) => h('option', { value, selected: value === kept }, label)));
    const found = matching.length;
    const hint = document.getElementById('f-obj-dup-search-hint');
    if (hint) hint.textContent = `Codice o parole del titolo: ${found === 1 ? '1 obiettivo operativo trovato' : `${found} obiettivi operativi trovati`}`;
  };
  const intro = shared > 1
    ? h('div', { class: 'notice' }, `Obiettivo trasversale: il testo è condiviso da ${shared} aree e periodi. Le modifiche al testo valgono ovunque; il peso vale solo per ${area.name}.`)
    : null;
  const form = formDialog({
    title: row ? `Modifica obiettivo – ${area.name}, ${period.label}` : `Nuovo obiettivo – ${area.name}, ${period.label}`,
    intro,
    rows: [
      [
        { id: 'obj-service', field: 'service', label: 'Servizio organizzativo', value: text.service },
        { id: 'obj-kind', field: 'kind', label: 'Tipologia', type: 'select', value: text.kind, options: [['S', 'S – sviluppo'], ['M', 'M – mantenimento']] },
        { id: 'obj-weight', field: 'weight', label: 'Peso (%)', required: true, value: row ? hundredths(row.placement.weight) : '', inputmode: 'decimal', hint: 'Da 0,01 a 100, es. 30 o 12,5', oninput: update, after: preview },
      ],
      { id: 'obj-description', field: 'description', label: 'Descrizione obiettivo', type: 'textarea', required: true, value: text.description },
      { id: 'obj-result', field: 'expected_result', label: 'Risultato atteso', type: 'textarea', required: true, value: text.expected_result },
      { id: 'obj-indicator', field: 'indicator', label: 'Indicatore di risultato', type: 'textarea', required: true, value: text.indicator },
      ...(dupRow ? [dupRow] : []),
      { id: 'obj-timeliness', field: 'timeliness', label: 'Obiettivo di tempestività dei pagamenti (art. 4-bis DL 13/2023, dal 2024 almeno 30%)', type: 'select', value: timeliness ? 'si' : 'no', options: [['no', 'No'], ['si', 'Sì']] },
    ],
    submitLabel: row ? 'Salva' : 'Aggiungi',
    also: {
      id: 'save-and-share',
      label: shared > 1 ? `${row ? 'Salva' : 'Aggiungi'} e aggiungi ad altre aree…` : `${row ? 'Salva' : 'Aggiungi'} e rendi trasversale…`,
      after: (saved) => {
        // The saved row: the same placement, or the new one at the end of the period.
        const cell = saved.plan.placements.filter((p) => p.area_id === area.id && p.period_id === period.id);
        const id = row ? row.placement.id : cell[cell.length - 1].id;
        share(saved, id);
      },
    },
    onSubmit: async (v) => {
      const input = { service: v['obj-service'], kind: v['obj-kind'], description: v['obj-description'], expected_result: v['obj-result'], indicator: v['obj-indicator'] };
      let saved = row
        ? await api.updatePlacement(view.plan.plan.id, row.placement.id, input, v['obj-weight'])
        : await api.addObjective(view.plan.plan.id, area.id, period.id, input, v['obj-weight']);
      const mark = v['obj-timeliness'] === 'si';
      if (mark !== timeliness) {
        const cell = saved.plan.placements.filter((p) => p.area_id === area.id && p.period_id === period.id);
        const id = row ? row.placement.id : cell[cell.length - 1].id;
        saved = await api.setObjectiveTimeliness(view.plan.plan.id, id, mark);
      }
      if (dupRow && (v['obj-operational'] || '') !== linked) {
        const cell = saved.plan.placements.filter((p) => p.area_id === area.id && p.period_id === period.id);
        const objective = row ? row.objective.id : cell[cell.length - 1].objective_id;
        saved = await api.linkOperational(view.plan.plan.id, [objective], v['obj-operational'] || '', area.id);
      }
      return apply(saved);
    },
  });
  update(null);
  return form;
}

/** Places an objective in other areas, each with its own weight. Resolves to the new view. */
export function crossCuttingForm(view, row, period, apply) {
  const planId = view.plan.plan.id;
  const placedIn = new Set(view.plan.placements.filter((p) => p.objective_id === row.objective.id && p.period_id === period.id).map((p) => p.area_id));
  const candidates = view.plan.areas.filter((a) => !placedIn.has(a.id));
  const lines = candidates.map((a) => {
    const t = cell(view, a.id, period.id);
    return h('tr', { class: 'field', dataset: { field: `w-${a.id}` } },
      h('td', {}, h('input', { type: 'checkbox', id: `place-${a.id}`, name: `place-${a.id}`, value: 'on' })),
      h('td', {}, h('label', { for: `place-${a.id}` }, a.name), h('div', { class: 'hint' }, `${period.label}: ora ${t ? t.badge : ''}`)),
      h('td', {}, h('label', { for: `w-${a.id}`, class: 'skip-link' }, `Peso per ${a.name}`),
        h('input', { type: 'text', id: `w-${a.id}`, name: `w-${a.id}`, value: t ? t.room : '', inputmode: 'decimal', 'aria-label': `Peso per ${a.name}` }),
        h('div', { class: 'error', role: 'alert' })));
  });
  const table = candidates.length
    ? h('table', { class: 'place-table' }, h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Includi'), h('th', { scope: 'col' }, 'Area'), h('th', { scope: 'col' }, 'Peso (%)'))), h('tbody', {}, lines))
    : h('p', {}, 'L\'obiettivo è già presente in tutte le aree per questo periodo.');
  return formDialog({
    title: 'Obiettivo trasversale: aggiungi ad altre aree',
    intro: h('div', {}, h('p', {}, `«${row.objective.text.description}» sarà un unico obiettivo condiviso: il testo resta uno solo, il peso è di ciascuna area (${period.label}).`), table),
    fields: [],
    submitLabel: 'Aggiungi alle aree scelte',
    onSubmit: async (v) => {
      const chosen = candidates.filter((a) => v[`place-${a.id}`] === 'on');
      if (chosen.length === 0) throw { message: 'Scegli almeno un\'area.' };
      return apply(await api.placeObjectiveMany(planId, row.objective.id, period.id, chosen.map((a) => [a.id, v[`w-${a.id}`]])));
    },
  });
}
