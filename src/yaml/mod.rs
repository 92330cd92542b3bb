//! YAML with positions: a spanned node tree and a serde `Deserializer` over it.
//!
//! Why not `serde_yaml`: the spec demands `file:line:col` for *every* error, including
//! checks that run after deserialisation (diarienummer against the profile, `bilagor`
//! paths, meeting items against their ärenden). `serde_yaml` only knows positions while
//! it deserialises and cannot hand them to the typed document. Here every value can be
//! wrapped in [`Spanned`] to keep its line and column, and every serde error is turned
//! into a Swedish message with the path of the field ("förslag.beslut[1]").
//!
//! Hostile input is bounded: nesting depth, number of nodes after alias expansion and
//! input size are limited, and duplicate keys are rejected.

use std::path::Path;

use yaml_rust2::scanner::Marker;

mod de;
mod error;
pub mod locate;
mod parse;
mod spanned;

pub use de::{NodeDe, from_node};
pub use error::{DeError, Seg};
pub use parse::{SyntaxError, parse};
pub use spanned::{RawScalar, Spanned};

pub use crate::diag::Pos;

/// Largest accepted input, in bytes. Official documents are far smaller.
pub const MAX_INPUT: usize = 4 << 20;
/// Deepest accepted nesting of sequences and mappings.
const MAX_DEPTH: usize = 64;
/// Most nodes a document may expand to (guards against alias bombs).
const MAX_NODES: usize = 200_000;
/// Most text a document may expand to through aliases (guards against one large
/// value aliased many times).
const MAX_EXPANDED_BYTES: usize = 16 << 20;

impl From<Marker> for Pos {
    fn from(m: Marker) -> Self {
        // yaml-rust2 reports 1-based lines and 0-based columns.
        Pos {
            line: m.line() as u32,
            col: m.col() as u32 + 1,
        }
    }
}

/// One YAML node with the position where it starts.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub kind: Kind,
    pub pos: Pos,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    /// A scalar; `plain` is false for quoted and block scalars, which are always text.
    Scalar {
        value: String,
        plain: bool,
    },
    Seq(Vec<Node>),
    Map(Vec<(Node, Node)>),
}

impl Node {
    /// Whether this node is YAML's null (`~`, `null`, or nothing at all).
    pub fn is_null(&self) -> bool {
        matches!(&self.kind, Kind::Scalar { value, plain: true }
            if value.is_empty() || value == "~" || value == "null" || value == "Null" || value == "NULL")
    }

    /// The scalar text, if this is a scalar.
    pub fn as_str(&self) -> Option<&str> {
        match &self.kind {
            Kind::Scalar { value, .. } => Some(value),
            _ => None,
        }
    }

    /// Looks up a key in a mapping.
    pub fn get(&self, key: &str) -> Option<&Node> {
        match &self.kind {
            Kind::Map(entries) => entries
                .iter()
                .find(|(k, _)| k.as_str() == Some(key))
                .map(|(_, v)| v),
            _ => None,
        }
    }

    /// Looks up the first of several spellings of a key (`nämnd`, `namnd`).
    /// The `i`th item of a sequence.
    pub fn index(&self, i: usize) -> Option<&Node> {
        match &self.kind {
            Kind::Seq(items) => items.get(i),
            _ => None,
        }
    }

    /// Deep-merges `over` onto `self`: mappings merge key by key, anything else is
    /// replaced. Used for profile inheritance (`bas:`).
    pub fn merge(&mut self, over: Node) {
        match (&mut self.kind, over.kind) {
            (Kind::Map(base), Kind::Map(over_entries)) => {
                for (k, v) in over_entries {
                    match base.iter_mut().find(|(bk, _)| bk.as_str() == k.as_str()) {
                        Some((_, bv)) => bv.merge(v),
                        None => base.push((k, v)),
                    }
                }
            }
            (_, kind) => {
                self.kind = kind;
                self.pos = over.pos;
            }
        }
    }

    /// Describes the node's kind in Swedish, for "väntade …, fann …" messages.
    pub fn describe(&self) -> String {
        match &self.kind {
            Kind::Scalar { .. } if self.is_null() => "ett tomt värde".into(),
            Kind::Scalar { value, .. } => format!("\"{}\"", shorten(value)),
            Kind::Seq(_) => "en lista".into(),
            Kind::Map(_) => "en mappning (fält: värde)".into(),
        }
    }
}

/// A value as shown in a message: at most 60 characters.
pub(crate) fn shorten(s: &str) -> String {
    let mut out: String = s.chars().take(60).collect();
    if s.chars().count() > 60 {
        out.push('…');
    }
    out.replace('\n', " ")
}

