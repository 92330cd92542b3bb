//! Types and checks shared by the document types: dates, people, decisions, bilagor,
//! the diarienummer and the choice of profile.

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::{Datelike, NaiveDate};
use schemars::JsonSchema;
use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Serialize};

use super::LoadCx;
use crate::profile::Profile;
use crate::yaml::{Node, Pos, Spanned};

/// A calendar date, written `YYYY-MM-DD` in YAML.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Datum(pub NaiveDate);

/// The Swedish month names, lower case, as dates are written in running text.
pub(crate) const MONTHS: [&str; 12] = [
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
];

impl Datum {
    /// `2023-11-08`, as in header fields.
    pub fn iso(&self) -> String {
        self.0.format("%Y-%m-%d").to_string()
    }

    /// `8 november 2023`, as in running text.
    pub fn words(&self) -> String {
        format!(
            "{} {} {}",
            self.0.day(),
            MONTHS[self.0.month0() as usize],
            self.0.year()
        )
    }

    pub fn year(&self) -> i32 {
        self.0.year()
    }

    pub fn parse(s: &str) -> Result<Datum, String> {
        let t = s.trim();
        let shape_ok = t.len() == 10
            && t.chars().enumerate().all(|(i, c)| {
                if i == 4 || i == 7 {
                    c == '-'
                } else {
                    c.is_ascii_digit()
                }
            });
        let guess = || match guess_date(t) {
            Some(d) => format!("; menade du {}?", d.format("%Y-%m-%d")),
            None => String::new(),
        };
        if !shape_ok {
            return Err(format!(
                "\"{}\" är inget datum på formen ÅÅÅÅ-MM-DD{}",
                crate::yaml::shorten(t),
                guess()
            ));
        }
        NaiveDate::parse_from_str(t, "%Y-%m-%d")
            .map(Datum)
            .map_err(|_| {
                format!(
                    "\"{t}\" är inget giltigt datum (ÅÅÅÅ-MM-DD){}{}",
                    why_not_a_date(t),
                    guess()
                )
            })
    }
}

/// Why a date of the right shape is none: the month, or the days the month has
/// (review 52: "2027-02-30" was "inget giltigt datum" without saying that February
/// 2027 has 28 days).
fn why_not_a_date(t: &str) -> String {
    let num = |r: std::ops::Range<usize>| t.get(r).and_then(|p| p.parse::<u32>().ok());
    let (Some(year), Some(month), Some(day)) = (num(0..4), num(5..7), num(8..10)) else {
        return String::new();
    };
    if !(1..=12).contains(&month) {
        return format!(": det finns ingen månad {month}");
    }
    if day == 0 {
        return ": det finns ingen dag 0".to_string();
    }
    let first = NaiveDate::from_ymd_opt(year as i32, month, 1);
    let next = if month == 12 {
        NaiveDate::from_ymd_opt(year as i32 + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(year as i32, month + 1, 1)
    };
    match (first, next) {
        (Some(a), Some(b)) if i64::from(day) > (b - a).num_days() => format!(
            ": {} {year} har {} dagar",
            MONTHS[month as usize - 1],
            (b - a).num_days()
        ),
        _ => String::new(),
    }
}

/// The date a user most likely meant by a date written in another common form:
/// "18/10/2028", "18.10.2028", "2028/10/18", "20281018", "2028-10-8", "18 oktober 2028"
/// (day first, as Swedish writes it), or ISO with month and day swapped ("2028-18-10").
fn guess_date(t: &str) -> Option<NaiveDate> {
    let lower = t.to_lowercase();
    let parts: Vec<&str> = lower
        .split(|c: char| c == '-' || c == '/' || c == '.' || c.is_whitespace())
        .filter(|p| !p.is_empty())
        .collect();
    let num = |p: &str| p.parse::<u32>().ok();
    let month = |p: &str| {
        num(p).or_else(|| {
            (p.chars().count() >= 3)
                .then(|| MONTHS.iter().position(|m| m.starts_with(p)))
                .flatten()
                .map(|i| i as u32 + 1)
        })
    };
    let ymd = |y: u32, m: u32, d: u32| NaiveDate::from_ymd_opt(y as i32, m, d);
    match parts.as_slice() {
        [one] if one.len() == 8 && one.chars().all(|c| c.is_ascii_digit()) => {
            ymd(num(&one[..4])?, num(&one[4..6])?, num(&one[6..])?)
        }
        [a, b, c] if a.len() == 4 => {
            let (y, m, d) = (num(a)?, num(b)?, num(c)?);
            ymd(y, m, d).or_else(|| ymd(y, d, m))
        }
        [a, b, c] if c.len() == 4 => ymd(num(c)?, month(b)?, num(a)?),
        _ => None,
    }
}

impl fmt::Display for Datum {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.iso())
    }
}

