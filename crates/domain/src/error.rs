//! The core's one error type. Every message is Italian and says what to fix, because it is
//! shown as is to the officer (command line, desktop app).

use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A value the person typed breaks a rule; `field` names the form field it belongs to.
    #[error("{message}")]
    Invalid {
        field: &'static str,
        message: String,
    },

    /// A weight for one area, in a form that sets several at once.
    #[error("{message}")]
    AreaWeight { area_id: i64, message: String },

    #[error("{what} non trovato (codice {id}): forse è stato eliminato. Aggiorna l'elenco.")]
    NotFound { what: &'static str, id: i64 },

    /// A problem in one cell of an imported sheet.
    #[error("riga {line}, colonna «{column}»: {message}")]
    Sheet {
        line: u64,
        column: String,
        message: String,
    },

    /// A sheet that cannot be read at all (wrong header, not text, empty).
    #[error("{0}")]
    SheetFormat(String),

    /// Several cells of an imported sheet, each an `Error::Sheet`: all of them at once, so
    /// that the officer corrects the file in one round. Nothing is saved.
    #[error("{}", sheet_problems(.0, SHOWN_PROBLEMS))]
    SheetProblems(Vec<Error>),

    #[error("Il file {path} non si apre: {source}")]
    File {
        path: PathBuf,
        source: std::io::Error,
    },

    /// SQLite failed or refused: `kind` says what the officer can do about it, `detail` is
    /// SQLite's own words, kept for a report. The store sorts SQLite's errors (`db::sql`).
    #[error("{}", db_message(*.kind, .detail))]
    Db { kind: DbFailure, detail: String },

    /// A database file that cannot be used as it is: damaged, truncated, not a database.
    /// The file is left as it was; an automatic copy may replace it (`db::copies::recover`).
    #[error("{0}")]
    Damaged(String),

    /// A change to an approved version: refused by the database's triggers.
    #[error("Questa versione del piano è approvata dalla Giunta e non si può modificare. Per cambiarla avvia una variazione: «Nuova variazione» nel programma, oppure «piano vary PIANO» da riga di comando.")]
    Frozen,

    /// A change to a year's results after the Giunta approved that year's Relazione.
    #[error("La Relazione sulla performance di quest'anno è approvata dalla Giunta: i risultati, le fasce e gli obiettivi prerequisito non si possono più modificare. Se la delibera registrata è sbagliata, annulla prima la sua registrazione.")]
    FrozenResults,

    /// A change to a year's evaluations after the Nucleo's validation was recorded.
    #[error("La valutazione di quest'anno è definitiva (proposta dal Nucleo di valutazione e assegnata con atto): regole, punteggi, indicatori e importi non si possono più modificare. Se l'atto registrato è sbagliato, annulla prima la valutazione definitiva.")]
    FrozenEvaluation,

    #[error("Il database non è stato aggiornato alla versione attuale: {0}")]
    Migration(String),

    #[error("Impossibile creare il PDF: {0}")]
    Pdf(String),

    /// A draft document (DOCX) that could not be written.
    #[error("Impossibile creare il documento Word: {0}")]
    Docx(String),

    #[error("Errore di lettura o scrittura: {0}")]
    Io(#[from] std::io::Error),
}

/// What went wrong in SQLite, sorted by what the officer can do about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DbFailure {
    NotADatabase,
    Corrupt,
    DiskFull,
    ReadOnly,
    Busy,
    CannotOpen,
    Io,
    Other,
}

impl Error {
    pub fn invalid(field: &'static str, message: impl Into<String>) -> Self {
        Error::Invalid {
            field,
            message: message.into(),
        }
    }

