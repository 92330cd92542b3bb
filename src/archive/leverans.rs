//! `kansli leverans`: a submission information package of the archive for an e-arkiv,
//! as E-ARK SIP 2.1 (on CSIP 2.1; Riksarkivet's FGS Paketstruktur 2.0 builds on both).
//!
//! ```text
//! <id>/                                   the package root, named by its OBJID
//!   METS.xml                              package METS (CSIP/SIP profile)
//!   metadata/descriptive/arende-….xml     one per ärende (kansli-arende-1, see the README)
//!   metadata/descriptive/sammantrade-….xml  documents without Dnr, per nämnd and date
//!   metadata/preservation/premis.xml      PREMIS 3: objects, events, agents
//!   representations/pdfa/METS.xml         representation METS
//!   representations/pdfa/data/<fil>       the archived PDFs under their archive paths
//!   schemas/                              mets.xsd, xlink.xsd, E-ARK extensions, kansli-arende-1.xsd
//!   documentation/om-leveransen.txt       what the package holds, in Swedish
//! ```
//!
//! The manifest is read tolerantly (version 1 and 2, unknown fields ignored), every
//! archived file is checked against it before anything is written, and the package is
//! deterministic: the same archive and options give the same bytes, with the package id
//! a UUIDv5 of the content and the creation time from `--skapad` or the newest
//! `arkiverad` in the selection. The package is written under a temporary name and
//! renamed into place, so a failed run leaves nothing behind.

mod arende;
mod manifest;
mod mets;
mod premis;
mod write;
mod xml;
mod zip;

pub use manifest::read_docs;
pub use write::{ReadLock, Written, lock_shared, write_dir, write_zip};

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset, NaiveDate, SecondsFormat};
use sha1::Digest as _;

use super::sha256_hex;

/// The representation folder: `representations/<REP>/`.
pub const REP: &str = "pdfa";
/// The name of the descriptive metadata format (METS `OTHERMDTYPE`, and the content
/// information type declared as `OTHER`).
pub const DESCRIPTIVE_TYPE: &str = "kansli-arende-1";
/// Its XML namespace.
pub const DESCRIPTIVE_NS: &str = "urn:kansli:arende:1";
/// The manifest versions this reader knows.
const MANIFEST_VERSIONS: [u32; 2] = [1, 2];
/// Namespace of the package ids (UUIDv5), fixed for kansli.
const ID_NAMESPACE: [u8; 16] = [
    0x0f, 0x82, 0x44, 0x5f, 0x38, 0xe7, 0x4f, 0x63, 0x94, 0xd3, 0xa8, 0xa0, 0x86, 0xcd, 0x50, 0x19,
];

/// The schemas shipped in `schemas/`: METS, XLink and the DILCIS extension schemas as
/// the `eark-validator` package (PyPI, 1.1.3) ships them, with its licence, and the
/// schema of kansli's descriptive metadata.
const SCHEMAS: &[(&str, &[u8])] = &[
    ("mets.xsd", include_bytes!("leverans/schemas/mets.xsd")),
    ("xlink.xsd", include_bytes!("leverans/schemas/xlink.xsd")),
    (
        "DILCISExtensionMETS.xsd",
        include_bytes!("leverans/schemas/DILCISExtensionMETS.xsd"),
    ),
    (
        "DILCISExtensionSIPMETS.xsd",
        include_bytes!("leverans/schemas/DILCISExtensionSIPMETS.xsd"),
    ),
    (
        "kansli-arende-1.xsd",
        include_bytes!("leverans/schemas/kansli-arende-1.xsd"),
    ),
    (
        "LICENS-eark-validator.txt",
        include_bytes!("leverans/schemas/LICENS-eark-validator.txt"),
    ),
];

/// What to put in the package.
#[derive(Debug, Default, Clone)]
pub struct Options {
    /// Only documents dated on or after this day.
    pub from: Option<NaiveDate>,
    /// Only documents dated on or before this day.
    pub to: Option<NaiveDate>,
    /// Only these diarienummer (exactly as in the manifest); empty: all.
    pub dnr: Vec<String>,
    /// The package's creation time; default the newest `arkiverad` in the selection.
    pub created: Option<DateTime<FixedOffset>>,
}

