//! Reports: Swedish numbers, sum rows, charts with alternative text, key-figure status.

use crate::common::*;

#[test]
fn the_bundled_reports_build_with_their_numbers_and_statuses() {
    let p = Project::with_bundled_content();
    p.run(&["build", "content/region-jh/rapporter"]).ok();
    let pdf = p
        .path()
        .join("out/region-jh/rapporter/hsn-manadsrapport-november-2024.pdf");
    let text = pdf_text(&pdf);
    let flat = squash(&text);
    // True minus sign, space as thousands separator (squashed away), decimal comma.
    for n in [
        "\u{2212}1290,1",
        "\u{2212}3417,0",
        "\u{2212}345,0",
        "1120",
        "\u{2212}449",
    ] {
        assert!(flat.contains(n), "{n} saknas: {text}");
    }
    assert!(!text.contains("-1290"), "bindestreck som minustecken");
    assert!(text.contains("Summa"));
    assert!(
        text.contains("Tabell 1. Resultat januari–november 2024 (mkr)"),
        "{text}"
    );
    for status in ["Uppfylld", "Delvis uppfylld", "Ej uppfylld", "Ej mätt"] {
        assert!(text.contains(status), "{status} saknas");
    }
    assert!(
        text.contains("Innehåll"),
        "innehållsförteckning från tre avsnitt"
    );
    let info = poppler("pdfinfo", &[pdf.to_str().unwrap()]);
    assert!(
        info.contains("Title:           Hälso- och sjukvårdsnämndens månadsrapport november 2024"),
        "{info}"
    );

    // Charts carry an alternative text with every value.
    let alts = alt_texts(&pdf);
    let line = alts
        .iter()
        .find(|a| a.starts_with("Linjediagram: Ackumulerad nettokostnad"))
        .expect("alt-text för linjediagrammet");
    assert!(line.contains("Utfall: jan −300"), "{line}");
    assert!(line.contains("nov −3\u{a0}417"), "{line}");
    assert!(
        alts.iter()
            .any(|a| a.starts_with("Stapeldiagram: Kostnad för inhyrd bemanning")),
        "{alts:?}"
    );
}

