//! The bundled `content/`: every document builds, and every word of its YAML reaches
//! the PDF, with the promised metadata, standards and fonts.

use std::path::Path;

use yaml_rust2::{Yaml, YamlLoader};

use crate::common::*;

/// Every text value of a YAML document, except keys that are not printed as written.
fn printed_values(yaml: &Yaml, out: &mut Vec<String>) {
    const NOT_PRINTED: &[&str] = &["typ", "profil", "fil"];
    match yaml {
        Yaml::Hash(h) => {
            for (k, v) in h {
                let k = k.as_str().unwrap_or_default();
                if !NOT_PRINTED.contains(&k) {
                    printed_values(v, out);
                }
            }
        }
        Yaml::Array(a) => a.iter().for_each(|v| printed_values(v, out)),
        Yaml::String(s) | Yaml::Real(s) => out.push(s.clone()),
        Yaml::Integer(i) => out.push(i.to_string()),
        _ => {}
    }
}

fn tjanst_files(root: &Path) -> Vec<std::path::PathBuf> {
    let mut files: Vec<_> = walkdir::WalkDir::new(root.join("content"))
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| e.into_path())
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .filter(|p| {
            let text = std::fs::read_to_string(p).unwrap();
            let doc = &YamlLoader::load_from_str(&text).unwrap()[0];
            matches!(doc["typ"].as_str(), None | Some("tjänsteskrivelse"))
        })
        .collect();
    files.sort();
    files
}

#[test]
fn every_tjansteskrivelse_in_content_builds_with_all_its_text() {
    let p = Project::with_bundled_content();
    let run = p.run(&["build"]).ok();
    assert!(run.stderr.contains("byggda"), "{}", run.stderr);
    let files = tjanst_files(p.path());
    assert!(files.len() >= 5, "content/ har alla fem seeds");
    for yaml_path in files {
        let rel = yaml_path.strip_prefix(p.path().join("content")).unwrap();
        let pdf = p.path().join("out").join(rel).with_extension("pdf");
        assert!(pdf.exists(), "{} saknas", pdf.display());
        let text = squash(&body_text(&pdf));
        let doc =
            &YamlLoader::load_from_str(&std::fs::read_to_string(&yaml_path).unwrap()).unwrap()[0];
        let mut values = Vec::new();
        printed_values(doc, &mut values);
        for v in values {
            // att-satser print "att" in its own column; the rest must be there verbatim.
            let wanted = squash(&v);
            assert!(
                text.contains(&wanted),
                "{}: texten saknas i PDF:en: {v:?}",
                rel.display()
            );
        }
        // The header block and page numbers.
        assert!(
            text.contains("TJÄNSTESKRIVELSE"),
            "dokumenttypen i sidhuvudet"
        );
        let full = pdf_text(&pdf);
        assert!(
            full.contains("1 (2)") || full.contains("1 (1)") || full.contains("1 (3)"),
            "sidnummer som \"1 (2)\": {full}"
        );
    }
}

#[test]
fn metadata_standards_and_fonts() {
    let p = Project::with_bundled_content();
    p.run(&["build"]).ok();
    let pdf = p.path().join("out/region-jh/hsn-plan-och-budget-2024.pdf");
    let pdf = pdf.to_str().unwrap();
    let info = poppler("pdfinfo", &[pdf]);
    assert!(
        info.contains("Title:           Plan och budget 2024 för hälso- och sjukvårdsnämnden"),
        "{info}"
    );
    assert!(info.contains("Author:          Sandra Hedman"), "{info}");
    assert!(
        info.contains(
            "Subject:         Tjänsteskrivelse till Hälso- och sjukvårdsnämnden, dnr HSN/1798/2023"
        ),
        "{info}"
    );
    assert!(
        info.contains("HSN/1798/2023"),
        "nyckelord med diarienumret: {info}"
    );
    assert!(info.contains("Tagged:          yes"), "{info}");
    assert!(
        info.contains("Page size:       595.276 x 841.89 pts (A4)"),
        "{info}"
    );
    assert!(
        info.contains("CreationDate:    Wed Nov  8 00:00:00 2023 UTC"),
        "datum från dokumentet: {info}"
    );

    // No "Syntax Error" from poppler (22.12 reads krilla's `/Suspects false` as one:
    // review 60's 18), on any document type.
    for file in [
        pdf.to_string(),
        p.path()
            .join("out/region-jh/sammantraden/hsn-2024-12-18-protokoll.pdf")
            .to_string_lossy()
            .into_owned(),
    ] {
        let run = std::process::Command::new("pdfinfo")
            .arg(&file)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&run.stderr);
        assert!(
            run.status.success() && stderr.trim().is_empty(),
            "{file}: {stderr}"
        );
    }

    let xmp = poppler("pdfinfo", &["-meta", pdf]);
    assert!(xmp.contains("<pdfaid:part>2</pdfaid:part>"), "PDF/A-2");
    assert!(
        xmp.contains("<pdfaid:conformance>A</pdfaid:conformance>"),
        "PDF/A-2a"
    );
    assert!(xmp.contains("<pdfuaid:part>1</pdfuaid:part>"), "PDF/UA-1");
    assert!(xmp.contains("<rdf:li>sv-SE</rdf:li>"), "språk sv");

    let raw = std::fs::read(pdf).unwrap();
    let raw = String::from_utf8_lossy(&raw);
    assert!(raw.contains("/DisplayDocTitle true"), "DisplayDocTitle");
    assert!(
        raw.contains("/Lang (sv-SE)") || raw.contains("/Lang(sv-SE)"),
        "katalogens /Lang"
    );

    // Exactly the profile's fonts, all embedded.
    let fonts = poppler("pdffonts", &[pdf]);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(!rows.is_empty());
    for row in &rows {
        let name = row.split_whitespace().next().unwrap();
        let base = name.split('+').nth(1).unwrap_or(name);
        assert!(
            base.starts_with("Carlito"),
            "oväntat typsnitt {base} i region-jh: {fonts}"
        );
        assert!(
            row.contains(" yes yes yes "),
            "inbäddat, delmängd, ToUnicode: {row}"
        );
    }

    let orebro = p
        .path()
        .join("out/region-orebro/hsn-verksamhetsplan-2024.pdf");
    let fonts = poppler("pdffonts", &[orebro.to_str().unwrap()]);
    for row in fonts.lines().skip(2) {
        let base = row
            .split_whitespace()
            .next()
            .unwrap()
            .split('+')
            .nth(1)
            .unwrap()
            .to_string();
        assert!(
            base.starts_with("LibertinusSerif") || base.starts_with("LiberationSans"),
            "oväntat typsnitt {base} i region-orebro"
        );
        assert!(row.contains(" yes yes yes "), "{row}");
    }
}

