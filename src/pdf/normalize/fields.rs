//! Appearances for filled form fields that have none. Word, Acrobat and many web services
//! deliver forms with `/NeedAppearances true` and a field value (`/V`) but no appearance
//! stream: a viewer draws the value itself. A flattened page has no viewer behind it, so
//! the value is drawn here as ISO 32000-1 12.7.3.3 describes a variable-text field's
//! appearance: the default appearance's font, size and colour (`/DA`, inherited from the
//! field's parents or the form), the field's quadding (`/Q`), single-line text centred
//! vertically, multi-line text wrapped at words from the top, comb fields one character a
//! cell, the widget's background and border colours (`/MK`). The font is the standard font
//! the `/DA` names (Helvetica, Times or Courier, as its resource says), not embedded:
//! `resources` replaces it by its metric-compatible Liberation twin like any other
//! non-embedded font, and the widths measured here are that twin's.
//!
//! Text and choice fields are drawn: with `/NeedAppearances` every filled one (a filled
//! form often keeps its blank template's appearances), else those without an appearance.
//! A check box or radio button without an appearance and a password field are not drawn
//! (the caller notes them); a field whose value is empty has nothing to draw. Letters
//! outside WinAnsi are coded through /Differences (Latin Extended, Greek, Cyrillic: what
//! the Liberation fonts hold); one the font cannot show is drawn as "?". What a viewer
//! would not show either (a value longer than its field, a character no font has) is
//! reported with the drawing, for the caller's note: the pack shows what the sender saw,
//! and the secretariat learns where that is less than the value.

use lopdf::{Dictionary, Document, Object, ObjectId, Stream, StringFormat};

use super::super::content::{self, Op};
use super::super::fonts::{Family, Variant, font_variant};
use super::super::glyphs::WIN_ANSI;
use super::super::read::resolve;

/// Padding inside the field's rectangle (points), as viewers leave it.
const PAD: f64 = 2.0;
/// Size used for an automatic (`0 Tf`) size in a multi-line field.
const AUTO_MULTILINE: f64 = 10.0;
/// The largest automatic size, and the smallest size a value is shrunk to.
const AUTO_MAX: f64 = 12.0;
const MIN_SIZE: f64 = 4.0;
/// An automatic size under this is named in a warning: it does not read in print.
const LEGIBLE: f64 = 6.0;

/// Whether the form asks viewers to construct its fields' appearances.
pub(super) fn need_appearances(doc: &Document) -> bool {
    acro_form(doc)
        .and_then(|f| f.get(b"NeedAppearances").ok())
        .map(|o| resolve(doc, o))
        .and_then(|o| o.as_bool().ok())
        .unwrap_or(false)
}

/// Whether a widget is a text or choice field (not a password) with a value to show.
pub(super) fn is_filled_text(doc: &Document, widget: &Dictionary) -> bool {
    let ft = inherited(doc, widget, b"FT").and_then(|o| o.as_name().ok());
    let flags = inherited(doc, widget, b"Ff")
        .and_then(|o| o.as_i64().ok())
        .unwrap_or(0);
    match ft {
        Some(b"Tx") if flags & (1 << 13) == 0 => {}
        Some(b"Ch") => {}
        _ => return false,
    }
    !is_empty(doc, widget)
}

/// Whether a field's value shows nothing: an empty or blank text, a check box's "Off".
pub(super) fn is_empty(doc: &Document, widget: &Dictionary) -> bool {
    match inherited(doc, widget, b"V") {
        None => true,
        Some(Object::Name(n)) => n.as_slice() == b"Off",
        Some(v) => field_value(doc, widget, v).is_none_or(|t| t.trim().is_empty()),
    }
}

