//! What a signed file changes in the archived original: a difference analysis in the
//! spirit of pyHanko's (`pyhanko.sign.diff_analysis`), by comparing objects, not by
//! looking at where new objects are referenced.
//!
//! The document as archived (the original, a prefix of the signed file) and as
//! delivered are both read completely (see [`super::pdf`]); then
//! - no object of the original may be freed or redefined under another generation;
//! - every object reachable from the original's trailer is compared by value with the
//!   delivered one; each that differs must be explained by a rule below, and every
//!   place the original refers to it from must be one the rule allows (an object that
//!   is both a page's content and, say, in the `/DSS` is judged as page content);
//! - every object reachable in the delivered file that is new must be one a rule let
//!   in (a new signature field, its widget, a new /Annots or /Fields array); the
//!   subtrees under a signature value (`/V`), an appearance (`/AP`), the `/DSS`, the
//!   XMP metadata and `/Info` are validation data and appearances, not walked.
//!
//! The rules, with pyHanko's levels: `LTA_UPDATES`: the document information
//! (`/Info`), the XMP metadata stream (still XMP), the catalog's `/DSS`,
//! `/Extensions`, `/MarkInfo`, `/Version`, and what is under the DSS.
//! `FORM_FILLING`: signature fields created (at the root of the form, with their
//! widgets added to a page's `/Annots`), an existing empty signature field signed
//! (its `/V`, `/SigFlags` in the form, the widget's appearance `/AP`, `/AS`, `/F`).
//! Everything else is `OTHER`: refused, with the object and the change named.

use std::collections::HashSet;

use lopdf::{Dictionary, Document, Object, ObjectId};

use super::pdf::{self, Graph, Step};

mod roles;
mod values;

use roles::{Roles, trailer_starts};
use values::{dict, is_visible, is_xmp, only_keys_changed, refs_of, what_changed};

/// pyHanko's modification levels that kansli accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    /// Nothing changed.
    None,
    /// Validation data and metadata (`LTA_UPDATES`).
    LtaUpdates,
    /// Signature fields created or signed (`FORM_FILLING`).
    FormFilling,
}

/// Catalog keys that may change (pyHanko's ROOT_EXEMPT_STRICT_COMPARISON); /AcroForm,
/// /DSS and /Metadata are then checked by their own rules.
const CATALOG_FREE: [&[u8]; 7] = [
    b"AcroForm",
    b"DSS",
    b"Extensions",
    b"Metadata",
    b"MarkInfo",
    b"Version",
    // A certification signature (DocMDP) added by the first signature; checked below.
    b"Perms",
];
/// Form keys that may change (pyHanko's ACROFORM_EXEMPT_STRICT_COMPARISON, plus
/// /SigFlags, which signing into an existing field sets).
const ACROFORM_FREE: [&[u8]; 6] = [
    b"Fields",
    b"DR",
    b"DA",
    b"Q",
    b"NeedAppearances",
    b"SigFlags",
];
/// Keys of a signature field that signing may change (pyHanko's VALUE_UPDATE_KEYS).
const FIELD_FREE: [&[u8]; 8] = [b"AP", b"AS", b"V", b"F", b"DA", b"Q", b"Ff", b"Type"];
/// Keys of a separate widget annotation that signing may change (its appearance).
const WIDGET_FREE: [&[u8]; 3] = [b"AP", b"AS", b"F"];

/// What [`analyse`] found allowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Analysis {
    pub level: Level,
    /// The DocMDP permission level (1–3) of a certification signature added after the
    /// original, if any.
    pub certified: Option<i64>,
}

