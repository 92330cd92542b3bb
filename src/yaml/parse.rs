//! The YAML reader: yaml-rust2's event parser builds the spanned [`Node`] tree, with
//! limits on nesting, alias expansion and size, duplicate keys refused, and the
//! scanner's English messages put in Swedish.

use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::{Marker, TScalarStyle};

use super::{Kind, MAX_DEPTH, MAX_EXPANDED_BYTES, MAX_INPUT, MAX_NODES, Node, Pos};

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
    check_characters(src)?;
    prescan_depth(src)?;
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
    expanded_bytes: usize,
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

    fn count_bytes(&mut self, n: usize, pos: Pos) -> bool {
        self.expanded_bytes += n;
        if self.expanded_bytes > MAX_EXPANDED_BYTES {
            self.fail(
                pos,
                format!(
                    "filen blir för stor när hänvisningarna (*alias) fylls i (mer än {} MB text)",
                    MAX_EXPANDED_BYTES >> 20
                ),
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
                // Measure before copying: a large value aliased many times must be
                // refused before it is expanded, not after.
                let Some((nodes, bytes)) = self.anchors.get(id).and_then(Option::as_ref).map(size_of)
                else {
                    self.fail(pos, "hänvisning (*alias) till ett ankare som inte finns");
                    return;
                };
                if !self.count(nodes, pos) || !self.count_bytes(bytes, pos) {
                    return;
                }
                let Some(mut node) = self.anchors.get(id).cloned().flatten() else {
                    return;
                };
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

/// Nodes and text bytes in a subtree (iteratively: the tree is bounded in depth, but
/// a walk that cannot overflow is no harder to write).
fn size_of(node: &Node) -> (usize, usize) {
    let (mut nodes, mut bytes) = (0usize, 0usize);
    let mut todo = vec![node];
    while let Some(n) = todo.pop() {
        nodes += 1;
        match &n.kind {
            Kind::Scalar { value, .. } => bytes += value.len(),
            Kind::Seq(items) => todo.extend(items.iter()),
            Kind::Map(entries) => {
                for (k, v) in entries {
                    todo.push(k);
                    todo.push(v);
                }
            }
        }
    }
    (nodes, bytes)
}

/// Control characters have no place in a document's text, and the parser would cut
/// the file at a NUL without a word; refuse them where they stand.
fn check_characters(src: &str) -> Result<(), SyntaxError> {
    for (n, line) in src.split('\n').enumerate() {
        if let Some((col, c)) = line
            .chars()
            .enumerate()
            .find(|&(_, c)| c.is_control() && !matches!(c, '\t' | '\r'))
        {
            return Err(SyntaxError {
                pos: Pos {
                    line: n as u32 + 1,
                    col: col as u32 + 1,
                },
                message: format!(
                    "filen innehåller styrtecknet U+{:04X}, som inte kan stå i ett dokument; ta bort det",
                    c as u32
                ),
            });
        }
    }
    Ok(())
}

/// yaml-rust2's parser descends recursively, one call per nesting level, before any
/// event reaches the builder's depth limit: a few kilobytes of `- - - - …` or `[[[[…`
/// would overflow the stack and abort the process. This scan bounds the nesting the
/// parser will see, cheaply and conservatively, before it runs: sequence and
/// mapping-key indicators that open a line (`- - x`, `? - x`), open flow brackets,
/// and levels of indentation (block scalar contents are skipped).
fn prescan_depth(src: &str) -> Result<(), SyntaxError> {
    let too_deep = |line: usize, col: usize| SyntaxError {
        pos: Pos {
            line: line as u32 + 1,
            col: col as u32 + 1,
        },
        message: format!("för djup nästling av listor och mappningar (mer än {MAX_DEPTH} nivåer)"),
    };
    let mut indents: Vec<usize> = Vec::new();
    let mut flow = 0usize;
    // Inside a block scalar (`|` or `>`): lines indented more than this are text.
    let mut scalar_indent: Option<usize> = None;
    for (n, line) in src.lines().enumerate() {
        let content = line.trim_start_matches([' ', '\t']);
        let indent = line.len() - content.len();
        if content.is_empty() || content.starts_with('#') {
            continue;
        }
        if let Some(si) = scalar_indent {
            if indent > si {
                continue;
            }
            scalar_indent = None;
        }
        if flow == 0 {
            while indents.last().is_some_and(|&i| i > indent) {
                indents.pop();
            }
            if indents.last() != Some(&indent) {
                indents.push(indent);
            }
        }
        let mut level = indents.len();
        let bytes = content.as_bytes();
        let mut i = 0;
        // Compact nesting at the start of the line.
        while i + 1 < bytes.len() && matches!(bytes[i], b'-' | b'?') && matches!(bytes[i + 1], b' ' | b'\t') {
            level += 1;
            // Point at the indicator that goes one level too deep.
            if level + flow > MAX_DEPTH {
                return Err(too_deep(n, indent + i));
            }
            i += 2;
            while i < bytes.len() && matches!(bytes[i], b' ' | b'\t') {
                i += 1;
            }
        }
        if level + flow > MAX_DEPTH {
            return Err(too_deep(n, indent + i));
        }
        // Flow brackets outside quotes and comments.
        let mut quote: Option<u8> = None;
        let mut prev = b' ';
        for (j, &c) in bytes.iter().enumerate().skip(i) {
            match quote {
                Some(q) if c == q => quote = None,
                Some(_) => {}
                None => match c {
                    b'"' | b'\'' if matches!(prev, b' ' | b'[' | b'{' | b',' | b':') => quote = Some(c),
                    b'#' if matches!(prev, b' ' | b'\t') => break,
                    b'[' | b'{' => {
                        flow += 1;
                        if level + flow > MAX_DEPTH {
                            return Err(too_deep(n, indent + j));
                        }
                    }
                    b']' | b'}' => flow = flow.saturating_sub(1),
                    _ => {}
                },
            }
            prev = c;
        }
        // A block scalar starts at the end of this line.
        let tail = content.trim_end();
        let tail = tail.split(" #").next().unwrap_or(tail).trim_end();
        if flow == 0
            && tail
                .rsplit([' ', '\t'])
                .next()
                .is_some_and(|t| t.starts_with(['|', '>']) && t.chars().skip(1).all(|c| matches!(c, '+' | '-' | '1'..='9')))
        {
            scalar_indent = Some(indent);
        }
    }
    Ok(())
}

