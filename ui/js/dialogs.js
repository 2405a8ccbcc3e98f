// Modal dialogs for every form: labelled fields, Enter saves, Esc closes, errors from Rust
// appear under the field they concern.
//
// Each call gets a <dialog> element of its own, removed when it closes. A shared element once
// let the `close` event of a menu (queued, delivered late) settle the form opened right after
// it, so Rust's answer was never drawn: the screen said "Pesi corretti" while the database
// held 70% and 130%. With one element per dialog, a close can only settle its own promise.
import { focusSelector, h, message } from './format.js';

let dialogCount = 0;

/** A fresh modal <dialog>, labelled by its title; `settle(returnValue)` runs once, on its own close. */
function newDialog(settle) {
  const d = document.createElement('dialog');
  d.className = 'modal';
  d.dataset.dialog = String(++dialogCount);
  const titleId = `dialog-title-${dialogCount}`;
  d.setAttribute('aria-labelledby', titleId);
  // The control that opened the dialog gets focus back, found again by selector: the editor
  // may have redrawn it while the dialog was open.
  const opener = focusSelector(document.activeElement);
  d.addEventListener('close', () => {
    d.remove();
    settle(d.returnValue);
    // After the browser's own focus restoring, which lands on the body when the opener
    // was redrawn.
    setTimeout(() => {
      const active = document.activeElement;
      if (!opener || dialogOpen() || (active && active !== document.body && active.isConnected)) return;
      const again = document.querySelector(opener);
      if (again && !again.disabled) again.focus();
    }, 0);
  }, { once: true });
  document.body.append(d);
  return { d, titleId };
}

/** Whether a modal dialog is open (shortcuts wait for it to close). */
export function dialogOpen() {
  return document.querySelector('dialog[open]') !== null;
}

/** Closes the innermost open dialog, as its own Annulla would. */
export function closeDialog() {
  const open = [...document.querySelectorAll('dialog[open]')];
  if (open.length) open[open.length - 1].close('cancel');
}

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
 *
 * `also` = { id, label, after(result) } adds a second submit button: it saves like the first,
 * then, once the dialog has closed, runs `after` with onSubmit's value (e.g. save the
 * objective, then place it in other areas).
 */
export function formDialog({ title, intro = null, fields, rows = null, submitLabel = 'Salva', danger = false, also = null, onSubmit }) {
  return new Promise((resolve) => {
    let result = null;
    let via = null;
    const { d, titleId } = newDialog((rv) => {
      const value = rv === 'done' ? result ?? true : null;
      resolve(value);
      if (value !== null && via === 'also') also.after(value);
    });
    const formError = h('div', { class: 'form-error', role: 'alert', hidden: true });
    const body = rows ? rows.map((row) => Array.isArray(row) ? h('div', { class: row.length > 3 ? 'grid-auto' : `grid-${row.length}` }, row.map(field)) : field(row)) : fields.map(field);
    const cancel = h('button', { type: 'button', class: 'btn', onclick: () => d.close('cancel') }, 'Annulla');
    const submit = h('button', { type: 'submit', class: danger ? 'btn danger' : 'btn primary', onclick: () => { via = null; } }, submitLabel);
    // A plain button, so that the form keeps one submit button (Enter, tests, assistive tech).
    const second = also ? h('button', { type: 'button', class: 'btn also', id: also.id, onclick: () => { via = 'also'; form.requestSubmit(submit); } }, also.label) : null;
    const form = h('form', { method: 'dialog', novalidate: true },
      h('h2', { id: titleId }, title),
      intro,
      formError,
      body,
      h('div', { class: 'dialog-actions' }, second, h('span', { class: 'spacer' }), cancel, submit));
    form.addEventListener('keydown', (e) => {
      // Enter saves with the main button, whatever other submit buttons the form has.
      const inField = e.target.tagName === 'INPUT';
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey || inField)) { e.preventDefault(); via = null; form.requestSubmit(submit); }
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
    const { d, titleId } = newDialog(() => resolve());
    const close = h('button', { type: 'button', class: 'btn primary', onclick: () => d.close() }, 'Chiudi');
    d.replaceChildren(h('div', { class: 'dialog-body' }, h('h2', { id: titleId }, title), content, h('div', { class: 'dialog-actions' }, close)));
    d.showModal();
    const focusable = content.querySelector && content.querySelector('button');
    (focusable || close).focus();
  });
}
