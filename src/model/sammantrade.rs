//! The sammanträde: one meeting file from which the kallelse, the handlingar, the
//! protokoll and the protokollsutdrag are made (`shared/spec/sammantrade.md`).
//!
//! Every agenda item is resolved here once — its rubrik, diarienummer, förslag,
//! decision and recipients, and its § number — so that the documents cannot disagree
//! on numbering or wording. What only the protokoll records (attendance, jäv, votes,
//! justering, anslag) is checked in `protokoll` (with `narvaro`, `votering` and
//! `kalender`); those errors are kept apart ([`Sammantrade::protokollfel`]) because
//! they stop only the documents made after the meeting: the kallelse and handlingar
//! are still built.

use std::path::PathBuf;

use schemars::JsonSchema;
use serde::Deserialize;

use super::common::{self, Datum, Forslag, OneOrMany, Underlag};
use super::head::document_input;
use super::mote::JusteringIn;
pub use super::mote::{
    AnslagDatum, Justering, Person, Punkt, Reservation, Sammantrade, Satt, Signer,
};
use super::narvaro::{JavIn, NarvaroIn};
use super::protokoll::{PunktExtra, ReservationIn, check_numbering, protokoll};
use super::votering::OmrostningIn;
use super::{Document, LoadCx};
use crate::profile::Profile;
use crate::yaml::{Node, Pos, Spanned};

document_input! {
typ_schema = "crate::model::fields::typ_sammantrade",
typ_description = "Dokumenttyp: sammanträde.",
datum_description = "Sammanträdets datum (ÅÅÅÅ-MM-DD).";
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    rename = "Sammanträde",
    title = "Sammanträde",
    description = "Sammanträde: ger kallelse, handlingar, protokoll och protokollsutdrag."
)]
struct Input {
    #[schemars(description = "Tid, t.ex. \"09.00–16.00\".")]
    tid: Spanned<String>,
    #[schemars(description = "Plats, t.ex. sammanträdesrum.")]
    plats: Spanned<String>,
    #[serde(rename = "ordförande", alias = "ordforande")]
    #[schemars(description = "Ordförande.")]
    ordforande: Person,
    #[schemars(description = "Sekreterare.")]
    sekreterare: Person,
    #[serde(rename = "ledamöter", alias = "ledamoter")]
    #[schemars(description = "Ledamöter som kallas.")]
    ledamoter: Spanned<Vec<Person>>,
    #[serde(default, rename = "ersättare", alias = "ersattare")]
    #[schemars(description = "Ersättare som underrättas.")]
    ersattare: Vec<Person>,
    #[serde(rename = "närvaro", alias = "narvaro")]
    #[schemars(
        description = "Närvaro: frånvarande, tjänstgörande och närvarande ersättare, tidvis närvarande, övriga; standard alla ledamöter närvarande."
    )]
    narvaro: Option<NarvaroIn>,
    #[schemars(
        description = "Justering av protokollet: {justerare, datum, plats, sätt}; krävs för protokollet."
    )]
    justering: Option<JusteringIn>,
    #[schemars(
        description = "Dagen då tillkännagivandet om justeringen sätts upp på anslagstavlan (ÅÅÅÅ-MM-DD); standard justeringsdagen. Senast två dagar efter justeringen."
    )]
    anslag: Option<Spanned<Datum>>,
    #[schemars(
        description = "Kallelsens datum (dagen den skickas, ÅÅÅÅ-MM-DD); utelämnas i kallelsen när det saknas."
    )]
    kallelse_datum: Option<Datum>,
    /// An extra (extrainsatt) meeting, called outside the year's plan.
    #[serde(default, alias = "extrainsatt")]
    #[schemars(
        description = "Extra sammanträde (utanför årets sammanträdesplan): `true` ger \"Kallelse till extra sammanträde med …\" och \"extra sammanträde\" vid datumet i protokoll och utdrag."
    )]
    extra: bool,
    #[serde(rename = "första_paragraf", alias = "forsta_paragraf")]
    #[schemars(
        description = "Första paragrafnumret (paragraferna löper över året); krävs för protokollet.",
        range(min = 1)
    )]
    forsta_paragraf: Option<Spanned<u32>>,
    /// Which documents to make; default all four.
    #[serde(default)]
    #[schemars(schema_with = "crate::model::fields::dokument")]
    dokument: Option<Spanned<Vec<String>>>,
    /// Where the justerade protokoll is kept (anslag); default from the profile.
    #[serde(rename = "förvaringsplats", alias = "forvaringsplats")]
    #[schemars(
        description = "Förvaringsplats för protokollet, t.ex. \"Regionkansliet, Regionens hus, Östersund\"; visas i anslaget. Standard från profilen."
    )]
    forvaringsplats: Option<String>,
    #[schemars(
        description = "Dagordningens punkter i ordning, minst en.",
        length(min = 1)
    )]
    punkter: Spanned<Vec<PunktIn>>,
}
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    rename = "Punkt",
    description = "En punkt på dagordningen: ett ärende (sökväg till dess YAML) eller en egen punkt med rubrik."
)]
struct PunktIn {
    #[schemars(description = "Rubrik; standard från ärendet.")]
    rubrik: Option<Spanned<String>>,
    #[serde(rename = "ärende", alias = "arende")]
    #[schemars(
        description = "Sökväg till ärendets YAML-fil (tjänsteskrivelse eller rapport), relativt till denna fil."
    )]
    arende: Option<Spanned<String>>,
    #[schemars(description = "Diarienummer; ska stämma med ärendets.")]
    diarienummer: Option<Spanned<String>>,
    #[schemars(
        description = "Nämndens beslut; standard är förslaget i ärendet. En beslutspunkt, en lista med beslutspunkter eller {inledning, beslut}, t.ex. inledning \"Regionstyrelsen föreslår regionfullmäktige besluta\"."
    )]
    beslut: Option<Forslag>,
    #[serde(rename = "förslag", alias = "forslag")]
    #[schemars(
        description = "Förslag till beslut för en punkt utan tjänsteskrivelse (en egen punkt eller en rapport), t.ex. \"Rapporten läggs till handlingarna.\": visas i kallelsen och är beslutet när \"beslut\" saknas. En tjänsteskrivelses förslag står i den."
    )]
    forslag: Option<Forslag>,
    #[schemars(description = "Kort beskrivning (Markdown) i kallelse och protokoll.")]
    text: Option<String>,
    #[serde(default)]
    #[schemars(description = "Yrkanden under sammanträdet.")]
    yrkanden: Vec<String>,
    #[serde(default, rename = "beslutsgång", alias = "beslutsgang")]
    #[schemars(
        description = "Hur beslutet fattades, t.ex. \"Ordföranden ställer proposition på förslaget mot avslagsyrkandet och finner att nämnden bifaller förslaget.\""
    )]
    beslutsgang: Option<OneOrMany>,
    #[serde(rename = "omröstning", alias = "omrostning")]
    #[schemars(description = "Omröstning: {ja, nej, avstår, ja_avser, nej_avser}.")]
    omrostning: Option<Spanned<OmrostningIn>>,
    #[serde(default)]
    #[schemars(
        description = "Reservationer: en text, eller {namn, parti, fil} för en skriftlig reservation (PDF) som bifogas protokollet."
    )]
    reservationer: Vec<Spanned<ReservationIn>>,
    #[serde(default)]
    #[schemars(description = "Protokollsanteckningar.")]
    protokollsanteckningar: Vec<String>,
    #[serde(default, rename = "jäv", alias = "jav")]
    #[schemars(
        description = "Jäv: ett namn, eller {namn, ersätts_av} när en ersättare tjänstgör i stället på paragrafen."
    )]
    jav: Vec<Spanned<JavIn>>,
    #[serde(default)]
    #[schemars(description = "Paragrafen justeras omedelbart.")]
    omedelbar_justering: bool,
    #[serde(default, alias = "skickas_till")]
    #[schemars(description = crate::model::fields::UTDRAG_TILL)]
    utdrag_till: Vec<String>,
}

