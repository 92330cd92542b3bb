//! Fonts of a bilaga: classification (keep / substitute / rasterise), metric-compatible
//! Liberation substitutes for non-embedded fonts, and ToUnicode CMaps.
//!
//! Module map:
//!
//! * this file — `classify`: what becomes of a font a page uses (`Verdict`);
//! * `encoding` — character codes → glyph names → Unicode: the Adobe Glyph List, the
//!   standard encodings, /Encoding and /Differences, Type 1 built-in encodings, ToUnicode
//!   CMaps;
//! * `program` — the embedded font program: descriptor, FontFile2/3, cmap subtables, CID →
//!   Unicode from the program's cmap;
//! * `substitute` — the Liberation fonts (variants, metrics, widths, glyphs) and the
//!   TrueType dictionary that replaces a non-embedded font;
//! * `repair` — fixing an embedded font's dictionary for PDF/A-2 (CIDSet, CharSet,
//!   CIDToGIDMap, ToUnicode, TrueType encodings).
//!
//! Imports run one way: `encoding` uses `program`; `substitute` uses `encoding`; `repair`
//! uses `encoding` and `program`; this file uses (and re-exports from) the four, and none
//! of them uses this file. The glyph-name tables are in `super::glyphs`.

mod encoding;
mod program;
mod repair;
mod substitute;

use std::collections::BTreeMap;

use lopdf::{Dictionary, Document};

use super::read::resolve;
use encoding::glyph_unicode;
use program::{derive_cid_unicode, descriptor, is_embedded};
use substitute::map_to_liberation;

pub(crate) use encoding::{BaseEnc, agl_name_for, simple_encoding};
pub(crate) use repair::fix_embedded;
#[cfg(test)]
pub(crate) use substitute::ALL_VARIANTS; // for the subsetting tests
pub(crate) use substitute::{
    Family, MARKER_KEY, Variant, liberation_glyphs, metrics, substitute_dict,
};

