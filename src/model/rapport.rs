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
use super::yaml::{Kind, Node, Pos, RawScalar, Spanned};
use crate::numfmt;
use crate::profile::Profile;

/// Sections nest at most this deep (the spec: three levels in all).
const MAX_LEVELS: usize = 3;

#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(
    rename = "Rapport",
    title = "Rapport",
    description = "Rapport: månadsrapport, uppföljning eller utredning med avsnitt, tabeller, diagram och nyckeltal."
)]
struct Input {
    #[allow(dead_code)]
    #[serde(default)]
    #[schemars(
        schema_with = "crate::schema::typ_rapport",
        description = "Dokumenttyp: rapport."
    )]
    typ: Option<String>,
    #[allow(dead_code)]
    #[schemars(description = crate::schema::PROFIL)]
    profil: Option<String>,
    #[serde(rename = "nämnd", alias = "namnd")]
    #[schemars(description = crate::schema::NAMND)]
    namnd: Spanned<String>,
    #[schemars(description = "Diarienummer, om rapporten har ett.")]
    diarienummer: Option<Spanned<String>>,
    #[schemars(description = "Rapportens datum (ÅÅÅÅ-MM-DD).")]
    datum: Spanned<Datum>,
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
    #[serde(default)]
    #[schemars(description = "Lägg till en summarad för talkolumnerna.")]
    summa: bool,
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
        schema_with = "crate::schema::diagramtyp",
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
    #[schemars(schema_with = "crate::schema::nyckeltalsstatus")]
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
    pub kolumner: Vec<String>,
    pub numerisk: Vec<bool>,
    pub rader: Vec<Vec<String>>,
    pub summa: Option<Vec<String>>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Chart {
    pub rubrik: String,
    /// `stapel` or `linje`.
    pub typ: String,
    pub enhet: Option<String>,
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
    Section {
        rubrik: rubrik.value,
        niva: level,
        block: blocks,
    }
}

/// A cell as read: a number (value, decimals) or text.
enum Cell {
    Empty,
    Number(f64, usize),
    Text(String),
}

fn classify(raw: &Option<RawScalar>) -> Cell {
    match raw {
        None => Cell::Empty,
        Some(r) if r.text.trim().is_empty() || matches!(r.text.trim(), "-" | "–" | "—") => {
            Cell::Empty
        }
        Some(r) => match numfmt::parse(&r.text) {
            Some((v, d)) => Cell::Number(v, d),
            None => Cell::Text(r.text.clone()),
        },
    }
}

fn table(cx: &mut LoadCx, t: TabellIn, path: &str) -> Option<Table> {
    let ncols = t.kolumner.value.len();
    if ncols == 0 {
        cx.error(
            t.kolumner.pos,
            &format!("{path}.kolumner"),
            "en tabell måste ha minst en kolumn",
        );
        return None;
    }
    let mut ok = true;
    let mut cells: Vec<Vec<(Cell, Pos, String)>> = Vec::new();
    for (r, row) in t.rader.iter().enumerate() {
        if row.value.len() != ncols {
            cx.error(
                row.pos,
                &format!("{path}.rader[{}]", r + 1),
                format!(
                    "raden har {} celler men tabellen har {} kolumner ({})",
                    row.value.len(),
                    ncols,
                    t.kolumner.value.join(", ")
                ),
            );
            ok = false;
            continue;
        }
        cells.push(
            row.value
                .iter()
                .map(|c| {
                    let raw = c.value.as_ref().map(|r| r.text.clone()).unwrap_or_default();
                    (classify(&c.value), c.pos, raw)
                })
                .collect(),
        );
    }
    // A column is numeric when most of its filled cells are numbers; a text cell in such
    // a column is a typing error, reported with its row and column.
    let mut numeric = vec![false; ncols];
    for (c, is_num) in numeric.iter_mut().enumerate() {
        let (mut nums, mut texts) = (0, 0);
        for row in &cells {
            match row[c].0 {
                Cell::Number(..) => nums += 1,
                Cell::Text(_) => texts += 1,
                Cell::Empty => {}
            }
        }
        *is_num = nums > 0 && nums >= texts;
        if *is_num && texts > 0 {
            for (r, row) in cells.iter().enumerate() {
                if let (Cell::Text(s), pos, _) = &row[c] {
                    cx.error(
                        *pos,
                        &format!("{path}.rader[{}]", r + 1),
                        format!(
                            "kolumnen \"{}\" innehåller tal, men raden {} har \"{}\" där",
                            t.kolumner.value[c],
                            r + 1,
                            s
                        ),
                    )
                    .hints
                    .push("skriv talet med punkt eller komma som decimaltecken, t.ex. -1203.4 eller \"−1 203,4\"; en tom cell skrivs \"\"".into());
                    ok = false;
                }
            }
        }
    }
    if !ok {
        return None;
    }
    // Each numeric column is printed with the most decimals any of its cells has.
    let decimals: Vec<usize> = (0..ncols)
        .map(|c| {
            cells
                .iter()
                .filter_map(|row| match row[c].0 {
                    Cell::Number(_, d) => Some(d),
                    _ => None,
                })
                .max()
                .unwrap_or(0)
        })
        .collect();
    let rows: Vec<Vec<String>> = cells
        .iter()
        .map(|row| {
            row.iter()
                .enumerate()
                .map(|(c, (cell, _, raw))| match cell {
                    Cell::Number(v, _) if numeric[c] => numfmt::format(*v, decimals[c]),
                    Cell::Empty => String::new(),
                    _ => raw.clone(),
                })
                .collect()
        })
        .collect();
    let summa = t.summa.then(|| {
        (0..ncols)
            .map(|c| {
                if numeric[c] && c > 0 {
                    let sum: f64 = cells
                        .iter()
                        .filter_map(|row| match row[c].0 {
                            Cell::Number(v, _) => Some(v),
                            _ => None,
                        })
                        .sum();
                    numfmt::format(sum, decimals[c])
                } else if c == 0 {
                    "Summa".to_string()
                } else {
                    String::new()
                }
            })
            .collect()
    });
    Some(Table {
        rubrik: t.rubrik,
        enhet: t.enhet,
        kolumner: t.kolumner.value,
        numerisk: numeric,
        rader: rows,
        summa,
    })
}

