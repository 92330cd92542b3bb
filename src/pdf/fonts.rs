//! Fonts of a bilaga: classification (keep / substitute / rasterise), metric-compatible
//! Liberation substitutes for non-embedded fonts, and ToUnicode CMaps.
//!
//! The Liberation fonts (SIL OFL 1.1) are compiled in from `<crate>/fonts/liberation-*/`;
//! in kansli that is `/work/main/fonts/` (liberation-sans is already there; liberation-serif
//! and liberation-mono are added beside it with their licence file).

use std::collections::BTreeMap;

use lopdf::{Dictionary, Document, Object, ObjectId, Stream};

use super::glyphs;
use super::read::resolve;

/// Key in a substituted FontDescriptor naming the Liberation program to embed when the
/// bilaga is placed (the program is embedded once per pack, see `place`).
pub(crate) const MARKER_KEY: &[u8] = b"KansliLiberation";

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Family {
    Sans,
    Serif,
    Mono,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Variant {
    pub family: Family,
    pub bold: bool,
    pub italic: bool,
}

macro_rules! font_file {
    ($dir:literal, $file:literal) => {
        include_bytes!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/fonts/",
            $dir,
            "/",
            $file
        ))
    };
}

impl Variant {
    pub fn ps_name(&self) -> &'static str {
        match (self.family, self.bold, self.italic) {
            (Family::Sans, false, false) => "LiberationSans",
            (Family::Sans, true, false) => "LiberationSans-Bold",
            (Family::Sans, false, true) => "LiberationSans-Italic",
            (Family::Sans, true, true) => "LiberationSans-BoldItalic",
            (Family::Serif, false, false) => "LiberationSerif",
            (Family::Serif, true, false) => "LiberationSerif-Bold",
            (Family::Serif, false, true) => "LiberationSerif-Italic",
            (Family::Serif, true, true) => "LiberationSerif-BoldItalic",
            (Family::Mono, false, false) => "LiberationMono",
            (Family::Mono, true, false) => "LiberationMono-Bold",
            (Family::Mono, false, true) => "LiberationMono-Italic",
            (Family::Mono, true, true) => "LiberationMono-BoldItalic",
        }
    }

    pub fn from_ps_name(name: &[u8]) -> Option<Variant> {
        ALL_VARIANTS
            .iter()
            .copied()
            .find(|v| v.ps_name().as_bytes() == name)
    }

    /// Display name for warnings.
    pub fn display(&self) -> String {
        let fam = match self.family {
            Family::Sans => "Liberation Sans",
            Family::Serif => "Liberation Serif",
            Family::Mono => "Liberation Mono",
        };
        let style = match (self.bold, self.italic) {
            (false, false) => "",
            (true, false) => " Bold",
            (false, true) => " Italic",
            (true, true) => " Bold Italic",
        };
        format!("{fam}{style}")
    }

    pub fn data(&self) -> &'static [u8] {
        match (self.family, self.bold, self.italic) {
            (Family::Sans, false, false) => {
                font_file!("liberation-sans", "LiberationSans-Regular.ttf")
            }
            (Family::Sans, true, false) => font_file!("liberation-sans", "LiberationSans-Bold.ttf"),
            (Family::Sans, false, true) => {
                font_file!("liberation-sans", "LiberationSans-Italic.ttf")
            }
            (Family::Sans, true, true) => {
                font_file!("liberation-sans", "LiberationSans-BoldItalic.ttf")
            }
            (Family::Serif, false, false) => {
                font_file!("liberation-serif", "LiberationSerif-Regular.ttf")
            }
            (Family::Serif, true, false) => {
                font_file!("liberation-serif", "LiberationSerif-Bold.ttf")
            }
            (Family::Serif, false, true) => {
                font_file!("liberation-serif", "LiberationSerif-Italic.ttf")
            }
            (Family::Serif, true, true) => {
                font_file!("liberation-serif", "LiberationSerif-BoldItalic.ttf")
            }
            (Family::Mono, false, false) => {
                font_file!("liberation-mono", "LiberationMono-Regular.ttf")
            }
            (Family::Mono, true, false) => font_file!("liberation-mono", "LiberationMono-Bold.ttf"),
            (Family::Mono, false, true) => {
                font_file!("liberation-mono", "LiberationMono-Italic.ttf")
            }
            (Family::Mono, true, true) => {
                font_file!("liberation-mono", "LiberationMono-BoldItalic.ttf")
            }
        }
    }
}

