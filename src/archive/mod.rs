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

pub mod changes;
pub mod leverans;
pub mod pdf;
pub mod signature;
pub mod verify_sig;

use std::fs::File;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::model::DocKind;

pub const MANIFEST: &str = "manifest.json";
pub const LOCK: &str = ".kansli.lock";
pub const FORMAT: &str = "kansli-arkiv";
/// The manifest version written. Version 1 (no `signaturer`) is still read; the next
/// write of such an archive writes version 2.
pub const VERSION: u32 = 2;
/// Temporary files of kansli's own naming (see `pipeline::output`).
const TMP_PREFIX: &str = ".kansli-";
const TMP_SUFFIX: &str = ".tmp";

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
    /// For a signed file (version 2): the verdict on each signature and document
    /// timestamp in what was appended to the original, in file order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub signaturer: Vec<signature::SignatureRecord>,
}

/// An open archive, locked for as long as this value lives.
pub struct Archive {
    pub dir: PathBuf,
    pub manifest: Manifest,
    /// Stale temporary files of kansli's own naming: removed when the archive was
    /// opened for writing, only listed when opened for reading.
    pub stale_temporary: Vec<String>,
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
        // Every writer holds the exclusive lock, so under any lock a temporary file of
        // ours is left by a run that was stopped; a writer removes them.
        let mut stale_temporary = Vec::new();
        for e in walkdir::WalkDir::new(dir)
            .sort_by_file_name()
            .into_iter()
            .filter_map(Result::ok)
        {
            let name = e.file_name().to_string_lossy();
            if !e.file_type().is_file() || !is_temporary(&name) {
                continue;
            }
            let rel = relative(dir, e.path());
            if exclusive && std::fs::remove_file(e.path()).is_err() {
                continue;
            }
            stale_temporary.push(rel);
        }
        Ok(Archive {
            dir: dir.to_path_buf(),
            manifest,
            stale_temporary,
            _lock: lock,
        })
    }

    /// The file of a manifest entry. `fil` was checked when the manifest was read
    /// (relative, normal); this also refuses a path that goes through a symbolic link,
    /// which could lead outside the archive.
    pub fn path_of(&self, fil: &str) -> PathBuf {
        self.dir.join(fil)
    }

    /// [`Archive::path_of`], refusing a path through a symbolic link inside the archive.
    pub fn checked_path(&self, fil: &str) -> Result<PathBuf, String> {
        check_fil(fil)?;
        let mut at = self.dir.clone();
        for part in fil.split('/') {
            at.push(part);
            match std::fs::symlink_metadata(&at) {
                Ok(m) if m.file_type().is_symlink() => {
                    return Err(format!(
                        "{fil} går via en symbolisk länk ({}) och kan leda utanför arkivet",
                        relative(&self.dir, &at)
                    ));
                }
                Ok(_) => {}
                Err(_) => break,
            }
        }
        Ok(self.dir.join(fil))
    }

    pub fn entry(&self, fil: &str) -> Option<&Entry> {
        self.manifest.filer.iter().find(|e| e.fil == fil)
    }

    /// Writes the manifest (sorted by file) atomically.
    /// New writes are version 2; version-1 entries read as they are.
    pub fn save(&mut self) -> Result<(), ArchiveError> {
        self.manifest.version = VERSION;
        self.manifest.filer.sort_by(|a, b| a.fil.cmp(&b.fil));
        let mut text = serde_json::to_string_pretty(&self.manifest).expect("plain data");
        text.push('\n');
        crate::pipeline::output::write_atomic(&self.dir.join(MANIFEST), text.as_bytes()).map_err(
            |e| {
                ArchiveError(format!(
                    "kunde inte skriva {MANIFEST}: {}",
                    crate::diag::io_sv(&e)
                ))
            },
        )
    }

    /// Stores `bytes` as `fil` unless it is already there. Never replaces a file.
    pub fn store(&mut self, entry: Entry, bytes: &[u8]) -> Stored {
        let path = match self.checked_path(&entry.fil) {
            Ok(p) => p,
            Err(why) => return Stored::Failed(why),
        };
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
            "{}: okänt manifestformat \"{}\" version {}; denna kansli läser \"{FORMAT}\" version 1 och {VERSION}",
            path.display(),
            manifest.format,
            manifest.version
        )));
    }
    // Every path in the manifest is checked before anything is read or written.
    let mut bad = Vec::new();
    for (i, e) in manifest.filer.iter().enumerate() {
        for (field, value) in [("fil", Some(&e.fil)), ("original", e.original.as_ref())] {
            if let Some(v) = value
                && let Err(why) = check_fil(v)
            {
                bad.push(format!(
                    "  filer[{i}].{field} = {}: {why}",
                    serde_json::to_string(v).unwrap_or_default()
                ));
            }
        }
    }
    if !bad.is_empty() {
        return Err(ArchiveError(format!(
            "{}: manifestet har sökvägar som inte ligger i arkivet; inget läses eller skrivs:\n{}\n  hjälp: en sökväg i manifestet ska vara relativ till arkivmappen, med / och utan . och ..",
            path.display(),
            bad.join("\n")
        )));
    }
    Ok(manifest)
}

