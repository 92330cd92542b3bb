//! Reading the untrusted PDFs of the signed intake (a file sent back by a signing
//! service) with limits: strict parsing (no repaired cross-reference tables, no
//! skipped objects), every object the cross-reference table lists must load, bounded
//! object count and decompressed stream size, and every walk over the object graph
//! iterative with a visited set, so that no input (a long `/DSS` reference chain, deep
//! nesting) can overflow the stack or run for ever.

use std::collections::{HashMap, HashSet, VecDeque};

use lopdf::{Document, Object, ObjectId, xref::XrefEntry};

/// Most objects a signed file may have (cross-reference entries).
pub const MAX_OBJECTS: usize = 1_000_000;
/// Largest decompressed stream read (object streams, cross-reference streams, DSS data).
pub const MAX_STREAM: usize = 64 * 1024 * 1024;

/// Loads `bytes` strictly and checks that it was read completely. `what` names the
/// file in messages ("den signerade filen", "originalet").
pub fn load(bytes: &[u8], what: &str) -> Result<Document, String> {
    let options = lopdf::LoadOptions {
        strict: true,
        max_decompressed_size: Some(MAX_STREAM),
        ..Default::default()
    };
    let doc = Document::load_mem_with_options(bytes, options)
        .map_err(|e| format!("{what} går inte att läsa helt ({e}); en fil som inte kan läsas fullständigt godtas inte"))?;
    if doc.xref_recovery.is_some() {
        return Err(format!(
            "{what} har en trasig korsreferenstabell som måste lagas för att filen ska gå att läsa; en sådan fil godtas inte"
        ));
    }
    if doc.reference_table.entries.len() > MAX_OBJECTS {
        return Err(format!(
            "{what} har {} objekt; högst {MAX_OBJECTS} godtas",
            doc.reference_table.entries.len()
        ));
    }
    if doc.trailer.get(b"Encrypt").is_ok() {
        return Err(format!(
            "{what} är krypterad; krypterade filer arkiveras inte"
        ));
    }
    // Every object the cross-reference table lists as in use must have been read,
    // under the number and generation it lists: lopdf skips what it cannot parse.
    for (&num, entry) in &doc.reference_table.entries {
        let generation = match *entry {
            XrefEntry::Normal { generation, .. } => generation,
            XrefEntry::Compressed { .. } => 0,
            XrefEntry::Free | XrefEntry::UnusableFree => continue,
        };
        if !doc.objects.contains_key(&(num, generation)) {
            return Err(format!(
                "objekt {num} {generation} i {what} går inte att läsa helt (för djupt nästlat, trasigt eller på fel plats); en fil som inte kan läsas fullständigt godtas inte"
            ));
        }
    }
    Ok(doc)
}

/// The generation an object number has in use in the cross-reference table, if any.
pub fn in_use(doc: &Document, num: u32) -> Option<u16> {
    match doc.reference_table.entries.get(&num)? {
        XrefEntry::Normal { generation, .. } => Some(*generation),
        XrefEntry::Compressed { .. } => Some(0),
        XrefEntry::Free | XrefEntry::UnusableFree => None,
    }
}

/// Two objects are the same value: as lopdf compares them, except that a stream's
/// position in the file (and lopdf's own compression flag) do not count.
pub fn same(a: Option<&Object>, b: Option<&Object>) -> bool {
    match (a, b) {
        (Some(Object::Stream(x)), Some(Object::Stream(y))) => {
            x.dict == y.dict && x.content == y.content
        }
        (Some(x), Some(y)) => x == y,
        (None, None) => true,
        // A missing object reads as null.
        (Some(Object::Null), None) | (None, Some(Object::Null)) => true,
        _ => false,
    }
}

/// One step of a path inside an object: a dictionary key or an array index.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Step {
    Key(Vec<u8>),
    Index(usize),
}

/// A path inside an object, e.g. `/Annots[2]`.
pub type Path = Vec<Step>;

pub fn show_path(path: &[Step]) -> String {
    let mut s = String::new();
    for step in path {
        match step {
            Step::Key(k) => {
                s.push('/');
                s.push_str(&String::from_utf8_lossy(k));
            }
            Step::Index(i) => s.push_str(&format!("[{i}]")),
        }
    }
    s
}

/// Every reference inside `obj` (not following them), with its path in `obj`.
/// Iterative: arbitrarily nested arrays and dictionaries cost heap, not stack.
pub fn references(obj: &Object) -> Vec<(Path, ObjectId)> {
    let mut out = Vec::new();
    let mut stack: Vec<(Path, &Object)> = vec![(Vec::new(), obj)];
    while let Some((path, o)) = stack.pop() {
        match o {
            Object::Reference(id) => out.push((path, *id)),
            Object::Array(items) => {
                for (i, item) in items.iter().enumerate().rev() {
                    if matches!(
                        item,
                        Object::Reference(_) | Object::Array(_) | Object::Dictionary(_)
                    ) {
                        stack.push((extend(&path, Step::Index(i)), item));
                    }
                }
            }
            Object::Dictionary(d) => push_dict(&mut stack, &path, d),
            Object::Stream(s) => push_dict(&mut stack, &path, &s.dict),
            _ => {}
        }
    }
    out
}