impl<'de> Deserialize<'de> for Datum {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Datum::parse(&s).map_err(de::Error::custom)
    }
}

impl Serialize for Datum {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.iso())
    }
}

/// The case officer.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Handläggare", description = "Handläggaren.")]
pub struct Handlaggare {
    #[schemars(description = "För- och efternamn.")]
    pub namn: String,
    #[schemars(description = "Enhet eller avdelning.")]
    pub enhet: Option<String>,
    #[schemars(description = "Titel, t.ex. Nämndsekreterare.")]
    pub titel: Option<String>,
    #[serde(alias = "e-post", alias = "mejl")]
    #[schemars(description = "E-postadress.")]
    pub epost: Option<String>,
    #[schemars(description = "Telefonnummer.")]
    pub telefon: Option<String>,
}

/// A signatory.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "En underskrift.")]
pub struct Underskrift {
    #[schemars(description = "Namn.")]
    pub namn: String,
    #[schemars(description = "Titel, t.ex. Regiondirektör.")]
    pub titel: Option<String>,
}

/// The proposed decision: a heading, a lead-in and the decision points.
#[derive(Debug, Clone, Serialize, Default)]
pub struct Forslag {
    pub rubrik: Option<String>,
    pub inledning: Option<String>,
    pub beslut: Vec<String>,
    #[serde(skip)]
    pub pos: Pos,
}

#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    rename = "Förslag",
    description = "Förslag till beslut med rubrik och inledning."
)]
struct ForslagFull {
    #[schemars(
        description = "Rubrik; standard från profilen (\"Regiondirektörens förslag\", \"Förslag till beslut\")."
    )]
    rubrik: Option<String>,
    #[schemars(description = "Inledande rad, t.ex. \"Hälso- och sjukvårdsnämnden beslutar\".")]
    inledning: Option<String>,
    #[schemars(description = "Beslutspunkterna, minst en.")]
    beslut: OneOrMany,
}

impl JsonSchema for Forslag {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "FörslagEllerText".into()
    }
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let full = generator.subschema_for::<ForslagFull>();
        schemars::json_schema!({
            "anyOf": [
                { "type": "string", "description": "En enda beslutspunkt." },
                { "type": "array", "items": { "type": "string" }, "minItems": 1,
                  "description": "Beslutspunkterna." },
                full
            ]
        })
    }
}

/// A list of strings, or a single string standing for a list of one.
#[derive(Debug, Clone, Default, Serialize)]
pub struct OneOrMany(pub Vec<String>);

impl JsonSchema for OneOrMany {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "TextEllerLista".into()
    }
    fn inline_schema() -> bool {
        true
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "anyOf": [
                { "type": "string" },
                { "type": "array", "items": { "type": "string" } }
            ]
        })
    }
}

