//! The sammanträde: one meeting file from which the kallelse, the handlingar, the
//! protokoll and the protokollsutdrag are made (`shared/spec/sammantrade.md`).
//!
//! Every agenda item is resolved here once — its rubrik, diarienummer, förslag,
//! decision and recipients, and its § number — so that the four documents cannot
//! disagree on numbering or wording.

use std::path::PathBuf;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::common::{self, Datum, OneOrMany};
use crate::yaml::{Node, Pos, Spanned};
use super::head::document_input;
use super::{Document, LoadCx};
use crate::profile::Profile;

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
    #[schemars(
        description = "Justering av protokollet: {justerare, datum, plats}; krävs för protokollet."
    )]
    justering: Option<JusteringIn>,
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
    /// Where the signed protokoll is kept (anslagsbevis); default from the nämnd.
    #[serde(rename = "förvaringsplats", alias = "forvaringsplats")]
    #[schemars(
        description = "Förvaringsplats för protokollet (anslagsbeviset); standard är nämndens sekretariat."
    )]
    forvaringsplats: Option<String>,
    #[schemars(
        description = "Dagordningens punkter i ordning, minst en.",
        length(min = 1)
    )]
    punkter: Spanned<Vec<PunktIn>>,
}
}

#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "En person.")]
pub struct Person {
    #[schemars(description = "Namn.")]
    pub namn: String,
    #[schemars(description = "Parti, t.ex. S eller M.")]
    pub parti: Option<String>,
    #[schemars(description = "Roll, t.ex. vice ordförande.")]
    pub roll: Option<String>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Justering")]
struct JusteringIn {
    #[schemars(description = "Justerarnas namn.")]
    justerare: Vec<String>,
    #[schemars(description = "Justeringsdatum (ÅÅÅÅ-MM-DD).")]
    datum: Datum,
    #[schemars(description = "Plats för justeringen.")]
    plats: Option<String>,
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
    #[schemars(description = "Nämndens beslut; standard är förslaget i ärendet.")]
    beslut: Option<OneOrMany>,
    #[schemars(description = "Kort beskrivning (Markdown) i kallelse och protokoll.")]
    text: Option<String>,
    #[serde(default)]
    #[schemars(description = "Yrkanden under sammanträdet.")]
    yrkanden: Vec<String>,
    #[serde(default)]
    #[schemars(description = "Reservationer mot beslutet.")]
    reservationer: Vec<String>,
    #[serde(default, rename = "jäv", alias = "jav")]
    #[schemars(description = "Ledamöter som anmält jäv och inte deltar i ärendet.")]
    jav: Vec<String>,
    #[serde(default)]
    #[schemars(description = "Paragrafen justeras omedelbart.")]
    omedelbar_justering: bool,
    #[serde(default, alias = "skickas_till")]
    #[schemars(description = crate::model::fields::UTDRAG_TILL)]
    utdrag_till: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Justering {
    pub justerare: Vec<String>,
    pub datum: Datum,
    pub plats: Option<String>,
}

/// A checked meeting.
#[derive(Debug, Clone, Serialize)]
pub struct Sammantrade {
    pub namnd: String,
    pub datum: Datum,
    pub tid: String,
    pub plats: String,
    pub ordforande: Person,
    pub sekreterare: Person,
    pub ledamoter: Vec<Person>,
    pub ersattare: Vec<Person>,
    pub justering: Option<Justering>,
    pub forsta_paragraf: Option<u32>,
    pub sista_paragraf: Option<u32>,
    pub forvaringsplats: String,
    pub dokument: Vec<String>,
    pub punkter: Vec<Punkt>,
}

/// An agenda item with everything every document needs.
#[derive(Debug, Clone, Serialize)]
pub struct Punkt {
    /// 1-based place on the agenda.
    pub nummer: usize,
    /// The § number in the protokoll, when there is one.
    pub paragraf: Option<u32>,
    pub rubrik: String,
    pub diarienummer: Option<String>,
    /// The proposal (from the ärende), as decision points.
    pub forslag: Vec<String>,
    /// The decision taken: `beslut` as given, else the proposal.
    pub beslut: Vec<String>,
    pub text: Option<String>,
    pub yrkanden: Vec<String>,
    pub reservationer: Vec<String>,
    pub jav: Vec<String>,
    pub omedelbar_justering: bool,
    pub utdrag_till: Vec<String>,
    /// `OSL …` when the ärende is secret: left out of the public pack.
    pub sekretess: Option<String>,
    /// The ärende's full document, for the meeting pack.
    #[serde(skip)]
    pub arende: Option<Box<Document>>,
    pub arende_typ: Option<&'static str>,
    #[serde(skip)]
    pub arende_fil: Option<PathBuf>,
}

pub const DOCUMENTS: &[&str] = &["kallelse", "handlingar", "handlingar-ledamot", "protokoll", "utdrag"];

pub fn load(cx: &mut LoadCx, node: &Node, profile: &Profile, depth: usize) -> Option<Sammantrade> {
    let input: Input = super::typed(cx, node)?;
    common::require_text(cx, &input.namnd, "nämnd");
    common::require_text(cx, &input.tid, "tid");
    common::require_text(cx, &input.plats, "plats");
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
            common::check_decision_points(cx, item.get("beslut"), &format!("punkter[{}].beslut", i + 1));
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
                    "handlingar" | "offentliga_handlingar" | "handlingar-offentliga" => "handlingar",
                    "handlingar-ledamot" | "handlingar_ledamot" | "ledamotshandlingar" => {
                        "handlingar-ledamot"
                    }
                    "protokoll" => "protokoll",
                    "utdrag" | "protokollsutdrag" => "utdrag",
                    _ => {
                        cx.error(
                            list.pos,
                            "dokument",
                            format!("okänt dokument \"{d}\"; väntade kallelse, handlingar, handlingar-ledamot, protokoll eller utdrag"),
                        );
                        continue;
                    }
                };
                out.push(name.to_string());
            }
            out
        }
    };
    let wants_protokoll = dokument.iter().any(|d| d == "protokoll" || d == "utdrag");
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

    let punkt_nodes = node.get("punkter");
    let mut seen: Vec<(PathBuf, Pos)> = Vec::new();
    let mut punkter = Vec::new();
    for (i, p) in input.punkter.value.into_iter().enumerate() {
        let field = format!("punkter[{}]", i + 1);
        let pos = punkt_nodes
            .and_then(|n| n.index(i))
            .map(|n| n.pos)
            .unwrap_or(node.pos);
        if let Some(punkt) = punkt(cx, p, &field, pos, profile, depth, &mut seen, i + 1) {
            punkter.push(punkt);
        }
    }
    let first = input.forsta_paragraf.as_ref().map(|f| f.value);
    if let Some(first) = first {
        for (i, p) in punkter.iter_mut().enumerate() {
            p.paragraf = Some(first + i as u32);
        }
    }
    let sista = first.map(|f| f + punkter.len().saturating_sub(1) as u32);
    Some(Sammantrade {
        forvaringsplats: input
            .forvaringsplats
            .unwrap_or_else(|| format!("{}, {}", input.namnd.value, profile.organisation.namn)),
        namnd: input.namnd.value,
        datum: input.datum.value,
        tid: input.tid.value,
        plats: input.plats.value,
        ordforande: input.ordforande,
        sekreterare: input.sekreterare,
        ledamoter: input.ledamoter.value,
        ersattare: input.ersattare,
        justering: input.justering.map(|j| Justering {
            justerare: j.justerare,
            datum: j.datum,
            plats: j.plats,
        }),
        forsta_paragraf: first,
        sista_paragraf: sista,
        dokument,
        punkter,
    })
}