/// A secrecy marking of an archived document.
#[derive(Debug, Clone, PartialEq)]
pub struct Sekretess {
    pub lagrum: Vec<String>,
}

/// One signature (or the single `signatur` of a version-1 entry).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Sig {
    pub undertecknare: Option<String>,
    pub utfardare: Option<String>,
    /// Signing time: `signeringstid` (version 2) or `tidpunkt` (version 1).
    pub tid: Option<String>,
    pub tidsstampel: Option<String>,
    pub dokumenttidsstampel: Option<String>,
    /// Only when the manifest records a validation (version 2).
    pub giltig: Option<bool>,
    pub betrodd: Option<bool>,
    pub kedja: Vec<String>,
    pub sparrkontroll: Option<String>,
}

/// One archived file, as the package sees its manifest entry.
#[derive(Debug, Clone)]
pub struct Doc {
    pub fil: String,
    pub sha256: String,
    pub storlek: u64,
    pub dokumenttyp: String,
    pub diarienummer: Option<String>,
    pub rubrik: String,
    pub datum: NaiveDate,
    pub namnd: String,
    pub pdf_standard: Vec<String>,
    pub kalla: Option<String>,
    pub kalla_sha256: Option<String>,
    pub kansli_version: Option<String>,
    pub arkiverad: DateTime<FixedOffset>,
    pub original: Option<String>,
    pub sekretess: Option<Sekretess>,
    pub signaturer: Vec<Sig>,
}

impl Doc {
    /// Its path in the package.
    pub fn href(&self) -> String {
        format!("representations/{REP}/data/{}", self.fil)
    }

    /// The PDF/A part and conformance it claims (from `pdf_standard`), e.g. ("2", "a").
    pub fn pdfa(&self) -> Option<(String, String)> {
        self.pdf_standard.iter().find_map(|s| {
            let rest = s.strip_prefix("PDF/A-")?;
            let part: String = rest.chars().take_while(char::is_ascii_digit).collect();
            let level = rest[part.len()..].to_ascii_lowercase();
            (!part.is_empty()).then_some((part, level))
        })
    }
}

