//! A report's data blocks: tables (numeric columns in Swedish format, sum rows),
//! charts (axes, ticks, alt text listing every value) and key figures, each checked
//! with the row, column or series named in its errors.

use super::{Chart, DiagramIn, KeyFigure, NyckeltalIn, Series, SummaIn, TabellIn, Table};
use crate::model::LoadCx;
use crate::model::numfmt;
use crate::yaml::{Pos, RawScalar};

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

/// A percentage written as text: a number, then "%" ("95 %", "−2,5%", "12,0 %").
fn is_percent(text: &str) -> bool {
    let Some(number) = text.trim().strip_suffix('%') else {
        return false;
    };
    numfmt::parse(number.trim_end_matches([' ', '\u{a0}', '\u{202f}'])).is_some()
}

/// A year as people write it in a table: four digits, 1800–2199, nothing else.
fn is_year(raw: &str) -> bool {
    let t = raw.trim();
    t.len() == 4
        && t.bytes().all(|b| b.is_ascii_digit())
        && matches!(&t[..2], "18" | "19" | "20" | "21")
}

pub(super) fn table(cx: &mut LoadCx, t: TabellIn, path: &str) -> Option<Table> {
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
    // Rows of another length than the columns: reported once. Where every row has the
    // same other length, the columns are the likely mistake (an unquoted name with a
    // comma in a flow list is two names: review 31's "Handläggningstid (dagar,
    // medel)" gave ten columns and 44 errors, one per row, that listed the columns
    // joined by commas, so that the split could not be seen).
    let numbered = t
        .kolumner
        .value
        .iter()
        .enumerate()
        .map(|(i, k)| format!("{}: \"{k}\"", i + 1))
        .collect::<Vec<_>>()
        .join(", ");
    let wrong: Vec<(usize, usize)> = t
        .rader
        .iter()
        .enumerate()
        .filter(|(_, row)| row.value.len() != ncols)
        .map(|(r, row)| (r, row.value.len()))
        .collect();
    if let Some(&(first, found)) = wrong.first() {
        ok = false;
        if t.rader.len() > 1
            && found < ncols
            && wrong.len() == t.rader.len()
            && wrong.iter().all(|&(_, n)| n == found)
        {
            cx.error(
                t.kolumner.pos,
                &format!("{path}.kolumner"),
                format!(
                    "tabellen har {ncols} kolumner ({numbered}), men alla {} rader har {found} celler",
                    t.rader.len()
                ),
            )
            .hints
            .push("ett kolumnnamn med kommatecken i en lista inom [ ] blir två namn: skriv det inom citattecken, t.ex. \"Handläggningstid (dagar, medel)\"".into());
        } else {
            let others = wrong.len() - 1;
            cx.error(
                t.rader[first].pos,
                &format!("{path}.rader[{}]", first + 1),
                format!(
                    "raden har {found} celler men tabellen har {ncols} kolumner ({numbered}){}",
                    match others {
                        0 => String::new(),
                        1 => "; en rad till har fel antal celler".to_string(),
                        n => format!("; {n} rader till har fel antal celler"),
                    }
                ),
            );
        }
    }
    for row in &t.rader {
        if row.value.len() != ncols {
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
    // A column of years ("2024", "2025") is a label, not an amount: printed as written
    // (not "2 025") and never summed. Years: every number a plain four-digit year, in the
    // first column, under a heading that says år ("År", "Budgetår"), or written in
    // quotes as text ('2027' under "Löper ut": review 16 saw "2 027").
    for (c, is_num) in numeric.iter_mut().enumerate() {
        let header = t.kolumner.value[c].to_lowercase();
        let years = cells.iter().all(|row| match &row[c] {
            (Cell::Number(..), _, raw) => is_year(raw),
            _ => true,
        });
        let quoted = t.rader.iter().all(|row| {
            row.value
                .get(c)
                .and_then(|cell| cell.value.as_ref())
                .is_none_or(|r| !r.plain || !is_year(&r.text))
        });
        if *is_num && years && (c == 0 || header.contains("år") || quoted) {
            *is_num = false;
        }
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
    // A table whose rows are measures of their own, each with its unit in its label
    // ("Energianvändning (kWh/kvm)", "Andel ekologiska livsmedel (%)"), prints each row
    // with the decimals its own cells have, not its column's: review 31 saw "38,0" %
    // and "1 980,0" MWh, written 38 and 1980, beside "152,9" kWh/kvm.
    // A column with a unit of its own in its header ("Förändring (%)") keeps its
    // column's decimals, and does not count for the row's (review 32: "412 880,0"
    // läkarbesök beside a change of 3,7 %).
    let row_units = mixed_units(&cells, &numeric);
    let own_unit: Vec<bool> = t
        .kolumner
        .value
        .iter()
        .map(|k| unit_of(k).is_some())
        .collect();
    let per_row = |c: usize| row_units && numeric[c] && !own_unit[c];
    let rows: Vec<Vec<String>> = cells
        .iter()
        .map(|row| {
            let own = row
                .iter()
                .enumerate()
                .filter_map(|(c, cell)| match cell.0 {
                    Cell::Number(_, d) if per_row(c) => Some(d),
                    _ => None,
                })
                .max()
                .unwrap_or(0);
            row.iter()
                .enumerate()
                .map(|(c, (cell, _, raw))| match cell {
                    Cell::Number(v, _) if numeric[c] => {
                        numfmt::format(*v, if per_row(c) { own } else { decimals[c] })
                    }
                    // A dash for "no data" is printed (a hyphen as the en dash it
                    // stands for); only an empty cell is empty (review 20: "–"
                    // vanished, and "no data" read as a layout slip).
                    Cell::Empty => match raw.trim() {
                        "-" => "–".to_string(),
                        t => t.to_string(),
                    },
                    _ => raw.clone(),
                })
                .collect()
        })
        .collect();
    // Which columns the sum row adds up: every numeric one, or those named.
    let summed: Option<Vec<bool>> = match &t.summa {
        None => None,
        Some(s) => {
            match &s.value {
                SummaIn::Ingen => None,
                // (Not a column of shares or averages: a sum of percentages is no
                // number at all, review 19's "Beläggningsgrad (%)" summed to 1 069,5.
                // Named in a list, such a column is summed as asked.)
                SummaIn::Alla => Some(
                    (0..ncols)
                        .map(|c| {
                            numeric[c]
                                && c > 0
                                && !is_rate_column(&t.kolumner.value[c], t.enhet.as_deref())
                        })
                        .collect(),
                ),
                SummaIn::Kolumner(names) => {
                    let mut mask = vec![false; ncols];
                    for name in names {
                        let found = t
                            .kolumner
                            .value
                            .iter()
                            .position(|k| k.trim().eq_ignore_ascii_case(name.trim()));
                        match found {
                            Some(c) if numeric[c] => mask[c] = true,
                            Some(_) => {
                                cx.error(
                                s.pos,
                                &format!("{path}.summa"),
                                format!("kolumnen \"{name}\" innehåller inte tal och kan inte summeras"),
                            );
                            }
                            None => {
                                cx.error(
                                    s.pos,
                                    &format!("{path}.summa"),
                                    format!(
                                        "tabellen har ingen kolumn \"{name}\"; kolumnerna är: {}",
                                        t.kolumner.value.join(", ")
                                    ),
                                );
                            }
                        }
                    }
                    Some(mask)
                }
            }
        }
    };
    // (`true` over a table where no column adds up, a table in %: no sum row at all.)
    let summed = summed.filter(|mask| {
        mask.iter().any(|m| *m)
            || !matches!(t.summa.as_ref().map(|s| &s.value), Some(SummaIn::Alla))
    });
    // A row that is part of the row above it ("varav suicid" under "Skador och
    // förgiftningar", "därav …") is not added to the sum again: review 51's sum counted
    // it twice (1 463 for 1 438). It is set apart in the table (`delrader`).
    let parts: Vec<bool> = rows.iter().map(|row| is_part_row(&row[0])).collect();
    // (Unless every row is one: then they are what the table has, and are summed.)
    let summed_rows: Vec<bool> = if parts.iter().all(|p| *p) {
        vec![false; parts.len()]
    } else {
        parts.clone()
    };
    let summa = summed.map(|mask| {
        (0..ncols)
            .map(|c| {
                if mask[c] && c > 0 {
                    let sum: f64 = cells
                        .iter()
                        .zip(&summed_rows)
                        .filter(|(_, part)| !**part)
                        .filter_map(|(row, _)| match row[c].0 {
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
    // A column of percentages written as text ("95 %") is printed as written, but
    // right-aligned and unbroken like the numbers beside it (it is never summed).
    let shown: Vec<bool> = (0..ncols)
        .map(|c| {
            numeric[c]
                || (cells.iter().any(|row| matches!(row[c].0, Cell::Text(_)))
                    && cells.iter().all(|row| match &row[c].0 {
                        Cell::Text(t) => is_percent(t),
                        _ => true,
                    }))
        })
        .collect();
    Some(Table {
        enhet_i_rubriken: t
            .enhet
            .as_deref()
            .is_some_and(|u| title_gives_unit(&t.rubrik, u)),
        rubrik: t.rubrik,
        enhet: t.enhet,
        kolumner: t.kolumner.value,
        numerisk: shown,
        rader: rows,
        delrader: parts,
        summa,
    })
}

/// Whether a row's label makes it a part of the row above ("varav kvinnor", "Därav
/// akuta"): the Swedish tables' "of which".
pub(super) fn is_part_row(label: &str) -> bool {
    let l = label.trim_start().to_lowercase();
    ["varav ", "därav ", "varav\u{a0}", "därav\u{a0}"]
        .iter()
        .any(|p| l.starts_with(p))
}

pub(super) fn chart(cx: &mut LoadCx, d: DiagramIn, path: &str) -> Option<Chart> {
    let kind = match crate::yaml::ascii_fold(&d.typ.value.trim().to_lowercase()).as_str() {
        "stapel" | "staplar" | "stapeldiagram" => "stapel",
        "linje" | "linjer" | "linjediagram" => "linje",
        other => {
            let d2 = cx.error(
                d.typ.pos,
                &format!("{path}.typ"),
                format!("okänd diagramtyp \"{other}\"; väntade stapel eller linje"),
            );
            if let Some(s) = crate::yaml::did_you_mean(other, &["stapel", "linje"]) {
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
    let mut alt = alt_text(
        kind,
        &d.rubrik,
        d.enhet.as_deref(),
        &d.kategorier.value,
        &series,
    );
    // A line chart's value axis that does not begin at zero is broken in the drawing;
    // a reader of the alternative text is told where it begins.
    if kind != "stapel" && min > 0.0 {
        alt.push_str(&format!(
            " Värdeaxeln börjar vid {}.",
            numfmt::format(min, tick_decimals)
        ));
    }
    Some(Chart {
        enhet_i_rubriken: d
            .enhet
            .as_deref()
            .is_some_and(|u| title_gives_unit(&d.rubrik, u)),
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

/// Whether a table's rows carry units of their own: the label of two rows or more, and
/// of at least half of them, in its first text column, ends in a unit in parentheses
/// (no digits, at most 20 characters: "(kWh/kvm)", "(%)", "(gram per portion)"; not an
/// age group, "(20–29 år)"), and the units are not all the same.
fn mixed_units(cells: &[Vec<(Cell, Pos, String)>], numeric: &[bool]) -> bool {
    let Some(label) = numeric.iter().position(|n| !n) else {
        return false;
    };
    let units: Vec<&str> = cells
        .iter()
        .filter_map(|row| match &row[label].0 {
            Cell::Text(t) => unit_of(t),
            _ => None,
        })
        .collect();
    units.len() >= 2 && 2 * units.len() >= cells.len() && units.iter().any(|u| *u != units[0])
}

/// The unit a label or header ends with, in parentheses ("(kWh/kvm)", "(%)", "(gram per
/// portion)"): no digits (not an age group, "(20–29 år)"), at most 20 characters.
fn unit_of(text: &str) -> Option<&str> {
    let inner = text.trim_end().strip_suffix(')')?;
    let open = inner.rfind('(')?;
    let unit = inner[open + 1..].trim();
    // (A unit is written in lower case or with a sign, "kr", "%", "kWh/kvm"; an
    // abbreviation in capitals names something: "(HoS)", "(RU)": review of the diff.)
    let known = [
        "kWh", "MWh", "GWh", "TWh", "kW", "MW", "GW", "SEK", "TSEK", "MSEK", "EUR", "USD", "Tkr",
        "Mkr", "Mdkr", "°C",
    ];
    let lower = unit.chars().all(|c| !c.is_uppercase());
    (!unit.is_empty()
        && unit.chars().count() <= 20
        && !unit.chars().any(|c| c.is_ascii_digit())
        && (lower || unit.contains(['%', '‰', '/']) || known.contains(&unit)))
    .then_some(unit)
}

/// Decimals needed to print `v` (up to 4), e.g. 0.25 → 2, 100 → 0.
pub(super) fn decimals_of(v: f64) -> usize {
    (0..=4)
        .find(|d| {
            let f = 10f64.powi(*d as i32);
            ((v * f).round() - v * f).abs() < 1e-6
        })
        .unwrap_or(4)
}

/// The value axis: a range that includes zero for bars, with round ticks chosen by
/// plotters' key-point selection, widened to the ticks around the data.
pub(super) fn axis(values: &[f64], from_zero: bool) -> (f64, f64, Vec<f64>) {
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
    let mut start = (lo / step).floor() * step;
    // A line on the lowest value of an axis that does not begin at zero lay on the
    // broken axis line itself and showed only by its markers (review 40: a Mål of 10
    // days on an axis from 10): the axis begins a step lower (not below zero).
    // (Or within a tenth of a step of it: 10.05 on an axis from 10 lay on it too.)
    if !from_zero && start > 0.0 && lo - start < step * 0.1 {
        start = (start - step).max(0.0);
    }
    let mut end = (hi / step).ceil() * step;
    // The same at the top: a Mål of 95 on an axis to 95 lay on the plot's upper edge
    // (review 41). Not above 100, where the values are most likely shares, nor above
    // a top of zero (values all below it: a step above zero read as data there).
    if !from_zero
        && end - hi < step * 0.1
        && (end - 100.0).abs() > step * 1e-9
        && end.abs() > step * 1e-9
    {
        end += step;
    }
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

/// Whether a column holds shares, rates or averages, which a sum row leaves empty: its
/// header (or the table's unit) is a percentage or a per mille, or its header names a
/// share, an average, a percentile or a rate per person or unit ("Andel …", "Snitt …",
/// "Medelvårdtid", "Kostnad per invånare", "kr/inv"). An amount per period ("Besök per
/// år", "Kostnad per månad (tkr)") adds up, and so do "Medel" (funds) and "Handel".
pub(super) fn is_rate_column(header: &str, table_unit: Option<&str>) -> bool {
    // (With the kinds of day: review 34's "Resor per vardag (tusental)" was left out of
    // the sum row.)
    const PERIODS: &[&str] = &[
        "år",
        "året",
        "månad",
        "månaden",
        "vecka",
        "veckan",
        "dag",
        "dagen",
        "dygn",
        "dygnet",
        "vardag",
        "vardagsdygn",
        "arbetsdag",
        "arbetsvecka",
        "natt",
        "läsår",
        "termin",
        "helgdag",
        "helg",
        "kvartal",
        "tertial",
        "halvår",
        "timme",
        "timmen",
    ];
    const PER_WHOM: &[&str] = &[
        "inv",
        "capita",
        "listad",
        "patient",
        "elev",
        "anställd",
        "brukare",
        "besök",
        "plats",
        "vårdplats",
        "vårddag",
        "uppdrag",
        "person",
    ];
    let h = header.to_lowercase();
    let unit_is_share = table_unit.is_some_and(|u| {
        let u = u.trim().to_lowercase();
        u.starts_with('%')
            || u.starts_with('‰')
            || u.starts_with("procent")
            || u.starts_with("andel")
    });
    let words: Vec<&str> = h
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    // "per X" or "a/X" with X a person or a unit, not a period.
    let per_unit = words
        .windows(2)
        .any(|w| w[0] == "per" && !PERIODS.contains(&w[1]))
        || h.split('/').skip(1).any(|after| {
            // (Only a person or a unit after the slash: "Tandvård/läkemedel" is two
            // things, not a rate.)
            after
                .split(|c: char| !c.is_alphanumeric())
                .find(|w| !w.is_empty())
                .is_some_and(|w| PER_WHOM.iter().any(|p| w.starts_with(p)))
        });
    // A level, not a flow, named first: a stock in days or units (review 22 summed
    // "Lager O neg (dagar)" to 314,3). ("Förändring av saldo" is a flow.)
    let level = words
        .first()
        .is_some_and(|w| matches!(*w, "lager" | "lagernivå" | "lagersaldo" | "saldo" | "nivå"));
    // A score on a scale, or a mean said in the parentheses: "Nöjdhet (1–5)", "Betyg
    // (skala 0–10)", "Nöjdhet (1–5, medel)" (review 24 summed them to 25,5 and 198,4).
    // ("Beviljade medel" are funds; only "medel" in the parentheses is a mean.)
    let in_parens: Vec<&str> = h
        .split('(')
        .skip(1)
        .flat_map(|p| p.split(')').next())
        .collect();
    // A range is a scale when it is short ("(1–5)", "(0–10)", "(skala 1–7)") or the
    // header names a score ("Nöjdhet (1–100)"); with other words beside it, or longer,
    // it is a group ("(0–17 år)", "Invånare (20–64)"). "Medel" is a mean alone or
    // after a comma ("(1–5, medel)", "(kr, medel)"), not after an adjective ("(egna
    // medel)" are funds).
    let scored = words.first().is_some_and(|w| {
        ["nöjdhet", "betyg", "poäng", "skattning", "omdöme"]
            .iter()
            .any(|p| w.starts_with(p))
    });
    let scale = in_parens.iter().any(|p| {
        let only_scale_words = p
            .split(|c: char| !c.is_alphabetic())
            .all(|w| w.is_empty() || matches!(w, "skala" | "medel" | "medelvärde" | "snitt"));
        let short_range = p
            .split(|c: char| !(c.is_ascii_digit() || matches!(c, '–' | '-')))
            .any(|t| {
                let mut ends = t.split(['–', '-']);
                match (ends.next(), ends.next(), ends.next()) {
                    (Some(a), Some(b), None) => matches!(
                        (a.parse::<u32>(), b.parse::<u32>()),
                        (Ok(a), Ok(b)) if a < b && (b <= 10 || (scored && b <= 100))
                    ),
                    _ => false,
                }
            });
        let mean = p
            .split(',')
            .any(|part| matches!(part.trim(), "medel" | "medelvärde" | "snitt" | "genomsnitt"));
        (only_scale_words && short_range) || mean
    });
    unit_is_share
        || level
        || scale
        || h.contains('%')
        || h.contains('‰')
        || per_unit
        || words.iter().any(|w| {
            matches!(*w, "kvot" | "frekvens")
                // Indices by their names: a sum (or a sum of their changes) means
                // nothing (review 25 summed "Förändring HME mot 2025" to 60,9).
                || matches!(*w, "hme" | "nki" | "nmi" | "nps" | "enps" | "kpi" | "ami")
                // A satisfaction, a grade or an index is a level ("Indexuppräkning"
                // and "Betygsatta elever" are an amount and a count).
                || w.starts_with("nöjdhet")
                || matches!(*w, "betyg" | "betyget" | "betygen" | "medelbetyg")
                || w.ends_with("index")
                || ["median", "genomsnitt", "snitt", "andel", "procent", "percentil"]
                    .iter()
                    .any(|p| w.starts_with(p))
                || (w.starts_with("medel") && *w != "medel")
                // A degree ("beläggningsgrad", "täckningsgrad", "utnyttjandegrad"):
                // the compound's joint before "grad", not any word ending so (review
                // 44 left "Ryggrad", a count of examinations, out of the sum).
                || *w == "grad"
                || ["sgrad", "andegrad", "endegrad"].iter().any(|e| w.ends_with(e))
                // A price is per item, and a lead or waiting time per case (review 23
                // summed "Pris 2026" to 643 146 and "Ledtid (dagar)" to 865,4).
                // (A total price is a sum: "Totalpris".)
                || (["pris", "priset", "priser", "taxa", "taxan", "taxor"]
                    .iter()
                    .any(|t| w.ends_with(t))
                    && !w.starts_with("total"))
                || [
                    "ledtid",
                    "väntetid",
                    "svarstid",
                    "handläggningstid",
                    "behandlingstid",
                    "vårdtid",
                    "kötid",
                    "liggtid",
                ]
                .iter()
                .any(|t| w.contains(t))
        })
}

/// Whether a title already gives the unit: its closing parentheses, as a word of their
/// own ("… per månad (andel %)" with `%`) or in words ("(miljoner kronor)" with
/// `mnkr`), or, for a rate, anywhere ("… per 100 000 invånare" with `per 100 000`):
/// then the unit is not added again (as the template's caption does). "(Östersund)"
/// does not give `st`.
pub(super) fn title_gives_unit(title: &str, unit: &str) -> bool {
    let t = title.trim();
    let unit = unit.trim();
    // A rate's unit ("per 100 000") that the title states anywhere ("… per 100 000
    // invånare under 75 år"): review 51 read "… under 75 år (per 100 000)".
    if unit.starts_with("per ") && contains_phrase(t, unit) {
        return true;
    }
    let written = match unit {
        "kr" => Some("kronor"),
        "tkr" => Some("tusen kronor"),
        "mnkr" | "mkr" => Some("miljoner kronor"),
        "mdkr" => Some("miljarder kronor"),
        "%" => Some("procent"),
        _ => None,
    };
    // (Or a last phrase after a comma or "i" that is the unit: "… per hälsocentral och
    // år, procent" with `%` read "…, procent (%)", review 55's m15; "… i miljoner kronor"
    // with `mnkr`.)
    let lower = t.to_lowercase();
    // (mkr and mnkr are one unit.)
    let same = |w: &str| {
        let w = w.strip_prefix("andel ").unwrap_or(w).trim();
        w == unit.to_lowercase()
            || written.is_some_and(|x| w == x)
            || (["mkr", "mnkr"].contains(&w) && ["mkr", "mnkr"].contains(&unit))
    };
    for sep in [", ", " i "] {
        if lower.rsplit_once(sep).is_some_and(|(_, l)| same(l)) {
            return true;
        }
    }
    let Some(inner) = t.strip_suffix(')') else {
        return false;
    };
    let Some(open) = inner.rfind('(') else {
        return false;
    };
    let inner = inner[open + 1..].trim();
    // (Or "(antal)" for a count in any unit but money or a share: "… januari–augusti
    // (antal)" with `enheter` read "(antal) (enheter)": review 22.)
    let money_or_share = ["kr", "kronor", "tkr", "mnkr", "mkr", "mdkr", "%", "procent"];
    // (A share in per cent is given by "procent" too: "… per område och år (procent)"
    // with `%` read "(procent), procent", review 40.)
    // (A word with the comma after it: "(tkr, fasta priser)" gives "tkr", review 50's
    // "… (tkr, fasta priser), tkr".)
    // (A sum of money in words gives its short form: "(miljoner kronor)" gives "mnkr",
    // review 51's "… (miljoner kronor), mnkr".)
    inner
        .split_whitespace()
        .map(|w| w.trim_end_matches([',', ';', ':']))
        .any(|w| w == unit || (unit == "%" && (w.eq_ignore_ascii_case("procent") || w == "%")))
        || written.is_some_and(|w| contains_phrase(&inner.to_lowercase(), w))
        || (inner.eq_ignore_ascii_case("antal") && !money_or_share.contains(&unit))
}

/// Whether `text` holds `phrase` as whole words (any spaces between them, no letter or
/// digit on either side), and a number in it as the whole number: "per 1 000" is not in
/// "per 1 000 000", whose groups of three go on after a space (the review of session
/// 52's diff).
fn contains_phrase(text: &str, phrase: &str) -> bool {
    let norm = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let (text, phrase) = (norm(text), norm(phrase));
    let group = |s: &str| s.len() >= 3 && s.bytes().take(3).all(|b| b.is_ascii_digit());
    text.match_indices(&phrase).any(|(at, m)| {
        let before = text[..at].chars().next_back();
        let rest = &text[at + m.len()..];
        let after = rest.chars().next();
        let number_goes_on = phrase.ends_with(|c: char| c.is_ascii_digit())
            && rest
                .strip_prefix(' ')
                .is_some_and(|r| group(r) && !r[3..].starts_with(|c: char| c.is_ascii_digit()));
        !before.is_some_and(char::is_alphanumeric)
            && !after.is_some_and(char::is_alphanumeric)
            && !number_goes_on
    })
}

/// A description of the chart for screen readers: what it shows, the range, and every
/// value (charts in reports are small enough to read out in full).
pub(super) fn alt_text(
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
    let unit_txt = unit
        .filter(|u| !title_gives_unit(title, u))
        .map(|u| format!(" ({u})"))
        .unwrap_or_default();
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

pub(super) fn key_figure(cx: &mut LoadCx, k: NyckeltalIn, path: &str) -> Option<KeyFigure> {
    let folded =
        crate::yaml::ascii_fold(&k.status.value.trim().to_lowercase()).replace([' ', '-'], "_");
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
                crate::yaml::did_you_mean(other, &["uppfylld", "delvis", "ej_uppfylld", "ej_mätt"])
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

#[cfg(test)]
mod tests {
    use super::{Cell, Pos, axis, is_part_row, is_rate_column, mixed_units, title_gives_unit};

    #[test]
    fn a_row_of_which_is_a_part_of_the_row_above() {
        assert!(is_part_row("varav suicid"));
        assert!(is_part_row("  Därav akuta besök"));
        assert!(!is_part_row("Varavdelning"));
        assert!(!is_part_row("Skador och förgiftningar"));
    }

    #[test]
    fn shares_rates_and_averages_are_not_summed() {
        for header in [
            "Beläggningsgrad (%)",
            "Tillgänglighet (%)",
            "Andel inom 30 min",
            "Snittid (min)",
            "Genomsnittlig väntetid",
            "Uppdrag per 1 000 invånare",
            "Förändring (procentenheter)",
            "90:e percentil (min)",
            "Procentuell förändring",
            "Medelvårdtid (dagar)",
            "Kostnad/invånare",
            "kr/inv",
            "Kostnad per besök",
            "Lager O neg (dagar)",
            "Saldo vid periodens slut",
            "Pris 2026",
            "Referenspris",
            "Ledtid (dagar)",
            "Handläggningstid (dagar)",
            "Taxa 2027",
            "Timtaxa",
            "Priser 2027",
            "Medianväntetid (dagar)",
            "Väntetider (dagar)",
            "Nöjdhet (1–5)",
            "Nöjdhet (1–5, medel)",
            "Betyg (skala 0-10)",
            "Kostnad per besök (kr, medel)",
            "Nöjd-Kund-Index",
            "Patientindex 2026",
            "Förändring HME mot 2025",
            "NKI",
            "Täckningsgrad",
            "Utnyttjandegrad (%)",
            "Svarsgrad",
        ] {
            assert!(is_rate_column(header, None), "{header}");
        }
        for header in [
            "Antal uppdrag",
            // (A body part, not a degree: review 44.)
            "Ryggrad",
            "Kostnad (tkr)",
            "Förändring av saldo",
            "Handel",
            "Period 1",
            "Utfall 2027",
            // ("Medel" are funds: summed.)
            "Beviljade medel (tkr)",
            // (A span of years, or a count of a range, is not a scale.)
            "Investeringar (2025–2027)",
            "Besök (0–17 år)",
            "Invånare (20–64)",
            "Bidrag (egna medel)",
            "Indexuppräkning (tkr)",
            "Betygsatta elever",
            // (An amount per period adds up over the rows.)
            "Besök per år",
            "Kostnad per månad (tkr)",
            "Resor per vardag (tusental)",
            "Kr/år",
            "Tandvård/läkemedel (tkr)",
            "Läsår 2028/2029",
            // (Revenue and hours add up.)
            "Intäkt (mnkr)",
            "Prisavdrag (tkr)",
            "Övertid (timmar)",
            "Totalpris (tkr)",
        ] {
            assert!(!is_rate_column(header, None), "{header}");
        }
        // A table whose unit is a percentage has nothing to sum.
        assert!(is_rate_column("Östersund", Some("%")));
        assert!(!is_rate_column("Östersund", Some("tkr")));
        assert!(is_rate_column("Östersund", Some("‰")));
    }

    #[test]
    fn a_line_on_the_lowest_value_stands_above_a_broken_axis() {
        // Review 40: a Mål of 10 on an axis from 10 lay on the broken axis line.
        let (min, max, ticks) = axis(&[10.0, 12.0, 20.0], false);
        assert!((0.0..10.0).contains(&min), "{min}");
        assert!(max >= 20.0);
        assert_eq!(ticks.first().copied(), Some(min));
        // Not below zero, and bars still begin at zero.
        assert_eq!(axis(&[0.0, 5.0], false).0, 0.0);
        assert_eq!(axis(&[10.0, 20.0], true).0, 0.0);
        // Near it too; data well above the lowest tick keeps the axis where it was.
        assert!(axis(&[10.05, 20.0], false).0 < 10.0);
        assert_eq!(axis(&[11.0, 20.0], false).0, 10.0);
    }

    #[test]
    fn a_line_on_the_highest_value_stands_below_the_plots_edge() {
        // Review 41: a Mål of 95 on an axis to 95 lay on the upper edge.
        let (_, max, ticks) = axis(&[62.0, 80.0, 95.0], false);
        assert!(max > 95.0, "{max}");
        assert_eq!(ticks.last().copied(), Some(max));
        // Data well below the top tick keeps the axis; a share's 100 stays the top;
        // bars are not given a step more.
        assert_eq!(axis(&[62.0, 80.0, 93.0], false).1, 95.0);
        assert_eq!(axis(&[62.0, 80.0, 100.0], false).1, 100.0);
        assert_eq!(axis(&[0.0, 10.0], true).1, 10.0);
        assert_eq!(axis(&[-40.0, -12.0, 0.0], false).1, 0.0);
    }

    #[test]
    fn a_title_gives_its_unit_in_its_closing_parentheses_or_as_a_rate() {
        assert!(title_gives_unit("Bedömning per månad 2026 (andel %)", "%"));
        assert!(title_gives_unit("Kostnader (mkr)", "mkr"));
        // Review 40: "… (procent), procent".
        assert!(title_gives_unit(
            "Andel screenade per område och år (procent)",
            "%"
        ));
        // Review 50: "… (tkr, fasta priser), tkr".
        assert!(title_gives_unit(
            "Disponibel inkomst 2040–2048 (tkr, fasta priser)",
            "tkr"
        ));
        assert!(!title_gives_unit("Förändring (procentenheter)", "%"));
        // A last phrase that is the unit (review 55's "…, procent (%)").
        assert!(title_gives_unit(
            "Andel patienter med bedömning inom tre dagar per hälsocentral och år, procent",
            "%"
        ));
        assert!(title_gives_unit(
            "Kostnad per vårdtillfälle i miljoner kronor",
            "mnkr"
        ));
        assert!(!title_gives_unit(
            "Förändring mot 2035, procentenheter",
            "%"
        ));
        assert!(!title_gives_unit("Andel patienter i Örebro", "%"));
        assert!(title_gives_unit(
            "Kostnad, totalt i miljoner kronor",
            "mnkr"
        ));
        assert!(title_gives_unit(
            "Investeringar per förvaltning, mkr",
            "mnkr"
        ));
        assert!(!title_gives_unit("Besök per ort (Östersund)", "st"));
        assert!(!title_gives_unit("Längd (jämfört med 2025)", "m"));
        assert!(!title_gives_unit("Andel % per år", "%"));
        // A unit of its own in the parentheses (review 22: "(antal) (enheter)").
        assert!(title_gives_unit(
            "Förbrukade enheter januari–augusti (antal)",
            "enheter"
        ));
        assert!(!title_gives_unit("Förbrukning (enheter)", "tkr"));
        // Review 51: a rate stated in the title, a sum of money in words.
        assert!(title_gives_unit(
            "Åtgärdbar dödlighet per kommun 2048, per 100 000 invånare under 75 år",
            "per 100 000"
        ));
        assert!(title_gives_unit(
            "Export per varugrupp 2043 och 2048 (miljoner kronor)",
            "mnkr"
        ));
        assert!(title_gives_unit("Kostnad (tusen kronor)", "tkr"));
        assert!(!title_gives_unit("Kostnad (kronor per invånare)", "mnkr"));
        assert!(!title_gives_unit(
            "Dödlighet per 1 000 invånare",
            "per 100 000"
        ));
        assert!(!title_gives_unit("Dödlighet i länet", "per 100 000"));
        // Not a rate of a smaller number whose groups a larger one begins with, nor a
        // money word in capitals missed (the review of session 52's diff).
        assert!(!title_gives_unit(
            "Kostnad per 1 000 000 invånare",
            "per 1 000"
        ));
        assert!(title_gives_unit(
            "Kostnad per 1 000 invånare 2048",
            "per 1 000"
        ));
        assert!(title_gives_unit("Kostnad (Miljoner kronor)", "mnkr"));
        assert!(!title_gives_unit("Kostnad (antal)", "tkr"));
    }

    fn row(label: &str, decimals: usize) -> Vec<(Cell, Pos, String)> {
        vec![
            (Cell::Text(label.into()), Pos::default(), label.into()),
            (Cell::Number(1.0, decimals), Pos::default(), "1".into()),
        ]
    }

    #[test]
    fn rows_with_units_of_their_own_are_found() {
        let numeric = [false, true];
        assert!(mixed_units(
            &[
                row("Energianvändning (kWh/kvm)", 1),
                row("Andel ekologiska livsmedel (%)", 0)
            ],
            &numeric
        ));
        // One unit for all: the column's decimals (a column of mkr stays aligned).
        assert!(!mixed_units(
            &[row("Norr (mkr)", 1), row("Söder (mkr)", 0)],
            &numeric
        ));
        assert!(!mixed_units(&[row("Norr", 1), row("Söder", 0)], &numeric));
        assert!(!mixed_units(&[row("Energi (kWh)", 1)], &numeric));
        assert!(!mixed_units(
            &[row("Budget (HoS)", 1), row("Budget (RU)", 0)],
            &numeric
        ));
        assert!(mixed_units(
            &[row("El (MWh)", 1), row("Andel (%)", 0)],
            &numeric
        ));
        assert!(mixed_units(
            &[row("El (TWh)", 1), row("Intäkter (MSEK)", 0)],
            &numeric
        ));
        // Age groups are not units (review of the diff: a price list's rows printed
        // "24 540,00").
        assert!(!mixed_units(
            &[
                row("Extraktion, enkel (20–29 år)", 2),
                row("Krona (30–39 år)", 0)
            ],
            &numeric
        ));
    }
}
