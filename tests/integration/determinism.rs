//! Identical input gives identical bytes, whatever the machine, path, time zone or locale.

use crate::common::*;

#[test]
fn two_builds_in_different_places_and_zones_are_byte_identical() {
    let a = Project::with_bundled_content();
    let b = Project::with_bundled_content();
    a.run_env(&["build"], &[("TZ", "UTC"), ("LANG", "C")]).ok();
    b.run_env(
        &["build", "--jobs", "1"],
        &[
            ("TZ", "Pacific/Kiritimati"),
            ("LANG", "sv_SE.UTF-8"),
            ("LC_ALL", "sv_SE.UTF-8"),
        ],
    )
    .ok();
    let pdfs = a.pdfs();
    assert!(pdfs.len() >= 5);
    assert_eq!(pdfs, b.pdfs());
    for rel in pdfs {
        let x = std::fs::read(a.path().join(&rel)).unwrap();
        let y = std::fs::read(b.path().join(&rel)).unwrap();
        assert!(x == y, "{rel} skiljer sig mellan två byggen");
    }
}

#[test]
fn rebuilding_replaces_the_file_atomically_with_the_same_bytes() {
    let p = Project::new();
    p.write("content/a.yaml", &tjanst(""));
    p.run(&["build"]).ok();
    let first = std::fs::read(p.path().join("out/a.pdf")).unwrap();
    p.run(&["build", "--alltid"]).ok();
    assert_eq!(first, std::fs::read(p.path().join("out/a.pdf")).unwrap());
    // No temporary files are left behind.
    let leftovers: Vec<_> = std::fs::read_dir(p.path().join("out"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .filter(|n| n != ".kansli-bygge.json")
        .collect();
    assert_eq!(leftovers.len(), 1, "{leftovers:?}");
}

/// Typst's layout cache is shared by the documents of a batch, and keyed on the styles
/// around each paragraph. The page set-up every document opens with must therefore be
/// the same text for all documents of a house style: anything document-specific there
/// (title, diarienummer, date, running header) would make every paragraph of every
/// document new to the cache, and a batch twice as slow (BENCHMARKS.md, issue 17).
#[test]
fn the_page_setup_is_the_same_text_in_every_document_of_a_profile() {
    let p = Project::with_bundled_content();
    p.run(&["build", "-q", "--keep-typst", "kalla"]).ok();
    let root = p.path().join("kalla/region-jh");
    let sources: Vec<std::path::PathBuf> = walkdir::WalkDir::new(&root)
        .into_iter()
        .filter_map(Result::ok)
        .map(|e| e.path().to_path_buf())
        .filter(|p| p.extension().is_some_and(|e| e == "typ"))
        .collect();
    // Tjänsteskrivelser, rapporter and a meeting's kallelse, handlingar, protokoll, utdrag.
    assert!(sources.len() >= 6, "{sources:?}");
    let marker = "#show: document-setup.with(style: style)\n";
    let prefixes: Vec<(String, String)> = sources
        .iter()
        .map(|src| {
            let text = std::fs::read_to_string(src).unwrap();
            let end = text
                .find(marker)
                .unwrap_or_else(|| panic!("{}: no page set-up line", src.display()));
            let prefix = text[..end + marker.len()].to_string();
            (src.display().to_string(), prefix)
        })
        .collect();
    for (name, prefix) in &prefixes {
        assert_eq!(
            prefix, &prefixes[0].1,
            "{name} opens differently from {}",
            prefixes[0].0
        );
        assert!(
            !prefix.contains("HSN/"),
            "{name}: a diarienummer before the body"
        );
    }
    // The metadata follows, outside the page set-up, and reaches the PDF.
    let first = std::fs::read_to_string(&sources[0]).unwrap();
    assert!(first.contains("#document-info("), "{first}");
}

/// A document built alone and the same document built in a batch (after others have
/// filled the shared layout cache) are byte for byte the same.
#[test]
fn a_document_built_alone_equals_it_built_in_a_batch() {
    let batch = Project::with_bundled_content();
    batch.run(&["build", "-q"]).ok();
    let pdfs = batch.pdfs();
    assert!(pdfs.len() >= 5);
    for rel in [
        "out/region-jh/hsn-plan-och-budget-2024.pdf",
        "out/region-orebro/hsn-verksamhetsplan-2024.pdf",
    ] {
        assert!(pdfs.iter().any(|p| p == rel), "{rel} not in {pdfs:?}");
        let alone = Project::with_bundled_content();
        let yaml = rel.trim_start_matches("out/").replace(".pdf", ".yaml");
        alone.run(&["build", "-q", &format!("content/{yaml}")]).ok();
        let x = std::fs::read(batch.path().join(rel)).unwrap();
        let y = std::fs::read(alone.path().join(rel)).unwrap();
        assert!(x == y, "{rel}: alone and in a batch differ");
    }
}
