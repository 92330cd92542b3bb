//! Incremental builds: an output is rebuilt only when something it read has changed.
//!
//! After a document is built, the cache (`<utdata>/.kansli-bygge.json`, written
//! atomically) records every file it read (its YAML, ärenden, bilagor, the template and
//! profile files it uses, whether or not the project overrides them) and every PDF it
//! wrote, each with size, modification time and SHA-256. A whole-run key covers what
//! every document depends on: kansli's and Typst's versions, the PDF standards, the
//! output folder, `kansli.yaml` and the project's fonts.
//!
//! A document is skipped when the run key is the same, every file it read is unchanged
//! and every PDF it wrote is still there with the bytes it wrote. Checking trusts size
//! and modification time, and hashes only a file whose size or time differs (a file
//! touched without a change is still fresh). Documents whose last build had any
//! diagnostic (an error, or a warning worth repeating) are never skipped.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::UNIX_EPOCH;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// The cache file's name inside the output folder.
pub const FILE: &str = ".kansli-bygge.json";
const VERSION: u32 = 1;

/// One file as it was: absent, or present with size, time and content hash.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Seen {
    pub path: PathBuf,
    /// `None` when the file did not exist (an override a project could add).
    pub size: Option<u64>,
    pub mtime_ns: Option<u128>,
    pub sha256: Option<String>,
}

/// What one input's last build that wrote files read and wrote.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Entry {
    pub reads: Vec<Seen>,
    pub wrote: Vec<Seen>,
    /// Pages per output, for the summary.
    pub pages: Vec<usize>,
    /// Built without a diagnostic: only such a build is skipped next time (one with a
    /// warning is built again, to show it). Recorded either way, so that what it
    /// wrote is known (`Cache::earlier`).
    #[serde(default)]
    pub clean: bool,
}

#[derive(Debug, Default, Serialize, Deserialize)]
struct Stored {
    version: u32,
    key: String,
    /// The output folder the cache was written for, canonical.
    #[serde(default)]
    out: Option<PathBuf>,
    /// The project's root folder then, canonical (absent in caches written before it
    /// was recorded).
    #[serde(default)]
    root: Option<PathBuf>,
    entries: BTreeMap<PathBuf, Entry>,
}

/// The cache for one run.
pub struct Cache {
    path: PathBuf,
    key: String,
    out: Option<PathBuf>,
    root: Option<PathBuf>,
    old: BTreeMap<PathBuf, Entry>,
    /// The entries of the stored cache whatever its run key (another kansli, another
    /// `kansli.yaml`), when it was written for this output folder: what each input
    /// wrote at its last build.
    earlier: BTreeMap<PathBuf, Entry>,
    new: Mutex<BTreeMap<PathBuf, Entry>>,
}

fn stat(path: &Path) -> Option<(u64, u128)> {
    let m = std::fs::metadata(path).ok()?;
    let t = m
        .modified()
        .ok()
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    Some((m.len(), t))
}

fn sha256_file(path: &Path) -> Option<String> {
    let bytes = std::fs::read(path).ok()?;
    Some(sha256_hex(&bytes))
}

fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

impl Seen {
    /// The file as it is now (hashing it).
    pub fn now(path: &Path) -> Seen {
        match stat(path) {
            Some((size, mtime)) => Seen {
                path: path.to_path_buf(),
                size: Some(size),
                mtime_ns: Some(mtime),
                sha256: sha256_file(path),
            },
            None => Seen {
                path: path.to_path_buf(),
                size: None,
                mtime_ns: None,
                sha256: None,
            },
        }
    }

    /// A file just written with these bytes.
    pub fn written(path: &Path, bytes: &[u8]) -> Seen {
        let (size, mtime) = stat(path).unwrap_or((bytes.len() as u64, 0));
        Seen {
            path: path.to_path_buf(),
            size: Some(size),
            mtime_ns: Some(mtime),
            sha256: Some(sha256_hex(bytes)),
        }
    }

