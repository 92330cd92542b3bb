//! Who took part in a meeting, and how each decision was reached: attendance
//! (`närvaro`), jäv, votes (`omröstning`), as written in a meeting file, and who serves
//! on each paragraph, computed once (`shared/spec/sammantrade.md`, "Attendance, votes,
//! justering and anslag").
//!
//! Who serves on a paragraph: the ledamöter present (a `tidvis` ledamot only on their
//! paragraphs), plus tjänstgörande ersättare in place of the absent, minus anyone with
//! jäv on that paragraph, plus their `ersätts_av`. People are matched by name; a party
//! suffix ("Lena Holm (KD)") and case are ignored, so old files keep working.
//!
//! Every rule is an error at the YAML node that breaks it, naming the person.

use std::collections::BTreeSet;
use std::fmt;

use schemars::JsonSchema;
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize};

use super::LoadCx;
use super::common::Person;
use crate::yaml::{Pos, Spanned};

// ---------------------------------------------------------------------------------
// As written

/// `närvaro:` — who attended and in what capacity.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    rename = "Närvaro",
    description = "Närvaro vid sammanträdet. Standard: alla ledamöter närvarande, inga ersättare tjänstgör."
)]
pub struct NarvaroIn {
    #[serde(default, rename = "frånvarande", alias = "franvarande")]
    #[schemars(description = "Ledamöter som inte är närvarande.")]
    pub franvarande: Vec<Spanned<String>>,
    #[serde(
        default,
        rename = "tjänstgörande_ersättare",
        alias = "tjanstgorande_ersattare"
    )]
    #[schemars(
        description = "Ersättare som tjänstgör i en frånvarande ledamots ställe: {namn, ersätter, paragrafer?}."
    )]
    pub tjanstgorande_ersattare: Vec<TjanstgorandeIn>,
    #[serde(
        default,
        rename = "närvarande_ersättare",
        alias = "narvarande_ersattare"
    )]
    #[schemars(
        description = "Ersättare som är närvarande men inte tjänstgör (\"Ej tjänstgörande ersättare\")."
    )]
    pub narvarande_ersattare: Vec<Spanned<String>>,
    #[serde(default)]
    #[schemars(
        description = "Ledamöter som bara deltar i vissa paragrafer (går eller kommer): {namn, paragrafer: \"159–161\"}."
    )]
    pub tidvis: Vec<TidvisIn>,
    #[serde(rename = "ordförande", alias = "ordforande")]
    #[schemars(
        description = "Den som leder sammanträdet när ordföranden är frånvarande, t.ex. vice ordföranden."
    )]
    pub ordforande: Option<Spanned<String>>,
    #[serde(default, rename = "övriga", alias = "ovriga")]
    #[schemars(
        description = "Övriga närvarande, t.ex. \"Sara Lewerentz, hälso- och sjukvårdsdirektör\"."
    )]
    pub ovriga: Vec<String>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "TjänstgörandeErsättare")]
pub struct TjanstgorandeIn {
    #[schemars(description = "Ersättarens namn (ska stå under ersättare).")]
    pub namn: Spanned<String>,
    #[serde(rename = "ersätter", alias = "ersatter")]
    #[schemars(description = "Den frånvarande ledamoten.")]
    pub ersatter: Spanned<String>,
    #[schemars(description = "Bara dessa paragrafer, t.ex. \"201–203\"; standard alla.")]
    pub paragrafer: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Tidvis")]
pub struct TidvisIn {
    #[schemars(description = "Ledamotens namn.")]
    pub namn: Spanned<String>,
    #[schemars(
        description = "Paragraferna ledamoten deltar i, t.ex. \"159–161\" eller \"159, 162\"."
    )]
    pub paragrafer: Spanned<String>,
}

/// A jäv: a name (as in old files), or `{namn, ersätts_av}`.
#[derive(Debug, Clone)]
pub struct JavIn {
    pub namn: Spanned<String>,
    pub ersatts_av: Option<Spanned<String>>,
}

#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Jäv")]
struct JavFull {
    #[schemars(description = "Den som anmäler jäv.")]
    namn: Spanned<String>,
    #[serde(rename = "ersätts_av", alias = "ersatts_av")]
    #[schemars(description = "Ersättaren som tjänstgör i stället på denna paragraf.")]
    ersatts_av: Option<Spanned<String>>,
}

impl JsonSchema for JavIn {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "JävEllerNamn".into()
    }
    fn inline_schema() -> bool {
        true
    }
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let full = generator.subschema_for::<JavFull>();
        schemars::json_schema!({
            "anyOf": [ { "type": "string", "description": "Namnet på den som anmäler jäv." }, full ]
        })
    }
}

