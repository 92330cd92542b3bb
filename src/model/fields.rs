//! The schema vocabulary the document types share: descriptions of common fields and
//! the JSON Schema of the few fields that take a closed set of values. The types refer
//! to these in their `schemars` attributes; `schema.rs` assembles the whole schema from
//! the types (so the dependency points one way: types → fields, schema → types).

use schemars::{Schema, SchemaGenerator, json_schema};

use crate::yaml::ascii_fold;

pub const PROFIL: &str =
    "Husstil (profil), t.ex. region-jh eller region-orebro; standard från kansli.yaml.";
pub const NAMND: &str =
    "Det organ som beslutar, t.ex. \"Hälso- och sjukvårdsnämnden\" eller \"Regionstyrelsen\".";
pub const UTDRAG_TILL: &str = "Vilka som får protokollsutdraget (\"Utdrag till\"); skickas_till är ett annat namn för samma fält.";

fn typ_enum(generator: &mut SchemaGenerator, names: &[&str], description: &str) -> Schema {
    let _ = generator;
    let mut values: Vec<String> = Vec::new();
    for n in names {
        for v in [n.to_string(), capitalise(n), ascii_fold(n)] {
            if !values.contains(&v) {
                values.push(v);
            }
        }
    }
    json_schema!({ "type": "string", "enum": values, "description": description })
}

pub(crate) fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

pub fn typ_tjanst(g: &mut SchemaGenerator) -> Schema {
    typ_enum(
        g,
        &["tjänsteskrivelse"],
        "Dokumenttyp; kan utelämnas för tjänsteskrivelser.",
    )
}

pub fn typ_rapport(g: &mut SchemaGenerator) -> Schema {
    typ_enum(g, &["rapport"], "Dokumenttyp: rapport.")
}

pub fn typ_sammantrade(g: &mut SchemaGenerator) -> Schema {
    typ_enum(g, &["sammanträde"], "Dokumenttyp: sammanträde.")
}

pub fn diagramtyp(g: &mut SchemaGenerator) -> Schema {
    typ_enum(
        g,
        &[
            "stapel",
            "linje",
            "staplar",
            "linjer",
            "stapeldiagram",
            "linjediagram",
        ],
        "Diagramtyp: stapel eller linje.",
    )
}

pub fn nyckeltalsstatus(g: &mut SchemaGenerator) -> Schema {
    typ_enum(
        g,
        &[
            "uppfylld",
            "delvis",
            "ej_uppfylld",
            "ej_mätt",
            "uppfyllt",
            "delvis uppfylld",
            "ej uppfylld",
            "ej mätt",
        ],
        "Status: uppfylld, delvis, ej_uppfylld eller ej_mätt.",
    )
}

pub fn dokument(g: &mut SchemaGenerator) -> Schema {
    let item = typ_enum(
        g,
        &[
            "kallelse",
            "handlingar",
            "handlingar-ledamot",
            "protokoll",
            "utdrag",
            "protokollsutdrag",
            "föredragningslista",
        ],
        "kallelse, handlingar (offentliga), handlingar-ledamot (ledamöternas, med sekretessbelagda ärenden), protokoll eller utdrag.",
    );
    json_schema!({
        "type": "array",
        "items": item,
        "description": "Vilka dokument som ska göras; standard alla: kallelse, handlingar, handlingar-ledamot, protokoll, utdrag."
    })
}
