//! Load: YAML files into typed documents, with every check of the spec.
//!
//! Each document type has its own module with serde types whose keys are the Swedish
//! field names of `shared/spec/` (with their ASCII spellings as aliases). Loading a file
//! yields a [`Loaded`] document or the diagnostics that explain why not.

pub mod common;
pub mod fields;
mod head;
pub mod kalender;
pub mod kind;
pub mod mote;
pub mod narvaro;
pub mod numfmt;
pub mod protokoll;
pub mod rapport;
pub mod sammantrade;
pub mod scaffold;
pub mod schema;
pub mod tjanst;
pub mod votering;

use std::path::{Path, PathBuf};

use crate::diag::{Diagnostic, Diagnostics};
use crate::profile::Profile;
use crate::project::Project;
pub use crate::yaml::ascii_fold;
use crate::yaml::{self, Node, Pos};

pub use common::Datum;
pub use kind::{DocKind, DocType};
pub use rapport::Rapport;
pub use tjanst::Tjansteskrivelse;

/// A document read from a file, checked and ready to render.
#[derive(Debug, Clone)]
pub enum Document {
    Tjanst(Tjansteskrivelse),
    Rapport(Rapport),
    Sammantrade(sammantrade::Sammantrade),
}

/// A loaded document and what the load learned along the way.
#[derive(Debug)]
pub struct Loaded {
    /// The source file, absolute.
    pub path: PathBuf,
    /// The source text, kept for diagnostics.
    pub source: String,
    pub doc: Document,
    pub profile: std::sync::Arc<Profile>,
    /// Every project file the document depends on besides its own (bilagor, ärenden).
    pub deps: Vec<PathBuf>,
}

/// Context for checks that need more than the file itself.
pub struct LoadCx<'a> {
    pub project: &'a Project,
    /// The file being loaded (absolute).
    pub path: &'a Path,
    /// Its text, for placing a problem inside a value on the right line.
    pub source: &'a str,
    pub diags: &'a mut Diagnostics,
    pub deps: Vec<PathBuf>,
}

impl LoadCx<'_> {
    pub fn error(&mut self, pos: Pos, field: &str, message: impl Into<String>) -> &mut Diagnostic {
        self.diags
            .push(Diagnostic::error(message).at(self.path, pos).field(field))
    }

    pub fn warning(
        &mut self,
        pos: Pos,
        field: &str,
        message: impl Into<String>,
    ) -> &mut Diagnostic {
        self.diags
            .push(Diagnostic::warning(message).at(self.path, pos).field(field))
    }
}

/// Reads, parses and checks one YAML file. Problems go to `diags`; `None` if any of
/// them is an error.
pub fn load(project: &Project, path: &Path, diags: &mut Diagnostics) -> Option<Loaded> {
    load_nested(project, path, diags, 0)
}

/// [`load`] for a file named by another (an ärende on a meeting's agenda): `depth` 1.
pub fn load_nested(
    project: &Project,
    path: &Path,
    diags: &mut Diagnostics,
    depth: usize,
) -> Option<Loaded> {
    let source = match yaml::read_file(path) {
        Ok(s) => s,
        Err(msg) => {
            diags.push(Diagnostic::error(msg).in_file(path));
            return None;
        }
    };
    let node = match yaml::parse(&source) {
        Ok(node) => node,
        Err(err) => {
            diags.push(Diagnostic::error(err.message).at(path, err.pos));
            return None;
        }
    };
    if !matches!(node.kind, yaml::Kind::Map(_)) {
        diags.push(
            Diagnostic::error(format!(
                "filen ska vara en mappning med fält (nämnd: …, rubrik: …), men är {}",
                node.describe()
            ))
            .at(path, node.pos),
        );
        return None;
    }

    let doc_type = match node.get("typ") {
        None => DocType::Tjansteskrivelse,
        Some(t) => match t.as_str().and_then(DocType::parse) {
            Some(dt) => dt,
            None => {
                let found = t.describe();
                let d = diags.push(
                    Diagnostic::error(format!(
                        "okänd dokumenttyp {found}; väntade {}",
                        DocType::NAMES.join(", ")
                    ))
                    .at(path, t.pos)
                    .field("typ"),
                );
                if let Some(s) = t
                    .as_str()
                    .and_then(|s| yaml::did_you_mean(s, DocType::NAMES))
                {
                    d.hints.push(format!("menade du \"{s}\"?"));
                }
                return None;
            }
        },
    };

    let errors_before = diags.error_count();
    let items_before = diags.items.len();
    let mut cx = LoadCx {
        project,
        path,
        source: &source,
        diags,
        deps: Vec::new(),
    };
    let profile = common::resolve_profile(&mut cx, &node)?;
    let doc = match doc_type {
        DocType::Tjansteskrivelse => tjanst::load(&mut cx, &node, &profile).map(Document::Tjanst),
        DocType::Rapport => rapport::load(&mut cx, &node, &profile).map(Document::Rapport),
        DocType::Sammantrade => {
            sammantrade::load(&mut cx, &node, &profile, depth).map(Document::Sammantrade)
        }
    };
    let deps = std::mem::take(&mut cx.deps);
    // (A file whose only errors are bilagor not found is still read: the errors stop
    // its own PDF (`Pipeline::produce` makes nothing from a file with errors), and in
    // a meeting only the handlingar, `sammantrade::punkt`.)
    let only_bilagor = diags.items[items_before..]
        .iter()
        .filter(|d| d.is_error())
        .all(|d| is_bilaga_file_error(d, path));
    if diags.error_count() > errors_before && !only_bilagor {
        return None;
    }
    Some(Loaded {
        path: path.to_path_buf(),
        source,
        doc: doc?,
        profile,
        deps,
    })
}