/// A drawn field: its Form XObject and what of its value could not be shown.
pub(super) struct Drawn {
    pub id: ObjectId,
    /// The value is longer than the field: its end is cut off, as a viewer cuts it.
    pub cut: bool,
    /// Characters that could not be coded (no font has them, or the free codes ran
    /// out), drawn "?".
    pub missing: Vec<char>,
    /// The size an automatic size came to, where it is under what prints legibly.
    pub small: Option<f64>,
}

/// A Form XObject drawing the field's value into a box of the widget's size, or None when
/// the field is not a filled text or choice field.
pub(super) fn synthesize(doc: &mut Document, widget: &Dictionary, rect: [f64; 4]) -> Option<Drawn> {
    let form = acro_form(doc);
    let ft = inherited(doc, widget, b"FT")?.as_name().ok()?.to_vec();
    if ft != b"Tx" && ft != b"Ch" {
        return None;
    }
    let flags = inherited(doc, widget, b"Ff")
        .and_then(|o| o.as_i64().ok())
        .unwrap_or(0);
    if ft == b"Tx" && flags & (1 << 13) != 0 {
        return None; // password
    }
    let value = field_value(doc, widget, inherited(doc, widget, b"V")?)?;
    // (Windows line ends are one break: split apart, "\r\n" gave an empty line.)
    let value = value.replace("\r\n", "\n");
    if value.trim().is_empty() {
        return None;
    }
    let da = inherited(doc, widget, b"DA")
        .or_else(|| {
            form.and_then(|f| f.get(b"DA").ok())
                .map(|o| resolve(doc, o))
        })
        .and_then(|o| o.as_str().ok())
        .map(<[u8]>::to_vec)
        .unwrap_or_default();
    let quadding = inherited(doc, widget, b"Q")
        .or_else(|| form.and_then(|f| f.get(b"Q").ok()).map(|o| resolve(doc, o)))
        .and_then(|o| o.as_i64().ok())
        .unwrap_or(0);
    let max_len = inherited(doc, widget, b"MaxLen")
        .and_then(|o| o.as_i64().ok())
        .unwrap_or(0);
    let appearance = parse_da(&da);
    let variant = da_font(doc, form, appearance.font.as_deref());
    let mk = widget
        .get(b"MK")
        .ok()
        .map(|o| resolve(doc, o))
        .and_then(|o| o.as_dict().ok());
    let background = mk.and_then(|m| colour_of(doc, m.get(b"BG").ok()));
    let border = mk.and_then(|m| colour_of(doc, m.get(b"BC").ok()));

    // The widget's rotation (/MK /R, Acrobat's on a turned page): the value is laid out
    // in the turned box, and the form's /Matrix turns it back onto the rectangle.
    let turn = mk
        .and_then(|m| m.get(b"R").ok())
        .map(|o| resolve(doc, o))
        .and_then(|o| o.as_i64().ok())
        .unwrap_or(0)
        .rem_euclid(360);
    let (rw, rh) = ((rect[2] - rect[0]).abs(), (rect[3] - rect[1]).abs());
    let (w, h) = if turn == 90 || turn == 270 {
        (rh, rw)
    } else {
        (rw, rh)
    };
    let matrix: [f64; 6] = match turn {
        90 => [0.0, 1.0, -1.0, 0.0, 0.0, 0.0],
        180 => [-1.0, 0.0, 0.0, -1.0, 0.0, 0.0],
        270 => [0.0, -1.0, 1.0, 0.0, 0.0, 0.0],
        _ => [1.0, 0.0, 0.0, 1.0, 0.0, 0.0],
    };
    if w < 1.0 || h < 1.0 {
        return None;
    }
    let field = Field {
        variant,
        multiline: ft == b"Tx" && flags & (1 << 12) != 0,
        comb: ft == b"Tx" && flags & (1 << 24) != 0 && max_len > 0,
        max_len: max_len.max(0) as usize,
        quadding,
        size: appearance.size,
        colour: appearance.colour,
    };
    let mut ops = Vec::new();
    if let Some(bg) = background {
        ops.push(colour_op(&bg, false));
        ops.push(op("re", vec![0.0, 0.0, w, h]));
        ops.push(op("f", vec![]));
    }
    if let Some(bc) = border {
        ops.push(colour_op(&bc, true));
        ops.push(op("w", vec![1.0]));
        ops.push(op("re", vec![0.5, 0.5, w - 1.0, h - 1.0]));
        ops.push(op("S", vec![]));
    }
    let encoding = Encoding::for_text(variant, &value);
    let (text, cut, size) = text_ops(&field, &encoding, &value, w, h);
    ops.extend(text);
    let mut missing: Vec<char> = Vec::new();
    for c in value.chars() {
        if !c.is_control() && c != '?' && encoding.code(c) == b'?' && !missing.contains(&c) {
            missing.push(c);
        }
    }

    let mut font = Dictionary::new();
    font.set("Type", Object::Name(b"Font".to_vec()));
    font.set("Subtype", Object::Name(b"Type1".to_vec()));
    font.set(
        "BaseFont",
        Object::Name(standard_name(variant).as_bytes().to_vec()),
    );
    font.set("Encoding", encoding.object());
    let font_id = doc.add_object(font);
    let mut fonts = Dictionary::new();
    fonts.set("KansliF", Object::Reference(font_id));
    let mut res = Dictionary::new();
    res.set("Font", Object::Dictionary(fonts));
    let mut dict = content::form_dict(w, h, res);
    if turn != 0 {
        dict.set(
            "Matrix",
            Object::Array(matrix.iter().map(|&v| Object::Real(v as f32)).collect()),
        );
    }
    Some(Drawn {
        id: doc.add_object(Stream::new(dict, content::write(&ops))),
        cut,
        missing,
        small: (field.size <= 0.0 && size < LEGIBLE).then_some(size),
    })
}

