//! Incremental builds: a second `kansli build` skips what has not changed, and a change
//! to any kind of input rebuilds exactly the documents that read it, with the same bytes
//! as a clean build.

use std::collections::BTreeMap;
use std::path::Path;

use crate::common::*;

/// a.yaml (with a bilaga, on the meeting's agenda), b.yaml (own profile based on
/// region-jh), mote.yaml (lists a.yaml).
fn project() -> Project {
    let p = Project::new();
    p.write("kansli.yaml", "profil: region-jh\n");
    p.write_bytes(
        "content/bilaga.pdf",
        &std::fs::read(repo_root().join("tests/fixtures/bilagor/text-helvetica.pdf")).unwrap(),
    );
    p.write(
        "content/a.yaml",
        &tjanst("bilagor:\n  - { titel: Avtal, fil: bilaga.pdf }\n"),
    );
    p.write(
        "content/b.yaml",
        &tjanst("profil: egen\n").replace("HSN/17/2024", "HSN/18/2024"),
    );
    p.write(
        "content/mote.yaml",
        &(meeting_head("kallelse, handlingar") + "  - ärende: a.yaml\n"),
    );
    p.write(
        "templates/profiles/egen.yaml",
        "namn: egen\nbas: region-jh\netiketter:\n  mottagare: Beslutet skickas till\n",
    );
    p
}

/// The PDFs of out/ by name, with their modification times.
fn times(p: &Project) -> BTreeMap<String, std::time::SystemTime> {
    std::fs::read_dir(p.path().join("out"))
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "pdf"))
        .map(|e| {
            let t = e.metadata().unwrap().modified().unwrap();
            (e.file_name().to_string_lossy().into_owned(), t)
        })
        .collect()
}

/// Builds, then asserts which PDFs were written again and that every PDF equals a
/// clean build's.
fn rebuilt_after(p: &Project, change: impl FnOnce(&Path)) -> Vec<String> {
    p.run(&["build"]).ok();
    let before = times(p);
    // File times have a resolution; make a change visible as one.
    std::thread::sleep(std::time::Duration::from_millis(30));
    let again = p.run(&["build"]).ok();
    assert!(again.stderr.contains("3 oförändrade"), "{}", again.stderr);
    assert_eq!(times(p), before, "an unchanged build wrote a PDF");
    change(p.path());
    std::thread::sleep(std::time::Duration::from_millis(30));
    p.run(&["build"]).ok();
    let after = times(p);
    let rebuilt: Vec<String> = after
        .iter()
        .filter(|(n, t)| before.get(*n) != Some(t))
        .map(|(n, _)| n.clone())
        .collect();
    // The same bytes as a clean build of the same inputs.
    p.run(&["build", "--alltid", "--out", "ren"]).ok();
    for name in after.keys() {
        let a = std::fs::read(p.path().join("out").join(name)).unwrap();
        let b = std::fs::read(p.path().join("ren").join(name)).unwrap();
        assert!(a == b, "{name} differs from a clean build");
    }
    rebuilt
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{from} not in {}", path.display());
    std::fs::write(path, text.replace(from, to)).unwrap();
}

#[test]
fn an_arende_rebuilds_itself_and_its_meeting() {
    let p = project();
    let rebuilt = rebuilt_after(&p, |root| {
        edit(
            &root.join("content/a.yaml"),
            "fler bänkar",
            "fler och bättre bänkar",
        )
    });
    assert_eq!(
        rebuilt,
        ["a.pdf", "mote-handlingar.pdf", "mote-kallelse.pdf"]
    );
}

#[test]
fn a_bilaga_rebuilds_the_documents_that_hold_it() {
    let p = project();
    let rebuilt = rebuilt_after(&p, |root| {
        std::fs::write(
            root.join("content/bilaga.pdf"),
            std::fs::read(repo_root().join("tests/fixtures/bilagor/a3-landscape.pdf")).unwrap(),
        )
        .unwrap()
    });
    assert_eq!(
        rebuilt,
        ["a.pdf", "mote-handlingar.pdf", "mote-kallelse.pdf"]
    );
}

