//! A small, bounded content-stream tokenizer and writer.
//!
//! lopdf's own content parser gives up on a whole stream at the first oddity; real-world
//! bilagor contain plenty of those (garbage bytes, unknown operators, truncated streams).
//! This parser is lenient where readers are lenient, iterative (an explicit container
//! stack with a depth limit instead of recursion), and bounded in the number of operations.

use lopdf::{Dictionary, Object, StringFormat};

/// One content-stream operation: operands followed by an operator.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Op {
    pub operator: Vec<u8>,
    pub operands: Vec<Object>,
    /// For `BI`: the inline image dictionary (abbreviated keys as written) and its data.
    pub inline: Option<InlineImage>,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct InlineImage {
    pub dict: Dictionary,
    pub data: Vec<u8>,
}

impl Op {
    pub fn new(operator: &[u8], operands: Vec<Object>) -> Op {
        Op {
            operator: operator.to_vec(),
            operands,
            inline: None,
        }
    }
}

/// Why a content stream could not be parsed.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum ParseError {
    TooDeep,
    TooManyOps,
}

fn is_white(b: u8) -> bool {
    matches!(b, b'\0' | b'\t' | b'\n' | b'\x0c' | b'\r' | b' ')
}

fn is_delim(b: u8) -> bool {
    matches!(
        b,
        b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%'
    )
}

fn is_regular(b: u8) -> bool {
    !is_white(b) && !is_delim(b)
}

enum Container {
    Array(Vec<Object>),
    Dict(Dictionary, Option<Vec<u8>>),
}

struct Lexer<'a> {
    data: &'a [u8],
    pos: usize,
}

enum Token {
    Obj(Object),
    ArrayStart,
    ArrayEnd,
    DictStart,
    DictEnd,
    Keyword(Vec<u8>),
    /// A stray delimiter (`)`, `{`, `}`, lone `>`): ignored.
    Junk,
}

impl<'a> Lexer<'a> {
    fn skip_ws(&mut self) {
        while self.pos < self.data.len() {
            let b = self.data[self.pos];
            if is_white(b) {
                self.pos += 1;
            } else if b == b'%' {
                while self.pos < self.data.len() && !matches!(self.data[self.pos], b'\r' | b'\n') {
                    self.pos += 1;
                }
            } else {
                break;
            }
        }
    }

    fn next(&mut self) -> Option<Token> {
        self.skip_ws();
        let data = self.data;
        let b = *data.get(self.pos)?;
        match b {
            b'[' => {
                self.pos += 1;
                Some(Token::ArrayStart)
            }
            b']' => {
                self.pos += 1;
                Some(Token::ArrayEnd)
            }
            b'<' if data.get(self.pos + 1) == Some(&b'<') => {
                self.pos += 2;
                Some(Token::DictStart)
            }
            b'>' if data.get(self.pos + 1) == Some(&b'>') => {
                self.pos += 2;
                Some(Token::DictEnd)
            }
            b'<' => Some(Token::Obj(self.hex_string())),
            b'(' => Some(Token::Obj(self.literal_string())),
            b'/' => Some(Token::Obj(Object::Name(self.name()))),
            b')' | b'>' | b'{' | b'}' => {
                self.pos += 1;
                Some(Token::Junk)
            }
            _ => {
                let start = self.pos;
                while self.pos < data.len() && is_regular(data[self.pos]) {
                    self.pos += 1;
                }
                let word = &data[start..self.pos];
                if let Some(n) = parse_number(word) {
                    return Some(Token::Obj(n));
                }
                Some(match word {
                    b"true" => Token::Obj(Object::Boolean(true)),
                    b"false" => Token::Obj(Object::Boolean(false)),
                    b"null" => Token::Obj(Object::Null),
                    _ => Token::Keyword(word.to_vec()),
                })
            }
        }
    }

    fn name(&mut self) -> Vec<u8> {
        self.pos += 1; // '/'
        let mut out = Vec::new();
        while self.pos < self.data.len() && is_regular(self.data[self.pos]) {
            let b = self.data[self.pos];
            if b == b'#'
                && let Some(v) = self
                    .data
                    .get(self.pos + 1..self.pos + 3)
                    .and_then(|h| std::str::from_utf8(h).ok())
                    .and_then(|h| u8::from_str_radix(h, 16).ok())
            {
                out.push(v);
                self.pos += 3;
                continue;
            }
            out.push(b);
            self.pos += 1;
        }
        out
    }

