//! A draft (`crate::drafts::Doc`) as PDF/A to read: the same blocks as the DOCX, laid out on
//! the page engine's items. Headings are H1/H2/H3 with bookmarks, tables are tagged
//! Table/THead/TBody with the header repeated (as an artifact) on every page they run onto,
//! charts are vector (rectangles and text) inside a Figure whose Alt gives every number.
//! The contents list gives each heading's page: the draft is laid out twice, the second time
//! with the pages the first found (the list takes the same room both times).

use super::fonts::{Metrics, BOLD, REGULAR};
use super::layout::{
    add_node, document_tree, footer_rule, place, Bounds, Item, Layout, Mark, Node, Page, Rgb,
    BAND_FILL, BLUE, FOOTER, GRID, HEADER_FILL, INK, MARGIN_X, PAGE_H, PAGE_W, RED,
};
use super::{draw, Options};
use crate::charts::{self, Body, Chart};
use crate::drafts::{Block, Doc};
use piano_domain::error::Result;

const TOP: f32 = PAGE_H - 40.0;
const BOTTOM: f32 = 50.0;
const WIDTH: f32 = PAGE_W - 2.0 * MARGIN_X;
const SIZE: f32 = 9.5;
const LEAD: f32 = 12.5;
const CELL: f32 = 8.0;
const CELL_LEAD: f32 = 10.2;
const PAD: f32 = 3.5;

/// The draft as PDF/A-2a bytes.
pub fn render(doc: &Doc, options: &Options) -> Result<Vec<u8>> {
    let (_, pages) = lay_out(doc, None);
    let (laid, _) = lay_out(doc, Some(&pages));
    let furniture = super::layout::Furniture {
        title: doc.title.clone(),
        entity: doc.subtitle.clone(),
        caption: String::new(),
        years: (0, 0),
    };
    draw(&laid, &furniture, &doc.title, &doc.footer, options)
}

struct Flow {
    regular: Metrics,
    bold: Metrics,
    pages: Vec<Page>,
    y: f32,
    tree: Vec<Node>,
    outline: Vec<Mark>,
    footer: String,
    title: String,
}

fn hex(c: &str) -> Rgb {
    let v = |i: usize| {
        u8::from_str_radix(c.get(i..i + 2).unwrap_or("ff"), 16).unwrap_or(255) as f32 / 255.0
    };
    (v(1), v(3), v(5))
}

/// Shortens a label with «…» to fit `width`.
fn fit(m: &mut Metrics, text: &str, size: f32, width: f32) -> String {
    let mut t = m.printable(text);
    if m.width(&t, size) <= width {
        return t;
    }
    while !t.is_empty() && m.width(&format!("{t}…"), size) > width {
        t.pop();
    }
    format!("{}…", t.trim_end())
}

