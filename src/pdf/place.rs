//! Placing normalised bilaga pages into the pack Typst made.
//!
//! Each placed page is imported as a Form XObject (deep copy of everything its form reaches,
//! renumbered), drawn on the pack page — beneath the page's own content, so the pack's
//! stamps (page number, "SEKRETESS") stay visible — inside the placement's rectangle
//! (uniformly scaled, centred, rotated per /Rotate), wrapped in
//! `/Figure <</MCID n>> BDC … EMC`, and tagged as a
//! `Figure` with `/Alt` in the pack's structure tree (see `structure`).

use std::collections::{BTreeMap, BTreeSet};

use lopdf::{Dictionary, Document, Object, ObjectId, Stream};

use super::content;
use super::error::{PdfError, Warning};
use super::fonts::{self, MARKER_KEY, Variant};
use super::read::{Bilaga, Limits, resolve};
use super::structure::Tree;

/// One bilaga page to put on one pack page.
#[derive(Debug, Clone)]
pub struct Placement<'a> {
    /// 0-based page index in the pack.
    pub pack_page: usize,
    pub bilaga: &'a Bilaga,
    /// 0-based page of the bilaga.
    pub page: usize,
    /// x0, y0, x1, y1 in the pack page's user space (origin bottom-left); the bilaga page is
    /// fitted uniformly scaled and centred.
    pub rect: [f64; 4],
    /// Alternative text of the Figure, e.g. "Bilaga 2. Avtal med X, sida 3 av 12".
    pub alt: String,
}

/// Dictionary keys never carried into the pack from a bilaga (actions, structure, page
/// tree links, metadata that would need its own validation, optional content).
const DROP_KEYS: &[&[u8]] = &[
    b"Parent",
    b"P",
    b"StructParent",
    b"StructParents",
    b"Annots",
    b"AA",
    b"A",
    b"OpenAction",
    b"JS",
    b"Metadata",
    b"PieceInfo",
    b"OPI",
    b"Alternates",
    b"OC",
    b"Ref",
    b"FFilter",
    b"FDecodeParms",
    b"DL",
    b"Names",
    b"EmbeddedFiles",
];

/// Object types never carried into the pack.
const DROP_TYPES: &[&[u8]] = &[
    b"Catalog",
    b"Pages",
    b"Page",
    b"Annot",
    b"Action",
    b"Filespec",
    b"EmbeddedFile",
    b"StructTreeRoot",
    b"StructElem",
    b"Outlines",
    b"Sig",
    b"OCG",
    b"OCMD",
];

struct Importer {
    /// Per distinct bilaga (by address): source id → pack id.
    maps: Vec<(*const Bilaga, BTreeMap<ObjectId, ObjectId>)>,
    /// Shared FontDescriptor (with FontFile2) per Liberation variant.
    font_descriptors: BTreeMap<Variant, ObjectId>,
    /// Glyphs each embedded Liberation variant must keep.
    glyphs: BTreeMap<Variant, BTreeSet<u16>>,
    /// Imported page forms: (bilaga index, page) → form id.
    pages: BTreeMap<(usize, usize), ObjectId>,
}

impl Importer {
    fn bilaga_index(&mut self, b: &Bilaga) -> usize {
        let p = b as *const Bilaga;
        match self.maps.iter().position(|(q, _)| *q == p) {
            Some(i) => i,
            None => {
                self.maps.push((p, BTreeMap::new()));
                self.maps.len() - 1
            }
        }
    }

    fn descriptor(&mut self, dst: &mut Document, v: Variant) -> ObjectId {
        if let Some(id) = self.font_descriptors.get(&v) {
            return *id;
        }
        // The program is filled in by `finish` (subset to the glyphs in use).
        let file = dst.add_object(Object::Null);
        let m = fonts::metrics(v);
        let mut fd = Dictionary::new();
        fd.set("Type", Object::Name(b"FontDescriptor".to_vec()));
        fd.set("FontName", Object::Name(v.ps_name().as_bytes().to_vec()));
        let mut flags = 32i64;
        if v.family == fonts::Family::Serif {
            flags |= 2;
        }
        if v.family == fonts::Family::Mono {
            flags |= 1;
        }
        if v.italic {
            flags |= 64;
        }
        fd.set("Flags", flags);
        if let Some(m) = m {
            fd.set(
                "FontBBox",
                Object::Array(m.bbox.iter().map(|x| Object::Integer(*x)).collect()),
            );
            fd.set("ItalicAngle", Object::Real(m.italic_angle as f32));
            fd.set("Ascent", m.ascent);
            fd.set("Descent", m.descent);
            fd.set("CapHeight", m.cap_height);
            fd.set("StemV", m.stem_v);
            fd.set("MissingWidth", m.notdef_width);
        }
        fd.set("FontFile2", Object::Reference(file));
        let id = dst.add_object(fd);
        self.font_descriptors.insert(v, id);
        id
    }

