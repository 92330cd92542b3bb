//! The pack's logical structure (PDF/UA-1): one `Figure` per placed bilaga page, with
//! `/Alt`, marked-content id on the pack page, ParentTree entry and a position in reading
//! order.
//!
//! Placement in the tree: the Figure goes right after the last block-level element whose
//! content comes (in tree order) on the same or an earlier page. Concretely, find the last
//! content item (MCID / OBJR) in tree order whose page is ≤ the pack page, climb from its
//! element to the child of the nearest grouping element (Document, Part, Art, Sect, Div,
//! BlockQuote, NonStruct, Private or the root) and insert the Figure as the next sibling;
//! Figures already inserted after that element (earlier pages of the same bilaga) are kept
//! before it. So a bilaga follows its heading ("Bilaga 2. Avtal ...") and the pages of a
//! bilaga stay in order; if nothing precedes the page, the Figure is the first child of the
//! Document element. Figures are never inside P, L, Table etc. (where a block would not be
//! allowed).

use std::collections::{BTreeMap, BTreeSet};

use lopdf::{Dictionary, Document, Object, ObjectId};

use super::error::PdfError;
use super::read::resolve;

const GROUPING: &[&[u8]] = &[
    b"Document",
    b"Part",
    b"Art",
    b"Sect",
    b"Div",
    b"BlockQuote",
    b"NonStruct",
    b"Private",
];

pub(crate) struct Tree {
    root: ObjectId,
    parent: BTreeMap<ObjectId, ObjectId>,
    /// Content items in tree order: (page index, owning element).
    items: Vec<(usize, ObjectId)>,
    /// For each page, the index in `items` of the last item whose page is ≤ it.
    last_upto: Vec<Option<usize>>,
    role_map: BTreeMap<Vec<u8>, Vec<u8>>,
    /// ParentTree flattened: key → value.
    parent_tree: BTreeMap<i64, Object>,
    next_key: i64,
    /// Last Figure inserted after an anchor element.
    chain: BTreeMap<ObjectId, ObjectId>,
    /// Elements we created.
    ours: BTreeSet<ObjectId>,
    parent_tree_dirty: bool,
}

fn err(s: &str) -> PdfError {
    PdfError::Pack(s.to_string())
}

