//! The documents the office writes every year, drafted from the data: the PIAO's subsection
//! 2.2 «Performance» (DL 80/2021 art. 6; DPR 81/2022; DM 132/2022 art. 3) and the Relazione
//! sulla performance (art. 10 c.1 lett. b D.Lgs. 150/2009). A draft is a plain document model
//! (`Doc`: headings, paragraphs, placeholders, tables, charts) built here from the plan and
//! the year, then written as DOCX (`docx`) for the office to finish in Word or Writer, and as
//! PDF/A (`pdf`) to read.
//!
//! The rule of the drafts: every sentence with a number comes from a computation; whatever
//! the data cannot support (the context, the link to Valore pubblico, the causes the notes do
//! not give) is a placeholder «[Da completare: …]», never invented prose.

mod docx;
mod piao;
mod relazione;

pub use docx::docx;
pub use piao::piao;
pub use relazione::{relazione, RelazioneData};

use crate::charts::Chart;

/// The draft as PDF/A to read (the same blocks as the DOCX).
pub fn pdf(doc: &Doc) -> piano_domain::error::Result<Vec<u8>> {
    crate::pdf::draft::render(doc, &crate::pdf::Options::default())
}

/// How a placeholder starts: the office searches for it.
pub const PLACEHOLDER: &str = "[Da completare: ";

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// Level 1 or 2 (Word's «Heading 1/2», the PDF's H1/H2 and bookmarks).
    Heading(u8, String),
    Para(String),
    /// A paragraph the office writes: «[Da completare: what]».
    Placeholder(String),
    /// A table whose header repeats on every page; `widths` in percent of the text width.
    Table {
        header: Vec<String>,
        rows: Vec<Vec<String>>,
        widths: Vec<u32>,
    },
    Chart(Chart),
    /// The table of contents (a TOC field in Word, the bookmarks in the PDF).
    Contents,
}

/// A draft: its title and subtitle (the entity, the act) and its blocks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Doc {
    pub title: String,
    pub subtitle: String,
    /// For the footer: «PIAO 2020-2022 – Unione …».
    pub footer: String,
    pub blocks: Vec<Block>,
}

impl Doc {
    fn new(title: String, subtitle: String, footer: String) -> Doc {
        Doc {
            title,
            subtitle,
            footer,
            blocks: Vec::new(),
        }
    }
    fn h1(&mut self, t: impl Into<String>) {
        self.blocks.push(Block::Heading(1, t.into()));
    }
    fn h2(&mut self, t: impl Into<String>) {
        self.blocks.push(Block::Heading(2, t.into()));
    }
    fn p(&mut self, t: impl Into<String>) {
        self.blocks.push(Block::Para(t.into()));
    }
    fn todo(&mut self, t: impl Into<String>) {
        self.blocks.push(Block::Placeholder(t.into()));
    }
    fn table(&mut self, header: &[&str], widths: &[u32], rows: Vec<Vec<String>>) {
        debug_assert_eq!(header.len(), widths.len());
        self.blocks.push(Block::Table {
            header: header.iter().map(|h| h.to_string()).collect(),
            rows,
            widths: widths.to_vec(),
        });
    }

    /// A placeholder as printed.
    pub fn placeholder_text(what: &str) -> String {
        format!("{PLACEHOLDER}{what}]")
    }

    /// Every text of the draft in order, one per line (tests, and the search of the app).
    pub fn text(&self) -> String {
        let mut out = vec![self.title.clone(), self.subtitle.clone()];
        for b in &self.blocks {
            match b {
                Block::Heading(_, t) | Block::Para(t) => out.push(t.clone()),
                Block::Placeholder(t) => out.push(Doc::placeholder_text(t)),
                Block::Table { header, rows, .. } => {
                    out.push(header.join(" | "));
                    out.extend(rows.iter().map(|r| r.join(" | ")));
                }
                Block::Chart(c) => out.push(c.alt()),
                Block::Contents => out.push("Indice".into()),
            }
        }
        out.join("\n")
    }

    /// The headings, level and text (for the PDF's bookmarks and the tests).
    pub fn headings(&self) -> Vec<(u8, &str)> {
        self.blocks
            .iter()
            .filter_map(|b| match b {
                Block::Heading(l, t) => Some((*l, t.as_str())),
                _ => None,
            })
            .collect()
    }
}

/// «30%», «12,5%».
fn percent(hundredths: u32) -> String {
    format!(
        "{}%",
        piano_domain::model::format_hundredths(hundredths.into())
    )
}

/// «deliberazione della Giunta n. 12 del 15/02/2020».
fn act_text(a: &piano_domain::versions::Act) -> String {
    format!(
        "deliberazione della {} n. {} del {}",
        a.body,
        a.number,
        a.italian_date()
    )
}
