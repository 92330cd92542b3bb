//! Character codes → glyph names → Unicode: Adobe Glyph List lookups, the standard
//! encodings (Standard, WinAnsi, MacRoman), a simple font's /Encoding with /Differences,
//! the built-in encoding of an embedded Type 1 program, a WinAnsi-based /Encoding that
//! reproduces a code → name table, and ToUnicode CMaps for one- and two-byte fonts.

use std::collections::BTreeMap;

use lopdf::{Dictionary, Document, Object, Stream};

use super::super::glyphs;
use super::super::read::resolve;
use super::program::descriptor;

pub(super) fn agl_lookup(name: &str) -> Option<&'static [u32]> {
    glyphs::AGL
        .binary_search_by(|(n, _)| n.as_bytes().cmp(name.as_bytes()))
        .ok()
        .map(|i| glyphs::AGL[i].1)
}

/// Unicode text for a glyph name (Adobe Glyph List rules: suffixes after '.', ligatures
/// with '_', uniXXXX and uXXXX[XX] forms).
pub(crate) fn glyph_unicode(name: &str) -> Option<String> {
    let base = name.split('.').next().unwrap_or("");
    if base.is_empty() {
        return None;
    }
    let mut out = String::new();
    for comp in base.split('_') {
        if let Some(cps) = agl_lookup(comp) {
            for &c in cps {
                out.push(char::from_u32(c)?);
            }
        } else if let Some(hex) = comp.strip_prefix("uni") {
            if hex.is_empty()
                || hex.len() % 4 != 0
                || !hex
                    .bytes()
                    .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_lowercase())
            {
                return None;
            }
            for chunk in hex.as_bytes().chunks(4) {
                let v = u32::from_str_radix(std::str::from_utf8(chunk).ok()?, 16).ok()?;
                if (0xD800..0xE000).contains(&v) {
                    return None;
                }
                out.push(char::from_u32(v)?);
            }
        } else if let Some(hex) = comp.strip_prefix('u') {
            if !(4..=6).contains(&hex.len())
                || !hex
                    .bytes()
                    .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_lowercase())
            {
                return None;
            }
            let v = u32::from_str_radix(hex, 16).ok()?;
            out.push(char::from_u32(v)?);
        } else {
            return None;
        }
    }
    if out.is_empty() { None } else { Some(out) }
}

/// An AGL name for a single code point, if the list has one.
pub(crate) fn agl_name_for(c: char) -> Option<&'static str> {
    static REVERSE: std::sync::OnceLock<BTreeMap<u32, &'static str>> = std::sync::OnceLock::new();
    let map = REVERSE.get_or_init(|| {
        let mut m = BTreeMap::new();
        for (n, cps) in glyphs::AGL.iter() {
            if cps.len() == 1 {
                // Prefer the shortest (most common) name for a code point.
                let e = m.entry(cps[0]).or_insert(*n);
                if n.len() < e.len() || (n.len() == e.len() && *n < *e) {
                    *e = n;
                }
            }
        }
        m
    });
    map.get(&(c as u32)).copied()
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum BaseEnc {
    Standard,
    WinAnsi,
    MacRoman,
}

fn base_table(b: BaseEnc) -> &'static [Option<&'static str>; 256] {
    match b {
        BaseEnc::Standard => &glyphs::STANDARD,
        BaseEnc::WinAnsi => &glyphs::WIN_ANSI,
        BaseEnc::MacRoman => &glyphs::MAC_ROMAN,
    }
}

fn base_from_name(n: &[u8]) -> Option<BaseEnc> {
    match n {
        b"WinAnsiEncoding" => Some(BaseEnc::WinAnsi),
        b"MacRomanEncoding" => Some(BaseEnc::MacRoman),
        b"StandardEncoding" => Some(BaseEnc::Standard),
        _ => None,
    }
}