impl Tree {
    pub fn read(doc: &Document, pages: &[ObjectId]) -> Result<Tree, PdfError> {
        let catalog = doc
            .trailer
            .get(b"Root")
            .ok()
            .map(|r| resolve(doc, r))
            .and_then(|c| c.as_dict().ok())
            .ok_or_else(|| err("katalogen saknas"))?;
        let root = catalog
            .get(b"StructTreeRoot")
            .ok()
            .and_then(|o| o.as_reference().ok())
            .ok_or_else(|| err("strukturträdet (StructTreeRoot) saknas; kompilera med PDF/UA"))?;
        let root_dict = doc
            .get_dictionary(root)
            .map_err(|_| err("strukturträdet saknas"))?;
        let page_index: BTreeMap<ObjectId, usize> =
            pages.iter().enumerate().map(|(i, id)| (*id, i)).collect();

        let mut role_map = BTreeMap::new();
        if let Ok(rm) = root_dict
            .get(b"RoleMap")
            .map(|o| resolve(doc, o))
            .and_then(|o| o.as_dict())
        {
            for (k, v) in rm.iter() {
                if let Ok(n) = resolve(doc, v).as_name() {
                    role_map.insert(k.clone(), n.to_vec());
                }
            }
        }

        // Pre-order walk with an explicit stack.
        let mut parent = BTreeMap::new();
        let mut items = Vec::new();
        let mut seen = BTreeSet::new();
        enum Work {
            Elem(ObjectId, Option<usize>),
            Item(Object, ObjectId, Option<usize>),
        }
        let kids_of = |d: &Dictionary| -> Vec<Object> {
            match d.get(b"K") {
                Ok(Object::Array(a)) => a.clone(),
                Ok(o @ Object::Reference(_)) => match resolve(doc, o) {
                    Object::Array(a) => a.clone(),
                    _ => vec![o.clone()],
                },
                Ok(o) => vec![o.clone()],
                Err(_) => vec![],
            }
        };
        let mut stack: Vec<Work> = Vec::new();
        for k in kids_of(root_dict).into_iter().rev() {
            if let Ok(id) = k.as_reference() {
                parent.insert(id, root);
                stack.push(Work::Elem(id, None));
            }
        }
        let mut steps = 0usize;
        while let Some(w) = stack.pop() {
            steps += 1;
            if steps > 10_000_000 {
                return Err(err("strukturträdet är för stort"));
            }
            match w {
                Work::Elem(id, inherited_pg) => {
                    if !seen.insert(id) {
                        continue;
                    }
                    let Ok(d) = doc.get_dictionary(id) else {
                        continue;
                    };
                    let pg = d
                        .get(b"Pg")
                        .ok()
                        .and_then(|o| o.as_reference().ok())
                        .and_then(|p| page_index.get(&p).copied())
                        .or(inherited_pg);
                    for k in kids_of(d).into_iter().rev() {
                        stack.push(Work::Item(k, id, pg));
                    }
                }
                Work::Item(k, owner, pg) => match &k {
                    Object::Integer(_) => {
                        if let Some(p) = pg {
                            items.push((p, owner));
                        }
                    }
                    Object::Reference(id) => {
                        let Ok(d) = doc.get_dictionary(*id) else {
                            continue;
                        };
                        if d.has(b"S") {
                            parent.insert(*id, owner);
                            stack.push(Work::Elem(*id, None));
                        } else {
                            // OBJR (or MCR by reference)
                            let p = d
                                .get(b"Pg")
                                .ok()
                                .and_then(|o| o.as_reference().ok())
                                .and_then(|p| page_index.get(&p).copied())
                                .or(pg);
                            if let Some(p) = p {
                                items.push((p, owner));
                            }
                        }
                    }
                    Object::Dictionary(d) => {
                        let p = d
                            .get(b"Pg")
                            .ok()
                            .and_then(|o| o.as_reference().ok())
                            .and_then(|p| page_index.get(&p).copied())
                            .or(pg);
                        if let Some(p) = p {
                            items.push((p, owner));
                        }
                    }
                    _ => {}
                },
            }
        }
        // The pre-order stack visits kids in order, but items of an element are interleaved
        // with its child elements exactly as in /K. Done.
        let mut last_on_page: Vec<Option<usize>> = vec![None; pages.len()];
        for (i, (p, _)) in items.iter().enumerate() {
            if *p < pages.len() {
                last_on_page[*p] = Some(last_on_page[*p].map_or(i, |j: usize| j.max(i)));
            }
        }
        let mut last_upto = vec![None; pages.len()];
        let mut best: Option<usize> = None;
        for p in 0..pages.len() {
            if let Some(i) = last_on_page[p] {
                best = Some(best.map_or(i, |b| b.max(i)));
            }
            last_upto[p] = best;
        }

        // ParentTree
        let mut parent_tree = BTreeMap::new();
        if let Ok(pt) = root_dict.get(b"ParentTree") {
            let mut stack = vec![(pt.clone(), 0usize)];
            while let Some((node, depth)) = stack.pop() {
                if depth > 32 {
                    return Err(err("ParentTree är för djupt"));
                }
                let Ok(d) = resolve(doc, &node).as_dict() else {
                    continue;
                };
                if let Ok(nums) = d
                    .get(b"Nums")
                    .map(|o| resolve(doc, o))
                    .and_then(|o| o.as_array())
                {
                    for pair in nums.chunks(2) {
                        if let [Object::Integer(k), v] = pair {
                            parent_tree.insert(*k, v.clone());
                        }
                    }
                }
                if let Ok(kids) = d
                    .get(b"Kids")
                    .map(|o| resolve(doc, o))
                    .and_then(|o| o.as_array())
                {
                    for k in kids {
                        stack.push((k.clone(), depth + 1));
                    }
                }
            }
        }
        let max_key = parent_tree.keys().next_back().copied().unwrap_or(-1);
        let next_key = root_dict
            .get(b"ParentTreeNextKey")
            .ok()
            .and_then(|o| o.as_i64().ok())
            .unwrap_or(0)
            .max(max_key + 1);
        // Page StructParents keys also count.
        let mut next_key = next_key;
        for id in pages {
            if let Some(k) = doc
                .get_dictionary(*id)
                .ok()
                .and_then(|d| d.get(b"StructParents").ok())
                .and_then(|o| o.as_i64().ok())
            {
                next_key = next_key.max(k + 1);
            }
        }
        Ok(Tree {
            root,
            parent,
            items,
            last_upto,
            role_map,
            parent_tree,
            next_key,
            chain: BTreeMap::new(),
            ours: BTreeSet::new(),
            parent_tree_dirty: false,
        })
    }