impl<'de> Deserialize<'de> for JavIn {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = JavIn;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("ett namn eller en mappning med namn och ersätts_av")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<JavIn, E> {
                Ok(JavIn {
                    namn: Spanned {
                        value: v.to_string(),
                        pos: Pos::default(),
                    },
                    ersatts_av: None,
                })
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<JavIn, A::Error> {
                let full = JavFull::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(JavIn {
                    namn: full.namn,
                    ersatts_av: full.ersatts_av,
                })
            }
        }
        d.deserialize_any(V)
    }
}

// ---------------------------------------------------------------------------------
// Names

/// A name as people are compared: without a party suffix "(KD)", extra spaces and case.
pub fn name_key(name: &str) -> String {
    let mut s = name.trim();
    if s.ends_with(')')
        && let Some(open) = s.rfind('(')
    {
        s = s[..open].trim_end();
    }
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Everyone the meeting file names as ledamot or ersättare.
#[derive(Debug, Clone)]
pub struct Roster {
    pub people: Vec<Member>,
}

#[derive(Debug, Clone)]
pub struct Member {
    pub person: Person,
    pub ledamot: bool,
    key: String,
}

impl Roster {
    pub fn new(ledamoter: &[Person], ersattare: &[Person]) -> Roster {
        let mut people = Vec::new();
        for (list, ledamot) in [(ledamoter, true), (ersattare, false)] {
            for p in list {
                people.push(Member {
                    key: name_key(&p.namn),
                    person: p.clone(),
                    ledamot,
                });
            }
        }
        Roster { people }
    }

    /// The first person with this name (ledamöter before ersättare).
    pub fn find(&self, name: &str) -> Option<usize> {
        let key = name_key(name);
        self.people.iter().position(|m| m.key == key)
    }

    pub fn ledamot_count(&self) -> usize {
        self.people.iter().filter(|m| m.ledamot).count()
    }

    /// "Anna Lindgren (S)".
    pub fn display(&self, i: usize) -> String {
        display_person(&self.people[i].person)
    }

    pub fn namn(&self, i: usize) -> &str {
        &self.people[i].person.namn
    }

    /// The closest known name to a misspelt one.
    pub fn suggest(&self, name: &str) -> Option<String> {
        let names: Vec<&str> = self.people.iter().map(|m| m.person.namn.as_str()).collect();
        let best = names
            .iter()
            .map(|n| {
                (
                    strsim::normalized_levenshtein(&name_key(n), &name_key(name)),
                    *n,
                )
            })
            .filter(|(score, _)| *score >= 0.6)
            .max_by(|a, b| a.0.total_cmp(&b.0))?;
        Some(best.1.to_string())
    }
}

pub fn display_person(p: &Person) -> String {
    match &p.parti {
        Some(parti) if !parti.trim().is_empty() => format!("{} ({})", p.namn, parti.trim()),
        _ => p.namn.clone(),
    }
}

// ---------------------------------------------------------------------------------
// Paragraph ranges

/// Parses "159–161", "159-161", "§§ 159–161", "159, 162", "160" into § numbers.
pub fn parse_paragrafer(s: &str) -> Result<BTreeSet<u32>, String> {
    let cleaned = s.replace('§', " ");
    let mut out = BTreeSet::new();
    for part in cleaned.split([',', ';']).map(str::trim) {
        if part.is_empty() {
            continue;
        }
        let normalised = part.replace(['–', '—', '−'], "-");
        let bad = || {
            format!(
                "\"{}\" är inga paragrafer; skriv t.ex. \"159–161\" eller \"159, 162\"",
                s.trim()
            )
        };
        match normalised.split_once('-') {
            Some((a, b)) => {
                let a: u32 = a.trim().parse().map_err(|_| bad())?;
                let b: u32 = b.trim().parse().map_err(|_| bad())?;
                if a > b || b - a > 10_000 {
                    return Err(bad());
                }
                out.extend(a..=b);
            }
            None => {
                out.insert(normalised.trim().parse().map_err(|_| bad())?);
            }
        }
    }
    if out.is_empty() {
        return Err(format!(
            "\"{}\" är inga paragrafer; skriv t.ex. \"159–161\"",
            s.trim()
        ));
    }
    Ok(out)
}

/// "§ 160", "§§ 159–161", "§§ 159, 161–162" (a run of two is "159–160", as written).
pub fn format_paragrafer(set: &BTreeSet<u32>) -> String {
    let mut runs: Vec<(u32, u32)> = Vec::new();
    for &n in set {
        match runs.last_mut() {
            Some((_, end)) if *end + 1 == n => *end = n,
            _ => runs.push((n, n)),
        }
    }
    let parts: Vec<String> = runs
        .iter()
        .map(|&(a, b)| {
            if a == b {
                a.to_string()
            } else {
                format!("{a}–{b}")
            }
        })
        .collect();
    let sign = if set.len() == 1 { "§" } else { "§§" };
    format!("{sign} {}", parts.join(", "))
}

// ---------------------------------------------------------------------------------
// Resolved

/// Attendance at the meeting, as the protokoll's first page shows it.
#[derive(Debug, Clone, Serialize, Default)]
pub struct Narvaro {
    /// "Anna Lindgren (S), ordförande", "Mats Eriksson (V), §§ 159–160".
    pub beslutande: Vec<String>,
    /// "Jonas Berg (S) ersätter Karin Sjöberg (C)".
    pub tjanstgorande: Vec<String>,
    pub ej_tjanstgorande: Vec<String>,
    pub ovriga: Vec<String>,
    pub franvarande: Vec<String>,
    /// Who presides (the ordförande, or `närvaro.ordförande`): plain name and with party.
    pub ordforande: String,
    pub ordforande_visning: String,
    /// Whether someone other than the ordförande presides.
    pub tjanstgorande_ordforande: bool,
}

/// What one paragraph records about who took part and how it was decided.
#[derive(Debug, Clone, Serialize, Default)]
pub struct Deltagande {
    /// "Lena Holm (KD) anmäler jäv och deltar inte i handläggningen av ärendet."
    pub jav: Vec<String>,
    /// Those serving on this paragraph, with party.
    pub tjanstgor: Vec<String>,
    pub votering: Option<Votering>,
}

/// The checked attendance: who serves on which paragraph.
pub struct Serving {
    /// Per agenda item (index), the roster indices serving, in roster order.
    pub per_punkt: Vec<Vec<usize>>,
    /// Roster index of whoever presides, if they are in the roster.
    pub ordforande: Option<usize>,
    pub narvaro: Narvaro,
    /// Per agenda item: who has jäv (roster indices).
    pub javiga: Vec<Vec<usize>>,
    /// Per roster index: the paragraphs an ersättare serves on and whose seat they take
    /// there (the ledamot's roster index).
    pub ersatter: Vec<Vec<(u32, usize)>>,
    /// Roster indices of the ledamöter under `närvaro.frånvarande`.
    pub absent: Vec<usize>,
    /// Per roster index: the paragraphs a `tidvis` ledamot is present for.
    pub only: Vec<Option<BTreeSet<u32>>>,
}

/// One agenda item's attendance input.
pub struct PunktNarvaro<'a> {
    pub paragraf: u32,
    pub pos: Pos,
    pub field: String,
    pub jav: &'a [Spanned<JavIn>],
}

