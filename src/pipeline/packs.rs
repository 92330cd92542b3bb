//! Filling a typeset meeting pack: every placeholder page the template laid out (a
//! `metadata((key, page, w, h)) <kansli-bilaga>` at the top-left of the area kept free)
//! gets its bilaga page, drawn and tagged by [`crate::pdf::place`].

use std::collections::BTreeSet;
use std::sync::Arc;

use crate::diag::{Diagnostic, Diagnostics};
use crate::pdf::{self, Bilaga, Placement};
use crate::render::pack::PackBilaga;
use crate::typeset::Typeset;

/// The label of the placeholders' metadata.
pub const MARK: &str = "kansli-bilaga";

/// The pack with its bilaga pages, or `None` with the reasons in `diags`. Warnings
/// (a page that had to be rasterised) are added to `diags` too, at the bilaga's field.
pub fn place(
    bilagor: &[PackBilaga],
    opened: &[Arc<Bilaga>],
    typeset: &Typeset,
    diags: &mut Diagnostics,
) -> Option<Vec<u8>> {
    let mut placements = Vec::new();
    let mut seen: BTreeSet<(usize, usize)> = BTreeSet::new();
    for mark in typeset.marks.iter().filter(|m| m.label == MARK) {
        let num = |k: &str| mark.value.get(k).and_then(serde_json::Value::as_f64);
        let (Some(key), Some(page), Some(w), Some(h)) =
            (num("key"), num("page"), num("w"), num("h"))
        else {
            continue;
        };
        let (key, page) = (key as usize, page as usize);
        let (Some(meta), Some(bilaga)) = (bilagor.get(key), opened.get(key)) else {
            continue;
        };
        if page >= bilaga.page_count() || !seen.insert((key, page)) {
            continue;
        }
        // Typst measures from the top-left corner, PDF from the bottom-left.
        let top = mark.page_height - mark.y;
        placements.push(Placement {
            pack_page: mark.page,
            bilaga,
            page,
            rect: [mark.x, top - h, mark.x + w, top],
            alt: format!(
                "{}, sida {} av {}",
                meta.label,
                page + 1,
                bilaga.page_count()
            ),
        });
    }
    // A template that leaves out a page would silently drop part of a bilaga.
    for (meta, bilaga) in bilagor.iter().zip(opened) {
        let placed = (0..bilaga.page_count())
            .filter(|k| seen.contains(&(meta.key, *k)))
            .count();
        if placed != bilaga.page_count() {
            diags.push(
                Diagnostic::error(format!(
                    "mallen lade ut plats för {placed} av {} sidor i {}; handlingarna görs inte",
                    bilaga.page_count(),
                    meta.label
                ))
                .at(&meta.source, meta.pos)
                .field(&meta.field),
            );
        }
    }
    if diags.has_errors() {
        return None;
    }
    match pdf::place(&typeset.pdf, &placements) {
        Ok((bytes, warnings)) => {
            for w in warnings {
                let at = bilagor
                    .iter()
                    .zip(opened)
                    .find(|(_, b)| w.message.starts_with(b.name()))
                    .map(|(m, _)| m)
                    .or(bilagor.first());
                let mut d = Diagnostic::warning(w.message.clone());
                if let Some(m) = at {
                    d = d.at(&m.source, m.pos).field(&m.field);
                }
                diags.push(d);
            }
            Some(bytes)
        }
        Err(e) => {
            let mut d = Diagnostic::error(e.to_string());
            if let Some(m) = bilagor.first() {
                d = d.at(&m.source, m.pos).field(&m.field);
            }
            diags.push(d);
            None
        }
    }
}
