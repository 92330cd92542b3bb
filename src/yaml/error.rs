//! Serde errors while reading a [`Node`] into a typed value, as Swedish messages with
//! the path of the field ("förslag.beslut[1]") and a suggestion for a misspelt key.

use std::fmt;

use serde::de;

use super::{Kind, Node, Pos, ascii_fold, did_you_mean, shorten};

// ---------------------------------------------------------------------------------
// Errors

/// One segment of a field path.
#[derive(Debug, Clone, PartialEq)]
pub enum Seg {
    Key(String),
    Index(usize),
}

/// A deserialisation error: Swedish message, position and field path.
#[derive(Debug, Clone, PartialEq)]
pub struct DeError {
    pub message: String,
    pub hint: Option<String>,
    pub pos: Option<Pos>,
    /// Innermost segment first while unwinding; see [`DeError::path`].
    segs: Vec<Seg>,
    /// Set for an unknown key: the key as written and the suggested field, if any.
    pub unknown: Option<(String, Option<String>)>,
    /// Set for a missing field: its name.
    pub missing: Option<String>,
}

/// The node at `segs` (innermost segment first, as an error's path is kept) under
/// `root`, or None where the path is not found.
fn descend<'a>(root: &'a mut Node, segs: &[Seg]) -> Option<&'a mut Node> {
    let mut node = root;
    for seg in segs.iter().rev() {
        node = match (seg, &mut node.kind) {
            (Seg::Key(k), Kind::Map(entries)) => {
                &mut entries
                    .iter_mut()
                    .find(|(ek, _)| ek.as_str() == Some(k.as_str()))?
                    .1
            }
            (Seg::Index(i), Kind::Seq(items)) => items.get_mut(*i)?,
            _ => return None,
        };
    }
    Some(node)
}

impl DeError {
    pub fn new(message: impl Into<String>) -> Self {
        DeError {
            message: message.into(),
            hint: None,
            pos: None,
            segs: Vec::new(),
            unknown: None,
            missing: None,
        }
    }

    pub(super) fn at(mut self, pos: Pos) -> Self {
        self.pos.get_or_insert(pos);
        self
    }

    pub(super) fn within(mut self, seg: Seg) -> Self {
        self.segs.push(seg);
        self
    }

    /// A copy of `root` without the field this error is about, and the path of that
    /// field (`förslag.beslut`), so that deserialisation can go on and report the
    /// file's other problems too: an unknown key is dropped; a value that cannot be
    /// read is dropped with its key (the innermost key on the error's path: for
    /// `förslag.beslut[1]`, the whole `beslut`, so that the indices of the rest do not
    /// shift). None where there is nothing to drop (an error in the document as a whole).
    pub fn without_failed_field(&self, root: &Node) -> Option<(Node, String)> {
        // Innermost first: where the key to drop is, and the segments above it.
        let (key, above) = match &self.unknown {
            Some((key, _)) => (key.clone(), &self.segs[..]),
            None => {
                let at = self.segs.iter().position(|s| matches!(s, Seg::Key(_)))?;
                let Seg::Key(key) = &self.segs[at] else {
                    unreachable!()
                };
                (key.clone(), &self.segs[at + 1..])
            }
        };
        let mut copy = root.clone();
        let node = descend(&mut copy, above)?;
        match &mut node.kind {
            Kind::Map(entries) => {
                let before = entries.len();
                entries.retain(|(ek, _)| ek.as_str() != Some(key.as_str()));
                let field = Self::join(above, Some(&key));
                (entries.len() < before).then_some((copy, field))
            }
            _ => None,
        }
    }

