//! Typeset: Typst source → PDF bytes, in-process.
//!
//! Determinism: the document date comes from the YAML (`set document(date: …)` in the
//! template and `World::today`), the creator string is fixed, and the PDF identifier is
//! derived from a stable id (diarienummer + document type). Memory: comemo's global cache
//! is trimmed after every document.

pub mod diagnostics;
pub mod world;

use std::sync::Arc;

use typst::diag::{SourceDiagnostic, Warned};
use typst::foundations::{Datetime, Smart};
use typst::{World, WorldExt};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards};

use crate::assets::Assets;
use crate::model::Datum;
pub use world::{DocWorld, FileSource, Shared};

/// The `/Creator` of every PDF: fixed, so that output does not change with the machine.
pub const CREATOR: &str = concat!("kansli ", env!("CARGO_PKG_VERSION"));

/// A problem Typst reported, located in the generated source.
#[derive(Debug, Clone)]
pub struct TypstProblem {
    pub message: String,
    pub hints: Vec<String>,
    /// 1-based line and column in the generated source (`main.typ`), if known.
    pub main_pos: Option<(usize, usize)>,
    /// Another file (a template), if the problem is there.
    pub file: Option<String>,
    /// A character no font can draw, if that is the problem.
    pub missing_char: Option<char>,
}

/// One document to typeset.
pub struct Job {
    pub source: String,
    pub date: Datum,
    /// A stable identifier for the PDF's /ID (e.g. `HSN/1798/2023 tjänsteskrivelse`).
    pub ident: String,
    /// Extra files the document may read, by virtual path.
    pub files: Vec<(String, FileSource)>,
    /// Labels of `metadata` elements whose value and position the caller needs after
    /// layout (placeholders for bilaga pages, signature fields), e.g. `kansli-bilaga`.
    pub marks: Vec<&'static str>,
}

/// A typeset document: the PDF and what the layout reported.
#[derive(Debug, Clone)]
pub struct Typeset {
    pub pdf: Vec<u8>,
    pub pages: usize,
    pub marks: Vec<Mark>,
    /// False when Typst's layout did not settle within its five passes: page numbers,
    /// the contents or running headers may then be wrong (a template whose page breaks
    /// depend on where they fall).
    pub settled: bool,
}

/// Where a labelled `metadata(value) <label>` ended up after layout.
#[derive(Debug, Clone, PartialEq)]
pub struct Mark {
    pub label: &'static str,
    /// The metadata's value, as JSON.
    pub value: serde_json::Value,
    /// 0-based page index.
    pub page: usize,
    /// Position on the page in points from the top-left corner.
    pub x: f64,
    pub y: f64,
    /// The page's size in points.
    pub page_width: f64,
    pub page_height: f64,
}

/// The PDF standards of a run, checked once.
#[derive(Debug, Clone)]
pub struct Standards {
    pub list: Vec<PdfStandard>,
    /// The names as the user wrote them, e.g. `["a-2a", "ua-1"]`.
    pub names: Vec<String>,
}

impl Standards {
    /// The standards as archivists name them: `PDF/A-2a`, `PDF/UA-1`.
    pub fn labels(&self) -> Vec<String> {
        self.names
            .iter()
            .map(|n| match n.split_once('-') {
                Some((family, level)) => format!("PDF/{}-{level}", family.to_ascii_uppercase()),
                None => n.clone(),
            })
            .collect()
    }

    /// Parses `a-2b`, `a-2a`, … plus optional PDF/UA-1.
    pub fn parse(pdf: &str, ua: bool) -> Result<Standards, String> {
        let name = pdf.trim().to_ascii_lowercase();
        let archival: PdfStandard = serde_json::from_value(serde_json::Value::String(name.clone()))
            .ok()
            .filter(|s: &PdfStandard| !matches!(s, PdfStandard::V_1_4 | PdfStandard::V_1_5 | PdfStandard::V_1_6 | PdfStandard::V_1_7 | PdfStandard::V_2_0 | PdfStandard::Ua_1))
            .ok_or_else(|| {
                format!("okänd PDF/A-nivå \"{pdf}\"; välj en av a-1b, a-1a, a-2b, a-2u, a-2a, a-3b, a-3u, a-3a, a-4, a-4f, a-4e")
            })?;
        let mut list = vec![archival];
        let mut names = vec![name];
        if ua {
            // PDF/UA-1 is compatible with the PDF/A levels that allow tagging; PDF/A-1
            // predates it.
            let with_ua = [archival, PdfStandard::Ua_1];
            if PdfStandards::new(&with_ua).is_ok() {
                list.push(PdfStandard::Ua_1);
                names.push("ua-1".into());
            }
        }
        PdfStandards::new(&list)
            .map_err(|e| format!("PDF-standarderna går inte att kombinera: {}", e.message()))?;
        Ok(Standards { list, names })
    }
}

