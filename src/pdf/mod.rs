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
//! (Figure tagging), `place` (the pack side).

mod colour;
mod content;
mod error;
mod fonts;
mod glyphs;
mod normalize;
mod place;
mod raster;
mod read;
pub mod sigfields;
mod structure;
mod subset;

pub use error::{PdfError, Warning};

/// Run `f` on a helper thread with a large stack: lopdf's parser and hayro's interpreter
/// recurse (bounded, but deeper than a 2 MB test thread comfortably allows). A panic in a
/// dependency becomes a `PdfError` instead of unwinding into the caller.
fn with_big_stack<T: Send>(
    what: &str,
    f: impl FnOnce() -> Result<T, PdfError> + Send,
) -> Result<T, PdfError> {
    const STACK: usize = 64 << 20; // reserved lazily by the OS; only touched pages cost memory
    std::thread::scope(|s| {
        let handle = std::thread::Builder::new()
            .name("kansli-pdf".into())
            .stack_size(STACK)
            .spawn_scoped(s, f);
        match handle {
            Ok(h) => h
                .join()
                .unwrap_or_else(|_| Err(PdfError::Damaged(format!("{what} avbröts oväntat")))),
            // No thread available: run here.
            Err(_) => Err(PdfError::Damaged(format!(
                "{what}: ingen tråd kunde startas"
            ))),
        }
    })
}
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
