//! Hostile and broken input to the archive and the signed intake (issue 18, items 1–5
//! and 7 for signed files): each test builds the hostile input itself and asserts the
//! exact outcome, including that nothing was written.

use std::process::Command;

use crate::archive::{
    TJANST_PDF, archive_files, archived_project, entries, manifest, pyhanko_verdicts,
    python_with_pyhanko, sign, trusted_project,
};
use crate::common::*;

/// The byte range `[a, b)` of the last `/ByteRange`'s gap (the `<…>` hex string).
fn last_gap(pdf: &[u8]) -> (usize, usize) {
    let text = String::from_utf8_lossy(pdf);
    let at = text.rfind("/ByteRange").unwrap();
    let rest = &text[at..];
    let open = rest.find('[').unwrap();
    let close = rest.find(']').unwrap();
    let nums: Vec<usize> = rest[open + 1..close]
        .split_whitespace()
        .map(|n| n.parse().unwrap())
        .collect();
    (nums[1], nums[2])
}

/// Appends an incremental update with a classic cross-reference section: `objects`
/// (number, generation, body after `N G obj`), `free` entries (number, next
/// generation), and the trailer with /Root, /Size and /Prev of the file plus `extra`.
fn append_update(
    file: &[u8],
    objects: &[(u32, u16, Vec<u8>)],
    free: &[(u32, u16)],
    extra: &str,
) -> Vec<u8> {
    let doc = lopdf::Document::load_mem(file).unwrap();
    let root = doc.trailer.get(b"Root").unwrap().as_reference().unwrap();
    let mut size = doc.trailer.get(b"Size").unwrap().as_i64().unwrap() as u32;
    let text = String::from_utf8_lossy(file);
    let prev: usize = text
        .rsplit("startxref")
        .next()
        .unwrap()
        .split_whitespace()
        .next()
        .unwrap()
        .parse()
        .unwrap();
    let mut out = file.to_vec();
    if !out.ends_with(b"\n") {
        out.push(b'\n');
    }
    let mut entries: Vec<(u32, String)> = Vec::new();
    for (num, generation, body) in objects {
        let at = out.len();
        out.extend_from_slice(format!("{num} {generation} obj\n").as_bytes());
        out.extend_from_slice(body);
        out.extend_from_slice(b"\nendobj\n");
        entries.push((*num, format!("{at:010} {generation:05} n \n")));
        size = size.max(num + 1);
    }
    for (num, generation) in free {
        entries.push((*num, format!("0000000000 {generation:05} f \n")));
        size = size.max(num + 1);
    }
    entries.sort();
    let xref_at = out.len();
    let mut xref = String::from("xref\n");
    for (num, line) in &entries {
        xref.push_str(&format!("{num} 1\n{line}"));
    }
    xref.push_str(&format!(
        "trailer\n<< /Size {size} /Root {} {} R /Prev {prev} {extra} >>\nstartxref\n{xref_at}\n%%EOF\n",
        root.0, root.1
    ));
    out.extend_from_slice(xref.as_bytes());
    out
}

/// The manifest and the archive's files, to show that a refusal wrote nothing.
fn snapshot(p: &Project) -> (Vec<u8>, Vec<String>) {
    (
        std::fs::read(p.path().join("arkiv/manifest.json")).unwrap(),
        archive_files(p),
    )
}

#[track_caller]
fn refused(p: &Project, file: &str, fragments: &[&str]) -> String {
    let before = snapshot(p);
    let run = p.run(&["archive", "--signed", file]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains(&format!("{file}: fel:")), "{}", run.stderr);
    for f in fragments {
        assert!(run.stderr.contains(f), "väntade {f:?}:\n{}", run.stderr);
    }
    assert_eq!(snapshot(p), before, "nothing may be written");
    run.stderr
}

// ---------------------------------------------------------------------------------
// Item 2: a file that is not really signed.

#[test]
fn random_bytes_as_the_signature_value_are_refused() {
    let Some(python) = python_with_pyhanko() else {
        return;
    };
    let p = trusted_project();
    let original = p.path().join("arkiv").join(TJANST_PDF);
    sign(&python, &original, &p.path().join("s.pdf"));
    let mut bytes = std::fs::read(p.path().join("s.pdf")).unwrap();
    let (a, b) = last_gap(&bytes);
    let mut x: u32 = 12345;
    for c in &mut bytes[a + 1..b - 1] {
        x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
        *c = b"0123456789abcdef"[(x >> 16) as usize % 16];
    }
    p.write_bytes("slump.pdf", &bytes);
    refused(
        &p,
        "slump.pdf",
        &["går inte att läsa som en CMS-signatur", "inget arkiverat"],
    );
}

