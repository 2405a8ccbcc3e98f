//! A draft as DOCX, with docx-rs: real WordprocessingML with the «Heading 1/2» styles (so that
//! the office's template and its table of contents take the headings), a TOC field, tables,
//! charts as PNG pictures with their text alternative, and «pagina X di Y» in the footer.
//!
//! Two things docx-rs 0.4 does not write are added to `word/document.xml` after packing, in
//! one pass over the package: the header rows' `<w:tblHeader/>` (the header repeats on every
//! page; docx-rs marks those rows `cantSplit`, and only those) and each picture's `descr`
//! (its alternative text, read by screen readers and by Word's «Testo alternativo»).

use std::io::{Cursor, Read, Write};

use docx_rs::{
    AlignmentType, BreakType, Docx, Footer, LineSpacing, NumPages, PageMargin, PageNum, Paragraph,
    Pic, Run, RunFonts, Shading, ShdType, Style, StyleType, Table, TableCell, TableRow, WidthType,
};

use piano_domain::error::{Error, Result};

use super::{Block, Doc};
use crate::charts::Chart;

/// A4 portrait in twentieths of a point, 2 cm margins.
const PAGE_W: u32 = 11_906;
const PAGE_H: u32 = 16_838;
const MARGIN: i32 = 1_134;
const TEXT_W: u32 = PAGE_W - 2 * MARGIN as u32;
/// English Metric Units per twentieth of a point.
const EMU_PER_TWIP: u32 = 635;

/// The draft as DOCX bytes.
pub fn docx(doc: &Doc) -> Result<Vec<u8>> {
    let font = RunFonts::new()
        .ascii("Titillium Web")
        .hi_ansi("Titillium Web")
        .cs("Titillium Web");
    let mut d = Docx::new()
        .page_size(PAGE_W, PAGE_H)
        .page_margin(
            PageMargin::new()
                .top(MARGIN)
                .bottom(MARGIN)
                .left(MARGIN)
                .right(MARGIN),
        )
        .default_fonts(font)
        .default_size(21)
        .add_style(
            Style::new("Title", StyleType::Paragraph)
                .name("Title")
                .size(36)
                .bold()
                .color("19212C"),
        )
        .add_style(
            Style::new("Heading1", StyleType::Paragraph)
                .name("Heading 1")
                .based_on("Normal")
                .next("Normal")
                .size(30)
                .bold()
                .color("005BB3")
                .line_spacing(LineSpacing::new().before(360).after(120))
                .outline_lvl(0),
        )
        .add_style(
            Style::new("Heading2", StyleType::Paragraph)
                .name("Heading 2")
                .based_on("Normal")
                .next("Normal")
                .size(25)
                .bold()
                .color("19212C")
                .line_spacing(LineSpacing::new().before(240).after(120))
                .outline_lvl(1),
        )
        .add_style(
            Style::new("Placeholder", StyleType::Paragraph)
                .name("Da completare")
                .based_on("Normal")
                .italic()
                .color("B00F0F"),
        )
        .footer(
            Footer::new().add_paragraph(
                Paragraph::new()
                    .align(AlignmentType::Center)
                    .add_run(
                        Run::new()
                            .size(16)
                            .add_text(format!("{} – pagina ", doc.footer)),
                    )
                    .add_page_num(PageNum::new())
                    .add_run(Run::new().size(16).add_text(" di "))
                    .add_num_pages(NumPages::new()),
            ),
        )
        .add_paragraph(
            Paragraph::new()
                .style("Title")
                .add_run(Run::new().add_text(&doc.title)),
        );
    if !doc.subtitle.is_empty() {
        d = d.add_paragraph(Paragraph::new().add_run(Run::new().add_text(&doc.subtitle)));
    }
    let mut alts = Vec::new();
    for b in &doc.blocks {
        d = match b {
            Block::Heading(level, t) => d.add_paragraph(
                Paragraph::new()
                    .style(if *level <= 1 { "Heading1" } else { "Heading2" })
                    .add_run(Run::new().add_text(t)),
            ),
            Block::Para(t) => d.add_paragraph(text_paragraph(t, 21).line_spacing(after())),
            Block::Placeholder(t) => d.add_paragraph(
                Paragraph::new()
                    .style("Placeholder")
                    .line_spacing(after())
                    .add_run(Run::new().add_text(Doc::placeholder_text(t))),
            ),
            Block::Table {
                header,
                rows,
                widths,
            } => d
                .add_table(table(header, rows, widths))
                // A table never touches the text after it.
                .add_paragraph(Paragraph::new().line_spacing(LineSpacing::new().after(0))),
            Block::Chart(c) => {
                alts.push(c.alt());
                d.add_paragraph(chart(c)?)
            }
            Block::Contents => d
                .add_paragraph(
                    Paragraph::new().add_run(Run::new().bold().size(28).add_text("Indice")),
                )
                .add_paragraph(Paragraph::new().add_run(Run::new().add_text(TOC_MARK))),
        };
    }
    let mut packed = Cursor::new(Vec::new());
    d.build()
        .pack(&mut packed)
        .map_err(|e| Error::Docx(format!("DOCX: {e}")))?;
    finish(packed.into_inner(), &alts, &doc.headings())
}

/// Table text, in half-points: 8 pt, so that seven columns fit a portrait page.
const CELL_SIZE: usize = 16;

/// The space after a body paragraph (twentieths of a point).
fn after() -> LineSpacing {
    LineSpacing::new().after(120)
}

/// A paragraph; the lines of a multi-line text stay lines.
fn text_paragraph(t: &str, size: usize) -> Paragraph {
    let mut run = Run::new().size(size);
    for (i, line) in t.split('\n').enumerate() {
        if i > 0 {
            run = run.add_break(BreakType::TextWrapping);
        }
        run = run.add_text(line);
    }
    Paragraph::new().add_run(run)
}

