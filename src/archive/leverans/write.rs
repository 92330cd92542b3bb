//! Writing a planned package: as a folder or a ZIP, under a temporary name renamed into
//! place (a failed run leaves nothing behind), each archived file read and checked once
//! more as it is copied; and the archive's shared lock while that happens.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use chrono::DateTime;

use super::{Content, LevError, Package, zip};
use crate::archive::{LOCK, sha256_hex};

/// What was written.
pub struct Written {
    pub path: PathBuf,
    pub files: usize,
    pub bytes: u64,
}

/// Holds the archive's lock (shared: archiving waits, other readers do not).
pub struct ReadLock(#[allow(dead_code)] Option<std::fs::File>);

/// Takes the archive's lock for reading; calls `on_wait` first if it must wait.
pub fn lock_shared(dir: &Path, on_wait: impl FnOnce()) -> Result<ReadLock, LevError> {
    let path = dir.join(LOCK);
    let file = match std::fs::OpenOptions::new()
        .create(false)
        .read(true)
        .open(&path)
    {
        Ok(f) => f,
        // An archive without a lock file has never been written by kansli; there is
        // nobody to wait for, and a read-only archive must still be deliverable.
        Err(_) => return Ok(ReadLock(None)),
    };
    if file.try_lock_shared().is_err() {
        on_wait();
        file.lock_shared().map_err(|e| {
            LevError::one(format!("kan inte låsa arkivet: {}", crate::diag::io_sv(&e)))
        })?;
    }
    Ok(ReadLock(Some(file)))
}

/// Reads an archived file for the package and checks it once more.
fn archived_bytes(source: &Path, sha256: &str, size: u64, path: &str) -> Result<Vec<u8>, LevError> {
    let bytes = std::fs::read(source).map_err(|e| {
        LevError::one(format!(
            "{path}: kan inte läsas: {}",
            crate::diag::io_sv(&e)
        ))
    })?;
    if bytes.len() as u64 != size || sha256_hex(&bytes) != sha256 {
        return Err(LevError::one(format!(
            "{path}: ändrades i arkivet medan paketet skrevs; inget paket skrivet"
        )));
    }
    Ok(bytes)
}

/// Writes the package as the folder `out/<id>/`; refuses when it exists.
pub fn write_dir(pkg: &Package, out: &Path) -> Result<Written, LevError> {
    let target = out.join(&pkg.id);
    if target.exists() {
        return Err(exists(&target));
    }
    std::fs::create_dir_all(out).map_err(|e| cannot_write(out, &e))?;
    let tmp = tempfile::Builder::new()
        .prefix(".kansli-leverans-")
        .tempdir_in(out)
        .map_err(|e| cannot_write(out, &e))?;
    let mut total = 0u64;
    for f in &pkg.files {
        let path = tmp.path().join(&f.path);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| cannot_write(out, &e))?;
        }
        let bytes = match &f.content {
            Content::Bytes(b) => std::borrow::Cow::Borrowed(b.as_slice()),
            Content::Archived {
                source,
                sha256,
                size,
            } => std::borrow::Cow::Owned(archived_bytes(source, sha256, *size, &f.path)?),
        };
        std::fs::write(&path, &bytes).map_err(|e| cannot_write(out, &e))?;
        total += bytes.len() as u64;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        std::fs::set_permissions(tmp.path(), std::fs::Permissions::from_mode(0o755))
            .map_err(|e| cannot_write(out, &e))?;
    }
    if target.exists() {
        return Err(exists(&target));
    }
    let kept = tmp.keep();
    std::fs::rename(&kept, &target).map_err(|e| {
        let _ = std::fs::remove_dir_all(&kept);
        cannot_write(out, &e)
    })?;
    Ok(Written {
        path: target,
        files: pkg.files.len(),
        bytes: total,
    })
}

/// Writes the package as `out/<id>.zip`, unpacking to the folder `<id>/`.
pub fn write_zip(pkg: &Package, out: &Path) -> Result<Written, LevError> {
    let target = out.join(format!("{}.zip", pkg.id));
    if target.exists() {
        return Err(exists(&target));
    }
    std::fs::create_dir_all(out).map_err(|e| cannot_write(out, &e))?;
    let tmp = tempfile::Builder::new()
        .prefix(".kansli-leverans-")
        .suffix(".zip.tmp")
        .tempfile_in(out)
        .map_err(|e| cannot_write(out, &e))?;
    let created = DateTime::parse_from_rfc3339(&pkg.created).expect("written by xsd_time");
    let mut zip = zip::ZipWriter::new(
        std::io::BufWriter::new(tmp.as_file()),
        zip::DosTime::from(&created.naive_local()),
    );
    for f in &pkg.files {
        let name = format!("{}/{}", pkg.id, f.path);
        let r = match &f.content {
            Content::Bytes(b) => zip.add(&name, b),
            Content::Archived {
                source,
                sha256,
                size,
            } => zip.add(&name, &archived_bytes(source, sha256, *size, &f.path)?),
        };
        r.map_err(|e| cannot_write(out, &e))?;
    }
    let mut w = zip.finish().map_err(|e| cannot_write(out, &e))?;
    w.flush().map_err(|e| cannot_write(out, &e))?;
    drop(w);
    let bytes = tmp.as_file().metadata().map(|m| m.len()).unwrap_or(0);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        tmp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(0o644))
            .map_err(|e| cannot_write(out, &e))?;
    }
    tmp.persist_noclobber(&target)
        .map_err(|e| cannot_write(out, &e.error))?;
    Ok(Written {
        path: target,
        files: pkg.files.len(),
        bytes,
    })
}

fn exists(target: &Path) -> LevError {
    LevError::one(format!(
        "{} finns redan; ett paket skrivs aldrig över (samma arkiv och flaggor ger samma paket)",
        target
            .file_name()
            .map(|n| n.to_string_lossy())
            .unwrap_or_default()
    ))
}

fn cannot_write(out: &Path, e: &std::io::Error) -> LevError {
    LevError::one(format!(
        "kan inte skriva paketet i {}: {}",
        out.file_name()
            .map(|n| n.to_string_lossy())
            .unwrap_or_default(),
        crate::diag::io_sv(e)
    ))
}
