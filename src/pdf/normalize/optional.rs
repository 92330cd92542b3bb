//! Optional content: which optional content groups (OCGs) are off in the document's default
//! configuration, and whether an OCG or OCMD reference is hidden. Hidden content is
//! removed (annotations, XObjects, marked-content sequences), never drawn.

use std::collections::BTreeSet;

use lopdf::{Document, Object, ObjectId};

use super::super::read::resolve;
use super::state::Norm;

/// OCGs that are off in the default configuration.
pub(super) fn hidden_ocgs(doc: &Document) -> BTreeSet<ObjectId> {
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

impl Norm<'_> {
    /// Is an optional-content reference (OCG or OCMD) hidden by default?
    pub(super) fn oc_hidden(&self, o: &Object) -> bool {
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
}
