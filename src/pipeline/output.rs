//! Write: PDF bytes to files, atomically.
//!
//! A file is written to a temporary file in the same folder and renamed into place, so
//! a reader never sees half a PDF and a failed build leaves the previous file (or none).

use std::io::Write as _;
use std::path::Path;

/// Writes `bytes` to `path` atomically and durably (flushed to disk before the rename),
/// creating parent folders. For what cannot be made again from the sources: the archive's
/// manifest, files `kansli new` creates.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_via_temp(path, bytes, Mode::Replace, true)
}

/// Writes a build output atomically (a reader sees the old file or the new one, never
/// half of one) but without waiting for the disk: a PDF in the output folder can always
/// be made again, and after a crash that lost its data the next build notices (the
/// incremental cache compares size, time and, when they differ, the bytes) and makes it
/// again. One flush per document was a tenth of a build's time (BENCHMARKS.md).
pub fn write_output(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_via_temp(path, bytes, Mode::Replace, false)
}

/// Writes `bytes` to a file that must not exist yet: complete or not at all, and never
/// over a file that appeared meanwhile (the archive and `kansli new` rely on this).
pub fn write_new(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_via_temp(path, bytes, Mode::New, true)
}

#[derive(Clone, Copy, PartialEq)]
enum Mode {
    Replace,
    New,
}

fn write_via_temp(path: &Path, bytes: &[u8], mode: Mode, durable: bool) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let mut builder = tempfile::Builder::new();
    builder.prefix(".kansli-").suffix(".tmp");
    // Created with the mode a plain file gets (0666 less the umask: 0644 under 022),
    // not the temporary file's private 0600: others in the secretariat read the PDFs.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt as _;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut tmp = builder.tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    if durable {
        tmp.as_file().sync_all()?;
    }
    if mode == Mode::Replace {
        tmp.persist(path).map_err(|e| e.error)?;
    } else {
        tmp.persist_noclobber(path).map_err(|e| e.error)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_and_replaces_without_leftovers() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a/b/c.pdf");
        write_atomic(&path, b"one").unwrap();
        write_output(&path, b"two").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"two");
        let names: Vec<_> = std::fs::read_dir(path.parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names.len(), 1, "no temporary files left: {names:?}");
    }

    #[cfg(unix)]
    #[test]
    fn files_get_the_umask_mode_not_0600() {
        use std::os::unix::fs::PermissionsExt as _;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.pdf");
        write_new(&path, b"x").unwrap();
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        // Whatever the test's umask, the group/other read bits follow it, and the file
        // is never made more private than a plain create would.
        let plain = dir.path().join("plain");
        std::fs::write(&plain, b"x").unwrap();
        let want = std::fs::metadata(&plain).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, want, "{mode:o} vs {want:o}");
    }

    #[test]
    fn write_new_never_replaces() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.pdf");
        write_new(&path, b"first").unwrap();
        let err = write_new(&path, b"second").unwrap_err();
        assert_eq!(err.kind(), std::io::ErrorKind::AlreadyExists);
        assert_eq!(std::fs::read(&path).unwrap(), b"first");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