    /// Deep-copy `root` (and everything it reaches) from the bilaga into `dst`.
    fn import(
        &mut self,
        dst: &mut Document,
        bi: usize,
        src: &Document,
        root: ObjectId,
    ) -> ObjectId {
        if let Some(id) = self.maps[bi].1.get(&root) {
            return *id;
        }
        // Discover and allocate.
        let mut fresh: Vec<ObjectId> = Vec::new();
        let mut work = vec![root];
        while let Some(id) = work.pop() {
            if self.maps[bi].1.contains_key(&id) {
                continue;
            }
            let Some(obj) = src.objects.get(&id) else {
                continue;
            };
            // A substituted FontDescriptor maps to the pack's shared one.
            if let Object::Dictionary(d) = obj
                && let Ok(v) = d.get(MARKER_KEY).and_then(|o| o.as_name())
                && let Some(variant) = Variant::from_ps_name(v)
            {
                let fd = self.descriptor(dst, variant);
                self.maps[bi].1.insert(id, fd);
                continue;
            }
            if dropped_type(obj) {
                continue;
            }
            let new_id = dst.new_object_id();
            self.maps[bi].1.insert(id, new_id);
            fresh.push(id);
            for r in refs_in(obj) {
                if !self.maps[bi].1.contains_key(&r) {
                    work.push(r);
                }
            }
        }
        // Copy with references rewritten; a reference to something not copied reads null.
        for id in fresh {
            let Some(obj) = src.objects.get(&id) else {
                continue;
            };
            let mut copy = obj.clone();
            rewrite_refs(&mut copy, &self.maps[bi].1);
            if let Object::Stream(s) = &mut copy {
                fix_stream(s);
            }
            // Record which glyphs substituted fonts use.
            if let Object::Dictionary(d) = &copy
                && d.get(b"Subtype").ok().and_then(|o| o.as_name().ok()) == Some(b"TrueType")
            {
                self.note_glyphs(src, obj);
            }
            let new_id = self.maps[bi].1[&id];
            dst.objects.insert(new_id, copy);
        }
        self.maps[bi].1.get(&root).copied().unwrap_or((0, 0))
    }

    fn note_glyphs(&mut self, src: &Document, font: &Object) {
        let Ok(d) = font.as_dict() else { return };
        let Some(variant) = d
            .get(b"FontDescriptor")
            .ok()
            .map(|o| resolve(src, o))
            .and_then(|o| o.as_dict().ok())
            .and_then(|fd| fd.get(MARKER_KEY).ok())
            .and_then(|o| o.as_name().ok())
            .and_then(Variant::from_ps_name)
        else {
            return;
        };
        let Ok(names) = fonts::simple_encoding(src, d, Some(fonts::BaseEnc::WinAnsi)) else {
            return;
        };
        let Ok(face) = ttf_parser::Face::parse(variant.data(), 0) else {
            return;
        };
        self.glyphs
            .entry(variant)
            .or_default()
            .extend(fonts::liberation_glyphs(&face, &names));
    }