#[test]
fn sum_rows_and_decimals_follow_the_column() {
    let text = built_report_text(
        "avsnitt:
  - rubrik: Ekonomi
    tabeller:
      - rubrik: Resultat
        kolumner: [Post, Belopp, Kommentar]
        rader:
          - [A, 0.25, ok]
          - [B, -1000, \"\"]
          - [C, '2 000,5', ~]
        summa: true
",
    );
    let flat = squash(&text);
    assert!(flat.contains("0,25"), "{text}");
    assert!(flat.contains("\u{2212}1000,00"), "{text}");
    assert!(flat.contains("2000,50"), "{text}");
    assert!(
        flat.contains("Summa1000,75"),
        "summa 0,25 − 1000 + 2000,5: {text}"
    );
    // Two top-level sections or fewer: no table of contents unless asked for.
    assert!(!text.contains("Innehåll"));
}

#[test]
fn a_dash_for_missing_data_is_printed_and_not_summed() {
    // Review 20: "–" in a numeric column vanished, an empty cell in its place.
    let text = built_report_text(
        "avsnitt:
  - rubrik: Ekonomi
    tabeller:
      - rubrik: Besök
        kolumner: [Mottagning, '2027', Besök]
        rader:
          - [Berg, 120, 1500]
          - [Bräcke, –, 1200]
          - [Härjedalen, 80, '-']
          - [Krokom, 40, ~]
        summa: [Besök]
",
    );
    let flat = squash(&text);
    assert!(flat.contains("Bräcke–1200"), "{text}");
    // A hyphen for "no data" is set as the en dash it stands for.
    assert!(flat.contains("Härjedalen80–"), "{text}");
    assert!(
        flat.contains("Krokom40Summa"),
        "an empty cell stays empty: {text}"
    );
    assert!(flat.contains("Summa2700"), "{text}");
}

/// A row that is a part of the row above ("varav …", "därav …") is not added to the sum
/// again (review 51's Summa counted "varav suicid" twice); a table of only such rows
/// is what it has, and is summed.
#[test]
fn a_varav_row_is_not_summed_again() {
    let text = built_report_text(
        "avsnitt:
  - rubrik: Dödsorsaker
    tabeller:
      - rubrik: Avlidna
        kolumner: [Dödsorsak, Kvinnor, Män]
        rader:
          - [Tumörer, 149, 171]
          - [Skador, 27, 66]
          - [varav suicid, 6, 19]
          - [Därav fallolyckor, 10, 12]
        summa: true
      - rubrik: Enbart delar
        kolumner: [Grupp, Antal]
        rader:
          - [varav akuta, 5]
          - [varav planerade, 7]
        summa: true
",
    );
    let flat = squash(&text);
    assert!(flat.contains("varavsuicid619"), "{text}");
    assert!(flat.contains("Summa176237"), "{text}");
    assert!(flat.contains("Summa12"), "{text}");
}

/// `summa: [kolumner]` adds up only the columns named (not a per-capita column); a
/// name that is not a column is an error at the field, naming the columns there are.
#[test]
fn the_sum_row_can_name_its_columns() {
    let p = Project::new();
    let report = |summa: &str| {
        report_yaml(&format!(
            "avsnitt:
  - rubrik: Vårdcentraler
    tabeller:
      - rubrik: Besök
        kolumner: [Vårdcentral, Besök, Kostnad per listad]
        rader:
          - [Norr, 1200, 3100]
          - [Söder, 800, 2900]
        summa: {summa}
"
        ))
    };
    p.write("content/r.yaml", &report("[Besök]"));
    p.run(&["build"]).ok();
    let flat = squash(&pdf_text_raw(&p.path().join("out/r.pdf")));
    assert!(flat.contains("Summa2000"), "{flat}");
    assert!(
        !flat.contains("6000"),
        "the per-capita column was summed: {flat}"
    );

    // `true` sums every numeric column but a rate ("… per listad"), a share or an
    // average: their sum is no number at all.
    p.write("content/r.yaml", &report("true"));
    p.run(&["build"]).ok();
    let flat = squash(&pdf_text_raw(&p.path().join("out/r.pdf")));
    assert!(flat.contains("Summa2000"), "{flat}");
    assert!(!flat.contains("6000"), "a rate was summed: {flat}");

    // Named, it is summed as asked.
    p.write("content/r.yaml", &report("[Besök, Kostnad per listad]"));
    p.run(&["build"]).ok();
    let flat = squash(&pdf_text_raw(&p.path().join("out/r.pdf")));
    assert!(flat.contains("Summa20006000"), "{flat}");

    p.write("content/r.yaml", &report("[Besöken]"));
    let run = p.run(&["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("content/r.yaml:13:16")
            && run.stderr.contains("tabellen har ingen kolumn \"Besöken\"; kolumnerna är: Vårdcentral, Besök, Kostnad per listad"),
        "{}",
        run.stderr
    );
}

/// A column of years is a label: "2025" is printed as written (not "2 025") and is
/// not added up in the sum row; an amount column beside it is formatted and summed.
#[test]
fn a_column_of_years_is_printed_as_written_and_not_summed() {
    let p = Project::new();
    p.write(
        "content/r.yaml",
        &report_yaml(
            "avsnitt:
  - rubrik: Återkrav
    tabeller:
      - rubrik: Återkrav per år
        kolumner: [År, Belopp (kr), Antal, Löper ut]
        rader:
          - [\"2024\", 1284500, 1850, '2027']
          - [2025, 15000, 1920, '2028']
        summa: true
",
        ),
    );
    p.run(&["build"]).ok();
    let text = pdf_text_raw(&p.path().join("out/r.pdf"));
    // (Years written in quotes are years whatever the heading says: "Löper ut" printed
    // "2 027" in review 16.)
    for year in ["2024", "2025", "2027", "2028"] {
        assert!(text.contains(year), "{text}");
    }
    for grouped in [
        "2 024",
        "2\u{a0}024",
        "2 025",
        "2\u{a0}025",
        "2 027",
        "2\u{a0}027",
    ] {
        assert!(
            !text.contains(grouped),
            "a year printed as an amount: {text}"
        );
    }
    let flat = squash(&text);
    assert!(!flat.contains("4049"), "the years were summed: {flat}");
    assert!(!flat.contains("4055"), "the years were summed: {flat}");
    // A count that happens to be four digits is an amount, under its own heading.
    assert!(flat.contains("Summa12995003770"), "{flat}");
}

/// Every /Alt string in the PDF's structure tree.
fn alt_texts(pdf: &std::path::Path) -> Vec<String> {
    let doc = lopdf::Document::load(pdf).unwrap();
    let mut out = Vec::new();
    for obj in doc.objects.values() {
        if let Ok(dict) = obj.as_dict()
            && let Ok(lopdf::Object::String(bytes, _)) = dict.get(b"Alt")
        {
            out.push(decode_pdf_string(bytes));
        }
    }
    out
}

fn decode_pdf_string(bytes: &[u8]) -> String {
    if bytes.starts_with(&[0xfe, 0xff]) {
        let units: Vec<u16> = bytes[2..]
            .chunks(2)
            .map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)]))
            .collect();
        String::from_utf16_lossy(&units)
    } else {
        bytes.iter().map(|&b| b as char).collect()
    }
}