/// A group of documents described by one descriptive metadata file.
#[derive(Debug, Clone)]
pub struct Group {
    pub kind: GroupKind,
    /// `metadata/descriptive/….xml`.
    pub href: String,
    /// Indices into the selected documents, in archive-path order.
    pub docs: Vec<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum GroupKind {
    Arende { dnr: String },
    Sammantrade { namnd: String, datum: NaiveDate },
}

/// A file of the package and where its bytes come from.
pub struct PackageFile {
    /// Path in the package, `/`-separated, relative to the package root.
    pub path: String,
    pub content: Content,
}

pub enum Content {
    Bytes(Vec<u8>),
    /// An archived PDF, copied when the package is written and checked again then.
    Archived {
        source: PathBuf,
        sha256: String,
        size: u64,
    },
}

/// A planned package: its id, time and every file.
pub struct Package {
    pub id: String,
    pub created: String,
    pub files: Vec<PackageFile>,
    pub documents: usize,
    pub arenden: usize,
    pub sammantraden: usize,
}

/// Why no package was made: one message per problem, in Swedish.
#[derive(Debug)]
pub struct LevError(pub Vec<String>);

impl LevError {
    fn one(msg: impl Into<String>) -> Self {
        LevError(vec![msg.into()])
    }
}

/// The documents the options select, in archive-path order.
pub fn select(docs: Vec<Doc>, opts: &Options) -> Result<Vec<Doc>, LevError> {
    let chosen: Vec<Doc> = docs
        .into_iter()
        .filter(|d| opts.from.is_none_or(|f| d.datum >= f))
        .filter(|d| opts.to.is_none_or(|t| d.datum <= t))
        .filter(|d| {
            opts.dnr.is_empty()
                || d.diarienummer
                    .as_deref()
                    .is_some_and(|n| opts.dnr.iter().any(|w| w.trim() == n))
        })
        .collect();
    let mut errors = Vec::new();
    for want in &opts.dnr {
        if !chosen
            .iter()
            .any(|d| d.diarienummer.as_deref() == Some(want.trim()))
        {
            errors.push(format!(
                "inga arkiverade handlingar har diarienummer \"{want}\"{}",
                if opts.from.is_some() || opts.to.is_some() {
                    " inom --från/--till"
                } else {
                    ""
                }
            ));
        }
    }
    if errors.is_empty() && chosen.is_empty() {
        errors.push("urvalet är tomt: inga arkiverade handlingar att leverera".to_string());
    }
    if errors.is_empty() {
        Ok(chosen)
    } else {
        Err(LevError(errors))
    }
}

/// Checks every selected file in the archive against the manifest (size and SHA-256).
pub fn check_files(dir: &Path, docs: &[Doc]) -> Result<(), LevError> {
    let mut errors = Vec::new();
    for d in docs {
        match std::fs::read(dir.join(&d.fil)) {
            Err(e) => errors.push(format!(
                "{}: kan inte läsas i arkivet ({}); kör `kansli verify`",
                d.fil,
                crate::diag::io_sv(&e)
            )),
            Ok(bytes) => {
                let sha = sha256_hex(&bytes);
                if sha != d.sha256 || bytes.len() as u64 != d.storlek {
                    errors.push(format!(
                        "{}: stämmer inte med manifestet (SHA-256 {}, manifestet säger {}); inget paket görs av ett arkiv med ändrade filer — kör `kansli verify`",
                        d.fil, sha, d.sha256
                    ));
                }
            }
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(LevError(errors))
    }
}

/// Groups the documents: one group per diarienummer, and documents without one per
/// nämnd and date (a meeting's kallelse, handlingar and protokoll).
pub fn group(docs: &[Doc]) -> Vec<Group> {
    // One meeting's documents come from one source file, but not all carry the
    // meeting's date (the anslag is dated the day it is posted): a meeting is its
    // source file, dated by its earliest document.
    let mut meeting_day: BTreeMap<(&str, Option<&str>), NaiveDate> = BTreeMap::new();
    for d in docs
        .iter()
        .filter(|d| d.diarienummer.is_none() && d.kalla.is_some())
    {
        let day = meeting_day
            .entry((d.namnd.as_str(), d.kalla.as_deref()))
            .or_insert(d.datum);
        *day = (*day).min(d.datum);
    }
    let mut by: BTreeMap<GroupKind, Vec<usize>> = BTreeMap::new();
    for (i, d) in docs.iter().enumerate() {
        let key = match &d.diarienummer {
            Some(dnr) => GroupKind::Arende { dnr: dnr.clone() },
            None => GroupKind::Sammantrade {
                namnd: d.namnd.clone(),
                datum: meeting_day
                    .get(&(d.namnd.as_str(), d.kalla.as_deref()))
                    .copied()
                    .unwrap_or(d.datum),
            },
        };
        by.entry(key).or_default().push(i);
    }
    let mut taken = std::collections::BTreeSet::new();
    by.into_iter()
        .map(|(kind, docs)| {
            let stem = match &kind {
                GroupKind::Arende { dnr } => format!("arende-{}", slug(dnr)),
                GroupKind::Sammantrade { namnd, datum } => {
                    format!("sammantrade-{}-{datum}", slug(namnd))
                }
            };
            let mut name = stem.clone();
            let mut n = 2;
            while !taken.insert(name.clone()) {
                name = format!("{stem}-{n}");
                n += 1;
            }
            Group {
                kind,
                href: format!("metadata/descriptive/{name}.xml"),
                docs,
            }
        })
        .collect()
}

/// A file-name part from a diarienummer or a nämnd: ASCII letters and digits, Swedish
/// letters without their marks, anything else `-`.
fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars().flat_map(char::to_lowercase) {
        let c = match c {
            'å' | 'ä' | 'á' | 'à' | 'â' => 'a',
            'ö' | 'ó' | 'ò' | 'ô' | 'ø' => 'o',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'ü' | 'ú' | 'ù' => 'u',
            'í' | 'ì' | 'ï' => 'i',
            c if c.is_ascii_alphanumeric() => c,
            _ => '-',
        };
        if !(c == '-' && out.ends_with('-')) {
            out.push(c);
        }
    }
    let out = out.trim_matches('-').to_string();
    if out.is_empty() { "x".into() } else { out }
}

/// A UUID, version 5 (RFC 9562): SHA-1 of the namespace and the name.
fn uuid5(namespace: &[u8; 16], name: &[u8]) -> String {
    let mut h = sha1::Sha1::new();
    h.update(namespace);
    h.update(name);
    let d = h.finalize();
    let mut b = [0u8; 16];
    b.copy_from_slice(&d[..16]);
    b[6] = (b[6] & 0x0f) | 0x50;
    b[8] = (b[8] & 0x3f) | 0x80;
    let hex: String = b.iter().map(|x| format!("{x:02x}")).collect();
    format!(
        "{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}

/// An RFC 3339 / xsd:dateTime text of a time, `Z` for UTC.
pub fn xsd_time(t: &DateTime<FixedOffset>) -> String {
    t.to_rfc3339_opts(SecondsFormat::AutoSi, true)
}

/// Plans the package for the archive at `dir`: reads and checks, builds the metadata.
pub fn plan(dir: &Path, opts: &Options) -> Result<Package, LevError> {
    let docs = select(read_docs(dir)?, opts)?;
    check_files(dir, &docs)?;
    let created_at = opts.created.unwrap_or_else(|| {
        docs.iter()
            .map(|d| d.arkiverad)
            .max_by_key(|t| t.timestamp_nanos_opt().unwrap_or(i64::MAX))
            .expect("a non-empty selection")
    });
    let created = xsd_time(&created_at);
    let groups = group(&docs);
    let version = crate::VERSION;

    // Everything but the two METS files, which carry the id.
    let mut meta: Vec<(String, Vec<u8>)> = Vec::new();
    for g in &groups {
        meta.push((g.href.clone(), arende::descriptive(g, &docs)));
    }
    meta.push((
        "metadata/preservation/premis.xml".into(),
        premis::premis(&docs, &created, version),
    ));
    let schemas: Vec<(String, Vec<u8>)> = SCHEMAS
        .iter()
        .map(|(name, bytes)| (format!("schemas/{name}"), bytes.to_vec()))
        .collect();
    let documentation = vec![(
        "documentation/om-leveransen.txt".to_string(),
        documentation(&docs, &groups, &created, version).into_bytes(),
    )];
    let rep_meta = vec![(
        format!("representations/{REP}/metadata/preservation/premis.xml"),
        premis::representation(&docs),
    )];

    // The id: a UUIDv5 of the creation time and every file's path and SHA-256.
    let mut name = format!("kansli-leverans/1\n{created}\n");
    let mut listed: Vec<(String, String)> = meta
        .iter()
        .chain(&schemas)
        .chain(&documentation)
        .chain(&rep_meta)
        .map(|(p, b)| (p.clone(), sha256_hex(b)))
        .chain(docs.iter().map(|d| (d.href(), d.sha256.clone())))
        .collect();
    listed.sort();
    for (p, sha) in &listed {
        name.push_str(p);
        name.push('\t');
        name.push_str(sha);
        name.push('\n');
    }
    let id = uuid5(&ID_NAMESPACE, name.as_bytes());

    let rep_premis = &rep_meta[0].1;
    let rep_premis_ref = mets::Ref {
        href: "metadata/preservation/premis.xml".into(),
        size: rep_premis.len() as u64,
        sha256: sha256_hex(rep_premis),
        created: created.clone(),
        mime: "text/xml",
    };
    let rep_mets = mets::representation(&docs, &rep_premis_ref, &created, version);
    let refs = |files: &[(String, Vec<u8>)], mime: &'static str| -> Vec<mets::Ref> {
        files
            .iter()
            .map(|(p, b)| mets::Ref {
                href: p.clone(),
                size: b.len() as u64,
                sha256: sha256_hex(b),
                created: created.clone(),
                mime: mime_of(p).unwrap_or(mime),
            })
            .collect()
    };
    let label = label(&docs, &groups);
    let root = mets::Root {
        id: &id,
        label: &label,
        created: &created,
        version,
        descriptive: groups
            .iter()
            .zip(refs(&meta[..groups.len()], "text/xml"))
            .map(|(g, r)| (arende::label(g, &docs), r))
            .collect(),
        preservation: refs(&meta[groups.len()..], "text/xml"),
        documentation: refs(&documentation, "text/plain"),
        schemas: refs(&schemas, "text/xml"),
        representation: mets::Ref {
            href: format!("representations/{REP}/METS.xml"),
            size: rep_mets.len() as u64,
            sha256: sha256_hex(&rep_mets),
            created: created.clone(),
            mime: "text/xml",
        },
    };
    let root_mets = mets::root(&root);

    let mut files = vec![PackageFile {
        path: "METS.xml".into(),
        content: Content::Bytes(root_mets),
    }];
    for (path, bytes) in meta {
        files.push(PackageFile {
            path,
            content: Content::Bytes(bytes),
        });
    }
    files.push(PackageFile {
        path: format!("representations/{REP}/METS.xml"),
        content: Content::Bytes(rep_mets),
    });
    for (path, bytes) in rep_meta {
        files.push(PackageFile {
            path,
            content: Content::Bytes(bytes),
        });
    }
    for d in &docs {
        files.push(PackageFile {
            path: d.href(),
            content: Content::Archived {
                source: dir.join(&d.fil),
                sha256: d.sha256.clone(),
                size: d.storlek,
            },
        });
    }
    for (path, bytes) in schemas.into_iter().chain(documentation) {
        files.push(PackageFile {
            path,
            content: Content::Bytes(bytes),
        });
    }
    let arenden = groups
        .iter()
        .filter(|g| matches!(g.kind, GroupKind::Arende { .. }))
        .count();
    Ok(Package {
        id,
        created,
        documents: docs.len(),
        arenden,
        sammantraden: groups.len() - arenden,
        files,
    })
}

fn mime_of(path: &str) -> Option<&'static str> {
    if path.ends_with(".txt") {
        Some("text/plain")
    } else if path.ends_with(".xml") || path.ends_with(".xsd") {
        Some("text/xml")
    } else {
        None
    }
}

/// The package's label: what it holds, in Swedish.
fn label(docs: &[Doc], groups: &[Group]) -> String {
    let arenden = groups
        .iter()
        .filter(|g| matches!(g.kind, GroupKind::Arende { .. }))
        .count();
    let moten = groups.len() - arenden;
    let first = docs.iter().map(|d| d.datum).min().expect("non-empty");
    let last = docs.iter().map(|d| d.datum).max().expect("non-empty");
    format!(
        "Leverans från kansli: {}, {}, {}; {first} – {last}",
        count(docs.len(), "handling", "handlingar"),
        count(arenden, "ärende", "ärenden"),
        count(moten, "sammanträde", "sammanträden"),
    )
}

/// "1 ärende", "2 ärenden".
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn documentation(docs: &[Doc], groups: &[Group], created: &str, version: &str) -> String {
    let signed = docs.iter().filter(|d| d.original.is_some()).count();
    DOCUMENTATION
        .replace("{version}", version)
        .replace("{created}", created)
        .replace("{label}", &label(docs, groups))
        .replace("{signed}", &signed.to_string())
        .replace("{rep}", REP)
        .replace("{ns}", DESCRIPTIVE_NS)
}

/// `documentation/om-leveransen.txt`: what the package holds, for whoever opens it.
const DOCUMENTATION: &str = "Leverans från kansli {version}
Skapad: {created}
{label}
Varav signerade versioner: {signed}

Paketet är ett E-ARK SIP (CSIP 2.1 och SIP 2.1, som FGS Paketstruktur 2.0 bygger på).

METS.xml                                paketets METS
metadata/descriptive/arende-*.xml       ett ärende (diarienummer) med dess handlingar
metadata/descriptive/sammantrade-*.xml  handlingar utan diarienummer, per nämnd och datum
metadata/preservation/premis.xml        PREMIS 3: filerna med SHA-256 och format, och
                                        händelserna: skapad av kansli, arkiverad,
                                        signerad, signaturen prövad (med utfall)
representations/{rep}/METS.xml           representationens METS
representations/{rep}/data/              PDF-filerna under arkivets sökvägar:
                                        <år>/<diarienummer>/… och <år>/sammantraden/…;
                                        en signerad version ligger bredvid sitt original
                                        som …-signerad.pdf
schemas/                                mets.xsd, xlink.xsd och E-ARK:s tilläggsscheman
                                        ur eark-validator 1.1.3 (licens i
                                        LICENS-eark-validator.txt; mets.xsd är CC0),
                                        och kansli-arende-1.xsd

Den beskrivande metadatan följer schemat kansli-arende-1 (namnrymd {ns}),
med elementnamn från FGS Ärendehantering där de passar; fält för fält beskrivs den i
kanslis README, avsnittet \"Leverans till e-arkiv\".
PREMIS-schemat: http://www.loc.gov/standards/premis/v3/premis.xsd
";

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(fil: &str, dnr: Option<&str>, datum: &str) -> Doc {
        Doc {
            fil: fil.into(),
            sha256: "0".repeat(64),
            storlek: 1,
            dokumenttyp: "tjänsteskrivelse".into(),
            diarienummer: dnr.map(Into::into),
            rubrik: "R".into(),
            datum: NaiveDate::parse_from_str(datum, "%Y-%m-%d").unwrap(),
            namnd: "Hälso- och sjukvårdsnämnden".into(),
            pdf_standard: vec!["PDF/A-2a".into(), "PDF/UA-1".into()],
            kalla: None,
            kalla_sha256: None,
            kansli_version: None,
            arkiverad: DateTime::parse_from_rfc3339("2024-12-18T09:00:00+01:00").unwrap(),
            original: None,
            sekretess: None,
            signaturer: Vec::new(),
        }
    }

