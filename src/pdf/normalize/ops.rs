//! Content-stream rewriting: which resource names a stream uses (and the character codes it
//! shows per font), and the rewrite itself — marked content and unknown operators dropped
//! (but a span's `/ActualText`, which is what the text layer reads: [`actual_text`]),
//! hidden optional content removed, DeviceCMYK colour operators turned into DeviceRGB,
//! q/Q and BT/ET balanced, operators naming missing resources dropped.

use lopdf::{Dictionary, Object};

use super::super::colour::{self, CsKind};
use super::super::content::{self, Op};
use super::state::{Norm, R, Summary, Usage};

const MAX_OPS: usize = 5_000_000;
const MAX_Q_DEPTH: usize = 24;

impl Norm<'_> {
    /// Rewrite one content stream with its resources; returns the new bytes and the pruned,
    /// sanitised resources.
    pub(super) fn process_stream(
        &mut self,
        data: &[u8],
        res: &Dictionary,
        depth: usize,
    ) -> R<(Vec<u8>, Dictionary)> {
        let ops = content::parse(data, self.limits.max_depth, MAX_OPS)
            .map_err(|_| "sidans innehåll är för komplext för att tolkas".to_string())?;
        let usage = usage_of(&ops);
        let (new_res, summary) = self.sanitize_resources(res, &usage, depth)?;
        let out = self.rewrite(ops, &summary)?;
        Ok((out, new_res))
    }

    fn rewrite(&mut self, ops: Vec<Op>, summary: &Summary) -> R<Vec<u8>> {
        #[derive(Clone, Copy)]
        struct Gs {
            fill: CsKind,
            stroke: CsKind,
        }
        let mut gs = Gs {
            fill: CsKind::Other,
            stroke: CsKind::Other,
        };
        let mut stack: Vec<Gs> = Vec::new();
        let mut in_text = false;
        let mut hidden = 0usize; // depth inside hidden optional content
        // The open marked-content sequences: whether each was kept (a span with its
        // ActualText) and whether it began inside a text object, where it must end.
        let mut marks: Vec<(bool, bool)> = Vec::new();
        // Closes the kept spans begun inside the text object that is ending (a source
        // whose EMC comes after its ET, or never).
        let close_text_spans = |marks: &mut Vec<(bool, bool)>, out: &mut Vec<Op>| {
            for m in marks.iter_mut().rev() {
                if m.0 && m.1 {
                    out.push(Op::new(b"EMC", vec![]));
                    m.0 = false;
                }
            }
        };
        let mut out: Vec<Op> = Vec::with_capacity(ops.len());
        let convert = |operands: &mut Vec<Object>, with_name: bool| {
            let n = operands.len();
            let numeric = if with_name { n.saturating_sub(1) } else { n };
            if numeric >= 4 && (!with_name || matches!(operands.last(), Some(Object::Name(_)))) {
                let v: Vec<f64> = operands[numeric - 4..numeric]
                    .iter()
                    .map(|o| content::num(o).unwrap_or(0.0))
                    .collect();
                let rgb = colour::cmyk_to_rgb(v[0], v[1], v[2], v[3]);
                let tail: Vec<Object> = operands.drain(numeric - 4..).skip(4).collect();
                operands.extend(rgb.iter().map(|x| Object::Real(*x as f32)));
                operands.extend(tail);
            }
        };
        for mut op in ops {
            let name = op.operator.as_slice();
            if hidden > 0 {
                match name {
                    b"BMC" | b"BDC" => hidden += 1,
                    b"EMC" => hidden -= 1,
                    _ => {}
                }
                continue;
            }
            match name {
                b"MP" | b"DP" => continue,
                b"BMC" => {
                    marks.push((false, in_text));
                    continue;
                }
                b"EMC" => {
                    if marks.pop().is_some_and(|(kept, _)| kept) {
                        out.push(op);
                    }
                    continue;
                }
                b"BDC" => {
                    if op.operands.first().and_then(|o| o.as_name().ok()) == Some(b"OC")
                        && let Some(Object::Name(p)) = op.operands.get(1)
                        && summary.hidden_props.contains(p)
                    {
                        hidden = 1;
                        continue;
                    }
                    // (Only a span begun inside a text object, where Typst writes its
                    // ActualText, and which ends there: one begun outside and ended
                    // inside would not nest with the BT, and one never ended gave its
                    // text for all the page's text after it, the review of the diff.)
                    match actual_text(&op.operands).filter(|_| in_text) {
                        Some(text) => {
                            marks.push((true, in_text));
                            let mut props = Dictionary::new();
                            props.set("ActualText", text);
                            out.push(Op::new(
                                b"BDC",
                                vec![Object::Name(b"Span".to_vec()), Object::Dictionary(props)],
                            ));
                        }
                        None => marks.push((false, in_text)),
                    }
                    continue;
                }
                b"q" => {
                    if stack.len() >= MAX_Q_DEPTH {
                        return Err("grafiktillståndet är nästlat för djupt".to_string().into());
                    }
                    stack.push(gs);
                }
                b"Q" => match stack.pop() {
                    Some(g) => gs = g,
                    None => continue,
                },
                b"BT" => {
                    if in_text {
                        close_text_spans(&mut marks, &mut out);
                        out.push(Op::new(b"ET", vec![]));
                    }
                    in_text = true;
                }
                b"ET" => {
                    if !in_text {
                        continue;
                    }
                    close_text_spans(&mut marks, &mut out);
                    in_text = false;
                }
                b"k" | b"K" => {
                    if op.operands.len() == 4 {
                        let v: Vec<f64> = op
                            .operands
                            .iter()
                            .map(|o| content::num(o).unwrap_or(0.0))
                            .collect();
                        let rgb = colour::cmyk_to_rgb(v[0], v[1], v[2], v[3]);
                        op.operands = rgb.iter().map(|x| Object::Real(*x as f32)).collect();
                        op.operator = if name == b"k" {
                            b"rg".to_vec()
                        } else {
                            b"RG".to_vec()
                        };
                    }
                    if op.operator == b"rg" {
                        gs.fill = CsKind::Other;
                    } else {
                        gs.stroke = CsKind::Other;
                    }
                }
                b"g" | b"rg" => gs.fill = CsKind::Other,
                b"G" | b"RG" => gs.stroke = CsKind::Other,
                b"gs"
                    if op
                        .operands
                        .first()
                        .and_then(|o| o.as_name().ok())
                        .is_some_and(|n| summary.missing_gs.contains(n)) =>
                {
                    continue;
                }
                b"sh"
                    if op
                        .operands
                        .first()
                        .and_then(|o| o.as_name().ok())
                        .is_some_and(|n| summary.missing_sh.contains(n)) =>
                {
                    continue;
                }
                b"scn" | b"SCN"
                    if op
                        .operands
                        .last()
                        .and_then(|o| o.as_name().ok())
                        .is_some_and(|n| summary.missing_patterns.contains(n)) =>
                {
                    continue;
                }
                b"cs" | b"CS" => {
                    if let Some(Object::Name(n)) = op.operands.first()
                        && summary.missing_cs.contains(n)
                    {
                        op.operands = vec![Object::Name(b"DeviceGray".to_vec())];
                    }
                    let kind = match op.operands.first() {
                        Some(Object::Name(n)) if n == b"DeviceCMYK" || n == b"CMYK" => {
                            op.operands[0] = Object::Name(b"DeviceRGB".to_vec());
                            CsKind::Cmyk
                        }
                        Some(Object::Name(n)) => {
                            summary.cs_kind.get(n).copied().unwrap_or(CsKind::Other)
                        }
                        _ => CsKind::Other,
                    };
                    if name == b"cs" {
                        gs.fill = kind;
                    } else {
                        gs.stroke = kind;
                    }
                }
                b"sc" | b"scn" | b"SC" | b"SCN" => {
                    let kind = if name[0] == b's' { gs.fill } else { gs.stroke };
                    match kind {
                        CsKind::Cmyk => convert(&mut op.operands, false),
                        CsKind::PatternCmyk => convert(&mut op.operands, true),
                        CsKind::Other => {}
                    }
                }
                b"Do" => {
                    if let Some(Object::Name(n)) = op.operands.first()
                        && summary.dropped_xobjects.contains(n)
                    {
                        continue;
                    }
                }
                b"ri" => {
                    if !matches!(
                        op.operands.first().and_then(|o| o.as_name().ok()),
                        Some(
                            b"RelativeColorimetric"
                                | b"AbsoluteColorimetric"
                                | b"Perceptual"
                                | b"Saturation"
                        )
                    ) {
                        op.operands = vec![Object::Name(b"RelativeColorimetric".to_vec())];
                    }
                }
                b"BI" => {
                    if let Some(img) = op.inline.as_mut() {
                        self.fix_inline_image(img, summary)?;
                    }
                }
                _ if is_known_operator(name) => {}
                _ => continue,
            }
            out.push(op);
        }
        if in_text {
            close_text_spans(&mut marks, &mut out);
            out.push(Op::new(b"ET", vec![]));
        }
        for _ in marks.iter().filter(|(kept, _)| *kept) {
            out.push(Op::new(b"EMC", vec![]));
        }
        for _ in 0..stack.len() {
            out.push(Op::new(b"Q", vec![]));
        }
        Ok(content::write(&out))
    }
}

