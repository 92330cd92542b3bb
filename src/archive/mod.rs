//! The archive: a write-once store of the PDFs, with a manifest that anyone can read
//! without kansli (plain JSON, described in the README).
//!
//! ```text
//! arkiv/
//!   manifest.json
//!   2023/HSN-1798-2023/hsn-plan-och-budget-2024.pdf
//!   2023/HSN-1798-2023/hsn-plan-och-budget-2024-signerad.pdf
//!   2024/sammantraden/hsn-2024-12-18-protokoll.pdf
//! ```
//!
//! Rules: a file, once archived, is never written again. Archiving the same bytes again
//! is a no-op; different bytes under an archived name are refused. New files are
//! written complete under a temporary name and renamed without replacing anything;
//! the manifest is replaced atomically. Every change happens under an exclusive lock
//! on `.kansli.lock`, so two runs at once cannot lose each other's entries.

pub mod leverans;
pub mod signature;

use std::fs::File;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::model::DocKind;

pub const MANIFEST: &str = "manifest.json";
pub const LOCK: &str = ".kansli.lock";
pub const FORMAT: &str = "kansli-arkiv";
pub const VERSION: u32 = 1;

/// The manifest file.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Manifest {
    pub format: String,
    pub version: u32,
    pub filer: Vec<Entry>,
}

impl Default for Manifest {
    fn default() -> Self {
        Manifest {
            format: FORMAT.into(),
            version: VERSION,
            filer: Vec::new(),
        }
    }
}

/// One archived file.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Entry {
    /// Path inside the archive, `/`-separated.
    pub fil: String,
    /// SHA-256 of the file, lower-case hex.
    pub sha256: String,
    /// Size in bytes.
    pub storlek: u64,
    /// tjänsteskrivelse, rapport, kallelse, handlingar, protokoll, protokollsutdrag.
    pub dokumenttyp: String,
    pub diarienummer: Option<String>,
    pub rubrik: String,
    /// The document's date, ÅÅÅÅ-MM-DD.
    pub datum: String,
    #[serde(rename = "nämnd")]
    pub namnd: String,
    /// The standards the PDF claims, e.g. ["PDF/A-2a", "PDF/UA-1"].
    pub pdf_standard: Vec<String>,
    /// The source YAML, relative to the project root.
    #[serde(rename = "källa")]
    pub kalla: String,
    /// SHA-256 of the source YAML when the file was made.
    #[serde(rename = "källa_sha256")]
    pub kalla_sha256: String,
    pub kansli_version: String,
    /// When the file was archived (RFC 3339, with the UTC offset).
    pub arkiverad: String,
    /// The lagrum of what the document holds under secrecy (a secret ärende; the
    /// members' pack: every secret ärende and bilaga in it, joined with "; ").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sekretess: Option<String>,
    /// For a signed file: the archived file it extends.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub original: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signatur: Option<signature::SignatureInfo>,
}

/// An open archive, locked for as long as this value lives.
pub struct Archive {
    pub dir: PathBuf,
    pub manifest: Manifest,
    _lock: File,
}

/// Why the archive cannot be used.
#[derive(Debug)]
pub struct ArchiveError(pub String);

impl Archive {
    /// Opens (creating if needed) and locks the archive at `dir`. Waits for another
    /// kansli that holds the lock, calling `on_wait` first (to say so).
    pub fn open(
        dir: &Path,
        exclusive: bool,
        on_wait: impl FnOnce(),
    ) -> Result<Archive, ArchiveError> {
        std::fs::create_dir_all(dir).map_err(|e| {
            ArchiveError(format!(
                "kan inte skapa arkivmappen {}: {}",
                dir.display(),
                crate::diag::io_sv(&e)
            ))
        })?;
        let lock = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(dir.join(LOCK))
            .map_err(|e| {
                ArchiveError(format!(
                    "kan inte öppna arkivets låsfil: {}",
                    crate::diag::io_sv(&e)
                ))
            })?;
        let got = if exclusive {
            lock.try_lock()
        } else {
            lock.try_lock_shared()
        };
        if got.is_err() {
            on_wait();
            let r = if exclusive {
                lock.lock()
            } else {
                lock.lock_shared()
            };
            r.map_err(|e| {
                ArchiveError(format!("kan inte låsa arkivet: {}", crate::diag::io_sv(&e)))
            })?;
        }
        let manifest = read_manifest(dir)?;
        Ok(Archive {
            dir: dir.to_path_buf(),
            manifest,
            _lock: lock,
        })
    }