    /// A copy of `root` with `value` under the key `field` in the mapping at this
    /// error's path: a stand-in for a missing field, so that reading can go on to the
    /// fields after it (serde stops at the first missing one). None where that mapping
    /// is not found.
    pub fn with_field(&self, root: &Node, field: &str, value: Node) -> Option<Node> {
        let mut copy = root.clone();
        let node = descend(&mut copy, &self.segs)?;
        let pos = node.pos;
        match &mut node.kind {
            Kind::Map(entries) => {
                let key = Node {
                    kind: Kind::Scalar {
                        value: field.to_string(),
                        plain: true,
                    },
                    pos,
                };
                entries.push((key, value));
                Some(copy)
            }
            _ => None,
        }
    }

    /// The path of the field this error is about: the missing field's, or where the
    /// value that could not be read is.
    pub fn subject(&self) -> String {
        match &self.missing {
            Some(m) => self.field_path(m),
            None => self.path(),
        }
    }

    /// The path of a field of the mapping at this error's path: where a missing field
    /// would have been (`förslag` + `beslut`).
    pub fn field_path(&self, field: &str) -> String {
        Self::join(&self.segs, Some(field))
    }

    fn join(segs: &[Seg], last: Option<&str>) -> String {
        let mut out = String::new();
        for seg in segs.iter().rev() {
            match seg {
                Seg::Key(k) => {
                    if !out.is_empty() {
                        out.push('.');
                    }
                    out.push_str(k);
                }
                Seg::Index(i) => out.push_str(&format!("[{}]", i + 1)),
            }
        }
        if let Some(last) = last {
            if !out.is_empty() {
                out.push('.');
            }
            out.push_str(last);
        }
        out
    }

    /// The path to a field of the mapping at this error's path, outermost first: keys
    /// as written (`Some`) and list positions (`None`), for looking the field up in the
    /// schema (a missing field's description).
    pub fn field_keys(&self, field: &str) -> Vec<Option<String>> {
        let mut keys: Vec<Option<String>> = self
            .segs
            .iter()
            .rev()
            .map(|seg| match seg {
                Seg::Key(k) => Some(k.clone()),
                Seg::Index(_) => None,
            })
            .collect();
        keys.push(Some(field.to_string()));
        keys
    }

    /// The dotted path of the field, e.g. `förslag.beslut[1]` (indices count from 1).
    pub fn path(&self) -> String {
        Self::join(&self.segs, None)
    }
}

impl fmt::Display for DeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for DeError {}

impl de::Error for DeError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        DeError::new(msg.to_string())
    }

    fn invalid_type(unexp: de::Unexpected, exp: &dyn de::Expected) -> Self {
        let expected = expected_sv(exp);
        let mut err = DeError::new(format!(
            "väntade {}, fann {}",
            expected,
            unexpected_sv(&unexp)
        ));
        // A number written the Swedish way ("64,1", "1 234,5") is text to YAML: say how
        // to write it (review 32).
        if let de::Unexpected::Str(s) = unexp
            && expected == "ett tal"
        {
            let plain: String = s
                .trim()
                .chars()
                .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}'))
                .map(|c| match c {
                    ',' => '.',
                    '−' => '-',
                    c => c,
                })
                .collect();
            let numeral = !plain.is_empty()
                && plain
                    .chars()
                    .all(|c| c.is_ascii_digit() || matches!(c, '.' | '-'))
                && plain.parse::<f64>().is_ok();
            if numeral && plain != s.trim() {
                err.hint = Some(format!(
                    "skriv talet med punkt som decimaltecken och utan mellanrum: {plain}"
                ));
            } else if numeral {
                err.hint = Some(format!("skriv talet utan citattecken: {plain}"));
            }
        }
        err
    }

    fn invalid_value(unexp: de::Unexpected, exp: &dyn de::Expected) -> Self {
        DeError::new(format!(
            "väntade {}, fann {}",
            expected_sv(exp),
            unexpected_sv(&unexp)
        ))
    }

    fn invalid_length(len: usize, exp: &dyn de::Expected) -> Self {
        DeError::new(format!(
            "fel antal värden ({len}); väntade {}",
            expected_sv(exp)
        ))
    }

    fn unknown_variant(variant: &str, expected: &'static [&'static str]) -> Self {
        let mut err = DeError::new(format!(
            "okänt värde \"{}\"; tillåtna värden: {}",
            shorten(variant),
            expected.join(", ")
        ));
        err.hint = did_you_mean(variant, expected).map(|s| format!("menade du \"{s}\"?"));
        err
    }

    fn unknown_field(field: &str, expected: &'static [&'static str]) -> Self {
        let mut err = DeError::new(format!("okänt fält \"{}\"", shorten(field)));
        let suggestion = did_you_mean(field, expected);
        err.unknown = Some((field.to_string(), suggestion.map(str::to_string)));
        err.hint = match suggestion {
            Some(s) => Some(format!("menade du \"{s}\"?")),
            None if expected.is_empty() => None,
            None => Some(format!(
                "tillåtna fält här: {}",
                primary_names(expected).join(", ")
            )),
        };
        err
    }

    fn missing_field(field: &'static str) -> Self {
        let mut err = DeError::new(format!("fältet \"{field}\" saknas"));
        err.missing = Some(field.to_string());
        err
    }

    fn duplicate_field(field: &'static str) -> Self {
        DeError::new(format!(
            "fältet \"{field}\" anges två gånger (kanske både med och utan å, ä, ö)"
        ))
    }
}

