//! Opening a bilaga: a cheap pre-scan of the raw bytes, loading with lopdf under limits,
//! the encryption check, and an iterative walk of the page tree.

use std::collections::BTreeSet;

use lopdf::{Dictionary, Document, LoadOptions, Object, ObjectId};

use super::error::{PageNote, PdfError};

/// Bounds on what a bilaga may cost. The defaults fit real committee attachments (hundreds
/// of pages, scans at 600 dpi) with a wide margin and still stop hostile files early.
#[derive(Debug, Clone, PartialEq)]
pub struct Limits {
    /// Largest file accepted, in bytes.
    pub max_file_bytes: u64,
    /// Most indirect objects (counted before and after loading).
    pub max_objects: usize,
    /// Deepest nesting of arrays/dictionaries (and of form XObjects inside each other).
    pub max_depth: usize,
    /// Largest size any single stream may decompress to, in bytes.
    pub max_stream_bytes: usize,
    /// Most pages.
    pub max_pages: usize,
    /// Resolution for pages that must be rasterised (dots per inch, 72..=600).
    pub raster_dpi: u32,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_bytes: 512 * 1024 * 1024,
            max_objects: 2_000_000,
            max_depth: 32,
            max_stream_bytes: 256 * 1024 * 1024,
            max_pages: 5_000,
            raster_dpi: 200,
        }
    }
}

/// One page of a bilaga, normalised and ready to be imported into a pack.
#[derive(Debug, Clone)]
pub(crate) struct PageEntry {
    /// The Form XObject (in the bilaga's document) that draws the page.
    pub form: ObjectId,
    /// The form's BBox: the page's visible area (CropBox ∩ MediaBox) in form space.
    pub bbox: [f64; 4],
    /// Clockwise rotation (0, 90, 180, 270) to apply when placing.
    pub rotate: i32,
    /// /UserUnit of the page (1.0 normally).
    pub user_unit: f64,
    /// Notes (rasterised, substituted fonts, dropped content...) for warnings.
    pub notes: Vec<PageNote>,
}

/// A parsed and normalised bilaga, ready to be placed into packs (any number of times).
pub struct Bilaga {
    pub(crate) name: String,
    pub(crate) doc: Document,
    pub(crate) pages: Vec<PageEntry>,
}

impl std::fmt::Debug for Bilaga {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Bilaga")
            .field("name", &self.name)
            .field("pages", &self.pages.len())
            .finish()
    }
}

impl Bilaga {
    pub fn set_name(&mut self, name: impl Into<String>) {
        self.name = name.into();
    }

    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn page_count(&self) -> usize {
        self.pages.len()
    }

    /// Visible size of page k (after /Rotate, CropBox and /UserUnit), in PostScript points
    /// (w, h). Panics never: an out-of-range k gives (0, 0).
    pub fn page_size(&self, k: usize) -> (f64, f64) {
        let Some(p) = self.pages.get(k) else {
            return (0.0, 0.0);
        };
        let w = (p.bbox[2] - p.bbox[0]) * p.user_unit;
        let h = (p.bbox[3] - p.bbox[1]) * p.user_unit;
        if p.rotate % 180 == 0 { (w, h) } else { (h, w) }
    }

    /// True if page k had to be rasterised.
    pub fn page_rasterised(&self, k: usize) -> bool {
        self.pages
            .get(k)
            .is_some_and(|p| p.notes.iter().any(|n| n.rasterised))
    }

    /// The warnings page k will produce when placed (Swedish, naming bilaga and page).
    pub fn page_warnings(&self, k: usize) -> Vec<super::error::Warning> {
        let Some(p) = self.pages.get(k) else {
            return Vec::new();
        };
        p.notes
            .iter()
            .map(|n| super::error::Warning {
                message: if n.rasterised {
                    format!("{}, sida {} rastrerades: {}", self.name, k + 1, n.text)
                } else {
                    format!("{}, sida {}: {}", self.name, k + 1, n.text)
                },
            })
            .collect()
    }
}

