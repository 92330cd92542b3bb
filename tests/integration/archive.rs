//! The archive: write-once storage, the manifest, `verify`, and signed PDFs.

use std::path::Path;
use std::process::Command;

use crate::common::*;

pub(crate) fn manifest(p: &Project) -> serde_json::Value {
    let text = std::fs::read_to_string(p.path().join("arkiv/manifest.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

pub(crate) fn entries(p: &Project) -> Vec<serde_json::Value> {
    manifest(p)["filer"].as_array().unwrap().clone()
}

pub(crate) fn entry<'a>(all: &'a [serde_json::Value], fil: &str) -> &'a serde_json::Value {
    all.iter()
        .find(|e| e["fil"] == fil)
        .unwrap_or_else(|| panic!("{fil} saknas i manifestet: {all:#?}"))
}

pub(crate) const TJANST_PDF: &str = "2024/HSN-17-2024/arende-tjansteskrivelse.pdf";

pub(crate) fn archived_project() -> Project {
    let p = Project::new();
    p.write("content/arende.yaml", &tjanst(""));
    let run = p.run(&["archive"]).ok();
    assert!(run.stderr.contains("1 nya filer"), "{}", run.stderr);
    p
}

#[test]
fn archive_records_everything_the_manifest_promises() {
    let p = archived_project();
    let all = entries(&p);
    let e = entry(&all, TJANST_PDF);
    let bytes = std::fs::read(p.path().join("arkiv").join(TJANST_PDF)).unwrap();
    use sha2::Digest as _;
    let sha = format!("{:x}", sha2::Sha256::digest(&bytes));
    assert_eq!(e["sha256"], sha);
    assert_eq!(e["storlek"], bytes.len() as u64);
    assert_eq!(e["dokumenttyp"], "tjänsteskrivelse");
    assert_eq!(e["diarienummer"], "HSN/17/2024");
    assert_eq!(e["rubrik"], "Provärende om bänkar i väntrummet");
    assert_eq!(e["datum"], "2024-03-14");
    assert_eq!(e["nämnd"], "Hälso- och sjukvårdsnämnden");
    assert_eq!(
        e["pdf_standard"],
        serde_json::json!(["PDF/A-2a", "PDF/UA-1"])
    );
    assert_eq!(e["källa"], "content/arende.yaml");
    let yaml = std::fs::read(p.path().join("content/arende.yaml")).unwrap();
    assert_eq!(
        e["källa_sha256"],
        format!("{:x}", sha2::Sha256::digest(&yaml))
    );
    // The version with the build's identity (what `kansli -V` prints).
    let v = e["kansli_version"].as_str().unwrap();
    assert_eq!(v, build_identity());
    assert!(
        chrono::DateTime::parse_from_rfc3339(e["arkiverad"].as_str().unwrap()).is_ok(),
        "{e}"
    );
    // The archived PDF is the document: its text layer has the user's words.
    assert!(pdf_text(&p.path().join("arkiv").join(TJANST_PDF)).contains("bänkar"));
    // archive writes nothing to out/.
    assert!(!p.path().join("out").exists());
}

#[test]
fn archiving_again_is_a_no_op_and_different_bytes_are_refused() {
    let p = archived_project();
    let path = p.path().join("arkiv").join(TJANST_PDF);
    let before = std::fs::read(&path).unwrap();
    let manifest_before = std::fs::read(p.path().join("arkiv/manifest.json")).unwrap();

    let again = p.run(&["archive"]).ok();
    assert!(again.stderr.contains("redan arkiverad"), "{}", again.stderr);
    assert!(again.stderr.contains("0 nya filer"), "{}", again.stderr);
    assert_eq!(
        std::fs::read(p.path().join("arkiv/manifest.json")).unwrap(),
        manifest_before,
        "a no-op leaves the manifest as it was"
    );

    // The document changes after archiving: refused, and the archive is untouched.
    p.write(
        "content/arende.yaml",
        &tjanst("").replace("bänkar", "stolar"),
    );
    let refused = p.run(&["archive"]);
    assert_eq!(refused.code, 1, "{}", refused.stderr);
    assert!(
        refused
            .stderr
            .contains("redan arkiverad med ett annat innehåll"),
        "{}",
        refused.stderr
    );
    assert!(refused.stderr.contains("arende.yaml"), "{}", refused.stderr);
    assert_eq!(std::fs::read(&path).unwrap(), before);
    assert_eq!(
        std::fs::read(p.path().join("arkiv/manifest.json")).unwrap(),
        manifest_before
    );
    p.run(&["verify"]).ok();
}

#[test]
fn a_meeting_is_archived_by_year_and_diarienummer() {
    let p = Project::with_bundled_content();
    p.run(&["archive", "content/region-jh/sammantraden"]).ok();
    let all = entries(&p);
    let kinds: Vec<&str> = all
        .iter()
        .map(|e| e["dokumenttyp"].as_str().unwrap())
        .collect();
    for k in ["kallelse", "handlingar", "protokoll", "protokollsutdrag"] {
        assert!(kinds.contains(&k), "{kinds:?}");
    }
    // Meeting documents without an ärende are filed by nämnd.
    entry(
        &all,
        "2024/sammantraden/halso-och-sjukvardsnamnden/hsn-2024-12-18-protokoll.pdf",
    );
    // An utdrag is filed with its ärende.
    let utdrag = entry(&all, "2024/HSN-1798-2023/hsn-2024-12-18-utdrag-160.pdf");
    assert_eq!(utdrag["diarienummer"], "HSN/1798/2023");
}

#[test]
fn verify_finds_a_flipped_byte_a_missing_file_and_an_extra_file() {
    let p = Project::with_bundled_content();
    p.run(&["archive"]).ok();
    let ok = p.run(&["verify"]).ok();
    assert!(
        ok.stderr.contains("alla finns och stämmer"),
        "{}",
        ok.stderr
    );

    let arkiv = p.path().join("arkiv");
    let flipped = "2023/HSN-1798-2023/hsn-plan-och-budget-2024-tjansteskrivelse.pdf";
    let mut bytes = std::fs::read(arkiv.join(flipped)).unwrap();
    let mid = bytes.len() / 2;
    bytes[mid] ^= 0x01;
    std::fs::write(arkiv.join(flipped), &bytes).unwrap();
    let run = p.run(&["verify"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains(&format!("ÄNDRAD  {flipped}")),
        "{}",
        run.stderr
    );

    let missing = "2024/sammantraden/halso-och-sjukvardsnamnden/hsn-2024-12-18-kallelse.pdf";
    std::fs::remove_file(arkiv.join(missing)).unwrap();
    std::fs::write(arkiv.join("2024/okand.pdf"), b"%PDF-1.7").unwrap();
    let run = p.run(&["verify"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains(&format!("SAKNAS  {missing}")),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("OKÄND   2024/okand.pdf"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("3 avvikelser"), "{}", run.stderr);

    // Archiving again puts the missing file back (same bytes as the manifest says),
    // reports the damaged one and leaves it exactly as it is.
    let run = p.run(&["archive"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("återställd") && run.stderr.contains(missing),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(&format!(
            "{flipped} i arkivet stämmer inte längre med manifestet"
        )),
        "{}",
        run.stderr
    );
    assert_eq!(std::fs::read(arkiv.join(flipped)).unwrap(), bytes);
    let run = p.run(&["verify"]);
    assert!(!run.stderr.contains("SAKNAS"), "{}", run.stderr);
    assert!(run.stderr.contains("2 avvikelser"), "{}", run.stderr);
}

#[test]
fn an_archive_folder_from_the_command_line_or_kansli_yaml() {
    let p = Project::new();
    p.write("kansli.yaml", "arkiv: slutarkiv\n");
    p.write("content/arende.yaml", &tjanst(""));
    p.run(&["archive"]).ok();
    assert!(p.path().join("slutarkiv").join(TJANST_PDF).is_file());
    p.run(&["archive", "--arkiv", "annat"]).ok();
    assert!(p.path().join("annat").join(TJANST_PDF).is_file());
    p.run(&["verify", "--arkiv", "annat"]).ok();
}

#[test]
fn a_bad_document_does_not_stop_the_others_from_being_archived() {
    let p = Project::new();
    p.write("content/arende.yaml", &tjanst(""));
    p.write(
        "content/trasig.yaml",
        &tjanst("").replace("datum: 2024-03-14", "datum: 14 mars"),
    );
    let run = p.run(&["archive"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("trasig.yaml:3:8"), "{}", run.stderr);
    assert!(
        run.stderr.contains("1 av 2 dokument kunde inte byggas"),
        "{}",
        run.stderr
    );
    assert!(p.path().join("arkiv").join(TJANST_PDF).is_file());
}

#[test]
fn a_run_waits_for_the_lock_and_loses_nothing() {
    let p = Project::new();
    p.write("content/a.yaml", &tjanst(""));
    p.run(&["archive", "content/a.yaml"]).ok();
    let text = tjanst("").replace("HSN/17/2024", "HSN/101/2024");
    p.write("content/b.yaml", &text);
    // The test holds the archive's lock, as another kansli would: the run must wait
    // (and say so) instead of writing the manifest under the other's feet.
    let lock = std::fs::OpenOptions::new()
        .write(true)
        .open(p.path().join("arkiv/.kansli.lock"))
        .unwrap();
    lock.lock().unwrap();
    let dir = p.path().to_path_buf();
    let run = std::thread::spawn(move || run_in(&dir, &["archive", "content/b.yaml"], &[]));
    std::thread::sleep(std::time::Duration::from_millis(1500));
    assert!(!run.is_finished(), "archive did not wait for the lock");
    assert_eq!(entries(&p).len(), 1, "the manifest changed while locked");
    lock.unlock().unwrap();
    let run = run.join().unwrap().ok();
    assert!(
        run.stderr
            .contains("väntar: en annan kansli arbetar med arkivet"),
        "{}",
        run.stderr
    );
    assert_eq!(entries(&p).len(), 2, "{:#?}", entries(&p));
    p.run(&["verify"]).ok();
}

#[test]
fn parallel_runs_all_end_up_in_the_manifest() {
    let p = Project::new();
    let names: Vec<String> = (1..=6).map(|i| format!("arende{i}")).collect();
    for (i, n) in names.iter().enumerate() {
        let text = tjanst("").replace("HSN/17/2024", &format!("HSN/{}/2024", 100 + i));
        p.write(&format!("content/{n}.yaml"), &text);
    }
    let runs: Vec<_> = names
        .iter()
        .map(|n| {
            let dir = p.path().to_path_buf();
            let file = format!("content/{n}.yaml");
            std::thread::spawn(move || run_in(&dir, &["archive", &file], &[]))
        })
        .collect();
    for r in runs {
        r.join().unwrap().ok();
    }
    assert_eq!(entries(&p).len(), 6, "{:#?}", entries(&p));
    p.run(&["verify"]).ok();
}

// ---------------------------------------------------------------------------------
// Signed PDFs, made with pyHanko and the throw-away CA in tests/fixtures/signering.

pub(crate) fn sign(python: &Path, input: &Path, output: &Path) {
    sign_as(python, input, output, "");
}

/// `mode`: "" (PAdES B-B), "bt" (with a signature timestamp) or "lta" (with validation
/// data and a document timestamp after the signature).
pub(crate) fn sign_as(python: &Path, input: &Path, output: &Path, mode: &str) {
    let args: Vec<&str> = mode.split_whitespace().collect();
    sign_with(python, input, output, &args);
}

/// `args`: a mode of signera.py (see its docstring) and/or `falt=NAMN`.
pub(crate) fn sign_with(python: &Path, input: &Path, output: &Path, args: &[&str]) {
    let script = repo_root().join("tests/fixtures/signering/signera.py");
    let mut cmd = Command::new(python);
    cmd.arg(script).arg(input).arg(output).args(args);
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "signering misslyckades: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn a_signed_pdf_is_stored_beside_its_original() {
    let Some(python) = python_with_pyhanko() else {
        return;
    };
    let p = archived_project();
    let original = p.path().join("arkiv").join(TJANST_PDF);
    let original_bytes = std::fs::read(&original).unwrap();
    let signed = p.path().join("fran-signeringstjansten.pdf");
    sign(&python, &original, &signed);

    let run = p
        .run(&["archive", "--signed", "fran-signeringstjansten.pdf"])
        .ok();
    assert!(
        run.stderr.contains("signerad av Test Testsson"),
        "{}",
        run.stderr
    );
    let signed_fil = "2024/HSN-17-2024/arende-tjansteskrivelse-signerad.pdf";
    let all = entries(&p);
    let e = entry(&all, signed_fil);
    assert_eq!(e["original"], TJANST_PDF);
    assert_eq!(e["signatur"]["undertecknare"], "Test Testsson");
    assert_eq!(e["signatur"]["utfärdare"], "Test Root CA");
    assert_eq!(e["signatur"]["subfilter"], "ETSI.CAdES.detached");
    assert_eq!(e["diarienummer"], "HSN/17/2024");
    assert_eq!(
        std::fs::read(p.path().join("arkiv").join(signed_fil)).unwrap(),
        std::fs::read(&signed).unwrap()
    );
    // The original is untouched, and the archive checks out.
    assert_eq!(std::fs::read(&original).unwrap(), original_bytes);
    p.run(&["verify"]).ok();
    // Receiving the same file again changes nothing.
    let again = p
        .run(&["archive", "--signed", "fran-signeringstjansten.pdf"])
        .ok();
    assert!(again.stderr.contains("redan arkiverad"), "{}", again.stderr);
    assert_eq!(entries(&p).len(), 2);
}

#[test]
fn a_signed_pdf_of_something_never_archived_is_refused() {
    let Some(python) = python_with_pyhanko() else {
        return;
    };
    let p = archived_project();
    // Another document, built but not archived, then signed.
    let other = Project::new();
    other.write(
        "content/annat.yaml",
        &tjanst("").replace("bänkar", "lampor"),
    );
    other.run(&["build"]).ok();
    let signed = p.path().join("okand-signerad.pdf");
    sign(&python, &other.path().join("out/annat.pdf"), &signed);
    let manifest_before = std::fs::read(p.path().join("arkiv/manifest.json")).unwrap();
    let run = p.run(&["archive", "--signed", "okand-signerad.pdf"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("bygger inte på något arkiverat dokument"),
        "{}",
        run.stderr
    );
    assert_eq!(
        std::fs::read(p.path().join("arkiv/manifest.json")).unwrap(),
        manifest_before
    );
}

#[test]
fn an_appendix_without_a_valid_signature_is_refused() {
    let Some(python) = python_with_pyhanko() else {
        return;
    };
    let p = archived_project();
    let original = p.path().join("arkiv").join(TJANST_PDF);
    let original_bytes = std::fs::read(&original).unwrap();

    // Bytes appended, but no signature.
    let mut unsigned = original_bytes.clone();
    unsigned.extend_from_slice(b"\n% tillagt utan signatur\n");
    std::fs::write(p.path().join("osignerad.pdf"), &unsigned).unwrap();
    let run = p.run(&["archive", "--signed", "osignerad.pdf"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("ingen signatur"), "{}", run.stderr);

    // Signed, then a byte of the signed content changed: the digest no longer matches.
    let signed = p.path().join("signerad.pdf");
    sign(&python, &original, &signed);
    let mut bytes = std::fs::read(&signed).unwrap();
    // The trailer's `%%EOF` lies in the signed range after the signature value.
    let i = bytes.len() - 4;
    assert_eq!(bytes[i], b'E', "expected the file to end in %%EOF");
    bytes[i] ^= 0x20;
    std::fs::write(p.path().join("manipulerad.pdf"), &bytes).unwrap();
    let run = p.run(&["archive", "--signed", "manipulerad.pdf"]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr
            .contains("stämmer inte med det signerade innehållet"),
        "{}",
        run.stderr
    );
    assert_eq!(entries(&p).len(), 1);
}

#[test]
fn timestamped_and_long_term_signatures_are_accepted() {
    let Some(python) = python_with_pyhanko() else {
        return;
    };
    let p = archived_project();
    let original = p.path().join("arkiv").join(TJANST_PDF);
    sign_as(&python, &original, &p.path().join("bt.pdf"), "bt");
    sign_as(&python, &original, &p.path().join("lta.pdf"), "lta");
    p.run(&["archive", "--signed", "bt.pdf"]).ok();
    let run = p.run(&["archive", "--signed", "lta.pdf"]).ok();
    assert!(
        run.stderr.contains("signerad av Test Testsson"),
        "{}",
        run.stderr
    );
    let all = entries(&p);
    let bt = entry(
        &all,
        "2024/HSN-17-2024/arende-tjansteskrivelse-signerad.pdf",
    );
    assert!(bt["signatur"]["tidsstämpel"].as_str().is_some(), "{bt}");
    let lta = entry(
        &all,
        "2024/HSN-17-2024/arende-tjansteskrivelse-signerad-2.pdf",
    );
    assert_eq!(lta["original"], TJANST_PDF);
    assert!(
        lta["signatur"]["dokumenttidsstämpel"].as_str().is_some(),
        "{lta}"
    );
    assert_eq!(lta["signatur"]["antal_signaturer"], 2);
    p.run(&["verify"]).ok();

    // Validation data after the last timestamp is fine; anything else unsigned is not.
    // (A second signing of the original, so that it is not archived itself.)
    sign_as(&python, &original, &p.path().join("lta2.pdf"), "lta");
    let mut bytes = std::fs::read(p.path().join("lta2.pdf")).unwrap();
    let page_change = b"\n1 0 obj\n<< /Type /Catalog >>\nendobj\n";
    bytes.extend_from_slice(page_change);
    std::fs::write(p.path().join("lta-tillagt.pdf"), &bytes).unwrap();
    let run = p.run(&["archive", "--signed", "lta-tillagt.pdf"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("täcks inte av någon signatur"),
        "{}",
        run.stderr
    );

    // A proper incremental update after the timestamp that changes the first page.
    let signed = std::fs::read(p.path().join("lta2.pdf")).unwrap();
    let doc = lopdf::Document::load_mem(&signed).unwrap();
    let page = *doc.get_pages().values().next().unwrap();
    let root = doc.trailer.get(b"Root").unwrap().as_reference().unwrap();
    let size = doc.trailer.get(b"Size").unwrap().as_i64().unwrap();
    let text = String::from_utf8_lossy(&signed).into_owned();
    let prev = text
        .rsplit("startxref")
        .next()
        .unwrap()
        .split_whitespace()
        .next()
        .unwrap()
        .to_string();
    let mut changed = signed.clone();
    let obj_at = changed.len() + 1;
    changed.extend_from_slice(
        format!("\n{} {} obj\n<< /Type /Page >>\nendobj\n", page.0, page.1).as_bytes(),
    );
    let xref_at = changed.len();
    changed.extend_from_slice(
        format!(
            "xref\n0 1\n0000000000 65535 f \n{} 1\n{obj_at:010} {:05} n \ntrailer\n<< /Size {size} /Root {} {} R /Prev {prev} >>\nstartxref\n{xref_at}\n%%EOF\n",
            page.0, page.1, root.0, root.1
        )
        .as_bytes(),
    );
    std::fs::write(p.path().join("lta-sida.pdf"), &changed).unwrap();
    let run = p.run(&["archive", "--signed", "lta-sida.pdf"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains(&format!("objekt {} {} (sida 1", page.0, page.1)),
        "{}",
        run.stderr
    );
}

// ---------------------------------------------------------------------------------
// Signature verdicts (issue 16): pyHanko is the oracle on the same files.

/// pyHanko's verdict on each signature of `pdf` (tests/fixtures/signering/pruva.py),
/// with the test CA as the only trust anchor.
pub(crate) fn pyhanko_verdicts(python: &Path, pdf: &Path) -> Vec<serde_json::Value> {
    let dir = repo_root().join("tests/fixtures/signering");
    let out = Command::new(python)
        .arg(dir.join("pruva.py"))
        .arg(pdf)
        .arg(dir.join("ca.crt"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "pruva.py: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// An archived tjänsteskrivelse in a project that trusts the test CA.
pub(crate) fn trusted_project() -> Project {
    let p = Project::new();
    p.write(
        "certs/ca.pem",
        &std::fs::read_to_string(repo_root().join("tests/fixtures/signering/ca.crt")).unwrap(),
    );
    p.write("kansli.yaml", "förtroende: [certs/ca.pem]\n");
    p.write("content/arende.yaml", &tjanst(""));
    p.run(&["archive"]).ok();
    p
}

pub(crate) fn archive_files(p: &Project) -> Vec<String> {
    let mut out: Vec<String> = walkdir::WalkDir::new(p.path().join("arkiv"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.path().display().to_string())
        .collect();
    out.sort();
    out
}

#[test]
fn signature_verdicts_agree_with_pyhanko() {
    let Some(python) = python_with_pyhanko() else {
        return;
    };
    let p = trusted_project();
    let original = p.path().join("arkiv").join(TJANST_PDF);
    // (mode, expected giltig, expected betrodd): the expectations are pyHanko's, checked
    // below; written out so that the test says what each case is.
    let cases = [
        ("", true, true),
        ("bt", true, true),
        ("lta", true, true),
        ("fel-signatur", false, false),
        ("fel-tidsstampel", false, false),
        ("okand-ca", true, false),
        ("utgangen", false, false),
        ("utgangen-bt", true, true),
    ];
    for (mode, giltig, betrodd) in cases {
        let name = format!("signerad-{}.pdf", if mode.is_empty() { "bb" } else { mode });
        let signed = p.path().join(&name);
        sign_as(&python, &original, &signed, mode);
        let oracle = pyhanko_verdicts(&python, &signed);
        let oracle_giltig = oracle.iter().all(|s| s["giltig"] == true);
        let oracle_betrodd = oracle.iter().all(|s| s["betrodd"] == true);
        assert_eq!(
            (oracle_giltig, oracle_betrodd),
            (giltig, betrodd),
            "{mode}: pyHanko says {oracle:?}"
        );
        let manifest_before = std::fs::read(p.path().join("arkiv/manifest.json")).unwrap();
        let files_before = archive_files(&p);
        let run = p.run(&["archive", "--signed", &name]);
        if !giltig {
            assert_eq!(run.code, 1, "{mode}: {}", run.stderr);
            assert!(
                run.stderr.contains(&format!("{name}: fel:"))
                    && run.stderr.contains("är inte giltig")
                    && run.stderr.contains("inget arkiverat"),
                "{mode}: {}",
                run.stderr
            );
            assert_eq!(
                std::fs::read(p.path().join("arkiv/manifest.json")).unwrap(),
                manifest_before,
                "{mode}: nothing written"
            );
            assert_eq!(archive_files(&p), files_before, "{mode}: nothing written");
            continue;
        }
        assert_eq!(run.code, 0, "{mode}: {}", run.stderr);
        assert_eq!(
            run.stderr.contains("varning:") && run.stderr.contains("inte betrodd"),
            !betrodd,
            "{mode}: {}",
            run.stderr
        );
        let m = manifest(&p);
        assert_eq!(m["version"], 2);
        let all = m["filer"].as_array().unwrap();
        let e = all
            .iter()
            .find(|e| e["sha256"] == sha256_of(&signed))
            .unwrap_or_else(|| panic!("{mode}: not in the manifest: {all:#?}"));
        let sigs = e["signaturer"].as_array().unwrap();
        assert_eq!(sigs.len(), oracle.len(), "{mode}: {e:#}");
        for (ours, theirs) in sigs.iter().zip(&oracle) {
            assert_eq!(ours["typ"], theirs["typ"], "{mode}");
            assert_eq!(
                ours["giltig"], theirs["giltig"],
                "{mode}: {ours:#} vs {theirs}"
            );
            assert_eq!(
                ours["betrodd"], theirs["betrodd"],
                "{mode}: {ours:#} vs {theirs}"
            );
            assert_eq!(ours["spärrkontroll"], "ej gjord", "{mode}");
            assert!(ours["valideringstid"].is_string(), "{mode}");
        }
        let sig = &sigs[0];
        match mode {
            "" => {
                assert_eq!(
                    sig["kedja"],
                    serde_json::json!(["Test Testsson", "Test Root CA"])
                );
                assert!(sig["tidsstämpel"].is_null(), "{sig:#}");
                assert!(sig["signeringstid"].is_string(), "{sig:#}");
            }
            "bt" | "utgangen-bt" => {
                let t = sig["tidsstämpel"].as_str().unwrap();
                // The signer is judged at the timestamp's time.
                assert_eq!(sig["valideringstid"].as_str().unwrap(), t, "{sig:#}");
                if mode == "utgangen-bt" {
                    assert!(t.starts_with("2026-11-25T12:00:00"), "{sig:#}");
                }
            }
            "lta" => {
                assert_eq!(sigs[1]["typ"], "dokumenttidsstämpel");
                assert_eq!(sigs[1]["undertecknare"], "Test TSA");
            }
            "okand-ca" => {
                assert_eq!(sig["kedja"][0], "Okänd Undertecknare");
                let why = sig["skäl"].as_array().unwrap();
                assert!(!why.is_empty(), "{sig:#}");
            }
            _ => {}
        }
    }
    // Every archived signature is re-validated by verify.
    let run = p.run(&["verify"]).ok();
    assert!(run.stderr.contains("5 signerade"), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("signaturen av Okänd Undertecknare är giltig men inte betrodd"),
        "{}",
        run.stderr
    );
}

pub(crate) fn sha256_of(path: &Path) -> String {
    use sha2::Digest as _;
    format!("{:x}", sha2::Sha256::digest(std::fs::read(path).unwrap()))
}

#[test]
fn verify_re_validates_signatures_and_reads_version_1() {
    let Some(python) = python_with_pyhanko() else {
        return;
    };
    let p = trusted_project();
    let original = p.path().join("arkiv").join(TJANST_PDF);
    sign(&python, &original, &p.path().join("s.pdf"));
    p.run(&["archive", "--signed", "s.pdf"]).ok();
    let signed_fil = "2024/HSN-17-2024/arende-tjansteskrivelse-signerad.pdf";
    p.run(&["verify"]).ok();

    // The anchor is withdrawn: what the manifest vouches for no longer holds.
    p.write("kansli.yaml", "förtroende: []\n");
    let run = p.run(&["verify"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(&format!("SIGNATUR {signed_fil}"))
            && run.stderr.contains("inte längre betrodd"),
        "{}",
        run.stderr
    );

    // A version-1 manifest (no `signaturer`, signatures never verified) is read by
    // verify, which now verifies them, and by archive, which then writes version 2.
    p.write("kansli.yaml", "förtroende: [certs/ca.pem]\n");
    let mut m = manifest(&p);
    m["version"] = 1.into();
    for e in m["filer"].as_array_mut().unwrap() {
        e.as_object_mut().unwrap().remove("signaturer");
    }
    p.write(
        "arkiv/manifest.json",
        &serde_json::to_string_pretty(&m).unwrap(),
    );
    let run = p.run(&["verify"]).ok();
    assert!(run.stderr.contains("1 signerade"), "{}", run.stderr);

    // A forged signature that an older kansli recorded as signed: verify says so.
    let forged = p.path().join("forged.pdf");
    sign_as(&python, &original, &forged, "fel-signatur");
    let bytes = std::fs::read(&forged).unwrap();
    let forged_fil = "2024/HSN-17-2024/arende-tjansteskrivelse-signerad-2.pdf";
    std::fs::write(p.path().join("arkiv").join(forged_fil), &bytes).unwrap();
    let mut forged_entry = entry(m["filer"].as_array().unwrap(), signed_fil).clone();
    forged_entry["fil"] = forged_fil.into();
    forged_entry["sha256"] = sha256_of(&forged).into();
    forged_entry["storlek"] = bytes.len().into();
    m["filer"].as_array_mut().unwrap().push(forged_entry);
    p.write(
        "arkiv/manifest.json",
        &serde_json::to_string_pretty(&m).unwrap(),
    );
    let run = p.run(&["verify"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(&format!("SIGNATUR {forged_fil}"))
            && run
                .stderr
                .contains("signaturen av Test Testsson är inte giltig")
            && run
                .stderr
                .contains("signaturvärdet stämmer inte med nyckeln"),
        "{}",
        run.stderr
    );
    assert!(
        !run.stderr.contains(&format!("SIGNATUR {signed_fil}")),
        "{}",
        run.stderr
    );

    // archive reads the version-1 manifest and writes version 2, keeping every entry.
    std::fs::remove_file(p.path().join("arkiv").join(forged_fil)).unwrap();
    let mut m = manifest(&p);
    m["filer"]
        .as_array_mut()
        .unwrap()
        .retain(|e| e["fil"] != forged_fil);
    p.write(
        "arkiv/manifest.json",
        &serde_json::to_string_pretty(&m).unwrap(),
    );
    p.write(
        "content/annat.yaml",
        &tjanst("").replace("HSN/17/2024", "HSN/18/2024"),
    );
    p.run(&["archive"]).ok();
    let m = manifest(&p);
    assert_eq!(m["version"], 2);
    assert_eq!(m["filer"].as_array().unwrap().len(), 3, "{m:#}");
    p.run(&["verify"]).ok();
}

#[test]
fn a_rewritten_signed_file_is_refused_with_what_to_ask_for() {
    let Some(python) = python_with_pyhanko() else {
        return;
    };
    let p = trusted_project();
    let original = p.path().join("arkiv").join(TJANST_PDF);
    // The signing service rewrites the whole file (here: qpdf) before signing.
    let rewritten = p.path().join("omskriven.pdf");
    let out = Command::new("qpdf")
        .arg(&original)
        .arg(&rewritten)
        .output()
        .expect("qpdf");
    assert!(out.status.success());
    sign(
        &python,
        &rewritten,
        &p.path().join("omskriven-signerad.pdf"),
    );
    let manifest_before = std::fs::read(p.path().join("arkiv/manifest.json")).unwrap();
    let run = p.run(&["archive", "--signed", "omskriven-signerad.pdf"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains(&format!("signerad kopia av {TJANST_PDF}"))
            && run.stderr.contains("skrivit om i sin helhet")
            && run.stderr.contains(
                "PAdES-signatur som läggs till originalet som en inkrementell uppdatering"
            ),
        "{}",
        run.stderr
    );
    assert_eq!(
        std::fs::read(p.path().join("arkiv/manifest.json")).unwrap(),
        manifest_before
    );
}

#[test]
fn a_bad_trust_anchor_is_reported_with_its_line() {
    let p = Project::new();
    p.write("kansli.yaml", "förtroende:\n  - certs/finns-inte.pem\n");
    p.write("x.pdf", "%PDF-1.7\n");
    let run = p.run(&["archive", "--signed", "x.pdf"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr.contains("kansli.yaml:2:5")
            && run.stderr.contains("förtroende[0]")
            && run.stderr.contains("certs/finns-inte.pem"),
        "{}",
        run.stderr
    );
}

/// After a build, the archive takes the unchanged PDFs from out/ instead of typesetting
/// them again, but only bytes that still hash to what the build recorded: a PDF altered
/// in out/ is made again, and what is archived is the document, not the altered file.
#[test]
fn the_archive_reuses_what_the_last_build_made_and_checks_it() {
    let p = Project::new();
    p.write("content/arende.yaml", &tjanst(""));
    p.write(
        "content/annat.yaml",
        &tjanst("").replace("HSN/17/2024", "HSN/18/2024"),
    );
    p.run(&["build"]).ok();
    let built = std::fs::read(p.path().join("out/arende.pdf")).unwrap();
    // One output altered after the build (the other left as it was).
    let other = p.path().join("out/annat.pdf");
    let mut altered = std::fs::read(&other).unwrap();
    let clean_other = altered.clone();
    altered.extend_from_slice(b"\n% tillagt efter bygget\n");
    std::fs::write(&other, &altered).unwrap();

    let run = p.run(&["archive"]).ok();
    assert!(
        run.stderr.contains("1 oförändrade PDF-filer togs från out"),
        "{}",
        run.stderr
    );
    assert_eq!(
        std::fs::read(p.path().join("arkiv").join(TJANST_PDF)).unwrap(),
        built
    );
    let all = entries(&p);
    let annat = all
        .iter()
        .find(|e| e["fil"].as_str().unwrap().contains("HSN-18-2024"))
        .unwrap_or_else(|| panic!("{all:#?}"));
    let stored =
        std::fs::read(p.path().join("arkiv").join(annat["fil"].as_str().unwrap())).unwrap();
    assert_eq!(stored, clean_other, "the altered file in out/ was archived");
    p.run(&["verify"]).ok();

    // Without a build (no cache), everything is typeset; the bytes are the same.
    let fresh = Project::new();
    fresh.write("content/arende.yaml", &tjanst(""));
    let run = fresh.run(&["archive"]).ok();
    assert!(!run.stderr.contains("oförändrade"), "{}", run.stderr);
    assert_eq!(
        std::fs::read(fresh.path().join("arkiv").join(TJANST_PDF)).unwrap(),
        built
    );
}