fn chart(cx: &mut LoadCx, d: DiagramIn, path: &str) -> Option<Chart> {
    let kind = match super::ascii_fold(&d.typ.value.trim().to_lowercase()).as_str() {
        "stapel" | "staplar" | "stapeldiagram" => "stapel",
        "linje" | "linjer" | "linjediagram" => "linje",
        other => {
            let d2 = cx.error(
                d.typ.pos,
                &format!("{path}.typ"),
                format!("okänd diagramtyp \"{other}\"; väntade stapel eller linje"),
            );
            if let Some(s) = super::yaml::did_you_mean(other, &["stapel", "linje"]) {
                d2.hints.push(format!("menade du \"{s}\"?"));
            }
            return None;
        }
    };
    let ncat = d.kategorier.value.len();
    if ncat == 0 {
        cx.error(
            d.kategorier.pos,
            &format!("{path}.kategorier"),
            "ett diagram måste ha minst en kategori",
        );
        return None;
    }
    if d.serier.value.is_empty() {
        cx.error(
            d.serier.pos,
            &format!("{path}.serier"),
            "ett diagram måste ha minst en serie",
        );
        return None;
    }
    let mut ok = true;
    for (i, s) in d.serier.value.iter().enumerate() {
        if s.varden.value.len() != ncat {
            cx.error(
                s.varden.pos,
                &format!("{path}.serier[{}].värden", i + 1),
                format!(
                    "serien \"{}\" har {} värden men diagrammet har {} kategorier ({})",
                    s.namn,
                    s.varden.value.len(),
                    ncat,
                    d.kategorier.value.join(", ")
                ),
            );
            ok = false;
        }
    }
    if !ok {
        return None;
    }
    let all: Vec<f64> = d
        .serier
        .value
        .iter()
        .flat_map(|s| s.varden.value.iter().copied())
        .collect();
    let decimals = all
        .iter()
        .map(|v| decimals_of(*v))
        .max()
        .unwrap_or(0)
        .min(2);
    let (min, max, ticks) = axis(&all, kind == "stapel");
    let tick_decimals = ticks
        .windows(2)
        .map(|w| decimals_of(w[1] - w[0]))
        .max()
        .unwrap_or(0);
    let series: Vec<Series> = d
        .serier
        .value
        .into_iter()
        .map(|s| Series {
            etiketter: s
                .varden
                .value
                .iter()
                .map(|v| numfmt::format(*v, decimals))
                .collect(),
            namn: s.namn,
            varden: s.varden.value,
        })
        .collect();
    let alt = alt_text(
        kind,
        &d.rubrik,
        d.enhet.as_deref(),
        &d.kategorier.value,
        &series,
    );
    Some(Chart {
        rubrik: d.rubrik,
        typ: kind.to_string(),
        enhet: d.enhet,
        kategorier: d.kategorier.value,
        serier: series,
        min,
        max,
        ticks: ticks
            .into_iter()
            .map(|t| (t, numfmt::format(t, tick_decimals)))
            .collect(),
        alt,
    })
}