/// A page as found in the page tree, with inherited attributes resolved.
#[derive(Debug, Clone)]
pub(crate) struct RawPage {
    pub id: ObjectId,
    pub resources: Option<Object>,
    pub crop_box: [f64; 4],
    pub rotate: i32,
    pub user_unit: f64,
}

/// Cheap checks on the raw bytes before lopdf sees them.
pub(crate) fn prescan(bytes: &[u8], limits: &Limits) -> Result<(), PdfError> {
    if bytes.len() as u64 > limits.max_file_bytes {
        return Err(PdfError::TooLarge(format!(
            "filen är {} MB, högst {} MB tillåts",
            bytes.len() / (1024 * 1024),
            limits.max_file_bytes / (1024 * 1024)
        )));
    }
    let head = &bytes[..bytes.len().min(1024)];
    if !head.windows(5).any(|w| w == b"%PDF-") {
        return Err(PdfError::Damaged(
            "filen saknar PDF-huvud (är det verkligen en PDF?)".into(),
        ));
    }
    // Nesting depth of arrays and dictionaries outside strings, comments and stream data,
    // and a count of "N G obj" headers.
    let mut depth = 0usize;
    let mut max_depth = 0usize;
    let mut objects = 0usize;
    let mut i = 0usize;
    let n = bytes.len();
    while i < n {
        match bytes[i] {
            b'%' => {
                while i < n && bytes[i] != b'\n' && bytes[i] != b'\r' {
                    i += 1;
                }
            }
            b'(' => {
                // literal string with balanced parentheses and escapes
                let mut d = 1usize;
                i += 1;
                while i < n && d > 0 {
                    match bytes[i] {
                        b'\\' => i += 1,
                        b'(' => d += 1,
                        b')' => d -= 1,
                        _ => {}
                    }
                    i += 1;
                }
                continue;
            }
            b'[' => {
                depth += 1;
                max_depth = max_depth.max(depth);
            }
            b']' => depth = depth.saturating_sub(1),
            b'<' if bytes.get(i + 1) == Some(&b'<') => {
                depth += 1;
                max_depth = max_depth.max(depth);
                i += 1;
            }
            b'>' if bytes.get(i + 1) == Some(&b'>') => {
                depth = depth.saturating_sub(1);
                i += 1;
            }
            b'<' => {
                while i < n && bytes[i] != b'>' {
                    i += 1;
                }
            }
            b's' if bytes[i..].starts_with(b"stream")
                && (i == 0 || !bytes[i - 1].is_ascii_alphanumeric()) =>
            {
                // skip stream data up to "endstream"
                let from = i + 6;
                match find(&bytes[from..], b"endstream") {
                    Some(off) => i = from + off + 9,
                    None => i = n,
                }
                depth = 0;
                continue;
            }
            b'o' if bytes[i..].starts_with(b"obj")
                && i > 0
                && matches!(bytes[i - 1], b' ' | b'\r' | b'\n' | b'\t')
                && bytes.get(i + 3).is_none_or(|b| !b.is_ascii_alphanumeric()) =>
            {
                objects += 1;
                depth = 0;
            }
            _ => {}
        }
        if max_depth > limits.max_depth {
            return Err(PdfError::TooLarge(format!(
                "objekten är nästlade i mer än {} nivåer",
                limits.max_depth
            )));
        }
        if objects > limits.max_objects {
            return Err(PdfError::TooLarge(format!(
                "filen har mer än {} objekt",
                limits.max_objects
            )));
        }
        i += 1;
    }
    Ok(())
}

pub(crate) fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() || hay.len() < needle.len() {
        return None;
    }
    let first = needle[0];
    let mut i = 0;
    while i + needle.len() <= hay.len() {
        match hay[i..hay.len() - needle.len() + 1]
            .iter()
            .position(|&b| b == first)
        {
            Some(p) => {
                i += p;
                if &hay[i..i + needle.len()] == needle {
                    return Some(i);
                }
                i += 1;
            }
            None => return None,
        }
    }
    None
}

