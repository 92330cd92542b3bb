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

use std::fmt;

use serde::de::{self, DeserializeSeed, IntoDeserializer, Visitor};
use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::{Marker, TScalarStyle};

/// Largest accepted input, in bytes. Official documents are far smaller.
pub const MAX_INPUT: usize = 4 << 20;
/// Deepest accepted nesting of sequences and mappings.
const MAX_DEPTH: usize = 64;
/// Most nodes a document may expand to (guards against alias bombs).
const MAX_NODES: usize = 200_000;

/// A 1-based line and column in a source file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Pos {
    pub line: u32,
    pub col: u32,
}

impl fmt::Display for Pos {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.col)
    }
}

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

/// A YAML syntax error, or a violation of the limits above.
#[derive(Debug, Clone, PartialEq)]
pub struct SyntaxError {
    pub pos: Pos,
    pub message: String,
}

/// Parses one YAML document into a node tree. An empty file is an empty mapping's
/// absence: it yields a null scalar at 1:1.
pub fn parse(src: &str) -> Result<Node, SyntaxError> {
    if src.len() > MAX_INPUT {
        return Err(SyntaxError {
            pos: Pos { line: 1, col: 1 },
            message: format!(
                "filen är för stor ({} byte; högst {} byte)",
                src.len(),
                MAX_INPUT
            ),
        });
    }
    let mut builder = Builder::default();
    let mut parser = Parser::new_from_str(src);
    let result = parser.load(&mut builder, true);
    if let Some(err) = builder.error.take() {
        return Err(err);
    }
    if let Err(err) = result {
        return Err(SyntaxError {
            pos: (*err.marker()).into(),
            message: format!("ogiltig YAML: {}", translate_scan_error(err.info())),
        });
    }
    if builder.documents > 1 {
        return Err(SyntaxError {
            pos: builder.second_doc.unwrap_or_default(),
            message: "filen innehåller flera YAML-dokument (---); en fil ska beskriva ett dokument"
                .into(),
        });
    }
    Ok(builder.root.unwrap_or(Node {
        kind: Kind::Scalar {
            value: String::new(),
            plain: true,
        },
        pos: Pos { line: 1, col: 1 },
    }))
}

fn translate_scan_error(info: &str) -> String {
    let sv = match info {
        s if s.contains("quoted scalar") => {
            "ett citattecken (\" eller ') stängs aldrig, eller texten inom det är felaktigt indragen"
        }
        s if s.contains("mapping values are not allowed") => {
            "ett kolon följt av mellanslag får inte stå här; sätt värdet inom citattecken"
        }
        s if s.contains("did not find expected key") => {
            "väntade ett nytt fält; kontrollera indraget (använd mellanslag, inte tabb)"
        }
        s if s.contains("found character that cannot start any token") => {
            "ett tecken som inte kan inleda ett värde (tabb i indraget, eller @ eller ` först i värdet); sätt värdet inom citattecken"
        }
        s if s.contains("did not find expected '-'") => "väntade en listpunkt som börjar med \"-\"",
        s if s.contains("unexpected end of") || s.contains("did not find expected") => {
            "filen tar slut mitt i ett värde (saknas ett avslutande citattecken eller hakparentes?)"
        }
        s if s.contains("indentation") => "felaktigt indrag",
        s if s.contains("recursion limit") => "för djup nästling av listor och mappningar",
        _ => "",
    };
    if sv.is_empty() {
        info.to_string()
    } else {
        format!("{sv} ({info})")
    }
}

#[derive(Default)]
struct Builder {
    stack: Vec<Frame>,
    root: Option<Node>,
    anchors: Vec<Option<Node>>,
    nodes: usize,
    documents: usize,
    second_doc: Option<Pos>,
    error: Option<SyntaxError>,
}

enum Frame {
    Seq {
        node: Node,
        anchor: usize,
    },
    Map {
        node: Node,
        anchor: usize,
        key: Option<Node>,
    },
}