    pub fn path_of(&self, fil: &str) -> PathBuf {
        self.dir.join(fil)
    }

    pub fn entry(&self, fil: &str) -> Option<&Entry> {
        self.manifest.filer.iter().find(|e| e.fil == fil)
    }

    /// Writes the manifest (sorted by file) atomically.
    pub fn save(&mut self) -> Result<(), ArchiveError> {
        self.manifest.filer.sort_by(|a, b| a.fil.cmp(&b.fil));
        let mut text = serde_json::to_string_pretty(&self.manifest).expect("plain data");
        text.push('\n');
        crate::pipeline::output::write_atomic(&self.dir.join(MANIFEST), text.as_bytes()).map_err(|e| {
            ArchiveError(format!(
                "kunde inte skriva {MANIFEST}: {}",
                crate::diag::io_sv(&e)
            ))
        })
    }

    /// Stores `bytes` as `fil` unless it is already there. Never replaces a file.
    pub fn store(&mut self, entry: Entry, bytes: &[u8]) -> Stored {
        let path = self.path_of(&entry.fil);
        if let Some(old) = self.entry(&entry.fil) {
            return if old.sha256 == entry.sha256 {
                // Listed but gone from disk: the same bytes put it back (nothing is
                // replaced; the manifest keeps its first archiving time).
                if path.exists() {
                    // Say "identical" only of what is really on disk; a damaged
                    // archived file is reported and left as it is.
                    match std::fs::read(&path) {
                        Ok(on_disk) if sha256_hex(&on_disk) == old.sha256 => Stored::Identical,
                        Ok(_) => Stored::Damaged,
                        Err(e) => Stored::Failed(crate::diag::io_sv(&e)),
                    }
                } else {
                    match crate::pipeline::output::write_new(&path, bytes) {
                        Ok(()) => Stored::Restored,
                        Err(e) => Stored::Failed(crate::diag::io_sv(&e)),
                    }
                }
            } else {
                Stored::Refused {
                    archived_sha: old.sha256.clone(),
                }
            };
        }
        // On disk but not in the manifest: left by a run that stopped before writing the
        // manifest. The same bytes are taken in; anything else is not touched.
        if path.exists() {
            return match std::fs::read(&path) {
                Ok(existing) if sha256_hex(&existing) == entry.sha256 => {
                    self.manifest.filer.push(entry);
                    Stored::Adopted
                }
                Ok(existing) => Stored::Refused {
                    archived_sha: sha256_hex(&existing),
                },
                Err(e) => Stored::Failed(crate::diag::io_sv(&e)),
            };
        }
        match crate::pipeline::output::write_new(&path, bytes) {
            Ok(()) => {
                self.manifest.filer.push(entry);
                Stored::New
            }
            Err(e) => Stored::Failed(crate::diag::io_sv(&e)),
        }
    }
}

/// What [`Archive::store`] did.
#[derive(Debug, PartialEq)]
pub enum Stored {
    New,
    Identical,
    /// In the manifest but missing on disk, same bytes: written back.
    Restored,
    /// In the manifest, but the file on disk no longer matches it: left untouched.
    Damaged,
    /// On disk without a manifest entry, same bytes: recorded now.
    Adopted,
    Refused {
        archived_sha: String,
    },
    Failed(String),
}

fn read_manifest(dir: &Path) -> Result<Manifest, ArchiveError> {
    let path = dir.join(MANIFEST);
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Manifest::default()),
        Err(e) => {
            return Err(ArchiveError(format!(
                "kan inte läsa {}: {}",
                path.display(),
                crate::diag::io_sv(&e)
            )));
        }
    };
    let manifest: Manifest = serde_json::from_str(&text).map_err(|e| {
        ArchiveError(format!(
            "{}:{}:{}: manifestet går inte att läsa: {e}; arkivet rörs inte",
            path.display(),
            e.line(),
            e.column()
        ))
    })?;
    if manifest.format != FORMAT || manifest.version > VERSION {
        return Err(ArchiveError(format!(
            "{}: okänt manifestformat \"{}\" version {}; denna kansli läser \"{FORMAT}\" version {VERSION}",
            path.display(),
            manifest.format,
            manifest.version
        )));
    }
    Ok(manifest)
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// The archive path of an output: `<år>/<diarienummer>/<filnamn>`, or
/// `<år>/sammantraden/…` for meeting documents without an ärende, and
/// `<år>/utan-diarienummer/…` for reports without one.
pub fn archive_name(year: i32, kind: DocKind, dnr: Option<&str>, file_name: &str) -> String {
    let folder = match dnr {
        Some(d) if !d.trim().is_empty() => folder_name(d),
        _ if kind.is_meeting_document() => "sammantraden".to_string(),
        _ => "utan-diarienummer".to_string(),
    };
    format!("{year}/{folder}/{file_name}")
}