/// The typesetter shared by a run.
pub struct Typesetter {
    pub shared: Shared,
    pub standards: Standards,
}

impl Typesetter {
    pub fn new(assets: Arc<Assets>, standards: Standards) -> Self {
        Typesetter {
            shared: Shared::new(assets),
            standards,
        }
    }

    /// Compiles and exports one document.
    pub fn typeset(&self, job: Job) -> Result<Typeset, Vec<TypstProblem>> {
        let date = job.date.0;
        use chrono::Datelike;
        let today = Datetime::from_ymd(date.year(), date.month() as u8, date.day() as u8)
            .expect("a valid calendar date");
        let mut world = DocWorld::new(&self.shared, job.source, today);
        for (vpath, source) in job.files {
            world.add_file(&vpath, source);
        }
        let result = self.compile(&world, &job.ident, &job.marks);
        // comemo's cache is global and would grow with every document; keep only what is
        // young enough to help the next one.
        typst::comemo::evict(10);
        result
    }

    fn compile(
        &self,
        world: &DocWorld,
        ident: &str,
        labels: &[&'static str],
    ) -> Result<Typeset, Vec<TypstProblem>> {
        let Warned { output, warnings } =
            crate::pipeline::timing::time(crate::pipeline::timing::Stage::Layout, || {
                typst::compile::<PagedDocument>(world)
            });
        // Warnings that would change the document silently are errors here.
        let fatal_warnings: Vec<TypstProblem> = warnings
            .iter()
            .filter(|w| w.message.contains("unknown font family"))
            .map(|w| problem(world, w))
            .collect();
        let document =
            output.map_err(|errs| errs.iter().map(|e| problem(world, e)).collect::<Vec<_>>())?;
        if !fatal_warnings.is_empty() {
            return Err(fatal_warnings);
        }
        let standards =
            PdfStandards::new(&self.standards.list).expect("checked in Standards::parse");
        let options = PdfOptions {
            ident: Smart::Custom(ident.to_string()),
            creator: Smart::Custom(Some(CREATOR.to_string())),
            timestamp: None,
            page_ranges: None,
            standards,
            tagged: true,
            pretty: false,
        };
        let pages = document.pages().len();
        let marks = marks(&document, labels);
        let pdf = crate::pipeline::timing::time(crate::pipeline::timing::Stage::Pdf, || {
            typst_pdf::pdf(&document, &options)
        })
        .map_err(|errs| errs.iter().map(|e| problem(world, e)).collect::<Vec<_>>())?;
        // The bookmarks read the titles' no-break spaces as spaces.
        let mut pdf = pdf;
        crate::pdf::bookmarks::plain_spaces(&mut pdf);
        // Without `/Suspects false`, which poppler 22.12 calls a syntax error.
        crate::pdf::markinfo::drop_suspects(&mut pdf);
        // Signature fields for digital justering, where the layout put them.
        let fields = signature_fields(&document);
        let pdf = if fields.is_empty() {
            pdf
        } else {
            crate::pdf::sigfields::add_signature_fields(&pdf, &fields).map_err(|msg| {
                vec![TypstProblem {
                    message: format!("signaturfälten kunde inte läggas in: {msg}"),
                    hints: Vec::new(),
                    main_pos: None,
                    file: None,
                    missing_char: None,
                }]
            })?
        };
        let settled = !warnings
            .iter()
            .any(|w| w.message.contains("did not converge"));
        Ok(Typeset {
            pdf,
            pages,
            marks,
            settled,
        })
    }
}

/// The labelled metadata the caller asked for, in document order.
fn marks(document: &PagedDocument, labels: &[&'static str]) -> Vec<Mark> {
    use typst::foundations::{Label, Selector};
    use typst::introspection::{Introspector as _, MetadataElem};
    let introspector = document.introspector();
    let mut out = Vec::new();
    for &name in labels {
        let Some(label) = Label::new(typst::utils::PicoStr::intern(name)) else {
            continue;
        };
        for elem in introspector.query(&Selector::Label(label)) {
            let (Some(meta), Some(loc)) = (elem.to_packed::<MetadataElem>(), elem.location())
            else {
                continue;
            };
            let Some(pos) = introspector.position(loc) else {
                continue;
            };
            let page = pos.page.get() - 1;
            let Some(frame) = document.pages().get(page).map(|p| &p.frame) else {
                continue;
            };
            out.push(Mark {
                label: name,
                value: serde_json::to_value(&meta.value).unwrap_or(serde_json::Value::Null),
                page,
                x: pos.point.x.to_pt(),
                y: pos.point.y.to_pt(),
                page_width: frame.width().to_pt(),
                page_height: frame.height().to_pt(),
            });
        }
    }
    out
}

/// The label the templates put on a signature box's `metadata` (see
/// `templates/lib/meeting.typ`, `signature-fields`).
pub const SIGNATURE_LABEL: &str = "kansli-sig";

/// Where the layout placed each signature box: every `metadata((name, tooltip, width,
/// height))` labelled `<kansli-sig>`, at the top left of its box. Typst measures from
/// the top left of the page, PDF from the bottom left.
pub fn signature_fields(document: &PagedDocument) -> Vec<crate::pdf::sigfields::SigField> {
    use typst::foundations::{Label, Selector, Value};
    use typst::introspection::{Introspector as _, MetadataElem};
    let Some(label) = Label::new(typst::utils::PicoStr::intern(SIGNATURE_LABEL)) else {
        return Vec::new();
    };
    let introspector = document.introspector();
    let mut out = Vec::new();
    for elem in introspector.query(&Selector::Label(label)) {
        let (Some(meta), Some(location)) = (elem.to_packed::<MetadataElem>(), elem.location())
        else {
            continue;
        };
        let Some(pos) = introspector.position(location) else {
            continue;
        };
        let Value::Dict(dict) = &meta.value else {
            continue;
        };
        let text = |key: &str| match dict.get(key) {
            Ok(Value::Str(s)) => Some(s.to_string()),
            _ => None,
        };
        let number = |key: &str| match dict.get(key) {
            Ok(Value::Int(i)) => Some(*i as f64),
            Ok(Value::Float(f)) => Some(*f),
            _ => None,
        };
        let (Some(name), Some(width), Some(height)) =
            (text("name"), number("width"), number("height"))
        else {
            continue;
        };
        let page = pos.page.get() - 1;
        let Some(page_height) = document.pages().get(page).map(|p| p.frame.height().to_pt()) else {
            continue;
        };
        let x = pos.point.x.to_pt();
        let top = page_height - pos.point.y.to_pt();
        out.push(crate::pdf::sigfields::SigField {
            tooltip: text("tooltip").unwrap_or_else(|| name.clone()),
            name,
            page,
            rect: [
                x as f32,
                (top - height) as f32,
                (x + width) as f32,
                top as f32,
            ],
        });
    }
    out
}

/// The text of a Typst string literal as Typst's `repr` writes it: `\u{e000}`, `\"`,
/// `\\`, `\n`, `\t`, `\r` undone.
fn unrepr(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('r') => out.push('\r'),
            Some('u') => {
                let rest = chars.as_str();
                if let Some(body) = rest.strip_prefix('{')
                    && let Some(end) = body.find('}')
                    && let Some(ch) = u32::from_str_radix(&body[..end], 16)
                        .ok()
                        .and_then(char::from_u32)
                {
                    out.push(ch);
                    chars = body[end + 1..].chars();
                } else {
                    out.push_str("\\u");
                }
            }
            Some(other) => out.push(other),
            None => out.push('\\'),
        }
    }
    out
}