impl Builder {
    fn fail(&mut self, pos: Pos, message: impl Into<String>) {
        if self.error.is_none() {
            self.error = Some(SyntaxError {
                pos,
                message: message.into(),
            });
        }
    }

    fn count(&mut self, n: usize, pos: Pos) -> bool {
        self.nodes += n;
        if self.nodes > MAX_NODES {
            self.fail(
                pos,
                format!("filen är för stor eller för djupt refererad (mer än {MAX_NODES} värden)"),
            );
            return false;
        }
        true
    }

    fn register_anchor(&mut self, anchor: usize, node: &Node) {
        if anchor > 0 {
            if self.anchors.len() <= anchor {
                self.anchors.resize(anchor + 1, None);
            }
            self.anchors[anchor] = Some(node.clone());
        }
    }

    fn push_value(&mut self, node: Node) {
        match self.stack.last_mut() {
            None => self.root = Some(node),
            Some(Frame::Seq { node: seq, .. }) => {
                if let Kind::Seq(items) = &mut seq.kind {
                    items.push(node);
                }
            }
            Some(Frame::Map { node: map, key, .. }) => match key.take() {
                None => {
                    // A block mapping's start mark sits at its first `:`; the mapping
                    // really starts at its first key.
                    if matches!(&map.kind, Kind::Map(e) if e.is_empty()) && node.pos < map.pos {
                        map.pos = node.pos;
                    }
                    *key = Some(node)
                }
                Some(k) => {
                    if let Kind::Map(entries) = &mut map.kind {
                        let dup = entries
                            .iter()
                            .find(|(ek, _)| ek.as_str().is_some() && ek.as_str() == k.as_str())
                            .map(|(ek, _)| ek.pos);
                        if let Some(first) = dup {
                            let pos = k.pos;
                            let name = k.as_str().unwrap_or_default().to_string();
                            self.fail(
                                pos,
                                format!("fältet \"{name}\" förekommer två gånger (första gången på rad {})", first.line),
                            );
                            return;
                        }
                        entries.push((k, node));
                    }
                }
            },
        }
    }
}

impl MarkedEventReceiver for Builder {
    fn on_event(&mut self, ev: Event, mark: Marker) {
        if self.error.is_some() {
            return;
        }
        let pos = Pos::from(mark);
        match ev {
            Event::DocumentStart => {
                self.documents += 1;
                if self.documents == 2 {
                    self.second_doc = Some(pos);
                }
            }
            Event::Scalar(value, style, anchor, _tag) => {
                if !self.count(1, pos) {
                    return;
                }
                let node = Node {
                    kind: Kind::Scalar {
                        value,
                        plain: style == TScalarStyle::Plain,
                    },
                    pos,
                };
                self.register_anchor(anchor, &node);
                self.push_value(node);
            }
            Event::Alias(id) => {
                let Some(target) = self.anchors.get(id).cloned().flatten() else {
                    self.fail(pos, "hänvisning (*alias) till ett ankare som inte finns");
                    return;
                };
                if !self.count(count_nodes(&target), pos) {
                    return;
                }
                let mut node = target;
                node.pos = pos;
                self.push_value(node);
            }
            Event::SequenceStart(anchor, _) | Event::MappingStart(anchor, _) => {
                if self.stack.len() >= MAX_DEPTH {
                    self.fail(
                        pos,
                        format!("för djup nästling (mer än {MAX_DEPTH} nivåer)"),
                    );
                    return;
                }
                if !self.count(1, pos) {
                    return;
                }
                let frame = if matches!(ev, Event::SequenceStart(..)) {
                    Frame::Seq {
                        node: Node {
                            kind: Kind::Seq(Vec::new()),
                            pos,
                        },
                        anchor,
                    }
                } else {
                    Frame::Map {
                        node: Node {
                            kind: Kind::Map(Vec::new()),
                            pos,
                        },
                        anchor,
                        key: None,
                    }
                };
                self.stack.push(frame);
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let (node, anchor) = match self.stack.pop() {
                    Some(Frame::Seq { node, anchor }) | Some(Frame::Map { node, anchor, .. }) => {
                        (node, anchor)
                    }
                    None => return,
                };
                self.register_anchor(anchor, &node);
                self.push_value(node);
            }
            _ => {}
        }
    }
}

