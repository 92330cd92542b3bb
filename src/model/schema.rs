//! `kansli schema`: one JSON Schema (draft 2020-12) for every document type, derived
//! from the serde types the loader reads (`schemars`), so that it cannot drift from
//! what `kansli check` accepts.
//!
//! The loader is more lenient than a derived schema in three ways, which are put back
//! here after derivation:
//! - serde aliases (the ASCII spellings `namnd`, `forslag`, … and `skickas_till`,
//!   `e-post`, `mejl`) are not seen by schemars; they are added as extra properties;
//! - any YAML scalar is text where text is wanted (`rubrik: 2024`), so `string` also
//!   admits numbers and booleans;
//! - `typ:` picks the branch; without it the file is a tjänsteskrivelse.
//!
//! The few names that take a closed set of values (`typ`, diagram `typ`, nyckeltal
//! `status`, `dokument`) list their usual spellings; the loader also accepts other
//! capitalisations, so the schema is, if anything, stricter there.

use schemars::generate::SchemaSettings;
use serde_json::{Map, Value};

use crate::model;
use crate::yaml::ascii_fold;

/// Where the schema is published for editors; written into scaffolds.
pub const SCHEMA_FILE: &str = "kansli.schema.json";

/// Aliases that are not just the ASCII folding of the Swedish key.
const EXTRA_ALIASES: &[(&str, &str)] = &[
    ("utdrag_till", "skickas_till"),
    ("epost", "e-post"),
    ("epost", "mejl"),
];

/// The schema, as pretty-printed JSON with a trailing newline.
pub fn schema_json() -> String {
    let mut s = serde_json::to_string_pretty(&schema()).expect("a schema is plain JSON");
    s.push('\n');
    s
}

/// The whole schema: `typ` chooses the document type; no `typ` is a tjänsteskrivelse.
pub fn schema() -> Value {
    let mut generator = SchemaSettings::draft2020_12().into_generator();
    let tjanst = model::tjanst::schema(&mut generator);
    let rapport = model::rapport::schema(&mut generator);
    let sammantrade = model::sammantrade::schema(&mut generator);
    let defs = generator.take_definitions(true);

    let when = |names: &[&str]| {
        let mut values: Vec<String> = Vec::new();
        for n in names {
            for v in [n.to_string(), model::fields::capitalise(n), ascii_fold(n)] {
                if !values.contains(&v) {
                    values.push(v);
                }
            }
        }
        serde_json::json!({ "required": ["typ"], "properties": { "typ": { "enum": values } } })
    };
    let mut root = serde_json::json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://kansli.example/kansli.schema.json",
        "title": "kansli",
        "description": format!(
            "Dokument för kansli {}: tjänsteskrivelse (standard), rapport eller sammanträde, valt med fältet typ.",
            env!("CARGO_PKG_VERSION")
        ),
        "type": "object",
        "if": when(&["rapport"]),
        "then": rapport.to_value(),
        "else": {
            "if": when(&["sammanträde"]),
            "then": sammantrade.to_value(),
            "else": tjanst.to_value()
        },
        "$defs": Value::Object(defs),
    });
    relax(&mut root);
    root
}

/// What the schema says the field at `keys` of a `T` is (its `description`), for the
/// hint under a missing field's error: "fältet \"förslag\" saknas" says which, not
/// what it holds (review 60's 20). `keys`: outermost first, a key as written (ASCII
/// spellings match: `forslag`) or `None` for a list's element.
pub fn field_description<T: schemars::JsonSchema>(keys: &[Option<String>]) -> Option<String> {
    let generator = SchemaSettings::draft2020_12().into_generator();
    let root = generator.into_root_schema_for::<T>().to_value();
    let mut at = &root;
    let mut found: Option<&Value> = None;
    for key in keys {
        let next = match key {
            Some(k) => property(&root, at, &ascii_fold(k))?,
            None => element(&root, at)?,
        };
        found = Some(next);
        at = next;
    }
    let field = found?;
    let text = field
        .get("description")
        .or_else(|| resolve(&root, field).get("description"))?
        .as_str()?;
    Some(text.to_string())
}

/// `schema` with its `$ref`s followed (within `root`'s `$defs`).
fn resolve<'a>(root: &'a Value, mut schema: &'a Value) -> &'a Value {
    for _ in 0..16 {
        match schema.get("$ref").and_then(Value::as_str) {
            Some(r) => match r
                .strip_prefix('#')
                .and_then(|p| root.pointer(&percent_decode(p)))
            {
                Some(target) => schema = target,
                None => break,
            },
            None => break,
        }
    }
    schema
}