/// Lays the draft out; returns it and the page (0-based) of each heading, in order.
fn lay_out(doc: &Doc, heading_pages: Option<&[usize]>) -> (Layout, Vec<usize>) {
    let mut f = Flow {
        regular: Metrics::new(REGULAR),
        bold: Metrics::new(BOLD),
        pages: Vec::new(),
        y: TOP,
        tree: document_tree(),
        outline: Vec::new(),
        footer: doc.footer.clone(),
        title: doc.title.clone(),
    };
    f.new_page();
    let h = f.node("H1", 0);
    f.lines(&doc.title, 16.0, true, INK, h, 20.0);
    if !doc.subtitle.is_empty() {
        let p = f.node("P", 0);
        f.lines(&doc.subtitle, 10.5, false, INK, p, 14.0);
    }
    f.y -= 8.0;
    let mut found = Vec::new();
    for b in &doc.blocks {
        match b {
            Block::Heading(level, t) => {
                // A heading never ends a page alone.
                f.ensure(60.0);
                f.y -= if *level <= 1 { 10.0 } else { 6.0 };
                f.outline.push(Mark {
                    title: t.clone(),
                    level: level.saturating_sub(1),
                    page: f.pages.len() - 1,
                    top: f.y,
                });
                found.push(f.pages.len() - 1);
                let n = f.node(if *level <= 1 { "H2" } else { "H3" }, 0);
                let (size, colour) = if *level <= 1 {
                    (13.0, BLUE)
                } else {
                    (11.0, INK)
                };
                f.lines(t, size, true, colour, n, size * 1.3);
                f.y -= 3.0;
            }
            Block::Para(t) => {
                let n = f.node("P", 0);
                f.lines(t, SIZE, false, INK, n, LEAD);
                f.y -= 4.0;
            }
            Block::Placeholder(t) => {
                let n = f.node("P", 0);
                f.lines(&Doc::placeholder_text(t), SIZE, true, RED, n, LEAD);
                f.y -= 4.0;
            }
            Block::Table {
                header,
                rows,
                widths,
            } => f.table(header, rows, widths),
            Block::Chart(c) => f.chart(c),
            Block::Contents => {
                let n = f.node("P", 0);
                f.lines("Indice", 12.0, true, INK, n, 16.0);
                let list = f.node("L", 0);
                for (k, (level, t)) in doc.headings().into_iter().enumerate() {
                    let page = heading_pages
                        .and_then(|p| p.get(k))
                        .map(|p| (p + 1).to_string())
                        .unwrap_or_default();
                    let indent = if level <= 1 { "" } else { "    " };
                    let li = f.node("LI", list);
                    let body = f.node("LBody", li);
                    f.lines(
                        &format!("{indent}{t} – pagina {page}"),
                        SIZE,
                        level <= 1,
                        INK,
                        body,
                        LEAD,
                    );
                }
                f.y -= 6.0;
            }
        }
    }
    (
        Layout {
            pages: f.pages,
            tree: f.tree,
            outline: f.outline,
        },
        found,
    )
}

impl Flow {
    fn page(&mut self) -> &mut Page {
        self.pages.last_mut().expect("a page is open")
    }

    fn node(&mut self, tag: &'static str, parent: usize) -> usize {
        add_node(&mut self.tree, tag, parent)
    }

    fn put(&mut self, item: Item) {
        place(&mut self.pages, &mut self.tree, item);
    }

    /// A chart row's label, fitted to the label column and set flush right against the bars.
    fn chart_label(&mut self, x0: f32, y: f32, label: &str, frame: Bounds, fig: usize) {
        let label = fit(&mut self.regular, label, 9.0, charts::LABEL_W - 14.0);
        let lw = self.regular.width(&label, 9.0);
        let x = x0 + charts::LABEL_W - 8.0 - lw;
        self.text(x, y, 9.0, false, INK, label, frame, Some(fig));
    }

    #[allow(clippy::too_many_arguments)]
    fn text(
        &mut self,
        x: f32,
        y: f32,
        size: f32,
        bold: bool,
        color: Rgb,
        text: String,
        cell: Bounds,
        node: Option<usize>,
    ) {
        let m = if bold {
            &mut self.bold
        } else {
            &mut self.regular
        };
        let text = m.printable(&text);
        let width = m.width(&text, size);
        self.put(Item::Text {
            x,
            y,
            size,
            bold,
            color,
            text,
            width,
            cell,
            node,
            mcid: 0,
        });
    }

    fn new_page(&mut self) {
        self.pages.push(Page::default());
        self.page().items.push(footer_rule());
        let footer = self.footer.clone();
        self.text(MARGIN_X, 26.0, 8.0, false, INK, footer, FOOTER, None);
        self.page().items.push(Item::PageNumber);
        if self.pages.len() > 1 {
            let title = self.title.clone();
            let top = Bounds {
                x: MARGIN_X,
                y: PAGE_H - 30.0,
                w: WIDTH,
                h: 14.0,
            };
            self.text(MARGIN_X, PAGE_H - 26.0, 8.0, false, INK, title, top, None);
        }
        self.y = TOP;
    }

    fn ensure(&mut self, h: f32) {
        if self.y - h < BOTTOM {
            self.new_page();
        }
    }

