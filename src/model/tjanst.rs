//! The tjänsteskrivelse: one ärende's document for a nämnd (`shared/spec/tjansteskrivelse.md`).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::LoadCx;
use super::common::{
    self, Avsnitt, Bilaga, BilagaIn, Datum, Forslag, Handlaggare, Sekretess, Underlag, Underskrift,
};
use super::head::document_input;
use crate::profile::Profile;
use crate::yaml::{Node, Spanned};

document_input! {
typ_schema = "crate::model::fields::typ_tjanst",
typ_description = "Dokumenttyp; kan utelämnas för tjänsteskrivelser.",
datum_description = "Tjänsteskrivelsens datum (ÅÅÅÅ-MM-DD).";
/// The file as written. The `schemars` descriptions are what an editor shows the user.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    rename = "Tjänsteskrivelse",
    title = "Tjänsteskrivelse",
    description = "Tjänsteskrivelse: ett ärendes underlag till nämnden, med förslag till beslut."
)]
struct Input {
    #[schemars(
        description = "Ärendets diarienummer, t.ex. HSN/1798/2023; kontrolleras mot profilens format."
    )]
    diarienummer: Spanned<String>,
    #[schemars(description = "Ärendets rubrik, dokumentets titel.")]
    rubrik: Spanned<String>,
    #[serde(rename = "handläggare", alias = "handlaggare")]
    #[schemars(description = "Handläggaren, som står i dokumenthuvudet.")]
    handlaggare: Handlaggare,
    #[serde(rename = "förslag", alias = "forslag")]
    #[schemars(
        description = "Förslag till beslut: en beslutspunkt, en lista med beslutspunkter eller {rubrik, inledning, beslut}."
    )]
    forslag: Spanned<Forslag>,
    #[serde(rename = "ärendebeskrivning", alias = "arendebeskrivning")]
    #[schemars(
        description = "Ärendebeskrivning (Markdown). Krävs när profilen har avsnittet, t.ex. region-jh."
    )]
    arendebeskrivning: Option<String>,
    #[schemars(
        description = "Sammanfattning (Markdown); Örebro-stilen sätter den direkt efter förslaget, JH-stilen före ärendebeskrivningen."
    )]
    sammanfattning: Option<String>,
    #[serde(default)]
    #[schemars(
        description = "Fler avsnitt i ordning, t.ex. Beredning, Konsekvenser, Uppföljning: {rubrik, text}."
    )]
    avsnitt: Vec<Avsnitt>,
    #[serde(default)]
    #[schemars(description = "Underskrifter under profilens rubrik (\"I tjänsten\").")]
    underskrifter: Vec<Underskrift>,
    #[serde(default)]
    #[schemars(
        description = "Handlingar som beslutet grundar sig på: en titel eller {titel, datum}."
    )]
    beslutsunderlag: Vec<Underlag>,
    #[serde(default)]
    #[schemars(
        description = "Bifogade PDF-filer {titel, fil}; fil anges relativt till YAML-filen och läggs sist i handlingarna."
    )]
    bilagor: Vec<BilagaIn>,
    #[serde(default, alias = "skickas_till")]
    #[schemars(description = crate::model::fields::UTDRAG_TILL)]
    utdrag_till: Vec<String>,
    #[schemars(
        description = "Markerar att dokumentet innehåller sekretessbelagda uppgifter: {lagrum: \"OSL 25 kap. 1 §\"}."
    )]
    sekretess: Option<Sekretess>,
}
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
    common::check_decision_points(
        cx,
        node.get("förslag").or_else(|| node.get("forslag")),
        "förslag",
    );
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

/// The JSON Schema of the file as written (see `crate::model::schema`).
pub fn schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
    generator.subschema_for::<Input>()
}

#[cfg(test)]
mod tests {
    use super::Input;
    use crate::model::schema::field_description;

    #[test]
    fn a_fields_description_is_found_by_its_path() {
        let key = |k: &str| Some(k.to_string());
        let rubrik = field_description::<Input>(&[key("rubrik")]).unwrap();
        assert!(rubrik.starts_with("Ärendets rubrik"), "{rubrik}");
        // An ASCII spelling finds the same field; so is a field inside a mapping.
        let forslag = field_description::<Input>(&[key("forslag")]).unwrap();
        assert!(forslag.starts_with("Förslag till beslut"), "{forslag}");
        let namn = field_description::<Input>(&[key("handläggare"), key("namn")]).unwrap();
        assert_eq!(namn, "För- och efternamn.");
        assert_eq!(field_description::<Input>(&[key("finns_inte")]), None);
    }
}
