//! The tjänsteskrivelse: one ärende's document for a nämnd (`shared/spec/tjansteskrivelse.md`).

use serde::{Deserialize, Serialize};

use super::LoadCx;
use super::common::{
    self, Avsnitt, Bilaga, BilagaIn, Datum, Forslag, Handlaggare, Sekretess, Underlag, Underskrift,
};
use super::yaml::{Node, Spanned};
use crate::profile::Profile;

/// The file as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Input {
    #[allow(dead_code)]
    typ: Option<String>,
    #[allow(dead_code)]
    profil: Option<String>,
    #[serde(rename = "nämnd", alias = "namnd")]
    namnd: Spanned<String>,
    diarienummer: Spanned<String>,
    datum: Spanned<Datum>,
    rubrik: Spanned<String>,
    #[serde(rename = "handläggare", alias = "handlaggare")]
    handlaggare: Handlaggare,
    #[serde(rename = "förslag", alias = "forslag")]
    forslag: Spanned<Forslag>,
    #[serde(rename = "ärendebeskrivning", alias = "arendebeskrivning")]
    arendebeskrivning: Option<String>,
    sammanfattning: Option<String>,
    #[serde(default)]
    avsnitt: Vec<Avsnitt>,
    #[serde(default)]
    underskrifter: Vec<Underskrift>,
    #[serde(default)]
    beslutsunderlag: Vec<Underlag>,
    #[serde(default)]
    bilagor: Vec<BilagaIn>,
    #[serde(default, alias = "skickas_till")]
    utdrag_till: Vec<String>,
    sekretess: Option<Sekretess>,
}

/// A checked tjänsteskrivelse.
#[derive(Debug, Clone, Serialize)]
pub struct Tjansteskrivelse {
    pub namnd: String,
    pub diarienummer: String,
    pub datum: Datum,
    pub rubrik: String,
    pub handlaggare: Handlaggare,
    pub forslag: Forslag,
    pub arendebeskrivning: Option<String>,
    pub sammanfattning: Option<String>,
    pub avsnitt: Vec<Avsnitt>,
    pub underskrifter: Vec<Underskrift>,
    pub beslutsunderlag: Vec<Underlag>,
    pub bilagor: Vec<Bilaga>,
    pub utdrag_till: Vec<String>,
    pub sekretess: Option<Sekretess>,
}

pub fn load(cx: &mut LoadCx, node: &Node, profile: &Profile) -> Option<Tjansteskrivelse> {
    let input: Input = super::typed(cx, node)?;
    common::require_text(cx, &input.namnd, "nämnd");
    common::require_text(cx, &input.rubrik, "rubrik");
    common::check_dnr(cx, profile, &input.diarienummer, &input.namnd);

    let forslag_pos = input.forslag.pos;
    let mut forslag = input.forslag.value;
    forslag.pos = forslag_pos;
    if forslag.beslut.is_empty() || forslag.beslut.iter().all(|b| b.trim().is_empty()) {
        cx.error(
            forslag_pos,
            "förslag.beslut",
            "förslaget måste ha minst en beslutspunkt",
        );
    }
    if input.arendebeskrivning.is_none() && profile.requires("ärendebeskrivning") {
        let d = cx.error(node.pos, "", "fältet \"ärendebeskrivning\" saknas");
        d.hints.push(format!(
            "profilen \"{}\" har avsnittet \"{}\" i varje tjänsteskrivelse",
            profile.namn,
            profile.label("ärendebeskrivning")
        ));
    }
    let bilagor = common::check_bilagor(cx, &input.bilagor);

    Some(Tjansteskrivelse {
        namnd: input.namnd.value.trim().to_string(),
        diarienummer: input.diarienummer.value.trim().to_string(),
        datum: input.datum.value,
        rubrik: input.rubrik.value.trim().to_string(),
        handlaggare: input.handlaggare,
        forslag,
        arendebeskrivning: input.arendebeskrivning,
        sammanfattning: input.sammanfattning,
        avsnitt: input.avsnitt,
        underskrifter: input.underskrifter,
        beslutsunderlag: input.beslutsunderlag,
        bilagor,
        utdrag_till: input.utdrag_till,
        sekretess: input.sekretess,
    })
}