    /// Is the file still as it was? Size and time first; the hash only if they differ.
    pub fn unchanged(&self) -> bool {
        match (stat(&self.path), self.size) {
            (None, None) => true,
            (None, Some(_)) | (Some(_), None) => false,
            (Some((size, mtime)), Some(old)) => {
                if size != old {
                    return false;
                }
                if Some(mtime) == self.mtime_ns {
                    return true;
                }
                sha256_file(&self.path) == self.sha256
            }
        }
    }
}

impl Cache {
    /// Opens the cache of `out_dir` for a run of the project at `root` whose whole-run
    /// key is `key`. A missing, unreadable or outdated cache is an empty one.
    ///
    /// A cache written where the project was before it was moved or copied (with its
    /// output folder: `cp -a`, a restored backup, a CI cache) names the files where they
    /// were: its paths are read as the same files where they are now (`moved`), so
    /// that what a document wrote at its last build is still known and, if it fails
    /// now, removed (review 45: a copied project's failed build left the whole earlier
    /// meeting in out/ without a word).
    pub fn open(out_dir: &Path, key: String, root: &Path) -> Cache {
        let path = out_dir.join(FILE);
        let out = std::fs::canonicalize(out_dir).ok();
        let root = std::fs::canonicalize(root).ok();
        let stored = std::fs::read(&path)
            .ok()
            .and_then(|b| serde_json::from_slice::<Stored>(&b).ok())
            .filter(|s| s.version == VERSION)
            .map(|s| moved(s, out.as_deref(), root.as_deref()));
        let (old, earlier) = match stored {
            Some(s) => {
                let earlier = if s.out.is_some() && s.out == out {
                    s.entries.clone()
                } else {
                    BTreeMap::new()
                };
                let old = if s.key == key {
                    s.entries
                } else {
                    BTreeMap::new()
                };
                (old, earlier)
            }
            None => Default::default(),
        };
        Cache {
            path,
            key,
            out,
            root,
            old,
            earlier,
            new: Mutex::default(),
        }
    }

    /// What `input` wrote at its last build into this output folder (see `earlier`).
    pub fn earlier(&self, input: &Path) -> &[Seen] {
        self.earlier.get(input).map_or(&[], |e| &e.wrote)
    }

    /// The recorded entry of `input`, if its last build was clean and everything it
    /// read and wrote is unchanged.
    pub fn fresh(&self, input: &Path) -> Option<&Entry> {
        let e = self.old.get(input)?;
        let ok = e.clean
            && !e.wrote.is_empty()
            && e.reads.iter().all(Seen::unchanged)
            && e.wrote.iter().all(Seen::unchanged);
        ok.then_some(e)
    }

    /// The bytes and page count of an output an unchanged input wrote last time, read
    /// from disk and checked against the hash recorded when it was written (always
    /// hashed: the archive stores what this returns).
    pub fn reuse(entry: &Entry, output: &Path) -> Option<(Vec<u8>, usize)> {
        let pdfs: Vec<&Seen> = entry
            .wrote
            .iter()
            .filter(|s| s.path.extension().is_some_and(|e| e == "pdf"))
            .collect();
        let i = pdfs.iter().position(|s| s.path == output)?;
        let pages = *entry.pages.get(i)?;
        let want = pdfs[i].sha256.as_deref()?;
        let bytes = std::fs::read(output).ok()?;
        (sha256_hex(&bytes) == want).then_some((bytes, pages))
    }

    /// Records what a document read and wrote (or keeps the old entry of a skipped one).
    pub fn record(&self, input: &Path, entry: Entry) {
        self.new
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(input.to_path_buf(), entry);
    }

