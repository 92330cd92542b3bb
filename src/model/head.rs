//! The head every document type's input starts with: `typ`, `profil`, `nämnd`, `datum`.
//!
//! serde's `flatten` would share one struct, but it cannot be combined with
//! `deny_unknown_fields` (which gives every misspelt key its "menade du …?"). So the
//! head is one macro that declares the shared fields, with the same serde and schema
//! attributes, at the start of each input struct.

/// Declares a document type's input struct with the shared head fields first.
macro_rules! document_input {
    (
        typ_schema = $typ_schema:tt,
        typ_description = $typ_desc:tt,
        datum_description = $datum_desc:tt;
        $(#[$meta:meta])*
        struct $name:ident { $($body:tt)* }
    ) => {
        $(#[$meta])*
        struct $name {
            #[allow(dead_code)]
            #[serde(default)]
            #[schemars(schema_with = $typ_schema, description = $typ_desc)]
            typ: Option<String>,
            #[allow(dead_code)]
            #[schemars(description = crate::model::fields::PROFIL)]
            profil: Option<String>,
            #[serde(rename = "nämnd", alias = "namnd")]
            #[schemars(description = crate::model::fields::NAMND)]
            namnd: Spanned<String>,
            #[schemars(description = $datum_desc)]
            datum: Spanned<Datum>,
            $($body)*
        }
    };
}

pub(crate) use document_input;