pub(crate) const ALL_VARIANTS: [Variant; 12] = {
    const fn v(family: Family, bold: bool, italic: bool) -> Variant {
        Variant {
            family,
            bold,
            italic,
        }
    }
    [
        v(Family::Sans, false, false),
        v(Family::Sans, true, false),
        v(Family::Sans, false, true),
        v(Family::Sans, true, true),
        v(Family::Serif, false, false),
        v(Family::Serif, true, false),
        v(Family::Serif, false, true),
        v(Family::Serif, true, true),
        v(Family::Mono, false, false),
        v(Family::Mono, true, false),
        v(Family::Mono, false, true),
        v(Family::Mono, true, true),
    ]
};

// ------------------------------------------------------------------------------------------
// Glyph names and encodings

fn agl_lookup(name: &str) -> Option<&'static [u32]> {
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
        .or_else(|| super::read::find(data, b"eexec"))
        .unwrap_or(data.len());
    let clear = &data[..clear_len.min(data.len())];
    let at = super::read::find(clear, b"/Encoding")?;
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

// ------------------------------------------------------------------------------------------
// Classification

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

fn descriptor<'a>(doc: &'a Document, font: &'a Dictionary) -> Option<&'a Dictionary> {
    font.get(b"FontDescriptor")
        .ok()
        .map(|o| resolve(doc, o))
        .and_then(|o| o.as_dict().ok())
}

