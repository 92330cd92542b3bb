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

#[derive(Default)]
pub struct BilagaCache {
    slots: Mutex<HashMap<PathBuf, ((u64, Option<SystemTime>), Slot)>>,
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
    let bytes =
        std::fs::read(path).map_err(|e| format!("kan inte läsa filen: {}", crate::diag::io_sv(&e)))?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "bilagan".into());
    Bilaga::open_named(&bytes, &Limits::default(), &name)
        .map(Arc::new)
        .map_err(|e| e.to_string())
}
