//! The sammanträde: one meeting file from which the kallelse, the handlingar, the
//! protokoll and the protokollsutdrag are made (`shared/spec/sammantrade.md`).
//!
//! Every agenda item is resolved here once — its rubrik, diarienummer, förslag,
//! decision and recipients, and its § number — so that the documents cannot disagree
//! on numbering or wording. What only the protokoll records (attendance, jäv, votes,
//! justering, anslag) is checked here too, through `narvaro` and `kalender`; those
//! errors are kept apart ([`Sammantrade::protokollfel`]) because they stop only the
//! documents made after the meeting: the kallelse and handlingar are still built.

use std::path::{Path, PathBuf};

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::common::{self, Bilaga, Datum, OneOrMany};
use super::kalender;
use super::narvaro::{self, JavIn, NarvaroIn, OmrostningIn, ReservationIn, Roster};
use crate::yaml::{Node, Pos, Spanned};
use super::{Document, LoadCx};
use crate::diag::Diagnostic;
use crate::profile::Profile;

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    rename = "Sammanträde",
    title = "Sammanträde",
    description = "Sammanträde: ger kallelse, handlingar, protokoll och protokollsutdrag."
)]
struct Input {
    #[allow(dead_code)]
    #[serde(default)]
    #[schemars(schema_with = "crate::model::fields::typ_sammantrade")]
    typ: Option<String>,
    #[allow(dead_code)]
    #[schemars(description = crate::model::fields::PROFIL)]
    profil: Option<String>,
    #[serde(rename = "nämnd", alias = "namnd")]
    #[schemars(description = crate::model::fields::NAMND)]
    namnd: Spanned<String>,
    #[schemars(description = "Sammanträdets datum (ÅÅÅÅ-MM-DD).")]
    datum: Spanned<Datum>,
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
    #[schemars(description = "Justerarnas namn; de ska tjänstgöra vid sammanträdet och inte vara ordförande.")]
    justerare: Vec<Spanned<String>>,
    #[schemars(description = "Justeringsdatum (ÅÅÅÅ-MM-DD): sammanträdesdagen eller senast 14 dagar efter.")]
    datum: Spanned<Datum>,
    #[schemars(description = "Plats för justeringen.")]
    plats: Option<String>,
    #[serde(default, rename = "sätt", alias = "satt")]
    #[schemars(
        description = "papper (underskriftsrader, standard) eller digital (tomma signaturfält i PDF:en för e-underskrift)."
    )]
    satt: Satt,
}