/// The `/ActualText` of a marked-content sequence's inline property list: the text that
/// text extraction, search and screen readers read for what the sequence shows. Typst
/// shows "-" with the glyph its fonts also use for a soft hyphen and says so there; dropped
/// with the rest of the marked content, "Anna-Karin" in a bilaga made with Typst read
/// "Anna\u{ad}Karin" in the pack (review 59's 24). Only a string, at most 1 000 bytes.
fn actual_text(operands: &[Object]) -> Option<Object> {
    match operands.get(1) {
        Some(Object::Dictionary(d)) => match d.get(b"ActualText") {
            Ok(o @ Object::String(bytes, _)) if bytes.len() <= 1000 => Some(o.clone()),
            _ => None,
        },
        _ => None,
    }
}

fn name_of(o: &Object) -> Option<Vec<u8>> {
    o.as_name().ok().map(|n| n.to_vec())
}

fn is_known_operator(op: &[u8]) -> bool {
    matches!(
        op,
        b"b" | b"B"
            | b"b*"
            | b"B*"
            | b"BDC"
            | b"BI"
            | b"BMC"
            | b"BT"
            | b"c"
            | b"cm"
            | b"CS"
            | b"cs"
            | b"d"
            | b"d0"
            | b"d1"
            | b"Do"
            | b"DP"
            | b"EMC"
            | b"ET"
            | b"f"
            | b"F"
            | b"f*"
            | b"G"
            | b"g"
            | b"gs"
            | b"h"
            | b"i"
            | b"j"
            | b"J"
            | b"K"
            | b"k"
            | b"l"
            | b"m"
            | b"M"
            | b"MP"
            | b"n"
            | b"q"
            | b"Q"
            | b"re"
            | b"RG"
            | b"rg"
            | b"ri"
            | b"s"
            | b"S"
            | b"SC"
            | b"sc"
            | b"SCN"
            | b"scn"
            | b"sh"
            | b"T*"
            | b"Tc"
            | b"Td"
            | b"TD"
            | b"Tf"
            | b"Tj"
            | b"TJ"
            | b"TL"
            | b"Tm"
            | b"Tr"
            | b"Ts"
            | b"Tw"
            | b"Tz"
            | b"v"
            | b"w"
            | b"W"
            | b"W*"
            | b"y"
            | b"'"
            | b"\""
    )
}