    /// Writes the cache: the entries of this run, plus those of inputs not built in it
    /// (a build of one folder keeps what another folder's build recorded).
    pub fn save(self) -> std::io::Result<()> {
        let mut entries = self.old;
        entries.extend(self.new.into_inner().unwrap_or_else(|e| e.into_inner()));
        // (Canonical once the folder exists: at `open` a first build's is not there yet.)
        let dir = self.path.parent().unwrap_or(Path::new("."));
        std::fs::create_dir_all(dir)?;
        let stored = Stored {
            version: VERSION,
            key: self.key,
            out: self.out.or_else(|| std::fs::canonicalize(dir).ok()),
            root: self.root,
            entries,
        };
        let bytes = serde_json::to_vec(&stored).map_err(std::io::Error::other)?;
        super::output::write_output(&self.path, &bytes)
    }
}

/// A stored cache whose output folder was `s.out` read for the output folder `out`
/// of the project at `root`: a path in the old output folder is the same path in the
/// new one, and a path in the old project (its root recorded, or found as the new
/// root's place relative to the new output folder, for a cache that did not record
/// it) the same path in the new project. A cache of this output folder, or one
/// whose old places are unknown, is left as it is.
fn moved(mut s: Stored, out: Option<&Path>, root: Option<&Path>) -> Stored {
    let (Some(old_out), Some(out)) = (s.out.clone(), out) else {
        return s;
    };
    // (The project may have moved with its output folder where it was, `--out`
    // outside it: its recorded root says so.)
    if old_out == out && (s.root.is_none() || s.root.as_deref() == root) {
        return s;
    }
    let old_root = s.root.clone().or_else(|| {
        // `<root>/out` then and now: the old root is the old output folder less the
        // same tail.
        let tail = out.strip_prefix(root?).ok()?;
        let mut r = old_out.clone();
        for _ in tail.components() {
            r = r.parent()?.to_path_buf();
        }
        (r.join(tail) == old_out).then_some(r)
    });
    let rebase = |p: &Path| -> PathBuf {
        if let Ok(rest) = p.strip_prefix(&old_out) {
            return out.join(rest);
        }
        if let (Some(from), Some(to)) = (&old_root, root)
            && let Ok(rest) = p.strip_prefix(from)
        {
            return to.join(rest);
        }
        p.to_path_buf()
    };
    s.entries = std::mem::take(&mut s.entries)
        .into_iter()
        .map(|(input, mut e)| {
            for seen in e.reads.iter_mut().chain(e.wrote.iter_mut()) {
                seen.path = rebase(&seen.path);
            }
            (rebase(&input), e)
        })
        .collect();
    s.out = Some(out.to_path_buf());
    s.root = root.map(Path::to_path_buf);
    s
}