/// The archived file's name: meeting documents keep theirs (it says what they are:
/// `-kallelse`, `-protokoll`, `-utdrag-158`); a tjänsteskrivelse or rapport gets its kind
/// added, so that a case's report and its tjänsteskrivelse never take each other's name.
pub fn file_name(stem: &str, kind: DocKind) -> String {
    match kind {
        DocKind::Tjansteskrivelse => format!("{stem}-tjansteskrivelse.pdf"),
        DocKind::Rapport => format!("{stem}-rapport.pdf"),
        _ => format!("{stem}.pdf"),
    }
}

/// A diarienummer as a folder name: `HSN/1798/2023` → `HSN-1798-2023`.
fn folder_name(dnr: &str) -> String {
    let s: String = dnr
        .trim()
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '-' | '.' | '_') {
                c
            } else {
                '-'
            }
        })
        .collect();
    let s = s.trim_matches(['-', '.']).to_string();
    if s.is_empty() {
        "utan-diarienummer".into()
    } else if s.len() > MAX_FOLDER_BYTES {
        // A file system allows 255 bytes per name; a long diarienummer (a house style
        // may allow one) is cut, and a hash of the whole keeps the folder its own.
        // The manifest keeps the diarienummer in full.
        let mut cut = MAX_FOLDER_BYTES - 9;
        while !s.is_char_boundary(cut) {
            cut -= 1;
        }
        format!("{}-{}", s[..cut].trim_end_matches(['-', '.']), &sha256_hex(dnr.trim().as_bytes())[..8])
    } else {
        s
    }
}

/// Longest diarienummer folder name, in bytes (file systems allow 255).
const MAX_FOLDER_BYTES: usize = 100;

/// A verification finding.
#[derive(Debug, PartialEq)]
pub enum Finding {
    Missing(String),
    Modified {
        fil: String,
        expected: String,
        found: String,
    },
    Unlisted(String),
}

