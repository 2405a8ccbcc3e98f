//! The page engine, independent of the PDF library: pass one places every band, header and
//! row on pages (points, origin bottom-left), with the page furniture, the structure tree and
//! the bookmarks; pass two (in `mod.rs`) draws them, now knowing the page count for "Pagina X
//! di Y". The reports (`annex`, `results`, `monitoring`, `evaluation`, `changes`) lay
//! themselves out with it.

use super::fonts::{Metrics, BOLD, REGULAR};
use super::Options;

pub const PAGE_W: f32 = 841.89;
pub const PAGE_H: f32 = 595.28;
pub const MARGIN_X: f32 = 34.0;
pub(super) const CONTENT_TOP: f32 = PAGE_H - 74.0;
pub(super) const CONTENT_BOTTOM: f32 = 50.0;
pub(super) const BODY: f32 = 8.5;
pub(super) const LEADING: f32 = 10.8;
const PAD_X: f32 = 4.0;
pub(super) const PAD_Y: f32 = 4.0;

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
    /// One line of text at its baseline; `cell` is the box it must stay inside. `node` is
    /// the structure element it belongs to (None: page furniture, an artifact) and `mcid`
    /// its marked-content id on the page.
    Text {
        x: f32,
        y: f32,
        size: f32,
        bold: bool,
        color: Rgb,
        text: String,
        width: f32,
        cell: Bounds,
        node: Option<usize>,
        mcid: u32,
    },
    /// The page footer's numbering, filled in by pass two.
    PageNumber,
    /// BOZZA across the page.
    Watermark,
}

#[derive(Debug, Default, Clone, PartialEq)]
pub struct Page {
    pub items: Vec<Item>,
    /// The next marked-content id on this page.
    next_mcid: u32,
}

/// What a structure element holds, in reading order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kid {
    Node(usize),
    /// Marked content: page index (0-based) and its id there.
    Content {
        page: usize,
        mcid: u32,
    },
}

/// One element of the structure tree (PDF/UA roles: Document, H1, H2, P, Table, THead,
/// TBody, TR, TH, TD). Node 0 is the Document.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub tag: &'static str,
    pub parent: Option<usize>,
    pub kids: Vec<Kid>,
    /// TH's Scope attribute ("Column", "Row").
    pub scope: Option<&'static str>,
    /// A cell spanning several columns.
    pub col_span: Option<u32>,
    /// A Figure's alternative text (the chart's numbers in words).
    pub alt: Option<String>,
}

/// A bookmark: an area (level 0) or one of its periods (level 1), and the page it opens.
#[derive(Debug, Clone, PartialEq)]
pub struct Mark {
    pub title: String,
    pub level: u8,
    pub page: usize,
    /// The top of the band on that page, in points from the bottom.
    pub top: f32,
}

/// The laid-out annex: pages to draw, the structure tree that tags them, the bookmarks.
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    pub pages: Vec<Page>,
    pub tree: Vec<Node>,
    pub outline: Vec<Mark>,
}

/// A table row ready to place: wrapped lines per column.
pub(super) struct Row<const N: usize = 6> {
    pub(super) lines: [Vec<String>; N],
    pub(super) bold: bool,
    pub(super) fills: Option<Rgb>,
}

impl<const N: usize> Row<N> {
    pub(super) fn line_count(&self) -> usize {
        self.lines.iter().map(Vec::len).max().unwrap_or(1).max(1)
    }
    pub(super) fn height(&self) -> f32 {
        self.line_count() as f32 * LEADING + 2.0 * PAD_Y
    }
}

/// What every page of a document carries around its content: the title and, under it, the
/// entity and a caption (the approving act, the versions compared…); the footer repeats the
/// title with the years.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Furniture {
    pub title: String,
    pub entity: String,
    pub caption: String,
    pub years: (i32, i32),
}

impl Furniture {
    /// A plan's own: its title, entity, approval and years.
    pub fn of(plan: &piano_domain::model::Plan) -> Furniture {
        Furniture {
            title: plan.title.clone(),
            entity: plan.entity.clone(),
            caption: plan.approval.clone(),
            years: (plan.first_year, plan.last_year),
        }
    }
}

impl Node {
    /// An element with no attributes and no kids yet, under `parent` (None: the root).
    fn new(tag: &'static str, parent: Option<usize>) -> Node {
        Node {
            tag,
            parent,
            kids: Vec::new(),
            scope: None,
            col_span: None,
            alt: None,
        }
    }
}

/// A structure tree holding its root, the Document element.
pub(super) fn document_tree() -> Vec<Node> {
    vec![Node::new("Document", None)]
}