    /// Wrapped lines across the text width, each tagged as `node`.
    fn lines(&mut self, t: &str, size: f32, bold: bool, color: Rgb, node: usize, lead: f32) {
        let m = if bold {
            &mut self.bold
        } else {
            &mut self.regular
        };
        let mut wrapped = Vec::new();
        for part in t.split('\n') {
            wrapped.extend(m.wrap(part, size, WIDTH));
        }
        for line in wrapped {
            self.ensure(lead);
            let cell = Bounds {
                x: MARGIN_X,
                y: self.y - lead,
                w: WIDTH,
                h: lead,
            };
            let y = self.y - lead * 0.8;
            self.text(MARGIN_X, y, size, bold, color, line, cell, Some(node));
            self.y -= lead;
        }
    }

    fn wrap_cells(&mut self, cells: &[String], xs: &[(f32, f32)], bold: bool) -> Vec<Vec<String>> {
        let m = if bold {
            &mut self.bold
        } else {
            &mut self.regular
        };
        cells
            .iter()
            .zip(xs)
            .map(|(c, (_, w))| {
                let mut out = Vec::new();
                for part in c.split('\n') {
                    out.extend(m.wrap(part, CELL, w - 2.0 * PAD));
                }
                out
            })
            .collect()
    }

    /// One row of cells at the current y: grid, fill, text (tagged under `tr` when given).
    fn row(&mut self, lines: &[Vec<String>], xs: &[(f32, f32)], head: bool, tr: Option<usize>) {
        let n = lines.iter().map(Vec::len).max().unwrap_or(1).max(1);
        let h = n as f32 * CELL_LEAD + 2.0 * PAD;
        for (k, ((x, w), cell_lines)) in xs.iter().zip(lines).enumerate() {
            let b = Bounds {
                x: *x,
                y: self.y - h,
                w: *w,
                h,
            };
            self.page().items.push(Item::Rect {
                b,
                fill: head.then_some(HEADER_FILL),
                stroke: Some(GRID),
            });
            let cell = tr.map(|tr| {
                let c = self.node(if head { "TH" } else { "TD" }, tr);
                if head {
                    self.tree[c].scope = Some("Column");
                }
                c
            });
            for (i, line) in cell_lines.iter().enumerate() {
                let y = self.y - PAD - (i as f32 + 0.8) * CELL_LEAD;
                self.text(x + PAD, y, CELL, head, INK, line.clone(), b, cell);
            }
            let _ = k;
        }
        self.y -= h;
    }

    fn table(&mut self, header: &[String], rows: &[Vec<String>], widths: &[u32]) {
        let total: u32 = widths.iter().sum::<u32>().max(1);
        let mut xs = Vec::with_capacity(widths.len());
        let mut x = MARGIN_X;
        for w in widths {
            let w = WIDTH * *w as f32 / total as f32;
            xs.push((x, w));
            x += w;
        }
        let head_lines = self.wrap_cells(header, &xs, true);
        let head_h =
            head_lines.iter().map(Vec::len).max().unwrap_or(1) as f32 * CELL_LEAD + 2.0 * PAD;
        let table = self.node("Table", 0);
        let thead = self.node("THead", table);
        let tbody = self.node("TBody", table);
        self.ensure(head_h + 30.0);
        let tr = self.node("TR", thead);
        self.row(&head_lines, &xs, true, Some(tr));
        for r in rows {
            let lines = self.wrap_cells(r, &xs, false);
            let h = lines.iter().map(Vec::len).max().unwrap_or(1) as f32 * CELL_LEAD + 2.0 * PAD;
            if self.y - h < BOTTOM {
                self.new_page();
                // The header again, as furniture: it was tagged where it first appeared.
                self.row(&head_lines, &xs, true, None);
            }
            let tr = self.node("TR", tbody);
            self.row(&lines, &xs, false, Some(tr));
        }
        self.y -= 8.0;
    }

