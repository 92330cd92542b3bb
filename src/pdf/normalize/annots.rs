//! Annotations: those with a normal appearance that print (and every widget) are flattened
//! into the page as Form XObjects mapped onto their /Rect (ISO 32000-1 12.5.5); links and
//! popups are dropped; a filled text or choice field without an appearance gets one drawn
//! from its value (`fields`), any other field with a value but no appearance a page note.

use lopdf::{Dictionary, Document, Object, ObjectId};

use super::super::content;
use super::super::error::PageNote;
use super::super::read::{rect_of, resolve};
use super::state::{Norm, R};

impl Norm<'_> {
    /// Appearance streams to draw (form id, matrix mapping the appearance into /Rect).
    pub(super) fn flatten_annotations(&mut self, page: ObjectId) -> R<Vec<(ObjectId, [f64; 6])>> {
        let doc = &self.doc;
        let annots: Vec<Object> = doc
            .get_dictionary(page)
            .ok()
            .and_then(|p| p.get(b"Annots").ok())
            .map(|o| resolve(doc, o))
            .and_then(|o| o.as_array().ok())
            .cloned()
            .unwrap_or_default();
        let mut out = Vec::new();
        let mut notes: Vec<PageNote> = Vec::new();
        let mut unseen = Vec::new();
        // With /NeedAppearances the form's appearances are not to be trusted (ISO 32000-1
        // 12.7.2): a filled form often keeps its blank template's, and a viewer draws the
        // values instead; so is a text or choice field's value drawn here.
        let regenerate = super::fields::need_appearances(doc);
        for a in annots.iter().take(10_000) {
            let Ok(ad) = resolve(doc, a).as_dict() else {
                continue;
            };
            let subtype = ad
                .get(b"Subtype")
                .ok()
                .and_then(|o| o.as_name().ok())
                .unwrap_or(b"");
            if matches!(subtype, b"Link" | b"Popup") {
                continue;
            }
            let flags = ad
                .get(b"F")
                .ok()
                .map(|o| resolve(doc, o))
                .and_then(|o| o.as_i64().ok())
                .unwrap_or(0);
            let hidden = flags & 2 != 0 || flags & 32 != 0;
            let print = flags & 4 != 0;
            if hidden || (subtype != b"Widget" && !print) {
                continue;
            }
            if let Ok(oc) = ad.get(b"OC")
                && self.oc_hidden(oc)
            {
                continue;
            }
            let Some(rect) = ad.get(b"Rect").ok().and_then(|r| rect_of(doc, r)) else {
                continue;
            };
            if subtype == b"Widget" && regenerate && super::fields::is_filled_text(doc, ad) {
                unseen.push((ad.clone(), rect));
                continue;
            }
            let ap_n = ad
                .get(b"AP")
                .ok()
                .map(|o| resolve(doc, o))
                .and_then(|o| o.as_dict().ok())
                .and_then(|ap| ap.get(b"N").ok());
            let form_id = match ap_n {
                Some(Object::Reference(id))
                    if matches!(doc.objects.get(id), Some(Object::Stream(_))) =>
                {
                    Some(*id)
                }
                Some(n) => match resolve(doc, n) {
                    Object::Dictionary(states) => {
                        let state = ad.get(b"AS").ok().and_then(|o| o.as_name().ok());
                        state
                            .and_then(|s| states.get(s).ok())
                            .and_then(|o| o.as_reference().ok())
                            .filter(|id| matches!(doc.objects.get(id), Some(Object::Stream(_))))
                    }
                    _ => None,
                },
                None => None,
            };
            let Some(form_id) = form_id else {
                if subtype == b"Widget"
                    && (ad.has(b"V") || inherited_value(doc, ad))
                    && !super::fields::is_empty(doc, ad)
                {
                    unseen.push((ad.clone(), rect));
                }
                continue;
            };
            if let Some(m) = placement(doc, form_id, rect) {
                out.push((form_id, m));
            }
        }
        for (widget, rect) in unseen {
            let drawn = super::fields::synthesize(&mut self.doc, &widget, rect);
            let placed = drawn
                .as_ref()
                .and_then(|d| placement(&self.doc, d.id, rect).map(|m| (d.id, m)));
            let name = || field_name(&self.doc, &widget);
            let mut texts = Vec::new();
            match (placed, drawn) {
                (Some(p), Some(d)) => {
                    out.push(p);
                    // What a viewer would not show either is named: the pack shows what
                    // the sender saw, and the secretariat learns where that is less.
                    if d.cut {
                        texts.push(format!(
                            "formulärfältet {} har ett längre värde än fältet rymmer; \
                             det syns avkortat, som i en PDF-läsare",
                            name()
                        ));
                    }
                    if !d.missing.is_empty() {
                        let mut chars: String = d.missing.iter().take(8).collect();
                        if d.missing.len() > 8 {
                            chars.push('…');
                        }
                        texts.push(format!(
                            "formulärfältet {}: tecknen «{chars}» kunde inte kodas i \
                             typsnitten och visas som «?»",
                            name()
                        ));
                    }
                    if let Some(size) = d.small {
                        texts.push(format!(
                            "formulärfältet {} har ett så långt värde att det sätts i \
                             {} punkter och blir svårt att läsa i tryck",
                            name(),
                            format!("{size:.1}").replace('.', ",")
                        ));
                    }
                }
                // (One note per field: a radio group's buttons are one field.)
                _ => texts.push(format!(
                    "formulärfältet {} saknar utseende och kunde inte tas med",
                    name()
                )),
            }
            for text in texts {
                if !notes.iter().any(|n| n.text == text) {
                    notes.push(PageNote {
                        rasterised: false,
                        text,
                    });
                }
            }
        }
        self.notes.extend(notes);
        Ok(out)
    }
}

