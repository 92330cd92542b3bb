//! Liberation substitutes for fonts that are not embedded: the twelve Liberation variants
//! (SIL OFL 1.1, compiled in from `<crate>/fonts/liberation-{sans,serif,mono}/`), mapping
//! a font name and descriptor to a variant, the variant's metrics and glyph widths, the
//! glyphs a substitute needs (for subsetting), and the TrueType dictionary that replaces
//! the font. The program itself is embedded once per pack by `place` (see `MARKER_KEY`).

use std::collections::BTreeMap;

use lopdf::{Dictionary, Document, Object};

use super::super::glyphs;
use super::super::read::resolve;
use super::encoding::{agl_lookup, agl_name_for, glyph_unicode, to_unicode_cmap};

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

/// A built-in font file (the same bytes the typesetter has: one copy in the binary).
macro_rules! font_file {
    ($dir:literal, $file:literal) => {
        crate::assets::builtin(concat!("fonts/", $dir, "/", $file)).expect(concat!(
            "built-in font ",
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
        .and_then(|o| super::super::content::num(resolve(doc, o)))
        .unwrap_or(400.0);
    let angle = fd
        .and_then(|fd| fd.get(b"ItalicAngle").ok())
        .and_then(|o| super::super::content::num(resolve(doc, o)))
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

#[cfg(test)]
mod tests {
    use super::*;

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
