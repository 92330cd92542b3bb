//! Meetings: the four documents from one file, numbered consistently.

use crate::common::*;

#[test]
fn the_bundled_meeting_gives_every_document_with_consistent_numbers() {
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
    assert!(
        !protokoll.contains("Anslagsbevis"),
        "anslaget är ett eget dokument"
    );
    assert!(protokoll.contains("Paragrafen justeras omedelbart."));
    assert!(protokoll.contains("Mats Eriksson (V) reserverar sig skriftligt mot beslutet."));
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

    // Each is dated in its metadata as on its letterhead: the kallelse and the packs
    // the day they are sent (kallelse_datum), the protokoll the day of the meeting.
    for (file, date) in [
        ("hsn-2024-12-18-kallelse.pdf", "Wed Dec  4"),
        ("hsn-2024-12-18-handlingar.pdf", "Wed Dec  4"),
        ("hsn-2024-12-18-handlingar-ledamot.pdf", "Wed Dec  4"),
        ("hsn-2024-12-18-protokoll.pdf", "Wed Dec 18"),
    ] {
        let info = poppler("pdfinfo", &[out.join(file).to_str().unwrap()]);
        assert!(
            info.contains(&format!("CreationDate:    {date} 00:00:00 2024 UTC")),
            "{file}: {info}"
        );
    }
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
        &(meeting_head("kallelse, handlingar")
            + "  - ärende: arenden/hemlig.yaml\n  - ärende: arenden/hemlig.yaml\n"),
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
    // The public protokoll and the utdrag do not quote the secret ärende either.
    let text = std::fs::read_to_string(p.path().join("content/mote.yaml")).unwrap();
    p.write(
        "content/mote.yaml",
        &text
            .replace(
                "dokument: [kallelse, handlingar]\n",
                "dokument: [kallelse, handlingar, protokoll, protokollsutdrag]\njustering: { justerare: [Per Olofsson], datum: 2024-12-20 }\nförsta_paragraf: 1\n",
            )
            .replace(
                "ledamöter: [{ namn: Anna Lindgren, parti: S }]\n",
                "ledamöter: [{ namn: Anna Lindgren, parti: S }, { namn: Per Olofsson, parti: M }]\n",
            )
            .replace(
                "  - ärende: arenden/hemlig.yaml\n",
                "  - ärende: arenden/hemlig.yaml\n    beslut: [Nämnden beviljar ansökan.]\n",
            ),
    );
    p.run(&["build", "content/mote.yaml"]).ok();
    for name in ["mote-protokoll.pdf", "mote-kallelse.pdf"] {
        let text = pdf_text(&p.path().join("out").join(name));
        assert!(
            text.contains("Nämnden beviljar ansökan") || name.contains("kallelse"),
            "{name}: {text}"
        );
        assert!(
            !text.contains("Kalle Hemlig"),
            "sekretessen läcker i {name}: {text}"
        );
    }
}

