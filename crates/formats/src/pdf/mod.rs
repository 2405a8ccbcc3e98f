//! The plan annex as PDF: A4 landscape, Titillium Web embedded, "Pagina X di Y" on every page,
//! BOZZA across every page of a draft; PDF/A-1b, tagged in reading order, with bookmarks
//! (`archive`).

pub mod annex;
pub mod archive;
pub mod changes;
pub mod draft;
pub mod evaluation;
pub mod fonts;
pub mod layout;
pub mod monitoring;
pub mod results;
pub mod tree;

use printpdf::{
    Color, DateTime, DictItem, Line, LinePoint, Mm, Op, PaintMode, ParsedFont, PdfDocument,
    PdfFontHandle, PdfPage, PdfSaveOptions, Point, Pt, Rect, TextItem, TextMatrix,
};

use layout::{Item, Page, Rgb, INK, MARGIN_X, PAGE_H, PAGE_W};
use piano_domain::error::{Error, Result};
use piano_domain::model::FullPlan;
use piano_domain::rules::Report;

#[derive(Debug, Clone)]
pub struct Options {
    /// Print BOZZA across every page and the problems on the first.
    pub draft: bool,
    /// Start each area on a new page.
    pub page_per_area: bool,
    /// The creation date written in the file; now when unset.
    pub created: Option<chrono::DateTime<chrono::Local>>,
    /// Under each indicator text, the year's targets of the objective's indicators (the
    /// annex "with targets"; the official six columns are unchanged by default).
    pub targets: bool,
    /// Under each description, the operational objective of the DUP it carries out, with its
    /// Missione and Programma (the annex «con il collegamento al DUP»).
    pub dup: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            draft: false,
            page_per_area: true,
            created: None,
            targets: false,
            dup: false,
        }
    }
}

fn color(c: Rgb) -> Color {
    Color::Rgb(printpdf::Rgb {
        r: c.0,
        g: c.1,
        b: c.2,
        icc_profile: None,
    })
}

fn pdf_date(t: chrono::DateTime<chrono::Local>) -> DateTime {
    use chrono::{Datelike, Timelike};
    let offset = t.offset().local_minus_utc();
    DateTime {
        date: printpdf::Date {
            year: t.year(),
            month: t.month() as u8,
            day: t.day() as u8,
        },
        time: printpdf::Time {
            hour: t.hour() as u8,
            minute: t.minute() as u8,
            second: t.second() as u8,
            millisecond: 0,
        },
        offset: printpdf::Offset {
            hours: (offset / 3600) as i8,
            minutes: ((offset % 3600) / 60) as i8,
            seconds: 0,
            milliseconds: 0,
        },
    }
}

fn font(bytes: &[u8], name: &str) -> Result<ParsedFont> {
    let mut f = ParsedFont::from_bytes(bytes, 0, &mut Vec::new())
        .ok_or_else(|| Error::Pdf("font non leggibile".into()))?;
    f.font_name = Some(name.to_string());
    Ok(f)
}

/// Renders the annex. The caller decides whether a draft is wanted; a plan with weight
/// problems should only be printed with `options.draft`.
pub fn render(plan: &FullPlan, report: &Report, options: &Options) -> Result<Vec<u8>> {
    // The texts as printed: with the indicators' targets, with the DUP's objectives.
    let mut plan = std::borrow::Cow::Borrowed(plan);
    if options.targets {
        plan = std::borrow::Cow::Owned(targets_in_text(&plan));
    }
    if options.dup {
        plan = std::borrow::Cow::Owned(dup_in_text(&plan));
    }
    let laid = annex::layout(&plan, report, options);
    let title = if options.draft {
        format!("{} – BOZZA", plan.plan.title)
    } else {
        plan.plan.title.clone()
    };
    let subject = format!(
        "Piano degli obiettivi {}-{}",
        plan.plan.first_year, plan.plan.last_year
    );
    draw(
        &laid,
        &layout::Furniture::of(&plan.plan),
        &title,
        &subject,
        options,
    )
}

/// The plan with each objective's targets written under its indicator text, a line per
/// year: "Target 2020: ≥ 3 atti di liquidazione; entro il 30/06/2020".
pub fn targets_in_text(plan: &FullPlan) -> FullPlan {
    let mut out = plan.clone();
    for o in &mut out.objectives {
        let mine: Vec<_> = plan.indicators_of(o.id).collect();
        if mine.is_empty() {
            continue;
        }
        let mut years: Vec<i32> = mine
            .iter()
            .flat_map(|i| i.targets.iter().map(|t| t.year))
            .collect();
        years.sort_unstable();
        years.dedup();
        let lines: Vec<String> = years
            .iter()
            .map(|&y| {
                let parts: Vec<String> = mine
                    .iter()
                    .filter_map(|i| i.target(y).map(|t| i.describe(t)))
                    .collect();
                format!("Target {y}: {}", parts.join("; "))
            })
            .collect();
        o.text.indicator = format!("{}\n{}", o.text.indicator, lines.join("\n"));
    }
    out
}