/// The code → glyph name table of a simple font, or why it cannot be known.
/// `default_base` is used when the font has no (base) encoding; None means the font's
/// built-in encoding, which we cannot know.
pub(crate) fn simple_encoding(
    doc: &Document,
    font: &Dictionary,
    default_base: Option<BaseEnc>,
) -> Result<Vec<Option<String>>, String> {
    let enc = font.get(b"Encoding").ok().map(|e| resolve(doc, e));
    let mut base = default_base;
    let mut diffs: Option<&Vec<Object>> = None;
    match enc {
        None | Some(Object::Null) => {}
        Some(Object::Name(n)) => {
            base =
                Some(base_from_name(n).ok_or_else(|| {
                    format!("kodningen {} stöds inte", String::from_utf8_lossy(n))
                })?);
        }
        Some(Object::Dictionary(d)) => {
            if let Ok(n) = d
                .get(b"BaseEncoding")
                .map(|o| resolve(doc, o))
                .and_then(|o| o.as_name())
            {
                base = Some(base_from_name(n).ok_or_else(|| {
                    format!("kodningen {} stöds inte", String::from_utf8_lossy(n))
                })?);
            }
            diffs = d
                .get(b"Differences")
                .map(|o| resolve(doc, o))
                .and_then(|o| o.as_array())
                .ok();
        }
        Some(_) => return Err("kodningen går inte att läsa".into()),
    }
    let mut table: Vec<Option<String>> = match base {
        Some(b) => base_table(b)
            .iter()
            .map(|n| n.map(str::to_string))
            .collect(),
        None => match type1_builtin_encoding(doc, font) {
            Some(t) => t,
            None if diffs.is_some() => vec![None; 256],
            None => return Err("typsnittet har en inbyggd kodning".into()),
        },
    };
    if let Some(diffs) = diffs {
        let mut code: i64 = -1;
        for item in diffs.iter().take(4096) {
            match resolve(doc, item) {
                Object::Integer(i) => code = *i,
                Object::Name(n) => {
                    if (0..256).contains(&code) {
                        table[code as usize] = Some(String::from_utf8_lossy(n).into_owned());
                    }
                    code += 1;
                }
                _ => {}
            }
        }
    }
    Ok(table)
}

/// The built-in encoding of an embedded Type 1 program (FontFile): the cleartext part's
/// `/Encoding StandardEncoding def` or `dup <code> /<name> put` entries.
pub(crate) fn type1_builtin_encoding(
    doc: &Document,
    font: &Dictionary,
) -> Option<Vec<Option<String>>> {
    let fd = descriptor(doc, font)?;
    let s = fd
        .get(b"FontFile")
        .ok()
        .map(|o| resolve(doc, o))
        .and_then(|o| o.as_stream().ok())?;
    let data = if s.dict.get(b"Filter").is_ok() {
        s.decompressed_content_with_limit(16 << 20).ok()?
    } else {
        s.content.clone()
    };
    // PFB segment header, if present.
    let data: &[u8] = if data.first() == Some(&0x80) && data.len() > 6 {
        &data[6..]
    } else {
        &data
    };
    let clear_len = s
        .dict
        .get(b"Length1")
        .ok()
        .and_then(|o| o.as_i64().ok())
        .map(|l| l.clamp(0, data.len() as i64) as usize)
        .filter(|l| *l > 0)
        .or_else(|| super::super::read::find(data, b"eexec"))
        .unwrap_or(data.len());
    let clear = &data[..clear_len.min(data.len())];
    let at = super::super::read::find(clear, b"/Encoding")?;
    let rest = &clear[at + 9..];
    let text = String::from_utf8_lossy(&rest[..rest.len().min(64 * 1024)]).into_owned();
    let mut tokens = text.split_ascii_whitespace();
    let first = tokens.clone().next()?;
    if first == "StandardEncoding" {
        return Some(
            glyphs::STANDARD
                .iter()
                .map(|n| n.map(str::to_string))
                .collect(),
        );
    }
    let mut table: Vec<Option<String>> = vec![None; 256];
    let toks: Vec<&str> = tokens.by_ref().take(20_000).collect();
    let mut i = 0;
    let mut found = false;
    while i + 3 < toks.len() {
        if toks[i] == "readonly" || (toks[i] == "def" && found) {
            break;
        }
        if toks[i] == "dup"
            && let Ok(code) = toks[i + 1].parse::<usize>()
            && let Some(name) = toks[i + 2].strip_prefix('/')
            && toks[i + 3] == "put"
        {
            if code < 256 {
                table[code] = Some(name.to_string());
            }
            found = true;
            i += 4;
            continue;
        }
        i += 1;
    }
    found.then_some(table)
}

