//! Helpers for running the real `kansli` binary on fixture projects.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A throw-away project folder.
pub struct Project {
    pub dir: tempfile::TempDir,
}

impl Project {
    pub fn new() -> Self {
        Project {
            dir: tempfile::Builder::new()
                .prefix("kansli-test-")
                .tempdir()
                .unwrap(),
        }
    }

    /// A project holding a copy of the repository's `content/` and `kansli.yaml`.
    pub fn with_bundled_content() -> Self {
        let p = Project::new();
        let repo = repo_root();
        copy_dir(&repo.join("content"), &p.path().join("content"));
        std::fs::copy(repo.join("kansli.yaml"), p.path().join("kansli.yaml")).unwrap();
        p
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn write(&self, rel: &str, text: &str) -> PathBuf {
        let path = self.path().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, text).unwrap();
        path
    }

    pub fn write_bytes(&self, rel: &str, bytes: &[u8]) -> PathBuf {
        let path = self.path().join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, bytes).unwrap();
        path
    }

    /// Runs `kansli ARGS` in the project folder.
    pub fn run(&self, args: &[&str]) -> Run {
        run_in(self.path(), args, &[])
    }

    pub fn run_env(&self, args: &[&str], env: &[(&str, &str)]) -> Run {
        run_in(self.path(), args, env)
    }

    /// Every PDF under the project, relative paths, sorted.
    pub fn pdfs(&self) -> Vec<String> {
        let mut out: Vec<String> = walkdir::WalkDir::new(self.path())
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.path().extension().is_some_and(|x| x == "pdf"))
            .filter(|e| !e.path().starts_with(self.path().join("content")))
            .map(|e| {
                e.path()
                    .strip_prefix(self.path())
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/")
            })
            .collect();
        out.sort();
        out
    }
}

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    #[track_caller]
    pub fn ok(self) -> Self {
        assert_eq!(
            self.code, 0,
            "kansli misslyckades:\n{}\n{}",
            self.stdout, self.stderr
        );
        self
    }
}

pub fn run_in(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Run {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_kansli"));
    cmd.current_dir(dir)
        .args(args)
        .env("NO_COLOR", "1")
        .env_remove("KANSLI_PROJEKT");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out: Output = cmd.output().expect("kansli starts");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn copy_dir(from: &Path, to: &Path) {
    for e in walkdir::WalkDir::new(from) {
        let e = e.unwrap();
        let target = to.join(e.path().strip_prefix(from).unwrap());
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(e.path(), &target).unwrap();
        }
    }
}

/// Runs a poppler tool; the tests need poppler-utils (`.ci/run` installs it).
pub fn poppler(tool: &str, args: &[&str]) -> String {
    let out = Command::new(tool)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{tool} saknas ({e}); installera poppler-utils"));
    assert!(
        out.status.success(),
        "{tool} {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The PDF's text layer in reading order.
pub fn pdf_text(pdf: &Path) -> String {
    poppler("pdftotext", &["-enc", "UTF-8", pdf.to_str().unwrap(), "-"])
}

/// The text layer in content-stream order (`pdftotext -raw`): no column detection and
/// no guessing of spaces from glyph gaps, so table rows and short strings come out as
/// they were written.
pub fn pdf_text_raw(pdf: &Path) -> String {
    poppler(
        "pdftotext",
        &["-raw", "-enc", "UTF-8", pdf.to_str().unwrap(), "-"],
    )
}

/// The text layer of the page bodies only (A4 at 72 dpi, without the running header
/// and footer: y 80–780 pt, the text area ends at 763 pt and the first page's footer
/// rule is at 787 pt), so that a paragraph broken across pages reads as one.
pub fn body_text(pdf: &Path) -> String {
    poppler(
        "pdftotext",
        &[
            "-enc",
            "UTF-8",
            "-r",
            "72",
            "-x",
            "0",
            "-y",
            "80",
            "-W",
            "595",
            "-H",
            "700",
            pdf.to_str().unwrap(),
            "-",
        ],
    )
}

/// The text layer without line breaks, spaces and hyphens, so that text broken across
/// lines (and hyphenated) can still be found.
pub fn squash(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '-' | '\u{AD}' | '\u{2010}' | '\u{2011}'))
        .collect()
}

/// A minimal valid tjänsteskrivelse; `extra` is appended as further YAML lines.
pub fn tjanst(extra: &str) -> String {
    format!(
        "nämnd: Hälso- och sjukvårdsnämnden
diarienummer: HSN/17/2024
datum: 2024-03-14
rubrik: Provärende om bänkar i väntrummet
handläggare:
  namn: Lina Berg
  epost: lina.berg@example.se
ärendebeskrivning: |
  Väntrummet behöver fler bänkar.
förslag: Bänkar köps in.
{extra}"
    )
}

/// A one-page PDF made by kansli itself (for bilagor).
pub fn small_pdf() -> Vec<u8> {
    let p = Project::new();
    p.write("content/x.yaml", &tjanst(""));
    p.run(&["build"]).ok();
    std::fs::read(p.path().join("out/x.pdf")).unwrap()
}

/// A Python for an external checker: the one `env` names, else `python3`, if it can
/// import `modules` (e.g. `"pyhanko.sign, pikepdf"`). Without one the calling test
/// skips with a note — unless `required` is set (`.ci/run` sets every KANSLI_KRAV_*),
/// which makes the absence a failure.
pub fn tool_python(env: &str, modules: &str, required: &str, what: &str) -> Option<PathBuf> {
    let candidate = std::env::var_os(env)
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("python3"));
    let ok = Command::new(&candidate)
        .args(["-c", &format!("import {modules}")])
        .output()
        .is_ok_and(|o| o.status.success());
    if ok {
        return Some(candidate);
    }
    assert!(
        std::env::var_os(required).is_none(),
        "{what} kan inte köras med {} ({env}); `.ci/run` installerar det",
        candidate.display()
    );
    eprintln!("OBS: {what} saknas ({env}); kontrollen hoppas över");
    None
}