    fn hex_string(&mut self) -> Object {
        self.pos += 1; // '<'
        let mut out = Vec::new();
        let mut hi: Option<u8> = None;
        while self.pos < self.data.len() {
            let b = self.data[self.pos];
            self.pos += 1;
            if b == b'>' {
                break;
            }
            let v = match b {
                b'0'..=b'9' => b - b'0',
                b'a'..=b'f' => b - b'a' + 10,
                b'A'..=b'F' => b - b'A' + 10,
                _ => continue,
            };
            match hi.take() {
                Some(h) => out.push(h << 4 | v),
                None => hi = Some(v),
            }
        }
        if let Some(h) = hi {
            out.push(h << 4);
        }
        Object::String(out, StringFormat::Hexadecimal)
    }

    fn literal_string(&mut self) -> Object {
        self.pos += 1; // '('
        let mut out = Vec::new();
        let mut depth = 1usize;
        let data = self.data;
        while self.pos < data.len() {
            let b = data[self.pos];
            self.pos += 1;
            match b {
                b'(' => {
                    depth += 1;
                    out.push(b);
                }
                b')' => {
                    depth -= 1;
                    if depth == 0 {
                        break;
                    }
                    out.push(b);
                }
                b'\\' => {
                    let Some(&e) = data.get(self.pos) else { break };
                    self.pos += 1;
                    match e {
                        b'n' => out.push(b'\n'),
                        b'r' => out.push(b'\r'),
                        b't' => out.push(b'\t'),
                        b'b' => out.push(8),
                        b'f' => out.push(12),
                        b'\r' => {
                            if data.get(self.pos) == Some(&b'\n') {
                                self.pos += 1;
                            }
                        }
                        b'\n' => {}
                        b'0'..=b'7' => {
                            let mut v = (e - b'0') as u32;
                            for _ in 0..2 {
                                match data.get(self.pos) {
                                    Some(&d @ b'0'..=b'7') => {
                                        v = v * 8 + (d - b'0') as u32;
                                        self.pos += 1;
                                    }
                                    _ => break,
                                }
                            }
                            out.push((v & 0xff) as u8);
                        }
                        other => out.push(other),
                    }
                }
                b'\r' => {
                    // An unescaped end-of-line is read as a single \n.
                    if data.get(self.pos) == Some(&b'\n') {
                        self.pos += 1;
                    }
                    out.push(b'\n');
                }
                _ => out.push(b),
            }
        }
        Object::String(out, StringFormat::Literal)
    }
}

pub(crate) fn parse_number(word: &[u8]) -> Option<Object> {
    if word.is_empty() {
        return None;
    }
    let first = word[0];
    if !(first.is_ascii_digit() || matches!(first, b'+' | b'-' | b'.')) {
        return None;
    }
    // Lenient: "--5" and "5-" occur in the wild; take the sign and the digits.
    let mut neg = false;
    let mut i = 0;
    while i < word.len() && matches!(word[i], b'+' | b'-') {
        neg ^= word[i] == b'-';
        i += 1;
    }
    let rest = &word[i..];
    if rest.is_empty()
        || !rest
            .iter()
            .all(|b| b.is_ascii_digit() || *b == b'.' || *b == b'-')
    {
        return None;
    }
    let rest: Vec<u8> = rest.iter().copied().filter(|b| *b != b'-').collect();
    let dots = rest.iter().filter(|b| **b == b'.').count();
    if dots > 1 || !rest.iter().any(|b| b.is_ascii_digit()) {
        return None;
    }
    let s = std::str::from_utf8(&rest).ok()?;
    if dots == 0 {
        let v: i64 = s.parse().unwrap_or(i64::MAX);
        let v = v.min(i32::MAX as i64);
        Some(Object::Integer(if neg { -v } else { v }))
    } else {
        let v: f64 = s.parse().unwrap_or(0.0);
        let v = v.min(3.0e38) as f32;
        Some(Object::Real(if neg { -v } else { v }))
    }
}