fn problem(world: &DocWorld, diag: &SourceDiagnostic) -> TypstProblem {
    let mut main_pos = None;
    let mut file = None;
    if let Some(id) = diag.span.id()
        && let Some(range) = world.range(diag.span)
    {
        if id == world.main() {
            let lines = world.main_source().lines();
            main_pos = lines
                .byte_to_line_column(range.start)
                .map(|(l, c)| (l + 1, c + 1));
        } else {
            let vpath = id.vpath().get_with_slash().to_string();
            let pos = World::source(world, id)
                .ok()
                .and_then(|s| s.lines().byte_to_line_column(range.start))
                .map(|(l, c)| format!(":{}:{}", l + 1, c + 1))
                .unwrap_or_default();
            file = Some(format!("{vpath}{pos}"));
        }
    }
    let missing_char = if diag.message.contains("could not be displayed") {
        // The message quotes the text as a Typst string: `"…"`. It may hold more than
        // the missing character (a cluster); the one no font covers is the culprit.
        diag.message.split('`').nth(1).and_then(|t| {
            let t = unrepr(t.trim_matches('"'));
            let book = world.book();
            let covered = |c: char| {
                (0..)
                    .map_while(|i| book.info(i))
                    .any(|info| info.coverage.contains(c as u32))
            };
            t.chars()
                .find(|&c| !c.is_whitespace() && !covered(c))
                .or_else(|| t.chars().find(|c| !c.is_whitespace()))
        })
    } else {
        None
    };
    TypstProblem {
        message: diag.message.to_string(),
        hints: diag.hints.iter().map(|h| h.v.to_string()).collect(),
        main_pos,
        file,
        missing_char,
    }
}

#[cfg(test)]
mod unrepr_tests {
    #[test]
    fn typst_string_escapes_are_undone() {
        assert_eq!(super::unrepr("a\\u{e000}b\\\"c\\\\"), "a\u{e000}b\"c\\");
        assert_eq!(super::unrepr("\\u{zz}"), "\\u{zz}");
    }
}
