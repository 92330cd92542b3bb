//! Repairing an embedded font's dictionary for PDF/A-2 (ISO 19005-2, 6.2.11): unreliable
//! CIDSet and CharSet dropped, /CIDToGIDMap defaulted, a derived ToUnicode added, and
//! TrueType encodings made consistent with the program's cmap subtables.

use std::collections::BTreeMap;

use lopdf::{Dictionary, Document, Object, ObjectId};

use super::super::read::resolve;
use super::encoding::{
    BaseEnc, glyph_unicode, simple_encoding, to_unicode_cmap, to_unicode_cmap2, win_ansi_encoding,
};
use super::program::{cmap_kinds, font_program};

/// Make an embedded font dictionary PDF/A-2 friendlier (6.2.11): drop optional entries that
/// are often wrong (CIDSet, CharSet), default /CIDToGIDMap, add a derived ToUnicode, and
/// repair TrueType encodings: a symbolic TrueType font must not have /Encoding (readers
/// ignore it for symbolic fonts anyway), a non-symbolic one needs WinAnsi/MacRoman as its
/// (base) encoding.
pub(crate) fn fix_embedded(
    doc: &mut Document,
    font: &mut Dictionary,
    to_unicode: Option<&BTreeMap<u8, String>>,
    to_unicode_cid: Option<&BTreeMap<u16, String>>,
) {
    if let Some(map) = to_unicode
        && !map.is_empty()
    {
        let id = doc.add_object(to_unicode_cmap(map));
        font.set("ToUnicode", Object::Reference(id));
    }
    if let Some(map) = to_unicode_cid {
        let id = doc.add_object(to_unicode_cmap2(map));
        font.set("ToUnicode", Object::Reference(id));
    }
    let mut fds: Vec<ObjectId> = Vec::new();
    if let Ok(id) = font.get(b"FontDescriptor").and_then(|o| o.as_reference()) {
        fds.push(id);
    }
    let descendants: Vec<Object> = font
        .get(b"DescendantFonts")
        .map(|o| resolve(doc, o).clone())
        .and_then(|o| o.as_array().cloned())
        .unwrap_or_default();
    let mut new_desc = Vec::new();
    for d in &descendants {
        let (id, mut dd) = match d {
            Object::Reference(id) => match doc.objects.get(id).and_then(|o| o.as_dict().ok()) {
                Some(dd) => (Some(*id), dd.clone()),
                None => continue,
            },
            Object::Dictionary(dd) => (None, dd.clone()),
            _ => continue,
        };
        if let Ok(fd) = dd.get(b"FontDescriptor").and_then(|o| o.as_reference()) {
            fds.push(fd);
        }
        if dd.get(b"Subtype").ok().and_then(|o| o.as_name().ok()) == Some(b"CIDFontType2")
            && !dd.has(b"CIDToGIDMap")
        {
            dd.set("CIDToGIDMap", Object::Name(b"Identity".to_vec()));
        }
        match id {
            Some(id) => {
                doc.objects.insert(id, Object::Dictionary(dd));
                new_desc.push(Object::Reference(id));
            }
            None => new_desc.push(Object::Dictionary(dd)),
        }
    }
    if !descendants.is_empty() {
        font.set("DescendantFonts", Object::Array(new_desc));
    }
    for id in &fds {
        if let Some(Object::Dictionary(fd)) = doc.objects.get_mut(id) {
            fd.remove(b"CIDSet");
            fd.remove(b"CharSet");
        }
    }
    // TrueType encodings.
    if font.get(b"Subtype").ok().and_then(|o| o.as_name().ok()) != Some(b"TrueType") {
        return;
    }
    let Some(fd_id) = fds.first().copied() else {
        return;
    };
    let Some(fd) = doc
        .objects
        .get(&fd_id)
        .and_then(|o| o.as_dict().ok())
        .cloned()
    else {
        return;
    };
    let flags = fd
        .get(b"Flags")
        .ok()
        .and_then(|o| o.as_i64().ok())
        .unwrap_or(0);
    let symbolic = flags & 4 != 0;
    let Some(program) = font_program(doc, &fd) else {
        return;
    };
    let Some((_s30, s31, _s10, _n)) = cmap_kinds(&program) else {
        return;
    };
    if symbolic {
        if font.has(b"Encoding") {
            if s31 && !_s30 && !_s10 {
                // Only a Unicode cmap: readers go through the encoding's glyph names, which
                // is what a non-symbolic font means.
                let names = simple_encoding(doc, font, Some(BaseEnc::Standard)).ok();
                if let Some(names) =
                    names.filter(|n| n.iter().flatten().all(|n| glyph_unicode(n).is_some()))
                {
                    if let Some(Object::Dictionary(fdm)) = doc.objects.get_mut(&fd_id) {
                        fdm.set("Flags", (flags & !4) | 32);
                    }
                    font.set("Encoding", win_ansi_encoding(&names));
                    return;
                }
            }
            font.remove(b"Encoding");
        }
        return;
    }
    let ok_encoding = match font.get(b"Encoding").ok().map(|o| resolve(doc, o)) {
        Some(Object::Name(n)) => n == b"WinAnsiEncoding" || n == b"MacRomanEncoding",
        Some(Object::Dictionary(d)) => matches!(
            d.get(b"BaseEncoding").ok().and_then(|o| o.as_name().ok()),
            Some(b"WinAnsiEncoding" | b"MacRomanEncoding")
        ),
        _ => false,
    };
    if !ok_encoding && let Ok(names) = simple_encoding(doc, font, Some(BaseEnc::Standard)) {
        if s31 && names.iter().flatten().all(|n| glyph_unicode(n).is_some()) {
            font.set("Encoding", win_ansi_encoding(&names));
        } else {
            font.set("Encoding", Object::Name(b"WinAnsiEncoding".to_vec()));
        }
    }
}
