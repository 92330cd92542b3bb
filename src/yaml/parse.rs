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
    parse_unclamped(src).map_err(|mut err| {
        err.pos = within(src, err.pos);
        err
    })
}

/// A position inside the file: the scanner reports the end of a file that does not
/// end in a line break one line past it (found by fuzzing: `a: &x [1,`).
fn within(src: &str, pos: Pos) -> Pos {
    let lines: Vec<&str> = src.split('\n').collect();
    if (pos.line as usize) <= lines.len() && pos.line >= 1 {
        return pos;
    }
    let last = lines.last().copied().unwrap_or_default();
    Pos {
        line: lines.len().max(1) as u32,
        col: last.trim_end_matches('\r').chars().count() as u32 + 1,
    }
}

fn parse_unclamped(src: &str) -> Result<Node, SyntaxError> {
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
        let mut pos: Pos = (*err.marker()).into();
        if err.info().contains("simple key") {
            pos = simple_key_start(src, pos);
        }
        return Err(SyntaxError {
            pos,
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

/// yaml-rust2's messages in Swedish, saying what to do. The English is not shown: a
/// secretary should not need it, and every message the scanner and parser can give
/// has a translation here (the last arm covers any future one).
fn translate_scan_error(info: &str) -> String {
    let rules: &[(&[&str], &str)] = &[
        (
            &["unknown anchor"],
            "hänvisningen (*namn) går till ett ankare (&namn) som inte finns ovanför; ankaret måste stå före hänvisningen",
        ),
        (
            &["duplicated anchor"],
            "ankaret (&namn) finns redan; ge det ett annat namn",
        ),
        (
            &["simple key"],
            "raden saknar kolon: ett fält skrivs \"namn: värde\", och en fortsättning på föregående värde dras in mer än fältnamnet",
        ),
        (
            &["escape", "hexadecimal"],
            "okänd kod efter \\ inom \"…\"; skriv \\\\ för ett bakstreck, eller sätt texten inom '…'",
        ),
        (
            &["quoted scalar"],
            "ett citattecken (\" eller ') stängs aldrig, eller texten inom det är felaktigt indragen",
        ),
        (
            &["mapping values are not allowed"],
            "ett kolon följt av mellanslag får inte stå här; sätt värdet inom citattecken",
        ),
        (
            &["did not find expected key"],
            "väntade ett nytt fält; kontrollera indraget (använd mellanslag, inte tabb)",
        ),
        (
            &["cannot start any token", "unexpected character"],
            "ett tecken som inte kan inleda ett värde (tabb i indraget, eller @ eller ` först i värdet); sätt värdet inom citattecken",
        ),
        (
            &["did not find expected '-'"],
            "väntade en listpunkt som börjar med \"-\"",
        ),
        (
            &["block sequence entries are not allowed"],
            "en listpunkt (-) får inte stå här; kontrollera indraget",
        ),
        (
            &["tab"],
            "tabbtecken får inte användas för indrag; använd mellanslag",
        ),
        (
            &["flow mapping", "flow sequence", "flow construct"],
            "en lista [ … ] eller mappning { … } stängs inte rätt (saknas ett komma eller en avslutande klammer?)",
        ),
        (
            &["plain scalar cannot start with '-'"],
            "ett värde kan inte börja med - följt av , [ ] { }; sätt värdet inom citattecken",
        ),
        (
            &["':' indicator"],
            "ett kolon står fel; sätt värdet inom citattecken",
        ),
        (
            &["mapping keys are not allowed"],
            "en nyckel med ? får inte stå här",
        ),
        (
            &["anchor or alias"],
            "ett ankare eller en hänvisning (& eller *) måste ha ett namn av bokstäver och siffror",
        ),
        (
            &["comments must be separated"],
            "en kommentar (#) måste ha ett mellanslag före sig",
        ),
        (
            &["block scalar"],
            "felaktigt textblock (| eller >): kontrollera indraget under det",
        ),
        (
            &["tag", "handle"],
            "taggar (!) används inte i kansli-filer; sätt värdet inom citattecken",
        ),
        (
            &["directive", "document", "stream"],
            "YAML-direktiv (%) och dokumentmarkörer (---, ...) används inte här",
        ),
        (
            &["recursion limit"],
            "för djup nästling av listor och mappningar",
        ),
        (&["expected node content"], "ett värde saknas här"),
        (
            &["unexpected eof", "unexpected end", "did not find expected"],
            "filen tar slut mitt i ett värde (saknas ett avslutande citattecken eller hakparentes?)",
        ),
        (&["indentation"], "felaktigt indrag"),
        (&["expected whitespace"], "väntade ett mellanslag här"),
    ];
    rules
        .iter()
        .find(|(needles, _)| needles.iter().any(|n| info.contains(n)))
        .map(|(_, sv)| sv.to_string())
        .unwrap_or_else(|| {
            "filen följer inte YAML-formatet här; jämför med ett fungerande exempel (kansli new)"
                .to_string()
        })
}

/// yaml-rust2 notices a key without its colon only where the next key starts; the
/// user's mistake is the line above: the last line, going up, that has no colon.
fn simple_key_start(src: &str, at: Pos) -> Pos {
    let lines: Vec<&str> = src.lines().collect();
    let mut n = at.line as usize;
    while n > 1 {
        n -= 1;
        let line = lines.get(n - 1).copied().unwrap_or_default();
        let content = line.trim_start();
        if content.is_empty() || content.starts_with('#') {
            continue;
        }
        if !content.contains(": ") && !content.trim_end().ends_with(':') {
            return Pos {
                line: n as u32,
                col: (line.chars().count() - content.chars().count()) as u32 + 1,
            };
        }
        break;
    }
    at
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

    /// The dotted path of the value about to be added (`förslag.beslut[2]`); for a
    /// key, the key itself.
    fn path_here(&self, value: &str) -> String {
        let mut path = String::new();
        for (i, frame) in self.stack.iter().enumerate() {
            let last = i + 1 == self.stack.len();
            match frame {
                Frame::Seq { node, .. } => {
                    let n = match &node.kind {
                        Kind::Seq(items) => items.len(),
                        _ => 0,
                    };
                    path.push_str(&format!("[{}]", n + 1));
                }
                Frame::Map { key, .. } => match key.as_ref().and_then(Node::as_str) {
                    Some(k) => {
                        if !path.is_empty() {
                            path.push('.');
                        }
                        path.push_str(k);
                    }
                    None if last => {
                        if !path.is_empty() {
                            path.push('.');
                        }
                        path.push_str(&super::shorten(value));
                    }
                    None => {}
                },
            }
        }
        path
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
                // An escape in a quoted scalar ("\u0007") gives a control character the
                // scan of the raw text could not see.
                if let Some(c) = value
                    .chars()
                    .find(|&c| c.is_control() && !matches!(c, '\n' | '\t' | '\r'))
                {
                    let field = self.path_here(&value);
                    self.fail(
                        pos,
                        format!(
                            "fältet \"{field}\": texten innehåller styrtecknet U+{:04X}, som inte kan stå i ett dokument; ta bort det",
                            c as u32
                        ),
                    );
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
                let Some((nodes, bytes)) =
                    self.anchors.get(id).and_then(Option::as_ref).map(size_of)
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
        while i + 1 < bytes.len()
            && matches!(bytes[i], b'-' | b'?')
            && matches!(bytes[i + 1], b' ' | b'\t')
        {
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
                    b'"' | b'\'' if matches!(prev, b' ' | b'[' | b'{' | b',' | b':') => {
                        quote = Some(c)
                    }
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
            && tail.rsplit([' ', '\t']).next().is_some_and(|t| {
                t.starts_with(['|', '>'])
                    && t.chars()
                        .skip(1)
                        .all(|c| matches!(c, '+' | '-' | '1'..='9'))
            })
        {
            scalar_indent = Some(indent);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaped_control_characters_are_refused_by_field() {
        let err = parse("a: b\nlista:\n  - x\n  - \"pip\\u0007\"\n").unwrap_err();
        assert_eq!((err.pos.line, err.pos.col), (4, 5));
        assert!(
            err.message.starts_with("fältet \"lista[2]\": "),
            "{}",
            err.message
        );
        assert!(err.message.contains("U+0007"), "{}", err.message);
        assert!(parse("a: \"rad\\nrad\\tflik\"\n").is_ok());
    }

    #[test]
    fn parser_messages_are_swedish_and_on_the_users_line() {
        let err = parse("a: 1\nfoo\nbar: 1\n").unwrap_err();
        assert_eq!((err.pos.line, err.pos.col), (2, 1), "{}", err.message);
        assert!(err.message.contains("saknar kolon"), "{}", err.message);
        let err = parse("a: 1\nb: *saknas\n").unwrap_err();
        assert_eq!((err.pos.line, err.pos.col), (2, 4));
        assert!(err.message.contains("ankare"), "{}", err.message);
        for src in [
            "a: \"x\\q\"",
            "a: [1, 2",
            "a:\n\t- b",
            "a: &\n",
            "- a\nb: c",
        ] {
            let err = parse(src).unwrap_err();
            assert!(
                !err.message.is_ascii() && !err.message.contains("while "),
                "{src:?}: {}",
                err.message
            );
        }
    }

    #[test]
    fn an_error_at_the_end_of_a_file_without_a_final_line_break_is_inside_it() {
        let err = parse("a: &x [1,").unwrap_err();
        assert_eq!((err.pos.line, err.pos.col), (1, 10));
    }
}