fn table(header: &[String], rows: &[Vec<String>], widths: &[u32]) -> Table {
    let twips: Vec<usize> = widths.iter().map(|w| (TEXT_W * w / 100) as usize).collect();
    let cell = |t: &str, w: usize, head: bool| {
        let p = if head {
            Paragraph::new().add_run(Run::new().bold().size(CELL_SIZE).add_text(t))
        } else {
            text_paragraph(t, CELL_SIZE)
        };
        let mut c = TableCell::new().add_paragraph(p).width(w, WidthType::Dxa);
        if head {
            c = c.shading(Shading::new().shd_type(ShdType::Clear).fill("DBE6F2"));
        }
        c
    };
    let mut out = vec![TableRow::new(
        header
            .iter()
            .zip(&twips)
            .map(|(h, w)| cell(h, *w, true))
            .collect(),
    )
    // The header row, and only it, is cantSplit: `finish` makes it repeat (tblHeader).
    .cant_split()];
    for r in rows {
        out.push(TableRow::new(
            r.iter()
                .zip(&twips)
                .map(|(t, w)| cell(t, *w, false))
                .collect(),
        ));
    }
    Table::new(out)
        .set_grid(twips)
        .width(TEXT_W as usize, WidthType::Dxa)
}

/// A chart as a picture as wide as the text, drawn at twice its size for print.
fn chart(c: &Chart) -> Result<Paragraph> {
    let (png, w, h) = c
        .png(2.0)
        .map_err(|e| Error::Docx(format!("grafico «{}»: {e}", c.title)))?;
    let cx = TEXT_W * EMU_PER_TWIP;
    let cy = (u64::from(cx) * u64::from(h) / u64::from(w)) as u32;
    let pic = Pic::new_with_dimensions(png, w, h).size(cx, cy);
    Ok(Paragraph::new().add_run(Run::new().add_image(pic)))
}

/// Adds `w:tblHeader` to the header rows and the charts' alternative text, in
/// `word/document.xml`; every other part is copied as it is.
fn finish(packed: Vec<u8>, alts: &[String], headings: &[(u8, &str)]) -> Result<Vec<u8>> {
    let err = |e: zip::result::ZipError| Error::Docx(format!("DOCX: {e}"));
    let mut zin = zip::ZipArchive::new(Cursor::new(packed)).map_err(err)?;
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for i in 0..zin.len() {
        let mut f = zin.by_index(i).map_err(err)?;
        let name = f.name().to_string();
        let mut bytes = Vec::new();
        f.read_to_end(&mut bytes)
            .map_err(|e| Error::Docx(format!("DOCX: {e}")))?;
        if name == "word/document.xml" {
            let xml = String::from_utf8_lossy(&bytes);
            bytes = patch_document(&xml, alts, headings).into_bytes();
        } else if name == "word/settings.xml" {
            // Word refreshes the contents' page numbers when it opens the draft.
            let xml = String::from_utf8_lossy(&bytes);
            bytes = xml
                .replacen(
                    "</w:settings>",
                    r#"<w:updateFields w:val="true" /></w:settings>"#,
                    1,
                )
                .into_bytes();
        }
        out.start_file(name, opts).map_err(err)?;
        out.write_all(&bytes)
            .map_err(|e| Error::Docx(format!("DOCX: {e}")))?;
    }
    Ok(out.finish().map_err(err)?.into_inner())
}

fn xml_attr(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Where the contents go: replaced by `finish` with a TOC field.
const TOC_MARK: &str = "@@INDICE@@";

/// The contents as a TOC field over the Heading 1/2 styles, dirty so that Word fills in the
/// pages on opening; its cached text lists the headings (what Writer shows until «Aggiorna»).
fn toc_field(headings: &[(u8, &str)]) -> String {
    let begin = r#"<w:r><w:fldChar w:fldCharType="begin" w:dirty="true" /></w:r><w:r><w:instrText xml:space="preserve"> TOC \o "1-2" \h \z \u </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate" /></w:r>"#;
    let end = r#"<w:r><w:fldChar w:fldCharType="end" /></w:r>"#;
    let mut out = String::new();
    let n = headings.len().max(1);
    for i in 0..n {
        let (level, text) = headings.get(i).copied().unwrap_or((1, ""));
        out.push_str(&format!(
            r#"<w:p><w:pPr><w:ind w:left="{}" /></w:pPr>{}<w:r><w:t xml:space="preserve">{}</w:t></w:r>{}</w:p>"#,
            if level <= 1 { 0 } else { 360 },
            if i == 0 { begin } else { "" },
            xml_attr(text),
            if i + 1 == n { end } else { "" },
        ));
    }
    out
}

fn patch_document(xml: &str, alts: &[String], headings: &[(u8, &str)]) -> String {
    let mut s = xml.replace("<w:cantSplit />", "<w:cantSplit /><w:tblHeader />");
    if let Some(mark) = s.find(TOC_MARK) {
        let start = s[..mark]
            .rfind("<w:p ")
            .or_else(|| s[..mark].rfind("<w:p>"));
        let end = s[mark..].find("</w:p>").map(|e| mark + e + "</w:p>".len());
        if let (Some(start), Some(end)) = (start, end) {
            s.replace_range(start..end, &toc_field(headings));
        }
    }
    for (k, alt) in alts.iter().enumerate() {
        let needle = r#"name="Figure" />"#;
        let Some(at) = s.find(needle) else { break };
        s.replace_range(
            at..at + needle.len(),
            &format!(r#"name="Grafico {}" descr="{}" />"#, k + 1, xml_attr(alt)),
        );
    }
    s
}
