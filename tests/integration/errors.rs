//! Bad input: every fixture in `tests/fixtures/fel/` gives its promised message at
//! `file:line:col`, exit status 1 and no PDF.
//!
//! Each fixture's first line says what is expected:
//! `# väntat: LINE[:COL]: fragment | fragment …`. A meeting whose error is in what
//! only the protokoll records says on its second line which documents are still made
//! (`# byggs ändå: kallelse, handlingar`): those, and never a protokoll, utdrag or
//! anslag. A line `# inte: fragment | …` names what must not be said (an error that
//! only repeats another).

use crate::common::*;

struct Expectation {
    location: String,
    fragments: Vec<String>,
    /// Documents made despite the error (`-kallelse`, `-handlingar`).
    still_built: Vec<String>,
    /// Fragments that must not appear.
    absent: Vec<String>,
}

fn expectation(text: &str) -> Expectation {
    let first = text.lines().next().unwrap();
    let rest = first
        .strip_prefix("# väntat: ")
        .expect("fixture starts with '# väntat: '");
    let (location, fragments) = rest.split_once(": ").unwrap();
    let still_built = text
        .lines()
        .nth(1)
        .and_then(|l| l.strip_prefix("# byggs ändå: "))
        .map(|l| l.split(", ").map(|d| format!("-{}", d.trim())).collect())
        .unwrap_or_default();
    let absent = text
        .lines()
        .take_while(|l| l.starts_with('#'))
        .filter_map(|l| l.strip_prefix("# inte: "))
        .flat_map(|l| l.split(" | ").map(str::to_string))
        .collect();
    Expectation {
        location: location.to_string(),
        fragments: fragments.split(" | ").map(str::to_string).collect(),
        still_built,
        absent,
    }
}

#[test]
fn every_bad_fixture_gives_its_message_and_no_pdf() {
    let dir = repo_root().join("tests/fixtures/fel");
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    names.sort();
    assert!(names.len() >= 10, "minst tio felaktiga exempel");
    for fixture in names {
        let name = fixture.file_name().unwrap().to_str().unwrap();
        let text = std::fs::read_to_string(&fixture).unwrap();
        let want = expectation(&text);
        let p = Project::new();
        p.write(&format!("content/{name}"), &text);
        let run = p.run(&["build"]);
        assert_eq!(run.code, 1, "{name}: exit 1 väntades\n{}", run.stderr);
        let head = format!("content/{name}:{}:", want.location);
        assert!(
            run.stderr.contains(&head),
            "{name}: väntade {head} i\n{}",
            run.stderr
        );
        assert!(run.stderr.contains(": fel: "), "{name}: {}", run.stderr);
        for f in &want.fragments {
            assert!(
                run.stderr.contains(f.as_str()),
                "{name}: väntade {f:?} i\n{}",
                run.stderr
            );
        }
        for f in &want.absent {
            assert!(
                !run.stderr.contains(f.as_str()),
                "{name}: {f:?} ska inte sägas\n{}",
                run.stderr
            );
        }
        assert!(!run.stderr.contains("panicked"), "{name}: {}", run.stderr);
        let stem = name.trim_end_matches(".yaml");
        let expected: Vec<String> = want
            .still_built
            .iter()
            .map(|s| format!("out/{stem}{s}.pdf"))
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
        assert_eq!(
            p.pdfs(),
            expected,
            "{name}: bara {expected:?} får skrivas (aldrig protokoll, utdrag eller anslag)"
        );
        let html = walkdir::WalkDir::new(p.path().join("out"))
            .into_iter()
            .filter_map(Result::ok)
            .any(|e| e.path().extension().is_some_and(|x| x == "html"));
        assert!(!html, "{name}: inget anslag får skrivas");
        // `check` reports the same.
        let check = p.run(&["check"]);
        assert_eq!(check.code, 1, "{name}");
        assert!(check.stderr.contains(&head), "{name}: {}", check.stderr);
    }
}