/// The whole-run key: what every document depends on.
pub fn run_key(parts: &[&str], files: &[PathBuf]) -> String {
    let mut h = Sha256::new();
    for p in parts {
        h.update(p.as_bytes());
        h.update([0]);
    }
    for f in files {
        h.update(f.to_string_lossy().as_bytes());
        match std::fs::read(f) {
            Ok(b) => h.update(Sha256::digest(&b)),
            Err(_) => h.update(b"-"),
        }
    }
    h.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_touched_but_unchanged_file_is_fresh_and_a_changed_one_is_not() {
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("a.yaml");
        std::fs::write(&f, "rubrik: A\n").unwrap();
        let seen = Seen::now(&f);
        assert!(seen.unchanged());
        // Same bytes, new time: hashed, still unchanged.
        std::thread::sleep(std::time::Duration::from_millis(20));
        std::fs::write(&f, "rubrik: A\n").unwrap();
        assert!(seen.unchanged());
        // Same size, other bytes.
        std::fs::write(&f, "rubrik: B\n").unwrap();
        assert!(!seen.unchanged());
        std::fs::remove_file(&f).unwrap();
        assert!(!seen.unchanged());
        // An absent override stays fresh until it appears.
        let absent = Seen::now(&dir.path().join("mall.typ.j2"));
        assert!(absent.unchanged());
        std::fs::write(dir.path().join("mall.typ.j2"), "x").unwrap();
        assert!(!absent.unchanged());
    }

    #[test]
    fn a_moved_projects_cache_names_its_files_where_they_are_now() {
        let seen = |p: &str| Seen {
            path: PathBuf::from(p),
            size: Some(1),
            mtime_ns: Some(1),
            sha256: Some("x".into()),
        };
        let stored = |root: Option<&str>| Stored {
            version: VERSION,
            key: "k".into(),
            out: Some("/a/p/out".into()),
            root: root.map(PathBuf::from),
            entries: BTreeMap::from([(
                PathBuf::from("/a/p/content/x.yaml"),
                Entry {
                    reads: vec![seen("/a/p/content/x.yaml"), seen("/usr/share/y")],
                    wrote: vec![seen("/a/p/out/x.pdf")],
                    pages: vec![1],
                    clean: true,
                },
            )]),
        };
        // With its root recorded, and (an older cache) without: found from out/.
        for root in [Some("/a/p"), None] {
            let s = moved(
                stored(root),
                Some(Path::new("/b/q/out")),
                Some(Path::new("/b/q")),
            );
            let (input, e) = s.entries.iter().next().unwrap();
            assert_eq!(input, Path::new("/b/q/content/x.yaml"));
            assert_eq!(e.reads[0].path, Path::new("/b/q/content/x.yaml"));
            // (A file outside the project is where it was.)
            assert_eq!(e.reads[1].path, Path::new("/usr/share/y"));
            assert_eq!(e.wrote[0].path, Path::new("/b/q/out/x.pdf"));
            assert_eq!(s.out.as_deref(), Some(Path::new("/b/q/out")));
        }
        // An output folder elsewhere (`--out`): its files follow it; the project's
        // inputs, whose old root is unknown, keep their paths.
        let s = moved(
            stored(None),
            Some(Path::new("/c/utdata")),
            Some(Path::new("/b/q")),
        );
        let e = s.entries.values().next().unwrap();
        assert_eq!(e.wrote[0].path, Path::new("/c/utdata/x.pdf"));
        assert_eq!(e.reads[0].path, Path::new("/a/p/content/x.yaml"));
        // The same output folder, with no root recorded: as stored.
        let s = moved(
            stored(None),
            Some(Path::new("/a/p/out")),
            Some(Path::new("/b/q")),
        );
        assert!(s.entries.contains_key(Path::new("/a/p/content/x.yaml")));
        // The same output folder outside the project (`--out`), the project moved: its
        // inputs where they are now.
        let mut elsewhere = stored(Some("/a/p"));
        elsewhere.out = Some("/c/utdata".into());
        for e in elsewhere.entries.values_mut() {
            e.wrote = vec![seen("/c/utdata/x.pdf")];
        }
        let s = moved(
            elsewhere,
            Some(Path::new("/c/utdata")),
            Some(Path::new("/b/q")),
        );
        let (input, e) = s.entries.iter().next().unwrap();
        assert_eq!(input, Path::new("/b/q/content/x.yaml"));
        assert_eq!(e.wrote[0].path, Path::new("/c/utdata/x.pdf"));
    }

    #[test]
    fn the_cache_round_trips_and_a_new_key_empties_it() {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("a.yaml");
        let pdf = dir.path().join("a.pdf");
        std::fs::write(&input, "x").unwrap();
        std::fs::write(&pdf, "%PDF").unwrap();
        let c = Cache::open(dir.path(), "k1".into(), dir.path());
        c.record(
            &input,
            Entry {
                reads: vec![Seen::now(&input)],
                wrote: vec![Seen::written(&pdf, b"%PDF")],
                pages: vec![1],
                clean: true,
            },
        );
        c.save().unwrap();
        let c = Cache::open(dir.path(), "k1".into(), dir.path());
        assert!(c.fresh(&input).is_some());
        std::fs::write(&pdf, "%PDX").unwrap();
        assert!(c.fresh(&input).is_none(), "a changed output is rebuilt");
        assert!(
            Cache::open(dir.path(), "k2".into(), dir.path())
                .fresh(&input)
                .is_none()
        );
    }
}