    /// The chart drawn with the SVG's geometry (CSS pixels as points), in a Figure.
    fn chart(&mut self, c: &Chart) {
        let height = match &c.body {
            Body::Bars { bars, guides, .. } => {
                charts::TOP
                    + bars.len().max(1) as f32 * charts::ROW_H
                    + if guides.is_empty() { 12.0 } else { 34.0 }
            }
            Body::Lights { rows, .. } => {
                charts::TOP + 24.0 + rows.len().max(1) as f32 * charts::ROW_H + 8.0
            }
        };
        self.ensure(height);
        let fig = self.node("Figure", 0);
        self.tree[fig].alt = Some(c.alt());
        let top = self.y;
        let x0 = MARGIN_X;
        let at = |y: f32| top - y;
        let frame = Bounds {
            x: x0,
            y: top - height,
            w: charts::WIDTH,
            h: height,
        };
        self.page().items.push(Item::Rect {
            b: frame,
            fill: Some(BAND_FILL),
            stroke: None,
        });
        self.text(
            x0 + 8.0,
            at(22.0),
            11.0,
            true,
            INK,
            c.title.clone(),
            frame,
            Some(fig),
        );
        match &c.body {
            Body::Bars { bars, max, guides } => {
                let scale = charts::BAR_W / (*max).max(1) as f32;
                for (i, b) in bars.iter().enumerate() {
                    let y = charts::TOP + i as f32 * charts::ROW_H;
                    let w = b.value as f32 * scale;
                    self.chart_label(x0, at(y + 19.0), &b.label, frame, fig);
                    self.page().items.push(Item::Rect {
                        b: Bounds {
                            x: x0 + charts::LABEL_W,
                            y: at(y + 6.0 + charts::ROW_H - 12.0),
                            w: w.max(0.5),
                            h: charts::ROW_H - 12.0,
                        },
                        fill: Some(BLUE),
                        stroke: None,
                    });
                    self.text(
                        x0 + charts::LABEL_W + w + 6.0,
                        at(y + 19.0),
                        9.0,
                        true,
                        INK,
                        b.text.clone(),
                        frame,
                        Some(fig),
                    );
                }
                let bottom = charts::TOP + bars.len().max(1) as f32 * charts::ROW_H;
                self.page().items.push(Item::Line {
                    x1: x0 + charts::LABEL_W,
                    y1: at(charts::TOP - 2.0),
                    x2: x0 + charts::LABEL_W,
                    y2: at(bottom),
                    color: GRID,
                });
                for (k, (v, label)) in guides.iter().enumerate() {
                    let x = x0 + charts::LABEL_W + *v as f32 * scale;
                    self.page().items.push(Item::Line {
                        x1: x,
                        y1: at(charts::TOP - 2.0),
                        x2: x,
                        y2: at(bottom + 4.0),
                        color: GRID,
                    });
                    let w = self.regular.width(label, 8.0);
                    self.text(
                        x - w / 2.0,
                        at(bottom + 16.0 + (k % 2) as f32 * 12.0),
                        8.0,
                        false,
                        INK,
                        label.clone(),
                        frame,
                        Some(fig),
                    );
                }
            }
            Body::Lights { columns, rows } => {
                let col_w = (charts::WIDTH - charts::LABEL_W - 8.0) / columns.len().max(1) as f32;
                for (j, col) in columns.iter().enumerate() {
                    self.text(
                        x0 + charts::LABEL_W + j as f32 * col_w,
                        at(charts::TOP + 10.0),
                        9.0,
                        true,
                        INK,
                        col.clone(),
                        frame,
                        Some(fig),
                    );
                }
                for (i, r) in rows.iter().enumerate() {
                    let y = charts::TOP + 24.0 + i as f32 * charts::ROW_H;
                    self.chart_label(x0, at(y + 15.0), &r.label, frame, fig);
                    for (j, l) in r.lights.iter().enumerate() {
                        let x = x0 + charts::LABEL_W + j as f32 * col_w;
                        self.page().items.push(Item::Rect {
                            b: Bounds {
                                x,
                                y: at(y + 18.0),
                                w: 14.0,
                                h: 14.0,
                            },
                            fill: Some(hex(charts::light_colour(l))),
                            stroke: Some(INK),
                        });
                        self.text(
                            x + 20.0,
                            at(y + 15.0),
                            9.0,
                            false,
                            INK,
                            charts::light_word(l).to_string(),
                            frame,
                            Some(fig),
                        );
                    }
                }
            }
        }
        self.y = top - height - 10.0;
    }
}
