//! User text is data, never markup: whatever a user types, including every Typst,
//! Jinja and Markdown metacharacter, comes out of the PDF's text layer as typed (but
//! for straight quotes in prose, which are set as Swedish ones: the last test).

use proptest::prelude::*;

use crate::common::*;

/// Builds one Örebro-style document (recipients one per line) and returns the text
/// layer's lines and the PDF title.
fn roundtrip(title: &str, lines: &[String]) -> (Vec<String>, String) {
    let p = Project::new();
    let q = |s: &str| serde_json::to_string(s).unwrap();
    let mut yaml = format!(
        "profil: region-orebro
nämnd: Hälso- och sjukvårdsnämnden
diarienummer: 24RS17
datum: 2024-03-14
rubrik: {}
handläggare: {{ namn: Lina Berg }}
förslag: Bänkar köps in.
skickas_till:
",
        q(title)
    );
    for l in lines {
        yaml.push_str(&format!("  - {}\n", q(l)));
    }
    p.write("content/a.yaml", &yaml);
    let run = p.run(&["build"]);
    assert_eq!(run.code, 0, "{yaml}\n{}", run.stderr);
    let pdf = p.path().join("out/a.pdf");
    let text = pdf_text_raw(&pdf);
    let info = poppler("pdfinfo", &[pdf.to_str().unwrap()]);
    let title = info
        .lines()
        .find_map(|l| l.strip_prefix("Title:"))
        .unwrap_or_default()
        .trim()
        .to_string();
    (text.lines().map(normalise).collect(), title)
}

fn normalise(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

const METACHARS: &[&str] = &[
    "#set page(width: 1cm)",
    "$x^2$ och $$",
    "{{ rubrik }} {% if x %} {# kommentar #}",
    "<script>alert(1)</script> &amp;",
    "C:\\Users\\kansli \\n \\\\",
    "*fet* _kursiv_ `kod` ~ @etikett <ref>",
    "= Rubrik == nästa",
    "- punkt + plus / snedstreck // inte kommentar /* inte heller */",
    "[länk](http://example.se) ![bild](x.png)",
    "\"citat\" 'apostrof' -- --- ...",
    "1. inte en lista",
    "§ 57 – 3 702 mkr € ½ × «»",
    "#import \"@preview/cetz:0.3.0\"",
    "\\#let x = 1; #x",
];

#[test]
fn every_metacharacter_survives_as_typed() {
    // Five to a document: more recipients go in two columns, whose lines the text
    // layer reads across.
    for chunk in METACHARS.chunks(5) {
        let lines: Vec<String> = chunk.iter().map(|s| s.to_string()).collect();
        let (text, title) = roundtrip("Rubrik med #, $, {{ }}, < > och \\ i sig", &lines);
        assert_eq!(title, "Rubrik med #, $, {{ }}, < > och \\ i sig");
        for l in &lines {
            assert!(
                text.contains(&normalise(l)),
                "{l:?} saknas i textlagret:\n{text:#?}"
            );
        }
    }
}

/// Characters the shipped fonts cover: printable ASCII plus Swedish and typographic
/// characters a handläggare might type.
fn typed_text() -> impl Strategy<Value = String> {
    let extra: Vec<char> = "åäöÅÄÖéüÉ–—…€§«»’“”½×°".chars().collect();
    let ch = prop_oneof![
        4 => (0x21u8..0x7f).prop_map(char::from),
        1 => Just(' '),
        1 => proptest::sample::select(extra),
    ];
    proptest::collection::vec(ch, 1..28)
        .prop_map(|v| v.into_iter().collect::<String>())
        .prop_filter("inte bara blanksteg", |s| !s.trim().is_empty())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_text_comes_out_as_it_went_in(title in typed_text(), lines in proptest::collection::vec(typed_text(), 1..6)) {
        let (text, pdf_title) = roundtrip(&title, &lines);
        prop_assert_eq!(pdf_title, title.trim());
        for l in &lines {
            prop_assert!(text.contains(&normalise(l)), "{:?} saknas i textlagret:\n{:#?}", l, text);
        }
    }
}

#[test]
fn straight_quotes_in_prose_are_set_as_swedish_quotes_and_code_keeps_them() {
    // Reviews 23 and 24 read `"Grunda sunda vanor"` in a sammanfattning as a defect:
    // Swedish sets ”…” and ’. Code and names are as typed.
    let p = Project::new();
    p.write(
        "content/a.yaml",
        r#"profil: region-orebro
nämnd: Hälso- och sjukvårdsnämnden
diarienummer: 24RS17
datum: 2024-03-14
rubrik: 'Programmet "Grunda sunda vanor" i länet'
handläggare: { namn: Lina Berg }
sammanfattning: |
  Programmet "Grunda sunda vanor" och Anna's 'egna' förslag; koden `if x == "ja"` står kvar.
förslag: Bänkar köps in.
skickas_till:
  - Föreningen "Vi unga"
"#,
    );
    let run = p.run(&["build"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let text = normalise(&pdf_text_raw(&p.path().join("out/a.pdf")));
    for want in [
        "Programmet ”Grunda sunda vanor” i länet",
        "Programmet ”Grunda sunda vanor” och Anna’s ’egna’ förslag",
        "if x == \"ja\"",
        "Föreningen \"Vi unga\"",
    ] {
        assert!(text.contains(want), "{want:?} saknas i textlagret:\n{text}");
    }
    assert!(!text.contains("\"Grunda"), "{text}");
}

/// Emphasis is written with asterisks, as the format says; underscores in a Markdown
/// field print as typed (review 35: an att-sats's file name pattern "<Dnr>_#ämne_{{
/// datum }}" lost its underscores to italics, in the tjänsteskrivelse and everywhere
/// the decision went).
#[test]
fn underscores_in_markdown_print_as_typed() {
    let p = Project::new();
    p.write(
        "content/mönster.yaml",
        &tjanst("").replace(
            "förslag: Bänkar köps in.\n",
            "förslag:\n  beslut:\n    - \"Filer sparas som <Dnr>_#ämne_{{ datum }}, modulen heter __init__ och *detta* är kursivt.\"\n",
        ),
    );
    p.run(&["build"]).ok();
    let text = normalise(&pdf_text(&p.path().join("out/mönster.pdf")));
    assert!(
        text.contains(
            "Filer sparas som <Dnr>_#ämne_{{ datum }}, modulen heter __init__ och detta är kursivt."
        ),
        "{text}"
    );
}
