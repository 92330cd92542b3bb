//! Hyphenation next to a Swedish compound's joint, turned off.
//!
//! Typst hyphenates with the Swedish TeX patterns (the `hypher` crate), which know
//! syllables, not compounds: they set "transpor-/tinfrastruktur", "regi-/onplanen",
//! "ambulan-/stransporter" (a consonant of the first part carried over to a
//! vowel-initial second part) and "besöksnä-/ringens", "transportin-/frastruktur"
//! (a line ending in two or three letters of the second part). A Swedish typesetter
//! breaks a compound at its joint, or within one of its parts. Words are checked
//! against a list of common compound elements (`joints.txt`: health care, public
//! administration, culture, infrastructure): where one begins after a word's third
//! letter, that is a joint, and a hyphenation point the patterns give just before it
//! (one or two letters) or just after it (up to three letters into the element, not at
//! its end) is switched off. Typst reads `hyphenate` at the letter after each point,
//! so only that letter is set `hyphenate: false` ([`super::markup`]): every other
//! point of the word stays, and the text layer holds the word as typed.
//!
//! A word none of whose elements is listed keeps every point the patterns give; an
//! element found by chance inside a word ("lista" in "specialistansvar") only costs
//! that word a point or two. Besides, "regi-/on" is never broken there (the patterns'
//! "re-gi-on"; Swedish breaks "re-gion").

use std::collections::HashMap;
use std::sync::LazyLock;

/// The list's elements, by their first four letters.
static ELEMENTS: LazyLock<HashMap<[char; 4], Vec<Vec<char>>>> = LazyLock::new(|| {
    let mut map: HashMap<[char; 4], Vec<Vec<char>>> = HashMap::new();
    for line in include_str!("joints.txt").lines() {
        let stem = line.trim();
        if stem.is_empty() || stem.starts_with('#') {
            continue;
        }
        // (A stem of fewer than four letters is not used: it would be found inside
        // too many words.)
        let chars: Vec<char> = stem.chars().flat_map(char::to_lowercase).collect();
        if let Some(Ok(key)) = chars.get(..4).map(<[char; 4]>::try_from) {
            map.entry(key).or_default().push(chars);
        }
    }
    map
});

/// Words shorter than this are not checked for joints (a joint needs three letters
/// before it and four after); "gion" from six letters ("region").
const MIN_WORD: usize = 8;
const MIN_GION: usize = 6;

/// A joint: where an element begins, and its length.
#[derive(Debug, Clone, Copy)]
struct Joint {
    at: usize,
    len: usize,
}

/// The joints of `word` (lowercase letters): each place after the third letter where
/// a listed element begins.
fn joints(word: &[char]) -> Vec<Joint> {
    let mut found = Vec::new();
    for at in 3..word.len().saturating_sub(3) {
        let Ok(key) = <[char; 4]>::try_from(&word[at..at + 4]) else {
            continue;
        };
        if let Some(stems) = ELEMENTS.get(&key)
            && let Some(len) = stems
                .iter()
                .filter(|s| word[at..].starts_with(s))
                .map(Vec::len)
                .max()
        {
            found.push(Joint { at, len });
        }
    }
    found
}

/// The character offsets of the hyphenation points the Swedish patterns give in `word`
/// (as Typst's line breaker finds them).
fn pattern_points(word: &str) -> Vec<usize> {
    let syllables: Vec<&str> = hypher::hyphenate(word, hypher::Lang::Swedish).collect();
    let mut at = 0;
    syllables[..syllables.len().saturating_sub(1)]
        .iter()
        .map(|s| {
            at += s.chars().count();
            at
        })
        .collect()
}

/// The character offsets in `word` (a run of letters, as Typst's line breaker sees
/// one) of the hyphenation points the Swedish patterns give that fall next to a
/// compound joint and not at it, or inside "gion". Empty for a short word.
pub fn misplaced(word: &str) -> Vec<usize> {
    let lower: Vec<char> = word.chars().flat_map(char::to_lowercase).collect();
    if lower.len() != word.chars().count() || lower.len() < MIN_GION {
        return Vec::new();
    }
    let found = if lower.len() >= MIN_WORD {
        joints(&lower)
    } else {
        Vec::new()
    };
    pattern_points(word)
        .into_iter()
        .filter(|&p| {
            let in_gion = p >= 2 && lower[p - 2] == 'g' && lower[p - 1] == 'i' && lower[p] == 'o';
            let at_joint = found.iter().any(|j| j.at == p);
            let near_joint = found.iter().any(|j| {
                (j.at.saturating_sub(2)..j.at).contains(&p)
                    || (p > j.at && p <= j.at + 3 && p + 2 <= j.at + j.len)
            });
            in_gion || (near_joint && !at_joint)
        })
        .collect()
}

