//! Normalising a bilaga so that each page becomes one self-contained, PDF/A-2 friendly Form
//! XObject inside the bilaga's own document:
//!
//! * annotations with an appearance are flattened into the page (widgets included),
//! * content streams are rewritten: marked content (BMC/BDC/EMC/MP/DP) and unknown
//!   operators are dropped, hidden optional content is removed, DeviceCMYK colour operators
//!   become DeviceRGB, q/Q and BT/ET are balanced, inline images are cleaned,
//! * resources are pruned to what the content uses and sanitised (fonts, images, colour
//!   spaces, ExtGStates, shadings, patterns, nested forms),
//! * a page that cannot be kept conforming is rasterised (see `raster`).
//!
//! Every walk is bounded: nested forms by `Limits::max_depth` plus a visited set, content
//! streams by the tokenizer's own limits.

use std::collections::{BTreeMap, BTreeSet};

use lopdf::{Dictionary, Document, Object, ObjectId, Stream};

use super::colour::{self, CsKind};
use super::content::{self, InlineImage, Op};
use super::error::{PageNote, PdfError};
use super::fonts::{self, Verdict};
use super::read::{Bilaga, Limits, PageEntry, RawPage, rect_of, resolve};

/// How a page failed to normalise.
pub(crate) enum Fail {
    /// The file is damaged: the whole bilaga is rejected.
    Hard(PdfError),
    /// The page must be rasterised (Swedish reason).
    Raster(String),
}

impl From<String> for Fail {
    fn from(s: String) -> Fail {
        Fail::Raster(s)
    }
}

type R<T> = Result<T, Fail>;

const MAX_OPS: usize = 5_000_000;
const MAX_Q_DEPTH: usize = 24;

/// Per-font facts computed once from the original font dictionary.
#[derive(Clone)]
struct FontFacts {
    verdict: Verdict,
    /// Codes whose glyph name has no Unicode value (a page using one must be rasterised).
    unmappable: Vec<u8>,
    name: String,
}

/// Resource names a content stream uses.
#[derive(Default)]
struct Usage {
    fonts: BTreeMap<Vec<u8>, Box<[bool; 256]>>,
    xobjects: BTreeSet<Vec<u8>>,
    gstates: BTreeSet<Vec<u8>>,
    colorspaces: BTreeSet<Vec<u8>>,
    patterns: BTreeSet<Vec<u8>>,
    shadings: BTreeSet<Vec<u8>>,
    properties: BTreeSet<Vec<u8>>,
}

/// What the rewritten content must know about the (sanitised) resources.
#[derive(Default)]
struct Summary {
    cs_kind: BTreeMap<Vec<u8>, CsKind>,
    hidden_props: BTreeSet<Vec<u8>>,
    dropped_xobjects: BTreeSet<Vec<u8>>,
    /// Names used by the content but missing from the resources (broken files): the
    /// operators using them are dropped (colour spaces become DeviceGray).
    missing_gs: BTreeSet<Vec<u8>>,
    missing_sh: BTreeSet<Vec<u8>>,
    missing_cs: BTreeSet<Vec<u8>>,
    missing_patterns: BTreeSet<Vec<u8>>,
}

struct Norm<'a> {
    doc: Document,
    limits: &'a Limits,
    original: &'a [u8],
    ocg_off: BTreeSet<ObjectId>,
    fonts: BTreeMap<ObjectId, FontFacts>,
    fonts_done: BTreeSet<ObjectId>,
    forms_done: BTreeSet<ObjectId>,
    forms_active: BTreeSet<ObjectId>,
    images_done: BTreeSet<ObjectId>,
    /// Replacement for PostScript XObjects: an empty form.
    empty_form: Option<ObjectId>,
    notes: Vec<PageNote>,
    renderer: Option<Result<super::raster::Renderer, String>>,
}

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

/// OCGs that are off in the default configuration.
fn hidden_ocgs(doc: &Document) -> BTreeSet<ObjectId> {
    let mut off = BTreeSet::new();
    let Some(props) = doc
        .trailer
        .get(b"Root")
        .ok()
        .map(|r| resolve(doc, r))
        .and_then(|c| c.as_dict().ok())
        .and_then(|c| c.get(b"OCProperties").ok())
        .map(|o| resolve(doc, o))
        .and_then(|o| o.as_dict().ok())
    else {
        return off;
    };
    let all: Vec<ObjectId> = props
        .get(b"OCGs")
        .ok()
        .map(|o| resolve(doc, o))
        .and_then(|o| o.as_array().ok())
        .map(|a| a.iter().filter_map(|o| o.as_reference().ok()).collect())
        .unwrap_or_default();
    let Some(d) = props
        .get(b"D")
        .ok()
        .map(|o| resolve(doc, o))
        .and_then(|o| o.as_dict().ok())
    else {
        return off;
    };
    let ids = |key: &[u8]| -> Vec<ObjectId> {
        d.get(key)
            .ok()
            .map(|o| resolve(doc, o))
            .and_then(|o| o.as_array().ok())
            .map(|a| a.iter().filter_map(|o| o.as_reference().ok()).collect())
            .unwrap_or_default()
    };
    if d.get(b"BaseState").ok().and_then(|o| o.as_name().ok()) == Some(b"OFF") {
        off.extend(all);
        for id in ids(b"ON") {
            off.remove(&id);
        }
    } else {
        off.extend(ids(b"OFF"));
    }
    off
}

fn name_of(o: &Object) -> Option<Vec<u8>> {
    o.as_name().ok().map(|n| n.to_vec())
}