impl<'de> Deserialize<'de> for OneOrMany {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = OneOrMany;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("en text eller en lista med texter")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<OneOrMany, E> {
                Ok(OneOrMany(vec![v.to_string()]))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<OneOrMany, E> {
                Ok(OneOrMany(vec![v.to_string()]))
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<OneOrMany, E> {
                Ok(OneOrMany(vec![v.to_string()]))
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<OneOrMany, E> {
                Ok(OneOrMany(vec![v.to_string()]))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<OneOrMany, A::Error> {
                let mut out = Vec::new();
                while let Some(s) = seq.next_element::<String>()? {
                    out.push(s);
                }
                Ok(OneOrMany(out))
            }
        }
        d.deserialize_any(V)
    }
}

impl<'de> Deserialize<'de> for Forslag {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Forslag;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("en beslutspunkt (text), en lista med beslutspunkter eller en mappning med rubrik, inledning och beslut")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Forslag, E> {
                Ok(Forslag {
                    beslut: vec![v.to_string()],
                    ..Default::default()
                })
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Forslag, A::Error> {
                let list = OneOrMany::deserialize(de::value::SeqAccessDeserializer::new(seq))?;
                Ok(Forslag {
                    beslut: list.0,
                    ..Default::default()
                })
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Forslag, A::Error> {
                let full = ForslagFull::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(Forslag {
                    rubrik: full.rubrik,
                    inledning: full.inledning,
                    beslut: full.beslut.0,
                    ..Default::default()
                })
            }
        }
        d.deserialize_any(V)
    }
}

/// A document the decision rests on.
#[derive(Debug, Clone, Serialize)]
pub struct Underlag {
    pub titel: String,
    pub datum: Option<Datum>,
}

impl Underlag {
    /// As listed: the title and its date after a space, as handläggare write them
    /// ("Förslag till yttrande 2055-04-01", beside "Tjänsteskrivelse 2055-04-01": a comma
    /// only in this form was review 58's m14), after a comma where the title ends in a
    /// digit ("Ds 2054:31, 2055-04-01"). `templates/delar.typ.j2` sets it so too.
    pub fn shown(&self) -> String {
        match &self.datum {
            Some(d) if self.titel.ends_with(|c: char| c.is_ascii_digit()) => {
                format!("{}, {}", self.titel, d.iso())
            }
            Some(d) => format!("{} {}", self.titel, d.iso()),
            None => self.titel.clone(),
        }
    }
}

#[derive(Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Beslutsunderlag")]
struct UnderlagFull {
    #[schemars(description = "Handlingens titel.")]
    titel: String,
    #[schemars(description = "Handlingens datum (ÅÅÅÅ-MM-DD).")]
    datum: Option<Datum>,
}

impl JsonSchema for Underlag {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "BeslutsunderlagEllerText".into()
    }
    fn inline_schema() -> bool {
        true
    }
    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let full = generator.subschema_for::<UnderlagFull>();
        schemars::json_schema!({
            "anyOf": [ { "type": "string", "description": "Handlingens titel." }, full ]
        })
    }
}

impl JsonSchema for Datum {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Datum".into()
    }
    fn inline_schema() -> bool {
        true
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$",
            "description": "Datum på formen ÅÅÅÅ-MM-DD."
        })
    }
}

impl<'de> Deserialize<'de> for Underlag {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Underlag;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("en titel (text) eller en mappning med titel och datum")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Underlag, E> {
                Ok(Underlag {
                    titel: v.to_string(),
                    datum: None,
                })
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Underlag, A::Error> {
                let full = UnderlagFull::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(Underlag {
                    titel: full.titel,
                    datum: full.datum,
                })
            }
        }
        d.deserialize_any(V)
    }
}

/// An attached PDF, as written in the YAML.
#[derive(Debug, Clone, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Bilaga", description = "En bifogad PDF-fil.")]
pub struct BilagaIn {
    #[schemars(description = "Bilagans titel.")]
    pub titel: String,
    #[schemars(description = "Sökväg till PDF-filen, relativt till YAML-filen, inom projektet.")]
    pub fil: Spanned<String>,
    #[serde(default)]
    #[schemars(
        description = "Sekretess för just bilagan, t.ex. \"25 kap. 1 § OSL\": den lämnas då ute ur de offentliga handlingarna (med en notis) och tas med, märkt, i ledamöternas."
    )]
    pub sekretess: Option<Sekretess>,
}

/// An attached PDF after checking its path. Its content (pages, fonts, passwords) is
/// read when a meeting pack places it, so a bad PDF fails only the packs that hold it.
#[derive(Debug, Clone, Serialize)]
pub struct Bilaga {
    pub titel: String,
    /// As written by the user.
    pub fil: String,
    /// Absolute path inside the project.
    #[serde(skip)]
    pub path: PathBuf,
    /// Path relative to the project root, with `/` separators.
    pub projektsokvag: String,
    /// The lagrum when the bilaga itself is secret.
    pub sekretess: Option<String>,
    /// The `fil` value's position in the YAML file, for errors found later.
    #[serde(skip)]
    pub pos: Pos,
    /// The YAML file that lists it.
    #[serde(skip)]
    pub source: PathBuf,
}