/// How a value's characters are coded in the drawn font: WinAnsi, and codes WinAnsi
/// leaves undefined (1–31, 127, 129, 141, 143, 144, 157) for letters it has not, named
/// in /Differences; "?" for one the font cannot show.
struct Encoding {
    extra: Vec<(char, u8, &'static str)>,
}

impl Encoding {
    fn for_text(variant: Variant, text: &str) -> Encoding {
        let face = ttf_parser::Face::parse(variant.data(), 0).ok();
        let mut free = (1u8..32).chain([127, 129, 141, 143, 144, 157]);
        let mut extra: Vec<(char, u8, &'static str)> = Vec::new();
        for c in text.chars().filter(|c| !c.is_control()) {
            if win_ansi(c).is_some() || extra.iter().any(|x| x.0 == c) {
                continue;
            }
            let name = super::super::fonts::agl_name_for(c)
                .filter(|_| face.as_ref().is_some_and(|f| f.glyph_index(c).is_some()));
            if let Some(name) = name
                && let Some(code) = free.next()
            {
                extra.push((c, code, name));
            }
        }
        Encoding { extra }
    }

    /// The code of a character: WinAnsi's, one of ours, or "?".
    fn code(&self, c: char) -> u8 {
        win_ansi(c)
            .or_else(|| self.extra.iter().find(|x| x.0 == c).map(|x| x.1))
            .unwrap_or(b'?')
    }

    /// The character drawn for `c` (for measuring).
    fn shown(&self, c: char) -> char {
        if self.code(c) == b'?' { '?' } else { c }
    }

    fn object(&self) -> Object {
        if self.extra.is_empty() {
            return Object::Name(b"WinAnsiEncoding".to_vec());
        }
        let mut diffs = Vec::new();
        for (_, code, name) in &self.extra {
            diffs.push(Object::Integer(*code as i64));
            diffs.push(Object::Name(name.as_bytes().to_vec()));
        }
        let mut d = Dictionary::new();
        d.set("Type", Object::Name(b"Encoding".to_vec()));
        d.set("BaseEncoding", Object::Name(b"WinAnsiEncoding".to_vec()));
        d.set("Differences", Object::Array(diffs));
        Object::Dictionary(d)
    }
}

struct Field {
    variant: Variant,
    multiline: bool,
    comb: bool,
    max_len: usize,
    quadding: i64,
    /// The /DA size; 0 is automatic.
    size: f64,
    colour: Vec<f64>,
}

/// The text-drawing operators of a field's value in a box of w × h points, whether
/// the value had to be cut off, and its size.
fn text_ops(f: &Field, enc: &Encoding, value: &str, w: f64, h: f64) -> (Vec<Op>, bool, f64) {
    let Some(face) = ttf_parser::Face::parse(f.variant.data(), 0).ok() else {
        return (Vec::new(), false, f.size);
    };
    let upem = face.units_per_em() as f64;
    let (ascent, descent) = (
        face.ascender() as f64 / upem,
        face.descender() as f64 / upem,
    );
    let width = |s: &str, size: f64| -> f64 {
        s.chars()
            .map(|c| {
                let c = enc.shown(c);
                face.glyph_index(c)
                    .and_then(|g| face.glyph_hor_advance(g))
                    .unwrap_or(0) as f64
            })
            .sum::<f64>()
            / upem
            * size
    };
    let inner = (w - 2.0 * PAD).max(1.0);
    let mut lines: Vec<(String, f64, f64)> = Vec::new(); // text, x, baseline
    let size;
    let cut;
    if f.multiline {
        // An automatic size starts at 10 points and shrinks (to 4) until the value fits
        // its box, as viewers size a multi-line field; a fixed size is kept, and what does
        // not fit is cut off, as a viewer cuts it.
        let mut s = if f.size > 0.0 {
            f.size
        } else {
            AUTO_MULTILINE.min(h - 2.0 * PAD).max(MIN_SIZE)
        };
        loop {
            let (laid, fits) =
                lay_lines(value, s, inner, h, ascent, descent, &|t: &str| width(t, s));
            if fits || f.size > 0.0 || s <= MIN_SIZE {
                cut = !fits;
                lines = laid
                    .into_iter()
                    .map(|(t, y)| {
                        let lw = width(&t, s);
                        (t, align(f.quadding, lw, w), y)
                    })
                    .collect();
                break;
            }
            s = (s - 0.5).max(MIN_SIZE);
        }
        size = s;
    } else {
        let text: String = value.replace(['\r', '\n'], " ");
        if f.comb {
            size = if f.size > 0.0 {
                f.size
            } else {
                ((h - 2.0 * PAD) / (ascent - descent)).clamp(MIN_SIZE, AUTO_MAX)
            };
            cut = text.chars().count() > f.max_len;
            let cell = w / f.max_len as f64;
            let y = (h - (ascent - descent) * size) / 2.0 - descent * size;
            for (i, c) in text.chars().take(f.max_len).enumerate() {
                let s = c.to_string();
                let x = cell * i as f64 + (cell - width(&s, size)) / 2.0;
                lines.push((s, x, y));
            }
        } else {
            let mut s = if f.size > 0.0 {
                f.size
            } else {
                ((h - 2.0 * PAD) / (ascent - descent)).clamp(MIN_SIZE, AUTO_MAX)
            };
            let tw = width(&text, s);
            if f.size <= 0.0 && tw > inner {
                s = (s * inner / tw).max(MIN_SIZE);
            }
            size = s;
            let y = (h - (ascent - descent) * size) / 2.0 - descent * size;
            let lw = width(&text, size);
            // (Cut where it passes the box's edge from where it is set: the clip is
            // the whole widget, so a value between the padding and the edge shows.)
            let x = align(f.quadding, lw, w);
            cut = x < -0.01 || x + lw > w + 0.01;
            lines.push((text, align(f.quadding, lw, w), y));
        }
    }
    let mut ops = vec![
        op("re", vec![0.0, 0.0, w, h]),
        op("W", vec![]),
        op("n", vec![]),
        op("BT", vec![]),
        Op {
            operator: b"Tf".to_vec(),
            operands: vec![Object::Name(b"KansliF".to_vec()), Object::Real(size as f32)],
            inline: None,
        },
        colour_op(&f.colour, false),
    ];
    let (mut x0, mut y0) = (0.0, 0.0);
    for (text, x, y) in lines {
        ops.push(op("Td", vec![x - x0, y - y0]));
        (x0, y0) = (x, y);
        ops.push(Op {
            operator: b"Tj".to_vec(),
            operands: vec![Object::String(
                text.chars().map(|c| enc.code(c)).collect(),
                StringFormat::Literal,
            )],
            inline: None,
        });
    }
    ops.push(op("ET", vec![]));
    let mut out = vec![op("q", vec![])];
    out.extend(ops);
    out.push(op("Q", vec![]));
    (out, cut, size)
}

/// A multi-line value's lines at one size (text and baseline, from the top of a box of
/// height `h`), and whether they all fit.
fn lay_lines(
    value: &str,
    size: f64,
    inner: f64,
    h: f64,
    ascent: f64,
    descent: f64,
    width: &dyn Fn(&str) -> f64,
) -> (Vec<(String, f64)>, bool) {
    let leading = size * (ascent - descent).max(1.0);
    let mut y = h - PAD - ascent * size;
    let mut out = Vec::new();
    for para in value.split(['\r', '\n']) {
        for line in wrap(para, inner, width) {
            if y < descent.abs() * size {
                return (out, false);
            }
            out.push((line, y));
            y -= leading;
        }
    }
    (out, true)
}

/// Lines of a paragraph broken at spaces to fit `max` (a word longer than a line is
/// broken where it must).
fn wrap(para: &str, max: f64, width: impl Fn(&str) -> f64) -> Vec<String> {
    let mut lines = Vec::new();
    let mut cur = String::new();
    for word in para.split(' ') {
        let candidate = if cur.is_empty() {
            word.to_string()
        } else {
            format!("{cur} {word}")
        };
        if width(&candidate) <= max || cur.is_empty() && width(word) <= max {
            cur = candidate;
            continue;
        }
        if !cur.is_empty() {
            lines.push(std::mem::take(&mut cur));
        }
        let mut piece = String::new();
        for c in word.chars() {
            piece.push(c);
            if width(&piece) > max && piece.chars().count() > 1 {
                piece.pop();
                lines.push(std::mem::take(&mut piece));
                piece.push(c);
            }
        }
        cur = piece;
    }
    lines.push(cur);
    lines
}

fn align(quadding: i64, line: f64, w: f64) -> f64 {
    match quadding {
        1 => (w - line) / 2.0,
        2 => w - PAD - line,
        _ => PAD,
    }
}

/// The WinAnsi code of a character, if it has one.
fn win_ansi(c: char) -> Option<u8> {
    if (' '..='~').contains(&c) {
        return Some(c as u8);
    }
    let name = super::super::fonts::agl_name_for(c)?;
    (128..256)
        .find(|&i| WIN_ANSI[i] == Some(name))
        .map(|i| i as u8)
}

struct Appearance {
    font: Option<Vec<u8>>,
    size: f64,
    colour: Vec<f64>,
}

/// The font resource name, size and fill colour of a /DA string ("/Helv 10 Tf 0 g").
fn parse_da(da: &[u8]) -> Appearance {
    let mut a = Appearance {
        font: None,
        size: 0.0,
        colour: vec![0.0],
    };
    let Ok(ops) = content::parse(da, 4, 64) else {
        return a;
    };
    for o in ops {
        let nums: Vec<f64> = o.operands.iter().filter_map(content::num).collect();
        match o.operator.as_slice() {
            b"Tf" => {
                a.font = o
                    .operands
                    .first()
                    .and_then(|n| n.as_name().ok())
                    .map(<[u8]>::to_vec);
                a.size = nums
                    .last()
                    .copied()
                    .filter(|s| s.is_finite() && *s >= 0.0)
                    .unwrap_or(0.0);
            }
            b"g" | b"rg" | b"k" if matches!(nums.len(), 1 | 3 | 4) => a.colour = nums,
            _ => {}
        }
    }
    a
}

/// The Liberation twin of the font a /DA names through the form's /DR, Helvetica when it
/// names none or one without a twin.
fn da_font(doc: &Document, form: Option<&Dictionary>, name: Option<&[u8]>) -> Variant {
    let helvetica = Variant {
        family: Family::Sans,
        bold: false,
        italic: false,
    };
    let Some(name) = name else { return helvetica };
    let font = form
        .and_then(|f| f.get(b"DR").ok())
        .map(|o| resolve(doc, o))
        .and_then(|o| o.as_dict().ok())
        .and_then(|dr| dr.get(b"Font").ok())
        .map(|o| resolve(doc, o))
        .and_then(|o| o.as_dict().ok())
        .and_then(|fonts| fonts.get(name).ok())
        .map(|o| resolve(doc, o))
        .and_then(|o| o.as_dict().ok());
    let base = font
        .and_then(|f| f.get(b"BaseFont").ok())
        .and_then(|o| o.as_name().ok())
        .unwrap_or(name);
    // Acrobat's customary resource names for the standard fonts.
    let base: &[u8] = match base {
        b"Helv" => b"Helvetica",
        b"TiRo" => b"Times-Roman",
        b"Cour" => b"Courier",
        other => other,
    };
    font_variant(doc, &String::from_utf8_lossy(base)).unwrap_or(helvetica)
}

fn standard_name(v: Variant) -> &'static str {
    match (v.family, v.bold, v.italic) {
        (Family::Sans, false, false) => "Helvetica",
        (Family::Sans, true, false) => "Helvetica-Bold",
        (Family::Sans, false, true) => "Helvetica-Oblique",
        (Family::Sans, true, true) => "Helvetica-BoldOblique",
        (Family::Serif, false, false) => "Times-Roman",
        (Family::Serif, true, false) => "Times-Bold",
        (Family::Serif, false, true) => "Times-Italic",
        (Family::Serif, true, true) => "Times-BoldItalic",
        (Family::Mono, false, false) => "Courier",
        (Family::Mono, true, false) => "Courier-Bold",
        (Family::Mono, false, true) => "Courier-Oblique",
        (Family::Mono, true, true) => "Courier-BoldOblique",
    }
}

/// A field's value as text: a text string, or a choice field's selected options, each by
/// its display text where /Opt pairs it with an export value.
fn field_value(doc: &Document, widget: &Dictionary, v: &Object) -> Option<String> {
    let text = |o: &Object| match resolve(doc, o) {
        Object::String(s, _) => {
            lopdf::decode_text_string(&Object::String(s.clone(), StringFormat::Literal)).ok()
        }
        _ => None,
    };
    let options = inherited(doc, widget, b"Opt").and_then(|o| o.as_array().ok());
    let shown = |export: String| -> String {
        options
            .and_then(|opts| {
                opts.iter().find_map(|o| {
                    let pair = resolve(doc, o).as_array().ok()?;
                    (pair.len() == 2 && text(&pair[0]).as_deref() == Some(export.as_str()))
                        .then(|| text(&pair[1]))
                        .flatten()
                })
            })
            .unwrap_or(export)
    };
    match resolve(doc, v) {
        o @ Object::String(..) => text(o).map(shown),
        Object::Array(a) => {
            let parts: Vec<String> = a.iter().filter_map(text).map(shown).collect();
            (!parts.is_empty()).then(|| parts.join(", "))
        }
        _ => None,
    }
}

/// A field attribute from the widget or the nearest parent that has it (ISO 32000-1
/// 12.7.3.1, inheritable field attributes).
fn inherited<'a>(doc: &'a Document, widget: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
    let mut cur = widget;
    for _ in 0..32 {
        if let Ok(o) = cur.get(key) {
            return Some(resolve(doc, o));
        }
        cur = cur
            .get(b"Parent")
            .ok()
            .map(|p| resolve(doc, p))
            .and_then(|o| o.as_dict().ok())?;
    }
    None
}

