//! Finishing the annex for the archive and for every reader, on printpdf's lopdf document:
//! PDF/A-1b identification (sRGB output intent, XMP metadata matching the document info),
//! the structure tree that tags the content in reading order (language it-IT, the title
//! shown in the window), and the bookmarks (areas, then their periods).
//!
//! printpdf writes a CMYK FOGRA39 output intent of subtype GTS_PDFX and its own XMP; both
//! are replaced here, in one place.

use lopdf::{Dictionary, Document, Object, ObjectId, Stream, StringFormat};

use super::layout::{Kid, Layout};
use piano_domain::error::{Error, Result};

/// The sRGB profile of the colours the annex uses (icc-profiles-free, zlib licence, which
/// allows embedding; licence beside it).
const SRGB_ICC: &[u8] = include_bytes!("../../../../assets/icc/sRGB.icc");

/// What the document info and the XMP metadata both say.
pub struct Meta<'a> {
    pub title: &'a str,
    pub author: &'a str,
    pub subject: &'a str,
    pub creator: &'a str,
    pub producer: &'a str,
    pub created: chrono::DateTime<chrono::Local>,
}

/// A text string: PDFDocEncoding-safe ASCII as is, anything else as UTF-16BE with its BOM.
fn text(s: &str) -> Object {
    if s.is_ascii() {
        return Object::String(s.as_bytes().to_vec(), StringFormat::Literal);
    }
    let mut bytes = vec![0xFE, 0xFF];
    for unit in s.encode_utf16() {
        bytes.extend_from_slice(&unit.to_be_bytes());
    }
    Object::String(bytes, StringFormat::Hexadecimal)
}

fn xml(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

fn pdf_date(t: &chrono::DateTime<chrono::Local>) -> String {
    let off = t.offset().local_minus_utc();
    let sign = if off < 0 { '-' } else { '+' };
    let off = off.abs();
    format!(
        "D:{}{sign}{:02}'{:02}'",
        t.format("%Y%m%d%H%M%S"),
        off / 3600,
        (off % 3600) / 60
    )
}

fn xmp(meta: &Meta) -> Vec<u8> {
    let date = meta.created.format("%Y-%m-%dT%H:%M:%S%:z").to_string();
    format!(
        r#"<?xpacket begin="{bom}" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/">
<pdfaid:part>1</pdfaid:part>
<pdfaid:conformance>B</pdfaid:conformance>
</rdf:Description>
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
<dc:format>application/pdf</dc:format>
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{title}</rdf:li></rdf:Alt></dc:title>
<dc:creator><rdf:Seq><rdf:li>{author}</rdf:li></rdf:Seq></dc:creator>
<dc:description><rdf:Alt><rdf:li xml:lang="x-default">{subject}</rdf:li></rdf:Alt></dc:description>
<dc:language><rdf:Bag><rdf:li>it-IT</rdf:li></rdf:Bag></dc:language>
</rdf:Description>
<rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">
<xmp:CreateDate>{date}</xmp:CreateDate>
<xmp:ModifyDate>{date}</xmp:ModifyDate>
<xmp:MetadataDate>{date}</xmp:MetadataDate>
<xmp:CreatorTool>{creator}</xmp:CreatorTool>
</rdf:Description>
<rdf:Description rdf:about="" xmlns:pdf="http://ns.adobe.com/pdf/1.3/">
<pdf:Producer>{producer}</pdf:Producer>
</rdf:Description>
</rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"#,
        bom = '\u{FEFF}',
        title = xml(meta.title),
        author = xml(meta.author),
        subject = xml(meta.subject),
        creator = xml(meta.creator),
        producer = xml(meta.producer),
    )
    .into_bytes()
}

fn catalog_id(doc: &Document) -> Result<ObjectId> {
    doc.trailer
        .get(b"Root")
        .and_then(Object::as_reference)
        .map_err(|e| Error::Pdf(format!("catalogo mancante: {e}")))
}

/// Everything above, in place. Content streams are compressed first; the XMP stream stays
/// plain, as PDF/A wants it readable by any tool.
/// Deflates every stream not yet filtered, at zlib's default level (lopdf's `compress` uses
/// the best level: on a 1,000-row annex it is the largest part of the time, for 1-2% of
/// size).
fn compress(doc: &mut Document) -> Result<()> {
    use std::io::Write;
    for object in doc.objects.values_mut() {
        if let Object::Stream(stream) = object {
            if !stream.allows_compression || stream.dict.get(b"Filter").is_ok() {
                continue;
            }
            let mut encoder =
                flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::default());
            encoder.write_all(&stream.content)?;
            let packed = encoder.finish()?;
            if packed.len() + 19 < stream.content.len() {
                stream.dict.set("Filter", "FlateDecode");
                stream.set_content(packed);
            }
        }
    }
    Ok(())
}