pub const DOCUMENTS: &[&str] = &[
    "kallelse",
    "handlingar",
    "handlingar-ledamot",
    "protokoll",
    "utdrag",
    "anslag",
];

pub fn load(cx: &mut LoadCx, node: &Node, profile: &Profile, depth: usize) -> Option<Sammantrade> {
    let input: Input = super::typed(cx, node)?;
    common::require_text(cx, &input.namnd, "nämnd");
    common::require_text(cx, &input.tid, "tid");
    common::require_text(cx, &input.plats, "plats");
    // A meeting on a Saturday, a Sunday or a holiday is lawful but seldom meant: most
    // often a mistyped date, which would then stand in every document of the meeting
    // (review 54's meeting on "lördag 14 maj 2050", its anslag on a Sunday).
    if let Some(why) = super::kalender::ledig_dag(input.datum.value.0) {
        let d = cx.warning(
            input.datum.pos,
            "datum",
            format!(
                "sammanträdet {} är {}{why}",
                input.datum.value.words(),
                if matches!(why, "lördag" | "söndag") {
                    "en "
                } else {
                    ""
                }
            ),
        );
        d.hints.push(
            "kontrollera datumet: det står i kallelsen, protokollet, utdragen och anslaget".into(),
        );
    }
    if input.ledamoter.value.is_empty() {
        cx.error(
            input.ledamoter.pos,
            "ledamöter",
            "ett sammanträde måste ha minst en ledamot",
        );
    }
    if input.punkter.value.is_empty() {
        cx.error(
            input.punkter.pos,
            "punkter",
            "föredragningslistan måste ha minst en punkt",
        );
    }
    if let Some(crate::yaml::Kind::Seq(items)) = node.get("punkter").map(|n| &n.kind) {
        for (i, item) in items.iter().enumerate() {
            // A decision has no heading of its own in the protokoll ("Beslut").
            if let Some(r) = item.get("beslut").and_then(|b| b.get("rubrik")) {
                let d = cx.error(
                    r.pos,
                    &format!("punkter[{}].beslut.rubrik", i + 1),
                    "ett beslut har ingen egen rubrik: protokollet skriver \"Beslut\"",
                );
                d.hints
                    .push("ta bort `rubrik`; `beslut` tar `inledning` och `beslut`".into());
            }
            common::check_decision_points(
                cx,
                item.get("beslut"),
                &format!("punkter[{}].beslut", i + 1),
            );
        }
    }
    let dokument: Vec<String> = match &input.dokument {
        None => DOCUMENTS.iter().map(|s| s.to_string()).collect(),
        Some(list) => {
            let mut out = Vec::new();
            for d in &list.value {
                let folded = super::ascii_fold(&d.trim().to_lowercase());
                let name = match folded.as_str() {
                    "kallelse" | "foredragningslista" => "kallelse",
                    "handlingar" | "offentliga_handlingar" | "handlingar-offentliga" => {
                        "handlingar"
                    }
                    "handlingar-ledamot" | "handlingar_ledamot" | "ledamotshandlingar" => {
                        "handlingar-ledamot"
                    }
                    "protokoll" => "protokoll",
                    "utdrag" | "protokollsutdrag" => "utdrag",
                    "anslag" | "tillkannagivande" => "anslag",
                    _ => {
                        cx.error(
                            list.pos,
                            "dokument",
                            format!("okänt dokument \"{d}\"; väntade kallelse, handlingar, handlingar-ledamot, protokoll, utdrag eller anslag"),
                        );
                        continue;
                    }
                };
                out.push(name.to_string());
            }
            out
        }
    };
    let wants_protokoll = dokument
        .iter()
        .any(|d| d == "protokoll" || d == "utdrag" || d == "anslag");
    if wants_protokoll {
        if input.forsta_paragraf.is_none() {
            let d = cx.error(
                node.pos,
                "första_paragraf",
                "fältet \"första_paragraf\" saknas; protokollet numrerar paragraferna från det",
            );
            d.hints.push("skriv t.ex. `första_paragraf: 120` (paragraferna löper vidare genom året), eller `dokument: [kallelse, handlingar]` om inget protokoll ska göras ännu".into());
        }
        if input.justering.is_none() {
            let d = cx.error(node.pos, "justering", "fältet \"justering\" saknas; protokollet behöver justerare och datum för justeringen");
            d.hints.push("skriv t.ex. `justering: { justerare: [Namn Namnsson], datum: 2023-11-29, plats: Regionens hus }`".into());
        }
    }
    if let Some(fp) = &input.forsta_paragraf
        && fp.value == 0
    {
        cx.error(
            fp.pos,
            "första_paragraf",
            "paragrafnumret måste vara ett positivt heltal",
        );
    }

    let errors_at_start = cx.diags.error_count();
    let punkt_nodes = node.get("punkter");
    let mut seen: Vec<(PathBuf, Pos)> = Vec::new();
    let mut handlingsfel = Vec::new();
    let mut punkter = Vec::new();
    let mut extras = Vec::new();
    // Each point's place on the agenda: a point that fails is left out, and the ones
    // after it keep their numbers, so that later messages name the right § (review 24
    // read "§ 113" for § 114 after an ärende with a missing bilaga).
    let mut places = Vec::new();
    let count = input.punkter.value.len();
    let organ = input.namnd.value.trim().to_string();
    for (i, p) in input.punkter.value.into_iter().enumerate() {
        let field = format!("punkter[{}]", i + 1);
        let pos = punkt_nodes
            .and_then(|n| n.index(i))
            .map(|n| n.pos)
            .unwrap_or(node.pos);
        if let Some((punkt, extra)) = punkt(
            cx,
            p,
            &field,
            pos,
            profile,
            &organ,
            depth,
            &mut seen,
            i + 1,
            &mut handlingsfel,
        ) {
            punkter.push(punkt);
            extras.push(extra);
            places.push(i);
        }
    }
    let first = input.forsta_paragraf.as_ref().map(|f| f.value);
    if let Some(first) = first {
        for (p, i) in punkter.iter_mut().zip(&places) {
            p.paragraf = Some(first + *i as u32);
        }
    }
    let sista = first.map(|f| f + count.saturating_sub(1) as u32);
    let namnd = input.namnd.value.trim().to_string();
    if wants_protokoll && let Some(fp) = &input.forsta_paragraf {
        check_numbering(
            cx,
            &profile.organisation.namn,
            &namnd,
            input.datum.value,
            fp,
        );
    }
    let forvaringsplats = input
        .forvaringsplats
        .clone()
        .filter(|f| !f.trim().is_empty())
        .or_else(|| profile.organisation.forvaringsplats.clone())
        .unwrap_or_else(|| format!("{namnd}, {}", profile.organisation.namn));
    // (A bilaga that cannot be placed is no error of a meeting that makes no handlingar:
    // its protokoll made after the meeting, the bilaga since renamed, failed at every
    // build: the review of session 46's diff. The ärende's own file still says it.)
    let packs = dokument
        .iter()
        .any(|d| d == "handlingar" || d == "handlingar-ledamot");
    if !packs {
        handlingsfel.clear();
    }
    let mut m = Sammantrade {
        forvaringsplats,
        namnd,
        datum: input.datum.value,
        tid: input.tid.value,
        plats: input.plats.value,
        ordforande: input.ordforande,
        sekreterare: input.sekreterare,
        ledamoter: input.ledamoter.value,
        ersattare: input.ersattare,
        justering: None,
        forsta_paragraf: first,
        sista_paragraf: sista,
        dokument,
        punkter,
        narvaro: None,
        anslag: None,
        kallelse_datum: input.kallelse_datum,
        extra_sammantrade: input.extra,
        signerare: Vec::new(),
        protokollfel: Vec::new(),
        handlingsfel,
    };
    for p in &mut m.punkter {
        p.utdrag = p.paragraf.is_some()
            && (p.diarienummer.is_some() || !p.utdrag_till.is_empty() || p.omedelbar_justering);
    }
    if let (true, Some(_), Some(justering)) = (wants_protokoll, first, input.justering) {
        // What only the protokoll records: checked with its own error list, so that
        // these errors stop the protokoll, utdrag and anslag but not the kallelse.
        let kept = std::mem::take(cx.diags);
        // "Not beslutsför" points at the list of the absent, else at närvaro.
        let narvaro_node = node.get("närvaro").or_else(|| node.get("narvaro"));
        let narvaro_pos = narvaro_node
            .and_then(|n| n.get("frånvarande").or_else(|| n.get("franvarande")))
            .or(narvaro_node)
            .map(|n| n.pos)
            .unwrap_or(input.ledamoter.pos);
        protokoll(
            cx,
            &mut m,
            input.narvaro.unwrap_or_default(),
            narvaro_pos,
            justering,
            input.anslag,
            extras,
        );
        let found = std::mem::replace(cx.diags, kept);
        for d in found.items {
            if d.is_error() {
                m.protokollfel.push(d);
            } else {
                cx.diags.push(d);
            }
        }
    }
    // With other errors in the file nothing is made; say everything at once, an
    // ärende whose bilaga cannot be found among them (review 51: the meeting named
    // only the first of its two broken ärenden). Its pack is then not the only thing
    // left out: the meeting's own line says only that the ärende has errors.
    if cx.diags.error_count() > errors_at_start {
        for d in std::mem::take(&mut m.protokollfel) {
            cx.diags.push(d);
        }
        for mut d in std::mem::take(&mut m.handlingsfel) {
            // (Naming the ärende's file, as the line of an ärende with other errors
            // does: review 56's m21.)
            if d.file.as_deref() == Some(cx.path)
                && let Some(shown) = d
                    .message
                    .strip_prefix(PACK_REFUSED)
                    .and_then(|m| m.strip_suffix(PACK_REFUSED_END))
            {
                d.message =
                    format!("ärendet {shown} har fel (se ovan): en bilaga kan inte läggas in");
                d.follows = true;
            }
            cx.diags.push(d);
        }
    }
    Some(m)
}

