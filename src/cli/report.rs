//! The terminal report: diagnostics, summaries and page counts, shared by every command.
//! Only the `cli` layer prints; the library returns what happened.

use std::io::IsTerminal as _;
use std::path::Path;

use crate::diag::Diagnostics;
use crate::pipeline::{Pipeline, Summary};
use crate::project::Project;

pub fn pages(n: usize) -> String {
    if n == 1 {
        "1 sida".into()
    } else {
        format!("{n} sidor")
    }
}

/// The pipeline for a command, or `None` after printing why it cannot be set up
/// (fonts, templates, profile); the command then fails with [`super::Failure::Usage`].
pub fn open_pipeline(project: Project, cwd: &Path) -> Option<Pipeline> {
    Pipeline::new(project).map_err(|d| print_diags(d, cwd)).ok()
}

pub fn print_diags(diags: Diagnostics, cwd: &Path) {
    let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    for d in diags.sorted() {
        let text = d.render(cwd);
        if color {
            let (start, end) = match d.severity {
                crate::diag::Severity::Error => ("\x1b[1;31m", "\x1b[0m"),
                crate::diag::Severity::Warning => ("\x1b[1;33m", "\x1b[0m"),
            };
            let mut lines = text.lines();
            if let Some(first) = lines.next() {
                eprintln!("{start}{first}{end}");
            }
            for l in lines {
                eprintln!("{l}");
            }
        } else {
            eprint!("{text}");
        }
    }
}

pub fn print_summary(s: &Summary, wrote: bool) {
    let secs = format!("{:.2}", s.elapsed.as_secs_f64()).replace('.', ",");
    let ok = s.files - s.failed;
    let files = if s.pdfs == 1 {
        "1 PDF-fil".to_string()
    } else {
        format!("{} PDF-filer", s.pdfs)
    };
    let mut line = if wrote {
        format!(
            "{ok} av {} dokument byggda ({files}, {}) på {secs} s",
            s.files,
            pages(s.pages)
        )
    } else {
        format!(
            "{ok} av {} dokument utan fel ({}, inget skrivet) på {secs} s",
            s.files,
            pages(s.pages)
        )
    };
    if s.unchanged > 0 {
        line.push_str(&format!(
            "; {} oförändrade sedan förra bygget (--alltid bygger om dem)",
            s.unchanged
        ));
    }
    if s.failed > 0 {
        // (Named on the lines after it: `build::batch`.)
        line.push_str(&format!("; {} misslyckades", s.failed));
    }
    if s.warnings > 0 {
        let w = if s.warnings == 1 {
            "varning"
        } else {
            "varningar"
        };
        line.push_str(&format!("; {} {w}", s.warnings));
    }
    eprintln!("{line}");
}
