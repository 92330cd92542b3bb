//! The Typst `World`: what a document may see.
//!
//! Shared by all documents of a run ([`Shared`]): the standard library, the font book
//! and the template library files. Per document ([`DocWorld`]): the generated
//! `/main.typ`, its fixed date, and the project files it was allowed to read (bilagor,
//! logos). Nothing else exists: no package, no path outside the project, no network.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};
use typst_kit::fonts::FontStore;

use crate::assets::Assets;

/// The fixed path of every document's generated source.
pub const MAIN: &str = "/main.typ";

/// What every document of a run shares; built once.
pub struct Shared {
    library: LazyHash<Library>,
    fonts: FontStore,
    /// Font families available, lower-case, for checking profiles.
    pub families: Vec<String>,
    assets: Arc<Assets>,
    /// Typst library files (`/mall/…`) by virtual path, read once; `Err` for a
    /// project file that may not be read (a symbolic link out of the project).
    templates: HashMap<String, OnceLock<Result<Option<Bytes>, String>>>,
    /// The same files parsed, once per run: a fresh `Source` per document would be
    /// parsed and hashed again for every document of a batch (a fifth of the layout
    /// time of a two-page tjänsteskrivelse), and Typst's cache of evaluated modules is
    /// keyed on the source.
    template_sources: HashMap<String, OnceLock<FileResult<Source>>>,
    main_id: FileId,
}

impl Shared {
    pub fn new(assets: Arc<Assets>) -> Self {
        let mut fonts = FontStore::new();
        let mut families = Vec::new();
        for rel in assets.list("fonts/") {
            let lower = rel.to_ascii_lowercase();
            if !(lower.ends_with(".ttf")
                || lower.ends_with(".otf")
                || lower.ends_with(".ttc")
                || lower.ends_with(".otc"))
            {
                continue;
            }
            let Some(data) = assets.get(&rel) else {
                continue;
            };
            // Built-in fonts stay borrowed (static): no copy of their megabytes per run.
            for font in Font::iter(Bytes::new(data)) {
                let info = font.info().clone();
                families.push(info.family.to_lowercase());
                fonts.push((font, info));
            }
        }
        families.sort();
        families.dedup();
        let templates = assets
            .list("templates/")
            .into_iter()
            .filter(|p| p.ends_with(".typ"))
            .map(|p| {
                (
                    format!("/mall/{}", p.trim_start_matches("templates/")),
                    OnceLock::new(),
                )
            })
            .collect::<HashMap<_, _>>();
        let template_sources = templates
            .keys()
            .map(|k| (k.clone(), OnceLock::new()))
            .collect();
        Shared {
            library: LazyHash::new(Library::default()),
            fonts,
            families,
            assets,
            templates,
            template_sources,
            main_id: id(MAIN),
        }
    }

    fn template(&self, vpath: &str) -> Option<Bytes> {
        self.template_checked(vpath).ok().flatten()
    }

    fn template_checked(&self, vpath: &str) -> Result<Option<Bytes>, String> {
        let Some(slot) = self.templates.get(vpath) else {
            return Ok(None);
        };
        slot.get_or_init(|| {
            let rel = format!("templates/{}", vpath.trim_start_matches("/mall/"));
            self.assets
                .lookup(&rel)
                .map(|found| found.map(|b| Bytes::new(b.into_owned())))
        })
        .clone()
    }

    /// Project-relative paths of the Typst library files, for watch mode and
    /// `--keep-typst`.
    pub fn template_paths(&self) -> Vec<String> {
        let mut v: Vec<String> = self.templates.keys().cloned().collect();
        v.sort();
        v
    }

    /// The bytes of a Typst library file by virtual path (`/mall/kansli.typ`).
    pub fn template_bytes(&self, vpath: &str) -> Option<Bytes> {
        self.template(vpath)
    }
}

/// The interned id for a virtual project path. The set of such paths is small and
/// fixed (main, templates, logos, bilagor), so interning never runs out.
pub fn id(vpath: &str) -> FileId {
    RootedPath::new(
        VirtualRoot::Project,
        VirtualPath::new(vpath).expect("valid virtual path"),
    )
    .intern()
}

/// One document's world.
pub struct DocWorld<'a> {
    shared: &'a Shared,
    main: Source,
    today: Datetime,
    /// Extra files by virtual path: logos (bytes) and project files (paths on disk).
    files: HashMap<FileId, FileSource>,
}

#[derive(Clone, Debug)]
pub enum FileSource {
    Bytes(Bytes),
    Disk(PathBuf),
}

impl<'a> DocWorld<'a> {
    pub fn new(shared: &'a Shared, main_text: String, today: Datetime) -> Self {
        DocWorld {
            main: Source::new(shared.main_id, main_text),
            shared,
            today,
            files: HashMap::new(),
        }
    }

    /// Makes a file visible to the document at `vpath`.
    pub fn add_file(&mut self, vpath: &str, source: FileSource) {
        self.files.insert(id(vpath), source);
    }

    pub fn main_source(&self) -> &Source {
        &self.main
    }
}

fn refuse_package(id: FileId) -> FileError {
    match id.root() {
        VirtualRoot::Package(spec) => FileError::Other(Some(
            format!(
                "paket kan inte användas ({spec}): kansli arbetar utan nätverk, och allt en mall behöver ska finnas i projektets templates/"
            )
            .into(),
        )),
        VirtualRoot::Project => FileError::Other(Some(
            format!("filen {} finns inte eller får inte läsas av dokumentet", id.vpath().get_with_slash()).into(),
        )),
    }
}

impl World for DocWorld<'_> {
    fn library(&self) -> &LazyHash<Library> {
        &self.shared.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        self.shared.fonts.book()
    }

    fn main(&self) -> FileId {
        self.shared.main_id
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.shared.main_id {
            return Ok(self.main.clone());
        }
        if matches!(id.root(), VirtualRoot::Project)
            && let Some(slot) = self
                .shared
                .template_sources
                .get(id.vpath().get_with_slash())
        {
            return slot
                .get_or_init(|| {
                    let bytes = self.file(id)?;
                    let text = std::str::from_utf8(&bytes).map_err(|_| FileError::InvalidUtf8)?;
                    Ok(Source::new(id, text.to_string()))
                })
                .clone();
        }
        let bytes = self.file(id)?;
        let text = std::str::from_utf8(&bytes).map_err(|_| FileError::InvalidUtf8)?;
        Ok(Source::new(id, text.to_string()))
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if !matches!(id.root(), VirtualRoot::Project) {
            return Err(refuse_package(id));
        }
        if id == self.shared.main_id {
            return Ok(Bytes::from_string(self.main.clone()));
        }
        if let Some(source) = self.files.get(&id) {
            return match source {
                FileSource::Bytes(b) => Ok(b.clone()),
                FileSource::Disk(path) => std::fs::read(path)
                    .map(Bytes::new)
                    .map_err(|e| FileError::from_io(e, path)),
            };
        }
        let vpath = id.vpath().get_with_slash();
        if vpath.starts_with("/mall/") {
            match self.shared.template_checked(vpath) {
                Ok(Some(b)) => return Ok(b),
                Ok(None) => {}
                Err(msg) => return Err(FileError::Other(Some(msg.into()))),
            }
        }
        Err(refuse_package(id))
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.shared.fonts.font(index)
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        Some(self.today)
    }
}
