//! Layout (issue 15): every PDF of the bundled `content/` and of the stress fixture set
//! `tests/fixtures/layout/` is measured by `../shared/tools/layoutcheck/layoutcheck.py`
//! (PyMuPDF, from its text layer). Any blocker (overlap, syllable stack, stranded heading,
//! hyphenation across a page break) or lone page fails the test.
//!
//! The Python comes from KANSLI_LAYOUT_PYTHON (a virtual environment with the tool's
//! requirements.txt; `.ci/run` installs it). Without it the test is skipped with a note,
//! unless KANSLI_KRAV_LAYOUT is set (`.ci/run` sets it).
//!
//! Pages that a pack places from a PDF given as a bilaga (their text starts with the
//! "Bilaga N." band kansli stamps on them) are someone else's layout: a finding on such a
//! page is reported but does not fail the test. Ladders (three hyphenated line ends in a
//! row) are polish, not blockers, and are only printed.
//!
//! A "lone page" that holds a captioned report table or chart in full (the check counts
//! only lines in the body's type size; tables and charts are set smaller) is reported
//! but does not fail.
//!
//! A "stranded" label on the page before a bilaga (a protokoll's last §, complete, then
//! its written reservations, which always begin a page) ends where the text ends by
//! design, which the check cannot see; it is reported but does not fail.
//!
//! The check is a heuristic. Where it flags something that is right, the document is to
//! be made clearer, not the check weakened.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::*;

const FAILING: &[&str] = &["overlap", "stack", "stranded", "hyphen-break", "lone-page"];

/// Runs a Python script (`python -c`) on the given files; its standard output, after
/// asserting that it ran to the end.
fn python_script(python: &Path, script: &str, files: &[PathBuf]) -> String {
    let out = Command::new(python)
        .arg("-c")
        .arg(script)
        .args(files)
        .output()
        .expect("python starts");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The space under the first line of `pdf` that holds the word `word` (a heading's),
/// to the line after it: word boxes, tenths of a point (`page_words`).
fn space_below(pdf: &Path, word: &str) -> i64 {
    let n = (1..=page_count(pdf))
        .find(|&n| page_words(pdf, n).iter().any(|w| w.0 == word))
        .unwrap_or_else(|| panic!("{word}"));
    let words = page_words(pdf, n);
    let h = words.iter().find(|w| w.0 == word).unwrap();
    let next = words
        .iter()
        .filter(|w| w.2 > h.2 + h.3 / 2)
        .map(|w| w.2)
        .min()
        .unwrap();
    next - (h.2 + h.3)
}

/// A fixture project built, every document of it without the warning that its layout
/// did not settle (page numbers or contents could then be wrong).
fn built_fixture_settled(name: &str) -> Project {
    let p = Project::new();
    copy_dir(&repo_root().join("tests/fixtures").join(name), p.path());
    let run = p.run(&["build"]).ok();
    assert!(
        !run.stderr.contains("stabiliserades inte"),
        "{}",
        run.stderr
    );
    p
}

/// Where a built project's document is: `out/<region>/<dir>/<file>`.
fn out_path(p: &Project, region: &str, dir: &str, file: &str) -> PathBuf {
    p.path().join("out").join(region).join(dir).join(file)
}

/// The space between a line whose words' boxes begin at `top` and the lowest word
/// above it, in tenths of a point (`page_words`).
fn space_above(words: &[(String, i64, i64, i64)], top: i64) -> i64 {
    let bottom_before = words
        .iter()
        .filter(|x| x.2 < top)
        .map(|x| x.2 + x.3)
        .max()
        .expect("text above");
    top - bottom_before
}

/// Whether a page is a bilaga placed into a pack: a page of the handlingar whose text
/// starts with its label, "Bilaga N." (a page kansli sets begins with the running
/// header; the written reservations kansli sets, also "Bilaga N. …", are in the
/// protokoll and the utdrag, not in a pack).
fn placed_bilaga(pdf: &Path, page: usize) -> bool {
    let in_pack = pdf
        .file_name()
        .is_some_and(|n| n.to_string_lossy().contains("handlingar"));
    let text = page_text(pdf, page);
    let first = text.trim_start();
    in_pack
        && first.strip_prefix("Bilaga ").is_some_and(|rest| {
            let digits = rest.chars().take_while(|c| c.is_ascii_digit()).count();
            digits > 0 && rest[digits..].starts_with('.')
        })
}

/// Whether a page the check calls lone is in fact full of a table or chart: the check
/// counts only lines in the body's type size, and report tables (set smaller to fit,
/// 8–10 pt against a 12 pt body) and chart labels (7,5 pt) are not that. Such a page
/// holds many lines of text; a lone page (a signature, an attestation, a last line
/// alone) holds at most a handful.
fn table_or_chart_page(pdf: &Path, page: usize) -> bool {
    let text = page_text(pdf, page);
    let lines = text.lines().filter(|l| !l.trim().is_empty()).count();
    let captioned = text.contains("Tabell ") || text.contains("Diagram ");
    captioned && lines > 12
}

/// Whether a page ends where its document's text ends by design: the next page opens
/// a bilaga (a written reservation kansli sets, "Bilaga 1. Reservation …", or a placed
/// one, "Bilaga 1. …"), which always begins a page. The check counts a label near the
/// foot of a page that "ran full" as stranded only where the break was not by design
/// (its own words); a protokoll's last § ("Beslut" / "Anmälan läggs till handlingarna.")
/// before its reservations is complete, not stranded.
fn ends_before_a_bilaga(pdf: &Path, page: usize) -> bool {
    if page >= page_count(pdf) {
        return false;
    }
    let next = page_text(pdf, page + 1);
    let first = first_body_line(&next);
    first.strip_prefix("Bilaga ").is_some_and(|rest| {
        let digits = rest.chars().take_while(|c| c.is_ascii_digit()).count();
        digits > 0 && (rest[digits..].starts_with('.') || rest[digits..].starts_with(':'))
    })
}

/// Runs layoutcheck on every PDF of a built project; returns the failing findings and
/// prints the summary line.
fn check_project(python: &Path, p: &Project, label: &str) -> Vec<String> {
    let pdfs = p.pdfs();
    assert!(!pdfs.is_empty(), "{label}: inga PDF-filer byggdes");
    let script = repo_root().join("../shared/tools/layoutcheck/layoutcheck.py");
    let out = Command::new(python)
        .arg(&script)
        .arg("--json")
        .args(&pdfs)
        .current_dir(p.path())
        .output()
        .expect("layoutcheck starts");
    let stdout = String::from_utf8_lossy(&out.stdout);
    // The JSON object is followed by the one-line summary.
    let end = stdout.rfind("\n}").expect("layoutcheck skriver JSON") + 2;
    let report: serde_json::Value = serde_json::from_str(&stdout[..end]).unwrap_or_else(|e| {
        panic!(
            "layoutcheck: {e}\n{stdout}\n{}",
            String::from_utf8_lossy(&out.stderr)
        )
    });
    eprintln!("{label}: {}", stdout[end..].trim());
    let mut failing = Vec::new();
    for (file, findings) in report["files"].as_object().unwrap() {
        for f in findings.as_array().unwrap() {
            let kind = f["kind"].as_str().unwrap();
            let page = f["page"].as_u64().unwrap() as usize;
            let line = format!(
                "{label}: {file}:{page}: {kind}: {}",
                f["at"].as_str().unwrap()
            );
            if !FAILING.contains(&kind) {
                eprintln!("  (polish) {line}");
            } else if placed_bilaga(&p.path().join(file), page) {
                eprintln!("  (bilaga, hoppas över) {line}");
            } else if kind == "lone-page" && table_or_chart_page(&p.path().join(file), page) {
                eprintln!("  (tabell- eller diagramsida i mindre stil, hoppas över) {line}");
            } else if kind == "stranded" && ends_before_a_bilaga(&p.path().join(file), page) {
                eprintln!("  (texten slutar före en bilaga, hoppas över) {line}");
            } else {
                failing.push(line);
            }
        }
    }
    failing
}

#[test]
fn bundled_content_and_stress_set_pass_layoutcheck() {
    let Some(python) = tool_python(
        "KANSLI_LAYOUT_PYTHON",
        "pymupdf",
        "KANSLI_KRAV_LAYOUT",
        "layoutcheck",
    ) else {
        return;
    };
    let bundled = Project::with_bundled_content();
    bundled.run(&["build"]).ok();
    let stress = Project::new();
    copy_dir(&repo_root().join("tests/fixtures/layout"), stress.path());
    stress.run(&["build"]).ok();
    assert!(
        stress.pdfs().len() >= 9,
        "stressuppsättningen ger tjänsteskrivelse, rapport och sammanträdets dokument"
    );
    assert_no_title_past_the_margin(&bundled);
    assert_no_title_past_the_margin(&stress);
    let mut failing = check_project(&python, &bundled, "content");
    failing.extend(check_project(&python, &stress, "stress"));
    assert!(
        failing.is_empty(),
        "layoutcheck hittar {} fel:\n{}",
        failing.len(),
        failing.join("\n")
    );
}

/// What the typography promises on the bundled documents, read from their text layer:
/// a title never ends in one word alone where a better break exists (the Örebro seed's
/// title ended in "2024" alone), a paragraph never ends in a hyphenated fragment
/// ("jämställdhetsom-" / "rådena."), and the meeting pack's short contents follows the
/// kallelse on its last page instead of a page of its own.
#[test]
fn titles_paragraph_ends_and_the_contents_sit_as_promised() {
    let p = Project::with_bundled_content();
    p.run(&["build", "-q"]).ok();
    let orebro = p
        .path()
        .join("out/region-orebro/hsn-verksamhetsplan-2024.pdf");
    let first = page_text(&orebro, 1);
    let lines: Vec<&str> = first.lines().map(str::trim).collect();
    let end = lines
        .iter()
        .position(|l| l.ends_with("2024") && l.contains(' '))
        .unwrap_or_else(|| {
            panic!("the title's last line should hold more than \"2024\":\n{first}")
        });
    // (Its lines balanced: "Hälso- och sjukvårdsnämndens / och Hälso- och
    // sjukvårdsförvaltningens / verksamhetsplan med budget för år 2024".)
    assert!(
        lines[..end]
            .iter()
            .any(|l| l.starts_with("Hälso- och sjukvårdsnämndens")),
        "{first}"
    );
    assert!(!lines.contains(&"2024"), "{first}");
    let all = pdf_text(&orebro);
    assert!(
        all.lines().any(|l| l.contains("jämställdhetsområdena.")),
        "the paragraph's last word was split:\n{all}"
    );
    let pack = p
        .path()
        .join("out/region-jh/sammantraden/hsn-2024-12-18-handlingar.pdf");
    let second = page_text(&pack, 2);
    assert!(
        second.contains("Anmälan av delegationsbeslut") && second.contains("Innehåll"),
        "the contents should follow the kallelse's last item on page 2:\n{second}"
    );
}

/// Agenda items that are only a title stick to the next item (a page never ends on
/// one), but in runs of at most four: a run of 26 going over as one block left half a
/// page empty. Every page of the kallelse but the last runs full.
#[test]
fn a_long_run_of_title_only_agenda_items_fills_its_pages() {
    let p = Project::new();
    let mut yaml = meeting_head("kallelse");
    yaml.push_str("  - rubrik: Information om vårdens tillgänglighet\n    text: |\n");
    for i in 0..14 {
        yaml.push_str(&format!(
            "      Stycke {i} om väntetider, bemanning och uppföljning av vårdgarantin i primärvården och den specialiserade vården.\n\n"
        ));
    }
    for i in 1..=26 {
        yaml.push_str(&format!(
            "  - rubrik: Anmälan av delegationsbeslut nummer {i}\n"
        ));
    }
    yaml.push_str(
        "  - rubrik: Övriga frågor\n    text: Ordföranden frågar om någon har en övrig fråga.\n",
    );
    p.write("content/mote.yaml", &yaml);
    p.run(&["build", "content/mote.yaml"]).ok();
    let pdf = p.path().join("out/mote-kallelse.pdf");
    let reach = body_reach(&pdf);
    assert!(reach.len() >= 2, "{reach:?}");
    for (i, r) in reach[..reach.len() - 1].iter().enumerate() {
        assert!(
            *r > 0.75,
            "sidan {} slutar på {:.0} % av höjden: {reach:?}\n{}",
            i + 1,
            r * 100.0,
            page_text(&pdf, i + 1)
        );
    }
    let all = pdf_text(&pdf);
    assert!(all.contains("nummer 26"), "{all}");
}

/// The third held-out review (tests/fixtures/held-out-3: a meeting of a nämnd of 17
/// with 20 items, ärenden with 25 recipients, code, quotations and long decisions),
/// read from the text layer after the fixes:
/// - the protokoll's first page keeps the justering and the signatures; the attendance
///   of a large nämnd is a närvarolista on page 2;
/// - an utdrag's decision runs on from page to page (no page before the last is left
///   half empty to keep the whole decision with the attestation);
/// - recipients that have commas of their own are separated by semicolons;
/// - inline code is printed without its backticks;
/// - an agenda item that is only a text is read once in the pack, in the
///   föredragningslista (it ran on after another item, its text a second time);
/// - numbers, dates and ranges are never broken at a line end.
#[test]
fn the_third_held_out_set_reads_as_fixed() {
    let p = built_fixture("held-out-3");
    assert_no_utdrag_ends_on_its_closing_alone(&p);
    let out = p.path().join("out");

    let protokoll = out.join("sammantraden/hsn-2025-09-24-protokoll.pdf");
    let first = squash(&page_text(&protokoll, 1));
    for s in [
        "Se närvarolistan på sidan 2",
        "Justeringens plats och tid",
        "Paragrafer",
        "Sandra Hedman",
        "Mats Eriksson",
    ] {
        assert!(first.contains(&squash(s)), "sidan 1 saknar {s:?}:\n{first}");
    }
    let second = squash(&page_text(&protokoll, 2));
    for s in [
        "Närvarolista",
        "Marie-Louise Åkerlund-Persson (S)",
        "Tomas Ek (MP)",
    ] {
        assert!(
            second.contains(&squash(s)),
            "sidan 2 saknar {s:?}:\n{second}"
        );
    }

    let utdrag = out.join("sammantraden/hsn-2025-09-24-utdrag-143.pdf");
    let reach = body_reach(&utdrag);
    // (Above three quarters: the decision's last point, two lines, goes over with
    // "Paragrafen justeras omedelbart.", set as the protokoll's own line since review
    // 22, and the notes after it.)
    for (i, r) in reach[..reach.len() - 1].iter().enumerate() {
        assert!(*r > 0.75, "utdraget, sidan {}: {reach:?}", i + 1);
    }

    let ts = pdf_text(&out.join("arenden/rs-ambulanshelikopter-sekretess.pdf"));
    assert!(
        squash(&ts).contains(&squash(
            "Controller, Hälso- och sjukvårdsförvaltningen; Registrator"
        )),
        "{ts}"
    );
    let vardval = pdf_text(&out.join("arenden/hsn-ersattningsmodell-vardval.pdf"));
    assert!(vardval.contains("VV-2026-ERS"), "{vardval}");
    assert!(!vardval.contains('`'), "{vardval}");

    // An agenda item that is only a text is read in the föredragningslista, once: it
    // has no page of its own in the pack (it ran on after the item before it, its
    // text a second time). Its contents entry is there.
    assert_text_item_read_once(
        &out.join("sammantraden/hsn-2025-09-24-handlingar.pdf"),
        "Delegationsbeslut fattade under perioden",
        "Anmälan av delegationsbeslut",
    );

    assert_nothing_split_at_line_ends(&p);
}

/// An agenda item that is only a text is read once in a pack (`said`, in the
/// föredragningslista), and its `title` is in the contents.
fn assert_text_item_read_once(pack: &Path, said: &str, title: &str) {
    let text = squash(&pdf_text(pack));
    assert_eq!(
        text.matches(&squash(said)).count(),
        1,
        "{}:\n{text}",
        pack.display()
    );
    let contents = &text[text.find("Innehåll").expect("the contents")..];
    assert!(
        contents.contains(&squash(title)),
        "{}: {contents}",
        pack.display()
    );
}

/// A running list of recipients (JH's) breaks no long name after a short word ("Enheten
/// för säkerhet och / beredskap", review 47), and binding those words does not undo
/// what was kept before: a suspended compound ("hälso- / och sjukvård", review 23) and
/// a place with its institution ("Örebro läns / flygplats AB", review 33). The review
/// of session 49's diff saw both undone at three of five widths: the list is set here
/// after a first recipient of five lengths, so that the names fall at other places on
/// the line.
#[test]
fn a_running_recipient_list_keeps_its_names_whole() {
    let p = Project::new();
    let names = [
        "Enheten för säkerhet och beredskap",
        "Förvaltningen för hälso- och sjukvård i Region Örebro län",
        "Styrelsen för Örebro läns flygplats AB",
        "Avdelningen för kultur och bildning",
    ];
    for (i, lead) in [
        "Ab",
        "Regiondirektören",
        "Hälso- och sjukvårdsdirektören",
        "Område Prehospital vård och akutsjukvård",
        "Kansliet",
    ]
    .iter()
    .enumerate()
    {
        let list: String = std::iter::once(*lead)
            .chain(names)
            .chain(["Område Medicin", "Område Kirurgi"])
            .map(|n| format!("- {n}\n"))
            .collect();
        p.write(
            &format!("content/ts{i}.yaml"),
            &tjanst(&format!("utdrag_till:\n{list}")),
        );
    }
    p.run(&["build"]).ok();
    for i in 0..5 {
        let text = pdf_text(&p.path().join(format!("out/ts{i}.pdf")));
        let lines: Vec<&str> = text.lines().map(str::trim).collect();
        for bad in [
            "för",
            "och",
            "hälso-",
            "Örebro läns",
            "Örebro läns flygplats",
        ] {
            assert!(
                !lines
                    .iter()
                    .any(|l| l.ends_with(&format!(" {bad}")) || *l == bad),
                "ts{i}: a line ends in {bad:?}: {lines:?}"
            );
        }
        // (A long name may still break after its head noun, "Avdelningen / för kultur
        // och bildning", as after a comma: not inside what follows the short word.)
        for kept in [
            "för säkerhet och beredskap",
            "för hälso- och sjukvård",
            "Örebro läns flygplats AB",
            "för kultur och bildning",
        ] {
            assert!(text.contains(kept), "ts{i}: {kept:?} broken: {text}");
        }
    }
}

/// A compound longer than a title's line ("Läkemedelsförmånskostnadsuppföljning" in
/// Örebro's large sans serif) is hyphenated, not printed past the margin; a shorter
/// one in a title is never hyphenated only to balance the lines.
#[test]
fn a_title_word_wider_than_the_line_is_hyphenated_not_printed_over_the_edge() {
    let p = Project::new();
    p.write(
        "content/ts.yaml",
        &tjanst("profil: region-orebro\n")
            .replace("diarienummer: HSN/17/2024", "diarienummer: 24RS17")
            .replace(
                "rubrik: Provärende om bänkar i väntrummet",
                "rubrik: Läkemedelsförmånskostnadsuppföljning 2024 och ambulanshelikoptertjänst",
            ),
    );
    p.run(&["build"]).ok();
    let pdf = p.path().join("out/ts.pdf");
    let past = words_past_the_margin(&pdf);
    assert!(past.is_empty(), "past the margin: {past:?}");
    let text = pdf_text(&pdf);
    assert!(text.contains("ambulanshelikoptertjänst"), "{text}");
}

/// No line of any PDF of the project ends inside a number with its unit, a date or a
/// range: a line ending in digits is never followed by one starting with a month or a
/// unit; none ends in an en dash after digits or in "§" before a number. (Table cells
/// are read as lines too, so a group of three digits is not checked here: the unit
/// test of `markup::KEPT_TOGETHER` covers it.)
/// No protokollsutdrag has its attestation on a page that begins with its closing: the
/// recipients ("Beslutet skickas till"), the attestation ("Rätt utdraget intygar") or
/// the notes after the decision ("Reservationer", "Protokollsanteckningar") with nothing
/// of the decision before them (the issue's near-empty closing page; set 4's § 307 and
/// set 5's §§ 186 and 331 had one; spec: the attestation is "kept on the page with the
/// end of the decision", review 21's utdrag-24 and -28). A written reservation placed
/// after the paragraph is a page of its own by design.
fn assert_no_utdrag_ends_on_its_closing_alone(p: &Project) {
    for f in p.pdfs().into_iter().filter(|f| f.contains("utdrag")) {
        let pdf = p.path().join(&f);
        // The page of the attestation (reservation bilagor may follow it).
        for n in pages_with(&pdf, "Rätt utdraget intygar") {
            if n == 1 {
                continue;
            }
            let text = page_text(&pdf, n);
            // The body begins after the running header and page number ("… 2 (2)").
            let first = first_body_line(&text);
            assert!(
                ![
                    "Beslutet skickas till",
                    "Rätt utdraget intygar",
                    "Reservationer",
                    "Protokollsanteckningar"
                ]
                .iter()
                .any(|label| first.starts_with(label)),
                "{f}: page {n} holds the attestation without the end of the decision:\n{text}"
            );
        }
    }
}

/// A page of a tjänsteskrivelse (alone or in the pack) begins with its closing lists
/// ("Beslutsunderlag", "Bilagor", "Skickas till") only after a page that the text, the
/// decision and the signatures fill to 60 % of the page height at least (`body_reach`,
/// the top margin included): short lists go over
/// with the signatures or the text's short last paragraph where the page before has
/// room for little more (review 7: eight pages of the fifth set's pack held the lists
/// alone; review 17: a last page of lists after a page at 87 %), and the lists go over
/// alone, the signatures staying under the text, where keeping them together left
/// three tenths of the page before empty (reviews 18 and 19: pages at 54–59 %).
fn assert_no_closing_lists_alone(p: &Project) {
    const LISTS: &[&str] = &["Beslutsunderlag", "Bilagor", "Skickas till", "Utdrag till"];
    let mut seen = 0;
    for f in p.pdfs() {
        if !(f.contains("arenden/") || f.ends_with("-handlingar.pdf")) {
            continue;
        }
        let pdf = p.path().join(&f);
        let reach = body_reach(&pdf);
        for n in 2..=page_count(&pdf) {
            let text = page_text(&pdf, n);
            let first = first_body_line(&text);
            seen += 1;
            assert!(
                !LISTS.contains(&first) || reach[n - 2] >= 0.6,
                "{f}: page {n} begins with the closing lists after a page at {:.0} %:\n{text}",
                reach[n - 2] * 100.0
            );
        }
    }
    assert!(seen > 20, "only {seen} pages looked at");
}

fn assert_nothing_split_at_line_ends(p: &Project) {
    const UNITS: &[&str] = &["kronor", "kr", "mkr", "mnkr", "procent", "%", "§", "kap."];
    for f in p.pdfs() {
        let text = pdf_text(&p.path().join(&f));
        let lines: Vec<&str> = text.lines().map(str::trim).collect();
        for pair in lines.windows(2) {
            let (a, b) = (pair[0], pair[1]);
            let first = b.split(' ').next().unwrap_or("");
            // "§ 143" beginning a line is a reference of its own, not "16" / "§".
            let reference = first == "§"
                && b.split(' ')
                    .nth(1)
                    .is_some_and(|w| w.starts_with(|c: char| c.is_ascii_digit()));
            if a.ends_with(|c: char| c.is_ascii_digit()) && !a.ends_with('.') && !reference {
                assert!(
                    !(MONTHS.contains(&first) || UNITS.contains(&first)),
                    "{f}: broken at a line end: {a:?} / {b:?}"
                );
            }
            let section_sign = a.ends_with(" §") || a.ends_with(" §§") || a == "§" || a == "§§";
            assert!(
                !(section_sign && b.starts_with(|c: char| c.is_ascii_digit())),
                "{f}: a paragraph reference broken at a line end: {a:?} / {b:?}"
            );
            let dash = a
                .strip_suffix('–')
                .is_some_and(|x| x.ends_with(|c: char| c.is_ascii_digit()));
            assert!(!dash, "{f}: a range broken at a line end: {a:?} / {b:?}");
        }
    }
}

/// The fourth held-out review (tests/fixtures/held-out-4, Region Örebro län's style: a
/// meeting of 30 items of which 22 are only a title, two votes, ärenden with 15
/// att-satser, compounds of 41 letters and Markdown tables), read after the fixes:
/// - the kallelse's last page holds at least the last four agenda items (it held
///   "29. Övriga frågor" and "30. Avslutning" alone);
/// - no word of kansli's own pages is printed past the margin;
/// - nothing is broken at a line end inside a date, a number with its unit, a range.
#[test]
fn the_fourth_held_out_set_reads_as_fixed() {
    let p = built_fixture("held-out-4");
    assert_no_utdrag_ends_on_its_closing_alone(&p);
    let out = p.path().join("out");

    let kallelse = out.join("sammantraden/rs-2025-11-25-kallelse.pdf");
    let last = page_text(&kallelse, page_count(&kallelse));
    let items = last
        .lines()
        .map(str::trim)
        .filter(|l| {
            let digits = l.chars().take_while(char::is_ascii_digit).count();
            digits > 0 && l[digits..].starts_with('.')
        })
        .count();
    assert!(items >= 4, "the last page of the kallelse:\n{last}");

    for f in p.pdfs() {
        // Placed pages (bilagor in a pack, a written reservation after the protokoll)
        // have narrower margins and someone else's layout.
        if f.contains("handlingar") {
            continue;
        }
        let pdf = p.path().join(&f);
        let past: Vec<_> = words_past_the_margin(&pdf)
            .into_iter()
            .filter(|(page, _)| {
                !page_text(&pdf, *page)
                    .lines()
                    .take(3)
                    .any(|l| l.trim_start().starts_with("Bilaga "))
            })
            .collect();
        assert!(past.is_empty(), "{f}: past the margin: {past:?}");
    }
    assert_nothing_split_at_line_ends(&p);
}

/// The fifth held-out review (tests/fixtures/held-out-5: a meeting where every
/// paragraph has yrkanden, reservations and votes, and an extra meeting with omedelbar
/// justering): no decision is split across pages in the protokoll or an utdrag. A
/// decision starts at the line ending in "beslutar"; when the page ends before any
/// closing part (reservations, recipients, the attestation) or the next §, the next
/// page must begin with such a part, not with the rest of the decision (the fourth
/// review's layout split 12 decisions so).
#[test]
fn the_fifth_held_out_set_splits_no_decision() {
    let p = built_fixture("held-out-5");
    assert_no_utdrag_ends_on_its_closing_alone(&p);
    assert_no_closing_lists_alone(&p);
    const CLOSING: &[&str] = &[
        "Reservationer",
        "Beslutet skickas till",
        "Rätt utdraget intygar",
        "Protokollsanteckningar",
        "Paragrafen justeras omedelbart",
        "Bilaga",
        "§",
    ];
    let closing = |l: &str| CLOSING.iter().any(|c| l.starts_with(c));
    let mut checked = 0;
    for f in p.pdfs() {
        if !(f.contains("utdrag") || f.contains("protokoll")) {
            continue;
        }
        let pdf = p.path().join(&f);
        let pages: Vec<Vec<String>> = (1..=page_count(&pdf))
            .map(|n| {
                page_text(&pdf, n)
                    .lines()
                    .map(|l| l.trim().to_string())
                    .filter(|l| !l.is_empty())
                    .collect()
            })
            .collect();
        // Every decision the documents hold is seen (the last page's too).
        checked += pages
            .iter()
            .flatten()
            .filter(|l| l.ends_with(" beslutar"))
            .count();
        for (i, lines) in pages.iter().enumerate().take(pages.len() - 1) {
            let Some(lead) = lines.iter().rposition(|l| l.ends_with(" beslutar")) else {
                continue;
            };
            if lines[lead + 1..].iter().any(|l| closing(l)) {
                continue;
            }
            // The next page's body begins after the running header ("Region Örebro
            // län · … 2 (3)"; the page number may be a line of its own).
            let first = pages[i + 1]
                .iter()
                .find(|l| !is_running_line(l))
                .map_or("", String::as_str);
            assert!(
                closing(first),
                "{f}: the decision on page {} goes on on page {}: {first:?}",
                i + 1,
                i + 2
            );
        }
    }
    assert!(checked >= 16, "only {checked} decisions found");

    // Voteringslistor of up to twelve names (all of this set's) are split only under
    // "Omröstning (forts.)" (where whole they would leave a third of a page empty:
    // review 22): the header row ("Namn Parti Röst") is printed once per vote, and
    // again only under that label.
    for f in p.pdfs() {
        if !(f.contains("utdrag") || f.contains("protokoll")) {
            continue;
        }
        let raw = pdf_text_raw(&p.path().join(&f));
        let votes =
            raw.matches("Omröstning begärs").count() + raw.matches("Votering begärs").count();
        let headers = raw
            .lines()
            .filter(|l| l.trim() == "Namn Parti Röst")
            .count();
        let continued = raw.matches("Omröstning (forts.)").count();
        assert!(
            headers <= votes.max(1) + continued && (votes == 0 || headers > 0),
            "{f}: {headers} header rows for {votes} votes"
        );
    }
}

/// A kallelse to an extra meeting of one item fits on its first page: a nämnd's list of
/// nine ledamöter is set in two columns (review 7: the Örebro one ran to two pages, the
/// föredragningslista alone on the second). Every name is still in the text layer.
#[test]
fn a_one_item_kallelse_with_nine_ledamoter_is_one_page() {
    let p = built_fixture("held-out-5");
    let pdf = p
        .path()
        .join("out/sammantraden/rs-2025-12-02-extra-kallelse.pdf");
    assert_eq!(page_count(&pdf), 1, "{}", pdf_text(&pdf));
    let text = pdf_text(&pdf);
    for name in [
        "Therese Kristiansson (S)",
        "Ulrika Bäckström (L)",
        "Linda Eklund (M)",
    ] {
        assert!(text.contains(name), "{name} saknas:\n{text}");
    }
    assert!(text.contains("Föredragningslista"));
}

/// The eighth held-out set (tests/fixtures/held-out-8, both house styles: a large
/// nämnd of 17 ledamöter, 13 items, votes of 9 and 17, 12 recipients) as its review
/// found it and as it was fixed:
/// - no utdrag ends on a page of its recipients and attestation alone (4 of 7 Örebro
///   utdrag did, § 19 on a page of 12 recipients);
/// - no tjänsteskrivelse's closing lists begin a page alone (Örebro § 16 p2, pack p7
///   and p12);
/// - in the pack, the kallelse's last item ("13. Meddelanden", tied to what followed
///   it) no longer stands alone above the contents on their page;
/// - a kallelse's 17 ledamöter are set in two columns;
/// - a table's or a voteringslista's continuation holds at least four rows (Örebro's
///   Tabell 1 went on with two rows and the sum, § 19's list with three names);
/// - a Markdown table's headers are not hyphenated where a smaller size fits them
///   ("Kostnadstäck-ning");
/// - no line ends in a suspended hyphen ("Post-" / "och telestyrelsen");
/// - a title of 200 characters is set smaller, alike alone and in the pack.
#[test]
fn the_eighth_held_out_set_reads_as_fixed() {
    let p = built_fixture("held-out-8");
    let mut continued = 0;
    for f in p.pdfs() {
        let pdf = p.path().join(&f);
        for n in 2..=page_count(&pdf) {
            let text = page_text(&pdf, n);
            let lines: Vec<&str> = text.lines().map(str::trim).collect();
            // A report table's continuation: the rows' labels follow its header cell.
            if let Some(at) = lines
                .iter()
                .position(|l| l.contains("(forts.)") && l.starts_with("Tabell "))
            {
                let rows = lines[at + 2..].iter().take_while(|l| !l.is_empty()).count();
                continued += 1;
                assert!(
                    rows >= 4,
                    "{f}: page {n}, a table goes on with {rows} rows:\n{text}"
                );
            }
            // A voteringslista's continuation: the names under the repeated header.
            if lines.iter().take(4).any(|l| *l == "Namn") {
                let at = lines.iter().position(|l| *l == "Namn").unwrap();
                let rows = lines[at + 1..].iter().take_while(|l| !l.is_empty()).count();
                continued += 1;
                assert!(
                    rows >= 4,
                    "{f}: page {n}, a vote goes on with {rows} names:\n{text}"
                );
            }
        }
        let raw = pdf_text_raw(&pdf);
        assert!(
            !raw.lines().any(|l| l.trim_end().ends_with("Post-")),
            "{f}: a line ends in \"Post-\""
        );
    }
    assert!(
        continued >= 4,
        "only {continued} continued tables and votes"
    );
    // A title of 200 characters is set a step smaller (it took seven lines, a quarter
    // of the page, and pushed the closing lists onto a page of their own), the same in
    // the pack as in the document itself.
    for profile in ["jh", "orebro"] {
        let own = p
            .path()
            .join(format!("out/{profile}/arenden/ts-remiss-sou-2025-87.pdf"));
        if profile == "jh" {
            assert_eq!(page_count(&own), 1, "{}", pdf_text(&own));
        }
        let pack = p.path().join(format!(
            "out/{profile}/sammantraden/run-2026-02-18-handlingar.pdf"
        ));
        let at = (1..=page_count(&pack))
            .find(|&n| {
                let t = page_text(&pack, n);
                t.contains("TJÄNSTESKRIVELSE") && t.contains("SOU 2025:87")
            })
            .expect("remissen i handlingarna");
        assert_laid_out_as_in_pack(&own, &pack, at, &format!("{profile}: remissen"));
    }
    let md = pdf_text_raw(
        &p.path()
            .join("out/orebro/arenden/ts-trafikforsorjningsprogram.pdf"),
    );
    assert!(
        md.contains("Kostnadstäckning") && md.contains("Förändring"),
        "{md}"
    );
    assert_no_utdrag_ends_on_its_closing_alone(&p);
    assert_no_closing_lists_alone(&p);
    for profile in ["jh", "orebro"] {
        let pack = p.path().join(format!(
            "out/{profile}/sammantraden/run-2026-02-18-handlingar.pdf"
        ));
        let n = (1..=page_count(&pack))
            .find(|&n| page_text(&pack, n).lines().any(|l| l.trim() == "Innehåll"))
            .expect("innehållsförteckning");
        let text = page_text(&pack, n);
        // Agenda items above the contents on its page: none, or more than the last.
        let before = text.split("Innehåll").next().unwrap_or("");
        let items = before
            .lines()
            .filter(|l| {
                let l = l.trim();
                l.ends_with('.')
                    && l.len() > 1
                    && l[..l.len() - 1].chars().all(|c| c.is_ascii_digit())
            })
            .count();
        assert!(
            items != 1,
            "{profile}: sidan {n} börjar med kallelsens sista punkt ensam:\n{text}"
        );

        let kallelse = p.path().join(format!(
            "out/{profile}/sammantraden/run-2026-02-18-kallelse.pdf"
        ));
        let html = poppler(
            "pdftotext",
            &[
                "-bbox",
                "-f",
                "1",
                "-l",
                "1",
                kallelse.to_str().unwrap(),
                "-",
            ],
        );
        let x = html
            .lines()
            .find(|l| l.contains(">Haddad<"))
            .and_then(|l| l.split("xMin=\"").nth(1))
            .and_then(|v| v.split('"').next())
            .and_then(|v| v.parse::<f64>().ok())
            .unwrap_or_else(|| panic!("{profile}: Amira Haddad saknas på sidan 1"));
        assert!(
            x > 595.0 / 2.0,
            "{profile}: ledamöterna står i en spalt (x = {x})"
        );
    }
}

/// The labels of a meeting document's head ("Sammanträdesdatum", "Tid", "Plats"; set
/// smaller, in the heading face) stand on the baseline of their values (top-aligned,
/// they sat 0,5 pt higher in Jämtland's face and more in Örebro's). Read with PyMuPDF,
/// which gives each span's baseline.
#[test]
fn head_labels_share_the_baseline_of_their_values() {
    let Some(python) = tool_python(
        "KANSLI_LAYOUT_PYTHON",
        "pymupdf",
        "KANSLI_KRAV_LAYOUT",
        "layoutcheck",
    ) else {
        return;
    };
    let jh = Project::with_bundled_content();
    jh.run(&["build", "-q"]).ok();
    let orebro = Project::new();
    copy_dir(
        &repo_root().join("tests/fixtures/held-out-5"),
        orebro.path(),
    );
    orebro.run(&["build", "-q"]).ok();
    let pdfs = [
        jh.path()
            .join("out/region-jh/sammantraden/hsn-2024-12-18-kallelse.pdf"),
        jh.path()
            .join("out/region-jh/sammantraden/hsn-2024-12-18-protokoll.pdf"),
        orebro
            .path()
            .join("out/sammantraden/rs-2025-12-02-extra-kallelse.pdf"),
        orebro
            .path()
            .join("out/sammantraden/rs-2025-12-02-extra-protokoll.pdf"),
    ];
    const SCRIPT: &str = r#"
import sys, pymupdf
for path in sys.argv[1:]:
    spans = [s for b in pymupdf.open(path)[0].get_text("dict")["blocks"]
             for l in b.get("lines", []) for s in l["spans"] if s["text"].strip()]
    for s in spans:
        x, y = s["origin"]
        if s["text"].strip() in ("Sammanträdesdatum", "Tid", "Plats", "Sekreterare"):
            values = [v for v in spans if v["origin"][0] > x + 60 and abs(v["origin"][1] - y) < 4]
            for v in values:
                print(f"{s['text'].strip()}\t{v['text'][:30]}\t{v['origin'][1] - y:.2f}")
"#;
    let report = python_script(&python, SCRIPT, &pdfs);
    let pairs: Vec<(&str, f64)> = report
        .lines()
        .filter_map(|l| {
            let mut f = l.split('\t');
            let label = f.next()?;
            Some((label, f.nth(1)?.parse().ok()?))
        })
        .collect();
    assert!(pairs.len() >= 8, "too few label/value pairs:\n{report}");
    for (label, diff) in &pairs {
        assert!(
            diff.abs() < 0.1,
            "{label}: {diff} pt off its value's baseline\n{report}"
        );
    }
}

/// The ninth held-out set (tests/fixtures/held-out-9, both house styles: a nämnd of 19
/// ledamöter and 11 ersättare, a secret item, 14 items, a one-item extra meeting; its
/// bilagor are simplified copies with the same pages) as its review found it and as
/// it was fixed:
/// - the one-item extra kallelse is one page: the lists of names are set smaller when
///   that keeps it to one page (its agenda stood alone on page 2, in three reviews);
/// - a Markdown table of ten rows is not split (7/3);
/// - the pack's last page does not hold its last item alone after the rapport;
/// - no title line ends in "i", no line in "(F-", no value of the anslag in one word
///   ("län"), and one justerare is "justeraren".
#[test]
fn the_ninth_held_out_set_reads_as_fixed() {
    let p = built_fixture("held-out-9");
    let out = p.path().join("out");
    for profile in ["jh", "orebro"] {
        let kallelse = out.join(format!(
            "{profile}/sammantraden/ptn-2026-05-06-extra-kallelse.pdf"
        ));
        assert_eq!(
            page_count(&kallelse),
            1,
            "{profile}: {}",
            pdf_text(&kallelse)
        );
        let text = pdf_text(&kallelse);
        for name in [
            "Birgitta Lövgren (S)",
            "Ingrid Svedberg (M)",
            "Föredragningslista",
        ] {
            assert!(text.contains(name), "{profile}: {name} saknas:\n{text}");
        }

        // The ten rows of the Markdown table on one page, or (since session 42, review
        // 37's M1: kept whole with its heading and lead, such a table left a fifth of
        // p1 empty) broken with at least four rows on each side, never 7/3 as review 9
        // saw it, the header row repeated above the rest.
        let ts = out.join(format!(
            "{profile}/arenden/ts-antibiotika-handlingsplan.pdf"
        ));
        let pages: Vec<String> = (1..=page_count(&ts)).map(|n| page_text(&ts, n)).collect();
        let rows: [&str; 10] = if profile == "jh" {
            [
                "Lugnvik",
                "Odenslund",
                "Z-gränd",
                "Brunflo",
                "Krokom",
                "Hammarstrand",
                "Strömsund",
                "Hoting",
                "Järpen",
                "Åre",
            ]
        } else {
            [
                "Brickebacken",
                "Tybble",
                "Varberga",
                "Vivalla",
                "Lillån",
                "Mikaelsgården",
                "Wilhelmsgården",
                "Adolfsberg",
                "Eyra",
                "Hallsberg",
            ]
        };
        // (A row's name as a line of its own: the recipients name the same places.)
        let has = |page: &str, row: &str| page.lines().any(|l| l.trim() == row);
        let first = pages.iter().position(|t| has(t, rows[0])).expect(rows[0]);
        let here = rows.iter().filter(|r| has(&pages[first], r)).count();
        if here < rows.len() {
            let next = &pages[first + 1];
            assert!(
                here >= 4 && rows.iter().filter(|r| has(next, r)).count() == rows.len() - here,
                "{profile}: tabellen delas {here}/{}:\n{}\n{next}",
                rows.len() - here,
                pages[first]
            );
            assert_eq!(first_body_line(next), "Vårdcentral", "{profile}:\n{next}");
        }
        // The title's "i" begins its line.
        assert!(
            pages[0]
                .lines()
                .any(|l| l.trim().starts_with("i primärvården")),
            "{profile}:\n{}",
            pages[0]
        );

        // A list of more than twelve recipients that fit a third of the line is set
        // in three columns: Örebro's § 48 utdrag (two att-satser, 20 recipients)
        // went onto a second page with them in ten rows (review 15's kind: utdrag-209).
        let u = out.join(format!(
            "{profile}/sammantraden/ptn-2026-04-22-utdrag-48.pdf"
        ));
        if profile == "orebro" {
            assert_eq!(page_count(&u), 1);
            let words = page_words(&u, 1);
            let top = |word: &str| words.iter().find(|w| w.0 == word).map(|w| w.2);
            let (first, third) = (top("Smittskyddsläkare"), top("Degerfors"));
            assert!(
                first.is_some() && first == third,
                "the first row holds three recipients: {first:?} {third:?}"
            );
        }

        let pack = out.join(format!(
            "{profile}/sammantraden/ptn-2026-04-22-handlingar.pdf"
        ));
        let last = page_text(&pack, page_count(&pack));
        let lines = last.lines().filter(|l| !l.trim().is_empty()).count();
        assert!(
            lines > 12,
            "{profile}: the pack's last page holds {lines} lines:\n{last}"
        );

        for f in p
            .pdfs()
            .iter()
            .filter(|f| f.contains(&format!("{profile}/")))
        {
            let text = pdf_text(&p.path().join(f));
            assert!(
                !text.lines().any(|l| l.trim_end().ends_with("(F-")),
                "{f}: \"(F-\" at a line end"
            );
        }
        let anslag =
            pdf_text(&out.join(format!("{profile}/sammantraden/ptn-2026-04-22-anslag.pdf")));
        assert!(
            !anslag.lines().any(|l| l.trim() == "län"),
            "{profile}: {anslag}"
        );
    }
    // The extra meeting's pack: its kallelse is tightened only when the contents fit
    // after it too (tightened alone, it left "Innehåll" on a page of its own).
    for profile in ["jh", "orebro"] {
        let pack = out.join(format!(
            "{profile}/sammantraden/ptn-2026-05-06-extra-handlingar.pdf"
        ));
        let n = (1..=page_count(&pack))
            .find(|&n| page_text(&pack, n).lines().any(|l| l.trim() == "Innehåll"))
            .expect("Innehåll");
        let text = page_text(&pack, n);
        let lines = text.lines().filter(|l| !l.trim().is_empty()).count();
        assert!(
            lines > 8,
            "{profile}: page {n} holds the contents alone:\n{text}"
        );
    }
    // § 47's utdrag: the paragraph on two pages and the written reservation on a third
    // (its closing missed the second page by a few points and made a page of its own).
    let u47 = out.join("jh/sammantraden/ptn-2026-04-22-utdrag-47.pdf");
    assert_eq!(page_count(&u47), 3, "{}", pdf_text(&u47));
    let protokoll = pdf_text(&out.join("jh/sammantraden/ptn-2026-05-06-extra-protokoll.pdf"));
    assert!(
        squash(&protokoll).contains(&squash("ordföranden och justeraren skriver under")),
        "{protokoll}"
    );
}

/// The tenth held-out set (tests/fixtures/held-out-10, both house styles: a nämnd of
/// 21, votes of 9, 13 and 21 names, a rapport with tables of 12 and 13 rows with a
/// sum; bilagor simplified) as its review found it and as it was fixed:
/// - tables of up to sixteen rows are not split, in the pack either (12 + sum split
///   5/8, 13 + sum 10/4); only the 45-row table goes on with "(forts.)";
/// - a voteringslista of up to fifteen names is whole, a longer one keeps at least
///   five names on each side of a break (3/18 and 8/5 before);
/// - a short paragraph before a Markdown table goes with it (it and its heading were
///   left at a page foot);
/// - the anslag's text does not end in one word ("län.");
/// - an utdrag keeps the protokoll's number of its bilaga ("bilaga 2" in both: review
///   60's 13; review 10 had it renumbered from 1);
/// - the protokoll separates recipients alike in every § (commas, then semicolons).
#[test]
fn the_tenth_held_out_set_reads_as_fixed() {
    let p = built_fixture("held-out-10");
    let out = p.path().join("out");
    let mut votes = 0;
    for f in p.pdfs() {
        let pdf = p.path().join(&f);
        let text = pdf_text(&pdf);
        for l in text.lines().map(str::trim) {
            if l.starts_with("Tabell ") && l.ends_with("(forts.)") {
                assert!(l.starts_with("Tabell 5."), "{f}: {l}");
            }
        }
        if f.contains("protokoll") || f.contains("utdrag") {
            for n in 1..=page_count(&pdf) {
                let page = page_text(&pdf, n);
                for rows in vote_list_rows(&page) {
                    votes += 1;
                    assert!(
                        rows >= 5,
                        "{f}: page {n}, a voteringslista of {rows} names:\n{page}"
                    );
                }
            }
        }
        if f.contains("anslag") && f.ends_with(".pdf") {
            assert!(!text.lines().any(|l| l.trim() == "län."), "{f}:\n{text}");
        }
    }
    assert!(votes >= 6, "only {votes} voteringslistor seen");
    // A meeting whose one paragraph was justerad omedelbart has that paragraph's anslag
    // only (a second anslag named it with a later last day for appeal).
    for profile in ["jh", "orebro"] {
        let dir = out.join(format!("{profile}/sammantraden"));
        assert!(dir.join("ktn-2026-06-03-extra-anslag-23.pdf").is_file());
        // Its pack leaves no short contents alone on a page: when the kallelse fills
        // its first page, the agenda goes over with the contents.
        let pack = dir.join("ktn-2026-06-03-extra-handlingar.pdf");
        let n = (1..=page_count(&pack))
            .find(|&n| page_text(&pack, n).lines().any(|l| l.trim() == "Innehåll"))
            .expect("Innehåll");
        let text = page_text(&pack, n);
        let lines = text.lines().filter(|l| !l.trim().is_empty()).count();
        assert!(
            lines > 8,
            "{profile}: page {n} holds the contents alone:\n{text}"
        );
        assert!(!dir.join("ktn-2026-06-03-extra-anslag.pdf").exists());
    }
    // The utdrag of § 66 keeps the protokoll's number of its reservation, 2, in the
    // text and on the bilaga, word for word.
    let u66 = squash(&pdf_text(
        &out.join("jh/sammantraden/run-2026-05-20-utdrag-66.pdf"),
    ));
    assert!(
        u66.contains(&squash("Reservationen bifogas (bilaga 2)")),
        "{u66}"
    );
    assert!(
        u66.contains(&squash(
            "Bilaga 2. Reservation från Fredrik Lindqvist (M), § 66"
        )) && !u66.contains(&squash("Bilaga 1.")),
        "{u66}"
    );
    // One separator for the recipients throughout the protokoll: semicolons, since one
    // recipient ("Klimatklivet, Naturvårdsverket") has a comma of its own.
    let prot_text = pdf_text(&out.join("jh/sammantraden/run-2026-05-20-protokoll.pdf"));
    let lines: Vec<&str> = prot_text
        .lines()
        .filter(|l| l.starts_with("Beslutet skickas till:"))
        .collect();
    assert!(lines.len() >= 4, "{prot_text}");
    // (A line of one recipient has no separator.)
    for l in lines.iter().filter(|l| l.contains(',') || l.contains(';')) {
        assert!(
            l.contains("; "),
            "commas where the protokoll uses semicolons: {l}"
        );
    }
    let prot = squash(&prot_text);
    assert!(
        prot.contains(&squash(
            "Bilaga 2. Reservation från Fredrik Lindqvist (M), § 66"
        )),
        "{prot}"
    );
    let ts = out.join("jh/arenden/ts-besoksnaring-handlingsplan.pdf");
    let page = (1..=page_count(&ts))
        .map(|n| page_text(&ts, n))
        .find(|t| t.contains("Tabellen visar kommersiella"))
        .expect("tabellens inledning");
    assert!(
        page.contains("Östersund"),
        "the table's lead stands apart:\n{page}"
    );
}

/// The eleventh held-out set (tests/fixtures/held-out-11, both house styles: nämnder of
/// 7 and 25, meetings of 6 to 25 items, 22 recipients, a vote of 25; bilagor
/// simplified) as its review found it and as it was fixed:
/// - a list of 22 recipients never reads out of order (in two columns across pages it
///   read 1–9, 12–20, 10–11, 21–22): in the protokoll it is read row by row and
///   breaks between rows, two at least on either side;
/// - a voteringslista of 25 keeps at least eight names before a break (5/20);
/// - a one-paragraph meeting justerad omedelbart has one anslag, not two with
///   different last days for appeal;
/// - a § heading with a one-line sammanfattning does not end a page above its
///   decision.
#[test]
fn the_eleventh_held_out_set_reads_as_fixed() {
    let p = built_fixture("held-out-11");
    let out = p.path().join("out");
    // In the protokoll a beslutsunderlag of one or two lines never ends a page with its
    // label (Örebro p8 ended "Beslutsunderlag" and two lines, § 210's decision
    // overleaf): it goes over with what follows it.
    for profile in ["jh", "orebro"] {
        let prot = out.join(format!(
            "{profile}/sammantraden/fkn-2026-09-16-protokoll.pdf"
        ));
        for n in 1..page_count(&prot) {
            let text = page_text(&prot, n);
            let lines: Vec<&str> = text
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .collect();
            let tail = &lines[lines.len().saturating_sub(3)..];
            assert!(
                !tail.contains(&"Beslutsunderlag"),
                "{profile}: p{n} ends with a beslutsunderlag:\n{text}"
            );
        }
    }
    for profile in ["jh", "orebro"] {
        let dir = out.join(format!("{profile}/sammantraden"));
        // § 210's 22 recipients are never split out of order: in the protokoll a list
        // of more than ten is read row by row and may break between rows, with at
        // least two rows on either side (the last four names together, on the page
        // of "Redovisningsenheten" or the one after it).
        let prot = dir.join("fkn-2026-09-16-protokoll.pdf");
        let on = |name: &str| {
            (1..=page_count(&prot))
                .find(|&n| page_text(&prot, n).contains(name))
                .expect(name)
        };
        let last = on("Folkbildningsförbundet");
        let page = page_text(&prot, last);
        for name in ["Kommunikationsenheten", "Regiondirektör", "Länsstyrelsen"] {
            assert!(
                page.contains(name),
                "{profile}: {name} parted from the last row:\n{page}"
            );
        }
        let before = on("Redovisningsenheten");
        assert!(
            before == last || before + 1 == last,
            "{profile}: pages {before}, {last}"
        );

        for f in p.pdfs().iter().filter(|f| {
            f.contains(&format!("{profile}/")) && (f.contains("protokoll") || f.contains("utdrag"))
        }) {
            let pdf = p.path().join(f);
            for n in 1..=page_count(&pdf) {
                let text = page_text(&pdf, n);
                let lines: Vec<&str> = text.lines().map(str::trim).collect();
                for (i, _) in lines.iter().enumerate().filter(|(_, l)| **l == "Namn") {
                    let rows = lines[i + 1..].iter().take_while(|l| !l.is_empty()).count();
                    assert!(rows >= 5, "{f}: page {n}, {rows} names:\n{text}");
                    // Before a break (no result on the page after the list): eight.
                    let rest = lines[i + 1 + rows..].join(" ");
                    if !rest.contains(" beslutar ") && rows < 8 && n < page_count(&pdf) {
                        let next = page_text(&pdf, n + 1);
                        assert!(
                            !next.lines().take(6).any(|l| l.trim() == "Namn"),
                            "{f}: page {n} ends a voteringslista after {rows} names"
                        );
                    }
                }
            }
        }

        // § 44's heading and its one-line sammanfattning stay with its decision.
        let pan = dir.join("pan-2026-10-07-protokoll.pdf");
        let page = (1..=page_count(&pan))
            .map(|n| page_text(&pan, n))
            .find(|t| t.contains("§ 44"))
            .expect("§ 44");
        assert!(
            page.contains("psykiatriförvaltningen"),
            "{profile}: § 44 ends a page above its decision:\n{page}"
        );
        // The protokoll justerat on the meeting day, its one paragraph justerad
        // omedelbart: one anslag, the protokoll's (see set 19's test).
        let anslag = dir.join("kln-2026-08-20-extra-anslag.pdf");
        let text = squash(&pdf_text_raw(&anslag));
        assert!(
            text.contains(&squash("Paragrafer § 5")),
            "{profile}: {text}"
        );
        assert!(!dir.join("kln-2026-08-20-extra-anslag-5.pdf").exists());
    }
}

/// Review 12 (set 12, both house styles).
#[test]
fn the_twelfth_held_out_set_reads_as_fixed() {
    let p = built_fixture("held-out-12");
    assert_no_title_past_the_margin(&p);
    let out = p.path().join("out");
    // § 91's heading and one-line sammanfattning stay at p3's foot, its decision
    // overleaf: kept whole, p3 was left two fifths empty (the review of session 52's
    // diff), where one line under a heading is the lesser fault.
    let prot = out.join("orebro/sammantraden/ktn-2026-10-20-protokoll.pdf");
    let p3 = page_text(&prot, 3);
    assert!(
        p3.contains("§ 91") && !p3.contains("fastställa egenavgifter"),
        "{p3}"
    );
    // A protokoll's last paragraph of only a short decision ("§ 167 Meddelanden",
    // "Beslut", one line) never makes its last page alone: the paragraph before it
    // goes with it (a layout with a longer vote list put § 167 alone on p11).
    for profile in ["jh", "orebro"] {
        let prot = out.join(format!(
            "{profile}/sammantraden/run-2026-10-14-protokoll.pdf"
        ));
        let n = (1..=page_count(&prot))
            .find(|&n| page_text(&prot, n).contains("§ 167"))
            .expect("§ 167");
        let text = page_text(&prot, n);
        assert!(text.contains("§ 166"), "{profile}: p{n}:\n{text}");
    }
    for profile in ["jh", "orebro"] {
        let dir = out.join(format!("{profile}/sammantraden"));
        // An utdrag whose short decision, notes, recipients and attestation do not fit
        // its first page: the decision goes over with them, so that the attestation
        // stands on the page where the decision ends (spec). (Reviews 12–19 had the
        // decision stay on p1, whole, and what follows it go over, p1 ending at 50–64 %
        // otherwise; review 21 read that as the attestation parted from its decision.)
        // (In Jämtland's both are now set closer, a second step, and are one page:
        // review 22.)
        for file in [
            "run-2026-10-14-utdrag-155.pdf",
            "ktn-2026-10-20-utdrag-89.pdf",
        ] {
            let pdf = dir.join(file);
            if profile == "jh" {
                assert_eq!(page_count(&pdf), 1, "{profile} {file}");
                continue;
            }
            assert_eq!(page_count(&pdf), 2, "{profile} {file}");
            let second = page_text(&pdf, 2);
            // (The decision whole, or its last points: § 89's broke 3/2.)
            let first = first_body_line(&second);
            assert!(
                first == "Beslut" || first == "att" || first.starts_with("att "),
                "{profile} {file}: p2\n{second}"
            );
            assert!(second.contains("Rätt utdraget intygar"), "{profile} {file}");
        }
    }
    // No page of a protokoll opens with its recipients' label (Örebro § 156: sixteen
    // recipients moved whole to p6, away from their decision; reviews 10–12).
    for profile in ["jh", "orebro"] {
        for f in [
            "run-2026-10-14-protokoll.pdf",
            "ktn-2026-10-20-protokoll.pdf",
        ] {
            let pdf = out.join(format!("{profile}/sammantraden/{f}"));
            for n in 2..=page_count(&pdf) {
                let text = page_text(&pdf, n);
                assert!(
                    !first_body_line(&text).starts_with("Beslutet skickas till"),
                    "{profile} {f}: page {n} opens with the recipients:\n{text}"
                );
            }
        }
    }
    // The rapport's small "Arbetsmarknad" (three short sub-sections) before its short
    // last section is whole: it broke after two of them, and "Unga" opened the next
    // pack page with "Framåtblick" and the next agenda item.
    for profile in ["jh", "orebro"] {
        for f in [
            "rapporter/regional-utvecklingsrapport-2026.pdf",
            "sammantraden/run-2026-10-14-handlingar.pdf",
        ] {
            let pdf = out.join(format!("{profile}/{f}"));
            let page = (1..=page_count(&pdf))
                .map(|n| page_text(&pdf, n))
                .find(|t| t.contains("Ungdomsarbetslösheten"))
                .expect("Unga");
            assert!(
                page.contains("Arbetslösheten var") && page.contains("Framåtblick"),
                "{profile} {f}:\n{page}"
            );
        }
    }
    // JH § 162: ten att-satser, seven recipients and the attestation ran over by two
    // lines (p2 at 24 %); set a little closer it is one page.
    let u162 = out.join("jh/sammantraden/run-2026-10-14-utdrag-162.pdf");
    assert_eq!(page_count(&u162), 1);
    assert!(page_text(&u162, 1).contains("Rätt utdraget intygar"));
    // JH's one-item extra kallelse of 21 ledamöter and 12 ersättare is one page (its
    // names in three columns): its agenda was alone on page 2, even at 0,75 em.
    // (Örebro's wider serif still needs two.)
    let k = out.join("jh/sammantraden/run-2026-10-28-extra-kallelse.pdf");
    assert_eq!(page_count(&k), 1);
    assert!(page_text(&k, 1).contains("Föredragningslista"));
    // A decision written as a sentence has no "X beslutar" above it; att-clauses do.
    for profile in ["jh", "orebro"] {
        let text = pdf_text(&out.join(format!(
            "{profile}/sammantraden/run-2026-10-14-protokoll.pdf"
        )));
        assert!(text.contains("Beslut\nInformationen noteras."), "{profile}");
        assert!(
            !text.contains("beslutar\nInformationen noteras."),
            "{profile}"
        );
        assert!(text.contains("beslutar\natt"), "{profile}");
    }
    // § 161 (Örebro, six att-satser, twelve recipients): the decision breaks after four
    // points and its last two go over with the recipients and the attestation (p1 ended
    // at 50 % with all of it on p2).
    let pdf = out.join("orebro/sammantraden/run-2026-10-14-utdrag-161.pdf");
    let (first, second) = (page_text(&pdf, 1), page_text(&pdf, 2));
    let atts = |t: &str| t.lines().filter(|l| l.trim() == "att").count();
    assert_eq!(
        (atts(&first), atts(&second)),
        (4, 2),
        "p1:\n{first}\np2:\n{second}"
    );
    assert!(second.contains("Beslutet skickas till") && second.contains("Rätt utdraget intygar"));

    // JH ts-bredband: its six-point förslag, the signatures and four lists went over
    // whole and left p1 half empty; then (review 12) the förslag broke 4/2 with its
    // last two points over with the signatures, p1 at 72 %; then (review 14) the lists
    // (nine lines) went over alone; reviews 16 and 17 read that page as a closing
    // block left alone and the chain went over whole again (the förslag broken 4/2).
    // Reviews 18–20 found the gaps such chains leave (up to 70 mm); from review 20 the
    // lists (seven lines or more: not a near-empty page) go over alone wherever 0.15
    // of the page is left: the förslag whole and the signatures under the text on p1.
    let ts = out.join("jh/arenden/ts-bredband-2027-2029.pdf");
    let (first, second) = (page_text(&ts, 1), page_text(&ts, 2));
    for words in [
        "Regiondirektörens förslag",
        "att utbyggnaden följs upp årligen",
        "I tjänsten",
    ] {
        assert!(first.contains(words), "p1 without {words}:\n{first}");
    }
    assert_eq!(first_body_line(&second), "Beslutsunderlag", "p2:\n{second}");
    assert!(second.contains("Utdrag till"), "p2:\n{second}");
    let pack = out.join("jh/sammantraden/run-2026-10-14-handlingar.pdf");
    let start = (1..=page_count(&pack))
        .find(|&n| page_text(&pack, n).contains("Ansökningsomgången öppnar"))
        .expect("ts-bredband i handlingarna");
    assert_laid_out_as_in_pack(&ts, &pack, start, "ts-bredband");
}

#[test]
fn the_thirteenth_held_out_set_reads_as_fixed() {
    let p = built_fixture("held-out-13");
    let out = p.path().join("out");
    for profile in ["jh", "orebro"] {
        // The kallelse's last item, only a title, never stands alone on its last page
        // (Örebro p5 held "15. Meddelanden" alone): the item before goes with it.
        let kallelse = out.join(format!(
            "{profile}/sammantraden/hsn-2026-11-18-kallelse.pdf"
        ));
        let last = page_text(&kallelse, page_count(&kallelse));
        assert!(last.contains("Meddelanden"), "{profile}:\n{last}");
        assert!(
            last.contains("14."),
            "{profile}: the last item alone:\n{last}"
        );

        // A run-in list of recipients is never broken across pages (JH § 210 broke
        // inside "Närsjukhuset i / Järpen").
        let prot = out.join(format!(
            "{profile}/sammantraden/hsn-2026-11-18-protokoll.pdf"
        ));
        let pages: Vec<String> = (1..=page_count(&prot))
            .map(|n| page_text(&prot, n))
            .collect();
        for (n, text) in pages.iter().enumerate().skip(1) {
            let first = first_body_line(text);
            assert!(
                !first.contains("; ") || first.starts_with("Beslutet skickas till"),
                "{profile}: page {} opens inside a list of recipients: {first}",
                n + 1
            );
        }

        // The rapport's short sections keep the space above their headings when they
        // are held together (6,5 pt above "Patientsäkerhet" against 19–23 above the
        // others).
        let rapport = out.join(format!(
            "{profile}/rapporter/tillganglighetsrapport-t2-2026.pdf"
        ));
        // (The last page that names it: the first lists it in the contents.)
        let n = (1..=page_count(&rapport))
            .rfind(|&n| page_text(&rapport, n).contains("Patientsäkerhet"))
            .expect("Patientsäkerhet");
        // (Word boxes in tenths of a point: top and height.)
        let words = page_words(&rapport, n);
        let top = words
            .iter()
            .find(|x| x.0 == "Patientsäkerhet")
            .map(|x| x.2)
            .expect("Patientsäkerhet");
        let above = space_above(&words, top);
        assert!(
            above >= 140,
            "{profile}: {above} tenths of a point above the heading"
        );
    }
}

/// Held-out set 14 (regional development, culture, public transport, dental care,
/// environment; both house styles), written by a reviewer who had not seen the
/// templates: what that review found, fixed.
#[test]
fn the_fourteenth_held_out_set_reads_as_fixed() {
    let p = built_fixture("held-out-14");
    assert_no_title_past_the_margin(&p);
    let out = p.path().join("out");

    // A tjänsteskrivelse's closing chain (the decision's end, the signatures and seven
    // lines or more of lists): review 14 had the lists go over alone from a fifth (JH
    // ts-regional-utvecklingsstrategi p3 then held only them), reviews 16 and 17 read
    // such a page as a closing block left alone, reviews 18–20 the gaps the whole chain
    // leaves. From review 20 the lists go over alone where 0.15 of the page is left:
    // JH ts-regional's p2 holds the förslag and the signatures under the text (it was
    // at 70 %), p3 the lists.
    let ts = out.join("jh/arenden/ts-regional-utvecklingsstrategi.pdf");
    let (second, third) = (page_text(&ts, 2), page_text(&ts, 3));
    assert!(
        second.contains("Regiondirektörens förslag") && second.contains("I tjänsten"),
        "p2:\n{second}"
    );
    assert_eq!(first_body_line(&third), "Beslutsunderlag", "p3:\n{third}");
    assert_no_closing_lists_alone(&p);

    // A long vote list gives its last five names to the page of its result and the
    // decision: Örebro's utdrag-211 p3 held only "Beslut", one line, a reservation,
    // the recipients and the attestation after a list of 38 names. The list's two
    // parts read as one table: "(forts.)" and the header row only where it goes on
    // overleaf (JH's utdrag-145: 8 names on p1, the other 9 under one header on p2).
    let u = out.join("orebro/sammantraden/rf-2026-12-15-utdrag-211.pdf");
    let n = (1..=page_count(&u))
        .find(|&n| page_text(&u, n).contains("Motionen avslås"))
        .expect("the decision");
    let text = page_text(&u, n);
    assert!(
        first_body_line(&text).starts_with("Omröstning (forts.)"),
        "p{n}:\n{text}"
    );
    assert_eq!(vote_list_rows(&text), vec![5], "p{n}:\n{text}");
    let u = out.join("jh/sammantraden/run-2026-12-09-utdrag-145.pdf");
    let lists: Vec<Vec<usize>> = (1..=page_count(&u))
        .map(|n| vote_list_rows(&page_text(&u, n)))
        .collect();
    assert_eq!(lists[..2], [vec![8], vec![9]], "{lists:?}");
    assert_eq!(pdf_text(&u).matches("(forts.)").count(), 1);

    // A kallelse's note on absence never opens a page alone: Örebro's p2 began with it
    // (the lists of names ended at p1's foot). It stood above the lists, which pushed
    // the ersättare overleaf anyway and read out of order (reviews 36–40); it now goes
    // over with them, after them, as everywhere else.
    for profile in ["jh", "orebro"] {
        let k = out.join(format!(
            "{profile}/sammantraden/run-2026-12-09-kallelse.pdf"
        ));
        let note = "Den som är förhindrad";
        assert_note_after_ersattare(&k);
        for n in 2..=page_count(&k) {
            let text = page_text(&k, n);
            assert!(
                !first_body_line(&text).starts_with(note),
                "{profile}: p{n} opens with the note:\n{text}"
            );
        }
    }

    // A report's sub-section heading (level 3) stands about a line and a half below
    // the text above it (13,8 pt in review 14, read as run together): measured
    // between the words' boxes, in tenths of a point (10,6 pt JH and 12,0 Örebro
    // then; 15,2 and 16,8 now).
    for profile in ["jh", "orebro"] {
        let rapport = out.join(format!(
            "{profile}/rapporter/uppfoljning-regional-utveckling-t2-2026.pdf"
        ));
        let n = (2..=page_count(&rapport))
            .find(|&n| page_text(&rapport, n).contains("Uppföljning av avslutade projekt"))
            .expect("the sub-section");
        let words = page_words(&rapport, n);
        let top = words
            .windows(2)
            .find(|w| w[0].0 == "av" && w[1].0 == "avslutade")
            .map(|w| w[1].2)
            .expect("the heading's words");
        let above = space_above(&words, top);
        assert!(
            above >= 145,
            "{profile}: {above} tenths of a point above the sub-section heading"
        );
    }

    // A Markdown table's header hyphenates only a word wider than its column:
    // "Tillstyrker med änd-/ringar" was broken where "ändringar" had a line of its own.
    let ts = out.join("orebro/arenden/ts-regional-utvecklingsstrategi.pdf");
    let text = pdf_text(&ts);
    assert!(text.contains("ändringar"), "{text}");
    assert!(
        !text.contains("änd\u{ad}") && !text.contains("änd-"),
        "a header word that fits its column was hyphenated:\n{text}"
    );

    // A label keeps two lines of what follows: "Yrkanden" and a one-line first yrkande
    // ended Örebro's p7, the second yrkande opened p8.
    let prot = out.join("orebro/sammantraden/run-2026-12-09-protokoll.pdf");
    let n = (1..=page_count(&prot))
        .find(|&n| page_text(&prot, n).contains("att-satsen om linje 45"))
        .expect("the second yrkande");
    let page = page_text(&prot, n);
    let lines: Vec<&str> = page.lines().map(str::trim).collect();
    let second = lines
        .iter()
        .position(|l| l.contains("att-satsen om linje 45"))
        .unwrap();
    assert!(
        second >= 1 && lines[second - 1].contains("yrkar bifall till förslaget"),
        "page {n}: the first yrkande is not with the second:\n{page}"
    );

    // The protokoll's last paragraph: its short decision never makes the last page
    // alone (Örebro's extra protokoll p3 held only "Beslut", one att-sats and
    // "Paragrafen justeras omedelbart."); the section before it goes with it.
    for profile in ["jh", "orebro"] {
        let extra = out.join(format!(
            "{profile}/sammantraden/run-2026-12-18-extra-protokoll.pdf"
        ));
        let last = page_text(&extra, page_count(&extra));
        assert!(last.contains("Paragrafen justeras omedelbart"), "{last}");
        assert!(
            last.contains("yrkar bifall"),
            "{profile}: the decision alone on the last page:\n{last}"
        );
    }

    // An utdrag separates its recipients as its meeting's protokoll does: JH's
    // protokoll has semicolons (a § names "Katarina Hjort, regional
    // utvecklingsdirektör"), and utdrag-141 had commas for the same list.
    let line = |pdf: &str| {
        let text = pdf_text(&out.join(pdf))
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let at = text.find("Beslutet skickas till:").expect("recipients");
        text[at..].chars().take(80).collect::<String>()
    };
    // A vote list that breaks is continued under "Omröstning (forts.)" above its
    // repeated header row (review 14: JH § 141's 23 names split 8/15 with only the
    // header row overleaf); not on the page where it begins.
    let prot = out.join("jh/sammantraden/run-2026-12-09-protokoll.pdf");
    let pages: Vec<String> = (1..=page_count(&prot))
        .map(|n| page_text(&prot, n))
        .collect();
    let cont = pages
        .iter()
        .position(|t| t.contains("Omröstning (forts.)"))
        .expect("a continued vote list");
    assert!(cont > 0 && pages[cont - 1].contains("Ja-röst för att avgöra ärendet i dag"));
    let after = &pages[cont][pages[cont].find("Omröstning (forts.)").unwrap()..];
    assert!(
        first_body_line(&pages[cont]).starts_with("Omröstning (forts.)") && after.contains("Namn"),
        "{}",
        pages[cont]
    );
    assert_eq!(
        pages.iter().filter(|t| t.contains("(forts.)")).count(),
        1,
        "(forts.) only where a list goes on"
    );

    let utdrag = line("jh/sammantraden/run-2026-12-09-utdrag-141.pdf");
    assert!(
        utdrag.contains("Regiondirektören; Regionala utvecklingsförvaltningen"),
        "{utdrag}"
    );
    assert!(
        line("jh/sammantraden/run-2026-12-09-protokoll.pdf")
            .contains("Regiondirektören; Regionala"),
        "the protokoll's own separator"
    );
}

/// Held-out set 15 (digitalisation, property, HR, research, crisis preparedness; both
/// house styles), written by a reviewer who had not seen the templates: what that
/// review found, fixed.
#[test]
fn the_fifteenth_held_out_set_reads_as_fixed() {
    // Every document's layout settles: a vote list's "Omröstning (forts.)" took a line
    // of its own where the list went on and none where it began, and JH's protokoll
    // (three votes of 23, 8 and 17 names) swung between two page counts.
    let p = built_fixture_settled("held-out-15");
    let out = p.path().join("out");

    // A § heading is never left at a page foot above its first section: with a marker
    // placed before that section's label, Örebro's "§ 208 Riktlinje för distansarbete"
    // and its Dnr stood at the foot of p10, its sammanfattning overleaf.
    let prot = out.join("orebro/sammantraden/rs-2026-11-24-protokoll.pdf");
    assert_eq!(
        pages_with(&prot, "Riktlinje för distansarbete"),
        pages_with(&prot, "Under pandemin arbetade"),
    );

    // An utdrag never ends with a page of only its recipients and attestation: JH
    // § 210's p2 held "Beslutet skickas till" and "Rätt utdraget intygar" alone after
    // "Paragrafen justeras omedelbart.", which now goes over with them and the last
    // points of the decision.
    assert_no_utdrag_ends_on_its_closing_alone(&p);
    let u = out.join("jh/sammantraden/rs-2026-11-24-utdrag-210.pdf");
    let last = page_text(&u, page_count(&u));
    // (Since review 32 the decision's att-sats "att förklara paragrafen omedelbart
    // justerad" is recorded as written, not as the protokoll's own line.)
    assert!(
        squash(&last).contains(&squash("förklara paragrafen omedelbart justerad"))
            && last.contains("att "),
        "{last}"
    );

    // "Omröstning (forts.)" stands only at the top of a page where a list goes on:
    // set from the list's own first row, not from the last list before it (a list
    // that began mid-page had it printed over its proposition, from the list of an
    // earlier paragraph).
    for f in p.pdfs() {
        if !(f.contains("protokoll") || f.contains("utdrag")) {
            continue;
        }
        let pdf = p.path().join(&f);
        for n in 1..=page_count(&pdf) {
            let text = page_text(&pdf, n);
            for label in ["Omröstning (forts.)", "Beslutet skickas till (forts.)"] {
                if text.contains(label) {
                    assert!(
                        first_body_line(&text).starts_with(label),
                        "{f}: p{n}:\n{text}"
                    );
                }
            }
        }
    }

    // A protokoll's long list of recipients (read row by row, so that it may break)
    // goes on overleaf under "Beslutet skickas till (forts.)": Örebro's p12 and p13
    // opened with names nobody could tell the paragraph of. (§§ 209 and 210 send to
    // the same people: each list is told by its paragraph, not by its names.)
    let prot = out.join("orebro/sammantraden/rs-2026-11-24-protokoll.pdf");
    let continued = (2..=page_count(&prot))
        .filter(|&n| {
            first_body_line(&page_text(&prot, n)).starts_with("Beslutet skickas till (forts.)")
        })
        .count();
    // (One since review 22: § 210's decision lost its point "att förklara paragrafen
    // omedelbart justerad", now the protokoll's own line, and its list fits whole.)
    assert_eq!(continued, 1);

    // A recipient with a hyphen of its own is never broken at it: JH's run-in lines
    // broke "HR-/direktören" six times in the protokoll and in six utdrag.
    for f in p.pdfs() {
        if !(f.starts_with("out/jh/") && (f.contains("protokoll") || f.contains("utdrag"))) {
            continue;
        }
        let pdf = p.path().join(&f);
        for n in 1..=page_count(&pdf) {
            let words = page_words(&pdf, n);
            assert!(
                !words.iter().any(|w| w.0 == "HR-"),
                "{f}: p{n} breaks HR-direktören"
            );
        }
    }

    // An agenda item that is only a text has no page of its own in the pack: in the
    // RF pack item 4 stood on a last page of its own after the bilagor of item 3
    // (6 %), its text a second time; it is read in the föredragningslista.
    for profile in ["jh", "orebro"] {
        let pack = out.join(format!(
            "{profile}/sammantraden/rf-2026-12-08-handlingar.pdf"
        ));
        let said = "Två ledamöter har avsagt sig sina uppdrag";
        let pages = pages_with(&pack, said);
        assert_eq!(pages.len(), 1, "{profile}: {pages:?}");
        assert!(
            pages[0] <= pages_with(&pack, "Innehåll")[0],
            "{profile}: {pages:?}"
        );
        assert!(pages_with(&pack, "Avsägelser och fyllnadsval").len() <= 2);
    }

    // A short tjänsteskrivelse a few points too long for one page is set a little
    // closer: Örebro's ts-lokaler-halsocentral was two pages at 58 % and 39 %, its
    // ärendebeskrivning with the signatures and lists overleaf; alike in the pack.
    let ts = out.join("orebro/arenden/ts-lokaler-halsocentral.pdf");
    assert_eq!(page_count(&ts), 1);
    let text = page_text(&ts, 1);
    assert!(
        text.contains("Hyresvillkor") && text.contains("Skickas till"),
        "{text}"
    );
    let pack = out.join("orebro/sammantraden/rs-2026-11-24-handlingar.pdf");
    let start = (1..=page_count(&pack))
        .find(|&n| {
            let t = page_text(&pack, n);
            t.contains("TJÄNSTESKRIVELSE")
                && squash(&t).contains(&squash("Förhyrning av lokaler för"))
        })
        .expect("the ärende in the pack");
    assert_laid_out_as_in_pack(&ts, &pack, start, "ts-lokaler-halsocentral");

    // A title of more than four lines as set is set a step smaller: Örebro's 115
    // characters took five lines at full size (its length on one line, 3,4 widths,
    // was under the old threshold). Word boxes taller than 17 pt are the title's.
    let ts = out.join("orebro/arenden/ts-e-arkiv.pdf");
    let mut tops: Vec<i64> = page_words(&ts, 1)
        .iter()
        .filter(|w| w.3 > 170)
        .map(|w| w.2)
        .collect();
    tops.sort();
    tops.dedup();
    assert!(
        (2..=4).contains(&tops.len()),
        "the title in {} lines",
        tops.len()
    );

    // Key figures are not hyphenated in their cells ("informationssä-/kerhet").
    for profile in ["jh", "orebro"] {
        let rapport =
            pdf_text(&out.join(format!("{profile}/rapporter/uppfoljning-rs-t2-2026.pdf")));
        assert!(rapport.contains("informationssäkerhet"), "{profile}");
        assert!(
            !rapport.contains("informationssä\u{ad}") && !rapport.contains("informations\u{ad}"),
            "{profile}:\n{rapport}"
        );
    }

    // A `###` sub-heading stands as far above a paragraph that leads into a list
    // ("Behov" … "särskilda krav:") as above a plain one ("Bakgrund"): 6,8 pt and
    // 2,8 pt between the words in review 15. Word boxes, tenths of a point. (JH:
    // Örebro's "Behov" opens p2, above the band `page_words` reads.)
    {
        let profile = "jh";
        let ts = out.join(format!("{profile}/arenden/ts-digitala-vardmoten.pdf"));
        let (plain, lead) = (space_below(&ts, "Bakgrund"), space_below(&ts, "Behov"));
        assert!(
            (plain - lead).abs() <= 10,
            "{profile}: {plain} and {lead} tenths of a point under the sub-headings"
        );
    }

    // The pack labels a placed bilaga as the tjänsteskrivelse lists it: "Bilaga 1."
    for profile in ["jh", "orebro"] {
        let pack = pdf_text(&out.join(format!(
            "{profile}/sammantraden/rs-2026-11-24-handlingar.pdf"
        )));
        assert!(pack.contains("Bilaga 1. "), "{profile}");
        assert!(!pack.contains("Bilaga 1: "), "{profile}");
    }
}

/// Held-out set 16 (procurement, accessibility, folk high schools, international
/// cooperation, energy; both house styles), written by a reviewer who had not seen the
/// templates: what that review found, fixed.
#[test]
fn the_sixteenth_held_out_set_reads_as_fixed() {
    let p = built_fixture_settled("held-out-16");
    let out = p.path().join("out");

    // A tjänsteskrivelse is broken in the pack as in its own PDF: the measured choices
    // (a decision broken or whole, the closing lists with the signatures or alone) were
    // made from the first layout pass, before a Markdown sub-heading's level was known,
    // and came out otherwise in the pack (JH ts-tillganglighetsplan: its lists alone on
    // a pack page, kept with the signatures in its own PDF).
    for (pack, docs) in [
        (
            "rs-2027-03-16-handlingar.pdf",
            &[
                "ts-tillganglighetsplan",
                "ts-internationell-strategi",
                "ts-folkhogskolor-utbud",
            ][..],
        ),
        (
            "rf-2027-04-20-handlingar.pdf",
            &["ts-tillganglighetsplan", "ts-internationell-strategi"][..],
        ),
    ] {
        let pack = out.join("jh/sammantraden").join(pack);
        for doc in docs {
            let ts = out.join(format!("jh/arenden/{doc}.pdf"));
            let opening: Vec<String> = page_words(&ts, 1)
                .into_iter()
                .map(|w| w.0)
                .skip(25)
                .take(12)
                .collect();
            let start = (1..=page_count(&pack))
                .find(|&n| {
                    let words: Vec<String> =
                        page_words(&pack, n).into_iter().map(|w| w.0).collect();
                    words
                        .windows(opening.len())
                        .any(|w| w == opening.as_slice())
                })
                .unwrap_or_else(|| panic!("{doc} i handlingarna"));
            assert_laid_out_as_in_pack(&ts, &pack, start, doc);
        }
    }

    // An utdrag never ends with a page of its recipients and attestation alone: Örebro
    // § 51's p2 held them after "Paragrafen justeras omedelbart.", which now goes over
    // with them and the decision's last two points.
    assert_no_utdrag_ends_on_its_closing_alone(&p);
    // (Nor a tjänsteskrivelse with its closing lists: Örebro ts-upphandlingspolicy's
    // p3 held only them, 35 %.)
    assert_no_closing_lists_alone(&p);
    let u = out.join("orebro/sammantraden/rs-2027-03-16-utdrag-51.pdf");
    let last = page_text(&u, page_count(&u));
    assert!(
        last.contains("Paragrafen justeras omedelbart.") && last.contains("att "),
        "{last}"
    );

    // A short last section ("Nästa uppföljning", one line) never makes the rapport's
    // last page alone: the key figures before it (five rows with comments) go with it
    // (Örebro p6 held only it).
    for profile in ["jh", "orebro"] {
        let r = out.join(format!(
            "{profile}/rapporter/uppfoljning-inkop-energi-2026.pdf"
        ));
        let last = page_text(&r, page_count(&r));
        assert!(
            last.contains("Nästa uppföljning") && last.contains("Avtalstrohet, andel"),
            "{profile}:\n{last}"
        );
    }

    // A kallelse's agenda item titles are in the heading face, as the protokoll's §
    // headings (Örebro's were the serif body face under sans headings). Read with
    // pdftohtml, which names each text run's font.
    let k = out.join("orebro/sammantraden/rs-2027-03-16-kallelse.pdf");
    let xml = poppler(
        "pdftohtml",
        &[
            "-xml",
            "-stdout",
            "-i",
            "-f",
            "2",
            "-l",
            "2",
            k.to_str().unwrap(),
        ],
    );
    let family = |id: &str| -> String {
        let key = format!("<fontspec id=\"{id}\"");
        let line = xml.lines().find(|l| l.contains(&key)).expect("fontspec");
        line.split("family=\"")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap()
            .to_string()
    };
    let titles: Vec<String> = xml
        .lines()
        .filter(|l| {
            l.starts_with("<text") && l.contains("<b>") && !l.contains("<b>Föredragningslista")
        })
        .filter_map(|l| {
            l.split("font=\"")
                .nth(1)
                .map(|f| f.split('"').next().unwrap().to_string())
        })
        .map(|id| family(&id))
        .collect();
    assert!(!titles.is_empty(), "{xml}");
    assert!(
        titles.iter().all(|f| f.contains("LiberationSans")),
        "the bold lines of the kallelse's p2 in {titles:?}"
    );

    // A `####` sub-heading is no further from its text than a `###` one (4,5 against
    // 2,8 pt between the words: Typst's own spacing for level 4).
    let ts = out.join("jh/arenden/ts-tillganglighetsplan.pdf");
    let (third, fourth) = (
        space_below(&ts, "Bakgrund"),
        space_below(&ts, "Kollektivtrafik"),
    );
    assert!(
        fourth <= third + 5,
        "{fourth} tenths of a point under ####, {third} under ###"
    );

    // Years written as text in a table column are printed as written ("2027" under
    // "Löper ut", not "2 027").
    for profile in ["jh", "orebro"] {
        let text = pdf_text_raw(&out.join(format!(
            "{profile}/rapporter/uppfoljning-inkop-energi-2026.pdf"
        )));
        assert!(text.contains("2027"), "{profile}");
        assert!(
            !text.contains("2 027") && !text.contains("2\u{a0}027"),
            "{profile}:\n{text}"
        );
    }
}

/// The pages (from 1) whose text holds `needle`.
/// The lines of a PDF set in a bold face (PyMuPDF's span flags), when the layout
/// checker's Python is at hand (`KANSLI_KRAV_LAYOUT` requires it, as CI does).
fn bold_lines(pdf: &Path) -> Option<Vec<String>> {
    let python = tool_python(
        "KANSLI_LAYOUT_PYTHON",
        "pymupdf",
        "KANSLI_KRAV_LAYOUT",
        "layoutcheck",
    )?;
    const SCRIPT: &str = r#"
import sys, pymupdf
for page in pymupdf.open(sys.argv[1]):
    for b in page.get_text("dict")["blocks"]:
        for l in b.get("lines", []):
            t = "".join(s["text"] for s in l["spans"] if s["flags"] & 16 or "Bold" in s["font"])
            if t.strip():
                print(t.strip())
"#;
    Some(
        python_script(&python, SCRIPT, &[pdf.to_path_buf()])
            .lines()
            .map(str::to_string)
            .collect(),
    )
}

fn pages_with(pdf: &Path, needle: &str) -> Vec<usize> {
    (1..=page_count(pdf))
        .filter(|&n| page_text(pdf, n).contains(needle))
        .collect()
}

/// The pages whose text holds `needle`, whitespace aside (a phrase that wraps).
fn pages_with_squashed(pdf: &Path, needle: &str) -> Vec<usize> {
    (1..=page_count(pdf))
        .filter(|&n| squash(&page_text(pdf, n)).contains(&squash(needle)))
        .collect()
}

/// No word of a set's tjänsteskrivelser and rapporter is printed past the right margin
/// (a title's bound words in a run longer than the line: review of session 37's diff
/// found five Örebro titles of sets 12, 14, 19, 22 and 28 reaching 5–70 pt past it).
fn assert_no_title_past_the_margin(p: &Project) {
    for f in p.pdfs() {
        if f.contains("sammantraden") {
            continue;
        }
        let past = words_past_the_margin(&p.path().join(&f));
        assert!(past.is_empty(), "{f}: past the margin: {past:?}");
    }
}

/// That a line of page `n` holds `words` (a title's or a label's words kept on one line).
fn assert_has_line(pdf: &Path, n: usize, words: &str) {
    let lines = page_lines(pdf, n);
    assert!(
        lines.iter().any(|l| l.contains(words)),
        "{}: no line with {words:?}: {lines:?}",
        pdf.display()
    );
}

/// A page's lines of text, trimmed.
fn page_lines(pdf: &Path, n: usize) -> Vec<String> {
    page_text(pdf, n)
        .lines()
        .map(|l| l.trim().to_string())
        .collect()
}

#[test]
fn the_seventeenth_held_out_set_reads_as_fixed() {
    // (Built settled: Örebro's utdrag-35, one page that only just fits, swung between
    // set close and not, the point it measured from moving with the choice.)
    let p = built_fixture_settled("held-out-17");
    let out = p.path().join("out");
    let meeting = |profile: &str, file: &str| out.join(format!("{profile}/sammantraden/{file}"));

    // An utdrag whose 23-name voteringslista opens page 2: the decision and what
    // follows it (a reservation, a protokollsanteckning, the recipients, the
    // attestation) go over with the list's last five names, under "Omröstning
    // (forts.)", so that the attestation stands on the page where the decision ends
    // (spec; review 17 had the decision stay under the whole list and the rest go
    // over, which review 21 read as the attestation parted from its decision).
    // Since review 23 a decision of three points goes over 1/2 where going over whole
    // left half a page empty (p2 at 49 %): it begins right under the whole list, its
    // last two points on the page of the attestation.
    // Since session 42 a list breaks after six names (at eight, this list went to p2
    // whole and left a quarter of p1 empty, as review 35's utdrag-48 did): it opens at
    // p1's foot and its end stands with the decision.
    assert_no_utdrag_ends_on_its_closing_alone(&p);
    let u = meeting("orebro", "rs-2027-03-09-utdrag-33.pdf");
    let decision = pages_with(&u, "Regionstyrelsen beslutar");
    let opens = pages_with(&u, "Ja-röst för bifall");
    assert_eq!(opens, [decision[0] - 1]);
    let first = vote_list_rows(&page_text(&u, opens[0]));
    assert!(first.len() == 1 && first[0] >= 6, "{first:?}");
    assert_eq!(decision, pages_with(&u, "Agneta Wallin"));
    let end = pages_with(&u, "patientsäkerhetsberättelsen");
    assert_eq!(end, [decision[0] + 1]);
    assert_eq!(end, pages_with(&u, "Rätt utdraget intygar"));

    // A seventeen-name list with a long decision after it (eight att-satser) is not
    // split to keep its last names with the decision: JH § 40 broke 12/5 on a page
    // left at 72 %.
    let prot = meeting("jh", "rs-2027-03-09-protokoll.pdf");
    let start = pages_with(&prot, "nej-röst för bifall till ändringsyrkandet");
    assert_eq!(start.len(), 1);
    assert_eq!(
        start,
        pages_with(&prot, "med 9 ja-röster mot 7"),
        "§ 40's list on one page"
    );

    // A tjänsteskrivelse ends on a page of its closing lists alone only after a page
    // its text, förslag and signatures fill (review 17 found JH ts-klagomalshantering
    // p4 and ts-arkivreglemente p4, 23 and 27 %, and the chain was kept whole up to a
    // gap of two fifths; reviews 18 and 19 found the gaps that left, 54–59 %, and the
    // threshold is three tenths since: ts-klagomalshantering is again a page at 81 %
    // and a last page of lists, a choice between two reviews, see `_chain-mode`).
    assert_no_closing_lists_alone(&p);

    // Lists of names read in order across a page break: the JH RF kallelse's
    // ersättare in two columns read downwards put 1, 2, 11, 12 on p1 and the rest on
    // p2. Every name's page is no earlier than the one before it in the list.
    let ersattare = [
        "Therese Jansson",
        "Dragan Bergström",
        "Kerstin Dahl",
        "Andreas Åkesson",
        "Maria Wallin",
        "Fredrik Hellberg",
        "Hanna Söderholm",
        "Leif Rydström",
        "Elin Kaya",
        "Björn Lundmark",
        "Anneli Vestin",
        "Torbjörn Hussein",
        "Zeynep Holmström",
        "Per Sundberg",
        "Malin Forslund",
        "Christer Wiklund",
        "Ida Andersson-Lind",
        "Göran Ek",
        "Emma Brandt",
        "Jan-Olof Demir",
    ];
    for profile in ["jh", "orebro"] {
        let k = meeting(profile, "rf-2027-04-13-kallelse.pdf");
        let pages: Vec<usize> = ersattare
            .iter()
            .map(|n| *pages_with(&k, n).last().expect(n))
            .collect();
        assert!(
            pages.windows(2).all(|w| w[0] <= w[1]),
            "{profile}: {pages:?}"
        );
    }

    // The protokoll's attendance: a label never ends a page with one of its names
    // ("Frånvarande / Karin Forslund (M)", the other four overleaf; "Ej tjänstgörande
    // ersättare" and one row).
    for profile in ["jh", "orebro"] {
        let prot = meeting(profile, "rf-2027-04-13-protokoll.pdf");
        for (label, names) in [
            (
                "Frånvarande",
                &["Karin Forslund", "Håkan Brandt", "Lena Nyström"][..],
            ),
            (
                "Ej tjänstgörande ersättare",
                &["Dragan Bergström", "Maria Wallin", "Elin Kaya"][..],
            ),
        ] {
            let at = pages_with(&prot, label);
            for n in names {
                assert!(
                    pages_with(&prot, n).iter().any(|p| at.contains(p)),
                    "{profile}: {label} and {n}"
                );
            }
        }
    }

    // A section's chart comes before its sub-sections, though the file gives it after
    // them ("Diagram 2" of "Vuxentandvård" was printed under "Uppsagda avtal").
    for profile in ["jh", "orebro"] {
        let text = pdf_text(&out.join(format!(
            "{profile}/rapporter/uppfoljning-patientsakerhet-2026.pdf"
        )));
        let chart = text.rfind("Diagram 2").expect("Diagram 2");
        let sub = text.rfind("Avtal per riskgrupp").expect("the sub-section");
        assert!(chart < sub, "{profile}: the chart after the sub-sections");
    }

    // The kallelse's note on absence, under the lists, stands apart from their last
    // name as a paragraph does (6,4 pt read as one more name without its bullet).
    let k = meeting("orebro", "rs-2027-03-09-kallelse.pdf");
    let n = pages_with(&k, "Den som är förhindrad")[0];
    let words = page_words(&k, n);
    let note = words.iter().find(|w| w.0 == "förhindrad").unwrap();
    assert!(
        space_above(&words, note.2) >= 90,
        "{}",
        space_above(&words, note.2)
    );
}

/// Review 18 (set 18: hyrpersonal, matstrategi, skogsbrand, säkerhetsskydd and a
/// primärvårdsreform rapport; both house styles), written by a reviewer who had not
/// seen the templates.
#[test]
fn the_eighteenth_held_out_set_reads_as_fixed() {
    let p = built_fixture("held-out-18");
    let out = p.path().join("out");
    let meeting = |profile: &str, file: &str| out.join(format!("{profile}/sammantraden/{file}"));

    // A nine-column table whose header words do not fit a portrait page unhyphenated
    // is never set "läkarkon-/takt", "(procenten-/heter)" (review 36's M3: table cells
    // are not hyphenated at Typst's syllables). (Since review 58 a header of one or two
    // words may break at a compound's joint, "Kontinuitets-/index 2026"; the table then
    // stands on the portrait page, a page fewer, where before it went landscape.)
    let report = out.join("jh/rapporter/uppfoljning-primarvardsreform-2026.pdf");
    let page = (1..=page_count(&report))
        .find(|&k| page_text(&report, k).contains("Tabell 1."))
        .unwrap();
    let text = page_text(&report, page);
    assert!(text.contains("läkarkontakt"), "{text}");
    for line in text.lines() {
        if let Some(head) = line.trim_end().strip_suffix('\u{ad}') {
            let piece = head.rsplit(' ').next().unwrap_or(head);
            assert!(
                ["Kontinuitets"].contains(&piece),
                "a header broken elsewhere than at a joint: {line:?}"
            );
        }
    }

    // Every yrkande and every reservation is a paragraph of its own, in the protokoll
    // and in the utdrag: § 64's second and third yrkanden (SD's avslag, M's
    // ändringsyrkande) and its two reservations were printed as one paragraph each.
    for profile in ["jh", "orebro"] {
        for file in ["rs-2027-05-04-protokoll.pdf", "rs-2027-05-04-utdrag-64.pdf"] {
            let text = pdf_text(&meeting(profile, file));
            let starts: Vec<&str> = text.lines().map(str::trim).collect();
            for entry in [
                "Anna-Karin Jonsson (S) yrkar",
                "Lars-Olof Grahn (SD) yrkar",
                "Maria Lundström (M) yrkar",
                "Lars-Olof Grahn (SD) reserverar",
                "Maria Lundström (M), Mattias",
            ] {
                assert!(
                    starts.iter().any(|l| l.starts_with(entry)),
                    "{profile} {file}: {entry:?} does not begin a paragraph:\n{text}"
                );
            }
        }
    }

    // An agenda item that is only a text is read once in the pack, in the
    // föredragningslista: the extra meeting's pack printed item 2's text twice on one
    // page (spec: items with no document have no pages of their own). A pack without
    // documents has no contents (review 21: they repeated the föredragningslista).
    for profile in ["jh", "orebro"] {
        let pack = meeting(profile, "rs-2027-05-18-extra-handlingar.pdf");
        let text = squash(&pdf_text(&pack));
        assert_eq!(
            text.matches(&squash("Cirka 2 400 hektar skog har brunnit"))
                .count(),
            1,
            "{text}"
        );
        assert!(!text.contains("Innehåll"), "{text}");
    }

    // A short paragraph whose chain (a six-line title, its sammanfattning, one line
    // of beslutsunderlag, the decision and its recipients) went over whole left
    // Örebro's p5 at 40 %: it begins under § 65, and the decision goes over with the
    // beslutsunderlag (its label and one line never left at a page foot).
    // (Since review 29 § 64's vote list is given in two parts and § 65 begins at the
    // foot of p4, its decision on p5: § 66 begins under § 65's end, on p5.)
    let prot = meeting("orebro", "rs-2027-05-04-protokoll.pdf");
    let opens = pages_with(&prot, "Uppdrag att utreda regionens");
    assert_eq!(opens, pages_with(&prot, "bevilja länets kulturskolor"));
    assert_eq!(
        opens,
        pages_with(&prot, "Förvaltningen föreslår att regiondirektören får")
    );
    let decided = pages_with(&prot, "uppdraget redovisas till regionstyrelsen senast");
    assert_eq!(decided, pages_with(&prot, "Tjänsteskrivelse 2027-04-09"));
    // (Its decision went overleaf with the beslutsunderlag; with the six-line title set
    // smaller since review 27, the whole paragraph fits under § 65.)
    assert!(
        decided[0] == opens[0] || decided[0] == opens[0] + 1,
        "{decided:?}"
    );

    // A tjänstgörande ersättare votes in the place of the ledamot they replace: Rolf
    // Hägglund (S), for Hans Persson (S), fourth (he was listed after every ledamot).
    for profile in ["jh", "orebro"] {
        let u = meeting(profile, "rs-2027-05-04-utdrag-64.pdf");
        let text = pdf_text(&u);
        let names: Vec<&str> = text
            .lines()
            .map(str::trim)
            .skip_while(|l| *l != "Namn")
            .skip(1)
            .filter(|l| !l.is_empty() && !matches!(*l, "Parti" | "Röst" | "Namn"))
            .filter(|l| l.chars().any(char::is_lowercase))
            .take(5)
            .collect();
        assert_eq!(
            names,
            [
                "Anna-Karin Jonsson",
                "Göran Bergqvist",
                "Maria Lundström",
                "Rolf Hägglund",
                "Elin Sandberg"
            ],
            "{profile}:\n{text}"
        );
    }

    // An extra meeting (`extra: true`) says so: in the kallelse's title (and so the
    // pack's first page), by the date in the protokoll and its utdrag; the regular
    // meeting does not.
    for profile in ["jh", "orebro"] {
        for (file, said) in [
            (
                "kallelse",
                "Kallelse till extra sammanträde med regionstyrelsen",
            ),
            (
                "handlingar",
                "Kallelse till extra sammanträde med regionstyrelsen",
            ),
            ("protokoll", "18 maj 2027, extra sammanträde"),
            ("utdrag-76", "18 maj 2027, extra sammanträde"),
        ] {
            let f = meeting(profile, &format!("rs-2027-05-18-extra-{file}.pdf"));
            assert!(
                squash(&pdf_text(&f)).contains(&squash(said)),
                "{profile} {file}"
            );
        }
        for file in ["kallelse", "protokoll"] {
            let f = meeting(profile, &format!("rs-2027-05-04-{file}.pdf"));
            assert!(
                !pdf_text(&f).contains("extra sammanträde"),
                "{profile} {file}"
            );
        }
    }

    // A secret ärende's paragraph says that its handlingar are covered by sekretess, in
    // the protokoll and in its utdrag (§ 68 did not).
    for profile in ["jh", "orebro"] {
        for file in ["rs-2027-05-04-protokoll.pdf", "rs-2027-05-04-utdrag-68.pdf"] {
            let text = squash(&pdf_text(&meeting(profile, file)));
            assert!(
                text.contains(&squash(
                    "Ärendets handlingar omfattas av sekretess enligt OSL 18 kap. 8 §."
                )),
                "{profile} {file}"
            );
        }
    }

    // A voteringslista of fifteen names that, kept whole, went over and left JH's
    // protokoll p3 at 60 % breaks (eight names or more before the break, five or more
    // after), its header repeated under "Omröstning (forts.)", the result sentence kept
    // with its last rows.
    let prot = meeting("jh", "rs-2027-05-04-protokoll.pdf");
    let begins = pages_with(&prot, "Ja-röst för bifall till förslaget");
    assert_eq!(
        begins,
        pages_with(&prot, "Handlingsplan för oberoende av inhyrd")
    );
    let n = begins[0];
    let lists = vote_list_rows(&page_text(&prot, n));
    assert!(lists.iter().all(|&r| r >= 8), "p{n}: {lists:?}");
    let over = page_text(&prot, n + 1);
    if pages_with(&prot, "beslutar med 9 ja-röster") == [n] {
        // (With the § headings of more than four lines set smaller since review 27,
        // the list and its result fit whole on the paragraph's page.)
        assert_eq!(lists, [15], "p{n}");
    } else {
        assert!(over.contains("Omröstning (forts.)"), "p{}:\n{over}", n + 1);
        assert!(
            vote_list_rows(&over).iter().all(|&r| r >= 5),
            "p{}:\n{over}",
            n + 1
        );
        assert_eq!(pages_with(&prot, "beslutar med 9 ja-röster"), [n + 1]);
    }

    // A chart whose title ends in its unit is not given the unit a second time
    // ("… 2026 (andel %) (%)").
    for profile in ["jh", "orebro"] {
        let r = out.join(format!(
            "{profile}/rapporter/uppfoljning-primarvardsreform-2026.pdf"
        ));
        let text = squash(&pdf_text(&r));
        assert!(
            text.contains(&squash("per månad 2026 (andel %)")),
            "{profile}"
        );
        assert!(!text.contains(&squash("(andel %) (%)")), "{profile}");
        // (Nor in the chart's alternative text.)
        let alts = figure_alts(&lopdf::Document::load(&r).unwrap());
        assert!(
            alts.iter().any(|a| a.contains("per månad 2026 (andel %).")),
            "{profile}: {alts:?}"
        );
        // The line chart's value axis begins at 75, not at zero: broken in the drawing,
        // and said in its alternative text (it began at 75 without a sign of it).
        assert!(
            alts.iter()
                .any(|a| a.starts_with("Linjediagram") && a.ends_with("Värdeaxeln börjar vid 75.")),
            "{profile}: {alts:?}"
        );
    }

    // A rapport in the pack has no contents of its own: its chapters are bookmarks,
    // under its item (only "Sammanfattning" was).
    for profile in ["jh", "orebro"] {
        let pack = meeting(profile, "rs-2027-05-04-handlingar.pdf");
        let toc = lopdf::Document::load(&pack).unwrap().get_toc().unwrap().toc;
        // (A title's short words are bound to the next by no-break spaces.)
        let titles: Vec<String> = toc.iter().map(|t| t.title.replace('\u{a0}', " ")).collect();
        let item = titles
            .iter()
            .position(|t| t.contains("Uppföljning av primärvårdsreformen"))
            .unwrap_or_else(|| panic!("{profile}: {titles:?}"));
        assert!(
            titles[item..].iter().any(|t| t.contains("Tillgänglighet")),
            "{profile}: {titles:?}"
        );
    }
}

#[test]
fn the_nineteenth_held_out_set_reads_as_fixed() {
    let p = built_fixture("held-out-19");
    assert_no_title_past_the_margin(&p);
    let out = p.path().join("out");
    let meeting = |profile: &str, file: &str| out.join(format!("{profile}/sammantraden/{file}"));

    // An utdrag whose paragraph is too long for its first page no longer goes over
    // whole and leaves that page with nothing but its head (Örebro's utdrag-26 and -28,
    // p1 at 30 %): the § heading and what comes before the decision stay on p1; the
    // decision goes over with the recipients and the attestation (spec: the attestation
    // on the page where the decision ends; review 19 had kept it on p1, review 21 read
    // that as the attestation parted from its decision).
    for (file, title, decision) in [
        (
            "rs-2028-03-07-utdrag-26.pdf",
            "Beslut om att påbörja gemensam upphandling",
            None,
        ),
        (
            "rs-2028-03-07-utdrag-28.pdf",
            "Uppsökande och nödvändig tandvård",
            Some("säga upp avtalet med nuvarande leverantör"),
        ),
    ] {
        let u = meeting("orebro", file);
        assert_eq!(pages_with(&u, title), [1], "{file}");
        assert_eq!(pages_with(&u, "Sammanfattning"), [1], "{file}");
        assert!(body_reach(&u)[0] > 0.5, "{file}: {:?}", body_reach(&u));
        if let Some(d) = decision {
            assert_eq!(
                pages_with(&u, d),
                pages_with(&u, "Rätt utdraget intygar"),
                "{file}"
            );
        }
        assert_eq!(page_count(&u), 2, "{file}");
    }

    // A protokoll justerat on the meeting day has one anslag, naming every paragraph:
    // the extra meeting's § 36, justerad omedelbart, had an anslag of its own besides
    // the protokoll's (§ 35 alone), with two last days for appeal (11 and 12 April).
    for profile in ["jh", "orebro"] {
        let anslag = meeting(profile, "rs-2028-03-21-extra-anslag.pdf");
        let text = squash(&pdf_text_raw(&anslag));
        assert!(
            text.contains(&squash("Paragrafer §§ 35–36")),
            "{profile}: {text}"
        );
        assert!(!meeting(profile, "rs-2028-03-21-extra-anslag-36.pdf").exists());
        assert!(!meeting(profile, "rs-2028-03-21-extra-anslag-36.html").exists());
        // (The regular meeting's paragraphs justerade omedelbart keep theirs: its
        // protokoll is justerat a week later.)
        assert!(meeting(profile, "rs-2028-03-07-anslag-26.pdf").is_file());
    }

    // A tjänsteskrivelse whose closing chain (förslag, signatures, lists) went over
    // whole and left three tenths of p1 empty (JH's folkbildningsbidrag: p1 at 59 %)
    // keeps the förslag under its text. (From review 30 the signature went over with
    // the lists, five lines of their own, which alone made a last page read as left
    // over; reviews 37 and 38 found "I tjänsten" parted from the förslag it signs, and
    // p1 a quarter empty, the worse: it ends p1 under the förslag, and the lists
    // with their labels, eight lines, open p2.)
    // (Since review 45 it is set closer on one page: its lists, of seven lines with
    // their labels, missed p1 by a few lines.)
    let ts = out.join("jh/arenden/ts-folkbildningsbidrag-2028.pdf");
    assert_eq!(pages_with(&ts, "Regiondirektörens förslag"), [1]);
    assert_eq!(pages_with(&ts, "I tjänsten"), [1]);
    assert_eq!(pages_with(&ts, "Utdrag till"), [1]);
    assert_eq!(page_count(&ts), 1);
    // (p1 ends at 0.79 of its text area, against 0.69 with the signature overleaf and
    // 0.59 with the whole chain gone over.)
    assert!(body_reach(&ts)[0] > 0.65, "{:?}", body_reach(&ts));

    // The protokoll names its paragraphs justerade omedelbart on its first page; not
    // where the protokoll itself was justerat on the meeting day.
    for profile in ["jh", "orebro"] {
        let p1 = squash(&page_text(
            &meeting(profile, "rs-2028-03-07-protokoll.pdf"),
            1,
        ));
        assert!(
            p1.contains(&squash("Omedelbart justerade")),
            "{profile}: {p1}"
        );
        assert!(p1.contains(&squash("§§ 26–27")), "{profile}: {p1}");
        let extra = pdf_text(&meeting(profile, "rs-2028-03-21-extra-protokoll.pdf"));
        assert!(!extra.contains("Omedelbart justerade"), "{profile}");
    }

    // A caption's unit stays on the line of the title's last word: "(%)" wrapped
    // alone onto a line of its own under Diagram 1's title.
    for profile in ["jh", "orebro"] {
        let r = out.join(format!(
            "{profile}/rapporter/uppfoljning-ambulanssjukvard-2027.pdf"
        ));
        let text = pdf_text(&r);
        let lines: Vec<&str> = text.lines().map(str::trim).collect();
        for w in lines.windows(2) {
            assert!(
                !(w[0].starts_with("Diagram") && w[1] == "(%)"),
                "{profile}: {w:?}"
            );
        }
    }

    // A text item's contents entry (no page of its own) is set as the entries without
    // a page, not in the link colour of those with one; it still links to its text in
    // the föredragningslista.
    if let Some(python) = tool_python(
        "KANSLI_LAYOUT_PYTHON",
        "pymupdf",
        "KANSLI_KRAV_LAYOUT",
        "layoutcheck",
    ) {
        const SCRIPT: &str = r#"
import sys, pymupdf
doc = pymupdf.open(sys.argv[1])
for page in doc:
    if "Innehåll" not in page.get_text():
        continue
    links = [l["from"] for l in page.get_links()]
    for b in page.get_text("dict")["blocks"]:
        for l in b.get("lines", []):
            for s in l["spans"]:
                # (A title in the contents binds its short words with no-break spaces.)
                text = s["text"].replace("\u00a0", " ")
                for t in ("Information om läget", "Fastställande av dagordning", "Plan för den psykiatriska"):
                    if text.startswith(t):
                        linked = any(pymupdf.Rect(s["bbox"]).intersects(r) for r in links)
                        print(f"{t}	{s['color']:06x}	{linked}")
    break
"#;
        let pack = meeting("jh", "rs-2028-03-07-handlingar.pdf");
        let report = python_script(&python, SCRIPT, &[pack]);
        assert!(
            report.contains("Information om läget\t000000\tTrue")
                && report.contains("Fastställande av dagordning\t000000")
                && report.contains("Plan för den psykiatriska\t00594f\tTrue"),
            "{report}"
        );
    }

    // `summa: true` does not add up percentages: Tabell 2's sum row left its
    // "Beläggningsgrad (%)" and "Tillgänglighet (%)" empty (1 069,5 and 3 120,0).
    for profile in ["jh", "orebro"] {
        let r = out.join(format!(
            "{profile}/rapporter/uppfoljning-ambulanssjukvard-2027.pdf"
        ));
        let text = pdf_text(&r);
        assert!(text.contains("Summa"), "{profile}");
        for sum in ["1 069,5", "3 120,0"] {
            assert!(!text.contains(sum), "{profile}: {sum}");
        }
    }

    // A paragraph measured at the third layout pass from a layout that had not settled
    // (the paragraph before it ended lower a pass before) is measured again at the
    // fourth: Örebro's § 26 went over whole and left p4 at 53 %; it now begins under
    // § 25, its decision overleaf.
    let prot = meeting("orebro", "rs-2028-03-07-protokoll.pdf");
    let opens = pages_with(&prot, "Skalskydd och reservkraft");
    assert_eq!(
        opens,
        pages_with(&prot, "Regionens nuvarande journalsystem")
    );
    assert_ne!(
        opens,
        pages_with(
            &prot,
            "påbörja en gemensam upphandling av vårdinformationssystem"
        )
    );
}

#[test]
fn the_twentieth_held_out_set_reads_as_fixed() {
    let p = built_fixture("held-out-20");
    let out = p.path().join("out");
    let meeting = |profile: &str, file: &str| out.join(format!("{profile}/sammantraden/{file}"));

    // A "–" for missing data in a report table is printed (it vanished, the cell
    // empty), in the report and in the pack.
    for (profile, row) in [
        ("jh", "Härjedalen 7 149 1 277 82,4 93,7 – 23"),
        ("orebro", "Hallsberg 1 534 274 81,0 97,4 – 46"),
    ] {
        for pdf in [
            out.join(format!(
                "{profile}/rapporter/uppfoljning-barnhalsovard-2028.pdf"
            )),
            meeting(profile, "rs-2029-05-22-handlingar.pdf"),
        ] {
            let text = squash(&pdf_text_raw(&pdf));
            assert!(text.contains(&squash(row)), "{}", pdf.display());
        }
    }

    // A § heading's bookmark has the space after its number ("§ 61Val av …").
    for profile in ["jh", "orebro"] {
        for file in ["rs-2029-05-22-protokoll.pdf", "rs-2029-05-22-utdrag-64.pdf"] {
            let toc = lopdf::Document::load(meeting(profile, file))
                .unwrap()
                .get_toc()
                .unwrap()
                .toc;
            let titles: Vec<&str> = toc.iter().map(|t| t.title.as_str()).collect();
            assert!(
                titles
                    .iter()
                    .any(|t| t.starts_with("§ 64 Plan för reservvatten")),
                "{profile} {file}: {titles:?}"
            );
        }
    }

    // Örebro's signatures no longer open p2 alone: the last item of the list that
    // ends the text goes over with them (also in the extra meeting's pack).
    for pdf in [
        out.join("orebro/arenden/ts-fornlamningar-yttrande.pdf"),
        meeting("orebro", "rs-2029-06-12-extra-handlingar.pdf"),
    ] {
        assert_eq!(
            pages_with(&pdf, "Helena Vikström"),
            pages_with(&pdf, "övergångstiden bör förlängas"),
            "{}",
            pdf.display()
        );
    }
    // The kallelse's last page no longer holds two items alone (13 with two lines, and
    // "14. Meddelanden"): the last three short items go over together.
    let k = meeting("orebro", "rs-2029-05-22-kallelse.pdf");
    let last = page_count(&k);
    for item in [
        "Information från regiondirektören",
        "Redovisning av delegationsbeslut",
    ] {
        assert_eq!(pages_with(&k, item), [last], "{item}");
    }
    // A secret bilaga says so in the tjänsteskrivelse's list of bilagor (only the
    // pack's notice did).
    let ts = squash(&pdf_text(
        &out.join("jh/arenden/ts-tolkformedling-upphandling.pdf"),
    ));
    assert!(
        ts.contains(&squash(
            "Bilaga 1. Anbudsutvärdering tolkförmedling (1 sida, sekretess enligt 19 kap. 3 § OSL)"
        )),
        "{ts}"
    );
    // A region's name in a title is not broken ("Region Örebro / län").
    let title = pdf_text(&out.join("orebro/arenden/ts-hemsjukvard-overenskommelse.pdf"));
    assert!(
        title.contains("Överenskommelse mellan Region Örebro län"),
        "{title}"
    );
    // The förslag and the signatures no longer go over with the lists from a p1 left
    // 58–62 mm short (JH ts-tolkformedling, ts-fjarrvarme): the förslag stays on p1.
    // ts-fjarrvarme's lists (seven lines or more of their own) go over alone; since
    // review 30, ts-tolkformedling's, of five lines of their own after a two-point
    // förslag, take the signature with them (the lists alone made a last page read as
    // left over).
    let ts = out.join("jh/arenden/ts-fjarrvarme-fastigheter.pdf");
    assert_eq!(pages_with(&ts, "I tjänsten"), [1]);
    assert_eq!(pages_with(&ts, "Utdrag till"), [2]);
    let ts = out.join("jh/arenden/ts-tolkformedling-upphandling.pdf");
    assert_eq!(pages_with(&ts, "Regiondirektörens förslag"), [1]);
    assert_eq!(pages_with(&ts, "I tjänsten"), [2]);
    assert_eq!(pages_with(&ts, "Utdrag till"), [2]);
    // A paragraph that breaks off before its list ("… enligt Socialstyrelsens
    // vägledning") no longer ends a page, its list on the next.
    let r = out.join("jh/rapporter/uppfoljning-barnhalsovard-2028.pdf");
    assert_eq!(
        pages_with(&r, "enligt Socialstyrelsens vägledning"),
        pages_with(&r, "främja barns hälsa")
    );

    // The extra meeting's anslag says so, as its protokoll does (PDF and HTML); the
    // HTML has the house colour; an address keeps street and number together.
    for profile in ["jh", "orebro"] {
        let pdf = squash(&pdf_text(&meeting(
            profile,
            "rs-2029-06-12-extra-anslag.pdf",
        )));
        assert!(
            pdf.contains(&squash(
                "Protokollet från det extra sammanträdet med regionstyrelsen"
            )) && pdf.contains(&squash("12 juni 2029, extra sammanträde")),
            "{profile}: {pdf}"
        );
        let html =
            std::fs::read_to_string(meeting(profile, "rs-2029-06-12-extra-anslag.html")).unwrap();
        assert!(
            html.contains("från det extra sammanträdet med regionstyrelsen"),
            "{profile}"
        );
        let colour = if profile == "jh" {
            "#00594f"
        } else {
            "#1d3f6e"
        };
        assert!(html.contains(&format!("--accent:{colour}")), "{profile}");
    }
    let anslag = pdf_text(&meeting("orebro", "rs-2029-05-22-anslag.pdf"));
    assert!(
        anslag
            .lines()
            .all(|l| !l.trim_end().ends_with("Eklundavägen")),
        "{anslag}"
    );
    // Örebro's default förvaringsplats is a place, not an organ.
    let extra = pdf_text(&meeting("orebro", "rs-2029-06-12-extra-anslag.pdf"));
    assert!(
        extra.contains("Regionkansliet, Regionens hus, Örebro"),
        "{extra}"
    );

    // In the pack an ärende's pages keep its own running header (its Dnr; the pack's
    // "Handlingar 2029-05-22" stood there), and the notice for a secret ärende gives
    // its Dnr.
    for (profile, dnr, secret) in [
        ("jh", "Dnr RS/512/2029", "Dnr RS/525/2029"),
        ("orebro", "Dnr 29RS512", "Dnr 29RS525"),
    ] {
        let pack = meeting(profile, "rs-2029-05-22-handlingar.pdf");
        let headed: Vec<usize> = (2..=page_count(&pack))
            .filter(|&n| {
                page_text(&pack, n)
                    .lines()
                    .next()
                    .is_some_and(|l| l.contains(&format!("· {dnr}")))
            })
            .collect();
        assert!(headed.len() >= 2, "{profile}: {headed:?}");
        // (A rapport's pages: its rubrik and Dnr, as in its own document.)
        let rapport = (2..=page_count(&pack))
            .filter(|&n| {
                page_text(&pack, n)
                    .lines()
                    .next()
                    .is_some_and(|l| l.contains("· Uppföljning av barnhälsovården 2028 · Dnr"))
            })
            .count();
        assert!(rapport >= 2, "{profile}: {rapport}");
        let notice = pages_with(&pack, "Handlingen omfattas av sekretess enligt");
        assert!(
            notice
                .iter()
                .any(|&n| page_text(&pack, n).matches(secret).count() >= 2),
            "{profile}: the notice page's Dnr, in its header and under its title"
        );
    }

    // A voteringslista of 15 names that went over whole, leaving 58–74 mm under § 64
    // (Örebro's protokoll) and under § 70 (JH's utdrag-70), breaks after its first eight
    // names where they fit.
    for (pdf, title, vote) in [
        (
            meeting("orebro", "rs-2029-05-22-protokoll.pdf"),
            "Plan för reservvattenförsörjning",
            "Ja-röst för att ärendet avgörs i dag",
        ),
        (
            meeting("jh", "rs-2029-05-22-utdrag-70.pdf"),
            "Tilldelningsbeslut i upphandling",
            "Ja-röst för bifall till förslaget",
        ),
    ] {
        let starts = pages_with(&pdf, vote);
        assert_eq!(starts, pages_with(&pdf, title), "{}", pdf.display());
        assert!(
            pages_with(&pdf, "Omröstning (forts.)").contains(&(starts[0] + 1)),
            "{}",
            pdf.display()
        );
    }
}

/// Review 21's held-out set (written and judged by a helper as a typographer): each
/// assertion reads a defect the review saw.
#[test]
fn the_twenty_first_held_out_set_reads_as_fixed() {
    let p = built_fixture("held-out-21");
    let out = p.path().join("out");
    let meeting = |profile: &str, file: &str| out.join(format!("{profile}/sammantraden/{file}"));

    // § 28's jäv of two lines and its sammanfattning of one stay at p7's foot, its
    // decision overleaf (the review of session 52's diff: counted without its jäv, the
    // paragraph went over whole and the Örebro protokoll took a page more), and its
    // utdrag's first page holds the paragraph's start, not only the head.
    let protokoll = meeting("orebro", "rs-2030-03-12-protokoll.pdf");
    assert_eq!(page_count(&protokoll), 12);
    let p7 = page_text(&protokoll, 7);
    assert!(p7.contains("§ 28") && p7.contains("Sammanfattning"), "{p7}");
    let utdrag = meeting("orebro", "rs-2030-03-12-utdrag-28.pdf");
    assert!(page_text(&utdrag, 1).contains("Sammanfattning"));

    // The start of an ärendebeskrivning that stands in for a sammanfattning ends with a
    // sentence (it broke off at "Samtalet omfattar", the list cut), and is labelled as
    // what it is.
    for pdf in [
        meeting("jh", "rs-2030-03-12-protokoll.pdf"),
        meeting("jh", "rs-2030-03-12-utdrag-25.pdf"),
    ] {
        let text = pdf_text(&pdf);
        let at = text.find("Dnr RS/101/2030").expect("§ 25");
        let para = &text[at..];
        let para = &para[..para.find("Beslut").unwrap()];
        assert!(para.contains("Ärendebeskrivning"), "{para}");
        assert!(!para.contains("Sammanfattning"), "{para}");
        assert!(
            squash(para).contains(&squash("risken för hjärt- och kärlsjukdom.")),
            "{para}"
        );
    }

    // The members' pack says what it is on its first page, and where its secret pages
    // are (it differed from the public pack only in "1 (27)").
    for (profile, page) in [("jh", 16), ("orebro", 19)] {
        let members = page_text(&meeting(profile, "rs-2030-03-12-handlingar-ledamot.pdf"), 1);
        let notice = squash(&members);
        assert!(
            notice.contains(&squash(
                "Ledamotsexemplar – innehåller handlingar som omfattas av sekretess och får inte lämnas ut"
            )),
            "{members}"
        );
        // (A secret ärende's pages from its first to its last since session 56.)
        assert!(
            notice.contains(&squash(&format!("(OSL 19 kap. 3 §), sidan {page}")))
                || notice.contains(&squash(&format!("(OSL 19 kap. 3 §), sidorna {page}–"))),
            "{profile}: {members}"
        );
        let public = page_text(&meeting(profile, "rs-2030-03-12-handlingar.pdf"), 1);
        assert!(!public.contains("Ledamotsexemplar"), "{public}");
    }

    // The pack's kallelse is set at the kallelse's own size (the extra meeting's lists
    // were up to a fifth smaller in the pack), and a pack without documents has no
    // contents repeating the föredragningslista.
    for profile in ["jh", "orebro"] {
        let size = |file: &str| {
            page_words(&meeting(profile, file), 1)
                .into_iter()
                .find(|w| w.0 == "Björn")
                .map(|w| w.3)
                .expect("Björn Strand")
        };
        for stem in ["rs-2030-03-12", "rs-2030-03-26-extra"] {
            assert_eq!(
                size(&format!("{stem}-kallelse.pdf")),
                size(&format!("{stem}-handlingar.pdf")),
                "{profile} {stem}"
            );
        }
        // (The members' pack too, where its notice leaves the kallelse room.)
        assert_eq!(
            size("rs-2030-03-12-kallelse.pdf"),
            size("rs-2030-03-12-handlingar-ledamot.pdf"),
            "{profile}"
        );
        let extra = pdf_text(&meeting(profile, "rs-2030-03-26-extra-handlingar.pdf"));
        assert!(!extra.contains("Innehåll"), "{extra}");
        assert_eq!(
            page_count(&meeting(profile, "rs-2030-03-26-extra-handlingar.pdf")),
            1
        );
    }

    // A nine-column table's header words are not hyphenated ("Under-/sökta",
    // "Föränd-/ring" in Örebro's): the table is set a size smaller first.
    let report = pdf_text(&out.join("orebro/rapporter/uppfoljning-mammografiscreening-2029.pdf"));
    for word in ["Undersökta", "Återkallade", "Förändring"] {
        assert!(report.contains(word), "{word}: {report}");
    }
    assert!(
        !report.lines().any(|l| l.trim_end().ends_with('-')),
        "{report}"
    );

    // A long table's continuation is no stub of three rows and the sum row: at least
    // five rows and the sum go over (JH's 40-row table).
    let report = out.join("jh/rapporter/uppfoljning-mammografiscreening-2029.pdf");
    let n = *pages_with(&report, "(forts.)")
        .first()
        .expect("the table goes on");
    let text = page_text(&report, n);
    let rows = text
        .lines()
        .filter(|l| l.trim_start().starts_with("2029-"))
        .count();
    assert!(rows >= 5, "{rows} rows:\n{text}");

    // A reservation of six lines is kept whole with the recipients and the
    // attestation, which then stand on the page where the decision ends (it broke
    // across the pages, and the attestation went over without the decision).
    let yaml = p
        .path()
        .join("content/orebro/sammantraden/rs-2030-03-12.yaml");
    let text = std::fs::read_to_string(&yaml).unwrap().replacen(
        "till förmån för eget tilläggsyrkande.",
        "till förmån för eget tilläggsyrkande. Vänsterpartiet anser att målet om följsamhet till basala hygienrutiner måste nås redan 2031 och att regionen behöver avsätta särskilda medel för utbildning av hygienombud på varje vårdenhet. Utan sådana medel riskerar handlingsplanen att bli ett dokument utan verkan i verksamheten, och de vårdrelaterade infektionerna fortsätter att kosta både lidande och pengar. Vi vill därför se en tydlig tidplan, en budget och en årlig uppföljning i regionstyrelsen.",
        1,
    );
    p.write("content/orebro/sammantraden/rs-2030-03-12.yaml", &text);
    p.run(&[
        "build",
        "-q",
        "-o",
        "lang",
        "content/orebro/sammantraden/rs-2030-03-12.yaml",
    ])
    .ok();
    let u = p
        .path()
        .join("lang/orebro/sammantraden/rs-2030-03-12-utdrag-24.pdf");
    assert!(u.is_file(), "{}", u.display());
    assert_eq!(
        pages_with(&u, "redovisa arbetet med"),
        pages_with(&u, "Rätt utdraget intygar")
    );

    // A list's last item is not left alone at a page head (JH's "5. Februari 2033"
    // opened p4), nor its first alone at a page foot.
    for profile in ["jh", "orebro"] {
        let ts = out.join(format!("{profile}/arenden/ts-vardhygien-handlingsplan.pdf"));
        assert_eq!(
            pages_with(&ts, "Februari 2031"),
            pages_with(&ts, "Februari 2033"),
            "{profile}"
        );
        assert_eq!(
            pages_with(&ts, "Mars 2030: handlingsplanen"),
            pages_with(&ts, "April–juni 2030"),
            "{profile}"
        );
    }

    // "Paragrafen justeras omedelbart." written as the decision's last point is set
    // as the protokoll's own line (bold, after the decision), once, not as a point.
    for profile in ["jh", "orebro"] {
        let pdf = meeting(profile, "rs-2030-03-26-extra-protokoll.pdf");
        let text = squash(&pdf_text(&pdf));
        assert_eq!(
            text.matches(&squash("Paragrafen justeras omedelbart"))
                .count(),
            1,
            "{profile}: {text}"
        );
        if let Some(bold) = bold_lines(&pdf) {
            assert!(
                bold.iter()
                    .any(|l| l.starts_with("Paragrafen justeras omedelbart")),
                "{profile}: {bold:?}"
            );
        }
    }

    // A path's drive is not parted from its folder at a line end ("C:" / "\mappar").
    for profile in ["jh", "orebro"] {
        let ts = pdf_text(&out.join(format!("{profile}/arenden/ts-civilsamhalle-stod-2031.pdf")));
        assert!(
            ts.lines().any(|l| l.contains("C:\\mappar")),
            "{profile}: {ts}"
        );
    }

    // "Rätt utdraget intygar" stands on the page where the decision ends (spec): in
    // utdrag-24 the decision ended on p1 and p2 held a reservation's line, the
    // recipients and the attestation; in Örebro's utdrag-28 a protokollsanteckning,
    // seventeen recipients and the attestation.
    assert_no_utdrag_ends_on_its_closing_alone(&p);
    for (profile, file, last_point) in [
        (
            "jh",
            "rs-2030-03-12-utdrag-24.pdf",
            "redovisa arbetet med handlingsplanen",
        ),
        (
            "orebro",
            "rs-2030-03-12-utdrag-24.pdf",
            "redovisa arbetet med",
        ),
        (
            "orebro",
            "rs-2030-03-12-utdrag-28.pdf",
            "statsbidrag för civilt försvar",
        ),
    ] {
        let u = meeting(profile, file);
        assert_eq!(
            pages_with(&u, last_point),
            pages_with(&u, "Rätt utdraget intygar"),
            "{profile} {file}"
        );
    }
}

/// Held-out set 22 (review 22), as fixed: each assertion reads a defect the review found.
#[test]
fn the_twenty_second_held_out_set_reads_as_fixed() {
    let p = built_fixture("held-out-22");
    assert_no_title_past_the_margin(&p);
    let out = p.path().join("out");
    let orebro = |file: &str| out.join(format!("region-orebro/{file}"));
    let jh = |file: &str| out.join(format!("region-jh/{file}"));

    // A UNC path keeps every backslash the user typed (Markdown's escapes of "\\" and
    // "\)" took two).
    let ts = pdf_text(&orebro("arenden/26RS2207-tandvard-asylsokande.pdf"));
    assert!(
        squash(&ts).contains(&squash(r"\\regionorebrolan.se\ftv\uppfoljning\asyl\)")),
        "{ts}"
    );

    // A title's first line is not its first word alone where the next word fits
    // ("Gallringsbeslut / och informationshanteringsplan för / …"). (Not a first word of
    // fourteen letters or more before a preposition, which since session 51 leads on:
    // "Överenskommelse / med trossamfunden om andlig vård / …", review 50.)
    for (pdf, first) in [
        (
            jh("arenden/rs-regionarkiv-gallringsplan.pdf"),
            "Gallringsbeslut",
        ),
        (
            orebro("arenden/26RS1899-bevakning-sekretess.pdf"),
            "Tilldelning",
        ),
    ] {
        let text = page_text(&pdf, 1);
        assert!(!text.lines().any(|l| l.trim() == first), "{text}");
    }
    // Names, a tertial and a currency are not parted from what belongs to them.
    let ends = |pdf: &Path, word: &str| pdf_text(pdf).lines().any(|l| l.trim_end().ends_with(word));
    assert!(!ends(
        &jh("arenden/run-offentlig-konst-vardbyggnad.pdf"),
        "Vårdbyggnad"
    ));
    assert!(!ends(&orebro("arenden/26RS311-gavopolicy.pdf"), "€"));
    assert!(!ends(
        &orebro("sammantraden/hsn-2026-10-08-protokoll.pdf"),
        "tertial"
    ));

    // The last item of a list that ends the text is not alone at the head of the page
    // with the closing lists: the last two go over together.
    let kris = orebro("arenden/26RS1777-andlig-vard-kris.pdf");
    assert_eq!(
        pages_with(&kris, "företrädarna omfattas"),
        pages_with(&kris, "följs upp vartannat år")
    );

    // Sixteen recipients, one 1–2 pt too wide for half the line, are set in two
    // columns (it wrapped), not one per line: § 144's utdrag is one page, and the
    // recipients are not hyphenated.
    let u144 = orebro("sammantraden/hsn-2026-10-08-utdrag-144.pdf");
    assert_eq!(page_count(&u144), 1);
    let ts = pdf_text(&orebro("arenden/26RS1580-pollinatorer-sjukhusmark.pdf"));
    assert!(
        !ts.lines().any(|l| l.trim_end().ends_with("naturvårdsen-")),
        "{ts}"
    );

    // The decision's last point, written as the att-sats "att paragrafen justeras
    // omedelbart.", is recorded as written, the point before it with its comma (review
    // 32: the protokoll is the record of what was decided, in its words; review 22 had
    // it set as the protokoll's own line, the comma made a full stop).
    let text = pdf_text(&orebro("sammantraden/hsn-2026-10-08-protokoll.pdf"));
    assert!(text.contains("mars 2028,"), "{text}");
    assert!(
        squash(&text).contains(&squash("att paragrafen justeras omedelbart.")),
        "{text}"
    );
    assert!(!text.contains("mars 2028."), "{text}");

    // An address breaks after a slash, not inside a word ("…/fastighe / ter/"), and a
    // short recipient is not broken inside ("Ragunda / kommun").
    let snow = pdf_text(&jh("arenden/rs-snorojning-sjukhusomradet.pdf"));
    assert!(
        !snow.lines().any(|l| l.trim_end().ends_with("fastighe")),
        "{snow}"
    );
    let blood = pdf_text(&jh("arenden/hsn-blodbuss-inlandet.pdf"));
    let blood = &blood[blood.find("Utdrag till").expect("Utdrag till")..];
    assert!(
        !blood
            .lines()
            .any(|l| l.trim_end().ends_with("Ragunda") || l.trim_end().ends_with("Krokoms")),
        "{blood}"
    );

    // A members' pack with nothing secret says so in a line of the top margin, and its
    // kallelse is set as the public pack's (its box had the lists at 9 pt).
    let pack = |file: &str| orebro(&format!("sammantraden/hsn-2026-10-22-extra-{file}"));
    let members = pdf_text(&pack("handlingar-ledamot.pdf"));
    assert!(
        squash(&members).contains(&squash(
            "Ledamotsexemplar – innehåller inga handlingar som omfattas av sekretess."
        )),
        "{members}"
    );
    let size = |file: &str| {
        page_words(&pack(file), 1)
            .into_iter()
            .find(|w| w.0 == "Kristina")
            .map(|w| w.3)
            .expect("Kristina Björk")
    };
    assert_eq!(size("handlingar-ledamot.pdf"), size("handlingar.pdf"));

    // The notice of a paragraph justerad omedelbart says that its decision may be
    // appealed, not "besluten i protokollet", which the notice of the protokoll says.
    let one = squash(&pdf_text(&jh("sammantraden/hsn-2026-09-23-anslag-120.pdf")));
    assert!(
        one.contains(&squash("kan överklaga beslutet i § 120")),
        "{one}"
    );
    let all = squash(&pdf_text(&jh("sammantraden/hsn-2026-09-23-anslag.pdf")));
    assert!(
        all.contains(&squash("kan överklaga besluten i protokollet")),
        "{all}"
    );
    let html = std::fs::read_to_string(jh("sammantraden/hsn-2026-09-23-anslag-120.html")).unwrap();
    assert!(html.contains("kan överklaga beslutet i § 120"), "{html}");

    // A twelve-name voteringslista that whole left a third of its page empty (§ 143,
    // p3 at 64 %) breaks with seven names before the break and five after, under
    // "Omröstning (forts.)"; or, where it now fits whole on the page where its
    // paragraph goes on (§ headings of more than four lines are set smaller since
    // review 27), stands there whole with its result.
    let prot = orebro("sammantraden/hsn-2026-10-08-protokoll.pdf");
    // (The text layer gives the table's columns one after the other: a vote a line.)
    let names = |t: &str| {
        t.lines()
            .filter(|l| matches!(l.trim(), "Ja" | "Nej" | "Avstår"))
            .count()
    };
    let on = pages_with(&prot, "Omröstning (forts.)");
    if on.is_empty() {
        let list = pages_with(&prot, "beslutar med 7 ja-röster");
        assert_eq!(list.len(), 1, "{list:?}");
        let page = page_text(&prot, list[0]);
        assert_eq!(names(&page), 12, "{page}");
        assert!(page.contains("beslutar med 7 ja-röster"), "{page}");
        // The page before it is not left a third empty.
        let reach = body_reach(&prot);
        assert!(reach[list[0] - 2] > 0.7, "{reach:?}");
    } else {
        assert_eq!(on.len(), 1, "{on:?}");
        let before = page_text(&prot, on[0] - 1);
        let after = page_text(&prot, on[0]);
        assert!(before.contains("Helén Pettersson-Karlsson"), "{before}");
        assert_eq!((names(&before), names(&after)), (7, 5), "{before}\n{after}");
    }

    // A stock level in days is not summed ("Lager O neg (dagar)" summed to 314,3), and
    // a chart whose title ends in its unit gets no second one ("(antal) (enheter)").
    let rapport = pdf_text(&jh("rapporter/hsn-blodverksamhet-jan-aug-2026.pdf"));
    assert!(!rapport.contains("314,3"), "{rapport}");
    assert!(
        !squash(&rapport).contains(&squash("(antal) (enheter)")),
        "{rapport}"
    );

    // An utdrag 10 pt too long for its page at the first closer setting is set a step
    // closer: one page (its p2 held a one-line decision, a reservation, the recipients
    // and the attestation).
    assert_eq!(
        page_count(&jh("sammantraden/hsn-2026-09-23-utdrag-125.pdf")),
        1
    );
}

/// Review 23 (hörselvård, sjukresor, forskningsetik, ungdomsmottagning, reservvatten,
/// hjälpmedel; tolkservice, IT-säkerhet, palliativ vård, kulturstipendier,
/// miljöcertifiering, folktandvårdens taxor): each assertion reads a defect it found.
#[test]
fn the_twenty_third_held_out_set_reads_as_fixed() {
    let p = built_fixture("held-out-23");
    let out = p.path().join("out");
    let jh = |file: &str| out.join(format!("region-jh/{file}"));

    // The agenda begins on the kallelse's first page where its first item's first lines
    // fit there (two title-only items tied to a six-line item put it all on page 2,
    // the first page 30 % empty); the item breaks between its decision points.
    let kallelse = jh("sammantraden/hsn-2027-03-17-kallelse.pdf");
    let first = page_text(&kallelse, 1);
    assert!(
        first.contains("Föredragningslista") && first.contains("Ny riktlinje för hörselvård"),
        "{first}"
    );

    // Eighteen recipients, one of them three lines long in half the width, go in two
    // columns (one per line they took the sammanfattning's last paragraph to page 2
    // and left p1 45 % empty): the tjänsteskrivelse is one page.
    let orebro = |file: &str| out.join(format!("region-orebro/{file}"));
    let ts = orebro("arenden/27RS455-kulturstipendier-2027.pdf");
    assert_eq!(page_count(&ts), 1);
    // The columns are two stacks: the long recipient leaves no gap between the names
    // beside it (set in rows, "Sanna Kivelä-Rönnberg" and "Ensemble Hjälmaren" had two
    // blank lines between them).
    let words = page_words(&ts, 1);
    let top = |w: &str| words.iter().find(|x| x.0 == w).map(|x| x.2).unwrap();
    let (above, below) = (
        top("Sanna") - top("Mohammed"),
        top("Ensemble") - top("Sanna"),
    );
    assert!((above - below).abs() <= 2, "{above} {below}");

    // A decision of three points under a 13-name voteringslista begins on the list's
    // page (going over whole with the reservations, the note, the recipients and the
    // attestation left that page 56 % empty), and the attestation stands where the
    // decision ends. (Its list, one table that may break since review 29, now stands
    // whole with the decision and the attestation on one page: the utdrag is two pages
    // and its bilaga, not three.)
    let u73 = orebro("sammantraden/rs-2027-04-13-utdrag-73.pdf");
    let list = pages_with(&u73, "Hussein Al-Saedi");
    assert_eq!(
        list,
        pages_with(&u73, "godkänna förslaget till ny organisation")
    );
    assert_eq!(
        pages_with(&u73, "Rätt utdraget intygar"),
        pages_with(&u73, "avgiften för uteblivna tolkbesök"),
        "{}",
        pdf_text(&u73)
    );
    assert!(page_count(&u73) <= 3, "{}", pdf_text(&u73));
    assert_eq!(
        pages_with(&u73, "Rätt utdraget intygar"),
        pages_with(&u73, "den 1 september 2027")
    );

    // A running list of recipients does not end on the last one alone ("UMO" under
    // sixteen others), nor part a suspended compound at its hyphen ("barn- / och").
    for pdf in [
        jh("arenden/hsn-ungdomsmottagningar-samverkan.pdf"),
        jh("sammantraden/hsn-2027-03-17-utdrag-26.pdf"),
    ] {
        let text = pdf_text(&pdf);
        assert!(!text.lines().any(|l| l.trim() == "UMO"), "{text}");
        assert!(
            !text.lines().any(|l| l.trim_end().ends_with("barn-")),
            "{text}"
        );
    }
    // (Bound to the one before it, not by a runt cost, which broke three recipients
    // after the first: "Beslutet skickas till: Hälso- och sjukvårdsdirektören;" alone.)
    let u24 = pdf_text(&jh("sammantraden/hsn-2027-03-17-utdrag-24.pdf"));
    assert!(
        !u24.lines()
            .any(|l| l.trim_end().ends_with("sjukvårdsdirektören;")),
        "{u24}"
    );

    // A short paragraph goes on where it falls, its decision overleaf, when moving it
    // whole leaves a fifth of the page empty: the protokoll's last paragraph (§ 83,
    // "Övriga frågor") is not alone on its last page; p7 held § 76–77 at 70 %.
    let prot = orebro("sammantraden/rs-2027-04-13-protokoll.pdf");
    // (Since review 27's smaller long § headings and two-column name lists, §§ 82–83
    // stand together on the last page, § 80 before them.)
    let last = pages_with(&prot, "§ 83");
    assert_eq!(last, pages_with(&prot, "§ 82"), "{}", pdf_text(&prot));

    // A sum row adds neither prices nor lead times (it printed "643 146" for the
    // prices of 45 treatments and "865,4" days).
    let taxor = pdf_text(&orebro("rapporter/folktandvard-taxor-2027.pdf"));
    assert!(!taxor.contains("643 146"), "{taxor}");
    let hjalpmedel = pdf_text(&jh("rapporter/hsn-hjalpmedel-2026.pdf"));
    assert!(!hjalpmedel.contains("865,4"), "{hjalpmedel}");
    // Its header words are whole: the long label column gives way (review 24 read
    // "Återläm-/nade", "Reklama-/tioner" beside a label column with room to spare).
    for word in ["Återlämnade", "Reklamationer"] {
        assert!(hjalpmedel.contains(word), "{word}: {hjalpmedel}");
    }
}

#[test]
fn the_twenty_fourth_held_out_set_reads_as_fixed() {
    let p = built_fixture_settled("held-out-24");
    let out = p.path().join("out");
    let jh = |file: &str| out.join(format!("region-jh/{file}"));
    let orebro = |file: &str| out.join(format!("region-orebro/{file}"));

    // Review 29 m12: a bilaga whose title ends in its own parenthesis takes its pages
    // inside it ("(inskannad, 1 sida)", not "(inskannad) (1 sida)").
    let internat = squash(&pdf_text(&jh("arenden/rs-folkhogskola-internat.pdf")));
    for kept in [
        "Statusbesiktning av internatet (inskannad, 1 sida)",
        "Ritningar etapp 1 och 2 (liggande format, 1 sida)",
    ] {
        assert!(internat.contains(&squash(kept)), "{kept}: {internat}");
    }
    assert!(!internat.contains("(inskannad) ("), "{internat}");

    // A sum row adds no scores on a scale and no means ("Nöjdhet (1–5)" summed to
    // 25,5 and "Nöjdhet (1–5, medel)" to 198,4).
    let vard = pdf_text_raw(&jh("rapporter/hsn-digitala-vardbesok-2026.pdf"));
    let sums: Vec<&str> = vard.lines().filter(|l| l.starts_with("Summa ")).collect();
    assert_eq!(sums.len(), 2, "{vard}");
    for s in &sums {
        assert!(!s.contains("25,5") && !s.contains("198,4"), "{s}");
    }
    // No header word is hyphenated where the label column can give way
    // ("Patientav-/gifter"); since review 58 it may break at its joint
    // ("Patient-/avgifter (tkr)").
    assert!(
        vard.contains("Patientavgifter") || vard.contains("Patient\u{ad}\navgifter"),
        "{vard}"
    );
    assert!(!vard.contains("Patientav\u{ad}"), "{vard}");

    // A chart's category labels keep "15 000" whole, and "e-tjänster".
    let matvanor = orebro("rapporter/matvanor-unga-2026.pdf");
    let text = pdf_text_raw(&matvanor);
    assert!(
        !text
            .lines()
            .any(|l| l.trim_end().ends_with(" 15") || l.starts_with("000 ")),
        "{text}"
    );
    assert!(
        !vard.lines().any(|l| l.trim_end().ends_with(" e-")),
        "{vard}"
    );
    // Four short key figures are one table on one page (2/2, the report's last page
    // held only the last two).
    assert_eq!(
        pages_with(&matvanor, "Andel elever som äter skollunch dagligen"),
        pages_with(&matvanor, "Andel kommuner med kostpolicy"),
    );

    // A text's last paragraph does not go over with a long list of recipients (19
    // names, one per line) or three closing lists: the Sammanfattning and "Ekonomiska
    // konsekvenser" stay on page 1, which was left half empty.
    let ts597 = orebro("arenden/27RS597-energieffektivisering.pdf");
    assert!(
        page_text(&ts597, 1).contains("Sammanfattning"),
        "{}",
        pdf_text(&ts597)
    );
    // The nineteen, one per line, begin under it and go on overleaf under their label
    // (whole, they left a third of page 1 empty).
    assert!(
        page_text(&ts597, 1).contains("Regiondirektören"),
        "{}",
        pdf_text(&ts597)
    );
    let p2 = page_text(&ts597, 2);
    assert!(
        p2.contains("Skickas till (forts.)") && p2.contains("Kommunikationsavdelningen"),
        "{p2}"
    );
    let ts610 = orebro("arenden/27RS610-regional-utvecklingsstrategi.pdf");
    assert!(
        page_text(&ts610, 1).contains("Ekonomiska konsekvenser"),
        "{}",
        pdf_text(&ts610)
    );

    // The agenda begins on the kallelse's first page with its two title-only items
    // (tied to the long third item, all of it went to page 2 and left a third of page
    // 1 empty). Where it would begin in the page's last sixth (Örebro's), it goes over
    // whole, and the page ends with the note on absence (review 41); the choice is
    // kept, so the layout settles (at a quarter, JH's did not, and moved, its pack
    // left p1 a fifth empty).
    let first = page_text(&jh("sammantraden/hsn-2027-04-21-kallelse.pdf"), 1);
    assert!(
        first.contains("Föredragningslista") && first.contains("Val av justerare"),
        "{first}"
    );
    let kallelse = orebro("sammantraden/rs-2027-05-04-kallelse.pdf");
    let first = page_text(&kallelse, 1);
    assert!(!first.contains("Föredragningslista"), "{first}");
    assert!(first.contains("Den som är förhindrad"), "{first}");
    assert!(
        first_body_line(&page_text(&kallelse, 2)).starts_with("Föredragningslista"),
        "{}",
        page_text(&kallelse, 2)
    );

    // A stretch between places is not broken after its dash ("Örebro– / Arboga").
    let prot = pdf_text_raw(&orebro("sammantraden/rs-2027-05-04-protokoll.pdf"));
    assert!(
        !prot.lines().any(|l| l.trim_end().ends_with("Örebro–")),
        "{prot}"
    );

    // Straight quotes in the text are set as Swedish ones.
    let barn = pdf_text(&jh("arenden/hsn-barnhalsovard-program.pdf"));
    assert!(barn.contains("”Grunda sunda vanor”"), "{barn}");
}

#[test]
fn the_twenty_fifth_held_out_set_reads_as_fixed() {
    let p = built_fixture_settled("held-out-25");
    let out = p.path().join("out");
    let jh = |file: &str| out.join(format!("region-jh/{file}"));
    let orebro = |file: &str| out.join(format!("region-orebro/{file}"));

    // A Markdown table's bold sum row is measured bold: "80,7 %" stays on its line
    // (measured at regular weight, it wrapped "80,7 / %" in every column).
    let cancer = pdf_text_raw(&orebro("arenden/28RS118-cancerscreening-livmoderhals.pdf"));
    assert!(cancer.contains("80,7 % 80,6 %"), "{cancer}");

    // A report table keeps a range with its unit and a header's scale whole ("7–12 /
    // år", "Nöjdhet (1– / 5, medel)").
    let tand = pdf_text_raw(&jh("rapporter/hsn-tandreglering-2027.pdf"));
    assert!(
        !tand
            .lines()
            .any(|l| l.trim_end().ends_with("(1–") || l.trim() == "år" || l.starts_with("år ")),
        "{tand}"
    );

    // A report's subtitle is not hyphenated ("sjukfrån-/varo").
    let enkat = page_text(&orebro("rapporter/medarbetarenkat-2027.pdf"), 1);
    assert!(
        !enkat.contains("sjukfrån-") && !enkat.contains("sjukfrån\u{ad}"),
        "{enkat}"
    );

    // A distance keeps its unit ("9,7 / km").
    let cykel = pdf_text_raw(&orebro(
        "arenden/28RS131-cykelinfrastruktur-medfinansiering.pdf",
    ));
    assert!(
        !cykel.lines().any(|l| l.trim_end().ends_with(" 9,7")),
        "{cykel}"
    );

    // A road keeps its number and a decision its organ and year ("länsväg / 207",
    // "(RF / § 114/2026)").
    assert!(
        !cykel.lines().any(|l| l.trim_end().ends_with("länsväg")),
        "{cykel}"
    );
    let sol = pdf_text_raw(&jh("arenden/rs-solceller-vardbyggnader.pdf"));
    assert!(!sol.lines().any(|l| l.trim_end().ends_with("(RF")), "{sol}");
    // The change of an index by its name is not summed ("Förändring HME mot 2025"
    // summed to 60,9).
    let enkat = pdf_text_raw(&orebro("rapporter/medarbetarenkat-2027.pdf"));
    assert!(
        enkat
            .lines()
            .filter(|l| l.starts_with("Summa "))
            .all(|l| !l.contains("60,9")),
        "{enkat}"
    );

    // The pack's contents set quotes as the kallelse and the protokoll do.
    let pack = pdf_text(&jh("sammantraden/hsn-2028-03-15-handlingar.pdf"));
    assert!(pack.contains("”Nära vård 2030”"), "{pack}");
}

#[test]
fn the_twenty_sixth_held_out_set_reads_as_fixed() {
    let p = built_fixture("held-out-26");
    let out = p.path().join("out");
    let jh = |file: &str| out.join(format!("region-jh/{file}"));
    let orebro = |file: &str| out.join(format!("region-orebro/{file}"));
    let lines_of = |pdf: &Path| -> Vec<String> {
        pdf_text_raw(pdf)
            .lines()
            .map(|l| l.trim().to_string())
            .collect()
    };

    // A beslutsunderlag's line is not hyphenated next to a compound's joint (filter
    // `avstavad`): "… bild- och funktionsme- / dicin" (review 43's m9) breaks
    // "funktions- / medicin".
    let text = pdf_text(&orebro("arenden/28RS210-upphandling-medicinteknik.pdf"));
    assert!(!text.contains("funktionsme\u{ad}\n"), "{text}");
    assert!(
        text.contains("funktions\u{ad}\nmedicin 2028-09-22"),
        "{text}"
    );

    // A proposal to fullmäktige is recorded as one, in the protokoll, the utdrag and the
    // kallelse (they read "Regionstyrelsen beslutar / att godkänna hyresavtal …").
    let proposal =
        squash("Regionstyrelsen föreslår regionfullmäktige besluta att godkänna hyresavtal");
    for file in [
        "rs-2028-10-24-protokoll.pdf",
        "rs-2028-10-24-utdrag-206.pdf",
    ] {
        let text = squash(&pdf_text(&orebro(&format!("sammantraden/{file}"))));
        assert!(text.contains(&proposal), "{file}");
        assert!(
            !text.contains(&squash("Regionstyrelsen beslutar att godkänna hyresavtal")),
            "{file}"
        );
    }
    let kallelse = squash(&pdf_text(&orebro(
        "sammantraden/rs-2028-10-24-kallelse.pdf",
    )));
    assert!(kallelse.contains(&squash(
        "Förslag till beslut i regionstyrelsen: Regionstyrelsen föreslår regionfullmäktige besluta"
    )));

    // The last paragraph (§ 212 Övriga frågor, two lines and "Noteras.") does not make
    // the protokoll's last page alone: § 211 is on its page.
    let protokoll = orebro("sammantraden/rs-2028-10-24-protokoll.pdf");
    let last = (1..=page_count(&protokoll))
        .find(|&n| page_text(&protokoll, n).contains("§ 212"))
        .expect("§ 212");
    assert!(
        page_text(&protokoll, last).contains("§ 211"),
        "§ 212 ensam på sidan {last}"
    );

    // Digital justering: the utdrag has its signature field for the attestation.
    let utdrag = std::fs::read(orebro("sammantraden/rs-2028-10-24-utdrag-206.pdf")).unwrap();
    let has = |needle: &[u8]| utdrag.windows(needle.len()).any(|w| w == needle);
    assert!(
        has(b"/Sig") && has(b"intygande"),
        "inget signaturfält i utdraget"
    );

    // Kept together: a number with its long unit, a provision with its chapter, a
    // diarienummer after "dnr", a comparison with its number.
    let hyra = lines_of(&orebro("arenden/28RS240-hyresavtal-vardlokaler.pdf"));
    assert!(!hyra.iter().any(|l| l.ends_with("6 840")), "{hyra:?}");
    let tillg = lines_of(&jh("arenden/hsn-tillganglighet-vardcentraler.pdf"));
    assert!(!tillg.iter().any(|l| l.ends_with("kap.")), "{tillg:?}");
    for pdf in [
        jh("sammantraden/hsn-2028-10-18-kallelse.pdf"),
        jh("sammantraden/hsn-2028-10-18-protokoll.pdf"),
    ] {
        let lines = lines_of(&pdf);
        assert!(!lines.iter().any(|l| l.ends_with("(dnr")), "{lines:?}");
    }
    let flotta = lines_of(&jh("rapporter/rs-fordonsflotta-laddinfrastruktur.pdf"));
    assert!(!flotta.iter().any(|l| l.ends_with("(≥")), "{flotta:?}");
    // A title line never begins with a spaced dash.
    let stod = lines_of(&jh("arenden/rs-stod-landsbygdsforetag.pdf"));
    assert!(!stod.iter().any(|l| l.starts_with("– ")), "{stod:?}");

    // The running head of a long two-part title is its first part ("… för en säker
    // och…" before).
    let forl = orebro("rapporter/forlossningsvard-uppfoljning-2028.pdf");
    let head = page_text(&forl, 3);
    assert!(
        head.lines()
            .next()
            .unwrap_or_default()
            .contains("Förlossningsvården i Örebro län · Dnr 28RS199"),
        "{head}"
    );
    // The wide table's landscape page takes its section heading and introduction.
    let table = (1..=page_count(&forl))
        .find(|&n| page_text(&forl, n).contains("Tabell 1"))
        .expect("Tabell 1");
    let page = page_text(&forl, table);
    assert!(page.contains("Produktion och ekonomi"), "{page}");
    assert!(page.contains("Tabellen visar produktion"), "{page}");

    // The kallelse's long third item begins on page 1 (two title-only items stood
    // alone there, a fifth of the page empty under them).
    let k1 = squash(&page_text(
        &jh("sammantraden/hsn-2028-10-18-kallelse.pdf"),
        1,
    ));
    assert!(
        k1.contains(&squash("3. Handlingsplan för tillgänglighetsanpassning")),
        "{k1}"
    );

    // A closing förslag of three points begins on page 1 (it went over whole with the
    // signatures and the lists, page 1 at 68 %).
    let inf = jh("arenden/hsn-influensavaccination.pdf");
    assert!(page_text(&inf, 1).contains("Regiondirektörens förslag till beslut"));
}

#[test]
fn a_title_line_never_ends_in_a_short_word_that_leads_on() {
    // Review 27: "Samverkansavtal om / skoterleder och räddningsvägar för /
    // ambulanssjukvården i fjällvärlden" (a line ending in "för") and "Försäljning av /
    // fastigheten Örebro Vivalla 3:12 (f.d. / Vivalla vårdcentral)".
    const LEADS_ON: [&str; 9] = ["om", "och", "för", "av", "i", "med", "till", "på", "(f.d."];
    for (profile, dnr, rubrik) in [
        (
            "region-jh",
            "HSN/17/2024",
            "Samverkansavtal om skoterleder och räddningsvägar för ambulanssjukvården i fjällvärlden",
        ),
        (
            "region-orebro",
            "28RS318",
            "Försäljning av fastigheten Örebro Vivalla 3:12 (f.d. Vivalla vårdcentral)",
        ),
    ] {
        let p = Project::new();
        p.write(
            "content/t.yaml",
            &format!(
                "profil: {profile}\n{}",
                tjanst("")
                    .replace("Provärende om bänkar i väntrummet", rubrik)
                    .replace("HSN/17/2024", dnr)
            ),
        );
        p.run(&["build"]).ok();
        let text = page_text(&p.path().join("out/t.pdf"), 1);
        let lines: Vec<&str> = text.lines().map(str::trim).collect();
        let first = lines
            .iter()
            .position(|l| rubrik.starts_with(l) && !l.is_empty())
            .unwrap_or_else(|| panic!("{text}"));
        let mut title = String::new();
        for l in &lines[first..] {
            if title.len() >= rubrik.len() {
                break;
            }
            let last = l.rsplit(' ').next().unwrap();
            assert!(
                title.len() + l.len() >= rubrik.len() || !LEADS_ON.contains(&last),
                "{profile}: a title line ends in {last:?}:\n{text}"
            );
            title.push_str(l);
            title.push(' ');
        }
        assert_eq!(title.trim(), rubrik, "{text}");
    }
}

/// Review 27 (fallprevention, avgifter för intyg, kulturplan, skoterleder, väntetider
/// i akutsjukvården; måltidsleveranser, sociala medier, integrationsprojekt, Vivalla
/// 3:12, sjukfrånvaro): each assertion reads a defect it found.
#[test]
fn the_twenty_seventh_held_out_set_reads_as_fixed() {
    let p = built_fixture("held-out-27");
    let out = p.path().join("out");
    let jh = |file: &str| out.join(format!("region-jh/{file}"));
    let orebro = |file: &str| out.join(format!("region-orebro/{file}"));

    // M3: eleven ledamöter, three with roles, kept the attendance off page 1 ("Se
    // närvarolistan på sidan 2") and left it half empty.
    let prot = jh("sammantraden/hsn-2028-11-15-protokoll.pdf");
    let first = page_text(&prot, 1);
    assert!(!first.contains("Se närvarolistan"), "{first}");
    assert!(first.contains("Margareta Jonsson-Strand (S),"), "{first}");

    // M1: utdrag-248, two lines too long, broke its three-point decision 1/2 and left a
    // quarter of page 1 empty; set closest (its four recipients in two columns) it is
    // one page.
    assert_eq!(
        page_count(&orebro("sammantraden/rs-2028-11-21-utdrag-248.pdf")),
        1
    );

    // M4: no title line ends in a short word that leads on ("… räddningsvägar för /
    // ambulanssjukvården", "(f.d. / Vivalla vårdcentral)").
    for (pdf, rubrik) in [
        (
            jh("arenden/hsn-samverkansavtal-skoterleder.pdf"),
            "Samverkansavtal om skoterleder och räddningsvägar för ambulanssjukvården i fjällvärlden",
        ),
        (
            orebro("arenden/28RS318-forsaljning-vivalla.pdf"),
            "(f.d. Vivalla vårdcentral)",
        ),
    ] {
        let text = page_text(&pdf, 1);
        for line in text
            .lines()
            .map(str::trim)
            .filter(|l| rubrik.contains(*l) && !l.is_empty())
        {
            let last = line.rsplit(' ').next().unwrap();
            assert!(
                !["om", "och", "för", "av", "i", "(f.d."].contains(&last) || rubrik.ends_with(line),
                "{line:?} in\n{text}"
            );
        }
    }

    // M5: the sjukfrånvaro table's headers kept their spans ("50– / år", "Långtid (> /
    // 59 dagar)", and measured as "59 dagar" the box wrapped inside: "( > 59) / dagar").
    let sjuk = orebro("rapporter/sjukfranvaro-2028.pdf");
    let raw = pdf_text_raw(&sjuk);
    for kept in ["–29 år", "50– år", "(> 59 dagar)"] {
        assert!(raw.lines().any(|l| l.contains(kept)), "{kept}:\n{raw}");
    }

    // M6: § 245's heading of eight lines is set smaller (its first word's height
    // against § 248's, a heading of three lines).
    let rs = orebro("sammantraden/rs-2028-11-21-protokoll.pdf");
    let bbox = poppler("pdftotext", &["-bbox", rs.to_str().unwrap(), "-"]);
    let height =
        |word: &str| word_box(&bbox, word, "yMax", false) - word_box(&bbox, word, "yMin", false);
    assert!(
        height("Ansökan") < 0.9 * height("Revisionsberättelse"),
        "{} against {}",
        height("Ansökan"),
        height("Revisionsberättelse")
    );
    // Review 29 (m4, m10): the smaller heading keeps its number at the size of the
    // others ("§ 245" was set smaller with its title), and a three-digit number has
    // room before its title, the title column the same for both. (The numbers in the
    // headings: those at the margin's number column, not the attendance's "§ 248".)
    let number = |n: &str| -> (f32, f32) {
        let get = |line: &str, key: &str| -> f32 {
            line.split(&format!("{key}=\""))
                .nth(1)
                .and_then(|v| v.split('"').next())
                .and_then(|v| v.parse().ok())
                .unwrap()
        };
        let at = word_box(&bbox, "245", "xMin", false);
        let line = bbox
            .lines()
            .find(|l| l.ends_with(&format!(">{n}</word>")) && (get(l, "xMin") - at).abs() < 0.01)
            .unwrap_or_else(|| panic!("§ {n}"));
        (get(line, "yMax") - get(line, "yMin"), get(line, "xMax"))
    };
    let (h245, _) = number("245");
    let (h248, end248) = number("248");
    assert!((h245 - h248).abs() < 0.3, "{h245} against {h248}");
    let x = |word: &str| word_box(&bbox, word, "xMin", false);
    assert!(
        x("Revisionsberättelse") - end248 >= 0.7 * h248,
        "{} – {end248}",
        x("Revisionsberättelse")
    );
    assert!((x("Ansökan") - x("Revisionsberättelse")).abs() < 0.5);

    // m2: "OSL 19 kap. 3 §" is kept whole in the list of bilagor.
    let vivalla = pdf_text_raw(&orebro("arenden/28RS318-forsaljning-vivalla.pdf"));
    assert!(
        vivalla.lines().any(|l| l.contains("OSL 19 kap. 3 §")),
        "{vivalla}"
    );

    // m8: a role is kept whole in the kallelse's list of members ("förste vice /
    // ordförande").
    let kallelse = page_text(&orebro("sammantraden/rs-2028-11-21-kallelse.pdf"), 1);
    assert!(kallelse.contains("förste vice ordförande"), "{kallelse}");

    // M2: the skoterleder TS's two-sentence förslag went over with "I tjänsten" and the
    // lists and left page 1 at 62 %: it now stays under the text, and page 2 holds the
    // signature and the lists (ten lines: no near-empty page).
    let skoter = jh("arenden/hsn-samverkansavtal-skoterleder.pdf");
    assert_eq!(page_count(&skoter), 2);
    let first = squash(&page_text(&skoter, 1));
    for kept in [
        "Regiondirektörens förslag",
        "godkänns för perioden",
        "får i uppdrag att underteckna avtalet.",
    ] {
        assert!(first.contains(&squash(kept)), "{kept}: {first}");
    }
    let second = page_text(&skoter, 2);
    for over in [
        "I tjänsten",
        "Bilagor",
        "Utdrag till",
        "Länsstyrelsen i Jämtlands län",
    ] {
        assert!(second.contains(over), "{over}: {second}");
    }
}

/// Review 28 (demensplan, jourmottagning, skolhälsovård, ambulansflyg, läkemedels-
/// kostnader; patienttransporter, representation, vätgas, Söderhallen,
/// patientsäkerhetsberättelse): each assertion reads a defect it found.
#[test]
fn the_twenty_eighth_held_out_set_reads_as_fixed() {
    let p = built_fixture("held-out-28");
    assert_no_title_past_the_margin(&p);
    let out = p.path().join("out");
    let jh = |file: &str| out.join(format!("region-jh/{file}"));
    let orebro = |file: &str| out.join(format!("region-orebro/{file}"));

    // M1: the title broke "Regional / plan för vård och omsorg om personer / …" (the
    // short words bound in boxes, the line breaker set the first word alone): now three
    // balanced lines, none ending in a short word.
    let demens = page_lines(&jh("arenden/hsn-demensplan.pdf"), 1);
    assert!(!demens.iter().any(|l| l == "Regional"), "{demens:?}");
    let at = demens
        .iter()
        .position(|l| l.starts_with("Regional plan"))
        .unwrap_or_else(|| panic!("{demens:?}"));
    assert!(demens[at].split(' ').count() >= 3, "{demens:?}");
    for l in &demens[at..at + 2] {
        assert!(
            !["för", "och", "om", "med"].contains(&l.rsplit(' ').next().unwrap()),
            "{l:?}"
        );
    }

    // M2: a property's designation is one name ("Örebro Söder / 5:7"), in the title,
    // the § heading and the utdrag: no line ends in "Söder" or begins with "5:7".
    for pdf in [
        orebro("arenden/28RS411-forvarv-soderhallen.pdf"),
        orebro("sammantraden/rs-2028-12-01-protokoll.pdf"),
        orebro("sammantraden/rs-2028-12-01-utdrag-256.pdf"),
    ] {
        let text = pdf_text(&pdf);
        assert!(text.contains("Söder 5:7"), "{}", pdf.display());
        for l in text.lines() {
            assert!(
                !l.trim_end().ends_with(" Söder") && !l.trim_start().starts_with("5:7"),
                "{}: {l:?}",
                pdf.display()
            );
        }
    }

    // m2: the kallelse's five-point förslag (sentences) broke 1 | 4: its first two
    // points now stand on one page.
    let kallelse = jh("sammantraden/hsn-2028-12-13-kallelse.pdf");
    let on = |needle: &str| pages_with_squashed(&kallelse, needle);
    assert_eq!(
        on("demenssjukdom 2029–2032 fastställs."),
        on("gemensamt demensteam"),
        "the first two points parted"
    );

    // m5: a chart caption whose title ends in its own parentheses takes its unit
    // after a comma, and is not hyphenated ("(andel av vårdtill-/fällen) (procent)").
    let psb = pdf_text(&orebro("rapporter/patientsakerhetsberattelse-2028.pdf"));
    assert!(
        squash(&psb).contains(&squash("(andel av vårdtillfällen), procent")),
        "{psb}"
    );
    assert!(!psb.contains("vårdtill-"), "{psb}");

    // M3: § 258's decision opened p10 after its thirteen-name list and result on p9.
    // From review 28 the list's last five names and the result went over with the
    // decision under "Omröstning (forts.)", which left p9 a quarter empty under nine
    // names and made the protokoll a page longer (§§ 262–263 on a page of their own at
    // a quarter). Reviews 35 and 36 marked such 10 | 5 splits over a hole as the worse
    // defect: where the chain left a seventh of the page empty, the whole list and its
    // result stay on p9 and the decision opens p10, under its label.
    let rs = orebro("sammantraden/rs-2028-12-01-protokoll.pdf");
    let decision = pages_with(&rs, "bevilja direktionen i Kommunalförbundet");
    assert_eq!(decision.len(), 1, "{}", pdf_text(&rs));
    let list = page_text(&rs, decision[0] - 1);
    assert_eq!(vote_list_rows(&list), [13], "{list}");
    assert!(
        list.contains("Regionstyrelsen beslutar med 9 ja-röster mot 3 nej-röster"),
        "{list}"
    );
    assert_eq!(first_body_line(&page_text(&rs, decision[0])), "Beslut");
    assert_eq!(page_count(&rs), 12);

    // m11: a unit too long for its line broke one word from its end ("Hälso- och
    // sjukvårdsförvaltningen, Kunskapsstyrning och / utveckling"): it breaks after
    // the comma that ends the administration's name.
    let demens = page_lines(&jh("arenden/hsn-demensplan.pdf"), 1);
    let at = demens
        .iter()
        .position(|l| l.starts_with("Hälso- och sjukvårdsförvaltningen"))
        .unwrap_or_else(|| panic!("{demens:?}"));
    assert_eq!(
        demens[at], "Hälso- och sjukvårdsförvaltningen,",
        "{demens:?}"
    );
    assert_eq!(
        demens[at + 1],
        "Kunskapsstyrning och utveckling",
        "{demens:?}"
    );

    // M4: ambulansflyg, two lines too long for one page, went to two with its
    // two-point förslag, the signature and the lists on page 2 and page 1 a third
    // empty: set closer (the closing blocks too), it is one page, in full.
    let flyg = jh("arenden/hsn-ambulansflyg.pdf");
    assert_eq!(page_count(&flyg), 1);
    let text = squash(&page_text(&flyg, 1));
    for kept in [
        "Regiondirektörens förslag",
        "får i uppdrag att underteckna avtalet.",
        "I tjänsten",
        "Anders Wiklund-Sjöberg",
        "Bilaga 2. Prisbilaga och beredskapsnivåer",
        "Kommunalförbundet Svenskt Ambulansflyg",
    ] {
        assert!(text.contains(&squash(kept)), "{kept}: {text}");
    }
    // The last recipient's last words are kept together from a word's start, never
    // from inside a long word ("Kom / munalförbundet Svenskt Ambulansflyg").
    let raw = pdf_text(&jh("arenden/hsn-ambulansflyg.pdf"));
    assert!(raw.contains("Kommunalförbundet"), "{raw}");
}

/// Review 29 (engångsplast, ST-tjänster, utskrivningsklara, hyrpersonal, smärta,
/// journalkopior, vårdval, sterilcentral, patientföreningar, våld i nära relationer;
/// anestesigaser, textilservice, fuktskador, pensionsredovisning, firmatecknare,
/// idrottsbidrag, reglemente, placeringspolicy, visselblåsare, feriearbete,
/// finansrapport): each assertion reads a defect it found.
#[test]
fn the_twenty_ninth_held_out_set_reads_as_fixed() {
    let p = built_fixture_settled("held-out-29");
    assert_no_title_past_the_margin(&p);
    let out = p.path().join("out");
    let jh = |file: &str| out.join(format!("region-jh/{file}"));
    let orebro = |file: &str| out.join(format!("region-orebro/{file}"));

    // M1: "Finansrapport / 2028 – pensionsmedelsförvaltning, …": a word and its year
    // are one name.
    let finans = page_lines(&orebro("rapporter/finansrapport-2028.pdf"), 1);
    assert!(
        finans.iter().any(|l| l == "Finansrapport 2028 –"),
        "{finans:?}"
    );
    // The subtitle's last line was one word ("… placeringspolicyns / limiter").
    assert!(!finans.iter().any(|l| l == "limiter"), "{finans:?}");
    // m5: no heading or title line ends after the suspended hyphen ("… i hälso- /
    // och sjukvården").
    for pdf in [
        jh("arenden/hsn-engangsplast.pdf"),
        orebro("sammantraden/rs-2029-04-11-protokoll.pdf"),
        orebro("sammantraden/rs-2029-04-11-utdrag-90.pdf"),
    ] {
        let text = pdf_text(&pdf);
        assert!(
            !text.lines().any(|l| l.trim_end().ends_with(" hälso-")),
            "{}:\n{text}",
            pdf.display()
        );
    }

    // M3: § 97's fifteen-name list went over whole and left 30 % of p9 empty (it was
    // kept whole by a choice made before the layout settled). Given in two parts, a
    // list now begins on the page of its proposition, and the page before it is not
    // left with a gap where its first eight names would have fitted: the text there
    // ends in its last fifth.
    let prot = orebro("sammantraden/rs-2029-04-11-protokoll.pdf");
    let list = pages_with_squashed(
        &prot,
        "nej-röst för bifall till Hedvig Sandbergs (V) ändringsyrkande.",
    );
    assert_eq!(list.len(), 1);
    let before = page_words(&prot, list[0] - 1);
    let lowest = before.iter().map(|w| w.2 + w.3).max().unwrap();
    assert!(lowest > 6100, "p{} ends at {lowest}", list[0] - 1);
    assert!(pdf_text(&prot).contains("Omröstning (forts.)"));

    // m1: the unit breaks after the administration's comma, not one word from its end
    // ("… Kunskapsstyrning och / utveckling").
    let smarta = page_lines(&jh("arenden/hsn-yttrande-smarta.pdf"), 1);
    let at = smarta
        .iter()
        .position(|l| l.starts_with("Hälso- och sjukvårdsförvaltningen"))
        .unwrap_or_else(|| panic!("{smarta:?}"));
    assert_eq!(
        smarta[at + 1],
        "Kunskapsstyrning och utveckling",
        "{smarta:?}"
    );

    // m2: anestesigaser's closing lists missed p2 by a few points and made a third page
    // of their own: set closer, they stay under the text.
    let gaser = orebro("arenden/29RS214-anestesigaser.pdf");
    assert_eq!(page_count(&gaser), 2, "{}", pdf_text(&gaser));
    let last = squash(&page_text(&gaser, 2));
    for kept in [
        "Konsekvenser för patienter",
        "Beslutsunderlag",
        "Skickas till",
        "Regionservice, Medicinska gaser",
    ] {
        assert!(last.contains(&squash(kept)), "{kept}: {last}");
    }

    // m15: the anslag of § 37, justerad at the meeting, says so in its HTML title.
    let html = std::fs::read_to_string(jh("sammantraden/hsn-2029-03-21-anslag-37.html")).unwrap();
    assert!(html.contains("<title>Anslag § 37: "), "{html}");
}

/// Review 30's project (new themes, both profiles), built: one assertion per defect
/// fixed from it.
#[test]
fn the_thirtieth_held_out_set_reads_as_fixed() {
    let p = built_fixture_settled("held-out-30");
    assert_no_title_past_the_margin(&p);
    let out = p.path().join("out");
    let jh = |file: &str| out.join(format!("region-jh/{file}"));
    let orebro = |file: &str| out.join(format!("region-orebro/{file}"));

    // M1: the closing lists of five or six lines (eight or nine with their labels)
    // made p2 alone, the signature left at p1's foot. Review 30 had them take the
    // signature with them. Reviews 37 and 38 found that the worse: "I tjänsten" parted
    // from the förslag it signs and a quarter of p1 empty. Where going over with the
    // lists would leave 15 % of p1 empty, the signature ends p1 under the förslag and
    // the lists open p2, eight lines or more: no near-empty page.
    // (From session 49 gränsregional vård, four lines over, is one page set closest:
    // its lists stand under the signature on p1.)
    let pdf = jh("arenden/hsn-gransregional-vard.pdf");
    assert_eq!(page_count(&pdf), 1);
    let p1 = squash(&page_text(&pdf, 1));
    for kept in ["I tjänsten", "Anders Wiklund-Sjöberg", "Beslutsunderlag"] {
        assert!(p1.contains(&squash(kept)), "{kept} not on p1: {p1}");
    }
    for (file, signer) in [("arenden/hsn-1177-natt.pdf", "Ylva Brännström")] {
        let pdf = jh(file);
        assert_eq!(page_count(&pdf), 2, "{file}");
        let p1 = squash(&page_text(&pdf, 1));
        for kept in ["Regiondirektörens förslag", "I tjänsten", signer] {
            assert!(p1.contains(&squash(kept)), "{file}: {kept} not on p1: {p1}");
        }
        let p2 = page_text(&pdf, 2);
        assert_eq!(first_body_line(&p2), "Beslutsunderlag", "{file}: {p2}");
        let lines = p2.lines().filter(|l| !l.trim().is_empty()).count();
        assert!(lines >= 8, "{file}: {p2}");
    }

    // M1 for Örebro: lists of five or six lines of their own (eight or nine with their
    // labels) made p2 alone, and set closer they still missed p1: the text's last
    // section goes over with them (chosen by `fit-closing`, "together").
    for file in [
        "arenden/30RS101-mosas.pdf",
        "arenden/30RS88-studieforbund.pdf",
        "arenden/30RS94-laddinfrastruktur.pdf",
    ] {
        let pdf = orebro(file);
        assert_eq!(page_count(&pdf), 2, "{file}");
        let p2 = squash(&page_text(&pdf, 2));
        for kept in ["Ekonomiska konsekvenser", "Beslutsunderlag", "Skickas till"] {
            assert!(p2.contains(&squash(kept)), "{file}: {kept} not on p2: {p2}");
        }
    }

    // M2: "… 40-, 50- och 60- / åringar": a number's compound is not broken at its
    // hyphen, in the title (its text layer read "60åringar") nor in the § heading.
    for pdf in [
        jh("arenden/hsn-halsosamtal.pdf"),
        jh("sammantraden/hsn-2030-04-23-protokoll.pdf"),
        jh("sammantraden/hsn-2030-04-23-utdrag-149.pdf"),
    ] {
        let text = pdf_text(&pdf);
        assert!(text.contains("60-åringar"), "{}:\n{text}", pdf.display());
        assert!(!text.contains("60åringar"), "{}", pdf.display());
    }
    // M2 and m1: titles balanced, without one word alone on a line ("Regional /
    // handlingsplan …", "Planering av / operationsverksamheten …", "… regionens /
    // fastighetsbestånd, / lokalkostnader …").
    let ladd = page_lines(&orebro("arenden/30RS94-laddinfrastruktur.pdf"), 1);
    assert!(
        ladd.iter().any(|l| l == "Regional handlingsplan"),
        "{ladd:?}"
    );
    let op = page_lines(&jh("arenden/hsn-operation-sommar.pdf"), 1);
    assert!(
        op.iter()
            .any(|l| l == "Planering av operationsverksamheten"),
        "{op:?}"
    );
    // § 72's heading read "… regionens / fastighetsbestånd, / lokalkostnader …"; its
    // agenda item in the kallelse ran a full line, "… – regionens fastighetsbestånd, /
    // lokalkostnader och underhållsbehov". Both balanced.
    let prot = pdf_text(&orebro("sammantraden/rs-2030-05-14-protokoll.pdf"));
    assert!(
        !prot.lines().any(|l| l.trim() == "fastighetsbestånd,"),
        "{prot}"
    );
    // (A name whose second word a hyphen continues is kept whole: balanced, § 143
    // broke "Helse Midt / -Norge".)
    let jh_prot = pdf_text(&jh("sammantraden/hsn-2030-04-23-protokoll.pdf"));
    assert!(
        !jh_prot.lines().any(|l| l.starts_with("-Norge")),
        "{jh_prot}"
    );
    assert!(jh_prot.contains("Helse Midt-Norge"), "{jh_prot}");
    // (Since review 41 a genitive is not parted from its noun either: the line ends
    // at the comma, "… – regionens fastighetsbestånd, / lokalkostnader …".)
    let kallelse = pdf_text(&orebro("sammantraden/rs-2030-05-14-kallelse.pdf"));
    assert!(
        kallelse.contains(
            "Lokalförsörjningsrapport 2029 – regionens fastighetsbestånd,\nlokalkostnader och underhållsbehov"
        ),
        "{kallelse}"
    );

    // m2: a count with its unit ("om 15 / högskolepoäng").
    let diabetes = pdf_text(&jh("arenden/hsn-diabetesplan.pdf"));
    assert!(diabetes.contains("15 högskolepoäng."), "{diabetes}");
    assert!(!diabetes.contains("15\nhögskolepoäng"), "{diabetes}");

    // m3: a decision point's last line is not its last word alone ("… nattetid /
    // godkänns.").
    let natt = pdf_text(&jh("arenden/hsn-1177-natt.pdf"));
    assert!(!natt.lines().any(|l| l.trim() == "godkänns."), "{natt}");

    // … nor a paragraph's ("… röstar / nej.").
    let prot = pdf_text(&orebro("sammantraden/rs-2030-05-14-protokoll.pdf"));
    assert!(prot.contains("röstar nej."), "{prot}");
    assert!(!prot.lines().any(|l| l.trim() == "nej."), "{prot}");

    // m5: a bilaga's later pages say "(sammanfattning, forts.)", not "(sammanfattning)
    // (forts.)".
    let pack = pdf_text(&jh("sammantraden/hsn-2030-04-23-handlingar.pdf"));
    assert!(pack.contains("(sammanfattning, forts.)"), "{pack}");
    assert!(!pack.contains(") (forts.)"));

    // m10: a voteringslista is as wide as its columns need: its votes stand within the
    // left half of the page, not at the column's right edge.
    let votes = jh("sammantraden/hsn-2030-04-23-protokoll.pdf");
    let mut heads = 0;
    for n in 1..=page_count(&votes) {
        let words = page_words(&votes, n);
        if !words.iter().any(|w| w.0 == "Parti") {
            continue;
        }
        for w in words.iter().filter(|w| w.0 == "Röst") {
            heads += 1;
            assert!(w.1 < 3300, "p{n}: Röst at x {}", w.1);
        }
    }
    assert!(heads >= 2, "{heads}");

    // m7: a report's subtitle is set in the pack as in its own PDF (it broke
    // otherwise there).
    let own = pdf_text(&orebro("rapporter/lokalforsorjning-2029.pdf"));
    let in_pack = pdf_text(&orebro("sammantraden/rs-2030-05-14-handlingar.pdf"));
    let subtitle = |text: &str| -> Vec<String> {
        let lines: Vec<&str> = text.lines().map(str::trim).collect();
        let at = lines
            .iter()
            .position(|l| l.starts_with("Region Örebro län, helåret 2029"))
            .unwrap_or_else(|| panic!("{text}"));
        lines[at..at + 2].iter().map(|l| l.to_string()).collect()
    };
    assert_eq!(subtitle(&own), subtitle(&in_pack));

    // m8: a running header shortened to the title's part before its dash, after a year
    // too ("Lokalförsörjningsrapport 2029 – …" was cut at a word with "…"), and the same
    // in a report's own PDF and in the pack.
    let header = |pdf: &Path, n: usize| -> String {
        page_lines(pdf, n)
            .into_iter()
            .find(|l| !l.is_empty())
            .unwrap()
    };
    assert_eq!(
        header(&orebro("rapporter/lokalforsorjning-2029.pdf"), 2),
        "Region Örebro län · Lokalförsörjningsrapport 2029 · Dnr 30RS130"
    );
    let vri = header(&jh("rapporter/hsn-vri-2029.pdf"), 2);
    assert!(!vri.contains('…'), "{vri}");
    let pack = jh("sammantraden/hsn-2030-04-23-handlingar.pdf");
    assert!(
        (1..=page_count(&pack)).any(|n| header(&pack, n) == vri),
        "{vri}"
    );

    // m15: a JH point written as an att-sats hangs: its second line starts under the
    // word after "att", not under "att".
    let organ = jh("arenden/hsn-organdonation.pdf");
    let words = page_words(&organ, 1);
    let first = (1..words.len())
        .find(|&i| words[i].0 == "utse" && words[i - 1].0 == "att" && words[i - 1].1 < 800)
        .expect("att utse …");
    let att = &words[first - 1];
    assert_eq!(att.0, "att");
    let next_line = words[first..]
        .iter()
        .find(|w| w.2 > words[first].2 + 50)
        .unwrap();
    assert!(
        (next_line.1 - words[first].1).abs() <= 5 && next_line.1 > att.1 + 100,
        "{next_line:?} under {:?}",
        words[first]
    );

    // m16: the anslag of a paragraph justerad at the meeting does not begin its
    // sentence with "§".
    for html in [
        jh("sammantraden/hsn-2030-04-23-anslag-148.html"),
        orebro("sammantraden/rs-2030-05-14-anslag-63.html"),
    ] {
        let html = std::fs::read_to_string(html).unwrap();
        assert!(
            html.contains("<p>I protokollet från sammanträdet"),
            "{html}"
        );
        assert!(!html.contains("<p>§"), "{html}");
    }
    let anslag = pdf_text(&jh("sammantraden/hsn-2030-04-23-anslag-148.pdf"));
    assert!(
        squash(&anslag).contains(&squash("justerades § 148 omedelbart")),
        "{anslag}"
    );

    // m17: no contents leader of one dot ("… nattetid . 18"): an entry whose last word
    // leaves less than three dots' room goes down a line.
    let layout = poppler(
        "pdftotext",
        &[
            "-layout",
            jh("sammantraden/hsn-2030-04-23-handlingar.pdf")
                .to_str()
                .unwrap(),
            "-",
        ],
    );
    for l in layout.lines() {
        let l = l.trim_end();
        let Some((before, number)) = l.rsplit_once(' ') else {
            continue;
        };
        if !number.chars().all(|c| c.is_ascii_digit()) || !before.ends_with(" .") {
            continue;
        }
        assert!(before.ends_with(". . ."), "one or two dots: {l}");
    }
}

/// Where the running header's first word stands on a page: (x, y) of its box in tenths
/// of a point (the page's first "Region" above 60 pt).
fn header_at(pdf: &Path, page: usize) -> Option<(i64, i64)> {
    let tenth = |v: f64| (v * 10.0).round() as i64;
    bbox_words(pdf, page)
        .into_iter()
        .find(|w| w.0 == "Region" && w.2 < 60.0)
        .map(|w| (tenth(w.1), tenth(w.2)))
}

/// Review 31 (JH: dialysvård, katarakt, ätstörningar, suicidprevention, logopedi,
/// läkemedelsgenomgångar, preventivmedel, allergimottagning, tandvård för äldre,
/// reumatologi, a patientnämnd report; Örebro: upphandlingspolicy, jämställdhetsplan,
/// ägardirektiv, donationsfonder, e-arkiv, naturbruksgymnasium, medborgarförslag,
/// partistöd, arkitekturpolicy, heraldiskt vapen, a hållbarhetsredovisning; a meeting of
/// 15 and one of 13 items): one assertion for each defect fixed from it.
#[test]
fn the_thirty_first_held_out_set_reads_as_fixed() {
    let p = built_fixture_settled("held-out-31");
    assert_no_title_past_the_margin(&p);
    let out = p.path().join("out");
    let jh = |file: &str| out.join(format!("region-jh/{file}"));
    let orebro = |file: &str| out.join(format!("region-orebro/{file}"));

    // M1: a tjänsteskrivelse a line too long broke its three-point förslag 1 | 2 and left
    // a quarter of page 1 empty; set a little closer it is one page, in the pack too.
    let tandvard = jh("arenden/hsn-tandvard-aldre.pdf");
    assert_eq!(page_count(&tandvard), 1);
    let pack = jh("sammantraden/hsn-2030-05-21-handlingar.pdf");
    let pages = pages_with_squashed(&pack, "Målgruppen för uppsökande och nödvändig tandvård");
    assert_eq!(
        pages,
        pages_with_squashed(&pack, "Den ökade kostnaden om 1 460 000 kronor"),
        "the förslag of tandvård för äldre is parted in the pack"
    );

    // M2: a decision of three points is not broken 1 | 2 in an utdrag (going over whole
    // leaves less than three tenths of the page empty) …
    let u90 = orebro("sammantraden/rs-2030-06-11-utdrag-90.pdf");
    assert_eq!(
        pages_with_squashed(&u90, "Kvinnersta naturbruksgymnasium ska erbjuda"),
        pages_with_squashed(&u90, "ge regionstyrelsen i uppdrag att utreda"),
    );
    // … nor 2 | 1 in the kallelse: the financing clause is not alone atop a page (one
    // point may stand under the item's title before a break: review 23).
    let kallelse = orebro("sammantraden/rs-2030-06-11-kallelse.pdf");
    assert_eq!(
        pages_with_squashed(&kallelse, "avropa e-arkivtjänst från Adda"),
        pages_with_squashed(&kallelse, "att finansiera införandet med 3 450 000 kronor"),
    );

    // M3: a company's form and a place's institution are not parted from its name
    // ("Örebro / AB", "flygplats / AB", "Kvinnersta / naturbruksgymnasium").
    for pdf in [
        orebro("arenden/30RS146-agardirektiv.pdf"),
        orebro("arenden/30RS155-naturbruksgymnasium.pdf"),
        orebro("sammantraden/rs-2030-06-11-kallelse.pdf"),
        orebro("sammantraden/rs-2030-06-11-handlingar.pdf"),
        orebro("sammantraden/rs-2030-06-11-protokoll.pdf"),
        u90.clone(),
    ] {
        let text = pdf_text(&pdf);
        for l in text.lines().map(str::trim) {
            assert!(
                !l.starts_with("AB") && l != "naturbruksgymnasium" && !l.ends_with("Kvinnersta"),
                "{}: {l:?}",
                pdf.display()
            );
        }
    }

    // M4: the secret item's notice in the public pack is balanced, not "8. Granskning
    // av / läkemedelsgenomgångar vid särskilda boenden / …".
    let notice = pdf_text(&pack);
    assert!(
        !notice.lines().any(|l| l.trim().ends_with("Granskning av")),
        "{notice}"
    );
    assert!(
        notice.contains("Granskning av läkemedelsgenomgångar"),
        "{notice}"
    );

    // m3: no one-word last line where a better break exists: the anslag's address, a
    // voting result, an yrkande and a reservation.
    for (pdf, word) in [
        (jh("sammantraden/hsn-2030-05-21-anslag.pdf"), "Östersund."),
        (
            jh("sammantraden/hsn-2030-05-21-protokoll.pdf"),
            "ändringsyrkande.",
        ),
        (
            orebro("sammantraden/rs-2030-06-11-protokoll.pdf"),
            "ändringsyrkande.",
        ),
        (
            orebro("sammantraden/rs-2030-06-11-protokoll.pdf"),
            "beslutet.",
        ),
    ] {
        let text = pdf_text(&pdf);
        assert!(text.contains(word), "{}: {word}", pdf.display());
        assert!(
            !text.lines().any(|l| l.trim() == word),
            "{}: {word} alone on a line",
            pdf.display()
        );
    }

    // m5: a table whose rows have units of their own prints each row's numbers as
    // written: "1 980" MWh and "38" %, not "1 980,0" and "38,0".
    let report = pdf_text(&orebro("rapporter/hallbarhetsredovisning-2029.pdf"));
    assert!(report.contains("1 980"), "{report}");
    assert!(!report.contains("1 980,0"), "{report}");
    assert!(!report.contains("38,0"), "{report}");
    assert!(report.contains("152,9"), "{report}");

    // m7: on a bilaga's page the pack's running header stands where it does on the
    // pack's own pages (it sat 7 mm from the top edge and 9 mm in).
    // (A bilaga page's text opens with the header, then "Bilaga N. …".)
    let is_bilaga = |n: usize| {
        page_text(&pack, n)
            .lines()
            .take(3)
            .any(|l| l.starts_with("Bilaga ") && l.contains(". "))
    };
    let own = (2..=page_count(&pack))
        .filter(|&n| !is_bilaga(n))
        .find_map(|n| header_at(&pack, n))
        .expect("a page of the pack's own with a running header");
    let bilaga = (2..=page_count(&pack))
        .find(|&n| is_bilaga(n))
        .expect("a bilaga page");
    let at = header_at(&pack, bilaga).expect("a running header on the bilaga page");
    assert!(
        (at.0 - own.0).abs() <= 10 && (at.1 - own.1).abs() <= 10,
        "header at {at:?} on p{bilaga}, {own:?} on the pack's own pages"
    );
}

/// Review 32 (JH: hjärtsjukvård, BUP-väntetider, hemsjukvård i glesbygd, skogsbränder,
/// ögonsjukvård, dataintrång, cancerstrategi, audionomi, sjukgymnastik, nutrition, a
/// vårdgaranti report; Örebro: trafikförsörjningsplan, kompetensförsörjning,
/// idrottsevenemang, markanvisning, klimatanpassning, Örebro universitet, mensskydd,
/// mutor och jäv, museiverksamhet, vattenplan, a delårsrapport; meetings of 14 and 15
/// items): one assertion for each defect fixed from it. Built settled: M4, the
/// 214-character rubrik whose three-point förslag is fitted, did not settle.
#[test]
fn the_thirty_second_held_out_set_reads_as_fixed() {
    let p = built_fixture_settled("held-out-32");
    assert_no_title_past_the_margin(&p);
    let out = p.path().join("out");
    let jh = |file: &str| out.join(format!("region-jh/{file}"));
    let orebro = |file: &str| out.join(format!("region-orebro/{file}"));

    // M1: rows with units of their own print their counts as written, beside a
    // "Förändring (%)" column that keeps its own decimals.
    let report = pdf_text(&orebro("rapporter/delarsrapport-jan-aug-2029.pdf"));
    for (written, not) in [
        ("412 880", "412 880,0"),
        ("3 412", "3 412,0"),
        ("38 420", "38 420,0"),
    ] {
        assert!(report.contains(written), "{written}: {report}");
        assert!(!report.contains(not), "{not}: {report}");
    }
    assert!(report.contains("3,7"), "{report}");

    // M2: Örebro titles without a stub line or a parted name.
    let lines = |file: &str| page_lines(&orebro(file), 1);
    let klimat = lines("arenden/29RS531-klimatanpassning.pdf");
    assert!(!klimat.iter().any(|l| l == "av regionens"), "{klimat:?}");
    let museum = lines("arenden/29RS549-museiverksamhet.pdf");
    assert!(
        museum.iter().any(|l| l.contains("Örebro läns museum")),
        "{museum:?}"
    );
    let mark = lines("arenden/29RS527-markanvisning-uso.pdf");
    assert!(
        mark.iter()
            .any(|l| l.contains("forsknings- och innovationshus")),
        "{mark:?}"
    );
    let vatten = lines("arenden/29RS553-yttrande-vattenplan.pdf");
    assert!(
        vatten
            .iter()
            .any(|l| l.contains("Länsstyrelsen i Örebro läns")),
        "{vatten:?}"
    );

    // M3: the decision's att-sats "att förklara paragrafen omedelbart justerad" is
    // recorded as written, and the point before it keeps its comma.
    for file in [
        "sammantraden/rs-2029-10-08-protokoll.pdf",
        "sammantraden/rs-2029-10-08-utdrag-151.pdf",
    ] {
        let text = squash(&pdf_text(&orebro(file)));
        assert!(
            text.contains(&squash("förklara paragrafen omedelbart justerad")),
            "{file}: {text}"
        );
        assert!(text.contains(&squash("enligt bilaga 1,")), "{file}");
    }

    // M5: the pack does not end on a page holding only the report's last small
    // section: the section before goes over with it.
    let pack = orebro("sammantraden/rs-2029-10-08-handlingar.pdf");
    let last = page_text(&pack, page_count(&pack));
    assert!(last.contains("Finansiella mål"), "{last}");
    assert!(last.contains("Personal"), "{last}");

    // m2: "S:t Görans" and a first name with its surname and party are not parted.
    let garanti = pdf_text(&jh("rapporter/hsn-vardgaranti-2029.pdf"));
    assert!(squash(&garanti).contains("S:tGörans"), "{garanti}");
    assert!(
        !garanti.lines().any(|l| l.trim_end().ends_with("S:t")),
        "{garanti}"
    );
    let prot = pdf_text(&orebro("sammantraden/rs-2029-10-08-protokoll.pdf"));
    assert!(
        !prot.lines().any(|l| l.trim_end().ends_with(" Jonas")),
        "{prot}"
    );

    // m5: on a landscape bilaga page the header begins where it does on the pack's own
    // pages.
    let jh_pack = jh("sammantraden/hsn-2030-03-25-handlingar.pdf");
    let own = header_at(&jh_pack, 2).expect("p2 has a running header");
    let landscape = (2..=page_count(&jh_pack))
        .find(|&n| {
            poppler(
                "pdfinfo",
                &[
                    "-f",
                    &n.to_string(),
                    "-l",
                    &n.to_string(),
                    jh_pack.to_str().unwrap(),
                ],
            )
            .lines()
            .any(|l| l.contains("size:") && l.contains("841.89 x 595"))
        })
        .expect("a landscape page");
    let at = header_at(&jh_pack, landscape).expect("a header on the landscape page");
    assert!((at.0 - own.0).abs() <= 10, "{at:?} against {own:?}");

    // m10: a bilaga's page count is not a line of its own.
    let uni = pdf_text(&orebro("arenden/29RS536-orebro-universitet.pdf"));
    assert!(
        !uni.lines().any(|l| l.trim().starts_with("(1 sida)")),
        "{uni}"
    );

    // m3: the 42-row table that fits a page is not begun with four rows at the foot of
    // the page before: in the pack as in the report's own PDF, it stands whole on one
    // page, with no "(forts.)", and its lead paragraph stays with the text above.
    for pdf in [jh_pack.clone(), jh("rapporter/hsn-vardgaranti-2029.pdf")] {
        let text = pdf_text(&pdf);
        assert!(
            !text
                .lines()
                .any(|l| l.starts_with("Tabell ") && l.contains("(forts.)")),
            "{}",
            pdf.display()
        );
        let page = (1..=page_count(&pdf))
            .find(|&n| page_text(&pdf, n).contains("Tabell 1."))
            .expect("Tabell 1");
        let on = page_text(&pdf, page);
        for row in ["Allmänkirurgi", "Tandvård, specialist", "Summa"] {
            assert!(on.contains(row), "{row} not with its caption on p{page}");
        }
    }
}

/// A Markdown table of 24 rows that would begin with nine rows at the foot of page 1
/// goes over whole, as a report table does (review 32 m3); one that begins higher
/// breaks, with its header row repeated.
#[test]
fn a_long_markdown_table_that_would_begin_at_a_page_foot_goes_over_whole() {
    let rows: String = (1..=24)
        .map(|i| {
            format!(
                "  | Vårdcentral {i} | {} | {},{} |\n",
                1000 + i * 37,
                i * 3 % 97,
                i % 10
            )
        })
        .collect();
    let text = |paragraphs: usize| {
        let para = "  Väntrummet behöver fler bänkar, och de som finns är slitna efter många års användning i en verksamhet som vuxit kraftigt.\n\n";
        tjanst("").replace(
            "  Väntrummet behöver fler bänkar.\n",
            &format!(
                "{}  | Enhet | Besök | Andel (%) |\n  | --- | ---: | ---: |\n{rows}",
                para.repeat(paragraphs)
            ),
        )
    };
    let p = Project::new();
    p.write("content/lag.yaml", &text(10));
    p.write("content/hog.yaml", &text(6));
    p.run(&["build"]).ok();
    let on = |file: &str, page: usize| {
        page_text(&p.path().join("out").join(file), page)
            .lines()
            .filter(|l| l.starts_with("Vårdcentral "))
            .count()
    };
    assert_eq!((on("lag.pdf", 1), on("lag.pdf", 2)), (0, 24));
    let (a, b) = (on("hog.pdf", 1), on("hog.pdf", 2));
    assert!(a >= 12 && a + b == 24, "{a} | {b}");
    assert!(page_text(&p.path().join("out/hog.pdf"), 2).contains("Enhet"));
}

/// Review 33 (JH: strokevård, smärtrehabilitering, teledermatologi, njurdonation,
/// vaccinationsprogram, laboratorieavtal with a secret bilaga, palliativt konsultteam,
/// digitala vårdbesök, blodverksamhet, asylsjukvård, a sjukresor report; Örebro:
/// regional utvecklingsstrategi, turism, folkhögskolor, livsmedelsstrategi,
/// partnerskapsavtal, arbetsgivarpolitik, fastighetsinvestering, risk- och
/// sårbarhetsanalys, medborgardialog, miljöprogram, an årsredovisning; meetings of 14 and
/// 15 items): one assertion for each defect fixed from it.
#[test]
fn the_thirty_third_held_out_set_reads_as_fixed() {
    let p = built_fixture_settled("held-out-33");
    assert_no_title_past_the_margin(&p);
    let out = p.path().join("out");
    let jh = |file: &str| out.join(format!("region-jh/{file}"));
    let orebro = |file: &str| out.join(format!("region-orebro/{file}"));

    // M1: a decision point of four lines is not broken across a page under its heading:
    // the heading and the whole first point share a page, in the tjänsteskrivelse and
    // in the pack.
    for pdf in [
        jh("arenden/hsn-strokevard.pdf"),
        jh("sammantraden/hsn-2031-05-26-handlingar.pdf"),
    ] {
        let pages = |needle: &str| -> Vec<usize> {
            (1..=page_count(&pdf))
                .filter(|&k| squash(&page_text(&pdf, k)).contains(&squash(needle)))
                .collect()
        };
        let start = pages("nämnden antar Regional plan för strokevården 2031–2035 enligt bilaga 1");
        let end = pages("anges i planen, och ger hälso- och sjukvårdsdirektören");
        // (The last page naming it: the pack's kallelse gives the förslag too.)
        let (start, end) = (*start.last().unwrap(), *end.last().unwrap());
        assert_eq!(start, end, "{}", pdf.display());
        assert!(page_text(&pdf, start).contains("Regiondirektörens förslag"));
    }

    // M2, m3: no title line ends in "för" or "med" before a place's name and year, and no
    // name stands alone on a middle line.
    for (file, want) in [
        (
            "arenden/31RS229-arbetsgivarpolitiskt-program.pdf",
            [
                "Arbetsgivarpolitiskt program",
                "för Region Örebro län 2032–2035",
            ]
            .as_slice(),
        ),
        (
            "arenden/31RS240-risk-och-sarbarhetsanalys.pdf",
            &[
                "Risk- och sårbarhetsanalys",
                "för Region Örebro län 2031–2034",
            ],
        ),
        // (Its first word of fourteen letters goes alone since session 51, the year no
        // longer alone on the last line.)
        (
            "arenden/31RS207-turismstrategi.pdf",
            &["Turismstrategi", "för Örebro län 2031–2035"],
        ),
        (
            "arenden/31RS223-internationellt-samarbete.pdf",
            &[
                "Partnerskapsavtal",
                "med Västpommerska",
                "vojvodskapet 2031–2034",
            ],
        ),
    ] {
        let lines = page_lines(&orebro(file), 1);
        let at = lines
            .iter()
            .position(|l| l == want[0])
            .unwrap_or_else(|| panic!("{file}: {lines:?}"));
        assert_eq!(&lines[at..at + want.len()], want, "{file}");
    }

    // M3: in the public pack the secret Bilaga 2's notice comes after Bilaga 1's pages,
    // with its page in the contents.
    let pack = jh("sammantraden/hsn-2031-05-26-handlingar.pdf");
    let with = |needle: &str| -> Vec<usize> {
        (1..=page_count(&pack))
            .filter(|&k| page_text(&pack, k).contains(needle))
            .collect()
    };
    let notice = with("Bilagan omfattas av sekretess enligt OSL 31 kap. 16 §");
    assert_eq!(notice.len(), 1, "{notice:?}");
    let bilaga1 = with("Bilaga 1. Avtal om specialanalyser inom laboratoriemedicin");
    assert!(
        bilaga1.iter().filter(|&&k| k > 5).all(|&k| k < notice[0]),
        "{bilaga1:?} {notice:?}"
    );
    assert!(
        squash(&pdf_text(&pack)).contains(&squash(&format!(
            "Bilaga 2. Prisbilaga till avtalet (sekretess) {}",
            notice[0]
        ))) || pdf_text(&pack)
            .lines()
            .any(|l| l.contains("Prisbilaga till avtalet (sekretess)")
                && l.trim_end().ends_with(&notice[0].to_string())),
        "the contents give the notice's page {}",
        notice[0]
    );

    // m1: an utdrag's longer decision of three points breaks 1 | 2, its last point not
    // alone atop the page with the recipients.
    for (pdf, second, third) in [
        (
            jh("sammantraden/hsn-2031-05-26-utdrag-59.pdf"),
            "Hälso- och sjukvårdsdirektören får i uppdrag att tillsammans",
            "Kostnaderna för planens insatser 2031",
        ),
        (
            orebro("sammantraden/rs-2031-06-16-utdrag-103.pdf"),
            "ge regionstyrelsen i uppdrag att, i samverkan",
            "strategin följs upp årligen",
        ),
    ] {
        let page_of = |needle: &str| {
            (1..=page_count(&pdf))
                .find(|&k| squash(&page_text(&pdf, k)).contains(&squash(needle)))
                .unwrap_or_else(|| panic!("{needle} not in {}", pdf.display()))
        };
        assert_eq!(page_of(second), page_of(third), "{}", pdf.display());
    }

    // m7: the secret tjänsteskrivelse's keywords name its lagrum.
    let info = poppler(
        "pdfinfo",
        &[
            "-meta",
            orebro("arenden/31RS240-risk-och-sarbarhetsanalys.pdf")
                .to_str()
                .unwrap(),
        ],
    );
    assert!(info.contains("Sekretess: OSL 18 kap. 13 §"), "{info}");

    // m5: a recipient's place-name genitive stays with its institution, in the
    // tjänsteskrivelse, the protokoll and the utdrag ("Örebro / läns läkarförening").
    for file in [
        "arenden/31RS229-arbetsgivarpolitiskt-program.pdf",
        "sammantraden/rs-2031-06-16-protokoll.pdf",
        "sammantraden/rs-2031-06-16-utdrag-108.pdf",
    ] {
        let text = pdf_text(&orebro(file));
        assert!(text.contains("Örebro läns läkarförening"), "{file}: {text}");
    }

    // m8: the bookmarks read spaces, not the titles' no-break spaces.
    for pdf in [
        orebro("sammantraden/rs-2031-06-16-protokoll.pdf"),
        jh("sammantraden/hsn-2031-05-26-handlingar.pdf"),
    ] {
        let titles = bookmarks(&pdf);
        assert!(titles.len() > 10, "{titles:?}");
        assert!(titles.iter().all(|t| !t.contains('\u{a0}')), "{titles:?}");
        assert!(
            titles.iter().any(|t| t
                == "§ 112 Yttrande över förslag till miljöprogram för Örebro kommun 2032–2036"
                || t == "2. Regional plan för strokevården 2031–2035"),
            "{titles:?}"
        );
    }
}

/// The titles of a PDF's bookmarks, in order.
fn bookmarks(pdf: &Path) -> Vec<String> {
    let doc = lopdf::Document::load(pdf).unwrap();
    let toc = doc.get_toc().unwrap();
    toc.toc.into_iter().map(|t| t.title).collect()
}

/// Review 34 (new themes, binary of f01e541): the defects it found, each as fixed.
#[test]
fn the_thirty_fourth_held_out_set_reads_as_fixed() {
    let p = built_fixture_settled("held-out-34");
    assert_no_title_past_the_margin(&p);
    let out = p.path().join("out");
    let jh = |file: &str| out.join(format!("region-jh/{file}"));
    let orebro = |file: &str| out.join(format!("region-orebro/{file}"));

    // M1: a ledamot's role with the paragraphs he served ("andre vice ordförande, §§
    // 41–48") wraps in its column: kept whole at half the width, it ran over "Kristina
    // Moberg (S)" in the next column on its second, indented line. Its words read in
    // order, and no word of the list begins inside another's box.
    let protokoll = jh("sammantraden/hsn-2032-04-12-protokoll.pdf");
    let page = (1..=page_count(&protokoll))
        .find(|&k| page_text(&protokoll, k).contains("Närvarolista"))
        .unwrap();
    let boxes = word_boxes(&protokoll, page);
    // (In two columns still: a name of three lines, kept out, set all thirteen one
    // per line, the review of the diff.)
    let x_of = |word: &str| boxes.iter().find(|b| b.0 == word).map(|b| b.1).unwrap();
    let right = x_of("Roger");
    assert!(right > x_of("Strandberg") + 100.0, "{boxes:?}");
    // The entry's words in the left column, in reading order (the text layer reads the
    // two columns line by line).
    let entry = [
        "Lars",
        "Fröjd",
        "(C),",
        "andre",
        "vice",
        "ordförande,",
        "§§",
        "41–48",
    ];
    let at = boxes.iter().position(|b| b.0 == "Fröjd").unwrap() - 1;
    let left: Vec<&(String, f64, f64, f64, f64)> = boxes[at..]
        .iter()
        .filter(|b| b.1 < right - 5.0)
        .take(entry.len())
        .collect();
    assert_eq!(
        left.iter().map(|b| b.0.as_str()).collect::<Vec<_>>(),
        entry,
        "{boxes:?}"
    );
    for a in &boxes {
        for b in &boxes {
            let same_line = (a.2 - b.2).abs() < 2.0;
            assert!(
                !(same_line && a.1 < b.1 && b.1 < a.3 - 0.5),
                "{} runs into {}",
                a.0,
                b.0
            );
        }
    }

    // m1: a § heading of 213 characters, five lines one step smaller, is set one step
    // smaller (0.85), not two (12 pt among §§ at 16 pt).
    let protokoll = orebro("sammantraden/rs-2031-11-26-protokoll.pdf");
    let page = (1..=page_count(&protokoll))
        .find(|&k| page_text(&protokoll, k).contains("§ 190"))
        .unwrap();
    let words = bbox_words(&protokoll, page);
    let height = |word: &str| {
        words
            .iter()
            .find(|w| w.0 == word)
            .map(|w| w.3 - w.2)
            .unwrap_or_else(|| panic!("{word}: {words:?}"))
    };
    let ratio = height("Avsiktsförklaring") / height("190");
    assert!((0.8..0.9).contains(&ratio), "{ratio}");

    // m3: no title line ends in the article that opens a cited title ("… betänkandet
    // En / nationellt samordnad …"), in the tjänsteskrivelse, the kallelse and the
    // protokoll.
    for file in [
        "arenden/hsn-yttrande-prehospital.pdf",
        "sammantraden/hsn-2032-04-12-kallelse.pdf",
        "sammantraden/hsn-2032-04-12-protokoll.pdf",
    ] {
        let text = pdf_text(&jh(file));
        assert!(text.contains("nationellt samordnad"), "{file}");
        assert!(
            !text.lines().any(|l| l.trim_end().ends_with(" En")),
            "{file}: {text}"
        );
    }

    // m4: the voteringslista of § 46 is as wide in the utdrag, where the result
    // sentence is in its last row, as in the protokoll (it was the full measure there).
    let column = |pdf: &Path| {
        let page = (1..=page_count(pdf))
            .find(|&k| {
                page_text(pdf, k).contains(
                    "Ja-röst för bifall till förslaget, nej-röst för bifall till Magnus Wiklunds",
                )
            })
            .unwrap_or_else(|| panic!("{}", pdf.display()));
        let words = bbox_words(pdf, page);
        words.iter().find(|w| w.0 == "Röst").map(|w| w.1).unwrap()
    };
    let (in_protokoll, in_utdrag) = (
        column(&jh("sammantraden/hsn-2032-04-12-protokoll.pdf")),
        column(&jh("sammantraden/hsn-2032-04-12-utdrag-46.pdf")),
    );
    assert!(
        (in_protokoll - in_utdrag).abs() < 1.0 && in_utdrag < 300.0,
        "{in_protokoll} {in_utdrag}"
    );

    // m5: trips per weekday add up over the places: the sum row gives them (2 324,4
    // thousand, the column's sum), where "per" had read as a rate.
    let text =
        pdf_text(&orebro("rapporter/resvanor-2031.pdf")).replace(['\u{a0}', '\u{202f}'], " ");
    assert!(text.contains("2 324,4"), "{text}");
}

/// A decision point of few characters but many lines (a list of 54 names) may break
/// across pages: kept whole, it ran off the bottom of its page (the review of the
/// diff); a short point of a few lines is kept whole (review 33's M1 is in the set-33
/// test).
#[test]
fn a_decision_point_with_a_long_list_breaks_rather_than_run_off_the_page() {
    let names: String = (1..=54).map(|i| format!("      - Kn{i}\n")).collect();
    let p = Project::new();
    p.write(
        "content/lista.yaml",
        &tjanst("").replace(
            "förslag: Bänkar köps in.\n",
            &format!(
                "förslag:\n  beslut:\n    - |\n      Avtalet gäller följande kommuner:\n\n{names}    - Bänkar köps in.\n"
            ),
        ),
    );
    p.run(&["build"]).ok();
    let pdf = p.path().join("out/lista.pdf");
    let text = pdf_text(&pdf);
    assert!(text.contains("Kn1\n") && text.contains("Kn54"), "{text}");
    // The text ends 28 mm above the foot of A4 (841.89 pt): no name below it.
    for page in 1..=page_count(&pdf) {
        for (word, _, _, y_max) in bbox_words(&pdf, page) {
            if word.starts_with("Kn") {
                assert!(y_max < 763.0, "{word} at {y_max} on p{page}");
            }
        }
    }
}

/// Review 35 (new themes, binary of 595d216): the defect fixed of those it found.
#[test]
fn the_thirty_fifth_held_out_set_reads_as_fixed() {
    let p = built_fixture_settled("held-out-35");
    assert_no_title_past_the_margin(&p);
    let orebro = |file: &str| p.path().join("out/region-orebro").join(file);
    // M1: the att-sats's file name pattern keeps its underscores (italics took them) in
    // the tjänsteskrivelse, the kallelse, the pack, the protokoll and the utdrag.
    for file in [
        "arenden/33RS133-dokumenthantering.pdf",
        "sammantraden/rs-2033-03-16-kallelse.pdf",
        "sammantraden/rs-2033-03-16-handlingar.pdf",
        "sammantraden/rs-2033-03-16-protokoll.pdf",
        "sammantraden/rs-2033-03-16-utdrag-46.pdf",
    ] {
        let text = squash(&pdf_text(&orebro(file)));
        assert!(
            text.contains(&squash(
                "inklusive filnamnsmönstret <Dnr>_#ämne_{{ datum }} och"
            )),
            "{file}: {text}"
        );
    }

    // m4: a Markdown table's number columns, given no alignment, are right-aligned, as
    // report tables are, and the stråk column has the room they leave ("Västra /
    // stambanan, Hallsberg–Laxå" wrapped beside left-aligned numbers).
    let ts = orebro("arenden/33RS112-godstransporter.pdf");
    let page = (1..=page_count(&ts))
        .find(|&k| page_text(&ts, k).contains("Godsflöden per stråk"))
        .unwrap();
    assert!(
        page_lines(&ts, page)
            .iter()
            .any(|l| l == "Västra stambanan, Hallsberg–Laxå"),
        "{:?}",
        page_lines(&ts, page)
    );
    let boxes = word_boxes(&ts, page);
    let cell = |word: &str| boxes.iter().find(|b| b.0 == word).unwrap().clone();
    let (wide, narrow) = (cell("14,2"), cell("2,3"));
    assert!(
        (wide.3 - narrow.3).abs() < 0.5 && narrow.1 - wide.1 > 2.0,
        "{wide:?} {narrow:?}"
    );

    // m1: titles set in their evenest lines, broken before "i" and "av", not inside
    // "civilt försvar" or with "näringsidkare" alone on a middle line; their text and
    // bookmarks still read them with their spaces.
    for (file, lines) in [
        (
            "arenden/33RS142-civilt-forsvar.pdf",
            &[
                "Regional plan för civilt försvar",
                "i Region Örebro län 2033–2036",
            ][..],
        ),
        (
            "arenden/33RS127-skadestandsansprak.pdf",
            // (The first word alone since session 51: it is not bound to "från".)
            &[
                "Skadeståndsanspråk",
                "från enskild näringsidkare",
                "efter avbruten upphandling",
            ][..],
        ),
        (
            "arenden/33RS130-bilpool.pdf",
            &[
                "Tilldelning i upphandling",
                "av bilpool och tjänstecyklar",
                "för regionens förvaltningar 2033–2037",
            ][..],
        ),
    ] {
        let pdf = orebro(file);
        let got: Vec<String> = page_lines(&pdf, 1)
            .into_iter()
            .map(|l| l.replace('\u{a0}', " "))
            .collect();
        let at = got
            .iter()
            .position(|l| l == lines[0])
            .unwrap_or_else(|| panic!("{file}: {got:?}"));
        assert_eq!(&got[at..at + lines.len()], lines, "{file}");
        let title = lines.join(" ");
        assert!(
            bookmarks(&pdf).contains(&title),
            "{file}: {:?}",
            bookmarks(&pdf)
        );
        assert!(squash(&pdf_text(&pdf)).contains(&squash(&title)), "{file}");
    }

    // m2: § 40's list of fifteen stays whole with its result on the page where it
    // begins, where all of it fits, and the decision opens the next page (it was broken
    // 10/5, kept with the decision, and left a quarter of the page empty); utdrag-48's
    // list begins on p1 under its label, where six names fit (it went over whole and
    // left a third of p1 empty).
    let protokoll = orebro("sammantraden/rs-2033-03-16-protokoll.pdf");
    let page = (1..=page_count(&protokoll))
        .find(|&k| page_text(&protokoll, k).contains("Dnr 33RS112"))
        .unwrap();
    let text = page_text(&protokoll, page);
    assert_eq!(vote_list_rows(&text), [15], "{text}");
    assert!(
        squash(&text).contains(&squash("beslutar med 8 ja-röster mot 6 nej-röster")),
        "{text}"
    );
    assert_eq!(first_body_line(&page_text(&protokoll, page + 1)), "Beslut");
    let utdrag = orebro("sammantraden/rs-2033-03-16-utdrag-48.pdf");
    let first = vote_list_rows(&page_text(&utdrag, 1));
    assert!(first.len() == 1 && first[0] >= 6, "{first:?}");
    assert_eq!(page_count(&utdrag), 5);
}

/// Review 37 (new themes, binary of 7441668): its first finding, as fixed.
#[test]
fn the_thirty_seventh_held_out_set_reads_as_fixed() {
    let p = built_fixture_settled("held-out-37");
    assert_no_title_past_the_margin(&p);
    let orebro = |file: &str| p.path().join("out/region-orebro").join(file);

    // M1: a Markdown table of nine rows under its heading and a three-line lead went
    // over whole with them and left a third of p2 empty. A table of eight to sixteen
    // rows now breaks where four rows stand on each side, its header row repeated: the
    // heading, the lead and the first rows end p2, the rest and the sum open p3.
    let ts = orebro("arenden/36RS305-sommarjobb.pdf");
    let page = (1..=page_count(&ts))
        .find(|&k| page_text(&ts, k).contains("Platser per verksamhet"))
        .unwrap();
    let (here, next) = (page_text(&ts, page), page_text(&ts, page + 1));
    assert!(
        here.contains("Universitetssjukhuset Örebro") && !here.contains("Summa"),
        "p{page}:\n{here}"
    );
    assert_eq!(
        first_body_line(&next),
        "Verksamhet",
        "p{}:\n{next}",
        page + 1
    );
    assert!(next.contains("Summa"), "p{}:\n{next}", page + 1);
    let rows_before = here
        .lines()
        .skip_while(|l| l.trim() != "Verksamhet")
        .filter(|l| !l.trim().is_empty())
        .count();
    assert!(rows_before >= 5, "p{page}:\n{here}");

    // m1: "resursen \ / \region\geodata" was two single backslashes, another path. The
    // server stays with its two backslashes in the TS, the protokoll and the utdrag, in
    // prose, in the decision and in the recipients.
    for file in [
        "arenden/36RS316-fiskevatten.pdf",
        "sammantraden/rs-2036-05-14-protokoll.pdf",
        "sammantraden/rs-2036-05-14-utdrag-99.pdf",
    ] {
        let text = pdf_text(&orebro(file));
        assert_eq!(
            text.matches(r"\\region\geodata").count(),
            4,
            "{file}:\n{text}"
        );
        assert!(!text.contains("\\\n"), "{file}:\n{text}");
    }

    // m12: the förste vice ordförande presides for the absent ordförande. The
    // attendance said "Anders Moilanen (M), ordförande", and Helena Brattström is the
    // ordförande: he is "tjänstgörande ordförande" there and under his signature.
    let protokoll = p
        .path()
        .join("out/region-jh/sammantraden/hsn-2036-04-09-protokoll.pdf");
    let words = |k| {
        page_text(&protokoll, k)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    assert!(
        words(1).contains("Anders Moilanen Sekreterare Tjänstgörande ordförande"),
        "{}",
        words(1)
    );
    // (Two columns: his second line is read after the name beside his first.)
    assert!(
        words(2).contains("Anders Moilanen (M), Emma Grahn (SD) tjänstgörande ordförande"),
        "{}",
        words(2)
    );
    assert!(!words(2).contains("(M), ordförande"), "{}", words(2));
}

#[test]
fn the_thirty_eighth_held_out_set_reads_as_fixed() {
    let p = built_fixture_settled("held-out-38");
    assert_no_title_past_the_margin(&p);
    let jh = |file: &str| p.path().join("out/region-jh").join(file);
    let orebro = |file: &str| p.path().join("out/region-orebro").join(file);
    let find = |pdf: &Path, what: &str| {
        (1..=page_count(pdf))
            .find(|&k| page_text(pdf, k).contains(what))
            .unwrap_or_else(|| panic!("{what:?} saknas i {}", pdf.display()))
    };

    // M1, the TS: "I tjänsten" opened p2 with the closing lists and left p1 a third
    // empty. The signature now ends p1 under the förslag it signs; the lists (six rows
    // and their labels) open p2.
    // (From session 49 the lists are on p1 too, the page set closest: one page.)
    let ts = jh("arenden/hsn-yttrande-receptfria.pdf");
    assert_eq!(find(&ts, "I tjänsten"), 1);
    assert_eq!(find(&ts, "Gunnel Strömqvist"), 1);
    assert_eq!(page_count(&ts), 1);

    // M1, the protokoll: § 182's reservations and sixteen recipients (fourteen lines
    // run on, JH's style) went over as one block and left 28 % of p9 empty. The
    // reservations now stay under the decision and the recipients break.
    let protokoll = jh("sammantraden/hsn-2036-12-02-protokoll.pdf");
    let reserved = find(&protokoll, "Stefan Hedlund (SD) reserverar sig");
    assert_eq!(
        reserved,
        find(&protokoll, "Modell för uppsökande munhälsobedömning")
    );
    assert_eq!(find(&protokoll, "Folktandvården Jämtlands län"), reserved);
    // (Session 53: "Region Jämtland Härjedalen" is kept whole, and the line ends at
    // "Funktionsrättsrådet i".)
    assert_eq!(find(&protokoll, "Funktionsrättsrådet i"), reserved + 1);

    // M1, Örebro's protokoll: § 124, whose sammanfattning ends in a table, went over
    // whole with its two lines and left p4 a quarter empty: the lines did not name the
    // table and no longer lead into it. The heading, the Dnr and the lines end p4.
    let protokoll = orebro("sammantraden/rs-2036-05-28-protokoll.pdf");
    let here = find(&protokoll, "§ 124");
    assert_eq!(find(&protokoll, "Mats Grönvall (M) reserverar sig"), here);
    assert_eq!(find(&protokoll, "Länstrafikens nuvarande app"), here);
    assert_eq!(find(&protokoll, "Biljettköp utan BankID"), here + 1);

    // M2: the landscape table's nine columns were set "in proportion to what each
    // lacked", and "Inga ringar, klockor eller armband (%)" took six lines beside a
    // wide column. Its header now takes at most four lines (the longest words,
    // "Handdesinfektion" and "patientkontakt", stand on lines of their own).
    let rapport = jh("rapporter/hsn-handhygien-2036.pdf");
    let page = find(&rapport, "Tabell 2.");
    let words = word_boxes(&rapport, page);
    let top = words.iter().find(|w| w.0 == "Område").unwrap().2;
    let first_row = words.iter().find(|w| w.0 == "Medicin").unwrap().2;
    let mut lines: Vec<i64> = words
        .iter()
        .filter(|w| w.2 >= top - 1.0 && w.2 < first_row - 1.0)
        .map(|w| w.2.round() as i64)
        .collect();
    lines.sort();
    lines.dedup_by(|a, b| (*a - *b).abs() <= 2);
    assert!(lines.len() <= 4, "{} rader: {lines:?}", lines.len());

    // m1: a code line too long for the measure wraps under a hanging indent, so that
    // "\sakerhet\kamera" reads as its line's continuation, not a line of its own.
    let ts = jh("arenden/hsn-kameraovervakning.pdf");
    let words = word_boxes(&ts, 1);
    let line_start = words
        .iter()
        .find(|w| w.0 == "kamera_id;plats;lagring")
        .unwrap()
        .1;
    let wrapped = words
        .iter()
        .find(|w| w.0.starts_with("\\sakerhet\\kamera") && w.1 < 200.0);
    if let Some(w) = wrapped {
        assert!(w.1 > line_start + 10.0, "{w:?} vid {line_start}");
    }
    // m11: words between single underscores are italic, not printed with them.
    let text = pdf_text(&ts);
    assert!(text.contains("se x och x i mallen"), "{text}");
    // m2: a template's tag as text is never broken inside.
    assert_eq!(text.matches("{% if larm %}").count(), 3, "{text}");

    // m9 (reviews 36–38): the rapport in the pack had no Innehåll, which it has on its
    // own. It now lists the rapport's sections with their pages in the pack.
    let pack = jh("sammantraden/hsn-2036-12-02-handlingar.pdf");
    let start = find(&pack, "Resultat av punktprevalensmätningarna");
    let page = poppler(
        "pdftotext",
        &[
            "-layout",
            "-f",
            &start.to_string(),
            "-l",
            &start.to_string(),
            pack.to_str().unwrap(),
            "-",
        ],
    );
    let entry = page
        .lines()
        .find(|l| l.trim_start().starts_with("Hygienrutiner per område ."))
        .unwrap_or_else(|| panic!("ingen rad i innehållet:\n{page}"));
    let at: usize = entry.split_whitespace().last().unwrap().parse().unwrap();
    assert!(first_body_line(&page_text(&pack, at)).starts_with("Hygienrutiner per område"));
    assert!(page.contains("Innehåll"), "{page}");
}

/// Asserts that a kallelse (or a pack) gives the note on absence after the list of
/// ersättare, as the seeds do, reading its first two pages.
fn assert_note_after_ersattare(pdf: &Path) {
    let t = squash(&(page_text(pdf, 1) + &page_text(pdf, 2)));
    let note = t.find(&squash("Den som är förhindrad")).expect("the note");
    assert!(
        t.find(&squash("Ersättare (underrättas)"))
            .is_some_and(|e| e < note),
        "{}: the note before the ersättare:\n{t}",
        pdf.display()
    );
}

/// Asserts the last day of appeal an anslag gives ("tisdag 7 april 2037").
fn assert_last_appeal_day(anslag: &Path, day: &str) {
    let text = squash(&poppler(
        "pdftotext",
        &["-layout", anslag.to_str().unwrap(), "-"],
    ));
    assert!(
        text.contains(&squash(&format!("Sista dag för överklagande {day}"))),
        "{}: {text}",
        anslag.display()
    );
}

#[test]
fn the_thirty_ninth_held_out_set_reads_as_fixed() {
    let p = built_fixture_settled("held-out-39");
    assert_no_title_past_the_margin(&p);
    // A participle in "-ade" is an adjective before its noun: no title line ends in
    // "prioriterade" (was "… 2037–2045 med prioriterade / cykelvägar …"; session 50).
    let lines = page_lines(
        &out_path(&p, "region-orebro", "arenden", "37RS101-cykelvag.pdf"),
        1,
    );
    assert!(
        lines.iter().any(|l| l.ends_with("prioriterade cykelvägar")),
        "{lines:?}"
    );
    let meeting = |region: &str, file: &str| {
        p.path()
            .join("out")
            .join(region)
            .join("sammantraden")
            .join(file)
    };
    let words = |pdf: &Path, k: usize| {
        page_text(pdf, k)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    for (region, stem, last_day) in [
        // After långfredag, påsk and annandag påsk.
        ("region-jh", "hsn-2037-03-11", "tisdag 7 april 2037"),
        // After Kristi himmelsfärd.
        ("region-orebro", "rs-2037-04-21", "fredag 15 maj 2037"),
    ] {
        // A vice ordförande presides in both (förste in JH, andre in Örebro): the
        // attendance and the signature say so.
        let protokoll = meeting(region, &format!("{stem}-protokoll.pdf"));
        assert!(
            words(&protokoll, 1).contains("Tjänstgörande ordförande"),
            "{region}"
        );
        assert!(
            words(&protokoll, 2).contains("tjänstgörande ordförande"),
            "{region}"
        );
        assert_last_appeal_day(&meeting(region, &format!("{stem}-anslag.pdf")), last_day);
        // The rapport's own contents in the pack: every entry's page opens with it.
        let pack = meeting(region, &format!("{stem}-handlingar.pdf"));
        let text = poppler("pdftotext", &["-layout", pack.to_str().unwrap(), "-"]);
        let pages: Vec<&str> = text.split('\u{c}').collect();
        let at = pages
            .iter()
            .position(|pg| pg.contains("RAPPORT") && pg.contains("Innehåll"))
            .unwrap_or_else(|| panic!("{region}: ingen rapport med innehåll i handlingarna"));
        let entries: Vec<(String, usize)> = pages[at]
            .lines()
            .skip_while(|l| l.trim() != "Innehåll")
            .skip(1)
            .take_while(|l| !l.trim().is_empty())
            .filter_map(|l| {
                let (title, page) = l.trim().rsplit_once(' ')?;
                Some((
                    title.trim_end_matches([' ', '.']).to_string(),
                    page.parse().ok()?,
                ))
            })
            .collect();
        assert!(entries.len() >= 3, "{region}: {}", pages[at]);
        for (title, page) in entries {
            let there = squash(&page_text(&pack, page));
            assert!(
                there.contains(&squash(&title)),
                "{region}: {title} inte på s. {page}"
            );
        }
    }
}

#[test]
fn the_fortieth_held_out_set_reads_as_fixed() {
    let p = built_fixture_settled("held-out-40");
    assert_no_title_past_the_margin(&p);
    let out = |region: &str, dir: &str, file: &str| out_path(&p, region, dir, file);
    let text = |pdf: &Path| poppler("pdftotext", &[pdf.to_str().unwrap(), "-"]);

    // m5: a path breaks only after a backslash ("D:\Hudbilder / \Export" read as a path
    // of its own; "…\svarstid / er_2037.xlsx" cut a file name). Joined where a line
    // ends in a backslash, every path is whole, and no line opens with a single one.
    let path = r"D:\Hudbilder\Export\Uppfoljning\svarstider_2037.xlsx";
    for (pdf, n) in [
        (out("region-jh", "arenden", "hsn-hudcancer.pdf"), 3),
        (
            out("region-jh", "sammantraden", "hsn-2037-05-27-utdrag-79.pdf"),
            3,
        ),
        (
            out("region-jh", "sammantraden", "hsn-2037-05-27-protokoll.pdf"),
            3,
        ),
    ] {
        let t = text(&pdf);
        let joined = t.replace("\\\n", "\\");
        assert_eq!(joined.matches(path).count(), n, "{}: {t}", pdf.display());
        for line in t.lines() {
            assert!(
                !line.starts_with('\\') || line.starts_with(r"\\"),
                "{}: en rad börjar med ett omvänt snedstreck: {line}",
                pdf.display()
            );
        }
    }

    // m1: a title line does not end in an adjective before its noun.
    for (file, word) in [
        ("hsn-hudcancer.pdf", "misstänkt"),
        ("hsn-migran.pdf", "andra"),
        ("hsn-psoriasis.pdf", "biologiska"),
    ] {
        let t = page_text(&out("region-jh", "arenden", file), 1);
        assert!(
            !t.lines().any(|l| l.trim_end().ends_with(word)),
            "{file}: {t}"
        );
    }

    // M1: a seven-row Markdown table (its sum row among them) under a heading and a
    // lead that names it begins at the foot of p2 and breaks, rather than go over
    // whole and leave a fifth of p2 empty.
    let trycksar = out("region-jh", "arenden", "hsn-trycksar.pdf");
    let p2 = page_text(&trycksar, 2);
    assert!(p2.contains("Madrasser och hjälpmedel"), "{p2}");
    assert!(
        p2.contains("Tryckavlastande madrasser, vårdavdelningar"),
        "{p2}"
    );
    let p3 = page_text(&trycksar, 3);
    assert!(p3.contains("Summa investering"), "{p3}");
    // Its header is repeated over the rest.
    assert!(first_body_line(&p3).starts_with("Post"), "{p3}");

    // m6: a tjänsteskrivelse's long list of recipients leaves four overleaf, never two
    // under "(forts.)" alone.
    let hyttor = out("region-orebro", "arenden", "37RS318-hyttor.pdf");
    if page_count(&hyttor) > 1 {
        let last = page_text(&hyttor, page_count(&hyttor));
        let lines = last
            .lines()
            .skip_while(|l| !l.contains("(forts.)"))
            .skip(1)
            .filter(|l| !l.trim().is_empty() && !l.contains("Region Örebro län"))
            .count();
        assert!(lines >= 4, "{last}");
    }

    // m10 (reviews 36–40): the Örebro ledamot pack keeps the kallelse's order, the
    // note on absence after the ersättare.
    for file in [
        "rs-2037-12-01-kallelse.pdf",
        "rs-2037-12-01-handlingar.pdf",
        "rs-2037-12-01-handlingar-ledamot.pdf",
    ] {
        assert_note_after_ersattare(&out("region-orebro", "sammantraden", file));
    }

    // m8: the unit is not given twice in a chart's caption ("(procent), procent").
    let rapport = text(&out(
        "region-jh",
        "rapporter",
        "hsn-modrahalsovard-2036.pdf",
    ));
    let squashed = squash(&rapport);
    assert!(
        !squashed.contains(&squash("(procent), procent")),
        "{rapport}"
    );
    assert!(
        squashed.contains(&squash("per område och år (procent)")),
        "{rapport}"
    );

    // The anslag across midsommar (JH) and jul (Örebro).
    for (region, stem, last_day) in [
        ("region-jh", "hsn-2037-05-27", "måndag 22 juni 2037"),
        ("region-orebro", "rs-2037-12-01", "måndag 28 december 2037"),
    ] {
        assert_last_appeal_day(
            &out(region, "sammantraden", &format!("{stem}-anslag.pdf")),
            last_day,
        );
    }
}

/// Review 41's set (benskörhet, njursten, epilepsi, skabb, …; biodling, äppel, kalkbrott,
/// orgel, …): each assertion reads a defect it found.
#[test]
fn the_forty_first_held_out_set_reads_as_fixed() {
    let p = built_fixture_settled("held-out-41");
    assert_no_title_past_the_margin(&p);
    let out = |region: &str, dir: &str, file: &str| out_path(&p, region, dir, file);

    // m4 (reviews 38–41): an agenda that would begin in the last quarter of the first
    // page, its two title-only items at the foot and the third overleaf, goes over
    // whole: page 1 ends with the lists and the note on absence, page 2 opens with
    // the agenda.
    for (region, stem) in [
        ("region-jh", "hsn-2038-03-31"),
        ("region-orebro", "rs-2039-12-13"),
    ] {
        for file in [
            format!("{stem}-kallelse.pdf"),
            format!("{stem}-handlingar.pdf"),
        ] {
            let pdf = out(region, "sammantraden", &file);
            let first = page_text(&pdf, 1);
            assert!(!first.contains("Föredragningslista"), "{file}: {first}");
            assert!(first.contains("Den som är förhindrad"), "{file}: {first}");
            assert_note_after_ersattare(&pdf);
            let second = page_text(&pdf, 2);
            assert!(
                first_body_line(&second).starts_with("Föredragningslista"),
                "{file}: {second}"
            );
            assert!(second.contains("Val av justerare"), "{file}: {second}");
        }
    }

    // m7 (reviews 40–41): reservations written as text share their pages (three on
    // three pages a fifth full); one given as a PDF still begins a page of its own.
    for (region, stem, names) in [
        (
            "region-jh",
            "hsn-2038-03-31",
            [
                "Robert Åhlén (M), § 43",
                "Helena Törnqvist (M), § 51",
                "Linnea Vall (L), § 52",
            ],
        ),
        (
            "region-orebro",
            "rs-2039-12-13",
            [
                "Ulla Bergman (KD), § 203",
                "Göran Svahn (S), § 211",
                "Gustaf Adler (M), § 212",
            ],
        ),
    ] {
        let pdf = out(region, "sammantraden", &format!("{stem}-protokoll.pdf"));
        let n = page_count(&pdf);
        let page = squash(&page_text(&pdf, n - 1));
        for (i, name) in names.iter().enumerate() {
            let title = format!("Bilaga {}. Reservation från {name}", i + 1);
            assert!(page.contains(&squash(&title)), "{title}: {page}");
        }
        let last = page_text(&pdf, n);
        assert!(
            first_body_line(&last).starts_with("Bilaga 4. Reservation från"),
            "{last}"
        );
    }

    // m5: a run-on list of recipients does not end with its last word alone
    // ("… invånarna på / 1177.se").
    let ts = out("region-jh", "arenden", "hsn-ryggsmarta.pdf");
    let text = poppler("pdftotext", &[ts.to_str().unwrap(), "-"]);
    let tail = text
        .lines()
        .map(str::trim)
        .rfind(|l| l.ends_with("1177.se"))
        .expect("the last recipient");
    assert!(tail.split_whitespace().count() >= 3, "{text}");
    // And its fourteen lines break under the signatures, which stay below the text
    // (they went over whole and left p1 78 % full): at least four lines on each side,
    // the rest labelled "Utdrag till (forts.)".
    let (first, second) = (page_lines(&ts, 1), page_lines(&ts, 2));
    let at = first
        .iter()
        .position(|l| l == "Utdrag till")
        .unwrap_or_else(|| panic!("{first:?}"));
    let on_first = first[at + 1..]
        .iter()
        .take_while(|l| !l.is_empty() && !l.starts_with("Region Jämtland Härjedalen"))
        .count();
    assert!(on_first >= 4, "{first:?}");
    assert!(first[..at].iter().any(|l| l == "I tjänsten"), "{first:?}");
    let rest = second
        .iter()
        .filter(|l| !l.is_empty() && !is_running_line(l))
        .collect::<Vec<_>>();
    assert_eq!(
        rest.first().map(|l| l.as_str()),
        Some("Utdrag till (forts.)"),
        "{second:?}"
    );
    assert!(rest.len() > 4, "{second:?}");

    // m11: a unit of three levels gives the last its own line where it does not fit
    // after the second ("Kunskapsstyrning, Enheten för äldres hälsa / och
    // rehabilitering"); the second shares the first line, where it fits there (review
    // 54's m11).
    let lines = page_lines(&out("region-jh", "arenden", "hsn-benskorhet.pdf"), 1);
    let at = lines
        .iter()
        .position(|l| l.starts_with("Hälso- och sjukvårdsförvaltningen"))
        .unwrap_or_else(|| panic!("{lines:?}"));
    assert_eq!(
        lines[at..at + 2],
        [
            "Hälso- och sjukvårdsförvaltningen, Kunskapsstyrning,",
            "Enheten för äldres hälsa och rehabilitering"
        ],
        "{lines:?}"
    );

    // m10: a Mål on the highest tick of a line chart's axis is given a step above it
    // (it lay on the plot's upper edge at 95).
    let rapport = out("region-jh", "rapporter", "hsn-dysfagi-2037.pdf");
    let chart = (1..=page_count(&rapport))
        .map(|n| page_text(&rapport, n))
        .find(|t| t.contains("Mål (minst 95 procent)"))
        .expect("the line chart");
    assert!(chart.lines().any(|l| l.trim() == "100"), "{chart}");

    // The anslag across påsk (JH) and trettondedag jul (Örebro).
    for (region, stem, last_day) in [
        ("region-jh", "hsn-2038-03-31", "tisdag 27 april 2038"),
        ("region-orebro", "rs-2039-12-13", "måndag 9 januari 2040"),
    ] {
        assert_last_appeal_day(
            &out(region, "sammantraden", &format!("{stem}-anslag.pdf")),
            last_day,
        );
    }
}

#[test]
fn the_forty_second_held_out_set_reads_as_fixed() {
    let p = built_fixture_settled("held-out-42");
    assert_no_title_past_the_margin(&p);
    let out = |region: &str, dir: &str, file: &str| out_path(&p, region, dir, file);
    let lines_of = |pdf: &Path| -> Vec<String> {
        poppler("pdftotext", &[pdf.to_str().unwrap(), "-"])
            .lines()
            .map(|l| l.trim().to_string())
            .collect()
    };

    // M3: a tjänsteskrivelse a point or two over one page (a heading, a line and two
    // short lists overleaf) is one page, its lists set closer.
    let inkubator = out("region-orebro", "arenden", "42RS518-inkubator.pdf");
    assert_eq!(page_count(&inkubator), 1);
    let text = pdf_text(&inkubator);
    assert!(
        text.contains("Ekonomiska konsekvenser") && text.contains("Näringsliv och innovation"),
        "{text}"
    );

    // m5: a range in groups of three with its unit on one line.
    let lines = lines_of(&out("region-orebro", "arenden", "42RS512-trabyggande.pdf"));
    assert!(
        lines.iter().any(|l| l.contains("15 000–25 000 ton")),
        "{lines:?}"
    );

    // m6: a diarienummer with its authority's letters on one line, wherever it is.
    for file in [
        "hsn-2042-05-20-kallelse.pdf",
        "hsn-2042-05-20-protokoll.pdf",
    ] {
        let lines = lines_of(&out("region-jh", "sammantraden", file));
        assert!(
            lines.iter().any(|l| l.contains("dnr IVO 3.5.1-04417/2042")),
            "{file}: {lines:?}"
        );
    }

    // m7: the members' notice keeps the lagrum whole, with its page.
    let lines = lines_of(&out(
        "region-jh",
        "sammantraden",
        "hsn-2042-05-20-handlingar-ledamot.pdf",
    ));
    assert!(
        lines.iter().any(|l| l.contains("(OSL 19 kap. 3 §), sidan")),
        "{lines:?}"
    );

    // m8: a förslag of four att-satser in the kallelse never leaves one alone at a
    // page foot (1 | 3): its first two are on one page.
    let pdf = out(
        "region-orebro",
        "sammantraden",
        "rs-2042-06-10-kallelse.pdf",
    );
    let first = pages_with_squashed(&pdf, "inrätta ett turnéstöd för scenkonst");
    assert_eq!(first.len(), 1, "{first:?}");
    assert_eq!(
        first,
        pages_with_squashed(&pdf, "avsätta 2,4 mkr per år för stödet")
    );

    // m12: no title breaks after an abbreviation's hyphen ("ADHD- / utredningar").
    for pdf in [
        out("region-jh", "arenden", "hsn-adhd.pdf"),
        out(
            "region-jh",
            "sammantraden",
            "hsn-2042-05-20-handlingar-ledamot.pdf",
        ),
    ] {
        let lines = lines_of(&pdf);
        assert!(
            !lines.iter().any(|l| l.ends_with("ADHD-")),
            "{pdf:?}: {lines:?}"
        );
    }

    // m9: the notice in place of a secret item is headed alike in both regions, with
    // its number, also where it begins a page (after a bilaga: Örebro's).
    for (region, stem, number, title) in [
        (
            "region-jh",
            "hsn-2042-05-20",
            "9.",
            "Förlikning med leverantören",
        ),
        (
            "region-orebro",
            "rs-2042-06-10",
            "7.",
            "Tilldelning av kontrakt",
        ),
    ] {
        let pdf = out(region, "sammantraden", &format!("{stem}-handlingar.pdf"));
        let pages = pages_with(&pdf, "Handlingen omfattas av sekretess enligt");
        assert_eq!(pages.len(), 1, "{region}: {pages:?}");
        let lines = page_lines(&pdf, pages[0]);
        let at = lines
            .iter()
            .position(|l| l.starts_with(title))
            .unwrap_or_else(|| panic!("{region}: {lines:?}"));
        assert!(
            lines[..at].iter().rev().find(|l| !l.is_empty()) == Some(&number.to_string()),
            "{region}: {lines:?}"
        );
    }

    // m18: a chart's title never ends a line in a short word that leads on ("… per
    // område och / år (procent)").
    let lines = lines_of(&out("region-jh", "rapporter", "hsn-obesitas-2041.pdf"));
    assert!(lines.iter().any(|l| l == "och år (procent)"), "{lines:?}");
    assert!(
        !lines
            .iter()
            .any(|l| l.starts_with("Diagram") && l.ends_with(" och")),
        "{lines:?}"
    );

    // m16: the handläggare's name and title break after a comma, not after "i".
    let lines = page_lines(&out("region-jh", "arenden", "hsn-skoldkortel.pdf"), 1);
    assert!(
        lines
            .iter()
            .any(|l| l == "Specialistläkare i allmänmedicin, processledare"),
        "{lines:?}"
    );

    // m15: an utdrag's beslutsunderlag of a line or two never ends its first page
    // with the decision overleaf: it goes over with the decision, p1 keeping its text.
    for n in [146, 152] {
        let pdf = out(
            "region-orebro",
            "sammantraden",
            &format!("rs-2042-06-10-utdrag-{n}.pdf"),
        );
        assert_eq!(page_count(&pdf), 2, "{n}");
        assert!(
            !page_lines(&pdf, 1).iter().any(|l| l == "Beslutsunderlag"),
            "{n}"
        );
        assert!(
            page_lines(&pdf, 1).iter().any(|l| l == "Sammanfattning"),
            "{n}"
        );
        let second = page_lines(&pdf, 2);
        let at = |s: &str| second.iter().position(|l| l == s);
        assert!(
            at("Beslutsunderlag").is_some() && at("Beslutsunderlag") < at("Beslut"),
            "{n}: {second:?}"
        );
    }

    // m4, m17: titles balanced at their phrases: not "Upphörd förskrivning / av
    // glutenfria livsmedel till vuxna med celiaki" (the last line much the longer),
    // not "… i Örebro / och Karlskoga".
    let lines = page_lines(&out("region-jh", "arenden", "hsn-celiaki.pdf"), 1);
    assert!(
        lines
            .iter()
            .any(|l| l == "Upphörd förskrivning av glutenfria livsmedel"),
        "{lines:?}"
    );
    let lines = page_lines(
        &out("region-orebro", "arenden", "42RS524-spelutveckling.pdf"),
        1,
    );
    assert!(
        lines
            .iter()
            .any(|l| l == "i Örebro och Karlskoga 2043–2047"),
        "{lines:?}"
    );
}

/// Review 43's findings on its own project (`held-out-43`, built settled): the JH
/// sammanfattning before the ärendebeskrivning it sums up; immediate adjustment in
/// the decision's own words; the utdrag's beslutsunderlag with its decision; phrases
/// and names kept on one line; titles at their phrases.
#[test]
fn the_forty_third_held_out_set_reads_as_fixed() {
    let p = built_fixture_settled("held-out-43");
    assert_no_title_past_the_margin(&p);
    let out = |region: &str, dir: &str, file: &str| out_path(&p, region, dir, file);

    // M2: in JH a sammanfattning comes before the ärendebeskrivning.
    let lines = page_lines(&out("region-jh", "arenden", "hsn-konsdysfori.pdf"), 1);
    let at = |s: &str| lines.iter().position(|l| l == s);
    assert!(
        at("Sammanfattning").is_some() && at("Sammanfattning") < at("Ärendebeskrivning"),
        "{lines:?}"
    );

    // m3: "Paragrafen förklaras omedelbart justerad." as the decision's last point is
    // set as the line of immediate adjustment in those words, in the protokoll and the
    // utdrag, not rewritten as "Paragrafen justeras omedelbart.".
    for file in [
        "hsn-2043-03-18-protokoll.pdf",
        "hsn-2043-03-18-utdrag-25.pdf",
    ] {
        let text = pdf_text(&out("region-jh", "sammantraden", file));
        assert!(
            text.contains("Paragrafen förklaras omedelbart justerad."),
            "{file}: {text}"
        );
        assert!(
            !text.contains("Paragrafen justeras omedelbart."),
            "{file}: {text}"
        );
    }

    // m7: utdrag-45 and -46 do not end p1 with their beslutsunderlag: it opens p2 with
    // the decision (-45), or stays on p1 with the decision's label and first point,
    // its three points broken 1 | 2 (-46, since session 51).
    for n in [45, 46] {
        let pdf = out(
            "region-orebro",
            "sammantraden",
            &format!("run-2043-04-15-utdrag-{n}.pdf"),
        );
        let (first, second) = (page_lines(&pdf, 1), page_lines(&pdf, 2));
        let page = if n == 45 { &second } else { &first };
        let at = |s: &str| page.iter().position(|l| l == s);
        assert!(
            at("Beslutsunderlag").is_some() && at("Beslutsunderlag") < at("Beslut"),
            "{n}: {page:?}"
        );
        if n == 46 {
            assert!(page_text(&pdf, 1).contains("medfinansiera tre tankstationer"));
            assert!(page_text(&pdf, 2).contains("Rätt utdraget intygar"));
        } else {
            assert!(!first.iter().any(|l| l == "Beslutsunderlag"), "{first:?}");
        }
    }

    // m10: the members' notice fills its lines: the title's last word stays on the
    // line it fits ("… efter avbruten upphandling / (OSL 19 kap. 3 §), sidan 26").
    let lines = page_lines(
        &out(
            "region-jh",
            "sammantraden",
            "hsn-2043-03-18-handlingar-ledamot.pdf",
        ),
        1,
    );
    assert!(
        lines
            .iter()
            .any(|l| l.ends_with("efter avbruten upphandling")),
        "{lines:?}"
    );

    // m11: "vid jäv" on one line in the attendance list.
    let lines = page_lines(
        &out(
            "region-orebro",
            "sammantraden",
            "run-2043-04-15-protokoll.pdf",
        ),
        2,
    );
    assert!(
        lines.iter().any(|l| l.contains("vid jäv, § 50")),
        "{lines:?}"
    );
    assert!(!lines.iter().any(|l| l.ends_with(" vid")), "{lines:?}");

    // m1: titles: a capitalised adjective with its noun ("Elektrokonvulsiv
    // behandling"), a name with its county ("Körcentrum Örebro län"). (Since review
    // 45 the ECT title is one line, at 97 % of its size.)
    let lines = page_lines(&out("region-jh", "arenden", "hsn-ect.pdf"), 1);
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("Elektrokonvulsiv behandling (ECT)")),
        "{lines:?}"
    );
    let lines = page_lines(&out("region-orebro", "arenden", "43RS204-korsang.pdf"), 1);
    assert!(
        lines.iter().any(|l| l.contains("Körcentrum Örebro län")),
        "{lines:?}"
    );
    // A number before its noun: not "… med länets tolv / kommuner …".
    let lines = page_lines(&out("region-orebro", "arenden", "43RS219-yrkesvux.pdf"), 1);
    assert!(
        lines.iter().any(|l| l.contains("länets tolv kommuner")),
        "{lines:?}"
    );

    // m6: a page where the secret item's notice runs on under the end of another
    // ärende is headed with both Dnr.
    let pack = out(
        "region-orebro",
        "sammantraden",
        "run-2043-04-15-handlingar.pdf",
    );
    let pages = pages_with(&pack, "Handlingen omfattas av sekretess enligt");
    assert_eq!(pages.len(), 1, "{pages:?}");
    let lines = page_lines(&pack, pages[0]);
    assert!(
        lines.iter().any(|l| l.contains("Dnr 43RS225, 43RS213")),
        "{lines:?}"
    );

    // m8: on a landscape page the table's lead keeps the text's measure (it ran about
    // 150 characters a line across the page).
    let report = out("region-jh", "rapporter", "hsn-overbelaggningar-2042.pdf");
    let page = pages_with(&report, "Tabellen visar disponibla")
        .first()
        .copied()
        .expect("the lead");
    let lines = page_lines(&report, page);
    let lead = lines
        .iter()
        .position(|l| l.starts_with("Tabellen visar disponibla"))
        .unwrap();
    for l in &lines[lead..lead + 3] {
        assert!(l.chars().count() <= 110, "{l:?}: {lines:?}");
    }
}

/// Review 44's findings on its own project (`held-out-44`, built settled): a sum row
/// that left out "Ryggrad" (read as a degree, like "beläggningsgrad"), and a rapport
/// laid out a page further in the pack than on its own.
#[test]
fn the_forty_fourth_held_out_set_reads_as_fixed() {
    let p = built_fixture_settled("held-out-44");
    assert_no_title_past_the_margin(&p);
    let out = |region: &str, dir: &str, file: &str| out_path(&p, region, dir, file);

    // M1: every column of counts is summed, "Ryggrad" too (2 764).
    let report = out("region-jh", "rapporter", "hsn-magnetkameror-2043.pdf");
    let text = poppler("pdftotext", &["-layout", report.to_str().unwrap(), "-"]);
    let sum = text
        .lines()
        .find(|l| l.trim_start().starts_with("Summa"))
        .unwrap_or_else(|| panic!("{text}"));
    let sum = sum.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(sum.contains("3 253 2 764 3 925"), "{sum}");

    // M3: the rapport's first page holds the same in the pack as on its own: its
    // first section and Tabell 1 with the title.
    let own = page_lines(
        &out("region-jh", "rapporter", "hsn-magnetkameror-2043.pdf"),
        1,
    );
    assert!(own.iter().any(|l| l.starts_with("Tabell 1.")), "{own:?}");
    let pack = out("region-jh", "sammantraden", "hsn-2044-03-20-handlingar.pdf");
    let first = pages_with(&pack, "Användning av magnetkameror 2043")
        .into_iter()
        .find(|&n| page_lines(&pack, n).iter().any(|l| l == "RAPPORT"))
        .expect("the rapport's first page");
    let lines = page_lines(&pack, first);
    assert!(
        lines.iter().any(|l| l.starts_with("Tabell 1.")),
        "{lines:?}"
    );

    // m9: a wrapped line of "Övriga närvarande" hangs under its person.
    let protokoll = out("region-jh", "sammantraden", "hsn-2044-03-20-protokoll.pdf");
    let layout = poppler(
        "pdftotext",
        &[
            "-layout",
            "-f",
            "2",
            "-l",
            "2",
            protokoll.to_str().unwrap(),
            "-",
        ],
    );
    let indent = |start: &str| {
        let line = layout
            .lines()
            .find(|l| l.trim_start().starts_with(start))
            .unwrap_or_else(|| panic!("{start}: {layout}"));
        line.len() - line.trim_start().len()
    };
    assert!(
        indent("läkare, § 33") > indent("Anders Rönnqvist"),
        "{layout}"
    );

    // m4: a name's genitive with its noun ("Willis-Ekboms / sjukdom").
    let lines = page_lines(&out("region-jh", "arenden", "hsn-willis-ekbom.pdf"), 1);
    assert!(
        lines.iter().any(|l| l.contains("Willis-Ekboms sjukdom")),
        "{lines:?}"
    );

    // M2: a compound is not hyphenated a letter from its joint: the Örebro protokoll's
    // "länsplanen för regional transpor- / tinfrastruktur" breaks "trans- /
    // portinfrastruktur" (at a point the patterns give that is not next to the joint).
    let protokoll = out(
        "region-orebro",
        "sammantraden",
        "run-2044-04-14-protokoll.pdf",
    );
    let text = poppler("pdftotext", &[protokoll.to_str().unwrap(), "-"]);
    let line = text
        .lines()
        .find(|l| l.contains("länsplanen för regional"))
        .unwrap_or_else(|| panic!("{text}"));
    assert!(!line.ends_with("transpor\u{ad}"), "{line}");
    assert!(
        line.ends_with("regional trans\u{ad}") || line.contains("transportinfrastruktur"),
        "{line}"
    );
}

/// Review 45's project (24 documents; fixture `held-out-45`).
#[test]
fn the_forty_fifth_held_out_set_reads_as_fixed() {
    let p = built_fixture_settled("held-out-45");
    assert_no_title_past_the_margin(&p);
    assert_no_utdrag_ends_on_its_closing_alone(&p);
    let out = |region: &str, dir: &str, file: &str| out_path(&p, region, dir, file);

    // M1: an utdrag set closer to fit its page keeps its decision's points further
    // apart than the lines of one point ("den 1 januari 2046." read as a point).
    let utdrag = out("region-jh", "sammantraden", "hsn-2045-05-16-utdrag-62.pdf");
    assert_eq!(page_count(&utdrag), 1);
    let words = word_boxes(&utdrag, 1);
    let top = |first: &str, second: &str| {
        words
            .windows(2)
            .find(|w| w[0].0 == first && w[1].0 == second)
            .unwrap_or_else(|| panic!("{first} {second}: {words:?}"))[0]
            .2
    };
    let point = top("Ett", "regionalt");
    let wrapped = top("den", "1");
    let next = top("Kostnaden,", "2,0");
    assert!(
        next - wrapped > wrapped - point + 1.0,
        "between points {:.1} pt, between lines {:.1} pt",
        next - wrapped,
        wrapped - point
    );

    // m6: a förslag of three one-line points that fits under its heading stays whole
    // there; the signatures and lists go over (it broke 1 | 2 with a fifth of p1 empty).
    // (From session 49 the whole of it is one page, set closest: the förslag whole
    // there, its signatures and lists under it.)
    let ts = out("region-jh", "arenden", "hsn-sicklecell.pdf");
    let first = page_text(&ts, 1);
    assert!(
        first.contains("Förvaltningen redovisar erfarenheterna"),
        "{first}"
    );
    assert_eq!(page_count(&ts), 1, "{first}");
    assert!(first.contains("I tjänsten"), "{first}");
    // (Värmebölja's förslag of six points, overleaf whole, is not broken 2 | 4 at p1's
    // foot where two stay: a split keeps half of them at least, the review of session
    // 49's diff.)
    let ts = out("region-jh", "arenden", "hsn-varmebolja.pdf");
    assert!(
        !page_text(&ts, 1).contains("Regiondirektörens förslag"),
        "{}",
        page_text(&ts, 1)
    );

    // m8: the pack's contents break their titles as titles: no line ends on the short
    // words the review found there ("… och i / primärvården", "vid en / privat
    // klinik", "på / linjen") or parts a name ("Stiftelsen / Bergslagens"). (A title
    // of more than 120 characters may end a line on "och", as it does as a heading.)
    for (region, pack) in [
        ("region-jh", "hsn-2045-05-16-handlingar.pdf"),
        ("region-orebro", "run-2045-06-08-handlingar.pdf"),
    ] {
        let pack = out(region, "sammantraden", pack);
        let page = pages_with(&pack, "Innehåll")[0];
        let lines = page_lines(&pack, page);
        for l in &lines {
            let last = l.split_whitespace().last().unwrap_or("");
            assert!(!["i", "en", "på"].contains(&last), "{l}");
        }
        assert!(
            !lines.iter().any(|l| l.ends_with("Stiftelsen")),
            "{lines:?}"
        );
    }

    // M4: a tjänsteskrivelse with signatures and seven lines of closing lists, three
    // lines over its page, is set closer on one (its lists stood alone on p2).
    let ts = out("region-jh", "arenden", "hsn-hemokromatos.pdf");
    assert_eq!(page_count(&ts), 1);

    // m7: a Latin name of two words stays on one line of its title.
    let lines = page_lines(&out("region-jh", "arenden", "hsn-hidradenitis.pdf"), 1);
    assert!(
        lines.iter().any(|l| l.contains("hidradenitis suppurativa")),
        "{lines:?}"
    );

    // m12: a title that takes a line fewer at 97 % of its size is set so, in two lines,
    // not as "Turnébidrag till / Dockteatern Trådrullen / för föreställningar …".
    let lines = page_lines(
        &out("region-orebro", "arenden", "45RS426-dockteater.pdf"),
        1,
    );
    assert!(
        lines
            .iter()
            .any(|l| l == "Turnébidrag till Dockteatern Trådrullen"),
        "{lines:?}"
    );
}

/// Review 46's project (24 documents; fixture `held-out-46`).
#[test]
fn the_forty_sixth_held_out_set_reads_as_fixed() {
    let p = built_fixture_settled("held-out-46");
    assert_no_title_past_the_margin(&p);
    assert_no_utdrag_ends_on_its_closing_alone(&p);
    // M3: a title's last line is not one bound piece of two short words under a full
    // line ("Investeringsbidrag till nytt kulturhus / i Laxå").
    let lines = page_lines(
        &out_path(&p, "region-orebro", "arenden", "46RS217-kulturhus.pdf"),
        1,
    );
    // (Its first word goes alone since session 51, "till" leading on: "Investeringsbidrag
    // / till nytt kulturhus i Laxå".)
    assert!(
        lines.iter().any(|l| l == "till nytt kulturhus i Laxå"),
        "{lines:?}"
    );

    // m8, m17: a diarienummer with its authority's letters in mixed case, and an ISO
    // period, each on one line ("dnr FoHM / 2046/00412", "2046-07-01– / 2049-06-30").
    let protokoll = pdf_text(&out_path(
        &p,
        "region-jh",
        "sammantraden",
        "hsn-2046-03-21-protokoll.pdf",
    ));
    assert!(protokoll.contains("dnr FoHM 2046/00412"), "{protokoll}");
    let ts = pdf_text(&out_path(&p, "region-jh", "arenden", "hsn-brannskador.pdf"));
    assert!(ts.contains("2046-07-01–2049-06-30"), "{ts}");

    // Session 49: M2's title keeps "barn- till vuxenvård" on one line, and the short
    // tjänsteskrivelser whose closing lists or signatures stood alone on p2, four or
    // five lines over (m7), are one page, set closest.
    let cf = out_path(&p, "region-jh", "arenden", "hsn-cystisk-fibros.pdf");
    let lines = page_lines(&cf, 1);
    assert!(
        lines.iter().any(|l| l.ends_with("barn- till vuxenvård")),
        "{lines:?}"
    );
    for f in ["hsn-cystisk-fibros.pdf", "hsn-konsstympning.pdf"] {
        assert_eq!(
            page_count(&out_path(&p, "region-jh", "arenden", f)),
            1,
            "{f}"
        );
    }
}

/// Review 47's set (fixture `held-out-47`: assisterad befruktning, ryggmärgsskador,
/// injektionsbehandlingar, hyperbar oxygen, katastrofmedicin …; mineralstrategi,
/// friidrottsarena, folkrörelsearkiv …), built settled.
#[test]
fn the_forty_seventh_held_out_set_reads_as_fixed() {
    let p = built_fixture_settled("held-out-47");
    assert_no_title_past_the_margin(&p);
    assert_no_utdrag_ends_on_its_closing_alone(&p);
    let first = |region: &str, file: &str| page_lines(&out_path(&p, region, "arenden", file), 1);

    // M5: no title line ends in "med" where the line after takes it ("… av vuxna med /
    // traumatiska ryggmärgsskador 2047–2051").
    let lines = first("region-jh", "hsn-ryggmargsskador.pdf");
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("med traumatiska ryggmärgsskador")),
        "{lines:?}"
    );
    // M7: a cited betänkande's first word stays with its title ("betänkandet Säkrare /
    // estetiska …").
    let lines = first("region-jh", "hsn-yttrande-injektionsbehandlingar.pdf");
    assert!(
        lines.iter().any(|l| l == "Yttrande över betänkandet"),
        "{lines:?}"
    );
    // m16: "Verksamhetsbidrag till / Folkrörelsearkivet …": no title line ends "till".
    let lines = first("region-orebro", "47RS320-folkrorelsearkiv.pdf");
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("till Folkrörelsearkivet")),
        "{lines:?}"
    );
    // m10: "… 2047–2055 – hållbar / utvinning": an adjective in "-bar" stays with its noun.
    let lines = first("region-orebro", "47RS301-mineralstrategi.pdf");
    assert!(!lines.iter().any(|l| l.ends_with("hållbar")), "{lines:?}");

    // M4: the packs' contents end no line in "och" (titles over 120 characters bind
    // their short words there).
    for (region, pack) in [
        ("region-jh", "hsn-2047-04-24-handlingar.pdf"),
        ("region-orebro", "run-2047-05-15-handlingar.pdf"),
    ] {
        let pdf = out_path(&p, region, "sammantraden", pack);
        let n = pages_with(&pdf, "Innehåll")[0];
        let lines = page_lines(&pdf, n);
        assert!(
            !lines.iter().any(|l| l.ends_with(" och")),
            "{pack}: {lines:?}"
        );
    }

    // m13: "41 års" on one line wherever it is printed.
    let ts = pdf_text(&out_path(
        &p,
        "region-jh",
        "arenden",
        "hsn-assisterad-befruktning.pdf",
    ));
    assert!(ts.contains("41 års"), "{ts}");

    // M8: friidrottsarena, 10 mm over, is one page (set closer with its lists); the
    // hyperbar oxygen förslag of five short points breaks 3 | 2 instead of leaving
    // page 1 at 77 %.
    assert_eq!(
        page_count(&out_path(
            &p,
            "region-orebro",
            "arenden",
            "47RS305-friidrottsarena.pdf"
        )),
        1
    );
    let lines = first("region-jh", "hsn-hyperbar-oxygen.pdf");
    assert!(
        lines.iter().any(|l| l == "Regiondirektörens förslag"),
        "{lines:?}"
    );

    // m15: a running recipient list does not break inside a name after "och".
    let ts = pdf_text(&out_path(
        &p,
        "region-jh",
        "arenden",
        "hsn-katastrofmedicin.pdf",
    ));
    assert!(ts.contains("Enheten för säkerhet och beredskap"), "{ts}");
}

/// Review 48's set (fixture `held-out-48`: spasticitet, handkirurgi, kejsarsnitt,
/// mikrobiota …; grafik, muralmålningar, tingsrätt, geotermi …), built settled: the
/// titles that parted an adjective from its noun.
#[test]
fn the_forty_eighth_held_out_set_reads_as_fixed() {
    let p = built_fixture_settled("held-out-48");
    assert_no_title_past_the_margin(&p);
    assert_no_utdrag_ends_on_its_closing_alone(&p);
    // M5: a name's adjective stays with it ("Verksamhetsbidrag till Grafiska /
    // sällskapet i Nora 2048–2050").
    let lines = page_lines(
        &out_path(&p, "region-orebro", "arenden", "48RS402-grafik.pdf"),
        1,
    );
    assert!(
        lines.iter().any(|l| l.contains("Grafiska sällskapet")),
        "{lines:?}"
    );
    // M4: "… muralmålningar och annan / konst …" (the title at 97 % read "annan" as
    // no adjective).
    let lines = page_lines(
        &out_path(&p, "region-orebro", "arenden", "48RS429-muralmalningar.pdf"),
        1,
    );
    assert!(lines.iter().any(|l| l.contains("annan konst")), "{lines:?}");
    // M6: a § heading keeps "gemensam remissrutin" together, as the kallelse does.
    let protokoll = pdf_text(&out_path(
        &p,
        "region-jh",
        "sammantraden",
        "hsn-2048-04-16-protokoll.pdf",
    ));
    assert!(
        protokoll.contains("operationer, gemensam remissrutin"),
        "{protokoll}"
    );
    // M1, M2: an utdrag still a line too tall at its closest step sets its head closer
    // and is one page (was: p1 a fifth or two empty, p2 a decision's tail, the
    // recipients and the attestation).
    for (region, file) in [
        ("region-jh", "hsn-2048-04-16-utdrag-33.pdf"),
        ("region-orebro", "run-2048-05-11-utdrag-63.pdf"),
    ] {
        let pdf = out_path(&p, region, "sammantraden", file);
        assert_eq!(page_count(&pdf), 1, "{file}");
        assert!(pdf_text(&pdf).contains("Rätt utdraget intygar"), "{file}");
    }
    // The head is set as usual where the utdrag fits without it: its title stands as
    // far above its rows as in every other utdrag.
    let gap = |file: &str| {
        let pdf = out_path(&p, "region-jh", "sammantraden", file);
        space_below(&pdf, "Protokollsutdrag")
    };
    assert!(
        gap("hsn-2048-04-16-utdrag-33.pdf") < gap("hsn-2048-04-16-utdrag-34.pdf"),
        "the compact head is no closer than the usual one"
    );
    // m9: a title of four lines whose last was "Ds 2048:4" alone takes three at 94 %.
    let lines = page_lines(
        &out_path(
            &p,
            "region-orebro",
            "arenden",
            "48RS408-yttrande-tingsratt.pdf",
        ),
        1,
    );
    assert!(
        lines.iter().any(|l| l == "i Mellansverige, Ds 2048:4"),
        "{lines:?}"
    );
}

/// Review 49's project (its findings M2–M4, m7, m8): an utdrag a line too tall set
/// one page; a decision of four points broken 2/2 rather than sent over whole; a
/// short tjänsteskrivelse with a förslag of four or six points fitted to one page; a
/// title's dash after a number with its unit ends the line; "via" leads on in the
/// pack's contents.
#[test]
fn the_forty_ninth_held_out_set_reads_as_fixed() {
    let p = built_fixture_settled("held-out-49");
    assert_no_title_past_the_margin(&p);
    assert_no_utdrag_ends_on_its_closing_alone(&p);
    let meeting = |region: &str, file: &str| out_path(&p, region, "sammantraden", file);
    // M2: utdrag-77, 18 mm over, is one page.
    let u77 = meeting("region-orebro", "run-2049-06-10-utdrag-77.pdf");
    assert_eq!(page_count(&u77), 1);
    assert!(pdf_text(&u77).contains("Rätt utdraget intygar"));
    // M3: utdrag-75's four points break 2/2, the attestation with the last two.
    let u75 = meeting("region-orebro", "run-2049-06-10-utdrag-75.pdf");
    let p1 = page_text(&u75, 1);
    assert!(p1.contains("bevilja Länsstyrelsen"), "{p1}");
    assert!(p1.contains("medfinansieringen förutsätter"), "{p1}");
    let p2 = page_text(&u75, 2);
    assert!(p2.contains("uppdra åt regionala"), "{p2}");
    assert!(p2.contains("Rätt utdraget intygar"), "{p2}");
    // M1, m7: obduktion (four points) and ljumskbråck (six) are one page.
    for file in ["hsn-obduktion.pdf", "hsn-ljumskbrack.pdf"] {
        let pdf = out_path(&p, "region-jh", "arenden", file);
        assert_eq!(page_count(&pdf), 1, "{file}");
        assert!(pdf_text(&pdf).contains("Utdrag till"), "{file}");
    }
    // M4: the title's dash ends its line, in the tjänsteskrivelse and the § heading.
    let psa = out_path(&p, "region-jh", "arenden", "hsn-psa-testning.pdf");
    let lines = page_lines(&psa, 1);
    assert!(lines.iter().any(|l| l.ends_with("74 år –")), "{lines:?}");
    assert!(!lines.iter().any(|l| l.starts_with('–')), "{lines:?}");
    let protokoll = pdf_text(&meeting("region-jh", "hsn-2049-05-20-protokoll.pdf"));
    assert!(protokoll.contains("mellan 50 och 74 år –\n"), "{protokoll}");
    // m15: the note on digital justering stands further from the rows above it than
    // the rows from each other (it read as a row of the table).
    let pdf = meeting("region-orebro", "run-2049-06-10-protokoll.pdf");
    let words = page_words(&pdf, 1);
    let top = |word: &str| words.iter().find(|w| w.0 == word).expect(word).2;
    let note = space_above(&words, top("Protokollet"));
    let row = space_above(&words, top("Omedelbart"));
    assert!(note > row + 40, "note {note}, row {row}");
    // m6: the pack's contents end no line in "via".
    let pack = pdf_text(&meeting("region-orebro", "run-2049-06-10-handlingar.pdf"));
    assert!(!pack.contains(" via\n"), "{pack}");
    // m8: the sentence that speaks of the table's steps goes over with the table (on
    // p2 then; on p1 since session 56's letterhead took a line less), and its header
    // keeps "per år" together ("Magnetkamera per / år").
    let at = *pages_with(&psa, "Magnetkamera").first().expect("the table");
    let page = page_text(&psa, at);
    assert!(page.contains("Införandet sker i tre steg"), "{page}");
    let lines = page_lines(&psa, at);
    let header = lines
        .iter()
        .position(|l| l == "Magnetkamera")
        .expect("header");
    assert_eq!(lines[header + 1], "per år", "{lines:?}");
    // m14: the members' pack's notice breaks between its phrases, not before its last
    // two words (since review 54's M8 after "sekretess", its first line the longer).
    let members = meeting("region-orebro", "run-2049-06-10-handlingar-ledamot.pdf");
    let lines = page_lines(&members, 1);
    assert!(
        lines
            .iter()
            .any(|l| l == "Ledamotsexemplar – innehåller handlingar som omfattas av sekretess")
            && lines.iter().any(|l| l == "och får inte lämnas ut:"),
        "{lines:?}"
    );
}

/// Review 50 (session 51's start, binary of 4283ae2): its project, rebuilt, reads as
/// fixed where the session fixed it.
#[test]
fn the_fiftieth_held_out_set_reads_as_fixed() {
    let p = built_fixture_settled("held-out-50");
    assert_no_title_past_the_margin(&p);
    assert_no_utdrag_ends_on_its_closing_alone(&p);
    let meeting = |region: &str, file: &str| out_path(&p, region, "sammantraden", file);
    let ts = |file: &str| out_path(&p, "region-orebro", "arenden", file);
    // M1: utdrag-144's three points break 1 | 2 (its first point under "Beslut" at
    // p1's foot, a fifth of the page was left empty above them all overleaf).
    let u144 = meeting("region-orebro", "run-2049-11-25-utdrag-144.pdf");
    let p1 = page_text(&u144, 1);
    assert!(p1.contains("bevilja Askersunds"), "{p1}");
    let p2 = page_text(&u144, 2);
    assert!(p2.contains("bidraget betalas ut"), "{p2}");
    assert!(p2.contains("Rätt utdraget intygar"), "{p2}");
    // M2: dubbelspår's title keeps "en" with its word (its first line ends in
    // "åtgärdsvalsstudie", not "en"), and its tjänsteskrivelse takes three pages;
    // bandybana's long first word stands alone, "till" leading on.
    let dubbelspar = ts("49RS616-dubbelspar.pdf");
    let lines = page_lines(&dubbelspar, 1);
    assert!(
        lines
            .iter()
            .any(|l| l == "Medfinansiering av en åtgärdsvalsstudie"),
        "{lines:?}"
    );
    assert_eq!(page_count(&dubbelspar), 3);
    let lines = page_lines(&ts("49RS601-bandybana.pdf"), 1);
    let first = lines
        .iter()
        .position(|l| l == "Investeringsbidrag")
        .expect("title");
    assert_eq!(
        lines[first + 1],
        "till en konstfrusen bandybana",
        "{lines:?}"
    );
    // m6: in an utdrag set close (-143), its two paragraphs stand further apart than
    // the lines of one, by more than a point and a half (1,2 pt on the binary of
    // 4283ae2, which review 50 read as no space).
    let u143 = meeting("region-orebro", "run-2049-11-25-utdrag-143.pdf");
    assert_eq!(page_count(&u143), 1);
    let words = page_words(&u143, 1);
    let top = |word: &str| words.iter().find(|w| w.0 == word).expect(word).2;
    let between = space_above(&words, top("Förvaltningen"));
    let within = space_above(&words, top("Sannahedsvallen."));
    assert!(between > within + 16, "between {between}, within {within}");
    // m13: the Markdown table's last header takes one line where the table has room
    // ("varav under / 18 år, 2048" wrapped at its measured width).
    let tillnyktring = out_path(&p, "region-jh", "arenden", "hsn-tillnyktring.pdf");
    assert!(
        pdf_text(&tillnyktring).contains("varav under 18 år, 2048"),
        "{}",
        pdf_text(&tillnyktring)
    );
    // m12: a chart whose title gives its unit among other words in its parentheses
    // gets no second unit ("(tkr, fasta priser), tkr").
    let rapport = out_path(
        &p,
        "region-orebro",
        "rapporter",
        "49RS590-inkomster-2048.pdf",
    );
    let text = pdf_text(&rapport);
    assert!(text.contains("(tkr, fasta priser)"), "{text}");
    assert!(!text.contains("fasta priser), tkr"), "{text}");
    // m10: "per år" stays on one line in the att-satser.
    for file in ["49RS613-oversattarhus.pdf", "49RS619-hiphop.pdf"] {
        let text = pdf_text(&ts(file));
        assert!(!text.contains(" per\n"), "{file}: {text}");
    }
    // m8: a name is not hyphenated ("Trafikver-/ket" in dubbelspår's
    // beslutsunderlag); the line breaks before it.
    let text = pdf_text(&dubbelspar);
    assert!(text.contains("Trafikverket 2049-08-29"), "{text}");
    assert!(!text.contains("Trafikver\u{ad}"), "{text}");
    // m5 (session 52): § 114, which would have gone over whole and left 150 pt of p2
    // empty, begins on p2 and its decision goes over.
    let protokoll = meeting("region-jh", "hsn-2049-11-17-protokoll.pdf");
    let p2 = page_text(&protokoll, 2);
    assert!(p2.contains("§ 114"), "{p2}");
    let p3 = page_text(&protokoll, 3);
    assert!(
        p3.contains("tonsillotomi på barn") && !p3.contains("§ 114"),
        "{p3}"
    );
}

/// Review 51 (session 52's start, binary of 681651d): its project, rebuilt, reads as
/// fixed where the session fixed it.
#[test]
fn the_fifty_first_held_out_set_reads_as_fixed() {
    let p = built_fixture_settled("held-out-51");
    assert_no_title_past_the_margin(&p);
    assert_no_utdrag_ends_on_its_closing_alone(&p);
    let meeting = |region: &str, file: &str| out_path(&p, region, "sammantraden", file);
    // M1: no § heading line ends in an adjective before its noun ("romsk /
    // inkludering", "ändrade / hastighetsgränser"), in the protokoll or the utdrag.
    let protokoll = meeting("region-orebro", "run-2049-12-10-protokoll.pdf");
    for pdf in [
        protokoll.clone(),
        meeting("region-orebro", "run-2049-12-10-utdrag-171.pdf"),
        meeting("region-orebro", "run-2049-12-10-utdrag-172.pdf"),
    ] {
        for n in 1..=page_count(&pdf) {
            for line in page_lines(&pdf, n) {
                assert!(
                    !line.ends_with(" romsk") && !line.ends_with(" ändrade"),
                    "{}: {line}",
                    pdf.display()
                );
            }
        }
    }
    let text = pdf_text(&protokoll);
    assert!(
        text.contains("till ändrade hastighetsgränser på det statliga vägnätet"),
        "{text}"
    );
    // m3: "fem års ålder" stays on one line of the title.
    let prematur = out_path(&p, "region-jh", "arenden", "hsn-prematur.pdf");
    let lines = page_lines(&prematur, 1);
    assert!(
        lines
            .iter()
            .any(|l| l.contains("till och med fem års ålder")),
        "{lines:?}"
    );
    // m5: a chart's rate stated in its title, or its sum in words, is not added again;
    // "75 år" stays on one line.
    let jh = out_path(&p, "region-jh", "rapporter", "hsn-dodsorsaker-2048.pdf");
    let text = pdf_text(&jh);
    assert!(!text.contains("(per 100 000)"), "{text}");
    assert!(text.contains("invånare under 75 år"), "{text}");
    let orebro = out_path(
        &p,
        "region-orebro",
        "rapporter",
        "49RS690-godsfloden-2048.pdf",
    );
    let text = pdf_text(&orebro);
    assert!(text.contains("(miljoner kronor)"), "{text}");
    assert!(!text.contains("kronor), mnkr"), "{text}");
    // Note 16: the "varav suicid" row is not summed again (1 463 was 1 438 counted
    // twice over 25), and stands in the table.
    let text = pdf_text(&jh);
    assert!(text.contains("varav suicid"), "{text}");
    assert!(text.contains("1 438"), "{text}");
    assert!(!text.contains("1 463"), "{text}");
    // m12: the table's column heads stand at the header's foot: the one-line
    // "Dödsorsak" on the line of the last of "Andel / före / 75 år / (%)".
    let words = page_words(&jh, 2);
    let top = |word: &str| words.iter().find(|w| w.0 == word).expect(word).2;
    assert!(
        (top("Dödsorsak") - top("(%)")).abs() <= 10,
        "Dödsorsak {}, (%) {}",
        top("Dödsorsak"),
        top("(%)")
    );
}

/// Review 52's set (session 53): the findings fixed, read off the built documents.
#[test]
fn the_fifty_second_held_out_set_reads_as_fixed() {
    let p = built_fixture_settled("held-out-52");
    assert_no_title_past_the_margin(&p);
    assert_no_utdrag_ends_on_its_closing_alone(&p);
    let meeting = |region: &str, file: &str| out_path(&p, region, "sammantraden", file);
    // M7: § 46's eight att-satser end on the page they begin on, where the last three
    // went over with the reservation and the recipients. (Since session 58 the
    // paragraph opens after its sammanfattning, which ends the page of its heading,
    // a third of it empty before: the yrkanden, the decision, the reservation and the
    // recipients make the next page, review 57's F3.)
    let protokoll = meeting("region-orebro", "run-2027-03-23-protokoll.pdf");
    let heading = (1..=page_count(&protokoll))
        .find(|&n| page_text(&protokoll, n).lines().any(|l| l.trim() == "§ 46"))
        .expect("§ 46");
    let at = *pages_with(&protokoll, "anta den regionala cykelstrategin")
        .first()
        .expect("the first att-sats");
    assert!(at == heading || at == heading + 1, "{heading} {at}");
    let page = squash(&page_text(&protokoll, at));
    for point in [
        "antadenregionalacykelstrategin",
        "regionenerbjuderkommunernamedfinansiering",
        "strategin följs upp årligen",
    ] {
        assert!(
            page.contains(&squash(point)),
            "{point} not on p{at}: {page}"
        );
    }
    let reservation = pages_with(&protokoll, "Daniel Forsman (SD) reserverar sig");
    assert!(
        reservation.iter().any(|&k| k == at || k == at + 1),
        "{reservation:?} {at}"
    );
    // M9: the JH decision whose yrkande names "beslutspunkt 3" is numbered in the
    // protokoll and the utdrag, and stays as the house sets it in the TS.
    let third = squash("3. Avgiften för uteblivet besök");
    for pdf in [
        meeting("region-jh", "hsn-2027-03-18-protokoll.pdf"),
        meeting("region-jh", "hsn-2027-03-18-utdrag-36.pdf"),
    ] {
        let text = squash(&pdf_text(&pdf));
        assert!(text.contains(&third), "{}: {text}", pdf.display());
    }
    let ts = out_path(&p, "region-jh", "arenden", "hsn-tandvardsavgifter.pdf");
    let text = squash(&pdf_text(&ts));
    assert!(!text.contains(&third), "{text}");
    assert!(
        text.contains(&squash("Avgiften för uteblivet besök")),
        "{text}"
    );
    // m10 (session 54): the TS's eight points break 6 | 2 where 5 | 3 left p1 at 77 %:
    // the sixth point ends p1, the last two open p2 with the signature.
    let first = squash(&page_text(&ts, 1));
    assert!(
        first.contains(&squash("Personer med intyg om nödvändig tandvård")),
        "{first}"
    );
    let second = squash(&page_text(&ts, 2));
    assert!(
        second.contains(&squash("Förvaltningen får i uppdrag att informera"))
            && !second.contains(&squash("Personer med intyg")),
        "{second}"
    );
    // M1: "bukaortaa-/neurysm" is not set (the break a letter into "aneurysm").
    for pdf in [
        out_path(&p, "region-jh", "arenden", "hsn-bukaorta.pdf"),
        meeting("region-jh", "hsn-2027-03-18-protokoll.pdf"),
        meeting("region-jh", "hsn-2027-03-18-utdrag-38.pdf"),
        meeting("region-jh", "hsn-2027-03-18-handlingar.pdf"),
    ] {
        for n in 1..=page_count(&pdf) {
            for line in page_lines(&pdf, n) {
                assert!(!line.ends_with("aortaa-"), "{}: {line}", pdf.display());
            }
        }
    }
    // M3: the report's title keeps "sjukvården 2026 –" on one line, as the kallelse.
    let rapport = out_path(&p, "region-jh", "rapporter", "hsn-tillganglighet-2026.pdf");
    let lines = page_lines(&rapport, 1);
    assert!(
        lines.iter().any(|l| l.ends_with("sjukvården 2026 –")),
        "{lines:?}"
    );
    // m6: the region's name is not parted in the recipients.
    let vard = out_path(&p, "region-jh", "arenden", "hsn-digitala-vardmoten.pdf");
    for n in 1..=page_count(&vard) {
        for line in page_lines(&vard, n) {
            assert!(!line.ends_with("Region Jämtland"), "{line}");
        }
    }
    // m16: a varav row's label is indented under the row it is a part of.
    let orebro = out_path(
        &p,
        "region-orebro",
        "rapporter",
        "27RS090-arbetsmarknad-2026.pdf",
    );
    let at = (1..=page_count(&orebro))
        .find(|&n| squash(&page_text(&orebro, n)).contains("varavoffentlig"))
        .expect("varav");
    let words = page_words(&orebro, at);
    let left = |word: &str| words.iter().find(|w| w.0 == word).expect(word).1;
    assert!(
        left("varav") >= left("Vård") + 50,
        "varav {}, Vård {}",
        left("varav"),
        left("Vård")
    );
    // m20: a sekretess notice's Dnr stands under the title's text, not its number.
    let pack = meeting("region-jh", "hsn-2027-03-18-handlingar.pdf");
    let at = (1..=page_count(&pack))
        .find(|&n| page_text(&pack, n).contains("Handlingen omfattas av sekretess enligt OSL 25"))
        .expect("notice");
    let words = page_words(&pack, at);
    let left = |word: &str| words.iter().find(|w| w.0 == word).expect(word).1;
    assert!(
        (left("Dnr") - left("Ersättning")).abs() <= 10,
        "Dnr {}, Ersättning {}",
        left("Dnr"),
        left("Ersättning")
    );
    // m18: Örebro's TS labels its recipients "Skickas till:", as the house does.
    let linje = out_path(&p, "region-orebro", "arenden", "27RS113-linje509.pdf");
    assert!(pdf_text(&linje).contains("Skickas till:"));
    // m23: the anslag posted on långfredagen is warned about, with the next weekday.
    let run = p.run(&["check"]);
    assert!(
        run.stderr
            .contains("anslaget sätts upp 26 mars 2027 som är långfredagen"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("närmaste vardag är 30 mars 2027"),
        "{}",
        run.stderr
    );
    // M7 where § 46 is justered at once (the review of session 53's diff: the fix was
    // off there, and § 46 broke 5 | 3 again): "Paragrafen justeras omedelbart." ends
    // the decision on its page, the reservation after it.
    let file = "content/region-orebro/sammantraden/run-2027-03-23.yaml";
    let yaml = std::fs::read_to_string(p.path().join(file)).unwrap();
    let at = yaml
        .find("  - ärende: ../arenden/27RS113-linje509.yaml")
        .unwrap();
    let reserved = "      - Jimmy Carlsson (SD) instämmer i Daniel Forsmans (SD) reservation.\n";
    assert!(yaml[..at].ends_with(reserved));
    p.write(
        file,
        &format!(
            "{}    omedelbar_justering: true\n{}",
            &yaml[..at],
            &yaml[at..]
        ),
    );
    p.run(&["build", "-q", file]).ok();
    // (The decision's page: since session 58 the page after the heading's, above.)
    let at = *pages_with(&protokoll, "anta den regionala cykelstrategin")
        .first()
        .expect("the first att-sats");
    let page = squash(&page_text(&protokoll, at));
    for kept in [
        "strategin följs upp årligen",
        "Paragrafen justeras omedelbart.",
    ] {
        assert!(page.contains(&squash(kept)), "{kept} not on p{at}: {page}");
    }
    let reservation = pages_with(&protokoll, "Daniel Forsman (SD) reserverar sig");
    assert!(
        reservation.iter().any(|&k| k == at || k == at + 1),
        "{reservation:?} {at}"
    );
}

/// Two ärenden of one pack with one diarienummer (a case's documents share it), each
/// with run-on recipients that break: each list's own start page has only its label,
/// and only the pages where a list goes on have "Utdrag till (forts.)" (the review of
/// session 46's diff: the second list took the first's start for its own and printed
/// the "(forts.)" label over its heading).
#[test]
fn two_items_with_one_diarienummer_label_their_own_recipients() {
    let p = Project::new();
    copy_dir(&repo_root().join("tests/fixtures/held-out-41"), p.path());
    let dir = p.path().join("content/region-jh");
    let ts = std::fs::read_to_string(dir.join("arenden/hsn-ryggsmarta.yaml")).unwrap();
    p.write("content/region-jh/arenden/ryggsmarta-2.yaml", &ts);
    let meeting = std::fs::read_to_string(dir.join("sammantraden/hsn-2038-03-31.yaml")).unwrap();
    let head = meeting.split("\npunkter:").next().unwrap();
    p.write(
        "content/region-jh/sammantraden/m.yaml",
        &format!(
            "{}\npunkter:\n  - ärende: ../arenden/hsn-ryggsmarta.yaml\n  - ärende: ../arenden/ryggsmarta-2.yaml\n",
            head.replace("dokument:", "# dokument:")
        )
        .replacen("typ: sammanträde", "typ: sammanträde\ndokument: [handlingar]", 1),
    );
    let path = p.path().join("content/region-jh/sammantraden/m.yaml");
    let run = p.run(&["build", path.to_str().unwrap()]).ok();
    assert!(
        !run.stderr.contains("stabiliserades inte"),
        "{}",
        run.stderr
    );
    let pack = p.path().join("out/region-jh/sammantraden/m-handlingar.pdf");
    let mut starts = 0;
    let mut goes_on = 0;
    for n in 1..=page_count(&pack) {
        let lines = page_lines(&pack, n);
        let start = lines.iter().any(|l| l == "Utdrag till");
        let more = lines.iter().any(|l| l == "Utdrag till (forts.)");
        assert!(!(start && more), "page {n}: {lines:?}");
        starts += usize::from(start);
        goes_on += usize::from(more);
    }
    assert_eq!((starts, goes_on), (2, 2));
}

#[test]
fn the_fifty_third_held_out_set_reads_as_fixed() {
    let p = built_fixture_settled("held-out-53");
    assert_no_title_past_the_margin(&p);
    assert_no_utdrag_ends_on_its_closing_alone(&p);
    let ts = |region: &str, file: &str| out_path(&p, region, "arenden", file);
    let meeting = |region: &str, file: &str| out_path(&p, region, "sammantraden", file);
    // M2–M4: names whole in titles, as the kallelse sets them.
    assert_has_line(
        &ts("region-orebro", "49RS223-yttrande-vattenforvaltning.pdf"),
        1,
        "Vattenmyndigheten Norra Östersjöns",
    );
    assert_has_line(
        &ts("region-orebro", "49RS226-amatorteater.pdf"),
        1,
        "Örebro läns Amatörteaterförbund",
    );
    assert_has_line(
        &out_path(
            &p,
            "region-orebro",
            "rapporter",
            "49RS190-kompetensmatchning-2048.pdf",
        ),
        1,
        "Kompetensmatchning i Örebro län",
    );
    let protokoll = meeting("region-orebro", "run-2049-05-12-protokoll.pdf");
    let at = pages_with(&protokoll, "§ 97")[0];
    assert_has_line(&protokoll, at, "Vattenmyndigheten Norra Östersjöns");
    let at = pages_with(&protokoll, "§ 100")[0];
    assert_has_line(&protokoll, at, "Örebro läns Amatörteaterförbund");
    // M5: the pack's contents do not part "hälso-" from its "och".
    let pack = meeting("region-jh", "hsn-2049-04-20-handlingar.pdf");
    for n in pages_with(&pack, "Innehåll") {
        for line in page_lines(&pack, n) {
            assert!(!line.ends_with("hälso-"), "p{n}: {line}");
        }
    }
    // m7: the eight-point förslag breaks 6 | 2, the last two over with the signature.
    let frisk = ts("region-jh", "hsn-friskvardsbidrag.pdf");
    let first = squash(&page_text(&frisk, 1));
    assert!(
        first.contains(&squash("6. Kostnaden för punkterna 1 och 2")),
        "{first}"
    );
    let second = page_text(&frisk, 2);
    assert!(
        second.contains("7. Beslutet under punkterna 3–5"),
        "{second}"
    );
    assert!(!second.contains("Kostnaden för punkterna"), "{second}");
    // m12: a paper size in the title's own parenthesis takes the pages along.
    let kumla = pdf_text(&ts("region-orebro", "49RS201-kumla-resecentrum.pdf"));
    assert!(
        kumla.contains("Illustrationsplan för Kumla resecentrum (A3, liggande, 1 sida)"),
        "{kumla}"
    );
    // m14: a secret bilaga's later pages keep its marking.
    let ledamot = pdf_text(&meeting(
        "region-jh",
        "hsn-2049-04-20-handlingar-ledamot.pdf",
    ));
    assert!(
        ledamot.contains("Krokoms Läkarhus AB (SEKRETESS – OSL 19 kap. 1 §, forts.)"),
        "{ledamot}"
    );
    // m20: the Word PDF's filled form field (NeedAppearances, no appearance) shows its
    // value where the field is, at the foot of the application.
    let pack = meeting("region-orebro", "run-2049-05-12-handlingar.pdf");
    let at = pages_with(&pack, "Ansökan om projektbidrag");
    assert_eq!(at.len(), 1, "{at:?}");
    let lines = page_lines(&pack, at[0]);
    assert!(
        lines.iter().any(|l| l == "Maria Lekholm, ordförande"),
        "{lines:?}"
    );
    // Review 53's M1 (session 56): the closing lists after the signatures set closer,
    // chosen a pass after them, where that keeps them on the page: "Bilagor" and
    // "Utdrag till" no longer alone on a third page.
    let kol = ts("region-jh", "hsn-kol-egenvard.pdf");
    assert_eq!(page_count(&kol), 2);
    assert!(
        page_text(&kol, 2).contains("Utdrag till"),
        "{}",
        page_text(&kol, 2)
    );
}

#[test]
fn the_fifty_fourth_held_out_set_reads_as_fixed() {
    let p = built_fixture_settled("held-out-54");
    assert_no_title_past_the_margin(&p);
    let ts = |region: &str, file: &str| out_path(&p, region, "arenden", file);
    let meeting = |region: &str, file: &str| out_path(&p, region, "sammantraden", file);
    // m24 (and review 53's m12): a year alone in the title's parenthesis takes the pages.
    let sjukresor = pdf_text(&ts("region-orebro", "50RS377-sjukresor.pdf"));
    assert!(
        sjukresor.contains("Avtal om samverkan kring sjukresor (2003, 2 sidor)"),
        "{sjukresor}"
    );
    // M1: a bus line with its number; M4: "barn- och ungdomspsykiatrin" whole.
    assert_has_line(&ts("region-jh", "run-linje163.pdf"), 1, "busslinje 163");
    assert_has_line(
        &ts("region-orebro", "50RS341-bup-vantetider.pdf"),
        1,
        "barn- och ungdomspsykiatrin",
    );
    // M3: no line of the contents ends in "för".
    for pack in [
        meeting("region-jh", "run-2050-05-14-handlingar.pdf"),
        meeting("region-orebro", "hsn-2050-06-03-handlingar.pdf"),
    ] {
        for n in pages_with(&pack, "Innehåll") {
            for line in page_lines(&pack, n) {
                let words = line
                    .trim_end_matches(['.', ' ', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
                assert!(!words.ends_with(" för"), "{} p{n}: {line}", pack.display());
            }
        }
    }
    // M5: the Markdown table's label on one line.
    assert_has_line(
        &ts("region-orebro", "50RS341-bup-vantetider.pdf"),
        2,
        "BUP Örebro, mottagning",
    );
    // A long list of recipients begins with three names under its label, never two
    // at a page foot (the Markdown table one line shorter, "Skickas till:" and two
    // names ended p2).
    let bup = ts("region-orebro", "50RS341-bup-vantetider.pdf");
    let label = pages_with(&bup, "Skickas till:")[0];
    assert!(
        page_text(&bup, label).contains("Barn- och ungdomspsykiatriska kliniken"),
        "{}",
        page_text(&bup, label)
    );
    // M6: the sekretess marking of a bilaga whole, not hyphenated.
    let heli = ts("region-orebro", "50RS418-ambulanshelikopter.pdf");
    assert_has_line(&heli, 1, "sekretess enligt OSL 19 kap. 3 §");
    assert!(
        !page_text(&heli, 1).contains("en-\n"),
        "{}",
        page_text(&heli, 1)
    );
    // M7: the Örebro contents follow the kallelse on its last page.
    let pack = meeting("region-orebro", "hsn-2050-06-03-handlingar.pdf");
    let at = pages_with(&pack, "Innehåll");
    assert!(
        page_text(&pack, at[0]).contains("Följande delegationsbeslut anmäls"),
        "p{}: {}",
        at[0],
        page_text(&pack, at[0])
    );
    // M8: the members' notice breaks after "sekretess", its first line the longer.
    let ledamot = meeting("region-orebro", "hsn-2050-06-03-handlingar-ledamot.pdf");
    let lines = page_lines(&ledamot, 1);
    assert!(
        lines
            .iter()
            .any(|l| l.ends_with("innehåller handlingar som omfattas av sekretess")),
        "{lines:?}"
    );
    // m17: the chart's category labels at 8.5 pt, four fifths of the table beside them
    // (7.5 pt read as too small).
    let rapport = out_path(&p, "region-jh", "rapporter", "run-kollektivtrafik-2049.pdf");
    let at = pages_with(&rapport, "Diagram 1.")[0];
    let words = page_words(&rapport, at);
    let height = |w: &str| {
        words
            .iter()
            .find(|x| x.0 == w)
            .map(|x| x.3)
            .unwrap_or_else(|| panic!("{w}: {words:?}"))
    };
    let (label, cell) = (height("Östersunds"), height("Januari"));
    assert!(label * 100 >= cell * 80, "{label} / {cell}");
    // m20: an authority's case number whole in the protokoll's recipients.
    let protokoll = meeting("region-jh", "run-2050-05-14-protokoll.pdf");
    assert!(
        pdf_text(&protokoll)
            .lines()
            .any(|l| l.contains("TRV 2050/41877")),
        "{}",
        pdf_text(&protokoll)
    );
    // Session 56: M2, no stub middle line under a full one: "Yttrande över
    // Trafikverkets / inriktningsunderlag för nationell plan / för …".
    let lines = page_lines(&ts("region-jh", "run-yttrande-trafikverket.pdf"), 1);
    assert!(
        lines
            .iter()
            .any(|l| l == "inriktningsunderlag för nationell plan"),
        "{lines:?}"
    );
    // m11: a unit of three levels takes two lines where the first holds two.
    let lines = page_lines(&ts("region-jh", "run-laddinfrastruktur.pdf"), 1);
    assert!(
        lines
            .iter()
            .any(|l| l == "Regional utveckling, Enheten för infrastruktur,"),
        "{lines:?}"
    );
    // m21: an abstention in figures beside the votes; m13: the nämnd's indefinite name
    // keeps its capital in the kallelse's title.
    assert!(
        squash(&pdf_text(&protokoll)).contains(&squash("3 nej-röster, 2 ledamöter avstår")),
        "{}",
        pdf_text(&protokoll)
    );
    let kallelse = meeting("region-jh", "run-2050-05-14-kallelse.pdf");
    assert!(
        squash(&page_text(&kallelse, 1))
            .contains(&squash("sammanträde med Regional utvecklingsnämnd")),
        "{}",
        page_text(&kallelse, 1)
    );
}

#[test]
fn the_fifty_fifth_held_out_set_reads_as_fixed() {
    let p = built_fixture_settled("held-out-55");
    assert_no_title_past_the_margin(&p);
    let ts = |region: &str, file: &str| out_path(&p, region, "arenden", file);
    let meeting = |region: &str, file: &str| out_path(&p, region, "sammantraden", file);
    // M2: "livslångt lärande" whole, in a title of four lines (the adjective in "-ngt").
    let komp = ts("region-orebro", "52RS102-kompetensforsorjning.pdf");
    assert_has_line(&komp, 1, "och livslångt lärande");
    // M3: a company's name of three words with its form whole.
    let vis = ts("region-jh", "hsn-forlikning-vis.pdf");
    assert_has_line(&vis, 1, "Nordkalk Health Systems AB");
    // M5: a bilaga's pages and sekretess marking not hyphenated; a line may end before
    // the parenthesis.
    assert_has_line(&vis, 1, "(1 sida, sekretess enligt OSL 19 kap. 3 §)");
    // M6: fifteen recipients of a paragraph on one page read down the columns, though
    // two of them wrap: the kommuner in order in the first column.
    let protokoll = meeting("region-orebro", "run-2052-04-23-protokoll.pdf");
    let at = pages_with(&protokoll, "Avdelningen för utbildning")[0];
    let lines = page_lines(&protokoll, at);
    let pos = |name: &str| {
        lines
            .iter()
            .position(|l| l.starts_with(name))
            .unwrap_or_else(|| panic!("{name}: {lines:?}"))
    };
    assert!(
        pos("Askersunds kommun") < pos("Degerfors kommun")
            && pos("Degerfors kommun") < pos("Hallsbergs kommun")
            && pos("Hallsbergs kommun") < pos("Hällefors kommun"),
        "{lines:?}"
    );
    // M7: the JH kallelse's page 3 takes item 12; the last two go over together.
    let kallelse = meeting("region-jh", "hsn-2051-09-19-kallelse.pdf");
    assert!(
        page_text(&kallelse, 3).contains("Tertialrapport 2 2051"),
        "{}",
        page_text(&kallelse, 3)
    );
    // m15: a chart's title that ends in its unit gets no second one.
    let rapport = out_path(&p, "region-jh", "rapporter", "hsn-tertial-2-2051.pdf");
    assert!(
        !squash(&pdf_text(&rapport)).contains(&squash("procent (%)")),
        "{}",
        pdf_text(&rapport)
    );
    // M1: a title set a step smaller for its length whose four lines ended in "av" is
    // set at the next step where its lines end well; m12: "Laxå kommuner" whole.
    let bredband = ts("region-orebro", "52RS118-bredband.pdf");
    for line in page_lines(&bredband, 1) {
        assert!(!line.ends_with(" av"), "{line}");
    }
    assert_has_line(&bredband, 1, "Laxå kommuner");
    // m9: no break two letters into "yrkande".
    let protokoll_jh = meeting("region-jh", "hsn-2051-09-19-protokoll.pdf");
    assert!(
        !pdf_text(&protokoll_jh).contains("ändringsyr\u{ad}"),
        "{}",
        pdf_text(&protokoll_jh)
    );
    // Session 57 (review 55's m14): a wrapped contents entry's last words not alone
    // before the leader ("… sjukhus / hus 11 …… 11"). (First-fit since session 58,
    // where its last line is a third of the column or more: "… och centralförrådet /
    // i Östersunds sjukhus hus 11 …… 11", review 57's F14.)
    let pack = meeting("region-jh", "hsn-2051-09-19-handlingar.pdf");
    let text = pdf_text(&pack);
    assert!(
        text.lines()
            .any(|l| l.contains("Östersunds sjukhus hus 11 . .")),
        "{text}"
    );
    assert!(!text.lines().any(|l| l.starts_with("hus 11 . .")), "{text}");
    // Session 57 (review 55's m11): a title of three lines whose first was its opening
    // alone is set in two.
    let filial = ts("region-orebro", "52RS152-folkhogskola-filial.pdf");
    assert_has_line(&filial, 1, "Avveckling av Fellingsbro folkhögskolas");
    // m17: the members' notice names a secret ärende's pages, its bilaga's too.
    let ledamot = meeting("region-jh", "hsn-2051-09-19-handlingar-ledamot.pdf");
    assert!(
        squash(&page_text(&ledamot, 1)).contains(&squash("(OSL 19 kap. 3 §), sidorna 7–8")),
        "{}",
        page_text(&ledamot, 1)
    );
}

/// Review 56 (the fifty-sixth held-out set, written by a reviewer who had not seen the
/// code): what it found wrong reads as fixed.
#[test]
fn the_fifty_sixth_held_out_set_reads_as_fixed() {
    let p = built_fixture_settled("held-out-56");
    assert_no_title_past_the_margin(&p);
    let ts = |region: &str, file: &str| out_path(&p, region, "arenden", file);
    let meeting = |region: &str, file: &str| out_path(&p, region, "sammantraden", file);
    // M1: a name with party wider than its half column breaks before the last name,
    // which keeps its party; no line is the first name and a lone comma.
    let protokoll = meeting("region-orebro", "hsn-2053-11-20-protokoll.pdf");
    let at = pages_with(&protokoll, "Närvarolista")[0];
    assert_has_line(&protokoll, at, "Dahlgren-Pettersson (M),");
    for line in page_lines(&protokoll, at) {
        assert!(line != "," && !line.ends_with(" ,"), "{line:?}");
    }
    // M3: Örebro's eight att-satser, one of which refers to "punkterna 3 och 4", are
    // numbered before "att", in the TS, the kallelse, the protokoll and the utdrag.
    let last = "8. att";
    let cancer = ts("region-orebro", "53RS1263-cancerplan.pdf");
    assert_has_line(&cancer, 1, last);
    for pdf in [
        meeting("region-orebro", "hsn-2053-11-20-kallelse.pdf"),
        protokoll.clone(),
        meeting("region-orebro", "hsn-2053-11-20-utdrag-150.pdf"),
    ] {
        assert!(
            pdf_text(&pdf).lines().any(|l| l.trim() == last),
            "{}: {}",
            pdf.display(),
            pdf_text(&pdf)
        );
    }
    // M4: JH's eight points, which the TS's ärendebeskrivning refers to by number
    // ("punkterna 5–7"), are numbered in the TS and the kallelse as in the protokoll.
    let fifth = "5. De äldre journalsystemen avvecklas";
    for pdf in [
        ts("region-jh", "rs-journalsystem.pdf"),
        meeting("region-jh", "rs-2053-10-14-kallelse.pdf"),
        meeting("region-jh", "rs-2053-10-14-protokoll.pdf"),
    ] {
        assert!(
            pdf_text(&pdf).lines().any(|l| l.starts_with(fifth)),
            "{}: {}",
            pdf.display(),
            pdf_text(&pdf)
        );
    }
    // m17: a paragraph whose decision postpones the ärende does not send it to the
    // tjänsteskrivelse's recipients.
    let bordlagd = meeting("region-jh", "rs-2053-10-14-utdrag-186.pdf");
    let text = pdf_text(&bordlagd);
    assert!(
        text.contains("bordläggs") && !text.contains("Regionfullmäktige"),
        "{text}"
    );
    // m19: a column header's unit in brackets stays with the word before it.
    let rapport = out_path(
        &p,
        "region-orebro",
        "rapporter",
        "53RS1010-manadsrapport-oktober.pdf",
    );
    let at = pages_with(&rapport, "Klinik eller verksamhet")[0];
    assert_has_line(&rapport, at, "2052 (%)");
    for line in page_lines(&rapport, at) {
        assert_ne!(line, "(%)", "{:?}", page_lines(&rapport, at));
    }
}

/// Review 57 (a new JH meeting of 13 items and an Örebro one of 13, with a name joined
/// by a hyphen in a title, a chart caption of two lines, an enhet that begins with a
/// number, återremiss and sekretess): each assertion reads a defect it found.
#[test]
fn the_fifty_seventh_held_out_set_reads_as_fixed() {
    let p = built_fixture_settled("held-out-57");
    assert_no_title_past_the_margin(&p);
    let ts = |region: &str, file: &str| out_path(&p, region, "arenden", file);
    let meeting = |region: &str, file: &str| out_path(&p, region, "sammantraden", file);
    // F1: "Jämtland-Härjedalens Idrottsförbund" is never broken at its hyphen, in the
    // TS's title and in the pack's.
    for pdf in [
        ts("region-jh", "rs-idrottsbidrag.pdf"),
        meeting("region-jh", "rs-2054-03-24-handlingar.pdf"),
    ] {
        let text = pdf_text(&pdf);
        assert!(
            text.contains("Jämtland-Härjedalens Idrottsförbund"),
            "{}: {text}",
            pdf.display()
        );
        assert!(
            !text.lines().any(|l| l.trim_end().ends_with("Jämtland-")),
            "{}: {text}",
            pdf.display()
        );
    }
    // F2: a chart's caption does not end a line on "och i".
    let rapport = out_path(
        &p,
        "region-orebro",
        "rapporter",
        "54RS100-tertialrapport.pdf",
    );
    let text = pdf_text(&rapport);
    assert!(text.contains("länets landsbygdskommuner"), "{text}");
    for line in text.lines() {
        assert!(!line.trim_end().ends_with(" och i"), "{line:?}");
    }
    // F3: Örebro's protokoll opens a paragraph whose short first sections went over
    // with its heading where they fit: § 88's heading, sammanfattning and
    // beslutsunderlag under § 87 (a quarter of p7 was left empty). (§ 85's
    // beslutsunderlag still goes over with its decision: the layout its opening is
    // measured from had not settled, and there the paragraph fitted its page.)
    let protokoll = meeting("region-orebro", "rs-2054-04-22-protokoll.pdf");
    let first = |words: &str| {
        *pages_with(&protokoll, words)
            .first()
            .unwrap_or_else(|| panic!("{words}: {}", pdf_text(&protokoll)))
    };
    assert_eq!(
        first("Investering i läkemedelsrobot"),
        first("Håkan Söderberg (V) reserverar sig skriftligt")
    );
    assert_eq!(
        first("Sjukhusapoteket dispenserar i dag"),
        first("Investering i läkemedelsrobot")
    );
    assert!(page_count(&protokoll) <= 13);
    // F5: an enhet whose second level begins with a number breaks after the comma,
    // not inside the level ("1177 Vårdguiden / på telefon").
    let tele = ts("region-jh", "rs-1177-harjedalen.pdf");
    assert_has_line(&tele, 1, "1177 Vårdguiden på telefon");
    // F18: an ärende sent back goes to its handläggare's enhet, not to fullmäktige.
    let returned = meeting("region-jh", "rs-2054-03-24-utdrag-38.pdf");
    let text = pdf_text(&returned);
    assert!(
        text.contains("Beslutet skickas till: Folktandvården Jämtland Härjedalen")
            && !text.contains("Regionfullmäktige"),
        "{text}"
    );
    // The members' contents mark the secret ärende and its bilaga.
    let members = meeting("region-orebro", "rs-2054-04-22-handlingar-ledamot.pdf");
    let text = pdf_text(&members);
    assert!(
        text.contains("Bilaga 1. Förhandlingsprotokoll, förlikning (sekretess)"),
        "{text}"
    );
    // F17: a TS's fifteen recipients, two of them too wide for half the line, stand one
    // per line where that fits the page, no name broken.
    let vard = ts("region-orebro", "54RS0352-vardplatser.pdf");
    let last = page_count(&vard);
    for name in [
        "Universitetssjukhuset Örebro, sjukhusledningen",
        "Inspektionen för vård och omsorg (registrator.mitt@ivo.se, ange dnr IVO 3.5.1-04417/2053)",
    ] {
        assert_has_line(&vard, last, name);
    }
    // F14: a wrapped contents entry is set first-fit where its last line is a third of
    // the column or more, not in even lines of a third over three thirds.
    let pack = meeting("region-jh", "rs-2054-03-24-handlingar.pdf");
    let text = pdf_text(&pack);
    assert!(
        text.lines()
            .any(|l| l.trim_end() == "Verksamhetsuppföljning helår 2053 för hälso- och sjukvården"),
        "{text}"
    );
    // F11: a running header shortened before a name, not inside it.
    let uppf = out_path(
        &p,
        "region-jh",
        "rapporter",
        "rs-verksamhetsuppfoljning-2053.pdf",
    );
    let head = page_lines(&uppf, 3).into_iter().next().unwrap_or_default();
    assert!(
        head.contains("för hälso- och sjukvården… · Dnr RS/60/2054"),
        "{head:?}"
    );
}

#[test]
fn the_fifty_eighth_held_out_set_reads_as_fixed() {
    let p = built_fixture_settled("held-out-58");
    assert_no_title_past_the_margin(&p);
    let ts = |region: &str, file: &str| out_path(&p, region, "arenden", file);
    let meeting = |region: &str, file: &str| out_path(&p, region, "sammantraden", file);
    let rapport = out_path(
        &p,
        "region-orebro",
        "rapporter",
        "55RS100-manadsrapport-mars.pdf",
    );
    let page_of = |pdf: &Path, words: &str| {
        *pages_with(pdf, words)
            .first()
            .unwrap_or_else(|| panic!("{words}: {}", pdf_text(pdf)))
    };
    // M1: the fourteen-column table's header words break at their joints (the text
    // layer holds a soft hyphen where a line breaks), never inside "sköterskor" nor two
    // letters from an end.
    let text = page_text(&rapport, page_of(&rapport, "Tabell 2."));
    for joint in ["Hyrsjuk\u{ad}", "under\u{ad}"] {
        assert!(text.contains(joint), "{joint:?}: {text}");
    }
    for bad in [
        "sjukskö\u{ad}",
        "un\u{ad}",
        "dersköters\u{ad}",
        "Föränd\u{ad}",
    ] {
        assert!(!text.contains(bad), "{bad:?}: {text}");
    }
    for line in text.lines() {
        if let Some(head) = line.trim_end().strip_suffix('\u{ad}') {
            let part = head.rsplit(' ').next().unwrap_or(head);
            assert!(part.chars().count() >= 3, "{line:?}");
        }
    }
    // M2: Tabell 1's labels on one line each, its long number headers in two at their
    // joints ("Prognos-/avvikelse").
    let table1 = page_of(&rapport, "Tabell 1.");
    for label in [
        "varav Område Lindesberg",
        "varav Område Närsjukvård",
        "Regionala utvecklingsnämnden",
    ] {
        assert_has_line(&rapport, table1, label);
    }
    assert!(page_text(&rapport, table1).contains("Prognos\u{ad}"));
    // M3: the line chart's long category labels are wrapped level under their points,
    // not turned (turned, the text layer had no line of them).
    let chart = page_of(&rapport, "Diagram 1.");
    assert_has_line(&rapport, chart, "inklusive regionkliniker");
    assert!(page_count(&rapport) <= 5);
    // M4: the TS's fifteen recipients, one per line where that did not fit, are not
    // split 5 | 10 with page 3 holding the tail: two columns, on one page.
    let service = ts("region-orebro", "55RS0440-serviceprogram.pdf");
    let text = pdf_text(&service);
    assert!(!text.contains("(forts.)"), "{text}");
    let last = page_count(&service);
    // (The list's first, fifth and twelfth: its last, "Enheten för landsbygd och
    // näringsliv", is also the handläggare's enhet on page 1.)
    for name in ["Askersunds kommun", "Karlskoga kommun", "Örebro kommun"] {
        assert_eq!(pages_with(&service, name), vec![last], "{name}: {text}");
    }
    // M5: a name in the närvarolista is never broken: its column is as wide as it.
    let protokoll = meeting("region-orebro", "rs-2055-04-20-protokoll.pdf");
    assert_has_line(&protokoll, 2, "Magnus Pettersson-Grahn (KD)");
    // (Session 60: its groups' second columns in line, "Sofia Lindh (KD)" above "Linnea
    // Östlund (V)"; 6: a county's genitive with what it owns, "Örebro läns
    // idrottsförbund".)
    let words = word_boxes(&protokoll, 2);
    let x = |w: &str| {
        words
            .iter()
            .find(|b| b.0 == w)
            .map(|b| b.1)
            .unwrap_or_else(|| panic!("{w}: {words:?}"))
    };
    assert!((x("Sofia") - x("Linnea")).abs() < 0.5, "{words:?}");
    let idrott = ts("region-orebro", "55RS0402-idrottsforbundet.pdf");
    assert_has_line(&idrott, 1, "Örebro läns idrottsförbund");
    assert!(page_count(&protokoll) <= 12);
    // m14: a beslutsunderlag written {titel, datum} reads as one written as text, in
    // the TS and the protokoll.
    let yttrande = ts("region-orebro", "55RS0417-yttrande-lakemedel.pdf");
    assert!(pdf_text(&yttrande).contains("Förslag till yttrande 2055-04-01"));
    assert!(squash(&pdf_text(&protokoll)).contains(&squash("Förslag till yttrande 2055-04-01")));
    // m16: the JH rapport's running header on its landscape page as on the others.
    let ekonomi = out_path(
        &p,
        "region-jh",
        "rapporter",
        "rs-ekonomirapport-februari-2055.pdf",
    );
    for n in 2..=page_count(&ekonomi) {
        let head = page_lines(&ekonomi, n)
            .into_iter()
            .next()
            .unwrap_or_default();
        assert!(
            head.contains("februari 2055… · Dnr RS/40/2055"),
            "p{n}: {head:?}"
        );
    }
}

/// Review 59's findings (its project is the fixture `held-out-59`, 22 documents of
/// both regions) as fixed: a title never ends a line on a suspended compound of a series
/// ("öron-,") nor leaves a reference in brackets alone on its last line, nor parts an
/// adjective or a suspended compound's genitive from its noun; a report table of
/// thirteen number columns gives its labels two lines at most; the hyphens of a bilaga
/// made by Typst read as hyphens in the pack; an ärende sent back goes to a unit that
/// says which; a kallelse's name with its role on one line where the other column
/// leaves room; a run-in list of recipients fills its lines.
#[test]
fn the_fifty_ninth_held_out_set_reads_as_fixed() {
    let p = built_fixture_settled("held-out-59");
    assert_no_title_past_the_margin(&p);
    let ts = |region: &str, file: &str| out_path(&p, region, "arenden", file);
    let meeting = |region: &str, file: &str| out_path(&p, region, "sammantraden", file);
    // M1: "öron-, näs- och halssjukvård" whole on a line of the title (and in the
    // protokoll's § heading), never "öron-," at a line's end.
    let vardval = ts("region-orebro", "56RS0512-vardval-onh.pdf");
    assert_has_line(&vardval, 1, "öron-, näs- och halssjukvård");
    let protokoll = meeting("region-orebro", "hsn-2056-06-14-protokoll.pdf");
    for n in 1..=page_count(&protokoll) {
        for line in page_lines(&protokoll, n) {
            assert!(!line.ends_with("öron-,"), "p{n}: {line:?}");
        }
    }
    // M2: "(Ds 2056:12)" is not alone on the title's last line.
    let ds = ts("region-orebro", "56RS0541-yttrande-ds.pdf");
    let lines = page_lines(&ds, 1);
    assert!(
        lines
            .iter()
            .any(|l| l.contains("journalsystem (Ds 2056:12)")),
        "{lines:?}"
    );
    // m3, m4: an adjective and a suspended compound's genitive stay with their nouns.
    let barn = ts("region-jh", "hsn-barnhalsovard.pdf");
    assert_has_line(&barn, 1, "mobil barnavårdscentral");
    let hjart = ts("region-orebro", "56RS0475-hjart-lung.pdf");
    assert_has_line(&hjart, 1, "Hjärt- och lungsjukas förening");
    // M5: Tabell 1's labels in two lines at most, a part's "varav" with its label.
    let rapport = out_path(
        &p,
        "region-orebro",
        "rapporter",
        "56RS100-manadsrapport-maj.pdf",
    );
    let table = *pages_with(&rapport, "Tabell 1.").first().expect("Tabell 1");
    for label in [
        "varav Kirurgiska kliniker",
        "varav Medicinska kliniker",
        "Universitetssjukhuset Örebro",
    ] {
        assert_has_line(&rapport, table, label);
    }
    // 24: the hyphens of a bilaga made by Typst read as hyphens in the pack's text layer.
    let pack = meeting("region-jh", "hsn-2056-05-16-handlingar.pdf");
    let text = pdf_text(&pack);
    assert!(text.contains("Anna-Karin Sundelin, ordförande"), "{text}");
    assert!(!text.contains("Anna\u{ad}Karin"));
    // m22: an ärende sent back to a unit named by its kind goes to it with its
    // förvaltning.
    assert!(
        squash(&pdf_text(&protokoll)).contains(&squash(
            "Beslutet skickas till Hälso- och sjukvårdsförvaltningen, Staben"
        )),
        "{}",
        pdf_text(&protokoll)
    );
    // m21: the kallelse's vice chair with the role on one line, and its two lists'
    // second columns in line.
    let kallelse = meeting("region-jh", "hsn-2056-05-16-kallelse.pdf");
    assert_has_line(
        &kallelse,
        1,
        "Per-Erik Gunnarsson (C), förste vice ordförande",
    );
    let words = word_boxes(&kallelse, 1);
    let x = |w: &str| {
        words
            .iter()
            .find(|b| b.0 == w)
            .map(|b| b.1)
            .unwrap_or_else(|| panic!("{w}: {words:?}"))
    };
    assert!((x("Therese") - x("Ronny")).abs() < 0.5, "{words:?}");
    // m18: the JH run-in list of recipients fills its first line: its fourth recipient
    // on the line of the label.
    let jh = meeting("region-jh", "hsn-2056-05-16-protokoll.pdf");
    let first = (1..=page_count(&jh))
        .flat_map(|n| page_lines(&jh, n))
        .find(|l| l.starts_with("Beslutet skickas till: Bergs kommun"))
        .expect("the run-in list");
    assert!(first.contains("Krokoms kommun"), "{first:?}");
}

/// Review 60's findings (its project is the fixture `held-out-60`, 22 documents of
/// both regions: Regionala utvecklingsnämnden and Trafiknämnden) as fixed: a bilaga
/// with an owner password only, saved by MuPDF, goes into the members' pack; a foreign company's
/// form stays with its name; a bilaga's title in the contents does not end a line on
/// "från"; the closing lists' lines are as far apart as the recipients'; a continued
/// table caption keeps its months with their year; poppler reads every PDF without
/// complaint.
#[test]
fn the_sixtieth_held_out_set_reads_as_fixed() {
    let p = built_fixture_settled("held-out-60");
    assert_no_title_past_the_margin(&p);
    let ts = |region: &str, file: &str| out_path(&p, region, "arenden", file);
    let meeting = |region: &str, file: &str| out_path(&p, region, "sammantraden", file);
    // M1: the secret ärende's offer, encrypted by MuPDF (its /Encrypt dictionary in
    // the trailer), is in the members' pack, searchable.
    let ledamot = meeting("region-jh", "run-2026-12-03-handlingar-ledamot.pdf");
    assert!(
        pdf_text(&ledamot)
            .contains("Erbjudande om förvärv av fastigheten Östersund Odenslund 2:14"),
        "the MuPDF bilaga is missing from the members' pack"
    );
    // 3: no title line ends on "för" before a name: "Klimatplan / för Länstrafiken
    // Örebro 2026–2030".
    assert_has_line(
        &ts("region-orebro", "26RS3012-klimatplan.pdf"),
        1,
        "för Länstrafiken Örebro 2026–2030",
    );
    // 4: "Ticketa Systems Inc." on one line, in the TS's bilagor and the pack's contents.
    assert_has_line(
        &ts("region-orebro", "26RS3200-biljettsystem.pdf"),
        1,
        "(Ticketa Systems Inc.)",
    );
    let orebro_pack = meeting("region-orebro", "tn-2026-05-20-handlingar.pdf");
    let contents = *pages_with(&orebro_pack, "Innehåll")
        .first()
        .expect("Innehåll");
    assert_has_line(&orebro_pack, contents, "(Ticketa Systems Inc.)");
    // 5: no line of the JH pack's contents ends on "från".
    let jh_pack = meeting("region-jh", "run-2026-12-03-handlingar.pdf");
    let contents = *pages_with(&jh_pack, "Innehåll").first().expect("Innehåll");
    for line in page_lines(&jh_pack, contents) {
        assert!(!line.ends_with(" från"), "{line:?}");
    }
    // 8: the beslutsunderlag's lines as far apart as the recipients' (both one line per
    // entry, the text's leading).
    let rtp = ts("region-jh", "run-812-trafikforsorjningsprogram.pdf");
    let last = page_count(&rtp);
    let words = word_boxes(&rtp, last);
    let top = |w: &str| {
        words
            .iter()
            .find(|b| b.0 == w)
            .map(|b| b.2)
            .unwrap_or_else(|| panic!("{w}: {words:?}"))
    };
    let underlag = top("Sammanställning") - top("Tjänsteskrivelse");
    let pitch = underlag / 2.0;
    let recipients = top("Bräcke") - top("Länstrafiken");
    assert!(
        (pitch - recipients).abs() < 0.3,
        "beslutsunderlag {pitch:.2} pt against recipients {recipients:.2} pt"
    );
    // 7: the rapport's continued caption keeps "januari–oktober 2026" on one line.
    let rapport = out_path(
        &p,
        "region-jh",
        "rapporter",
        "run-30-uppfoljning-oktober.pdf",
    );
    let mut continued = 0;
    for n in 1..=page_count(&rapport) {
        let lines = page_lines(&rapport, n);
        for line in &lines {
            assert!(!line.ends_with("januari–oktober"), "p{n}: {line:?}");
            if line.contains("(forts.)") && line.contains("januari–oktober 2026") {
                continued += 1;
            }
        }
    }
    assert!(continued >= 1, "no continued caption with its year");
    // 18: poppler reads the protokoll, the pack and a TS without a syntax error.
    for pdf in [
        meeting("region-orebro", "tn-2026-05-20-protokoll.pdf"),
        jh_pack.clone(),
        rtp.clone(),
    ] {
        let run = Command::new("pdfinfo").arg(&pdf).output().unwrap();
        let stderr = String::from_utf8_lossy(&run.stderr);
        assert!(stderr.trim().is_empty(), "{}: {stderr}", pdf.display());
    }
    // 11: § 63's decision of nine att-satser begins under its vote, its heading, lead-in
    // and first two points at the page's foot (it went over whole and left 44 mm empty).
    let prot = meeting("region-orebro", "tn-2026-05-20-protokoll.pdf");
    let vote = pages_with(&prot, "Omröstningen ger 5 ja-röster mot 5 nej-röster")[0];
    let lines = page_lines(&prot, vote);
    let after = lines
        .iter()
        .position(|l| l.starts_with("Omröstningen ger 5 ja-röster"))
        .unwrap();
    assert!(
        lines[after..].iter().any(|l| l == "Beslut")
            && lines[after..]
                .iter()
                .any(|l| l.contains("upphandla stadsbusstrafiken")),
        "p{vote}: {lines:?}"
    );
}

#[test]
fn the_sixty_first_held_out_set_reads_as_fixed() {
    let p = built_fixture_settled("held-out-61");
    assert_no_title_past_the_margin(&p);
    let meeting = |region: &str, file: &str| out_path(&p, region, "sammantraden", file);
    // M2: the vote on the third att-sats was the förslag against an ändringsyrkande: a
    // nej-vote was for the ändringsyrkande, as the beslutsgång says, not for avslag.
    for file in ["rs-2027-04-13-protokoll.pdf", "rs-2027-04-13-utdrag-73.pdf"] {
        let text = squash(&pdf_text(&meeting("region-orebro", file)));
        let want = squash(
            "Ja-röst för bifall till förslaget i tredje att-satsen, nej-röst för bifall till ändringsyrkandet.",
        );
        assert!(text.contains(&want), "{file}: {text}");
        assert!(!text.contains("nej-röst för avslag"), "{file}: {text}");
    }
    // 3: a name with a double surname stays whole with its party ("Mats / Jonsson
    // Hjalmarssons (M)" in § 40's beslutsgång and its reservations).
    let jh = meeting("region-jh", "hsn-2027-03-17-protokoll.pdf");
    for n in 1..=page_count(&jh) {
        for line in page_lines(&jh, n) {
            assert!(!line.ends_with(" Mats"), "p{n}: {line:?}");
        }
    }
    // 13: § 81's decision says "att justera paragrafen omedelbart.": not said again in
    // bold after it, in the protokoll or the utdrag.
    for file in ["rs-2027-04-13-protokoll.pdf", "rs-2027-04-13-utdrag-81.pdf"] {
        let text = squash(&pdf_text(&meeting("region-orebro", file)));
        assert!(
            text.contains(&squash("att justera paragrafen omedelbart")),
            "{file}"
        );
        assert!(
            !text.contains(&squash("Paragrafen justeras omedelbart")),
            "{file}: {text}"
        );
    }
}
