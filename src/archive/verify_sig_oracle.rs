//! The verdicts of [`super`] on the PDFs of tests/fixtures/sigverify/ (made by its
//! make.py, with pyHanko as the oracle) must be pyHanko's, as recorded in its
//! expected.json.

use std::path::{Path, PathBuf};

use super::{
    Context, Covered, Verdict, load_certificates, load_crls, verify_document_timestamp,
    verify_signature,
};
use chrono::{DateTime, Utc};
use serde_json::Value;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/sigverify")
}

/// One `/ByteRange [0 a b c]` of a PDF: the covered ranges and the DER in the gap.
struct Sig {
    a: usize,
    b: usize,
    end: usize,
    der: Vec<u8>,
    doc_timestamp: bool,
}

/// Every `/ByteRange` in the file, in file order (a plain scan, as in the project's
/// signature.rs; enough for the fixtures).
fn signatures(pdf: &[u8]) -> Vec<Sig> {
    let key = b"/ByteRange";
    let mut out = Vec::new();
    for at in pdf
        .windows(key.len())
        .enumerate()
        .filter(|(_, w)| *w == key)
        .map(|(i, _)| i)
    {
        let rest = &pdf[at + key.len()..];
        let open = rest.iter().position(|&c| c == b'[').unwrap();
        let close = rest.iter().position(|&c| c == b']').unwrap();
        let nums: Vec<usize> = std::str::from_utf8(&rest[open + 1..close])
            .unwrap()
            .split_ascii_whitespace()
            .map(|n| n.parse().unwrap())
            .collect();
        let [_, a, b, c] = nums[..] else {
            panic!("ByteRange")
        };
        let hex = &pdf[a + 1..b - 1];
        let der = (0..hex.len() / 2)
            .map(|i| {
                u8::from_str_radix(std::str::from_utf8(&hex[2 * i..2 * i + 2]).unwrap(), 16)
                    .unwrap()
            })
            .collect();
        // The signature dictionary around it says whether it is a /DocTimeStamp.
        let from = pdf[..at].windows(2).rposition(|w| w == b"<<").unwrap();
        let to = at + pdf[at..].windows(6).position(|w| w == b"endobj").unwrap();
        let dict = [&pdf[from..a], &pdf[b..to]].concat();
        let doc_timestamp = dict.windows(13).any(|w| w == b"/DocTimeStamp")
            || dict.windows(12).any(|w| w == b"ETSI.RFC3161");
        out.push(Sig {
            a,
            b,
            end: b + c,
            der,
            doc_timestamp,
        });
    }
    out
}

fn run_case(case: &Value, archive_time: DateTime<Utc>) -> Verdict {
    let dir = fixtures();
    let pdf = std::fs::read(dir.join(case["file"].as_str().unwrap())).unwrap();
    let sigs = signatures(&pdf);
    let sig = &sigs[case["index"].as_u64().unwrap() as usize];
    let kind = case["kind"].as_str().unwrap();
    assert_eq!(
        sig.doc_timestamp,
        kind == "doc_timestamp",
        "{}",
        case["name"]
    );
    let mut anchors = Vec::new();
    for a in case["anchors"].as_array().unwrap() {
        anchors.extend(
            load_certificates(&std::fs::read(dir.join(a.as_str().unwrap())).unwrap()).unwrap(),
        );
    }
    let mut crls = Vec::new();
    for c in case["crls"].as_array().unwrap() {
        crls.extend(load_crls(&std::fs::read(dir.join(c.as_str().unwrap())).unwrap()).unwrap());
    }
    let ctx = Context {
        anchors: &anchors,
        extra_certs: &[],
        crls: &crls,
        archive_time,
        claimed_time: None,
    };
    let parts: [&[u8]; 2] = [&pdf[..sig.a], &pdf[sig.b..sig.end]];
    let covered = Covered::Bytes(&parts);
    if kind == "doc_timestamp" {
        verify_document_timestamp(&sig.der, &covered, &ctx).unwrap()
    } else {
        verify_signature(&sig.der, &covered, &ctx).unwrap()
    }
}

