//! Bilagor read once per build: every pack (and every tjänsteskrivelse that lists one)
//! asks this cache, so a bilaga used by several meetings is parsed and normalised once.
//! Entries are keyed by path, size and modification time, so `watch` sees a new
//! version; an older version of the same path is dropped when a new one is read.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::SystemTime;

use crate::pdf::{Bilaga, Limits};

type Slot = Arc<OnceLock<Result<Arc<Bilaga>, String>>>;
/// A file's size and modification time: a new version of a bilaga has another.
type Stamp = (u64, Option<SystemTime>);

#[derive(Default)]
pub struct BilagaCache {
    slots: Mutex<HashMap<PathBuf, (Stamp, Slot)>>,
}

impl BilagaCache {
    /// The parsed bilaga, or a Swedish reason why it cannot be used.
    pub fn get(&self, path: &Path) -> Result<Arc<Bilaga>, String> {
        let stamp = std::fs::metadata(path)
            .map(|m| (m.len(), m.modified().ok()))
            .map_err(|e| format!("kan inte läsa filen: {}", crate::diag::io_sv(&e)))?;
        let slot = {
            let mut slots = self.slots.lock().unwrap_or_else(|e| e.into_inner());
            match slots.get(path) {
                Some((s, slot)) if *s == stamp => slot.clone(),
                _ => {
                    let slot: Slot = Arc::default();
                    slots.insert(path.to_path_buf(), (stamp, slot.clone()));
                    slot
                }
            }
        };
        slot.get_or_init(|| open(path)).clone()
    }

    /// The visible page sizes of a bilaga, or `None` when it cannot be read.
    pub fn page_sizes(&self, path: &Path) -> Option<Vec<(f64, f64)>> {
        let b = self.get(path).ok()?;
        Some((0..b.page_count()).map(|k| b.page_size(k)).collect())
    }
}

fn open(path: &Path) -> Result<Arc<Bilaga>, String> {
    let bytes = std::fs::read(path)
        .map_err(|e| format!("kan inte läsa filen: {}", crate::diag::io_sv(&e)))?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "bilagan".into());
    Bilaga::open_named(&bytes, &Limits::default(), &name)
        .map(Arc::new)
        .map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture(name: &str) -> Vec<u8> {
        std::fs::read(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/fixtures/bilagor")
                .join(name),
        )
        .unwrap()
    }

    #[test]
    fn a_bilaga_is_read_once_until_it_changes() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("avtal.pdf");
        std::fs::write(&path, fixture("text-helvetica.pdf")).unwrap();
        let cache = BilagaCache::default();
        let first = cache.get(&path).unwrap();
        let again = cache.get(&path).unwrap();
        assert!(Arc::ptr_eq(&first, &again), "read twice");
        assert_eq!(cache.page_sizes(&path).unwrap().len(), first.page_count());
        // A new version (another size) is read anew; the old one is let go.
        std::fs::write(&path, fixture("a3-landscape.pdf")).unwrap();
        let changed = cache.get(&path).unwrap();
        assert!(!Arc::ptr_eq(&first, &changed));
        assert_eq!(cache.slots.lock().unwrap().len(), 1);
    }

    #[test]
    fn an_unreadable_bilaga_gives_a_swedish_reason() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("losen.pdf");
        std::fs::write(&path, fixture("user-password.pdf")).unwrap();
        let cache = BilagaCache::default();
        let err = cache.get(&path).unwrap_err();
        assert!(err.contains("lösenord"), "{err}");
        assert!(cache.page_sizes(&path).is_none());
        let missing = cache.get(&dir.path().join("saknas.pdf")).unwrap_err();
        assert!(missing.contains("kan inte läsa filen"), "{missing}");
    }
}
