//! Opening a bilaga: read it (with limits) and normalise every page, on a thread with
//! a large stack. Kept apart from `read` so that reading never depends on normalising
//! (normalising depends on reading).

use super::error::PdfError;
use super::read::{Bilaga, Limits, load, walk_pages};

impl Bilaga {
    /// Parse and normalise a bilaga. The display name used in warnings is "bilagan" until
    /// [`Bilaga::set_name`] is called (or use [`Bilaga::open_named`]).
    pub fn open(bytes: &[u8], limits: &Limits) -> Result<Bilaga, PdfError> {
        Self::open_named(bytes, limits, "bilagan")
    }

    /// As [`Bilaga::open`], with the name warnings use (e.g. "Bilaga 2 (avtal.pdf)").
    pub fn open_named(bytes: &[u8], limits: &Limits, name: &str) -> Result<Bilaga, PdfError> {
        super::error::with_big_stack("inläsningen", || Self::open_inner(bytes, limits, name))
    }

    fn open_inner(bytes: &[u8], limits: &Limits, name: &str) -> Result<Bilaga, PdfError> {
        let doc = load(bytes, limits)?;
        let raw_pages = walk_pages(&doc, limits)?;
        let mut bilaga = Bilaga {
            name: name.to_string(),
            doc,
            pages: Vec::new(),
        };
        super::normalize::normalize(&mut bilaga, raw_pages, limits, bytes)?;
        Ok(bilaga)
    }
}
