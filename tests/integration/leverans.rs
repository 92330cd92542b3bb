//! `kansli leverans`: the E-ARK SIP of the archive — validated by the E-ARK reference
//! validator, byte for byte reproducible, checksums equal to the manifest's.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::*;

/// Runs the reference validator (offline) and returns its JSON report.
fn eark_report(python: &Path, package: &Path) -> serde_json::Value {
    let script = repo_root().join("tests/fixtures/eark/validate.py");
    let out = Command::new(python)
        .arg(script)
        .arg(package)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "eark-validator: {stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let last = stdout.lines().last().unwrap_or_default();
    serde_json::from_str(last).unwrap_or_else(|e| panic!("{e}: {stdout}"))
}

/// The validator's verdict: structure WellFormed, METS schema VALID, and no error-level
/// Schematron message except SIP14 on the software agent's note.
///
/// SIP14 in eark-validator 1.1.3 demands an unqualified `NOTETYPE="IDENTIFICATIONCODE"`
/// on every note of every agent with ROLE="CREATOR" — also on the note that CSIP15/16
/// require of the creating software (`csip:NOTETYPE="SOFTWARE VERSION"`), and METS does
/// not allow an unqualified attribute there (schema error). No package satisfies CSIP16,
/// the METS schema and this rule at once; later versions of the validator check the rule
/// only on the archival creator's agent. Any other error fails the test.
fn assert_eark_valid(report: &serde_json::Value) {
    assert_eq!(report["structure"]["status"], "WellFormed", "{report:#}");
    let structure_errors: Vec<_> = report["structure"]["messages"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["severity"] == "Error")
        .collect();
    assert!(structure_errors.is_empty(), "{structure_errors:#?}");
    let md = &report["metadata"];
    assert_eq!(md["schema_results"]["status"], "VALID", "{report:#}");
    let errors: Vec<&serde_json::Value> = md["schematron_results"]["messages"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["severity"] == "Error")
        .collect();
    let (sip14, other): (Vec<&serde_json::Value>, Vec<&serde_json::Value>) =
        errors.into_iter().partition(|m| m["rule_id"] == "SIP14");
    assert!(other.is_empty(), "Schematron-fel: {other:#?}");
    assert!(sip14.len() <= 1, "{sip14:#?}");
    for m in sip14 {
        assert!(
            m["location"]
                .as_str()
                .unwrap()
                .starts_with("/mets:mets/mets:metsHdr/mets:agent[@ROLE = 'CREATOR']/mets:note"),
            "{m:#}"
        );
    }
}

/// Schema checks the validator does not make (tests/fixtures/eark/kontroll.py): both METS
/// with the CSIP/SIP extension schemas, the descriptive files against kansli-arende-1.xsd.
fn assert_schemas_valid(python: &Path, package: &Path) {
    let out = Command::new(python)
        .arg(repo_root().join("tests/fixtures/eark/kontroll.py"))
        .arg(package)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{text}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(text.contains("OK metadata/descriptive/"), "{text}");
    assert!(text.contains("OK representations/pdfa/METS.xml"), "{text}");
}

/// Every file under `dir`, by relative path.
fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect()
}

/// The one entry in `out` (the package folder or ZIP).
fn only_entry(out: &Path) -> PathBuf {
    let entries: Vec<PathBuf> = std::fs::read_dir(out)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(entries.len(), 1, "{entries:?}");
    entries[0].clone()
}

/// Reads a stored ZIP (as kansli writes it) from its central directory.
fn unzip(zip: &[u8]) -> Vec<(String, Vec<u8>)> {
    let u16_at = |i: usize| u16::from_le_bytes([zip[i], zip[i + 1]]) as usize;
    let u32_at = |i: usize| u32::from_le_bytes(zip[i..i + 4].try_into().unwrap()) as usize;
    let end = zip.len() - 22;
    assert_eq!(u32_at(end), 0x0605_4b50, "end of central directory");
    let mut at = u32_at(end + 16);
    let mut out = Vec::new();
    for _ in 0..u16_at(end + 10) {
        assert_eq!(u32_at(at), 0x0201_4b50);
        assert_eq!(u16_at(at + 10), 0, "stored");
        let size = u32_at(at + 24);
        let name_len = u16_at(at + 28);
        let offset = u32_at(at + 42);
        let name = String::from_utf8(zip[at + 46..at + 46 + name_len].to_vec()).unwrap();
        let data_at = offset + 30 + u16_at(offset + 26) + u16_at(offset + 28);
        out.push((name, zip[data_at..data_at + size].to_vec()));
        at += 46 + name_len;
    }
    out
}

