//! Empty PDF signature fields for digital justering, added to a PDF that Typst has
//! exported (Typst 0.15 writes no AcroForm).
//!
//! Each field is one merged field/widget dictionary (`/FT /Sig`, `/T`, `/TU`, print
//! flag `/F 4`, an empty appearance stream `/AP /N`) on its page's `/Annots`, listed in
//! the catalog's `/AcroForm` (with `/SigFlags 1`). So that the file stays PDF/UA-1
//! (ISO 14289-1, 7.18.1 and 7.18.4) each widget is tagged: a `Form` structure element
//! with an `OBJR` to the widget is appended to the document's structure tree (under
//! the `Document` element), the widget gets a `/StructParent` whose number the
//! `ParentTree` maps to that element, `ParentTreeNextKey` is bumped, and the page gets
//! `/Tabs /S`. PDF/A-2 (ISO 19005-2, 6.3 and 6.4): print flag, only `/N` appearances, no
//! `NeedAppearances`.
//!
//! An e-signature service (PAdES, e.g. pyHanko with `existing_fields_only`) signs into
//! a field by name: `sekreterare`, `ordforande`, `justerare-1`, …
//!
//! The document is read and written again with lopdf; objects keep their numbers and
//! are written in number order, so the output is as reproducible as the input.

use lopdf::{Dictionary, Document, Object, ObjectId, Stream, StringFormat};

/// One empty signature field to add.
#[derive(Debug, Clone, PartialEq)]
pub struct SigField {
    /// The field name (`/T`), e.g. `justerare-1`.
    pub name: String,
    /// 0-based page index.
    pub page: usize,
    /// `[x1, y1, x2, y2]` in PDF points, origin bottom left.
    pub rect: [f32; 4],
    /// The accessible description (`/TU`), e.g. "Justerare: Per Olofsson".
    pub tooltip: String,
}