    fn role(&self, doc: &Document, id: ObjectId) -> Vec<u8> {
        let mut t = doc
            .get_dictionary(id)
            .ok()
            .and_then(|d| d.get(b"S").ok())
            .and_then(|o| o.as_name().ok())
            .map(|n| n.to_vec())
            .unwrap_or_default();
        for _ in 0..10 {
            match self.role_map.get(&t) {
                Some(m) if *m != t => t = m.clone(),
                _ => break,
            }
        }
        t
    }

    fn is_grouping(&self, doc: &Document, id: ObjectId) -> bool {
        id == self.root || GROUPING.contains(&self.role(doc, id).as_slice())
    }

    /// The next free MCID on a page: past every MCID in its content and its ParentTree array.
    pub fn next_mcid(&self, doc: &Document, page: ObjectId, content_max: Option<i64>) -> i64 {
        let from_tree = doc
            .get_dictionary(page)
            .ok()
            .and_then(|d| d.get(b"StructParents").ok())
            .and_then(|o| o.as_i64().ok())
            .and_then(|k| self.parent_tree.get(&k))
            .map(|v| resolve(doc, v))
            .and_then(|v| v.as_array().ok())
            .map(|a| a.len() as i64)
            .unwrap_or(0);
        from_tree.max(content_max.map_or(0, |m| m + 1))
    }