fn expected() -> (Vec<Value>, DateTime<Utc>) {
    let text = std::fs::read_to_string(fixtures().join("expected.json"))
        .expect("fixtures/expected.json: run fixtures/make.py first");
    let json: Value = serde_json::from_str(&text).unwrap();
    let t = DateTime::parse_from_rfc3339(json["archive_time"].as_str().unwrap())
        .unwrap()
        .with_timezone(&Utc);
    (json["cases"].as_array().unwrap().clone(), t)
}

#[test]
fn verdicts_equal_pyhanko() {
    let (cases, archive_time) = expected();
    assert!(cases.len() >= 18);
    let mut wrong = Vec::new();
    for case in &cases {
        let v = run_case(case, archive_time);
        let want = (
            case["giltig"].as_bool().unwrap(),
            case["betrodd"].as_bool().unwrap(),
        );
        let name = case["name"].as_str().unwrap();
        eprintln!(
            "{name:40} giltig={:5} betrodd={:5} spärr={:26} kedja={:?} skäl={:?}",
            v.giltig, v.betrodd, v.spärrkontroll, v.kedja, v.skäl
        );
        if (v.giltig, v.betrodd) != want {
            wrong.push(format!(
                "{name}: got {:?}, pyHanko {want:?}: {:?}",
                (v.giltig, v.betrodd),
                v.skäl
            ));
        }
        // Consistency: reasons exactly when not trusted.
        assert_eq!(v.skäl.is_empty(), v.betrodd, "{name}: {:?}", v.skäl);
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}

fn case<'a>(cases: &'a [Value], name: &str) -> &'a Value {
    cases.iter().find(|c| c["name"] == name).unwrap()
}

#[test]
fn details_of_chosen_cases() {
    let (cases, t) = expected();
    let bt = run_case(case(&cases, "B-T"), t);
    assert_eq!(bt.kedja, ["Test Testsson", "Test Root CA"]);
    let tst = case(&cases, "B-T")["pyhanko_at_archive_time"]["timestamp"]["time"]
        .as_str()
        .unwrap();
    let tst = DateTime::parse_from_rfc3339(tst)
        .unwrap()
        .with_timezone(&Utc);
    let got = DateTime::parse_from_rfc3339(bt.tidsstämpel.as_deref().unwrap()).unwrap();
    assert_eq!(got, tst);
    assert_eq!(bt.valideringstid, bt.tidsstämpel.clone().unwrap());
    assert_eq!(bt.spärrkontroll, "ej gjord");

    let bb = run_case(case(&cases, "B-B"), t);
    assert!(bb.tidsstämpel.is_none());
    assert_eq!(DateTime::parse_from_rfc3339(&bb.valideringstid).unwrap(), t);

    let ec = run_case(case(&cases, "ECDSA P-256 via EC intermediate"), t);
    assert_eq!(ec.kedja, ["Erik EC", "Test Issuing CA EC", "Test Root CA"]);

    let crl_ok = run_case(case(&cases, "CRL, not revoked"), t);
    assert_eq!(crl_ok.spärrkontroll, "kontrollerad: ej spärrad");
    let revoked = run_case(case(&cases, "CRL, revoked"), t);
    assert_eq!(revoked.spärrkontroll, "spärrad");
    assert!(
        revoked.skäl.iter().any(|s| s.contains("spärrat")),
        "{:?}",
        revoked.skäl
    );

    let bad = run_case(case(&cases, "corrupt signature value"), t);
    assert!(
        bad.skäl.iter().any(|s| s.contains("signaturvärdet")),
        "{:?}",
        bad.skäl
    );
    let bad_ts = run_case(case(&cases, "corrupt timestamp"), t);
    assert!(
        bad_ts.skäl.iter().any(|s| s.contains("tidsstämpel")),
        "{:?}",
        bad_ts.skäl
    );

    let expired = run_case(case(&cases, "expired, no timestamp"), t);
    assert!(
        expired.skäl.iter().any(|s| s.contains("gick ut")),
        "{:?}",
        expired.skäl
    );
    let stamped = run_case(case(&cases, "expired, timestamp inside validity"), t);
    assert_eq!(stamped.valideringstid, stamped.tidsstämpel.clone().unwrap());

    let stranger = run_case(case(&cases, "untrusted CA"), t);
    assert_eq!(stranger.kedja, ["Okänd Undertecknare", "Okänd CA"]);
    assert!(
        stranger
            .skäl
            .iter()
            .any(|s| s.contains("når inget betrott")),
        "{:?}",
        stranger.skäl
    );

    let doc = run_case(case(&cases, "B-LTA document timestamp"), t);
    assert_eq!(doc.kedja, ["Test TSA", "Test Root CA"]);
    assert!(doc.tidsstämpel.is_some());
}

