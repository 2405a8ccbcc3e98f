//! The charts of the Relazione and of the results and monitoring views, drawn from the same
//! numbers as their tables: the area scores against the bands, the distribution of
//! achievement, the monitoring lights per area over the dates. One model, three outputs:
//! SVG (the app, and the source of the others), PNG (the DOCX, rendered from the SVG with
//! resvg and the PDF's own font) and the page engine's rectangles (the PDF, vector).
//!
//! Accessibility (WCAG 2.1 AA, 1.1.1 and 1.4.1): every chart carries a text alternative that
//! gives every number (`Chart::alt`, the SVG's `<title>` and `<desc>`), and nothing is told by
//! colour alone: bars carry their value as text, band limits are labelled lines, lights are
//! written as words beside their dot.

use piano_domain::model::format_hundredths;
use piano_domain::monitoring::Monitor;
use piano_domain::results::{score_text, YearResults};

/// SVG width in CSS pixels; the height follows the rows.
pub const WIDTH: f32 = 640.0;
pub(crate) const LABEL_W: f32 = 210.0;
pub const BAR_W: f32 = 340.0;
pub(crate) const ROW_H: f32 = 30.0;
pub(crate) const TOP: f32 = 40.0;
const FONT: &str = "Titillium Web, Arial, sans-serif";
const INK: &str = "#19212C";
const BLUE: &str = "#005BB3";
const GRID: &str = "#5C6670";

/// One bar: what it measures, its value (hundredths for scores and percentages, a plain
/// count for counts) and the value as printed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bar {
    pub label: String,
    pub value: u32,
    pub text: String,
}

/// A traffic light at a monitoring date: "verde", "giallo", "rosso", "grigio" (no entries),
/// or "" (the area was not in the plan read that day).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LightRow {
    pub label: String,
    pub lights: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Body {
    /// Horizontal bars from 0 to `max`, with labelled vertical guides (the bands' limits).
    Bars {
        bars: Vec<Bar>,
        max: u32,
        guides: Vec<(u32, String)>,
    },
    /// Rows of lights, one column per date.
    Lights {
        columns: Vec<String>,
        rows: Vec<LightRow>,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chart {
    /// A short name, unique in a page: the SVG's ids start with it.
    pub id: &'static str,
    pub title: String,
    pub body: Body,
}

/// The area scores of a year against the bands (the Relazione's first chart).
pub fn area_scores(y: &YearResults) -> Chart {
    let bars = y
        .areas
        .iter()
        .map(|a| Bar {
            label: a.name.clone(),
            value: a.score,
            text: score_text(a.score),
        })
        .collect::<Vec<_>>();
    let guides = y
        .bands
        .iter()
        .filter(|b| b.from > 0)
        .map(|b| {
            (
                b.from,
                format!("fascia da {}", format_hundredths(b.from.into())),
            )
        })
        .collect();
    let max = bars.iter().map(|b| b.value).max().unwrap_or(0).max(10_000);
    Chart {
        id: "punteggi",
        title: format!("Punteggio delle aree {} e fasce di valutazione", y.year),
        body: Body::Bars { bars, max, guides },
    }
}

/// The four classes of achievement of the year's objectives, counted per area (a
/// cross-cutting objective counts once in each area that shares it): reached (100%), partly,
/// missed (0%), without a result. Prerequisites are left out: they carry no weight.
pub fn achievement_counts(y: &YearResults) -> [(String, usize); 4] {
    let mut n = [0usize; 4];
    for row in y.areas.iter().flat_map(|a| &a.rows) {
        if row.is_prerequisite() {
            continue;
        }
        let i = match &row.result {
            Some(e) if e.achievement >= 10_000 => 0,
            Some(e) if e.achievement > 0 => 1,
            Some(_) => 2,
            None => 3,
        };
        n[i] += 1;
    }
    [
        ("Raggiunti (100%)".to_string(), n[0]),
        ("Parzialmente raggiunti".to_string(), n[1]),
        ("Non raggiunti (0%)".to_string(), n[2]),
        ("Senza risultato".to_string(), n[3]),
    ]
}

/// The distribution of achievement as bars (counts).
pub fn achievement(y: &YearResults) -> Chart {
    let bars: Vec<Bar> = achievement_counts(y)
        .into_iter()
        .map(|(label, n)| Bar {
            label,
            value: n as u32,
            text: n.to_string(),
        })
        .collect();
    let max = bars.iter().map(|b| b.value).max().unwrap_or(0).max(1);
    Chart {
        id: "raggiungimento",
        title: format!(
            "Obiettivi {} per grado di raggiungimento (per area)",
            y.year
        ),
        body: Body::Bars {
            bars,
            max,
            guides: Vec::new(),
        },
    }
}

/// The lights of each area at each monitoring date (the monitors in date order). Areas are
/// matched by name across dates: a variation may renumber them.
pub fn lights(monitors: &[Monitor]) -> Chart {
    let mut rows: Vec<LightRow> = Vec::new();
    for (i, m) in monitors.iter().enumerate() {
        for a in &m.areas {
            let row = match rows.iter().position(|r| r.label == a.name) {
                Some(r) => &mut rows[r],
                None => {
                    rows.push(LightRow {
                        label: a.name.clone(),
                        lights: vec![String::new(); monitors.len()],
                    });
                    rows.last_mut().expect("just pushed")
                }
            };
            row.lights[i] = a.light.clone();
        }
    }
    let year = monitors
        .first()
        .map(|m| m.date.format("%Y").to_string())
        .unwrap_or_default();
    Chart {
        id: "semafori",
        title: format!("Semafori del monitoraggio {year} per area"),
        body: Body::Lights {
            columns: monitors
                .iter()
                .map(|m| m.date.format("%d/%m/%Y").to_string())
                .collect(),
            rows,
        },
    }
}

/// How a light is written: the word is the information, the colour only repeats it.
pub fn light_word(light: &str) -> &str {
    match light {
        "" => "non presente",
        "grigio" => "senza dati",
        other => other,
    }
}

pub(crate) fn light_colour(light: &str) -> &'static str {
    match light {
        "verde" => "#1E7B34",
        "giallo" => "#F2C200",
        "rosso" => "#B00F0F",
        _ => "#FFFFFF",
    }
}

/// XML text escaping.
fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Shortens a label to about `n` characters with «…».
fn short(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let t: String = s.chars().take(n - 1).collect();
        format!("{}…", t.trim_end())
    }
}

