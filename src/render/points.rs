//! Small pieces of a document's view that several outputs share: decision points as
//! the profile prints them, and the page count of each bilaga.

use std::path::Path;

use serde::Serialize;

use crate::model::Tjansteskrivelse;
use crate::profile::{ListStyle, Profile};

/// A bilaga page's visible size in points, or why the bilaga cannot be read (said when
/// the pack is placed; here it only gets no placeholder pages).
pub type PageSizes<'a> = dyn Fn(&Path) -> Option<Vec<(f64, f64)>> + 'a;

/// A decision point as the templates place it: `att` set when the profile prints
/// att-satser and the point begins with "att ", the rest of the text in `text`;
/// `hang` when it begins with "att " in a profile that prints the points as written
/// (its later lines are indented to the word after "att": review 30 read twelve JH
/// att-satser whose second lines began under "att").
/// `long`: a point of more than [`LONG_POINT`] characters or [`LONG_POINT_LINES`] lines,
/// which may break across a page; a shorter one is kept whole (review 33: a four-line point broken 2 | 2, its
/// heading and first two lines at a page foot).
#[derive(Serialize)]
pub struct Point {
    pub att: bool,
    pub hang: bool,
    pub text: String,
    pub long: bool,
}

/// The longest decision point (in characters, about seven lines) kept whole on a page.
pub const LONG_POINT: usize = 600;

/// The most lines of its own (list items, paragraphs) a point kept whole may have: a
/// short point with a list of 54 names ran off its page (the review of the diff).
const LONG_POINT_LINES: usize = 8;

fn is_long(text: &str) -> bool {
    text.chars().count() > LONG_POINT || text.lines().count() > LONG_POINT_LINES
}

pub fn points(profile: &Profile, beslut: &[String]) -> Vec<Point> {
    beslut
        .iter()
        .map(|b| {
            let t = b.trim();
            match (profile.beslutspunkter, t.strip_prefix("att ")) {
                (ListStyle::AttSatser, Some(rest)) => Point {
                    att: true,
                    hang: false,
                    text: rest.trim_start().to_string(),
                    long: is_long(t),
                },
                // (Only a point of one paragraph, which the template sets as one
                // `par`: a body of several paragraphs or a list would run together.)
                (_, rest) => Point {
                    att: false,
                    hang: rest.is_some() && !t.contains('\n'),
                    text: t.to_string(),
                    long: is_long(t),
                },
            }
        })
        .collect()
}

/// Whether a text refers to one of `n` decision points by its number ("yrkar avslag
/// på beslutspunkt 3", "att-sats 4", "under punkterna 5–7"). A bare "punkt" only with
/// a number among the points and not another document's ("punkt 4 i avtalet", "efter
/// punkt 12 på dagordningen": the review of session 53's diff), nor a numbered
/// section's ("punkt 2.3": the review of session 57's diff; a comma lists points,
/// "beslutspunkt 1,2 och 4").
fn refers_to_points(text: &str, n: usize) -> bool {
    static REFERENCE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"(?i)\b(beslutspunkt|beslutspunkten|beslutspunkterna|att-sats|att-satsen|att-satserna|attsats|attsatsen|punkt|punkten|punkterna)\s+(\d+)([.:]\d)?(?:\s*(?:,|[–-]|och|till)\s*\d+)*(\s+(?:i|på|av|ur)\b)?")
            .expect("REFERENCE")
    });
    REFERENCE.captures_iter(text).any(|c| {
        let word = c[1].to_lowercase();
        let number: usize = c[2].parse().unwrap_or(usize::MAX);
        c.get(3).is_none()
            && (!word.starts_with("punkt") || (number >= 1 && number <= n && c.get(4).is_none()))
    })
}

/// The beginnings of words that name another document than the decision, after "i" or
/// "enligt" and a point's number ("punkt 4 i avtalet", "beslutspunkt 2 i riktlinjen").
const OTHER_DOCUMENTS: &str = "avtal|riktlinje|reglemente|polic|plan|handlingsplan|program|strategi|lag|förordning|föreskrift|överenskommelse|kontrakt|bilaga|protokoll|promemoria|betänkande|remiss|budget|taxa|ansökan|stadga|ordning";