#[test]
fn no_anchors_means_valid_but_not_trusted() {
    let (cases, t) = expected();
    let mut c = case(&cases, "B-T").clone();
    c["anchors"] = Value::Array(vec![]);
    let v = run_case(&c, t);
    assert!(v.giltig && !v.betrodd, "{v:?}");
    assert!(
        v.skäl.iter().any(|s| s.contains("förtroende")),
        "{:?}",
        v.skäl
    );
}

#[test]
fn a_supplied_digest_is_used() {
    let (cases, t) = expected();
    let dir = fixtures();
    let pdf = std::fs::read(dir.join("bb.pdf")).unwrap();
    let sig = &signatures(&pdf)[0];
    let anchors = load_certificates(&std::fs::read(dir.join("keys/ca.crt")).unwrap()).unwrap();
    let ctx = Context {
        anchors: &anchors,
        extra_certs: &[],
        crls: &[],
        archive_time: t,
        claimed_time: Some("2026-12-01T12:00:00+01:00".into()),
    };
    let right = |_: &der::asn1::ObjectIdentifier| -> Result<Vec<u8>, String> {
        use sha2::Digest;
        let mut h = sha2::Sha256::new();
        h.update(&pdf[..sig.a]);
        h.update(&pdf[sig.b..sig.end]);
        Ok(h.finalize().to_vec())
    };
    let v = verify_signature(&sig.der, &Covered::Digest(&right), &ctx).unwrap();
    assert!(v.giltig && v.betrodd, "{v:?}");
    assert_eq!(
        v.signeringstid.as_deref(),
        Some("2026-12-01T12:00:00+01:00")
    );
    let wrong = |_: &der::asn1::ObjectIdentifier| -> Result<Vec<u8>, String> { Ok(vec![0; 32]) };
    let v = verify_signature(&sig.der, &Covered::Digest(&wrong), &ctx).unwrap();
    assert!(!v.giltig, "{v:?}");
    let _ = cases;
}

/// Verifies signature `index` of `file` with the given anchors, CRLs and time.
fn verify_file(
    file: &str,
    index: usize,
    anchors: &[&str],
    crls: Vec<cms::cert::x509::crl::CertificateList>,
    archive_time: DateTime<Utc>,
    damage_covered: bool,
) -> Verdict {
    let dir = fixtures();
    let mut pdf = std::fs::read(dir.join(file)).unwrap();
    let sig = signatures(&pdf).swap_remove(index);
    if damage_covered {
        pdf[20] ^= 1;
    }
    let mut certs = Vec::new();
    for a in anchors {
        certs.extend(load_certificates(&std::fs::read(dir.join(a)).unwrap()).unwrap());
    }
    let ctx = Context {
        anchors: &certs,
        extra_certs: &[],
        crls: &crls,
        archive_time,
        claimed_time: None,
    };
    let parts: [&[u8]; 2] = [&pdf[..sig.a], &pdf[sig.b..sig.end]];
    if sig.doc_timestamp {
        verify_document_timestamp(&sig.der, &Covered::Bytes(&parts), &ctx).unwrap()
    } else {
        verify_signature(&sig.der, &Covered::Bytes(&parts), &ctx).unwrap()
    }
}

#[test]
fn before_the_certificate_is_valid_nothing_is_valid() {
    let v = verify_file(
        "bb.pdf",
        0,
        &["keys/ca.crt"],
        vec![],
        "2020-01-01T00:00:00Z".parse().unwrap(),
        false,
    );
    assert!(!v.giltig, "{v:?}");
    assert!(
        v.skäl.iter().any(|s| s.contains("gäller först från")),
        "{:?}",
        v.skäl
    );
}