/// Folds Swedish and other Latin letters to ASCII (`ärende` → `arende`).
pub fn ascii_fold(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            'å' | 'ä' | 'à' | 'á' | 'â' => 'a',
            'Å' | 'Ä' | 'À' | 'Á' | 'Â' => 'A',
            'ö' | 'ø' | 'ó' | 'ò' | 'ô' => 'o',
            'Ö' | 'Ø' | 'Ó' | 'Ò' | 'Ô' => 'O',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'É' | 'È' | 'Ê' | 'Ë' => 'E',
            'ü' | 'ú' => 'u',
            'Ü' | 'Ú' => 'U',
            c => c,
        })
        .collect()
}

pub fn did_you_mean<'a>(name: &str, candidates: &[&'a str]) -> Option<&'a str> {
    let folded = ascii_fold(&name.to_lowercase());
    candidates
        .iter()
        .filter(|c| !c.starts_with('$'))
        .map(|c| (strsim::jaro_winkler(&folded, &ascii_fold(c)), *c))
        .filter(|(score, _)| *score > 0.82)
        // Prefer the spelling with å, ä, ö when the ASCII alias scores the same.
        .max_by(|a, b| {
            a.0.total_cmp(&b.0)
                .then((!a.1.is_ascii()).cmp(&!b.1.is_ascii()))
        })
        .map(|(_, c)| c)
}

