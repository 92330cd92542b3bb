//! Votes (`omröstning`) on one paragraph: checked against who serves on it (see
//! `narvaro`), counted, and worded as the protokoll prints them, with the
//! voteringslista. With equal ja and nej, the ordförande's utslagsröst decides.

use schemars::JsonSchema;
use serde::Deserialize;

use super::LoadCx;
use super::narvaro::{Roster, Serving};
use crate::yaml::Spanned;

/// `omröstning:` — a vote on one paragraph.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    rename = "Omröstning",
    description = "Omröstning: vilka som röstade ja, nej och avstod."
)]
pub struct OmrostningIn {
    #[serde(default)]
    #[schemars(description = "De som röstar ja.")]
    pub ja: Vec<Spanned<String>>,
    #[serde(default)]
    #[schemars(description = "De som röstar nej.")]
    pub nej: Vec<Spanned<String>>,
    #[serde(default, rename = "avstår", alias = "avstar")]
    #[schemars(description = "De som avstår från att rösta.")]
    pub avstar: Vec<Spanned<String>>,
    #[schemars(description = "Vad en ja-röst betyder; standard \"bifall till förslaget\".")]
    pub ja_avser: Option<String>,
    #[schemars(
        description = "Vad en nej-röst betyder; standard \"avslag på förslaget\" när ja avser bifall till förslaget."
    )]
    pub nej_avser: Option<String>,
}

pub use super::narvaro::{Rost, Votering};