/// The Liberation variant that stands in for a font of this name (a standard font's name,
/// "Helvetica-Bold", "Times-Roman", or any other), None for a symbol font.
pub(crate) fn font_variant(doc: &Document, name: &str) -> Option<Variant> {
    map_to_liberation(name, None, doc).map(|(v, _)| v)
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Verdict {
    /// Embedded and fine; optionally with a generated ToUnicode (code → text).
    Keep {
        to_unicode: Option<BTreeMap<u8, String>>,
    },
    /// An embedded composite (Identity-H/V, TrueType) font without ToUnicode: keep it with
    /// a ToUnicode derived from the program's Unicode cmap (CID → text).
    KeepCid { to_unicode: BTreeMap<u16, String> },
    /// Not embedded: replace by a Liberation font with this encoding (code → glyph name).
    Substitute {
        variant: Variant,
        names: Vec<Option<String>>,
        exact: bool,
        original: String,
    },
    /// Cannot be kept conforming: the page must be rasterised (Swedish reason).
    Raster(String),
}

pub(crate) fn font_name(doc: &Document, font: &Dictionary) -> String {
    let n = font
        .get(b"BaseFont")
        .ok()
        .map(|o| resolve(doc, o))
        .and_then(|o| o.as_name().ok())
        .map(|n| String::from_utf8_lossy(n).into_owned())
        .unwrap_or_else(|| "(utan namn)".into());
    strip_subset(&n).to_string()
}

fn strip_subset(n: &str) -> &str {
    let b = n.as_bytes();
    if b.len() > 7 && b[6] == b'+' && b[..6].iter().all(|c| c.is_ascii_uppercase()) {
        &n[7..]
    } else {
        n
    }
}

/// Classify a font used on a page. `used` are the character codes the page shows with it
/// (simple fonts; None = unknown, assume all).
pub(crate) fn classify(doc: &Document, font: &Dictionary, used: Option<&[bool; 256]>) -> Verdict {
    let name = font_name(doc, font);
    let subtype = font
        .get(b"Subtype")
        .ok()
        .map(|o| resolve(doc, o))
        .and_then(|o| o.as_name().ok())
        .unwrap_or(b"");
    let is_used = |c: usize| used.is_none_or(|u| u[c]);
    match subtype {
        b"Type3" => Verdict::Raster(format!("typsnittet {name} är ett Type 3-typsnitt")),
        b"Type0" => {
            let desc = font
                .get(b"DescendantFonts")
                .ok()
                .map(|o| resolve(doc, o))
                .and_then(|o| o.as_array().ok())
                .and_then(|a| a.first())
                .map(|o| resolve(doc, o))
                .and_then(|o| o.as_dict().ok());
            let Some(desc) = desc else {
                return Verdict::Raster(format!("typsnittet {name} är trasigt"));
            };
            if !is_embedded(doc, descriptor(doc, desc)) {
                return Verdict::Raster(format!("typsnittet {name} är inte inbäddat"));
            }
            if font
                .get(b"ToUnicode")
                .ok()
                .map(|o| resolve(doc, o))
                .is_some_and(|o| o.as_stream().is_ok())
            {
                return Verdict::Keep { to_unicode: None };
            }
            match derive_cid_unicode(doc, font, desc) {
                Some(map) if !map.is_empty() => Verdict::KeepCid { to_unicode: map },
                _ => Verdict::Raster(format!("typsnittet {name} saknar Unicode-koppling")),
            }
        }
        b"Type1" | b"MMType1" | b"TrueType" => {
            let fd = descriptor(doc, font);
            let flags = fd
                .and_then(|fd| fd.get(b"Flags").ok())
                .map(|o| resolve(doc, o))
                .and_then(|o| o.as_i64().ok())
                .unwrap_or(0);
            let symbolic = flags & 4 != 0 && flags & 32 == 0;
            if is_embedded(doc, fd) {
                let has_tu = font
                    .get(b"ToUnicode")
                    .ok()
                    .map(|o| resolve(doc, o))
                    .is_some_and(|o| o.as_stream().is_ok());
                if has_tu {
                    return Verdict::Keep { to_unicode: None };
                }
                // No ToUnicode: derive one from the encoding's glyph names.
                let default = if subtype == b"Type1" && !symbolic && font.get(b"Encoding").is_ok() {
                    Some(BaseEnc::Standard)
                } else {
                    None
                };
                let names = match simple_encoding(doc, font, default) {
                    Ok(n) => n,
                    Err(_) => {
                        return Verdict::Raster(format!(
                            "typsnittet {name} saknar Unicode-koppling"
                        ));
                    }
                };
                let mut map = BTreeMap::new();
                for (c, n) in names.iter().enumerate() {
                    match n.as_deref().and_then(glyph_unicode) {
                        Some(u) => {
                            map.insert(c as u8, u);
                        }
                        None if is_used(c) => {
                            return Verdict::Raster(format!(
                                "typsnittet {name} saknar Unicode-koppling"
                            ));
                        }
                        None => {}
                    }
                }
                return Verdict::Keep {
                    to_unicode: Some(map),
                };
            }
            // Not embedded.
            let Some((variant, exact)) = map_to_liberation(&name, fd, doc) else {
                return Verdict::Raster(format!(
                    "typsnittet {name} kan inte bäddas in och saknar Unicode-koppling"
                ));
            };
            let names = match simple_encoding(doc, font, Some(BaseEnc::Standard)) {
                Ok(n) => n,
                Err(e) => return Verdict::Raster(format!("typsnittet {name}: {e}")),
            };
            for (c, n) in names.iter().enumerate() {
                if is_used(c) && n.as_deref().is_some_and(|n| glyph_unicode(n).is_none()) {
                    return Verdict::Raster(format!("typsnittet {name} saknar Unicode-koppling"));
                }
            }
            Verdict::Substitute {
                variant,
                names,
                exact,
                original: name,
            }
        }
        _ => Verdict::Raster(format!("typsnittet {name} har en okänd typ")),
    }
}

#[cfg(test)]
mod tests {
    use lopdf::{Object, Stream};

    use super::*;

    /// A TeX-style embedded Type 1 font: no /Encoding in the dictionary, the built-in
    /// encoding in the program's cleartext part, no ToUnicode.
    #[test]
    fn type1_builtin_encoding_gives_tounicode() {
        let mut doc = Document::with_version("1.7");
        let program = b"%!PS-AdobeFont-1.0: CMSY10 003.002\n/FontName /CMSY10 def\n\
            /Encoding 256 array\n0 1 255 {1 index exch /.notdef put} for\n\
            dup 0 /minus put\ndup 15 /bullet put\ndup 65 /A put\ndup 66 /circledot put\nreadonly def\n\
            currentdict end\ncurrentfile eexec\n\x8a\x91garbage";
        let mut sd = Dictionary::new();
        sd.set("Length1", 200);
        let ff = doc.add_object(Stream::new(sd, program.to_vec()));
        let mut fd = Dictionary::new();
        fd.set("Type", Object::Name(b"FontDescriptor".to_vec()));
        fd.set("Flags", 4);
        fd.set("FontFile", Object::Reference(ff));
        let fd = doc.add_object(fd);
        let mut f = Dictionary::new();
        f.set("Type", Object::Name(b"Font".to_vec()));
        f.set("Subtype", Object::Name(b"Type1".to_vec()));
        f.set("BaseFont", Object::Name(b"ABCDEF+CMSY10".to_vec()));
        f.set("FontDescriptor", Object::Reference(fd));
        let mut used = [false; 256];
        used[15] = true;
        used[0] = true;
        match classify(&doc, &f, Some(&used)) {
            Verdict::Keep {
                to_unicode: Some(map),
            } => {
                assert_eq!(map.get(&15).map(String::as_str), Some("•"));
                assert_eq!(map.get(&0).map(String::as_str), Some("−"));
                assert_eq!(map.get(&65).map(String::as_str), Some("A"));
            }
            v => panic!("{v:?}"),
        }
        // A used code without a Unicode name (here none is defined) makes the page raster.
        let mut used = [false; 256];
        used[20] = true;
        assert!(matches!(
            classify(&doc, &f, Some(&used)),
            Verdict::Raster(_)
        ));
    }
}
