//! What a template sees: the typed document turned into template contexts, one per
//! output file, with metadata and the files each output may read.
//!
//! Kept apart from `render` so that templates stay simple: decisions such as "is this
//! an att-sats", "which sections and in what order", or "what goes in the PDF keywords"
//! are made here, in Rust, once for every template.

use minijinja::Value;

pub use super::points::{
    Point, bilaga_pages, forslag_numbered, numbered_by_reference, points, tjanst_numbered,
};
use serde::Serialize;
use serde_json::json;

use crate::model::{Datum, DocKind, Document, Loaded, Rapport, Tjansteskrivelse};
use crate::profile::{ListStyle, Profile, RecipientStyle};
use crate::typeset::FileSource;

/// One output file of a document: which template, with what, and where it goes.
pub struct OutputSpec {
    /// Added to the file name before `.pdf` (`""`, `-kallelse`, `-utdrag-121`).
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
    /// A static HTML twin written beside the PDF (the anslag for the digital
    /// anslagstavla).
    pub html: Option<String>,
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
        // What is never broken at a line end (dates, numbers with units, ranges), for
        // the text templates place as strings.
        "kept": crate::render::markup::kept_together_pattern(),
        // The same with the names of places' institutions and companies, for names.
        "kept_names": crate::render::markup::kept_names_pattern(),
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
/// A secret one names its lagrum, as the archive's manifest does (review 33).
pub fn tjanst_keywords(t: &Tjansteskrivelse, profile: &Profile) -> Vec<String> {
    let mut kw = vec![
        t.diarienummer.clone(),
        format!("Diarienummer {}", t.diarienummer),
        "Tjänsteskrivelse".to_string(),
        t.namnd.clone(),
        profile.organisation.namn.clone(),
    ];
    if let Some(s) = &t.sekretess {
        kw.push(format!("Sekretess: {}", s.lagrum));
    }
    kw
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
        Some(tjanst_running(&t.diarienummer, profile)),
    );
    let context = minijinja::context! {
        style => Value::from_serialize(style(profile)),
        meta => Value::from_serialize(&meta),
        doc => Value::from_serialize(t),
        order => Value::from_serialize(&profile.ordning["tjänsteskrivelse"]),
        points => Value::from_serialize(points(profile, &t.forslag.beslut)),
        numbered => tjanst_numbered(t),
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
        html: None,
    }
}

/// A tjänsteskrivelse's running header text after the organisation: "Dnr RS/12/2026"
/// (also on its pages in the meeting pack).
pub fn tjanst_running(diarienummer: &str, profile: &Profile) -> String {
    format!("{} {diarienummer}", profile.label("diarienummer"))
}