/// Recomputes every checksum; lists files missing, modified, or not in the manifest.
pub fn verify(archive: &Archive) -> (usize, Vec<Finding>) {
    let mut findings = Vec::new();
    let mut listed = std::collections::HashSet::new();
    for e in &archive.manifest.filer {
        listed.insert(e.fil.clone());
        let path = archive.path_of(&e.fil);
        match std::fs::read(&path) {
            Err(_) => findings.push(Finding::Missing(e.fil.clone())),
            Ok(bytes) => {
                let sha = sha256_hex(&bytes);
                if sha != e.sha256 || bytes.len() as u64 != e.storlek {
                    findings.push(Finding::Modified {
                        fil: e.fil.clone(),
                        expected: e.sha256.clone(),
                        found: sha,
                    });
                }
            }
        }
    }
    for entry in walkdir::WalkDir::new(&archive.dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
    {
        if !entry.file_type().is_file() {
            continue;
        }
        let Ok(rel) = entry.path().strip_prefix(&archive.dir) else {
            continue;
        };
        let rel = rel.to_string_lossy().replace('\\', "/");
        if rel == MANIFEST || rel == LOCK {
            continue;
        }
        if !listed.contains(&rel) {
            findings.push(Finding::Unlisted(rel));
        }
    }
    (archive.manifest.filer.len(), findings)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(fil: &str, bytes: &[u8]) -> Entry {
        Entry {
            fil: fil.into(),
            sha256: sha256_hex(bytes),
            storlek: bytes.len() as u64,
            dokumenttyp: "tjänsteskrivelse".into(),
            diarienummer: Some("HSN/1/2024".into()),
            rubrik: "R".into(),
            datum: "2024-01-01".into(),
            namnd: "N".into(),
            pdf_standard: vec!["PDF/A-2a".into()],
            kalla: "content/a.yaml".into(),
            kalla_sha256: sha256_hex(b"yaml"),
            kansli_version: "0".into(),
            arkiverad: "2024-01-01T00:00:00+01:00".into(),
            sekretess: None,
            original: None,
            signatur: None,
        }
    }

    #[test]
    fn names() {
        assert_eq!(
            archive_name(2023, DocKind::Tjansteskrivelse, Some("HSN/1798/2023"), "a.pdf"),
            "2023/HSN-1798-2023/a.pdf"
        );
        assert_eq!(
            archive_name(2024, DocKind::Protokoll, None, "m-protokoll.pdf"),
            "2024/sammantraden/m-protokoll.pdf"
        );
        assert_eq!(
            archive_name(2024, DocKind::Rapport, None, "r.pdf"),
            "2024/utan-diarienummer/r.pdf"
        );
        assert_eq!(folder_name("../../etc"), "etc");
    }

    #[test]
    fn write_once() {
        let dir = tempfile::tempdir().unwrap();
        let mut a = Archive::open(dir.path(), true, || {}).unwrap();
        assert_eq!(a.store(entry("2024/x/a.pdf", b"one"), b"one"), Stored::New);
        assert_eq!(
            a.store(entry("2024/x/a.pdf", b"one"), b"one"),
            Stored::Identical
        );
        // A listed file that has gone missing is put back by the same bytes, and
        // only by them.
        std::fs::remove_file(a.path_of("2024/x/a.pdf")).unwrap();
        assert!(matches!(
            a.store(entry("2024/x/a.pdf", b"two"), b"two"),
            Stored::Refused { .. }
        ));
        assert!(!a.path_of("2024/x/a.pdf").exists());
        assert_eq!(
            a.store(entry("2024/x/a.pdf", b"one"), b"one"),
            Stored::Restored
        );
        assert_eq!(std::fs::read(a.path_of("2024/x/a.pdf")).unwrap(), b"one");
        // A damaged file is reported, not repaired or replaced.
        std::fs::write(a.path_of("2024/x/a.pdf"), b"onE").unwrap();
        assert_eq!(
            a.store(entry("2024/x/a.pdf", b"one"), b"one"),
            Stored::Damaged
        );
        assert_eq!(std::fs::read(a.path_of("2024/x/a.pdf")).unwrap(), b"onE");
        std::fs::write(a.path_of("2024/x/a.pdf"), b"one").unwrap();
        assert!(matches!(
            a.store(entry("2024/x/a.pdf", b"two"), b"two"),
            Stored::Refused { .. }
        ));
        a.save().unwrap();
        drop(a);
        assert_eq!(
            std::fs::read(dir.path().join("2024/x/a.pdf")).unwrap(),
            b"one"
        );
        let a = Archive::open(dir.path(), false, || {}).unwrap();
        assert_eq!(verify(&a).1, vec![]);
    }

    #[test]
    fn verify_finds_everything() {
        let dir = tempfile::tempdir().unwrap();
        let mut a = Archive::open(dir.path(), true, || {}).unwrap();
        a.store(entry("2024/x/a.pdf", b"aaa"), b"aaa");
        a.store(entry("2024/x/b.pdf", b"bbb"), b"bbb");
        a.save().unwrap();
        std::fs::write(dir.path().join("2024/x/a.pdf"), b"aab").unwrap();
        std::fs::remove_file(dir.path().join("2024/x/b.pdf")).unwrap();
        std::fs::write(dir.path().join("2024/x/c.pdf"), b"ccc").unwrap();
        let (n, f) = verify(&a);
        assert_eq!(n, 2);
        assert_eq!(f.len(), 3, "{f:?}");
        assert!(matches!(&f[0], Finding::Modified { fil, .. } if fil == "2024/x/a.pdf"));
        assert_eq!(f[1], Finding::Missing("2024/x/b.pdf".into()));
        assert_eq!(f[2], Finding::Unlisted("2024/x/c.pdf".into()));
    }

    #[test]
    fn a_leftover_file_with_the_same_bytes_is_adopted() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("2024/x")).unwrap();
        std::fs::write(dir.path().join("2024/x/a.pdf"), b"one").unwrap();
        let mut a = Archive::open(dir.path(), true, || {}).unwrap();
        assert_eq!(
            a.store(entry("2024/x/a.pdf", b"one"), b"one"),
            Stored::Adopted
        );
        assert!(matches!(
            a.store(entry("2024/x/b.pdf", b"x"), b"x"),
            Stored::New
        ));
    }
}