#[test]
fn every_typo_in_a_file_is_reported_at_once() {
    let p = Project::new();
    p.write(
        "content/a.yaml",
        &tjanst("utdrag_tll: [x]\nunderskrifer: []\n").replace("rubrik:", "rubirk:"),
    );
    let run = p.run(&["check"]);
    assert_eq!(run.code, 1);
    for typo in ["rubirk", "utdrag_tll", "underskrifer"] {
        assert!(
            run.stderr.contains(&format!("okänt fält \"{typo}\"")),
            "{typo}: {}",
            run.stderr
        );
    }
    // The unknown "rubirk" explains the missing "rubrik"; it is not reported twice.
    assert!(
        !run.stderr.contains("fältet \"rubrik\" saknas"),
        "{}",
        run.stderr
    );
}

#[test]
fn every_bad_value_in_a_file_is_reported_at_once() {
    // Review 19: a file with a bad date and a misspelt key reported only the date.
    let p = Project::new();
    p.write(
        "content/a.yaml",
        &tjanst("utdrag_till: [Ekonomienheten, [x]]\nsekretess: [OSL]\n")
            .replace("datum: 2024-03-14", "datum: 2024-02-31")
            .replace(
                "  namn: Lina Berg",
                "  namn: Lina Berg\n  titl: Handläggare",
            ),
    );
    let run = p.run(&["check"]);
    assert_eq!(run.code, 1);
    for (line, message) in [
        (
            3,
            "fältet \"datum\": \"2024-02-31\" är inget giltigt datum (ÅÅÅÅ-MM-DD): februari 2024 har 29 dagar",
        ),
        (7, "fältet \"handläggare\": okänt fält \"titl\""),
        (12, "fältet \"utdrag_till[2]\": väntade text, fann en lista"),
        (13, "fältet \"sekretess\": väntade ett lagrum"),
    ] {
        assert!(
            run.stderr
                .lines()
                .any(|l| l.contains(&format!("a.yaml:{line}:")) && l.contains(message)),
            "{line}: {message}: {}",
            run.stderr
        );
    }
    // A value reported as wrong is not reported once more as missing.
    assert!(!run.stderr.contains("saknas"), "{}", run.stderr);
    assert!(!p.path().join("out").exists());

    // Nor where its key is written without å, ä, ö ("namnd" is the field "nämnd").
    p.write(
        "content/a.yaml",
        &tjanst("").replace("nämnd: Hälso- och sjukvårdsnämnden", "namnd: [x]"),
    );
    let run = p.run(&["check"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("fältet \"namnd\": väntade text"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("saknas"), "{}", run.stderr);

    // Every missing field, not only the first (serde stops at the first one), and
    // those after a missing field in a mapping inside the file.
    p.write(
        "content/a.yaml",
        "nämnd: Hälso- och sjukvårdsnämnden\ndatum: 2024-02-31\nhandläggare:\n  epost: lina.berg@example.se\närendebeskrivning: |\n  Väntrummet.\n",
    );
    let run = p.run(&["check"]);
    assert_eq!(run.code, 1);
    for message in [
        "fältet \"datum\": \"2024-02-31\" är inget giltigt datum",
        "fältet \"handläggare\": fältet \"namn\" saknas",
        "fältet \"diarienummer\" saknas",
        "fältet \"rubrik\" saknas",
        "fältet \"förslag\" saknas",
    ] {
        assert!(run.stderr.contains(message), "{message}: {}", run.stderr);
    }
    // Under each, what the field holds: the schema's description (review 60's 20),
    // inside a mapping too.
    for hint in [
        "hjälp: \"rubrik\": Ärendets rubrik, dokumentets titel.",
        "hjälp: \"namn\": För- och efternamn.",
        "hjälp: \"förslag\": Förslag till beslut:",
    ] {
        assert!(run.stderr.contains(hint), "{hint}: {}", run.stderr);
    }
    // A missing mapping (`handläggare`) does not hide the fields after it, and its
    // own fields are not reported as missing too.
    p.write(
        "content/a.yaml",
        "nämnd: Hälso- och sjukvårdsnämnden\ndiarienummer: HSN/1/2024\ndatum: 2024-03-14\nrubrik: Bänkar\närendebeskrivning: |\n  Väntrummet.\n",
    );
    let run = p.run(&["check"]);
    assert_eq!(run.code, 1);
    for message in ["fältet \"handläggare\" saknas", "fältet \"förslag\" saknas"] {
        assert!(run.stderr.contains(message), "{message}: {}", run.stderr);
    }
    assert!(!run.stderr.contains("\"namn\""), "{}", run.stderr);
}

#[test]
fn hostile_yaml_is_refused_quickly() {
    let p = Project::new();
    // Billion laughs: aliases that expand exponentially.
    let mut laughs = String::from("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for i in 1..10 {
        let prev = i - 1;
        laughs.push_str(&format!("a{i}: &a{i} [*a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}, *a{prev}]\n"));
    }
    p.write("content/skratt.yaml", &laughs);
    p.write_bytes(
        "content/skrap.yaml",
        &[0xff, 0xfe, 0x00, 0x9c, b':', b' ', 0xc3, 0x28],
    );
    p.write("content/djup.yaml", &"[".repeat(100_000));
    let run = p.run(&["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("content/skratt.yaml:"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("content/skrap.yaml:"), "{}", run.stderr);
    assert!(run.stderr.contains("UTF-8"), "{}", run.stderr);
    assert!(run.stderr.contains("content/djup.yaml:"), "{}", run.stderr);
    assert!(run.stderr.contains("3 misslyckades"), "{}", run.stderr);
    // The three named after the summary, last (review 52).
    let tail = &run.stderr[run.stderr.find("3 misslyckades").unwrap()..];
    for name in ["skratt.yaml", "skrap.yaml", "djup.yaml"] {
        assert!(
            tail.contains(&format!("fel   content/{name}")),
            "{name}: {tail}"
        );
    }
    assert!(!run.stderr.contains("panicked"));
    assert!(p.pdfs().is_empty());
}

#[test]
fn a_diarienummer_prefix_that_does_not_fit_the_namnd_is_a_warning() {
    let p = Project::new();
    p.write(
        "content/a.yaml",
        &tjanst("").replace("HSN/17/2024", "RUN/17/2024"),
    );
    let run = p.run(&["build"]).ok();
    assert!(run.stderr.contains("varning"), "{}", run.stderr);
    assert_eq!(p.pdfs(), vec!["out/a.pdf"]);
}

/// A diarienummer that misses the profile's pattern by a leading zero says what was
/// meant (review 57's F22: only the pattern was given, and the zero went unseen).
#[test]
fn a_diarienummer_with_leading_zeros_is_answered_with_what_was_meant() {
    let p = Project::new();
    p.write(
        "content/a.yaml",
        &tjanst("").replace("HSN/17/2024", "HSN/0017/2024"),
    );
    let run = p.run(&["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "content/a.yaml:2:15: fel: fältet \"diarienummer\": \"HSN/0017/2024\" följer inte profilens format"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("hjälp: menade du \"HSN/17/2024\"?"),
        "{}",
        run.stderr
    );
    assert!(p.pdfs().is_empty());
}

/// A meeting whose ärende has errors says so "(se ovan)": the ärende's own error is
/// printed above it, also where the ärende's file sorts after the meeting's (the review
/// of session 58's diff: "mote.yaml … ärendet z.yaml har fel (se ovan)" came first).
#[test]
fn an_arendes_error_is_shown_above_the_meeting_that_refers_to_it() {
    let p = Project::new();
    p.write("content/z.yaml", &tjanst("").replace("rubrik:", "rubrikk:"));
    p.write(
        "content/mote.yaml",
        &(meeting_head("kallelse") + "  - ärende: z.yaml\n"),
    );
    let run = p.run(&["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let own = run
        .stderr
        .find("content/z.yaml:4:1: fel: okänt fält \"rubrikk\"")
        .unwrap_or_else(|| panic!("{}", run.stderr));
    let referring = run
        .stderr
        .find("ärendet content/z.yaml har fel (se ovan)")
        .unwrap_or_else(|| panic!("{}", run.stderr));
    assert!(own < referring, "{}", run.stderr);
}

/// A project's own template whose page break depends on where it falls never settles;
/// Typst gives up after five passes and the page numbers may be wrong. The build says
/// so (a warning with the file), and still writes the PDF.
#[test]
fn a_layout_that_does_not_settle_is_reported() {
    let p = Project::new();
    p.write("content/a.yaml", &tjanst(""));
    let builtin =
        std::fs::read_to_string(repo_root().join("templates/tjansteskrivelse.typ.j2")).unwrap();
    p.write(
        "templates/tjansteskrivelse.typ.j2",
        &format!("{builtin}\n#context if here().page() == 1 {{ pagebreak() }}\nSlut.\n"),
    );
    let run = p.run(&["build"]).ok();
    assert!(
        run.stderr.contains("content/a.yaml") && run.stderr.contains("stabiliserades inte"),
        "{}",
        run.stderr
    );
    assert!(p.path().join("out/a.pdf").is_file());
}

/// A Markdown heading deeper than the document has heading levels for is set as a bold
/// line, and the build says so with the heading's text (and still writes the PDF).
#[test]
fn a_markdown_heading_too_deep_to_place_is_a_warning() {
    let p = Project::new();
    p.write(
        "content/a.yaml",
        &tjanst("").replace(
            "  Väntrummet behöver fler bänkar.\n",
            "  Väntrummet behöver fler bänkar.\n\n  ## Nivå ett\n\n  Text.\n\n  ### Nivå två\n\n  Text.\n\n  #### Nivå tre\n\n  Text.\n\n  ##### Nivå fyra\n\n  Text under den djupaste.\n",
        ),
    );
    let run = p.run(&["build"]).ok();
    assert!(
        run.stderr
            .contains("Markdown-rubriken \"Nivå fyra\" ligger för djupt"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("\"Nivå tre\""), "{}", run.stderr);
    let text = pdf_text(&p.path().join("out/a.pdf"));
    assert!(
        text.contains("Nivå fyra") && text.contains("Text under den djupaste."),
        "{text}"
    );
}

#[test]
fn a_failed_point_keeps_its_paragraph() {
    // After an ärende that fails to load, the points after it keep their § numbers,
    // and its own § is no "finns inte i protokollet" for a tidvis line (review 24).
    let name = "protokoll-rost-efter-felaktigt-arende.yaml";
    let text = std::fs::read_to_string(repo_root().join("tests/fixtures/fel").join(name)).unwrap();
    let p = Project::new();
    p.write(&format!("content/{name}"), &text);
    let run = p.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("tjänstgör inte på § 3"),
        "{}",
        run.stderr
    );
    assert!(
        !run.stderr.contains("finns inte i protokollet"),
        "{}",
        run.stderr
    );
    // A tidvis line names the failed point's § too: review 39 read "närvarande bara
    // på §§ 67–76" where the file says 66–76, § 66's ärende having failed.
    let text = text
        .replace("paragrafer: \"1–3\"", "paragrafer: \"2\"")
        .replace(
            "ja: [Anna Lindgren, Per Olofsson]",
            "ja: [Anna Lindgren, Per Olofsson, Karin Sjöberg]",
        );
    p.write(&format!("content/{name}"), &text);
    let run = p.run(&["check"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "Karin Sjöberg tjänstgör inte på § 3 (närvarande bara på § 2 enligt närvaro.tidvis)"
        ),
        "{}",
        run.stderr
    );
}

/// Review 42: a rapport with an error on the agenda of a meeting where an ersättare
/// serves on some paragraphs (`paragrafer:`, the rapport's § among them) panicked in
/// the attendance check, and the batch stopped midway with a Rust backtrace. The
/// rapport's own error is said (file:line:col, field), the meeting's points at it, and
/// the other files are built.
#[test]
fn a_failed_rapport_under_an_ersattares_paragraphs_is_an_error_not_a_crash() {
    let text = std::fs::read_to_string(
        repo_root().join("tests/fixtures/fel/protokoll-rost-efter-felaktigt-arende.yaml"),
    )
    .unwrap()
    .replace(
        "  - ärende: finns-inte.yaml\n",
        "  - ärende: rapport.yaml\n",
    )
    .replace(
        "  tidvis: [{ namn: Karin Sjöberg, paragrafer: \"1–3\" }]\n",
        "  tidvis: [{ namn: Karin Sjöberg, paragrafer: \"1\" }]
  tjänstgörande_ersättare: [{ namn: Jonas Berg, ersätter: Karin Sjöberg, paragrafer: \"2–3\" }]
",
    );
    let p = Project::new();
    p.write("content/mote.yaml", &text);
    p.write(
        "content/rapport.yaml",
        "typ: rapport
nämnd: Hälso- och sjukvårdsnämnden
diarienummer: HSN/40/2024
datum: 2024-12-01
handläggare: { namn: Lina Berg }
avsnitt:
  - rubrik: Resultat
    tabeller:
      - rubrik: Besök
        kolumner: [Område, Besök]
        rader:
          - [Norr, \"8,3\"]
",
    );
    p.write("content/annat.yaml", &tjanst(""));
    for command in ["check", "build"] {
        let run = p.run(&[command]);
        assert_eq!(run.code, 1, "{command}: {}", run.stderr);
        assert!(
            !run.stderr.contains("panicked"),
            "{command}: {}",
            run.stderr
        );
        assert!(
            run.stderr.contains("content/rapport.yaml:")
                && run.stderr.contains("content/mote.yaml:")
                && run.stderr.contains("fältet \"punkter[2].ärende\""),
            "{command}: {}",
            run.stderr
        );
    }
    assert!(p.path().join("out/annat.pdf").is_file());
}

#[test]
fn a_mistyped_file_name_is_answered_with_the_nearest_file() {
    // Reviews 37–39: "../arenden/36RS312-teatern.yaml" and a mistyped bilaga got no
    // "menade du", where a mistyped field name gets one.
    let p = Project::new();
    p.write_bytes("content/bilagor/offert-bankar.pdf", &small_pdf());
    p.write(
        "content/a.yaml",
        "nämnd: Hälso- och sjukvårdsnämnden\ndiarienummer: HSN/17/2024\ndatum: 2024-03-14\nrubrik: Provärende\nhandläggare:\n  namn: Lina Berg\närendebeskrivning: Text.\nförslag: Bänkar köps in.\nbilagor:\n  - titel: Offert\n    fil: bilagor/offert-bänkar.pdf\n",
    );
    let run = p.run(&["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("content/a.yaml:11:10:")
            && run
                .stderr
                .contains("menade du \"bilagor/offert-bankar.pdf\"?"),
        "{}",
        run.stderr
    );
    // Nothing near: no guess.
    p.write(
        "content/a.yaml",
        "nämnd: Hälso- och sjukvårdsnämnden\ndiarienummer: HSN/17/2024\ndatum: 2024-03-14\nrubrik: Provärende\nhandläggare:\n  namn: Lina Berg\närendebeskrivning: Text.\nförslag: Bänkar köps in.\nbilagor:\n  - titel: Offert\n    fil: bilagor/protokoll.pdf\n",
    );
    let run = p.run(&["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(!run.stderr.contains("menade du"), "{}", run.stderr);
}

#[test]
fn a_decision_point_parted_at_its_comma_is_warned_about() {
    // Review 52: a decision written as a list in brackets is parted at its commas, and
    // the second part was set as a stray paragraph without a word.
    let p = Project::new();
    p.write(
        "content/a.yaml",
        &tjanst("").replace(
            "förslag: Bänkar köps in.",
            "förslag: [att köpa in bänkar till väntrummet, stolar och bord, att följa upp inköpet]",
        ),
    );
    let run = p.run(&["check"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.lines().any(|l| l.contains("a.yaml:10:")
            && l.contains("förslag[2]")
            && l.contains(
                "beslutspunkten börjar inte med \"att\" som de andra: \"stolar och bord\""
            )),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("inom citattecken"), "{}", run.stderr);
    // Not a point of its own in capitals, nor one without att-satser around it.
    p.write(
        "content/a.yaml",
        &tjanst("").replace(
            "förslag: Bänkar köps in.",
            "förslag: [att köpa in bänkar, Inköpet följs upp i maj.]",
        ),
    );
    let run = p.run(&["check"]);
    assert!(!run.stderr.contains("börjar inte med"), "{}", run.stderr);
    // Nor a point that goes on with "och att" (the review of session 53's diff).
    p.write(
        "content/a.yaml",
        &tjanst("").replace(
            "förslag: Bänkar köps in.",
            "förslag: [att köpa in bänkar, och att följa upp inköpet i maj]",
        ),
    );
    let run = p.run(&["check"]);
    assert!(!run.stderr.contains("börjar inte med"), "{}", run.stderr);
}
