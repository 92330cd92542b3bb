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

/// The page count of each bilaga, where it can be read.
pub fn bilaga_pages(t: &Tjansteskrivelse, sizes: &PageSizes<'_>) -> Vec<Option<usize>> {
    t.bilagor
        .iter()
        .map(|b| sizes(&b.path).map(|s| s.len()))
        .collect()
}