/// Compares the original (`old`) with the delivered file (`new`). `Ok` with the level
/// of what changed, or `Err` with the first change that is not allowed, in Swedish.
pub fn analyse(old: &Document, new: &Document) -> Result<Analysis, String> {
    let root = pdf::root(old).ok_or("originalet har ingen katalog (/Root)")?;
    if pdf::root(new) != Some(root) {
        return Err("katalogen (/Root) är utbytt mot ett annat objekt".into());
    }
    // Freeing or re-generating an object of the original: readers differ in what a
    // reference to it then means, so it is never a mere addition.
    for &num in old.reference_table.entries.keys() {
        let Some(generation) = pdf::in_use(old, num) else {
            continue;
        };
        match pdf::in_use(new, num) {
            Some(g) if g == generation => {}
            Some(g) => {
                return Err(format!(
                    "objekt {num} {generation} har definierats om med generation {g} efter signeringen"
                ));
            }
            None => {
                return Err(format!(
                    "objekt {num} {generation} har frigjorts (tagits bort ur korsreferenstabellen) efter signeringen"
                ));
            }
        }
    }
    let cx = Roles::of(old, root)?;
    let mut level = Level::None;
    let mut certified = None;
    let mut approved_new: HashSet<ObjectId> = HashSet::new();
    let mut unwalked_new: HashSet<ObjectId> = HashSet::new();
    for &id in &cx.graph.order {
        let before = old.objects.get(&id);
        let after = new.objects.get(&id);
        if pdf::same(before, after) {
            continue;
        }
        let judged = Judge {
            old,
            new,
            cx: &cx,
            approved_new: &mut approved_new,
            unwalked_new: &mut unwalked_new,
            certified: &mut certified,
        }
        .judge(id, before, after)
        .map_err(|why| format!("{} har ändrats efter signeringen: {why}", cx.describe(id)))?;
        level = level.max(judged);
    }
    // A new /Info dictionary is metadata.
    if let Ok(info) = new.trailer.get(b"Info").and_then(Object::as_reference)
        && !old.objects.contains_key(&info)
    {
        unwalked_new.insert(info);
        level = level.max(Level::LtaUpdates);
    }
    check_new_objects(old, new, root, &approved_new, &unwalked_new)?;
    Ok(Analysis { level, certified })
}

/// Judges one changed object of the original.
struct Judge<'a> {
    old: &'a Document,
    new: &'a Document,
    cx: &'a Roles,
    /// New objects a rule let in (walked further).
    approved_new: &'a mut HashSet<ObjectId>,
    /// New objects a rule let in as data or appearance (not walked).
    unwalked_new: &'a mut HashSet<ObjectId>,
    /// The DocMDP permission level of a certification signature added, if any.
    certified: &'a mut Option<i64>,
}