#[test]
fn a_template_override_rebuilds_the_documents_of_its_kind() {
    let p = project();
    let rebuilt = rebuilt_after(&p, |root| {
        let builtin =
            std::fs::read_to_string(repo_root().join("templates/tjansteskrivelse.typ.j2")).unwrap();
        let text = builtin.replace("#doc-title[", "// egen mall\n#doc-title[");
        std::fs::create_dir_all(root.join("templates")).unwrap();
        std::fs::write(root.join("templates/tjansteskrivelse.typ.j2"), text).unwrap();
    });
    assert_eq!(rebuilt, ["a.pdf", "b.pdf"]);
}

#[test]
fn a_profile_rebuilds_the_documents_that_use_it() {
    let p = project();
    let rebuilt = rebuilt_after(&p, |root| {
        edit(
            &root.join("templates/profiles/egen.yaml"),
            "Beslutet skickas till",
            "Skickas till",
        )
    });
    assert_eq!(rebuilt, ["b.pdf"]);
}

#[test]
fn a_base_profile_rebuilds_every_document_built_on_it() {
    let p = project();
    let rebuilt = rebuilt_after(&p, |root| {
        let builtin =
            std::fs::read_to_string(repo_root().join("templates/profiles/region-jh.yaml")).unwrap();
        std::fs::write(
            root.join("templates/profiles/region-jh.yaml"),
            builtin.replace("telefon: 063-14 75 00", "telefon: 063-14 75 01"),
        )
        .unwrap();
    });
    assert_eq!(rebuilt.len(), 4, "{rebuilt:?}");
}

#[test]
fn a_font_or_kansli_yaml_rebuilds_everything() {
    let p = project();
    let rebuilt = rebuilt_after(&p, |root| {
        std::fs::create_dir_all(root.join("fonts/extra")).unwrap();
        std::fs::copy(
            repo_root().join("fonts/liberation-mono/LiberationMono-Regular.ttf"),
            root.join("fonts/extra/LiberationMono-Regular.ttf"),
        )
        .unwrap();
    });
    assert_eq!(rebuilt.len(), 4, "{rebuilt:?}");
    let p = project();
    let rebuilt = rebuilt_after(&p, |root| {
        std::fs::write(root.join("kansli.yaml"), "profil: region-jh\nutdata: out\n").unwrap()
    });
    assert_eq!(rebuilt.len(), 4, "{rebuilt:?}");
}

#[test]
fn a_missing_or_changed_pdf_is_rebuilt_and_alltid_rebuilds_all() {
    let p = project();
    p.run(&["build"]).ok();
    std::fs::remove_file(p.path().join("out/b.pdf")).unwrap();
    std::fs::write(p.path().join("out/a.pdf"), b"%PDF-trasig").unwrap();
    let run = p.run(&["build"]).ok();
    assert!(run.stderr.contains("1 oförändrade"), "{}", run.stderr);
    assert!(p.path().join("out/b.pdf").is_file());
    assert!(std::fs::read(p.path().join("out/a.pdf")).unwrap().len() > 1000);
    let all = p.run(&["build", "--alltid"]).ok();
    assert!(!all.stderr.contains("oförändrade"), "{}", all.stderr);
}

#[test]
fn the_version_names_the_build_and_another_build_rebuilds_everything() {
    // `kansli -V` names the build: the version and a hash of the sources it was built
    // from, so two binaries of one version tell themselves apart.
    let p = project();
    let v = p.run(&["-V"]).ok();
    assert_eq!(v.stdout.trim(), format!("kansli {}", build_identity()));

    // The incremental cache is keyed on that identity: a cache written by another build
    // of kansli (here: its key as such a build would leave it different) is not trusted,
    // and every document is typeset again, with the bytes of a clean build.
    p.run(&["build"]).ok();
    let again = p.run(&["build"]).ok();
    assert!(again.stderr.contains("3 oförändrade"), "{}", again.stderr);
    let cache = p.path().join("out/.kansli-bygge.json");
    let mut stored: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&cache).unwrap()).unwrap();
    let key = stored["key"].as_str().unwrap().to_string();
    assert_eq!(key.len(), 64, "{key}");
    stored["key"] = serde_json::Value::String(key.chars().rev().collect());
    std::fs::write(&cache, serde_json::to_vec(&stored).unwrap()).unwrap();
    let other = p.run(&["build"]).ok();
    assert!(!other.stderr.contains("oförändrade"), "{}", other.stderr);
    p.run(&["build", "--alltid", "--out", "ren"]).ok();
    for name in times(&p).keys() {
        let a = std::fs::read(p.path().join("out").join(name)).unwrap();
        let b = std::fs::read(p.path().join("ren").join(name)).unwrap();
        assert!(a == b, "{name} differs from a clean build");
    }
}