fn count_word(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

/// "bifall till förslaget" → "att bifalla förslaget"; `None` when the phrase has
/// another shape.
fn as_att_sats(phrase: &str) -> Option<String> {
    let p = phrase.trim().trim_end_matches('.');
    let lower = p.to_lowercase();
    for (prefix, verb) in [
        ("bifall till ", "bifalla"),
        ("bifall av ", "bifalla"),
        ("avslag på ", "avslå"),
        ("avslag till ", "avslå"),
        ("avslag av ", "avslå"),
    ] {
        if lower.starts_with(prefix) {
            return Some(format!("att {verb} {}", &p[prefix.len()..]));
        }
    }
    if lower == "avslag" {
        return Some("att avslå förslaget".into());
    }
    None
}

/// The opposite of a "bifall till X" phrase, for the default nej.
fn opposite(phrase: &str) -> Option<String> {
    let p = phrase.trim();
    let lower = p.to_lowercase();
    lower
        .strip_prefix("bifall till ")
        .map(|_| format!("avslag på {}", &p["bifall till ".len()..]))
}

/// What a nej-vote stood for, as the paragraph's beslutsgång says, where it says: its
/// own words ("den som bifaller ändringsyrkandet röstar nej" → "bifall till
/// ändringsyrkandet"), else the proposition voted on ("proposition på förslaget mot
/// Patrik Wernerssons (M) ändringsyrkande" → "bifall till Patrik Wernerssons (M)
/// ändringsyrkande"). Of several propositions, the one where the votering is; none
/// found, or the proposition against an avslagsyrkande, gives `None` (the default,
/// "avslag på förslaget", holds). Review 61's M2: a vote against an ändringsyrkande
/// read "nej-röst för avslag på förslaget i tredje att-satsen" under a beslutsgång that
/// said nej was for the ändringsyrkande.
fn nej_from_beslutsgang(beslutsgang: &[String]) -> Option<String> {
    use std::sync::LazyLock;
    static DEN_SOM: LazyLock<regex::Regex> =
        LazyLock::new(|| regex::Regex::new(r"(?i)\bden som ").expect("DEN_SOM"));
    // (Read from each "den som" on: from the first, "den som bifaller förslaget röstar
    // ja och den som bifaller X röstar nej" ran to the second's "röstar nej".)
    static NEJ: LazyLock<regex::Regex> = LazyLock::new(|| {
        regex::Regex::new(
            r"(?i)^den som (?:bifaller|vill bifalla|röstar för|stöder) ([^,;]+?),? röstar nej",
        )
        .expect("NEJ")
    });
    // (Only "förslaget", or "förslaget i …", against something: "proposition på
    // förslaget om insatser mot våld … mot X" is not read, nor a proposition on an
    // ändringsyrkande against the förslag. A sentence ends at a full stop before a
    // capital: "Anna Eks (V) m.fl. ändringsyrkande" is whole; so not case-blind, where
    // a capital is any letter.)
    static AGAINST: LazyLock<regex::Regex> = LazyLock::new(|| {
        regex::Regex::new(
            r"[Pp]roposition på förslaget(?: i [^,.]+?)? mot (.+?)(?: och finner|,|\.\s+\p{Lu}|\.\s*$)",
        )
        .expect("AGAINST")
    });
    let paragraphs: Vec<&str> = beslutsgang
        .iter()
        .flat_map(|b| b.split("\n\n"))
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    let voted: Vec<&str> = paragraphs
        .iter()
        .copied()
        .filter(|p| p.to_lowercase().contains("votering"))
        .collect();
    let text = match (voted.as_slice(), paragraphs.as_slice()) {
        ([one], _) | ([], [one]) => *one,
        _ => return None,
    };
    let own = DEN_SOM
        .find_iter(text)
        .filter_map(|m| NEJ.captures(&text[m.start()..]))
        .map(|c| c[1].trim().to_string())
        .find(|x| !x.to_lowercase().contains("röstar"));
    let against = match own {
        Some(x) => x,
        // (One proposition in the paragraph: of two, which was voted on is not said.)
        None if text.to_lowercase().matches("proposition på").count() == 1 => {
            AGAINST.captures(text)?[1].trim().to_string()
        }
        None => return None,
    };
    // ("bifall till X" written out: not "bifall till bifall till X".)
    let lower = against.to_lowercase();
    let against = match lower.strip_prefix("bifall till ") {
        Some(_) => against["bifall till ".len()..].to_string(),
        None => against,
    };
    // (Against an avslagsyrkande, nej is "avslag på förslaget", as by default.)
    if against.to_lowercase().contains("avslag") || against.is_empty() {
        return None;
    }
    Some(format!("bifall till {against}"))
}

/// Checks a vote against who serves on the paragraph and words its result.
/// `beslutsgang`: the paragraph's beslutsgång, which may say what a nej-vote meant.
#[allow(clippy::too_many_arguments)]
pub fn votering(
    cx: &mut LoadCx,
    roster: &Roster,
    serving: &Serving,
    pi: usize,
    paragraf: u32,
    vote: &Spanned<OmrostningIn>,
    field: &str,
    namnd: &str,
    beslutsgang: &[String],
) -> Option<Votering> {
    let o = &vote.value;
    let mut seen: Vec<(usize, &'static str)> = Vec::new();
    let mut ok = true;
    let serves = &serving.per_punkt[pi];
    for (list, key, label) in [
        (&o.ja, "ja", "Ja"),
        (&o.nej, "nej", "Nej"),
        (&o.avstar, "avstår", "Avstår"),
    ] {
        for (i, name) in list.iter().enumerate() {
            let f = format!("{field}.{key}[{}]", i + 1);
            let Some(r) = roster.find(&name.value) else {
                let d = cx.error(
                    name.pos,
                    &f,
                    format!(
                        "{} står inte bland ledamöterna eller ersättarna",
                        name.value.trim()
                    ),
                );
                if let Some(s) = roster.suggest(&name.value) {
                    d.hints.push(format!("menade du \"{s}\"?"));
                }
                ok = false;
                continue;
            };
            if let Some((_, earlier)) = seen.iter().find(|(x, _)| *x == r) {
                cx.error(
                    name.pos,
                    &f,
                    format!(
                        "{} röstar två gånger på § {paragraf} (redan under {})",
                        roster.namn(r),
                        earlier.to_lowercase()
                    ),
                );
                ok = false;
                continue;
            }
            if !serves.contains(&r) {
                let why = serving.why_not_serving(roster, r, pi, paragraf);
                let d = cx.error(
                    name.pos,
                    &f,
                    format!(
                        "{} tjänstgör inte på § {paragraf}{why} och kan inte rösta",
                        roster.namn(r)
                    ),
                );
                d.hints.push(format!(
                    "på § {paragraf} tjänstgör: {}",
                    serves
                        .iter()
                        .map(|&x| roster.namn(x).to_string())
                        .collect::<Vec<_>>()
                        .join(", ")
                ));
                ok = false;
                continue;
            }
            seen.push((r, label));
        }
    }
    // Each counted voter is a different one of those serving, so a vote can never
    // have more votes than voters: no count check (it only repeated the errors above).
    let (ja, nej, avstar) = (o.ja.len(), o.nej.len(), o.avstar.len());
    if ja + nej == 0 {
        cx.error(
            vote.pos,
            field,
            format!("omröstningen på § {paragraf} har inga ja- eller nej-röster"),
        );
        ok = false;
    }
    if !ok {
        return None;
    }
    let ja_avser = o
        .ja_avser
        .clone()
        .filter(|s| !s.trim().is_empty())
        .unwrap_or_else(|| "bifall till förslaget".into());
    let nej_avser = o
        .nej_avser
        .clone()
        .filter(|s| !s.trim().is_empty())
        // (Never the ja-side's own words: "proposition på X mot förslaget" read so.)
        .or_else(|| {
            nej_from_beslutsgang(beslutsgang)
                .filter(|n| n.trim().to_lowercase() != ja_avser.trim().to_lowercase())
        })
        .or_else(|| opposite(&ja_avser));
    let proposition = match &nej_avser {
        Some(n) => format!(
            "Ja-röst för {}, nej-röst för {}.",
            ja_avser.trim(),
            n.trim()
        ),
        None => format!("Ja-röst för {}.", ja_avser.trim()),
    };
    let utfall = {
        let mut s = format!(
            "{} mot {}",
            count_word(ja, "ja-röst", "ja-röster"),
            count_word(nej, "nej-röst", "nej-röster")
        );
        if avstar > 0 {
            s.push_str(&format!(
                ", {} avstår",
                count_word(avstar, "ledamot", "ledamöter")
            ));
        }
        s
    };
    let mut utslagsrost = false;
    let ja_wins = if ja != nej {
        ja > nej
    } else {
        let chair = serving
            .ordforande
            .and_then(|c| seen.iter().find(|(r, _)| *r == c));
        match chair {
            Some((_, "Ja")) => {
                utslagsrost = true;
                true
            }
            Some((_, "Nej")) => {
                utslagsrost = true;
                false
            }
            _ => {
                let d = cx.error(
                    vote.pos,
                    field,
                    format!(
                        "lika röstetal på § {paragraf} ({ja}–{nej}): ordföranden {} har utslagsröst men har inte röstat ja eller nej",
                        serving.narvaro.ordforande
                    ),
                );
                d.hints.push(
                    "vid lika röstetal har ordföranden utslagsröst (kommunallagen 6 kap.)".into(),
                );
                return None;
            }
        }
    };
    let (side, phrase) = if ja_wins {
        ("ja-sidan", Some(ja_avser.clone()))
    } else {
        ("nej-sidan", nej_avser.clone())
    };
    // What is decided: an att-sats ("att bifalla förslaget", "att ärendet ska avgöras
    // i dag"), else what the winning side stood for ("i enlighet med förslaget med
    // ordförandens ändring"), else the side.
    let outcome = match phrase.as_deref().and_then(as_att_sats) {
        Some(att) => att,
        None => match phrase.as_deref().map(|p| p.trim().trim_end_matches('.')) {
            Some(p) if p.to_lowercase().starts_with("att ") => p.to_string(),
            Some(p) if !p.is_empty() => format!("i enlighet med {p}"),
            _ => format!("i enlighet med {side}"),
        },
    };
    let resultat = if utslagsrost {
        // Mid-sentence the nämnd is written as a common noun: "och regionstyrelsen beslutar".
        let namnd_mid = crate::render::lower_first(namnd);
        format!(
            "Omröstningen ger {utfall}. Vid lika röstetal har ordföranden utslagsröst; ordföranden {} har röstat {}, och {namnd_mid} beslutar därmed {outcome}.",
            serving.narvaro.ordforande_visning,
            if ja_wins { "ja" } else { "nej" }
        )
    } else if ja_wins {
        // "… mot 4 nej-röster, 1 ledamot avstår, att bifalla …": the abstention is an
        // aside, closed by a comma, not what is decided; in figures, as the votes beside
        // it (review 54's m21: "6 ja-röster mot 3 nej-röster, två ledamöter avstår"
        // mixed them; review 10 had asked for words).
        let close = if avstar > 0 { "," } else { "" };
        format!("{namnd} beslutar med {utfall}{close} {outcome}.")
    } else {
        let mut s = format!(
            "{} mot {}",
            count_word(nej, "nej-röst", "nej-röster"),
            count_word(ja, "ja-röst", "ja-röster")
        );
        if avstar > 0 {
            s.push_str(&format!(
                ", {} avstår",
                count_word(avstar, "ledamot", "ledamöter")
            ));
        }
        let close = if avstar > 0 { "," } else { "" };
        format!("{namnd} beslutar med {s}{close} {outcome}.")
    };
    let mut lista: Vec<Rost> = Vec::new();
    let mut order: Vec<(usize, &'static str)> = seen.clone();
    // The voteringslista follows the order of the seats as the roster lists them: a
    // tjänstgörande ersättare votes in the place of the ledamot they replace (they were
    // listed last, after every ledamot, as if the seat were empty: review 18).
    // (Followed through an ersättare who is jävig and replaced in turn: the seat is the
    // ledamot's at the end of the chain.)
    let seat = |r: usize| {
        let mut at = (r, 0);
        while let Some(&(_, led)) = serving
            .ersatter
            .get(at.0)
            .and_then(|s| s.iter().find(|(q, _)| *q == paragraf))
        {
            if at.1 > serving.ersatter.len() {
                break;
            }
            at = (led, at.1 + 1);
        }
        at
    };
    order.sort_by_key(|(r, _)| seat(*r));
    for (r, label) in order {
        lista.push(Rost {
            namn: roster.namn(r).to_string(),
            parti: roster.people[r].person.parti.clone().unwrap_or_default(),
            rost: label,
        });
    }
    Some(Votering {
        proposition,
        resultat,
        utfall,
        ja,
        nej,
        avstar,
        utslagsrost,
        lista,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vote_phrases() {
        assert_eq!(
            as_att_sats("bifall till förslaget").as_deref(),
            Some("att bifalla förslaget")
        );
        assert_eq!(
            as_att_sats("Avslag på förslaget").as_deref(),
            Some("att avslå förslaget")
        );
        assert_eq!(as_att_sats("Mats Erikssons yrkande"), None);
        assert_eq!(
            opposite("bifall till förslaget").as_deref(),
            Some("avslag på förslaget")
        );
    }

    #[test]
    fn a_nej_vote_means_what_the_beslutsgang_says() {
        let gang = |s: &str| vec![s.to_string()];
        // Its own words.
        let review61 = "Ordföranden ställer först proposition på förslaget i tredje att-satsen mot Patrik Wernerssons (M) ändringsyrkande och finner att regionstyrelsen bifaller förslaget. Votering begärs och verkställs. Den som bifaller förslaget röstar ja, den som bifaller ändringsyrkandet röstar nej.\n\nOrdföranden ställer därefter proposition på förslaget i fjärde att-satsen mot Stefan Rydéns (SD) avslagsyrkande och finner att regionstyrelsen bifaller förslaget.";
        assert_eq!(
            nej_from_beslutsgang(&gang(review61)).as_deref(),
            Some("bifall till ändringsyrkandet")
        );
        // The proposition voted on.
        let against = "Ordföranden ställer proposition på förslaget mot Maria Eks (V) ändringsyrkande och finner att nämnden bifaller förslaget. Votering begärs.";
        assert_eq!(
            nej_from_beslutsgang(&gang(against)).as_deref(),
            Some("bifall till Maria Eks (V) ändringsyrkande")
        );
        // Against an avslagsyrkande, or nothing said: the default holds.
        let avslag = "Ordföranden ställer proposition på förslaget mot avslagsyrkandet och finner att nämnden bifaller förslaget.";
        assert_eq!(nej_from_beslutsgang(&gang(avslag)), None);
        let avslag_own = "Votering begärs. Den som bifaller förslaget röstar ja, den som bifaller avslagsyrkandet röstar nej.";
        assert_eq!(nej_from_beslutsgang(&gang(avslag_own)), None);
        let vill = "Votering begärs. Nämnden godkänner följande propositionsordning: den som vill bifalla förslaget röstar ja, den som vill bifalla Malin Fjellströms ändringsyrkande röstar nej.";
        assert_eq!(
            nej_from_beslutsgang(&gang(vill)).as_deref(),
            Some("bifall till Malin Fjellströms ändringsyrkande")
        );
        assert_eq!(nej_from_beslutsgang(&[]), None);
        // "… röstar ja och den som …": from the second "den som".
        let och = "Votering begärs. Den som vill bifalla förslaget röstar ja och den som vill bifalla Ledamot Namnssons (C) ändringsyrkande röstar nej.";
        assert_eq!(
            nej_from_beslutsgang(&gang(och)).as_deref(),
            Some("bifall till Ledamot Namnssons (C) ändringsyrkande")
        );
        // Not read: a förslag about something "mot" something, a proposition on an
        // ändringsyrkande against the förslag; "m.fl." does not end the sentence; "bifall
        // till" not said twice.
        let om = "Ordföranden ställer proposition på förslaget om insatser mot våld i nära relationer mot Anna Eks (V) ändringsyrkande. Votering begärs.";
        assert_eq!(nej_from_beslutsgang(&gang(om)), None);
        let turned = "Ordföranden ställer proposition på Anna Eks (V) ändringsyrkande mot förslaget. Votering begärs.";
        assert_eq!(nej_from_beslutsgang(&gang(turned)), None);
        let mfl = "Ordföranden ställer proposition på förslaget mot Anna Eks (V) m.fl. ändringsyrkande och finner att nämnden bifaller förslaget. Votering begärs.";
        assert_eq!(
            nej_from_beslutsgang(&gang(mfl)).as_deref(),
            Some("bifall till Anna Eks (V) m.fl. ändringsyrkande")
        );
        let twice = "Votering begärs. Den som bifaller förslaget röstar ja, den som bifaller bifall till X röstar nej.";
        assert_eq!(
            nej_from_beslutsgang(&gang(twice)).as_deref(),
            Some("bifall till X")
        );
        // Two propositions in one paragraph: which was voted on is not said.
        let both = "Ordföranden ställer proposition på förslaget mot A:s ändringsyrkande och finner att nämnden bifaller förslaget. Ordföranden ställer sedan proposition på förslaget mot B:s tilläggsyrkande. Votering begärs.";
        assert_eq!(nej_from_beslutsgang(&gang(both)), None);
        // Several propositions and none says where the vote was: not guessed.
        let two = "Ordföranden ställer proposition på förslaget mot A:s ändringsyrkande.\n\nOrdföranden ställer proposition på förslaget mot B:s tilläggsyrkande.";
        assert_eq!(nej_from_beslutsgang(&gang(two)), None);
    }
}