/// Describe a lopdf error in Swedish.
pub(crate) fn describe(e: &lopdf::Error) -> PdfError {
    use lopdf::Error as E;
    match e {
        E::Decompress(lopdf::DecompressError::MemoryLimitExceeded { limit }) => {
            PdfError::TooLarge(format!(
                "en ström packas upp till mer än {} MB",
                limit / (1024 * 1024)
            ))
        }
        E::Decryption(_) | E::InvalidPassword | E::UnsupportedSecurityHandler(_) => {
            PdfError::Encrypted
        }
        E::Parse(lopdf::ParseError::InvalidFileHeader) => {
            PdfError::Damaged("filhuvudet går inte att läsa".into())
        }
        E::Parse(_) => PdfError::Damaged("filens struktur går inte att tolka".into()),
        E::Xref(_) | E::MissingXrefEntry | E::InvalidOffset(_) => {
            PdfError::Damaged("korsreferenstabellen (xref) går inte att läsa".into())
        }
        E::ObjectNotFound(id) => PdfError::Damaged(format!("objekt {} {} R saknas", id.0, id.1)),
        E::ReferenceCycle(_) | E::ReferenceLimit | E::RecursionLimit => {
            PdfError::Damaged("objekten hänvisar till varandra i en slinga".into())
        }
        E::IO(_) => PdfError::Damaged("filen tog slut för tidigt".into()),
        _ => PdfError::Damaged("filen går inte att läsa".into()),
    }
}

/// Load with lopdf under the limits; reject files that need a password.
pub(crate) fn load(bytes: &[u8], limits: &Limits) -> Result<Document, PdfError> {
    let doc = load_once(bytes, limits)?;
    // An /Encrypt dictionary given directly in the trailer (as MuPDF, and with it
    // mutool, SumatraPDF and many scanning and printing tools, writes it; ISO 32000-1
    // 7.5.5 allows it) is one lopdf does not see: it loaded none of the objects, and
    // the file read as damaged, "dokumentkatalogen (Root) saknas" (review 60's M1).
    // The same file with the dictionary as an object of its own, added as an
    // incremental update, is read and decrypted as any other.
    match encrypt_by_reference(bytes, &doc.trailer) {
        Some(patched) => load_once(&patched, limits),
        None => Ok(doc),
    }
}

/// `bytes` with an incremental update that moves a trailer's direct /Encrypt dictionary
/// into an object of its own (the next free number) and points the trailer at it; `None`
/// where the trailer has no direct /Encrypt dictionary (or no `startxref` to chain to).
fn encrypt_by_reference(bytes: &[u8], trailer: &Dictionary) -> Option<Vec<u8>> {
    use std::io::Write;
    let dict = trailer.get(b"Encrypt").ok()?.as_dict().ok()?;
    let prev = last_startxref(bytes)?;
    let id = u32::try_from(trailer.get(b"Size").ok()?.as_i64().ok()?).ok()?;
    let mut out = bytes.to_vec();
    out.push(b'\n');
    let object_at = out.len();
    writeln!(out, "{id} 0 obj").ok()?;
    lopdf::Writer::write_object(&mut out, &Object::Dictionary(dict.clone())).ok()?;
    out.extend_from_slice(b"\nendobj\n");
    let xref_at = out.len();
    // (Each entry of a cross-reference section is 20 bytes, its end of line included.)
    write!(out, "xref\n{id} 1\n{object_at:010} 00000 n \ntrailer\n").ok()?;
    let mut update = trailer.clone();
    // (A trailer read from a cross-reference stream carries the stream's own keys.)
    for key in [
        &b"Type"[..],
        b"W",
        b"Index",
        b"Length",
        b"Filter",
        b"DecodeParms",
        b"XRefStm",
    ] {
        update.remove(key);
    }
    update.set("Encrypt", Object::Reference((id, 0)));
    update.set("Prev", Object::Integer(prev as i64));
    update.set("Size", Object::Integer(i64::from(id) + 1));
    lopdf::Writer::write_object(&mut out, &Object::Dictionary(update)).ok()?;
    write!(out, "\nstartxref\n{xref_at}\n%%EOF\n").ok()?;
    Some(out)
}

