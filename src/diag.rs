//! One renderer for every problem in a user's document: YAML, checks, templates and
//! Typst all end up as a [`Diagnostic`] printed the same way by `build`, `check` and
//! `watch`:
//!
//! ```text
//! content/hsn/plan.yaml:4:14: fel: fältet "datum": "2023-13-08" är inget giltigt datum (ÅÅÅÅ-MM-DD)
//!    4 | datum: 2023-13-08
//!      |        ^
//!   hjälp: …
//! ```
//!
//! (codespan-reporting prints its severities in English; users here read Swedish, and
//! the spec fixes the one-line `file:line:col: fel:` form, so the few lines are ours.)

use std::fmt::{self, Write as _};
use std::path::{Path, PathBuf};

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

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

/// A problem in a user's document.
#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostic {
    pub severity: Severity,
    pub file: Option<PathBuf>,
    pub pos: Option<Pos>,
    pub field: Option<String>,
    pub message: String,
    pub hints: Vec<String>,
    /// What the message names, one per line under it (files removed, say): a list
    /// in the message itself ran to one line of 19 paths (review 56's m22).
    pub list: Vec<String>,
    /// Refers to errors in other files ("ärendet … har fel (se ovan)"): its file's
    /// messages are shown after those of the files it refers to (see
    /// [`Diagnostics::sorted`]).
    pub follows: bool,
}

impl Diagnostic {
    pub fn error(message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            file: None,
            pos: None,
            field: None,
            message: message.into(),
            hints: Vec::new(),
            list: Vec::new(),
            follows: false,
        }
    }

    pub fn warning(message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(message)
        }
    }

    pub fn at(mut self, file: &Path, pos: Pos) -> Self {
        self.file = Some(file.to_path_buf());
        self.pos = Some(pos);
        self
    }

    pub fn in_file(mut self, file: &Path) -> Self {
        self.file = Some(file.to_path_buf());
        self
    }

    pub fn field(mut self, field: &str) -> Self {
        if !field.is_empty() {
            self.field = Some(field.to_string());
        }
        self
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hints.push(hint.into());
        self
    }

    /// Names what the message is about, each on a line of its own.
    pub fn listing(mut self, items: impl IntoIterator<Item = String>) -> Self {
        self.list.extend(items);
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The one-line form: `path:line:col: fel: fältet "x": message`.
    pub fn headline(&self, base: &Path) -> String {
        let mut out = String::new();
        if let Some(file) = &self.file {
            out.push_str(&display_path(file, base));
            if let Some(pos) = self.pos {
                let _ = write!(out, ":{}:{}", pos.line, pos.col);
            }
            out.push_str(": ");
        }
        out.push_str(match self.severity {
            Severity::Error => "fel: ",
            Severity::Warning => "varning: ",
        });
        if let Some(field) = &self.field {
            let _ = write!(out, "fältet \"{field}\": ");
        }
        out.push_str(&self.message);
        out
    }

    /// The full form: headline, the source line with a caret, and hints.
    pub fn render(&self, base: &Path) -> String {
        let mut out = self.headline(base);
        out.push('\n');
        if let (Some(file), Some(pos)) = (&self.file, self.pos)
            && let Some(line) = std::fs::read_to_string(file).ok().and_then(|s| {
                s.lines()
                    .nth(pos.line.saturating_sub(1) as usize)
                    .map(str::to_string)
            })
        {
            let num = pos.line.to_string();
            let pad = " ".repeat(num.len());
            let (line, col) = window(&line, pos.col.saturating_sub(1) as usize);
            let caret_pad: String = line
                .chars()
                .take(col)
                .map(|c| if c == '\t' { '\t' } else { ' ' })
                .collect();
            let _ = writeln!(out, " {num} | {line}");
            let _ = writeln!(out, " {pad} | {caret_pad}^");
        }
        for item in &self.list {
            let _ = writeln!(out, "    {item}");
        }
        for hint in &self.hints {
            let _ = writeln!(out, "  hjälp: {hint}");
        }
        out
    }
}

/// At most [`WINDOW`] characters of a long source line around the 0-based character
/// column `col` (a 2 MB line is not echoed whole), and the column within the excerpt.
fn window(line: &str, col: usize) -> (String, usize) {
    const WINDOW: usize = 100;
    let count = line.chars().count();
    if count <= WINDOW {
        return (line.to_string(), col);
    }
    let start = col
        .saturating_sub(WINDOW / 2)
        .min(count.saturating_sub(WINDOW));
    let mut out: String = line.chars().skip(start).take(WINDOW).collect();
    let mut col = col - start.min(col);
    if start > 0 {
        out.insert(0, '…');
        col += 1;
    }
    if start + WINDOW < count {
        out.push('…');
    }
    (out, col)
}