/// How the protokoll is justerat.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
pub enum Satt {
    #[default]
    #[serde(rename = "papper")]
    Papper,
    #[serde(rename = "digital", alias = "digitalt")]
    Digital,
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

#[derive(Debug, Clone, Serialize)]
pub struct Justering {
    /// As written (plain names).
    pub justerare: Vec<String>,
    /// With party, when the roster knows it: "Per Olofsson (M)".
    pub justerare_visning: Vec<String>,
    pub datum: Datum,
    pub plats: Option<String>,
    pub satt: Satt,
    pub digital: bool,
}

/// The dates of one tillkännagivande on the anslagstavla.
#[derive(Debug, Clone, Serialize)]
pub struct AnslagDatum {
    pub justerat: Datum,
    pub uppsatt: Datum,
    pub sista_dag_overklagande: Datum,
    pub tidigast_nedtagning: Datum,
}

impl AnslagDatum {
    pub fn from(justerat: Datum, uppsatt: Datum) -> AnslagDatum {
        AnslagDatum {
            justerat,
            uppsatt,
            sista_dag_overklagande: Datum(kalender::sista_dag_for_overklagande(uppsatt.0)),
            tidigast_nedtagning: Datum(kalender::tidigast_nedtagning(uppsatt.0)),
        }
    }
}

/// One signer of the protokoll: the PDF signature field's name, the role and the name.
#[derive(Debug, Clone, Serialize)]
pub struct Signer {
    pub field: String,
    pub roll: String,
    pub namn: String,
}

/// A reservation as the protokoll prints it.
#[derive(Debug, Clone, Serialize)]
pub struct Reservation {
    /// The sentence in the paragraph.
    pub text: String,
    /// A skriftlig reservation: its title as an attachment, "Reservation från Mats
    /// Eriksson (V), § 160", and its number among the protokoll's attachments.
    pub rubrik: Option<String>,
    pub nummer: Option<usize>,
    /// Its text (Markdown), printed at the end of the protokoll and the utdrag.
    pub skriftlig: Option<String>,
    /// Its PDF, listed as an attachment.
    pub bilaga: Option<Bilaga>,
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
    /// Attendance, when the protokoll is made.
    pub narvaro: Option<narvaro::Narvaro>,
    /// The anslag of the justerade protokoll.
    pub anslag: Option<AnslagDatum>,
    pub kallelse_datum: Option<Datum>,
    /// Who signs the protokoll, in order: sekreterare, ordförande, justerare.
    pub signerare: Vec<Signer>,
    /// Errors in what only the protokoll records: they stop the protokoll, the utdrag
    /// and the anslag, not the kallelse and handlingar.
    #[serde(skip)]
    pub protokollfel: Vec<Diagnostic>,
}

impl Sammantrade {
    /// Whether the documents made after the meeting can be made.
    pub fn protokoll_ok(&self) -> bool {
        self.protokollfel.is_empty() && self.forsta_paragraf.is_some() && self.justering.is_some()
    }
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
    /// The ärende's sammanfattning (or the start of its ärendebeskrivning), Markdown.
    pub sammanfattning: Option<String>,
    /// The ärende's beslutsunderlag: "Tjänsteskrivelse, 2023-11-08".
    pub beslutsunderlag: Vec<String>,
    pub yrkanden: Vec<String>,
    pub beslutsgang: Vec<String>,
    pub reservationer: Vec<Reservation>,
    pub protokollsanteckningar: Vec<String>,
    /// Jäv lines: "Lena Holm (KD) anmäler jäv och deltar inte i handläggningen av ärendet."
    pub jav: Vec<String>,
    pub votering: Option<narvaro::Votering>,
    /// The "Val av justerare" item (its decision is made from `justering`).
    pub val_av_justerare: bool,
    /// Whether a protokollsutdrag is made of this paragraph.
    pub utdrag: bool,
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

pub const DOCUMENTS: &[&str] = &["kallelse", "handlingar", "protokoll", "utdrag", "anslag"];

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
    let dokument: Vec<String> = match &input.dokument {
        None => DOCUMENTS.iter().map(|s| s.to_string()).collect(),
        Some(list) => {
            let mut out = Vec::new();
            for d in &list.value {
                let folded = super::ascii_fold(&d.trim().to_lowercase());
                let name = match folded.as_str() {
                    "kallelse" | "foredragningslista" => "kallelse",
                    "handlingar" => "handlingar",
                    "protokoll" => "protokoll",
                    "utdrag" | "protokollsutdrag" => "utdrag",
                    "anslag" | "tillkannagivande" => "anslag",
                    _ => {
                        cx.error(
                            list.pos,
                            "dokument",
                            format!("okänt dokument \"{d}\"; väntade kallelse, handlingar, protokoll, utdrag eller anslag"),
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
    let mut punkter = Vec::new();
    let mut extras = Vec::new();
    for (i, p) in input.punkter.value.into_iter().enumerate() {
        let field = format!("punkter[{}]", i + 1);
        let pos = punkt_nodes
            .and_then(|n| n.index(i))
            .map(|n| n.pos)
            .unwrap_or(node.pos);
        if let Some((punkt, extra)) = punkt(cx, p, &field, pos, profile, depth, &mut seen, i + 1) {
            punkter.push(punkt);
            extras.push(extra);
        }
    }
    let first = input.forsta_paragraf.as_ref().map(|f| f.value);
    if let Some(first) = first {
        for (i, p) in punkter.iter_mut().enumerate() {
            p.paragraf = Some(first + i as u32);
        }
    }
    let sista = first.map(|f| f + punkter.len().saturating_sub(1) as u32);
    let namnd = input.namnd.value.trim().to_string();
    if wants_protokoll && let Some(fp) = &input.forsta_paragraf {
        check_numbering(cx, &namnd, input.datum.value, fp);
    }
    let forvaringsplats = input
        .forvaringsplats
        .clone()
        .filter(|f| !f.trim().is_empty())
        .or_else(|| profile.organisation.forvaringsplats.clone())
        .unwrap_or_else(|| format!("{namnd}, {}", profile.organisation.namn));
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
        signerare: Vec::new(),
        protokollfel: Vec::new(),
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
    // With other errors in the file nothing is made; say everything at once.
    if cx.diags.error_count() > errors_at_start {
        for d in std::mem::take(&mut m.protokollfel) {
            cx.diags.push(d);
        }
    }
    Some(m)
}

/// What the meeting file says about one item that only the protokoll uses.
struct PunktExtra {
    pos: Pos,
    field: String,
    jav: Vec<Spanned<JavIn>>,
    omrostning: Option<Spanned<OmrostningIn>>,
    reservationer: Vec<Spanned<ReservationIn>>,
    /// `beslut:` was written for the item.
    eget_beslut: bool,
}

/// "Val av justerare och tid för justering" (any case), an item without an ärende.
fn is_val_av_justerare(p: &Punkt) -> bool {
    p.arende_fil.is_none()
        && p
            .rubrik
            .trim()
            .to_lowercase()
            .starts_with("val av justerare")
}

/// The protokoll's own checks and content: attendance, jäv, votes, justering, anslag,
/// reservations, and a decision for every paragraph.
#[allow(clippy::too_many_arguments)]
fn protokoll(
    cx: &mut LoadCx,
    m: &mut Sammantrade,
    narvaro_in: NarvaroIn,
    narvaro_pos: Pos,
    justering: JusteringIn,
    anslag: Option<Spanned<Datum>>,
    mut extras: Vec<PunktExtra>,
) {
    let roster = Roster::new(&m.ledamoter, &m.ersattare);
    for e in &mut extras {
        for j in &mut e.jav {
            // An old-style `jäv: [Lena Holm (KD)]` has its position on the list item.
            if j.value.namn.pos == Pos::default() {
                j.value.namn.pos = j.pos;
            }
        }
    }
    let inputs: Vec<narvaro::PunktNarvaro> = m
        .punkter
        .iter()
        .zip(&extras)
        .map(|(p, e)| narvaro::PunktNarvaro {
            paragraf: p.paragraf.expect("numbered"),
            pos: e.pos,
            field: e.field.clone(),
            jav: &e.jav,
        })
        .collect();
    let serving = narvaro::resolve(cx, &roster, &narvaro_in, narvaro_pos, &m.ordforande, &inputs);
    drop(inputs);

    // Justerare: serving at the meeting, not the one who presides.
    let mut justerare_visning = Vec::new();
    if justering.justerare.is_empty() {
        let pos = cx_pos_or(&justering.datum.pos);
        cx.error(
            pos,
            "justering.justerare",
            "protokollet behöver minst en justerare utöver ordföranden",
        );
    }
    let mut seen_j: Vec<usize> = Vec::new();
    for (i, j) in justering.justerare.iter().enumerate() {
        let field = format!("justering.justerare[{}]", i + 1);
        match roster.find(&j.value) {
            Some(r) => {
                justerare_visning.push(roster.display(r));
                if seen_j.contains(&r) {
                    cx.error(j.pos, &field, format!("{} står redan som justerare", roster.namn(r)));
                    continue;
                }
                seen_j.push(r);
                if serving.ordforande == Some(r) {
                    let d = cx.error(
                        j.pos,
                        &field,
                        format!(
                            "{} är ordförande vid sammanträdet och justerar redan protokollet som ordförande",
                            roster.namn(r)
                        ),
                    );
                    d.hints.push("välj en annan ledamot som tjänstgör att jämte ordföranden justera protokollet".into());
                } else if !serving.serves_at_all(r) {
                    let d = cx.error(
                        j.pos,
                        &field,
                        format!(
                            "{} tjänstgör inte vid sammanträdet och kan inte justera protokollet",
                            roster.namn(r)
                        ),
                    );
                    d.hints.push("justerare väljs bland dem som tjänstgör (ledamöter och tjänstgörande ersättare)".into());
                }
            }
            None => {
                justerare_visning.push(j.value.trim().to_string());
                let d = cx.error(
                    j.pos,
                    &field,
                    format!(
                        "{} står inte bland ledamöterna eller ersättarna och kan inte justera protokollet",
                        j.value.trim()
                    ),
                );
                if let Some(s) = roster.suggest(&j.value) {
                    d.hints.push(format!("menade du \"{s}\"?"));
                }
            }
        }
    }

    // Justering: on or after the meeting day, no later than 14 days after (a last day
    // on a non-working day moves, lagen 1930:173).
    let datum = justering.datum.value;
    let latest = Datum(kalender::next_working_day_on_or_after(
        m.datum.0 + chrono::Days::new(14),
    ));
    if datum < m.datum {
        cx.error(
            justering.datum.pos,
            "justering.datum",
            format!(
                "justeringen {} är före sammanträdet {}; protokollet justeras tidigast samma dag",
                datum.iso(),
                m.datum.iso()
            ),
        );
    } else if datum > latest {
        let days = (datum.0 - m.datum.0).num_days();
        let d = cx.error(
            justering.datum.pos,
            "justering.datum",
            format!(
                "justeringen {} är {days} dagar efter sammanträdet; protokollet ska justeras senast 14 dagar efter, {}",
                datum.iso(),
                latest.words()
            ),
        );
        d.hints.push("kommunallagen 6 kap. 35 § och 5 kap. 69 §: justering senast fjorton dagar efter sammanträdet".into());
    }

    // Anslag: on or after justering, no later than two days after it.
    let uppsatt = anslag.as_ref().map(|a| a.value).unwrap_or(datum);
    if let Some(a) = &anslag {
        let last = Datum(kalender::senaste_anslagsdag(datum.0));
        if a.value < datum {
            cx.error(
                a.pos,
                "anslag",
                format!(
                    "anslaget {} sätts upp före justeringen {}; justeringen tillkännages först när protokollet är justerat",
                    a.value.iso(),
                    datum.iso()
                ),
            );
        } else if a.value > last {
            let d = cx.error(
                a.pos,
                "anslag",
                format!(
                    "anslaget {} sätts upp för sent: senast andra dagen efter justeringen {}, alltså {}",
                    a.value.iso(),
                    datum.iso(),
                    last.words()
                ),
            );
            d.hints.push("kommunallagen 8 kap. 12 §; en sista dag på lördag, söndag eller helgdag flyttas till nästa vardag".into());
        }
    }
    m.anslag = Some(AnslagDatum::from(datum, uppsatt));

    let digital = justering.satt == Satt::Digital;
    m.justering = Some(Justering {
        justerare: justering.justerare.iter().map(|j| j.value.trim().to_string()).collect(),
        justerare_visning: justerare_visning.clone(),
        datum,
        plats: justering.plats.clone(),
        satt: justering.satt,
        digital,
    });
    m.signerare = std::iter::once(Signer {
        field: "sekreterare".into(),
        roll: "Sekreterare".into(),
        namn: m.sekreterare.namn.clone(),
    })
    .chain(std::iter::once(Signer {
        field: "ordforande".into(),
        roll: "Ordförande".into(),
        namn: serving.narvaro.ordforande.clone(),
    }))
    .chain(justering.justerare.iter().enumerate().map(|(i, j)| Signer {
        field: format!("justerare-{}", i + 1),
        roll: "Justerare".into(),
        namn: roster
            .find(&j.value)
            .map(|r| roster.namn(r).to_string())
            .unwrap_or_else(|| j.value.trim().to_string()),
    }))
    .collect();

    // Per paragraph: jäv lines, votes, reservations, the decision.
    let namnd = m.namnd.clone();
    let mut reservation_no = 0;
    for (pi, (p, e)) in m.punkter.iter_mut().zip(extras.iter()).enumerate() {
        let paragraf = p.paragraf.expect("numbered");
        let deltagande = serving.deltagande(&roster, pi, &e.jav);
        p.jav = deltagande.jav;
        if let Some(vote) = &e.omrostning {
            p.votering = narvaro::votering(
                cx,
                &roster,
                &serving,
                pi,
                paragraf,
                vote,
                &format!("{}.omröstning", e.field),
                &namnd,
            );
        }
        for (ri, r) in e.reservationer.iter().enumerate() {
            let field = format!("{}.reservationer[{}]", e.field, ri + 1);
            match &r.value {
                ReservationIn::Text(t) => p.reservationer.push(Reservation {
                    text: t.trim().to_string(),
                    rubrik: None,
                    nummer: None,
                    skriftlig: None,
                    bilaga: None,
                }),
                ReservationIn::Skriftlig(sk) => {
                    let who = match (roster.find(&sk.namn.value), &sk.parti) {
                        (_, Some(parti)) if !parti.trim().is_empty() => {
                            format!("{} ({})", sk.namn.value.trim(), parti.trim())
                        }
                        (Some(i), _) => roster.display(i),
                        (None, _) => sk.namn.value.trim().to_string(),
                    };
                    let rubrik = format!("Reservation från {who}, § {paragraf}");
                    let bilaga = match &sk.fil {
                        Some(fil) => {
                            let before = cx.diags.items.len();
                            let found = common::check_bilagor(
                                cx,
                                &[common::BilagaIn {
                                    titel: rubrik.clone(),
                                    fil: fil.clone(),
                                }],
                            );
                            // check_bilagor names the field bilagor[1].fil; say which.
                            for d in &mut cx.diags.items[before..] {
                                d.field = Some(format!("{field}.fil"));
                            }
                            found.into_iter().next()
                        }
                        None => None,
                    };
                    let skriftlig = sk.text.clone().filter(|t| !t.trim().is_empty());
                    if skriftlig.is_none() && sk.fil.is_none() {
                        let d = cx.error(
                            r.pos,
                            &field,
                            format!("den skriftliga reservationen från {who} saknar både text och fil"),
                        );
                        d.hints.push("skriv reservationen under `text:` eller ange PDF-filen med `fil:`; en muntlig reservation skrivs som en mening".into());
                    }
                    reservation_no += 1;
                    p.reservationer.push(Reservation {
                        text: format!(
                            "{who} reserverar sig skriftligt mot beslutet. Reservationen bifogas (bilaga {reservation_no})."
                        ),
                        rubrik: Some(rubrik),
                        nummer: Some(reservation_no),
                        skriftlig,
                        bilaga,
                    });
                }
            }
        }
        if e.eget_beslut {
            continue;
        }
        if is_val_av_justerare(p) {
            p.val_av_justerare = true;
            let names = join_sv(&justerare_visning);
            let mut points = vec![format!(
                "{names} utses att jämte ordföranden justera protokollet."
            )];
            let mut when = format!("Protokollet justeras {}", datum.words());
            if digital {
                when = format!("Protokollet justeras digitalt {}", datum.words());
            }
            if let Some(plats) = justering.plats.as_ref().filter(|p| !p.trim().is_empty()) && !digital {
                when.push_str(&format!(", {}", plats.trim()));
            }
            when.push('.');
            points.push(when);
            p.beslut = points;
        } else if p.beslut.is_empty() {
            let d = cx.error(
                e.pos,
                &e.field,
                format!(
                    "§ {paragraf} \"{}\" har inget beslut; varje paragraf i protokollet måste ha ett beslut",
                    p.rubrik
                ),
            );
            d.hints.push(
                "skriv t.ex. `beslut: [Informationen läggs till handlingarna.]`, eller peka med `ärende:` på en tjänsteskrivelse med förslag".into(),
            );
        }
    }
    m.narvaro = Some(serving.narvaro);
}

fn cx_pos_or(pos: &Pos) -> Pos {
    *pos
}

/// "A", "A och B", "A, B och C".
fn join_sv(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} och {last}", init.join(", ")),
    }
}

/// Warns when `första_paragraf` does not continue the previous meeting of the same
/// nämnd in the same year that the project holds.
fn check_numbering(cx: &mut LoadCx, namnd: &str, datum: Datum, first: &Spanned<u32>) {
    let Ok(inputs) = cx.project.collect_inputs(&[]) else {
        return;
    };
    let me = cx.path.canonicalize().unwrap_or_else(|_| cx.path.to_path_buf());
    let mut best: Option<(Datum, PathBuf, u32, u32)> = None;
    for path in inputs {
        if path == me || path == cx.path {
            continue;
        }
        let Some((d, first_other, count)) = previous_meeting(&path, namnd) else {
            continue;
        };
        if d.year() != datum.year() || d >= datum {
            continue;
        }
        if best.as_ref().is_none_or(|(bd, ..)| d > *bd) {
            best = Some((d, path, first_other, count));
        }
    }
    let Some((d, path, first_other, count)) = best else {
        return;
    };
    cx.deps.push(path.clone());
    let expected = first_other + count;
    if expected != first.value {
        let shown = crate::diag::display_path(&path, &cx.project.root);
        let d = cx.warning(
            first.pos,
            "första_paragraf",
            format!(
                "första_paragraf {} fortsätter inte numreringen: förra sammanträdet med {namnd} i år ({shown}, {}) slutade med § {}; väntat {expected}",
                first.value,
                d.iso(),
                expected - 1
            ),
        );
        d.hints.push("paragraferna löper i en följd genom året".into());
    }
}

/// A meeting file of the same nämnd: its date, första_paragraf and number of items.
/// Read cheaply (no ärenden loaded); anything unexpected means "not a candidate".
fn previous_meeting(path: &Path, namnd: &str) -> Option<(Datum, u32, u32)> {
    let text = std::fs::read_to_string(path).ok()?;
    if !text.contains("mmantr") {
        return None;
    }
    let node = crate::yaml::parse(&text).ok()?;
    let typ = node.get("typ")?.as_str()?;
    if super::ascii_fold(&typ.trim().to_lowercase()) != "sammantrade" {
        return None;
    }
    let other = node.get("nämnd").or_else(|| node.get("namnd"))?.as_str()?;
    if narvaro::name_key(other) != narvaro::name_key(namnd) {
        return None;
    }
    let datum = Datum::parse(node.get("datum")?.as_str()?).ok()?;
    let first: u32 = node
        .get("första_paragraf")
        .or_else(|| node.get("forsta_paragraf"))?
        .as_str()?
        .trim()
        .parse()
        .ok()?;
    let count = match &node.get("punkter")?.kind {
        crate::yaml::Kind::Seq(items) => items.len() as u32,
        _ => return None,
    };
    Some((datum, first, count))
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
) -> Option<(Punkt, PunktExtra)> {
    let extra = PunktExtra {
        pos,
        field: field.to_string(),
        jav: p.jav,
        omrostning: p.omrostning,
        reservationer: p.reservationer,
        eget_beslut: p.beslut.as_ref().is_some_and(|b| !b.0.is_empty()),
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
        beslut: Vec::new(),
        text: p.text,
        sammanfattning: None,
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
            match &loaded.doc {
                Document::Tjanst(t) => {
                    out.sammanfattning = t
                        .sammanfattning
                        .clone()
                        .filter(|s| !s.trim().is_empty())
                        .or_else(|| t.arendebeskrivning.as_deref().and_then(first_paragraph));
                    out.beslutsunderlag = t
                        .beslutsunderlag
                        .iter()
                        .map(|u| match &u.datum {
                            Some(d) => format!("{}, {}", u.titel, d.iso()),
                            None => u.titel.clone(),
                        })
                        .collect();
                }
                Document::Rapport(r) => {
                    out.sammanfattning = r.sammanfattning.clone().filter(|s| !s.trim().is_empty());
                }
                Document::Sammantrade(_) => {}
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
    Some((out, extra))
}

/// The first paragraph of a Markdown text (up to the first blank line).
fn first_paragraph(text: &str) -> Option<String> {
    let para: Vec<&str> = text
        .trim()
        .lines()
        .take_while(|l| !l.trim().is_empty())
        .collect();
    let joined = para.join("\n");
    (!joined.trim().is_empty()).then_some(joined)
}

/// The JSON Schema of the file as written (see `crate::model::schema`).
pub fn schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
    generator.subschema_for::<Input>()
}