    /// A stable machine-readable code, so the UI can tell a field error from a bug.
    pub fn code(&self) -> &'static str {
        match self {
            Error::Invalid { .. } | Error::AreaWeight { .. } => "invalid",
            Error::NotFound { .. } => "not_found",
            Error::Sheet { .. } | Error::SheetFormat(_) | Error::SheetProblems(_) => "sheet",
            Error::File { .. } | Error::Io(_) => "file",
            Error::Db { .. } | Error::Migration(_) => "database",
            Error::Damaged(_) => "damaged",
            Error::Frozen | Error::FrozenResults | Error::FrozenEvaluation => "frozen",
            Error::Pdf(_) => "pdf",
            Error::Docx(_) => "docx",
        }
    }

    /// Every problem of a refused sheet, one line each (one line for any other error).
    pub fn problems(&self) -> Vec<String> {
        match self {
            Error::SheetProblems(all) => all.iter().map(Error::to_string).collect(),
            other => vec![other.to_string()],
        }
    }

    /// All of a sheet's problems as one error: the one itself when there is one.
    pub fn sheet(mut problems: Vec<Error>) -> Error {
        if problems.len() == 1 {
            problems.remove(0)
        } else {
            Error::SheetProblems(problems)
        }
    }

    /// The form field the error belongs to, when there is one.
    pub fn field(&self) -> Option<&'static str> {
        match self {
            Error::Invalid { field, .. } => Some(field),
            _ => None,
        }
    }
}

/// How many of a sheet's problems one message shows; the rest are counted.
pub const SHOWN_PROBLEMS: usize = 50;

/// A refused sheet's problems, grouped by column in the order met, the first `shown` listed
/// and the rest counted.
pub fn sheet_problems(all: &[Error], shown: usize) -> String {
    let mut columns: Vec<(String, Vec<String>)> = Vec::new();
    for e in all.iter().take(shown) {
        let (column, line) = match e {
            Error::Sheet {
                line,
                column,
                message,
            } => (
                format!("Colonna «{column}»"),
                format!("riga {line}: {message}"),
            ),
            other => ("Altri problemi".to_string(), other.to_string()),
        };
        match columns.iter_mut().find(|(c, _)| *c == column) {
            Some((_, lines)) => lines.push(line),
            None => columns.push((column, vec![line])),
        }
    }
    let mut out = format!(
        "Il foglio ha {} problemi da correggere: nulla è stato importato. Correggili tutti nel file e importalo di nuovo.",
        all.len()
    );
    for (column, lines) in columns {
        out.push_str(&format!("\n{column}:"));
        for l in lines {
            out.push_str(&format!("\n- {l}"));
        }
    }
    if all.len() > shown {
        out.push_str(&format!(
            "\n… e altri {} problemi dello stesso tipo.",
            all.len() - shown
        ));
    }
    out
}

/// SQLite's failures in words the officer can act on.
fn db_message(kind: DbFailure, detail: &str) -> String {
    use DbFailure as F;
    match kind {
        F::NotADatabase => "Il file non è un database di Piano Obiettivi, oppure è danneggiato: scegli un altro file o ripristina una copia di sicurezza.".into(),
        F::Corrupt => "Il database è danneggiato: ripristina una copia di sicurezza (menu «File» o «piano restore FILE»).".into(),
        F::DiskFull => "Il disco è pieno: la modifica non è stata salvata e il piano è com'era. Libera spazio su disco e riprova.".into(),
        F::ReadOnly => "Il file del database è in sola lettura: la modifica non è stata salvata. Copia il file in una cartella dove puoi scrivere.".into(),
        F::Busy => "Il database è in uso da un altro programma: chiudilo e riprova.".into(),
        F::CannotOpen => "Impossibile aprire il file del database: controlla il percorso e i permessi della cartella.".into(),
        F::Io => "Errore di lettura o scrittura sul disco: la modifica non è stata salvata. Controlla il disco e riprova.".into(),
        F::Other => format!("Errore interno del database: la modifica non è stata salvata. Riprova; se si ripete, fai una copia di sicurezza e segnala il problema (dettaglio: {detail})."),
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