pub fn finish(doc: &mut Document, layout: &Layout, meta: &Meta) -> Result<()> {
    let pdf_err = |e: lopdf::Error| Error::Pdf(e.to_string());
    doc.version = "1.4".into();
    compress(doc)?;
    let pages: Vec<ObjectId> = doc.get_pages().into_values().collect();

    // The output intent: sRGB, the space of every colour drawn.
    let mut icc = Stream::new(
        Dictionary::from_iter(vec![("N", Object::Integer(3))]),
        SRGB_ICC.to_vec(),
    );
    let _ = icc.compress();
    let icc_id = doc.add_object(icc);
    let intent = Dictionary::from_iter(vec![
        ("Type", Object::Name(b"OutputIntent".to_vec())),
        ("S", Object::Name(b"GTS_PDFA1".to_vec())),
        ("OutputConditionIdentifier", text("sRGB IEC61966-2.1")),
        ("Info", text("sRGB IEC61966-2.1")),
        ("RegistryName", text("http://www.color.org")),
        ("DestOutputProfile", Object::Reference(icc_id)),
    ]);

    // Document info and XMP say the same.
    let date = pdf_date(&meta.created);
    let info = Dictionary::from_iter(vec![
        ("Title", text(meta.title)),
        ("Author", text(meta.author)),
        ("Subject", text(meta.subject)),
        ("Creator", text(meta.creator)),
        ("Producer", text(meta.producer)),
        ("CreationDate", text(&date)),
        ("ModDate", text(&date)),
    ]);
    let info_id = doc.add_object(info);
    doc.trailer.set("Info", Object::Reference(info_id));
    let mut metadata = Stream::new(
        Dictionary::from_iter(vec![
            ("Type", Object::Name(b"Metadata".to_vec())),
            ("Subtype", Object::Name(b"XML".to_vec())),
        ]),
        xmp(meta),
    );
    metadata.allows_compression = false;
    let metadata_id = doc.add_object(metadata);

    let tree_root = structure(doc, layout, &pages)?;
    let outlines = outline(doc, layout, &pages);

    let catalog = doc.get_dictionary_mut(catalog_id(doc)?).map_err(pdf_err)?;
    catalog.set(
        "OutputIntents",
        Object::Array(vec![Object::Dictionary(intent)]),
    );
    catalog.set("Metadata", Object::Reference(metadata_id));
    catalog.set("Lang", text("it-IT"));
    catalog.set(
        "MarkInfo",
        Dictionary::from_iter(vec![("Marked", Object::Boolean(true))]),
    );
    catalog.set(
        "ViewerPreferences",
        Dictionary::from_iter(vec![("DisplayDocTitle", Object::Boolean(true))]),
    );
    catalog.set("StructTreeRoot", Object::Reference(tree_root));
    if let Some(outlines) = outlines {
        catalog.set("Outlines", Object::Reference(outlines));
        catalog.set("PageMode", Object::Name(b"UseOutlines".to_vec()));
    }
    Ok(())
}

