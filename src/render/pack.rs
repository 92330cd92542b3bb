//! The meeting pack (handlingar) as the template lays it out: one entry per agenda
//! item, the bilagor under their ärende, and for every bilaga page a placeholder that
//! the pipeline fills with the real page after export (see `crate::pdf`).
//!
//! Two packs come from one meeting: the public one, where a secret ärende or bilaga is
//! replaced by a notice citing its lagrum, and the members' one, where they are
//! included and marked.

use std::path::PathBuf;

use serde::Serialize;
use serde_json::json;

use crate::diag::Pos;
use crate::model::Document;
use crate::model::sammantrade::Sammantrade;
use crate::profile::Profile;

use super::points::{bilaga_pages, points};

pub use super::points::PageSizes;

/// One bilaga the pipeline places into the pack after export.
#[derive(Debug, Clone)]
pub struct PackBilaga {
    /// The key the template's placeholders carry.
    pub key: usize,
    pub path: PathBuf,
    /// "Bilaga 2. Avtal med X" (for alt texts and messages; as the tjänsteskrivelse lists it).
    pub label: String,
    /// The YAML file that lists the bilaga, the `fil` value's position and field path.
    pub source: PathBuf,
    pub pos: Pos,
    pub field: String,
}

/// The pack's items (template data) and the bilagor to place.
pub struct Pack {
    pub items: serde_json::Value,
    pub bilagor: Vec<PackBilaga>,
    /// The lagrum of every secret ärende or bilaga the pack holds in full (members').
    pub secret: Vec<String>,
}

#[derive(Serialize)]
struct PageSlot {
    flipped: bool,
}

/// Builds the pack: `members` includes what is secret (marked), else it is replaced.
pub fn pack(m: &Sammantrade, profile: &Profile, members: bool, sizes: &PageSizes<'_>) -> Pack {
    let mut bilagor_out = Vec::new();
    let mut secret: Vec<String> = Vec::new();
    let mut items = Vec::new();
    for p in &m.punkter {
        let item_secret = p.sekretess.clone();
        let withheld = item_secret.is_some() && !members;
        if let (Some(l), true) = (&item_secret, members) {
            secret.push(l.clone());
        }
        let (kind, doc) = match p.arende.as_deref() {
            _ if withheld => ("notice", serde_json::Value::Null),
            Some(Document::Tjanst(t)) => (
                "tjanst",
                json!({
                    "doc": t,
                    "order": profile.ordning["tjänsteskrivelse"],
                    "points": points(profile, &t.forslag.beslut),
                    "numbered": super::points::tjanst_numbered(t),
                    "sidor": bilaga_pages(t, sizes),
                }),
            ),
            Some(Document::Rapport(r)) => {
                let mut doc = serde_json::to_value(r).expect("a rapport serialises");
                super::view::arrange_sections(&mut doc);
                ("rapport", json!({ "doc": doc }))
            }
            _ if p.text.is_some() => ("text", serde_json::Value::Null),
            _ => ("none", serde_json::Value::Null),
        };
        let mut bilagor = Vec::new();
        if let (Some(Document::Tjanst(t)), false) = (p.arende.as_deref(), withheld) {
            for (i, b) in t.bilagor.iter().enumerate() {
                let title = format!("Bilaga {}. {}", i + 1, b.titel);
                let lagrum = b.sekretess.clone().or_else(|| item_secret.clone());
                if b.sekretess.is_some() && !members {
                    // (`nkey`: where the contents finds the notice's page.)
                    bilagor.push(json!({
                        "key": null, "title": title, "notice": b.sekretess, "pages": [],
                        "mark": null, "nkey": format!("{}-{}", p.nummer, i + 1),
                    }));
                    continue;
                }
                if let (Some(l), true) = (&b.sekretess, members) {
                    secret.push(l.clone());
                }
                let key = bilagor_out.len();
                let pages: Vec<PageSlot> = sizes(&b.path)
                    .unwrap_or_default()
                    .into_iter()
                    .map(|(w, h)| PageSlot {
                        flipped: w > h * 1.05,
                    })
                    .collect();
                bilagor_out.push(PackBilaga {
                    key,
                    path: b.path.clone(),
                    label: title.clone(),
                    source: b.source.clone(),
                    pos: b.pos,
                    field: format!("bilagor[{}].fil", i + 1),
                });
                bilagor.push(json!({
                    "key": key,
                    "title": title,
                    "notice": null,
                    "pages": pages,
                    "mark": if members { lagrum } else { None },
                }));
            }
        }
        // The item's pages keep the running header of its own document (spec: "only
        // the page numbers change"); a notice in place of a secret item has its Dnr.
        let running = match p.arende.as_deref() {
            Some(Document::Tjanst(t)) => {
                Some(super::view::tjanst_running(&t.diarienummer, profile))
            }
            Some(Document::Rapport(r)) if !withheld => {
                Some(super::view::rapport_running(r, profile))
            }
            _ => p
                .diarienummer
                .as_deref()
                .map(|d| super::view::tjanst_running(d, profile)),
        };
        items.push(json!({
            "number": p.nummer,
            "title": p.rubrik,
            "running": running,
            "dnr": p.diarienummer,
            // An item that is only a text is read in the föredragningslista: it has
            // no page of its own in the pack (spec/sammantrade.md).
            "has_page": kind != "none" && kind != "text",
            "kind": kind,
            "lagrum": item_secret,
            "mark": if members { item_secret.clone() } else { None },
            "a": doc,
            "bilagor": bilagor,
        }));
    }
    secret.sort();
    secret.dedup();
    Pack {
        items: serde_json::Value::Array(items),
        bilagor: bilagor_out,
        secret,
    }
}
