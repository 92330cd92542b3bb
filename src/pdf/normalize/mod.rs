//! Normalising a bilaga so that each page becomes one self-contained, PDF/A-2 friendly Form
//! XObject inside the bilaga's own document:
//!
//! * annotations with an appearance are flattened into the page (widgets included),
//! * content streams are rewritten: marked content (BMC/BDC/EMC/MP/DP) and unknown
//!   operators are dropped (a span's `/ActualText` is kept, what the text layer reads for
//!   the glyphs it holds), hidden optional content is removed, DeviceCMYK colour operators
//!   become DeviceRGB, q/Q and BT/ET are balanced, inline images are cleaned,
//! * resources are pruned to what the content uses and sanitised (fonts, images, colour
//!   spaces, ExtGStates, shadings, patterns, nested forms),
//! * a page that cannot be kept conforming is rasterised (see `raster`).
//!
//! Every walk is bounded: nested forms by `Limits::max_depth` plus a visited set, content
//! streams by the tokenizer's own limits.
//!
//! Module map (one `Norm` walk, its methods split by subject):
//!
//! * this file — the driver: every page becomes a Form XObject or, failing that, an image;
//! * `state` — the walk's state (`Norm`) and the types the passes share;
//! * `optional` — which optional content is hidden by default;
//! * `annots` — flattening annotation appearances into the page;
//! * `fields` — drawing an appearance for a filled form field that has none (a helper of
//!   `annots` over the document alone, no `Norm`);
//! * `ops` — content-stream rewriting and the resource names a stream uses;
//! * `resources` — pruning and sanitising resource dictionaries (fonts, ExtGStates, colour
//!   spaces, shadings, patterns);
//! * `forms` — XObjects and Form XObjects (recursion into nested content, groups);
//! * `images` — image XObjects and inline images (CMYK → RGB, decoding to samples).
//!
//! The passes call each other through `Norm`'s methods (forms hold content streams, content
//! streams name forms) but import only `state`, which imports none of them; this file also
//! uses `optional` and re-exports `images::expand_filter` (for `place`).

mod annots;
mod fields;
mod forms;
mod images;
mod ops;
mod optional;
mod resources;
mod state;

use std::collections::{BTreeMap, BTreeSet};

use lopdf::{Dictionary, Object, ObjectId, Stream};

use super::content;
use super::error::{PageNote, PdfError};
use super::read::{Bilaga, Limits, PageEntry, RawPage, resolve};
use optional::hidden_ocgs;
use state::{Fail, Norm, R};

pub(crate) use images::expand_filter;

pub(crate) fn normalize(
    b: &mut Bilaga,
    raw: Vec<RawPage>,
    limits: &Limits,
    original: &[u8],
) -> Result<(), PdfError> {
    let doc = std::mem::take(&mut b.doc);
    let mut n = Norm {
        ocg_off: hidden_ocgs(&doc),
        doc,
        limits,
        original,
        fonts: BTreeMap::new(),
        fonts_done: BTreeSet::new(),
        forms_done: BTreeSet::new(),
        forms_active: BTreeSet::new(),
        images_done: BTreeSet::new(),
        empty_form: None,
        notes: Vec::new(),
        renderer: None,
    };
    let mut pages = Vec::with_capacity(raw.len());
    for (k, page) in raw.iter().enumerate() {
        n.notes.clear();
        n.forms_active.clear();
        let entry = match n.page(page) {
            Ok(e) => e,
            Err(Fail::Hard(e)) => return Err(e),
            Err(Fail::Raster(reason)) => n.raster_page(k, page, reason)?,
        };
        pages.push(entry);
    }
    // The original page tree, annotations, outlines etc. stay in `doc` but are never
    // imported: `place` copies only what the page forms reach.
    b.doc = n.doc;
    b.pages = pages;
    Ok(())
}

