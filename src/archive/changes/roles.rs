//! What each object of the archived original is (page, form field, signature field,
//! widget, DSS, structure tree…): computed once, and asked by every rule.

use std::collections::{HashMap, HashSet};

use lopdf::{Dictionary, Document, Object, ObjectId};

use crate::archive::pdf::{self, Graph, Step, Usage};

/// What the objects of the original are: computed once from the original.
pub(super) struct Roles {
    pub(super) graph: Graph,
    pub(super) root: ObjectId,
    pub(super) info: Option<ObjectId>,
    pub(super) xmp: Option<ObjectId>,
    pub(super) dss: HashSet<ObjectId>,
    pub(super) struct_tree: HashSet<ObjectId>,
    /// Page objects, with their number (1-based).
    pub(super) pages: HashMap<ObjectId, usize>,
    /// Indirect /Annots arrays, with their page.
    pub(super) annots_arrays: HashMap<ObjectId, ObjectId>,
    pub(super) acroform: Option<ObjectId>,
    pub(super) fields_array: Option<ObjectId>,
    /// Every field object in the form tree.
    pub(super) fields: HashSet<ObjectId>,
    /// Terminal signature fields without a value, with their name.
    pub(super) empty_sig_fields: HashMap<ObjectId, String>,
    /// Signature fields that hold a signature.
    pub(super) signed_fields: HashMap<ObjectId, String>,
    /// Widgets (kids without /T) of empty signature fields, with the field.
    pub(super) empty_sig_widgets: HashMap<ObjectId, ObjectId>,
    /// Appearance streams and dictionaries directly under those widgets' /AP.
    pub(super) empty_sig_appearances: HashSet<ObjectId>,
    /// Widgets of all fields, and annotations in general (for messages).
    pub(super) annotations: HashSet<ObjectId>,
}

impl Roles {
    pub(super) fn of(old: &Document, root: ObjectId) -> Result<Roles, String> {
        let info = old.trailer.get(b"Info").and_then(Object::as_reference).ok();
        let graph = Graph::walk(old, &trailer_starts(old, root), &|_| false)?;
        let catalog = old
            .objects
            .get(&root)
            .and_then(|c| c.as_dict().ok())
            .ok_or("originalets katalog är ingen ordlista")?;
        let xmp = catalog.get(b"Metadata").and_then(Object::as_reference).ok();
        let dss = catalog
            .get(b"DSS")
            .map(|d| pdf::reachable_from(old, d))
            .unwrap_or_default();
        let struct_tree = catalog
            .get(b"StructTreeRoot")
            .map(|d| pdf::reachable_from(old, d))
            .unwrap_or_default();
        let mut cx = Roles {
            graph,
            root,
            info,
            xmp,
            dss,
            struct_tree,
            pages: HashMap::new(),
            annots_arrays: HashMap::new(),
            acroform: catalog.get(b"AcroForm").and_then(Object::as_reference).ok(),
            fields_array: None,
            fields: HashSet::new(),
            empty_sig_fields: HashMap::new(),
            signed_fields: HashMap::new(),
            empty_sig_widgets: HashMap::new(),
            empty_sig_appearances: HashSet::new(),
            annotations: HashSet::new(),
        };
        cx.find_pages(old, catalog);
        cx.find_fields(old, catalog);
        Ok(cx)
    }

    /// The page tree's leaves in order (iterative, each node once).
    pub(super) fn find_pages(&mut self, doc: &Document, catalog: &Dictionary) {
        let Ok(top) = catalog.get(b"Pages").and_then(Object::as_reference) else {
            return;
        };
        let mut stack = vec![top];
        let mut seen = HashSet::new();
        while let Some(id) = stack.pop() {
            if !seen.insert(id) {
                continue;
            }
            let Some(node) = doc.objects.get(&id).and_then(|o| o.as_dict().ok()) else {
                continue;
            };
            if node.has_type(b"Pages") {
                if let Some(Object::Array(kids)) =
                    node.get(b"Kids").ok().and_then(|k| pdf::resolve(doc, k))
                {
                    for kid in kids.iter().rev() {
                        if let Ok(k) = kid.as_reference() {
                            stack.push(k);
                        }
                    }
                }
            } else {
                let n = self.pages.len() + 1;
                self.pages.insert(id, n);
                if let Ok(Object::Reference(a)) = node.get(b"Annots") {
                    self.annots_arrays.insert(*a, id);
                }
                if let Some(Object::Array(annots)) =
                    node.get(b"Annots").ok().and_then(|a| pdf::resolve(doc, a))
                {
                    self.annotations
                        .extend(annots.iter().filter_map(|a| a.as_reference().ok()));
                }
            }
        }
    }