/// A `fil` from the manifest names a file inside the archive: relative, `/`-separated,
/// every part a plain name (no empty part, `.`, `..` or hidden name, no `\`, `:` or
/// control character), and not the manifest itself.
pub fn check_fil(fil: &str) -> Result<(), String> {
    if fil.is_empty() {
        return Err("sökvägen är tom".into());
    }
    if fil.starts_with('/') || fil.starts_with('\\') {
        return Err("sökvägen är absolut".into());
    }
    if fil.len() > 1024 {
        return Err("sökvägen är längre än 1024 byte".into());
    }
    if fil.chars().any(|c| c.is_control() || c == '\\' || c == ':') {
        return Err("sökvägen innehåller \\, : eller ett styrtecken".into());
    }
    for part in fil.split('/') {
        match part {
            "" => return Err("sökvägen har en tom del (//)".into()),
            "." | ".." => return Err(format!("sökvägen innehåller {part}")),
            p if p.starts_with('.') => {
                return Err(format!("sökvägen innehåller den dolda delen {p}"));
            }
            _ => {}
        }
    }
    if fil == MANIFEST {
        return Err("sökvägen är manifestet självt".into());
    }
    Ok(())
}

fn is_temporary(name: &str) -> bool {
    name.starts_with(TMP_PREFIX) && name.ends_with(TMP_SUFFIX)
}

fn relative(dir: &Path, path: &Path) -> String {
    path.strip_prefix(dir)
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/")
}

pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// What a document is called in the archive, and how that name was found.
#[derive(Debug, PartialEq)]
pub enum Naming {
    /// The name (new, or the one this document already has in the manifest).
    Name(String),
    /// The usual name was taken by another document (another source file); this one
    /// gets the usual name with a short hash of its source path.
    Disambiguated { name: String, taken: String },
}

impl Naming {
    pub fn name(&self) -> &str {
        match self {
            Naming::Name(n) | Naming::Disambiguated { name: n, .. } => n,
        }
    }
}

/// What identifies an output for naming: where it comes from and what it is.
pub struct Identity<'a> {
    pub year: i32,
    pub kind: DocKind,
    pub dnr: Option<&'a str>,
    pub namnd: &'a str,
    /// The output's file stem (`hsn-plan-och-budget-2024`, `hsn-2024-12-18-protokoll`).
    pub stem: &'a str,
    /// The source YAML, relative to the project (the manifest's `källa`).
    pub kalla: &'a str,
}

