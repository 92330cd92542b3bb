//! What a template sees: the typed document turned into template contexts, one per
//! output file, with metadata and the files each output may read.
//!
//! Kept apart from `render` so that templates stay simple: decisions such as "is this
//! an att-sats", "which sections and in what order", or "what goes in the PDF keywords"
//! are made here, in Rust, once for every template.

use minijinja::Value;
use serde::Serialize;
use serde_json::json;

use crate::model::{Datum, DocKind, Document, Loaded, Rapport, Tjansteskrivelse};
use crate::profile::{ListStyle, Profile, RecipientStyle};
use crate::typeset::FileSource;

/// One output file of a document: which template, with what, and where it goes.
pub struct OutputSpec {
    /// Added to the file name before `.pdf` (`""`, `-kallelse`, `-utdrag-§121`).
    pub suffix: String,
    pub context: Value,
    pub date: Datum,
    pub ident: String,
    pub files: Vec<(String, FileSource)>,
    /// Kind of document: its template, and what the archive manifest says it is.
    pub kind: DocKind,
    /// What the archive records about this output.
    pub record: Record,
    /// Bilagor to place into the placeholder pages after export (meeting packs).
    pub bilagor: Vec<super::pack::PackBilaga>,
}

/// An output's identity for the archive manifest.
#[derive(Debug, Clone, Serialize)]
pub struct Record {
    pub diarienummer: Option<String>,
    pub rubrik: String,
    pub namnd: String,
    /// The lagrum of what is secret in the document (joined with "; "), if anything.
    pub sekretess: Option<String>,
}

/// The profile as the Typst library wants it: ASCII keys, resolved colours and labels.
pub fn style(profile: &Profile) -> serde_json::Value {
    let org = &profile.organisation;
    json!({
        "org": {
            "name": org.namn,
            "address": org.adress,
            "phone": org.telefon,
            "web": org.webb,
            "orgnr": org.organisationsnummer,
            "logo_alt": org.logotyp_text.clone().unwrap_or_else(|| format!("{}s logotyp", org.namn)),
        },
        "fonts": {
            "body": profile.typsnitt.brodtext,
            "heading": profile.typsnitt.rubriker,
            "size": profile.typsnitt.storlek,
        },
        "colors": {
            "primary": profile.farger.primar,
            "accent": profile.farger.accent,
            "line": profile.farger.linje,
            "heading": profile.farger.primar,
            "muted": "#555555",
            "chart": profile.farger.diagram,
        },
        "labels": profile.etiketter,
        "list_style": match profile.beslutspunkter {
            ListStyle::Stycken => "stycken",
            ListStyle::Numrerade => "numrerade",
            ListStyle::AttSatser => "att-satser",
        },
        "recipient_style": match profile.mottagare_stil {
            RecipientStyle::Rad => "rad",
            RecipientStyle::Lista => "lista",
        },
        "logo": profile.logo_sokvag,
    })
}

/// Files every document of a profile may read: its logo.
pub fn profile_files(profile: &Profile) -> Vec<(String, FileSource)> {
    match (&profile.logo_sokvag, &profile.logo) {
        (Some(path), Some(bytes)) => {
            vec![(
                path.clone(),
                FileSource::Bytes(typst::foundations::Bytes::new(bytes.to_vec())),
            )]
        }
        _ => Vec::new(),
    }
}

/// A decision point as the templates place it: `att` set when the profile prints
/// att-satser and the point begins with "att ", the rest of the text in `text`.
#[derive(Serialize)]
pub struct Point {
    pub att: bool,
    pub text: String,
}

pub fn points(profile: &Profile, beslut: &[String]) -> Vec<Point> {
    beslut
        .iter()
        .map(|b| {
            let t = b.trim();
            match (profile.beslutspunkter, t.strip_prefix("att ")) {
                (ListStyle::AttSatser, Some(rest)) => Point {
                    att: true,
                    text: rest.trim_start().to_string(),
                },
                _ => Point {
                    att: false,
                    text: t.to_string(),
                },
            }
        })
        .collect()
}

/// PDF metadata for templates: title, author, subject, keywords and date parts.
pub fn meta(
    title: &str,
    author: &str,
    description: &str,
    keywords: Vec<String>,
    date: Datum,
    running: Option<String>,
) -> serde_json::Value {
    use chrono::Datelike;
    json!({
        "title": title,
        "author": author,
        "description": description,
        "keywords": keywords,
        "year": date.0.year(),
        "month": date.0.month(),
        "day": date.0.day(),
        "running": running,
    })
}

/// The page count of each bilaga, where it can be read.
pub fn bilaga_pages(t: &Tjansteskrivelse, sizes: &super::pack::PageSizes<'_>) -> Vec<Option<usize>> {
    t.bilagor.iter().map(|b| sizes(&b.path).map(|s| s.len())).collect()
}