/// A column of percentages written as text ("95 %") is printed as written but
/// right-aligned like the numbers: the "%" signs end at the same x.
#[test]
fn a_column_of_written_percentages_is_right_aligned() {
    let p = Project::new();
    p.write(
        "content/r.yaml",
        &report_yaml(
            "avsnitt:
  - rubrik: Följsamhet
    tabeller:
      - rubrik: Följsamhet per klinik
        kolumner: [Klinik, Besök, Andel]
        rader:
          - [Medicin, 1200, \"95 %\"]
          - [Kirurgi, 800, \"100,0 %\"]
",
        ),
    );
    p.run(&["build"]).ok();
    let html = poppler(
        "pdftotext",
        &["-bbox", p.path().join("out/r.pdf").to_str().unwrap(), "-"],
    );
    let ends: Vec<f64> = html
        .lines()
        .filter(|l| l.trim().starts_with("<word ") && l.contains(">%</word>"))
        .map(|l| {
            let at = l.find("xMax=\"").unwrap() + 6;
            l[at..].split('"').next().unwrap().parse().unwrap()
        })
        .collect();
    assert_eq!(ends.len(), 2, "{html}");
    assert!(
        (ends[0] - ends[1]).abs() < 0.5,
        "not right-aligned: {ends:?}"
    );
    let text = pdf_text(&p.path().join("out/r.pdf"));
    assert!(
        text.contains("100,0 %") || squash(&text).contains("100,0%"),
        "{text}"
    );
}

/// Column widths are weighed by the lines they cost: long numeric headers over narrow
/// columns take at most three lines (four, "Avvikelse / helår / mot / budget", before),
/// when giving them room wraps no label more; the header word that is wider than its
/// column is hyphenated, and no other ("dagar" in "Medelvårdtid dagar" is whole).
#[test]
fn numeric_headers_get_room_when_it_costs_no_label_line() {
    let p = Project::new();
    p.write(
        "content/r.yaml",
        &report_yaml("avsnitt:
  - rubrik: Ekonomi
    tabeller:
      - rubrik: Utfall och prognos per verksamhetsområde
        enhet: mkr
        kolumner: [Verksamhetsområde, Utfall jan–okt 2024, Budget jan–okt 2024, Avvikelse mot periodbudget, Prognos helår 2024, Avvikelse helår mot budget]
        rader:
          - [Hälso- och sjukvårdsdirektörens stab och gemensamma kostnader, 12.4, 13.0, -0.6, 15.1, -0.4]
          - [Division Medicin, 812.3, 790.0, 22.3, 980.2, 25.0]
          - [Division Kirurgi och anestesi, 655.1, 660.4, -5.3, 790.0, -6.0]
          - [Division nära vård inklusive primärvård och tandvård, 1212.0, 1190.2, 21.8, 1460.0, 18.2]
          - [Psykiatri och habilitering, 301.2, 299.0, 2.2, 362.0, 1.1]
      - rubrik: Vårdplatser per sjukhus
        kolumner: [Sjukhus, Disponibla vårdplatser januari, Disponibla vårdplatser juni, Överbeläggningar per hundra vårdplatser, Utlokaliserade patienter per hundra, Medelvårdtid dagar, Beläggningsgrad procent]
        rader:
          - [Östersund, 312, 288, 4.1, 1.2, 4.6, \"97 %\"]
          - [Sveg, 24, 20, 0.8, 0.1, 5.2, \"81 %\"]
"),
    );
    p.run(&["build"]).ok();
    let pdf = p.path().join("out/r.pdf");
    let html = poppler("pdftotext", &["-bbox", pdf.to_str().unwrap(), "-"]);
    let words: Vec<(String, f64)> = html
        .lines()
        .map(str::trim)
        .filter(|l| l.starts_with("<word "))
        .map(|l| {
            let at = l.find("yMin=\"").unwrap() + 6;
            let y = l[at..].split('"').next().unwrap().parse().unwrap();
            let w = l.rsplit_once("\">").unwrap().1.trim_end_matches("</word>");
            (w.to_string(), y)
        })
        .collect();
    let y = |w: &str| words.iter().find(|(t, _)| t == w).map(|(_, y)| *y).unwrap();
    let top = y("Verksamhetsområde");
    let last = y("budget");
    // Three lines end above 2,5 line heights (about 12 pt each at the table's size).
    assert!(
        last - top < 2.5 * 12.5,
        "the header \"Avvikelse helår mot budget\" runs to {:.0} pt below the row's top",
        last - top
    );
    let text = pdf_text_raw(&pdf);
    assert!(text.contains("dagar"), "{text}");
    assert!(
        !text.contains("da\u{ad}") && !text.contains("da-\ngar"),
        "{text}"
    );
}

/// A rapport to test with: the head every test shares, then `rest` (from `avsnitt:`).
/// The text layer (`pdftotext -raw`) of a report built from `rest` (its fields after
/// the head of `report_yaml`).
fn built_report_text(rest: &str) -> String {
    let p = Project::new();
    p.write("content/r.yaml", &report_yaml(rest));
    p.run(&["build"]).ok();
    pdf_text_raw(&p.path().join("out/r.pdf"))
}

fn report_yaml(rest: &str) -> String {
    format!(
        "typ: rapport\nnämnd: Hälso- och sjukvårdsnämnden\ndatum: 2024-12-12\nrubrik: Provrapport\n{rest}"
    )
}

/// A ten-column table of `n` rows, too wide for a portrait page.
fn wide_table(n: usize) -> String {
    let mut t = String::from(
        "      - rubrik: Resultat per enhet 2027\n        kolumner: [Enhet, Antal medarbetare, Antal svarande, Svarsfrekvens (%), HME-index, Ledarskap, Styrning, Motivation, Arbetsbelastning, Förändring mot 2026]\n        rader:\n",
    );
    for i in 0..n {
        t.push_str(&format!(
            "          - [Vårdenhet med långt namn nummer {i}, {}, {}, 82.4, 79, 81, 77, 80, 64, -1.5]\n",
            1200 + i,
            990 + i
        ));
    }
    t
}

/// The 1-based pages whose text contains `needle`, and whether each is landscape.
fn pages_holding(pdf: &std::path::Path, needle: &str) -> Vec<(usize, bool)> {
    (1..=page_count(pdf))
        .filter(|&n| squash(&page_text(pdf, n)).contains(&squash(needle)))
        .map(|n| {
            let info = poppler(
                "pdfinfo",
                &[
                    "-f",
                    &n.to_string(),
                    "-l",
                    &n.to_string(),
                    pdf.to_str().unwrap(),
                ],
            );
            let size = info
                .lines()
                .find(|l| l.starts_with(&format!("Page {n:>4} size:")) || l.contains(" size:"))
                .unwrap_or_default()
                .to_owned();
            let nums: Vec<f64> = size
                .split_whitespace()
                .filter_map(|w| w.parse().ok())
                .collect();
            (n, nums.len() >= 3 && nums[1] > nums[2])
        })
        .collect()
}

/// Builds a report from `rest` and returns it with the page of its Tabell 1, which
/// must stand on one landscape page.
fn landscape_table_page(rest: &str) -> (Project, std::path::PathBuf, usize) {
    let p = Project::new();
    p.write("content/r.yaml", &report_yaml(rest));
    p.run(&["build"]).ok();
    let pdf = p.path().join("out/r.pdf");
    let table = pages_holding(&pdf, "Tabell 1. Resultat per enhet 2027");
    assert_eq!(table.len(), 1, "{table:?}");
    assert!(
        table[0].1,
        "tabellen står inte på en liggande sida: {table:?}"
    );
    let page = table[0].0;
    (p, pdf, page)
}

#[test]
fn a_landscape_table_takes_its_heading_and_introduction_along() {
    // Review 25: a section's heading and the two lines introducing its table stayed
    // on a portrait page of their own, the table on the landscape page after it.
    let rest = format!(
        "avsnitt:\n  - rubrik: Inledning\n    text: |\n      {}\n  - rubrik: Resultat per enhet\n    text: |\n      Tabellen visar resultatet för varje enhet med minst tio svarande.\n    tabeller:\n{}  - rubrik: Bedömning\n    text: Resultatet är stabilt och ingen enhet har försämrats.\n",
        "Enkäten besvarades av de flesta medarbetarna i regionen och resultatet är stabilt. "
            .repeat(30),
        wide_table(20)
    );
    let (_p, pdf, page) = landscape_table_page(&rest);
    let text = squash(&page_text(&pdf, page));
    for words in [
        "Resultat per enhet",
        "Tabellen visar resultatet för varje enhet med minst tio svarande.",
    ] {
        assert!(
            text.contains(&squash(words)),
            "{words} inte på tabellens sida {page}"
        );
    }
    assert!(
        !squash(&page_text(&pdf, page - 1)).contains(&squash("Tabellen visar resultatet")),
        "inledningen står kvar på sidan före"
    );
    // In the contents, the section is on the table's page.
    let contents = page_text(&pdf, 1);
    let line = contents
        .lines()
        .find(|l| l.contains("Resultat per enhet"))
        .unwrap_or_else(|| panic!("innehållet saknar avsnittet: {contents}"));
    assert!(line.trim_end().ends_with(&page.to_string()), "{line}");
}

#[test]
fn a_wide_table_held_with_a_short_last_section_gets_its_landscape_page() {
    // A table of a few rows before a short last section is held with it; turned onto
    // a landscape page, it was a page inside a block, and Typst refused the report.
    let rest = format!(
        "avsnitt:\n  - rubrik: Resultat\n    tabeller:\n{}  - rubrik: Nästa uppföljning\n    text: Nästa rapport lämnas i september.\n",
        wide_table(5)
    );
    let (_p, pdf, _) = landscape_table_page(&rest);
    assert!(squash(&pdf_text(&pdf)).contains(&squash("Nästa rapport lämnas i september.")));
}

#[test]
fn a_landscape_table_takes_the_headings_of_the_sections_it_opens() {
    // The review of the diff: "Resultat", whose only content is "Resultat per enhet"
    // (text and a wide table), stayed alone at the foot of the portrait page.
    let rest = format!(
        "avsnitt:\n  - rubrik: Inledning\n    text: |\n      {}\n  - rubrik: Resultat\n    avsnitt:\n      - rubrik: Resultat per enhet\n        text: Tabellen visar resultatet för varje enhet.\n        tabeller:\n{}  - rubrik: Bedömning\n    text: Resultatet är stabilt.\n",
        "Enkäten besvarades av de flesta medarbetarna i regionen och resultatet är stabilt. "
            .repeat(30),
        wide_table(20).replace("\n      ", "\n          ").replacen(
            "      - rubrik",
            "          - rubrik",
            1
        )
    );
    let (_p, pdf, page) = landscape_table_page(&rest);
    let text = page_text(&pdf, page);
    assert!(
        text.lines().any(|l| l.trim() == "Resultat") && text.contains("Resultat per enhet"),
        "{text}"
    );
    assert!(
        !page_text(&pdf, page - 1)
            .lines()
            .any(|l| l.trim() == "Resultat"),
        "rubriken står kvar på sidan före"
    );
}

#[test]
fn captions_stand_flush_left_and_a_header_keeps_its_open_ranges_and_comparisons() {
    // Review 26: "Tabell 1: …" centred over a table that begins at the margin;
    // review 27: the headers "–29 år", "50– år" and "Långtid (> 59 dagar)" broke
    // between number and unit ("50– / år"), and the kept "> 59 dagar", measured
    // without its parentheses, wrapped inside its box ("( > 59) / dagar").
    let p = Project::new();
    p.write(
        "content/r.yaml",
        &format!(
            "profil: region-orebro\n{}",
            report_yaml(
                "avsnitt:
  - rubrik: Sjukfrånvaro
    tabeller:
      - rubrik: Sjukfrånvaro per förvaltning januari–september 2028
        enhet: \"%\"
        kolumner: [Förvaltning, Totalt, Kvinnor, Män, \"–29 år\", \"30–49 år\", \"50– år\", \"Långtid (> 59 dagar)\", \"Förändring mot 2027\"]
        rader:
          - [Hälso- och sjukvården, 7.4, 8.1, 4.6, 6.2, 7.3, 8.0, 47.2, -0.5]
          - [Folktandvården, 6.8, 7.3, 3.9, 5.8, 6.9, 7.4, 44.1, -0.2]
          - [Regionservice, 7.9, 9.2, 5.8, 6.6, 7.7, 9.0, 51.3, 0.3]
    diagram:
      - rubrik: Sjukfrånvaro per månad
        typ: linje
        enhet: \"%\"
        kategorier: [jan, feb, mar]
        serier:
          - { namn: \"2028\", värden: [7.1, 7.4, 6.9] }
"
            )
        ),
    );
    p.run(&["build"]).ok();
    let pdf = p.path().join("out/r.pdf");
    // (x, y in tenths of a point.)
    let words: Vec<(String, f64, f64)> = page_words(&pdf, 1)
        .into_iter()
        .map(|(w, x, y, _)| {
            let w = w.replace("&gt;", ">").replace("&amp;", "&");
            (w, x as f64 / 10.0, y as f64 / 10.0)
        })
        .collect();
    let at = |w: &str| {
        words
            .iter()
            .find(|(t, _, _)| t == w)
            .unwrap_or_else(|| panic!("{w} saknas: {words:?}"))
    };
    let text = pdf_text_raw(&pdf);
    for caption in [
        "Tabell 1. Sjukfrånvaro per förvaltning",
        "Diagram 1. Sjukfrånvaro per månad",
    ] {
        assert!(
            squash(&text).contains(&squash(caption)),
            "{caption}: {text}"
        );
    }
    // Both captions begin at the margin, where the table does (its first header is
    // set in by the cell's inset, 0.55 em).
    let header = at("Förvaltning").1;
    let captions: Vec<f64> = words
        .iter()
        .filter(|(t, _, _)| t == "Tabell" || t == "Diagram")
        .map(|(_, x, _)| *x)
        .collect();
    assert_eq!(captions.len(), 2, "{captions:?}");
    for x in captions {
        assert!(
            x < header && header - x < 8.0,
            "caption at {x:.1}, the table's first header at {header:.1}"
        );
    }
    // Each kept span of a header is on one line: its number and unit share a baseline.
    for (first, second) in [("–29", "år"), ("50–", "år"), ("59", "dagar)")] {
        let (_, x0, y0) = at(first);
        let (_, x1, y1) = words
            .iter()
            .find(|(t, x, y)| t == second && (y - y0).abs() < 2.0 && x > x0)
            .unwrap_or_else(|| panic!("{first} {second}: on two lines: {words:?}"));
        assert!(x1 > x0 && (y1 - y0).abs() < 2.0);
    }
    let (_, gx, gy) = at("(>");
    let (_, nx, ny) = at("59");
    assert!((gy - ny).abs() < 2.0 && nx > gx, "\"(>\" and \"59\" parted");
}

#[test]
fn a_number_columns_header_breaks_at_its_compounds_joints() {
    // Review 58's M1 and M2: header words broke where Typst's syllables fell
    // ("Hyrsjukskö-/terskor", "un-/dersköterskor"), and a long one-word header stood on
    // one line over short numbers while the labels took three. A word of three
    // elements breaks at two joints where one is not enough (at one, the rest ran into
    // the next column: the review of the diff); the text layer holds a soft hyphen only
    // where a line breaks.
    let p = Project::new();
    p.write(
        "content/r.yaml",
        &report_yaml(
            "avsnitt:
  - rubrik: Personal
    text: Tabellen prövar ord med flera fogar.
    tabeller:
      - rubrik: Personalkostnadsutfall per område
        enhet: tkr
        kolumner: [Område, Personalkostnadsutfall 2053, Personalkostnadsutfall 2054, Personalkostnadsutfall 2055, Läkemedelskostnadsutfall, Sjukvårdskostnadsutfall, Hyrsjuksköterskor 2055, Övertid undersköterskor, Prognosavvikelse]
        rader:
          - [Universitetssjukhuset Örebro, 21400, 18200, 14100, 9800, 8100, 6200, 6120, 4410]
          - [Karlskoga lasarett, 11200, 9800, 8900, 3200, 2900, 2100, 1980, 1210]
",
        ),
    );
    let run = p.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let pdf = p.path().join("out/r.pdf");
    let text = pdf_text(&pdf);
    for joint in [
        "Personal\u{ad}\nkostnads\u{ad}\nutfall",
        "Läkemedels\u{ad}\nkostnads\u{ad}\nutfall",
        "Hyrsjuk\u{ad}",
        "under\u{ad}",
    ] {
        assert!(text.contains(joint), "{joint:?}: {text}");
    }
    for bad in ["sjukskö\u{ad}", "un\u{ad}", "dersköters\u{ad}"] {
        assert!(!text.contains(bad), "{bad:?}: {text}");
    }
    // A soft hyphen only where a line ends: never inside a word in the text layer.
    let chars: Vec<char> = text.chars().collect();
    for (i, c) in chars.iter().enumerate() {
        if *c == '\u{ad}' {
            assert!(
                chars.get(i + 1).is_none_or(|n| n.is_whitespace()),
                "{}",
                chars[i.saturating_sub(20)..(i + 5).min(chars.len())]
                    .iter()
                    .collect::<String>()
            );
        }
    }
}