#[allow(clippy::too_many_arguments)]
fn punkt(
    cx: &mut LoadCx,
    p: PunktIn,
    field: &str,
    pos: Pos,
    profile: &Profile,
    depth: usize,
    seen: &mut Vec<(PathBuf, Pos)>,
    nummer: usize,
) -> Option<Punkt> {
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
        beslut: Vec::new(),
        text: p.text,
        yrkanden: p.yrkanden,
        reservationer: p.reservationer,
        jav: p.jav,
        omedelbar_justering: p.omedelbar_justering,
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
            cx.diags.extend(inner);
            let Some(loaded) = loaded else {
                let shown = crate::diag::display_path(&path, &cx.project.root);
                cx.error(
                    rel.pos,
                    &format!("{field}.ärende"),
                    format!("ärendet {shown} har fel (se ovan)"),
                );
                return None;
            };
            if inner_failed {
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
            if out.utdrag_till.is_empty() {
                out.utdrag_till = utdrag;
            }
            out.sekretess = sekretess;
            out.arende_typ = Some(typ);
            out.arende_fil = Some(path);
            out.arende = Some(Box::new(loaded.doc));
        }
    }
    out.beslut = match p.beslut {
        Some(b) if !b.0.is_empty() => b.0,
        _ => out.forslag.clone(),
    };
    if out.rubrik.trim().is_empty() {
        cx.error(pos, &format!("{field}.rubrik"), "punkten saknar rubrik");
        return None;
    }
    Some(out)
}

/// The JSON Schema of the file as written (see `crate::model::schema`).
pub fn schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
    generator.subschema_for::<Input>()
}
