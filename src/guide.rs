//! The officer's guide: the Markdown chapters of `ui/guida/`, written for the officer in
//! Italian, built into the program (readable offline, shipped with every build) and rendered
//! here for the app's guide (`ui/js/guide.js`, opened with F1 at the screen's chapter).
//! Links between chapters are `[testo](#id)`; `tests/guide.rs` checks that each resolves and
//! that every screen and dialog of the UI has a chapter.

use pulldown_cmark::{html, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use serde::Serialize;

/// The chapters in reading order: (id, Markdown).
pub const SOURCES: [(&str, &str); 18] = [
    ("inizio", include_str!("../ui/guida/01-inizio.md")),
    ("ciclo", include_str!("../ui/guida/02-ciclo.md")),
    ("editor", include_str!("../ui/guida/03-editor.md")),
    ("pesi", include_str!("../ui/guida/04-pesi.md")),
    ("obiettivo", include_str!("../ui/guida/05-obiettivo.md")),
    ("indicatori", include_str!("../ui/guida/06-indicatori.md")),
    ("stampa", include_str!("../ui/guida/07-stampa.md")),
    (
        "approvazione",
        include_str!("../ui/guida/08-approvazione.md"),
    ),
    ("fogli", include_str!("../ui/guida/09-fogli.md")),
    (
        "monitoraggio",
        include_str!("../ui/guida/10-monitoraggio.md"),
    ),
    ("risultati", include_str!("../ui/guida/11-risultati.md")),
    ("valutazione", include_str!("../ui/guida/12-valutazione.md")),
    ("albero", include_str!("../ui/guida/13-albero.md")),
    ("documenti", include_str!("../ui/guida/14-documenti.md")),
    ("import", include_str!("../ui/guida/15-import.md")),
    ("copie", include_str!("../ui/guida/16-copie.md")),
    ("danni", include_str!("../ui/guida/17-danni.md")),
    ("tastiera", include_str!("../ui/guida/18-tastiera.md")),
];

/// A chapter as the app shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Chapter {
    pub id: &'static str,
    /// Its `# ` heading.
    pub title: String,
    /// The body as HTML, headings two levels down (the guide's dialog has its own h2).
    pub html: String,
    /// The plain text, for the search.
    pub text: String,
}

/// Every chapter, rendered.
pub fn chapters() -> Vec<Chapter> {
    SOURCES.iter().map(|(id, md)| render(id, md)).collect()
}

fn shifted(level: HeadingLevel) -> HeadingLevel {
    match level {
        HeadingLevel::H1 => HeadingLevel::H3,
        HeadingLevel::H2 => HeadingLevel::H4,
        HeadingLevel::H3 => HeadingLevel::H5,
        _ => HeadingLevel::H6,
    }
}

fn render(id: &'static str, md: &str) -> Chapter {
    let mut title = String::new();
    let mut text = String::new();
    let mut in_title = false;
    let mut events = Vec::new();
    for e in Parser::new_ext(md, Options::empty()) {
        let e = match e {
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => {
                in_title = level == HeadingLevel::H1 && title.is_empty();
                Event::Start(Tag::Heading {
                    level: shifted(level),
                    id,
                    classes,
                    attrs,
                })
            }
            Event::End(TagEnd::Heading(level)) => {
                in_title = false;
                Event::End(TagEnd::Heading(shifted(level)))
            }
            // The guide is text: any HTML in a chapter is shown as text, never run.
            Event::Html(h) | Event::InlineHtml(h) => Event::Text(h),
            other => other,
        };
        if let Event::Text(t) | Event::Code(t) = &e {
            if in_title {
                title.push_str(t);
            }
            text.push_str(t);
            text.push(' ');
        }
        events.push(e);
    }
    let mut out = String::new();
    html::push_html(&mut out, events.into_iter());
    Chapter {
        id,
        title,
        html: out,
        text,
    }
}

/// The targets of a chapter's links (`[testo](#id)` gives `#id`), for the link check.
pub fn links(md: &str) -> Vec<String> {
    Parser::new_ext(md, Options::empty())
        .filter_map(|e| match e {
            Event::Start(Tag::Link { dest_url, .. }) => Some(dest_url.to_string()),
            _ => None,
        })
        .collect()
}