    /// Embed the Liberation programs (subset to the glyphs in use).
    fn finish(&self, dst: &mut Document) {
        for (v, fd) in &self.font_descriptors {
            let Some(file) = dst
                .get_dictionary(*fd)
                .ok()
                .and_then(|d| d.get(b"FontFile2").ok())
                .and_then(|o| o.as_reference().ok())
            else {
                continue;
            };
            let glyphs = self.glyphs.get(v).cloned().unwrap_or_default();
            let (data, tag) = match super::subset::strip_glyphs(v.data(), &glyphs) {
                Some(d) => {
                    let tag = super::subset::subset_tag(v.ps_name(), &glyphs);
                    (d, Some(tag))
                }
                None => (v.data().to_vec(), None),
            };
            let mut d = Dictionary::new();
            d.set("Length1", data.len() as i64);
            let mut st = Stream::new(d, data);
            let _ = st.compress();
            dst.objects.insert(file, Object::Stream(st));
            if let Some(tag) = tag {
                let name = format!("{tag}+{}", v.ps_name()).into_bytes();
                if let Ok(fdd) = dst.get_dictionary_mut(*fd) {
                    fdd.set("FontName", Object::Name(name.clone()));
                }
                // Every font dictionary using this descriptor carries the same BaseFont.
                let users: Vec<ObjectId> = dst
                    .objects
                    .iter()
                    .filter(|(_, o)| {
                        o.as_dict().is_ok_and(|d| {
                            d.get(b"FontDescriptor")
                                .ok()
                                .and_then(|r| r.as_reference().ok())
                                == Some(*fd)
                        })
                    })
                    .map(|(id, _)| *id)
                    .collect();
                for u in users {
                    if let Ok(ud) = dst.get_dictionary_mut(u) {
                        ud.set("BaseFont", Object::Name(name.clone()));
                    }
                }
            }
        }
    }
}

fn dropped_type(o: &Object) -> bool {
    let d = match o {
        Object::Dictionary(d) => d,
        Object::Stream(s) => &s.dict,
        _ => return false,
    };
    if let Ok(t) = d.get(b"Type").and_then(|t| t.as_name())
        && DROP_TYPES.contains(&t)
    {
        return true;
    }
    // Action dictionaries without /Type.
    d.has(b"S") && (d.has(b"JS") || d.has(b"URI") || d.has(b"Next"))
}

/// References directly inside an object (iterative, no recursion).
fn refs_in(o: &Object) -> Vec<ObjectId> {
    let mut out = Vec::new();
    let mut stack: Vec<&Object> = vec![o];
    while let Some(o) = stack.pop() {
        match o {
            Object::Reference(id) => out.push(*id),
            Object::Array(a) => stack.extend(a.iter()),
            Object::Dictionary(d) => {
                for (k, v) in d.iter() {
                    if !DROP_KEYS.contains(&k.as_slice()) {
                        stack.push(v);
                    }
                }
            }
            Object::Stream(s) => {
                for (k, v) in s.dict.iter() {
                    if !DROP_KEYS.contains(&k.as_slice()) {
                        stack.push(v);
                    }
                }
            }
            _ => {}
        }
    }
    out
}

fn rewrite_refs(o: &mut Object, map: &BTreeMap<ObjectId, ObjectId>) {
    let mut stack: Vec<&mut Object> = vec![o];
    while let Some(o) = stack.pop() {
        match o {
            Object::Reference(id) => {
                *o = match map.get(id) {
                    Some(n) => Object::Reference(*n),
                    None => Object::Null,
                };
            }
            // PDF/A-2 6.1.13 implementation limits.
            Object::Integer(i) => *i = (*i).clamp(i32::MIN as i64, i32::MAX as i64),
            Object::Real(r) if !r.is_finite() => *r = 0.0,
            Object::Array(a) => stack.extend(a.iter_mut()),
            Object::Dictionary(d) => {
                for k in DROP_KEYS {
                    d.remove(k);
                }
                d.remove(MARKER_KEY);
                stack.extend(d.iter_mut().map(|(_, v)| v));
            }
            Object::Stream(s) => {
                for k in DROP_KEYS {
                    s.dict.remove(k);
                }
                stack.extend(s.dict.iter_mut().map(|(_, v)| v));
            }
            _ => {}
        }
    }
}