/// Marks a document (or a bilaga) as holding secret information: `{lagrum: "…"}`, or the
/// lagrum alone as a string.
#[derive(Debug, Clone, Serialize)]
pub struct Sekretess {
    pub lagrum: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SekretessFull {
    lagrum: String,
}

impl<'de> Deserialize<'de> for Sekretess {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Sekretess;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("ett lagrum, t.ex. \"25 kap. 1 § OSL\", eller {lagrum: …}")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Sekretess, E> {
                if v.trim().is_empty() {
                    return Err(E::custom("lagrummet får inte vara tomt"));
                }
                Ok(Sekretess {
                    lagrum: v.trim().to_string(),
                })
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Sekretess, A::Error> {
                let full = SekretessFull::deserialize(de::value::MapAccessDeserializer::new(map))?;
                self.visit_str(&full.lagrum)
            }
        }
        d.deserialize_any(V)
    }
}

impl JsonSchema for Sekretess {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Sekretess".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "Sekretessmarkering: lagrummet, t.ex. \"25 kap. 1 § OSL\", eller {lagrum: …}.",
            "oneOf": [
                { "type": "string", "minLength": 1 },
                {
                    "type": "object",
                    "properties": { "lagrum": { "type": "string", "description": "Lagrummet, t.ex. \"25 kap. 1 § OSL\"." } },
                    "required": ["lagrum"],
                    "additionalProperties": false
                }
            ]
        })
    }
}

/// A further section with a heading and CommonMark text.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(description = "Ett avsnitt med rubrik och text.")]
pub struct Avsnitt {
    #[schemars(description = "Avsnittets rubrik.")]
    pub rubrik: String,
    #[schemars(description = "Avsnittets text (Markdown).")]
    pub text: String,
}

/// Chooses the document's profile: its own `profil:`, else the project default.
pub fn resolve_profile(cx: &mut LoadCx, node: &Node) -> Option<Arc<Profile>> {
    let (name, pos) = match node.get("profil") {
        Some(n) => match n.as_str() {
            Some(s) if !n.is_null() => (s.to_string(), Some(n.pos)),
            _ => {
                cx.error(
                    n.pos,
                    "profil",
                    format!("väntade ett profilnamn, fann {}", n.describe()),
                );
                return None;
            }
        },
        None => (cx.project.config.profil.clone(), None),
    };
    match cx.project.profiles.get(&name) {
        Ok(p) => Some(p),
        Err(err) => {
            let d = match pos {
                Some(pos) => cx.error(pos, "profil", err.message.clone()),
                None => {
                    let config = cx.project.root.join("kansli.yaml");
                    cx.diags.push(
                        crate::diag::Diagnostic::error(err.message.clone())
                            .in_file(&config)
                            .field("profil"),
                    )
                }
            };
            d.hints.extend(err.hint);
            None
        }
    }
}

/// A diarienummer as the profile's pattern would have it, where a common slip makes it
/// miss: a number with leading zeros ("RS/0214/2054", review 57's F22: the message did
/// not say what was wrong), a prefix in lower case, spaces, "-" or "_" for "/".
fn dnr_near(pattern: &regex::Regex, value: &str) -> Option<String> {
    static ZEROS: std::sync::LazyLock<regex::Regex> =
        std::sync::LazyLock::new(|| regex::Regex::new(r"\b0+(\d)").expect("ZEROS"));
    let unspaced: String = value.split_whitespace().collect();
    let slashed = unspaced.replace(['-', '_', '\\'], "/");
    let candidates = [
        ZEROS.replace_all(value, "$1").into_owned(),
        value.to_uppercase(),
        unspaced.clone(),
        slashed.clone(),
        ZEROS
            .replace_all(&slashed.to_uppercase(), "$1")
            .into_owned(),
    ];
    candidates
        .into_iter()
        .find(|c| c != value && pattern.is_match(c))
}

