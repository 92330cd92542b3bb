//! House styles (husstilar): one YAML file per organisation, built in or in the project's
//! `templates/profiles/`, optionally starting from another (`bas: region-jh`).
//!
//! A profile is data: names, address, logo, fonts, colours, labels, section order, list
//! styles and the diarienummer rule. Adding an organisation takes a file, not code.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex};

use serde::{Deserialize, Serialize};

use crate::assets::Assets;
use crate::yaml::{self, Node, Pos};

/// The sections a tjänsteskrivelse can have, in the default order.
pub const TJANST_SECTIONS: &[&str] = &[
    "ärendebeskrivning",
    "förslag",
    "sammanfattning",
    "avsnitt",
    "underskrifter",
    "beslutsunderlag",
    "bilagor",
    "mottagare",
];

/// A house style, resolved (inheritance applied) and checked.
#[derive(Debug, Clone, Serialize)]
pub struct Profile {
    pub namn: String,
    pub organisation: Organisation,
    pub typsnitt: Typsnitt,
    #[serde(rename = "färger")]
    pub farger: Farger,
    pub etiketter: BTreeMap<String, String>,
    pub ordning: BTreeMap<String, Vec<String>>,
    pub beslutspunkter: ListStyle,
    pub mottagare_stil: RecipientStyle,
    pub diarienummer: DnrRule,
    #[serde(rename = "nämnder")]
    pub namnder: Vec<Namnd>,
    /// Virtual path of the logo inside the Typst world, e.g. `/profil/region-jh/logo.svg`.
    pub logo_sokvag: Option<String>,
    #[serde(skip)]
    pub logo: Option<Arc<Vec<u8>>>,
    /// Sections every tjänsteskrivelse must have in this profile.
    #[serde(skip)]
    pub kraver: Vec<String>,
    /// Which files the profile was read from (project-relative), for watch mode.
    #[serde(skip)]
    pub sources: Vec<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Organisation {
    pub namn: String,
    #[serde(default)]
    pub adress: Vec<String>,
    pub telefon: Option<String>,
    pub webb: Option<String>,
    pub organisationsnummer: Option<String>,
    /// File name of the logo, relative to the profile file (SVG or PNG).
    pub logotyp: Option<String>,
    /// Alternative text for the logo.
    pub logotyp_text: Option<String>,
    /// Where justerade protokoll are kept (shown in the anslag), e.g.
    /// "Regionkansliet, Regionens hus, Östersund".
    #[serde(default, rename = "förvaringsplats", alias = "forvaringsplats")]
    pub forvaringsplats: Option<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Typsnitt {
    #[serde(rename = "brödtext", alias = "brodtext")]
    pub brodtext: String,
    pub rubriker: String,
    /// Body size in points.
    pub storlek: f64,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Farger {
    #[serde(rename = "primär", alias = "primar")]
    pub primar: String,
    pub accent: String,
    pub linje: String,
    #[serde(default)]
    pub diagram: Vec<String>,
}

#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq)]
pub enum ListStyle {
    #[serde(rename = "stycken")]
    Stycken,
    #[serde(rename = "numrerade")]
    Numrerade,
    #[serde(rename = "att-satser", alias = "att_satser")]
    AttSatser,
}

#[derive(Debug, Clone, Copy, Deserialize, Serialize, PartialEq, Eq)]
pub enum RecipientStyle {
    /// One paragraph, comma-separated.
    #[serde(rename = "rad")]
    Rad,
    /// One recipient per line.
    #[serde(rename = "lista")]
    Lista,
}

#[derive(Debug, Clone, Serialize)]
pub struct DnrRule {
    #[serde(rename = "mönster")]
    pub monster: String,
    pub beskrivning: String,
    #[serde(skip)]
    pub regex: regex::Regex,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Namnd {
    pub namn: String,
    #[serde(default)]
    pub prefix: Vec<String>,
}

/// The file as written; every field optional so that `bas:` can fill the rest.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ProfileFile {
    #[allow(dead_code)]
    bas: Option<String>,
    namn: Option<String>,
    organisation: Organisation,
    typsnitt: Typsnitt,
    #[serde(rename = "färger", alias = "farger")]
    farger: Farger,
    #[serde(default)]
    etiketter: BTreeMap<String, String>,
    #[serde(default)]
    ordning: BTreeMap<String, Vec<String>>,
    /// Sections every tjänsteskrivelse must have; default: ärendebeskrivning when the
    /// profile's own order names it.
    #[serde(default)]
    obligatoriska: Option<Vec<String>>,
    beslutspunkter: ListStyle,
    mottagare_stil: RecipientStyle,
    diarienummer: DnrFile,
    #[serde(default, rename = "nämnder", alias = "namnder")]
    namnder: Vec<Namnd>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct DnrFile {
    #[serde(rename = "mönster", alias = "monster")]
    monster: yaml::Spanned<String>,
    beskrivning: String,
}

/// Default labels; a profile overrides any of them.
const DEFAULT_LABELS: &[(&str, &str)] = &[
    ("tjänsteskrivelse", "Tjänsteskrivelse"),
    ("rapport", "Rapport"),
    ("kallelse", "Kallelse"),
    ("föredragningslista", "Föredragningslista"),
    ("handlingar", "Handlingar"),
    ("protokoll", "Protokoll"),
    ("protokollsutdrag", "Protokollsutdrag"),
    ("anslag", "Anslag"),
    ("ärendebeskrivning", "Ärendebeskrivning"),
    ("förslag", "Förslag till beslut"),
    ("sammanfattning", "Sammanfattning"),
    ("underskrifter", ""),
    ("beslutsunderlag", "Beslutsunderlag"),
    ("bilagor", "Bilagor"),
    ("mottagare", "Utdrag till"),
    ("datum", "Datum"),
    ("diarienummer", "Dnr"),
    ("handläggare", "Handläggare"),
    ("sekretess", "Sekretess enligt"),
    ("innehåll", "Innehåll"),
];

/// A problem with a profile, reported where the profile is used.
#[derive(Debug, Clone)]
pub struct ProfileError {
    pub message: String,
    pub hint: Option<String>,
}

/// All profiles a project can use, loaded on first use and shared.
pub struct Profiles {
    assets: Arc<Assets>,
    cache: Mutex<HashMap<String, Result<Arc<Profile>, ProfileError>>>,
}

impl Profiles {
    pub fn new(assets: Arc<Assets>) -> Self {
        Profiles {
            assets,
            cache: Mutex::new(HashMap::new()),
        }
    }

    /// Names of every available profile, sorted.
    pub fn names(&self) -> Vec<String> {
        let mut names: Vec<String> = self
            .assets
            .list("templates/profiles/")
            .into_iter()
            .filter_map(|p| {
                p.strip_prefix("templates/profiles/")?
                    .strip_suffix(".yaml")
                    .map(str::to_string)
            })
            .filter(|n| !n.contains('/'))
            .collect();
        names.sort();
        names.dedup();
        names
    }

    pub fn get(&self, name: &str) -> Result<Arc<Profile>, ProfileError> {
        if let Some(hit) = self.cache.lock().unwrap().get(name) {
            return hit.clone();
        }
        let result = self.load(name, &mut Vec::new()).map(|(p, _)| Arc::new(p));
        self.cache
            .lock()
            .unwrap()
            .insert(name.to_string(), result.clone());
        result
    }

    fn unknown(&self, name: &str) -> ProfileError {
        let names = self.names();
        let refs: Vec<&str> = names.iter().map(String::as_str).collect();
        ProfileError {
            message: format!("okänd profil \"{name}\""),
            hint: Some(match yaml::did_you_mean(name, &refs) {
                Some(s) => format!("menade du \"{s}\"?"),
                None => format!(
                    "tillgängliga profiler: {} (egna profiler läggs i templates/profiles/)",
                    names.join(", ")
                ),
            }),
        }
    }

    /// Reads a profile file and its `bas:` chain into one merged node.
    fn merged_node(
        &self,
        name: &str,
        chain: &mut Vec<String>,
    ) -> Result<(Node, Vec<String>), ProfileError> {
        if chain.iter().any(|n| n == name) {
            return Err(ProfileError {
                message: format!(
                    "profilerna ärver av varandra i en cirkel: {} → {name}",
                    chain.join(" → ")
                ),
                hint: None,
            });
        }
        chain.push(name.to_string());
        if name.is_empty() || name.contains(['/', '\\', '.']) {
            return Err(self.unknown(name));
        }
        let rel = format!("templates/profiles/{name}.yaml");
        let found = self.assets.lookup(&rel).map_err(|message| ProfileError {
            message,
            hint: None,
        })?;
        let Some(bytes) = found else {
            return Err(self.unknown(name));
        };
        let text = String::from_utf8(bytes.to_vec()).map_err(|_| ProfileError {
            message: format!("profilfilen {rel} är inte UTF-8"),
            hint: None,
        })?;
        let node = yaml::parse(&text).map_err(|e| ProfileError {
            message: format!("i profilfilen {rel}:{}: {}", e.pos, e.message),
            hint: None,
        })?;
        let mut sources = vec![rel.clone()];
        match node.get("bas").and_then(Node::as_str) {
            Some(base) => {
                let (mut merged, base_sources) = self.merged_node(base, chain)?;
                sources.extend(base_sources);
                merged.merge(node);
                Ok((merged, sources))
            }
            None => Ok((node, sources)),
        }
    }

    fn load(
        &self,
        name: &str,
        chain: &mut Vec<String>,
    ) -> Result<(Profile, Vec<String>), ProfileError> {
        let (node, sources) = self.merged_node(name, chain)?;
        let rel = format!("templates/profiles/{name}.yaml");
        let bad = |pos: Option<Pos>, field: &str, msg: &str| ProfileError {
            message: format!(
                "i profilfilen {rel}{}: fältet \"{field}\": {msg}",
                pos.map(|p| format!(":{p}")).unwrap_or_default()
            ),
            hint: None,
        };
        let file: ProfileFile = yaml::from_node(&node).map_err(|e| {
            let mut err = bad(e.pos, &e.path(), &e.message);
            err.hint = e.hint.clone();
            err
        })?;
        let regex = regex::Regex::new(&file.diarienummer.monster.value).map_err(|e| {
            bad(
                Some(file.diarienummer.monster.pos),
                "diarienummer.mönster",
                &format!("ogiltigt reguljärt uttryck: {e}"),
            )
        })?;

        let mut etiketter: BTreeMap<String, String> = DEFAULT_LABELS
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        for (k, v) in file.etiketter {
            if !DEFAULT_LABELS.iter().any(|(d, _)| *d == k) {
                let known: Vec<&str> = DEFAULT_LABELS.iter().map(|(d, _)| *d).collect();
                let mut err = bad(None, &format!("etiketter.{k}"), "okänd etikett");
                err.hint = yaml::did_you_mean(&k, &known).map(|s| format!("menade du \"{s}\"?"));
                return Err(err);
            }
            etiketter.insert(k, v);
        }

        // Every section appears exactly once: the profile's order first, then whatever it
        // left out in the default order, so that no field is ever dropped.
        let mut ordning = BTreeMap::new();
        let mut tjanst: Vec<String> = file
            .ordning
            .get("tjänsteskrivelse")
            .cloned()
            .unwrap_or_default();
        for s in &tjanst {
            if !TJANST_SECTIONS.contains(&s.as_str()) {
                let mut err = bad(
                    None,
                    "ordning.tjänsteskrivelse",
                    &format!("okänt avsnitt \"{s}\""),
                );
                err.hint = Some(format!("kända avsnitt: {}", TJANST_SECTIONS.join(", ")));
                return Err(err);
            }
        }
        for s in TJANST_SECTIONS {
            if !tjanst.iter().any(|t| t == s) {
                tjanst.push(s.to_string());
            }
        }
        ordning.insert("tjänsteskrivelse".to_string(), tjanst);
        // The spec requires ärendebeskrivning "where the profile has the section": a
        // profile has it when its own order names it.
        let kraver: Vec<String> = match &file.obligatoriska {
            Some(list) => list.clone(),
            None => file
                .ordning
                .get("tjänsteskrivelse")
                .into_iter()
                .flatten()
                .filter(|s| s.as_str() == "ärendebeskrivning")
                .cloned()
                .collect(),
        };

        let (logo_sokvag, logo) = match &file.organisation.logotyp {
            None => (None, None),
            Some(file_name) => {
                let logo_rel = format!("templates/profiles/{file_name}");
                let bytes = self.assets.get(&logo_rel).ok_or_else(|| {
                    bad(
                        None,
                        "organisation.logotyp",
                        &format!("logotypen {logo_rel} finns inte"),
                    )
                })?;
                let ext = file_name
                    .rsplit('.')
                    .next()
                    .unwrap_or("")
                    .to_ascii_lowercase();
                if !matches!(ext.as_str(), "svg" | "png" | "jpg" | "jpeg") {
                    return Err(bad(
                        None,
                        "organisation.logotyp",
                        "logotypen ska vara SVG, PNG eller JPEG",
                    ));
                }
                (
                    Some(format!("/profil/{name}/logo.{ext}")),
                    Some(Arc::new(bytes.to_vec())),
                )
            }
        };
        let mut sources = sources;
        if let Some(l) = &file.organisation.logotyp {
            sources.push(format!("templates/profiles/{l}"));
        }

        let profile = Profile {
            namn: file.namn.unwrap_or_else(|| name.to_string()),
            organisation: file.organisation,
            typsnitt: file.typsnitt,
            farger: file.farger,
            etiketter,
            ordning,
            beslutspunkter: file.beslutspunkter,
            mottagare_stil: file.mottagare_stil,
            diarienummer: DnrRule {
                monster: file.diarienummer.monster.value,
                beskrivning: file.diarienummer.beskrivning,
                regex,
            },
            namnder: file.namnder,
            logo_sokvag,
            logo,
            kraver,
            sources: sources.clone(),
        };
        Ok((profile, sources))
    }
}

impl Profile {
    /// The profile's text for a label key.
    pub fn label<'a>(&'a self, key: &'a str) -> &'a str {
        self.etiketter.get(key).map(String::as_str).unwrap_or(key)
    }

    /// Whether every tjänsteskrivelse in this profile must have the given section.
    pub fn requires(&self, section: &str) -> bool {
        self.kraver.iter().any(|s| s == section)
    }

    /// The usual diarienummer prefixes of a nämnd, if the profile lists the nämnd.
    pub fn namnd_prefix(&self, namnd: &str) -> Option<&[String]> {
        let wanted = namnd.trim().to_lowercase();
        self.namnder
            .iter()
            .find(|n| n.namn.to_lowercase() == wanted)
            .filter(|n| !n.prefix.is_empty())
            .map(|n| n.prefix.as_slice())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn builtin() -> Profiles {
        Profiles::new(Arc::new(Assets::builtin_only()))
    }

    #[test]
    fn builtin_profiles_load() {
        let p = builtin();
        assert_eq!(
            p.names(),
            vec!["region-jh".to_string(), "region-orebro".to_string()]
        );
        let jh = p.get("region-jh").unwrap();
        assert_eq!(jh.label("mottagare"), "Utdrag till");
        assert!(jh.diarienummer.regex.is_match("HSN/1798/2023"));
        assert!(!jh.diarienummer.regex.is_match("23RS1234"));
        let or = p.get("region-orebro").unwrap();
        assert_eq!(or.label("mottagare"), "Skickas till:");
        assert!(or.diarienummer.regex.is_match("23RS1234"));
        assert_eq!(or.beslutspunkter, ListStyle::AttSatser);
    }

    #[test]
    fn unknown_profile_suggests() {
        let err = builtin().get("region-jj").unwrap_err();
        assert_eq!(err.message, "okänd profil \"region-jj\"");
        assert_eq!(err.hint.as_deref(), Some("menade du \"region-jh\"?"));
    }

    #[test]
    fn every_section_is_ordered_once() {
        let jh = builtin().get("region-jh").unwrap();
        let order = &jh.ordning["tjänsteskrivelse"];
        assert_eq!(order.len(), TJANST_SECTIONS.len());
        for s in TJANST_SECTIONS {
            assert_eq!(order.iter().filter(|o| o == s).count(), 1);
        }
    }
}