impl Archive {
    /// The archive name of a document: the name it already has (an entry from the same
    /// source under the name this or an earlier kansli gave it), else a new one, unique
    /// per document. `Err` when even the disambiguated name belongs to another
    /// document (a true collision).
    pub fn name_for(&self, d: &Identity) -> Result<Naming, String> {
        let same_source = |fil: &str| self.entry(fil).is_none_or(|e| e.kalla == d.kalla);
        let file = file_name(d.stem, d.kind);
        // Names of manifest version 1 (meeting documents and reports without Dnr were
        // not separated by nämnd): an archived document keeps its name.
        let legacy = archive_name(d.year, d.kind, d.dnr, &file);
        if self.entry(&legacy).is_some_and(|e| e.kalla == d.kalla) {
            return Ok(Naming::Name(legacy));
        }
        let usual = unique_name(d.year, d.kind, d.dnr, d.namnd, &file);
        if same_source(&usual) {
            return Ok(Naming::Name(usual));
        }
        let hash = &sha256_hex(d.kalla.as_bytes())[..8];
        let base = file.strip_suffix(".pdf").unwrap_or(&file);
        let alt = unique_name(
            d.year,
            d.kind,
            d.dnr,
            d.namnd,
            &format!("{base}-{hash}.pdf"),
        );
        if same_source(&alt) {
            return Ok(Naming::Disambiguated {
                name: alt,
                taken: usual,
            });
        }
        Err(format!(
            "namnkollision: både {usual} och {alt} används redan av andra dokument ({} och {})",
            self.entry(&usual).map(|e| e.kalla.as_str()).unwrap_or("?"),
            self.entry(&alt).map(|e| e.kalla.as_str()).unwrap_or("?"),
        ))
    }
}

/// The archive path of an output as manifest version 1 named it: `<år>/<diarienummer>/
/// <filnamn>`, `<år>/sammantraden/…` for meeting documents without an ärende, and
/// `<år>/utan-diarienummer/…` for reports without one. Still used to find documents
/// archived under these names.
pub fn archive_name(year: i32, kind: DocKind, dnr: Option<&str>, file_name: &str) -> String {
    let folder = match dnr {
        Some(d) if !d.trim().is_empty() => folder_name(d),
        _ if kind.is_meeting_document() => "sammantraden".to_string(),
        _ => "utan-diarienummer".to_string(),
    };
    format!("{year}/{folder}/{file_name}")
}

/// The archive path of a new output: as [`archive_name`], with a folder per nämnd for
/// documents without Dnr, so that two nämnder's meetings on the same day, or two
/// reports without Dnr, are not given one name.
pub fn unique_name(
    year: i32,
    kind: DocKind,
    dnr: Option<&str>,
    namnd: &str,
    file_name: &str,
) -> String {
    match dnr {
        Some(d) if !d.trim().is_empty() => format!("{year}/{}/{file_name}", folder_name(d)),
        _ => {
            let folder = if kind.is_meeting_document() {
                "sammantraden"
            } else {
                "utan-diarienummer"
            };
            format!("{year}/{folder}/{}/{file_name}", slug(namnd))
        }
    }
}

/// A name as a folder name: lower case, Swedish letters without their dots and rings,
/// anything else a single `-`; at most 60 characters.
fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.trim().chars().flat_map(char::to_lowercase) {
        let c = match c {
            'å' | 'ä' | 'à' | 'á' | 'â' => 'a',
            'ö' | 'ø' | 'ó' | 'ò' | 'ô' => 'o',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'ü' | 'ú' => 'u',
            c if c.is_ascii_alphanumeric() => c,
            _ => '-',
        };
        if c == '-' && (out.is_empty() || out.ends_with('-')) {
            continue;
        }
        out.push(c);
        if out.len() >= 60 {
            break;
        }
    }
    let out = out.trim_end_matches('-').to_string();
    if out.is_empty() {
        "utan-namnd".into()
    } else {
        out
    }
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
        format!(
            "{}-{}",
            s[..cut].trim_end_matches(['-', '.']),
            &sha256_hex(dnr.trim().as_bytes())[..8]
        )
    } else {
        s
    }
}

/// The unsigned archived document a signed file is a full rewrite of: the same
/// permanent `/ID` (which a rewrite keeps) and the same pages (decoded content
/// streams), while the original's bytes are not a prefix of the file. Only for
/// explaining a refusal.
pub fn rewritten_copy_of(archive: &Archive, file: &[u8]) -> Option<String> {
    if !signature::has_signature(file) {
        return None;
    }
    let id = signature::trailer_id(file)?;
    let mut delivered = None;
    for e in archive
        .manifest
        .filer
        .iter()
        .filter(|e| e.original.is_none())
    {
        let Some(bytes) = archive
            .checked_path(&e.fil)
            .ok()
            .and_then(|p| std::fs::read(p).ok())
        else {
            continue;
        };
        if signature::trailer_id(&bytes).as_ref() != Some(&id) {
            continue;
        }
        let ours = pdf::load(&bytes, "originalet")
            .ok()
            .map(|d| pdf::page_contents(&d));
        let theirs = delivered.get_or_insert_with(|| {
            pdf::load(file, "den signerade filen")
                .ok()
                .map(|d| pdf::page_contents(&d))
        });
        if ours.is_some() && ours == *theirs {
            return Some(e.fil.clone());
        }
    }
    None
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
    /// A signed file whose signatures no longer hold as the manifest says.
    Signature {
        fil: String,
        why: String,
    },
}