    /// The form's fields (iterative), and which are signature fields.
    pub(super) fn find_fields(&mut self, doc: &Document, catalog: &Dictionary) {
        let Some(form) = catalog
            .get(b"AcroForm")
            .ok()
            .and_then(|a| pdf::resolve(doc, a))
            .and_then(|a| a.as_dict().ok())
        else {
            return;
        };
        self.fields_array = form.get(b"Fields").and_then(Object::as_reference).ok();
        let Some(Object::Array(top)) = form.get(b"Fields").ok().and_then(|f| pdf::resolve(doc, f))
        else {
            return;
        };
        // (field, inherited /FT)
        let mut stack: Vec<(ObjectId, Option<Vec<u8>>)> = top
            .iter()
            .filter_map(|f| f.as_reference().ok())
            .map(|f| (f, None))
            .collect();
        let mut seen = HashSet::new();
        while let Some((id, inherited)) = stack.pop() {
            if !seen.insert(id) {
                continue;
            }
            let Some(field) = doc.objects.get(&id).and_then(|o| o.as_dict().ok()) else {
                continue;
            };
            self.fields.insert(id);
            let ft = field
                .get(b"FT")
                .and_then(Object::as_name)
                .ok()
                .map(<[u8]>::to_vec)
                .or(inherited);
            let kids: Vec<ObjectId> =
                match field.get(b"Kids").ok().and_then(|k| pdf::resolve(doc, k)) {
                    Some(Object::Array(k)) => {
                        k.iter().filter_map(|k| k.as_reference().ok()).collect()
                    }
                    _ => Vec::new(),
                };
            let (field_kids, widgets): (Vec<ObjectId>, Vec<ObjectId>) =
                kids.into_iter().partition(|k| {
                    doc.objects
                        .get(k)
                        .and_then(|o| o.as_dict().ok())
                        .is_some_and(|d| d.get(b"T").is_ok())
                });
            for k in field_kids {
                stack.push((k, ft.clone()));
            }
            if ft.as_deref() != Some(b"Sig") {
                self.annotations.extend(widgets);
                continue;
            }
            let name = field
                .get(b"T")
                .ok()
                .and_then(|t| t.as_str().ok())
                .map(|t| String::from_utf8_lossy(t).into_owned())
                .unwrap_or_default();
            if field.get(b"V").is_ok() {
                self.signed_fields.insert(id, name);
                continue;
            }
            let own_widgets = if widgets.is_empty() && field.get(b"Subtype").is_ok() {
                vec![id]
            } else {
                widgets
            };
            for w in &own_widgets {
                if *w != id {
                    self.empty_sig_widgets.insert(*w, id);
                }
                self.annotations.insert(*w);
                if let Some(ap) = doc
                    .objects
                    .get(w)
                    .and_then(|o| o.as_dict().ok())
                    .and_then(|d| d.get(b"AP").ok())
                {
                    // /AP's own object, its /N /R /D, and their state dictionaries.
                    let mut stack: Vec<(&Object, usize)> = vec![(ap, 0)];
                    while let Some((o, depth)) = stack.pop() {
                        match o {
                            Object::Reference(r) => {
                                self.empty_sig_appearances.insert(*r);
                                if depth < 2
                                    && let Some(t) = doc.objects.get(r)
                                    && t.as_dict().is_ok()
                                {
                                    stack.push((t, depth + 1));
                                }
                            }
                            Object::Dictionary(d) if depth < 3 => {
                                stack.extend(d.iter().map(|(_, v)| (v, depth + 1)));
                            }
                            _ => {}
                        }
                    }
                }
            }
            self.empty_sig_fields.insert(id, name);
        }
    }