#[allow(clippy::too_many_arguments)]
fn punkt(
    cx: &mut LoadCx,
    p: PunktIn,
    field: &str,
    pos: Pos,
    profile: &Profile,
    namnd: &str,
    depth: usize,
    seen: &mut Vec<(PathBuf, Pos)>,
    nummer: usize,
    handlingsfel: &mut Vec<crate::diag::Diagnostic>,
) -> Option<(Punkt, PunktExtra)> {
    let extra = PunktExtra {
        pos,
        field: field.to_string(),
        jav: p.jav,
        omrostning: p.omrostning,
        reservationer: p.reservationer,
        eget_beslut: p.beslut.as_ref().is_some_and(|b| !b.beslut.is_empty()),
    };
    let mut out = Punkt {
        nummer,
        paragraf: None,
        rubrik: p
            .rubrik
            .as_ref()
            .map(|r| r.value.clone())
            .unwrap_or_default(),
        diarienummer: p.diarienummer.as_ref().map(|d| d.value.clone()),
        forslag: Vec::new(),
        forslag_rubrik: None,
        forslag_inledning: None,
        beslut: Vec::new(),
        inledning: None,
        text: p.text,
        sammanfattning: None,
        sammanfattning_ur_beskrivning: false,
        beslutsunderlag: Vec::new(),
        yrkanden: p.yrkanden,
        beslutsgang: p.beslutsgang.map(|b| b.0).unwrap_or_default(),
        reservationer: Vec::new(),
        protokollsanteckningar: p.protokollsanteckningar,
        jav: Vec::new(),
        votering: None,
        val_av_justerare: false,
        utdrag: false,
        omedelbar_justering: p.omedelbar_justering,
        omedelbar_text: None,
        utdrag_till: p.utdrag_till,
        sekretess: None,
        arende: None,
        arende_typ: None,
        arende_fil: None,
    };
    match &p.arende {
        None => {
            if p.rubrik.is_none() {
                cx.error(pos, field, "punkten behöver antingen \"rubrik\" eller \"ärende\" (sökväg till en tjänsteskrivelse eller rapport)");
                return None;
            }
        }
        Some(rel) => {
            let path = common::resolve_inside(cx, rel, &format!("{field}.ärende"))?;
            if let Some((_, first)) = seen.iter().find(|(p, _)| *p == path) {
                cx.error(
                    rel.pos,
                    &format!("{field}.ärende"),
                    format!(
                        "ärendet \"{}\" står redan på föredragningslistan (rad {})",
                        rel.value, first.line
                    ),
                );
                return None;
            }
            seen.push((path.clone(), rel.pos));
            if depth > 0 {
                cx.error(
                    rel.pos,
                    &format!("{field}.ärende"),
                    "ett ärende kan inte självt vara ett sammanträde",
                );
                return None;
            }
            let mut inner = crate::diag::Diagnostics::default();
            let loaded = super::load_nested(cx.project, &path, &mut inner, depth + 1);
            let inner_failed = inner.error_count() > 0;
            // An ärende whose only errors are bilagor that cannot be found stops the
            // handlingar (which place them), not the kallelse, protokoll, utdrag and
            // anslag, which only name them (review 42: a bilaga renamed after the
            // meeting kept the protokoll from being made, and a rebuild removed the
            // meeting's earlier files). The errors are still reported, and the build
            // fails.
            let only_bilagor = inner_failed
                && loaded.is_some()
                && inner
                    .items
                    .iter()
                    .filter(|d| d.is_error())
                    .all(|d| super::is_bilaga_file_error(d, &path));
            if only_bilagor {
                for d in inner.items {
                    if d.is_error() {
                        handlingsfel.push(d);
                    } else {
                        cx.diags.push(d);
                    }
                }
                let shown = crate::diag::display_path(&path, &cx.project.root);
                handlingsfel.push(
                    crate::diag::Diagnostic::error(format!(
                        "{PACK_REFUSED}{shown}{PACK_REFUSED_END}"
                    ))
                    .at(cx.path, rel.pos)
                    .field(&format!("{field}.ärende")),
                );
            } else {
                cx.diags.extend(inner);
            }
            let Some(loaded) = loaded else {
                let shown = crate::diag::display_path(&path, &cx.project.root);
                cx.error(
                    rel.pos,
                    &format!("{field}.ärende"),
                    format!("ärendet {shown} har fel (se ovan)"),
                )
                .follows = true;
                return None;
            };
            if inner_failed && !only_bilagor {
                return None;
            }
            if loaded.profile.namn != profile.namn {
                cx.error(
                    rel.pos,
                    &format!("{field}.ärende"),
                    format!(
                        "ärendet använder profilen \"{}\" men sammanträdet \"{}\"; alla handlingar i ett sammanträde har samma husstil",
                        loaded.profile.namn, profile.namn
                    ),
                );
                return None;
            }
            cx.deps.push(path.clone());
            cx.deps.extend(loaded.deps.iter().cloned());
            match &loaded.doc {
                Document::Tjanst(t) => {
                    out.sammanfattning = t.sammanfattning.clone().filter(|s| !s.trim().is_empty());
                    if out.sammanfattning.is_none() {
                        out.sammanfattning = t.arendebeskrivning.as_deref().and_then(opening);
                        out.sammanfattning_ur_beskrivning = out.sammanfattning.is_some();
                    }
                    out.beslutsunderlag = t.beslutsunderlag.iter().map(Underlag::shown).collect();
                }
                Document::Rapport(r) => {
                    out.sammanfattning = r.sammanfattning.clone().filter(|s| !s.trim().is_empty());
                }
                Document::Sammantrade(_) => {}
            }
            if let Document::Tjanst(t) = &loaded.doc {
                out.forslag_rubrik = nonblank(&t.forslag.rubrik);
                // ("<nämnd> beslutar" goes without saying under "Förslag till beslut".)
                out.forslag_inledning =
                    nonblank(&t.forslag.inledning).filter(|i| !plainly_decides(i, namnd));
            }
            let (rubrik, dnr, forslag, utdrag, sekretess, typ) = match &loaded.doc {
                Document::Tjanst(t) => (
                    t.rubrik.clone(),
                    Some(t.diarienummer.clone()),
                    t.forslag.beslut.clone(),
                    t.utdrag_till.clone(),
                    t.sekretess.as_ref().map(|s| s.lagrum.clone()),
                    "tjänsteskrivelse",
                ),
                Document::Rapport(r) => (
                    r.rubrik.clone(),
                    r.diarienummer.clone(),
                    Vec::new(),
                    Vec::new(),
                    None,
                    "rapport",
                ),
                Document::Sammantrade(_) => {
                    cx.error(
                        rel.pos,
                        &format!("{field}.ärende"),
                        "ett ärende kan inte självt vara ett sammanträde",
                    );
                    return None;
                }
            };
            if let (Some(own), Some(theirs)) = (&p.diarienummer, &dnr)
                && own.value.trim() != theirs.trim()
            {
                cx.error(
                    own.pos,
                    &format!("{field}.diarienummer"),
                    format!(
                        "diarienumret \"{}\" skiljer sig från ärendets \"{theirs}\" i {}",
                        own.value, rel.value
                    ),
                );
                return None;
            }
            if p.rubrik.is_none() {
                out.rubrik = rubrik;
            }
            out.diarienummer = dnr.or(out.diarienummer);
            out.forslag = forslag;
            // The tjänsteskrivelse's recipients, unless the nämnd postpones the ärende
            // (its own decision only "Ärendet bordläggs …"): nothing is decided that
            // they should be sent (review 56's m17: "Beslutet skickas till:
            // Regionfullmäktige; Kulturenheten" under a bordläggning). Recipients the
            // meeting gives the paragraph stand.
            // Nor where it sends the ärende back (its own decision only "Ärendet
            // återremitteras …"): the ärende goes back to the förvaltning that
            // prepared it, and the utdrag to its handläggare's enhet (or the
            // handläggare), not to fullmäktige, to which the tjänsteskrivelse proposed
            // to send a decision that was not made (reviews 56 and 57).
            // (A point that only declares the paragraph justerad at once is procedure,
            // not a decision: "Ärendet återremitteras …" with "Paragrafen förklaras
            // omedelbart justerad" still only sends the ärende back: the review of
            // session 58's diff.)
            let only = |says: fn(&str) -> bool| {
                p.beslut.as_ref().is_some_and(|b| {
                    b.beslut.iter().any(|t| says(t))
                        && b.beslut.iter().all(|t| says(t) || procedural(t))
                })
            };
            if out.utdrag_till.is_empty() && only(returns) {
                // (To the enhet's own unit, its last level: the whole path, "Område
                // Opererande specialiteter, Kirurgkliniken", read as two recipients
                // in a running list. Only where the tjänsteskrivelse sends its decision
                // at all: one that names no recipients has none here either.)
                if let Document::Tjanst(t) = &loaded.doc
                    && !utdrag.is_empty()
                {
                    let h = &t.handlaggare;
                    let unit = nonblank(&h.enhet).and_then(|e| own_unit(&e));
                    out.utdrag_till = vec![unit.unwrap_or_else(|| h.namn.clone())];
                }
            } else if out.utdrag_till.is_empty() && !only(postpones) {
                out.utdrag_till = utdrag;
            }
            // A secret ärende's own words stay out of the public protokoll, kallelse and
            // utdrag (the pack shows a notice in their place, too); what the paragraph
            // says of it is the secretary's `text`.
            if sekretess.is_some() {
                out.sammanfattning = None;
            }
            out.sekretess = sekretess;
            out.arende_typ = Some(typ);
            out.arende_fil = Some(path);
            out.arende = Some(Box::new(loaded.doc));
        }
    }
    // A proposal of the meeting's own, for an item that has none (its own rubrik, a
    // rapport): the kallelse shows it, and it is the decision unless `beslut` says
    // otherwise (review 43: the kallelse showed a rapport's item with a title only).
    // A tjänsteskrivelse's proposal is in its file, the one the kallelse and the
    // handlingar show: a second one here is an error.
    if let Some(f) = p.forslag {
        if out.arende_typ == Some("tjänsteskrivelse") {
            cx.error(
                f.pos,
                &format!("{field}.förslag"),
                "punkten har redan ett förslag: tjänsteskrivelsens; ändra det där, eller skriv nämndens beslut under \"beslut\"",
            );
            return None;
        }
        if !f.beslut.is_empty() {
            out.forslag = f.beslut;
            out.forslag_rubrik = nonblank(&f.rubrik);
            out.forslag_inledning = nonblank(&f.inledning).filter(|i| !plainly_decides(i, namnd));
        }
    }
    (out.beslut, out.inledning) = match p.beslut {
        Some(b) if !b.beslut.is_empty() => (b.beslut, nonblank(&b.inledning).map(|i| as_lead(&i))),
        // A lead-in of its own for the proposal as it stands.
        Some(b) if b.inledning.as_deref().is_some_and(|i| !i.trim().is_empty()) => (
            out.forslag.clone(),
            nonblank(&b.inledning).map(|i| as_lead(&i)),
        ),
        // The proposal's lead-in when it is the nämnd's own words: an ärende that
        // goes on to fullmäktige is decided as "Regionstyrelsen föreslår
        // regionfullmäktige besluta", not "Regionstyrelsen beslutar" (review 26: the
        // protokoll recorded a proposal to fullmäktige as the styrelse's decision).
        // A lead-in in other words ("Regiondirektören föreslår …") is the
        // handläggare's, and the protokoll says what the nämnd decided.
        _ => (
            out.forslag.clone(),
            out.forslag_inledning
                .clone()
                .filter(|i| speaks_for(i, namnd))
                .map(|i| as_lead(&i)),
        ),
    };
    // "Paragrafen justeras omedelbart." written as the decision's last point is the
    // paragraph's immediate adjustment: set as the protokoll sets it (a line of its
    // own, in bold), not as a decision point (review 21's extra protokoll printed it
    // plain, as a point of the decision).
    // The point before it, now the last, ends the decision: its "," (or ", samt",
    // "och") becomes a full stop (review 22's decision ended "… i mars 2028,").
    // The line keeps the user's words ("Paragrafen förklaras omedelbart justerad.":
    // review 43 read the fixed "Paragrafen justeras omedelbart." in its place as
    // another decision than the one proposed).
    // Written as an att-sats ("att förklara paragrafen omedelbart justerad."), it is a
    // point of the decision in the user's words, and stays one: the protokoll records
    // what was decided as it was worded (review 31's § 151 printed a bold "Paragrafen
    // justeras omedelbart." in its place and ended the point before with a full stop).
    if out.beslut.len() > 1
        && out
            .beslut
            .last()
            .is_some_and(|b| says_adjusted_at_once(b) && !is_clause(b))
    {
        let said = out.beslut.pop().unwrap_or_default();
        out.omedelbar_text = Some(own_sentence(&said));
        out.omedelbar_justering = true;
        if let Some(last) = out.beslut.last_mut() {
            *last = ended(last);
        }
    } else if out.beslut.last().is_some_and(|b| says_adjusted_at_once(b)) {
        out.omedelbar_justering = true;
    }
    if out.rubrik.trim().is_empty() {
        cx.error(pos, &format!("{field}.rubrik"), "punkten saknar rubrik");
        return None;
    }
    Some((out, extra))
}