impl Judge<'_> {
    fn judge(
        &mut self,
        id: ObjectId,
        before: Option<&Object>,
        after: Option<&Object>,
    ) -> Result<Level, String> {
        let cx = self.cx;
        let Some(after) = after else {
            return Err("objektet finns inte längre".into());
        };
        if id == cx.root {
            return self.catalog(before, after);
        }
        if cx.pages.contains_key(&id) {
            return self.page(id, before, after);
        }
        if Some(id) == cx.info {
            cx.only_used_where(id, |u| u.from.is_none())?;
            self.let_in_unwalked(after);
            return Ok(Level::LtaUpdates);
        }
        if Some(id) == cx.xmp {
            cx.only_used_where(id, |u| {
                u.from == Some(cx.root) && u.path == [Step::Key(b"Metadata".to_vec())]
            })?;
            is_xmp(after)?;
            return Ok(Level::LtaUpdates);
        }
        if cx.dss.contains(&id) {
            cx.only_used_where(id, |u| match u.from {
                Some(f) if f == cx.root => u.path.first() == Some(&Step::Key(b"DSS".to_vec())),
                Some(f) => cx.dss.contains(&f),
                None => false,
            })?;
            self.let_in_unwalked(after);
            // The DSS dictionary itself, changed in place: still a DSS.
            if Some(&Object::Reference(id))
                == self
                    .old
                    .objects
                    .get(&cx.root)
                    .and_then(|c| c.as_dict().ok())
                    .and_then(|c| c.get(b"DSS").ok())
            {
                check_dss(self.old, self.new, before, after)?;
            }
            return Ok(Level::LtaUpdates);
        }
        if Some(id) == cx.acroform {
            cx.only_used_where(id, |u| {
                u.from == Some(cx.root) && u.path == [Step::Key(b"AcroForm".to_vec())]
            })?;
            let (b, a) = (dict(before)?, dict(Some(after))?);
            return self.acroform(b, a);
        }
        if Some(id) == cx.fields_array {
            cx.only_used_where(id, |u| {
                u.from == cx.acroform || (cx.acroform.is_none() && u.from == Some(cx.root))
            })?;
            return self.fields_list(before, Some(after));
        }
        if let Some(name) = cx.empty_sig_fields.get(&id) {
            cx.only_used_where(id, |u| cx.is_form_usage(u))?;
            return self.sign_field(name, dict(before)?, dict(Some(after))?);
        }
        if let Some(name) = cx.signed_fields.get(&id) {
            return Err(format!(
                "signaturfältet \"{name}\" var redan signerat, och det får inte ändras"
            ));
        }
        if cx.empty_sig_widgets.contains_key(&id) {
            cx.only_used_where(id, |u| cx.is_form_usage(u))?;
            let (b, a) = (dict(before)?, dict(Some(after))?);
            only_keys_changed(b, a, &WIDGET_FREE, "widgeten")?;
            self.appearance(a);
            return Ok(Level::FormFilling);
        }
        if cx.empty_sig_appearances.contains(&id) {
            cx.only_used_where(id, |u| {
                u.from.is_some_and(|f| {
                    cx.empty_sig_widgets.contains_key(&f)
                        || cx.empty_sig_fields.contains_key(&f)
                        || cx.empty_sig_appearances.contains(&f)
                })
            })?;
            self.let_in_unwalked(after);
            return Ok(Level::FormFilling);
        }
        if let Some(&page) = cx.annots_arrays.get(&id) {
            cx.only_used_where(id, |u| {
                u.from == Some(page) && u.path == [Step::Key(b"Annots".to_vec())]
            })?;
            return self.annots(before, Some(after));
        }
        Err(what_changed(before, Some(after)))
    }

    fn catalog(&mut self, before: Option<&Object>, after: &Object) -> Result<Level, String> {
        let (b, a) = (dict(before)?, dict(Some(after))?);
        only_keys_changed(b, a, &CATALOG_FREE, "katalogen")?;
        let mut level = Level::LtaUpdates;
        self.certification(b.get(b"Perms").ok(), a.get(b"Perms").ok())?;
        // /Metadata: the same object, or a new XMP stream.
        match (b.get(b"Metadata").ok(), a.get(b"Metadata").ok()) {
            (x, y) if x == y => {}
            (_, Some(Object::Reference(m))) if !self.old.objects.contains_key(m) => {
                is_xmp(
                    self.new
                        .objects
                        .get(m)
                        .ok_or("katalogens /Metadata finns inte")?,
                )?;
                self.unwalked_new.insert(*m);
            }
            (_, None) => {}
            _ => return Err("katalogens /Metadata pekar på ett annat befintligt objekt".into()),
        }
        // /DSS: validation data; new objects under it are let in without walking them
        // (objects of the original under it are still judged by what they were).
        if let Ok(dss) = a.get(b"DSS") {
            let ids = pdf::reachable_from(self.new, dss);
            self.unwalked_new.extend(
                ids.into_iter()
                    .filter(|id| !self.old.objects.contains_key(id)),
            );
            let old_dss = b.get(b"DSS").ok().and_then(|d| pdf::resolve(self.old, d));
            check_dss(self.old, self.new, old_dss, dss)?;
        }
        // /AcroForm: unchanged (an indirect form changed in place is judged as its own
        // object), or a new form dictionary compared with the old one.
        let (fb, fa) = (b.get(b"AcroForm").ok(), a.get(b"AcroForm").ok());
        if fb != fa {
            let fa = fa.ok_or("formuläret (/AcroForm) har tagits bort")?;
            if let Object::Reference(r) = fa {
                if self.old.objects.contains_key(r) {
                    return Err("katalogens /AcroForm pekar på ett annat befintligt objekt".into());
                }
                self.approved_new.insert(*r);
            }
            let empty = Dictionary::new();
            let old_form = match fb.and_then(|f| pdf::resolve(self.old, f)) {
                Some(Object::Dictionary(d)) => d,
                Some(_) => return Err("originalets /AcroForm är ingen ordlista".into()),
                None => &empty,
            };
            let new_form = pdf::resolve(self.new, fa)
                .and_then(|f| f.as_dict().ok())
                .ok_or("katalogens /AcroForm är ingen ordlista")?;
            level = level.max(self.acroform(old_form, new_form)?);
        }
        Ok(level)
    }

    /// /Perms: unchanged, or added with only /DocMDP, pointing at a new signature
    /// dictionary (a certification signature); its permission level is recorded.
    fn certification(&mut self, b: Option<&Object>, a: Option<&Object>) -> Result<(), String> {
        if b == a {
            return Ok(());
        }
        let (None, Some(a)) = (b, a) else {
            return Err("katalogens /Perms (certifiering) har ändrats eller tagits bort".into());
        };
        if let Object::Reference(r) = a
            && self.old.objects.contains_key(r)
        {
            return Err("katalogens /Perms pekar på ett befintligt objekt".into());
        }
        let perms = pdf::resolve(self.new, a)
            .and_then(|p| p.as_dict().ok())
            .ok_or("katalogens /Perms är ingen ordlista")?;
        if let Some((k, _)) = perms.iter().find(|(k, _)| k.as_slice() != b"DocMDP") {
            return Err(format!(
                "katalogens /Perms har /{}, bara /DocMDP godtas",
                String::from_utf8_lossy(k)
            ));
        }
        let Ok(Object::Reference(sig)) = perms.get(b"DocMDP") else {
            return Err("/Perms /DocMDP är ingen hänvisning till en signatur".into());
        };
        if self.old.objects.contains_key(sig) {
            return Err("/Perms /DocMDP pekar på ett objekt från originalet".into());
        }
        let sig_dict = self
            .new
            .objects
            .get(sig)
            .and_then(|o| o.as_dict().ok())
            .filter(|d| d.get(b"ByteRange").is_ok() && d.get(b"Contents").is_ok())
            .ok_or("/Perms /DocMDP pekar inte på en signatur")?;
        // /Reference [<< /TransformMethod /DocMDP /TransformParams << /P n >> >>],
        // P 2 by default.
        let p = sig_dict
            .get(b"Reference")
            .ok()
            .and_then(|r| pdf::resolve(self.new, r))
            .and_then(|r| r.as_array().ok())
            .into_iter()
            .flatten()
            .filter_map(|r| pdf::resolve(self.new, r).and_then(|r| r.as_dict().ok()))
            .filter(|r| r.get(b"TransformMethod").and_then(Object::as_name).ok() == Some(b"DocMDP"))
            .find_map(|r| {
                r.get(b"TransformParams")
                    .ok()
                    .and_then(|t| pdf::resolve(self.new, t))
                    .and_then(|t| t.as_dict().ok())
                    .and_then(|t| t.get(b"P").and_then(Object::as_i64).ok())
            })
            .unwrap_or(2);
        *self.certified = Some(p);
        self.let_in_unwalked(a);
        Ok(())
    }

    /// The form dictionary: only /Fields (by adding signature fields), /SigFlags and
    /// the appearance defaults may change.
    fn acroform(&mut self, b: &Dictionary, a: &Dictionary) -> Result<Level, String> {
        only_keys_changed(b, a, &ACROFORM_FREE, "formuläret (/AcroForm)")?;
        // New default resources (fonts for a signature's appearance) are appearance.
        if b.get(b"DR").ok() != a.get(b"DR").ok()
            && let Ok(dr) = a.get(b"DR")
        {
            self.let_in_unwalked(dr);
        }
        let (fb, fa) = (b.get(b"Fields").ok(), a.get(b"Fields").ok());
        if fb == fa {
            return Ok(Level::FormFilling);
        }
        if let Some(Object::Reference(r)) = fa {
            if self.old.objects.contains_key(r) && Some(*r) != self.cx.fields_array {
                return Err("/Fields pekar på ett annat befintligt objekt".into());
            }
            if !self.old.objects.contains_key(r) {
                self.approved_new.insert(*r);
            }
        }
        let old_list = fb.and_then(|f| pdf::resolve(self.old, f));
        let new_list = fa.and_then(|f| pdf::resolve(self.new, f));
        self.fields_list(old_list, new_list)
    }

    /// /Fields: every field of the original kept, new entries only new signature
    /// fields.
    fn fields_list(
        &mut self,
        before: Option<&Object>,
        after: Option<&Object>,
    ) -> Result<Level, String> {
        let old_refs = refs_of(before);
        let new_refs = refs_of(after);
        if let Some(gone) = old_refs.iter().find(|r| !new_refs.contains(r)) {
            return Err(format!(
                "formulärfältet {} {} har tagits bort ur /Fields",
                gone.0, gone.1
            ));
        }
        let mut level = Level::LtaUpdates;
        for added in new_refs.iter().filter(|r| !old_refs.contains(r)) {
            level = level.max(self.new_sig_field(*added)?);
        }
        Ok(level)
    }

    /// A field added to the form: must be a new object, a signature field, and its
    /// widgets new objects.
    fn new_sig_field(&mut self, id: ObjectId) -> Result<Level, String> {
        if self.old.objects.contains_key(&id) {
            return Err(format!(
                "objekt {} {} från originalet har lagts till i /Fields",
                id.0, id.1
            ));
        }
        let field = self
            .new
            .objects
            .get(&id)
            .and_then(|o| o.as_dict().ok())
            .ok_or_else(|| format!("det nya formulärfältet {} {} är ingen ordlista", id.0, id.1))?;
        if field.get(b"FT").and_then(Object::as_name).ok() != Some(b"Sig") {
            return Err(format!(
                "ett nytt formulärfält ({} {}) som inte är ett signaturfält har lagts till",
                id.0, id.1
            ));
        }
        self.approved_new.insert(id);
        self.field_value(field)?;
        self.appearance(field);
        let mut visible = is_visible(field);
        if let Some(Object::Array(kids)) = field
            .get(b"Kids")
            .ok()
            .and_then(|k| pdf::resolve(self.new, k))
        {
            for kid in kids.iter().filter_map(|k| k.as_reference().ok()) {
                if self.old.objects.contains_key(&kid) {
                    return Err(format!(
                        "det nya signaturfältets widget är objekt {} {} från originalet",
                        kid.0, kid.1
                    ));
                }
                let w = self
                    .new
                    .objects
                    .get(&kid)
                    .and_then(|o| o.as_dict().ok())
                    .ok_or("det nya signaturfältets widget är ingen ordlista")?;
                if w.get(b"T").is_ok() {
                    return Err("det nya signaturfältet har underfält".into());
                }
                visible |= is_visible(w);
                self.approved_new.insert(kid);
                self.appearance(w);
            }
        }
        Ok(if visible {
            Level::FormFilling
        } else {
            Level::LtaUpdates
        })
    }

    /// An empty signature field of the original, signed now.
    fn sign_field(&mut self, name: &str, b: &Dictionary, a: &Dictionary) -> Result<Level, String> {
        only_keys_changed(b, a, &FIELD_FREE, &format!("signaturfältet \"{name}\""))?;
        self.field_value(a)?;
        self.appearance(a);
        Ok(Level::FormFilling)
    }

    /// A signature field's value: absent, or a reference to a new signature dictionary.
    fn field_value(&mut self, field: &Dictionary) -> Result<(), String> {
        match field.get(b"V") {
            Err(_) => Ok(()),
            Ok(Object::Reference(v)) if !self.old.objects.contains_key(v) => {
                let sig = self
                    .new
                    .objects
                    .get(v)
                    .and_then(|o| o.as_dict().ok())
                    .ok_or("signaturfältets värde (/V) är ingen ordlista")?;
                if sig.get(b"ByteRange").is_err() || sig.get(b"Contents").is_err() {
                    return Err(
                        "signaturfältets värde (/V) är ingen signatur (/ByteRange, /Contents)"
                            .into(),
                    );
                }
                self.unwalked_new
                    .extend(pdf::reachable_from(self.new, &Object::Reference(*v)));
                self.unwalked_new.insert(*v);
                Ok(())
            }
            Ok(Object::Reference(_)) => {
                Err("signaturfältets värde (/V) pekar på ett objekt från originalet".into())
            }
            Ok(_) => Err("signaturfältets värde (/V) är ingen indirekt referens".into()),
        }
    }

    /// New objects under `o` are data (validation data, metadata): let in, not walked.
    fn let_in_unwalked(&mut self, o: &Object) {
        let ids = pdf::reachable_from(self.new, o);
        self.unwalked_new.extend(
            ids.into_iter()
                .filter(|id| !self.old.objects.contains_key(id)),
        );
    }

    /// An appearance (/AP) is the signature's visible form: new objects under it are
    /// let in without walking them.
    fn appearance(&mut self, annot: &Dictionary) {
        if let Ok(ap) = annot.get(b"AP") {
            let ids = pdf::reachable_from(self.new, ap);
            self.unwalked_new.extend(
                ids.into_iter()
                    .filter(|id| !self.old.objects.contains_key(id)),
            );
        }
    }

    /// A page: only /Annots may change, by adding widgets of signature fields.
    fn page(
        &mut self,
        id: ObjectId,
        before: Option<&Object>,
        after: &Object,
    ) -> Result<Level, String> {
        let (b, a) = (dict(before)?, dict(Some(after))?);
        only_keys_changed(b, a, &[b"Annots"], "sidan")?;
        let (ab, aa) = (b.get(b"Annots").ok(), a.get(b"Annots").ok());
        if let Some(Object::Reference(r)) = aa {
            if self.old.objects.contains_key(r) && self.cx.annots_arrays.get(r) != Some(&id) {
                return Err("sidans /Annots pekar på ett annat befintligt objekt".into());
            }
            if !self.old.objects.contains_key(r) {
                self.approved_new.insert(*r);
            }
        }
        let old_list = ab.and_then(|x| pdf::resolve(self.old, x));
        let new_list = aa.and_then(|x| pdf::resolve(self.new, x));
        self.annots(old_list, new_list)
    }

    /// /Annots: every annotation kept; added ones only widgets of signature fields.
    fn annots(&mut self, before: Option<&Object>, after: Option<&Object>) -> Result<Level, String> {
        let old_refs = refs_of(before);
        let new_refs = refs_of(after);
        if let Some(gone) = old_refs.iter().find(|r| !new_refs.contains(r)) {
            return Err(format!(
                "annoteringen {} {} har tagits bort från sidan",
                gone.0, gone.1
            ));
        }
        for added in new_refs.iter().filter(|r| !old_refs.contains(r)) {
            let is_sig_widget = self.cx.empty_sig_fields.contains_key(added)
                || self.cx.empty_sig_widgets.contains_key(added)
                || (!self.old.objects.contains_key(added) && self.is_new_sig_widget(*added));
            if !is_sig_widget {
                return Err(format!(
                    "annoteringen {} {} har lagts till, och den är ingen widget till ett signaturfält",
                    added.0, added.1
                ));
            }
            self.approved_new.insert(*added);
        }
        Ok(Level::LtaUpdates)
    }

    /// A new annotation that is a signature field's widget: the field itself (merged)
    /// or a kid whose /Parent is a signature field.
    fn is_new_sig_widget(&self, id: ObjectId) -> bool {
        let Some(w) = self.new.objects.get(&id).and_then(|o| o.as_dict().ok()) else {
            return false;
        };
        if w.get(b"Subtype").and_then(Object::as_name).ok() != Some(b"Widget") {
            return false;
        }
        let field = if w.get(b"T").is_ok() {
            Some(w)
        } else {
            w.get(b"Parent")
                .ok()
                .and_then(|p| pdf::resolve(self.new, p))
                .and_then(|p| p.as_dict().ok())
        };
        field.is_some_and(|f| f.get(b"FT").and_then(Object::as_name).ok() == Some(b"Sig"))
    }
}

