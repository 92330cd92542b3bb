//! A small XML writer for the package's metadata files: elements and attributes in a
//! fixed order, two-space indentation, every value escaped. The manifest's text is data
//! (a rubrik may hold `<`, `&` or quotes) and never becomes markup.

/// Builds one XML document as a string.
pub struct Xml {
    out: String,
    depth: usize,
    /// Open elements, to close them by name.
    open: Vec<String>,
}

impl Xml {
    /// A document starting with the XML declaration (UTF-8).
    pub fn new() -> Self {
        Xml {
            out: String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"),
            depth: 0,
            open: Vec::new(),
        }
    }

    fn indent(&mut self) {
        for _ in 0..self.depth {
            self.out.push_str("  ");
        }
    }

    fn start_tag(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.indent();
        self.out.push('<');
        self.out.push_str(name);
        for (k, v) in attrs {
            self.out.push(' ');
            self.out.push_str(k);
            self.out.push_str("=\"");
            escape_into(&mut self.out, v, true);
            self.out.push('"');
        }
    }

    /// Opens an element that will have children.
    pub fn open(&mut self, name: &str, attrs: &[(&str, &str)]) -> &mut Self {
        self.start_tag(name, attrs);
        self.out.push_str(">\n");
        self.depth += 1;
        self.open.push(name.to_string());
        self
    }

    /// Closes the innermost open element.
    pub fn close(&mut self) -> &mut Self {
        let name = self.open.pop().expect("an open element");
        self.depth -= 1;
        self.indent();
        self.out.push_str("</");
        self.out.push_str(&name);
        self.out.push_str(">\n");
        self
    }

    /// An element with text content only.
    pub fn text(&mut self, name: &str, attrs: &[(&str, &str)], text: &str) -> &mut Self {
        self.start_tag(name, attrs);
        self.out.push('>');
        escape_into(&mut self.out, text, false);
        self.out.push_str("</");
        self.out.push_str(name);
        self.out.push_str(">\n");
        self
    }

    /// An element with text content, left out when there is no text.
    pub fn text_opt(&mut self, name: &str, text: Option<&str>) -> &mut Self {
        if let Some(t) = text {
            self.text(name, &[], t);
        }
        self
    }

    /// An element without content.
    pub fn empty(&mut self, name: &str, attrs: &[(&str, &str)]) -> &mut Self {
        self.start_tag(name, attrs);
        self.out.push_str("/>\n");
        self
    }

    pub fn finish(self) -> Vec<u8> {
        assert!(self.open.is_empty(), "unclosed elements: {:?}", self.open);
        self.out.into_bytes()
    }
}

/// Escapes text for element content or (with `attr`) a double-quoted attribute value.
///
/// XML 1.0 cannot carry most C0 control characters at all, not even as references; they
/// become U+FFFD. In attributes, tab and line breaks are written as references so that a
/// parser's attribute-value normalisation does not turn them into spaces.
pub fn escape_into(out: &mut String, s: &str, attr: bool) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attr => out.push_str("&quot;"),
            '\t' if attr => out.push_str("&#9;"),
            '\n' if attr => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            '\t' | '\n' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_and_attributes_are_escaped() {
        let mut x = Xml::new();
        x.open("a", &[("t", "x\"<y>&\n")]);
        x.text("b", &[], "<script>&amp;\u{1}\r");
        x.empty("c", &[("d", "\t")]);
        x.close();
        let s = String::from_utf8(x.finish()).unwrap();
        assert_eq!(
            s,
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<a t=\"x&quot;&lt;y&gt;&amp;&#10;\">\n  <b>&lt;script&gt;&amp;amp;\u{FFFD}&#13;</b>\n  <c d=\"&#9;\"/>\n</a>\n"
        );
    }
}