impl Chart {
    /// The text alternative: every number of the chart, in sentences.
    pub fn alt(&self) -> String {
        match &self.body {
            Body::Bars { bars, guides, .. } => {
                let mut parts: Vec<String> = bars
                    .iter()
                    .map(|b| format!("{}: {}", b.label, b.text))
                    .collect();
                if parts.is_empty() {
                    parts.push("nessun dato".into());
                }
                let mut s = format!("{}. {}.", self.title, parts.join("; "));
                if !guides.is_empty() {
                    let g: Vec<String> = guides
                        .iter()
                        .map(|(v, _)| format_hundredths((*v).into()))
                        .collect();
                    s.push_str(&format!(" Limiti delle fasce: {}.", g.join(", ")));
                }
                s
            }
            Body::Lights { columns, rows } => {
                let mut parts = Vec::new();
                for r in rows {
                    let cells: Vec<String> = columns
                        .iter()
                        .zip(&r.lights)
                        .map(|(c, l)| format!("{c} {}", light_word(l)))
                        .collect();
                    parts.push(format!("{}: {}", r.label, cells.join(", ")));
                }
                if parts.is_empty() {
                    parts.push("nessun monitoraggio registrato".into());
                }
                format!("{}. {}.", self.title, parts.join("; "))
            }
        }
    }

    fn height(&self) -> f32 {
        match &self.body {
            Body::Bars { bars, guides, .. } => {
                TOP + bars.len().max(1) as f32 * ROW_H + if guides.is_empty() { 12.0 } else { 34.0 }
            }
            Body::Lights { rows, .. } => TOP + 24.0 + rows.len().max(1) as f32 * ROW_H + 8.0,
        }
    }

