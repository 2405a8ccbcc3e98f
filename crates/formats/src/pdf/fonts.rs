//! The embedded fonts and their measurements: the same bytes are measured here and drawn by
//! printpdf, which does no kerning, so the widths summed here are the widths on paper.

use std::collections::HashMap;

pub const REGULAR: &[u8] = include_bytes!("../../../../assets/fonts/TitilliumWeb-Regular.ttf");
pub const BOLD: &[u8] = include_bytes!("../../../../assets/fonts/TitilliumWeb-Bold.ttf");

/// Advance widths of one face, in em units, cached per character.
pub struct Metrics {
    widths: HashMap<char, f32>,
    face: ttf_parser::Face<'static>,
    units: f32,
}

impl Metrics {
    pub fn new(bytes: &'static [u8]) -> Metrics {
        // The fonts are compiled in; a parse failure is a build defect caught by every PDF test.
        let face = ttf_parser::Face::parse(bytes, 0).expect("embedded font must parse");
        let units = f32::from(face.units_per_em());
        Metrics {
            widths: HashMap::new(),
            face,
            units,
        }
    }

    /// Whether the font can draw the character; others are printed as «?».
    pub fn has(&self, c: char) -> bool {
        self.face.glyph_index(c).is_some()
    }

    fn advance(&mut self, c: char) -> f32 {
        if let Some(w) = self.widths.get(&c) {
            return *w;
        }
        let w = self
            .face
            .glyph_index(c)
            .and_then(|g| self.face.glyph_hor_advance(g))
            .map_or(0.5, |a| f32::from(a) / self.units);
        self.widths.insert(c, w);
        w
    }

    /// Width of `text` at `size` points.
    pub fn width(&mut self, text: &str, size: f32) -> f32 {
        text.chars().map(|c| self.advance(c)).sum::<f32>() * size
    }

    /// Replaces what the font cannot draw (emoji, control characters) with «?», so that what
    /// is measured is what is drawn.
    pub fn printable(&self, text: &str) -> String {
        text.chars()
            .map(|c| {
                if c == '\n' || (self.has(c) && !c.is_control()) {
                    c
                } else {
                    '?'
                }
            })
            .collect()
    }

    /// Breaks `text` into lines no wider than `width` points: at blanks where possible, inside
    /// a word only when the word alone is wider than the line. Newlines are kept.
    pub fn wrap(&mut self, text: &str, size: f32, width: f32) -> Vec<String> {
        let text = self.printable(text);
        let mut lines = Vec::new();
        for paragraph in text.split('\n') {
            let mut line = String::new();
            for word in paragraph.split(' ').filter(|w| !w.is_empty()) {
                let candidate = if line.is_empty() {
                    word.to_string()
                } else {
                    format!("{line} {word}")
                };
                if self.width(&candidate, size) <= width {
                    line = candidate;
                    continue;
                }
                if !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                }
                if self.width(word, size) <= width {
                    line = word.to_string();
                } else {
                    for c in word.chars() {
                        let mut next = line.clone();
                        next.push(c);
                        if !line.is_empty() && self.width(&next, size) > width {
                            lines.push(std::mem::take(&mut line));
                            next = c.to_string();
                        }
                        line = next;
                    }
                }
            }
            lines.push(line);
        }
        while lines.len() > 1 && lines.last().is_some_and(|l| l.is_empty()) {
            lines.pop();
        }
        lines
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapped_lines_fit_and_keep_every_word() {
        let mut m = Metrics::new(REGULAR);
        let text = "Adeguamento alle misure minime di sicurezza informatica previste dall'AGID per l'ente Unione";
        let lines = m.wrap(text, 9.0, 120.0);
        assert!(lines.len() > 2, "{lines:?}");
        for l in &lines {
            assert!(m.width(l, 9.0) <= 120.0, "{l:?} is too wide");
        }
        assert_eq!(lines.join(" "), text);
    }

    #[test]
    fn a_word_longer_than_the_cell_is_broken() {
        let mut m = Metrics::new(REGULAR);
        let word = "DIGITALIZZAZIONEDEGLIATTIDILIQUIDAZIONE";
        let lines = m.wrap(word, 9.0, 50.0);
        assert!(lines.len() > 1);
        assert_eq!(lines.concat(), word);
        assert!(lines.iter().all(|l| m.width(l, 9.0) <= 50.0));
    }

    #[test]
    fn italian_characters_are_in_the_font() {
        let m = Metrics::new(REGULAR);
        for c in "àèéìòù’«»€ÀÈ".chars() {
            assert!(m.has(c), "{c} must print");
        }
        assert_eq!(m.printable("ok 😀"), "ok ?");
    }
}