fn count_nodes(node: &Node) -> usize {
    match &node.kind {
        Kind::Scalar { .. } => 1,
        Kind::Seq(items) => 1 + items.iter().map(count_nodes).sum::<usize>(),
        Kind::Map(entries) => {
            1 + entries
                .iter()
                .map(|(k, v)| count_nodes(k) + count_nodes(v))
                .sum::<usize>()
        }
    }
}

pub(crate) fn shorten(s: &str) -> String {
    let mut out: String = s.chars().take(60).collect();
    if s.chars().count() > 60 {
        out.push('…');
    }
    out.replace('\n', " ")
}

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

    fn at(mut self, pos: Pos) -> Self {
        self.pos.get_or_insert(pos);
        self
    }

    fn within(mut self, seg: Seg) -> Self {
        self.segs.push(seg);
        self
    }

    /// The dotted path of the field, e.g. `förslag.beslut[1]`.
    /// A copy of `root` without the unknown key this error reports, so that
    /// deserialisation can go on and report the file's other problems too.
    pub fn without_unknown_key(&self, root: &Node) -> Option<Node> {
        let (key, _) = self.unknown.as_ref()?;
        let mut copy = root.clone();
        let mut node = &mut copy;
        for seg in self.segs.iter().rev() {
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
        match &mut node.kind {
            Kind::Map(entries) => {
                let before = entries.len();
                entries.retain(|(ek, _)| ek.as_str() != Some(key.as_str()));
                (entries.len() < before).then_some(copy)
            }
            _ => None,
        }
    }

    pub fn path(&self) -> String {
        let mut out = String::new();
        for seg in self.segs.iter().rev() {
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
        out
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
        DeError::new(format!(
            "väntade {}, fann {}",
            expected_sv(exp),
            unexpected_sv(&unexp)
        ))
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
fn primary_names(expected: &[&'static str]) -> Vec<&'static str> {
    let has_non_ascii: Vec<String> = expected
        .iter()
        .filter(|e| !e.is_ascii())
        .map(|e| crate::model::ascii_fold(e))
        .collect();
    expected
        .iter()
        .copied()
        .filter(|e| !e.starts_with('$'))
        .filter(|e| !(e.is_ascii() && has_non_ascii.iter().any(|n| n == e)))
        .collect()
}

/// The closest candidate to a misspelt name, if one is close enough.
pub fn did_you_mean<'a>(name: &str, candidates: &[&'a str]) -> Option<&'a str> {
    let folded = crate::model::ascii_fold(&name.to_lowercase());
    candidates
        .iter()
        .filter(|c| !c.starts_with('$'))
        .map(|c| {
            (
                strsim::jaro_winkler(&folded, &crate::model::ascii_fold(c)),
                *c,
            )
        })
        .filter(|(score, _)| *score > 0.82)
        // Prefer the spelling with å, ä, ö when the ASCII alias scores the same.
        .max_by(|a, b| {
            a.0.total_cmp(&b.0)
                .then((!a.1.is_ascii()).cmp(&!b.1.is_ascii()))
        })
        .map(|(_, c)| c)
}

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

// ---------------------------------------------------------------------------------
// Spanned values

/// A value together with the position of its YAML node.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Spanned<T> {
    pub value: T,
    pub pos: Pos,
}

impl<T> std::ops::Deref for Spanned<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.value
    }
}

const SPANNED: &str = "$kansli::Spanned";
const SPANNED_FIELDS: &[&str] = &["$line", "$col", "$value"];