/// The offset the file's last `startxref` gives.
fn last_startxref(bytes: &[u8]) -> Option<usize> {
    let at = bytes.windows(9).rposition(|w| w == b"startxref")?;
    let digits: Vec<u8> = bytes[at + 9..]
        .iter()
        .skip_while(|b| b.is_ascii_whitespace())
        .take_while(|b| b.is_ascii_digit())
        .copied()
        .collect();
    std::str::from_utf8(&digits).ok()?.parse().ok()
}

fn load_once(bytes: &[u8], limits: &Limits) -> Result<Document, PdfError> {
    prescan(bytes, limits)?;
    let options = LoadOptions {
        max_decompressed_size: Some(limits.max_stream_bytes),
        ..LoadOptions::default()
    };
    let loaded = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        Document::load_mem_with_options(bytes, options)
    }));
    let doc = match loaded {
        Ok(Ok(doc)) => doc,
        Ok(Err(e)) => {
            // lopdf reports a missing password in several ways; check the trailer ourselves.
            if looks_encrypted(bytes)
                && matches!(
                    e,
                    lopdf::Error::Decryption(_) | lopdf::Error::InvalidPassword
                )
            {
                return Err(PdfError::Encrypted);
            }
            return Err(describe(&e));
        }
        Err(_) => {
            return Err(PdfError::Damaged(
                "filen går inte att läsa (tolkningen avbröts)".into(),
            ));
        }
    };
    if doc.is_encrypted() {
        // The empty user password did not open it: a real user password is needed.
        return Err(PdfError::Encrypted);
    }
    if doc.objects.len() > limits.max_objects {
        return Err(PdfError::TooLarge(format!(
            "filen har mer än {} objekt",
            limits.max_objects
        )));
    }
    Ok(doc)
}

fn looks_encrypted(bytes: &[u8]) -> bool {
    find(bytes, b"/Encrypt").is_some()
}

pub(crate) fn resolve<'a>(doc: &'a Document, o: &'a Object) -> &'a Object {
    // Follow a bounded chain of references; a dangling one reads as null.
    let mut cur = o;
    for _ in 0..8 {
        match cur {
            Object::Reference(id) => match doc.objects.get(id) {
                Some(next) => cur = next,
                None => return &Object::Null,
            },
            _ => return cur,
        }
    }
    &Object::Null
}

pub(crate) fn rect_of(doc: &Document, o: &Object) -> Option<[f64; 4]> {
    let a = resolve(doc, o).as_array().ok()?;
    if a.len() != 4 {
        return None;
    }
    let mut v = [0.0; 4];
    for (i, x) in a.iter().enumerate() {
        v[i] = super::content::num(resolve(doc, x))?;
        if !v[i].is_finite() {
            return None;
        }
    }
    Some([
        v[0].min(v[2]),
        v[1].min(v[3]),
        v[0].max(v[2]),
        v[1].max(v[3]),
    ])
}