/// A `$ref`'s pointer as written in a URI fragment: `Handl%C3%A4ggare` is `Handläggare`.
fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (
            bytes[i],
            bytes.get(i + 1).copied().and_then(hex),
            bytes.get(i + 2).copied().and_then(hex),
        ) {
            (b'%', Some(h), Some(l)) => {
                out.push((h * 16 + l) as u8);
                i += 3;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The branches a schema may take (`anyOf`, `oneOf`, `allOf`), itself first.
fn branches<'a>(root: &'a Value, schema: &'a Value) -> Vec<&'a Value> {
    let schema = resolve(root, schema);
    let mut out = vec![schema];
    for comb in ["anyOf", "oneOf", "allOf"] {
        if let Some(Value::Array(list)) = schema.get(comb) {
            for b in list {
                out.extend(branches(root, b));
            }
        }
    }
    out
}

/// The schema of property `key` (folded) of an object `schema` may be.
fn property<'a>(root: &'a Value, schema: &'a Value, key: &str) -> Option<&'a Value> {
    branches(root, schema).into_iter().find_map(|b| {
        let props = b.get("properties")?.as_object()?;
        props
            .iter()
            .find(|(name, _)| ascii_fold(name) == key)
            .map(|(_, v)| v)
    })
}

/// The schema of an element of a list `schema` may be.
fn element<'a>(root: &'a Value, schema: &'a Value) -> Option<&'a Value> {
    branches(root, schema)
        .into_iter()
        .find_map(|b| b.get("items"))
}

/// Walks the schema: adds alias properties and lets text fields take any scalar.
fn relax(v: &mut Value) {
    match v {
        Value::Object(map) => {
            for child in map.values_mut() {
                relax(child);
            }
            let free_text = !map.contains_key("enum") && !map.contains_key("pattern");
            match map.get_mut("type") {
                Some(t @ Value::String(_)) if free_text && t == "string" => {
                    *t = serde_json::json!(["string", "number", "boolean"]);
                }
                Some(Value::Array(types)) if free_text && types.iter().any(|t| t == "string") => {
                    for extra in ["number", "boolean"] {
                        if !types.iter().any(|t| t == extra) {
                            types.push(Value::String(extra.into()));
                        }
                    }
                }
                _ => {}
            }
            let mut aliased: Vec<(String, Vec<String>)> = Vec::new();
            if let Some(Value::Object(props)) = map.get_mut("properties") {
                aliased = add_aliases(props);
            }
            // A required key may be written under any of its names.
            if let Some(Value::Array(required)) = map.get_mut("required") {
                let mut either = Vec::new();
                required.retain(|r| {
                    let Some((key, aliases)) = aliased.iter().find(|(k, _)| r == k) else {
                        return true;
                    };
                    let alternatives: Vec<Value> = std::iter::once(key)
                        .chain(aliases)
                        .map(|k| serde_json::json!({ "required": [k] }))
                        .collect();
                    either.push(serde_json::json!({ "anyOf": alternatives }));
                    false
                });
                if !either.is_empty() {
                    match map.get_mut("allOf") {
                        Some(Value::Array(all)) => all.extend(either),
                        _ => {
                            map.insert("allOf".into(), Value::Array(either));
                        }
                    }
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(relax),
        _ => {}
    }
}

/// Adds each key's other names; returns the keys that got any, with their aliases.
fn add_aliases(props: &mut Map<String, Value>) -> Vec<(String, Vec<String>)> {
    let mut extra: Vec<(String, Value)> = Vec::new();
    let mut aliased: Vec<(String, Vec<String>)> = Vec::new();
    for (key, value) in props.iter() {
        let mut aliases: Vec<String> = Vec::new();
        let folded = ascii_fold(key);
        if folded != *key {
            aliases.push(folded);
        }
        for (k, a) in EXTRA_ALIASES {
            if k == key {
                aliases.push(a.to_string());
            }
        }
        aliases.retain(|a| !props.contains_key(a));
        if !aliases.is_empty() {
            aliased.push((key.clone(), aliases.clone()));
        }
        for alias in aliases {
            let mut v = value.clone();
            if let Value::Object(m) = &mut v {
                m.insert(
                    "description".into(),
                    Value::String(format!("Samma som \"{key}\".")),
                );
            }
            extra.push((alias, v));
        }
    }
    props.extend(extra);
    aliased
}

#[cfg(test)]
mod tests {
    use super::*;

    fn validator() -> jsonschema::Validator {
        jsonschema::draft202012::new(&schema()).expect("the schema compiles")
    }

    /// YAML as an editor's YAML 1.2 language server sees it: plain scalars that look
    /// like numbers or booleans are numbers or booleans, everything else is text.
    fn to_json(node: &model::yaml::Node) -> Value {
        use model::yaml::Kind;
        match &node.kind {
            _ if node.is_null() => Value::Null,
            Kind::Scalar { value, plain } => {
                if *plain {
                    if value == "true" || value == "false" {
                        return Value::Bool(value == "true");
                    }
                    if let Ok(n) = value.parse::<i64>() {
                        return Value::from(n);
                    }
                    if let Ok(f) = value.parse::<f64>()
                        && let Some(n) = serde_json::Number::from_f64(f)
                    {
                        return Value::Number(n);
                    }
                }
                Value::String(value.clone())
            }
            Kind::Seq(items) => Value::Array(items.iter().map(to_json).collect()),
            Kind::Map(entries) => Value::Object(
                entries
                    .iter()
                    .map(|(k, v)| (k.as_str().unwrap_or_default().to_string(), to_json(v)))
                    .collect(),
            ),
        }
    }

    fn errors(v: &jsonschema::Validator, yaml: &str) -> Vec<String> {
        let node = model::yaml::parse(yaml).expect("test YAML parses");
        let json = to_json(&node);
        v.iter_errors(&json)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect()
    }

    #[test]
    fn accepts_every_file_in_content() {
        let v = validator();
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("content");
        let mut seen = 0;
        for entry in walkdir::WalkDir::new(&root) {
            let entry = entry.unwrap();
            let p = entry.path();
            if p.extension().is_some_and(|e| e == "yaml" || e == "yml") {
                let text = std::fs::read_to_string(p).unwrap();
                let errs = errors(&v, &text);
                assert!(errs.is_empty(), "{}: {errs:#?}", p.display());
                seen += 1;
            }
        }
        assert!(seen >= 8, "only {seen} content files found");
    }

    #[test]
    fn rejects_a_misspelt_key_in_each_type() {
        let v = validator();
        let tjanst = "nämnd: N\ndiarienummer: HSN/1/2024\ndatum: 2024-01-01\nrubrik: R\nhandläggare: {namn: A}\nförslag: B\n";
        assert!(errors(&v, tjanst).is_empty(), "{:?}", errors(&v, tjanst));
        let typo = tjanst.replace("rubrik:", "rubirk:");
        assert!(!errors(&v, &typo).is_empty());
        let nested = tjanst.replace("{namn: A}", "{namn: A, epots: a@b.se}");
        assert!(!errors(&v, &nested).is_empty());

        let rapport = "typ: rapport\nnämnd: N\ndatum: 2024-01-01\nrubrik: R\navsnitt:\n  - rubrik: A\n    tabeller:\n      - rubrik: T\n        kolumner: [a, b]\n        rader: [[x, 1]]\n";
        assert!(errors(&v, rapport).is_empty(), "{:?}", errors(&v, rapport));
        assert!(!errors(&v, &rapport.replace("kolumner", "kolumer")).is_empty());

        let mote = "typ: sammanträde\nnämnd: N\ndatum: 2024-01-01\ntid: '9'\nplats: P\nordförande: {namn: O}\nsekreterare: {namn: S}\nledamöter: [{namn: L}]\npunkter: [{rubrik: Upprop}]\n";
        assert!(errors(&v, mote).is_empty(), "{:?}", errors(&v, mote));
        assert!(!errors(&v, &mote.replace("punkter", "punker")).is_empty());
    }

    #[test]
    fn accepts_aliases_and_numbers_as_text() {
        let v = validator();
        let ascii = "namnd: N\ndiarienummer: HSN/1/2024\ndatum: 2024-01-01\nrubrik: 2024\nhandlaggare: {namn: A, e-post: a@b.se, telefon: 063123456}\nforslag: [B]\nskickas_till: [C]\n";
        assert!(errors(&v, ascii).is_empty(), "{:?}", errors(&v, ascii));
    }

    #[test]
    fn rejects_unknown_type_and_bad_date() {
        let v = validator();
        assert!(!errors(&v, "typ: protokoll\nnämnd: N\n").is_empty());
        let bad_date = "nämnd: N\ndiarienummer: D\ndatum: 8 nov\nrubrik: R\nhandläggare: {namn: A}\nförslag: B\n";
        assert!(!errors(&v, bad_date).is_empty());
    }

    #[test]
    fn a_refs_pointer_is_percent_decoded() {
        assert_eq!(
            percent_decode("/$defs/Handl%C3%A4ggare"),
            "/$defs/Handläggare"
        );
        assert_eq!(percent_decode("/$defs/A%2"), "/$defs/A%2");
    }

    #[test]
    fn descriptions_are_swedish() {
        let text = schema_json();
        assert!(text.contains("Ärendets rubrik"), "descriptions missing");
        assert!(text.contains("\"additionalProperties\": false"));
        assert!(text.contains("draft/2020-12"));
    }
}
