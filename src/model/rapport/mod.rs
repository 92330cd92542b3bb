//! The rapport: a report to a nämnd with text, tables, charts and key figures
//! (`shared/spec/rapport.md`).
//!
//! Tables and charts are checked here and handed to the templates ready to place:
//! numbers formatted the Swedish way, columns classified as numeric or text, sum rows
//! computed, chart axes chosen and an alternative text written for every chart.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::LoadCx;
use super::common::{self, Datum, Handlaggare};
use crate::model::head::document_input;
use crate::profile::Profile;
use crate::yaml::{Kind, Node, RawScalar, Spanned};

mod data;
use data::{chart, key_figure, table};

/// Sections nest at most this deep (the spec: three levels in all).
const MAX_LEVELS: usize = 3;

document_input! {
typ_schema = "crate::model::fields::typ_rapport",
typ_description = "Dokumenttyp: rapport.",
datum_description = "Rapportens datum (ÅÅÅÅ-MM-DD).";
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    rename = "Rapport",
    title = "Rapport",
    description = "Rapport: månadsrapport, uppföljning eller utredning med avsnitt, tabeller, diagram och nyckeltal."
)]
struct Input {
    #[schemars(description = "Diarienummer, om rapporten har ett.")]
    diarienummer: Option<Spanned<String>>,
    #[schemars(description = "Rapportens titel.")]
    rubrik: Spanned<String>,
    #[schemars(description = "Underrubrik, t.ex. perioden.")]
    underrubrik: Option<String>,
    #[serde(rename = "handläggare", alias = "handlaggare")]
    #[schemars(description = "Handläggaren.")]
    handlaggare: Option<Handlaggare>,
    #[schemars(description = "Sammanfattning (Markdown) före avsnitten.")]
    sammanfattning: Option<String>,
    #[serde(rename = "innehållsförteckning", alias = "innehallsforteckning")]
    #[schemars(
        description = "Innehållsförteckning: true eller false; standard är en förteckning när rapporten har minst tre avsnitt."
    )]
    innehallsforteckning: Option<bool>,
    #[schemars(description = "Avsnitten i ordning (högst tre nivåer).")]
    avsnitt: Spanned<Vec<AvsnittIn>>,
}
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    rename = "Rapportavsnitt",
    description = "Ett avsnitt; innehållet visas i den ordning fälten skrivs."
)]
struct AvsnittIn {
    #[schemars(description = "Avsnittets rubrik.")]
    rubrik: Spanned<String>,
    #[schemars(description = "Text (Markdown).")]
    text: Option<String>,
    #[serde(default)]
    #[schemars(description = "Tabeller.")]
    tabeller: Vec<TabellIn>,
    #[serde(default)]
    #[schemars(description = "Diagram.")]
    diagram: Vec<DiagramIn>,
    #[serde(default)]
    #[schemars(description = "Nyckeltal med mål, utfall och status.")]
    nyckeltal: Vec<NyckeltalIn>,
    #[serde(default)]
    #[schemars(description = "Underavsnitt.")]
    avsnitt: Vec<AvsnittIn>,
}

/// A table's sum row: `summa: true` (every numeric column), `false`, or the columns to
/// add up by their headings (a per-capita or average column makes no sense summed).
#[derive(Debug, Clone, PartialEq)]
pub(super) enum SummaIn {
    Ingen,
    Alla,
    Kolumner(Vec<String>),
}

impl<'de> Deserialize<'de> for SummaIn {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        use serde::de::{self, SeqAccess, Visitor};
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = SummaIn;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("true, false eller en lista med kolumnrubriker, t.ex. [Utfall, Budget]")
            }
            fn visit_bool<E: de::Error>(self, v: bool) -> Result<SummaIn, E> {
                Ok(if v { SummaIn::Alla } else { SummaIn::Ingen })
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<SummaIn, A::Error> {
                let mut names = Vec::new();
                while let Some(name) = seq.next_element::<String>()? {
                    names.push(name);
                }
                Ok(SummaIn::Kolumner(names))
            }
        }
        d.deserialize_any(V)
    }
}

