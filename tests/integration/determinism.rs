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
