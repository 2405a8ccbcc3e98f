//! The plan annex as PDF: A4 landscape, Titillium Web embedded, "Pagina X di Y" on every page,
//! BOZZA across every page of a draft.

pub mod fonts;
pub mod layout;

use printpdf::{
    Color, DateTime, Line, LinePoint, Mm, Op, PaintMode, ParsedFont, PdfDocument, PdfFontHandle,
    PdfPage, PdfSaveOptions, Point, Pt, Rect, TextItem, TextMatrix,
};

use crate::error::{Error, Result};
use crate::model::FullPlan;
use crate::rules::Report;
use layout::{Item, Page, Rgb, INK, MARGIN_X, PAGE_H, PAGE_W};

#[derive(Debug, Clone)]
pub struct Options {
    /// Print BOZZA across every page and the problems on the first.
    pub draft: bool,
    /// Start each area on a new page.
    pub page_per_area: bool,
    /// The creation date written in the file; now when unset.
    pub created: Option<chrono::DateTime<chrono::Local>>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            draft: false,
            page_per_area: true,
            created: None,
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
    let pages = layout::layout(plan, report, options);
    let mut doc = PdfDocument::new(&plan.plan.title);
    let regular = doc.add_font(&font(fonts::REGULAR, "TitilliumWeb-Regular")?);
    let bold = doc.add_font(&font(fonts::BOLD, "TitilliumWeb-Bold")?);
    let created = pdf_date(options.created.unwrap_or_else(chrono::Local::now));
    let info = &mut doc.metadata.info;
    info.document_title = if options.draft {
        format!("{} – BOZZA", plan.plan.title)
    } else {
        plan.plan.title.clone()
    };
    info.author = if plan.plan.entity.is_empty() {
        "Piano Obiettivi".into()
    } else {
        plan.plan.entity.clone()
    };
    info.creator = "Piano Obiettivi".into();
    info.producer = concat!("Piano Obiettivi ", env!("CARGO_PKG_VERSION")).into();
    info.subject = format!(
        "Piano degli obiettivi {}-{}",
        plan.plan.first_year, plan.plan.last_year
    );
    info.creation_date = created;
    info.modification_date = created;
    info.metadata_date = created;

    let total = pages.len();
    let mut measure = fonts::Metrics::new(fonts::REGULAR);
    let pdf_pages = pages
        .iter()
        .enumerate()
        .map(|(i, page)| {
            PdfPage::new(
                Mm(297.0),
                Mm(210.0),
                ops(page, i + 1, total, &regular, &bold, &mut measure),
            )
        })
        .collect();
    let bytes = doc.with_pages(pdf_pages).save(
        &PdfSaveOptions {
            subset_fonts: true,
            ..Default::default()
        },
        &mut Vec::new(),
    );
    Ok(bytes)
}

fn ops(
    page: &Page,
    number: usize,
    total: usize,
    regular: &printpdf::FontId,
    bold: &printpdf::FontId,
    measure: &mut fonts::Metrics,
) -> Vec<Op> {
    let mut ops = Vec::with_capacity(page.items.len() * 6);
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
    for item in &page.items {
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
                ..
            } => text(&mut ops, *x, *y, *size, *b, *c, s),
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
    ops
}