fn manifest(p: &Project) -> serde_json::Value {
    serde_json::from_str(&std::fs::read_to_string(p.path().join("arkiv/manifest.json")).unwrap())
        .unwrap()
}

/// (href, SIZE, CHECKSUM) of every `mets:file` in a METS document.
fn mets_files(mets: &str) -> Vec<(String, u64, String)> {
    let re = regex::Regex::new(
        r#"(?s)<mets:file ID="[^"]+" MIMETYPE="[^"]+" SIZE="(\d+)" CREATED="[^"]+" CHECKSUM="([0-9a-f]{64})" CHECKSUMTYPE="SHA-256"[^>]*>\s*<mets:FLocat LOCTYPE="URL" xlink:type="simple" xlink:href="([^"]+)"/>"#,
    )
    .unwrap();
    re.captures_iter(mets)
        .map(|c| (c[3].to_string(), c[1].parse().unwrap(), c[2].to_string()))
        .collect()
}

fn sha256(bytes: &[u8]) -> String {
    use sha2::Digest as _;
    format!("{:x}", sha2::Sha256::digest(bytes))
}

#[test]
fn a_delivery_of_the_bundled_archive_is_valid_reproducible_and_matches_the_manifest() {
    let p = Project::with_bundled_content();
    p.run(&["archive"]).ok();
    let run = p.run(&["leverans", "--ut", "ut1"]).ok();
    assert!(
        run.stderr
            .contains("16 handlingar i 5 ärenden och 1 sammanträde"),
        "{}",
        run.stderr
    );
    p.run(&["leverans", "--ut", "ut2"]).ok();
    let pkg = only_entry(&p.path().join("ut1"));
    let id = pkg.file_name().unwrap().to_string_lossy().into_owned();
    let files = tree(&pkg);
    assert_eq!(
        files,
        tree(&only_entry(&p.path().join("ut2"))),
        "two runs, same bytes"
    );

    // The layout.
    for f in [
        "METS.xml",
        "metadata/preservation/premis.xml",
        "metadata/descriptive/arende-hsn-1798-2023.xml",
        "metadata/descriptive/sammantrade-halso-och-sjukvardsnamnden-2024-12-18.xml",
        "representations/pdfa/METS.xml",
        "representations/pdfa/metadata/preservation/premis.xml",
        "representations/pdfa/data/2024/sammantraden/halso-och-sjukvardsnamnden/hsn-2024-12-18-protokoll.pdf",
        "schemas/mets.xsd",
        "schemas/xlink.xsd",
        "schemas/DILCISExtensionMETS.xsd",
        "schemas/DILCISExtensionSIPMETS.xsd",
        "schemas/kansli-arende-1.xsd",
        "schemas/LICENS-eark-validator.txt",
        "documentation/om-leveransen.txt",
    ] {
        assert!(files.contains_key(f), "{f} saknas: {:?}", files.keys());
    }
    let mets = String::from_utf8(files["METS.xml"].clone()).unwrap();
    assert!(
        mets.contains(&format!("OBJID=\"{id}\"")),
        "the folder is named by the OBJID"
    );
    assert_eq!(id.len(), 36);
    assert_eq!(&id[14..15], "5", "UUID version 5: {id}");

    // Checksums: the representation METS says exactly what the manifest says, and the
    // files in the package have those bytes; the package METS is right about every file.
    let m = manifest(&p);
    let entries = m["filer"].as_array().unwrap();
    let rep = String::from_utf8(files["representations/pdfa/METS.xml"].clone()).unwrap();
    let listed = mets_files(&rep);
    assert_eq!(listed.len(), entries.len(), "{rep}");
    for e in entries {
        let fil = e["fil"].as_str().unwrap();
        let (_, size, checksum) = listed
            .iter()
            .find(|(href, _, _)| href == &format!("data/{fil}"))
            .unwrap_or_else(|| panic!("{fil} saknas i representationens METS"));
        assert_eq!(checksum, e["sha256"].as_str().unwrap(), "{fil}");
        assert_eq!(*size, e["storlek"].as_u64().unwrap(), "{fil}");
        let bytes = &files[&format!("representations/pdfa/data/{fil}")];
        assert_eq!(&sha256(bytes), checksum, "{fil}");
    }
    for (href, size, checksum) in mets_files(&mets) {
        let bytes = &files[&href];
        assert_eq!(
            (bytes.len() as u64, sha256(bytes)),
            (size, checksum),
            "{href}"
        );
    }

    // No absolute path, no machine's folder, anywhere.
    let home = p.path().to_string_lossy().into_owned();
    for (name, bytes) in &files {
        if name.ends_with(".pdf") {
            continue;
        }
        let text = String::from_utf8_lossy(bytes);
        assert!(!text.contains(&home), "{name} names the project folder");
        assert!(!text.contains("file:"), "{name}");
        assert!(!text.contains("href=\"/"), "{name}");
        assert!(!text.contains("<premis:contentLocationValue>/"), "{name}");
    }

    // The same as ZIP: reproducible, and the folder's files under one root folder.
    p.run(&["leverans", "--ut", "z1", "--zip"]).ok();
    p.run(&["leverans", "--ut", "z2", "--zip"]).ok();
    let z1 = only_entry(&p.path().join("z1"));
    assert_eq!(
        z1.file_name().unwrap().to_string_lossy(),
        format!("{id}.zip")
    );
    let zip = std::fs::read(&z1).unwrap();
    assert_eq!(
        zip,
        std::fs::read(only_entry(&p.path().join("z2"))).unwrap()
    );
    let unzipped: BTreeMap<String, Vec<u8>> = unzip(&zip)
        .into_iter()
        .map(|(name, data)| {
            let rel = name
                .strip_prefix(&format!("{id}/"))
                .unwrap_or_else(|| panic!("{name} is outside the root folder"))
                .to_string();
            (rel, data)
        })
        .collect();
    assert_eq!(unzipped, files);

    // Writing again into the same place is refused; nothing is replaced.
    let again = p.run(&["leverans", "--ut", "ut1"]);
    assert_eq!(again.code, 1, "{}", again.stderr);
    assert!(again.stderr.contains("finns redan"), "{}", again.stderr);

    if let Some(python) = tool_python(
        "KANSLI_EARK_PYTHON",
        "eark_validator, lxml",
        "KANSLI_KRAV_EARK",
        "E-ARK-validatorn",
    ) {
        assert_eark_valid(&eark_report(&python, &pkg));
        assert_eark_valid(&eark_report(&python, &z1));
        assert_schemas_valid(&python, &pkg);
    }
}

