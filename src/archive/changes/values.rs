//! Comparing PDF values: the same value written another way, which keys changed, and
//! what a change is called in a message.

use lopdf::{Dictionary, Object, ObjectId};

use crate::archive::pdf;

pub(super) fn dict(o: Option<&Object>) -> Result<&Dictionary, String> {
    match o {
        Some(Object::Dictionary(d)) => Ok(d),
        Some(Object::Stream(_)) => Err("en ordlista har blivit en ström".into()),
        Some(_) | None => Err("objektet är ingen ordlista längre".into()),
    }
}

pub(super) fn refs_of(o: Option<&Object>) -> Vec<ObjectId> {
    match o {
        Some(Object::Array(items)) => items.iter().filter_map(|i| i.as_reference().ok()).collect(),
        _ => Vec::new(),
    }
}

/// The same PDF value, written perhaps in another way: a string's bytes count, not
/// whether it was written literally or in hex, and a text string is the same text in
/// PDFDocEncoding or UTF-16 (a signer that rewrites a field's /TU changes nothing).
fn same_value(a: &Object, b: &Object) -> bool {
    match (a, b) {
        (Object::String(x, _), Object::String(y, _)) => {
            x == y
                || lopdf::decode_text_string(a)
                    .ok()
                    .is_some_and(|t| lopdf::decode_text_string(b).ok().is_some_and(|u| t == u))
        }
        (Object::Array(x), Object::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(p, q)| same_value(p, q))
        }
        (Object::Dictionary(x), Object::Dictionary(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.get(k).is_ok_and(|w| same_value(v, w)))
        }
        _ => a == b,
    }
}

/// The keys outside `free` are unchanged; else names the first that changed.
pub(super) fn only_keys_changed(
    b: &Dictionary,
    a: &Dictionary,
    free: &[&[u8]],
    what: &str,
) -> Result<(), String> {
    let is_free = |k: &[u8]| free.contains(&k);
    for (k, v) in b.iter() {
        if is_free(k) {
            continue;
        }
        match a.get(k) {
            Ok(w) if same_value(w, v) => {}
            Ok(_) => {
                return Err(format!(
                    "{what}: värdet för /{} har ändrats",
                    String::from_utf8_lossy(k)
                ));
            }
            Err(_) => {
                return Err(format!(
                    "{what}: /{} har tagits bort",
                    String::from_utf8_lossy(k)
                ));
            }
        }
    }
    for (k, _) in a.iter() {
        if !is_free(k) && b.get(k).is_err() {
            return Err(format!(
                "{what}: /{} har lagts till",
                String::from_utf8_lossy(k)
            ));
        }
    }
    Ok(())
}

/// What changed in an object no rule allows to change.
pub(super) fn what_changed(before: Option<&Object>, after: Option<&Object>) -> String {
    match (before, after) {
        (_, None) => "objektet finns inte längre".into(),
        (None, Some(_)) => {
            "objektet fanns inte i originalet (en hänvisning som var tom pekar nu på något)".into()
        }
        (Some(Object::Stream(x)), Some(Object::Stream(y))) => {
            if x.content != y.content {
                "strömmens innehåll är ett annat".into()
            } else {
                match only_keys_changed(&x.dict, &y.dict, &[], "strömmens ordlista") {
                    Err(e) => e,
                    Ok(()) => "strömmen är en annan".into(),
                }
            }
        }
        (Some(Object::Dictionary(x)), Some(Object::Dictionary(y))) => {
            match only_keys_changed(x, y, &[], "ordlistan") {
                Err(e) => e,
                Ok(()) => "ordlistan är en annan".into(),
            }
        }
        (Some(x), Some(y)) if std::mem::discriminant(x) != std::mem::discriminant(y) => {
            format!(
                "objektet har bytt typ från {} till {}",
                x.enum_variant(),
                y.enum_variant()
            )
        }
        _ => "värdet är ett annat".into(),
    }
}

pub(super) fn is_visible(annot: &Dictionary) -> bool {
    let Ok(Object::Array(rect)) = annot.get(b"Rect") else {
        return false;
    };
    let n: Vec<f32> = rect.iter().filter_map(|x| x.as_float().ok()).collect();
    n.len() == 4 && (n[2] - n[0]).abs() > 0.0 && (n[3] - n[1]).abs() > 0.0
}

/// The XMP metadata stream must still be XMP (as pyHanko's MetadataUpdateRule asks):
/// an `x:xmpmeta` packet, without a DTD or entities.
pub(super) fn is_xmp(o: &Object) -> Result<(), String> {
    let Object::Stream(s) = o else {
        return Err("XMP-metadata är ingen ström".into());
    };
    let data = if s.dict.get(b"Filter").is_ok() {
        s.decompressed_content_with_limit(pdf::MAX_STREAM)
            .map_err(|e| format!("XMP-metadata går inte att läsa: {e}"))?
    } else {
        s.content.clone()
    };
    let text = String::from_utf8_lossy(&data);
    if !text.contains("xmpmeta") {
        return Err("XMP-metadata är inte längre XMP".into());
    }
    if text.contains("<!DOCTYPE") || text.contains("<!ENTITY") {
        return Err("XMP-metadata innehåller en DTD eller entiteter".into());
    }
    Ok(())
}