/// The unit an ärende sent back goes to, from its handläggare's enhet: the last level of
/// the path ("Område Opererande specialiteter, Kirurgkliniken" → "Kirurgkliniken"), with
/// the level above it where the last says only what kind of unit it is ("Hälso- och
/// sjukvårdsförvaltningen, Staben": "Staben" alone did not say which, review 59's m22).
fn own_unit(enhet: &str) -> Option<String> {
    const GENERIC: &[&str] = &[
        "staben",
        "stab",
        "ledningsstaben",
        "kansliet",
        "kansli",
        "sekretariatet",
        "ledningen",
        "enheten",
        "avdelningen",
        "förvaltningskontoret",
    ];
    let levels: Vec<&str> = enhet
        .split(", ")
        .map(str::trim)
        .filter(|u| !u.is_empty())
        .collect();
    let last = levels.last()?;
    if levels.len() >= 2 && GENERIC.contains(&last.to_lowercase().as_str()) {
        Some(levels[levels.len() - 2..].join(", "))
    } else {
        Some(last.to_string())
    }
}

/// A text, trimmed, when it is not blank.
fn nonblank(s: &Option<String>) -> Option<String> {
    s.as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
}

/// Whether a decision's lead-in is in the nämnd's own name: it begins with the
/// nämnd ("Regionstyrelsen föreslår regionfullmäktige besluta" for Regionstyrelsen).
/// "Nämnden" and "Styrelsen" name it too ("Nämnden föreslår regionfullmäktige besluta").
fn speaks_for(lead: &str, namnd: &str) -> bool {
    let (lead, namnd) = (lead.trim().to_lowercase(), namnd.trim().to_lowercase());
    !namnd.is_empty()
        && [namnd.as_str(), "nämnden", "styrelsen"].iter().any(|name| {
            lead.strip_prefix(name)
                .is_some_and(|rest| rest.starts_with(char::is_whitespace))
        })
}