/// The plan with each linked objective's operational objective written under its
/// description: "Obiettivo operativo DUP 1.2 – Bilancio… (Missione 01 – Programma 01.03 …)".
pub fn dup_in_text(plan: &FullPlan) -> FullPlan {
    let mut out = plan.clone();
    for o in &mut out.objectives {
        let Some(code) = &o.operational else { continue };
        let line = match plan.dup.iter().find(|g| &g.code == code) {
            Some(g) if g.classification().is_empty() => {
                format!("Obiettivo operativo DUP {code} – {}", g.title)
            }
            Some(g) => format!(
                "Obiettivo operativo DUP {code} – {} ({})",
                g.title,
                g.classification()
            ),
            None => format!("Obiettivo operativo DUP {code}"),
        };
        o.text.description = format!("{}\n{line}", o.text.description);
    }
    out
}

/// Draws a laid-out report and finishes it (PDF/A, tags, bookmarks): shared by the annex and
/// every other report.
fn draw(
    laid: &layout::Layout,
    furniture: &layout::Furniture,
    title: &str,
    subject: &str,
    options: &Options,
) -> Result<Vec<u8>> {
    let pages = &laid.pages;
    let mut doc = PdfDocument::new(&furniture.title);
    let regular = doc.add_font(&font(fonts::REGULAR, "TitilliumWeb-Regular")?);
    let bold = doc.add_font(&font(fonts::BOLD, "TitilliumWeb-Bold")?);
    let when = options.created.unwrap_or_else(chrono::Local::now);
    let created = pdf_date(when);
    let info = &mut doc.metadata.info;
    info.document_title = title.to_string();
    info.author = if furniture.entity.is_empty() {
        "Piano Obiettivi".into()
    } else {
        furniture.entity.clone()
    };
    info.creator = "Piano Obiettivi".into();
    info.producer = concat!("Piano Obiettivi ", env!("CARGO_PKG_VERSION")).into();
    info.subject = subject.to_string();
    info.creation_date = created;
    info.modification_date = created;
    info.metadata_date = created;

    let total = pages.len();
    let tags: Vec<&'static str> = laid.tree.iter().map(|n| n.tag).collect();
    let mut measure = fonts::Metrics::new(fonts::REGULAR);
    let pdf_pages = pages
        .iter()
        .enumerate()
        .map(|(i, page)| {
            PdfPage::new(
                Mm(297.0),
                Mm(210.0),
                ops(page, i + 1, total, &regular, &bold, &mut measure, &tags),
            )
        })
        .collect();
    let info = doc.metadata.info.clone();
    let mut lo = doc.with_pages(pdf_pages).to_lopdf_document(
        &PdfSaveOptions {
            subset_fonts: true,
            ..Default::default()
        },
        &mut Vec::new(),
    );
    archive::finish(
        &mut lo,
        laid,
        &archive::Meta {
            title: &info.document_title,
            author: &info.author,
            subject: &info.subject,
            creator: &info.creator,
            producer: &info.producer,
            created: when,
        },
    )?;
    let mut bytes = Vec::new();
    lo.save_to(&mut bytes)
        .map_err(|e| Error::Pdf(e.to_string()))?;
    Ok(bytes)
}

