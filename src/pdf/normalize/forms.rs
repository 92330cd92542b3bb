//! XObjects and Form XObjects: images go to `images`, forms are normalised in place (their
//! content and resources, recursively, bounded by depth and a self-drawing check),
//! PostScript XObjects become an empty form, transparency groups lose a CMYK /CS.

use lopdf::{Dictionary, Object, ObjectId, Stream};

use super::super::colour;
use super::super::error::PageNote;
use super::super::read::resolve;
use super::state::{Fail, Norm, R};

impl Norm<'_> {
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
    pub(super) fn xobject(
        &mut self,
        x: &Object,
        res: &Dictionary,
        depth: usize,
    ) -> R<Option<Object>> {
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
    pub(super) fn process_form(
        &mut self,
        id: ObjectId,
        inherited: &Dictionary,
        depth: usize,
    ) -> R<()> {
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
    pub(super) fn sanitize_group(&mut self, g: &Object) -> R<Option<Object>> {
        let Ok(mut d) = resolve(&self.doc, g).as_dict().cloned() else {
            return Ok(None);
        };
        if let Ok(cs) = d.get(b"CS").cloned() {
            let (new, _) = colour::convert_colorspace(&mut self.doc, &cs, 0)?;
            d.set("CS", new);
        }
        Ok(Some(Object::Dictionary(d)))
    }
}

fn unreachable_fail() -> R<()> {
    Err(Fail::Raster("internt fel".into()))
}