/// A lead-in as it opens the decision: its first letter capitalised, without a
/// closing colon ("regionstyrelsen föreslår …:" as written in the ärende).
fn as_lead(lead: &str) -> String {
    let t = lead.trim().trim_end_matches(':').trim_end();
    let mut chars = t.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Whether a lead-in says no more than "<nämnd> beslutar" (the protokoll's own).
fn plainly_decides(lead: &str, namnd: &str) -> bool {
    let lead = lead.trim().trim_end_matches(':').trim().to_lowercase();
    lead == format!("{} beslutar", namnd.trim().to_lowercase())
}

/// A decision point that now ends the decision: a trailing "," or ";" (with "samt",
/// "och" or "eller" after it) becomes a full stop; one that ends otherwise is kept.
fn ended(point: &str) -> String {
    let t = point.trim_end();
    let t = ["samt", "och", "eller"]
        .iter()
        .find_map(|w| {
            t.strip_suffix(w)
                .map(str::trim_end)
                .filter(|r| r.ends_with([',', ';']))
        })
        .unwrap_or(t);
    match t.strip_suffix([',', ';']) {
        Some(r) => format!("{}.", r.trim_end()),
        None => t.to_string(),
    }
}

/// Whether a decision point is written as an att-sats, or as its verb without "att"
/// in a house style that adds it ("att förklara …", "förklara …", "justera …").
fn is_clause(point: &str) -> bool {
    let t = point
        .trim()
        .trim_matches(['*', '_'])
        .trim_start()
        .to_lowercase();
    t.starts_with("att ") || t.starts_with("förklara ") || t.starts_with("justera ")
}

/// A decision point as a sentence of its own: without Markdown emphasis around it,
/// capitalised, ending in a full stop ("paragrafen förklaras omedelbart justerad" →
/// "Paragrafen förklaras omedelbart justerad.").
fn own_sentence(point: &str) -> String {
    let t = point.trim().trim_matches(['*', '_']).trim();
    let mut chars = t.chars();
    let mut out: String = chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default();
    if !out.ends_with(['.', '!']) {
        out.push('.');
    }
    out
}

/// Whether a decision point says that the paragraph is adjusted at once
/// ("Paragrafen justeras omedelbart.", "Paragrafen förklaras omedelbart justerad").
fn says_adjusted_at_once(point: &str) -> bool {
    let t = point
        .trim()
        .trim_matches(['*', '_'])
        .trim_end_matches(['.', '!'])
        .trim()
        .to_lowercase();
    let t = t.strip_prefix("att ").unwrap_or(&t);
    [
        "paragrafen justeras omedelbart",
        "paragrafen förklaras omedelbart justerad",
        "paragrafen förklaras justerad omedelbart",
        "förklara paragrafen omedelbart justerad",
        "förklara paragrafen justerad omedelbart",
        "beslutet justeras omedelbart",
        "paragrafen justeras direkt",
        "justera paragrafen omedelbart",
        "justera beslutet omedelbart",
    ]
    .contains(&t)
}

/// The start of a Markdown text: its first paragraph (up to the first blank line),
/// and the blocks after it while the text so far ends in the middle of a sentence
/// ("Samtalet omfattar" before its list: review 21 found the protokoll's excerpt
/// breaking off there), at most four blocks. A list is one block, its items separated
/// by blank lines or not, and so is a fenced code block; a heading opening the text is
/// left out (the excerpt has its label), and one after it ends the excerpt.
fn opening(text: &str) -> Option<String> {
    let is_item = |b: &str| {
        let t = b.trim_start();
        t.starts_with("- ")
            || t.starts_with("* ")
            || t.starts_with("+ ")
            || t.split_once(['.', ')']).is_some_and(|(n, rest)| {
                !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()) && rest.starts_with(' ')
            })
    };
    let mut blocks: Vec<String> = vec![String::new()];
    let mut fenced = false;
    for line in text.trim().lines() {
        if line.trim_start().starts_with("```") || line.trim_start().starts_with("~~~") {
            fenced = !fenced;
        }
        if line.trim().is_empty() && !fenced {
            if !blocks.last().is_some_and(|b| b.is_empty()) {
                blocks.push(String::new());
            }
            continue;
        }
        // An item of a list after a blank line, or a line indented under one, goes on
        // the list's block.
        let n = blocks.len();
        if n >= 2
            && blocks[n - 1].is_empty()
            && is_item(&blocks[n - 2])
            && (is_item(line) || line.starts_with("  "))
        {
            blocks.pop();
            let block = blocks.last_mut().expect("two blocks");
            block.push_str("\n\n");
            block.push_str(line);
            continue;
        }
        let block = blocks.last_mut().expect("never empty");
        if !block.is_empty() {
            block.push('\n');
        }
        block.push_str(line);
    }
    blocks.retain(|b| !b.is_empty());
    let heading = |b: &str| b.trim_start().starts_with('#');
    let mut taken: Vec<&str> = Vec::new();
    for block in blocks.iter().skip_while(|b| heading(b)) {
        if heading(block) || taken.len() == 4 {
            break;
        }
        taken.push(block);
        if ends_sentence(block) {
            break;
        }
    }
    let joined = taken.join("\n\n");
    (!joined.trim().is_empty()).then_some(joined)
}

/// Whether a block of text ends a sentence: ".", "!", "?" or "…", before any closing
/// quote, bracket or emphasis.
fn ends_sentence(block: &str) -> bool {
    let end = block
        .trim_end()
        .trim_end_matches([')', ']', '"', '\'', '”', '’', '»', '*', '_']);
    end.ends_with(['.', '!', '?', '…'])
}

/// The JSON Schema of the file as written (see `crate::model::schema`).
pub fn schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
    generator.subschema_for::<Input>()
}