/// How an item is marked in the content stream: page furniture and graphics are artifacts,
/// text of a structure element is tagged with its marked-content id.
#[derive(Clone, Copy, PartialEq)]
enum Marking {
    Artifact,
    Tagged(&'static str, u32),
}

#[allow(clippy::too_many_arguments)]
fn ops(
    page: &Page,
    number: usize,
    total: usize,
    regular: &printpdf::FontId,
    bold: &printpdf::FontId,
    measure: &mut fonts::Metrics,
    tags: &[&'static str],
) -> Vec<Op> {
    let mut ops = Vec::with_capacity(page.items.len() * 8);
    let text = |ops: &mut Vec<Op>, x: f32, y: f32, size: f32, is_bold: bool, c: Rgb, s: &str| {
        ops.push(Op::StartTextSection);
        ops.push(Op::SetFont {
            font: PdfFontHandle::External(if is_bold {
                bold.clone()
            } else {
                regular.clone()
            }),
            size: Pt(size),
        });
        ops.push(Op::SetFillColor { col: color(c) });
        ops.push(Op::SetTextMatrix {
            matrix: TextMatrix::Translate(Pt(x), Pt(y)),
        });
        ops.push(Op::ShowText {
            items: vec![TextItem::Text(s.to_string())],
        });
        ops.push(Op::EndTextSection);
    };
    // Everything drawn is inside one marked-content sequence, tagged content or artifact (as
    // PDF/UA wants); consecutive items marked alike share a sequence.
    let mut open: Option<Marking> = None;
    for (i, item) in page.items.iter().enumerate() {
        let marking = match item {
            Item::Text {
                node: Some(n),
                mcid,
                ..
            } => Marking::Tagged(tags[*n], *mcid),
            _ => Marking::Artifact,
        };
        if open != Some(marking) {
            if open.is_some() {
                ops.push(Op::EndMarkedContent);
            }
            ops.push(match marking {
                Marking::Artifact => Op::BeginMarkedContent {
                    tag: "Artifact".into(),
                },
                Marking::Tagged(tag, mcid) => {
                    let mut props = std::collections::BTreeMap::new();
                    props.insert("MCID".to_string(), DictItem::Int(mcid.into()));
                    Op::BeginMarkedContentWithProperties {
                        tag: tag.to_string(),
                        properties: DictItem::Dict { map: props },
                    }
                }
            });
            open = Some(marking);
        }
        match item {
            Item::Rect { b, fill, stroke } => {
                let mode = match (fill, stroke) {
                    (Some(_), Some(_)) => PaintMode::FillStroke,
                    (Some(_), None) => PaintMode::Fill,
                    _ => PaintMode::Stroke,
                };
                if let Some(f) = fill {
                    ops.push(Op::SetFillColor { col: color(*f) });
                }
                if let Some(s) = stroke {
                    ops.push(Op::SetOutlineColor { col: color(*s) });
                    ops.push(Op::SetOutlineThickness { pt: Pt(0.6) });
                }
                ops.push(Op::DrawRectangle {
                    rectangle: Rect {
                        x: Pt(b.x),
                        y: Pt(b.y),
                        width: Pt(b.w),
                        height: Pt(b.h),
                        mode: Some(mode),
                        winding_order: None,
                    },
                });
            }
            Item::Line {
                x1,
                y1,
                x2,
                y2,
                color: c,
            } => {
                ops.push(Op::SetOutlineColor { col: color(*c) });
                ops.push(Op::SetOutlineThickness { pt: Pt(0.6) });
                ops.push(Op::DrawLine {
                    line: Line {
                        points: vec![
                            LinePoint {
                                p: Point {
                                    x: Pt(*x1),
                                    y: Pt(*y1),
                                },
                                bezier: false,
                            },
                            LinePoint {
                                p: Point {
                                    x: Pt(*x2),
                                    y: Pt(*y2),
                                },
                                bezier: false,
                            },
                        ],
                        is_closed: false,
                    },
                });
            }
            Item::Text {
                x,
                y,
                size,
                bold: b,
                color: c,
                text: s,
                node,
                mcid,
                ..
            } => {
                // A cell's lines share one sequence: a blank after each but the last keeps
                // the words apart for a screen reader or a copy (it draws nothing).
                let more = node.is_some()
                    && matches!(page.items.get(i + 1), Some(Item::Text { node: n, mcid: m, .. }) if n == node && m == mcid);
                if more {
                    text(&mut ops, *x, *y, *size, *b, *c, &format!("{s} "));
                } else {
                    text(&mut ops, *x, *y, *size, *b, *c, s);
                }
            }
            Item::PageNumber => {
                let s = format!("Pagina {number} di {total}");
                let w = measure.width(&s, 8.0);
                text(&mut ops, PAGE_W - MARGIN_X - w, 26.0, 8.0, false, INK, &s);
            }
            Item::Watermark => {
                ops.push(Op::StartTextSection);
                ops.push(Op::SetFont {
                    font: PdfFontHandle::External(bold.clone()),
                    size: Pt(150.0),
                });
                ops.push(Op::SetFillColor {
                    col: color((0.93, 0.85, 0.85)),
                });
                ops.push(Op::SetTextMatrix {
                    matrix: TextMatrix::TranslateRotate(
                        Pt(PAGE_W / 2.0 - 250.0),
                        Pt(PAGE_H / 2.0 - 120.0),
                        25.0,
                    ),
                });
                ops.push(Op::ShowText {
                    items: vec![TextItem::Text("BOZZA".into())],
                });
                ops.push(Op::EndTextSection);
            }
        }
    }
    if open.is_some() {
        ops.push(Op::EndMarkedContent);
    }
    ops
}