/// Every output of a loaded document. `sizes` gives the page sizes of a bilaga (for
/// the placeholder pages of a meeting pack).
pub fn outputs(loaded: &Loaded, sizes: &super::pack::PageSizes<'_>) -> Vec<OutputSpec> {
    match &loaded.doc {
        Document::Tjanst(t) => vec![tjanst_output(t, &loaded.profile, sizes)],
        Document::Rapport(r) => vec![rapport_output(r, &loaded.profile)],
        Document::Sammantrade(m) => sammantrade_outputs(m, &loaded.profile, sizes),
    }
}

/// The stable identity of a tjänsteskrivelse in metadata: its keywords.
pub fn tjanst_keywords(t: &Tjansteskrivelse, profile: &Profile) -> Vec<String> {
    vec![
        t.diarienummer.clone(),
        format!("Diarienummer {}", t.diarienummer),
        "Tjänsteskrivelse".to_string(),
        t.namnd.clone(),
        profile.organisation.namn.clone(),
    ]
}

pub fn tjanst_output(
    t: &Tjansteskrivelse,
    profile: &Profile,
    sizes: &super::pack::PageSizes<'_>,
) -> OutputSpec {
    let label = profile.label("tjänsteskrivelse").to_string();
    let meta = meta(
        &t.rubrik,
        &t.handlaggare.namn,
        &format!("{label} till {}, dnr {}", t.namnd, t.diarienummer),
        tjanst_keywords(t, profile),
        t.datum,
        Some(format!(
            "{} {}",
            profile.label("diarienummer"),
            t.diarienummer
        )),
    );
    let context = minijinja::context! {
        style => Value::from_serialize(style(profile)),
        meta => Value::from_serialize(&meta),
        doc => Value::from_serialize(t),
        order => Value::from_serialize(&profile.ordning["tjänsteskrivelse"]),
        points => Value::from_serialize(points(profile, &t.forslag.beslut)),
        bilaga_sidor => Value::from_serialize(bilaga_pages(t, sizes)),
    };
    let files = profile_files(profile);
    OutputSpec {
        suffix: String::new(),
        context,
        date: t.datum,
        ident: format!("{} tjänsteskrivelse", t.diarienummer),
        files,
        kind: DocKind::Tjansteskrivelse,
        record: Record {
            diarienummer: Some(t.diarienummer.clone()),
            rubrik: t.rubrik.clone(),
            namnd: t.namnd.clone(),
            sekretess: t.sekretess.as_ref().map(|s| s.lagrum.clone()),
        },
        bilagor: Vec::new(),
    }
}

pub fn rapport_output(r: &Rapport, profile: &Profile) -> OutputSpec {
    let label = profile.label("rapport").to_string();
    let mut keywords = Vec::new();
    if let Some(d) = &r.diarienummer {
        keywords.push(d.clone());
        keywords.push(format!("Diarienummer {d}"));
    }
    keywords.extend([
        label.clone(),
        r.namnd.clone(),
        profile.organisation.namn.clone(),
    ]);
    let author = r
        .handlaggare
        .as_ref()
        .map(|h| h.namn.clone())
        .unwrap_or_else(|| profile.organisation.namn.clone());
    let description = match &r.diarienummer {
        Some(d) => format!("{label} till {}, dnr {d}", r.namnd),
        None => format!("{label} till {}", r.namnd),
    };
    let running = match &r.diarienummer {
        Some(d) => format!("{} · {} {d}", r.rubrik, profile.label("diarienummer")),
        None => r.rubrik.clone(),
    };
    let meta = meta(
        &r.rubrik,
        &author,
        &description,
        keywords,
        r.datum,
        Some(running),
    );
    let context = minijinja::context! {
        style => Value::from_serialize(style(profile)),
        meta => Value::from_serialize(&meta),
        doc => Value::from_serialize(r),
    };
    OutputSpec {
        suffix: String::new(),
        context,
        date: r.datum,
        ident: format!(
            "{} rapport {}",
            r.diarienummer.clone().unwrap_or_default(),
            r.rubrik
        ),
        files: profile_files(profile),
        kind: DocKind::Rapport,
        record: Record {
            diarienummer: r.diarienummer.clone(),
            rubrik: r.rubrik.clone(),
            namnd: r.namnd.clone(),
            sekretess: None,
        },
        bilagor: Vec::new(),
    }
}