/// The ärende a.yaml and the meeting that holds it are gone from `out`, a.pdf named in
/// the warning.
fn assert_a_and_its_meeting_removed(out: &Path, stderr: &str) {
    for gone in ["a.pdf", "mote-kallelse.pdf", "mote-handlingar.pdf"] {
        assert!(
            !out.join(gone).exists(),
            "{gone} is left from the build before"
        );
    }
    assert!(
        stderr.contains(
            "en fil från ett tidigare bygge togs bort (dokumentet kunde inte byggas nu, och den hörde till en äldre version av det): out/a.pdf"
        ),
        "{stderr}"
    );
}

#[test]
fn a_failed_build_removes_that_documents_earlier_pdfs_and_nothing_else() {
    // Review 32 (m12): after a failed rebuild the PDF of the version before stayed in
    // out/ without a word, and could be sent out as if it were the new one.
    let p = project();
    p.run(&["build"]).ok();
    let out = p.path().join("out");
    let b_before = std::fs::read(out.join("b.pdf")).unwrap();
    let a = p.path().join("content/a.yaml");
    let good = std::fs::read_to_string(&a).unwrap();
    edit(&a, "rubrik:", "rubrikk:");
    // `check` writes nothing and removes nothing.
    let check = p.run(&["check"]);
    assert_eq!(check.code, 1, "{}", check.stderr);
    assert!(out.join("a.pdf").is_file());
    let run = p.run(&["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("okänt fält \"rubrikk\""),
        "{}",
        run.stderr
    );
    // The ärende and the meeting that holds it: gone, each said once.
    assert_a_and_its_meeting_removed(&out, &run.stderr);
    assert!(
        run.stderr
            .contains("2 filer från ett tidigare bygge togs bort"),
        "{}",
        run.stderr
    );
    // Each error before the warning that follows from it, and the files the meeting
    // lost one per line (review 56's m22: the warning came first, its nineteen paths
    // on one line).
    let at = |needle: &str| {
        run.stderr
            .find(needle)
            .unwrap_or_else(|| panic!("{needle:?} not in {}", run.stderr))
    };
    assert!(
        at("okänt fält \"rubrikk\"") < at("out/a.pdf"),
        "{}",
        run.stderr
    );
    let lines: Vec<&str> = run.stderr.lines().collect();
    let warned = lines
        .iter()
        .position(|l| l.contains("2 filer från ett tidigare bygge togs bort"))
        .unwrap();
    assert!(lines[warned].ends_with(':'), "{}", run.stderr);
    let mut listed: Vec<&str> = lines[warned + 1..warned + 3]
        .iter()
        .map(|l| l.trim())
        .collect();
    listed.sort();
    assert_eq!(
        listed,
        ["out/mote-handlingar.pdf", "out/mote-kallelse.pdf"],
        "{}",
        run.stderr
    );
    let meeting_error = lines
        .iter()
        .position(|l| l.contains("mote.yaml") && l.contains(": fel: "))
        .unwrap_or_else(|| panic!("no error for the meeting in {}", run.stderr));
    assert!(meeting_error < warned, "{}", run.stderr);
    // The other document is as it was.
    assert_eq!(std::fs::read(out.join("b.pdf")).unwrap(), b_before);
    // Fixed, the documents are made again, with a clean build's bytes.
    std::fs::write(&a, &good).unwrap();
    let run = p.run(&["build"]).ok();
    assert!(!run.stderr.contains("togs bort"), "{}", run.stderr);
    p.run(&["build", "--alltid", "--out", "ren"]).ok();
    for name in ["a.pdf", "mote-kallelse.pdf", "mote-handlingar.pdf"] {
        assert_eq!(
            std::fs::read(out.join(name)).unwrap(),
            std::fs::read(p.path().join("ren").join(name)).unwrap(),
            "{name}"
        );
    }
    // A file that is no longer what kansli wrote (a signed copy put in its place) is
    // never removed.
    std::fs::write(out.join("a.pdf"), b"%PDF-signerad").unwrap();
    edit(&a, "rubrik:", "rubrikk:");
    let run = p.run(&["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(std::fs::read(out.join("a.pdf")).unwrap(), b"%PDF-signerad");
    assert!(!run.stderr.contains("out/a.pdf"), "{}", run.stderr);
}

#[test]
fn a_moved_projects_failed_build_removes_that_documents_earlier_pdfs() {
    // Review 45 (M3): a project copied with its out/ (`cp -a`, a restored backup)
    // whose ärende then failed kept the earlier PDFs of it and of its meeting without
    // a word: the build memory named them where the project had been.
    let p = project();
    p.run(&["build"]).ok();
    let copy = Project::new();
    copy_dir(p.path(), copy.path());
    let a = copy.path().join("content/a.yaml");
    edit(&a, "rubrik:", "rubrikk:");
    let run = copy.run(&["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let out = copy.path().join("out");
    assert_a_and_its_meeting_removed(&out, &run.stderr);
    assert!(out.join("b.pdf").is_file());
    // The project it was copied from is as it was.
    for kept in ["a.pdf", "mote-kallelse.pdf", "mote-handlingar.pdf", "b.pdf"] {
        assert!(p.path().join("out").join(kept).is_file(), "{kept}");
    }
    // Fixed, the copy builds in full again, and its next build skips what is unchanged.
    edit(&a, "rubrikk:", "rubrik:");
    copy.run(&["build"]).ok();
    let again = copy.run(&["build"]).ok();
    assert!(again.stderr.contains("3 oförändrade"), "{}", again.stderr);
}

#[test]
fn a_file_written_now_is_never_removed_and_a_warned_or_alltid_build_counts() {
    // The review of the diff: the output folder given as another path to the same folder
    // (`--out ../<project>/out`) had the PDF just written removed as "no longer made".
    let p = project();
    p.run(&["build"]).ok();
    let name = p.path().file_name().unwrap().to_str().unwrap().to_string();
    let other = format!("../{name}/out");
    let run = p.run(&["build", "--alltid", "--out", &other]).ok();
    assert!(!run.stderr.contains("togs bort"), "{}", run.stderr);
    for f in ["a.pdf", "b.pdf", "mote-kallelse.pdf", "mote-handlingar.pdf"] {
        assert!(p.path().join("out").join(f).is_file(), "{f} removed");
    }
    // A build with `--alltid` records what it wrote: the ärende changed and built so,
    // then broken, its PDF of that build is removed.
    let a = p.path().join("content/a.yaml");
    edit(&a, "fler bänkar", "fler och bättre bänkar");
    p.run(&["build", "--alltid"]).ok();
    edit(&a, "rubrik:", "rubrikk:");
    let run = p.run(&["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(!p.path().join("out/a.pdf").exists(), "{}", run.stderr);
    // So does a build with a warning (a bilaga that cannot be read, in b.yaml, on no
    // meeting's agenda).
    edit(&a, "rubrikk:", "rubrik:");
    let b = p.path().join("content/b.yaml");
    std::fs::write(p.path().join("content/trasig.pdf"), b"inte en pdf").unwrap();
    let text = std::fs::read_to_string(&b).unwrap();
    std::fs::write(
        &b,
        text + "bilagor:\n  - { titel: Avtal, fil: trasig.pdf }\n",
    )
    .unwrap();
    let warned = p.run(&["build"]).ok();
    assert!(warned.stderr.contains("varning"), "{}", warned.stderr);
    assert!(p.path().join("out/b.pdf").is_file());
    edit(&b, "rubrik:", "rubrikk:");
    let run = p.run(&["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(!p.path().join("out/b.pdf").exists(), "{}", run.stderr);
}