/// Which resources a content stream uses, and the character codes shown per font.
fn usage_of(ops: &[Op]) -> Usage {
    let mut u = Usage::default();
    let mut font: Option<Vec<u8>> = None;
    let mut font_stack: Vec<Option<Vec<u8>>> = Vec::new();
    let mark = |u: &mut Usage, font: &Option<Vec<u8>>, s: &[u8]| {
        if let Some(f) = font {
            let e = u
                .fonts
                .entry(f.clone())
                .or_insert_with(|| Box::new([false; 256]));
            for &b in s {
                e[b as usize] = true;
            }
        }
    };
    for op in ops {
        match op.operator.as_slice() {
            b"q" => font_stack.push(font.clone()),
            b"Q" => {
                if let Some(f) = font_stack.pop() {
                    font = f;
                }
            }
            b"Tf" => {
                if let Some(n) = op.operands.first().and_then(name_of) {
                    u.fonts
                        .entry(n.clone())
                        .or_insert_with(|| Box::new([false; 256]));
                    font = Some(n);
                }
            }
            b"Tj" | b"'" | b"\"" => {
                if let Some(Object::String(s, _)) = op.operands.last() {
                    mark(&mut u, &font, s);
                }
            }
            b"TJ" => {
                if let Some(Object::Array(a)) = op.operands.first() {
                    for item in a {
                        if let Object::String(s, _) = item {
                            mark(&mut u, &font, s);
                        }
                    }
                }
            }
            b"Do" => {
                if let Some(n) = op.operands.first().and_then(name_of) {
                    u.xobjects.insert(n);
                }
            }
            b"gs" => {
                if let Some(n) = op.operands.first().and_then(name_of) {
                    u.gstates.insert(n);
                }
            }
            b"cs" | b"CS" => {
                if let Some(n) = op.operands.first().and_then(name_of)
                    && !matches!(
                        n.as_slice(),
                        b"DeviceGray"
                            | b"DeviceRGB"
                            | b"DeviceCMYK"
                            | b"Pattern"
                            | b"G"
                            | b"RGB"
                            | b"CMYK"
                    )
                {
                    u.colorspaces.insert(n);
                }
            }
            b"scn" | b"SCN" => {
                if let Some(n) = op.operands.last().and_then(name_of) {
                    u.patterns.insert(n);
                }
            }
            b"sh" => {
                if let Some(n) = op.operands.first().and_then(name_of) {
                    u.shadings.insert(n);
                }
            }
            b"BDC" | b"DP" => {
                if let Some(n) = op.operands.get(1).and_then(name_of) {
                    u.properties.insert(n);
                }
            }
            b"BI" => {
                if let Some(img) = &op.inline {
                    for key in [&b"CS"[..], b"ColorSpace"] {
                        if let Ok(Object::Name(n)) = img.dict.get(key)
                            && !matches!(
                                n.as_slice(),
                                b"G" | b"RGB"
                                    | b"CMYK"
                                    | b"I"
                                    | b"DeviceGray"
                                    | b"DeviceRGB"
                                    | b"DeviceCMYK"
                                    | b"Indexed"
                            )
                        {
                            u.colorspaces.insert(n.clone());
                        }
                    }
                }
            }
            _ => {}
        }
    }
    u
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pdf::read::Limits;

    fn rewritten(data: &[u8]) -> String {
        let limits = Limits::default();
        let mut norm = Norm {
            doc: lopdf::Document::new(),
            limits: &limits,
            original: &[],
            ocg_off: Default::default(),
            fonts: Default::default(),
            fonts_done: Default::default(),
            forms_done: Default::default(),
            forms_active: Default::default(),
            images_done: Default::default(),
            empty_form: None,
            notes: Vec::new(),
            renderer: None,
        };
        let ops = content::parse(data, 64, MAX_OPS).unwrap();
        let Ok(out) = norm.rewrite(ops, &Summary::default()) else {
            panic!("the rewrite fails")
        };
        String::from_utf8_lossy(&out)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn a_spans_actual_text_is_kept_and_other_marked_content_dropped() {
        let out = rewritten(
            b"/P <</MCID 0>> BDC BT /F1 11 Tf (Anna) Tj /Span <</MCID 4 /ActualText (-) /Lang (sv)>> BDC (x) Tj EMC (Karin) Tj ET EMC /Artifact BMC 0 0 1 1 re f EMC",
        );
        assert_eq!(
            out,
            "BT /F1 11 Tf (Anna) Tj /Span <</ActualText(-)>> BDC (x) Tj EMC (Karin) Tj ET 0 0 1 1 re f"
        );
    }

    #[test]
    fn a_kept_span_left_open_ends_with_its_text_object() {
        // (A span begun in a text object and never ended, or ended after its ET.)
        let out = rewritten(b"BT /Span <</ActualText (-)>> BDC (x) Tj ET EMC BT (y) Tj ET");
        assert_eq!(
            out,
            "BT /Span <</ActualText(-)>> BDC (x) Tj EMC ET BT (y) Tj ET"
        );
        // (Begun outside a text object: dropped, as all marked content was.)
        let out = rewritten(b"q /Span <</ActualText (ab)>> BDC BT (x) Tj EMC ET BT (y) Tj ET");
        assert_eq!(out, "q BT (x) Tj ET BT (y) Tj ET Q");
    }
}