/// /Encoding << /BaseEncoding /WinAnsiEncoding /Differences [...] >> reproducing `names`.
pub(super) fn win_ansi_encoding(names: &[Option<String>]) -> Object {
    let mut diffs = Vec::new();
    let mut last: i64 = -2;
    for (c, n) in names.iter().enumerate() {
        let Some(n) = n else { continue };
        let n = match agl_lookup(n) {
            Some(_) => n.clone(),
            None => glyph_unicode(n)
                .filter(|u| u.chars().count() == 1)
                .and_then(|u| agl_name_for(u.chars().next()?))
                .map(str::to_string)
                .unwrap_or_else(|| n.clone()),
        };
        if glyphs::WIN_ANSI[c] != Some(n.as_str()) {
            if last + 1 != c as i64 {
                diffs.push(Object::Integer(c as i64));
            }
            diffs.push(Object::Name(n.into_bytes()));
            last = c as i64;
        }
    }
    if diffs.is_empty() {
        return Object::Name(b"WinAnsiEncoding".to_vec());
    }
    let mut e = Dictionary::new();
    e.set("Type", Object::Name(b"Encoding".to_vec()));
    e.set("BaseEncoding", Object::Name(b"WinAnsiEncoding".to_vec()));
    e.set("Differences", Object::Array(diffs));
    Object::Dictionary(e)
}

/// A ToUnicode CMap for a one-byte font.
pub(crate) fn to_unicode_cmap(map: &BTreeMap<u8, String>) -> Stream {
    let mut s = String::from(
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n\
         /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n\
         /CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n\
         1 begincodespacerange\n<00> <FF>\nendcodespacerange\n",
    );
    let entries: Vec<_> = map.iter().filter(|(_, u)| !u.is_empty()).collect();
    for chunk in entries.chunks(100) {
        s.push_str(&format!("{} beginbfchar\n", chunk.len()));
        for (code, text) in chunk {
            s.push_str(&format!("<{code:02X}> <"));
            for unit in text.encode_utf16() {
                s.push_str(&format!("{unit:04X}"));
            }
            s.push_str(">\n");
        }
        s.push_str("endbfchar\n");
    }
    s.push_str("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    let mut st = Stream::new(Dictionary::new(), s.into_bytes());
    let _ = st.compress();
    st
}

/// A ToUnicode CMap for a two-byte (Identity) font.
pub(crate) fn to_unicode_cmap2(map: &BTreeMap<u16, String>) -> Stream {
    let mut s = String::from(
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n\
         /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n\
         /CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n\
         1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n",
    );
    let entries: Vec<_> = map.iter().filter(|(_, u)| !u.is_empty()).collect();
    for chunk in entries.chunks(100) {
        s.push_str(&format!("{} beginbfchar\n", chunk.len()));
        for (code, text) in chunk {
            s.push_str(&format!("<{code:04X}> <"));
            for unit in text.encode_utf16() {
                s.push_str(&format!("{unit:04X}"));
            }
            s.push_str(">\n");
        }
        s.push_str("endbfchar\n");
    }
    s.push_str("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    let mut st = Stream::new(Dictionary::new(), s.into_bytes());
    let _ = st.compress();
    st
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glyph_names() {
        assert_eq!(glyph_unicode("adieresis").as_deref(), Some("ä"));
        assert_eq!(glyph_unicode("uni00E5").as_deref(), Some("å"));
        assert_eq!(glyph_unicode("f_i").as_deref(), Some("fi"));
        assert_eq!(glyph_unicode("a.sc").as_deref(), Some("a"));
        assert_eq!(glyph_unicode("g123"), None);
        assert_eq!(agl_name_for('ö'), Some("odieresis"));
    }
}