impl Norm<'_> {
    fn hard(&self, what: String) -> Fail {
        Fail::Hard(PdfError::Damaged(what))
    }

    /// Is an optional-content reference (OCG or OCMD) hidden by default?
    fn oc_hidden(&self, o: &Object) -> bool {
        let id = o.as_reference().ok();
        let d = resolve(&self.doc, o).as_dict().ok();
        let Some(d) = d else { return false };
        if d.has_type(b"OCG") {
            return id.is_some_and(|id| self.ocg_off.contains(&id));
        }
        if d.has_type(b"OCMD") {
            let groups: Vec<ObjectId> = match d.get(b"OCGs") {
                Ok(Object::Reference(r)) => vec![*r],
                Ok(Object::Array(a)) => a.iter().filter_map(|o| o.as_reference().ok()).collect(),
                _ => return false,
            };
            if groups.is_empty() {
                return false;
            }
            let on: Vec<bool> = groups.iter().map(|g| !self.ocg_off.contains(g)).collect();
            let visible = match d
                .get(b"P")
                .ok()
                .and_then(|o| o.as_name().ok())
                .unwrap_or(b"AnyOn")
            {
                b"AllOn" => on.iter().all(|v| *v),
                b"AnyOff" => on.iter().any(|v| !*v),
                b"AllOff" => on.iter().all(|v| !*v),
                _ => on.iter().any(|v| *v),
            };
            return !visible;
        }
        false
    }

    // --------------------------------------------------------------------------------------
    // Pages

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
            self.renderer = Some(super::raster::Renderer::new(self.original));
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

    fn decode(&self, s: &Stream) -> Result<Vec<u8>, String> {
        if s.dict.get(b"Filter").is_err() {
            if s.content.len() > self.limits.max_stream_bytes {
                return Err("strömmen är för stor".into());
            }
            return Ok(s.content.clone());
        }
        s.decompressed_content_with_limit(self.limits.max_stream_bytes)
            .map_err(|e| match e {
                lopdf::Error::Decompress(lopdf::DecompressError::MemoryLimitExceeded {
                    ..
                }) => "en ström packas upp till mer än tillåtet".to_string(),
                _ => "en ström går inte att packa upp".to_string(),
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

    // --------------------------------------------------------------------------------------
    // Annotations

    /// Appearance streams to draw (form id, matrix mapping the appearance into /Rect).
    fn flatten_annotations(&mut self, page: ObjectId) -> R<Vec<(ObjectId, [f64; 6])>> {
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
        let mut notes = Vec::new();
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
                if subtype == b"Widget" && (ad.has(b"V") || inherited_value(doc, ad)) {
                    let name = ad
                        .get(b"T")
                        .ok()
                        .and_then(|t| t.as_str().ok())
                        .map(|t| {
                            lopdf::decode_text_string(&Object::String(
                                t.to_vec(),
                                lopdf::StringFormat::Literal,
                            ))
                            .unwrap_or_default()
                        })
                        .unwrap_or_default();
                    notes.push(PageNote {
                        rasterised: false,
                        text: format!(
                            "formulärfältet {name} saknar utseende och kunde inte tas med"
                        ),
                    });
                }
                continue;
            };
            let Ok(fdict) = doc
                .get_object(form_id)
                .and_then(|o| o.as_stream())
                .map(|s| &s.dict)
            else {
                continue;
            };
            let Some(bbox) = fdict.get(b"BBox").ok().and_then(|b| rect_of(doc, b)) else {
                continue;
            };
            let m = matrix_of(doc, fdict.get(b"Matrix").ok());
            // ISO 32000-1 12.5.5: transform BBox by Matrix, map the result onto Rect.
            let tb = transform_rect(&m, &bbox);
            let (bw, bh) = (tb[2] - tb[0], tb[3] - tb[1]);
            if bw.abs() < 1e-6 || bh.abs() < 1e-6 {
                continue;
            }
            let sx = (rect[2] - rect[0]) / bw;
            let sy = (rect[3] - rect[1]) / bh;
            out.push((
                form_id,
                [sx, 0.0, 0.0, sy, rect[0] - tb[0] * sx, rect[1] - tb[1] * sy],
            ));
        }
        self.notes.extend(notes);
        Ok(out)
    }

    // --------------------------------------------------------------------------------------
    // Content streams

    /// Rewrite one content stream with its resources; returns the new bytes and the pruned,
    /// sanitised resources.
    fn process_stream(
        &mut self,
        data: &[u8],
        res: &Dictionary,
        depth: usize,
    ) -> R<(Vec<u8>, Dictionary)> {
        let ops = content::parse(data, self.limits.max_depth, MAX_OPS)
            .map_err(|_| "sidans innehåll är för komplext för att tolkas".to_string())?;
        let usage = usage_of(&ops);
        let (new_res, summary) = self.sanitize_resources(res, &usage, depth)?;
        let out = self.rewrite(ops, &summary)?;
        Ok((out, new_res))
    }

    fn rewrite(&mut self, ops: Vec<Op>, summary: &Summary) -> R<Vec<u8>> {
        #[derive(Clone, Copy)]
        struct Gs {
            fill: CsKind,
            stroke: CsKind,
        }
        let mut gs = Gs {
            fill: CsKind::Other,
            stroke: CsKind::Other,
        };
        let mut stack: Vec<Gs> = Vec::new();
        let mut in_text = false;
        let mut hidden = 0usize; // depth inside hidden optional content
        let mut out: Vec<Op> = Vec::with_capacity(ops.len());
        let convert = |operands: &mut Vec<Object>, with_name: bool| {
            let n = operands.len();
            let numeric = if with_name { n.saturating_sub(1) } else { n };
            if numeric >= 4 && (!with_name || matches!(operands.last(), Some(Object::Name(_)))) {
                let v: Vec<f64> = operands[numeric - 4..numeric]
                    .iter()
                    .map(|o| content::num(o).unwrap_or(0.0))
                    .collect();
                let rgb = colour::cmyk_to_rgb(v[0], v[1], v[2], v[3]);
                let tail: Vec<Object> = operands.drain(numeric - 4..).skip(4).collect();
                operands.extend(rgb.iter().map(|x| Object::Real(*x as f32)));
                operands.extend(tail);
            }
        };
        for mut op in ops {
            let name = op.operator.as_slice();
            if hidden > 0 {
                match name {
                    b"BMC" | b"BDC" => hidden += 1,
                    b"EMC" => hidden -= 1,
                    _ => {}
                }
                continue;
            }
            match name {
                b"BMC" | b"MP" | b"DP" | b"EMC" => continue,
                b"BDC" => {
                    if op.operands.first().and_then(|o| o.as_name().ok()) == Some(b"OC")
                        && let Some(Object::Name(p)) = op.operands.get(1)
                        && summary.hidden_props.contains(p)
                    {
                        hidden = 1;
                    }
                    continue;
                }
                b"q" => {
                    if stack.len() >= MAX_Q_DEPTH {
                        return Err("grafiktillståndet är nästlat för djupt".to_string().into());
                    }
                    stack.push(gs);
                }
                b"Q" => match stack.pop() {
                    Some(g) => gs = g,
                    None => continue,
                },
                b"BT" => {
                    if in_text {
                        out.push(Op::new(b"ET", vec![]));
                    }
                    in_text = true;
                }
                b"ET" => {
                    if !in_text {
                        continue;
                    }
                    in_text = false;
                }
                b"k" | b"K" => {
                    if op.operands.len() == 4 {
                        let v: Vec<f64> = op
                            .operands
                            .iter()
                            .map(|o| content::num(o).unwrap_or(0.0))
                            .collect();
                        let rgb = colour::cmyk_to_rgb(v[0], v[1], v[2], v[3]);
                        op.operands = rgb.iter().map(|x| Object::Real(*x as f32)).collect();
                        op.operator = if name == b"k" {
                            b"rg".to_vec()
                        } else {
                            b"RG".to_vec()
                        };
                    }
                    if op.operator == b"rg" {
                        gs.fill = CsKind::Other;
                    } else {
                        gs.stroke = CsKind::Other;
                    }
                }
                b"g" | b"rg" => gs.fill = CsKind::Other,
                b"G" | b"RG" => gs.stroke = CsKind::Other,
                b"gs"
                    if op
                        .operands
                        .first()
                        .and_then(|o| o.as_name().ok())
                        .is_some_and(|n| summary.missing_gs.contains(n)) =>
                {
                    continue;
                }
                b"sh"
                    if op
                        .operands
                        .first()
                        .and_then(|o| o.as_name().ok())
                        .is_some_and(|n| summary.missing_sh.contains(n)) =>
                {
                    continue;
                }
                b"scn" | b"SCN"
                    if op
                        .operands
                        .last()
                        .and_then(|o| o.as_name().ok())
                        .is_some_and(|n| summary.missing_patterns.contains(n)) =>
                {
                    continue;
                }
                b"cs" | b"CS" => {
                    if let Some(Object::Name(n)) = op.operands.first()
                        && summary.missing_cs.contains(n)
                    {
                        op.operands = vec![Object::Name(b"DeviceGray".to_vec())];
                    }
                    let kind = match op.operands.first() {
                        Some(Object::Name(n)) if n == b"DeviceCMYK" || n == b"CMYK" => {
                            op.operands[0] = Object::Name(b"DeviceRGB".to_vec());
                            CsKind::Cmyk
                        }
                        Some(Object::Name(n)) => {
                            summary.cs_kind.get(n).copied().unwrap_or(CsKind::Other)
                        }
                        _ => CsKind::Other,
                    };
                    if name == b"cs" {
                        gs.fill = kind;
                    } else {
                        gs.stroke = kind;
                    }
                }
                b"sc" | b"scn" | b"SC" | b"SCN" => {
                    let kind = if name[0] == b's' { gs.fill } else { gs.stroke };
                    match kind {
                        CsKind::Cmyk => convert(&mut op.operands, false),
                        CsKind::PatternCmyk => convert(&mut op.operands, true),
                        CsKind::Other => {}
                    }
                }
                b"Do" => {
                    if let Some(Object::Name(n)) = op.operands.first()
                        && summary.dropped_xobjects.contains(n)
                    {
                        continue;
                    }
                }
                b"ri" => {
                    if !matches!(
                        op.operands.first().and_then(|o| o.as_name().ok()),
                        Some(
                            b"RelativeColorimetric"
                                | b"AbsoluteColorimetric"
                                | b"Perceptual"
                                | b"Saturation"
                        )
                    ) {
                        op.operands = vec![Object::Name(b"RelativeColorimetric".to_vec())];
                    }
                }
                b"BI" => {
                    if let Some(img) = op.inline.as_mut() {
                        self.fix_inline_image(img, summary)?;
                    }
                }
                _ if is_known_operator(name) => {}
                _ => continue,
            }
            out.push(op);
        }
        if in_text {
            out.push(Op::new(b"ET", vec![]));
        }
        for _ in 0..stack.len() {
            out.push(Op::new(b"Q", vec![]));
        }
        Ok(content::write(&out))
    }

    fn fix_inline_image(&mut self, img: &mut InlineImage, summary: &Summary) -> R<()> {
        let d = &mut img.dict;
        d.remove(b"I");
        d.remove(b"Interpolate");
        let cs_key: &[u8] = if d.has(b"CS") { b"CS" } else { b"ColorSpace" };
        let kind = match d.get(cs_key) {
            Ok(Object::Name(n)) if n == b"CMYK" || n == b"DeviceCMYK" => CsKind::Cmyk,
            Ok(Object::Name(n)) => summary.cs_kind.get(n).copied().unwrap_or(CsKind::Other),
            Ok(Object::Array(a))
                if a.len() >= 4 && matches!(a[0].as_name(), Ok(b"I" | b"Indexed")) =>
            {
                // Indexed with an inline CMYK base: convert the lookup table.
                let arr = Object::Array(
                    a.iter()
                        .map(|o| match o.as_name() {
                            Ok(b"I") => Object::Name(b"Indexed".to_vec()),
                            Ok(b"CMYK") => Object::Name(b"DeviceCMYK".to_vec()),
                            Ok(b"RGB") => Object::Name(b"DeviceRGB".to_vec()),
                            Ok(b"G") => Object::Name(b"DeviceGray".to_vec()),
                            _ => o.clone(),
                        })
                        .collect(),
                );
                let (new, _) = colour::convert_colorspace(&mut self.doc, &arr, 0)?;
                d.set(cs_key.to_vec(), new);
                CsKind::Other
            }
            _ => CsKind::Other,
        };
        let filters: Vec<Vec<u8>> = match d.get(b"F").or_else(|_| d.get(b"Filter")) {
            Ok(Object::Name(n)) => vec![expand_filter(n)],
            Ok(Object::Array(a)) => a
                .iter()
                .filter_map(|o| o.as_name().ok())
                .map(expand_filter)
                .collect(),
            _ => vec![],
        };
        let lzw = filters.iter().any(|f| f == b"LZWDecode");
        if kind != CsKind::Cmyk && !lzw {
            return Ok(());
        }
        let parms = d
            .get(b"DP")
            .or_else(|_| d.get(b"DecodeParms"))
            .ok()
            .cloned();
        let mut sd = Dictionary::new();
        sd.set(
            "Filter",
            Object::Array(filters.iter().map(|f| Object::Name(f.clone())).collect()),
        );
        if let Some(p) = parms {
            sd.set("DecodeParms", p);
        }
        let tmp = Stream::new(sd, img.data.clone());
        let (mut data, codec) = self.decode_to_samples(&tmp, kind == CsKind::Cmyk)?;
        if codec.is_some() && kind != CsKind::Cmyk {
            // LZW before an image codec: keep the codec, drop only the LZW layer.
            let codec = codec.unwrap_or_default();
            d.set("F", Object::Name(codec));
            d.remove(b"Filter");
            d.remove(b"DP");
            d.remove(b"DecodeParms");
            img.data = data;
            return Ok(());
        }
        if kind == CsKind::Cmyk {
            let w = d
                .get(b"W")
                .or_else(|_| d.get(b"Width"))
                .ok()
                .and_then(|o| o.as_i64().ok())
                .unwrap_or(0);
            let h = d
                .get(b"H")
                .or_else(|_| d.get(b"Height"))
                .ok()
                .and_then(|o| o.as_i64().ok())
                .unwrap_or(0);
            let bpc = d
                .get(b"BPC")
                .or_else(|_| d.get(b"BitsPerComponent"))
                .ok()
                .and_then(|o| o.as_i64().ok())
                .unwrap_or(8);
            if !(1..=20000).contains(&w)
                || !(1..=20000).contains(&h)
                || !matches!(bpc, 1 | 2 | 4 | 8 | 16)
            {
                return Err("en infogad CMYK-bild går inte att konvertera"
                    .to_string()
                    .into());
            }
            let mut full = Dictionary::new();
            if let Ok(dd) = d.get(b"D").or_else(|_| d.get(b"Decode")) {
                full.set("Decode", dd.clone());
            }
            let bpc = if codec.is_some() { 8 } else { bpc as u32 };
            data = colour::cmyk_image_to_rgb(&mut full, &data, w as usize, h as usize, bpc)?;
            for k in [&b"D"[..], b"Decode", b"BPC", b"BitsPerComponent"] {
                d.remove(k);
            }
            d.remove(b"ColorSpace");
            d.set("CS", Object::Name(b"RGB".to_vec()));
            d.set("BPC", 8);
        }
        for k in [&b"F"[..], b"Filter", b"DP", b"DecodeParms"] {
            d.remove(k);
        }
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::new(6));
        let _ = std::io::Write::write_all(&mut z, &data);
        img.data = z.finish().unwrap_or_default();
        d.set("F", Object::Name(b"Fl".to_vec()));
        Ok(())
    }

    /// Decode a stream's data up to its image codec. With `through_dct`, a DCT codec is
    /// decoded too (to raw samples, CMYK kept as CMYK); the returned codec is then None.
    fn decode_to_samples(
        &self,
        s: &Stream,
        through_dct: bool,
    ) -> Result<(Vec<u8>, Option<Vec<u8>>), String> {
        let filters: Vec<Vec<u8>> = match s.dict.get(b"Filter") {
            Ok(Object::Name(n)) => vec![expand_filter(n)],
            Ok(Object::Array(a)) => a
                .iter()
                .filter_map(|o| o.as_name().ok())
                .map(expand_filter)
                .collect(),
            _ => vec![],
        };
        let codec_at = filters.iter().position(|f| {
            matches!(
                f.as_slice(),
                b"DCTDecode" | b"JPXDecode" | b"CCITTFaxDecode" | b"JBIG2Decode"
            )
        });
        let prefix_len = codec_at.unwrap_or(filters.len());
        let data = if prefix_len == 0 {
            s.content.clone()
        } else {
            let mut d = Dictionary::new();
            d.set(
                "Filter",
                Object::Array(
                    filters[..prefix_len]
                        .iter()
                        .map(|f| Object::Name(f.clone()))
                        .collect(),
                ),
            );
            match s.dict.get(b"DecodeParms") {
                Ok(Object::Array(a)) => {
                    d.set(
                        "DecodeParms",
                        Object::Array(a.iter().take(prefix_len).cloned().collect()),
                    );
                }
                Ok(p @ Object::Dictionary(_)) if prefix_len == filters.len() => {
                    d.set("DecodeParms", p.clone())
                }
                _ => {}
            }
            let tmp = Stream::new(d, s.content.clone());
            self.decode(&tmp)?
        };
        match codec_at {
            None => Ok((data, None)),
            Some(i) if through_dct && filters[i] == b"DCTDecode" && i + 1 == filters.len() => Ok((
                super::raster::decode_jpeg_raw(&data, self.limits.max_stream_bytes)?,
                None,
            )),
            Some(i) if i + 1 == filters.len() => Ok((data, Some(filters[i].clone()))),
            Some(_) => Err("bildens filterkedja stöds inte".into()),
        }
    }

    // --------------------------------------------------------------------------------------
    // Resources

    fn sanitize_resources(
        &mut self,
        res: &Dictionary,
        usage: &Usage,
        depth: usize,
    ) -> R<(Dictionary, Summary)> {
        let mut out = Dictionary::new();
        let mut summary = Summary::default();
        let sub = {
            let doc = &self.doc;
            let mut subs: BTreeMap<&'static [u8], Dictionary> = BTreeMap::new();
            for key in [
                &b"Font"[..],
                b"XObject",
                b"ExtGState",
                b"ColorSpace",
                b"Pattern",
                b"Shading",
                b"Properties",
            ] {
                let d = res
                    .get(key)
                    .ok()
                    .map(|o| resolve(doc, o))
                    .and_then(|o| o.as_dict().ok())
                    .cloned()
                    .unwrap_or_default();
                subs.insert(key, d);
            }
            move |key: &'static [u8]| -> Dictionary { subs.get(key).cloned().unwrap_or_default() }
        };
        // Fonts
        if !usage.fonts.is_empty() {
            let fonts = sub(b"Font");
            let mut nf = Dictionary::new();
            for (name, codes) in &usage.fonts {
                let f = match fonts.get(name) {
                    Ok(f) => f.clone(),
                    Err(_) => {
                        // A font the content uses but the resources lack: readers fall back
                        // to a default font; so do we (Helvetica → Liberation Sans).
                        let mut d = Dictionary::new();
                        d.set("Type", Object::Name(b"Font".to_vec()));
                        d.set("Subtype", Object::Name(b"Type1".to_vec()));
                        d.set("BaseFont", Object::Name(b"Helvetica".to_vec()));
                        d.set("Encoding", Object::Name(b"WinAnsiEncoding".to_vec()));
                        Object::Reference(self.doc.add_object(d))
                    }
                };
                let new = self.font(&f, codes)?;
                nf.set(name.clone(), new);
            }
            out.set("Font", Object::Dictionary(nf));
        }
        // XObjects
        if !usage.xobjects.is_empty() {
            let xs = sub(b"XObject");
            let mut nx = Dictionary::new();
            for name in &usage.xobjects {
                let Ok(x) = xs.get(name) else {
                    summary.dropped_xobjects.insert(name.clone());
                    continue;
                };
                match self.xobject(x, res, depth)? {
                    Some(o) => nx.set(name.clone(), o),
                    None => {
                        summary.dropped_xobjects.insert(name.clone());
                    }
                }
            }
            out.set("XObject", Object::Dictionary(nx));
        }
        // ExtGStates
        if !usage.gstates.is_empty() {
            let gs = sub(b"ExtGState");
            let mut ng = Dictionary::new();
            for name in &usage.gstates {
                let Ok(g) = gs.get(name) else {
                    summary.missing_gs.insert(name.clone());
                    continue;
                };
                let new = self.ext_gstate(g, res, depth)?;
                ng.set(name.clone(), new);
            }
            out.set("ExtGState", Object::Dictionary(ng));
        }
        // Colour spaces
        if !usage.colorspaces.is_empty() {
            let cs = sub(b"ColorSpace");
            let mut nc = Dictionary::new();
            for name in &usage.colorspaces {
                let Ok(c) = cs.get(name) else {
                    summary.missing_cs.insert(name.clone());
                    continue;
                };
                let (new, kind) = colour::convert_colorspace(&mut self.doc, c, 0)?;
                summary.cs_kind.insert(name.clone(), kind);
                nc.set(name.clone(), new);
            }
            if !nc.is_empty() {
                out.set("ColorSpace", Object::Dictionary(nc));
            }
        }
        // Patterns
        if !usage.patterns.is_empty() {
            let ps = sub(b"Pattern");
            let mut np = Dictionary::new();
            for name in &usage.patterns {
                let Ok(p) = ps.get(name) else {
                    summary.missing_patterns.insert(name.clone());
                    continue;
                };
                let new = self.pattern(p, res, depth)?;
                np.set(name.clone(), new);
            }
            if !np.is_empty() {
                out.set("Pattern", Object::Dictionary(np));
            }
        }
        // Shadings
        if !usage.shadings.is_empty() {
            let ss = sub(b"Shading");
            let mut ns = Dictionary::new();
            for name in &usage.shadings {
                let Ok(s) = ss.get(name) else {
                    summary.missing_sh.insert(name.clone());
                    continue;
                };
                let new = self.shading(s)?;
                ns.set(name.clone(), new);
            }
            out.set("Shading", Object::Dictionary(ns));
        }
        // Properties are not carried over (marked content is dropped); only used to find
        // hidden optional content.
        if !usage.properties.is_empty() {
            let props = sub(b"Properties");
            for name in &usage.properties {
                if let Ok(p) = props.get(name)
                    && self.oc_hidden(p)
                {
                    summary.hidden_props.insert(name.clone());
                }
            }
        }
        Ok((out, summary))
    }

    fn font(&mut self, f: &Object, codes: &[bool; 256]) -> R<Object> {
        let id = f.as_reference().ok();
        let facts = match id.and_then(|id| self.fonts.get(&id)) {
            Some(facts) => facts.clone(),
            None => {
                let Ok(dict) = resolve(&self.doc, f).as_dict() else {
                    return Err(self.hard("ett typsnitt saknas".into()));
                };
                let verdict = fonts::classify(&self.doc, dict, None);
                let mut unmappable = Vec::new();
                let verdict = match verdict {
                    Verdict::Raster(r) => {
                        // Some codes may be unmappable but unused; reclassify per code.
                        let per_code: Vec<u8> = (0..=255u8)
                            .filter(|&c| {
                                let mut one = [false; 256];
                                one[c as usize] = true;
                                matches!(
                                    fonts::classify(&self.doc, dict, Some(&one)),
                                    Verdict::Raster(_)
                                )
                            })
                            .collect();
                        if per_code.len() == 256 {
                            Verdict::Raster(r)
                        } else {
                            unmappable = per_code;
                            let mut none = [true; 256];
                            for &c in &unmappable {
                                none[c as usize] = false;
                            }
                            fonts::classify(&self.doc, dict, Some(&none))
                        }
                    }
                    v => v,
                };
                let facts = FontFacts {
                    verdict,
                    unmappable,
                    name: fonts::font_name(&self.doc, dict),
                };
                if let Some(id) = id {
                    self.fonts.insert(id, facts.clone());
                }
                facts
            }
        };
        if let Verdict::Raster(r) = &facts.verdict {
            return Err(Fail::Raster(r.clone()));
        }
        if facts.unmappable.iter().any(|&c| codes[c as usize]) {
            return Err(Fail::Raster(format!(
                "typsnittet {} saknar Unicode-koppling",
                facts.name
            )));
        }
        if let Some(id) = id
            && self.fonts_done.contains(&id)
        {
            return Ok(f.clone());
        }
        let Ok(dict) = resolve(&self.doc, f).as_dict().cloned() else {
            return Err(self.hard("ett typsnitt saknas".into()));
        };
        let new = match &facts.verdict {
            Verdict::Keep { to_unicode } => {
                let mut d = dict;
                fonts::fix_embedded(&mut self.doc, &mut d, to_unicode.as_ref(), None);
                d
            }
            Verdict::KeepCid { to_unicode } => {
                let mut d = dict;
                fonts::fix_embedded(&mut self.doc, &mut d, None, Some(to_unicode));
                d
            }
            Verdict::Substitute {
                variant,
                names,
                exact,
                original,
            } => {
                if !exact {
                    self.notes.push(PageNote {
                        rasterised: false,
                        text: format!(
                            "typsnittet {original} är inte inbäddat och ersattes med {}; textens bredd kan avvika något",
                            variant.display()
                        ),
                    });
                }
                fonts::substitute_dict(&mut self.doc, *variant, names).ok_or_else(|| {
                    Fail::Raster(format!("typsnittet {original} kunde inte ersättas"))
                })?
            }
            Verdict::Raster(r) => return Err(Fail::Raster(r.clone())),
        };
        match id {
            Some(id) => {
                self.doc.objects.insert(id, Object::Dictionary(new));
                self.fonts_done.insert(id);
                Ok(Object::Reference(id))
            }
            // Direct font dictionaries become indirect objects (some readers mishandle
            // direct fonts, and the subset tag in `place` is applied to indirect fonts).
            None => Ok(Object::Reference(
                self.doc.add_object(Object::Dictionary(new)),
            )),
        }
    }

    fn empty_form(&mut self) -> ObjectId {
        if let Some(id) = self.empty_form {
            return id;
        }
        let mut d = Dictionary::new();
        d.set("Type", Object::Name(b"XObject".to_vec()));
        d.set("Subtype", Object::Name(b"Form".to_vec()));
        d.set(
            "BBox",
            Object::Array(vec![0.into(), 0.into(), 0.into(), 0.into()]),
        );
        let id = self.doc.add_object(Stream::new(d, Vec::new()));
        self.empty_form = Some(id);
        id
    }

    /// Sanitise an XObject; None drops it (hidden optional content).
    fn xobject(&mut self, x: &Object, res: &Dictionary, depth: usize) -> R<Option<Object>> {
        let Ok(id) = x.as_reference() else {
            return Ok(None); // streams must be indirect
        };
        let Some(Object::Stream(s)) = self.doc.objects.get(&id) else {
            return Ok(None); // dangling: reads as nothing
        };
        if let Ok(oc) = s.dict.get(b"OC")
            && self.oc_hidden(oc)
        {
            return Ok(None);
        }
        let subtype = s
            .dict
            .get(b"Subtype")
            .ok()
            .and_then(|o| o.as_name().ok())
            .unwrap_or(b"")
            .to_vec();
        let ps2 = s.dict.get(b"Subtype2").ok().and_then(|o| o.as_name().ok()) == Some(b"PS");
        match subtype.as_slice() {
            b"Image" => {
                self.image(id)?;
                Ok(Some(x.clone()))
            }
            b"Form" if !ps2 => {
                if self.forms_active.contains(&id) {
                    // A form that draws itself (directly or through others): the recursive
                    // call is dropped, as viewers do.
                    self.notes.push(PageNote {
                        rasterised: false,
                        text: "ett formobjekt som ritar sig självt togs bort".into(),
                    });
                    return Ok(None);
                }
                self.process_form(id, res, depth + 1)?;
                Ok(Some(x.clone()))
            }
            _ => Ok(Some(Object::Reference(self.empty_form()))),
        }
    }

    /// Normalise a form XObject (or tiling pattern) in place: content and resources.
    fn process_form(&mut self, id: ObjectId, inherited: &Dictionary, depth: usize) -> R<()> {
        if self.forms_done.contains(&id) {
            return Ok(());
        }
        if depth > self.limits.max_depth {
            return Err(Fail::Raster("formobjekten är nästlade för djupt".into()));
        }
        if !self.forms_active.insert(id) {
            return Err(Fail::Raster("ett formobjekt ritar sig självt".into()));
        }
        let Some(Object::Stream(s)) = self.doc.objects.get(&id) else {
            return Err(self.hard(format!("formobjekt {} {} R saknas", id.0, id.1)));
        };
        let data = self
            .decode(s)
            .map_err(|e| self.hard(format!("ett formobjekt: {e}")))?;
        let res = match s.dict.get(b"Resources") {
            Ok(r) => resolve(&self.doc, r).as_dict().cloned().unwrap_or_default(),
            Err(_) => inherited.clone(),
        };
        let group = s.dict.get(b"Group").ok().cloned();
        let (bytes, new_res) = self.process_stream(&data, &res, depth)?;
        let group = match group {
            Some(g) => self.sanitize_group(&g)?,
            None => None,
        };
        let Some(Object::Stream(s)) = self.doc.objects.get_mut(&id) else {
            return unreachable_fail();
        };
        for k in [
            &b"Ref"[..],
            b"OPI",
            b"Metadata",
            b"PieceInfo",
            b"OC",
            b"StructParent",
            b"StructParents",
            b"Subtype2",
            b"PS",
            b"Filter",
            b"DecodeParms",
            b"F",
            b"FFilter",
            b"FDecodeParms",
            b"DL",
        ] {
            s.dict.remove(k);
        }
        s.dict.set("Resources", Object::Dictionary(new_res));
        match group {
            Some(g) => s.dict.set("Group", g),
            None => {
                s.dict.remove(b"Group");
            }
        }
        s.set_plain_content(bytes);
        let _ = s.compress();
        self.forms_active.remove(&id);
        self.forms_done.insert(id);
        Ok(())
    }

    /// A transparency group attribute dictionary with a non-CMYK /CS.
    fn sanitize_group(&mut self, g: &Object) -> R<Option<Object>> {
        let Ok(mut d) = resolve(&self.doc, g).as_dict().cloned() else {
            return Ok(None);
        };
        if let Ok(cs) = d.get(b"CS").cloned() {
            let (new, _) = colour::convert_colorspace(&mut self.doc, &cs, 0)?;
            d.set("CS", new);
        }
        Ok(Some(Object::Dictionary(d)))
    }

    fn image(&mut self, id: ObjectId) -> R<()> {
        if !self.images_done.insert(id) {
            return Ok(());
        }
        let Some(Object::Stream(s)) = self.doc.objects.get(&id) else {
            return Ok(());
        };
        let mut dict = s.dict.clone();
        for k in [
            &b"Alternates"[..],
            b"OPI",
            b"Interpolate",
            b"Metadata",
            b"PieceInfo",
            b"OC",
            b"StructParent",
            b"ID",
            b"F",
            b"FFilter",
            b"FDecodeParms",
            b"DL",
        ] {
            dict.remove(k);
        }
        if let Ok(i) = dict.get(b"Intent").and_then(|o| o.as_name())
            && !matches!(
                i,
                b"RelativeColorimetric" | b"AbsoluteColorimetric" | b"Perceptual" | b"Saturation"
            )
        {
            dict.remove(b"Intent");
        }
        let mask = dict.get(b"ImageMask").ok().and_then(|o| o.as_bool().ok()) == Some(true);
        let mut new_content: Option<Vec<u8>> = None;
        if !mask {
            let cs = dict.get(b"ColorSpace").ok().cloned();
            match cs {
                Some(cs) => {
                    let (new_cs, kind) = colour::convert_colorspace(&mut self.doc, &cs, 0)?;
                    if kind == CsKind::Cmyk {
                        let Some(Object::Stream(s)) = self.doc.objects.get(&id) else {
                            return Ok(());
                        };
                        let w = dict
                            .get(b"Width")
                            .ok()
                            .and_then(|o| o.as_i64().ok())
                            .unwrap_or(0);
                        let h = dict
                            .get(b"Height")
                            .ok()
                            .and_then(|o| o.as_i64().ok())
                            .unwrap_or(0);
                        let bpc = dict
                            .get(b"BitsPerComponent")
                            .ok()
                            .and_then(|o| o.as_i64().ok())
                            .unwrap_or(8);
                        if !(1..=65535).contains(&w)
                            || !(1..=65535).contains(&h)
                            || !matches!(bpc, 1 | 2 | 4 | 8 | 16)
                        {
                            return Err("en CMYK-bild har ogiltiga mått".to_string().into());
                        }
                        if (w * h * 3) as usize > self.limits.max_stream_bytes {
                            return Err(Fail::Hard(PdfError::TooLarge(
                                "en bild är för stor".into(),
                            )));
                        }
                        let (data, codec) = self.decode_to_samples(s, true)?;
                        if codec.is_some() {
                            return Err(
                                "en CMYK-bild i JPEG 2000/CCITT/JBIG2 kan inte konverteras"
                                    .to_string()
                                    .into(),
                            );
                        }
                        let bpc = if s.dict.get(b"Filter").is_ok_and(|f| {
                            f.as_name().ok() == Some(b"DCTDecode")
                                || f.as_array().is_ok_and(|a| {
                                    a.last().and_then(|o| o.as_name().ok()) == Some(b"DCTDecode")
                                })
                        }) {
                            8
                        } else {
                            bpc as u32
                        };
                        new_content = Some(colour::cmyk_image_to_rgb(
                            &mut dict, &data, w as usize, h as usize, bpc,
                        )?);
                    } else {
                        dict.set("ColorSpace", new_cs);
                    }
                }
                None => {
                    // JPX images may carry their colour space in the codestream.
                    let jpx = dict.get(b"Filter").is_ok_and(|f| {
                        f.as_name().ok() == Some(b"JPXDecode")
                            || f.as_array().is_ok_and(|a| {
                                a.iter().any(|o| o.as_name().ok() == Some(b"JPXDecode"))
                            })
                    });
                    if jpx {
                        let Some(Object::Stream(s)) = self.doc.objects.get(&id) else {
                            return Ok(());
                        };
                        if super::raster::jpx_is_cmyk(&s.content) {
                            return Err("en JPEG 2000-bild i CMYK kan inte konverteras"
                                .to_string()
                                .into());
                        }
                    }
                }
            }
        }
        // Soft mask and stencil mask images.
        let mut sub_images = Vec::new();
        if let Ok(sm) = dict.get(b"SMask").and_then(|o| o.as_reference()) {
            sub_images.push(sm);
        }
        if let Ok(m) = dict.get(b"Mask").and_then(|o| o.as_reference()) {
            sub_images.push(m);
        }
        if let Some(Object::Stream(s)) = self.doc.objects.get_mut(&id) {
            s.dict = dict;
            if let Some(c) = new_content {
                s.set_plain_content(c);
                let _ = s.compress();
                s.allows_compression = true;
            }
        }
        for m in sub_images {
            self.image(m)?;
        }
        Ok(())
    }

    fn ext_gstate(&mut self, g: &Object, res: &Dictionary, depth: usize) -> R<Object> {
        let Ok(mut d) = resolve(&self.doc, g).as_dict().cloned() else {
            return Ok(Object::Dictionary(Dictionary::new()));
        };
        for k in [&b"TR"[..], b"HT", b"HTO", b"HTP"] {
            d.remove(k);
        }
        if d.get(b"TR2").ok().and_then(|o| o.as_name().ok()) != Some(b"Default") {
            d.remove(b"TR2");
        }
        if let Ok(bm) = d.get(b"BM").cloned() {
            let ok = |n: &[u8]| {
                matches!(
                    n,
                    b"Normal"
                        | b"Compatible"
                        | b"Multiply"
                        | b"Screen"
                        | b"Overlay"
                        | b"Darken"
                        | b"Lighten"
                        | b"ColorDodge"
                        | b"ColorBurn"
                        | b"HardLight"
                        | b"SoftLight"
                        | b"Difference"
                        | b"Exclusion"
                        | b"Hue"
                        | b"Saturation"
                        | b"Color"
                        | b"Luminosity"
                )
            };
            let chosen = match &bm {
                Object::Name(n) if ok(n) => n.clone(),
                Object::Array(a) => a
                    .iter()
                    .filter_map(|o| o.as_name().ok())
                    .find(|n| ok(n))
                    .map(|n| n.to_vec())
                    .unwrap_or(b"Normal".to_vec()),
                _ => b"Normal".to_vec(),
            };
            d.set("BM", Object::Name(chosen));
        }
        if let Ok(ri) = d.get(b"RI").and_then(|o| o.as_name())
            && !matches!(
                ri,
                b"RelativeColorimetric" | b"AbsoluteColorimetric" | b"Perceptual" | b"Saturation"
            )
        {
            d.set("RI", Object::Name(b"RelativeColorimetric".to_vec()));
        }
        if d.get(b"OPM").ok().and_then(|o| o.as_i64().ok()) == Some(1) {
            d.set("OPM", 0);
        }
        if let Ok(font) = d.get(b"Font").and_then(|o| o.as_array()).cloned()
            && let Some(f) = font.first()
        {
            let new = self.font(f, &[true; 256])?;
            let mut nf = font.clone();
            nf[0] = new;
            d.set("Font", Object::Array(nf));
        }
        if let Ok(sm) = d.get(b"SMask").cloned()
            && let Ok(mut smd) = resolve(&self.doc, &sm).as_dict().cloned()
        {
            if let Ok(gid) = smd.get(b"G").and_then(|o| o.as_reference()) {
                self.process_form(gid, res, depth + 1)?;
                // Backdrop colour in the group's colour space: convert if that was CMYK.
                let was_cmyk = match self.doc.objects.get(&gid) {
                    Some(Object::Stream(s)) => s
                        .dict
                        .get(b"Group")
                        .ok()
                        .and_then(|g| g.as_dict().ok())
                        .and_then(|g| g.get(b"CS").ok())
                        .is_some_and(|cs| cs.as_name().ok() == Some(b"DeviceRGB")),
                    _ => false,
                };
                if let Ok(bc) = smd.get(b"BC").and_then(|o| o.as_array()).cloned()
                    && bc.len() == 4
                    && was_cmyk
                {
                    let v: Vec<f64> = bc.iter().map(|o| content::num(o).unwrap_or(0.0)).collect();
                    let rgb = colour::cmyk_to_rgb(v[0], v[1], v[2], v[3]);
                    smd.set(
                        "BC",
                        Object::Array(rgb.iter().map(|x| Object::Real(*x as f32)).collect()),
                    );
                }
            }
            if let Ok(tr) = smd.get(b"TR")
                && tr.as_name().ok() != Some(b"Identity")
            {
                // Transfer functions are allowed in soft masks; keep them.
            }
            d.set("SMask", Object::Dictionary(smd));
        }
        Ok(Object::Dictionary(d))
    }

    fn shading(&mut self, s: &Object) -> R<Object> {
        let id = s.as_reference().ok();
        let resolved = resolve(&self.doc, s).clone();
        let (mut d, stream) = match resolved {
            Object::Dictionary(d) => (d, None),
            Object::Stream(st) => (st.dict.clone(), Some(st)),
            _ => return Ok(s.clone()),
        };
        let Ok(cs) = d.get(b"ColorSpace").cloned() else {
            return Ok(s.clone());
        };
        let (new_cs, kind) = colour::convert_colorspace(&mut self.doc, &cs, 0)?;
        d.set("ColorSpace", new_cs);
        if kind == CsKind::Cmyk {
            match d.get(b"Function").cloned() {
                Ok(f) => {
                    let nf = colour::convert_function(&mut self.doc, &f, 0)?;
                    d.set("Function", nf);
                }
                Err(_) => {
                    return Err("en CMYK-toning utan funktion kan inte konverteras"
                        .to_string()
                        .into());
                }
            }
            if let Ok(bg) = d.get(b"Background").and_then(|o| o.as_array()).cloned()
                && bg.len() == 4
            {
                let v: Vec<f64> = bg.iter().map(|o| content::num(o).unwrap_or(0.0)).collect();
                let rgb = colour::cmyk_to_rgb(v[0], v[1], v[2], v[3]);
                d.set(
                    "Background",
                    Object::Array(rgb.iter().map(|x| Object::Real(*x as f32)).collect()),
                );
            }
            if let Ok(dec) = d.get(b"Decode").and_then(|o| o.as_array()).cloned()
                && stream.is_some()
                && d.get(b"Function").is_err()
            {
                let _ = dec;
            }
        }
        match (stream, id) {
            (Some(mut st), Some(id)) => {
                st.dict = d;
                self.doc.objects.insert(id, Object::Stream(st));
                Ok(Object::Reference(id))
            }
            (Some(st), None) => {
                let mut st = st;
                st.dict = d;
                Ok(Object::Reference(self.doc.add_object(st)))
            }
            (None, _) => Ok(Object::Dictionary(d)),
        }
    }

    fn pattern(&mut self, p: &Object, res: &Dictionary, depth: usize) -> R<Object> {
        let Ok(id) = p.as_reference() else {
            // shading patterns may be direct dictionaries
            if let Ok(mut d) = p.as_dict().cloned() {
                if let Ok(sh) = d.get(b"Shading").cloned() {
                    let ns = self.shading(&sh)?;
                    d.set("Shading", ns);
                }
                if let Ok(g) = d.get(b"ExtGState").cloned() {
                    let ng = self.ext_gstate(&g, res, depth)?;
                    d.set("ExtGState", ng);
                }
                return Ok(Object::Dictionary(d));
            }
            return Ok(p.clone());
        };
        let ptype = match self.doc.objects.get(&id) {
            Some(Object::Stream(s)) => s
                .dict
                .get(b"PatternType")
                .ok()
                .and_then(|o| o.as_i64().ok())
                .unwrap_or(1),
            Some(Object::Dictionary(d)) => d
                .get(b"PatternType")
                .ok()
                .and_then(|o| o.as_i64().ok())
                .unwrap_or(2),
            _ => return Ok(p.clone()),
        };
        if ptype == 1 {
            self.process_form(id, res, depth + 1)?;
            return Ok(p.clone());
        }
        if let Some(Object::Dictionary(d)) = self.doc.objects.get(&id).cloned() {
            let mut d = d;
            if let Ok(sh) = d.get(b"Shading").cloned() {
                let ns = self.shading(&sh)?;
                d.set("Shading", ns);
            }
            if let Ok(g) = d.get(b"ExtGState").cloned() {
                let ng = self.ext_gstate(&g, res, depth)?;
                d.set("ExtGState", ng);
            }
            self.doc.objects.insert(id, Object::Dictionary(d));
        }
        Ok(p.clone())
    }
}

