//! Fuzz targets: the YAML loader, the Markdown renderer and the intake of untrusted
//! PDFs (bilagor and signed files). Each takes arbitrary bytes and panics only when an
//! invariant breaks; `fuzz/` drives them with libFuzzer (`fuzz/run.sh`), and the
//! saved corpora in `fuzz/corpus/<target>/` replay through them in `cargo test`
//! (`tests/integration/fuzz_corpus.rs`).
//!
//! The invariants:
//! - **yaml**: parsing never panics or overflows the stack, an error has a position
//!   inside the file and a Swedish message; a document that parses loads (or is
//!   refused with diagnostics) as a tjänsteskrivelse without panicking.
//! - **markdown**: the Typst markup made from any text compiles, and every word the
//!   text holds comes out of the layout (nothing dropped, nothing run together in a
//!   way that loses characters); decision-point checking never panics.
//! - **pdf**: opening a bilaga and inspecting a signed file never panic, whatever the
//!   bytes; they succeed or say why in Swedish.

use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use typst::foundations::Datetime;
use typst_layout::PagedDocument;

use crate::assets::Assets;
use crate::render::markup;
use crate::typeset::world::{DocWorld, Shared};

/// The YAML loader on arbitrary bytes.
pub fn yaml(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    match crate::yaml::parse(text) {
        Ok(node) => {
            let _ = crate::yaml::from_node::<serde_json::Value>(&node);
            if let Some(word) = text.split_whitespace().nth(3) {
                let _ = crate::yaml::locate::locate(text, word);
            }
            load_as_document(text);
        }
        Err(err) => {
            let lines = text.split('\n').count() as u32;
            assert!(
                err.pos.line >= 1 && err.pos.line <= lines.max(1),
                "{:?} past {lines} lines",
                err.pos
            );
            assert!(
                !err.message.contains("while parsing") && !err.message.contains("while scanning"),
                "{}",
                err.message
            );
        }
    }
}

/// A project in a temporary folder, made once per process, for loading documents.
fn scratch_project() -> &'static (tempfile::TempDir, crate::project::Project) {
    static PROJECT: OnceLock<(tempfile::TempDir, crate::project::Project)> = OnceLock::new();
    PROJECT.get_or_init(|| {
        let dir = tempfile::Builder::new()
            .prefix("kansli-fuzz-")
            .tempdir()
            .expect("a temporary folder");
        std::fs::create_dir_all(dir.path().join("content")).expect("content/");
        std::fs::write(dir.path().join("kansli.yaml"), "profil: region-jh\n").expect("kansli.yaml");
        let project = crate::project::Project::open(dir.path()).expect("the scratch project opens");
        (dir, project)
    })
}

fn load_as_document(text: &str) {
    let (_, project) = scratch_project();
    // One file per thread: the fuzzer and `cargo test` may run targets in parallel.
    let name =
        format!("content/fuzz-{:?}.yaml", std::thread::current().id()).replace(['(', ')'], "");
    let path: PathBuf = project.root.join(name);
    if std::fs::write(&path, text).is_err() {
        return;
    }
    let mut diags = crate::diag::Diagnostics::default();
    let loaded = crate::model::load(project, &path, &mut diags);
    assert!(
        loaded.is_some() || diags.has_errors(),
        "refused without a word"
    );
    for d in &diags.items {
        let _ = d.render(Path::new("/"));
    }
}

/// The Markdown renderer on arbitrary text: the markup compiles and keeps every word.
pub fn markdown(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    // Fields with control characters are refused when the YAML is read.
    if text
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\n' | '\t' | '\r'))
        || text.len() > 4_000
    {
        return;
    }
    let _ = markup::decision_point_problem(text);
    let markup = markup::markdown(text);
    markup::take_refused_links();
    let laid_out = layout_text(&markup).unwrap_or_else(|err| {
        panic!("the markup does not compile: {err}\n--- text\n{text:?}\n--- markup\n{markup}")
    });
    let laid_out = squash(&laid_out);
    for word in words(text) {
        // (Straight quotes in prose are set as Swedish ones: `markup::swedish_quotes`.)
        assert!(
            laid_out.contains(&squash(&word))
                || laid_out.contains(&squash(&markup::swedish_quotes(&word))),
            "{word:?} is missing from the layout\n--- text\n{text:?}\n--- markup\n{markup}\n--- layout\n{laid_out}"
        );
    }
}