/// The meeting's line for an ärende whose only errors are its bilagor, around the
/// ärende's file as shown: the pack is not made, the rest is.
const PACK_REFUSED: &str = "handlingarna görs inte: en bilaga till ärendet ";
const PACK_REFUSED_END: &str =
    " kan inte läggas in (se ovan); kallelsen, protokollet, utdragen och anslaget görs ändå";

/// Whether a decision's point postpones the ärende: it says so first ("Ärendet
/// bordläggs till …", "att bordlägga ärendet", "Regionstyrelsen beslutar att bordlägga
/// ärendet"). Not a point that only names a postponement ("Ärendet, som bordlades den 9
/// september, avgörs i dag", "… avslår yrkandet om att ärendet bordläggs": the review of
/// session 57's diff).
fn postpones(text: &str) -> bool {
    static POSTPONES: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(
            r"(?i)^(?:\p{Lu}[\p{L}\x20-]*?\x20beslutar\x20)?(?:att\x20)?(?:ärendet\x20(?:bordläggs|ska\x20bordläggas)|bordlägga\x20ärendet)\b|^\p{Lu}[\p{L}\x20-]*?\x20bordlägger\x20ärendet\b",
        )
        .expect("POSTPONES")
    });
    POSTPONES.is_match(text.trim())
}

