//! The annex's layout, independent of the PDF library: pass one places every band, header and
//! row on pages (points, origin bottom-left); pass two (in `mod.rs`) draws them, now knowing
//! the page count for "Pagina X di Y".

use std::collections::HashMap;

use super::fonts::{Metrics, BOLD, REGULAR};
use super::Options;
use crate::model::{format_hundredths, FullPlan};
use crate::rules::{Report, Severity};

pub const PAGE_W: f32 = 841.89;
pub const PAGE_H: f32 = 595.28;
pub const MARGIN_X: f32 = 34.0;
const CONTENT_TOP: f32 = PAGE_H - 74.0;
const CONTENT_BOTTOM: f32 = 50.0;
const BODY: f32 = 8.5;
const LEADING: f32 = 10.8;
const PAD_X: f32 = 4.0;
const PAD_Y: f32 = 4.0;
/// Column shares of the table's width, in the annex's order.
const COLUMNS: [f32; 6] = [0.14, 0.085, 0.245, 0.195, 0.205, 0.13];
pub const HEADERS: [&str; 6] = [
    "SERVIZIO ORGANIZZATIVO",
    "TIPOLOGIA OBIETTIVO (S sviluppo / M mantenimento)",
    "DESCRIZIONE OBIETTIVO",
    "RISULTATO ATTESO",
    "INDICATORE DI RISULTATO",
    "PESO DELL'OBIETTIVO PER L'AREA (VALORI IN PERCENTUALE)",
];

pub type Rgb = (f32, f32, f32);
pub const BLUE: Rgb = (0.0, 0.357, 0.702); // #005BB3: white on it is 6.6:1
pub const HEADER_FILL: Rgb = (0.859, 0.902, 0.949);
pub const BAND_FILL: Rgb = (0.933, 0.945, 0.961);
pub const INK: Rgb = (0.098, 0.129, 0.173);
pub const GRID: Rgb = (0.55, 0.6, 0.65);
pub const RED: Rgb = (0.70, 0.06, 0.06);
pub const WHITE: Rgb = (1.0, 1.0, 1.0);

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bounds {
    pub x: f32,
    pub y: f32,
    pub w: f32,
    pub h: f32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Center,
    Right,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    Rect {
        b: Bounds,
        fill: Option<Rgb>,
        stroke: Option<Rgb>,
    },
    Line {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
        color: Rgb,
    },
    /// One line of text at its baseline; `cell` is the box it must stay inside.
    Text {
        x: f32,
        y: f32,
        size: f32,
        bold: bool,
        color: Rgb,
        text: String,
        width: f32,
        cell: Bounds,
    },
    /// The page footer's numbering, filled in by pass two.
    PageNumber,
    /// BOZZA across the page.
    Watermark,
}

#[derive(Debug, Default, Clone, PartialEq)]
pub struct Page {
    pub items: Vec<Item>,
}

/// A table row ready to place: wrapped lines per column.
struct Row {
    lines: [Vec<String>; 6],
    bold: bool,
    fills: Option<Rgb>,
}

impl Row {
    fn line_count(&self) -> usize {
        self.lines.iter().map(Vec::len).max().unwrap_or(1).max(1)
    }
    fn height(&self) -> f32 {
        self.line_count() as f32 * LEADING + 2.0 * PAD_Y
    }
}

struct Flow<'a> {
    regular: Metrics,
    bold: Metrics,
    pages: Vec<Page>,
    y: f32,
    options: &'a Options,
    col_x: [f32; 7],
}