    /// Create the Figure element for MCID `mcid` on pack page `page_idx` and link it in.
    pub fn add_figure(
        &mut self,
        doc: &mut Document,
        page_idx: usize,
        page: ObjectId,
        mcid: i64,
        alt: &str,
        bbox: [f64; 4],
    ) -> Result<ObjectId, PdfError> {
        // Where: after the block containing the last content at or before this page.
        let anchor = self
            .last_upto
            .get(page_idx)
            .copied()
            .flatten()
            .map(|i| self.items[i].1);
        let (parent, after) = match anchor {
            Some(mut e) => {
                let mut guard = 0;
                while let Some(&p) = self.parent.get(&e) {
                    if self.is_grouping(doc, p) || guard > 256 {
                        break;
                    }
                    e = p;
                    guard += 1;
                }
                let p = self.parent.get(&e).copied().unwrap_or(self.root);
                (p, Some(*self.chain.get(&e).unwrap_or(&e)))
            }
            None => {
                // Nothing before: first child of the first grouping element under the root.
                let first = kids(doc, self.root)
                    .into_iter()
                    .find_map(|k| k.as_reference().ok());
                match first {
                    Some(f) if self.is_grouping(doc, f) && !self.ours.contains(&f) => {
                        let after = self.chain.get(&f).copied();
                        (f, after)
                    }
                    _ => (self.root, self.chain.get(&self.root).copied()),
                }
            }
        };
        let mut fig = Dictionary::new();
        fig.set("Type", Object::Name(b"StructElem".to_vec()));
        fig.set("S", Object::Name(b"Figure".to_vec()));
        fig.set("P", Object::Reference(parent));
        fig.set("Pg", Object::Reference(page));
        fig.set("K", Object::Integer(mcid));
        fig.set("Alt", lopdf::text_string(alt));
        let mut attr = Dictionary::new();
        attr.set("O", Object::Name(b"Layout".to_vec()));
        attr.set(
            "BBox",
            Object::Array(bbox.iter().map(|v| Object::Real(*v as f32)).collect()),
        );
        fig.set("A", Object::Dictionary(attr));
        let fig_id = doc.add_object(fig);
        self.ours.insert(fig_id);

        // Insert into parent's /K after `after` (or at the front).
        insert_kid(doc, parent, after, fig_id)?;
        self.parent.insert(fig_id, parent);
        let chain_key = match anchor {
            Some(mut e) => {
                let mut guard = 0;
                while let Some(&p) = self.parent.get(&e) {
                    if self.is_grouping(doc, p) || guard > 256 {
                        break;
                    }
                    e = p;
                    guard += 1;
                }
                e
            }
            None => parent,
        };
        self.chain.insert(chain_key, fig_id);

        // ParentTree: page's array gets the Figure at index mcid.
        let key = match doc
            .get_dictionary(page)
            .ok()
            .and_then(|d| d.get(b"StructParents").ok())
            .and_then(|o| o.as_i64().ok())
        {
            Some(k) => k,
            None => {
                let k = self.next_key;
                self.next_key += 1;
                if let Ok(d) = doc.get_dictionary_mut(page) {
                    d.set("StructParents", k);
                }
                k
            }
        };
        let entry = self.parent_tree.get(&key).cloned();
        match entry {
            Some(Object::Reference(arr_id)) => {
                if let Ok(Object::Array(a)) = doc.get_object_mut(arr_id) {
                    set_at(a, mcid as usize, Object::Reference(fig_id));
                } else {
                    let mut a = Vec::new();
                    set_at(&mut a, mcid as usize, Object::Reference(fig_id));
                    let id = doc.add_object(Object::Array(a));
                    self.parent_tree.insert(key, Object::Reference(id));
                    self.parent_tree_dirty = true;
                }
            }
            Some(Object::Array(mut a)) => {
                set_at(&mut a, mcid as usize, Object::Reference(fig_id));
                self.parent_tree.insert(key, Object::Array(a));
                self.parent_tree_dirty = true;
            }
            _ => {
                let mut a = Vec::new();
                set_at(&mut a, mcid as usize, Object::Reference(fig_id));
                let id = doc.add_object(Object::Array(a));
                self.parent_tree.insert(key, Object::Reference(id));
                self.parent_tree_dirty = true;
            }
        }
        Ok(fig_id)
    }

    /// Write the ParentTree back (flat /Nums) and ParentTreeNextKey.
    pub fn finish(self, doc: &mut Document) -> Result<(), PdfError> {
        if self.parent_tree_dirty {
            let mut nums = Vec::with_capacity(self.parent_tree.len() * 2);
            for (k, v) in &self.parent_tree {
                nums.push(Object::Integer(*k));
                nums.push(v.clone());
            }
            let mut pt = Dictionary::new();
            pt.set("Nums", Object::Array(nums));
            let pt_id = doc.add_object(pt);
            let root = doc
                .get_dictionary_mut(self.root)
                .map_err(|_| err("strukturträdet saknas"))?;
            root.set("ParentTree", Object::Reference(pt_id));
        }
        let root = doc
            .get_dictionary_mut(self.root)
            .map_err(|_| err("strukturträdet saknas"))?;
        root.set("ParentTreeNextKey", self.next_key);
        Ok(())
    }
}

fn set_at(a: &mut Vec<Object>, i: usize, v: Object) {
    if a.len() <= i {
        a.resize(i + 1, Object::Null);
    }
    a[i] = v;
}

fn kids(doc: &Document, id: ObjectId) -> Vec<Object> {
    let Ok(d) = doc.get_dictionary(id) else {
        return vec![];
    };
    match d.get(b"K") {
        Ok(Object::Array(a)) => a.clone(),
        Ok(o @ Object::Reference(_)) => match resolve(doc, o) {
            Object::Array(a) => a.clone(),
            _ => vec![o.clone()],
        },
        Ok(o) => vec![o.clone()],
        Err(_) => vec![],
    }
}