fn acro_form(doc: &Document) -> Option<&Dictionary> {
    doc.catalog()
        .ok()?
        .get(b"AcroForm")
        .ok()
        .map(|o| resolve(doc, o))
        .and_then(|o| o.as_dict().ok())
}

fn colour_of(doc: &Document, o: Option<&Object>) -> Option<Vec<f64>> {
    let a = resolve(doc, o?).as_array().ok()?;
    let nums: Vec<f64> = a
        .iter()
        .filter_map(|v| content::num(resolve(doc, v)))
        .collect();
    matches!(nums.len(), 1 | 3 | 4).then_some(nums)
}

/// A fill (or stroke) colour operator for 1, 3 or 4 components; CMYK becomes RGB later
/// with the rest of the page.
fn colour_op(c: &[f64], stroke: bool) -> Op {
    let name = match (c.len(), stroke) {
        (1, false) => "g",
        (1, true) => "G",
        (3, false) => "rg",
        (3, true) => "RG",
        (_, false) => "k",
        (_, true) => "K",
    };
    op(name, c.to_vec())
}

fn op(name: &str, operands: Vec<f64>) -> Op {
    Op {
        operator: name.as_bytes().to_vec(),
        operands: operands
            .into_iter()
            .map(|v| Object::Real(v as f32))
            .collect(),
        inline: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_default_appearance_gives_font_size_and_colour() {
        let a = parse_da(b"/Helv 0 Tf 0 g");
        assert_eq!(a.font.as_deref(), Some(&b"Helv"[..]));
        assert_eq!(a.size, 0.0);
        assert_eq!(a.colour, vec![0.0]);
        let a = parse_da(b"0 0 1 rg /TiRo 11 Tf");
        assert_eq!(a.font.as_deref(), Some(&b"TiRo"[..]));
        assert_eq!(a.size, 11.0);
        assert_eq!(a.colour, vec![0.0, 0.0, 1.0]);
        let a = parse_da(b"garbage ((");
        assert!(a.font.is_none());
    }

    #[test]
    fn swedish_letters_have_win_ansi_codes() {
        assert_eq!(win_ansi('å'), Some(0xE5));
        assert_eq!(win_ansi('Ö'), Some(0xD6));
        assert_eq!(win_ansi('–'), Some(0x96));
        assert_eq!(win_ansi('A'), Some(b'A'));
        assert_eq!(win_ansi('中'), None);
        // Letters outside WinAnsi get codes of their own, named; what the font lacks
        // is "?".
        let sans = Variant {
            family: Family::Sans,
            bold: false,
            italic: false,
        };
        let e = Encoding::for_text(sans, "Łódź Ωmega 中");
        assert_eq!(e.code('Ł'), 1);
        assert_eq!(e.code('ó'), 0xF3);
        assert_eq!(e.code('Ω'), 3);
        assert_eq!(e.code('中'), b'?');
    }

    #[test]
    fn wrapping_breaks_at_spaces_and_inside_over_long_words() {
        let w = |s: &str| s.chars().count() as f64;
        assert_eq!(wrap("ett två tre", 7.0, w), vec!["ett två", "tre"]);
        assert_eq!(wrap("abcdefghij", 4.0, w), vec!["abcd", "efgh", "ij"]);
        assert_eq!(wrap("", 4.0, w), vec![""]);
    }
}