/// Whether a decision's point sends the ärende back to the förvaltning: it says so
/// first ("Ärendet återremitteras till förvaltningen …", "att återremittera ärendet",
/// "Regionstyrelsen beslutar att återremittera ärendet", "Regionstyrelsen
/// återremitterar ärendet …", "… beslutar att ärendet ska återremitteras"), as
/// [`postpones`].
fn returns(text: &str) -> bool {
    static RETURNS: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(
            r"(?i)^(?:\p{Lu}[\p{L}\x20-]*?\x20beslutar\x20)?(?:att\x20)?(?:ärendet\x20(?:ska\x20)?återremitteras|återremittera\x20ärendet)\b|^\p{Lu}[\p{L}\x20-]*?\x20återremitterar\x20ärendet\b",
        )
        .expect("RETURNS")
    });
    RETURNS.is_match(text.trim())
}

/// Whether a decision's point is procedure only: the paragraph declared justerad at
/// once ("Paragrafen förklaras omedelbart justerad.", "att förklara paragrafen
/// omedelbart justerad").
fn procedural(text: &str) -> bool {
    static PROCEDURE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(
            r"(?i)^(?:att\x20)?(?:paragrafen\x20(?:förklaras\x20omedelbart\x20justerad|justeras\x20omedelbart)|förklara\x20paragrafen\x20omedelbart\x20justerad)\.?$",
        )
        .expect("PROCEDURE")
    });
    PROCEDURE.is_match(text.trim())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_list_elements_field_is_described() {
        let key = |k: &str| Some(k.to_string());
        let keys = [key("punkter"), None, key("rubrik")];
        let text = crate::model::schema::field_description::<Input>(&keys);
        assert!(text.is_some_and(|t| !t.is_empty()));
    }

    #[test]
    fn an_arende_sent_back_goes_to_a_unit_that_says_which() {
        assert_eq!(
            own_unit("Område Opererande specialiteter, Kirurgkliniken").as_deref(),
            Some("Kirurgkliniken")
        );
        assert_eq!(
            own_unit("Hälso- och sjukvårdsförvaltningen, Staben").as_deref(),
            Some("Hälso- och sjukvårdsförvaltningen, Staben")
        );
        assert_eq!(own_unit("Staben").as_deref(), Some("Staben"));
        assert_eq!(own_unit(" , ").as_deref(), None);
    }

    #[test]
    fn a_return_is_read_from_the_decision() {
        assert!(returns(
            "Ärendet återremitteras till förvaltningen för att komplettera underlaget."
        ));
        assert!(returns("att återremittera ärendet till förvaltningen"));
        assert!(returns(
            "Regionstyrelsen beslutar att återremittera ärendet."
        ));
        assert!(!returns(
            "Regionstyrelsen avslår yrkandet om att återremittera ärendet."
        ));
        assert!(!returns("Ärendet bordläggs."));
        // (The review of session 58's diff.)
        assert!(returns(
            "Regionstyrelsen återremitterar ärendet till förvaltningen."
        ));
        assert!(returns(
            "Regionstyrelsen beslutar att ärendet ska återremitteras för en analys."
        ));
        assert!(procedural("Paragrafen förklaras omedelbart justerad."));
        assert!(procedural("att förklara paragrafen omedelbart justerad"));
        assert!(!procedural(
            "Avgiften höjs och paragrafen justeras omedelbart."
        ));
    }

    #[test]
    fn a_postponement_is_read_from_the_decision() {
        assert!(postpones(
            "Ärendet bordläggs till sammanträdet den 11 november 2053."
        ));
        assert!(postpones("att bordlägga ärendet"));
        assert!(!postpones("Ärendet återremitteras till förvaltningen."));
        assert!(!postpones(
            "Regionstyrelsen godkänner bordläggningsreglerna."
        ));
        assert!(postpones("Regionstyrelsen beslutar att bordlägga ärendet."));
        assert!(postpones(
            "Regionstyrelsen bordlägger ärendet till nästa sammanträde."
        ));
        assert!(postpones(
            "Regionstyrelsen beslutar att ärendet ska bordläggas."
        ));
        // Decided, though a postponement is named (the review of session 57's diff).
        assert!(!postpones(
            "Ärendet, som bordlades den 9 september 2053, avgörs i dag. Regionstyrelsen godkänner förslaget."
        ));
        assert!(!postpones(
            "Regionstyrelsen avslår yrkandet om att ärendet bordläggs."
        ));
    }

    #[test]
    fn a_lead_in_in_the_namnds_name_is_its_own() {
        let rs = "Regionstyrelsen";
        assert!(speaks_for(
            "Regionstyrelsen föreslår regionfullmäktige besluta",
            rs
        ));
        assert!(speaks_for("regionstyrelsen beslutar", rs));
        assert!(!speaks_for(
            "Regiondirektören föreslår att regionstyrelsen beslutar",
            rs
        ));
        assert!(!speaks_for("Regionstyrelsens arbetsutskott föreslår", rs));
        assert!(!speaks_for("Hälso- och sjukvårdsnämnden beslutar", rs));
        assert!(!speaks_for("Regionstyrelsen", ""));
        assert!(speaks_for("Nämnden föreslår regionfullmäktige besluta", rs));
        assert!(speaks_for("Styrelsen föreslår fullmäktige besluta", rs));
        assert_eq!(
            as_lead("regionstyrelsen föreslår regionfullmäktige besluta:"),
            "Regionstyrelsen föreslår regionfullmäktige besluta"
        );
        assert!(plainly_decides("Regionstyrelsen beslutar:", rs));
        assert!(plainly_decides(" regionstyrelsen beslutar ", rs));
        assert!(!plainly_decides(
            "Regionstyrelsen föreslår regionfullmäktige besluta",
            rs
        ));
        assert!(!plainly_decides("Hälso- och sjukvårdsnämnden beslutar", rs));
    }

    #[test]
    fn the_point_left_last_ends_the_decision() {
        assert_eq!(
            ended("första gången i mars 2028,"),
            "första gången i mars 2028."
        );
        assert_eq!(
            ended("kostnaden finansieras inom ramen, samt"),
            "kostnaden finansieras inom ramen."
        );
        assert_eq!(ended("uppdra åt direktören; och "), "uppdra åt direktören.");
        assert_eq!(
            ended("Nämnden godkänner avtalet."),
            "Nämnden godkänner avtalet."
        );
        assert_eq!(ended("se bilaga 1"), "se bilaga 1");
        assert_eq!(ended("Kalmar och"), "Kalmar och");
    }

    #[test]
    fn a_point_saying_the_paragraph_is_adjusted_at_once_is_recognised() {
        for point in [
            "Paragrafen justeras omedelbart.",
            "  paragrafen justeras omedelbart ",
            "Paragrafen förklaras omedelbart justerad.",
            "att paragrafen justeras omedelbart",
            "**Paragrafen justeras omedelbart.**",
            "Paragrafen förklaras omedelbart justerad!",
            // (Set 14's decision said it so, and the line was printed again after it.)
            "att förklara paragrafen omedelbart justerad.",
            // (Set 61's § 81, and the bold line was printed after it: review 61's 13.)
            "att justera paragrafen omedelbart.",
            "justera paragrafen omedelbart.",
        ] {
            assert!(says_adjusted_at_once(point), "{point}");
        }
        // An att-sats is the user's point, kept as written; a sentence is set as the
        // protokoll's own line.
        assert_eq!(
            own_sentence("**paragrafen förklaras omedelbart justerad**"),
            "Paragrafen förklaras omedelbart justerad."
        );
        assert_eq!(
            own_sentence("Paragrafen justeras omedelbart."),
            "Paragrafen justeras omedelbart."
        );
        assert!(is_clause("att förklara paragrafen omedelbart justerad."));
        assert!(is_clause("förklara paragrafen omedelbart justerad"));
        // (Its verb without "att", after a lead-in "Nämnden beslutar att": a point of the
        // decision, not popped as a sentence of its own: the review of the diff.)
        assert!(is_clause("justera paragrafen omedelbart."));
        assert!(!is_clause("Paragrafen justeras omedelbart."));
        for point in [
            "Paragrafen justeras omedelbart, utom punkt 2.",
            "Regionstyrelsen beslutar att paragrafen justeras vid nästa sammanträde.",
        ] {
            assert!(!says_adjusted_at_once(point), "{point}");
        }
    }

    #[test]
    fn the_opening_of_an_arendebeskrivning_ends_with_a_sentence() {
        for (text, opens) in [
            // A paragraph that leads into a list takes the list with it.
            (
                "Samtalet omfattar\n\n- levnadsvanor,\n- blodtryck.\n\nKostnaden är 3 mkr.",
                "Samtalet omfattar\n\n- levnadsvanor,\n- blodtryck.",
            ),
            // A paragraph that ends a sentence is taken alone, blank lines with spaces too.
            (
                "Första stycket (med parentes.)\n  \nAndra.",
                "Första stycket (med parentes.)",
            ),
            // At most four blocks where no sentence ever ends.
            ("a\n\nb\n\nc\n\nd\n\ne", "a\n\nb\n\nc\n\nd"),
            // A loose list (blank lines between its items) is one block.
            (
                "Lead\n\n- a,\n\n- b,\n\n- c,\n\n- d.\n\nMer.",
                "Lead\n\n- a,\n\n- b,\n\n- c,\n\n- d.",
            ),
            // A heading first is left out; one after the text so far ends the excerpt.
            (
                "### Bakgrund\n\nDet började\n\n### Nästa\n\nText.",
                "Det började",
            ),
            // A fenced block with a blank line inside is one block.
            (
                "Kör\n\n```\na\n\nb\n```\n\nSlut.",
                "Kör\n\n```\na\n\nb\n```\n\nSlut.",
            ),
        ] {
            assert_eq!(opening(text).as_deref(), Some(opens), "{text:?}");
        }
        assert_eq!(opening("  \n"), None);
    }
}