#[test]
fn a_delivery_selects_by_diarienummer_and_date_and_has_a_fixed_time() {
    let p = Project::with_bundled_content();
    p.run(&["archive"]).ok();

    p.run(&["leverans", "--ut", "dnr", "--dnr", "HSN/1798/2023"])
        .ok();
    let files = tree(&only_entry(&p.path().join("dnr")));
    let descriptive: Vec<&String> = files
        .keys()
        .filter(|k| k.starts_with("metadata/descriptive/"))
        .collect();
    assert_eq!(
        descriptive,
        ["metadata/descriptive/arende-hsn-1798-2023.xml"]
    );
    let pdfs: Vec<&String> = files.keys().filter(|k| k.ends_with(".pdf")).collect();
    assert_eq!(
        pdfs,
        [
            "representations/pdfa/data/2023/HSN-1798-2023/hsn-plan-och-budget-2024-tjansteskrivelse.pdf",
            "representations/pdfa/data/2024/HSN-1798-2023/hsn-2024-12-18-utdrag-160.pdf",
        ]
    );
    let arende = String::from_utf8_lossy(&files["metadata/descriptive/arende-hsn-1798-2023.xml"])
        .into_owned();
    assert!(
        arende.contains("<ArkivobjektID>HSN/1798/2023</ArkivobjektID>"),
        "{arende}"
    );
    assert!(
        arende.contains(
            "<Arendemening>Plan och budget 2024 för hälso- och sjukvårdsnämnden</Arendemening>"
        ),
        "{arende}"
    );
    assert!(
        arende.contains("<Handlingstyp>protokollsutdrag</Handlingstyp>"),
        "{arende}"
    );

    p.run(&[
        "leverans",
        "--ut",
        "dag",
        "--från",
        "2024-12-18",
        "--till",
        "2024-12-18",
    ])
    .ok();
    let files = tree(&only_entry(&p.path().join("dag")));
    assert_eq!(
        files.keys().filter(|k| k.ends_with(".pdf")).count(),
        8,
        "{:?}",
        files.keys()
    );

    // The creation time: the newest archiving time by default, --skapad when given (and
    // then the id changes with it).
    let newest = manifest(&p)["filer"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| chrono::DateTime::parse_from_rfc3339(e["arkiverad"].as_str().unwrap()).unwrap())
        .max()
        .unwrap();
    p.run(&["leverans", "--ut", "standard"]).ok();
    let standard = tree(&only_entry(&p.path().join("standard")));
    let mets = String::from_utf8_lossy(&standard["METS.xml"]).into_owned();
    let created = regex::Regex::new(r#"CREATEDATE="([^"]+)""#)
        .unwrap()
        .captures(&mets)
        .unwrap()[1]
        .to_string();
    assert_eq!(
        chrono::DateTime::parse_from_rfc3339(&created).unwrap(),
        newest
    );
    p.run(&[
        "leverans",
        "--ut",
        "fast",
        "--skapad",
        "2025-01-31T12:00:00+01:00",
    ])
    .ok();
    let fixed = only_entry(&p.path().join("fast"));
    let mets = std::fs::read_to_string(fixed.join("METS.xml")).unwrap();
    assert!(
        mets.contains("CREATEDATE=\"2025-01-31T12:00:00+01:00\""),
        "{mets}"
    );
    assert_ne!(
        fixed.file_name(),
        only_entry(&p.path().join("standard")).file_name()
    );

    // Wrong input: an unknown Dnr (exit 1), a date that is no date (exit 2); nothing written.
    let run = p.run(&["leverans", "--ut", "inget", "--dnr", "HSN/9999/2024"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("inga arkiverade handlingar har diarienummer \"HSN/9999/2024\""),
        "{}",
        run.stderr
    );
    assert!(
        !p.path().join("inget").exists()
            || std::fs::read_dir(p.path().join("inget"))
                .unwrap()
                .next()
                .is_none()
    );
    let run = p.run(&["leverans", "--ut", "inget", "--från", "2024-13-01"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("--från"), "{}", run.stderr);
    let run = p.run(&["leverans", "--zip"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
}

#[test]
fn a_changed_file_in_the_archive_stops_the_delivery() {
    let p = Project::with_bundled_content();
    p.run(&["archive"]).ok();
    let fil = "2023/HSN-1798-2023/hsn-plan-och-budget-2024-tjansteskrivelse.pdf";
    let path = p.path().join("arkiv").join(fil);
    let mut bytes = std::fs::read(&path).unwrap();
    let mid = bytes.len() / 2;
    bytes[mid] ^= 1;
    std::fs::write(&path, &bytes).unwrap();
    let run = p.run(&["leverans", "--ut", "ut", "--zip"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr.contains(fil) && run.stderr.contains("stämmer inte med manifestet"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("inget paket skrevs"), "{}", run.stderr);
    let out = p.path().join("ut");
    assert!(
        !out.exists() || std::fs::read_dir(&out).unwrap().next().is_none(),
        "nothing written"
    );
}

#[test]
fn a_version_2_manifest_with_validated_signatures_and_sekretess_is_delivered() {
    let p = Project::with_bundled_content();
    p.run(&["archive"]).ok();
    // The manifest as the next kansli writes it (version 2: `signaturer` with their
    // validation, and `sekretess`), with a field this reader does not know.
    let mut m = manifest(&p);
    m["version"] = 2.into();
    let fil = "2024/HSN-5-2024/hsn-manadsrapport-november-2024-tjansteskrivelse.pdf";
    for e in m["filer"].as_array_mut().unwrap() {
        e["framtida_fält"] = serde_json::json!({"något": [1, 2, 3]});
        if e["fil"] == fil {
            e["sekretess"] = serde_json::json!({"lagrum": "OSL 25 kap. 1 §"});
            e["signaturer"] = serde_json::json!([{
                "undertecknare": "Test Testsson",
                "utfärdare": "Test Root CA",
                "giltig": true,
                "betrodd": false,
                "kedja": ["Test Testsson", "Test Root CA"],
                "signeringstid": "2024-12-13T10:00:00Z",
                "tidsstämpel": null,
                "spärrkontroll": "ej gjord"
            }]);
        }
    }
    std::fs::write(
        p.path().join("arkiv/manifest.json"),
        serde_json::to_string_pretty(&m).unwrap(),
    )
    .unwrap();
    p.run(&["leverans", "--ut", "ut"]).ok();
    let pkg = only_entry(&p.path().join("ut"));
    let arende =
        std::fs::read_to_string(pkg.join("metadata/descriptive/arende-hsn-5-2024.xml")).unwrap();
    // The ärende is secret because one of its documents is, and says by which lagrum.
    let ärende_part = arende.split("<ArkivobjektListaHandlingar>").next().unwrap();
    assert!(
        ärende_part.contains("<Sekretess>\n      <Lagrum>OSL 25 kap. 1 §</Lagrum>"),
        "{arende}"
    );
    assert!(
        arende.contains("<Undertecknare>Test Testsson</Undertecknare>"),
        "{arende}"
    );
    assert!(arende.contains("<Giltig>true</Giltig>"), "{arende}");
    assert!(arende.contains("<Betrodd>false</Betrodd>"), "{arende}");
    assert!(
        arende.contains("<Certifikat>Test Root CA</Certifikat>"),
        "{arende}"
    );
    let premis = std::fs::read_to_string(pkg.join("metadata/preservation/premis.xml")).unwrap();
    let validation = premis
        .split("<premis:event>")
        .find(|e| e.contains("digital signature validation"))
        .unwrap_or_else(|| panic!("no validation event: {premis}"));
    assert!(
        validation.contains("<premis:eventOutcome>giltig, inte betrodd</premis:eventOutcome>"),
        "{validation}"
    );
    assert!(
        validation.contains("kedja: Test Testsson → Test Root CA"),
        "{validation}"
    );
    assert!(
        validation.contains("spärrkontroll: ej gjord"),
        "{validation}"
    );
    assert!(validation.contains(fil), "{validation}");
    assert!(premis.contains("<premis:eventType>digital signature generation</premis:eventType>"));
    if let Some(python) = tool_python(
        "KANSLI_EARK_PYTHON",
        "eark_validator, lxml",
        "KANSLI_KRAV_EARK",
        "E-ARK-validatorn",
    ) {
        assert_eark_valid(&eark_report(&python, &pkg));
        assert_schemas_valid(&python, &pkg);
    }

    // A manifest from a newer kansli than this one is refused, not misread.
    m["version"] = 3.into();
    std::fs::write(p.path().join("arkiv/manifest.json"), m.to_string()).unwrap();
    let run = p.run(&["leverans", "--ut", "ut3"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("version 3"), "{}", run.stderr);
}

#[test]
fn a_signed_version_is_delivered_beside_its_original() {
    let Some(hanko) = python_with_pyhanko() else {
        return;
    };
    let p = Project::new();
    p.write("content/arende.yaml", &tjanst(""));
    p.run(&["archive"]).ok();
    let original = "2024/HSN-17-2024/arende-tjansteskrivelse.pdf";
    let out = Command::new(&hanko)
        .arg(repo_root().join("tests/fixtures/signering/signera.py"))
        .arg(p.path().join("arkiv").join(original))
        .arg(p.path().join("signerad.pdf"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    p.run(&["archive", "--signed", "signerad.pdf"]).ok();
    p.run(&["leverans", "--ut", "ut"]).ok();
    let pkg = only_entry(&p.path().join("ut"));
    let signed = "2024/HSN-17-2024/arende-tjansteskrivelse-signerad.pdf";
    assert_eq!(
        std::fs::read(pkg.join("representations/pdfa/data").join(signed)).unwrap(),
        std::fs::read(p.path().join("arkiv").join(signed)).unwrap()
    );
    let arende =
        std::fs::read_to_string(pkg.join("metadata/descriptive/arende-hsn-17-2024.xml")).unwrap();
    assert!(
        arende.contains(&format!("<Original>{original}</Original>")),
        "{arende}"
    );
    assert!(
        arende.contains("<Undertecknare>Test Testsson</Undertecknare>"),
        "{arende}"
    );
    let premis = std::fs::read_to_string(pkg.join("metadata/preservation/premis.xml")).unwrap();
    // A derivation from its original, and the signing as an event.
    let compact: String = premis.split_whitespace().collect();
    assert!(
        compact.contains(&format!(
            "<premis:relationshipSubType>hassource</premis:relationshipSubType><premis:relatedObjectIdentifier><premis:relatedObjectIdentifierType>kansli-arkiv</premis:relatedObjectIdentifierType><premis:relatedObjectIdentifierValue>{original}</premis:relatedObjectIdentifierValue>"
        )),
        "{premis}"
    );
    assert!(
        premis.contains("<premis:eventType>digital signature generation</premis:eventType>"),
        "{premis}"
    );
    // A validation event exactly when the manifest records a validation (version 2,
    // `signaturer` with `giltig`); a version-1 entry gets none made up.
    let m = manifest(&p);
    let entry = m["filer"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["fil"] == signed)
        .unwrap();
    let validated = entry["signaturer"]
        .as_array()
        .is_some_and(|s| s.iter().any(|s| s["giltig"].is_boolean()));
    assert_eq!(
        premis.contains("digital signature validation"),
        validated,
        "{premis}"
    );
    if let Some(python) = tool_python(
        "KANSLI_EARK_PYTHON",
        "eark_validator, lxml",
        "KANSLI_KRAV_EARK",
        "E-ARK-validatorn",
    ) {
        assert_eark_valid(&eark_report(&python, &pkg));
        assert_schemas_valid(&python, &pkg);
    }
}

#[test]
fn a_delivery_waits_while_the_archive_is_being_written() {
    let p = Project::new();
    p.write("content/arende.yaml", &tjanst(""));
    p.run(&["archive"]).ok();
    // The test holds the archive's lock as a running `kansli archive` would: the
    // delivery must wait (and say so) rather than read a manifest being replaced.
    let lock = std::fs::OpenOptions::new()
        .write(true)
        .open(p.path().join("arkiv/.kansli.lock"))
        .unwrap();
    lock.lock().unwrap();
    let dir = p.path().to_path_buf();
    let run = std::thread::spawn(move || run_in(&dir, &["leverans", "--ut", "ut"], &[]));
    std::thread::sleep(std::time::Duration::from_millis(1500));
    assert!(!run.is_finished(), "leverans did not wait for the lock");
    lock.unlock().unwrap();
    let run = run.join().unwrap().ok();
    assert!(
        run.stderr
            .contains("väntar: en annan kansli arbetar med arkivet"),
        "{}",
        run.stderr
    );
    assert!(only_entry(&p.path().join("ut")).join("METS.xml").is_file());
}