    /// The chart as a standalone SVG, `role="img"` with its title and its text alternative.
    /// Each bar is `<rect class="bar" data-value=… width=…>`, its width `value / max ×
    /// BAR_W`: a test reads the figures back from it.
    pub fn svg(&self) -> String {
        let h = self.height();
        let id = self.id;
        let mut s = format!(
            r#"<svg xmlns="http://www.w3.org/2000/svg" class="grafico" width="{WIDTH}" height="{h}" viewBox="0 0 {WIDTH} {h}" role="img" aria-labelledby="{id}-t {id}-d" font-family="{FONT}" font-size="12"><title id="{id}-t">{}</title><desc id="{id}-d">{}</desc><rect width="{WIDTH}" height="{h}" fill="white"/><text x="8" y="22" font-size="14" font-weight="bold" fill="{INK}">{}</text>"#,
            esc(&self.title),
            esc(&self.alt()),
            esc(&short(&self.title, 90)),
        );
        match &self.body {
            Body::Bars { bars, max, guides } => {
                let scale = BAR_W / (*max).max(1) as f32;
                for (i, b) in bars.iter().enumerate() {
                    let y = TOP + i as f32 * ROW_H;
                    let w = b.value as f32 * scale;
                    s.push_str(&format!(
                        r#"<text x="{}" y="{}" text-anchor="end" fill="{INK}">{}</text><rect class="bar" data-value="{}" x="{LABEL_W}" y="{}" width="{w:.3}" height="{}" fill="{BLUE}"/><text x="{}" y="{}" fill="{INK}" font-weight="bold">{}</text>"#,
                        LABEL_W - 8.0,
                        y + 19.0,
                        esc(&short(&b.label, 32)),
                        b.value,
                        y + 6.0,
                        ROW_H - 12.0,
                        LABEL_W + w + 6.0,
                        y + 19.0,
                        esc(&b.text),
                    ));
                }
                let bottom = TOP + bars.len().max(1) as f32 * ROW_H;
                s.push_str(&format!(
                    r#"<line x1="{LABEL_W}" y1="{}" x2="{LABEL_W}" y2="{bottom}" stroke="{GRID}"/>"#,
                    TOP - 2.0
                ));
                for (k, (v, label)) in guides.iter().enumerate() {
                    let x = LABEL_W + *v as f32 * scale;
                    s.push_str(&format!(
                        r#"<line class="guide" x1="{x:.3}" y1="{}" x2="{x:.3}" y2="{}" stroke="{GRID}" stroke-dasharray="4 3"/><text x="{x:.3}" y="{}" text-anchor="middle" font-size="11" fill="{INK}">{}</text>"#,
                        TOP - 2.0,
                        bottom + 4.0,
                        bottom + 16.0 + (k % 2) as f32 * 12.0,
                        esc(label),
                    ));
                }
            }
            Body::Lights { columns, rows } => {
                let col_w = (WIDTH - LABEL_W - 8.0) / columns.len().max(1) as f32;
                for (j, c) in columns.iter().enumerate() {
                    s.push_str(&format!(
                        r#"<text x="{}" y="{}" font-weight="bold" fill="{INK}">{}</text>"#,
                        LABEL_W + j as f32 * col_w,
                        TOP + 10.0,
                        esc(c)
                    ));
                }
                for (i, r) in rows.iter().enumerate() {
                    let y = TOP + 24.0 + i as f32 * ROW_H;
                    s.push_str(&format!(
                        r#"<text x="{}" y="{}" text-anchor="end" fill="{INK}">{}</text>"#,
                        LABEL_W - 8.0,
                        y + 15.0,
                        esc(&short(&r.label, 32))
                    ));
                    for (j, l) in r.lights.iter().enumerate() {
                        let x = LABEL_W + j as f32 * col_w;
                        s.push_str(&format!(
                            r#"<circle class="light" data-light="{}" cx="{}" cy="{}" r="7" fill="{}" stroke="{INK}"/><text x="{}" y="{}" fill="{INK}">{}</text>"#,
                            esc(l),
                            x + 7.0,
                            y + 11.0,
                            light_colour(l),
                            x + 20.0,
                            y + 15.0,
                            esc(light_word(l)),
                        ));
                    }
                }
            }
        }
        s.push_str("</svg>");
        s
    }

    /// The chart as a PNG at `scale` × its CSS size, drawn from the SVG with the PDF's own
    /// font (Titillium Web), for the DOCX. Returns the bytes and the size in pixels.
    pub fn png(&self, scale: f32) -> Result<(Vec<u8>, u32, u32), String> {
        use resvg::{tiny_skia, usvg};
        let mut opt = usvg::Options {
            font_family: "Titillium Web".into(),
            ..usvg::Options::default()
        };
        opt.fontdb_mut()
            .load_font_data(crate::pdf::fonts::REGULAR.to_vec());
        opt.fontdb_mut()
            .load_font_data(crate::pdf::fonts::BOLD.to_vec());
        let tree = usvg::Tree::from_str(&self.svg(), &opt).map_err(|e| e.to_string())?;
        let size = tree.size();
        let (w, h) = (
            (size.width() * scale).ceil() as u32,
            (size.height() * scale).ceil() as u32,
        );
        let mut pixmap = tiny_skia::Pixmap::new(w, h).ok_or_else(|| "grafico vuoto".to_string())?;
        resvg::render(
            &tree,
            tiny_skia::Transform::from_scale(scale, scale),
            &mut pixmap.as_mut(),
        );
        let png = pixmap.encode_png().map_err(|e| e.to_string())?;
        Ok((png, w, h))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chart() -> Chart {
        Chart {
            id: "t",
            title: "Punteggi <prova>".into(),
            body: Body::Bars {
                bars: vec![
                    Bar {
                        label: "Area A".into(),
                        value: 8750,
                        text: "87,50".into(),
                    },
                    Bar {
                        label: "Area B & C".into(),
                        value: 5000,
                        text: "50,00".into(),
                    },
                ],
                max: 10_000,
                guides: vec![(6000, "fascia da 60".into())],
            },
        }
    }

    #[test]
    fn bars_are_as_wide_as_their_values_and_the_alternative_gives_them() {
        let svg = chart().svg();
        assert!(svg.contains(r#"data-value="8750" x="210" y="46" width="297.500""#));
        assert!(svg.contains(r#"data-value="5000" x="210" y="76" width="170.000""#));
        assert!(svg.contains("Area B &amp; C: 50,00"));
        assert!(svg.contains("Punteggi &lt;prova&gt;"));
        assert!(chart().alt().ends_with("Limiti delle fasce: 60."));
    }

    #[test]
    fn the_png_is_drawn_with_text() {
        let (png, w, h) = chart().png(2.0).unwrap();
        assert_eq!(&png[1..4], b"PNG");
        assert_eq!(w, 1280);
        assert!(h > 150);
    }
}
