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
/// punkt 12 på dagordningen": the review of session 53's diff).
fn refers_to_points(text: &str, n: usize) -> bool {
    static REFERENCE: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"(?i)\b(beslutspunkt|beslutspunkten|beslutspunkterna|att-sats|att-satsen|att-satserna|attsats|attsatsen|punkt|punkten|punkterna)\s+(\d+)(?:\s*(?:[–-]|och|till)\s*\d+)?(\s+(?:i|på|av|ur)\b)?")
            .expect("REFERENCE")
    });
    REFERENCE.captures_iter(text).any(|c| {
        let word = c[1].to_lowercase();
        let number: usize = c[2].parse().unwrap_or(usize::MAX);
        !word.starts_with("punkt") || (number >= 1 && number <= n && c.get(3).is_none())
    })
}

/// Whether decision points the profile prints as paragraphs are numbered: where one of
/// them refers to another by its number ("Beslutet under punkterna 5–7 gäller …", set
/// 19), and the reader would count paragraphs to find it. In the tjänsteskrivelse, the
/// kallelse, the protokoll and the utdrag alike.
pub fn numbered_points(profile: &Profile, beslut: &[String]) -> bool {
    profile.beslutspunkter == ListStyle::Stycken
        && beslut.len() >= 2
        && beslut.iter().any(|t| refers_to_points(t, beslut.len()))
}

/// [`numbered_points`] for a paragraph's decision in the protokoll and its utdrag, where
/// its yrkanden, beslutsgång, reservations or notes may refer to a point by its number
/// too. (Review 52: eight JH points set as paragraphs, and the reader counted to find
/// "beslutspunkt 3" of a yrkande.)
pub fn numbered_by_reference(profile: &Profile, p: &crate::model::mote::Punkt) -> bool {
    numbered_points(profile, &p.beslut)
        || (profile.beslutspunkter == ListStyle::Stycken
            && p.beslut.len() >= 2
            && p.yrkanden
                .iter()
                .chain(&p.beslutsgang)
                .chain(&p.protokollsanteckningar)
                .chain(p.reservationer.iter().map(|r| &r.text))
                .any(|t| refers_to_points(t, p.beslut.len())))
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
        assert!(refers_to_points("enligt punkt 2 ovan", 8));
        let profiles = crate::profile::Profiles::new(std::sync::Arc::new(
            crate::assets::Assets::builtin_only(),
        ));
        let jh = profiles.get("region-jh").unwrap();
        let orebro = profiles.get("region-orebro").unwrap();
        let beslut = [
            "Avgiften höjs.".to_string(),
            "Beslutet under punkt 1 gäller från 1 juli.".to_string(),
        ];
        assert!(numbered_points(&jh, &beslut));
        // (Örebro's att-satser are its own; one point alone is not numbered.)
        assert!(!numbered_points(&orebro, &beslut));
        assert!(!numbered_points(&jh, &beslut[1..]));
        assert!(!numbered_points(
            &jh,
            &["Avgiften höjs.".into(), "Den sänks.".into()]
        ));
    }
}