/// The matrix that maps an appearance stream onto the annotation's /Rect (ISO 32000-1
/// 12.5.5: the BBox transformed by the form's Matrix, then scaled and moved onto Rect).
fn placement(doc: &Document, form_id: ObjectId, rect: [f64; 4]) -> Option<[f64; 6]> {
    let fdict = doc
        .get_object(form_id)
        .and_then(|o| o.as_stream())
        .map(|s| &s.dict)
        .ok()?;
    let bbox = fdict.get(b"BBox").ok().and_then(|b| rect_of(doc, b))?;
    let m = matrix_of(doc, fdict.get(b"Matrix").ok());
    let tb = transform_rect(&m, &bbox);
    let (bw, bh) = (tb[2] - tb[0], tb[3] - tb[1]);
    if bw.abs() < 1e-6 || bh.abs() < 1e-6 {
        return None;
    }
    let sx = (rect[2] - rect[0]) / bw;
    let sy = (rect[3] - rect[1]) / bh;
    Some([sx, 0.0, 0.0, sy, rect[0] - tb[0] * sx, rect[1] - tb[1] * sy])
}

/// A field's fully qualified name (the /T of it and its parents, joined by "."), for
/// messages: a radio button's widget has no /T of its own.
fn field_name(doc: &Document, widget: &Dictionary) -> String {
    let mut parts = Vec::new();
    let mut cur = Some(widget);
    for _ in 0..32 {
        let Some(d) = cur else { break };
        if let Some(t) = d.get(b"T").ok().and_then(|t| t.as_str().ok()) {
            let t = lopdf::decode_text_string(&Object::String(
                t.to_vec(),
                lopdf::StringFormat::Literal,
            ))
            .unwrap_or_default();
            parts.push(t);
        }
        cur = d
            .get(b"Parent")
            .ok()
            .map(|p| resolve(doc, p))
            .and_then(|o| o.as_dict().ok());
    }
    parts.reverse();
    parts.join(".")
}

fn inherited_value(doc: &Document, field: &Dictionary) -> bool {
    let mut cur = field
        .get(b"Parent")
        .ok()
        .and_then(|p| p.as_reference().ok());
    for _ in 0..32 {
        let Some(id) = cur else { return false };
        let Some(d) = doc.objects.get(&id).and_then(|o| o.as_dict().ok()) else {
            return false;
        };
        if d.has(b"V") {
            return true;
        }
        cur = d.get(b"Parent").ok().and_then(|p| p.as_reference().ok());
    }
    false
}

pub(crate) fn matrix_of(doc: &Document, o: Option<&Object>) -> [f64; 6] {
    let id = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];
    let Some(a) = o.map(|o| resolve(doc, o)).and_then(|o| o.as_array().ok()) else {
        return id;
    };
    if a.len() != 6 {
        return id;
    }
    let mut m = [0.0; 6];
    for (i, v) in a.iter().enumerate() {
        match content::num(resolve(doc, v)) {
            Some(x) if x.is_finite() => m[i] = x,
            _ => return id,
        }
    }
    m
}

pub(crate) fn transform_rect(m: &[f64; 6], r: &[f64; 4]) -> [f64; 4] {
    let pts = [(r[0], r[1]), (r[2], r[1]), (r[0], r[3]), (r[2], r[3])];
    let mut out = [
        f64::INFINITY,
        f64::INFINITY,
        f64::NEG_INFINITY,
        f64::NEG_INFINITY,
    ];
    for (x, y) in pts {
        let tx = m[0] * x + m[2] * y + m[4];
        let ty = m[1] * x + m[3] * y + m[5];
        out[0] = out[0].min(tx);
        out[1] = out[1].min(ty);
        out[2] = out[2].max(tx);
        out[3] = out[3].max(ty);
    }
    out
}