/// Walk the page tree iteratively (explicit stack, visited set, depth limit), resolving
/// inherited Resources, MediaBox, CropBox and Rotate.
pub(crate) fn walk_pages(doc: &Document, limits: &Limits) -> Result<Vec<RawPage>, PdfError> {
    let catalog = doc
        .trailer
        .get(b"Root")
        .ok()
        .map(|r| resolve(doc, r))
        .and_then(|c| c.as_dict().ok())
        .ok_or_else(|| PdfError::Damaged("dokumentkatalogen (Root) saknas".into()))?;
    let root = catalog
        .get(b"Pages")
        .ok()
        .and_then(|p| p.as_reference().ok())
        .ok_or_else(|| PdfError::Damaged("sidträdet (Pages) saknas".into()))?;

    #[derive(Clone)]
    struct Inherit {
        resources: Option<Object>,
        media_box: Option<[f64; 4]>,
        crop_box: Option<[f64; 4]>,
        rotate: Option<i64>,
    }
    let mut pages = Vec::new();
    let mut seen: BTreeSet<ObjectId> = BTreeSet::new();
    // Stack of (node, inherited, depth); children are pushed in reverse to keep order.
    let mut stack = vec![(
        root,
        Inherit {
            resources: None,
            media_box: None,
            crop_box: None,
            rotate: None,
        },
        0usize,
    )];
    while let Some((id, inh, depth)) = stack.pop() {
        if depth > limits.max_depth {
            return Err(PdfError::Damaged("sidträdet är för djupt".into()));
        }
        if !seen.insert(id) {
            continue; // a cycle or a page listed twice: read once, like viewers do
        }
        let Some(node) = doc.objects.get(&id).and_then(|o| o.as_dict().ok()) else {
            return Err(PdfError::Damaged(format!(
                "sidobjekt {} {} R saknas",
                id.0, id.1
            )));
        };
        let mut here = inh.clone();
        if let Ok(r) = node.get(b"Resources") {
            here.resources = Some(r.clone());
        }
        if let Some(b) = node.get(b"MediaBox").ok().and_then(|o| rect_of(doc, o)) {
            here.media_box = Some(b);
        }
        if let Some(b) = node.get(b"CropBox").ok().and_then(|o| rect_of(doc, o)) {
            here.crop_box = Some(b);
        }
        if let Ok(r) = node
            .get(b"Rotate")
            .map(|o| resolve(doc, o))
            .and_then(|o| o.as_i64())
        {
            here.rotate = Some(r);
        }
        let is_pages = node.get(b"Kids").is_ok() && !node.has_type(b"Page");
        if is_pages {
            let kids = node
                .get(b"Kids")
                .map(|k| resolve(doc, k))
                .and_then(|k| k.as_array());
            let Ok(kids) = kids else {
                return Err(PdfError::Damaged("sidträdet är trasigt (Kids)".into()));
            };
            for kid in kids.iter().rev() {
                if let Ok(kid_id) = kid.as_reference() {
                    stack.push((kid_id, here.clone(), depth + 1));
                }
            }
            continue;
        }
        if pages.len() >= limits.max_pages {
            return Err(PdfError::TooLarge(format!(
                "filen har mer än {} sidor",
                limits.max_pages
            )));
        }
        let media_box = here
            .media_box
            .filter(|b| b[2] - b[0] >= 1.0 && b[3] - b[1] >= 1.0)
            .unwrap_or([0.0, 0.0, 612.0, 792.0]);
        let crop_box = here
            .crop_box
            .map(|c| {
                [
                    c[0].max(media_box[0]),
                    c[1].max(media_box[1]),
                    c[2].min(media_box[2]),
                    c[3].min(media_box[3]),
                ]
            })
            .filter(|c| c[2] - c[0] >= 1.0 && c[3] - c[1] >= 1.0)
            .unwrap_or(media_box);
        let rotate = (here.rotate.unwrap_or(0).rem_euclid(360) / 90 * 90) as i32;
        let user_unit = node
            .get(b"UserUnit")
            .ok()
            .and_then(|o| super::content::num(resolve(doc, o)))
            .filter(|u| u.is_finite() && *u > 0.0 && *u < 100.0)
            .unwrap_or(1.0);
        pages.push(RawPage {
            id,
            resources: here.resources,
            crop_box,
            rotate,
            user_unit,
        });
    }
    if pages.is_empty() {
        return Err(PdfError::Damaged("filen har inga sidor".into()));
    }
    Ok(pages)
}

/// Resolve a resources object to a dictionary (cloned).
pub(crate) fn resources_dict(doc: &Document, o: Option<&Object>) -> Dictionary {
    o.map(|o| resolve(doc, o))
        .and_then(|o| o.as_dict().ok())
        .cloned()
        .unwrap_or_default()
}