/// Where every page's footer line is written: under the rule, across the text width.
pub(super) const FOOTER: Bounds = Bounds {
    x: MARGIN_X,
    y: 20.0,
    w: PAGE_W - 2.0 * MARGIN_X,
    h: 18.0,
};

/// The rule above every page's footer.
pub(super) fn footer_rule() -> Item {
    Item::Line {
        x1: MARGIN_X,
        y1: 38.0,
        x2: PAGE_W - MARGIN_X,
        y2: 38.0,
        color: GRID,
    }
}

/// A new structure element under `parent`, appended to its kids; its index.
pub(super) fn add_node(tree: &mut Vec<Node>, tag: &'static str, parent: usize) -> usize {
    let id = tree.len();
    tree.push(Node::new(tag, Some(parent)));
    tree[parent].kids.push(Kid::Node(id));
    id
}

/// Places an item on the last page; text that belongs to an element gets the page's next
/// marked-content id, recorded in the element. The lines of one element drawn one after the
/// other share one marked-content sequence: fewer ids, a smaller parent tree.
pub(super) fn place(pages: &mut [Page], tree: &mut [Node], mut item: Item) {
    let page = pages.len() - 1;
    let p = pages.last_mut().expect("a page is open");
    if let Item::Text {
        node: Some(n),
        mcid,
        ..
    } = &mut item
    {
        match p.items.last() {
            Some(Item::Text {
                node: Some(m),
                mcid: prev,
                ..
            }) if m == n => *mcid = *prev,
            _ => {
                *mcid = p.next_mcid;
                p.next_mcid += 1;
                tree[*n].kids.push(Kid::Content { page, mcid: *mcid });
            }
        }
    }
    p.items.push(item);
}

/// The page flow shared by every report: page furniture, bands, rows of `N` columns (six in
/// the annex), the structure tree and the bookmarks.
pub(super) struct Flow<'a, const N: usize = 6> {
    pub(super) regular: Metrics,
    bold: Metrics,
    pages: Vec<Page>,
    pub(super) y: f32,
    options: &'a Options,
    /// Where each column starts; the last ends at `right`.
    col_x: [f32; N],
    right: f32,
    pub(super) tree: Vec<Node>,
    outline: Vec<Mark>,
}