/// Resolves who serves on each paragraph and checks the attendance rules.
pub fn resolve(
    cx: &mut LoadCx,
    roster: &Roster,
    narvaro: &NarvaroIn,
    narvaro_pos: Pos,
    ordforande: &Person,
    punkter: &[PunktNarvaro],
    every: &BTreeSet<u32>,
) -> Serving {
    let n_punkter = punkter.len();
    let all: BTreeSet<u32> = punkter.iter().map(|p| p.paragraf).collect();
    let index_of = |paragraf: u32| punkter.iter().position(|p| p.paragraf == paragraf);

    // Unknown names are reported once each, with a suggestion.
    let unknown = |cx: &mut LoadCx, name: &Spanned<String>, field: &str, what: &str| {
        let d = cx.error(
            name.pos,
            field,
            format!(
                "{} står inte bland {what} i sammanträdet",
                name.value.trim()
            ),
        );
        if let Some(s) = roster.suggest(&name.value) {
            d.hints.push(format!("menade du \"{s}\"?"));
        }
    };
    let paragraphs_of = |cx: &mut LoadCx, spec: &Spanned<String>, field: &str| -> BTreeSet<u32> {
        match parse_paragrafer(&spec.value) {
            Ok(set) => {
                // (Against every point's §, also one whose ärende failed to load and
                // has its own error: "§ 2 finns inte" after it misled, review 24.)
                let outside: Vec<u32> = set.difference(every).copied().collect();
                if !outside.is_empty() {
                    let range = format_paragrafer(every);
                    cx.error(
                        spec.pos,
                        field,
                        format!(
                            "{} finns inte i protokollet ({range})",
                            format_paragrafer(&outside.into_iter().collect())
                        ),
                    );
                }
                // (Every point's §, also a failed one's: kept to the loaded ones, a
                // message on another error read "närvarande bara på §§ 67–76" where
                // the file says 66–76, review 39. Only the loaded points are set.)
                set.intersection(every).copied().collect()
            }
            Err(msg) => {
                cx.error(spec.pos, field, msg);
                BTreeSet::new()
            }
        }
    };

    // Ledamöter present, per paragraph.
    let mut present: Vec<bool> = roster.people.iter().map(|m| m.ledamot).collect();
    let mut seen_absent: Vec<usize> = Vec::new();
    for (i, name) in narvaro.franvarande.iter().enumerate() {
        let field = format!("närvaro.frånvarande[{}]", i + 1);
        match roster.find(&name.value) {
            Some(r) if roster.people[r].ledamot => {
                if seen_absent.contains(&r) {
                    cx.error(
                        name.pos,
                        &field,
                        format!("{} står redan som frånvarande", roster.namn(r)),
                    );
                }
                seen_absent.push(r);
                present[r] = false;
            }
            Some(r) => {
                let d = cx.error(
                    name.pos,
                    &field,
                    format!(
                        "{} är ersättare, inte ledamot; bara ledamöter anges som frånvarande",
                        roster.namn(r)
                    ),
                );
                d.hints.push(
                    "ersättare som inte nämns under närvaro skrivs inte ut i protokollet".into(),
                );
            }
            None => unknown(cx, name, &field, "ledamöterna"),
        }
    }
    // Paragraph sets per roster person: None = every paragraph.
    let mut only: Vec<Option<BTreeSet<u32>>> = vec![None; roster.people.len()];
    for (i, t) in narvaro.tidvis.iter().enumerate() {
        let field = format!("närvaro.tidvis[{}]", i + 1);
        match roster.find(&t.namn.value) {
            Some(r) if roster.people[r].ledamot && present[r] => {
                if only[r].is_some() {
                    cx.error(
                        t.namn.pos,
                        &format!("{field}.namn"),
                        format!("{} står redan under tidvis", roster.namn(r)),
                    );
                }
                only[r] = Some(paragraphs_of(
                    cx,
                    &t.paragrafer,
                    &format!("{field}.paragrafer"),
                ));
            }
            Some(r) if roster.people[r].ledamot => {
                cx.error(
                    t.namn.pos,
                    &format!("{field}.namn"),
                    format!(
                        "{} står som frånvarande och kan inte samtidigt delta tidvis",
                        roster.namn(r)
                    ),
                );
            }
            Some(r) => {
                let d = cx.error(
                    t.namn.pos,
                    &format!("{field}.namn"),
                    format!("{} är ersättare, inte ledamot", roster.namn(r)),
                );
                d.hints.push("en ersättare som bara tjänstgör på vissa paragrafer får `paragrafer:` under tjänstgörande_ersättare".into());
            }
            None => unknown(cx, &t.namn, &format!("{field}.namn"), "ledamöterna"),
        }
    }
    let ledamot_serves = |r: usize, paragraf: u32| -> bool {
        present[r] && only[r].as_ref().is_none_or(|s| s.contains(&paragraf))
    };

    // Jäv, per paragraph: names first (a tjänstgörande ersättare may stand in for a jävig).
    let mut javiga: Vec<Vec<usize>> = vec![Vec::new(); n_punkter];
    for (pi, p) in punkter.iter().enumerate() {
        for (ji, j) in p.jav.iter().enumerate() {
            let field = format!("{}.jäv[{}]", p.field, ji + 1);
            match roster.find(&j.value.namn.value) {
                Some(r) => {
                    if javiga[pi].contains(&r) {
                        cx.error(
                            j.value.namn.pos,
                            &field,
                            format!(
                                "{} har redan anmält jäv på § {}",
                                roster.namn(r),
                                p.paragraf
                            ),
                        );
                    } else {
                        javiga[pi].push(r);
                    }
                }
                None => unknown(cx, &j.value.namn, &field, "ledamöterna eller ersättarna"),
            }
        }
    }

    // Tjänstgörande ersättare.
    // (ersättare, paragraf) → whom they replace; (ledamot, paragraf) → by whom.
    let mut serves_for: Vec<Vec<(u32, usize)>> = vec![Vec::new(); roster.people.len()];
    let mut replaced_by: Vec<Vec<(u32, usize)>> = vec![Vec::new(); roster.people.len()];
    let mut full_time: Vec<bool> = vec![false; roster.people.len()];
    let mut tjanstgorande_lines = Vec::new();
    for (i, t) in narvaro.tjanstgorande_ersattare.iter().enumerate() {
        let field = format!("närvaro.tjänstgörande_ersättare[{}]", i + 1);
        let ers = match roster.find(&t.namn.value) {
            Some(r) if !roster.people[r].ledamot => Some(r),
            Some(r) => {
                cx.error(
                    t.namn.pos,
                    &format!("{field}.namn"),
                    format!("{} är ledamot, inte ersättare", roster.namn(r)),
                );
                None
            }
            None => {
                unknown(cx, &t.namn, &format!("{field}.namn"), "ersättarna");
                None
            }
        };
        let led = match roster.find(&t.ersatter.value) {
            Some(r) if roster.people[r].ledamot => Some(r),
            Some(r) => {
                cx.error(
                    t.ersatter.pos,
                    &format!("{field}.ersätter"),
                    format!(
                        "{} är ersättare; en ersättare ersätter en ledamot",
                        roster.namn(r)
                    ),
                );
                None
            }
            None => {
                unknown(cx, &t.ersatter, &format!("{field}.ersätter"), "ledamöterna");
                None
            }
        };
        let set = match &t.paragrafer {
            Some(spec) => paragraphs_of(cx, spec, &format!("{field}.paragrafer")),
            None => all.clone(),
        };
        let (Some(ers), Some(led)) = (ers, led) else {
            continue;
        };
        if t.paragrafer.is_none() {
            full_time[ers] = true;
        }
        let mut reported = false;
        for &paragraf in &set {
            if reported {
                break;
            }
            // (A failed point's § is in `set` (it is a paragraph of the protokoll, see
            // `paragraphs_of`) but not among the loaded points: nothing to check there.
            // Review 42: a rapport with an error, its § under an ersättare's
            // `paragrafer:`, panicked here.)
            let Some(pi) = index_of(paragraf) else {
                continue;
            };
            if let Some((_, other)) = serves_for[ers].iter().find(|(q, _)| *q == paragraf) {
                cx.error(
                    t.namn.pos,
                    &format!("{field}.namn"),
                    format!(
                        "{} tjänstgör redan på § {paragraf} (ersätter {}); en ersättare kan bara ersätta en ledamot åt gången",
                        roster.namn(ers),
                        roster.namn(*other)
                    ),
                );
                reported = true;
                continue;
            }
            if ledamot_serves(led, paragraf) && !javiga[pi].contains(&led) {
                let d = cx.error(
                    t.ersatter.pos,
                    &format!("{field}.ersätter"),
                    format!(
                        "{} är närvarande och tjänstgör själv på § {paragraf}; en ersättare kan bara ersätta den som är frånvarande eller jävig",
                        roster.namn(led)
                    ),
                );
                d.hints.push(format!(
                    "skriv {} under närvaro.frånvarande, eller ange vilka paragrafer ersättaren tjänstgör på med `paragrafer:`",
                    roster.namn(led)
                ));
                reported = true;
                continue;
            }
            if let Some((_, other)) = replaced_by[led].iter().find(|(q, _)| *q == paragraf) {
                cx.error(
                    t.namn.pos,
                    &format!("{field}.namn"),
                    format!(
                        "{} ersätts redan av {} på § {paragraf}",
                        roster.namn(led),
                        roster.namn(*other)
                    ),
                );
                reported = true;
                continue;
            }
            serves_for[ers].push((paragraf, led));
            replaced_by[led].push((paragraf, ers));
        }
        let mut line = format!("{} ersätter {}", roster.display(ers), roster.display(led));
        if t.paragrafer.is_some() && !set.is_empty() {
            line.push_str(&format!(", {}", format_paragrafer(&set)));
        }
        tjanstgorande_lines.push(line);
    }

    // Serving before jäv replacements: ledamöter on their paragraphs and ersättare in
    // place of the absent.
    let mut per_punkt: Vec<Vec<usize>> = Vec::with_capacity(n_punkter);
    for p in punkter {
        let mut serving: Vec<usize> = (0..roster.people.len())
            .filter(|&r| roster.people[r].ledamot && ledamot_serves(r, p.paragraf))
            .collect();
        for (r, list) in serves_for.iter().enumerate() {
            if list.iter().any(|(q, _)| *q == p.paragraf) {
                serving.push(r);
            }
        }
        per_punkt.push(serving);
    }
    let serves_at_all =
        |per_punkt: &[Vec<usize>], r: usize| per_punkt.iter().any(|s| s.contains(&r));

    // Jäv: out go the jäviga, in come their ersätts_av.
    // Who served in whose place because of jäv, and on which paragraphs: the first page
    // lists them with the tjänstgörande ersättare.
    let mut jav_service: std::collections::BTreeMap<(usize, usize), BTreeSet<u32>> =
        Default::default();
    for (pi, p) in punkter.iter().enumerate() {
        for (ji, j) in p.jav.iter().enumerate() {
            let field = format!("{}.jäv[{}]", p.field, ji + 1);
            let Some(r) = roster.find(&j.value.namn.value) else {
                continue;
            };
            if !per_punkt[pi].contains(&r) {
                cx.warning(
                    j.value.namn.pos,
                    &field,
                    format!(
                        "{} tjänstgör inte på § {}; jävet ändrar inte vilka som beslutar",
                        roster.namn(r),
                        p.paragraf
                    ),
                );
            }
            per_punkt[pi].retain(|&x| x != r);
            let Some(by) = &j.value.ersatts_av else {
                continue;
            };
            let by_field = format!("{field}.ersätts_av");
            match roster.find(&by.value) {
                Some(e) if roster.people[e].ledamot => {
                    cx.error(
                        by.pos,
                        &by_field,
                        format!("{} är ledamot, inte ersättare", roster.namn(e)),
                    );
                }
                Some(e) => {
                    if per_punkt[pi].contains(&e) {
                        let whom = serves_for[e]
                            .iter()
                            .find(|(q, _)| *q == p.paragraf)
                            .map(|(_, w)| format!(" (ersätter {})", roster.namn(*w)))
                            .unwrap_or_default();
                        cx.error(
                            by.pos,
                            &by_field,
                            format!(
                                "{} tjänstgör redan på § {}{whom}; en ersättare kan bara ersätta en ledamot åt gången",
                                roster.namn(e),
                                p.paragraf
                            ),
                        );
                    } else if javiga[pi].contains(&e) {
                        cx.error(
                            by.pos,
                            &by_field,
                            format!(
                                "{} har själv anmält jäv på § {}",
                                roster.namn(e),
                                p.paragraf
                            ),
                        );
                    } else if let Some((_, other)) =
                        replaced_by[r].iter().find(|(q, _)| *q == p.paragraf)
                    {
                        cx.error(
                            by.pos,
                            &by_field,
                            format!(
                                "{} ersätts redan av {} på § {}",
                                roster.namn(r),
                                roster.namn(*other),
                                p.paragraf
                            ),
                        );
                    } else {
                        per_punkt[pi].push(e);
                        serves_for[e].push((p.paragraf, r));
                        replaced_by[r].push((p.paragraf, e));
                        jav_service.entry((e, r)).or_default().insert(p.paragraf);
                    }
                }
                None => unknown(cx, by, &by_field, "ersättarna"),
            }
        }
        per_punkt[pi].sort_unstable();
    }
    for ((e, r), set) in &jav_service {
        // ("vid jäv" bound by a no-break space: review 43's list broke "vid / jäv, § 50";
        // the text layer reads a space.)
        tjanstgorande_lines.push(format!(
            "{} ersätter {} vid\u{a0}jäv, {}",
            roster.display(*e),
            roster.display(*r),
            format_paragrafer(set)
        ));
    }

    // Beslutsförhet (kommunallagen 6 kap. 27 §), per paragraph.
    let seats = roster.ledamot_count();
    let failing: Vec<usize> = (0..n_punkter)
        .filter(|&pi| per_punkt[pi].len() * 2 <= seats)
        .collect();
    // Those who serve on every paragraph before jäv: if even they are too few, the
    // meeting as a whole is not beslutsför, which is said once.
    let base: usize = (0..roster.people.len())
        .filter(|&r| (roster.people[r].ledamot && present[r] && only[r].is_none()) || full_time[r])
        .count();
    if !failing.is_empty() && seats > 0 {
        let hint = |extra: &str| {
            format!(
                "mer än hälften av ledamöterna måste tjänstgöra (kommunallagen 6 kap. 27 §), alltså minst {}{extra}",
                seats / 2 + 1
            )
        };
        if base * 2 <= seats && failing.len() == n_punkter {
            let d = cx.error(
                narvaro_pos,
                "närvaro.frånvarande",
                format!("nämnden är inte beslutsför: {base} av {seats} ledamöter tjänstgör"),
            );
            d.hints.push(hint(
                "; kalla in ersättare under närvaro.tjänstgörande_ersättare",
            ));
        } else {
            for pi in failing {
                let p = &punkter[pi];
                let pos = p.jav.first().map(|j| j.value.namn.pos).unwrap_or(p.pos);
                let n = per_punkt[pi].len();
                let d = cx.error(
                    pos,
                    &p.field,
                    format!(
                        "nämnden är inte beslutsför på § {}: {n} av {seats} ledamöter tjänstgör",
                        p.paragraf
                    ),
                );
                d.hints
                    .push(hint("; en jävig ledamot kan ersättas med `ersätts_av:`"));
            }
        }
    }

    // Ej tjänstgörande ersättare.
    let mut ej = Vec::new();
    for (i, name) in narvaro.narvarande_ersattare.iter().enumerate() {
        let field = format!("närvaro.närvarande_ersättare[{}]", i + 1);
        match roster.find(&name.value) {
            Some(r) if !roster.people[r].ledamot => {
                if full_time[r] {
                    cx.error(
                        name.pos,
                        &field,
                        format!("{} tjänstgör under hela sammanträdet och är inte ej tjänstgörande ersättare", roster.namn(r)),
                    );
                }
                // An ersättare who served on some paragraphs (in a jävig ledamot's
                // place, or for part of the meeting) is named once more here, with
                // the paragraphs left out ("Helena Dahl (C), utom § 45").
                let served: BTreeSet<u32> = serves_for[r].iter().map(|(p, _)| *p).collect();
                if served.is_empty() {
                    ej.push(roster.display(r));
                } else {
                    ej.push(format!(
                        "{}, utom {}",
                        roster.display(r),
                        format_paragrafer(&served)
                    ));
                }
            }
            Some(r) => {
                cx.error(
                    name.pos,
                    &field,
                    format!("{} är ledamot, inte ersättare", roster.namn(r)),
                );
            }
            None => unknown(cx, name, &field, "ersättarna"),
        }
    }

    // Who presides.
    let ord_key = roster.find(&ordforande.namn);
    let (presiding, presiding_display, other_presides) = match &narvaro.ordforande {
        Some(name) => match roster.find(&name.value) {
            Some(r) => {
                if !serves_at_all(&per_punkt, r) {
                    cx.error(
                        name.pos,
                        "närvaro.ordförande",
                        format!(
                            "{} tjänstgör inte vid sammanträdet och kan inte leda det",
                            roster.namn(r)
                        ),
                    );
                }
                (Some(r), roster.display(r), ord_key != Some(r))
            }
            None => {
                unknown(cx, name, "närvaro.ordförande", "ledamöterna");
                (None, name.value.clone(), true)
            }
        },
        None => {
            if let Some(r) = ord_key
                && !present[r]
                && roster.people[r].ledamot
            {
                let pos = narvaro
                    .franvarande
                    .iter()
                    .find(|n| roster.find(&n.value) == Some(r))
                    .map(|n| n.pos)
                    .unwrap_or(narvaro_pos);
                let d = cx.error(
                    pos,
                    "närvaro.frånvarande",
                    format!("ordföranden {} är frånvarande, och det står inte vem som leder sammanträdet", roster.namn(r)),
                );
                d.hints
                    .push("ange t.ex. vice ordföranden under närvaro.ordförande".into());
            }
            (
                ord_key,
                ord_key
                    .map(|r| roster.display(r))
                    .unwrap_or_else(|| display_person(ordforande)),
                false,
            )
        }
    };

    // The first page: ledamöter present, with their part-time paragraphs.
    let beslutande = (0..roster.people.len())
        .filter(|&r| roster.people[r].ledamot && present[r])
        .map(|r| {
            let mut s = roster.display(r);
            if Some(r) == presiding && other_presides {
                // A vice ordförande (or another ledamot) who presides in the
                // ordförande's place: the record says so (review 37 read "Anders
                // Moilanen (M), ordförande" while Helena Brattström is ordförande).
                s.push_str(", tjänstgörande ordförande");
            } else if Some(r) == presiding {
                s.push_str(", ordförande");
            } else if let Some(roll) = &roster.people[r].person.roll
                && !roll.trim().is_empty()
                && !(other_presides && name_key(roll) == "ordförande")
            {
                s.push_str(&format!(", {}", roll.trim()));
            }
            if let Some(set) = &only[r] {
                s.push_str(&format!(", {}", format_paragrafer(set)));
            }
            s
        })
        .collect();
    let franvarande = seen_absent.iter().map(|&r| roster.display(r)).collect();
    let narvaro_out = Narvaro {
        beslutande,
        tjanstgorande: tjanstgorande_lines,
        ej_tjanstgorande: ej,
        ovriga: narvaro.ovriga.clone(),
        franvarande,
        ordforande: presiding
            .map(|r| roster.namn(r).to_string())
            .unwrap_or_else(|| ordforande.namn.clone()),
        ordforande_visning: presiding_display,
        tjanstgorande_ordforande: other_presides,
    };
    Serving {
        per_punkt,
        ordforande: presiding,
        narvaro: narvaro_out,
        javiga,
        ersatter: serves_for,
        absent: seen_absent,
        only,
    }
}