#[test]
fn house_styles_differ_as_the_seeds_do() {
    let p = Project::with_bundled_content();
    p.run(&["build"]).ok();
    let jh = pdf_text(&p.path().join("out/region-jh/hsn-plan-och-budget-2024.pdf"));
    assert!(jh.contains("Regiondirektörens förslag"));
    assert!(jh.contains("I tjänsten"));
    assert!(jh.contains("Utdrag till"));
    let orebro = pdf_text(
        &p.path()
            .join("out/region-orebro/hsn-verksamhetsplan-2024.pdf"),
    );
    assert!(orebro.contains("Förslag till beslut"));
    assert!(orebro.contains("Skickas till"));
    assert!(orebro.contains("Hälso- och sjukvårdsnämnden beslutar"));
    assert!(!orebro.contains("I tjänsten"));
    // Örebro: the proposal comes before the summary.
    assert!(orebro.find("Förslag till beslut").unwrap() < orebro.find("Sammanfattning").unwrap());
}

#[test]
fn check_writes_nothing_and_build_of_one_file_mirrors_the_tree() {
    let p = Project::with_bundled_content();
    let check = p.run(&["check"]).ok();
    assert!(p.pdfs().is_empty(), "check skriver inget: {:?}", p.pdfs());
    // Each document of a meeting is named on its line.
    assert!(
        check
            .stderr
            .contains("hsn-2024-12-18.yaml → hsn-2024-12-18-kallelse.pdf ("),
        "{}",
        check.stderr
    );
    p.run(&[
        "build",
        "content/region-orebro/hsn-verksamhetsplan-2024.yaml",
        "--out",
        "ut",
    ])
    .ok();
    assert_eq!(
        p.pdfs(),
        vec!["ut/region-orebro/hsn-verksamhetsplan-2024.pdf"]
    );
}

#[test]
fn project_is_found_from_a_subfolder_and_kansli_yaml_is_optional() {
    let p = Project::new();
    p.write("content/sub/a.yaml", &tjanst(""));
    // No kansli.yaml: the current folder is the project, defaults apply (region-jh, out/).
    p.run(&["build"]).ok();
    assert_eq!(p.pdfs(), vec!["out/sub/a.pdf"]);
    // With kansli.yaml, kansli finds the project from any folder inside it.
    p.write("kansli.yaml", "utdata: pdf\n");
    run_in(&p.path().join("content/sub"), &["build"], &[]).ok();
    assert_eq!(p.pdfs(), vec!["out/sub/a.pdf", "pdf/sub/a.pdf"]);
}

#[test]
fn one_bad_file_does_not_stop_the_others() {
    let p = Project::new();
    p.write("content/bra.yaml", &tjanst(""));
    p.write("content/trasig.yaml", &tjanst("rubirk: x\n"));
    let run = p.run(&["build"]);
    assert_eq!(run.code, 1);
    assert_eq!(p.pdfs(), vec!["out/bra.pdf"]);
    assert!(
        run.stderr.contains("1 av 2 dokument byggda"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("1 misslyckades"), "{}", run.stderr);
}

#[test]
fn usage_errors_exit_2_in_swedish() {
    let p = Project::new();
    let run = p.run(&["build", "--okand"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("okänd flagga"), "{}", run.stderr);
    let run = p.run(&["build", "finns-inte.yaml"]);
    assert_ne!(run.code, 0);
    assert!(run.stderr.contains("finns-inte.yaml"), "{}", run.stderr);
    let help = p.run(&["--help"]).ok();
    assert!(help.stdout.contains("Användning"));
}