/// The document security store must stay one (as pyHanko's DSSCompareRule asks):
/// a dictionary with /Certs, /CRLs, /OCSPs (arrays of streams) and /VRI, whose entries
/// (named by a 40-character hash) hold /Cert, /CRL, /OCSP, /TS, /TU; entries of the
/// original's /VRI unchanged.
fn check_dss(
    old: &Document,
    new: &Document,
    before: Option<&Object>,
    dss: &Object,
) -> Result<(), String> {
    let bad = |why: String| format!("valideringsdata (/DSS): {why}");
    let dss = pdf::resolve(new, dss)
        .and_then(|d| d.as_dict().ok())
        .ok_or_else(|| bad("/DSS är ingen ordlista".into()))?;
    let streams = |d: &Dictionary, keys: &[&[u8]], where_: &str| -> Result<(), String> {
        for key in keys {
            let Ok(v) = d.get(key) else { continue };
            let Some(Object::Array(items)) = pdf::resolve(new, v) else {
                return Err(bad(format!(
                    "{where_}/{} är ingen lista",
                    String::from_utf8_lossy(key)
                )));
            };
            for item in items {
                let is_stream = matches!(item, Object::Reference(r) if matches!(new.objects.get(r), Some(Object::Stream(_))));
                if !is_stream {
                    return Err(bad(format!(
                        "{where_}/{} ska bara hänvisa till strömmar (certifikat, spärrlistor, OCSP-svar)",
                        String::from_utf8_lossy(key)
                    )));
                }
            }
        }
        Ok(())
    };
    for (k, _) in dss.iter() {
        if ![&b"Type"[..], b"VRI", b"Certs", b"CRLs", b"OCSPs"].contains(&k.as_slice()) {
            return Err(bad(format!(
                "oväntad nyckel /{}",
                String::from_utf8_lossy(k)
            )));
        }
    }
    streams(dss, &[b"Certs", b"CRLs", b"OCSPs"], "")?;
    let Ok(vri) = dss.get(b"VRI") else {
        return Ok(());
    };
    let vri = pdf::resolve(new, vri)
        .and_then(|v| v.as_dict().ok())
        .ok_or_else(|| bad("/VRI är ingen ordlista".into()))?;
    let old_vri = before
        .and_then(|b| pdf::resolve(old, b))
        .and_then(|b| b.as_dict().ok())
        .and_then(|b| b.get(b"VRI").ok())
        .and_then(|v| pdf::resolve(old, v))
        .and_then(|v| v.as_dict().ok());
    if let Some(old_vri) = old_vri {
        for (k, v) in old_vri.iter() {
            if vri.get(k).ok() != Some(v) {
                return Err(bad(format!(
                    "/VRI/{} har ändrats eller tagits bort",
                    String::from_utf8_lossy(k)
                )));
            }
        }
    }
    for (k, v) in vri.iter() {
        if old_vri.is_some_and(|o| o.get(k).is_ok()) {
            continue;
        }
        if k.len() != 40
            || !k
                .iter()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
        {
            return Err(bad(format!(
                "/VRI-nyckeln /{} är ingen hashsumma",
                String::from_utf8_lossy(k)
            )));
        }
        let entry = pdf::resolve(new, v)
            .and_then(|e| e.as_dict().ok())
            .ok_or_else(|| bad("en /VRI-post är ingen ordlista".into()))?;
        for (ek, _) in entry.iter() {
            if ![&b"Type"[..], b"TU", b"TS", b"Cert", b"CRL", b"OCSP"].contains(&ek.as_slice()) {
                return Err(bad(format!(
                    "oväntad nyckel /{} i /VRI",
                    String::from_utf8_lossy(ek)
                )));
            }
        }
        streams(entry, &[b"Cert", b"CRL", b"OCSP"], "/VRI")?;
    }
    Ok(())
}

/// Every object reachable in the delivered file that the original did not have must
/// be one a rule let in.
fn check_new_objects(
    old: &Document,
    new: &Document,
    root: ObjectId,
    approved: &HashSet<ObjectId>,
    unwalked: &HashSet<ObjectId>,
) -> Result<(), String> {
    let graph = Graph::walk(new, &trailer_starts(new, root), &|id| {
        unwalked.contains(&id)
    })?;
    for &id in &graph.order {
        if old.objects.contains_key(&id) || approved.contains(&id) || unwalked.contains(&id) {
            continue;
        }
        if !new.objects.contains_key(&id) {
            // A reference to nothing reads as null, as in the original.
            continue;
        }
        return Err(format!(
            "objekt {} {} är nytt och nås från dokumentet ({}) utan att vara en signatur, ett signaturfält eller valideringsdata",
            id.0,
            id.1,
            graph.path_to(id)
        ));
    }
    Ok(())
}