fn push_dict<'a>(stack: &mut Vec<(Path, &'a Object)>, path: &Path, d: &'a lopdf::Dictionary) {
    let items: Vec<_> = d.iter().collect();
    for (k, v) in items.into_iter().rev() {
        if matches!(
            v,
            Object::Reference(_) | Object::Array(_) | Object::Dictionary(_) | Object::Stream(_)
        ) {
            stack.push((extend(path, Step::Key(k.clone())), v));
        }
    }
}

/// Paths are kept to their first steps (the parser nests at most 100 deep anyway), so
/// that a deep value costs linear, not quadratic, memory.
const MAX_PATH: usize = 64;

fn extend(path: &Path, step: Step) -> Path {
    let mut p = path.clone();
    if p.len() < MAX_PATH {
        p.push(step);
    }
    p
}

/// Where an object is referenced from: another object (with the path inside it), or
/// the trailer (`None`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Usage {
    pub from: Option<ObjectId>,
    pub path: Path,
}

/// The objects reachable from a set of starting values, breadth first, with every
/// usage of each and the first path by which it was reached (for messages).
#[derive(Default)]
pub struct Graph {
    pub order: Vec<ObjectId>,
    pub usages: HashMap<ObjectId, Vec<Usage>>,
    /// How each object was first reached: the usage (its parent and the path there).
    first: HashMap<ObjectId, Usage>,
    /// The names shown for the starting points.
    start_names: HashMap<ObjectId, String>,
}

impl Graph {
    /// Walks from `starts` (values with the name shown for their path, e.g. the
    /// trailer's `/Root`), not descending into objects for which `stop` says so (they
    /// are still listed).
    pub fn walk(
        doc: &Document,
        starts: &[(Usage, String, ObjectId)],
        stop: &dyn Fn(ObjectId) -> bool,
    ) -> Result<Graph, String> {
        let mut g = Graph::default();
        let mut seen = HashSet::new();
        let mut queue = VecDeque::new();
        for (usage, shown, id) in starts {
            g.usages.entry(*id).or_default().push(usage.clone());
            if seen.insert(*id) {
                g.first.insert(*id, usage.clone());
                g.start_names.insert(*id, shown.clone());
                queue.push_back(*id);
            }
        }
        while let Some(id) = queue.pop_front() {
            g.order.push(id);
            if g.order.len() > MAX_OBJECTS {
                return Err(format!("filen har fler än {MAX_OBJECTS} nåbara objekt"));
            }
            if stop(id) {
                continue;
            }
            let Some(obj) = doc.objects.get(&id) else {
                continue;
            };
            for (path, target) in references(obj) {
                let usage = Usage {
                    from: Some(id),
                    path,
                };
                if seen.insert(target) {
                    g.first.insert(target, usage.clone());
                    queue.push_back(target);
                }
                g.usages.entry(target).or_default().push(usage);
            }
        }
        Ok(g)
    }

    pub fn contains(&self, id: ObjectId) -> bool {
        self.first.contains_key(&id)
    }

    /// The path by which `id` was first reached, e.g. `/Root/Pages/Kids[0]/Contents`
    /// (long paths shortened to their last steps).
    pub fn path_to(&self, id: ObjectId) -> String {
        let mut parts = Vec::new();
        let mut at = id;
        let mut seen = HashSet::new();
        loop {
            if parts.len() >= 12 || !seen.insert(at) {
                parts.push("…".to_string());
                break;
            }
            let Some(usage) = self.first.get(&at) else {
                break;
            };
            match usage.from {
                Some(parent) => {
                    parts.push(show_path(&usage.path));
                    at = parent;
                }
                None => {
                    parts.push(
                        self.start_names
                            .get(&at)
                            .cloned()
                            .unwrap_or_else(|| show_path(&usage.path)),
                    );
                    break;
                }
            }
        }
        parts.reverse();
        parts.concat()
    }
}

/// Every object reachable from `start` (including `start` itself if a reference).
pub fn reachable_from(doc: &Document, start: &Object) -> HashSet<ObjectId> {
    let mut seen = HashSet::new();
    let mut stack: Vec<ObjectId> = references(start).into_iter().map(|(_, id)| id).collect();
    while let Some(id) = stack.pop() {
        if !seen.insert(id) || seen.len() > MAX_OBJECTS {
            continue;
        }
        if let Some(obj) = doc.objects.get(&id) {
            stack.extend(references(obj).into_iter().map(|(_, t)| t));
        }
    }
    seen
}

/// Follows a reference (a bounded number of times: a reference to a reference …).
pub fn resolve<'a>(doc: &'a Document, obj: &'a Object) -> Option<&'a Object> {
    let mut o = obj;
    for _ in 0..32 {
        match o {
            Object::Reference(id) => o = doc.objects.get(id)?,
            other => return Some(other),
        }
    }
    None
}

/// The catalog's id (trailer `/Root`).
pub fn root(doc: &Document) -> Option<ObjectId> {
    doc.trailer.get(b"Root").and_then(Object::as_reference).ok()
}

