// Importing a plan: pick a file, see what would be created (and the near copies of
// cross-cutting objectives) before anything is written; rolling a plan forward.
import * as api from './api.js';
import { formDialog } from './dialogs.js';
import { h, message, toast } from './format.js';

function previewBody(view) {
  const p = view.preview;
  const parts = [h('p', {}, 'File: ', h('strong', {}, view.file_name))];
  if (view.error) parts.push(h('div', { class: 'form-error', role: 'alert', id: 'import-error' }, view.error));
  if (view.problems && view.problems.length) parts.push(problemList(view.problems));
  if (p) {
    parts.push(h('ul', { id: 'import-summary' },
      h('li', {}, `${p.rows} righe, ${p.objectives} obiettivi di cui ${p.cross_cutting} trasversali`),
      p.timeliness ? h('li', {}, `${p.timeliness} ${p.timeliness === 1 ? 'obiettivo riconosciuto' : 'obiettivi riconosciuti'} dal testo come tempestività dei pagamenti (art. 4-bis DL 13/2023): saranno segnati, e la spunta si può cambiare nel piano.`) : null,
      h('li', {}, `Aree (${p.areas.length}): ${p.areas.join(', ')}`),
      h('li', {}, `Periodi: ${p.periods.join('; ')}`)));
    if (p.near_copies.length) {
      parts.push(h('div', { class: 'notice', id: 'near-copies' },
        h('p', {}, h('strong', {}, 'Da controllare: righe quasi uguali a un obiettivo trasversale.'), ' Di solito è un errore di copia e incolla: puoi unirle all\'obiettivo trasversale (il testo diventa quello condiviso) o tenerle separate.'),
        p.near_copies.map((n) => h('div', { class: 'field' },
          h('label', {}, h('input', { type: 'checkbox', name: `merge-${n.line}`, value: 'on', class: 'merge-near-copy' }), ' ', n.message, ' — unisci')))));
    }
  }
  return h('div', {}, parts);
}

/**
 * Every problem of a refused sheet: a list that scrolls with the keyboard (the region takes
 * focus), and a button that copies it, to send to whoever fills the sheet.
 */
export function problemList(problems) {
  const list = h('div', { class: 'problem-list', id: 'import-problems', role: 'region', tabindex: '0', 'aria-label': `Elenco dei problemi del foglio (${problems.length})` },
    h('ol', {}, problems.map((p) => h('li', {}, p))));
  const copy = async () => {
    const text = problems.join('\n');
    try {
      await navigator.clipboard.writeText(text);
      toast('Elenco dei problemi copiato.');
    } catch {
      // No clipboard for the page: select the list, Ctrl+C copies it.
      const range = document.createRange();
      range.selectNodeContents(list);
      const sel = window.getSelection();
      sel.removeAllRanges();
      sel.addRange(range);
      list.focus();
      toast('Elenco selezionato: premi Ctrl+C per copiarlo.');
    }
  };
  return h('div', { class: 'problems-box' },
    list,
    h('button', { type: 'button', class: 'btn', id: 'import-problems-copy', onclick: copy }, 'Copia l\'elenco'));
}

/** The whole import flow; resolves to the new plan's id or null. */
export async function importFlow() {
  let view;
  try {
    view = await api.chooseImportFile();
  } catch (err) {
    toast(message(err), { error: true, ms: 12000 });
    return null;
  }
  if (!view) return null;
  for (;;) {
    const fields = [];
    if (view.sheets.length > 1) {
      fields.push({ id: 'import-sheet', field: 'sheet', label: 'Foglio da importare', type: 'select', value: view.sheet ?? view.sheets[0], options: view.sheets.map((s) => [s, s]) });
    }
    if (!view.json) {
      fields.push({ id: 'import-entity', field: 'entity', label: 'Ente', value: '' });
      fields.push({ id: 'import-title', field: 'title', label: 'Titolo (vuoto: «PIANO OBIETTIVI» con gli anni)', value: '' });
    }
    let switchTo = null;
    const result = await formDialog({
      title: 'Importa un piano',
      intro: previewBody(view),
      fields,
      submitLabel: 'Importa',
      onSubmit: async (v, form) => {
        if (view.sheets.length > 1 && v['import-sheet'] !== (view.sheet ?? '')) {
          switchTo = v['import-sheet'];
          return 'switch';
        }
        if (view.error) throw { message: 'Il file ha un problema da correggere (vedi sopra): correggilo e importalo di nuovo, oppure scegli un altro foglio.' };
        const merge = [...form.querySelectorAll('.merge-near-copy')].filter((c) => c.checked).map((c) => Number(c.name.slice(6)));
        return api.confirmImport(view.sheet ?? null, v['import-entity'] ?? '', v['import-title'] ?? '', merge);
      },
    });
    if (result === 'switch') {
      view = await api.previewImportSheet(switchTo);
      continue;
    }
    if (result) toast('Piano importato.');
    return result;
  }
}

/** Rolls a plan forward: the new first year and where each old period goes. */
export async function rollFlow(plan) {
  const full = await api.planView(plan.id);
  const periods = full.plan.periods;
  const shift = 1;
  const rows = [{ id: 'roll-first', field: 'first_year', label: 'Primo anno del nuovo piano', value: plan.first_year + shift, inputmode: 'numeric' }];
  for (const p of periods) {
    rows.push([
      { id: `roll-from-${p.id}`, label: `${p.label}: dal`, value: p.first_year + shift, inputmode: 'numeric', hint: 'vuoto: non copiare' },
      { id: `roll-to-${p.id}`, label: 'al', value: p.last_year + shift, inputmode: 'numeric' },
    ]);
  }
  return formDialog({
    title: `Nuovo triennio da «${plan.title}»`,
    intro: h('p', {}, 'Si crea un nuovo piano con le stesse aree, obiettivi (anche trasversali) e pesi. Indica dove va ciascun periodo: il piano di partenza non cambia.'),
    rows,
    submitLabel: 'Crea il nuovo piano',
    onSubmit: (v) => {
      const first = Number(v['roll-first']);
      if (!Number.isInteger(first) || String(v['roll-first']).trim() === '') throw { field: 'first_year', message: 'Scrivi l\'anno in cifre, per esempio 2026.' };
      const mapping = periods.map((p) => {
        const a = String(v[`roll-from-${p.id}`]).trim();
        const b = String(v[`roll-to-${p.id}`]).trim() || a;
        return { old_period_id: p.id, new: a === '' ? null : { first_year: Number(a), last_year: Number(b) } };
      });
      return api.rollForward(plan.id, first, mapping);
    },
  });
}
