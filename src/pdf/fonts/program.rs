//! The embedded font program: a font's descriptor, whether a program is embedded, the
//! decoded FontFile2 / FontFile3 (OpenType) data, which cmap subtables a TrueType program
//! has, and CID → Unicode for an Identity-encoded CIDFontType2 font from its cmap.

use std::collections::BTreeMap;

use lopdf::{Dictionary, Document, Object};

use super::super::read::resolve;

pub(super) fn descriptor<'a>(doc: &'a Document, font: &'a Dictionary) -> Option<&'a Dictionary> {
    font.get(b"FontDescriptor")
        .ok()
        .map(|o| resolve(doc, o))
        .and_then(|o| o.as_dict().ok())
}

pub(super) fn is_embedded(doc: &Document, fd: Option<&Dictionary>) -> bool {
    fd.is_some_and(|fd| {
        [&b"FontFile"[..], b"FontFile2", b"FontFile3"]
            .iter()
            .any(|k| {
                fd.get(k)
                    .ok()
                    .map(|o| resolve(doc, o))
                    .is_some_and(|o| o.as_stream().is_ok())
            })
    })
}

/// The decoded embedded program of a font descriptor (FontFile2, or FontFile3/OpenType).
pub(crate) fn font_program(doc: &Document, fd: &Dictionary) -> Option<Vec<u8>> {
    for key in [&b"FontFile2"[..], b"FontFile3"] {
        if let Some(s) = fd
            .get(key)
            .ok()
            .map(|o| resolve(doc, o))
            .and_then(|o| o.as_stream().ok())
        {
            if key == b"FontFile3"
                && s.dict.get(b"Subtype").ok().and_then(|o| o.as_name().ok()) != Some(b"OpenType")
            {
                continue;
            }
            let data = if s.dict.get(b"Filter").is_ok() {
                s.decompressed_content_with_limit(64 << 20).ok()?
            } else {
                s.content.clone()
            };
            return Some(data);
        }
    }
    None
}

/// Which cmap subtables a TrueType program has: (3,0), (3,1) or (3,10), (1,0), total.
pub(crate) fn cmap_kinds(program: &[u8]) -> Option<(bool, bool, bool, usize)> {
    let face = ttf_parser::Face::parse(program, 0).ok()?;
    let cmap = face.tables().cmap?;
    let (mut s30, mut s31, mut s10, mut n) = (false, false, false, 0);
    for st in cmap.subtables {
        n += 1;
        match (st.platform_id, st.encoding_id) {
            (ttf_parser::PlatformId::Windows, 0) => s30 = true,
            (ttf_parser::PlatformId::Windows, 1 | 10) => s31 = true,
            (ttf_parser::PlatformId::Macintosh, 0) => s10 = true,
            _ => {}
        }
    }
    Some((s30, s31, s10, n))
}

/// CID → text for an Identity-encoded CIDFontType2 font, from its program's Unicode cmap.
pub(super) fn derive_cid_unicode(
    doc: &Document,
    font: &Dictionary,
    desc: &Dictionary,
) -> Option<BTreeMap<u16, String>> {
    let enc = font
        .get(b"Encoding")
        .ok()
        .map(|o| resolve(doc, o))
        .and_then(|o| o.as_name().ok())?;
    if enc != b"Identity-H" && enc != b"Identity-V" {
        return None;
    }
    if desc.get(b"Subtype").ok().and_then(|o| o.as_name().ok()) != Some(b"CIDFontType2") {
        return None;
    }
    let program = font_program(doc, descriptor(doc, desc)?)?;
    let face = ttf_parser::Face::parse(&program, 0).ok()?;
    let cmap = face.tables().cmap?;
    let mut by_gid: BTreeMap<u16, char> = BTreeMap::new();
    for st in cmap.subtables {
        if !st.is_unicode() {
            continue;
        }
        st.codepoints(|cp| {
            if let (Some(g), Some(c)) = (st.glyph_index(cp), char::from_u32(cp)) {
                let e = by_gid.entry(g.0).or_insert(c);
                if (c as u32) < (*e as u32) {
                    *e = c;
                }
            }
        });
    }
    // CID → GID
    let cid_to_gid: Option<Vec<u16>> = match desc.get(b"CIDToGIDMap").ok().map(|o| resolve(doc, o))
    {
        None | Some(Object::Name(_)) => None,
        Some(Object::Stream(s)) => {
            let d = if s.dict.get(b"Filter").is_ok() {
                s.decompressed_content_with_limit(1 << 20).ok()?
            } else {
                s.content.clone()
            };
            Some(
                d.chunks_exact(2)
                    .map(|c| u16::from_be_bytes([c[0], c[1]]))
                    .collect(),
            )
        }
        _ => return None,
    };
    let mut out = BTreeMap::new();
    match cid_to_gid {
        None => {
            for (g, c) in by_gid {
                out.insert(g, c.to_string());
            }
        }
        Some(map) => {
            for (cid, g) in map.iter().enumerate().take(65536) {
                if let Some(c) = by_gid.get(g) {
                    out.insert(cid as u16, c.to_string());
                }
            }
        }
    }
    Some(out)
}