fn is_embedded(doc: &Document, fd: Option<&Dictionary>) -> bool {
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

/// Map a non-embedded font's name (and descriptor) to a Liberation variant.
/// Returns (variant, exact) where exact means a metric-compatible twin (Arial/Helvetica,
/// Times, Courier); None for symbol fonts without a free twin.
pub(crate) fn map_to_liberation(
    name: &str,
    fd: Option<&Dictionary>,
    doc: &Document,
) -> Option<(Variant, bool)> {
    let lower = name.to_ascii_lowercase();
    let compact: String = lower
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .collect();
    for sym in [
        "symbol",
        "zapfdingbats",
        "dingbats",
        "wingdings",
        "webdings",
        "mtextra",
        "marlett",
    ] {
        if compact.starts_with(sym) {
            return None;
        }
    }
    let flags = fd
        .and_then(|fd| fd.get(b"Flags").ok())
        .map(|o| resolve(doc, o))
        .and_then(|o| o.as_i64().ok())
        .unwrap_or(0);
    let weight = fd
        .and_then(|fd| fd.get(b"FontWeight").ok())
        .and_then(|o| super::content::num(resolve(doc, o)))
        .unwrap_or(400.0);
    let angle = fd
        .and_then(|fd| fd.get(b"ItalicAngle").ok())
        .and_then(|o| super::content::num(resolve(doc, o)))
        .unwrap_or(0.0);
    let bold = ["bold", "black", "heavy", "semibold", "demi"]
        .iter()
        .any(|s| compact.contains(s))
        || weight >= 600.0
        || flags & (1 << 18) != 0;
    let italic = ["italic", "oblique", "slanted"]
        .iter()
        .any(|s| compact.contains(s))
        || angle.abs() > 0.5
        || flags & (1 << 6) != 0;
    let (family, exact) = if compact.starts_with("helvetica")
        || compact.starts_with("arial")
            && !compact.starts_with("arialnarrow")
            && !compact.starts_with("arialblack")
            && !compact.starts_with("arialunicode")
    {
        (Family::Sans, true)
    } else if compact.starts_with("times") {
        (Family::Serif, true)
    } else if compact.starts_with("courier") {
        (Family::Mono, true)
    } else if flags & 4 != 0 && flags & 32 == 0 {
        // a symbolic font we do not know: no substitute can show its glyphs
        return None;
    } else if flags & 1 != 0 || compact.contains("mono") || compact.contains("consol") {
        (Family::Mono, false)
    } else if flags & 2 != 0
        || compact.contains("serif") && !compact.contains("sans")
        || compact.contains("roman")
        || compact.contains("garamond")
        || compact.contains("georgia")
        || compact.contains("cambria")
        || compact.contains("bookman")
        || compact.contains("palatino")
    {
        (Family::Serif, false)
    } else {
        (Family::Sans, false)
    };
    Some((
        Variant {
            family,
            bold,
            italic,
        },
        exact,
    ))
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
fn derive_cid_unicode(
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

// ------------------------------------------------------------------------------------------
// Building fonts

/// Metrics of a Liberation program, in PDF glyph space (1/1000 em).
#[derive(Debug, Clone)]
pub(crate) struct Metrics {
    pub bbox: [i64; 4],
    pub ascent: i64,
    pub descent: i64,
    pub cap_height: i64,
    pub italic_angle: f64,
    pub notdef_width: i64,
    pub stem_v: i64,
}

fn scale(v: f64, upem: f64) -> i64 {
    (v * 1000.0 / upem).round() as i64
}

pub(crate) fn metrics(v: Variant) -> Option<Metrics> {
    let face = ttf_parser::Face::parse(v.data(), 0).ok()?;
    let upem = face.units_per_em() as f64;
    let b = face.global_bounding_box();
    Some(Metrics {
        bbox: [
            scale(b.x_min as f64, upem),
            scale(b.y_min as f64, upem),
            scale(b.x_max as f64, upem),
            scale(b.y_max as f64, upem),
        ],
        ascent: scale(face.ascender() as f64, upem),
        descent: scale(face.descender() as f64, upem),
        cap_height: scale(
            face.capital_height().unwrap_or(face.ascender()) as f64,
            upem,
        ),
        italic_angle: face.italic_angle() as f64,
        notdef_width: scale(
            face.glyph_hor_advance(ttf_parser::GlyphId(0)).unwrap_or(0) as f64,
            upem,
        ),
        stem_v: if v.bold { 140 } else { 80 },
    })
}

/// Width (1/1000 em) of the glyph a code shows in the Liberation program: the glyph for the
/// name's Unicode value through the (3,1) cmap, as a reader of a non-symbolic TrueType font
/// finds it; .notdef otherwise.
pub(crate) fn liberation_width(face: &ttf_parser::Face, name: Option<&str>) -> i64 {
    let upem = face.units_per_em() as f64;
    let gid = name
        .and_then(glyph_unicode)
        .filter(|u| u.chars().count() == 1)
        .and_then(|u| u.chars().next())
        .and_then(|c| face.glyph_index(c))
        .unwrap_or(ttf_parser::GlyphId(0));
    scale(face.glyph_hor_advance(gid).unwrap_or(0) as f64, upem)
}

/// The glyph ids a substituted font can show (for subsetting).
pub(crate) fn liberation_glyphs(face: &ttf_parser::Face, names: &[Option<String>]) -> Vec<u16> {
    let mut out = vec![0u16];
    for n in names.iter().flatten() {
        if let Some(c) = glyph_unicode(n)
            .filter(|u| u.chars().count() == 1)
            .and_then(|u| u.chars().next())
            && let Some(g) = face.glyph_index(c)
        {
            out.push(g.0);
        }
    }
    out.sort_unstable();
    out.dedup();
    out
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

/// Build the TrueType font dictionary that replaces a non-embedded simple font. The
/// FontDescriptor carries MARKER_KEY instead of FontFile2; `place` swaps in the pack's
/// shared descriptor with the embedded program.
pub(crate) fn substitute_dict(
    doc: &mut Document,
    variant: Variant,
    names: &[Option<String>],
) -> Option<Dictionary> {
    let face = ttf_parser::Face::parse(variant.data(), 0).ok()?;
    let m = metrics(variant)?;
    // Encoding: WinAnsi plus Differences wherever the font's table differs. Names outside
    // the AGL are replaced by the AGL name of their Unicode value.
    let mut diffs: Vec<Object> = Vec::new();
    let mut last: i64 = -2;
    let mut final_names: Vec<Option<String>> = vec![None; 256];
    #[allow(clippy::needless_range_loop)] // c is a character code, used as one
    for c in 0..256usize {
        let Some(n) = names.get(c).and_then(|n| n.clone()) else {
            final_names[c] = glyphs::WIN_ANSI[c].map(str::to_string);
            continue;
        };
        let n = if agl_lookup(n.split('.').next().unwrap_or("")).is_some()
            && !n.contains('.')
            && !n.contains('_')
        {
            n
        } else {
            match glyph_unicode(&n)
                .filter(|u| u.chars().count() == 1)
                .and_then(|u| agl_name_for(u.chars().next()?))
            {
                Some(agl) => agl.to_string(),
                None => n,
            }
        };
        if glyphs::WIN_ANSI[c] != Some(n.as_str()) {
            if last + 1 != c as i64 {
                diffs.push(Object::Integer(c as i64));
            }
            diffs.push(Object::Name(n.clone().into_bytes()));
            last = c as i64;
        }
        final_names[c] = Some(n);
    }
    let widths: Vec<Object> = (0..256)
        .map(|c| Object::Integer(liberation_width(&face, final_names[c].as_deref())))
        .collect();
    let mut to_uni = BTreeMap::new();
    for (c, n) in final_names.iter().enumerate() {
        if let Some(u) = n.as_deref().and_then(glyph_unicode) {
            to_uni.insert(c as u8, u);
        }
    }
    let tu = doc.add_object(to_unicode_cmap(&to_uni));
    let mut flags = 32i64;
    if variant.family == Family::Serif {
        flags |= 2;
    }
    if variant.family == Family::Mono {
        flags |= 1;
    }
    if variant.italic {
        flags |= 64;
    }
    let mut fd = Dictionary::new();
    fd.set("Type", Object::Name(b"FontDescriptor".to_vec()));
    fd.set(
        "FontName",
        Object::Name(variant.ps_name().as_bytes().to_vec()),
    );
    fd.set("Flags", flags);
    fd.set(
        "FontBBox",
        Object::Array(m.bbox.iter().map(|v| Object::Integer(*v)).collect()),
    );
    fd.set("ItalicAngle", Object::Real(m.italic_angle as f32));
    fd.set("Ascent", m.ascent);
    fd.set("Descent", m.descent);
    fd.set("CapHeight", m.cap_height);
    fd.set("StemV", m.stem_v);
    fd.set("MissingWidth", m.notdef_width);
    fd.set(
        MARKER_KEY.to_vec(),
        Object::Name(variant.ps_name().as_bytes().to_vec()),
    );
    let fd_id = doc.add_object(fd);
    let mut f = Dictionary::new();
    f.set("Type", Object::Name(b"Font".to_vec()));
    f.set("Subtype", Object::Name(b"TrueType".to_vec()));
    f.set(
        "BaseFont",
        Object::Name(variant.ps_name().as_bytes().to_vec()),
    );
    f.set("FirstChar", 0);
    f.set("LastChar", 255);
    f.set("Widths", Object::Array(widths));
    if diffs.is_empty() {
        f.set("Encoding", Object::Name(b"WinAnsiEncoding".to_vec()));
    } else {
        let mut e = Dictionary::new();
        e.set("Type", Object::Name(b"Encoding".to_vec()));
        e.set("BaseEncoding", Object::Name(b"WinAnsiEncoding".to_vec()));
        e.set("Differences", Object::Array(diffs));
        f.set("Encoding", Object::Dictionary(e));
    }
    f.set("FontDescriptor", Object::Reference(fd_id));
    f.set("ToUnicode", Object::Reference(tu));
    Some(f)
}

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

/// /Encoding << /BaseEncoding /WinAnsiEncoding /Differences [...] >> reproducing `names`.
fn win_ansi_encoding(names: &[Option<String>]) -> Object {
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

    #[test]
    fn all_liberation_fonts_parse() {
        for v in ALL_VARIANTS {
            let face =
                ttf_parser::Face::parse(v.data(), 0).unwrap_or_else(|_| panic!("{}", v.ps_name()));
            assert!(face.glyph_index('å').is_some(), "{}", v.ps_name());
            // Helvetica 'a' is 556 units; Liberation Sans is metric-compatible.
            if v.family == Family::Sans && !v.bold && !v.italic {
                assert_eq!(liberation_width(&face, Some("a")), 556);
            }
        }
    }
}