impl JsonSchema for SummaIn {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Summa".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "oneOf": [
                { "type": "boolean" },
                { "type": "array", "items": { "type": "string" }, "minItems": 1 }
            ]
        })
    }
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    rename = "Tabell",
    description = "En tabell; talkolumner skrivs med svensk talformatering."
)]
struct TabellIn {
    #[schemars(description = "Tabellrubrik.")]
    rubrik: String,
    #[schemars(description = "Kolumnrubriker.")]
    kolumner: Spanned<Vec<String>>,
    #[schemars(description = "Rader, lika långa som kolumnerna; tomma celler skrivs ~.")]
    rader: Vec<Spanned<Vec<Spanned<Option<RawScalar>>>>>,
    #[schemars(
        description = "En summarad: true summerar talkolumnerna utom andelar, snitt och tal per något (rubrik med %, andel, snitt, per …); en lista med kolumnrubriker summerar just dem."
    )]
    summa: Option<Spanned<SummaIn>>,
    #[schemars(description = "Enhet, t.ex. mnkr; visas i tabellrubriken.")]
    enhet: Option<String>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Diagram", description = "Ett stapel- eller linjediagram.")]
struct DiagramIn {
    #[schemars(description = "Diagrammets rubrik.")]
    rubrik: String,
    #[schemars(
        schema_with = "crate::model::fields::diagramtyp",
        description = "stapel eller linje."
    )]
    typ: Spanned<String>,
    #[schemars(description = "Kategorierna längs x-axeln.")]
    kategorier: Spanned<Vec<String>>,
    #[schemars(description = "Dataserierna, var och en med ett värde per kategori.")]
    serier: Spanned<Vec<SerieIn>>,
    #[schemars(description = "Enhet på y-axeln.")]
    enhet: Option<String>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Dataserie")]
struct SerieIn {
    #[schemars(description = "Seriens namn i teckenförklaringen.")]
    namn: String,
    #[serde(rename = "värden", alias = "varden")]
    #[schemars(description = "Ett tal per kategori.")]
    varden: Spanned<Vec<f64>>,
}

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(rename = "Nyckeltal")]
struct NyckeltalIn {
    #[schemars(description = "Nyckeltalets namn.")]
    namn: String,
    #[serde(rename = "mål", alias = "mal")]
    #[schemars(description = "Målvärdet.")]
    mal: Option<String>,
    #[schemars(description = "Utfallet.")]
    utfall: Option<String>,
    #[schemars(schema_with = "crate::model::fields::nyckeltalsstatus")]
    status: Spanned<String>,
    #[schemars(description = "Kommentar.")]
    kommentar: Option<String>,
}

/// A checked report.
#[derive(Debug, Clone, Serialize)]
pub struct Rapport {
    pub namnd: String,
    pub diarienummer: Option<String>,
    pub datum: Datum,
    pub rubrik: String,
    pub underrubrik: Option<String>,
    pub handlaggare: Option<Handlaggare>,
    pub sammanfattning: Option<String>,
    pub innehallsforteckning: bool,
    pub avsnitt: Vec<Section>,
}

/// A section with its blocks in the order the file gives them.
#[derive(Debug, Clone, Serialize)]
pub struct Section {
    pub rubrik: String,
    pub niva: usize,
    pub block: Vec<Block>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(tag = "sort")]
pub enum Block {
    #[serde(rename = "text")]
    Text { text: String },
    #[serde(rename = "tabell")]
    Table(Table),
    #[serde(rename = "diagram")]
    Chart(Chart),
    #[serde(rename = "nyckeltal")]
    KeyFigures { rader: Vec<KeyFigure> },
    #[serde(rename = "avsnitt")]
    Section(Section),
}