/// The words of a Markdown text: its text, code and HTML as the parser sees them; a
/// heading's words as written (kansli prints a heading line literally, `&copy;` and
/// all, since `#` at the start of a line is ordinary text in a tjänsteskrivelse).
fn words(text: &str) -> Vec<String> {
    use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};
    let mut out = Vec::new();
    let mut in_heading = false;
    for (event, range) in Parser::new_ext(text, Options::ENABLE_TABLES).into_offset_iter() {
        match event {
            // A level-1 heading is printed as written (`# …` is ordinary text in a
            // tjänsteskrivelse); deeper ones become sub-headings with their inline
            // Markdown, so their words are counted as text below.
            Event::Start(Tag::Heading {
                level: HeadingLevel::H1,
                ..
            }) => {
                in_heading = true;
                out.extend(text[range].split_whitespace().map(str::to_string));
            }
            Event::End(TagEnd::Heading(HeadingLevel::H1)) => in_heading = false,
            _ if in_heading => {}
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => {
                out.extend(t.split_whitespace().map(str::to_string));
            }
            _ => {}
        }
    }
    out
}

/// Text without whitespace, hyphens (Typst hyphenates) and soft hyphens.
fn squash(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '-' | '\u{AD}' | '\u{2010}' | '\u{2011}'))
        .collect()
}

fn shared() -> &'static Shared {
    static SHARED: OnceLock<Shared> = OnceLock::new();
    SHARED.get_or_init(|| Shared::new(Arc::new(Assets::builtin_only())))
}

/// Compiles markup made by [`markup::markdown`] (with the library's table helper) and
/// returns the laid-out text in order.
pub fn layout_text(markup: &str) -> Result<String, String> {
    let source = format!(
        "#import \"/mall/kansli.typ\": markdown-tabell, md-heading, md-code, md-code-line, md-code-span, md-lead, md-list\n#set text(font: \"Carlito\", lang: \"sv\")\n{markup}\n"
    );
    let world = DocWorld::new(
        shared(),
        source,
        Datetime::from_ymd(2024, 1, 1).expect("a date"),
    );
    let result = typst::compile::<PagedDocument>(&world).output;
    typst::comemo::evict(10);
    let document = result.map_err(|errs| {
        errs.iter()
            .map(|e| e.message.to_string())
            .collect::<Vec<_>>()
            .join("; ")
    })?;
    let mut out = String::new();
    for page in document.pages() {
        collect(&page.frame, &mut out);
    }
    Ok(out)
}

fn collect(frame: &typst::layout::Frame, out: &mut String) {
    use typst::layout::FrameItem;
    use unicode_segmentation::UnicodeSegmentation;
    let mut previous: Option<&str> = None;
    for (_, item) in frame.items() {
        match item {
            FrameItem::Group(g) => collect(&g.frame, out),
            // When Typst falls back to another font inside a cluster (a letter and a
            // combining mark no one font has together), the base and the mark are two
            // text items carrying the same cluster: count it once. (Found by this
            // fuzzer: `"eé\u{301}ee"`.)
            FrameItem::Text(t)
                if previous == Some(t.text.as_str())
                    && t.text.chars().nth(1).is_some()
                    && t.text.graphemes(true).nth(1).is_none() => {}
            // What each glyph stands for, once per cluster (several glyphs may draw
            // one cluster): the same text a PDF reader gets from the glyphs' mapping.
            FrameItem::Text(t) => {
                let mut last = None;
                for glyph in &t.glyphs {
                    let range = glyph.range();
                    if last.as_ref() != Some(&range) {
                        out.push_str(t.text.get(range.clone()).unwrap_or_default());
                        last = Some(range);
                    }
                }
                out.push(' ');
                previous = Some(t.text.as_str());
            }
            _ => {}
        }
    }
}

/// The intake of untrusted PDFs on arbitrary bytes: a bilaga, and a signed file.
pub fn pdf(data: &[u8]) {
    let limits = crate::pdf::Limits {
        max_file_bytes: 1 << 20,
        max_stream_bytes: 16 << 20,
        max_pages: 50,
        raster_dpi: 72,
        ..crate::pdf::Limits::default()
    };
    if let Err(e) = crate::pdf::Bilaga::open(data, &limits) {
        let _ = e.to_string();
    }
    let trust = crate::archive::signature::Trust {
        anchors: Vec::new(),
        archive_time: chrono::DateTime::from_timestamp(1_733_000_000, 0).unwrap_or_default(),
    };
    let _ = crate::archive::signature::inspect(data, data.len() / 2, &trust);
}