/// A rapport's running header text: its rubrik, and its Dnr when it has one.
pub fn rapport_running(r: &Rapport, profile: &Profile) -> String {
    // (Quotes as in the title: `escape_title`.)
    let rubrik = crate::render::markup::swedish_quotes(&r.rubrik);
    match &r.diarienummer {
        Some(d) => format!("{rubrik} · {}", tjanst_running(d, profile)),
        None => rubrik.into_owned(),
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
    let meta = meta(
        &r.rubrik,
        &author,
        &description,
        keywords,
        r.datum,
        Some(rapport_running(r, profile)),
    );
    let mut doc = serde_json::to_value(r).expect("a rapport serialises");
    arrange_sections(&mut doc);
    let context = minijinja::context! {
        style => Value::from_serialize(style(profile)),
        meta => Value::from_serialize(&meta),
        doc => Value::from_serialize(&doc),
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
        html: None,
    }
}

/// The meeting's documents, from one resolved meeting: kallelse, handlingar, and —
/// when nothing the protokoll records is wrong — protokoll, utdrag and anslag.
pub fn sammantrade_outputs(
    m: &crate::model::sammantrade::Sammantrade,
    profile: &Profile,
    sizes: &super::pack::PageSizes<'_>,
) -> Vec<OutputSpec> {
    use crate::model::narvaro::format_paragrafer;
    use crate::model::sammantrade::{AnslagDatum, Punkt};
    let date_words = m.datum.words();
    let files = profile_files(profile);
    let paragraphs = match (m.forsta_paragraf, m.sista_paragraf) {
        (Some(a), Some(b)) if a != b => format!("§§ {a}–{b}"),
        (Some(a), _) => format!("§ {a}"),
        _ => String::new(),
    };
    // The paragraphs justerade omedelbart, named on the protokoll's first page (not
    // when the protokoll itself is justerat on the meeting day: every paragraph was).
    let at_once = m.justering.as_ref().is_some_and(|j| j.datum == m.datum);
    let omedelbara: std::collections::BTreeSet<u32> = m
        .punkter
        .iter()
        .filter(|p| p.omedelbar_justering)
        .filter_map(|p| p.paragraf)
        .collect();
    let omedelbara = if omedelbara.is_empty() || at_once {
        String::new()
    } else {
        format_paragrafer(&omedelbara)
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
    // Skriftliga reservationer, attached at the end of the protokoll (and of the
    // paragraph's utdrag), numbered in order.
    // A reservation given as a PDF is placed page by page after export, like a
    // bilaga in the pack (see `pack`).
    let reservation_pages = |only: Option<usize>| -> (Vec<serde_json::Value>, super::pack::Pack) {
        let mut placed = Vec::new();
        let list = m
            .punkter
            .iter()
            .filter(|p| only.is_none_or(|n| p.nummer == n))
            .flat_map(|p| p.reservationer.iter().filter(|r| r.nummer.is_some()))
            .enumerate()
            .map(|(i, r)| {
                // The protokoll's number, in an utdrag too: "Rätt utdraget intygar"
                // attests the protokoll's words, and an utdrag that renumbered its
                // bilagor from 1 said "(bilaga 1)" where the protokoll said "(bilaga
                // 2)" (review 60's 13; review 10 had asked for the renumbering).
                let nummer = r.nummer.unwrap_or(i + 1);
                let title = format!(
                    "Bilaga {nummer}. {}",
                    r.rubrik.as_deref().unwrap_or("Reservation")
                );
                let (key, pages) = match &r.bilaga {
                    Some(b) => {
                        let key = placed.len();
                        placed.push(super::pack::PackBilaga {
                            key,
                            path: b.path.clone(),
                            label: title.clone(),
                            source: b.source.clone(),
                            pos: b.pos,
                            field: "reservationer.fil".into(),
                        });
                        let pages: Vec<serde_json::Value> = sizes(&b.path)
                            .unwrap_or_default()
                            .into_iter()
                            .map(|(w, h)| json!({ "flipped": w > h * 1.05 }))
                            .collect();
                        (Some(key), pages)
                    }
                    None => (None, Vec::new()),
                };
                json!({
                    "nummer": nummer,
                    "rubrik": r.rubrik,
                    "title": title,
                    "text": r.skriftlig,
                    "fil": r.bilaga.as_ref().map(|b| b.fil.clone()),
                    "key": key,
                    "pages": pages,
                })
            })
            .collect();
        let pack = super::pack::Pack {
            items: serde_json::Value::Null,
            bilagor: placed,
            secret: Vec::new(),
        };
        (list, pack)
    };
    let anslag_view = |a: &AnslagDatum, paragrafer: &str, omedelbar: bool| {
        use crate::model::kalender::veckodag;
        let day = |d: Datum| json!({ "iso": d.iso(), "ord": d.words(), "veckodag": veckodag(d.0) });
        json!({
            "paragrafer": paragrafer,
            "omedelbar": omedelbar,
            "overklagbart": crate::render::anslag::appealable(paragrafer, omedelbar),
            "justerat": day(a.justerat),
            "uppsatt": day(a.uppsatt),
            "sista_dag": day(a.sista_dag_overklagande),
            "nedtagning": day(a.tidigast_nedtagning),
        })
    };
    let anslag_html = |a: &AnslagDatum, paragrafer: &str, omedelbar: bool| {
        super::anslag::html(&super::anslag::Anslag {
            organisation: profile.organisation.namn.clone(),
            organ: m.namnd.clone(),
            sammantradesdatum: m.datum.0,
            paragrafer: paragrafer.to_string(),
            justeringsdatum: a.justerat.0,
            uppsatt: a.uppsatt.0,
            sista_dag_overklagande: a.sista_dag_overklagande.0,
            tidigast_nedtagning: a.tidigast_nedtagning.0,
            forvaringsplats: m.forvaringsplats.clone(),
            omedelbart_justerad: omedelbar,
            sekreterare: Some(m.sekreterare.namn.clone()),
            extra: m.extra_sammantrade,
            farg: profile.farger.primar.clone(),
        })
    };
    let make = |kind: DocKind,
                suffix: String,
                title: String,
                punkt: Option<&Punkt>,
                mut kw: Vec<String>,
                pack: Option<super::pack::Pack>,
                extra: serde_json::Value| {
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
        // The kallelse and the packs sent with it are dated as their letterhead is, the
        // day they are sent (review 23: the pack said 17 March, its letterhead 3 March).
        let dated = match kind {
            DocKind::Kallelse | DocKind::Handlingar | DocKind::HandlingarLedamot => {
                m.kallelse_datum.unwrap_or(m.datum)
            }
            _ => m.datum,
        };
        let meta = meta(
            &title,
            &m.sekreterare.namn,
            &format!("{} för {} den {date_words}", profile.label(part), m.namnd),
            kw,
            dated,
            Some(running),
        );
        let context = minijinja::context! {
            style => Value::from_serialize(style(profile)),
            meta => Value::from_serialize(&meta),
            doc => Value::from_serialize(m),
            part => part,
            paragraphs => paragraphs.clone(),
            omedelbara => omedelbara.clone(),
            punkt => Value::from_serialize(punkt),
            pack => Value::from_serialize(&pack_items),
            ledamot => kind == DocKind::HandlingarLedamot,
            beslut_points => Value::from_serialize(m.punkter.iter().map(|p| points(profile, &p.beslut)).collect::<Vec<_>>()),
            beslut_numbered => Value::from_serialize(m.punkter.iter().map(numbered_by_reference).collect::<Vec<_>>()),
            forslag_points => Value::from_serialize(m.punkter.iter().map(|p| points(profile, &p.forslag)).collect::<Vec<_>>()),
            forslag_numbered => Value::from_serialize(m.punkter.iter().map(forslag_numbered).collect::<Vec<_>>()),
            datum_ord => date_words.clone(),
            extra => Value::from_serialize(&extra),
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
            html: None,
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
            serde_json::Value::Null,
        ));
    }
    // (Not where an ärende's bilaga cannot be found: `Sammantrade::handlingsfel`.)
    let packs = m.handlingsfel.is_empty();
    if packs && wants("handlingar") {
        out.push(make(
            DocKind::Handlingar,
            "-handlingar".into(),
            format!("Handlingar: {} {}", m.namnd, date_words),
            None,
            keywords("Handlingar"),
            Some(super::pack::pack(m, profile, false, sizes)),
            serde_json::Value::Null,
        ));
    }
    if packs && wants("handlingar-ledamot") {
        out.push(make(
            DocKind::HandlingarLedamot,
            "-handlingar-ledamot".into(),
            format!("Handlingar för ledamöter: {} {}", m.namnd, date_words),
            None,
            keywords("Handlingar för ledamöter"),
            Some(super::pack::pack(m, profile, true, sizes)),
            serde_json::Value::Null,
        ));
    }
    if !m.protokoll_ok() {
        return out;
    }
    let (Some(justering), Some(anslag)) = (&m.justering, &m.anslag) else {
        return out;
    };
    if wants("protokoll") {
        let (reservationer, placed) = reservation_pages(None);
        out.push(make(
            DocKind::Protokoll,
            "-protokoll".into(),
            format!("Protokoll: {} {}", m.namnd, date_words),
            None,
            keywords("Protokoll"),
            Some(placed),
            json!({ "reservationer": reservationer }),
        ));
    }
    if wants("utdrag") {
        for p in m.punkter.iter().filter(|p| p.utdrag) {
            let Some(n) = p.paragraf else { continue };
            let mut kw = vec![
                "Protokollsutdrag".to_string(),
                m.namnd.clone(),
                format!("§ {n}"),
            ];
            kw.extend(p.diarienummer.clone());
            let justerat = if p.omedelbar_justering {
                m.datum
            } else {
                justering.datum
            };
            let (reservationer, placed) = reservation_pages(Some(p.nummer));
            out.push(make(
                DocKind::Utdrag,
                format!("-utdrag-{n}"),
                format!("Protokollsutdrag § {n}: {}", p.rubrik),
                Some(p),
                kw,
                Some(placed),
                json!({
                    "justerat": justerat.words(),
                    "omedelbar": p.omedelbar_justering,
                    "reservationer": reservationer,
                }),
            ));
        }
    }
    if wants("anslag") {
        let mut kw = vec!["Anslag".to_string(), "Tillkännagivande".to_string()];
        kw.extend(keywords("Protokoll"));
        // The protokoll's anslag names the paragraphs justerade with it; one justerad
        // omedelbart has been announced on the meeting day, with its own appeal time
        // (named again, it was given a second, later last day). When every paragraph
        // was justerad omedelbart, their own anslag are all there is. When the
        // protokoll itself is justerat on the meeting day, every paragraph was
        // justerad that day: one anslag names them all (two, with two last days for
        // appeal, for one protokoll justerat at once confused: review 19).
        let own_anslag = |p: &Punkt| p.omedelbar_justering && !at_once;
        let rest: std::collections::BTreeSet<u32> = m
            .punkter
            .iter()
            .filter(|p| !own_anslag(p))
            .filter_map(|p| p.paragraf)
            .collect();
        if !rest.is_empty() {
            let paragrafer = format_paragrafer(&rest);
            let mut spec = make(
                DocKind::Anslag,
                "-anslag".into(),
                format!("Anslag: {} {}", m.namnd, date_words),
                None,
                kw.clone(),
                None,
                anslag_view(anslag, &paragrafer, false),
            );
            spec.date = anslag.uppsatt;
            spec.html = Some(anslag_html(anslag, &paragrafer, false));
            out.push(spec);
        }
        // An omedelbart justerad paragraph is announced on the meeting day.
        for p in m.punkter.iter().filter(|p| own_anslag(p)) {
            let Some(n) = p.paragraf else { continue };
            let a = AnslagDatum::from(m.datum, m.datum);
            let paragrafer = format_paragrafer(&[n].into_iter().collect());
            let mut spec = make(
                DocKind::Anslag,
                format!("-anslag-{n}"),
                format!("Anslag § {n}: {} {}", m.namnd, date_words),
                Some(p),
                kw.clone(),
                None,
                anslag_view(&a, &paragrafer, true),
            );
            spec.date = a.uppsatt;
            spec.html = Some(anslag_html(&a, &paragrafer, true));
            out.push(spec);
        }
    }
    out
}

/// A rapport's sections as the template sets them: the block before a short last
/// section held with it, and what leads into each table given to that table.
pub(crate) fn arrange_sections(doc: &mut serde_json::Value) {
    glue_short_ending(doc);
    if let Some(sections) = doc.get_mut("avsnitt").and_then(|a| a.as_array_mut()) {
        for section in sections {
            lead_into_tables(section);
        }
    }
}

/// Characters of text up to which a text before a table leads into it (goes with the
/// table: onto its page, or onto its landscape page).
const LEAD_TEXT: usize = 700;

/// A short text just before a table, and the heading of a section that opens with the
/// table (or with that text and the table), are given to the table (`ledtext`,
/// `ledrubriker`) and marked as led (`till_tabell`, `rubrik_till_tabell`): the
/// template sets them with the table, so that a table turned onto a landscape page
/// takes its heading and its introduction along. Left on the portrait page, they made a
/// page of three lines (review 25: "Resultat per enhet" and two lines, the table
/// overleaf). A section that opens with such a sub-section gives its heading too
/// (outermost first): "Resultat" stayed alone on the portrait page above "Resultat per
/// enhet" (the review of the diff). A section held whole (`fast`) keeps its heading,
/// and a held text stays where it is.
fn lead_into_tables(section: &mut serde_json::Value) {
    use serde_json::Value;
    let held_section = section.get("fast").is_some();
    let heading = match (section.get("rubrik"), section.get("niva")) {
        (Some(r), Some(n)) if !held_section => Some(serde_json::json!({"rubrik": r, "niva": n})),
        _ => None,
    };
    let Some(blocks) = section.get_mut("block").and_then(|b| b.as_array_mut()) else {
        return;
    };
    let sort = |b: &Value| b.get("sort").and_then(|s| s.as_str()).map(str::to_owned);
    let mut heading_led = false;
    for i in 0..blocks.len() {
        match sort(&blocks[i]).as_deref() {
            Some("avsnitt") => {
                lead_into_tables(&mut blocks[i]);
                if i == 0
                    && blocks[0].get("rubrik_till_tabell").is_some()
                    && let Some(h) = &heading
                    && let Some(table) = blocks[0]
                        .get_mut("block")
                        .and_then(|b| b.as_array_mut())
                        .and_then(|b| b.iter_mut().find(|t| t.get("ledrubriker").is_some()))
                    && let Some(list) = table["ledrubriker"].as_array_mut()
                {
                    list.insert(0, h.clone());
                    heading_led = true;
                }
            }
            Some("tabell") => {
                let text = (i > 0)
                    .then(|| &blocks[i - 1])
                    .filter(|b| sort(b).as_deref() == Some("text") && b.get("fast").is_none())
                    .and_then(|b| b.get("text").and_then(|t| t.as_str()))
                    .filter(|t| t.chars().count() < LEAD_TEXT)
                    .map(str::to_owned);
                let led_text = text.is_some();
                if let Some(t) = text {
                    blocks[i - 1]["till_tabell"] = Value::Bool(true);
                    blocks[i]["ledtext"] = Value::String(t);
                }
                if (i == 0 || (i == 1 && led_text))
                    && let Some(h) = &heading
                {
                    blocks[i]["ledrubriker"] = Value::Array(vec![h.clone()]);
                    heading_led = true;
                }
            }
            _ => {}
        }
    }
    if heading_led {
        section["rubrik_till_tabell"] = Value::Bool(true);
    }
}

/// Characters of text up to which a rapport's last section counts as short.
const SHORT_ENDING: usize = 400;

/// Rows of a table or key figures up to which a rapport's last section still counts
/// as short.
const SHORT_ENDING_ROWS: usize = 5;

/// The largest text (characters) and table (rows) held with a short last section.
const HELD_TEXT: usize = 700;
const HELD_ROWS: usize = 8;

/// A rapport whose last section is short (a heading and a few lines of text, nothing
/// else) would leave that section alone on a last page when the page before runs full.
/// The block just before it is marked `fast` ("held"): the template keeps it on the page
/// with the heading that follows, so that some lines move over with it.
pub(crate) fn glue_short_ending(doc: &mut serde_json::Value) {
    let Some(sections) = doc.get_mut("avsnitt").and_then(|a| a.as_array_mut()) else {
        return;
    };
    let n = sections.len();
    if n < 2 {
        return;
    }
    let last = &sections[n - 1];
    let blocks = last.get("block").and_then(|b| b.as_array());
    // Short: a few lines of text, with at most one small table or set of key figures
    // (review 32: the pack of a delårsrapport ended on a page holding only "Finansiella
    // mål", a heading and three key figures).
    let small_data = |x: &serde_json::Value| {
        matches!(
            x.get("sort").and_then(|s| s.as_str()),
            Some("nyckeltal" | "tabell")
        ) && x
            .get("rader")
            .and_then(|r| r.as_array())
            .is_some_and(|r| r.len() <= SHORT_ENDING_ROWS)
    };
    let short = blocks.is_some_and(|b| {
        b.iter()
            .all(|x| x.get("sort").and_then(|s| s.as_str()) == Some("text") || small_data(x))
            && b.iter().filter(|x| small_data(x)).count() <= 1
            && b.iter()
                .map(|x| {
                    x.get("text")
                        .and_then(|t| t.as_str())
                        .map_or(0, |t| t.chars().count())
                })
                .sum::<usize>()
                <= SHORT_ENDING
    });
    if !short {
        return;
    }
    // The section before, whole when it is small (headings and a few lines of text:
    // held by its last leaf, "Arbetsmarknad" broke after two of its three short
    // sub-sections and the third opened the next page with the last section);
    // otherwise its last leaf.
    if text_only_chars(&sections[n - 2]).is_some_and(|c| c <= HELD_TEXT) {
        sections[n - 2]["fast"] = serde_json::Value::Bool(true);
    } else {
        hold_last_leaf(&mut sections[n - 2]);
    }
}

/// The characters of text under a section, when it holds nothing but text (and
/// sections of text); `None` when it holds a table, a chart or key figures.
fn text_only_chars(node: &serde_json::Value) -> Option<usize> {
    let blocks = node.get("block").and_then(|b| b.as_array())?;
    blocks
        .iter()
        .try_fold(0, |sum, b| match b.get("sort").and_then(|s| s.as_str()) {
            Some("text") => Some(
                sum + b
                    .get("text")
                    .and_then(|t| t.as_str())
                    .map_or(0, |t| t.chars().count()),
            ),
            Some("avsnitt") | None => Some(sum + text_only_chars(b)?),
            _ => None,
        })
}

/// Marks the last leaf under `node` (following the last block while it is a section)
/// `fast` ("held": kept on the page of what follows it), when it is small.
fn hold_last_leaf(node: &mut serde_json::Value) {
    let mut node = node;
    loop {
        let Some(last_block) = node
            .get_mut("block")
            .and_then(|b| b.as_array_mut())
            .and_then(|b| b.last_mut())
        else {
            return;
        };
        let sort = last_block
            .get("sort")
            .and_then(|s| s.as_str())
            .unwrap_or("");
        if sort == "avsnitt" {
            node = last_block;
            continue;
        }
        // Held only when small: a held block goes over whole when the heading after it
        // does not fit, so a long text, a long table or a chart held would leave up to
        // a page empty (a twelve-row key-figure table left half a page).
        let rows = |key: &str| {
            last_block
                .get(key)
                .and_then(|r| r.as_array())
                .map_or(0, Vec::len)
        };
        let small = match sort {
            "text" => {
                last_block
                    .get("text")
                    .and_then(|t| t.as_str())
                    .map_or(0, |t| t.chars().count())
                    <= HELD_TEXT
            }
            "tabell" => rows("rader") <= HELD_ROWS,
            // (Key figures of up to six rows: five with their comments are about ten
            // lines, and left unheld, the short last section made a page of its own:
            // review 16, "Nästa uppföljning" and one line on p6.)
            "nyckeltal" => rows("rader") <= HELD_ROWS - 2,
            _ => false,
        };
        if small {
            last_block["fast"] = serde_json::Value::Bool(true);
        }
        return;
    }
}

#[cfg(test)]
mod glue_tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_block_before_a_short_last_section_is_held() {
        let mut doc = json!({"avsnitt": [
            {"rubrik": "A", "block": [
                {"sort": "text", "text": "x"},
                {"sort": "avsnitt", "rubrik": "A1", "block": [{"sort": "tabell", "rader": []}]},
            ]},
            {"rubrik": "B", "block": [{"sort": "text", "text": "Kort."}]},
        ]});
        glue_short_ending(&mut doc);
        assert_eq!(
            doc["avsnitt"][0]["block"][1]["block"][0]["fast"],
            json!(true)
        );
        assert!(doc["avsnitt"][0]["block"][0].get("fast").is_none());
    }

    #[test]
    fn a_small_section_before_a_short_last_section_is_held_whole() {
        let mut doc = json!({"avsnitt": [
            {"rubrik": "Arbetsmarknad", "block": [
                {"sort": "avsnitt", "rubrik": "Arbetslöshet", "block": [{"sort": "text", "text": "5,8 procent."}]},
                {"sort": "avsnitt", "rubrik": "Unga", "block": [{"sort": "text", "text": "9,1 procent."}]},
            ]},
            {"rubrik": "Framåtblick", "block": [{"sort": "text", "text": "Nästa rapport kommer i september."}]},
        ]});
        glue_short_ending(&mut doc);
        assert_eq!(doc["avsnitt"][0]["fast"], json!(true));
        assert!(
            doc["avsnitt"][0]["block"][1]["block"][0]
                .get("fast")
                .is_none()
        );
    }

    #[test]
    fn only_a_small_block_is_held() {
        let long = "ord ".repeat(300);
        let rows: Vec<serde_json::Value> = (0..12).map(|_| json!(["a"])).collect();
        for before in [
            json!({"sort": "text", "text": long}),
            json!({"sort": "nyckeltal", "rader": rows}),
            json!({"sort": "tabell", "rader": rows}),
            json!({"sort": "diagram"}),
        ] {
            let mut doc = json!({"avsnitt": [
                {"rubrik": "A", "block": [before]},
                {"rubrik": "B", "block": [{"sort": "text", "text": "Kort."}]},
            ]});
            glue_short_ending(&mut doc);
            assert!(doc["avsnitt"][0]["block"][0].get("fast").is_none(), "{doc}");
        }
    }

    #[test]
    fn a_table_takes_the_heading_and_short_text_that_lead_into_it() {
        let long = "ord ".repeat(200);
        let mut doc = json!({"avsnitt": [
            {"rubrik": "Resultat", "niva": 1, "block": [
                {"sort": "text", "text": "Tabellen visar utfallet."},
                {"sort": "tabell", "rader": []},
                {"sort": "text", "text": "Mellan tabellerna."},
                {"sort": "tabell", "rader": []},
            ]},
            {"rubrik": "Lång inledning", "niva": 1, "block": [
                {"sort": "text", "text": long},
                {"sort": "tabell", "rader": []},
            ]},
            {"rubrik": "Under", "niva": 1, "block": [
                {"sort": "avsnitt", "rubrik": "Enheter", "niva": 2, "block": [
                    {"sort": "tabell", "rader": []},
                ]},
            ]},
        ]});
        arrange_sections(&mut doc);
        let a = &doc["avsnitt"];
        // The first table: the section's heading and its introduction.
        assert_eq!(a[0]["rubrik_till_tabell"], json!(true));
        assert_eq!(a[0]["block"][0]["till_tabell"], json!(true));
        assert_eq!(
            a[0]["block"][1]["ledrubriker"],
            json!([{"rubrik": "Resultat", "niva": 1}])
        );
        assert_eq!(
            a[0]["block"][1]["ledtext"],
            json!("Tabellen visar utfallet.")
        );
        // The second: the text between, not the heading.
        assert_eq!(a[0]["block"][3]["ledtext"], json!("Mellan tabellerna."));
        assert!(a[0]["block"][3].get("ledrubriker").is_none());
        // A long text stays in the flow, and the heading with it.
        assert!(a[1].get("rubrik_till_tabell").is_none());
        assert!(a[1]["block"][0].get("till_tabell").is_none());
        assert!(a[1]["block"][1].get("ledtext").is_none());
        assert!(a[1]["block"][1].get("ledrubriker").is_none());
        // A sub-section that opens with its table gives its heading to it.
        assert_eq!(a[2]["block"][0]["rubrik_till_tabell"], json!(true));
        // … and so does the section it opens, outermost first.
        assert_eq!(
            a[2]["block"][0]["block"][0]["ledrubriker"],
            json!([{"rubrik": "Under", "niva": 1}, {"rubrik": "Enheter", "niva": 2}])
        );
        assert_eq!(a[2]["rubrik_till_tabell"], json!(true));
    }

    #[test]
    fn a_held_section_keeps_its_heading_and_a_held_text_stays() {
        let mut doc = json!({"avsnitt": [
            {"rubrik": "A", "niva": 1, "block": [
                {"sort": "text", "text": "x"},
                {"sort": "tabell", "rader": []},
            ]},
            {"rubrik": "B", "niva": 1, "fast": true, "block": [{"sort": "tabell", "rader": []}]},
        ]});
        doc["avsnitt"][0]["block"][0]["fast"] = json!(true);
        for s in doc["avsnitt"].as_array_mut().unwrap() {
            lead_into_tables(s);
        }
        assert!(doc["avsnitt"][0]["block"][1].get("ledtext").is_none());
        assert!(doc["avsnitt"][0]["block"][1].get("ledrubriker").is_none());
        assert!(doc["avsnitt"][1].get("rubrik_till_tabell").is_none());
    }

    #[test]
    fn a_long_or_rich_last_section_holds_nothing() {
        let long = "ord ".repeat(200);
        for last in [
            json!([{"sort": "text", "text": long}]),
            json!([{"sort": "text", "text": "x"}, {"sort": "tabell", "rader": []}]),
        ] {
            let mut doc = json!({"avsnitt": [
                {"rubrik": "A", "block": [{"sort": "text", "text": "x"}]},
                {"rubrik": "B", "block": last},
            ]});
            glue_short_ending(&mut doc);
            assert!(doc["avsnitt"][0]["block"][0].get("fast").is_none(), "{doc}");
        }
    }
}