/// The structure tree: one StructElem per layout node, marked content referenced from its
/// element, and the parent tree that maps each page's marked content back.
fn structure(doc: &mut Document, layout: &Layout, pages: &[ObjectId]) -> Result<ObjectId> {
    let root_id = doc.new_object_id();
    let ids: Vec<ObjectId> = layout.tree.iter().map(|_| doc.new_object_id()).collect();
    let mut parents: Vec<Vec<Object>> = vec![Vec::new(); pages.len()];
    for (n, node) in layout.tree.iter().enumerate() {
        // The page of the element's first content is its /Pg; content elsewhere is a
        // marked-content reference with its own page.
        let first_page = node.kids.iter().find_map(|k| match k {
            Kid::Content { page, .. } => Some(*page),
            Kid::Node(_) => None,
        });
        let kids: Vec<Object> = node
            .kids
            .iter()
            .map(|k| match *k {
                Kid::Node(c) => Object::Reference(ids[c]),
                Kid::Content { page, mcid } => {
                    let slot = &mut parents[page];
                    if slot.len() <= mcid as usize {
                        slot.resize(mcid as usize + 1, Object::Null);
                    }
                    slot[mcid as usize] = Object::Reference(ids[n]);
                    if Some(page) == first_page {
                        Object::Integer(mcid.into())
                    } else {
                        Object::Dictionary(Dictionary::from_iter(vec![
                            ("Type", Object::Name(b"MCR".to_vec())),
                            ("Pg", Object::Reference(pages[page])),
                            ("MCID", Object::Integer(mcid.into())),
                        ]))
                    }
                }
            })
            .collect();
        let mut elem = Dictionary::from_iter(vec![
            ("S", Object::Name(node.tag.as_bytes().to_vec())),
            (
                "P",
                Object::Reference(node.parent.map_or(root_id, |p| ids[p])),
            ),
            (
                "K",
                // One kid stands alone: every byte counts in a 1,000-row annex.
                if kids.len() == 1 {
                    kids.into_iter().next().unwrap_or(Object::Null)
                } else {
                    Object::Array(kids)
                },
            ),
        ]);
        if let Some(page) = first_page {
            elem.set("Pg", Object::Reference(pages[page]));
        }
        if node.scope.is_some() || node.col_span.is_some() {
            let mut a = Dictionary::from_iter(vec![("O", Object::Name(b"Table".to_vec()))]);
            if let Some(scope) = node.scope {
                a.set("Scope", Object::Name(scope.as_bytes().to_vec()));
            }
            if let Some(span) = node.col_span {
                a.set("ColSpan", Object::Integer(span.into()));
            }
            elem.set("A", a);
        }
        if let Some(alt) = &node.alt {
            elem.set("Alt", text(alt));
        }
        doc.objects.insert(ids[n], Object::Dictionary(elem));
    }
    let mut nums = Vec::with_capacity(pages.len() * 2);
    for (i, (page, refs)) in pages.iter().zip(parents).enumerate() {
        if let Ok(d) = doc.get_dictionary_mut(*page) {
            d.set("StructParents", Object::Integer(i as i64));
        }
        nums.push(Object::Integer(i as i64));
        nums.push(Object::Array(refs));
    }
    let parent_tree = doc.add_object(Dictionary::from_iter(vec![("Nums", Object::Array(nums))]));
    doc.objects.insert(
        root_id,
        Object::Dictionary(Dictionary::from_iter(vec![
            ("Type", Object::Name(b"StructTreeRoot".to_vec())),
            ("K", Object::Reference(ids[0])),
            ("ParentTree", Object::Reference(parent_tree)),
            ("ParentTreeNextKey", Object::Integer(pages.len() as i64)),
        ])),
    );
    Ok(root_id)
}

/// The bookmarks: areas at the top level, each with its periods; each opens its page at
/// the band's height.
fn outline(doc: &mut Document, layout: &Layout, pages: &[ObjectId]) -> Option<ObjectId> {
    if layout.outline.is_empty() {
        return None;
    }
    let root = doc.new_object_id();
    let ids: Vec<ObjectId> = layout.outline.iter().map(|_| doc.new_object_id()).collect();
    // Parent of each mark: the root for areas, the last area for periods.
    let mut parent = vec![None; ids.len()];
    let mut last_area = None;
    for (i, m) in layout.outline.iter().enumerate() {
        if m.level == 0 {
            last_area = Some(i);
        } else {
            parent[i] = last_area;
        }
    }
    let siblings = |p: Option<usize>| -> Vec<usize> {
        (0..ids.len())
            .filter(|&i| parent[i] == p && (p.is_some() || layout.outline[i].level == 0))
            .collect()
    };
    let top = siblings(None);
    for (i, m) in layout.outline.iter().enumerate() {
        let mut d = Dictionary::from_iter(vec![
            ("Title", text(&m.title)),
            (
                "Parent",
                Object::Reference(parent[i].map_or(root, |p| ids[p])),
            ),
            (
                "Dest",
                Object::Array(vec![
                    Object::Reference(pages[m.page]),
                    Object::Name(b"XYZ".to_vec()),
                    Object::Integer(0),
                    Object::Real(m.top + 8.0),
                    Object::Null,
                ]),
            ),
        ]);
        let group = if parent[i].is_some() {
            siblings(parent[i])
        } else {
            top.clone()
        };
        let pos = group.iter().position(|&g| g == i).unwrap_or(0);
        if pos > 0 {
            d.set("Prev", Object::Reference(ids[group[pos - 1]]));
        }
        if let Some(&next) = group.get(pos + 1) {
            d.set("Next", Object::Reference(ids[next]));
        }
        if m.level == 0 {
            let kids = siblings(Some(i));
            if let (Some(&f), Some(&l)) = (kids.first(), kids.last()) {
                d.set("First", Object::Reference(ids[f]));
                d.set("Last", Object::Reference(ids[l]));
                // Closed: the list of areas first, periods on request.
                d.set("Count", Object::Integer(-(kids.len() as i64)));
            }
        }
        doc.objects.insert(ids[i], Object::Dictionary(d));
    }
    let (first, last) = (top.first()?, top.last()?);
    doc.objects.insert(
        root,
        Object::Dictionary(Dictionary::from_iter(vec![
            ("Type", Object::Name(b"Outlines".to_vec())),
            ("First", Object::Reference(ids[*first])),
            ("Last", Object::Reference(ids[*last])),
            ("Count", Object::Integer(top.len() as i64)),
        ])),
    );
    Some(root)
}