#[test]
fn an_intermediate_can_be_the_anchor() {
    let (_, t) = expected();
    let v = verify_file("ec256.pdf", 0, &["keys/inter.crt"], vec![], t, false);
    assert!(v.giltig && v.betrodd, "{v:?}");
    assert_eq!(v.kedja, ["Erik EC", "Test Issuing CA EC"]);
    // The wrong anchor: valid, not trusted.
    let v = verify_file("ec256.pdf", 0, &["keys/other-ca.crt"], vec![], t, false);
    assert!(v.giltig && !v.betrodd, "{v:?}");
    // Likewise for a document timestamp, with the reason given once.
    let v = verify_file("lta.pdf", 1, &["keys/other-ca.crt"], vec![], t, false);
    assert!(v.giltig && !v.betrodd, "{v:?}");
    assert_eq!(v.skäl.len(), 1, "{:?}", v.skäl);
}

#[test]
fn a_crl_whose_signature_fails_is_not_used() {
    let (_, t) = expected();
    let dir = fixtures();
    let mut der = std::fs::read(dir.join("root.crl")).unwrap();
    let n = der.len();
    der[n - 10] ^= 1; // inside the signature value
    let crls = load_crls(&der).unwrap();
    let v = verify_file("sparrad.pdf", 0, &["keys/ca.crt"], crls, t, false);
    assert!(v.giltig && v.betrodd, "{v:?}");
    assert_eq!(v.spärrkontroll, "ej gjord");
    assert!(
        v.noteringar.iter().any(|n| n.contains("används inte")),
        "{:?}",
        v.noteringar
    );
}

#[test]
fn a_revocation_after_the_timestamp_does_not_count() {
    // The revoked signer's CRL entry is dated when make.py ran; validated at a time
    // before that (but inside the certificate's validity) it was not yet revoked.
    let (cases, _) = expected();
    let made: DateTime<Utc> = DateTime::parse_from_rfc3339(
        case(&cases, "B-T")["pyhanko_at_archive_time"]["timestamp"]["time"]
            .as_str()
            .unwrap(),
    )
    .unwrap()
    .with_timezone(&Utc);
    let crls = load_crls(&std::fs::read(fixtures().join("root.crl")).unwrap()).unwrap();
    let v = verify_file(
        "sparrad.pdf",
        0,
        &["keys/ca.crt"],
        crls,
        made - chrono::Duration::days(1),
        false,
    );
    assert!(v.giltig && v.betrodd, "{v:?}");
    assert_eq!(v.spärrkontroll, "kontrollerad: ej spärrad");
}

#[test]
fn a_changed_file_breaks_the_document_timestamp() {
    let (_, t) = expected();
    let v = verify_file("lta.pdf", 1, &["keys/ca.crt"], vec![], t, true);
    assert!(!v.giltig, "{v:?}");
    assert!(
        v.skäl.iter().any(|s| s.contains("messageImprint")),
        "{:?}",
        v.skäl
    );
    // The signature of the same file then fails too (messageDigest).
    let v = verify_file("lta.pdf", 0, &["keys/ca.crt"], vec![], t, true);
    assert!(!v.giltig, "{v:?}");
}

#[test]
fn pem_bundles_and_der_load() {
    let dir = fixtures();
    let mut bundle = std::fs::read(dir.join("keys/ca.crt")).unwrap();
    bundle.extend(std::fs::read(dir.join("keys/inter.crt")).unwrap());
    assert_eq!(load_certificates(&bundle).unwrap().len(), 2);
    let one = load_certificates(&std::fs::read(dir.join("keys/ca.crt")).unwrap()).unwrap();
    let der = der::Encode::to_der(&one[0]).unwrap();
    assert_eq!(load_certificates(&der).unwrap(), one);
    assert!(load_certificates(b"-----BEGIN CERTIFICATE-----\nAAAA\n").is_err());
}
