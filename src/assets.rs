//! Built-in templates, profiles and fonts, compiled into the binary, and the project's
//! own files that replace them file by file (`templates/…`, `fonts/…`).
//!
//! The binary works on any machine with no installation; a project that wants another
//! house style puts its files in its own `templates/` and `fonts/`.

use std::borrow::Cow;
use std::path::{Path, PathBuf};

/// Every built-in file, by its path in a project.
static BUILTIN: &[(&str, &[u8])] = &[
    (
        "templates/kansli.typ",
        include_bytes!("../templates/kansli.typ"),
    ),
    (
        "templates/lib/page.typ",
        include_bytes!("../templates/lib/page.typ"),
    ),
    (
        "templates/lib/parts.typ",
        include_bytes!("../templates/lib/parts.typ"),
    ),
    (
        "templates/lib/report.typ",
        include_bytes!("../templates/lib/report.typ"),
    ),
    (
        "templates/lib/meeting.typ",
        include_bytes!("../templates/lib/meeting.typ"),
    ),
    (
        "templates/delar.typ.j2",
        include_bytes!("../templates/delar.typ.j2"),
    ),
    (
        "templates/tjansteskrivelse.typ.j2",
        include_bytes!("../templates/tjansteskrivelse.typ.j2"),
    ),
    (
        "templates/rapport.typ.j2",
        include_bytes!("../templates/rapport.typ.j2"),
    ),
    (
        "templates/sammantrade.typ.j2",
        include_bytes!("../templates/sammantrade.typ.j2"),
    ),
    (
        "templates/profiles/region-jh.yaml",
        include_bytes!("../templates/profiles/region-jh.yaml"),
    ),
    (
        "templates/profiles/region-jh.svg",
        include_bytes!("../templates/profiles/region-jh.svg"),
    ),
    (
        "templates/profiles/region-orebro.yaml",
        include_bytes!("../templates/profiles/region-orebro.yaml"),
    ),
    (
        "templates/profiles/region-orebro.svg",
        include_bytes!("../templates/profiles/region-orebro.svg"),
    ),
    (
        "fonts/carlito/Carlito-Regular.ttf",
        include_bytes!("../fonts/carlito/Carlito-Regular.ttf"),
    ),
    (
        "fonts/carlito/Carlito-Bold.ttf",
        include_bytes!("../fonts/carlito/Carlito-Bold.ttf"),
    ),
    (
        "fonts/carlito/Carlito-Italic.ttf",
        include_bytes!("../fonts/carlito/Carlito-Italic.ttf"),
    ),
    (
        "fonts/carlito/Carlito-BoldItalic.ttf",
        include_bytes!("../fonts/carlito/Carlito-BoldItalic.ttf"),
    ),
    (
        "fonts/liberation-sans/LiberationSans-Regular.ttf",
        include_bytes!("../fonts/liberation-sans/LiberationSans-Regular.ttf"),
    ),
    (
        "fonts/liberation-sans/LiberationSans-Bold.ttf",
        include_bytes!("../fonts/liberation-sans/LiberationSans-Bold.ttf"),
    ),
    (
        "fonts/liberation-sans/LiberationSans-Italic.ttf",
        include_bytes!("../fonts/liberation-sans/LiberationSans-Italic.ttf"),
    ),
    (
        "fonts/liberation-sans/LiberationSans-BoldItalic.ttf",
        include_bytes!("../fonts/liberation-sans/LiberationSans-BoldItalic.ttf"),
    ),
    (
        "fonts/libertinus-serif/LibertinusSerif-Regular.otf",
        include_bytes!("../fonts/libertinus-serif/LibertinusSerif-Regular.otf"),
    ),
    (
        "fonts/libertinus-serif/LibertinusSerif-Bold.otf",
        include_bytes!("../fonts/libertinus-serif/LibertinusSerif-Bold.otf"),
    ),
    (
        "fonts/libertinus-serif/LibertinusSerif-Italic.otf",
        include_bytes!("../fonts/libertinus-serif/LibertinusSerif-Italic.otf"),
    ),
    (
        "fonts/libertinus-serif/LibertinusSerif-BoldItalic.otf",
        include_bytes!("../fonts/libertinus-serif/LibertinusSerif-BoldItalic.otf"),
    ),
];

/// Built-in files overlaid by a project's own.
#[derive(Debug, Clone)]
pub struct Assets {
    /// The project root (canonical), or `None` for built-ins only.
    root: Option<PathBuf>,
}

impl Assets {
    pub fn new(root: &Path) -> Self {
        Assets {
            root: Some(root.to_path_buf()),
        }
    }

    #[cfg(test)]
    pub fn builtin_only() -> Self {
        Assets { root: None }
    }

    /// The project's file at `rel` if it has one (and it stays inside the project), else
    /// the built-in one.
    pub fn get(&self, rel: &str) -> Option<Cow<'static, [u8]>> {
        if let Some(path) = self.project_file(rel)
            && let Ok(bytes) = std::fs::read(&path)
        {
            return Some(Cow::Owned(bytes));
        }
        builtin(rel).map(Cow::Borrowed)
    }

    /// Where the project's own copy of `rel` is, if it has one inside the project.
    pub fn project_file(&self, rel: &str) -> Option<PathBuf> {
        let root = self.root.as_ref()?;
        if rel.split('/').any(|seg| seg == ".." || seg.is_empty()) {
            return None;
        }
        let path = root.join(rel);
        let canonical = path.canonicalize().ok()?;
        (canonical.starts_with(root) && canonical.is_file()).then_some(canonical)
    }

    /// Paths (project-relative, `/`-separated) of every file under `prefix`, built-in
    /// and the project's own.
    pub fn list(&self, prefix: &str) -> Vec<String> {
        let mut out: Vec<String> = BUILTIN
            .iter()
            .map(|(p, _)| *p)
            .filter(|p| p.starts_with(prefix))
            .map(str::to_string)
            .collect();
        if let Some(root) = &self.root {
            let dir = root.join(prefix.trim_end_matches('/'));
            if dir.is_dir() {
                for entry in walkdir::WalkDir::new(&dir)
                    .follow_links(false)
                    .sort_by_file_name()
                {
                    let Ok(entry) = entry else { continue };
                    if entry.file_type().is_file()
                        && let Ok(rel) = entry.path().strip_prefix(root)
                    {
                        out.push(rel.to_string_lossy().replace('\\', "/"));
                    }
                }
            }
        }
        out.sort();
        out.dedup();
        out
    }
}

/// A built-in file by its project path.
pub fn builtin(rel: &str) -> Option<&'static [u8]> {
    BUILTIN.iter().find(|(p, _)| *p == rel).map(|(_, b)| *b)
}
