//! `--keep-typst DIR`: the generated Typst source of each output, with everything it
//! imports and the fonts it uses, laid out so that the official CLI compiles it to the
//! same document:
//!
//! ```text
//! typst compile --root DIR --font-path DIR/fonts --ignore-system-fonts \
//!     --pdf-standard a-2a,ua-1 DIR/<path>.typ
//! ```
//!
//! (In a project with its own `fonts/`, `--font-path fonts` is the same set.)

use std::path::Path;

use crate::assets::Assets;
use crate::typeset::{FileSource, Typesetter};

/// Writes `DIR/<output path relative to the output folder>.typ`, the template library
/// under `DIR/mall/`, and the document's other files at their virtual paths.
pub fn keep_typst(
    typesetter: &Typesetter,
    assets: &Assets,
    dir: &Path,
    out_dir: &Path,
    out_path: &Path,
    source: &str,
    files: &[(String, FileSource)],
) -> std::io::Result<()> {
    let rel = out_path
        .strip_prefix(out_dir)
        .map(Path::to_path_buf)
        .unwrap_or_else(|_| out_path.file_name().map(Into::into).unwrap_or_default());
    let main = dir.join(rel).with_extension("typ");
    crate::pipeline::output::write_output(&main, source.as_bytes())?;
    let shared = &typesetter.shared;
    for vpath in shared.template_paths() {
        if let Some(bytes) = shared.template_bytes(&vpath) {
            write_if_changed(&dir.join(vpath.trim_start_matches('/')), &bytes)?;
        }
    }
    for font in assets.list("fonts/") {
        let lower = font.to_lowercase();
        if [".ttf", ".otf", ".ttc", ".otc"]
            .iter()
            .any(|e| lower.ends_with(e))
            && let Some(bytes) = assets.get(&font)
        {
            write_if_changed(&dir.join(&font), &bytes)?;
        }
    }
    for (vpath, source) in files {
        let target = dir.join(vpath.trim_start_matches('/'));
        match source {
            FileSource::Bytes(b) => write_if_changed(&target, b)?,
            FileSource::Disk(p) => write_if_changed(&target, &std::fs::read(p)?)?,
        }
    }
    Ok(())
}

/// Parallel documents share templates and logos: skip identical files.
fn write_if_changed(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    if std::fs::read(path).is_ok_and(|old| old == bytes) {
        return Ok(());
    }
    crate::pipeline::output::write_output(path, bytes)
}