/// How a table's column header word may break: at a compound's joint ("Helårs-/budget",
/// "Prognos-/avvikelse", "Hyrsjuk-/sköterskor"), where the patterns give a point there
/// or not (they set "progno-savvikelse"); and, only where nothing else fits, at a point
/// inside an element; never a letter or two from a joint (as [`misplaced`]) nor with
/// fewer than three letters on either side ("un-/dersköterskor"). Offsets are in
/// characters, as in [`misplaced`].
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct HeaderBreaks {
    /// The joints, three letters or more from either end.
    pub joints: Vec<usize>,
    /// The pattern points it never breaks at. (The others, inside an element, are
    /// Typst's own: they stay where the word is hyphenated as a last resort.)
    pub off: Vec<usize>,
}

/// Letters kept on either side of a header word's break.
const HEADER_EDGE: usize = 3;

/// Letters on either side of a joint a header word is planned to break at: not a
/// prefix of three ("För-/ändring (%)" in three lines beside whole words, the corpus
/// after review 58), which stays a point inside the word.
const HEADER_JOINT_EDGE: usize = 4;

/// The breaks of a column header's word (letters only), or `None` for a word with
/// neither a joint nor a pattern point.
pub fn header_breaks(word: &str) -> Option<HeaderBreaks> {
    let lower: Vec<char> = word.chars().flat_map(char::to_lowercase).collect();
    let n = word.chars().count();
    if lower.len() != n || !word.chars().all(char::is_alphabetic) {
        return None;
    }
    let found = if n >= MIN_WORD {
        joints(&lower)
    } else {
        Vec::new()
    };
    let misplaced = misplaced(word);
    let mut breaks = HeaderBreaks {
        joints: found
            .iter()
            .map(|j| j.at)
            .filter(|&at| at >= HEADER_JOINT_EDGE && n - at >= HEADER_JOINT_EDGE)
            .collect(),
        ..Default::default()
    };
    breaks.joints.dedup();
    let points = pattern_points(word);
    for &at in &points {
        if breaks.joints.contains(&at) {
            continue;
        }
        if at < HEADER_EDGE || n - at < HEADER_EDGE || misplaced.contains(&at) {
            breaks.off.push(at);
        }
    }
    if breaks.joints.is_empty() && points.is_empty() {
        return None;
    }
    Some(breaks)
}

/// Names are not hyphenated: a word of up to this many letters that begins with a
/// capital ("Trafikverket", "Kullbergs", "Görans", "Värmland") keeps whole. (Review 50
/// read "Trafikver-/ket" in a beslutsunderlag; the corpus held "Sanna Kull-/bergs",
/// "Rebecka Nils-/sons" and "S:t Gö-/rans".) A longer one (an authority's compound name,
/// "Folkhälsomyndigheten") may still break, at its joints as any compound: kept whole
/// it would leave a justified line loose. (A sentence's first word is not taken for a
/// name: `markup::escape_words` tells it.)
const NAME_LETTERS: usize = 15;