/// Checks a diarienummer against the profile's pattern, and its prefix against the
/// nämnd (a mismatch there is only a warning: ärenden move between organs).
pub fn check_dnr(cx: &mut LoadCx, profile: &Profile, dnr: &Spanned<String>, namnd: &str) {
    let rule = &profile.diarienummer;
    let Some(caps) = rule.regex.captures(dnr.value.trim()) else {
        let d = cx.error(
            dnr.pos,
            "diarienummer",
            format!(
                "\"{}\" följer inte profilens format för diarienummer: {}",
                dnr.value, rule.beskrivning
            ),
        );
        if let Some(near) = dnr_near(&rule.regex, dnr.value.trim()) {
            d.hints.push(format!("menade du \"{near}\"?"));
        }
        d.hints
            .push(format!("profilen \"{}\" bestämmer formatet", profile.namn));
        return;
    };
    let Some(prefix) = caps.name("prefix") else {
        return;
    };
    if let Some(expected) = profile.namnd_prefix(namnd)
        && !expected.iter().any(|p| p == prefix.as_str())
    {
        cx.warning(
            dnr.pos,
            "diarienummer",
            format!(
                "prefixet \"{}\" hör inte till {namnd} (väntat: {})",
                prefix.as_str(),
                expected.join(" eller ")
            ),
        );
    }
}

/// Checks the bilagor: paths relative to the YAML file, inside the project, existing
/// PDF files. What is inside them is read when a pack places them.
pub fn check_bilagor(cx: &mut LoadCx, bilagor: &[BilagaIn]) -> Vec<Bilaga> {
    let mut out = Vec::new();
    for (i, b) in bilagor.iter().enumerate() {
        let field = format!("bilagor[{}].fil", i + 1);
        let Some(path) = resolve_inside(cx, &b.fil, &field) else {
            continue;
        };
        if !path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("pdf"))
        {
            cx.error(
                b.fil.pos,
                &field,
                format!(
                    "\"{}\" är ingen PDF-fil (bilagor ska vara PDF)",
                    b.fil.value
                ),
            );
            continue;
        }
        if b.titel.trim().is_empty() {
            cx.error(
                b.fil.pos,
                &format!("bilagor[{}].titel", i + 1),
                "bilagan behöver en titel",
            );
        }
        cx.deps.push(path.clone());
        out.push(Bilaga {
            titel: b.titel.trim().to_string(),
            fil: b.fil.value.clone(),
            projektsokvag: cx.project.relative(&path),
            path,
            sekretess: b.sekretess.as_ref().map(|s| s.lagrum.clone()),
            pos: b.fil.pos,
            source: cx.path.to_path_buf(),
        });
    }
    out
}

/// The name of the file beside `missing` (in its folder, inside the project `root`)
/// nearest to its name, when one is near enough to be a typo of it.
fn nearest_file(missing: &Path, root: &Path) -> Option<String> {
    let want = missing.file_name()?.to_string_lossy().to_lowercase();
    let dir = missing.parent()?.canonicalize().ok()?;
    if !dir.starts_with(root) {
        return None;
    }
    std::fs::read_dir(&dir)
        .ok()?
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .map(|name| (strsim::jaro_winkler(&want, &name.to_lowercase()), name))
        .filter(|(score, _)| *score >= 0.9)
        .max_by(|a, b| a.0.total_cmp(&b.0).then_with(|| b.1.cmp(&a.1)))
        .map(|(_, name)| name)
}