/// Diagnostics collected while working on one document or a batch.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    pub items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn push(&mut self, d: Diagnostic) -> &mut Diagnostic {
        self.items.push(d);
        self.items.last_mut().unwrap()
    }

    pub fn error_count(&self) -> usize {
        self.items.iter().filter(|d| d.is_error()).count()
    }

    pub fn has_errors(&self) -> bool {
        self.error_count() > 0
    }

    pub fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }

    /// Sorted by file, then errors before warnings, then position, so that output does
    /// not depend on thread timing and a file's errors are read before what followed
    /// from them (a warning with no position, such as the files an unbuilt document
    /// had written and that were removed, came first: review 56's m22); each
    /// message once. (Not only where it follows itself: a bilaga's warnings come once per
    /// pack that places it, the public pack's and the members', and each pack's several
    /// warnings stand at the one position of its bilaga, so that the second pack's came
    /// after the first's all over again: the review of session 56's diff, m7.)
    pub fn sorted(mut self) -> Vec<Diagnostic> {
        // (The files whose messages refer to others' ("se ovan") last: a meeting's
        // "ärendet z.yaml har fel (se ovan)" came before z.yaml's own error, which
        // sorts after it by name: the review of session 58's diff.)
        let following: std::collections::HashSet<Option<PathBuf>> = self
            .items
            .iter()
            .filter(|d| d.follows)
            .map(|d| d.file.clone())
            .collect();
        self.items.sort_by(|a, b| {
            (following.contains(&a.file), &a.file, a.severity, a.pos).cmp(&(
                following.contains(&b.file),
                &b.file,
                b.severity,
                b.pos,
            ))
        });
        // (Equal diagnostics share file, severity and position, and so stand in one run
        // of the sorted list: each is looked for only there, not in all that came
        // before.)
        let mut once: Vec<Diagnostic> = Vec::with_capacity(self.items.len());
        let mut run_start = 0;
        for d in self.items {
            let same_place = once.last().is_some_and(|l: &Diagnostic| {
                (&l.file, l.severity, l.pos) == (&d.file, d.severity, d.pos)
            });
            if !same_place {
                run_start = once.len();
            }
            if !once[run_start..].contains(&d) {
                once.push(d);
            }
        }
        once
    }
}

/// A path as the user should see it: relative to `base` when inside it.
pub fn display_path(path: &Path, base: &Path) -> String {
    let shown = path.strip_prefix(base).unwrap_or(path);
    shown.to_string_lossy().replace('\\', "/")
}

/// An I/O error in Swedish.
pub fn io_sv(err: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    match err.kind() {
        K::NotFound => "filen eller mappen finns inte".into(),
        K::PermissionDenied => "behörighet saknas".into(),
        K::AlreadyExists => "filen finns redan".into(),
        K::InvalidData => "ogiltigt innehåll".into(),
        K::IsADirectory => "är en mapp, inte en fil".into(),
        K::StorageFull => "disken är full".into(),
        _ => err.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headline_matches_the_spec_form() {
        let d = Diagnostic::error("\"2023-13-08\" är inget giltigt datum (ÅÅÅÅ-MM-DD)")
            .at(
                Path::new("/p/content/hsn/plan-2024.yaml"),
                Pos { line: 4, col: 14 },
            )
            .field("datum");
        assert_eq!(
            d.headline(Path::new("/p")),
            "content/hsn/plan-2024.yaml:4:14: fel: fältet \"datum\": \"2023-13-08\" är inget giltigt datum (ÅÅÅÅ-MM-DD)"
        );
    }

    #[test]
    fn a_message_given_twice_at_one_position_is_shown_once() {
        // Two packs place one bilaga and report its two fields' warnings each, at the
        // bilaga's one position: the four come out as two, in their first order.
        let at = |m: &str| {
            Diagnostic::warning(m)
                .at(Path::new("/p/content/a.yaml"), Pos { line: 7, col: 5 })
                .field("bilagor[0].fil")
        };
        let mut diags = Diagnostics::default();
        for _pack in 0..2 {
            diags.push(at("formulärfältet sokande har ett längre värde"));
            diags.push(at("formulärfältet ort: tecknen «東京» kunde inte kodas"));
        }
        let shown: Vec<String> = diags.sorted().into_iter().map(|d| d.message).collect();
        assert_eq!(
            shown,
            [
                "formulärfältet sokande har ett längre värde",
                "formulärfältet ort: tecknen «東京» kunde inte kodas"
            ]
        );
    }

    #[test]
    fn long_lines_are_shown_as_a_window_around_the_column() {
        let line = format!("{}^{}", "a".repeat(5_000), "b".repeat(5_000));
        let (shown, col) = window(&line, 5_000);
        assert!(shown.chars().count() <= 102, "{}", shown.len());
        assert_eq!(shown.chars().nth(col), Some('^'));
        assert_eq!(window("kort", 2), ("kort".to_string(), 2));
    }
}