/// [`refers_to_points`] for prose about the ärende (a tjänsteskrivelse's sammanfattning
/// and ärendebeskrivning, a paragraph's text), where "punkt 2" is as often another
/// document's (a riktlinje's, fullmäktige's decision "under punkt 2 att …": the review
/// of session 57's diff): only "beslutspunkt" or "att-sats" with a number, "beslutet"
/// or "förslaget" under a point, or a point "ovan", "nedan" or "i förslaget"; and not
/// one "i" another document ("beslutet under punkt 5 i avtalet", "beslutspunkt 2 i
/// fullmäktiges beslut"). A section's number ("punkt 2.3") is not a point; a comma is
/// a list's ("beslutspunkt 1,2 och 4"), not a decimal: no section is numbered so.
fn refers_in_prose(text: &str, n: usize) -> bool {
    static PROSE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"(?i)\b(?:beslutspunkt(?:en|erna)?|att-?sats(?:en|erna)?\s|(?:beslutet|förslaget)\s+(?:under|i|enligt)\s+punkt(?:en|erna)?)\s*(\d+)([.:]\d)?|\bpunkt(?:en|erna)?\s+(\d+)([.:]\d)?(?:\s*(?:[–-]|och|till)\s*\d+)?\s+(?:ovan|nedan|i\s+förslaget|i\s+beslutet)\b")
            .expect("PROSE")
    });
    // What follows a point's number (and the numbers listed with it) that makes it
    // another document's: "i" or "enligt" and a document named ("avtalet",
    // "riktlinjen", "bilagan", "regionfullmäktiges beslut"). Not this decision's own
    // ("i förslaget", "i regiondirektörens förslag", "i sin helhet", "enligt ovan": the
    // review of session 58's diff found them read as another document's).
    static ELSEWHERE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(&format!(
            r"(?i)^(?:\s*(?:,|[–-]|och|till)\s*\d+)*\s+(?:i|enligt)\s+(?:(?:{OTHER_DOCUMENTS})\p{{L}}*\b|\p{{L}}*(?:fullmäktiges|styrelsens|utskottets)\s+beslut)"
        ))
        .expect("ELSEWHERE")
    });
    PROSE.captures_iter(text).any(|c| {
        let (number, decimal) = match c.get(1) {
            Some(m) => (m, c.get(2)),
            None => (c.get(3).expect("the second form's number"), c.get(4)),
        };
        let own = c.get(1).is_none() || !ELSEWHERE.is_match(&text[number.end()..]);
        let number: usize = number.as_str().parse().unwrap_or(usize::MAX);
        own && decimal.is_none() && number >= 1 && number <= n
    })
}

/// Whether decision points are numbered: where one of them refers to another by its
/// number ("Beslutet under punkterna 5–7 gäller …", set 19), and the reader would count
/// points to find it. In the tjänsteskrivelse, the kallelse, the protokoll and the
/// utdrag alike; as paragraphs (JH) or as att-satser (Örebro: "att beslutet under
/// punkterna 3 och 4 ska redovisas särskilt", review 56's M3, was counted).
pub fn numbered_points(beslut: &[String]) -> bool {
    beslut.len() >= 2 && beslut.iter().any(|t| refers_to_points(t, beslut.len()))
}

/// [`numbered_points`] for a tjänsteskrivelse: also where its own text (sammanfattning,
/// ärendebeskrivning, further sections) refers to a point by its number. Review 56's M4:
/// an ärendebeskrivning's "Beslutet under punkterna 5–7 gäller avvecklingen" over eight
/// unnumbered points in the TS and the kallelse, numbered in the protokoll.
pub fn tjanst_numbered(t: &Tjansteskrivelse) -> bool {
    let n = t.forslag.beslut.len();
    numbered_points(&t.forslag.beslut)
        || (n >= 2
            && t.sammanfattning
                .iter()
                .chain(&t.arendebeskrivning)
                .chain(t.avsnitt.iter().map(|a| &a.text))
                .any(|x| refers_in_prose(x, n)))
}

/// The tjänsteskrivelse of an agenda item whose points `points` are its förslag as
/// proposed (as many), where the item has one.
fn proposing_tjanst<'a>(
    p: &'a crate::model::mote::Punkt,
    points: &[String],
) -> Option<&'a Tjansteskrivelse> {
    match p.arende.as_deref() {
        Some(crate::model::Document::Tjanst(t)) if t.forslag.beslut.len() == points.len() => {
            Some(t)
        }
        _ => None,
    }
}

/// [`numbered_points`] for an agenda item's förslag in the kallelse: numbered where its
/// tjänsteskrivelse numbers them ([`tjanst_numbered`]), so that the two read alike.
pub fn forslag_numbered(p: &crate::model::mote::Punkt) -> bool {
    numbered_points(&p.forslag) || proposing_tjanst(p, &p.forslag).is_some_and(tjanst_numbered)
}