/// Field names without their ASCII aliases, for listing to users.
pub(super) fn primary_names(expected: &[&'static str]) -> Vec<&'static str> {
    let has_non_ascii: Vec<String> = expected
        .iter()
        .filter(|e| !e.is_ascii())
        .map(|e| ascii_fold(e))
        .collect();
    expected
        .iter()
        .copied()
        .filter(|e| !e.starts_with('$'))
        .filter(|e| !(e.is_ascii() && has_non_ascii.iter().any(|n| n == e)))
        .collect()
}

/// The closest candidate to a misspelt name, if one is close enough.
fn expected_sv(exp: &dyn de::Expected) -> String {
    let text = exp.to_string();
    let sv = match text.as_str() {
        "a string" | "a borrowed string" | "string" => "text",
        "a sequence" | "a tuple" => "en lista",
        "a map" => "en mappning (fält: värde)",
        "a boolean" | "bool" => "ja eller nej (true eller false)",
        "u8" | "u16" | "u32" | "u64" | "usize" | "i8" | "i16" | "i32" | "i64" | "isize"
        | "an integer" => "ett heltal",
        "f32" | "f64" | "a number" => "ett tal",
        "a character" | "a char" => "ett tecken",
        "unit" => "ett tomt värde",
        t if t.starts_with("struct ") => "en mappning (fält: värde)",
        t if t.starts_with("tuple of ") || t.starts_with("a sequence of") => "en lista",
        t if t.starts_with("variant identifier") || t.starts_with("enum ") => {
            "ett av de tillåtna värdena"
        }
        t if t.starts_with("field identifier") => "ett fältnamn",
        _ => return text,
    };
    sv.to_string()
}

fn unexpected_sv(unexp: &de::Unexpected) -> String {
    use de::Unexpected as U;
    match unexp {
        U::Bool(b) => (if *b { "true" } else { "false" }).to_string(),
        U::Unsigned(n) => format!("talet {n}"),
        U::Signed(n) => format!("talet {n}"),
        U::Float(n) => format!("talet {n}"),
        U::Char(c) => format!("tecknet \"{c}\""),
        U::Str(s) => format!("\"{}\"", shorten(s)),
        U::Bytes(_) => "binärdata".into(),
        U::Unit | U::Option => "ett tomt värde".into(),
        U::NewtypeStruct | U::NewtypeVariant | U::TupleVariant | U::StructVariant => {
            "ett sammansatt värde".into()
        }
        U::UnitVariant | U::Enum => "ett enkelt värde".into(),
        U::Seq => "en lista".into(),
        U::Map => "en mappning (fält: värde)".into(),
        U::Other(o) => o.to_string(),
    }
}