/// Number of colour components of an inline-image colour space, if it is a device space.
fn inline_components(cs: Option<&Object>) -> Option<usize> {
    match cs {
        None => None,
        Some(Object::Name(n)) => match n.as_slice() {
            b"G" | b"DeviceGray" => Some(1),
            b"RGB" | b"DeviceRGB" => Some(3),
            b"CMYK" | b"DeviceCMYK" => Some(4),
            _ => None,
        },
        Some(Object::Array(a)) => match a.first() {
            Some(Object::Name(n)) if n == b"I" || n == b"Indexed" => Some(1),
            _ => None,
        },
        _ => None,
    }
}

fn dict_get<'d>(d: &'d Dictionary, long: &[u8], short: &[u8]) -> Option<&'d Object> {
    d.get(long).ok().or_else(|| d.get(short).ok())
}

/// Find the end of inline image data starting at `start`; returns (data_end, after_EI).
fn inline_data_end(data: &[u8], start: usize, dict: &Dictionary) -> Option<(usize, usize)> {
    let ends_ei = |p: usize| -> bool {
        data.get(p..p + 2) == Some(b"EI")
            && data.get(p + 2).is_none_or(|&b| is_white(b) || is_delim(b))
    };
    // Explicit length (PDF 2.0 /L or /Length).
    if let Some(len) = dict_get(dict, b"Length", b"L").and_then(|o| o.as_i64().ok())
        && len >= 0
    {
        let end = start.checked_add(len as usize)?;
        if end <= data.len() {
            let mut p = end;
            while p < data.len() && is_white(data[p]) {
                p += 1;
            }
            if ends_ei(p) {
                return Some((end, p + 2));
            }
        }
    }
    // Unfiltered image of known geometry.
    let filtered = dict_get(dict, b"Filter", b"F").is_some_and(|f| match f {
        Object::Array(a) => !a.is_empty(),
        _ => true,
    });
    if !filtered {
        let w = dict_get(dict, b"Width", b"W").and_then(|o| o.as_i64().ok());
        let h = dict_get(dict, b"Height", b"H").and_then(|o| o.as_i64().ok());
        let mask = dict_get(dict, b"ImageMask", b"IM").and_then(|o| o.as_bool().ok()) == Some(true);
        let bpc = if mask {
            Some(1)
        } else {
            dict_get(dict, b"BitsPerComponent", b"BPC").and_then(|o| o.as_i64().ok())
        };
        let comps = if mask {
            Some(1)
        } else {
            inline_components(dict_get(dict, b"ColorSpace", b"CS"))
        };
        if let (Some(w), Some(h), Some(bpc), Some(comps)) = (w, h, bpc, comps)
            && (1..=1 << 16).contains(&w)
            && (1..=1 << 16).contains(&h)
            && (1..=16).contains(&bpc)
        {
            let row = (w as usize * comps * bpc as usize).div_ceil(8);
            let end = start.checked_add(row.checked_mul(h as usize)?)?;
            if end <= data.len() {
                let mut p = end;
                while p < data.len() && is_white(data[p]) {
                    p += 1;
                }
                if ends_ei(p) {
                    return Some((end, p + 2));
                }
            }
        }
    }
    // Search for whitespace + EI + whitespace/delimiter.
    let mut p = start;
    while p + 2 <= data.len() {
        if (p == start || is_white(data[p - 1])) && ends_ei(p) {
            let mut end = p;
            if end > start && is_white(data[end - 1]) {
                end -= 1;
            }
            return Some((end.max(start), p + 2));
        }
        p += 1;
    }
    None
}

