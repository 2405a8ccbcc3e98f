// One modal <dialog> for every form: labelled fields, Enter saves, Esc closes, errors from
// Rust appear under the field they concern.
import { h, message } from './format.js';

const dialog = () => document.getElementById('dialog');

function field(spec) {
  const id = `f-${spec.id}`;
  const errorId = `${id}-error`;
  const common = { id, name: spec.id, 'aria-describedby': spec.hint ? `${id}-hint ${errorId}` : errorId, required: spec.required };
  let control;
  if (spec.type === 'textarea') {
    control = h('textarea', { ...common, rows: spec.rows || 3 }, spec.value ?? '');
  } else if (spec.type === 'select') {
    control = h('select', common, spec.options.map(([value, label]) => h('option', { value, selected: String(value) === String(spec.value) }, label)));
  } else {
    control = h('input', { ...common, type: spec.type || 'text', value: spec.value ?? '', inputmode: spec.inputmode, autocomplete: 'off', min: spec.min, max: spec.max });
  }
  if (spec.oninput) control.addEventListener('input', spec.oninput);
  return h('div', { class: 'field', dataset: { field: spec.field || spec.id } },
    h('label', { for: id }, spec.label, spec.required ? h('span', { 'aria-hidden': 'true' }, ' *') : null),
    spec.hint ? h('div', { class: 'hint', id: `${id}-hint` }, spec.hint) : null,
    control,
    spec.after || null,
    h('div', { class: 'error', id: errorId, role: 'alert' }));
}

/**
 * Opens a form. `onSubmit(values)` returns a promise; a rejection with a `field` puts the
 * message under that field, any other shows it at the top. Resolves with onSubmit's value,
 * or null when cancelled.
 */
export function formDialog({ title, intro = null, fields, rows = null, submitLabel = 'Salva', danger = false, onSubmit }) {
  return new Promise((resolve) => {
    const d = dialog();
    const formError = h('div', { class: 'form-error', role: 'alert', hidden: true });
    const body = rows ? rows.map((row) => Array.isArray(row) ? h('div', { class: `grid-${row.length}` }, row.map(field)) : field(row)) : fields.map(field);
    const cancel = h('button', { type: 'button', class: 'btn', onclick: () => d.close('cancel') }, 'Annulla');
    const submit = h('button', { type: 'submit', class: danger ? 'btn danger' : 'btn primary' }, submitLabel);
    const form = h('form', { method: 'dialog', novalidate: true },
      h('h2', { id: 'dialog-title' }, title),
      intro,
      formError,
      body,
      h('div', { class: 'dialog-actions' }, cancel, submit));
    let result = null;
    form.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) { e.preventDefault(); form.requestSubmit(); }
    });
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      for (const el of form.querySelectorAll('.error')) el.textContent = '';
      for (const el of form.querySelectorAll('[aria-invalid]')) el.removeAttribute('aria-invalid');
      formError.hidden = true;
      const values = Object.fromEntries(new FormData(form).entries());
      submit.disabled = true;
      try {
        result = await onSubmit(values, form);
        d.close('done');
      } catch (err) {
        const target = err && err.field ? form.querySelector(`.field[data-field="${err.field}"]`) : null;
        if (target) {
          target.querySelector('.error').textContent = message(err);
          const control = target.querySelector('input, select, textarea');
          control.setAttribute('aria-invalid', 'true');
          control.focus();
        } else {
          formError.textContent = message(err);
          formError.hidden = false;
        }
      } finally {
        submit.disabled = false;
      }
    });
    d.replaceChildren(form);
    d.onclose = () => { d.onclose = null; resolve(d.returnValue === 'done' ? result ?? true : null); };
    d.returnValue = '';
    d.showModal();
    const first = form.querySelector('input, select, textarea, button.primary, button.danger');
    if (first) first.focus();
  });
}

/** A yes/no question for actions that cannot be undone. */
export function confirmDialog(title, text, confirmLabel) {
  return formDialog({ title, intro: h('p', {}, text), fields: [], submitLabel: confirmLabel, danger: true, onSubmit: async () => true });
}

/** A dialog with arbitrary content and a Chiudi button. */
export function infoDialog(title, content) {
  return new Promise((resolve) => {
    const d = dialog();
    const close = h('button', { type: 'button', class: 'btn primary', onclick: () => d.close() }, 'Chiudi');
    d.replaceChildren(h('div', { class: 'dialog-body' }, h('h2', { id: 'dialog-title' }, title), content, h('div', { class: 'dialog-actions' }, close)));
    d.onclose = () => { d.onclose = null; resolve(); };
    d.showModal();
    const focusable = content.querySelector && content.querySelector('button');
    (focusable || close).focus();
  });
}