/// Whether `d` is an error of the file `path` in a bilaga's file name
/// (`bilagor[N].fil`: not found, outside the project, not a PDF).
pub(crate) fn is_bilaga_file_error(d: &Diagnostic, path: &Path) -> bool {
    let field = d.field.as_deref().unwrap_or("");
    let index = field
        .strip_prefix("bilagor[")
        .and_then(|f| f.strip_suffix("].fil"));
    d.file.as_deref() == Some(path)
        && index.is_some_and(|i| !i.is_empty() && i.bytes().all(|b| b.is_ascii_digit()))
}

/// Deserialises a typed value from a node, reporting failures as diagnostics.
///
/// Serde stops at the first problem. So that a handläggare sees the typos of several
/// fields at once, the field an error is about (an unknown key, a value that cannot be
/// read) is reported, then dropped and the file read again, at most [`MAX_REPORTED`]
/// times. A field reported once is not reported again as missing, nor are the fields
/// inside it. A missing field gets a stand-in value (serde reports only the first one
/// missing), so every missing field is reported (in every element of a list too),
/// unless none of the stand-ins fits its type (a field that takes one of a few words).
/// Not everything is seen in one run: of a list only its first element with a bad
/// value (the list is dropped whole, so that the indices of the rest stay right), and
/// the checks made after reading (bilagor, diarienummer) only once the file reads.
pub fn typed<T: serde::de::DeserializeOwned + schemars::JsonSchema>(
    cx: &mut LoadCx,
    node: &Node,
) -> Option<T> {
    const MAX_REPORTED: usize = 20;
    let mut current = std::borrow::Cow::Borrowed(node);
    // Paths of the fields already explained: dropped ones and the suggestions for
    // unknown keys ("rubirk: okänt fält, menade du rubrik?" explains why rubrik is missing).
    let mut explained: Vec<String> = Vec::new();
    let mut reported = false;
    for _ in 0..MAX_REPORTED {
        match yaml::from_node::<T>(&current) {
            Ok(v) => return if reported { None } else { Some(v) },
            Err(err) => {
                // (Compared folded: a field written "namnd" is missing as "nämnd".)
                let redundant = err.missing.as_ref().is_some_and(|m| {
                    let path = ascii_fold(&err.field_path(m));
                    explained.iter().any(|e| within(&path, e))
                });
                if !redundant {
                    let field = err.path();
                    let pos = err.pos.unwrap_or(node.pos);
                    let d = cx.error(pos, &field, err.message.clone());
                    d.hints.extend(err.hint.clone());
                    // What a missing field holds, as the schema (and an editor) says.
                    if let Some(missing) = &err.missing {
                        let keys = err.field_keys(missing);
                        if let Some(text) = schema::field_description::<T>(&keys) {
                            d.hints.push(format!("\"{missing}\": {text}"));
                        }
                    }
                    reported = true;
                }
                if let Some(missing) = &err.missing {
                    // serde stops at the first missing field: a stand-in lets the
                    // next read reach the fields after it.
                    let path = ascii_fold(&err.field_path(missing));
                    current = std::borrow::Cow::Owned(stand_in::<T>(&current, &err, missing)?);
                    explained.push(path);
                    continue;
                }
                let (next, dropped) = err.without_failed_field(&current)?;
                if let Some((_, Some(suggested))) = &err.unknown {
                    explained.push(ascii_fold(&err.field_path(suggested)));
                }
                explained.push(ascii_fold(&dropped));
                current = std::borrow::Cow::Owned(next);
            }
        }
    }
    None
}

/// `node` with a stand-in value for the missing field `missing` that `T` accepts (text,
/// a number, a date, a list, a mapping or a yes/no), or None where none of them does.
/// Only used to read on and report the file's other errors; the value is never used.
fn stand_in<T: serde::de::DeserializeOwned>(
    node: &Node,
    err: &yaml::DeError,
    missing: &str,
) -> Option<Node> {
    let path = ascii_fold(&err.field_path(missing));
    let scalar = |value: &str, plain: bool| yaml::Kind::Scalar {
        value: value.to_string(),
        plain,
    };
    let candidates = [
        scalar("-", false),
        scalar("1", true),
        scalar("2000-01-01", true),
        scalar("true", true),
        yaml::Kind::Seq(Vec::new()),
        yaml::Kind::Map(Vec::new()),
    ];
    candidates.into_iter().find_map(|kind| {
        let value = Node {
            kind,
            pos: err.pos.unwrap_or(node.pos),
        };
        let next = err.with_field(node, missing, value)?;
        // Taken where the next read is no longer about this field or inside it, or
        // only misses a field inside it (an empty mapping for a missing `handläggare`:
        // its `namn` then gets a stand-in of its own, and is not reported).
        let still_about_it = match yaml::from_node::<T>(&next) {
            Ok(_) => false,
            Err(e) => within(&ascii_fold(&e.subject()), &path) && e.missing.is_none(),
        };
        (!still_about_it).then_some(next)
    })
}

/// Whether the field path `path` is `field` or a field inside it.
fn within(path: &str, field: &str) -> bool {
    path.strip_prefix(field)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with(['.', '[']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold() {
        assert_eq!(ascii_fold("ärendebeskrivning"), "arendebeskrivning");
        assert_eq!(ascii_fold("första_paragraf"), "forsta_paragraf");
    }
}