/// The four kinds of meeting document, from one resolved meeting.
pub fn sammantrade_outputs(
    m: &crate::model::sammantrade::Sammantrade,
    profile: &Profile,
    sizes: &super::pack::PageSizes<'_>,
) -> Vec<OutputSpec> {
    use crate::model::sammantrade::Punkt;
    let date_words = m.datum.words();
    let files = profile_files(profile);
    let paragraphs = match (m.forsta_paragraf, m.sista_paragraf) {
        (Some(a), Some(b)) if a != b => format!("§§ {a}–{b}"),
        (Some(a), _) => format!("§ {a}"),
        _ => String::new(),
    };
    let keywords = |kind: &str| -> Vec<String> {
        let mut k = vec![
            kind.to_string(),
            m.namnd.clone(),
            format!("Sammanträde {}", m.datum.iso()),
        ];
        k.extend(m.punkter.iter().filter_map(|p| p.diarienummer.clone()));
        k.push(profile.organisation.namn.clone());
        k
    };
    let make = |kind: DocKind,
                suffix: String,
                title: String,
                punkt: Option<&Punkt>,
                mut kw: Vec<String>,
                pack: Option<super::pack::Pack>| {
        let secret = match (&pack, punkt) {
            (Some(pk), _) if !pk.secret.is_empty() => Some(pk.secret.join("; ")),
            (_, Some(p)) => p.sekretess.clone(),
            _ => None,
        };
        if let Some(s) = &secret {
            kw.push(format!("Sekretess: {s}"));
        }
        let (pack_items, bilagor) = match pack {
            Some(pk) => (pk.items, pk.bilagor),
            None => (serde_json::Value::Null, Vec::new()),
        };
        let part = kind.part();
        let running = format!("{} · {} {}", m.namnd, profile.label(part), m.datum.iso());
        let meta = meta(
            &title,
            &m.sekreterare.namn,
            &format!("{} för {} den {date_words}", profile.label(part), m.namnd),
            kw,
            m.datum,
            Some(running),
        );
        let context = minijinja::context! {
            style => Value::from_serialize(style(profile)),
            meta => Value::from_serialize(&meta),
            doc => Value::from_serialize(m),
            part => part,
            paragraphs => paragraphs.clone(),
            punkt => Value::from_serialize(punkt),
            pack => Value::from_serialize(&pack_items),
            ledamot => kind == DocKind::HandlingarLedamot,
            beslut_points => Value::from_serialize(m.punkter.iter().map(|p| points(profile, &p.beslut)).collect::<Vec<_>>()),
            forslag_points => Value::from_serialize(m.punkter.iter().map(|p| points(profile, &p.forslag)).collect::<Vec<_>>()),
            datum_ord => date_words.clone(),
        };
        OutputSpec {
            ident: format!("{} {} {suffix}", m.namnd, m.datum.iso()),
            suffix,
            context,
            date: m.datum,
            files: files.clone(),
            kind,
            record: Record {
                diarienummer: punkt.and_then(|p| p.diarienummer.clone()),
                rubrik: title,
                namnd: m.namnd.clone(),
                sekretess: secret,
            },
            bilagor,
        }
    };
    let mut out = Vec::new();
    let wants = |d: &str| m.dokument.iter().any(|x| x == d);
    if wants("kallelse") {
        out.push(make(
            DocKind::Kallelse,
            "-kallelse".into(),
            format!("Kallelse: {} {}", m.namnd, date_words),
            None,
            keywords("Kallelse"),
            None,
        ));
    }
    if wants("handlingar") {
        out.push(make(
            DocKind::Handlingar,
            "-handlingar".into(),
            format!("Handlingar: {} {}", m.namnd, date_words),
            None,
            keywords("Handlingar"),
            Some(super::pack::pack(m, profile, false, sizes)),
        ));
    }
    if wants("handlingar-ledamot") {
        out.push(make(
            DocKind::HandlingarLedamot,
            "-handlingar-ledamot".into(),
            format!("Handlingar för ledamöter: {} {}", m.namnd, date_words),
            None,
            keywords("Handlingar för ledamöter"),
            Some(super::pack::pack(m, profile, true, sizes)),
        ));
    }
    if wants("protokoll") && m.forsta_paragraf.is_some() && m.justering.is_some() {
        out.push(make(
            DocKind::Protokoll,
            "-protokoll".into(),
            format!("Protokoll: {} {}", m.namnd, date_words),
            None,
            keywords("Protokoll"),
            None,
        ));
    }
    if wants("utdrag") && m.justering.is_some() {
        for p in &m.punkter {
            if let (Some(n), false) = (p.paragraf, p.utdrag_till.is_empty()) {
                let mut kw = vec![
                    "Protokollsutdrag".to_string(),
                    m.namnd.clone(),
                    format!("§ {n}"),
                ];
                kw.extend(p.diarienummer.clone());
                out.push(make(
                    DocKind::Utdrag,
                    format!("-utdrag-{n}"),
                    format!("Protokollsutdrag § {n}: {}", p.rubrik),
                    Some(p),
                    kw,
                    None,
                ));
            }
        }
    }
    out
}