impl<'de, T: de::Deserialize<'de>> de::Deserialize<'de> for Spanned<T> {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V<T>(std::marker::PhantomData<T>);
        impl<'de, T: de::Deserialize<'de>> Visitor<'de> for V<T> {
            type Value = Spanned<T>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("ett värde")
            }
            fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut line = 0u32;
                let mut col = 0u32;
                while let Some(key) = map.next_key::<String>()? {
                    match key.as_str() {
                        "$line" => line = map.next_value()?,
                        "$col" => col = map.next_value()?,
                        _ => {
                            let value = map.next_value()?;
                            return Ok(Spanned {
                                value,
                                pos: Pos { line, col },
                            });
                        }
                    }
                }
                Err(de::Error::custom("internt fel: Spanned utan värde"))
            }
        }
        d.deserialize_struct(SPANNED, SPANNED_FIELDS, V(std::marker::PhantomData))
    }
}

impl<T: serde::Serialize> serde::Serialize for Spanned<T> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.value.serialize(s)
    }
}

/// A scalar's text together with whether it was written plain (unquoted). Table cells
/// use this: `2024` is a number, `"2024"` is text.
#[derive(Debug, Clone, PartialEq)]
pub struct RawScalar {
    pub text: String,
    pub plain: bool,
}

const RAW_SCALAR: &str = "$kansli::RawScalar";

impl schemars::JsonSchema for RawScalar {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Cell".into()
    }
    fn inline_schema() -> bool {
        true
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({ "type": ["string", "number", "boolean"] })
    }
}

/// A spanned value has the schema of its value.
impl<T: schemars::JsonSchema> schemars::JsonSchema for Spanned<T> {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        T::schema_name()
    }
    fn schema_id() -> std::borrow::Cow<'static, str> {
        T::schema_id()
    }
    fn inline_schema() -> bool {
        T::inline_schema()
    }
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        T::json_schema(generator)
    }
}

impl<'de> de::Deserialize<'de> for RawScalar {
    fn deserialize<D: de::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = RawScalar;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("text eller ett tal")
            }
            fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<RawScalar, A::Error> {
                let text: String = seq.next_element()?.unwrap_or_default();
                let plain: bool = seq.next_element()?.unwrap_or(false);
                Ok(RawScalar { text, plain })
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<RawScalar, E> {
                Ok(RawScalar {
                    text: v.to_string(),
                    plain: false,
                })
            }
        }
        d.deserialize_newtype_struct(RAW_SCALAR, V)
    }
}

// ---------------------------------------------------------------------------------
// The deserializer

/// Deserialises a typed value from a node.
// The error carries position, field path, message and hint; it is built once per
// failing file, so its size does not matter.
#[allow(clippy::result_large_err)]
pub fn from_node<'de, T: de::Deserialize<'de>>(node: &'de Node) -> Result<T, DeError> {
    T::deserialize(NodeDe(node)).map_err(|e: DeError| e.at(node.pos))
}

#[derive(Clone, Copy)]
pub struct NodeDe<'a>(pub &'a Node);

impl<'a> NodeDe<'a> {
    fn scalar(&self) -> Option<(&'a str, bool)> {
        match &self.0.kind {
            Kind::Scalar { value, plain } => Some((value.as_str(), *plain)),
            _ => None,
        }
    }

    fn unexpected(&self) -> de::Unexpected<'a> {
        match &self.0.kind {
            _ if self.0.is_null() => de::Unexpected::Unit,
            Kind::Scalar { value, .. } => de::Unexpected::Str(value),
            Kind::Seq(_) => de::Unexpected::Seq,
            Kind::Map(_) => de::Unexpected::Map,
        }
    }

    fn fail(&self, exp: &dyn de::Expected) -> DeError {
        <DeError as de::Error>::invalid_type(self.unexpected(), exp).at(self.0.pos)
    }
}

fn parse_bool(s: &str) -> Option<bool> {
    match s {
        "true" | "True" | "TRUE" | "ja" | "Ja" => Some(true),
        "false" | "False" | "FALSE" | "nej" | "Nej" => Some(false),
        _ => None,
    }
}