/// Decimals needed to print `v` (up to 4), e.g. 0.25 → 2, 100 → 0.
fn decimals_of(v: f64) -> usize {
    (0..=4)
        .find(|d| {
            let f = 10f64.powi(*d as i32);
            ((v * f).round() - v * f).abs() < 1e-6
        })
        .unwrap_or(4)
}

/// The value axis: a range that includes zero for bars, with round ticks chosen by
/// plotters' key-point selection, widened to the ticks around the data.
fn axis(values: &[f64], from_zero: bool) -> (f64, f64, Vec<f64>) {
    use plotters::coord::ranged1d::Ranged;
    use plotters::coord::types::RangedCoordf64;
    let mut lo = values.iter().copied().fold(f64::INFINITY, f64::min);
    let mut hi = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    if from_zero {
        lo = lo.min(0.0);
        hi = hi.max(0.0);
    }
    if (hi - lo).abs() < f64::EPSILON {
        lo -= 1.0;
        hi += 1.0;
    }
    let range: RangedCoordf64 = (lo..hi).into();
    let keys = range.key_points(6);
    let step = match keys.as_slice() {
        [a, b, ..] => b - a,
        _ => (hi - lo) / 4.0,
    };
    let start = (lo / step).floor() * step;
    let end = (hi / step).ceil() * step;
    let n = ((end - start) / step).round() as usize;
    let ticks: Vec<f64> = (0..=n)
        .map(|i| {
            let t = start + i as f64 * step;
            // Remove float noise such as 0.30000000000000004 and −0.
            let t = (t / step).round() * step;
            if t.abs() < step * 1e-9 { 0.0 } else { t }
        })
        .collect();
    (start, end, ticks)
}

/// A description of the chart for screen readers: what it shows, the range, and every
/// value (charts in reports are small enough to read out in full).
fn alt_text(
    kind: &str,
    title: &str,
    unit: Option<&str>,
    cats: &[String],
    series: &[Series],
) -> String {
    let what = if kind == "stapel" {
        "Stapeldiagram"
    } else {
        "Linjediagram"
    };
    let unit_txt = unit.map(|u| format!(" ({u})")).unwrap_or_default();
    let mut out = format!(
        "{what}: {title}{unit_txt}. {} {} över {} kategorier, från {} till {}.",
        series.len(),
        if series.len() == 1 { "serie" } else { "serier" },
        cats.len(),
        cats.first().map(String::as_str).unwrap_or(""),
        cats.last().map(String::as_str).unwrap_or(""),
    );
    for s in series {
        let values: Vec<String> = cats
            .iter()
            .zip(&s.etiketter)
            .map(|(c, v)| format!("{c} {v}"))
            .collect();
        out.push_str(&format!(" {}: {}.", s.namn, values.join(", ")));
    }
    out
}

fn key_figure(cx: &mut LoadCx, k: NyckeltalIn, path: &str) -> Option<KeyFigure> {
    let folded = super::ascii_fold(&k.status.value.trim().to_lowercase()).replace([' ', '-'], "_");
    let (status, text) = match folded.as_str() {
        "uppfylld" | "uppfyllt" => ("uppfylld", "Uppfylld"),
        "delvis" | "delvis_uppfylld" | "delvis_uppfyllt" => ("delvis", "Delvis uppfylld"),
        "ej_uppfylld" | "ej_uppfyllt" | "inte_uppfylld" => ("ej_uppfylld", "Ej uppfylld"),
        "ej_matt" | "ej_matbar" | "inte_matt" => ("ej_matt", "Ej mätt"),
        other => {
            let d = cx.error(
                k.status.pos,
                &format!("{path}.status"),
                format!(
                    "okänd status \"{other}\"; väntade uppfylld, delvis, ej_uppfylld eller ej_mätt"
                ),
            );
            if let Some(s) =
                super::yaml::did_you_mean(other, &["uppfylld", "delvis", "ej_uppfylld", "ej_mätt"])
            {
                d.hints.push(format!("menade du \"{s}\"?"));
            }
            return None;
        }
    };
    Some(KeyFigure {
        namn: k.namn,
        mal: k.mal,
        utfall: k.utfall,
        status: status.to_string(),
        status_text: text.to_string(),
        kommentar: k.kommentar,
    })
}

/// The JSON Schema of the file as written (see `crate::schema`).
pub fn schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
    generator.subschema_for::<Input>()
}

#[cfg(test)]
mod tests {
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
