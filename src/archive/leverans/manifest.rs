//! Reading the archive's manifest (`arkiv.json`, versions 1 and 2) tolerantly: unknown
//! fields are ignored, every entry is checked, and what is wrong is said per file.

use std::path::Path;

use chrono::{DateTime, NaiveDate};
use serde::Deserialize;
use serde_json::Value;

use super::{Doc, LevError, MANIFEST_VERSIONS, Sekretess, Sig};
use crate::archive::{FORMAT, MANIFEST};

/// The manifest as this reader needs it; anything else in it is ignored.
#[derive(Deserialize)]
struct RawManifest {
    format: String,
    version: u32,
    filer: Vec<RawEntry>,
}

#[derive(Deserialize)]
struct RawEntry {
    fil: String,
    sha256: String,
    storlek: u64,
    dokumenttyp: String,
    #[serde(default)]
    diarienummer: Option<String>,
    rubrik: String,
    datum: String,
    #[serde(rename = "nämnd")]
    namnd: String,
    #[serde(default)]
    pdf_standard: Vec<String>,
    #[serde(default, rename = "källa")]
    kalla: Option<String>,
    #[serde(default, rename = "källa_sha256")]
    kalla_sha256: Option<String>,
    #[serde(default)]
    kansli_version: Option<String>,
    arkiverad: String,
    #[serde(default)]
    original: Option<String>,
    /// Version 1: one signature, without a validation outcome.
    #[serde(default)]
    signatur: Option<Value>,
    /// Version 2: every signature with its validation.
    #[serde(default)]
    signaturer: Option<Vec<Value>>,
    /// `{lagrum: "…"}`, `"…"` (the lagrum), or `true`; absent or null when not secret.
    #[serde(default)]
    sekretess: Option<Value>,
    #[serde(default)]
    lagrum: Option<Value>,
}

/// Reads the manifest of the archive at `dir` (versions 1 and 2).
pub fn read_docs(dir: &Path) -> Result<Vec<Doc>, LevError> {
    let path = dir.join(MANIFEST);
    let shown = format!(
        "{}/{MANIFEST}",
        dir.file_name()
            .map(|n| n.to_string_lossy())
            .unwrap_or_default()
    );
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(LevError::one(format!(
                "{shown} finns inte: arkivet är tomt eller mappen är fel (ange --arkiv MAPP)"
            )));
        }
        Err(e) => {
            return Err(LevError::one(format!(
                "kan inte läsa {shown}: {}",
                crate::diag::io_sv(&e)
            )));
        }
    };
    let raw: RawManifest = serde_json::from_str(&text).map_err(|e| {
        LevError::one(format!(
            "{shown}:{}:{}: manifestet går inte att läsa: {e}",
            e.line(),
            e.column()
        ))
    })?;
    if raw.format != FORMAT || !MANIFEST_VERSIONS.contains(&raw.version) {
        return Err(LevError::one(format!(
            "{shown}: okänt manifestformat \"{}\" version {}; denna kansli läser \"{FORMAT}\" version 1 och 2",
            raw.format, raw.version
        )));
    }
    let mut docs = Vec::new();
    let mut errors = Vec::new();
    for e in raw.filer {
        match doc_of(e) {
            Ok(d) => docs.push(d),
            Err(msg) => errors.push(format!("{shown}: {msg}")),
        }
    }
    docs.sort_by(|a, b| a.fil.cmp(&b.fil));
    for pair in docs.windows(2) {
        if pair[0].fil == pair[1].fil {
            errors.push(format!(
                "{shown}: \"{}\" står två gånger i manifestet",
                pair[0].fil
            ));
        }
    }
    if !errors.is_empty() {
        return Err(LevError(errors));
    }
    Ok(docs)
}