fn insert_kid(
    doc: &mut Document,
    parent: ObjectId,
    after: Option<ObjectId>,
    kid: ObjectId,
) -> Result<(), PdfError> {
    let k_obj = doc
        .get_dictionary(parent)
        .map_err(|_| err("ett strukturelement saknas"))?
        .get(b"K")
        .ok()
        .cloned();
    // An indirect /K array is edited where it lives.
    if let Some(Object::Reference(kid_arr)) = &k_obj
        && let Ok(Object::Array(a)) = doc.get_object_mut(*kid_arr)
    {
        insert_into(a, after, kid);
        return Ok(());
    }
    let mut arr = match k_obj {
        None => vec![],
        Some(Object::Array(a)) => a,
        Some(o) => vec![o],
    };
    insert_into(&mut arr, after, kid);
    let d = doc
        .get_dictionary_mut(parent)
        .map_err(|_| err("ett strukturelement saknas"))?;
    d.set("K", Object::Array(arr));
    Ok(())
}

fn insert_into(a: &mut Vec<Object>, after: Option<ObjectId>, kid: ObjectId) {
    let pos = match after {
        Some(after) => a
            .iter()
            .position(|o| o.as_reference().ok() == Some(after))
            .map(|p| p + 1)
            .unwrap_or(a.len()),
        None => 0,
    };
    a.insert(pos, Object::Reference(kid));
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Root → Document → [P (page 1)]; pages 0 and 1; a Figure on page 0 has nothing
    /// before it and becomes the Document's first child; one on page 1 follows the P.
    #[test]
    fn figure_positions() {
        let mut doc = Document::with_version("1.7");
        let p0 = doc.add_object(Dictionary::new());
        let p1 = doc.add_object(Dictionary::new());
        let mut p = Dictionary::new();
        p.set("S", Object::Name(b"P".to_vec()));
        p.set("Pg", Object::Reference(p1));
        p.set("K", 0);
        let p_id = doc.add_object(p);
        let mut d = Dictionary::new();
        d.set("S", Object::Name(b"Document".to_vec()));
        d.set("K", Object::Array(vec![Object::Reference(p_id)]));
        let d_id = doc.add_object(d);
        let mut root = Dictionary::new();
        root.set("Type", Object::Name(b"StructTreeRoot".to_vec()));
        root.set("K", Object::Reference(d_id));
        let root_id = doc.add_object(root);
        let mut cat = Dictionary::new();
        cat.set("StructTreeRoot", Object::Reference(root_id));
        let cat_id = doc.add_object(cat);
        doc.trailer.set("Root", Object::Reference(cat_id));

        let mut tree = Tree::read(&doc, &[p0, p1]).unwrap();
        let f0 = tree
            .add_figure(&mut doc, 0, p0, 0, "första", [0.0; 4])
            .unwrap();
        let f0b = tree
            .add_figure(&mut doc, 0, p0, 1, "andra", [0.0; 4])
            .unwrap();
        let f1 = tree
            .add_figure(&mut doc, 1, p1, 1, "tredje", [0.0; 4])
            .unwrap();
        tree.finish(&mut doc).unwrap();
        let k: Vec<ObjectId> = kids(&doc, d_id)
            .iter()
            .map(|o| o.as_reference().unwrap())
            .collect();
        assert_eq!(k, vec![f0, f0b, p_id, f1]);
        // ParentTree: page 0 got a new key with both Figures; page 1 likewise.
        let sp0 = doc
            .get_dictionary(p0)
            .unwrap()
            .get(b"StructParents")
            .unwrap()
            .as_i64()
            .unwrap();
        let sp1 = doc
            .get_dictionary(p1)
            .unwrap()
            .get(b"StructParents")
            .unwrap()
            .as_i64()
            .unwrap();
        assert_ne!(sp0, sp1);
        let root = doc.get_dictionary(root_id).unwrap();
        assert_eq!(
            root.get(b"ParentTreeNextKey").unwrap().as_i64().unwrap(),
            sp0.max(sp1) + 1
        );
    }
}
