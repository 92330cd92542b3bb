//! Resource dictionaries: pruned to the names the content uses (`Usage`) and sanitised —
//! fonts (kept and repaired, substituted, or the page rasterised; see `fonts`), ExtGStates
//! (transfer functions, halftones, blend modes, rendering intents, overprint mode, soft
//! masks), colour spaces, shadings and patterns; XObjects go to `forms`. Names the content
//! uses but the resources lack are reported in the `Summary` for the rewrite.

use std::collections::BTreeMap;

use lopdf::{Dictionary, Object};

use super::super::colour::{self, CsKind};
use super::super::content;
use super::super::error::PageNote;
use super::super::fonts::{self, Verdict};
use super::super::read::resolve;
use super::state::{Fail, FontFacts, Norm, R, Summary, Usage};

impl Norm<'_> {
    pub(super) fn sanitize_resources(
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