/// Adds the fields to `pdf` and returns the new file.
pub fn add_signature_fields(pdf: &[u8], fields: &[SigField]) -> Result<Vec<u8>, String> {
    if fields.is_empty() {
        return Ok(pdf.to_vec());
    }
    let mut doc = Document::load_mem(pdf).map_err(|e| format!("PDF:en går inte att läsa: {e}"))?;
    let pages: Vec<ObjectId> = doc.get_pages().into_values().collect();
    let catalog_id = doc
        .trailer
        .get(b"Root")
        .and_then(Object::as_reference)
        .map_err(|_| "PDF:en saknar katalog (/Root)".to_string())?;
    let struct_root_id = doc
        .get_dictionary(catalog_id)
        .and_then(|c| c.get(b"StructTreeRoot"))
        .and_then(Object::as_reference)
        .map_err(|_| {
            "PDF:en saknar strukturträd (/StructTreeRoot); den måste vara taggad".to_string()
        })?;
    let parent_elem = document_element(&doc, struct_root_id)?;
    let mut next_key = parent_tree_next_key(&doc, struct_root_id)?;

    let mut widgets = Vec::new();
    let mut parent_entries: Vec<(i64, ObjectId)> = Vec::new();
    let mut forms = Vec::new();
    for f in fields {
        let page_id = *pages.get(f.page).ok_or_else(|| {
            format!(
                "signaturfältet {} ligger på sida {}, men PDF:en har {} sidor",
                f.name,
                f.page + 1,
                pages.len()
            )
        })?;
        let [x1, y1, x2, y2] = f.rect;
        let (w, h) = ((x2 - x1).abs(), (y2 - y1).abs());
        let mut ap_dict = Dictionary::new();
        ap_dict.set("Type", Object::Name(b"XObject".to_vec()));
        ap_dict.set("Subtype", Object::Name(b"Form".to_vec()));
        ap_dict.set(
            "BBox",
            Object::Array(vec![0.into(), 0.into(), Object::Real(w), Object::Real(h)]),
        );
        ap_dict.set("Resources", Object::Dictionary(Dictionary::new()));
        let ap_id = doc.add_object(Stream::new(ap_dict, Vec::new()));

        let key = next_key;
        next_key += 1;
        let mut widget = Dictionary::new();
        widget.set("Type", Object::Name(b"Annot".to_vec()));
        widget.set("Subtype", Object::Name(b"Widget".to_vec()));
        widget.set("FT", Object::Name(b"Sig".to_vec()));
        widget.set("T", text_string(&f.name));
        widget.set("TU", text_string(&f.tooltip));
        widget.set("F", Object::Integer(4));
        widget.set(
            "Rect",
            Object::Array(vec![
                Object::Real(x1.min(x2)),
                Object::Real(y1.min(y2)),
                Object::Real(x1.max(x2)),
                Object::Real(y1.max(y2)),
            ]),
        );
        widget.set("P", Object::Reference(page_id));
        let mut ap = Dictionary::new();
        ap.set("N", Object::Reference(ap_id));
        widget.set("AP", Object::Dictionary(ap));
        widget.set("StructParent", Object::Integer(key));
        let widget_id = doc.add_object(widget);

        let mut objr = Dictionary::new();
        objr.set("Type", Object::Name(b"OBJR".to_vec()));
        objr.set("Obj", Object::Reference(widget_id));
        objr.set("Pg", Object::Reference(page_id));
        let mut form = Dictionary::new();
        form.set("Type", Object::Name(b"StructElem".to_vec()));
        form.set("S", Object::Name(b"Form".to_vec()));
        form.set("P", Object::Reference(parent_elem));
        form.set("Pg", Object::Reference(page_id));
        form.set("K", Object::Dictionary(objr));
        form.set("Alt", text_string(&f.tooltip));
        let form_id = doc.add_object(form);

        add_to_page(&mut doc, page_id, widget_id)?;
        widgets.push(Object::Reference(widget_id));
        parent_entries.push((key, form_id));
        forms.push(form_id);
    }

    // The structure: the Form elements under the Document element, the widgets'
    // StructParent numbers in the ParentTree.
    append_kids(&mut doc, parent_elem, &forms)?;
    extend_parent_tree(&mut doc, struct_root_id, &parent_entries, next_key)?;

    // The AcroForm.
    let catalog = doc
        .get_object_mut(catalog_id)
        .and_then(Object::as_dict_mut)
        .map_err(|e| format!("katalogen: {e}"))?;
    if catalog.has(b"AcroForm") {
        return Err("PDF:en har redan ett formulär (/AcroForm)".into());
    }
    let mut acroform = Dictionary::new();
    acroform.set("Fields", Object::Array(widgets));
    // SignaturesExist: the document has signature fields.
    acroform.set("SigFlags", Object::Integer(1));
    catalog.set("AcroForm", Object::Dictionary(acroform));

    let mut out = Vec::with_capacity(pdf.len() + 4096);
    doc.save_to(&mut out)
        .map_err(|e| format!("PDF:en kunde inte skrivas: {e}"))?;
    Ok(out)
}

/// A PDF text string: PDFDocEncoding-compatible ASCII as is, anything else UTF-16BE
/// with a byte order mark.
fn text_string(s: &str) -> Object {
    if s.is_ascii() {
        Object::String(s.as_bytes().to_vec(), StringFormat::Literal)
    } else {
        let mut bytes = vec![0xFE, 0xFF];
        for unit in s.encode_utf16() {
            bytes.extend_from_slice(&unit.to_be_bytes());
        }
        Object::String(bytes, StringFormat::Hexadecimal)
    }
}

/// The structure element the Form elements go under: the root's single `Document`
/// element (Typst writes one), else the root itself.
fn document_element(doc: &Document, root: ObjectId) -> Result<ObjectId, String> {
    let root_dict = doc
        .get_dictionary(root)
        .map_err(|e| format!("strukturträdet: {e}"))?;
    let kids: Vec<ObjectId> = match root_dict.get(b"K") {
        Ok(Object::Reference(id)) => vec![*id],
        Ok(Object::Array(items)) => items.iter().filter_map(|o| o.as_reference().ok()).collect(),
        _ => Vec::new(),
    };
    for id in &kids {
        if let Ok(d) = doc.get_dictionary(*id)
            && d.get(b"S").and_then(Object::as_name).ok() == Some(b"Document".as_slice())
        {
            return Ok(*id);
        }
    }
    Ok(root)
}