macro_rules! deserialize_number {
    ($method:ident, $ty:ty, $visit:ident) => {
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
            match self.scalar() {
                Some((s, _)) => match s.trim().replace('_', "").parse::<$ty>() {
                    Ok(n) => visitor.$visit(n).map_err(|e: DeError| e.at(self.0.pos)),
                    Err(_) => Err(self.fail(&visitor)),
                },
                None => Err(self.fail(&visitor)),
            }
        }
    };
}

impl<'de> de::Deserializer<'de> for NodeDe<'de> {
    type Error = DeError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        let pos = self.0.pos;
        let result = match &self.0.kind {
            _ if self.0.is_null() => visitor.visit_unit(),
            Kind::Scalar { value, plain } => {
                if *plain {
                    if let Some(b) = parse_bool(value) {
                        return visitor.visit_bool(b).map_err(|e: DeError| e.at(pos));
                    }
                    if let Ok(n) = value.parse::<i64>() {
                        return visitor.visit_i64(n).map_err(|e: DeError| e.at(pos));
                    }
                    if let Ok(n) = value.parse::<f64>()
                        && value.chars().any(|c| c.is_ascii_digit())
                    {
                        return visitor.visit_f64(n).map_err(|e: DeError| e.at(pos));
                    }
                }
                visitor.visit_borrowed_str(value)
            }
            Kind::Seq(items) => visitor.visit_seq(SeqDe {
                items: items.iter(),
                index: 0,
            }),
            Kind::Map(entries) => visitor.visit_map(MapDe::new(entries)),
        };
        result.map_err(|e: DeError| e.at(pos))
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match self.scalar().and_then(|(s, _)| parse_bool(s)) {
            Some(b) => visitor.visit_bool(b).map_err(|e: DeError| e.at(self.0.pos)),
            None => Err(self.fail(&visitor)),
        }
    }

    deserialize_number!(deserialize_i8, i8, visit_i8);
    deserialize_number!(deserialize_i16, i16, visit_i16);
    deserialize_number!(deserialize_i32, i32, visit_i32);
    deserialize_number!(deserialize_i64, i64, visit_i64);
    deserialize_number!(deserialize_u8, u8, visit_u8);
    deserialize_number!(deserialize_u16, u16, visit_u16);
    deserialize_number!(deserialize_u32, u32, visit_u32);
    deserialize_number!(deserialize_u64, u64, visit_u64);
    deserialize_number!(deserialize_f32, f32, visit_f32);
    deserialize_number!(deserialize_f64, f64, visit_f64);

    fn deserialize_char<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        // Any scalar is text when text is wanted: `rubrik: 2024` is the string "2024".
        match &self.0.kind {
            Kind::Scalar { value, .. } if !self.0.is_null() => visitor
                .visit_borrowed_str(value)
                .map_err(|e: DeError| e.at(self.0.pos)),
            _ => Err(self.fail(&visitor)),
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_bytes<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        Err(self.fail(&visitor))
    }

    fn deserialize_byte_buf<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        Err(self.fail(&visitor))
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        if self.0.is_null() {
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
        }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        if self.0.is_null() {
            visitor.visit_unit()
        } else {
            Err(self.fail(&visitor))
        }
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        if name == RAW_SCALAR {
            return match self.scalar() {
                Some((text, plain)) if !self.0.is_null() => visitor
                    .visit_seq(de::value::SeqDeserializer::new(
                        vec![RawPart::Text(text.to_string()), RawPart::Plain(plain)].into_iter(),
                    ))
                    .map_err(|e: DeError| e.at(self.0.pos)),
                _ => Err(self.fail(&visitor)),
            };
        }
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match &self.0.kind {
            Kind::Seq(items) => visitor
                .visit_seq(SeqDe {
                    items: items.iter(),
                    index: 0,
                })
                .map_err(|e: DeError| e.at(self.0.pos)),
            _ => Err(self.fail(&visitor)),
        }
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match &self.0.kind {
            Kind::Map(entries) => visitor
                .visit_map(MapDe::new(entries))
                .map_err(|e: DeError| e.at(self.0.pos)),
            _ => Err(self.fail(&visitor)),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        if name == SPANNED {
            return visitor.visit_map(SpannedDe {
                node: self.0,
                state: 0,
            });
        }
        if !matches!(self.0.kind, Kind::Map(_)) && !self.0.is_null() {
            let mut err = self.fail(&visitor);
            let names = primary_names(fields);
            if !names.is_empty() {
                err.hint = Some(format!(
                    "skriv fälten på egna, indragna rader: {}",
                    names.join(", ")
                ));
            }
            return Err(err);
        }
        self.deserialize_map(visitor)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        match &self.0.kind {
            Kind::Scalar { value, .. } if !self.0.is_null() => visitor
                .visit_enum(de::value::StrDeserializer::<DeError>::new(value))
                .map_err(|e: DeError| e.at(self.0.pos)),
            _ => Err(self.fail(&visitor)),
        }
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        visitor.visit_unit()
    }
}