/// Parse a content stream. `max_depth` bounds array/dictionary nesting, `max_ops` the number
/// of operations. Unknown bytes and stray delimiters are skipped like readers do.
pub(crate) fn parse(data: &[u8], max_depth: usize, max_ops: usize) -> Result<Vec<Op>, ParseError> {
    let mut lx = Lexer { data, pos: 0 };
    let mut ops = Vec::new();
    let mut operands: Vec<Object> = Vec::new();
    let mut stack: Vec<Container> = Vec::new();

    fn push_value(stack: &mut [Container], operands: &mut Vec<Object>, v: Object) {
        match stack.last_mut() {
            None => operands.push(v),
            Some(Container::Array(a)) => a.push(v),
            Some(Container::Dict(d, key)) => match key.take() {
                Some(k) => d.set(k, v),
                None => {
                    if let Object::Name(n) = v {
                        *key = Some(n);
                    }
                    // a non-name where a key is expected: dropped
                }
            },
        }
    }

    while let Some(tok) = lx.next() {
        match tok {
            Token::Obj(o) => push_value(&mut stack, &mut operands, o),
            Token::ArrayStart | Token::DictStart => {
                if stack.len() >= max_depth {
                    return Err(ParseError::TooDeep);
                }
                stack.push(if matches!(tok, Token::ArrayStart) {
                    Container::Array(Vec::new())
                } else {
                    Container::Dict(Dictionary::new(), None)
                });
            }
            Token::ArrayEnd => {
                if let Some(Container::Array(a)) = stack.last_mut() {
                    let a = std::mem::take(a);
                    stack.pop();
                    push_value(&mut stack, &mut operands, Object::Array(a));
                }
            }
            Token::DictEnd => {
                if let Some(Container::Dict(d, _)) = stack.last_mut() {
                    let d = std::mem::take(d);
                    stack.pop();
                    push_value(&mut stack, &mut operands, Object::Dictionary(d));
                }
            }
            Token::Junk => {}
            Token::Keyword(k) => {
                // A keyword inside an unterminated array/dict: close them (lenient).
                while let Some(c) = stack.pop() {
                    let v = match c {
                        Container::Array(a) => Object::Array(a),
                        Container::Dict(d, _) => Object::Dictionary(d),
                    };
                    push_value(&mut stack, &mut operands, v);
                }
                if ops.len() >= max_ops {
                    return Err(ParseError::TooManyOps);
                }
                if k == b"BI" {
                    // Inline image: key/value pairs up to ID, then the data, then EI.
                    let mut dict = Dictionary::new();
                    let mut key: Option<Vec<u8>> = None;
                    let mut ok = false;
                    let mut nested: Vec<Container> = Vec::new();
                    while let Some(t) = lx.next() {
                        match t {
                            Token::Keyword(w) if w == b"ID" && nested.is_empty() => {
                                ok = true;
                                break;
                            }
                            Token::Keyword(_) | Token::Junk => {}
                            Token::ArrayStart | Token::DictStart => {
                                if nested.len() >= max_depth {
                                    return Err(ParseError::TooDeep);
                                }
                                nested.push(if matches!(t, Token::ArrayStart) {
                                    Container::Array(Vec::new())
                                } else {
                                    Container::Dict(Dictionary::new(), None)
                                });
                            }
                            Token::ArrayEnd | Token::DictEnd => {
                                if let Some(c) = nested.pop() {
                                    let v = match c {
                                        Container::Array(a) => Object::Array(a),
                                        Container::Dict(d, _) => Object::Dictionary(d),
                                    };
                                    if nested.is_empty() {
                                        if let Some(k) = key.take() {
                                            dict.set(k, v);
                                        }
                                    } else {
                                        let mut dummy = Vec::new();
                                        push_value(&mut nested, &mut dummy, v);
                                    }
                                }
                            }
                            Token::Obj(o) => {
                                if !nested.is_empty() {
                                    let mut dummy = Vec::new();
                                    push_value(&mut nested, &mut dummy, o);
                                } else {
                                    match key.take() {
                                        Some(k) => dict.set(k, o),
                                        None => {
                                            if let Object::Name(n) = o {
                                                key = Some(n);
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                    if !ok {
                        break; // truncated: drop the image
                    }
                    // Exactly one white-space byte follows ID.
                    let start = (lx.pos + 1).min(data.len());
                    match inline_data_end(data, start, &dict) {
                        Some((end, after)) => {
                            ops.push(Op {
                                operator: b"BI".to_vec(),
                                operands: Vec::new(),
                                inline: Some(InlineImage {
                                    dict,
                                    data: data[start..end].to_vec(),
                                }),
                            });
                            lx.pos = after;
                        }
                        None => break,
                    }
                    operands.clear();
                    continue;
                }
                ops.push(Op {
                    operator: k,
                    operands: std::mem::take(&mut operands),
                    inline: None,
                });
            }
        }
    }
    Ok(ops)
}

/// Serialise operations back into content-stream bytes.
pub(crate) fn write(ops: &[Op]) -> Vec<u8> {
    let mut out = Vec::with_capacity(ops.len() * 16);
    for op in ops {
        if let Some(img) = &op.inline {
            out.extend_from_slice(b"BI");
            for (k, v) in img.dict.iter() {
                out.push(b' ');
                let _ = lopdf::Writer::write_object(&mut out, &Object::Name(k.clone()));
                out.push(b' ');
                let _ = lopdf::Writer::write_object(&mut out, v);
            }
            out.extend_from_slice(b" ID ");
            out.extend_from_slice(&img.data);
            out.extend_from_slice(b"\nEI\n");
            continue;
        }
        for o in &op.operands {
            write_operand(&mut out, o);
            out.push(b' ');
        }
        out.extend_from_slice(&op.operator);
        out.push(b'\n');
    }
    out
}

fn write_operand(out: &mut Vec<u8>, o: &Object) {
    match o {
        Object::Real(v) => write_real(out, *v as f64),
        _ => {
            let _ = lopdf::Writer::write_object(out, o);
        }
    }
}

/// Write a real number in PDF syntax: no exponent, at most 5 decimals, never NaN.
pub(crate) fn write_real(out: &mut Vec<u8>, v: f64) {
    let v = if v.is_finite() {
        v.clamp(-3.0e38, 3.0e38)
    } else {
        0.0
    };
    let mut s = format!("{v:.5}");
    if s.contains('.') {
        while s.ends_with('0') {
            s.pop();
        }
        if s.ends_with('.') {
            s.pop();
        }
    }
    if s == "-0" {
        s = "0".into();
    }
    out.extend_from_slice(s.as_bytes());
}

/// Format a real for a content stream we generate.
pub(crate) fn real(v: f64) -> String {
    let mut out = Vec::new();
    write_real(&mut out, v);
    String::from_utf8(out).unwrap_or_default()
}

/// Numeric value of an operand.
pub(crate) fn num(o: &Object) -> Option<f64> {
    match o {
        Object::Integer(i) => Some(*i as f64),
        Object::Real(r) => Some(*r as f64),
        _ => None,
    }
}

/// A Form XObject's dictionary: a box of w × h points from the origin, with these
/// resources (a rasterised page, a form field's drawn value).
pub(crate) fn form_dict(w: f64, h: f64, resources: Dictionary) -> Dictionary {
    let mut d = Dictionary::new();
    d.set("Type", Object::Name(b"XObject".to_vec()));
    d.set("Subtype", Object::Name(b"Form".to_vec()));
    d.set(
        "BBox",
        Object::Array(vec![
            0.into(),
            0.into(),
            Object::Real(w as f32),
            Object::Real(h as f32),
        ]),
    );
    d.set("Resources", Object::Dictionary(resources));
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_basic_and_inline_image() {
        let src = b"q 1 0 0 1 10 20 cm /F1 12 Tf [(a\\)b) -20 <4142>] TJ\n\
            /Span <</MCID 3 /ActualText (x)>> BDC EMC BI /W 2 /H 1 /CS /G /BPC 8 ID \x00\xff EI Q";
        let ops = parse(src, 16, 1000).unwrap();
        let names: Vec<_> = ops
            .iter()
            .map(|o| String::from_utf8_lossy(&o.operator).into_owned())
            .collect();
        assert_eq!(names, ["q", "cm", "Tf", "TJ", "BDC", "EMC", "BI", "Q"]);
        assert_eq!(ops[6].inline.as_ref().unwrap().data, vec![0u8, 255]);
        let again = parse(&write(&ops), 16, 1000).unwrap();
        assert_eq!(again, ops);
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let mut src = vec![b'['; 100_000];
        src.extend_from_slice(b" Tj");
        assert_eq!(parse(&src, 32, 1000), Err(ParseError::TooDeep));
    }

    #[test]
    fn garbage_does_not_panic() {
        let src: Vec<u8> = (0..5000u32)
            .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
            .collect();
        let _ = parse(&src, 32, 100_000);
        let _ = parse(b"BI /W 99999999999 /H 9 ID", 32, 10);
        let _ = parse(b"(unterminated \\", 32, 10);
        let _ = parse(b"<< /A [ 1 2 Tj", 32, 10);
    }
}