/// `ParentTreeNextKey`, or one more than the largest key in the ParentTree.
fn parent_tree_next_key(doc: &Document, root: ObjectId) -> Result<i64, String> {
    let root_dict = doc
        .get_dictionary(root)
        .map_err(|e| format!("strukturträdet: {e}"))?;
    if let Ok(n) = root_dict.get(b"ParentTreeNextKey").and_then(Object::as_i64) {
        return Ok(n);
    }
    let mut max = -1;
    if let Ok(tree) = root_dict.get(b"ParentTree") {
        for (k, _) in number_tree_entries(doc, tree, 0) {
            max = max.max(k);
        }
    }
    Ok(max + 1)
}

/// Every `(key, value)` of a number tree, in order (leaves and intermediate nodes).
fn number_tree_entries(doc: &Document, node: &Object, depth: usize) -> Vec<(i64, Object)> {
    let dict = match node {
        Object::Reference(id) => doc.get_dictionary(*id).ok(),
        Object::Dictionary(d) => Some(d),
        _ => None,
    };
    let Some(dict) = dict.filter(|_| depth < 32) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    if let Ok(nums) = dict.get(b"Nums").and_then(Object::as_array) {
        for pair in nums.chunks(2) {
            if let [k, v] = pair
                && let Ok(k) = k.as_i64()
            {
                out.push((k, v.clone()));
            }
        }
    }
    if let Ok(kids) = dict.get(b"Kids").and_then(Object::as_array) {
        for kid in kids {
            out.extend(number_tree_entries(doc, kid, depth + 1));
        }
    }
    out
}

/// Adds entries to the ParentTree (rewritten as one flat `/Nums` leaf when Typst
/// wrote intermediate nodes) and sets `ParentTreeNextKey`.
fn extend_parent_tree(
    doc: &mut Document,
    root: ObjectId,
    entries: &[(i64, ObjectId)],
    next_key: i64,
) -> Result<(), String> {
    let tree = doc
        .get_dictionary(root)
        .map_err(|e| format!("strukturträdet: {e}"))?
        .get(b"ParentTree")
        .ok()
        .cloned();
    let mut all = match &tree {
        Some(t) => number_tree_entries(doc, t, 0),
        None => Vec::new(),
    };
    all.extend(entries.iter().map(|(k, id)| (*k, Object::Reference(*id))));
    all.sort_by_key(|(k, _)| *k);
    let nums: Vec<Object> = all
        .into_iter()
        .flat_map(|(k, v)| [Object::Integer(k), v])
        .collect();
    let mut leaf = Dictionary::new();
    leaf.set("Nums", Object::Array(nums));
    match tree {
        // Keep the tree where it is: in its own object, or inline in the root.
        Some(Object::Reference(id)) => {
            doc.objects.insert(id, Object::Dictionary(leaf));
        }
        _ => {
            let root_dict = doc
                .get_object_mut(root)
                .and_then(Object::as_dict_mut)
                .map_err(|e| format!("strukturträdet: {e}"))?;
            root_dict.set("ParentTree", Object::Dictionary(leaf));
        }
    }
    let root_dict = doc
        .get_object_mut(root)
        .and_then(Object::as_dict_mut)
        .map_err(|e| format!("strukturträdet: {e}"))?;
    root_dict.set("ParentTreeNextKey", Object::Integer(next_key));
    Ok(())
}

/// Appends structure elements to an element's `/K`.
fn append_kids(doc: &mut Document, parent: ObjectId, kids: &[ObjectId]) -> Result<(), String> {
    let dict = doc
        .get_object_mut(parent)
        .and_then(Object::as_dict_mut)
        .map_err(|e| format!("strukturträdet: {e}"))?;
    let mut list = match dict.get(b"K") {
        Ok(Object::Array(items)) => items.clone(),
        Ok(other) => vec![other.clone()],
        Err(_) => Vec::new(),
    };
    list.extend(kids.iter().map(|id| Object::Reference(*id)));
    dict.set("K", Object::Array(list));
    Ok(())
}

