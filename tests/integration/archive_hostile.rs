//! Hostile and broken input to the archive and the signed intake (issue 18, items 1–5
//! and 7 for signed files): each test builds the hostile input itself and asserts the
//! exact outcome, including that nothing was written.

use std::process::Command;

use crate::archive::{
    TJANST_PDF, archive_files, archived_project, entries, manifest, pyhanko_verdicts, sign,
    trusted_project,
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
    assert!(
        run.stderr.contains(&format!("{file}: fel:")),
        "{}",
        run.stderr
    );
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
    sign(
        &python,
        &other.path().join("out/annat.pdf"),
        &p.path().join("b.pdf"),
    );
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
        &[
            "signaturen av Test Testsson är inte giltig",
            "messageDigest",
        ],
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
    assert!(
        !run.stderr.contains("alla finns och stämmer"),
        "{}",
        run.stderr
    );

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
        assert!(
            !run.stderr.contains("alla finns och stämmer"),
            "{}",
            run.stderr
        );
    }
}

// ---------------------------------------------------------------------------------
// Item 4: names unique per document.

#[test]
fn two_nämnder_meeting_the_same_day_get_their_own_names() {
    let p = Project::with_bundled_content();
    let meeting = std::fs::read_to_string(
        p.path()
            .join("content/region-jh/sammantraden/hsn-2024-12-18.yaml"),
    )
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
    assert!(
        !run.stderr.contains("redan arkiverad med"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("18 nya filer i arkivet arkiv, 0 redan arkiverade"),
        "{}",
        run.stderr
    );
    let all = entries(&p);
    for folder in ["halso-och-sjukvardsnamnden", "regionala-namnden"] {
        let fil = format!("2024/sammantraden/{folder}/hsn-2024-12-18-protokoll.pdf");
        assert!(
            all.iter().any(|e| e["fil"] == fil.as_str()),
            "{fil}: {all:#?}"
        );
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
    let a = all
        .iter()
        .find(|e| e["källa"] == "content/a/rapport.yaml")
        .unwrap();
    let b = all
        .iter()
        .find(|e| e["källa"] == "content/b/rapport.yaml")
        .unwrap();
    assert_eq!(a["fil"], usual);
    assert_ne!(a["fil"], b["fil"]);
    // Each keeps its name: archiving again is a no-op, and a changed report is refused
    // as a change of itself, not as a collision with the other.
    let again = p.run(&["archive", "content/a", "content/b"]).ok();
    assert!(
        again.stderr.contains(", 2 redan arkiverade"),
        "{}",
        again.stderr
    );
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
    assert!(
        !arkiv
            .join("2024/sammantraden/halso-och-sjukvardsnamnden")
            .exists()
    );
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
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
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
        run.stderr
            .contains("2024/HSN-17-2024/.kansli-Ab12Cd.tmp: en tillfällig fil kvar")
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
    objects.push((
        first,
        0,
        format!("<< /Certs {} 0 R >>", first + 1).into_bytes(),
    ));
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

// ---------------------------------------------------------------------------------
// Item 1: changes after the signature, judged object by object; pyHanko's difference
// analysis (`modification_level`, `docmdp_ok`) is the oracle on every file.

/// Whether pyHanko lets every signature of `pdf` stand: no exception, and the changes
/// after each are at most FORM_FILLING with DocMDP satisfied.
fn pyhanko_allows(
    python: &std::path::Path,
    pdf: &std::path::Path,
) -> (bool, Vec<serde_json::Value>) {
    let v = pyhanko_verdicts(python, pdf);
    let ok = v.iter().all(|s| {
        s.get("undantag").is_none()
            && s["docmdp_ok"] != false
            && matches!(
                s["modification_level"].as_str(),
                Some("NONE" | "LTA_UPDATES" | "FORM_FILLING")
            )
    });
    (ok, v)
}

/// Runs `archive --signed` on `file` and checks that kansli's verdict is pyHanko's:
/// accepted (exit 0) or refused (exit 1, nothing written, the fragments in the message).
#[track_caller]
fn agrees_with_pyhanko(
    p: &Project,
    python: &std::path::Path,
    file: &str,
    accept: bool,
    fragments: &[&str],
) {
    let (ok, v) = pyhanko_allows(python, &p.path().join(file));
    assert_eq!(ok, accept, "{file}: pyHanko says {v:?}");
    if accept {
        let run = p.run(&["archive", "--signed", file]);
        assert_eq!(run.code, 0, "{file}: {}", run.stderr);
    } else {
        refused(p, file, fragments);
    }
}

/// The first page, its content stream, the catalog, and the next free object number.
struct Layout {
    page: (u32, u16),
    content: (u32, u16),
    root: (u32, u16),
    catalog: lopdf::Dictionary,
    next: u32,
}

fn layout(pdf: &[u8]) -> Layout {
    let doc = lopdf::Document::load_mem(pdf).unwrap();
    let page = *doc.get_pages().values().next().unwrap();
    let content = match doc.get_dictionary(page).unwrap().get(b"Contents").unwrap() {
        lopdf::Object::Reference(r) => *r,
        lopdf::Object::Array(a) => a[0].as_reference().unwrap(),
        other => panic!("{other:?}"),
    };
    let root = doc.trailer.get(b"Root").unwrap().as_reference().unwrap();
    Layout {
        page,
        content,
        root,
        catalog: doc.get_dictionary(root).unwrap().clone(),
        next: doc.trailer.get(b"Size").unwrap().as_i64().unwrap() as u32 + 10,
    }
}

/// A content stream that draws other text.
fn other_content() -> Vec<u8> {
    let text = b"BT /F1 24 Tf 72 700 Td (Beviljat) Tj ET";
    let mut s = format!("<< /Length {} >>\nstream\n", text.len()).into_bytes();
    s.extend_from_slice(text);
    s.extend_from_slice(b"\nendstream");
    s
}

#[test]
fn changes_after_the_signature_are_judged_by_object() {
    let Some(python) = python_with_pyhanko() else {
        return;
    };
    let p = trusted_project();
    let original = p.path().join("arkiv").join(TJANST_PDF);
    sign(&python, &original, &p.path().join("s.pdf"));
    let signed = std::fs::read(p.path().join("s.pdf")).unwrap();
    let l = layout(&signed);
    let write = |name: &str, bytes: Vec<u8>| {
        p.write_bytes(name, &bytes);
        name.to_string()
    };
    let content_ref = format!("{} {} R", l.content.0, l.content.1);

    // The page's content redefined, and also referenced from the DSS …
    let mut cat = l.catalog.clone();
    let mut dss = lopdf::Dictionary::new();
    dss.set("Certs", vec![lopdf::Object::Reference(l.content)]);
    cat.set("DSS", lopdf::Object::Dictionary(dss));
    let f = write(
        "dss.pdf",
        append_update(
            &signed,
            &[
                (l.content.0, l.content.1, other_content()),
                (l.root.0, l.root.1, dict_bytes(&cat)),
            ],
            &[],
            "",
        ),
    );
    agrees_with_pyhanko(
        &p,
        &python,
        &f,
        false,
        &[
            &format!(
                "objekt {} {} (innehållet på sida 1",
                l.content.0, l.content.1
            ),
            "strömmens innehåll är ett annat",
        ],
    );
    // … or from a new /Info …
    let f = write(
        "info.pdf",
        append_update(
            &signed,
            &[
                (l.content.0, l.content.1, other_content()),
                (
                    l.next,
                    0,
                    format!("<< /Producer (x) /Extra {content_ref} >>").into_bytes(),
                ),
            ],
            &[],
            &format!("/Info {} 0 R", l.next),
        ),
    );
    agrees_with_pyhanko(
        &p,
        &python,
        &f,
        false,
        &["innehållet på sida 1", "har ändrats efter signeringen"],
    );
    // … or made the catalog's /Metadata.
    let mut cat = l.catalog.clone();
    cat.set("Metadata", lopdf::Object::Reference(l.content));
    let f = write(
        "metadata.pdf",
        append_update(
            &signed,
            &[
                (l.content.0, l.content.1, other_content()),
                (l.root.0, l.root.1, dict_bytes(&cat)),
            ],
            &[],
            "",
        ),
    );
    agrees_with_pyhanko(&p, &python, &f, false, &["har ändrats efter signeringen"]);

    // Freed, and the page pointed at a new object with other content.
    let mut page = lopdf::Document::load_mem(&signed)
        .unwrap()
        .get_dictionary(l.page)
        .unwrap()
        .clone();
    page.set("Contents", lopdf::Object::Reference((l.next, 0)));
    let f = write(
        "frigjord.pdf",
        append_update(
            &signed,
            &[
                (l.next, 0, other_content()),
                (l.page.0, l.page.1, dict_bytes(&page)),
            ],
            &[(l.content.0, l.content.1 + 1)],
            "",
        ),
    );
    agrees_with_pyhanko(
        &p,
        &python,
        &f,
        false,
        &[&format!(
            "objekt {} {} har frigjorts",
            l.content.0, l.content.1
        )],
    );

    // Redefined with generation 1.
    let f = write(
        "generation.pdf",
        append_update(&signed, &[(l.content.0, 1, other_content())], &[], ""),
    );
    agrees_with_pyhanko(
        &p,
        &python,
        &f,
        false,
        &[&format!(
            "objekt {} {} har definierats om med generation 1",
            l.content.0, l.content.1
        )],
    );

    // Nested deeper than the reader parses.
    let deep = "[".repeat(150) + &"]".repeat(150);
    let mut body = other_content();
    let at = body.windows(2).position(|w| w == b">>").unwrap();
    body.splice(at..at, format!(" /Djup {deep} ").into_bytes());
    let f = write(
        "djup.pdf",
        append_update(&signed, &[(l.content.0, l.content.1, body)], &[], ""),
    );
    agrees_with_pyhanko(&p, &python, &f, false, &["går inte att läsa helt"]);

    // A new annotation (not a signature widget) on the page.
    let mut page2 = lopdf::Document::load_mem(&signed)
        .unwrap()
        .get_dictionary(l.page)
        .unwrap()
        .clone();
    let mut annots = match page2.get(b"Annots") {
        Ok(lopdf::Object::Array(a)) => a.clone(),
        _ => Vec::new(),
    };
    annots.push(lopdf::Object::Reference((l.next, 0)));
    page2.set("Annots", annots);
    let f = write(
        "annotering.pdf",
        append_update(
            &signed,
            &[
                (l.next, 0, b"<< /Type /Annot /Subtype /Text /Rect [10 10 50 50] /Contents (Godk\\344nt) >>".to_vec()),
                (l.page.0, l.page.1, dict_bytes(&page2)),
            ],
            &[],
            "",
        ),
    );
    agrees_with_pyhanko(
        &p,
        &python,
        &f,
        false,
        &["ingen widget till ett signaturfält"],
    );

    // Allowed: the document information and the XMP metadata updated (LTA_UPDATES).
    let xmp = b"<?xpacket begin=\"\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?><x:xmpmeta xmlns:x=\"adobe:ns:meta/\"></x:xmpmeta><?xpacket end=\"w\"?>";
    let mut xmp_obj = format!(
        "<< /Type /Metadata /Subtype /XML /Length {} >>\nstream\n",
        xmp.len()
    )
    .into_bytes();
    xmp_obj.extend_from_slice(xmp);
    xmp_obj.extend_from_slice(b"\nendstream");
    let mut cat = l.catalog.clone();
    cat.set("Metadata", lopdf::Object::Reference((l.next + 1, 0)));
    let f = write(
        "metadata-ok.pdf",
        append_update(
            &signed,
            &[
                (
                    l.next,
                    0,
                    b"<< /Producer (Signeringstj\\344nsten) >>".to_vec(),
                ),
                (l.next + 1, 0, xmp_obj),
                (l.root.0, l.root.1, dict_bytes(&cat)),
            ],
            &[],
            &format!("/Info {} 0 R", l.next),
        ),
    );
    agrees_with_pyhanko(&p, &python, &f, true, &[]);
}

#[test]
fn signing_into_existing_empty_fields_is_form_filling() {
    let Some(python) = python_with_pyhanko() else {
        return;
    };
    let p = trusted_project();
    // An original with empty signature fields, as a digitally justerat protokoll has
    // (added with pyHanko, then recorded in the manifest as an archived original).
    let arkiv = p.path().join("arkiv");
    let with_fields = "2024/HSN-17-2024/arende-tjansteskrivelse-falt.pdf";
    let script = repo_root().join("tests/fixtures/signering/tomma-falt.py");
    let out = Command::new(&python)
        .arg(&script)
        .arg(arkiv.join(TJANST_PDF))
        .arg(arkiv.join(with_fields))
        .args(["sekreterare", "ordforande", "justerare-1"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let bytes = std::fs::read(arkiv.join(with_fields)).unwrap();
    let mut m = manifest(&p);
    let mut e = m["filer"][0].clone();
    e["fil"] = with_fields.into();
    e["sha256"] = crate::archive::sha256_of(&arkiv.join(with_fields)).into();
    e["storlek"] = bytes.len().into();
    m["filer"].as_array_mut().unwrap().push(e);
    p.write(
        "arkiv/manifest.json",
        &serde_json::to_string_pretty(&m).unwrap(),
    );

    // The justerare signs into their field, then the ordförande into theirs.
    let first = p.path().join("justerad-1.pdf");
    crate::archive::sign_with(
        &python,
        &arkiv.join(with_fields),
        &first,
        &["falt=justerare-1"],
    );
    agrees_with_pyhanko(&p, &python, "justerad-1.pdf", true, &[]);
    let second = p.path().join("justerad-2.pdf");
    crate::archive::sign_with(&python, &first, &second, &["falt=ordforande"]);
    let (_, v) = pyhanko_allows(&python, &second);
    assert_eq!(v[0]["modification_level"], "FORM_FILLING", "{v:?}");
    agrees_with_pyhanko(&p, &python, "justerad-2.pdf", true, &[]);
    let all = entries(&p);
    let signed_twice = all
        .iter()
        .find(|e| e["original"] == "2024/HSN-17-2024/arende-tjansteskrivelse-falt-signerad.pdf")
        .unwrap_or_else(|| panic!("{all:#?}"));
    assert_eq!(signed_twice["signaturer"][0]["betrodd"], true);
    p.run(&["verify"]).ok();

    // After the justerare's signature (signed anew, not archived): another field's
    // tooltip changed: OTHER for pyHanko, refused here.
    let again = p.path().join("justerad-igen.pdf");
    crate::archive::sign_with(
        &python,
        &arkiv.join(with_fields),
        &again,
        &["falt=justerare-1"],
    );
    let signed = std::fs::read(&again).unwrap();
    let doc = lopdf::Document::load_mem(&signed).unwrap();
    let root = doc.trailer.get(b"Root").unwrap().as_reference().unwrap();
    let form = doc
        .get_dictionary(root)
        .unwrap()
        .get(b"AcroForm")
        .unwrap()
        .clone();
    let form = match form {
        lopdf::Object::Reference(r) => doc.get_dictionary(r).unwrap().clone(),
        lopdf::Object::Dictionary(d) => d,
        other => panic!("{other:?}"),
    };
    let fields = form.get(b"Fields").unwrap().as_array().unwrap().clone();
    let sek = fields
        .iter()
        .map(|f| f.as_reference().unwrap())
        .find(|r| {
            doc.get_dictionary(*r)
                .unwrap()
                .get(b"T")
                .unwrap()
                .as_str()
                .unwrap()
                == b"sekreterare"
        })
        .unwrap();
    let mut field = doc.get_dictionary(sek).unwrap().clone();
    field.set(
        "TU",
        lopdf::Object::string_literal("Underskrift: någon annan"),
    );
    let f = append_update(&signed, &[(sek.0, sek.1, dict_bytes(&field))], &[], "");
    p.write_bytes("ny-tooltip.pdf", &f);
    agrees_with_pyhanko(
        &p,
        &python,
        "ny-tooltip.pdf",
        false,
        &["signaturfältet \"sekreterare\"", "/TU har ändrats"],
    );
}

#[test]
fn visible_and_certifying_signatures_are_accepted_as_pyhanko_does() {
    let Some(python) = python_with_pyhanko() else {
        return;
    };
    let p = trusted_project();
    let original = p.path().join("arkiv").join(TJANST_PDF);
    // A visible signature (new field with an appearance on page 1), a certification
    // (DocMDP P=2), and a second signature after the certification.
    crate::archive::sign_as(&python, &original, &p.path().join("synlig.pdf"), "synlig");
    agrees_with_pyhanko(&p, &python, "synlig.pdf", true, &[]);
    let certified = p.path().join("certifierad.pdf");
    crate::archive::sign_as(&python, &original, &certified, "certifiera");
    let second = p.path().join("certifierad-2.pdf");
    crate::archive::sign_with(&python, &certified, &second, &["falt=Signatur2"]);
    agrees_with_pyhanko(&p, &python, "certifierad-2.pdf", true, &[]);
    p.run(&["verify"]).ok();
}