    #[test]
    fn uuid5_matches_rfc_example() {
        // uuid.uuid5(uuid.NAMESPACE_DNS, "python.org")
        let dns = [
            0x6b, 0xa7, 0xb8, 0x10, 0x9d, 0xad, 0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4,
            0x30, 0xc8,
        ];
        assert_eq!(
            uuid5(&dns, b"python.org"),
            "886313e1-3b8a-5372-9b90-0c9aee199e5d"
        );
    }

    #[test]
    fn slugs_and_unique_group_files() {
        assert_eq!(slug("HSN/1798/2023"), "hsn-1798-2023");
        assert_eq!(
            slug("Hälso- och sjukvårdsnämnden"),
            "halso-och-sjukvardsnamnden"
        );
        assert_eq!(slug("//"), "x");
        let docs = vec![
            doc("2023/a/x.pdf", Some("HSN/1/2023"), "2023-01-01"),
            doc("2023/b/y.pdf", Some("HSN-1-2023"), "2023-01-01"),
            doc("2024/s/k.pdf", None, "2024-12-18"),
            doc("2024/s/p.pdf", None, "2024-12-18"),
        ];
        let g = group(&docs);
        let hrefs: Vec<&str> = g.iter().map(|g| g.href.as_str()).collect();
        assert_eq!(
            hrefs,
            [
                "metadata/descriptive/arende-hsn-1-2023.xml",
                "metadata/descriptive/arende-hsn-1-2023-2.xml",
                "metadata/descriptive/sammantrade-halso-och-sjukvardsnamnden-2024-12-18.xml",
            ]
        );
        assert_eq!(g[2].docs, vec![2, 3]);
    }

    #[test]
    fn selection_by_date_and_dnr() {
        let docs = vec![
            doc("2023/a/x.pdf", Some("HSN/1/2023"), "2023-01-01"),
            doc("2024/b/y.pdf", Some("HSN/2/2024"), "2024-02-01"),
            doc("2024/s/p.pdf", None, "2024-12-18"),
        ];
        let opts = Options {
            from: NaiveDate::from_ymd_opt(2024, 1, 1),
            ..Options::default()
        };
        assert_eq!(select(docs.clone(), &opts).unwrap().len(), 2);
        let opts = Options {
            dnr: vec!["HSN/1/2023".into()],
            ..Options::default()
        };
        assert_eq!(select(docs.clone(), &opts).unwrap()[0].fil, "2023/a/x.pdf");
        let opts = Options {
            dnr: vec!["HSN/9/2023".into()],
            ..Options::default()
        };
        let err = select(docs, &opts).unwrap_err();
        assert!(err.0[0].contains("HSN/9/2023"), "{err:?}");
    }

    #[test]
    fn pdfa_part_and_level() {
        let d = doc("a.pdf", None, "2024-01-01");
        assert_eq!(d.pdfa(), Some(("2".into(), "a".into())));
    }
}
