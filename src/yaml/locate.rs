//! Finding the user's words in their YAML file: which field holds a piece of text, and
//! at which line and column, so that a problem found late (in Typst, or in rendered
//! Markdown) is reported where the user wrote it.

use super::{Kind, Node, Pos};

/// The field (dotted path, `förslag.beslut[2]`) whose text value holds `needle`, and
/// where in the file it stands. Keys and comments are not searched; the first value
/// in document order wins.
pub fn locate(source: &str, needle: &str) -> Option<(String, Pos)> {
    if needle.is_empty() {
        return None;
    }
    let root = super::parse(source).ok()?;
    let (path, node) = find(&root, needle)?;
    Some((path, position_in_file(source, node, needle)))
}

/// The first scalar value (not key) holding `needle`, depth first, with its path.
fn find<'a>(root: &'a Node, needle: &str) -> Option<(String, &'a Node)> {
    let mut todo: Vec<(String, &Node)> = vec![(String::new(), root)];
    while let Some((path, node)) = todo.pop() {
        match &node.kind {
            Kind::Scalar { value, .. } => {
                if value.contains(needle) {
                    return Some((path, node));
                }
            }
            Kind::Seq(items) => {
                for (i, item) in items.iter().enumerate().rev() {
                    todo.push((format!("{path}[{}]", i + 1), item));
                }
            }
            Kind::Map(entries) => {
                for (k, v) in entries.iter().rev() {
                    let key = k.as_str().unwrap_or_default();
                    let p = if path.is_empty() {
                        key.to_string()
                    } else {
                        format!("{path}.{key}")
                    };
                    todo.push((p, v));
                }
            }
        }
    }
    None
}

/// Where `needle` stands in the file: searched in the source from the value's own
/// line on (a block scalar's text starts on the lines below it); the value's start
/// when it is not there literally (written with escapes, or folded across lines).
pub fn position_in_file(source: &str, node: &Node, needle: &str) -> Pos {
    let first = needle.lines().next().unwrap_or(needle);
    // The value spans at most its own lines plus the line of its key or indicator.
    let span = node.as_str().map_or(1, |v| v.lines().count() + 1);
    for (i, line) in source
        .lines()
        .enumerate()
        .skip(node.pos.line.saturating_sub(1) as usize)
        .take(span)
    {
        let from = if i + 1 == node.pos.line as usize {
            // On the value's first line, only after its start.
            line.char_indices()
                .nth(node.pos.col.saturating_sub(1) as usize)
                .map(|(b, _)| b)
                .unwrap_or(line.len())
        } else {
            0
        };
        if let Some(idx) = line[from..].find(first) {
            let col = line[..from + idx].chars().count() + 1;
            return Pos {
                line: i as u32 + 1,
                col: col as u32,
            };
        }
    }
    node.pos
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_field_and_the_line_in_a_block_scalar() {
        let src = "# ☃ i en kommentar\nrubrik: Snö\ntext: |\n  Första raden.\n  Andra ☃ raden.\nlista:\n  - a\n  - \"b ☃\"\n";
        let (field, pos) = locate(src, "☃").unwrap();
        assert_eq!(field, "text");
        assert_eq!((pos.line, pos.col), (5, 9));
        let (field, pos) = locate(src, "b ☃").unwrap();
        assert_eq!(field, "lista[2]");
        assert_eq!((pos.line, pos.col), (8, 6));
    }

    #[test]
    fn an_escaped_character_is_reported_at_its_value() {
        let src = "a: x\nb: \"snö \\u2603\"\n";
        let (field, pos) = locate(src, "☃").unwrap();
        assert_eq!(field, "b");
        assert_eq!((pos.line, pos.col), (2, 4));
    }
}