fn doc_of(e: RawEntry) -> Result<Doc, String> {
    let fil = e.fil;
    let bad = |field: &str, expected: &str, found: &str| {
        format!("posten \"{fil}\": fältet \"{field}\": väntade {expected}, fann \"{found}\"")
    };
    if !safe_relative(&fil) {
        return Err(bad(
            "fil",
            "en relativ sökväg i arkivet (med /, utan .. och tomma delar)",
            &fil,
        ));
    }
    if e.sha256.len() != 64 || !e.sha256.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(bad("sha256", "64 hextecken", &e.sha256));
    }
    let datum = NaiveDate::parse_from_str(&e.datum, "%Y-%m-%d")
        .map_err(|_| bad("datum", "ett datum ÅÅÅÅ-MM-DD", &e.datum))?;
    let arkiverad = DateTime::parse_from_rfc3339(&e.arkiverad)
        .map_err(|_| bad("arkiverad", "en tid enligt RFC 3339", &e.arkiverad))?;
    let mut signaturer: Vec<Sig> = e
        .signaturer
        .unwrap_or_default()
        .iter()
        .filter(|v| v.is_object())
        .map(sig_of)
        .collect();
    if signaturer.is_empty()
        && let Some(v) = e.signatur.as_ref().filter(|v| v.is_object())
    {
        // Version 1 recorded who signed, not whether the signature verifies.
        let mut s = sig_of(v);
        s.giltig = None;
        s.betrodd = None;
        signaturer.push(s);
    }
    Ok(Doc {
        sha256: e.sha256.to_ascii_lowercase(),
        storlek: e.storlek,
        dokumenttyp: e.dokumenttyp,
        diarienummer: e
            .diarienummer
            .map(|d| d.trim().to_string())
            .filter(|d| !d.is_empty()),
        rubrik: e.rubrik,
        datum,
        namnd: e.namnd,
        pdf_standard: e.pdf_standard,
        kalla: e.kalla,
        kalla_sha256: e.kalla_sha256,
        kansli_version: e.kansli_version,
        arkiverad,
        original: e.original,
        sekretess: sekretess_of(e.sekretess.as_ref(), e.lagrum.as_ref()),
        signaturer,
        fil,
    })
}

fn string_of(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) if !s.trim().is_empty() => Some(s.clone()),
        _ => None,
    }
}

fn sig_of(v: &Value) -> Sig {
    let get = |k: &str| string_of(v.get(k));
    let tidsstampel = match v.get("tidsstämpel") {
        // Version 2 may record the timestamp as an object with its time.
        Some(Value::Object(o)) => string_of(o.get("tid")).or_else(|| string_of(o.get("tidpunkt"))),
        other => string_of(other),
    };
    Sig {
        undertecknare: get("undertecknare"),
        utfardare: get("utfärdare"),
        tid: get("signeringstid").or_else(|| get("tidpunkt")),
        tidsstampel,
        dokumenttidsstampel: get("dokumenttidsstämpel"),
        giltig: v.get("giltig").and_then(Value::as_bool),
        betrodd: v.get("betrodd").and_then(Value::as_bool),
        kedja: match v.get("kedja") {
            Some(Value::Array(a)) => a.iter().filter_map(|c| string_of(Some(c))).collect(),
            _ => Vec::new(),
        },
        sparrkontroll: get("spärrkontroll"),
    }
}

fn lagrum_of(v: Option<&Value>) -> Vec<String> {
    match v {
        Some(Value::String(s)) if !s.trim().is_empty() => vec![s.trim().to_string()],
        Some(Value::Array(a)) => a.iter().flat_map(|x| lagrum_of(Some(x))).collect(),
        _ => Vec::new(),
    }
}

fn sekretess_of(sekretess: Option<&Value>, lagrum: Option<&Value>) -> Option<Sekretess> {
    let mut found = match sekretess {
        None | Some(Value::Null) | Some(Value::Bool(false)) => None,
        Some(Value::Object(o)) => Some(lagrum_of(o.get("lagrum"))),
        Some(v @ Value::String(_)) | Some(v @ Value::Array(_)) => Some(lagrum_of(Some(v))),
        Some(_) => Some(Vec::new()),
    };
    let extra = lagrum_of(lagrum);
    if !extra.is_empty() {
        found.get_or_insert_with(Vec::new).extend(extra);
    }
    found.map(|mut lagrum| {
        lagrum.dedup();
        Sekretess { lagrum }
    })
}