/// What [`verify`] found.
#[derive(Debug, Default)]
pub struct Report {
    pub checked: usize,
    pub signed: usize,
    pub findings: Vec<Finding>,
    /// Remarks that do not fail the check (stale temporary files, a signature that is
    /// valid but not trusted in a version-1 entry, one that has become trusted).
    pub notes: Vec<String>,
}

/// Recomputes every checksum; lists files missing, modified, or not in the manifest;
/// re-validates every archived signature against `anchors` at its archiving time.
pub fn verify(archive: &Archive, anchors: &[cms::cert::x509::Certificate]) -> Report {
    let mut report = Report {
        checked: archive.manifest.filer.len(),
        ..Report::default()
    };
    let mut listed = std::collections::HashSet::new();
    for e in &archive.manifest.filer {
        listed.insert(e.fil.clone());
        let path = match archive.checked_path(&e.fil) {
            Ok(p) => p,
            Err(why) => {
                report.findings.push(Finding::Signature {
                    fil: e.fil.clone(),
                    why,
                });
                continue;
            }
        };
        match std::fs::read(&path) {
            Err(_) => report.findings.push(Finding::Missing(e.fil.clone())),
            Ok(bytes) => {
                let sha = sha256_hex(&bytes);
                if sha != e.sha256 || bytes.len() as u64 != e.storlek {
                    report.findings.push(Finding::Modified {
                        fil: e.fil.clone(),
                        expected: e.sha256.clone(),
                        found: sha,
                    });
                } else if e.original.is_some() || e.signatur.is_some() {
                    report.signed += 1;
                    if let Err(why) = verify_signed(archive, e, &bytes, anchors, &mut report.notes)
                    {
                        report.findings.push(Finding::Signature {
                            fil: e.fil.clone(),
                            why,
                        });
                    }
                }
            }
        }
    }
    for t in &archive.stale_temporary {
        report.notes.push(format!(
            "{t}: en tillfällig fil kvar från en avbruten körning; den räknas inte (kansli archive tar bort den)"
        ));
    }
    for entry in walkdir::WalkDir::new(&archive.dir)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
    {
        if !entry.file_type().is_file() || is_temporary(&entry.file_name().to_string_lossy()) {
            continue;
        }
        let rel = relative(&archive.dir, entry.path());
        if rel == MANIFEST || rel == LOCK {
            continue;
        }
        if !listed.contains(&rel) {
            report.findings.push(Finding::Unlisted(rel));
        }
    }
    report
}