impl Flow<'_> {
    fn page(&mut self) -> &mut Page {
        self.pages.last_mut().expect("a page is open")
    }

    fn metrics(&mut self, bold: bool) -> &mut Metrics {
        if bold {
            &mut self.bold
        } else {
            &mut self.regular
        }
    }

    fn new_page(&mut self, plan: &FullPlan) {
        let mut page = Page::default();
        if self.options.draft {
            page.items.push(Item::Watermark);
        }
        self.pages.push(page);
        let full = Bounds {
            x: MARGIN_X,
            y: CONTENT_TOP,
            w: PAGE_W - 2.0 * MARGIN_X,
            h: PAGE_H - CONTENT_TOP,
        };
        let title = if self.options.draft {
            format!("{} – BOZZA", plan.plan.title)
        } else {
            plan.plan.title.clone()
        };
        self.text_centered(&title, 15.0, true, INK, PAGE_H - 36.0, full);
        let mut subtitle = plan.plan.entity.clone();
        if !plan.plan.approval.is_empty() {
            if !subtitle.is_empty() {
                subtitle.push_str(" – ");
            }
            subtitle.push_str(&plan.plan.approval);
        }
        if !subtitle.is_empty() {
            self.text_centered(&subtitle, 10.0, false, INK, PAGE_H - 52.0, full);
        }
        let foot = Bounds {
            x: MARGIN_X,
            y: 20.0,
            w: PAGE_W - 2.0 * MARGIN_X,
            h: 18.0,
        };
        self.page().items.push(Item::Line {
            x1: MARGIN_X,
            y1: 38.0,
            x2: PAGE_W - MARGIN_X,
            y2: 38.0,
            color: GRID,
        });
        let mut left = format!(
            "{} {}-{}",
            plan.plan.title, plan.plan.first_year, plan.plan.last_year
        );
        if plan.plan.title.contains(&plan.plan.first_year.to_string()) {
            left = plan.plan.title.clone();
        }
        if !plan.plan.entity.is_empty() {
            left = format!("{left} – {}", plan.plan.entity);
        }
        let left = self.fit(&left, 8.0, false, foot.w * 0.7);
        let w = self.regular.width(&left, 8.0);
        self.page().items.push(Item::Text {
            x: MARGIN_X,
            y: 26.0,
            size: 8.0,
            bold: false,
            color: INK,
            text: left,
            width: w,
            cell: foot,
        });
        self.page().items.push(Item::PageNumber);
        self.y = CONTENT_TOP;
    }

    /// Shortens a one-line text with «…» to fit `width`.
    fn fit(&mut self, text: &str, size: f32, bold: bool, width: f32) -> String {
        let m = self.metrics(bold);
        let mut t = m.printable(text).replace('\n', " ");
        if m.width(&t, size) <= width {
            return t;
        }
        while !t.is_empty() && m.width(&format!("{t}…"), size) > width {
            t.pop();
        }
        format!("{t}…")
    }

    fn text_centered(
        &mut self,
        text: &str,
        size: f32,
        bold: bool,
        color: Rgb,
        y: f32,
        cell: Bounds,
    ) {
        let text = self.fit(text, size, bold, cell.w);
        let w = self.metrics(bold).width(&text, size);
        let x = cell.x + (cell.w - w) / 2.0;
        self.page().items.push(Item::Text {
            x,
            y,
            size,
            bold,
            color,
            text,
            width: w,
            cell,
        });
    }

    /// A full-width band (area, period, problems): wrapped text on a fill.
    fn band(&mut self, text: &str, size: f32, fill: Rgb, color: Rgb, stroke: bool) {
        let x = MARGIN_X;
        let w = PAGE_W - 2.0 * MARGIN_X;
        let lines = self.metrics(true).wrap(text, size, w - 2.0 * 6.0);
        let lead = size * 1.25;
        let h = lines.len() as f32 * lead + 10.0;
        let b = Bounds {
            x,
            y: self.y - h,
            w,
            h,
        };
        self.page().items.push(Item::Rect {
            b,
            fill: Some(fill),
            stroke: stroke.then_some(GRID),
        });
        for (i, line) in lines.into_iter().enumerate() {
            let width = self.bold.width(&line, size);
            let baseline = self.y - 5.0 - i as f32 * lead - lead * 0.8;
            self.page().items.push(Item::Text {
                x: x + 6.0,
                y: baseline,
                size,
                bold: true,
                color,
                text: line,
                width,
                cell: b,
            });
        }
        self.y -= h;
    }

    fn band_height(&mut self, text: &str, size: f32) -> f32 {
        let w = PAGE_W - 2.0 * MARGIN_X - 12.0;
        self.bold.wrap(text, size, w).len() as f32 * size * 1.25 + 10.0
    }

    fn wrap_row(&mut self, cells: [&str; 6], bold: bool, size: f32) -> [Vec<String>; 6] {
        let widths: Vec<f32> = (0..6)
            .map(|i| self.col_x[i + 1] - self.col_x[i] - 2.0 * PAD_X)
            .collect();
        let m = self.metrics(bold);
        std::array::from_fn(|i| m.wrap(cells[i], size, widths[i]))
    }

    fn header_row(&mut self) -> Row {
        let lines = self.wrap_row(HEADERS, true, 7.0);
        Row {
            lines,
            bold: true,
            fills: Some(HEADER_FILL),
        }
    }

    /// Draws `row`'s lines `from..to` (a whole row, or one slice of a row taller than a page).
    fn draw_row(
        &mut self,
        row: &Row,
        from: usize,
        to: usize,
        size: f32,
        aligns: [Align; 6],
        colors: [Rgb; 6],
    ) {
        let n = to - from;
        let h = n as f32 * LEADING + 2.0 * PAD_Y;
        let top = self.y;
        for col in 0..6 {
            let b = Bounds {
                x: self.col_x[col],
                y: top - h,
                w: self.col_x[col + 1] - self.col_x[col],
                h,
            };
            self.page().items.push(Item::Rect {
                b,
                fill: row.fills,
                stroke: Some(GRID),
            });
            let lines = &row.lines[col];
            // Header cells are centred vertically; body cells start at the top.
            let offset = if row.bold && row.fills == Some(HEADER_FILL) {
                (n.saturating_sub(lines.len())) as f32 * LEADING / 2.0
            } else {
                0.0
            };
            for (i, line) in lines
                .iter()
                .enumerate()
                .take(to.min(lines.len()))
                .skip(from)
            {
                let width = self.metrics(row.bold).width(line, size);
                let x = match aligns[col] {
                    Align::Left => b.x + PAD_X,
                    Align::Center => b.x + (b.w - width) / 2.0,
                    Align::Right => b.x + b.w - PAD_X - width,
                };
                let baseline = top - PAD_Y - offset - (i - from) as f32 * LEADING - LEADING * 0.78;
                self.page().items.push(Item::Text {
                    x,
                    y: baseline,
                    size,
                    bold: row.bold,
                    color: colors[col],
                    text: line.clone(),
                    width,
                    cell: b,
                });
            }
        }
        self.y -= h;
    }

    /// The period's total: one merged cell for the label, then the weight column.
    fn total_row(&mut self, label: &str, value: &str, color: Rgb) {
        let h = LEADING + 2.0 * PAD_Y;
        let top = self.y;
        let baseline = top - PAD_Y - LEADING * 0.78;
        let cells = [
            (
                Bounds {
                    x: self.col_x[0],
                    y: top - h,
                    w: self.col_x[5] - self.col_x[0],
                    h,
                },
                label,
                INK,
            ),
            (
                Bounds {
                    x: self.col_x[5],
                    y: top - h,
                    w: self.col_x[6] - self.col_x[5],
                    h,
                },
                value,
                color,
            ),
        ];
        for (b, text, c) in cells {
            self.page().items.push(Item::Rect {
                b,
                fill: Some(BAND_FILL),
                stroke: Some(GRID),
            });
            let text = self.fit(text, BODY, true, b.w - 2.0 * PAD_X);
            let width = self.bold.width(&text, BODY);
            self.page().items.push(Item::Text {
                x: b.x + b.w - PAD_X - width,
                y: baseline,
                size: BODY,
                bold: true,
                color: c,
                text,
                width,
                cell: b,
            });
        }
        self.y -= h;
    }

    fn room(&self) -> f32 {
        self.y - CONTENT_BOTTOM
    }
}