/// The certificates and CRLs in the document security store (`/Root /DSS /Certs` and
/// `/CRLs`), as DER. Streams that cannot be decoded are left out (the chain then simply
/// lacks them).
pub fn dss_material(doc: &Document) -> (Vec<Vec<u8>>, Vec<Vec<u8>>) {
    let mut certs = Vec::new();
    let mut crls = Vec::new();
    let Some(dss) = root(doc)
        .and_then(|r| doc.objects.get(&r))
        .and_then(|c| c.as_dict().ok())
        .and_then(|c| c.get(b"DSS").ok())
        .and_then(|d| resolve(doc, d))
        .and_then(|d| d.as_dict().ok())
    else {
        return (certs, crls);
    };
    for (key, out) in [(&b"Certs"[..], &mut certs), (&b"CRLs"[..], &mut crls)] {
        let Some(Object::Array(items)) = dss.get(key).ok().and_then(|a| resolve(doc, a)) else {
            continue;
        };
        for item in items.iter().take(10_000) {
            if let Some(Object::Stream(s)) = resolve(doc, item) {
                let data = if s.dict.get(b"Filter").is_ok() {
                    s.decompressed_content_with_limit(MAX_STREAM).ok()
                } else {
                    Some(s.content.clone())
                };
                out.extend(data);
            }
        }
    }
    (certs, crls)
}

/// The `/ByteRange` of every signature field's value in the form (`/AcroForm /Fields`,
/// with their `/Kids`): the signatures a reader shows.
pub fn field_byte_ranges(doc: &Document) -> Vec<Vec<i64>> {
    let mut out = Vec::new();
    let Some(form) = root(doc)
        .and_then(|r| doc.objects.get(&r))
        .and_then(|c| c.as_dict().ok())
        .and_then(|c| c.get(b"AcroForm").ok())
        .and_then(|f| resolve(doc, f))
        .and_then(|f| f.as_dict().ok())
    else {
        return out;
    };
    let mut stack: Vec<&Object> = match form.get(b"Fields").ok().and_then(|f| resolve(doc, f)) {
        Some(Object::Array(items)) => items.iter().collect(),
        _ => Vec::new(),
    };
    let mut seen = HashSet::new();
    while let Some(item) = stack.pop() {
        if let Object::Reference(id) = item
            && !seen.insert(*id)
        {
            continue;
        }
        let Some(field) = resolve(doc, item).and_then(|f| f.as_dict().ok()) else {
            continue;
        };
        if let Some(Object::Array(kids)) = field.get(b"Kids").ok().and_then(|k| resolve(doc, k)) {
            stack.extend(kids.iter());
        }
        let range = field
            .get(b"V")
            .ok()
            .and_then(|v| resolve(doc, v))
            .and_then(|v| v.as_dict().ok())
            .and_then(|v| v.get(b"ByteRange").ok())
            .and_then(|r| resolve(doc, r));
        if let Some(Object::Array(nums)) = range {
            out.push(nums.iter().filter_map(|n| n.as_i64().ok()).collect());
        }
    }
    out
}

/// The decoded content of every page, in order (for recognising the same pages in a
/// rewritten file). A page whose content cannot be decoded gives an empty entry.
pub fn page_contents(doc: &Document) -> Vec<Vec<u8>> {
    doc.get_pages()
        .values()
        .map(|&page| {
            doc.get_page_content_with_limit(page, MAX_STREAM)
                .unwrap_or_default()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deep_nesting_is_walked_without_recursion() {
        let mut o = Object::Reference((1, 0));
        for _ in 0..200_000 {
            o = Object::Array(vec![o]);
        }
        let refs = references(&o);
        assert_eq!(refs.len(), 1);
        assert_eq!(refs[0].0.len(), MAX_PATH);
        // Dropping a deep value recurses in lopdf's types; take it apart by hand.
        let mut stack = vec![o];
        while let Some(x) = stack.pop() {
            if let Object::Array(items) = x {
                stack.extend(items);
            }
        }
    }

    #[test]
    fn a_long_reference_chain_is_walked() {
        let mut doc = Document::with_version("1.7");
        let n = 200_000u32;
        for i in 1..=n {
            let next = if i < n {
                Object::Array(vec![Object::Reference((i + 1, 0))])
            } else {
                Object::Null
            };
            doc.objects.insert((i, 0), next);
        }
        let g = Graph::walk(
            &doc,
            &[(
                Usage {
                    from: None,
                    path: vec![Step::Key(b"Root".to_vec())],
                },
                "/Root".into(),
                (1, 0),
            )],
            &|_| false,
        )
        .unwrap();
        assert_eq!(g.order.len(), n as usize);
        assert_eq!(
            reachable_from(&doc, &Object::Reference((1, 0))).len(),
            n as usize
        );
    }

    #[test]
    fn paths_are_shown() {
        let p = vec![Step::Key(b"Annots".to_vec()), Step::Index(2)];
        assert_eq!(show_path(&p), "/Annots[2]");
    }
}