impl Serving {
    pub fn serves_at_all(&self, r: usize) -> bool {
        self.per_punkt.iter().any(|s| s.contains(&r))
    }

    /// Why roster person `r` does not serve on agenda item `pi` (§ `paragraf`), as the
    /// attendance says it, for an error message: " (står under närvaro.frånvarande)".
    pub fn why_not_serving(&self, roster: &Roster, r: usize, pi: usize, paragraf: u32) -> String {
        if self.javiga[pi].contains(&r) {
            " (har anmält jäv)".into()
        } else if self.absent.contains(&r) {
            " (står under närvaro.frånvarande)".into()
        } else if let Some(set) = &self.only[r]
            && !set.is_empty()
            && !set.contains(&paragraf)
        {
            format!(
                " (närvarande bara på {} enligt närvaro.tidvis)",
                format_paragrafer(set)
            )
        } else if !roster.people[r].ledamot {
            let on: BTreeSet<u32> = self.ersatter[r].iter().map(|&(p, _)| p).collect();
            if on.is_empty() {
                " (ersättare som inte tjänstgör)".into()
            } else {
                format!(
                    " (ersättare som tjänstgör bara på {})",
                    format_paragrafer(&on)
                )
            }
        } else {
            String::new()
        }
    }

    /// The jäv lines and serving list of one paragraph.
    pub fn deltagande(&self, roster: &Roster, pi: usize, jav: &[Spanned<JavIn>]) -> Deltagande {
        let mut lines = Vec::new();
        for j in jav {
            let name = match roster.find(&j.value.namn.value) {
                Some(r) => roster.display(r),
                None => j.value.namn.value.trim().to_string(),
            };
            let mut line =
                format!("{name} anmäler jäv och deltar inte i handläggningen av ärendet.");
            if let Some(by) = &j.value.ersatts_av {
                let by = match roster.find(&by.value) {
                    Some(r) => roster.display(r),
                    None => by.value.trim().to_string(),
                };
                line.push_str(&format!(" {by} tjänstgör i stället."));
            }
            lines.push(line);
        }
        Deltagande {
            jav: lines,
            tjanstgor: self.per_punkt[pi]
                .iter()
                .map(|&r| roster.display(r))
                .collect(),
            votering: None,
        }
    }
}