/// The character offsets of every hyphenation point the Swedish patterns give in
/// `word`, when it is a name ([`NAME_LETTERS`]); otherwise empty.
pub fn name_points(word: &str) -> Vec<usize> {
    let n = word.chars().count();
    if n > NAME_LETTERS
        || !word.starts_with(char::is_uppercase)
        || !word.chars().all(char::is_alphabetic)
    {
        return Vec::new();
    }
    pattern_points(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The word with a hyphen at every point the patterns give that is kept.
    fn kept(word: &str) -> String {
        let off = misplaced(word);
        let mut out = String::new();
        let mut at = 0;
        let syllables: Vec<&str> = hypher::hyphenate(word, hypher::Lang::Swedish).collect();
        for (i, syllable) in syllables.iter().enumerate() {
            out.push_str(syllable);
            at += syllable.chars().count();
            if i + 1 < syllables.len() && !off.contains(&at) {
                out.push('-');
            }
        }
        out
    }

    #[test]
    fn a_compound_is_not_broken_a_letter_or_two_from_its_joint() {
        // The patterns give "trans-por-tin-fra-struk-tur", "re-gi-onpla-nen" …
        assert_eq!(kept("transportinfrastruktur"), "trans-portinfra-struk-tur");
        assert_eq!(kept("regionplanen"), "re-gionpla-nen");
        assert_eq!(kept("ambulanstransporter"), "am-bu-lanstrans-por-ter");
        assert_eq!(kept("besöksnäringens"), "be-söksnäring-ens");
        assert_eq!(kept("kontaktytor"), "kon-taktytor");
        assert_eq!(kept("turistekonomisk"), "tu-ristekono-misk");
        assert_eq!(kept("akutbesöken"), "akut-besö-ken");
        assert_eq!(kept("dokumenthantering"), "do-ku-menthante-ring");
        assert_eq!(kept("glukosbelastning"), "glu-kosbelast-ning");
        assert_eq!(kept("vidareutbildning"), "vi-dare-ut-bild-ning");
        // Review 55's m9: "ändringsyr-/kande", "arbetsgi-/varnas".
        assert!(!kept("ändringsyrkande").contains("yr-kan"));
        assert!(!kept("arbetsgivarnas").contains("gi-var"));
    }

    #[test]
    fn a_break_at_the_joint_or_inside_a_part_stays() {
        assert_eq!(
            kept("samverkansöverenskommelse"),
            "sam-ver-kans-över-ens-kom-mel-se"
        );
        assert_eq!(kept("utbildningsinsatser"), "ut-bild-nings-insat-ser");
        assert_eq!(kept("Verksamhetsuppföljning"), "Verk-sam-hets-uppfölj-ning");
        assert_eq!(kept("sjukvården"), "sjuk-vår-den");
        // Review 52: "bukaortaa-/neurysm", a letter of the next element carried back.
        assert!(
            !kept("bukaortaaneurysm").contains("taa-"),
            "{}",
            kept("bukaortaaneurysm")
        );
        // Nothing listed: every point stays.
        assert_eq!(kept("förslagen"), "för-sla-gen");
        assert_eq!(kept("behandling"), "be-hand-ling");
    }

    #[test]
    fn a_name_keeps_whole() {
        // Every point the patterns give, for a name of up to fifteen letters.
        let points = name_points("Trafikverket");
        assert!(points.contains(&9), "Trafikver-ket: {points:?}");
        assert_eq!(
            points.len() + 1,
            hypher::hyphenate("Trafikverket", hypher::Lang::Swedish).count()
        );
        assert!(!name_points("Kullbergs").is_empty());
        // Not a word in lower case, nor a long compound name (it breaks at its joints).
        assert!(name_points("trafikverket").is_empty());
        assert!(name_points("Folkhälsomyndigheten").is_empty());
    }

    #[test]
    fn region_is_broken_before_gion() {
        assert_eq!(kept("regionala"), "re-gio-na-la");
        assert!(misplaced("regionens").contains(&4));
        assert_eq!(kept("region"), "re-gion");
        assert_eq!(kept("Regions"), "Re-gions");
    }

    #[test]
    fn a_part_of_a_word_that_is_also_an_element_does_not_hide_the_joint() {
        // "anställ" in "samm-anställning": the joint "samman-/ställning" stays.
        assert_eq!(kept("sammanställningen"), "samman-ställ-ning-en");
    }

    /// The header word with "-" at its joints and "~" at the pattern points it keeps
    /// (Typst's own, for a last resort).
    fn header(word: &str) -> String {
        let b = header_breaks(word).unwrap_or_default();
        let points = pattern_points(word);
        let mut out = String::new();
        for (i, c) in word.chars().enumerate() {
            if b.joints.contains(&i) {
                out.push('-');
            } else if points.contains(&i) && !b.off.contains(&i) {
                out.push('~');
            }
            out.push(c);
        }
        out
    }

    #[test]
    fn a_header_breaks_at_its_joints_and_not_near_its_edges() {
        // Review 58's M1: "Hyrsjukskö-/terskor", "Övertid un-/dersköters-/kor".
        assert_eq!(header("Hyrsjuksköterskor"), "Hyr~sjuk-sköters~kor");
        assert_eq!(header("undersköterskor"), "under-sköters~kor");
        // Its M2: a long number header may take two lines at its joint.
        assert_eq!(header("Helårsbudget"), "Helårs-budget");
        assert_eq!(header("Prognosavvikelse"), "Pro~gnos-avvi~kelse");
        // Not at a prefix of three letters ("Föränd-/ring" in the review): a point inside.
        assert_eq!(header("Förändring"), "För~ändring");
        assert_eq!(header("Hyrläkare"), "Hyr~läkare");
        // No joint known: the points the patterns give, three letters from the edges.
        assert_eq!(header("Behandling"), "Behand~ling");
        assert_eq!(header("Mål"), "Mål");
        assert!(header_breaks("2054").is_none());
        assert!(header_breaks("(%)").is_none());
    }

    #[test]
    fn short_words_and_words_with_other_characters_are_left() {
        assert!(misplaced("vård").is_empty());
        assert!(misplaced("").is_empty());
    }
}