/// Stream-level PDF/A fixes: no external data (/F), LZW re-encoded as Flate.
fn fix_stream(s: &mut Stream) {
    if s.dict
        .get(b"F")
        .is_ok_and(|f| !matches!(f, Object::Integer(_)))
    {
        s.dict.remove(b"F");
    }
    let filters: Vec<Vec<u8>> = match s.dict.get(b"Filter") {
        Ok(Object::Name(n)) => vec![super::normalize::expand_filter(n)],
        Ok(Object::Array(a)) => a
            .iter()
            .filter_map(|o| o.as_name().ok())
            .map(super::normalize::expand_filter)
            .collect(),
        _ => return,
    };
    if !filters.iter().any(|f| f == b"LZWDecode") {
        return;
    }
    // Decode the leading generic filters (through the last LZW), keep the rest.
    let last_lzw = filters.iter().rposition(|f| f == b"LZWDecode").unwrap_or(0);
    let head = &filters[..=last_lzw];
    if head.iter().any(|f| {
        matches!(
            f.as_slice(),
            b"DCTDecode" | b"JPXDecode" | b"CCITTFaxDecode" | b"JBIG2Decode"
        )
    }) {
        return; // not decodable generically; left as is (cannot happen in valid files)
    }
    let parms: Vec<Object> = match s.dict.get(b"DecodeParms") {
        Ok(Object::Array(a)) => a.clone(),
        Ok(p) => vec![p.clone()],
        Err(_) => vec![],
    };
    let mut d = Dictionary::new();
    d.set(
        "Filter",
        Object::Array(head.iter().map(|f| Object::Name(f.clone())).collect()),
    );
    if !parms.is_empty() {
        d.set(
            "DecodeParms",
            Object::Array(parms.iter().take(head.len()).cloned().collect()),
        );
    }
    let tmp = Stream::new(d, s.content.clone());
    let Ok(data) = tmp.decompressed_content_with_limit(512 << 20) else {
        return;
    };
    let rest: Vec<Vec<u8>> = filters[last_lzw + 1..].to_vec();
    let rest_parms: Vec<Object> = parms.iter().skip(head.len()).cloned().collect();
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::new(6));
    let _ = std::io::Write::write_all(&mut z, &data);
    let packed = z.finish().unwrap_or_default();
    let mut names = vec![Object::Name(b"FlateDecode".to_vec())];
    names.extend(rest.iter().map(|f| Object::Name(f.clone())));
    s.dict.set("Filter", Object::Array(names));
    if rest_parms.is_empty() {
        s.dict.remove(b"DecodeParms");
    } else {
        let mut p = vec![Object::Null];
        p.extend(rest_parms);
        s.dict.set("DecodeParms", Object::Array(p));
    }
    s.set_content(packed);
}

fn mul(a: &[f64; 6], b: &[f64; 6]) -> [f64; 6] {
    [
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    ]
}

/// The matrix drawing a form with `bbox` and clockwise `rotate` fitted into `rect`; also
/// returns the area actually covered.
pub(crate) fn fit_matrix(bbox: [f64; 4], rotate: i32, rect: [f64; 4]) -> ([f64; 6], [f64; 4]) {
    let (w, h) = (bbox[2] - bbox[0], bbox[3] - bbox[1]);
    let to_origin = [1.0, 0.0, 0.0, 1.0, -bbox[0], -bbox[1]];
    let (rot, dw, dh) = match rotate {
        90 => ([0.0, -1.0, 1.0, 0.0, 0.0, w], h, w),
        180 => ([-1.0, 0.0, 0.0, -1.0, w, h], w, h),
        270 => ([0.0, 1.0, -1.0, 0.0, h, 0.0], h, w),
        _ => ([1.0, 0.0, 0.0, 1.0, 0.0, 0.0], w, h),
    };
    let (rw, rh) = (rect[2] - rect[0], rect[3] - rect[1]);
    // Shrunk to fit, never enlarged: an A5 page or a receipt is printed at its own
    // size, centred (enlarged to A4 its text would be 141 %).
    let s = if dw > 0.0 && dh > 0.0 {
        (rw / dw).min(rh / dh).min(1.0)
    } else {
        1.0
    };
    let (ox, oy) = (rect[0] + (rw - dw * s) / 2.0, rect[1] + (rh - dh * s) / 2.0);
    let m = mul(&mul(&to_origin, &rot), &[s, 0.0, 0.0, s, ox, oy]);
    (m, [ox, oy, ox + dw * s, oy + dh * s])
}

/// What a pack page gets: content to append, and XObjects to add to its resources.
type PagePlan = (Vec<u8>, Vec<(Vec<u8>, ObjectId)>);

