//! Meetings: the four documents from one file, numbered consistently.

use crate::common::*;

#[test]
fn the_bundled_meeting_gives_all_four_documents_with_consistent_numbers() {
    let p = Project::with_bundled_content();
    p.run(&["build", "content/region-jh/sammantraden"]).ok();
    let out = p.path().join("out/region-jh/sammantraden");
    let kallelse = pdf_text(&out.join("hsn-2024-12-18-kallelse.pdf"));
    assert!(kallelse.contains("Föredragningslista"));
    assert!(kallelse.contains("Hälso- och sjukvårdsnämndens månadsrapport november 2024"));
    let protokoll = pdf_text(&out.join("hsn-2024-12-18-protokoll.pdf"));
    assert!(protokoll.contains("§§ 157–161"), "{protokoll}");
    for n in 157..=161 {
        assert!(protokoll.contains(&format!("§ {n}")), "§ {n} saknas");
    }
    assert!(protokoll.contains("Anslagsbevis"));
    assert!(protokoll.contains("Paragrafen förklaras omedelbart justerad."));
    assert!(protokoll.contains("Mats Eriksson (V) reserverar sig mot beslutet."));
    // One extract per paragraph with recipients; "Rätt utdraget intygar".
    let utdrag = pdf_text(&out.join("hsn-2024-12-18-utdrag-158.pdf"));
    assert!(utdrag.contains("§ 158"));
    assert!(utdrag.contains("Rätt utdraget intygar"));
    assert!(utdrag.contains("Ekonomidirektör"));
    assert!(
        !out.join("hsn-2024-12-18-utdrag-157.pdf").exists(),
        "§ 157 har inga mottagare"
    );
    // The pack: continuous page numbers and the ärenden's text.
    let pack = out.join("hsn-2024-12-18-handlingar.pdf");
    let pages: usize = poppler("pdfinfo", &[pack.to_str().unwrap()])
        .lines()
        .find_map(|l| l.strip_prefix("Pages:").map(|v| v.trim().parse().unwrap()))
        .unwrap();
    let text = pdf_text(&pack);
    assert!(
        text.contains(&format!("{pages} ({pages})")),
        "sidnummer löper genom hela paketet"
    );
    assert!(text.contains("Regionfullmäktige beslutade den 18 oktober"));
}

#[test]
fn a_secret_arende_is_left_out_of_the_pack() {
    let p = Project::new();
    p.write(
        "content/arenden/hemlig.yaml",
        &tjanst("sekretess: { lagrum: OSL 25 kap. 1 § }\n")
            .replace("Väntrummet behöver fler bänkar.", "Patienten Kalle Hemlig"),
    );
    p.write(
        "content/mote.yaml",
        "typ: sammanträde
nämnd: Hälso- och sjukvårdsnämnden
datum: 2024-12-18
tid: \"09.00\"
plats: Regionens hus
ordförande: { namn: Anna Lindgren }
sekreterare: { namn: Sandra Hedman }
ledamöter: [{ namn: Anna Lindgren, parti: S }]
dokument: [kallelse, handlingar]
punkter:
  - ärende: arenden/hemlig.yaml
  - ärende: arenden/hemlig.yaml
",
    );
    let run = p.run(&["build", "content/mote.yaml"]);
    assert_eq!(run.code, 1, "ärendet två gånger: {}", run.stderr);
    assert!(
        run.stderr.contains("står redan på föredragningslistan"),
        "{}",
        run.stderr
    );
    let text = std::fs::read_to_string(p.path().join("content/mote.yaml")).unwrap();
    p.write(
        "content/mote.yaml",
        &text.replace(
            "  - ärende: arenden/hemlig.yaml\n  - ärende: arenden/hemlig.yaml\n",
            "  - ärende: arenden/hemlig.yaml\n",
        ),
    );
    p.run(&["build", "content/mote.yaml"]).ok();
    let pack = pdf_text(&p.path().join("out/mote-handlingar.pdf"));
    assert!(pack.contains("OSL 25 kap. 1 §"), "{pack}");
    assert!(!pack.contains("Kalle Hemlig"), "sekretessen läcker: {pack}");
}