/// Lays the plan out on pages.
pub fn layout(plan: &FullPlan, report: &Report, options: &Options) -> Vec<Page> {
    let width = PAGE_W - 2.0 * MARGIN_X;
    let mut col_x = [MARGIN_X; 7];
    for i in 0..6 {
        col_x[i + 1] = col_x[i] + COLUMNS[i] * width;
    }
    col_x[6] = PAGE_W - MARGIN_X;
    let mut flow = Flow {
        regular: Metrics::new(REGULAR),
        bold: Metrics::new(BOLD),
        pages: Vec::new(),
        y: 0.0,
        options,
        col_x,
    };
    flow.new_page(plan);

    if options.draft {
        draft_notice(&mut flow, plan, report);
    }

    let header = flow.header_row();
    let header_h = header.height();
    let objectives: HashMap<i64, &crate::model::Objective> =
        plan.objectives.iter().map(|o| (o.id, o)).collect();
    let left = [
        Align::Left,
        Align::Center,
        Align::Left,
        Align::Left,
        Align::Left,
        Align::Right,
    ];
    let ink = [INK; 6];

    for (ai, area) in plan.areas.iter().enumerate() {
        let mut area_title = area.name.clone();
        if !area.manager.is_empty() {
            area_title.push_str(&format!(" – Responsabile: {}", area.manager));
        }
        let area_h = flow.band_height(&area_title, 11.0);
        let first_period_h = plan
            .periods
            .first()
            .map_or(0.0, |p| flow.band_height(&p.label, 9.5));
        let starts_page = flow.y == CONTENT_TOP;
        let needs_page = if ai > 0 && options.page_per_area {
            !starts_page
        } else {
            flow.room() < area_h + 8.0 + header_h + first_period_h + 3.0 * LEADING
        };
        if needs_page {
            flow.new_page(plan);
        } else if !starts_page {
            flow.y -= 8.0;
        }
        flow.band(&area_title, 11.0, BLUE, WHITE, false);
        flow.draw_row(
            &header,
            0,
            header.line_count(),
            7.0,
            [Align::Center; 6],
            ink,
        );

        let continue_page = |flow: &mut Flow, period: Option<&str>| {
            flow.new_page(plan);
            flow.band(&format!("{area_title} (segue)"), 11.0, BLUE, WHITE, false);
            flow.draw_row(
                &header,
                0,
                header.line_count(),
                7.0,
                [Align::Center; 6],
                ink,
            );
            if let Some(label) = period {
                flow.band(&format!("{label} (segue)"), 9.5, BAND_FILL, INK, true);
            }
        };

        for period in &plan.periods {
            let rows: Vec<Row> = plan
                .cell(area.id, period.id)
                .filter_map(|p| {
                    let o = objectives.get(&p.objective_id)?;
                    let weight = format!("{}%", p.weight.to_italian());
                    let t = &o.text;
                    let lines = flow.wrap_row(
                        [
                            &t.service,
                            t.kind.as_str(),
                            &t.description,
                            &t.expected_result,
                            &t.indicator,
                            &weight,
                        ],
                        false,
                        BODY,
                    );
                    Some(Row {
                        lines,
                        bold: false,
                        fills: None,
                    })
                })
                .collect();
            let band_h = flow.band_height(&period.label, 9.5);
            let first_h = rows.first().map_or(LEADING + 2.0 * PAD_Y, |r| {
                r.height().min(3.0 * LEADING + 2.0 * PAD_Y)
            });
            if flow.room() < band_h + first_h {
                continue_page(&mut flow, None);
            }
            flow.band(&period.label, 9.5, BAND_FILL, INK, true);
            if rows.is_empty() {
                let lines = flow.wrap_row(
                    ["", "", "Nessun obiettivo in questo periodo", "", "", ""],
                    false,
                    BODY,
                );
                flow.draw_row(
                    &Row {
                        lines,
                        bold: false,
                        fills: None,
                    },
                    0,
                    1,
                    BODY,
                    left,
                    ink,
                );
            }
            let fresh_room = CONTENT_TOP - CONTENT_BOTTOM - area_h - header_h - band_h;
            for row in &rows {
                let h = row.height();
                if h > flow.room() && h <= fresh_room {
                    continue_page(&mut flow, Some(&period.label));
                }
                if h <= flow.room() {
                    flow.draw_row(row, 0, row.line_count(), BODY, left, ink);
                    continue;
                }
                // Taller than a page: split it, as few times as possible.
                let mut from = 0;
                while from < row.line_count() {
                    let fit = ((flow.room() - 2.0 * PAD_Y) / LEADING).floor().max(0.0) as usize;
                    if fit == 0 {
                        continue_page(&mut flow, Some(&period.label));
                        continue;
                    }
                    let to = (from + fit).min(row.line_count());
                    flow.draw_row(row, from, to, BODY, left, ink);
                    from = to;
                    if from < row.line_count() {
                        continue_page(&mut flow, Some(&period.label));
                    }
                }
            }
            let total = report.total(area.id, period.id).map_or(0, |t| t.total);
            let ok = total == 10_000;
            let label = format!("Totale {}", period.label);
            let value = format!("{}%", format_hundredths(total.into()));
            let total_h = LEADING + 2.0 * PAD_Y;
            if total_h > flow.room() {
                continue_page(&mut flow, Some(&period.label));
            }
            flow.total_row(&label, &value, if ok { INK } else { RED });
        }
    }
    flow.pages
}

