//! A checked meeting: the data every meeting document reads (the agenda with its
//! paragraphs, attendance, justering, anslag dates, reservations, signers). The
//! checks that make it live in `sammantrade` (loading), `narvaro`, `votering` and
//! `protokoll`; this module only holds the types, so that those modules depend on it
//! and not on each other's loading.

use std::path::PathBuf;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::Document;
pub use super::common::Person;
use super::common::{Bilaga, Datum};
use super::kalender;
use super::narvaro;
use crate::diag::Diagnostic;
use crate::yaml::Spanned;

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Justering")]
pub(crate) struct JusteringIn {
    #[schemars(
        description = "Justerarnas namn; de ska tjänstgöra vid sammanträdet och inte vara ordförande."
    )]
    pub(crate) justerare: Vec<Spanned<String>>,
    #[schemars(
        description = "Justeringsdatum (ÅÅÅÅ-MM-DD): sammanträdesdagen eller senast 14 dagar efter."
    )]
    pub(crate) datum: Spanned<Datum>,
    #[schemars(description = "Plats för justeringen.")]
    pub(crate) plats: Option<String>,
    #[serde(default, rename = "sätt", alias = "satt")]
    #[schemars(
        description = "papper (underskriftsrader, standard) eller digital (tomma signaturfält i PDF:en för e-underskrift)."
    )]
    pub(crate) satt: Satt,
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
    pub narvaro: Option<Box<narvaro::Narvaro>>,
    /// The anslag of the justerade protokoll.
    pub anslag: Option<AnslagDatum>,
    pub kallelse_datum: Option<Datum>,
    /// An extra meeting (`extra: true`): said in the kallelse's title and by the date in
    /// the protokoll and its utdrag.
    pub extra_sammantrade: bool,
    /// Who signs the protokoll, in order: sekreterare, ordförande, justerare.
    pub signerare: Vec<Signer>,
    /// Errors in what only the protokoll records: they stop the protokoll, the utdrag
    /// and the anslag, not the kallelse and handlingar.
    #[serde(skip)]
    pub protokollfel: Vec<Diagnostic>,
    /// Errors in the ärendens bilagor (a file not found): they stop the handlingar,
    /// which place the bilagor, not the other documents.
    #[serde(skip)]
    pub handlingsfel: Vec<Diagnostic>,
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
    /// The proposal's heading and lead-in as the ärende writes them ("Förslag till
    /// beslut i regionstyrelsen", "Regionstyrelsen föreslår regionfullmäktige
    /// besluta"), for the kallelse; a lead-in that says only "<nämnd> beslutar" is
    /// left out.
    pub forslag_rubrik: Option<String>,
    pub forslag_inledning: Option<String>,
    /// The decision taken: `beslut` as given, else the proposal.
    pub beslut: Vec<String>,
    /// The decision's lead-in when it is not "<nämnd> beslutar": the item's own, or,
    /// when the decision is the proposal, the proposal's when it is the nämnd's own
    /// words ("Regionstyrelsen föreslår regionfullmäktige besluta").
    pub inledning: Option<String>,
    pub text: Option<String>,
    /// The ärende's sammanfattning (or the start of its ärendebeskrivning), Markdown.
    pub sammanfattning: Option<String>,
    /// Whether `sammanfattning` is the start of the ärendebeskrivning (the ärende has no
    /// sammanfattning of its own): labelled so, not as a sammanfattning nobody wrote.
    pub sammanfattning_ur_beskrivning: bool,
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
    /// The decision's last point that said so ("Paragrafen förklaras omedelbart
    /// justerad."), set as the line of immediate adjustment in its own words.
    pub omedelbar_text: Option<String>,
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
