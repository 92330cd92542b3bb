//! PDF post-processing for kansli: placing *bilagor* (arbitrary real-world PDFs) into the
//! meeting pack Typst made, keeping the pack PDF/A-2a + PDF/UA-1.
//!
//! Typst 0.15 refuses to embed PDFs when exporting PDF/A, so Typst lays out the pack with
//! placeholder pages and [`place`] draws the bilaga pages into them afterwards:
//!
//! ```ignore
//! let bilaga = Bilaga::open_named(&bytes, &Limits::default(), "Bilaga 2 (avtal.pdf)")?;
//! let placements: Vec<Placement> = (0..bilaga.page_count()).map(|k| Placement {
//!     pack_page: first_placeholder + k, bilaga: &bilaga, page: k,
//!     rect: [36.0, 48.0, 559.0, 806.0],
//!     alt: format!("Bilaga 2: Avtal, sida {} av {}", k + 1, bilaga.page_count()),
//! }).collect();
//! let (pdf, warnings) = place(&pack_bytes, &placements)?;
//! ```
//!
//! Module map: `read` (pre-scan, loading, page tree), `normalize` (per-page sanitising into
//! a Form XObject), `content` (content-stream tokenizer), `fonts` + `glyphs` + `subset`
//! (Liberation substitutes), `colour` (CMYK → RGB), `raster` (hayro), `structure`
//! (Figure tagging), `place` (the pack side), `bookmarks` (the outline's titles with
//! plain spaces).

pub mod bookmarks;
mod colour;
mod content;
mod error;
mod fonts;
mod glyphs;
pub mod markinfo;
mod normalize;
mod open;
mod place;
mod raster;
mod read;
pub mod sigfields;
mod structure;
mod subset;

pub use error::{PdfError, Warning};

pub use place::{Placement, place};
pub use read::{Bilaga, Limits};

#[cfg(test)]
mod send_check {
    fn assert_send<T: Send>() {}
    #[test]
    fn documents_are_send() {
        assert_send::<lopdf::Document>();
        assert_send::<super::Bilaga>();
        fn assert_sync<T: Sync>() {}
        assert_sync::<super::Bilaga>();
    }
}
