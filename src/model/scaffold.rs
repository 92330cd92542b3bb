//! `kansli new <typ> <FIL>`: a file to start from, with Swedish guidance in comments,
//! that passes `kansli check` as written. The first line points the editor at the
//! project's JSON Schema, so fields are completed and typos flagged while typing.

use std::path::{Component, Path, PathBuf};

use crate::model::DocType;
use crate::profile::Profile;

const TJANST: &str = r#"# yaml-language-server: $schema={schema}
#
# Tjänsteskrivelse. Fyll i fälten och kör `kansli check {file}` för att kontrollera,
# `kansli build {file}` för att få PDF-filen, eller `kansli watch {file}` för att se
# den uppdateras varje gång du sparar.
# Texter med flera stycken skrivs efter `|` och får innehålla Markdown (**fet**,
# *kursiv*, listor med -). Allt du skriver visas precis som det står.
typ: tjänsteskrivelse
profil: {profil}
nämnd: {namnd}
diarienummer: {dnr}          # {dnr_format}
datum: {datum}
rubrik: Rubrik på ärendet
handläggare:
  namn: Förnamn Efternamn
  enhet: Enhet eller avdelning
  epost: fornamn.efternamn@example.se
  # telefon: 010-000 00 00
förslag:
  # rubrik: Förslag till beslut      # standard från profilen
  beslut:
    - Första beslutspunkten, skriven som nämnden ska besluta den.
ärendebeskrivning: |
  Beskriv ärendet: bakgrund, vad som har hänt och varför nämnden ska besluta.

  Ett nytt stycke börjar efter en tom rad.
# sammanfattning: |
#   En kort sammanfattning.
avsnitt:
  - rubrik: Ekonomiska konsekvenser
    text: |
      Beskriv kostnader och finansiering, eller skriv att förslaget saknar
      ekonomiska konsekvenser.
underskrifter:
  - namn: Förnamn Efternamn
    titel: Titel
# beslutsunderlag:
#   - Tjänsteskrivelse {datum}
# bilagor:                          # PDF-filer, sökväg relativt till den här filen
#   - titel: Bilaga 1
#     fil: bilagor/bilaga-1.pdf
utdrag_till:
  - Mottagare av protokollsutdraget
# sekretess:
#   lagrum: OSL 25 kap. 1 §
"#;

const RAPPORT: &str = r#"# yaml-language-server: $schema={schema}
#
# Rapport. Avsnitt kan ha text, tabeller, diagram, nyckeltal och underavsnitt (högst
# tre nivåer); innehållet visas i den ordning fälten skrivs. Kontrollera med
# `kansli check {file}`, bygg med `kansli build {file}`.
typ: rapport
profil: {profil}
nämnd: {namnd}
# diarienummer: {dnr}
datum: {datum}
rubrik: Rapportens titel
underrubrik: Period eller undertitel
handläggare:
  namn: Förnamn Efternamn
  enhet: Enhet eller avdelning
sammanfattning: |
  Det viktigaste i rapporten, i några meningar.
avsnitt:
  - rubrik: Ekonomi
    text: |
      Text om avsnittet. Tal i tabeller skrivs som vanliga tal (1234,5 eller 1234.5);
      kansli sätter tusentalsavgränsare och decimalkomma.
    tabeller:
      - rubrik: Utfall per verksamhet
        enhet: mnkr
        kolumner: [Verksamhet, Budget, Utfall]
        rader:
          - [Primärvård, 100, 98.5]
          - [Specialistvård, 250, 261.2]
        summa: true                  # lägger till en summarad
    diagram:
      - rubrik: Utfall per månad
        typ: stapel                  # stapel eller linje
        enhet: mnkr
        kategorier: [jan, feb, mar]
        serier:
          - namn: Utfall
            värden: [30, 32, 31]
  - rubrik: Mål och nyckeltal
    nyckeltal:
      - namn: Andel patienter som får besök inom 90 dagar
        mål: 90 %
        utfall: 86 %
        status: delvis               # uppfylld, delvis, ej_uppfylld eller ej_mätt
        kommentar: Förklara avvikelsen.
"#;

const SAMMANTRADE: &str = r#"# yaml-language-server: $schema={schema}
#
# Sammanträde. Ger kallelse med föredragningslista, handlingar, protokoll,
# protokollsutdrag och anslag (PDF och HTML för den digitala anslagstavlan).
# Ärenden läggs till med `ärende:` och sökvägen till deras YAML-fil (relativt till
# den här filen); rubrik, diarienummer och förslag hämtas därifrån.
# Bygg med `kansli build {file}`. Före sammanträdet: `dokument: [kallelse, handlingar]`.
typ: sammanträde
profil: {profil}
nämnd: {namnd}
datum: {datum}
# kallelse_datum: {datum}            # dagen kallelsen skickas; visas i kallelsen
# extra: true                         # extra sammanträde, utanför sammanträdesplanen
tid: "09.00–12.00"
plats: Sammanträdesrum
ordförande: { namn: Ordförande Namnsson, parti: S }
sekreterare: { namn: Sekreterare Namnsson }
ledamöter:
  - { namn: Ordförande Namnsson, parti: S, roll: ordförande }
  - { namn: Vice Namnsson, parti: M, roll: vice ordförande }
  - { namn: Ledamot Namnsson, parti: C }
ersättare:
  - { namn: Ersättare Namnsson, parti: C }