impl Norm<'_> {
    fn page(&mut self, page: &RawPage) -> R<PageEntry> {
        let content = self.page_content(page.id)?;
        let res = super::read::resources_dict(&self.doc, page.resources.as_ref());
        let annots = self.flatten_annotations(page.id)?;
        let (mut bytes, mut new_res) = self.process_stream(&content, &res, 0)?;
        if !annots.is_empty() {
            let mut xobjects = new_res
                .get(b"XObject")
                .ok()
                .and_then(|o| o.as_dict().ok())
                .cloned()
                .unwrap_or_default();
            for (i, (form, m)) in annots.iter().enumerate() {
                self.process_form(*form, &res, 1)?;
                let name = format!("KansliAnnot{i}");
                xobjects.set(name.as_bytes().to_vec(), Object::Reference(*form));
                bytes.extend_from_slice(
                    format!(
                        "q {} {} {} {} {} {} cm /{name} Do Q\n",
                        content::real(m[0]),
                        content::real(m[1]),
                        content::real(m[2]),
                        content::real(m[3]),
                        content::real(m[4]),
                        content::real(m[5])
                    )
                    .as_bytes(),
                );
            }
            new_res.set("XObject", Object::Dictionary(xobjects));
        }
        let b = page.crop_box;
        let mut dict = Dictionary::new();
        dict.set("Type", Object::Name(b"XObject".to_vec()));
        dict.set("Subtype", Object::Name(b"Form".to_vec()));
        dict.set(
            "BBox",
            Object::Array(b.iter().map(|v| Object::Real(*v as f32)).collect()),
        );
        dict.set("Resources", Object::Dictionary(new_res));
        if let Some(group) = self
            .doc
            .get_dictionary(page.id)
            .ok()
            .and_then(|p| p.get(b"Group").ok())
            .cloned()
            && let Some(g) = self.sanitize_group(&group)?
        {
            dict.set("Group", g);
        }
        let mut st = Stream::new(dict, bytes);
        let _ = st.compress();
        let form = self.doc.add_object(st);
        Ok(PageEntry {
            form,
            bbox: b,
            rotate: page.rotate,
            user_unit: page.user_unit,
            notes: std::mem::take(&mut self.notes),
        })
    }

    fn raster_page(
        &mut self,
        k: usize,
        page: &RawPage,
        reason: String,
    ) -> Result<PageEntry, PdfError> {
        if self.renderer.is_none() {
            // (A form's ticked boxes drawn as ticked: `with_chosen_appearances`; where
            // the renderer does not take that copy, the original.)
            let patched = super::raster::with_chosen_appearances(self.original, self.limits)
                .and_then(|b| super::raster::Renderer::new(&b).ok());
            self.renderer = Some(match patched {
                Some(r) => Ok(r),
                None => super::raster::Renderer::new(self.original),
            });
        }
        let renderer = match self.renderer.as_ref() {
            Some(Ok(r)) => r,
            Some(Err(e)) => {
                return Err(PdfError::Unsupported(format!(
                    "sidan {} kan inte rastreras: {e}",
                    k + 1
                )));
            }
            None => unreachable!(),
        };
        let (w, h) = {
            let bw = (page.crop_box[2] - page.crop_box[0]) * page.user_unit;
            let bh = (page.crop_box[3] - page.crop_box[1]) * page.user_unit;
            if page.rotate % 180 == 0 {
                (bw, bh)
            } else {
                (bh, bw)
            }
        };
        let img = renderer
            .render(k, self.limits.raster_dpi, w, h)
            .map_err(|e| {
                PdfError::Unsupported(format!("sidan {} kan inte rastreras: {e}", k + 1))
            })?;
        let form = super::raster::image_form(&mut self.doc, &img, w, h);
        Ok(PageEntry {
            form,
            bbox: [0.0, 0.0, w, h],
            rotate: 0,
            user_unit: 1.0,
            notes: vec![PageNote {
                rasterised: true,
                text: reason,
            }],
        })
    }

    fn page_content(&self, page: ObjectId) -> R<Vec<u8>> {
        let dict = self
            .doc
            .get_dictionary(page)
            .map_err(|_| self.hard("en sida saknas".into()))?;
        let refs: Vec<Object> = match dict.get(b"Contents") {
            Err(_) | Ok(Object::Null) => return Ok(Vec::new()),
            Ok(Object::Array(a)) => a.clone(),
            Ok(o @ Object::Reference(_)) => match resolve(&self.doc, o) {
                Object::Array(a) => a.clone(),
                _ => vec![o.clone()],
            },
            Ok(o) => vec![o.clone()],
        };
        let mut out = Vec::new();
        for r in refs.iter().take(10_000) {
            match resolve(&self.doc, r) {
                Object::Stream(s) => {
                    let data = self.decode(s).map_err(|e| match e.contains("tillåtet") {
                        true => Fail::Hard(PdfError::TooLarge(format!("sidans innehåll: {e}"))),
                        false => self.hard(format!("sidans innehåll: {e}")),
                    })?;
                    if out.len() + data.len() > self.limits.max_stream_bytes {
                        return Err(Fail::Hard(PdfError::TooLarge(
                            "sidans innehåll är för stort".into(),
                        )));
                    }
                    out.extend_from_slice(&data);
                    out.push(b'\n');
                }
                Object::Null => {
                    if let Object::Reference(id) = r {
                        return Err(self.hard(format!(
                            "sidans innehåll (objekt {} {} R) saknas",
                            id.0, id.1
                        )));
                    }
                }
                _ => return Err(self.hard("sidans innehåll är inte en ström".into())),
            }
        }
        Ok(out)
    }
}