/// Largest MCID used in a pack page's content (Typst writes inline property lists).
fn max_mcid(doc: &Document, page: ObjectId) -> Option<i64> {
    let data = doc.get_page_content_with_limit(page, 512 << 20).ok()?;
    let ops = content::parse(&data, 64, 50_000_000).ok()?;
    let mut max: Option<i64> = None;
    for op in ops {
        if op.operator == b"BDC"
            && let Some(Object::Dictionary(d)) = op.operands.get(1)
            && let Ok(m) = d.get(b"MCID").and_then(|o| o.as_i64())
        {
            max = Some(max.map_or(m, |x: i64| x.max(m)));
        }
    }
    max
}

/// Place every bilaga page into the Typst-made pack; return the new bytes and the warnings
/// (Swedish, naming bilaga and page).
pub fn place(pack: &[u8], placements: &[Placement]) -> Result<(Vec<u8>, Vec<Warning>), PdfError> {
    super::error::with_big_stack("placeringen", || place_inner(pack, placements))
}

fn place_inner(pack: &[u8], placements: &[Placement]) -> Result<(Vec<u8>, Vec<Warning>), PdfError> {
    if placements.is_empty() {
        return Ok((pack.to_vec(), Vec::new()));
    }
    let limits = Limits {
        max_pages: 100_000,
        max_depth: 64,
        ..Limits::default()
    };
    let mut doc = super::read::load(pack, &limits)
        .map_err(|e| PdfError::Pack(format!("paketet kan inte läsas: {e}")))?;
    let raw_pages = super::read::walk_pages(&doc, &limits)
        .map_err(|e| PdfError::Pack(format!("paketets sidor: {e}")))?;
    let pages: Vec<ObjectId> = raw_pages.iter().map(|p| p.id).collect();
    for (i, p) in placements.iter().enumerate() {
        if p.pack_page >= pages.len() {
            return Err(PdfError::Pack(format!(
                "placering {i}: paketet har bara {} sidor",
                pages.len()
            )));
        }
        if p.page >= p.bilaga.page_count() {
            return Err(PdfError::Pack(format!(
                "placering {i}: {} har bara {} sidor",
                p.bilaga.name,
                p.bilaga.page_count()
            )));
        }
        if p.alt.trim().is_empty() {
            return Err(PdfError::Pack(format!(
                "placering {i}: alternativtext saknas (krävs av PDF/UA)"
            )));
        }
        if !p.rect.iter().all(|v| v.is_finite()) || p.rect[2] <= p.rect[0] || p.rect[3] <= p.rect[1]
        {
            return Err(PdfError::Pack(format!("placering {i}: ogiltig rektangel")));
        }
    }
    let mut order: Vec<usize> = (0..placements.len()).collect();
    order.sort_by_key(|&i| (placements[i].pack_page, i));

    let mut tree = Tree::read(&doc, &pages)?;
    let mut imp = Importer {
        maps: Vec::new(),
        font_descriptors: BTreeMap::new(),
        glyphs: BTreeMap::new(),
        pages: BTreeMap::new(),
    };
    let mut warnings = Vec::new();
    let mut warned: BTreeSet<(usize, usize)> = BTreeSet::new();
    // Per pack page: (content to draw, xobjects to add).
    let mut per_page: BTreeMap<usize, PagePlan> = BTreeMap::new();
    let mut next_mcid: BTreeMap<usize, i64> = BTreeMap::new();

    for (xobject_counter, &i) in order.iter().enumerate() {
        let p = &placements[i];
        let bi = imp.bilaga_index(p.bilaga);
        let entry = &p.bilaga.pages[p.page];
        let form = match imp.pages.get(&(bi, p.page)) {
            Some(f) => *f,
            None => {
                let f = imp.import(&mut doc, bi, &p.bilaga.doc, entry.form);
                imp.pages.insert((bi, p.page), f);
                f
            }
        };
        let page_id = pages[p.pack_page];
        let mcid = match next_mcid.get(&p.pack_page) {
            Some(m) => *m,
            None => tree.next_mcid(&doc, page_id, max_mcid(&doc, page_id)),
        };
        next_mcid.insert(p.pack_page, mcid + 1);
        let (m, covered) = fit_matrix(entry.bbox, entry.rotate, p.rect);
        tree.add_figure(&mut doc, p.pack_page, page_id, mcid, &p.alt, covered)?;
        let name = format!("KansliBilaga{xobject_counter}").into_bytes();
        let slot = per_page.entry(p.pack_page).or_default();
        slot.0.extend_from_slice(
            format!(
                "/Figure <</MCID {mcid}>> BDC\nq {} {} {} {} {} {} cm /{} Do Q\nEMC\n",
                content::real(m[0]),
                content::real(m[1]),
                content::real(m[2]),
                content::real(m[3]),
                content::real(m[4]),
                content::real(m[5]),
                String::from_utf8_lossy(&name)
            )
            .as_bytes(),
        );
        slot.1.push((name, form));
        if warned.insert((bi, p.page)) {
            warnings.extend(p.bilaga.page_warnings(p.page));
        }
    }

    for (page_idx, (bytes, xobjects)) in per_page {
        let page_id = pages[page_idx];
        // Drawn before the page's own content: the pack's stamps (running page number,
        // "SEKRETESS") stay on top of the bilaga page. Self-contained q … Q.
        let mut body = b"q\n".to_vec();
        body.extend_from_slice(&bytes);
        body.extend_from_slice(b"Q\n");
        let mut st = Stream::new(Dictionary::new(), body);
        let _ = st.compress();
        let tail = doc.add_object(st);
        // Resources: a page-specific copy (Typst may share resource dictionaries).
        let page = doc
            .get_dictionary(page_id)
            .map_err(|_| PdfError::Pack("en sida saknas".into()))?;
        // (inherited from the page tree if the page has none of its own)
        let inherited = raw_pages[page_idx]
            .resources
            .clone()
            .unwrap_or(Object::Null);
        let mut res = resolve(&doc, page.get(b"Resources").unwrap_or(&inherited))
            .as_dict()
            .cloned()
            .unwrap_or_default();
        let mut xo = res
            .get(b"XObject")
            .ok()
            .map(|o| resolve(&doc, o))
            .and_then(|o| o.as_dict().ok())
            .cloned()
            .unwrap_or_default();
        for (n, f) in xobjects {
            xo.set(n, Object::Reference(f));
        }
        res.set("XObject", Object::Dictionary(xo));
        let contents: Vec<Object> = match page.get(b"Contents") {
            Ok(Object::Array(a)) => a.clone(),
            Ok(o @ Object::Reference(_)) => match resolve(&doc, o) {
                Object::Array(a) => a.clone(),
                _ => vec![o.clone()],
            },
            Ok(o) => vec![o.clone()],
            Err(_) => vec![],
        };
        let mut new_contents = vec![Object::Reference(tail)];
        new_contents.extend(contents);
        let page = doc
            .get_dictionary_mut(page_id)
            .map_err(|_| PdfError::Pack("en sida saknas".into()))?;
        page.set("Resources", Object::Dictionary(res));
        page.set("Contents", Object::Array(new_contents));
    }
    tree.finish(&mut doc)?;
    imp.finish(&mut doc);

    let mut out = Vec::new();
    doc.save_to(&mut out)
        .map_err(|_| PdfError::Pack("paketet kunde inte skrivas".into()))?;
    Ok((out, warnings))
}