/// A table ready to place: every cell as printed text, and per column whether it is
/// numeric (right-aligned).
#[derive(Debug, Clone, Serialize)]
pub struct Table {
    pub rubrik: String,
    pub enhet: Option<String>,
    /// Whether the title already gives the unit (`title_gives_unit`): the caption does
    /// not add it again.
    pub enhet_i_rubriken: bool,
    pub kolumner: Vec<String>,
    pub numerisk: Vec<bool>,
    pub rader: Vec<Vec<String>>,
    /// Per row, whether it is a part of the row above ("varav …", `is_part_row`): set
    /// apart, and not added to the sum.
    pub delrader: Vec<bool>,
    pub summa: Option<Vec<String>>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Chart {
    pub rubrik: String,
    /// `stapel` or `linje`.
    pub typ: String,
    pub enhet: Option<String>,
    /// Whether the title already gives the unit, in its closing parentheses or as a
    /// rate anywhere (`title_gives_unit`): the caption does not add it again.
    pub enhet_i_rubriken: bool,
    pub kategorier: Vec<String>,
    pub serier: Vec<Series>,
    /// Axis range and ticks (value and its Swedish label), lowest first.
    pub min: f64,
    pub max: f64,
    pub ticks: Vec<(f64, String)>,
    /// What the chart shows, in words and numbers, for screen readers.
    pub alt: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Series {
    pub namn: String,
    pub varden: Vec<f64>,
    pub etiketter: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct KeyFigure {
    pub namn: String,
    pub mal: Option<String>,
    pub utfall: Option<String>,
    /// `uppfylld`, `delvis`, `ej_uppfylld` or `ej_matt`.
    pub status: String,
    /// The status in words, as printed.
    pub status_text: String,
    pub kommentar: Option<String>,
}

pub fn load(cx: &mut LoadCx, node: &Node, profile: &Profile) -> Option<Rapport> {
    let input: Input = super::typed(cx, node)?;
    common::require_text(cx, &input.namnd, "nämnd");
    common::require_text(cx, &input.rubrik, "rubrik");
    if let Some(dnr) = &input.diarienummer {
        common::check_dnr(cx, profile, dnr, &input.namnd.value);
    }
    if input.avsnitt.value.is_empty() {
        cx.error(
            input.avsnitt.pos,
            "avsnitt",
            "en rapport måste ha minst ett avsnitt",
        );
    }
    let section_nodes = node.get("avsnitt");
    let mut sections = Vec::new();
    for (i, a) in input.avsnitt.value.into_iter().enumerate() {
        let n = section_nodes.and_then(|s| s.index(i));
        sections.push(section(cx, a, n, 1, &format!("avsnitt[{}]", i + 1)));
    }
    let toc = input.innehallsforteckning.unwrap_or(sections.len() >= 3);
    Some(Rapport {
        namnd: input.namnd.value,
        diarienummer: input.diarienummer.map(|d| d.value),
        datum: input.datum.value,
        rubrik: input.rubrik.value,
        underrubrik: input.underrubrik,
        handlaggare: input.handlaggare,
        sammanfattning: input.sammanfattning,
        innehallsforteckning: toc,
        avsnitt: sections,
    })
}

/// The keys of a section mapping in the order written, so that text, tables, charts
/// and key figures appear in the PDF in the file's order.
fn key_order(node: Option<&Node>) -> Vec<String> {
    const BLOCKS: &[&str] = &["text", "tabeller", "diagram", "nyckeltal", "avsnitt"];
    let mut order: Vec<String> = match node.map(|n| &n.kind) {
        Some(Kind::Map(entries)) => entries
            .iter()
            .filter_map(|(k, _)| k.as_str())
            .map(super::ascii_fold)
            .filter(|k| BLOCKS.contains(&k.as_str()))
            .collect(),
        _ => Vec::new(),
    };
    for b in BLOCKS {
        if !order.iter().any(|o| o == b) {
            order.push(b.to_string());
        }
    }
    order
}

fn section(
    cx: &mut LoadCx,
    a: AvsnittIn,
    node: Option<&Node>,
    level: usize,
    path: &str,
) -> Section {
    common::require_text(cx, &a.rubrik, &format!("{path}.rubrik"));
    let mut blocks = Vec::new();
    let AvsnittIn {
        rubrik,
        text,
        tabeller,
        diagram,
        nyckeltal,
        avsnitt,
    } = a;
    let mut tabeller = Some(tabeller);
    let mut diagram = Some(diagram);
    let mut nyckeltal = Some(nyckeltal);
    let mut avsnitt = Some(avsnitt);
    let mut text = text;
    for key in key_order(node) {
        match key.as_str() {
            "text" => {
                if let Some(t) = text.take() {
                    blocks.push(Block::Text { text: t });
                }
            }
            "tabeller" => {
                for (i, t) in tabeller.take().unwrap_or_default().into_iter().enumerate() {
                    if let Some(t) = table(cx, t, &format!("{path}.tabeller[{}]", i + 1)) {
                        blocks.push(Block::Table(t));
                    }
                }
            }
            "diagram" => {
                for (i, d) in diagram.take().unwrap_or_default().into_iter().enumerate() {
                    if let Some(c) = chart(cx, d, &format!("{path}.diagram[{}]", i + 1)) {
                        blocks.push(Block::Chart(c));
                    }
                }
            }
            "nyckeltal" => {
                let rows: Vec<KeyFigure> = nyckeltal
                    .take()
                    .unwrap_or_default()
                    .into_iter()
                    .enumerate()
                    .filter_map(|(i, k)| key_figure(cx, k, &format!("{path}.nyckeltal[{}]", i + 1)))
                    .collect();
                if !rows.is_empty() {
                    blocks.push(Block::KeyFigures { rader: rows });
                }
            }
            "avsnitt" => {
                let subs = avsnitt.take().unwrap_or_default();
                if !subs.is_empty() && level >= MAX_LEVELS {
                    let pos = node
                        .and_then(|n| n.get("avsnitt"))
                        .map(|n| n.pos)
                        .unwrap_or_default();
                    cx.error(
                        pos,
                        &format!("{path}.avsnitt"),
                        format!("avsnitt kan nästlas i högst {MAX_LEVELS} nivåer"),
                    );
                    continue;
                }
                let sub_nodes = node.and_then(|n| n.get("avsnitt"));
                for (i, s) in subs.into_iter().enumerate() {
                    let n = sub_nodes.and_then(|s| s.index(i));
                    let sub = section(cx, s, n, level + 1, &format!("{path}.avsnitt[{}]", i + 1));
                    blocks.push(Block::Section(sub));
                }
            }
            _ => {}
        }
    }
    // A section's own text, tables, charts and key figures come before its
    // sub-sections, whatever the order of the keys: after them, they were read as part
    // of the last sub-section (review 17: "Diagram 2" of "Vuxentandvård" printed under
    // "Uppsagda avtal", and tagged there in the structure tree). Otherwise the file's
    // order is kept.
    let (subs, mut blocks): (Vec<Block>, Vec<Block>) = blocks
        .into_iter()
        .partition(|b| matches!(b, Block::Section(_)));
    blocks.extend(subs);
    Section {
        rubrik: rubrik.value,
        niva: level,
        block: blocks,
    }
}

/// The JSON Schema of the file as written (see `crate::model::schema`).
pub fn schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
    generator.subschema_for::<Input>()
}

#[cfg(test)]
mod tests {
    use super::data::{alt_text, axis, decimals_of};
    use super::*;

    #[test]
    fn axis_ticks_are_round_and_cover_the_data() {
        let (lo, hi, ticks) = axis(&[-3417.0, -279.0], false);
        assert!(lo <= -3417.0 && hi >= -279.0);
        let step = ticks[1] - ticks[0];
        assert!([500.0, 1000.0].contains(&step), "{ticks:?}");
        assert!(ticks.iter().all(|t| (t / step).fract().abs() < 1e-9));
        let (lo, hi, ticks) = axis(&[3.0, 7.5], true);
        assert_eq!(lo, 0.0);
        assert!(hi >= 7.5);
        assert_eq!(ticks[0], 0.0);
    }

    #[test]
    fn decimals() {
        assert_eq!(decimals_of(100.0), 0);
        assert_eq!(decimals_of(0.25), 2);
        assert_eq!(decimals_of(-1203.4), 1);
    }

    #[test]
    fn alt_text_reads_every_value() {
        let s = vec![Series {
            namn: "Utfall".into(),
            varden: vec![-1.0, 2.5],
            etiketter: vec!["−1,0".into(), "2,5".into()],
        }];
        let alt = alt_text(
            "stapel",
            "Avvikelse",
            Some("mkr"),
            &["jan".into(), "feb".into()],
            &s,
        );
        assert_eq!(
            alt,
            "Stapeldiagram: Avvikelse (mkr). 1 serie över 2 kategorier, från jan till feb. Utfall: jan −1,0, feb 2,5."
        );
    }
}