/// A Python with pyHanko (KANSLI_PYTHON; required when KANSLI_KRAV_SIGNERING is set).
pub fn python_with_pyhanko() -> Option<PathBuf> {
    tool_python(
        "KANSLI_PYTHON",
        "pyhanko.sign",
        "KANSLI_KRAV_SIGNERING",
        "pyHanko",
    )
}

/// Runs `../shared/tools/pdfcheck` (PDF/A-2a + PDF/UA-1, language sv) on a PDF with
/// KANSLI_PYTHON (pikepdf and pyHanko); required when KANSLI_KRAV_PDFCHECK is set.
pub fn pdfcheck(pdf: &Path) {
    let script = std::env::var_os("KANSLI_PDFCHECK")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo_root().join("../shared/tools/pdfcheck/pdfcheck.py"));
    let Some(python) = tool_python(
        "KANSLI_PYTHON",
        "pikepdf, pyhanko",
        "KANSLI_KRAV_PDFCHECK",
        "pdfcheck",
    )
    .filter(|_| script.is_file()) else {
        assert!(
            std::env::var_os("KANSLI_KRAV_PDFCHECK").is_none(),
            "pdfcheck saknas: {}",
            script.display()
        );
        return;
    };
    let out = Command::new(&python)
        .arg(&script)
        .args([
            "--summary",
            "--expect-pdfa",
            "2A",
            "--expect-pdfua",
            "--expect-lang",
            "sv",
        ])
        .arg(pdf)
        .output()
        .expect("pdfcheck starts");
    assert!(
        out.status.success(),
        "pdfcheck underkänner {}:\n{}\n{}",
        pdf.display(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The number of pages of a PDF (pdfinfo).
pub fn page_count(pdf: &Path) -> usize {
    poppler("pdfinfo", &[pdf.to_str().unwrap()])
        .lines()
        .find_map(|l| l.strip_prefix("Pages:").map(|v| v.trim().parse().unwrap()))
        .expect("pdfinfo ger sidantalet")
}

/// The text of one page (1-based).
pub fn page_text(pdf: &Path, page: usize) -> String {
    let n = page.to_string();
    poppler(
        "pdftotext",
        &[
            "-f",
            &n,
            "-l",
            &n,
            "-enc",
            "UTF-8",
            pdf.to_str().unwrap(),
            "-",
        ],
    )
}

/// Per page, how far down its body text reaches, as a share of the page height: the
/// lowest word bottom that is not in the footer (the last 8 % of the page), from
/// `pdftotext -bbox`. A page broken early by design reads well below 0.7.
pub fn body_reach(pdf: &Path) -> Vec<f64> {
    let html = poppler("pdftotext", &["-bbox", pdf.to_str().unwrap(), "-"]);
    let attr = |tag: &str, name: &str| -> f64 {
        let key = format!("{name}=\"");
        let at = tag.find(&key).expect("attribut i pdftotext -bbox") + key.len();
        tag[at..].split('"').next().unwrap().parse().unwrap()
    };
    let mut reach = Vec::new();
    let mut height = 0.0;
    for line in html.lines().map(str::trim) {
        if line.starts_with("<page ") {
            height = attr(line, "height");
            reach.push(0.0);
        } else if line.starts_with("<word ") {
            let bottom = attr(line, "yMax") / height;
            let last = reach.last_mut().expect("ord före första sidan");
            if bottom < 0.92 && bottom > *last {
                *last = bottom;
            }
        }
    }
    reach
}

/// The head of a minimal meeting of one ledamot (HSN, 18 December 2024) asking for
/// `dokument`, up to and including `punkter:`; the items follow.
pub fn meeting_head(dokument: &str) -> String {
    format!(
        "typ: sammanträde
nämnd: Hälso- och sjukvårdsnämnden
datum: 2024-12-18
tid: \"09.00\"
plats: Regionens hus
ordförande: {{ namn: Anna Lindgren }}
sekreterare: {{ namn: Sandra Hedman }}
ledamöter: [{{ namn: Anna Lindgren, parti: S }}]
dokument: [{dokument}]
punkter:
"
    )
}

/// Words whose box reaches past the right margin of their page (22 mm, as every
/// profile sets it; a landscape page too), from `pdftotext -bbox`: text printed over
/// the edge. Each with its page (1-based).
pub fn words_past_the_margin(pdf: &Path) -> Vec<(usize, String)> {
    let html = poppler("pdftotext", &["-bbox", pdf.to_str().unwrap(), "-"]);
    let attr = |l: &str, name: &str| -> Option<f64> {
        let key = format!("{name}=\"");
        let at = l.find(&key)? + key.len();
        l[at..].split('"').next()?.parse().ok()
    };
    let margin = 22.0 / 25.4 * 72.0 - 1.0;
    let mut width = 595.0;
    let mut page = 0;
    let mut past = Vec::new();
    for l in html.lines().map(str::trim) {
        if l.starts_with("<page ") {
            width = attr(l, "width").unwrap_or(595.0);
            page += 1;
        } else if l.starts_with("<word ")
            && let Some(x) = attr(l, "xMax")
            && x > width - margin
        {
            let word = l
                .rsplit_once("\">")
                .map_or("", |w| w.1.trim_end_matches("</word>"));
            past.push((page, format!("{word} ({x:.0} pt of {width:.0})")));
        }
    }
    past
}

/// The Swedish month names, lower case, as dates are written in running text.
pub const MONTHS: [&str; 12] = [
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
];

/// A coordinate (`xMin`, `yMin`, `xMax`, …) of a word in `pdftotext -bbox` output: its
/// first occurrence, or its last with `last`.
pub fn word_box(bbox: &str, word: &str, key: &str, last: bool) -> f32 {
    let is_word = |l: &&str| l.ends_with(&format!(">{word}</word>"));
    let line = if last {
        bbox.lines().rfind(is_word)
    } else {
        bbox.lines().find(is_word)
    }
    .unwrap_or_else(|| panic!("{word} saknas"));
    line.split(&format!("{key}=\""))
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .parse()
        .unwrap()
}

/// Every word of a page with its box (xMin, yMin, yMax in points), from `pdftotext
/// -bbox`.
pub fn bbox_words(pdf: &Path, page: usize) -> Vec<(String, f64, f64, f64)> {
    word_boxes(pdf, page)
        .into_iter()
        .map(|(word, x, y, _, bottom)| (word, x, y, bottom))
        .collect()
}

/// Every word of a page with its whole box (xMin, yMin, xMax, yMax in points), from
/// `pdftotext -bbox`.
pub fn word_boxes(pdf: &Path, page: usize) -> Vec<(String, f64, f64, f64, f64)> {
    let n = page.to_string();
    let html = poppler(
        "pdftotext",
        &["-bbox", "-f", &n, "-l", &n, pdf.to_str().unwrap(), "-"],
    );
    let attr = |l: &str, name: &str| -> f64 {
        let key = format!("{name}=\"");
        let at = l.find(&key).unwrap() + key.len();
        l[at..].split('"').next().unwrap().parse().unwrap()
    };
    html.lines()
        .map(str::trim)
        .filter(|l| l.starts_with("<word "))
        .map(|l| {
            let word = l.rsplit_once("\">").unwrap().1.trim_end_matches("</word>");
            (
                word.to_string(),
                attr(l, "xMin"),
                attr(l, "yMin"),
                attr(l, "xMax"),
                attr(l, "yMax"),
            )
        })
        .collect()
}

/// The words of a page between its running header and its footer (12 % and 90 % of
/// the height), each with its box (x, y, height in tenths of a point), from
/// `pdftotext -bbox`.
pub fn page_words(pdf: &Path, page: usize) -> Vec<(String, i64, i64, i64)> {
    let tenth = |v: f64| (v * 10.0).round() as i64;
    bbox_words(pdf, page)
        .into_iter()
        .map(|(word, x, y, bottom)| (word, tenth(x), tenth(y), tenth(bottom - y)))
        .filter(|w| w.2 > 1000 && w.2 < 7600)
        .collect()
}

/// A fixture project copied from `tests/fixtures/<name>` and built (quietly).
pub fn built_fixture(name: &str) -> Project {
    let p = Project::new();
    copy_dir(&repo_root().join("tests/fixtures").join(name), p.path());
    p.run(&["build", "-q"]).ok();
    p
}

/// Whether a line of a page's text is its running header ("Region X · … · 2024-12-18")
/// or its page number ("2 (3)").
pub fn is_running_line(l: &str) -> bool {
    let l = l.trim();
    let page_number = l.ends_with(')') && l.starts_with(|c: char| c.is_ascii_digit());
    l.contains(" · ") || page_number
}

/// The first line of a page's body: after the running header and the page number.
pub fn first_body_line(text: &str) -> &str {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .find(|l| !is_running_line(l))
        .unwrap_or("")
}

/// The voteringslistor of a page: for each header row ("Namn"), how many names follow
/// it on the page.
pub fn vote_list_rows(page: &str) -> Vec<usize> {
    let lines: Vec<&str> = page.lines().map(str::trim).collect();
    lines
        .iter()
        .enumerate()
        .filter(|(_, l)| **l == "Namn")
        .map(|(i, _)| lines[i + 1..].iter().take_while(|l| !l.is_empty()).count())
        .collect()
}

/// Asserts that a document is laid out in the pack as on its own: every word of each
/// of its pages at the same place and size on the pack's pages from `first` on (what
/// follows it on its last pack page aside).
pub fn assert_laid_out_as_in_pack(own: &Path, pack: &Path, first: usize, what: &str) {
    for k in 1..=page_count(own) {
        let own_words = page_words(own, k);
        let mut in_pack = page_words(pack, first + k - 1);
        in_pack.truncate(own_words.len());
        assert_eq!(
            own_words, in_pack,
            "{what}, sida {k}, är satt på annat sätt i handlingarna"
        );
    }
}

/// What `kansli -V` should print after "kansli ": the version with the build identity,
/// recomputed here as build.rs computes it (FNV-1a, 64 bits, over the paths and bytes of
/// every file under src/ and templates/, in path order), so a test can tell that the
/// binary carries the identity of the sources it was built from.
pub fn build_identity() -> String {
    let root = repo_root();
    let mut files: Vec<PathBuf> = ["src", "templates"]
        .iter()
        .flat_map(|dir| walkdir::WalkDir::new(root.join(dir)))
        .map(Result::unwrap)
        .filter(|e| !e.file_type().is_dir())
        .map(|e| e.path().strip_prefix(&root).unwrap().to_path_buf())
        .collect();
    files.sort();
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut feed = |bytes: &[u8]| {
        for b in bytes {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    };
    for f in &files {
        feed(f.to_string_lossy().as_bytes());
        feed(&std::fs::read(root.join(f)).unwrap());
    }
    format!("{}+bygge.{h:016x}", env!("CARGO_PKG_VERSION"))
}

/// The /Alt of every Figure in the structure tree.
pub fn figure_alts(doc: &lopdf::Document) -> Vec<String> {
    doc.objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter(|d| {
            d.get(b"S")
                .and_then(|s| s.as_name())
                .is_ok_and(|n| n == b"Figure")
        })
        .filter_map(|d| d.get(b"Alt").ok())
        .filter_map(|a| a.as_str().ok())
        .map(|s| {
            lopdf::decode_text_string(&lopdf::Object::String(
                s.to_vec(),
                lopdf::StringFormat::Literal,
            ))
            .unwrap_or_default()
        })
        .collect()
}