/// The result of an omröstning on a paragraph (made by `votering`), part of who took
/// part in it and how.
#[derive(Debug, Clone, Serialize)]
pub struct Votering {
    /// "Ja-röst för bifall till förslaget, nej-röst för avslag på förslaget."
    pub proposition: String,
    /// "Hälso- och sjukvårdsnämnden beslutar med 4 ja-röster mot 1 nej-röst att bifalla förslaget."
    pub resultat: String,
    /// "4 ja-röster mot 1 nej-röst"
    pub utfall: String,
    pub ja: usize,
    pub nej: usize,
    pub avstar: usize,
    pub utslagsrost: bool,
    pub lista: Vec<Rost>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Rost {
    pub namn: String,
    pub parti: String,
    pub rost: &'static str,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_match_without_party_and_case() {
        assert_eq!(name_key("Lena Holm (KD)"), "lena holm");
        assert_eq!(name_key("  lena   HOLM "), "lena holm");
        assert_eq!(name_key("Per Olofsson"), "per olofsson");
    }

    #[test]
    fn paragraph_ranges() {
        let set = parse_paragrafer("159–161").unwrap();
        assert_eq!(set.into_iter().collect::<Vec<_>>(), vec![159, 160, 161]);
        let set = parse_paragrafer("§§ 159-160, 162").unwrap();
        assert_eq!(set.iter().copied().collect::<Vec<_>>(), vec![159, 160, 162]);
        assert_eq!(format_paragrafer(&set), "§§ 159–160, 162");
        assert_eq!(
            format_paragrafer(&parse_paragrafer("201–203").unwrap()),
            "§§ 201–203"
        );
        assert_eq!(format_paragrafer(&parse_paragrafer("7").unwrap()), "§ 7");
        assert!(parse_paragrafer("161–159").is_err());
        assert!(parse_paragrafer("alla").is_err());
        assert!(parse_paragrafer("").is_err());
    }
}