/// Resolves a path written in a YAML file: relative to that file, existing, and inside
/// the project (symlinks are followed only as far as they stay inside).
pub fn resolve_inside(cx: &mut LoadCx, rel: &Spanned<String>, field: &str) -> Option<PathBuf> {
    let dir = cx.path.parent().unwrap_or(Path::new("."));
    let written = Path::new(rel.value.trim());
    if written.as_os_str().is_empty() {
        cx.error(rel.pos, field, "sökvägen är tom");
        return None;
    }
    if written.is_absolute() {
        cx.error(
            rel.pos,
            field,
            format!(
                "\"{}\" är en absolut sökväg; ange sökvägen relativt YAML-filen",
                rel.value
            ),
        );
        return None;
    }
    let joined = dir.join(written);
    let canonical = match joined.canonicalize() {
        Ok(p) => p,
        Err(e) => {
            let hint = format!(
                "sökvägen räknas från mappen {}",
                crate::diag::display_path(dir, &cx.project.root)
            );
            let near = (e.kind() == std::io::ErrorKind::NotFound)
                .then(|| nearest_file(&joined, &cx.project.root))
                .flatten();
            let d = cx.error(
                rel.pos,
                field,
                format!("\"{}\": {}", rel.value, crate::diag::io_sv(&e)),
            );
            // (A typo in a file name: the file in that folder whose name is nearest,
            // as for a field's name; reviews 37–39 found none offered.)
            if let Some(name) = near {
                let shown = written.with_file_name(name);
                d.hints.push(format!(
                    "menade du \"{}\"?",
                    shown.to_string_lossy().replace('\\', "/")
                ));
            }
            d.hints.push(hint);
            return None;
        }
    };
    if !canonical.starts_with(&cx.project.root) {
        cx.error(
            rel.pos,
            field,
            format!("\"{}\" ligger utanför projektmappen; filer som dokument hänvisar till måste ligga i projektet", rel.value),
        );
        return None;
    }
    if !canonical.is_file() {
        cx.error(rel.pos, field, format!("\"{}\" är ingen fil", rel.value));
        return None;
    }
    Some(canonical)
}

/// Decision points (att-satser) hold text, paragraphs and lists; a code block, a
/// quotation, a table, a heading or a rule has no place in a decision and would not
/// print as written: refused with the field named. `node` is the field as written
/// (`förslag`, a meeting item's `beslut`): a text, a list of texts, or a mapping
/// with `beslut`.
pub fn check_decision_points(cx: &mut LoadCx, node: Option<&Node>, field: &str) {
    use crate::yaml::Kind;
    let Some(node) = node else { return };
    let (node, field) = match node.get("beslut") {
        Some(b) => (b, format!("{field}.beslut")),
        None => (node, field.to_string()),
    };
    let points: Vec<(String, &Node)> = match &node.kind {
        Kind::Scalar { .. } => vec![(field.clone(), node)],
        Kind::Seq(items) => items
            .iter()
            .enumerate()
            .map(|(i, n)| (format!("{field}[{}]", i + 1), n))
            .collect(),
        Kind::Map(_) => Vec::new(),
    };
    // Att-satser with a point among them that opens in lower case without "att": most
    // likely one point parted at its comma, as a list in brackets is (review 52's
    // "[att lägga rapporten om arbetsmarknad, befolkning …]" made two points, the second
    // set as a stray paragraph, without a word).
    let opens_with_att = |t: &str| {
        t.trim_start()
            .trim_start_matches(['*', '_'])
            .starts_with("att ")
    };
    let clauses = points
        .iter()
        .filter(|(_, n)| n.as_str().is_some_and(opens_with_att))
        .count();
    for (field, point) in &points {
        let Some(text) = point.as_str() else { continue };
        // (Not a point that goes on with "och att", "samt att", nor "förklara …", a
        // clause's verb the house style gives its "att".)
        let goes_on = ["och att ", "samt att ", "eller att ", "förklara "]
            .iter()
            .any(|w| text.trim_start().starts_with(w));
        if clauses > 0
            && !opens_with_att(text)
            && text.trim_start().starts_with(char::is_lowercase)
            && !goes_on
        {
            let first_line = text.trim_start().lines().next().unwrap_or_default();
            let pos = crate::yaml::locate::position_in_file(cx.source, point, first_line);
            let d = cx.warning(
                pos,
                field,
                format!(
                    "beslutspunkten börjar inte med \"att\" som de andra: \"{}\"",
                    crate::yaml::shorten(first_line)
                ),
            );
            d.hints.push(
                "ett kommatecken i en lista inom [ ] delar en punkt i två: skriv punkten inom citattecken, eller en punkt per rad med \"- \"".into(),
            );
        }
    }
    for (field, point) in points {
        let Some(text) = point.as_str() else { continue };
        if let Some((offset, what)) = crate::render::markup::decision_point_problem(text) {
            let first_line = text[offset..].lines().next().unwrap_or_default().trim();
            let pos = crate::yaml::locate::position_in_file(cx.source, point, first_line);
            let d = cx.error(
                pos,
                &field,
                format!(
                    "en beslutspunkt kan innehålla text, stycken och listor, men här står {what} (\"{}\")",
                    crate::yaml::shorten(text[offset..].lines().next().unwrap_or_default())
                ),
            );
            d.hints.push(
                "skriv det som vanlig text, eller flytta det till ärendebeskrivningen".into(),
            );
        }
    }
}