/// Re-validates the signatures of a signed entry, whose bytes match the manifest, as at
/// its archiving time; compares the verdicts with the recorded ones.
fn verify_signed(
    archive: &Archive,
    e: &Entry,
    bytes: &[u8],
    anchors: &[cms::cert::x509::Certificate],
    notes: &mut Vec<String>,
) -> Result<(), String> {
    let original = e
        .original
        .as_deref()
        .and_then(|o| archive.entry(o))
        .ok_or("originalet som den signerade filen bygger på finns inte i manifestet")?;
    let len = original.storlek as usize;
    if len >= bytes.len() || sha256_hex(&bytes[..len]) != original.sha256 {
        return Err(format!(
            "filen börjar inte längre med originalet {} (storlek och SHA-256 i manifestet)",
            original.fil
        ));
    }
    let archive_time = chrono::DateTime::parse_from_rfc3339(&e.arkiverad)
        .map(|t| t.with_timezone(&chrono::Utc))
        .map_err(|_| format!("arkiveringstiden \"{}\" går inte att läsa", e.arkiverad))?;
    let trust = signature::Trust {
        anchors: anchors.to_vec(),
        archive_time,
    };
    let now = signature::inspect(bytes, len, &trust)?;
    if e.signaturer.is_empty() {
        // Version 1: the signature was located, not verified. Now it is.
        for r in now.signaturer.iter().filter(|r| !r.betrodd) {
            notes.push(format!(
                "{}: {} är giltig men inte betrodd: {}",
                e.fil,
                r.label(),
                r.skäl.join("; ")
            ));
        }
        return Ok(());
    }
    if now.signaturer.len() != e.signaturer.len() {
        return Err(format!(
            "filen har {} signaturer och tidsstämplar, manifestet säger {}",
            now.signaturer.len(),
            e.signaturer.len()
        ));
    }
    for (then, now) in e.signaturer.iter().zip(&now.signaturer) {
        if then.giltig && !now.giltig {
            return Err(format!(
                "{} håller inte längre: {}",
                now.label(),
                now.skäl.join("; ")
            ));
        }
        if then.betrodd && !now.betrodd {
            return Err(format!(
                "{} är inte längre betrodd: {}",
                now.label(),
                now.skäl.join("; ")
            ));
        }
        if !then.betrodd && now.betrodd {
            notes.push(format!(
                "{}: {} är nu betrodd (var inte betrodd vid arkiveringen)",
                e.fil,
                now.label()
            ));
        } else if !now.betrodd {
            notes.push(format!(
                "{}: {} är giltig men inte betrodd: {}",
                e.fil,
                now.label(),
                now.skäl.join("; ")
            ));
        }
    }
    Ok(())
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
            signaturer: Vec::new(),
        }
    }

    #[test]
    fn names() {
        assert_eq!(
            archive_name(
                2023,
                DocKind::Tjansteskrivelse,
                Some("HSN/1798/2023"),
                "a.pdf"
            ),
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
    fn names_are_unique_per_document_and_kept() {
        let dir = tempfile::tempdir().unwrap();
        let mut a = Archive::open(dir.path(), true, || {}).unwrap();
        let doc = |kalla: &'static str| Identity {
            year: 2024,
            kind: DocKind::Rapport,
            dnr: None,
            namnd: "Hälso- och sjukvårdsnämnden",
            stem: "r",
            kalla,
        };
        let usual = "2024/utan-diarienummer/halso-och-sjukvardsnamnden/r-rapport.pdf";
        assert_eq!(
            a.name_for(&doc("a.yaml")).unwrap(),
            Naming::Name(usual.into())
        );
        let mut e = entry(usual, b"a");
        e.kalla = "a.yaml".into();
        a.store(e, b"a");
        assert_eq!(
            a.name_for(&doc("a.yaml")).unwrap(),
            Naming::Name(usual.into())
        );
        let other = a.name_for(&doc("b.yaml")).unwrap();
        assert!(matches!(&other, Naming::Disambiguated { taken, .. } if taken == usual));
        // Both names taken by other documents: a true collision, said as such.
        let mut e = entry(other.name(), b"b");
        e.kalla = "c.yaml".into();
        a.store(e, b"b");
        let err = a.name_for(&doc("b.yaml")).unwrap_err();
        assert!(err.starts_with("namnkollision"), "{err}");
        // A document archived under the version-1 name keeps it.
        let legacy = "2024/utan-diarienummer/r-rapport.pdf";
        let mut e = entry(legacy, b"d");
        e.kalla = "d.yaml".into();
        a.store(e, b"d");
        assert_eq!(
            a.name_for(&doc("d.yaml")).unwrap(),
            Naming::Name(legacy.into())
        );
    }

    #[test]
    fn manifest_paths_are_checked() {
        for good in ["2024/x/a.pdf", "a.pdf"] {
            assert!(check_fil(good).is_ok(), "{good}");
        }
        for bad in [
            "",
            "/etc/passwd",
            "../a.pdf",
            "2024/../../a.pdf",
            "2024//a.pdf",
            "./a.pdf",
            "2024/.kansli-x.tmp",
            "C:/a.pdf",
            "2024\\a.pdf",
            "manifest.json",
            "a\u{0}.pdf",
        ] {
            assert!(check_fil(bad).is_err(), "{bad:?}");
        }
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
        assert_eq!(verify(&a, &[]).findings, vec![]);
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
        let r = verify(&a, &[]);
        let f = r.findings;
        assert_eq!(r.checked, 2);
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
