//! Templates and content read nothing outside the project, and import no packages.

use crate::common::*;

#[test]
fn a_template_that_reads_outside_the_project_fails_clearly() {
    let p = Project::new();
    p.write("content/a.yaml", &tjanst(""));
    p.write(
        "templates/tjansteskrivelse.typ.j2",
        "#import \"/mall/kansli.typ\": *\n#read(\"/../../../../etc/passwd\")\n#read(\"/etc/hostname\")\n",
    );
    let run = p.run(&["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("templates/tjansteskrivelse.typ.j2")
            || run.stderr.contains("content/a.yaml"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("utanför projektet") || run.stderr.contains("finns inte"),
        "{}",
        run.stderr
    );
    assert!(p.pdfs().is_empty());
}

#[test]
fn a_template_that_imports_a_package_fails_clearly() {
    let p = Project::new();
    p.write("content/a.yaml", &tjanst(""));
    p.write(
        "templates/tjansteskrivelse.typ.j2",
        "#import \"@preview/cetz:0.3.0\": canvas\nHej\n",
    );
    let run = p.run(&["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("paket"), "{}", run.stderr);
    assert!(p.pdfs().is_empty());
}

#[test]
fn a_template_cannot_include_files_outside_the_project() {
    let p = Project::new();
    p.write("content/a.yaml", &tjanst(""));
    p.write(
        "templates/tjansteskrivelse.typ.j2",
        "{% include \"../../../../etc/passwd\" %}\n",
    );
    let run = p.run(&["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(!run.stderr.contains("root:"), "{}", run.stderr);
    assert!(p.pdfs().is_empty());
}

#[test]
fn a_bilaga_through_a_symlink_out_of_the_project_is_refused() {
    let p = Project::new();
    let outside = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(outside.path(), small_pdf()).unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(outside.path(), p.path().join("content-lank.pdf")).unwrap();
    std::fs::create_dir_all(p.path().join("content")).unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(outside.path(), p.path().join("content/lank.pdf")).unwrap();
    p.write(
        "content/a.yaml",
        &tjanst("bilagor:\n  - { titel: Länk, fil: lank.pdf }\n"),
    );
    let run = p.run(&["build"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("utanför projektmappen"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_bilaga_inside_the_project_is_listed_with_its_pages() {
    let p = Project::new();
    p.write_bytes("content/bilagor/offert.pdf", &small_pdf());
    p.write(
        "content/a.yaml",
        &tjanst("bilagor:\n  - { titel: Offert från leverantören, fil: bilagor/offert.pdf }\n"),
    );
    p.run(&["build"]).ok();
    let text = pdf_text(&p.path().join("out/a.pdf"));
    assert!(text.contains("Offert från leverantören"), "{text}");
}