#[test]
fn an_unsigned_copy_is_refused() {
    let p = trusted_project();
    let original = std::fs::read(p.path().join("arkiv").join(TJANST_PDF)).unwrap();
    // The archived original itself.
    p.write_bytes("kopia.pdf", &original);
    refused(
        &p,
        "kopia.pdf",
        &["identisk med det arkiverade originalet", "ingen signatur"],
    );
    // The original with an unsigned incremental update (a new /Info).
    let updated = append_update(
        &original,
        &[(900, 0, b"<< /Title (Andrad) >>".to_vec())],
        &[],
        "/Info 900 0 R",
    );
    p.write_bytes("uppdaterad.pdf", &updated);
    refused(&p, "uppdaterad.pdf", &["ingen signatur"]);
}

#[test]
fn a_signature_over_other_bytes_is_refused() {
    let Some(python) = python_with_pyhanko() else {
        return;
    };
    let p = trusted_project();
    let original = p.path().join("arkiv").join(TJANST_PDF);
    sign(&python, &original, &p.path().join("a.pdf"));
    // A genuine signature by the same signer, over another document.
    let other = Project::new();
    other.write(
        "content/annat.yaml",
        &tjanst("").replace("bänkar", "lampor"),
    );
    other.run(&["build"]).ok();
    sign(&python, &other.path().join("out/annat.pdf"), &p.path().join("b.pdf"));
    let mut a = std::fs::read(p.path().join("a.pdf")).unwrap();
    let b = std::fs::read(p.path().join("b.pdf")).unwrap();
    let (a0, a1) = last_gap(&a);
    let (b0, b1) = last_gap(&b);
    assert_eq!(a1 - a0, b1 - b0, "pyHanko reserves the same room");
    a[a0..a1].copy_from_slice(&b[b0..b1]);
    p.write_bytes("lanad.pdf", &a);
    let oracle = pyhanko_verdicts(&python, &p.path().join("lanad.pdf"));
    assert_eq!(oracle[0]["giltig"], false, "{oracle:?}");
    refused(
        &p,
        "lanad.pdf",
        &["signaturen av Test Testsson är inte giltig", "messageDigest"],
    );
}

// ---------------------------------------------------------------------------------
// Item 3: paths from the manifest.

fn set_fil(p: &Project, index: usize, fil: &str) {
    let mut m = manifest(p);
    m["filer"][index]["fil"] = fil.into();
    p.write(
        "arkiv/manifest.json",
        &serde_json::to_string_pretty(&m).unwrap(),
    );
}