/// Puts a widget on its page's `/Annots` (inline or referenced array) and sets `/Tabs /S`.
fn add_to_page(doc: &mut Document, page: ObjectId, widget: ObjectId) -> Result<(), String> {
    let annots = doc
        .get_dictionary(page)
        .map_err(|e| format!("sidan: {e}"))?
        .get(b"Annots")
        .ok()
        .cloned();
    match annots {
        Some(Object::Reference(id)) => {
            let arr = doc
                .get_object_mut(id)
                .and_then(Object::as_array_mut)
                .map_err(|e| format!("sidans /Annots: {e}"))?;
            arr.push(Object::Reference(widget));
        }
        other => {
            let mut arr = match other {
                Some(Object::Array(a)) => a,
                _ => Vec::new(),
            };
            arr.push(Object::Reference(widget));
            let dict = doc
                .get_object_mut(page)
                .and_then(Object::as_dict_mut)
                .map_err(|e| format!("sidan: {e}"))?;
            dict.set("Annots", Object::Array(arr));
        }
    }
    let dict = doc
        .get_object_mut(page)
        .and_then(Object::as_dict_mut)
        .map_err(|e| format!("sidan: {e}"))?;
    dict.set("Tabs", Object::Name(b"S".to_vec()));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A minimal tagged PDF: one page, a StructTreeRoot with a Document element and a
    /// ParentTree, as Typst writes them.
    fn tagged_pdf() -> Vec<u8> {
        let mut doc = Document::with_version("1.7");
        let pages_id = doc.new_object_id();
        let content = doc.add_object(Stream::new(Dictionary::new(), b"".to_vec()));
        let mut page = Dictionary::new();
        page.set("Type", Object::Name(b"Page".to_vec()));
        page.set("Parent", Object::Reference(pages_id));
        page.set(
            "MediaBox",
            Object::Array(vec![0.into(), 0.into(), 595.into(), 842.into()]),
        );
        page.set("Contents", Object::Reference(content));
        page.set("StructParents", Object::Integer(0));
        let page_id = doc.add_object(page);
        let mut pages = Dictionary::new();
        pages.set("Type", Object::Name(b"Pages".to_vec()));
        pages.set("Kids", Object::Array(vec![Object::Reference(page_id)]));
        pages.set("Count", Object::Integer(1));
        doc.objects.insert(pages_id, Object::Dictionary(pages));
        let root_id = doc.new_object_id();
        let mut docelem = Dictionary::new();
        docelem.set("Type", Object::Name(b"StructElem".to_vec()));
        docelem.set("S", Object::Name(b"Document".to_vec()));
        docelem.set("P", Object::Reference(root_id));
        docelem.set("K", Object::Array(vec![]));
        let docelem_id = doc.add_object(docelem);
        let mut nums = Dictionary::new();
        nums.set("Nums", Object::Array(vec![0.into(), Object::Array(vec![])]));
        let mut root = Dictionary::new();
        root.set("Type", Object::Name(b"StructTreeRoot".to_vec()));
        root.set("K", Object::Array(vec![Object::Reference(docelem_id)]));
        root.set("ParentTree", Object::Dictionary(nums));
        root.set("ParentTreeNextKey", Object::Integer(1));
        doc.objects.insert(root_id, Object::Dictionary(root));
        let mut catalog = Dictionary::new();
        catalog.set("Type", Object::Name(b"Catalog".to_vec()));
        catalog.set("Pages", Object::Reference(pages_id));
        catalog.set("StructTreeRoot", Object::Reference(root_id));
        let catalog_id = doc.add_object(catalog);
        doc.trailer.set("Root", Object::Reference(catalog_id));
        let mut out = Vec::new();
        doc.save_to(&mut out).unwrap();
        out
    }

    #[test]
    fn fields_are_added_tagged_and_listed() {
        let fields = [
            SigField {
                name: "sekreterare".into(),
                page: 0,
                rect: [70.0, 100.0, 260.0, 144.0],
                tooltip: "Sekreterare: Sandra Hedman".into(),
            },
            SigField {
                name: "ordforande".into(),
                page: 0,
                rect: [300.0, 100.0, 490.0, 144.0],
                tooltip: "Ordförande: Anna Lindgren".into(),
            },
        ];
        let out = add_signature_fields(&tagged_pdf(), &fields).unwrap();
        let doc = Document::load_mem(&out).unwrap();
        let catalog = doc.catalog().unwrap();
        let acroform = catalog.get(b"AcroForm").unwrap().as_dict().unwrap();
        assert_eq!(acroform.get(b"SigFlags").unwrap().as_i64().unwrap(), 1);
        let fields_arr = acroform.get(b"Fields").unwrap().as_array().unwrap();
        assert_eq!(fields_arr.len(), 2);
        let w = doc
            .get_dictionary(fields_arr[1].as_reference().unwrap())
            .unwrap();
        assert_eq!(w.get(b"FT").unwrap().as_name().unwrap(), b"Sig");
        assert_eq!(w.get(b"T").unwrap().as_str().unwrap(), b"ordforande");
        assert_eq!(w.get(b"F").unwrap().as_i64().unwrap(), 4);
        assert_eq!(w.get(b"StructParent").unwrap().as_i64().unwrap(), 2);
        // /TU in UTF-16BE because of "ö".
        assert!(
            w.get(b"TU")
                .unwrap()
                .as_str()
                .unwrap()
                .starts_with(&[0xFE, 0xFF])
        );
        assert!(w.get(b"AP").unwrap().as_dict().unwrap().has(b"N"));
        // The page lists them and tabs in structure order.
        let page = doc
            .get_dictionary(*doc.get_pages().get(&1).unwrap())
            .unwrap();
        assert_eq!(page.get(b"Annots").unwrap().as_array().unwrap().len(), 2);
        assert_eq!(page.get(b"Tabs").unwrap().as_name().unwrap(), b"S");
        // The structure tree: Form elements with OBJR, the ParentTree maps 1 and 2.
        let root_id = catalog
            .get(b"StructTreeRoot")
            .unwrap()
            .as_reference()
            .unwrap();
        let root = doc.get_dictionary(root_id).unwrap();
        assert_eq!(root.get(b"ParentTreeNextKey").unwrap().as_i64().unwrap(), 3);
        let nums = root
            .get(b"ParentTree")
            .unwrap()
            .as_dict()
            .unwrap()
            .get(b"Nums")
            .unwrap()
            .as_array()
            .unwrap();
        assert_eq!(nums.len(), 6);
        let form_id = nums[5].as_reference().unwrap();
        let form = doc.get_dictionary(form_id).unwrap();
        assert_eq!(form.get(b"S").unwrap().as_name().unwrap(), b"Form");
        let objr = form.get(b"K").unwrap().as_dict().unwrap();
        assert_eq!(objr.get(b"Type").unwrap().as_name().unwrap(), b"OBJR");
        assert_eq!(
            objr.get(b"Obj").unwrap().as_reference().unwrap(),
            fields_arr[1].as_reference().unwrap()
        );
        // Same input, same bytes.
        assert_eq!(out, add_signature_fields(&tagged_pdf(), &fields).unwrap());
    }

    #[test]
    fn a_field_past_the_last_page_or_an_untagged_pdf_is_refused() {
        let field = SigField {
            name: "justerare-1".into(),
            page: 3,
            rect: [0.0, 0.0, 10.0, 10.0],
            tooltip: "Justerare".into(),
        };
        let err = add_signature_fields(&tagged_pdf(), std::slice::from_ref(&field)).unwrap_err();
        assert!(err.contains("sida 4"), "{err}");
        let mut plain = Document::with_version("1.7");
        let pages_id = plain.new_object_id();
        let mut pages = Dictionary::new();
        pages.set("Type", Object::Name(b"Pages".to_vec()));
        pages.set("Kids", Object::Array(vec![]));
        pages.set("Count", Object::Integer(0));
        plain.objects.insert(pages_id, Object::Dictionary(pages));
        let mut catalog = Dictionary::new();
        catalog.set("Type", Object::Name(b"Catalog".to_vec()));
        catalog.set("Pages", Object::Reference(pages_id));
        let c = plain.add_object(catalog);
        plain.trailer.set("Root", Object::Reference(c));
        let mut bytes = Vec::new();
        plain.save_to(&mut bytes).unwrap();
        let err = add_signature_fields(&bytes, &[field]).unwrap_err();
        assert!(err.contains("strukturträd"), "{err}");
    }
}
