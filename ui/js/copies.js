// The automatic copies: the «Copie automatiche» dialog (list, restore, second place), the
// lines of «Informazioni», the status line's notice, and the recovery offered when the
// database cannot be opened.
import * as api from './api.js';
import { confirmDialog, infoDialog } from './dialogs.js';
import { h, message, toast } from './format.js';

/** 1,2 MB, 340 KB */
export function sizeText(bytes) {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1).replace('.', ',')} MB`;
  return `${Math.ceil(bytes / 1024)} KB`;
}

/** "1 piano, 2 versioni" */
export function contents(copy) {
  return `${copy.plans} ${copy.plans === 1 ? 'piano' : 'piani'}, ${copy.versions} ${copy.versions === 1 ? 'versione' : 'versioni'}`;
}

function copyLine(copy) {
  return `${copy.made_text} (${copy.reason_text})`;
}

/** The «Informazioni» lines about the copies. */
export function aboutLines(status) {
  const last = status.last
    ? h('dd', { id: 'about-last-copy' }, copyLine(status.last), h('br'), h('span', { class: 'path' }, status.folder))
    : h('dd', { id: 'about-last-copy' }, 'nessuna copia ancora');
  const second = status.second_place
    ? h('dd', { id: 'about-second-place' }, h('span', { class: 'path' }, status.second_place),
      status.second_error ? h('p', { class: 'warning' }, status.second_error) : null)
    : h('dd', { id: 'about-second-place' }, 'nessuna: le copie sono solo su questo computer');
  return [
    h('dt', {}, 'Ultima copia automatica'), last,
    h('dt', {}, 'Seconda cartella'), second,
  ];
}

/** Says a copy problem once: in the status line (until it is solved) and in a message. */
export function showNotice(status) {
  const line = document.getElementById('copy-notice');
  const problem = status.error || status.second_error;
  line.hidden = !problem;
  line.textContent = problem ? (status.error ? '⚠ Copia automatica non riuscita' : '⚠ Copia non scritta nella seconda cartella') : '';
  line.title = problem || '';
  if (status.notice) toast(status.notice, { error: true, ms: 15000 });
}

/** Asks for the copies' status in the background and says any problem. */
export async function refreshNotice() {
  try {
    showNotice(await api.copyStatus());
  } catch {
    // The database is not open: the start screen says why.
  }
}

function row(copy, onRestore) {
  return h('tr', { dataset: { copy: copy.name } },
    h('td', { class: 'nowrap' }, copy.made_text),
    h('td', {}, copy.good ? copy.reason_text : h('span', { class: 'warning' }, `${copy.reason_text} – danneggiata, non si può usare`)),
    h('td', { class: 'num' }, String(copy.plans)),
    h('td', { class: 'num' }, String(copy.versions)),
    h('td', { class: 'num nowrap' }, sizeText(copy.size)),
    h('td', {}, copy.good
      ? h('button', { type: 'button', class: 'btn restore-copy', 'aria-label': `Ripristina la copia del ${copy.made_text}`, onclick: () => onRestore(copy) }, 'Ripristina')
      : null));
}

/** The «Copie automatiche» dialog. `afterRestore` runs once a copy has replaced the plans. */
export async function copiesDialog(afterRestore) {
  const [status, copies] = await Promise.all([api.copyStatus(), api.listCopies()]);
  showNotice(status);
  let restored = null;
  const place = h('p', { id: 'second-place' });
  const drawPlace = (s) => {
    place.replaceChildren(s.second_place
      ? `Ogni copia viene scritta anche in: ${s.second_place}.`
      : 'Le copie sono solo su questo computer: se il disco si guasta, si perdono con il database. Scegli una seconda cartella (una cartella di rete dell\'ente, una chiavetta USB, una cartella sincronizzata).');
    if (s.second_error) place.append(h('br'), h('span', { class: 'warning' }, `Ultima volta non raggiungibile: ${s.second_error}`));
  };
  drawPlace(status);
  const choose = h('button', { type: 'button', class: 'btn', id: 'choose-second-place', onclick: async () => {
    try {
      const dir = await api.chooseSecondPlace();
      if (dir) {
        const s = await api.copyStatus();
        drawList(await api.listCopies());
        drawPlace(s);
        showNotice(s);
        toast(s.second_error ? `Cartella impostata, ma la copia non vi è stata scritta: ${s.second_error}` : `Le copie automatiche verranno scritte anche in ${dir}`, { error: Boolean(s.second_error), ms: 10000 });
      }
    } catch (err) {
      toast(message(err), { error: true, ms: 12000 });
    }
  } }, 'Scegli la seconda cartella…');
  const clear = h('button', { type: 'button', class: 'btn', id: 'clear-second-place', onclick: async () => {
    try {
      await api.clearSecondPlace();
      const s = await api.copyStatus();
      drawPlace(s);
      showNotice(s);
    } catch (err) {
      toast(message(err), { error: true, ms: 12000 });
    }
  } }, 'Non usare una seconda cartella');
  const onRestore = async (copy) => {
    const ok = await confirmDialog(`Ripristinare la copia del ${copy.made_text}?`,
      `Tutti i piani saranno sostituiti da quelli della copia (${contents(copy)}). Il contenuto attuale viene prima salvato tra le copie automatiche e accanto al database («.prima-del-ripristino»).`,
      'Ripristina');
    if (!ok) return;
    try {
      restored = await api.restoreCopy(copy.name);
      document.querySelector('dialog[open] .dialog-actions .btn.primary')?.click();
    } catch (err) {
      toast(message(err), { error: true, ms: 12000 });
    }
  };
  const list = h('div', { class: 'copies-scroll' });
  const drawList = (items) => {
    list.replaceChildren(items.length
      ? h('table', { class: 'copies-table' },
        h('caption', { class: 'visually-hidden' }, 'Copie automatiche, dalla più recente'),
        h('thead', {}, h('tr', {},
          h('th', { scope: 'col' }, 'Data e ora'), h('th', { scope: 'col' }, 'Motivo'),
          h('th', { scope: 'col', class: 'num' }, 'Piani'), h('th', { scope: 'col', class: 'num' }, 'Versioni'),
          h('th', { scope: 'col', class: 'num' }, 'Dimensione'), h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, 'Azioni')))),
        h('tbody', {}, items.map((c) => row(c, onRestore))))
      : h('p', {}, 'Nessuna copia ancora.'));
  };
  drawList(copies);
  await infoDialog('Copie automatiche', h('div', { id: 'copies' },
    h('p', {}, `Il programma copia da solo il database nella cartella ${status.folder}: alla prima apertura di ogni giorno e prima di ogni approvazione, annullamento, ripristino e aggiornamento. Restano tutte le copie fatte prima di un'approvazione; delle altre, tutte quelle degli ultimi 10 giorni di uso e l'ultima di ciascuna delle ultime 8 settimane.`),
    list,
    h('h3', {}, 'Seconda cartella'),
    place,
    h('div', { class: 'button-row' }, choose, clear)));
  if (restored) {
    toast(`Piani ripristinati dalla copia del ${restored.made_text}`, { ms: 10000 });
    afterRestore();
  }
}

/** The start screen when the database cannot be opened: the offered copy, in one click. */
export function recoveryOffer(info, onRecovered) {
  if (!info.recovery) {
    return h('p', {}, 'Il file non è stato modificato. Chiudi il programma e avvialo con un altro file (--db FILE), oppure ripristina una copia di sicurezza con «piano restore FILE».');
  }
  const copy = info.recovery;
  const status = h('p', { role: 'status' });
  const button = h('button', { type: 'button', class: 'btn primary', id: 'recover-button', onclick: async () => {
    button.disabled = true;
    try {
      const done = await api.recoverDatabase(copy.name);
      onRecovered(done);
    } catch (err) {
      status.textContent = message(err);
      button.disabled = false;
    }
  } }, `Ripristina la copia del ${copy.made_text}`);
  return h('div', { class: 'recovery' },
    h('p', {}, 'Il file non è stato modificato.'),
    h('p', { id: 'recovery-copy' }, `L'ultima copia automatica buona è del ${copy.made_text} (${copy.reason_text}; ${contents(copy)}), in ${copy.path}.`),
    h('p', {}, 'Ripristinandola, il file danneggiato viene messo da parte con un altro nome, non cancellato. Le modifiche fatte dopo la copia andranno rifatte.'),
    button,
    status);
}
