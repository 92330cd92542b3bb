//! The project: its root folder, `kansli.yaml`, and the YAML files in `content/`.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Deserialize;

use crate::assets::Assets;
use crate::diag::{Diagnostic, Diagnostics};
use crate::profile::Profiles;
use crate::yaml;

/// Project settings from `kansli.yaml`; every field has a default.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Default profile for documents that name none.
    #[serde(default = "default_profile")]
    pub profil: String,
    /// Output folder, relative to the project root.
    #[serde(default = "default_out")]
    pub utdata: String,
    /// Archive folder, relative to the project root.
    #[serde(default = "default_archive")]
    pub arkiv: String,
    /// PDF/A level: a-2b, a-2u, a-2a, a-3b, a-3u, a-3a, a-4, a-4f.
    #[serde(default = "default_pdf")]
    pub pdf: String,
    /// Also claim PDF/UA-1 (accessible PDF) where the PDF/A level allows it.
    #[serde(default = "default_true")]
    pub pdf_ua: bool,
    /// Trust anchors for signed PDFs (`archive --signed`, `verify`): certificate files
    /// (PEM or DER), relative to the project root.
    #[serde(default, rename = "förtroende")]
    pub fortroende: Vec<yaml::Spanned<String>>,
}

fn default_profile() -> String {
    "region-jh".into()
}
fn default_out() -> String {
    "out".into()
}
fn default_archive() -> String {
    "arkiv".into()
}
fn default_pdf() -> String {
    "a-2a".into()
}
fn default_true() -> bool {
    true
}

impl Default for Config {
    fn default() -> Self {
        Config {
            profil: default_profile(),
            utdata: default_out(),
            arkiv: default_archive(),
            pdf: default_pdf(),
            pdf_ua: true,
            fortroende: Vec::new(),
        }
    }
}

/// An open project.
pub struct Project {
    /// Canonical root folder.
    pub root: PathBuf,
    pub config: Config,
    pub assets: Arc<Assets>,
    pub profiles: Profiles,
}

impl Project {
    /// Finds the project for `start`: the nearest folder upwards with `kansli.yaml`, else
    /// `start` itself.
    pub fn discover(start: &Path) -> Result<Project, Diagnostics> {
        let start = start.canonicalize().map_err(|e| {
            let mut d = Diagnostics::default();
            d.push(
                Diagnostic::error(format!(
                    "kan inte öppna projektmappen: {}",
                    crate::diag::io_sv(&e)
                ))
                .in_file(start),
            );
            d
        })?;
        let root = start
            .ancestors()
            .find(|dir| dir.join("kansli.yaml").is_file())
            .unwrap_or(&start)
            .to_path_buf();
        Project::open(&root)
    }

    /// Opens the project at `root`, reading `kansli.yaml` if present.
    pub fn open(root: &Path) -> Result<Project, Diagnostics> {
        let root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
        let config_path = root.join("kansli.yaml");
        let mut diags = Diagnostics::default();
        let config = if config_path.is_file() {
            match yaml::read_file(&config_path) {
                Err(msg) => {
                    diags.push(Diagnostic::error(msg).in_file(&config_path));
                    return Err(diags);
                }
                Ok(src) => match yaml::parse(&src) {
                    Err(e) => {
                        diags.push(Diagnostic::error(e.message).at(&config_path, e.pos));
                        return Err(diags);
                    }
                    Ok(node) if node.is_null() => Config::default(),
                    Ok(node) => match yaml::from_node::<Config>(&node) {
                        Ok(c) => c,
                        Err(e) => {
                            let mut d = Diagnostic::error(e.message.clone())
                                .at(&config_path, e.pos.unwrap_or(node.pos))
                                .field(&e.path());
                            d.hints.extend(e.hint.clone());
                            diags.push(d);
                            return Err(diags);
                        }
                    },
                },
            }
        } else {
            Config::default()
        };
        let assets = Arc::new(Assets::new(&root));
        Ok(Project {
            profiles: Profiles::new(assets.clone()),
            assets,
            root,
            config,
        })
    }

    pub fn content_dir(&self) -> PathBuf {
        self.root.join("content")
    }

    pub fn out_dir(&self) -> PathBuf {
        self.root.join(&self.config.utdata)
    }

    pub fn archive_dir(&self) -> PathBuf {
        self.root.join(&self.config.arkiv)
    }

    /// A path relative to the root, with `/` separators.
    pub fn relative(&self, path: &Path) -> String {
        crate::diag::display_path(path, &self.root)
    }

    /// The YAML files named by `paths` (files, or folders searched recursively), or all
    /// of `content/` when none are named. Files and folders starting with `.` or `_` are
    /// skipped. Sorted, without duplicates.
    pub fn collect_inputs(&self, paths: &[PathBuf]) -> Result<Vec<PathBuf>, Diagnostics> {
        let mut diags = Diagnostics::default();
        let roots: Vec<PathBuf> = if paths.is_empty() {
            vec![self.content_dir()]
        } else {
            paths.to_vec()
        };
        let mut out = Vec::new();
        for root in roots {
            let Ok(canonical) = root.canonicalize() else {
                diags.push(Diagnostic::error("filen eller mappen finns inte").in_file(&root));
                continue;
            };
            if !canonical.starts_with(&self.root) {
                diags.push(
                    Diagnostic::error(format!(
                        "ligger utanför projektet ({})",
                        self.root.display()
                    ))
                    .in_file(&root),
                );
                continue;
            }
            if canonical.is_file() {
                out.push(canonical);
                continue;
            }
            let walker = walkdir::WalkDir::new(&canonical)
                .follow_links(false)
                .sort_by_file_name()
                .into_iter()
                .filter_entry(|e| e.depth() == 0 || !is_hidden(e.file_name()));
            for entry in walker {
                let Ok(entry) = entry else { continue };
                let p = entry.path();
                if entry.file_type().is_file()
                    && p.extension().is_some_and(|e| e == "yaml" || e == "yml")
                {
                    out.push(p.to_path_buf());
                }
            }
        }
        if diags.has_errors() {
            return Err(diags);
        }
        out.sort();
        out.dedup();
        Ok(out)
    }

    /// Where a source file's output goes: `content/a/b.yaml` → `out/a/b.pdf` (with the
    /// given suffix before `.pdf`, e.g. `-kallelse`).
    pub fn output_path(&self, out_dir: &Path, source: &Path, suffix: &str) -> PathBuf {
        let content = self.content_dir();
        let rel = source
            .strip_prefix(&content)
            .or_else(|_| source.strip_prefix(&self.root))
            .unwrap_or(source);
        let stem = rel
            .file_stem()
            .map(|s| s.to_string_lossy().to_string())
            .unwrap_or_default();
        let parent = rel.parent().unwrap_or(Path::new(""));
        out_dir.join(parent).join(format!("{stem}{suffix}.pdf"))
    }
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    let s = name.to_string_lossy();
    s.starts_with('.') || s.starts_with('_')
}