#[test]
fn the_pack_shows_each_arende_as_its_own_document_does_and_bookmarks_the_agenda() {
    let p = Project::with_bundled_content();
    p.run(&["build", "content/region-jh"]).ok();
    let out = p.path().join("out/region-jh");
    let pack = out.join("sammantraden/hsn-2024-12-18-handlingar.pdf");
    // The tjänsteskrivelse's body, from its first section heading to the last
    // recipient, appears in the pack word for word (line breaks and hyphens aside).
    let own = squash(&body_text(&out.join("hsn-plan-och-budget-2024.pdf")));
    let start = own
        .find("Ärendebeskrivning")
        .expect("rubriken Ärendebeskrivning");
    let end = own.find("Divisionschefer").expect("sista mottagaren") + "Divisionschefer".len();
    let body = &own[start..end];
    let in_pack = squash(&body_text(&pack));
    assert!(
        in_pack.contains(body),
        "ärendets text i handlingarna skiljer sig från tjänsteskrivelsen:\n{body}\n---\n{in_pack}"
    );

    // And it is laid out as its own document: every word of each of its pages (between
    // the running header and the footer) at the same place and size in the pack. (The
    // pack set its headings a level smaller: 12.9 pt against 15.5 pt.)
    for (own, title) in [
        ("hsn-plan-och-budget-2024.pdf", "Plan och budget 2024"),
        (
            "hsn-manadsrapport-november-2024.pdf",
            "månadsrapport november 2024",
        ),
    ] {
        let own = out.join(own);
        let first = (1..=page_count(&pack))
            .find(|&n| {
                let t = page_text(&pack, n);
                t.contains("TJÄNSTESKRIVELSE") && squash(&t).contains(&squash(title))
            })
            .unwrap_or_else(|| panic!("{title} saknas i handlingarna"));
        assert_laid_out_as_in_pack(&own, &pack, first, title);
    }

    // Each ärende's first page in the pack carries the organisation's footer, as its
    // own first page does; the pages after it do not.
    for n in 1..=page_count(&pack) {
        let page = page_text(&pack, n);
        let letterhead = page.contains("TJÄNSTESKRIVELSE") || page.contains("RAPPORT\n");
        assert_eq!(
            page.contains("Organisationsnummer"),
            n == 1 || letterhead,
            "page {n} of the pack:\n{page}"
        );
        // And is headed as its own first page is, by the page number alone: no running
        // line saying the organisation and the Dnr above the letterhead that says them
        // (review 22). The pages after it keep their running line.
        assert_eq!(
            page.contains("Härjedalen · "),
            n > 1 && !letterhead,
            "page {n} of the pack:\n{page}"
        );
    }
    // The rapport begins as its own document does: letterhead and subtitle.
    assert!(
        (1..=page_count(&pack)).any(|n| {
            let page = page_text(&pack, n);
            page.contains("RAPPORT\n") && page.contains("Särskild uppföljning i juni")
        }),
        "rapporten saknar brevhuvud eller underrubrik i handlingarna"
    );

    // Bookmarks: the kallelse and every agenda item; the ärenden's own sections are
    // nested below their item, never beside it.
    let doc = lopdf::Document::load(&pack).unwrap();
    let toc = doc.get_toc().expect("handlingarna saknar bokmärken");
    let top: Vec<&str> = toc
        .toc
        .iter()
        .filter(|t| t.level == 1)
        .map(|t| t.title.as_str())
        .collect();
    assert!(
        top.iter().any(|t| t.contains("Kallelse")),
        "bokmärke för kallelsen saknas: {top:?}"
    );
    let items: Vec<&lopdf::TocType> = toc
        .toc
        .iter()
        .filter(|t| t.title.starts_with("4."))
        .collect();
    assert_eq!(items.len(), 1, "{:?}", toc.toc);
    // (A title's short words are bound to the next by no-break spaces.)
    assert!(
        items[0]
            .title
            .replace('\u{a0}', " ")
            .contains("Plan och budget 2024")
    );
    // The table of contents lists the agenda, not each ärende's "Utdrag till".
    let contents = pdf_text(&pack);
    let toc_page = contents
        .split('\u{c}')
        .find(|page| page.contains("Innehåll"))
        .expect("innehållsförteckning");
    assert!(!toc_page.contains("Utdrag till"), "{toc_page}");
    assert!(toc_page.contains("Plan och budget 2024 för hälso- och sjukvårdsnämnden"));
}

/// A meeting's own proposal for an item without a tjänsteskrivelse (here a rapport):
/// the kallelse shows it under the item and the protokoll decides it; on an item whose
/// ärende is a tjänsteskrivelse (which has its proposal) it is an error at the field
/// (review 43: the kallelse showed the rapport's item with its title only).
#[test]
fn a_rapport_item_takes_a_proposal_of_the_meetings_own() {
    let p = Project::new();
    copy_dir(&repo_root().join("tests/fixtures/held-out-43"), p.path());
    let file = p
        .path()
        .join("content/region-orebro/sammantraden/run-2043-04-15.yaml");
    let yaml = std::fs::read_to_string(&file).unwrap();
    let item = "  - ärende: ../rapporter/43RS180-befolkning-2042.yaml\n    beslut:\n      - Rapporten om befolkningsutveckling och flyttmönster i Örebro län 2042 läggs till handlingarna.\n";
    assert!(yaml.contains(item));
    let proposal = "Rapporten om befolkningsutveckling och flyttmönster läggs till handlingarna.";
    let with = yaml.replace(
        item,
        &format!(
            "  - ärende: ../rapporter/43RS180-befolkning-2042.yaml\n    förslag: {proposal}\n"
        ),
    );
    std::fs::write(&file, &with).unwrap();
    p.run(&["build", file.to_str().unwrap()]).ok();
    let out = p.path().join("out/region-orebro/sammantraden");
    for doc in [
        "run-2043-04-15-kallelse.pdf",
        "run-2043-04-15-protokoll.pdf",
    ] {
        let text = squash(&pdf_text(&out.join(doc)));
        assert!(text.contains(&squash(proposal)), "{doc}: {text}");
    }
    let kallelse = pdf_text(&out.join("run-2043-04-15-kallelse.pdf"));
    let title = kallelse
        .find("flyttmönster i Örebro län")
        .expect("the item");
    assert!(
        kallelse[title..].contains("Förslag till beslut"),
        "{kallelse}"
    );

    // On a tjänsteskrivelse's item: an error at the field, and no kallelse.
    let ts = "  - ärende: ../arenden/43RS228-plankorsningar.yaml\n";
    assert!(with.contains(ts));
    std::fs::write(
        &file,
        with.replace(ts, &format!("{ts}    förslag: Något annat.\n")),
    )
    .unwrap();
    let run = p.run(&["check", file.to_str().unwrap()]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(".förslag") && run.stderr.contains("tjänsteskrivelsens"),
        "{}",
        run.stderr
    );
}