#[test]
fn a_manifest_path_outside_the_archive_is_never_used() {
    let p = archived_project();
    let arkiv = p.path().join("arkiv");
    let bytes = std::fs::read(arkiv.join(TJANST_PDF)).unwrap();

    // `..`: archive would restore the "missing" file outside the archive.
    std::fs::remove_file(arkiv.join(TJANST_PDF)).unwrap();
    set_fil(&p, 0, "../utanfor.pdf");
    let run = p.run(&["archive"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("filer[0].fil = \"../utanfor.pdf\"")
            && run.stderr.contains("sökvägen innehåller ..")
            && run.stderr.contains("inget läses eller skrivs"),
        "{}",
        run.stderr
    );
    assert!(!p.path().join("utanfor.pdf").exists());
    assert!(!arkiv.join(TJANST_PDF).exists());

    // Absolute: verify would read a file outside and call it fine.
    let outside = tempfile::tempdir().unwrap();
    let abs = outside.path().join("kopia.pdf");
    std::fs::write(&abs, &bytes).unwrap();
    set_fil(&p, 0, abs.to_str().unwrap());
    let run = p.run(&["verify"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains("filer[0].fil") && run.stderr.contains("sökvägen är absolut"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("alla finns och stämmer"), "{}", run.stderr);

    // `--signed` with a byte-identical copy of a listed file would restore it there.
    let run = p.run(&["archive", "--signed", abs.to_str().unwrap()]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("sökvägen är absolut"), "{}", run.stderr);

    // A path through a symbolic link inside the archive.
    #[cfg(unix)]
    {
        std::fs::create_dir_all(arkiv.join("2024")).unwrap();
        std::os::unix::fs::symlink(outside.path(), arkiv.join("2024/lank")).unwrap();
        set_fil(&p, 0, "2024/lank/kopia.pdf");
        let run = p.run(&["verify"]);
        assert_eq!(run.code, 1, "{}", run.stderr);
        assert!(
            run.stderr.contains("går via en symbolisk länk"),
            "{}",
            run.stderr
        );
        assert!(!run.stderr.contains("alla finns och stämmer"), "{}", run.stderr);
    }
}

// ---------------------------------------------------------------------------------
// Item 4: names unique per document.

#[test]
fn two_nämnder_meeting_the_same_day_get_their_own_names() {
    let p = Project::with_bundled_content();
    let meeting =
        std::fs::read_to_string(p.path().join("content/region-jh/sammantraden/hsn-2024-12-18.yaml"))
            .unwrap();
    // Another nämnd, same day, same file name (another folder at the same depth, so
    // that its ärende paths still resolve).
    p.write(
        "content/region-jh/rn/hsn-2024-12-18.yaml",
        &meeting.replace(
            "nämnd: Hälso- och sjukvårdsnämnden",
            "nämnd: Regionala nämnden",
        ),
    );
    let run = p
        .run(&[
            "archive",
            "content/region-jh/sammantraden",
            "content/region-jh/rn",
        ])
        .ok();
    // Nothing refused as "already archived with other content"; the utdrag of the same
    // ärenden from both meetings also get names of their own.
    assert!(!run.stderr.contains("redan arkiverad med"), "{}", run.stderr);
    assert!(run.stderr.contains("12 nya filer i arkivet arkiv, 0 redan arkiverade"), "{}", run.stderr);
    let all = entries(&p);
    for folder in ["halso-och-sjukvardsnamnden", "regionala-namnden"] {
        let fil = format!("2024/sammantraden/{folder}/hsn-2024-12-18-protokoll.pdf");
        assert!(all.iter().any(|e| e["fil"] == fil.as_str()), "{fil}: {all:#?}");
    }
    // Archiving again changes nothing.
    let again = p
        .run(&[
            "archive",
            "content/region-jh/sammantraden",
            "content/region-jh/rn",
        ])
        .ok();
    assert!(again.stderr.contains("0 nya filer"), "{}", again.stderr);
    p.run(&["verify"]).ok();
}

#[test]
fn two_reports_without_dnr_get_their_own_names() {
    let p = Project::with_bundled_content();
    let report = std::fs::read_to_string(
        p.path()
            .join("content/region-jh/rapporter/hsn-manadsrapport-november-2024.yaml"),
    )
    .unwrap();
    let without_dnr: String = report
        .lines()
        .filter(|l| !l.starts_with("diarienummer:"))
        .map(|l| format!("{l}\n"))
        .collect();
    p.write("content/a/rapport.yaml", &without_dnr);
    p.write(
        "content/b/rapport.yaml",
        &without_dnr.replace("månadsrapport november 2024", "månadsrapport december 2024"),
    );
    let run = p.run(&["archive", "content/a", "content/b"]).ok();
    assert!(run.stderr.contains("2 nya filer"), "{}", run.stderr);
    let usual = "2024/utan-diarienummer/halso-och-sjukvardsnamnden/rapport-rapport.pdf";
    assert!(
        run.stderr.contains(&format!(
            "{usual} är redan ett annat dokuments namn i arkivet"
        )),
        "{}",
        run.stderr
    );
    let all = entries(&p);
    let a = all.iter().find(|e| e["källa"] == "content/a/rapport.yaml").unwrap();
    let b = all.iter().find(|e| e["källa"] == "content/b/rapport.yaml").unwrap();
    assert_eq!(a["fil"], usual);
    assert_ne!(a["fil"], b["fil"]);
    // Each keeps its name: archiving again is a no-op, and a changed report is refused
    // as a change of itself, not as a collision with the other.
    let again = p.run(&["archive", "content/a", "content/b"]).ok();
    assert!(again.stderr.contains(", 2 redan arkiverade"), "{}", again.stderr);
    assert!(again.stderr.contains("0 nya filer"), "{}", again.stderr);
    p.write(
        "content/b/rapport.yaml",
        &without_dnr.replace("månadsrapport november 2024", "månadsrapport januari 2025"),
    );
    let changed = p.run(&["archive", "content/b"]);
    assert_eq!(changed.code, 1, "{}", changed.stderr);
    assert!(
        changed.stderr.contains(&format!(
            "{} är redan arkiverad med ett annat innehåll",
            b["fil"].as_str().unwrap()
        )),
        "{}",
        changed.stderr
    );
}

#[test]
fn documents_archived_under_the_old_names_keep_them() {
    let p = Project::with_bundled_content();
    p.run(&["archive", "content/region-jh/sammantraden"]).ok();
    // Make it an archive of an earlier kansli: meeting documents without Dnr directly
    // under sammantraden/, manifest version 1.
    let arkiv = p.path().join("arkiv");
    let mut m = manifest(&p);
    m["version"] = 1.into();
    let mut moved = 0;
    for e in m["filer"].as_array_mut().unwrap() {
        let fil = e["fil"].as_str().unwrap().to_string();
        if let Some(rest) = fil.strip_prefix("2024/sammantraden/halso-och-sjukvardsnamnden/") {
            let old = format!("2024/sammantraden/{rest}");
            std::fs::rename(arkiv.join(&fil), arkiv.join(&old)).unwrap();
            e["fil"] = old.into();
            moved += 1;
        }
    }
    assert!(moved >= 3, "{m:#}");
    std::fs::remove_dir(arkiv.join("2024/sammantraden/halso-och-sjukvardsnamnden")).unwrap();
    p.write(
        "arkiv/manifest.json",
        &serde_json::to_string_pretty(&m).unwrap(),
    );
    let run = p.run(&["archive", "content/region-jh/sammantraden"]).ok();
    assert!(run.stderr.contains("0 nya filer"), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("redan arkiverad content/region-jh/sammantraden/hsn-2024-12-18.yaml → 2024/sammantraden/hsn-2024-12-18-protokoll.pdf"),
        "{}",
        run.stderr
    );
    assert!(!arkiv.join("2024/sammantraden/halso-och-sjukvardsnamnden").exists());
    p.run(&["verify"]).ok();
}

// ---------------------------------------------------------------------------------
// Item 5: permissions and leftovers.

#[cfg(unix)]
#[test]
fn archive_files_get_the_umask_mode() {
    use std::os::unix::fs::PermissionsExt as _;
    let p = Project::new();
    p.write("content/arende.yaml", &tjanst(""));
    let out = Command::new("sh")
        .current_dir(p.path())
        .env("NO_COLOR", "1")
        .args(["-c", "umask 022 && exec \"$0\" archive"])
        .arg(env!("CARGO_BIN_EXE_kansli"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    for f in [TJANST_PDF, "manifest.json"] {
        let mode = std::fs::metadata(p.path().join("arkiv").join(f))
            .unwrap()
            .permissions()
            .mode()
            & 0o777;
        assert_eq!(mode, 0o644, "{f}: {mode:o}");
    }
}

#[test]
fn stale_temporary_files_are_ignored_by_verify_and_removed_by_archive() {
    let p = archived_project();
    let tmp = p.path().join("arkiv/2024/HSN-17-2024/.kansli-Ab12Cd.tmp");
    std::fs::write(&tmp, b"halv PDF").unwrap();
    let run = p.run(&["verify"]).ok();
    assert!(
        run.stderr.contains("2024/HSN-17-2024/.kansli-Ab12Cd.tmp: en tillfällig fil kvar")
            && run.stderr.contains("alla finns och stämmer"),
        "{}",
        run.stderr
    );
    assert!(tmp.exists(), "verify only reads");
    let run = p.run(&["archive"]).ok();
    assert!(
        run.stderr
            .contains("OBS: tog bort 2024/HSN-17-2024/.kansli-Ab12Cd.tmp"),
        "{}",
        run.stderr
    );
    assert!(!tmp.exists());
    let run = p.run(&["verify"]).ok();
    assert!(!run.stderr.contains("tillfällig"), "{}", run.stderr);
}

// ---------------------------------------------------------------------------------
// Item 7 (signed files): deep structures do not crash the intake.

#[test]
fn a_long_dss_reference_chain_is_refused_without_crashing() {
    let Some(python) = python_with_pyhanko() else {
        return;
    };
    let p = trusted_project();
    let original = p.path().join("arkiv").join(TJANST_PDF);
    sign(&python, &original, &p.path().join("s.pdf"));
    let signed = std::fs::read(p.path().join("s.pdf")).unwrap();
    let doc = lopdf::Document::load_mem(&signed).unwrap();
    let root = doc.trailer.get(b"Root").unwrap().as_reference().unwrap();
    let mut catalog = doc.get_object(root).unwrap().as_dict().unwrap().clone();
    let n: u32 = 100_000;
    let first = 1000;
    catalog.set("DSS", lopdf::Object::Reference((first, 0)));
    let mut objects = vec![(root.0, root.1, dict_bytes(&catalog))];
    objects.push((first, 0, format!("<< /Certs {} 0 R >>", first + 1).into_bytes()));
    for i in first + 1..first + n {
        objects.push((i, 0, format!("[{} 0 R]", i + 1).into_bytes()));
    }
    objects.push((first + n, 0, b"[]".to_vec()));
    let hostile = append_update(&signed, &objects, &[], "");
    p.write_bytes("kedja.pdf", &hostile);
    refused(
        &p,
        "kedja.pdf",
        &["valideringsdata (/DSS)", "ska bara hänvisa till strömmar"],
    );
}

/// An object as PDF source.
pub(crate) fn object_bytes(o: &lopdf::Object) -> Vec<u8> {
    let mut out = Vec::new();
    lopdf::Writer::write_object(&mut out, o).unwrap();
    out
}

fn dict_bytes(d: &lopdf::Dictionary) -> Vec<u8> {
    object_bytes(&lopdf::Object::Dictionary(d.clone()))
}
