//! The annex of the plan as the Giunta approves it: per area a table of its objectives,
//! period by period, with the period's total; a draft carries the problems that keep it from
//! approval. Laid out with the engine in `layout`, as the other reports are.

use std::collections::HashMap;

use super::layout::Align::{Center, Left, Right};
use super::layout::{
    Bounds, Flow, Furniture, Item, Layout, Row, BAND_FILL, BLUE, BODY, CONTENT_BOTTOM, CONTENT_TOP,
    INK, LEADING, MARGIN_X, PAD_Y, PAGE_W, RED, WHITE,
};
use super::Options;
use piano_domain::model::{format_hundredths, FullPlan};
use piano_domain::rules::{Report, Severity};

/// The annex's column headers, in its order.
pub const HEADERS: [&str; 6] = [
    "SERVIZIO ORGANIZZATIVO",
    "TIPOLOGIA OBIETTIVO (S sviluppo / M mantenimento)",
    "DESCRIZIONE OBIETTIVO",
    "RISULTATO ATTESO",
    "INDICATORE DI RISULTATO",
    "PESO DELL'OBIETTIVO PER L'AREA (VALORI IN PERCENTUALE)",
];

/// Column shares of the table's width, in the annex's order.
const COLUMNS: [f32; 6] = [0.14, 0.085, 0.245, 0.195, 0.205, 0.13];

/// Lays the plan out on pages, with the structure tree and the bookmarks.
///
/// Structure: Document → H1 (title), P (entity, approval) → per area an H2 and a Table whose
/// THead holds the six TH (scope Column) and whose TBody per period starts with the
/// period's TH (scope Row, spanning the six columns), then a TR of TD per objective, then the
/// total row. Repeated headers and "(segue)" bands on continuation pages are artifacts.
pub fn layout(plan: &FullPlan, report: &Report, options: &Options) -> Layout {
    let furniture = Furniture::of(&plan.plan);
    let mut flow = Flow::start(&furniture, options, COLUMNS);

    if options.draft {
        draft_notice(&mut flow, &furniture, report);
    }

    let header = flow.header_for(HEADERS);
    let header_h = header.height();
    let objectives: HashMap<piano_domain::ObjectiveId, &piano_domain::model::Objective> =
        plan.objectives.iter().map(|o| (o.id, o)).collect();
    let left = [Left, Center, Left, Left, Left, Right];
    let ink = [INK; 6];
    let row_h_total = LEADING + 2.0 * PAD_Y;

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
            flow.new_page(&furniture);
        } else if !starts_page {
            flow.y -= 8.0;
        }
        flow.mark(&area.name, 0);
        let heading = flow.node("H2", 0);
        flow.band(&area_title, 11.0, BLUE, WHITE, false, Some(heading));
        let table = flow.node("Table", 0);
        flow.table_head(table, &header);

        // A continuation page repeats the area band, the header and the period band, as
        // furniture: their text is tagged once, where it first appears.
        let continue_page = |flow: &mut Flow, period: Option<&str>| {
            flow.continuation(&furniture, &area_title, &header);
            if let Some(label) = period {
                flow.band(&format!("{label} (segue)"), 9.5, BAND_FILL, INK, true, None);
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
            let first_h = rows
                .first()
                .map_or(row_h_total, |r| r.height().min(3.0 * LEADING + 2.0 * PAD_Y));
            // A period band never ends a page: it goes over with its first row (and, for a
            // one-row period, with its total too).
            let with_total = if rows.len() <= 1 { row_h_total } else { 0.0 };
            if flow.room() < band_h + first_h + with_total {
                continue_page(&mut flow, None);
            }
            let body = flow.node("TBody", table);
            let band_row = flow.node("TR", body);
            let band_cell = flow.node("TH", band_row);
            flow.tree[band_cell].scope = Some("Row");
            flow.tree[band_cell].col_span = Some(6);
            flow.mark(&period.label, 1);
            flow.band(&period.label, 9.5, BAND_FILL, INK, true, Some(band_cell));
            if rows.is_empty() {
                let lines = flow.wrap_row(
                    ["", "", "Nessun obiettivo in questo periodo", "", "", ""],
                    false,
                    BODY,
                );
                let cells = flow.row_cells(body, "TD");
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
                    Some(cells),
                );
            }
            let fresh_room = CONTENT_TOP - CONTENT_BOTTOM - area_h - header_h - band_h;
            for (ri, row) in rows.iter().enumerate() {
                let cells = flow.row_cells(body, "TD");
                let h = row.height();
                // The total row never stands alone at the top of a page: the last row goes
                // over with it when both do not fit.
                let last = ri + 1 == rows.len();
                let need = if last && h + row_h_total <= fresh_room {
                    h + row_h_total
                } else {
                    h
                };
                if need > flow.room() && h <= fresh_room {
                    continue_page(&mut flow, Some(&period.label));
                }
                if h <= flow.room() {
                    flow.draw_row(row, 0, row.line_count(), BODY, left, ink, Some(cells));
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
                    flow.draw_row(row, from, to, BODY, left, ink, Some(cells));
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
            if row_h_total > flow.room() {
                continue_page(&mut flow, Some(&period.label));
            }
            flow.total_row(&label, &value, if ok { INK } else { RED }, body);
        }
    }
    flow.finish()
}

/// The draft's first-page notice: BOZZA and the problems that keep the plan from approval.
fn draft_notice(flow: &mut Flow, furniture: &Furniture, report: &Report) {
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
    let notice = flow.node("P", 0);
    flow.band(&heading, 11.0, (0.99, 0.92, 0.92), RED, true, Some(notice));
    let lines: Vec<String> = errors
        .iter()
        .map(|m| format!("• {m}"))
        .chain(warnings.iter().map(|m| format!("• Avviso: {m}")))
        .collect();
    let width = PAGE_W - 2.0 * MARGIN_X - 12.0;
    for line in lines {
        let para = flow.node("P", 0);
        for (i, part) in flow.regular.wrap(&line, 9.5, width).into_iter().enumerate() {
            if flow.room() < 14.0 {
                flow.new_page(furniture);
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
            flow.put(Item::Text {
                x: MARGIN_X + 6.0 + indent,
                y,
                size: 9.5,
                bold: false,
                color: RED,
                text: part,
                width: w,
                cell,
                node: Some(para),
                mcid: 0,
            });
            flow.y -= 13.0;
        }
    }
    flow.y -= 4.0;
}