/// Reads a YAML file as UTF-8 text, with a Swedish message on failure.
pub fn read_file(path: &Path) -> Result<String, String> {
    let meta = std::fs::metadata(path)
        .map_err(|e| format!("kan inte läsa filen: {}", crate::diag::io_sv(&e)))?;
    if meta.len() as usize > MAX_INPUT {
        return Err(format!(
            "filen är för stor ({} byte; högst {} byte)",
            meta.len(),
            MAX_INPUT
        ));
    }
    let bytes = std::fs::read(path)
        .map_err(|e| format!("kan inte läsa filen: {}", crate::diag::io_sv(&e)))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        format!(
            "filen är inte giltig UTF-8 (fel vid byte {}); spara den som UTF-8",
            e.utf8_error().valid_up_to()
        )
    })?;
    Ok(text
        .strip_prefix('\u{feff}')
        .map(str::to_string)
        .unwrap_or(text))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Doc {
        #[serde(rename = "nämnd", alias = "namnd")]
        namnd: String,
        datum: Spanned<String>,
        #[serde(default)]
        lista: Vec<u32>,
        cell: Option<RawScalar>,
    }

    #[test]
    fn positions_are_one_based() {
        let node = parse("nämnd: HSN\ndatum: 2023-11-08\n").unwrap();
        let doc: Doc = from_node(&node).unwrap();
        assert_eq!(doc.namnd, "HSN");
        assert_eq!(doc.datum.pos, Pos { line: 2, col: 8 });
        assert_eq!(doc.datum.value, "2023-11-08");
    }

    #[test]
    fn ascii_alias_and_plain_numbers_as_text() {
        let node = parse("namnd: 2024\ndatum: x\nlista: [1, 2]\n").unwrap();
        let doc: Doc = from_node(&node).unwrap();
        assert_eq!(doc.namnd, "2024");
        assert_eq!(doc.lista, vec![1, 2]);
    }

    #[test]
    fn unknown_field_has_suggestion_and_position() {
        let node = parse("nämnd: a\ndatum: b\nlistan: [1]\n").unwrap();
        let err = from_node::<Doc>(&node).unwrap_err();
        assert_eq!(err.message, "okänt fält \"listan\"");
        assert_eq!(err.hint.as_deref(), Some("menade du \"lista\"?"));
        assert_eq!(err.pos, Some(Pos { line: 3, col: 1 }));
    }

    #[test]
    fn type_errors_name_the_path() {
        let node = parse("nämnd: a\ndatum: b\nlista: [1, x]\n").unwrap();
        let err = from_node::<Doc>(&node).unwrap_err();
        assert_eq!(err.path(), "lista[2]");
        assert_eq!(err.pos, Some(Pos { line: 3, col: 12 }));
        assert!(err.message.contains("ett heltal"), "{}", err.message);
    }

    #[test]
    fn missing_field() {
        let node = parse("nämnd: a\n").unwrap();
        let err = from_node::<Doc>(&node).unwrap_err();
        assert_eq!(err.message, "fältet \"datum\" saknas");
    }

    #[test]
    fn raw_scalar_keeps_quoting() {
        let node = parse("nämnd: a\ndatum: b\ncell: '12'\n").unwrap();
        let doc: Doc = from_node(&node).unwrap();
        assert_eq!(
            doc.cell,
            Some(RawScalar {
                text: "12".into(),
                plain: false
            })
        );
        let node = parse("nämnd: a\ndatum: b\ncell: -1.5\n").unwrap();
        let doc: Doc = from_node(&node).unwrap();
        assert_eq!(
            doc.cell,
            Some(RawScalar {
                text: "-1.5".into(),
                plain: true
            })
        );
    }

    #[test]
    fn duplicate_keys_are_rejected() {
        let err = parse("a: 1\nb: 2\na: 3\n").unwrap_err();
        assert_eq!(err.pos, Pos { line: 3, col: 1 });
        assert!(err.message.contains("två gånger"));
    }

    #[test]
    fn alias_bombs_are_bounded() {
        let mut src = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..12 {
            let prev = i - 1;
            src.push_str(&format!(
                "a{i}: &a{i} [*a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}]\n"
            ));
        }
        let err = parse(&src).unwrap_err();
        assert!(err.message.contains("för stor"), "{}", err.message);
    }

    #[test]
    fn deep_nesting_is_bounded() {
        let src = "[".repeat(10_000);
        let err = parse(&src).unwrap_err();
        assert!(err.message.contains("djup"), "{}", err.message);
    }

    #[test]
    fn one_large_value_aliased_many_times_is_refused_before_expansion() {
        // 2 MB of text aliased 300 times would be 600 MB; it must be refused at the
        // alias that crosses the limit, with its position.
        let mut src = format!("a: &big \"{}\"\nb: [", "x".repeat(2 << 20));
        src.push_str(&vec!["*big"; 300].join(", "));
        src.push_str("]\n");
        let err = parse(&src).unwrap_err();
        assert!(err.message.contains("hänvisningarna"), "{}", err.message);
        assert_eq!(err.pos.line, 2);
    }

    #[test]
    fn compact_and_indented_nesting_is_refused_before_the_parser_recurses() {
        // Each of these overflowed yaml-rust2's recursive parser (and aborted the
        // process) at a few thousand levels.
        let compact = format!("{}x\n", "- ".repeat(5_000));
        let err = parse(&compact).unwrap_err();
        assert!(err.message.contains("djup"), "{}", err.message);
        assert_eq!(err.pos.line, 1);
        let mut indented = String::new();
        for i in 0..1_000 {
            indented.push_str(&format!("{}k{i}:\n", " ".repeat(i)));
        }
        let err = parse(&indented).unwrap_err();
        assert!(err.message.contains("djup"), "{}", err.message);
        let flow = format!("a: {}", "{b: ".repeat(3_000));
        assert!(parse(&flow).unwrap_err().message.contains("djup"));
        // A thread with a small stack, as the batch's workers have, survives too.
        std::thread::Builder::new()
            .stack_size(256 << 10)
            .spawn(move || assert!(parse(&compact).is_err()))
            .unwrap()
            .join()
            .unwrap();
    }

    #[test]
    fn ordinary_nesting_and_block_scalars_pass_the_depth_scan() {
        let src = "a:\n  b:\n    - c: 1\n      d: [1, [2, {e: 3}]]\n  text: |\n    ##  not a comment\n                                                                                        deep text [[[[[[\n    - not a list\n";
        let node = parse(src).unwrap();
        assert!(matches!(node.kind, Kind::Map(_)));
    }

    #[test]
    fn control_characters_are_refused_where_they_stand() {
        let err = parse("a: b\nrubrik: Före\u{0}efter\n").unwrap_err();
        assert_eq!((err.pos.line, err.pos.col), (2, 13));
        assert!(err.message.contains("U+0000"), "{}", err.message);
        assert!(parse("a: \"bell\u{7}\"\n").is_err());
        assert!(parse("a: b\r\nc: \"tab\there\"\r\n").is_ok());
    }

    #[test]
    fn garbage_bytes_give_an_error_not_a_panic() {
        for src in [
            "\u{0}\u{1}\u{2}: [",
            "a: \"unterminated",
            ": : :",
            "\t- x",
            "- a\nb: c",
        ] {
            let _ = parse(src);
        }
    }

    #[test]
    fn merge_is_deep() {
        let mut base = parse("a: {x: 1, y: 2}\nb: 3\n").unwrap();
        base.merge(parse("a: {y: 5}\nc: 4\n").unwrap());
        assert_eq!(base.get("a").unwrap().get("y").unwrap().as_str(), Some("5"));
        assert_eq!(base.get("a").unwrap().get("x").unwrap().as_str(), Some("1"));
        assert_eq!(base.get("c").unwrap().as_str(), Some("4"));
    }
}