/// The draft's first-page notice: BOZZA and the problems that keep the plan from approval.
fn draft_notice(flow: &mut Flow, plan: &FullPlan, report: &Report) {
    let errors: Vec<&str> = report
        .problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .map(|p| p.message.as_str())
        .collect();
    let warnings: Vec<&str> = report
        .problems
        .iter()
        .filter(|p| p.severity == Severity::Warning)
        .map(|p| p.message.as_str())
        .collect();
    let heading = if errors.is_empty() {
        "BOZZA – documento di lavoro, non ancora approvato.".to_string()
    } else {
        format!(
            "BOZZA – il piano non può essere approvato così: {} da correggere.",
            if errors.len() == 1 {
                "1 problema".to_string()
            } else {
                format!("{} problemi", errors.len())
            }
        )
    };
    flow.band(&heading, 11.0, (0.99, 0.92, 0.92), RED, true);
    let lines: Vec<String> = errors
        .iter()
        .map(|m| format!("• {m}"))
        .chain(warnings.iter().map(|m| format!("• Avviso: {m}")))
        .collect();
    let width = PAGE_W - 2.0 * MARGIN_X - 12.0;
    for line in lines {
        for (i, part) in flow.regular.wrap(&line, 9.5, width).into_iter().enumerate() {
            if flow.room() < 14.0 {
                flow.new_page(plan);
            }
            let indent = if i == 0 { 0.0 } else { 8.0 };
            let w = flow.regular.width(&part, 9.5);
            let cell = Bounds {
                x: MARGIN_X,
                y: flow.y - 13.0,
                w: PAGE_W - 2.0 * MARGIN_X,
                h: 13.0,
            };
            let y = flow.y - 10.0;
            flow.page().items.push(Item::Text {
                x: MARGIN_X + 6.0 + indent,
                y,
                size: 9.5,
                bold: false,
                color: RED,
                text: part,
                width: w,
                cell,
            });
            flow.y -= 13.0;
        }
    }
    flow.y -= 4.0;
}