fn unreachable_fail() -> R<()> {
    Err(Fail::Raster("internt fel".into()))
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

pub(crate) fn expand_filter(n: &[u8]) -> Vec<u8> {
    match n {
        b"AHx" => b"ASCIIHexDecode".to_vec(),
        b"A85" => b"ASCII85Decode".to_vec(),
        b"LZW" => b"LZWDecode".to_vec(),
        b"Fl" => b"FlateDecode".to_vec(),
        b"RL" => b"RunLengthDecode".to_vec(),
        b"CCF" => b"CCITTFaxDecode".to_vec(),
        b"DCT" => b"DCTDecode".to_vec(),
        other => other.to_vec(),
    }
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

fn is_known_operator(op: &[u8]) -> bool {
    matches!(
        op,
        b"b" | b"B"
            | b"b*"
            | b"B*"
            | b"BDC"
            | b"BI"
            | b"BMC"
            | b"BT"
            | b"c"
            | b"cm"
            | b"CS"
            | b"cs"
            | b"d"
            | b"d0"
            | b"d1"
            | b"Do"
            | b"DP"
            | b"EMC"
            | b"ET"
            | b"f"
            | b"F"
            | b"f*"
            | b"G"
            | b"g"
            | b"gs"
            | b"h"
            | b"i"
            | b"j"
            | b"J"
            | b"K"
            | b"k"
            | b"l"
            | b"m"
            | b"M"
            | b"MP"
            | b"n"
            | b"q"
            | b"Q"
            | b"re"
            | b"RG"
            | b"rg"
            | b"ri"
            | b"s"
            | b"S"
            | b"SC"
            | b"sc"
            | b"SCN"
            | b"scn"
            | b"sh"
            | b"T*"
            | b"Tc"
            | b"Td"
            | b"TD"
            | b"Tf"
            | b"Tj"
            | b"TJ"
            | b"TL"
            | b"Tm"
            | b"Tr"
            | b"Ts"
            | b"Tw"
            | b"Tz"
            | b"v"
            | b"w"
            | b"W"
            | b"W*"
            | b"y"
            | b"'"
            | b"\""
    )
}

/// Which resources a content stream uses, and the character codes shown per font.
fn usage_of(ops: &[Op]) -> Usage {
    let mut u = Usage::default();
    let mut font: Option<Vec<u8>> = None;
    let mut font_stack: Vec<Option<Vec<u8>>> = Vec::new();
    let mark = |u: &mut Usage, font: &Option<Vec<u8>>, s: &[u8]| {
        if let Some(f) = font {
            let e = u
                .fonts
                .entry(f.clone())
                .or_insert_with(|| Box::new([false; 256]));
            for &b in s {
                e[b as usize] = true;
            }
        }
    };
    for op in ops {
        match op.operator.as_slice() {
            b"q" => font_stack.push(font.clone()),
            b"Q" => {
                if let Some(f) = font_stack.pop() {
                    font = f;
                }
            }
            b"Tf" => {
                if let Some(n) = op.operands.first().and_then(name_of) {
                    u.fonts
                        .entry(n.clone())
                        .or_insert_with(|| Box::new([false; 256]));
                    font = Some(n);
                }
            }
            b"Tj" | b"'" | b"\"" => {
                if let Some(Object::String(s, _)) = op.operands.last() {
                    mark(&mut u, &font, s);
                }
            }
            b"TJ" => {
                if let Some(Object::Array(a)) = op.operands.first() {
                    for item in a {
                        if let Object::String(s, _) = item {
                            mark(&mut u, &font, s);
                        }
                    }
                }
            }
            b"Do" => {
                if let Some(n) = op.operands.first().and_then(name_of) {
                    u.xobjects.insert(n);
                }
            }
            b"gs" => {
                if let Some(n) = op.operands.first().and_then(name_of) {
                    u.gstates.insert(n);
                }
            }
            b"cs" | b"CS" => {
                if let Some(n) = op.operands.first().and_then(name_of)
                    && !matches!(
                        n.as_slice(),
                        b"DeviceGray"
                            | b"DeviceRGB"
                            | b"DeviceCMYK"
                            | b"Pattern"
                            | b"G"
                            | b"RGB"
                            | b"CMYK"
                    )
                {
                    u.colorspaces.insert(n);
                }
            }
            b"scn" | b"SCN" => {
                if let Some(n) = op.operands.last().and_then(name_of) {
                    u.patterns.insert(n);
                }
            }
            b"sh" => {
                if let Some(n) = op.operands.first().and_then(name_of) {
                    u.shadings.insert(n);
                }
            }
            b"BDC" | b"DP" => {
                if let Some(n) = op.operands.get(1).and_then(name_of) {
                    u.properties.insert(n);
                }
            }
            b"BI" => {
                if let Some(img) = &op.inline {
                    for key in [&b"CS"[..], b"ColorSpace"] {
                        if let Ok(Object::Name(n)) = img.dict.get(key)
                            && !matches!(
                                n.as_slice(),
                                b"G" | b"RGB"
                                    | b"CMYK"
                                    | b"I"
                                    | b"DeviceGray"
                                    | b"DeviceRGB"
                                    | b"DeviceCMYK"
                                    | b"Indexed"
                            )
                        {
                            u.colorspaces.insert(n.clone());
                        }
                    }
                }
            }
            _ => {}
        }
    }
    u
}