    /// The object named for a message: its number, what it is, and the path to it.
    pub(super) fn describe(&self, id: ObjectId) -> String {
        let what = if id == self.root {
            "katalogen".to_string()
        } else if let Some(n) = self.pages.get(&id) {
            format!("sida {n}")
        } else if Some(id) == self.info {
            "dokumentinformationen (/Info)".to_string()
        } else if Some(id) == self.xmp {
            "XMP-metadata".to_string()
        } else if self.dss.contains(&id) {
            "valideringsdata (/DSS)".to_string()
        } else if let Some(name) = self
            .empty_sig_fields
            .get(&id)
            .or_else(|| self.signed_fields.get(&id))
        {
            format!("signaturfältet \"{name}\"")
        } else if self.fields.contains(&id) {
            "ett formulärfält".to_string()
        } else if self.annotations.contains(&id) {
            "en annotering".to_string()
        } else if let Some(page) = self.usages(id).iter().find_map(|u| {
            let n = self.pages.get(&u.from?)?;
            Some((n, u.path.first().cloned()))
        }) {
            match page {
                (n, Some(Step::Key(k))) if k == b"Contents" => format!("innehållet på sida {n}"),
                (n, Some(Step::Key(k))) if k == b"Resources" => format!("resurserna för sida {n}"),
                (n, Some(Step::Key(k))) if k == b"Annots" => format!("annoteringarna på sida {n}"),
                (n, _) => format!("ett objekt som sida {n} hänvisar till"),
            }
        } else if self.struct_tree.contains(&id) {
            "strukturträdet (taggningen)".to_string()
        } else {
            "ett objekt i dokumentet".to_string()
        };
        format!(
            "objekt {} {} ({what}, {})",
            id.0,
            id.1,
            self.graph.path_to(id)
        )
    }

    pub(super) fn usages(&self, id: ObjectId) -> &[Usage] {
        self.graph.usages.get(&id).map(Vec::as_slice).unwrap_or(&[])
    }

    /// Every place the original refers to `id` from satisfies `ok`; else the first
    /// other one, named.
    pub(super) fn only_used_where(
        &self,
        id: ObjectId,
        ok: impl Fn(&Usage) -> bool,
    ) -> Result<(), String> {
        match self.usages(id).iter().find(|u| !ok(u)) {
            None => Ok(()),
            Some(u) => Err(format!(
                "objektet används också från {}{}, så ändringen gäller mer än det som får ändras",
                match u.from {
                    Some(f) => format!("objekt {} {} ", f.0, f.1),
                    None => "trailern ".to_string(),
                },
                pdf::show_path(&u.path)
            )),
        }
    }

    /// A usage from inside the form structure: the form, its /Fields, a field's /Kids
    /// or a widget's /Parent, a page's /Annots, or the structure tree's object
    /// reference (`/Obj` of an OBJR).
    pub(super) fn is_form_usage(&self, u: &Usage) -> bool {
        let Some(from) = u.from else {
            return false;
        };
        let first = u.path.first();
        let last = u.path.last();
        let key = |k: &[u8], s: Option<&Step>| matches!(s, Some(Step::Key(x)) if x == k);
        (from == self.root && key(b"AcroForm", first))
            || Some(from) == self.acroform && key(b"Fields", first)
            || Some(from) == self.fields_array
            || self.fields.contains(&from) && (key(b"Kids", first) || key(b"Parent", first))
            || self.empty_sig_widgets.contains_key(&from) && key(b"Parent", first)
            || self.pages.contains_key(&from) && key(b"Annots", first)
            || self.annots_arrays.contains_key(&from)
            || self.struct_tree.contains(&from) && key(b"Obj", last)
    }
}

/// Where a walk of a document begins: its catalog (`/Root`) and its document
/// information (`/Info`), as the trailer names them.
pub(super) fn trailer_starts(doc: &Document, root: ObjectId) -> Vec<(Usage, String, ObjectId)> {
    let start = |key: &[u8], id| {
        (
            Usage {
                from: None,
                path: vec![Step::Key(key.to_vec())],
            },
            format!("/{}", String::from_utf8_lossy(key)),
            id,
        )
    };
    let mut starts = vec![start(b"Root", root)];
    if let Ok(info) = doc.trailer.get(b"Info").and_then(Object::as_reference) {
        starts.push(start(b"Info", info));
    }
    starts
}