/// Requires a non-empty text; reports an error at its position otherwise.
pub fn require_text(cx: &mut LoadCx, value: &Spanned<String>, field: &str) {
    if value.value.trim().is_empty() {
        cx.error(value.pos, field, "får inte vara tomt");
    }
}

/// A person named in a meeting file.
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_diarienummer_near_the_pattern_is_suggested() {
        let rule = regex::Regex::new(
            r"^(?P<prefix>[A-ZÅÄÖ]{2,6})/(?P<nummer>[1-9][0-9]{0,5})/(?P<år>(19|20)[0-9]{2})$",
        )
        .unwrap();
        assert_eq!(
            dnr_near(&rule, "RS/0214/2054").as_deref(),
            Some("RS/214/2054")
        );
        assert_eq!(
            dnr_near(&rule, "rs/214/2054").as_deref(),
            Some("RS/214/2054")
        );
        assert_eq!(dnr_near(&rule, "RS 214/2054").as_deref(), None);
        assert_eq!(
            dnr_near(&rule, "RS / 214 / 2054").as_deref(),
            Some("RS/214/2054")
        );
        assert_eq!(
            dnr_near(&rule, "HSN-17-2024").as_deref(),
            Some("HSN/17/2024")
        );
        assert_eq!(
            dnr_near(&rule, "hsn-017-2024").as_deref(),
            Some("HSN/17/2024")
        );
        assert_eq!(dnr_near(&rule, "ett diarienummer"), None);
    }

    #[test]
    fn a_date_in_another_form_gets_its_iso_form_suggested() {
        for (typed, meant) in [
            ("18/10/2028", "2028-10-18"),
            ("18.10.2028", "2028-10-18"),
            ("8-10-2028", "2028-10-08"),
            ("2028/10/18", "2028-10-18"),
            ("2028-10-8", "2028-10-08"),
            ("20281018", "2028-10-18"),
            ("18 oktober 2028", "2028-10-18"),
            ("18 okt. 2028", "2028-10-18"),
            ("2028-18-10", "2028-10-18"),
        ] {
            let err = Datum::parse(typed).unwrap_err();
            assert!(
                err.contains(&format!("menade du {meant}?")),
                "{typed}: {err}"
            );
        }
        for typed in ["2028-02-30", "i morgon", "18/10", "2028-13-13"] {
            let err = Datum::parse(typed).unwrap_err();
            assert!(!err.contains("menade du"), "{typed}: {err}");
        }
    }

    #[test]
    fn dates() {
        let d = Datum::parse("2023-11-08").unwrap();
        assert_eq!(d.iso(), "2023-11-08");
        assert_eq!(d.words(), "8 november 2023");
        assert!(
            Datum::parse("2023-13-08")
                .unwrap_err()
                .contains("inget giltigt datum")
        );
        assert!(
            Datum::parse("8/11 2023")
                .unwrap_err()
                .contains("ÅÅÅÅ-MM-DD")
        );
        assert!(Datum::parse("2023-02-30").is_err());
        // Why (review 52).
        assert!(
            Datum::parse("2027-02-30")
                .unwrap_err()
                .contains("februari 2027 har 28 dagar"),
            "{}",
            Datum::parse("2027-02-30").unwrap_err()
        );
        assert!(
            Datum::parse("2028-02-30")
                .unwrap_err()
                .contains("februari 2028 har 29 dagar")
        );
        assert!(
            Datum::parse("2023-13-08")
                .unwrap_err()
                .contains("det finns ingen månad 13")
        );
        assert!(
            Datum::parse("2027-02-00")
                .unwrap_err()
                .contains("det finns ingen dag 0")
        );
    }
}
