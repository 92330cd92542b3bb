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
        "fonts/liberation-serif/LiberationSerif-Regular.ttf",
        include_bytes!("../fonts/liberation-serif/LiberationSerif-Regular.ttf"),
    ),
    (
        "fonts/liberation-serif/LiberationSerif-Bold.ttf",
        include_bytes!("../fonts/liberation-serif/LiberationSerif-Bold.ttf"),
    ),
    (
        "fonts/liberation-serif/LiberationSerif-Italic.ttf",
        include_bytes!("../fonts/liberation-serif/LiberationSerif-Italic.ttf"),
    ),
    (
        "fonts/liberation-serif/LiberationSerif-BoldItalic.ttf",
        include_bytes!("../fonts/liberation-serif/LiberationSerif-BoldItalic.ttf"),
    ),
    (
        "fonts/liberation-mono/LiberationMono-Regular.ttf",
        include_bytes!("../fonts/liberation-mono/LiberationMono-Regular.ttf"),
    ),
    (
        "fonts/liberation-mono/LiberationMono-Bold.ttf",
        include_bytes!("../fonts/liberation-mono/LiberationMono-Bold.ttf"),
    ),
    (
        "fonts/liberation-mono/LiberationMono-Italic.ttf",
        include_bytes!("../fonts/liberation-mono/LiberationMono-Italic.ttf"),
    ),
    (
        "fonts/liberation-mono/LiberationMono-BoldItalic.ttf",
        include_bytes!("../fonts/liberation-mono/LiberationMono-BoldItalic.ttf"),
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

/// What the project has at a path.
enum Own {
    /// Nothing (the built-in file, if any, is used).
    Missing,
    /// A file inside the project (through symbolic links that stay inside).
    Inside(PathBuf),
    /// Something that may not be used, and why.
    Refused(String),
}

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

    /// Only the built-in files (tests and fuzzing).
    pub fn builtin_only() -> Self {
        Assets { root: None }
    }

    /// The project's file at `rel` if it has one (and it stays inside the project), else
    /// the built-in one. A project file that may not be read (a symbolic link out of
    /// the project, or to nothing) gives `None`, never the built-in in its place: use
    /// [`Assets::lookup`] to say why.
    pub fn get(&self, rel: &str) -> Option<Cow<'static, [u8]>> {
        self.lookup(rel).ok().flatten()
    }

    /// Like [`Assets::get`], with a Swedish message for a project file that exists but
    /// may not be used: a symbolic link is followed only while it stays inside the
    /// project.
    pub fn lookup(&self, rel: &str) -> Result<Option<Cow<'static, [u8]>>, String> {
        match self.own(rel) {
            Own::Inside(path) => match std::fs::read(&path) {
                Ok(bytes) => Ok(Some(Cow::Owned(bytes))),
                Err(e) => Err(format!("{rel} kan inte läsas: {}", crate::diag::io_sv(&e))),
            },
            Own::Refused(msg) => Err(msg),
            Own::Missing => Ok(builtin(rel).map(Cow::Borrowed)),
        }
    }

    /// Where the project's own copy of `rel` is, if it has one inside the project.
    pub fn project_file(&self, rel: &str) -> Option<PathBuf> {
        match self.own(rel) {
            Own::Inside(path) => Some(path),
            _ => None,
        }
    }

    fn own(&self, rel: &str) -> Own {
        let Some(root) = self.root.as_ref() else {
            return Own::Missing;
        };
        if rel.split('/').any(|seg| seg == ".." || seg.is_empty()) {
            return Own::Missing;
        }
        let path = root.join(rel);
        let Ok(meta) = path.symlink_metadata() else {
            return Own::Missing;
        };
        match path.canonicalize() {
            Ok(canonical) if !canonical.starts_with(root) => Own::Refused(format!(
                "{rel} är en symbolisk länk till {}, utanför projektet; kansli läser bara filer i projektmappen: kopiera filen in i projektet",
                canonical.display()
            )),
            Ok(canonical) if canonical.is_file() => Own::Inside(canonical),
            Ok(_) => Own::Missing,
            Err(_) if meta.file_type().is_symlink() => Own::Refused(format!(
                "{rel} är en symbolisk länk till en fil som inte finns"
            )),
            Err(_) => Own::Missing,
        }
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
                    // Symbolic links are listed too: one that stays inside is
                    // followed, one that leads out is refused by `lookup` with a word.
                    if (entry.file_type().is_file() || entry.path_is_symlink())
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

/// A digest of the built-in templates and profiles (their bytes) and fonts (their paths
/// and sizes): a new kansli whose built-in house style differs rebuilds what an older one
/// wrote, even at the same version number. Computed once per process.
pub fn builtin_digest() -> &'static str {
    use sha2::{Digest, Sha256};
    static DIGEST: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DIGEST.get_or_init(|| {
        let mut h = Sha256::new();
        for (path, bytes) in BUILTIN {
            h.update(path.as_bytes());
            h.update([0]);
            if path.starts_with("fonts/") {
                h.update((bytes.len() as u64).to_le_bytes());
            } else {
                h.update(bytes);
            }
        }
        h.finalize().iter().map(|b| format!("{b:02x}")).collect()
    })
}

/// A built-in file by its project path.
pub fn builtin(rel: &str) -> Option<&'static [u8]> {
    BUILTIN.iter().find(|(p, _)| *p == rel).map(|(_, b)| *b)
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn symbolic_links_are_followed_inside_the_project_only() {
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("mall.typ.j2"), "utanför").unwrap();
        let project = tempfile::tempdir().unwrap();
        let root = project.path().canonicalize().unwrap();
        std::fs::create_dir_all(root.join("templates/egna")).unwrap();
        std::fs::write(root.join("templates/egna/rapport.typ.j2"), "inne").unwrap();
        std::os::unix::fs::symlink("egna/rapport.typ.j2", root.join("templates/rapport.typ.j2"))
            .unwrap();
        std::os::unix::fs::symlink(
            outside.path().join("mall.typ.j2"),
            root.join("templates/tjansteskrivelse.typ.j2"),
        )
        .unwrap();
        std::os::unix::fs::symlink("finns-inte", root.join("templates/delar.typ.j2")).unwrap();
        let assets = Assets::new(&root);
        assert_eq!(
            assets.get("templates/rapport.typ.j2").unwrap().as_ref(),
            b"inne"
        );
        let err = assets
            .lookup("templates/tjansteskrivelse.typ.j2")
            .unwrap_err();
        assert!(err.contains("utanför projektet"), "{err}");
        assert!(assets.get("templates/tjansteskrivelse.typ.j2").is_none());
        assert!(
            assets
                .lookup("templates/delar.typ.j2")
                .unwrap_err()
                .contains("inte finns")
        );
        assert!(
            assets
                .list("templates/")
                .contains(&"templates/egna/rapport.typ.j2".to_string())
        );
    }
}