impl<const N: usize> Flow<'_, N> {
    fn page(&mut self) -> &mut Page {
        self.pages.last_mut().expect("a page is open")
    }

    /// A new structure element, appended to its parent's kids.
    pub(super) fn node(&mut self, tag: &'static str, parent: usize) -> usize {
        add_node(&mut self.tree, tag, parent)
    }

    /// Places an item on the current page (`place`).
    pub(super) fn put(&mut self, item: Item) {
        place(&mut self.pages, &mut self.tree, item);
    }

    pub(super) fn mark(&mut self, title: &str, level: u8) {
        let page = self.pages.len() - 1;
        self.outline.push(Mark {
            title: title.to_string(),
            level,
            page,
            top: self.y,
        });
    }

    fn metrics(&mut self, bold: bool) -> &mut Metrics {
        if bold {
            &mut self.bold
        } else {
            &mut self.regular
        }
    }

    pub(super) fn new_page(&mut self, furniture: &Furniture) {
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
            format!("{} – BOZZA", furniture.title)
        } else {
            furniture.title.clone()
        };
        // The first page's title and subtitle are the document's heading; on later pages
        // they are running furniture (artifacts).
        let first = self.pages.len() == 1;
        let heading = first.then(|| self.node("H1", 0));
        self.text_centered(&title, 15.0, true, INK, PAGE_H - 36.0, full, heading);
        let mut subtitle = furniture.entity.clone();
        if !furniture.caption.is_empty() {
            if !subtitle.is_empty() {
                subtitle.push_str(" – ");
            }
            subtitle.push_str(&furniture.caption);
        }
        if !subtitle.is_empty() {
            let para = first.then(|| self.node("P", 0));
            self.text_centered(&subtitle, 10.0, false, INK, PAGE_H - 52.0, full, para);
        }
        let foot = FOOTER;
        self.page().items.push(footer_rule());
        let (first, last) = furniture.years;
        let mut left = format!("{} {first}-{last}", furniture.title);
        if furniture.title.contains(&first.to_string()) {
            left = furniture.title.clone();
        }
        if !furniture.entity.is_empty() {
            left = format!("{left} – {}", furniture.entity);
        }
        let left = self.fit(&left, 8.0, false, foot.w * 0.7);
        let w = self.regular.width(&left, 8.0);
        self.put(Item::Text {
            x: MARGIN_X,
            y: 26.0,
            size: 8.0,
            bold: false,
            color: INK,
            text: left,
            width: w,
            cell: foot,
            node: None,
            mcid: 0,
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

    #[allow(clippy::too_many_arguments)]
    fn text_centered(
        &mut self,
        text: &str,
        size: f32,
        bold: bool,
        color: Rgb,
        y: f32,
        cell: Bounds,
        node: Option<usize>,
    ) {
        let text = self.fit(text, size, bold, cell.w);
        let w = self.metrics(bold).width(&text, size);
        let x = cell.x + (cell.w - w) / 2.0;
        self.put(Item::Text {
            x,
            y,
            size,
            bold,
            color,
            text,
            width: w,
            cell,
            node,
            mcid: 0,
        });
    }

    /// A full-width band (area, period, problems): wrapped text on a fill, tagged as `node`.
    pub(super) fn band(
        &mut self,
        text: &str,
        size: f32,
        fill: Rgb,
        color: Rgb,
        stroke: bool,
        node: Option<usize>,
    ) {
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
            self.put(Item::Text {
                x: x + 6.0,
                y: baseline,
                size,
                bold: true,
                color,
                text: line,
                width,
                cell: b,
                node,
                mcid: 0,
            });
        }
        self.y -= h;
    }

    pub(super) fn band_height(&mut self, text: &str, size: f32) -> f32 {
        let w = PAGE_W - 2.0 * MARGIN_X - 12.0;
        self.bold.wrap(text, size, w).len() as f32 * size * 1.25 + 10.0
    }

    /// Where column `col` ends.
    fn col_end(&self, col: usize) -> f32 {
        self.col_x.get(col + 1).copied().unwrap_or(self.right)
    }

    pub(super) fn wrap_row(&mut self, cells: [&str; N], bold: bool, size: f32) -> [Vec<String>; N] {
        let widths: [f32; N] =
            std::array::from_fn(|i| self.col_end(i) - self.col_x[i] - 2.0 * PAD_X);
        let m = self.metrics(bold);
        std::array::from_fn(|i| m.wrap(cells[i], size, widths[i]))
    }

    pub(super) fn header_for(&mut self, headers: [&str; N]) -> Row<N> {
        let lines = self.wrap_row(headers, true, 7.0);
        Row {
            lines,
            bold: true,
            fills: Some(HEADER_FILL),
        }
    }

    /// Draws `row`'s lines `from..to` (a whole row, or one slice of a row taller than a page).
    /// `cells` are the row's six cell elements (None: a repeated header, an artifact).
    #[allow(clippy::too_many_arguments)]
    pub(super) fn draw_row(
        &mut self,
        row: &Row<N>,
        from: usize,
        to: usize,
        size: f32,
        aligns: [Align; N],
        colors: [Rgb; N],
        cells: Option<[usize; N]>,
    ) {
        let n = to - from;
        let h = n as f32 * LEADING + 2.0 * PAD_Y;
        let top = self.y;
        for col in 0..N {
            let b = Bounds {
                x: self.col_x[col],
                y: top - h,
                w: self.col_end(col) - self.col_x[col],
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
                self.put(Item::Text {
                    x,
                    y: baseline,
                    size,
                    bold: row.bold,
                    color: colors[col],
                    text: line.clone(),
                    width,
                    cell: b,
                    node: cells.map(|c| c[col]),
                    mcid: 0,
                });
            }
        }
        self.y -= h;
    }

    /// The period's total: one merged cell for the label, then the weight column; tagged as
    /// a row of `body` with a label cell spanning five columns.
    pub(super) fn total_row(&mut self, label: &str, value: &str, color: Rgb, body: usize) {
        let tr = self.node("TR", body);
        let label_cell = self.node("TD", tr);
        self.tree[label_cell].col_span = Some(N as u32 - 1);
        let value_cell = self.node("TD", tr);
        let h = LEADING + 2.0 * PAD_Y;
        let top = self.y;
        let baseline = top - PAD_Y - LEADING * 0.78;
        let cells = [
            (
                Bounds {
                    x: self.col_x[0],
                    y: top - h,
                    w: self.col_x[N - 1] - self.col_x[0],
                    h,
                },
                label,
                INK,
                label_cell,
            ),
            (
                Bounds {
                    x: self.col_x[N - 1],
                    y: top - h,
                    w: self.right - self.col_x[N - 1],
                    h,
                },
                value,
                color,
                value_cell,
            ),
        ];
        for (b, text, c, node) in cells {
            self.page().items.push(Item::Rect {
                b,
                fill: Some(BAND_FILL),
                stroke: Some(GRID),
            });
            let text = self.fit(text, BODY, true, b.w - 2.0 * PAD_X);
            let width = self.bold.width(&text, BODY);
            self.put(Item::Text {
                x: b.x + b.w - PAD_X - width,
                y: baseline,
                size: BODY,
                bold: true,
                color: c,
                text,
                width,
                cell: b,
                node: Some(node),
                mcid: 0,
            });
        }
        self.y -= h;
    }

    pub(super) fn room(&self) -> f32 {
        self.y - CONTENT_BOTTOM
    }

    /// A flow with its first page open; `shares` are the columns' parts of the width.
    pub(super) fn start<'b>(
        furniture: &Furniture,
        options: &'b Options,
        shares: [f32; N],
    ) -> Flow<'b, N> {
        let width = PAGE_W - 2.0 * MARGIN_X;
        let mut col_x = [MARGIN_X; N];
        for i in 1..N {
            col_x[i] = col_x[i - 1] + shares[i - 1] * width;
        }
        let mut flow = Flow {
            regular: Metrics::new(REGULAR),
            bold: Metrics::new(BOLD),
            pages: Vec::new(),
            y: 0.0,
            options,
            col_x,
            right: PAGE_W - MARGIN_X,
            tree: document_tree(),
            outline: Vec::new(),
        };
        flow.new_page(furniture);
        flow
    }

    /// A new page that goes on with a table: its band marked "(segue)" and its header
    /// row again, both furniture (their text was tagged where it first appeared).
    pub(super) fn continuation(&mut self, furniture: &Furniture, heading: &str, header: &Row<N>) {
        self.new_page(furniture);
        self.band(
            &format!("{heading} (segue)"),
            11.0,
            BLUE,
            WHITE,
            false,
            None,
        );
        self.draw_header(header, None);
    }

    /// A table's header row, centred; `cells` tags it (None: furniture, drawn again).
    fn draw_header(&mut self, header: &Row<N>, cells: Option<[usize; N]>) {
        let lines = header.line_count();
        self.draw_row(header, 0, lines, 7.0, [Align::Center; N], [INK; N], cells);
    }

    /// A row's `N` cells, tagged: a TR under `body` with a TD (or TH) per column.
    pub(super) fn row_cells(&mut self, body: usize, cell_tag: &'static str) -> [usize; N] {
        let tr = self.node("TR", body);
        std::array::from_fn(|_| self.node(cell_tag, tr))
    }

    /// A table's head: THead with six TH (scope Column) holding the header row, drawn.
    pub(super) fn table_head(&mut self, table: usize, header: &Row<N>) {
        let head = self.node("THead", table);
        let cells = self.row_cells(head, "TH");
        for c in cells {
            self.tree[c].scope = Some("Column");
        }
        self.draw_header(header, Some(cells));
    }

    /// A section of a report: its heading (an H2 band and a bookmark), then a table with
    /// the header row tagged once and repeated as an artifact on each new page. `rows` are
    /// (cells, bold): a bold row is a total, on the band's fill. A row taller than a page is
    /// cut where the page ends (rare: texts of pages).
    pub(super) fn section(
        &mut self,
        furniture: &Furniture,
        heading: &str,
        header: &Row<N>,
        rows: Vec<([String; N], bool)>,
        aligns: [Align; N],
        colors: impl Fn(&[String; N], bool) -> [Rgb; N],
    ) {
        let size = BODY;
        let band_h = self.band_height(heading, 11.0);
        let first = rows.first().map_or(0.0, |(cells, bold)| {
            let r = Row {
                lines: self.wrap_row(cells.each_ref().map(String::as_str), *bold, size),
                bold: *bold,
                fills: None,
            };
            r.height()
        });
        if self.room() < band_h + header.height() + first.min(60.0) {
            self.new_page(furniture);
        }
        self.mark(heading, 0);
        let h = self.node("H2", 0);
        self.band(heading, 11.0, BLUE, WHITE, false, Some(h));
        let t = self.node("Table", 0);
        self.table_head(t, header);
        let body = self.node("TBody", t);
        for (cells, bold) in rows {
            let row = Row {
                lines: self.wrap_row(cells.each_ref().map(String::as_str), bold, size),
                bold,
                fills: bold.then_some(BAND_FILL),
            };
            if row.height() > self.room() {
                self.continuation(furniture, heading, header);
            }
            let tds = self.row_cells(body, "TD");
            let ink = colors(&cells, bold);
            let n = row.line_count();
            let mut from = 0;
            while from < n {
                let fit = (((self.room() - 8.0) / LEADING).floor().max(1.0)) as usize;
                let to = (from + fit).min(n);
                self.draw_row(&row, from, to, size, aligns, ink, Some(tds));
                from = to;
                if from < n {
                    self.new_page(furniture);
                }
            }
        }
    }

    pub(super) fn finish(self) -> Layout {
        Layout {
            pages: self.pages,
            tree: self.tree,
            outline: self.outline,
        }
    }
}