#[cfg(test)]
mod tests {
    use super::fit_matrix;

    /// The area a bilaga page is drawn into on an A4 pack page (about 9 mm margins and
    /// the stamp band above).
    const AREA: [f64; 4] = [25.5, 22.7, 569.8, 796.3];

    #[test]
    fn a_large_page_is_shrunk_and_a_small_one_kept_at_its_size() {
        // A3 landscape turned by /Rotate: shrunk to the area's width, centred.
        let (_, covered) = fit_matrix([0.0, 0.0, 842.0, 1191.0], 90, AREA);
        let (w, h) = (covered[2] - covered[0], covered[3] - covered[1]);
        assert!((w - (AREA[2] - AREA[0])).abs() < 0.01, "{covered:?}");
        assert!((w / h - 1191.0 / 842.0).abs() < 1e-6, "{covered:?}");
        // A5: its own size (not enlarged to 141 %), centred in the area.
        let (m, covered) = fit_matrix([0.0, 0.0, 420.0, 595.0], 0, AREA);
        assert_eq!((m[0], m[3]), (1.0, 1.0));
        assert!((covered[2] - covered[0] - 420.0).abs() < 1e-9);
        let centre = (covered[0] + covered[2]) / 2.0;
        assert!((centre - (AREA[0] + AREA[2]) / 2.0).abs() < 1e-9);
    }
}