/// A path inside the archive that cannot leave it: relative, `/`-separated, no empty,
/// `.` or `..` parts, no backslash or drive letter.
fn safe_relative(p: &str) -> bool {
    !p.is_empty()
        && !p.starts_with('/')
        && !p.contains('\\')
        && !p.contains(':')
        && !p.chars().any(char::is_control)
        && p.split('/')
            .all(|part| !part.is_empty() && part != "." && part != "..")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_are_read_tolerantly() {
        let v1 = serde_json::json!({
            "fil": "2024/X/a-signerad.pdf", "sha256": "A".repeat(64), "storlek": 3,
            "dokumenttyp": "tjänsteskrivelse", "diarienummer": "X/1", "rubrik": "R",
            "datum": "2024-01-02", "nämnd": "N", "pdf_standard": ["PDF/A-2a"],
            "källa": "content/a.yaml", "källa_sha256": "b".repeat(64),
            "kansli_version": "0.1.0", "arkiverad": "2024-01-02T10:00:00+01:00",
            "original": "2024/X/a.pdf",
            "signatur": {"undertecknare": "Test", "utfärdare": "CA", "tidpunkt": "2024-01-02T10:00:00Z", "algoritm": "SHA-256"},
            "något_nytt": [1, 2]
        });
        let d = doc_of(serde_json::from_value(v1).unwrap()).unwrap();
        assert_eq!(d.sha256, "a".repeat(64));
        assert_eq!(d.signaturer.len(), 1);
        assert_eq!(d.signaturer[0].giltig, None);
        assert_eq!(d.signaturer[0].tid.as_deref(), Some("2024-01-02T10:00:00Z"));
        assert_eq!(d.sekretess, None);

        let v2 = serde_json::json!({
            "fil": "2024/X/b.pdf", "sha256": "a".repeat(64), "storlek": 3,
            "dokumenttyp": "tjänsteskrivelse", "diarienummer": null, "rubrik": "R",
            "datum": "2024-01-02", "nämnd": "N", "arkiverad": "2024-01-02T10:00:00Z",
            "sekretess": {"lagrum": "OSL 25 kap. 1 §"},
            "signaturer": [{"undertecknare": "Test", "giltig": false, "betrodd": false,
                            "kedja": ["Test", "CA"], "signeringstid": "2024-01-02T10:00:00Z",
                            "tidsstämpel": null, "spärrkontroll": "ej gjord"}]
        });
        let d = doc_of(serde_json::from_value(v2).unwrap()).unwrap();
        assert_eq!(
            d.sekretess,
            Some(Sekretess {
                lagrum: vec!["OSL 25 kap. 1 §".into()]
            })
        );
        assert_eq!(d.signaturer[0].giltig, Some(false));
        assert_eq!(d.signaturer[0].kedja, ["Test", "CA"]);
        assert_eq!(d.signaturer[0].sparrkontroll.as_deref(), Some("ej gjord"));

        let sneaky = serde_json::json!({
            "fil": "../utanfor.pdf", "sha256": "a".repeat(64), "storlek": 3,
            "dokumenttyp": "t", "rubrik": "R", "datum": "2024-01-02", "nämnd": "N",
            "arkiverad": "2024-01-02T10:00:00Z"
        });
        let err = doc_of(serde_json::from_value(sneaky).unwrap()).unwrap_err();
        assert!(err.contains("fältet \"fil\""), "{err}");
        assert_eq!(
            sekretess_of(Some(&Value::Bool(true)), None),
            Some(Sekretess { lagrum: vec![] })
        );
        assert_eq!(
            sekretess_of(None, Some(&Value::String("OSL 1 §".into()))),
            Some(Sekretess {
                lagrum: vec!["OSL 1 §".into()]
            })
        );
    }

    #[test]
    fn a_manifest_listing_a_file_twice_or_from_the_future_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let entry = serde_json::json!({
            "fil": "2024/X/a.pdf", "sha256": "a".repeat(64), "storlek": 3,
            "dokumenttyp": "t", "rubrik": "R", "datum": "2024-01-02", "nämnd": "N",
            "arkiverad": "2024-01-02T10:00:00Z"
        });
        let write = |version: u32, filer: Vec<Value>| {
            let m = serde_json::json!({"format": FORMAT, "version": version, "filer": filer});
            std::fs::write(dir.path().join(MANIFEST), m.to_string()).unwrap();
        };
        write(2, vec![entry.clone()]);
        assert_eq!(read_docs(dir.path()).unwrap().len(), 1);
        write(2, vec![entry.clone(), entry.clone()]);
        let err = read_docs(dir.path()).unwrap_err();
        assert!(err.0[0].contains("två gånger"), "{err:?}");
        write(3, vec![entry]);
        let err = read_docs(dir.path()).unwrap_err();
        assert!(err.0[0].contains("version 3"), "{err:?}");
    }
}