/// [`numbered_points`] for a paragraph's decision in the protokoll and its utdrag, where
/// its yrkanden, beslutsgång, reservations or notes may refer to a point by its number
/// too (review 52: eight JH points set as paragraphs, and the reader counted to find
/// "beslutspunkt 3" of a yrkande), or its text, or its tjänsteskrivelse where the
/// decision has as many points as it proposed.
pub fn numbered_by_reference(p: &crate::model::mote::Punkt) -> bool {
    let n = p.beslut.len();
    numbered_points(&p.beslut)
        || (n >= 2
            && p.yrkanden
                .iter()
                .chain(&p.beslutsgang)
                .chain(&p.protokollsanteckningar)
                .chain(p.reservationer.iter().map(|r| &r.text))
                .any(|t| refers_to_points(t, n))
            || p.text
                .iter()
                .chain(&p.sammanfattning)
                .any(|t| refers_in_prose(t, n)))
        || proposing_tjanst(p, &p.beslut).is_some_and(tjanst_numbered)
}

/// The page count of each bilaga, where it can be read.
pub fn bilaga_pages(t: &Tjansteskrivelse, sizes: &PageSizes<'_>) -> Vec<Option<usize>> {
    t.bilagor
        .iter()
        .map(|b| sizes(&b.path).map(|s| s.len()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_point_referred_to_by_its_number_is_numbered() {
        assert!(refers_to_points("yrkar avslag på beslutspunkt 3", 8));
        assert!(refers_to_points("Beslutet under punkterna 5–7 gäller", 9));
        assert!(refers_to_points("avslag på att-sats 2", 3));
        assert!(!refers_to_points("punkten om avgifter", 8));
        assert!(!refers_to_points("3 punkter", 8));
        // Not another document's point (the review of session 53's diff).
        assert!(!refers_to_points(
            "Avgiften för intyg enligt punkt 4 i avtalet är 100 kronor.",
            10
        ));
        assert!(!refers_to_points(
            "yrkar att ärendet behandlas efter punkt 12 på dagordningen",
            8
        ));
        assert!(!refers_to_points("enligt punkt 12", 8));
        // Not a numbered section's (the review of session 57's diff).
        assert!(!refers_to_points("Enligt punkt 2.3 i riktlinjen gäller", 8));
        assert!(!refers_to_points("Ändringen gäller punkt 3.1.", 8));
        assert!(refers_to_points(
            "yrkar avslag på beslutspunkt 1,2 och 4",
            8
        ));
        assert!(!refers_to_points(
            "Avtalet ändras enligt punkterna 1,2 och 4 i avtalet.",
            4
        ));
        // In prose about the ärende only what plainly names the decision's points.
        assert!(refers_in_prose(
            "Beslutet under punkterna 5–7 gäller avvecklingen",
            8
        ));
        assert!(refers_in_prose("Som framgår av beslutspunkt 2 ska", 3));
        assert!(refers_in_prose("kostnaden enligt punkt 2 ovan", 3));
        assert!(!refers_in_prose(
            "Regionfullmäktige beslutade den 3 maj under punkt 2 att ge nämnden i uppdrag",
            3
        ));
        assert!(!refers_in_prose("Enligt punkt 2.3 i riktlinjen", 3));
        assert!(!refers_in_prose("Förslaget under punkt 9 ovan", 3));
        // Another document's point after "i", and a list with commas (the review of
        // session 57's diff, m5).
        assert!(!refers_in_prose(
            "Beslutet under punkt 5 i avtalet gäller till 2056.",
            8
        ));
        assert!(!refers_in_prose(
            "Beslutspunkt 2 i regionfullmäktiges beslut 2052 anger ramen.",
            8
        ));
        assert!(refers_in_prose("Beslutspunkt 2 i förslaget gäller", 3));
        assert!(refers_in_prose("Beslutspunkt 2 ska läsas med 3", 3));
        assert!(refers_in_prose("Beslutspunkterna 1,2 och 4 gäller", 4));
        // This decision's own, though after "i" or "enligt" (the review of session 58's
        // diff).
        assert!(refers_in_prose(
            "Beslutspunkt 2 i regiondirektörens förslag innebär",
            4
        ));
        assert!(refers_in_prose("Beslutspunkterna 2 och 3 i sin helhet", 4));
        assert!(refers_in_prose("Beslutspunkt 2 enligt ovan", 4));
        assert!(!refers_in_prose(
            "Beslutspunkt 2 i riktlinjerna för bidrag",
            4
        ));
        assert!(!refers_in_prose("Beslutspunkt 2.1 i riktlinjen", 4));
        assert!(refers_to_points("enligt punkt 2 ovan", 8));
        let beslut = [
            "Avgiften höjs.".to_string(),
            "Beslutet under punkt 1 gäller från 1 juli.".to_string(),
        ];
        // (As paragraphs or as att-satser alike: review 56's M3. One point alone is
        // not numbered.)
        assert!(numbered_points(&beslut));
        assert!(!numbered_points(&beslut[1..]));
        assert!(!numbered_points(&[
            "Avgiften höjs.".into(),
            "Den sänks.".into()
        ]));
    }
}