# närvaro:                           # standard: alla ledamöter närvarande
#   frånvarande: [Ledamot Namnsson]
#   tjänstgörande_ersättare:
#     - { namn: Ersättare Namnsson, ersätter: Ledamot Namnsson }   # paragrafer: "3–5"
#   närvarande_ersättare: []         # närvarande men inte tjänstgörande
#   tidvis: []                       # { namn: …, paragrafer: "2–4" } deltar bara där
#   ordförande: Vice Namnsson        # leder mötet när ordföranden är frånvarande
#   övriga: ["Förnamn Efternamn, titel"]
justering:                           # behövs för protokollet
  justerare: [Vice Namnsson]         # tjänstgörande ledamot, inte ordföranden
  datum: {datum}                     # senast 14 dagar efter sammanträdet
  # plats: Sammanträdesrummet
  # sätt: digital                    # tomma signaturfält för e-underskrift i stället för rader
# anslag: {datum}                    # dagen anslaget sätts upp; standard justeringsdagen
# förvaringsplats: Kansliet          # visas i anslaget; standard från profilen
första_paragraf: 1                   # paragraferna löper vidare genom året
# dokument: [kallelse, handlingar]   # standard: kallelse, handlingar, protokoll, utdrag, anslag
punkter:
  - rubrik: Val av justerare och tid för justering   # beslutet skrivs utifrån justering
  # - ärende: ../arenden/mitt-arende.yaml
  #   jäv: [{ namn: Ledamot Namnsson, ersätts_av: Ersättare Namnsson }]
  #   yrkanden: ["Vice Namnsson (M) yrkar bifall till förslaget."]
  #   beslutsgång: Ordföranden ställer proposition på förslaget och finner att nämnden bifaller det.
  #   omröstning: { ja: [Ordförande Namnsson, Vice Namnsson], nej: [Ledamot Namnsson] }
  #   reservationer: ["Ledamot Namnsson (C) reserverar sig mot beslutet."]
  #   protokollsanteckningar: []
  - rubrik: Anmälan av delegationsbeslut
    text: Delegationsbeslut fattade sedan förra sammanträdet anmäls.
    beslut: [Anmälan läggs till handlingarna.]
"#;

/// The scaffold text for a document type, filled in from the profile.
pub fn scaffold(
    kind: DocType,
    profile: &Profile,
    today: chrono::NaiveDate,
    schema_ref: &str,
    file: &str,
) -> String {
    let template = match kind {
        DocType::Tjansteskrivelse => TJANST,
        DocType::Rapport => RAPPORT,
        DocType::Sammantrade => SAMMANTRADE,
    };
    let (dnr, namnd) = example_dnr(profile);
    template
        .replace("{schema}", schema_ref)
        .replace("{file}", file)
        .replace("{profil}", &profile.namn)
        .replace("{namnd}", &namnd)
        .replace("{dnr}", &dnr)
        .replace("{dnr_format}", &profile.diarienummer.beskrivning)
        .replace("{datum}", &today.format("%Y-%m-%d").to_string())
}

/// A diarienummer that fits the profile's pattern, and a nämnd whose prefix it has:
/// the example in the pattern's description ("t.ex. HSN/1798/2023"), when it fits.
fn example_dnr(profile: &Profile) -> (String, String) {
    let rule = &profile.diarienummer;
    let example = rule
        .beskrivning
        .split("t.ex.")
        .nth(1)
        .and_then(|rest| rest.split_whitespace().next())
        .map(|s| s.trim_end_matches([',', ')', '.', ';']).to_string())
        .filter(|s| rule.regex.is_match(s));
    let first_namnd = profile
        .namnder
        .first()
        .map(|n| n.namn.clone())
        .unwrap_or_else(|| "Nämndens namn".into());
    let Some(dnr) = example else {
        return ("ÄNDRA/1/2025".into(), first_namnd);
    };
    let prefix = rule
        .regex
        .captures(&dnr)
        .and_then(|c| c.name("prefix").map(|m| m.as_str().to_string()));
    let namnd = prefix
        .and_then(|p| profile.namnder.iter().find(|n| n.prefix.contains(&p)))
        .map(|n| n.namn.clone())
        .unwrap_or(first_namnd);
    (dnr, namnd)
}

/// `to` relative to the folder `from`, with `/` separators (for the schema modeline).
pub fn relative_path(from_dir: &Path, to: &Path) -> String {
    let from: Vec<Component> = from_dir.components().collect();
    let target: Vec<Component> = to.components().collect();
    let common = from.iter().zip(&target).take_while(|(a, b)| a == b).count();
    let mut parts: Vec<String> = Vec::new();
    for _ in common..from.len() {
        parts.push("..".into());
    }
    for c in &target[common..] {
        parts.push(c.as_os_str().to_string_lossy().into_owned());
    }
    let joined = parts.join("/");
    if joined.starts_with("..") {
        joined
    } else {
        format!("./{joined}")
    }
}

/// Where `kansli new` puts the schema the scaffolds refer to.
pub fn schema_path(project_root: &Path) -> PathBuf {
    project_root.join(crate::model::schema::SCHEMA_FILE)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths() {
        assert_eq!(
            relative_path(
                Path::new("/p/content/a"),
                Path::new("/p/kansli.schema.json")
            ),
            "../../kansli.schema.json"
        );
        assert_eq!(
            relative_path(Path::new("/p"), Path::new("/p/kansli.schema.json")),
            "./kansli.schema.json"
        );
    }
}