/// Parts of a [`RawScalar`], handed to its visitor as a two-element sequence.
enum RawPart {
    Text(String),
    Plain(bool),
}

impl<'de> IntoDeserializer<'de, DeError> for RawPart {
    type Deserializer = RawPartDe;
    fn into_deserializer(self) -> RawPartDe {
        RawPartDe(self)
    }
}

struct RawPartDe(RawPart);

impl<'de> de::Deserializer<'de> for RawPartDe {
    type Error = DeError;
    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        match self.0 {
            RawPart::Text(s) => visitor.visit_string(s),
            RawPart::Plain(b) => visitor.visit_bool(b),
        }
    }
    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map struct enum identifier ignored_any
    }
}

struct SeqDe<'a> {
    items: std::slice::Iter<'a, Node>,
    index: usize,
}

impl<'de> de::SeqAccess<'de> for SeqDe<'de> {
    type Error = DeError;
    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, DeError> {
        match self.items.next() {
            None => Ok(None),
            Some(node) => {
                let index = self.index;
                self.index += 1;
                seed.deserialize(NodeDe(node))
                    .map(Some)
                    .map_err(|e: DeError| e.at(node.pos).within(Seg::Index(index)))
            }
        }
    }
    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len())
    }
}

struct MapDe<'a> {
    entries: std::slice::Iter<'a, (Node, Node)>,
    value: Option<&'a Node>,
    key: Option<&'a Node>,
}

impl<'a> MapDe<'a> {
    fn new(entries: &'a [(Node, Node)]) -> Self {
        MapDe {
            entries: entries.iter(),
            value: None,
            key: None,
        }
    }
}

impl<'de> de::MapAccess<'de> for MapDe<'de> {
    type Error = DeError;
    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, DeError> {
        match self.entries.next() {
            None => Ok(None),
            Some((k, v)) => {
                self.key = Some(k);
                self.value = Some(v);
                seed.deserialize(NodeDe(k))
                    .map(Some)
                    .map_err(|e: DeError| e.at(k.pos))
            }
        }
    }
    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, DeError> {
        let value = self.value.take().expect("value after key");
        let key = self.key.and_then(Node::as_str).unwrap_or("?").to_string();
        seed.deserialize(NodeDe(value))
            .map_err(|e: DeError| e.at(value.pos).within(Seg::Key(key)))
    }
    fn size_hint(&self) -> Option<usize> {
        Some(self.entries.len())
    }
}

struct SpannedDe<'a> {
    node: &'a Node,
    state: u8,
}

impl<'de> de::MapAccess<'de> for SpannedDe<'de> {
    type Error = DeError;
    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, DeError> {
        let key = match self.state {
            0 => "$line",
            1 => "$col",
            2 => "$value",
            _ => return Ok(None),
        };
        seed.deserialize(de::value::BorrowedStrDeserializer::new(key))
            .map(Some)
    }
    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, DeError> {
        self.state += 1;
        match self.state {
            1 => seed.deserialize(self.node.pos.line.into_deserializer()),
            2 => seed.deserialize(self.node.pos.col.into_deserializer()),
            _ => seed.deserialize(NodeDe(self.node)),
        }
    }
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
