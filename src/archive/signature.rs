//! Signed PDFs returned by an e-signature service (PAdES: an incremental update that
//! appends a signature dictionary to the original bytes).
//!
//! What is checked, given the length of the archived original (a prefix of the file):
//! - the appended part holds at least one `/ByteRange [0 a b c]` whose gap `[a, b)` is
//!   exactly the hex string `/Contents <…>` and lies after the original, so each
//!   signature covers the whole original; after the last one only whole incremental
//!   updates may follow;
//! - every signature and document timestamp verifies cryptographically
//!   ([`super::verify_sig`]: signature value, messageDigest, timestamp tokens,
//!   certificate chain to the trust anchors in `kansli.yaml` `förtroende:`, validity at
//!   the validation time, CRLs from the file's `/DSS`); one that does not is refused,
//!   one that is valid but not trusted is recorded as such;
//! - both the original and the signed file are read completely ([`super::pdf`]), and
//!   what the appended updates change is allowed by the difference analysis of
//!   [`super::changes`] (validation data, metadata, signature fields signed or added).

use chrono::{DateTime, Utc};
use cms::cert::x509::Certificate;
use cms::cert::x509::crl::CertificateList;
use cms::content_info::ContentInfo;
use cms::signed_data::{SignedData, SignerIdentifier};
use der::asn1::ObjectIdentifier;
use der::{Decode, Encode, SliceReader};
use serde::{Deserialize, Serialize};

use super::verify_sig::{self, Context, Covered, Verdict};
use super::{changes, pdf};

const OID_SIGNED_DATA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.2");
const OID_COMMON_NAME: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.4.3");
const OID_SHA256: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.1");
const OID_SHA384: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.2");
const OID_SHA512: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.3");

/// A summary of the (last) signature, as manifest version 1 recorded it; kept in
/// version 2 beside the full [`SignatureRecord`]s.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct SignatureInfo {
    /// The signer's name (certificate subject CN), if the certificate is included.
    pub undertecknare: Option<String>,
    /// The certificate's issuer (CN), if included.
    #[serde(rename = "utfärdare")]
    pub utfardare: Option<String>,
    /// `/SubFilter`, e.g. ETSI.CAdES.detached (PAdES) or adbe.pkcs7.detached.
    pub subfilter: Option<String>,
    /// `/M`, the signing time the signer's software wrote (RFC 3339 when it is a valid
    /// PDF date, else as written).
    pub tidpunkt: Option<String>,
    /// The digest algorithm of the signed data, e.g. SHA-256.
    pub algoritm: String,
    /// The time in the signature's timestamp token (PAdES B-T), RFC 3339 UTC.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tidsstämpel: Option<String>,
    /// A document timestamp (PAdES B-LTA) over the whole file: its time, RFC 3339 UTC.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dokumenttidsstämpel: Option<String>,
    /// How many signatures and document timestamps the appended part holds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub antal_signaturer: Option<usize>,
}

/// The verdict on one signature or document timestamp, as the manifest (version 2)
/// records it: `signaturer: [...]`, in file order.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct SignatureRecord {
    /// "signatur" or "dokumenttidsstämpel".
    pub typ: String,
    /// The signer's (or time-stamping authority's) name: its certificate's CN.
    pub undertecknare: Option<String>,
    /// `/SubFilter`.
    pub subfilter: Option<String>,
    /// The signature value, messageDigest, timestamp and the signer's certificate
    /// (validity, revocation) at the validation time hold.
    pub giltig: bool,
    /// `giltig`, and the chain reaches a trust anchor (kansli.yaml `förtroende:`).
    pub betrodd: bool,
    /// Subject names from the signer up to the anchor (or as far as known).
    pub kedja: Vec<String>,
    /// The claimed signing time (signingTime, else `/M`), RFC 3339.
    pub signeringstid: Option<String>,
    /// The time of the timestamp over the signature (or of the document timestamp).
    pub tidsstämpel: Option<String>,
    /// The time the certificates were judged at: the timestamp's, else the archiving
    /// time.
    pub valideringstid: String,
    /// "ej gjord", "kontrollerad: ej spärrad" or "spärrad".
    pub spärrkontroll: String,
    /// Why it is not valid or not trusted (empty when trusted).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub skäl: Vec<String>,
    /// Remarks that do not change the verdict.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub noteringar: Vec<String>,
}

impl SignatureRecord {
    fn from_verdict(
        v: Verdict,
        doc_timestamp: bool,
        name: Option<String>,
        subfilter: Option<String>,
    ) -> Self {
        SignatureRecord {
            typ: if doc_timestamp {
                "dokumenttidsstämpel"
            } else {
                "signatur"
            }
            .into(),
            undertecknare: name.or_else(|| v.kedja.first().cloned()),
            subfilter,
            giltig: v.giltig,
            betrodd: v.betrodd,
            kedja: v.kedja,
            signeringstid: v.signeringstid,
            tidsstämpel: v.tidsstämpel,
            valideringstid: v.valideringstid,
            spärrkontroll: v.spärrkontroll,
            skäl: v.skäl,
            noteringar: v.noteringar,
        }
    }

    /// "signaturen av Test Testsson" / "dokumenttidsstämpeln från Test TSA".
    pub fn label(&self) -> String {
        let who = self.undertecknare.as_deref().unwrap_or("okänd");
        if self.typ == "dokumenttidsstämpel" {
            format!("dokumenttidsstämpeln från {who}")
        } else {
            format!("signaturen av {who}")
        }
    }
}

/// The archive's trust policy: the anchors, and the archiving time (the validation
/// time when no trusted timestamp covers a signature).
pub struct Trust {
    pub anchors: Vec<Certificate>,
    pub archive_time: DateTime<Utc>,
}

/// What the intake found: the summary, one record per signature and document
/// timestamp, and the level of the changes after the original.
#[derive(Debug)]
pub struct Intake {
    pub info: SignatureInfo,
    pub signaturer: Vec<SignatureRecord>,
    pub level: changes::Level,
}

/// One `/ByteRange` found in the appended part, checked for shape.
struct Found {
    /// The covered ranges: `[0, a)` and `[b, end)`.
    a: usize,
    b: usize,
    end: usize,
    der: Vec<u8>,
    subfilter: Option<String>,
    m: Option<String>,
    doc_timestamp: bool,
}

/// Inspects the signature(s) appended after the first `original_len` bytes.
///
/// `Err` (in Swedish) refuses the file: no signature, a signature or timestamp that
/// does not verify, a file that cannot be read completely, or a change after the
/// original that is not validation data or signing. A valid signature that is not
/// trusted is `Ok`, with `betrodd: false` in its record.
pub fn inspect(file: &[u8], original_len: usize, trust: &Trust) -> Result<Intake, String> {
    let appended = &file[original_len..];
    let mut found = Vec::new();
    for at in find_all(appended, b"/ByteRange") {
        found.push(parse_one(file, original_len, original_len + at)?);
    }
    if found.is_empty() {
        return Err(
            "det som lagts till efter originalet innehåller ingen signatur (inget /ByteRange)"
                .into(),
        );
    }
    found.sort_by_key(|f| f.end);
    let last = found.last().expect("not empty");
    if last.end != file.len() {
        // PAdES B-LT/B-LTA add validation data (a /DSS) after the last signature or
        // timestamp; what it changes is judged below, but it must be whole updates.
        whole_updates_after(file, last.end).map_err(|why| {
            format!(
                "de sista {} byten av filen täcks inte av någon signatur: {why}",
                file.len() - last.end
            )
        })?;
    }

    // Every signature and timestamp, cryptographically. (A file that cannot be read
    // completely is refused below; its signatures are judged first, without the DSS,
    // so that a broken signature is named as such.)
    let delivered = pdf::load(file, "den signerade filen");
    let (dss_certs, dss_crls) = delivered
        .as_ref()
        .map(pdf::dss_material)
        .unwrap_or_default();
    let extra_certs: Vec<Certificate> = dss_certs
        .iter()
        .filter_map(|der| Certificate::from_der(der).ok())
        .collect();
    let crls: Vec<CertificateList> = dss_crls
        .iter()
        .filter_map(|der| CertificateList::from_der(der).ok())
        .collect();
    let mut records = Vec::new();
    let mut info: Option<SignatureInfo> = None;
    let mut doc_time = None;
    for (n, f) in found.iter().enumerate() {
        let ctx = Context {
            anchors: &trust.anchors,
            extra_certs: &extra_certs,
            crls: &crls,
            archive_time: trust.archive_time,
            claimed_time: f.m.clone(),
        };
        let parts: [&[u8]; 2] = [&file[..f.a], &file[f.b..f.end]];
        let covered = Covered::Bytes(&parts);
        let verdict = if f.doc_timestamp {
            verify_sig::verify_document_timestamp(&f.der, &covered, &ctx)
        } else {
            verify_sig::verify_signature(&f.der, &covered, &ctx)
        }
        .map_err(|e| {
            format!(
                "signaturvärdet (/Contents) i {} nummer {} går inte att läsa som en CMS-signatur: {e}",
                if f.doc_timestamp { "dokumenttidsstämpeln" } else { "signaturen" },
                n + 1
            )
        })?;
        let names = signer_names(&f.der);
        let record = SignatureRecord::from_verdict(
            verdict,
            f.doc_timestamp,
            names.as_ref().and_then(|n| n.signer.clone()),
            f.subfilter.clone(),
        );
        if !record.giltig {
            return Err(format!(
                "{} är inte giltig: {}",
                record.label(),
                record.skäl.join("; ")
            ));
        }
        if f.doc_timestamp {
            doc_time = record.tidsstämpel.clone();
        } else {
            let names = names.ok_or("signaturens undertecknare går inte att läsa")?;
            info = Some(SignatureInfo {
                undertecknare: names.signer,
                utfardare: names.issuer,
                subfilter: f.subfilter.clone(),
                tidpunkt: f.m.clone(),
                algoritm: names.algorithm,
                tidsstämpel: record.tidsstämpel.clone(),
                dokumenttidsstämpel: None,
                antal_signaturer: None,
            });
        }
        records.push(record);
    }
    let mut info =
        info.ok_or("det som lagts till innehåller bara tidsstämplar, ingen underskrift")?;
    info.dokumenttidsstämpel = doc_time;
    info.antal_signaturer = Some(found.len());

    // Every signature found must be the value of a signature field: one a reader
    // shows, not a signature dictionary lying unreferenced in the file.
    let delivered = delivered?;
    let in_fields = pdf::field_byte_ranges(&delivered);
    for (f, record) in found.iter().zip(&records) {
        let range = [0, f.a as i64, f.b as i64, (f.end - f.b) as i64];
        if !in_fields.iter().any(|r| r.as_slice() == range) {
            return Err(format!(
                "{} hör inte till något signaturfält i formuläret (/AcroForm), så ingen läsare visar den",
                record.label()
            ));
        }
    }
    // What the appended updates change in the original, object by object.
    let original = pdf::load(&file[..original_len], "originalet")?;
    let analysis = changes::analyse(&original, &delivered)?;
    // A certification that allows no changes (DocMDP P=1) followed by another
    // signature: pyHanko's docmdp_ok is false.
    let signatures = records.iter().filter(|r| r.typ == "signatur").count();
    if analysis.certified == Some(1) && signatures > 1 {
        return Err(
            "dokumentet certifierades utan tillåtna ändringar (DocMDP P=1) men har signerats igen efteråt"
                .into(),
        );
    }
    let level = analysis.level;
    Ok(Intake {
        info,
        signaturer: records,
        level,
    })
}

/// The bytes after `end` must be whole incremental updates: the file ends in its own
/// `startxref N %%EOF`, with N inside them.
fn whole_updates_after(file: &[u8], end: usize) -> Result<(), String> {
    let tail = &file[end..];
    let at = find_all(tail, b"startxref")
        .into_iter()
        .last()
        .ok_or("det tillagda är ingen inkrementell uppdatering (ingen startxref)")?;
    let rest = std::str::from_utf8(&tail[at + b"startxref".len()..]).unwrap_or("");
    let mut words = rest.split_ascii_whitespace();
    let offset: Option<usize> = words.next().and_then(|w| w.parse().ok());
    let eof = words.next() == Some("%%EOF") && words.next().is_none();
    if !eof || !offset.is_some_and(|o| o >= end && o < file.len()) {
        return Err(
            "filen slutar inte med en hel inkrementell uppdatering (startxref … %%EOF)".into(),
        );
    }
    Ok(())
}

fn parse_one(file: &[u8], original_len: usize, at: usize) -> Result<Found, String> {
    let range = parse_byte_range(&file[at + b"/ByteRange".len()..])
        .ok_or("/ByteRange är inte fyra heltal inom [ ]")?;
    let [start, a, b, c] = range;
    let len = file.len() as u64;
    let end = b.checked_add(c).filter(|&e| e <= len);
    let Some(end) = end.filter(|_| start == 0 && a > 0 && b > a) else {
        return Err(format!(
            "/ByteRange [{start} {a} {b} {c}] beskriver inte filen ({len} byte) med ett signaturvärde mitt i"
        ));
    };
    let (a, b, end) = (a as usize, b as usize, end as usize);
    if a < original_len {
        return Err("signaturvärdet ligger inte i det som lagts till efter originalet".into());
    }
    let gap = &file[a..b];
    if gap.first() != Some(&b'<')
        || gap.last() != Some(&b'>')
        || !gap[1..gap.len() - 1].iter().all(u8::is_ascii_hexdigit)
    {
        return Err("luckan i /ByteRange är inte exakt signaturvärdet /Contents <…>".into());
    }
    let der = hex_decode(&gap[1..gap.len() - 1]).ok_or("signaturvärdet är inte hex")?;
    let dict = dictionary_around(file, at);
    let subfilter = name_after(dict, b"/SubFilter");
    let doc_timestamp = name_after(dict, b"/Type").as_deref() == Some("DocTimeStamp")
        || subfilter.as_deref() == Some("ETSI.RFC3161");
    Ok(Found {
        a,
        b,
        end,
        der,
        m: string_after(dict, b"/M").map(|m| pdf_date(&m).unwrap_or(m)),
        subfilter,
        doc_timestamp,
    })
}

/// The SignedData inside a CMS ContentInfo (the PDF pads it with zeros after the DER).
fn signed_data(der: &[u8]) -> Result<SignedData, String> {
    let mut reader = SliceReader::new(der).map_err(|e| format!("CMS: {e}"))?;
    let ci = ContentInfo::decode(&mut reader)
        .map_err(|e| format!("signaturvärdet är ingen CMS-struktur: {e}"))?;
    if ci.content_type != OID_SIGNED_DATA {
        return Err(format!(
            "CMS-innehållet är {}, inte SignedData",
            ci.content_type
        ));
    }
    ci.content
        .decode_as()
        .map_err(|e| format!("SignedData går inte att läsa: {e}"))
}

/// Who signed, as the signer's certificate in the CMS says (for the summary).
struct Names {
    signer: Option<String>,
    issuer: Option<String>,
    algorithm: String,
}

fn signer_names(der: &[u8]) -> Option<Names> {
    let sd = signed_data(der).ok()?;
    let si = sd.signer_infos.0.iter().next()?;
    let alg = si.digest_alg.oid;
    let algorithm = if alg == OID_SHA256 {
        "SHA-256".to_string()
    } else if alg == OID_SHA384 {
        "SHA-384".to_string()
    } else if alg == OID_SHA512 {
        "SHA-512".to_string()
    } else {
        alg.to_string()
    };
    let certs: Vec<&Certificate> = sd
        .certificates
        .as_ref()
        .map(|set| {
            set.0
                .iter()
                .filter_map(|c| match c {
                    cms::cert::CertificateChoices::Certificate(cert) => Some(cert),
                    _ => None,
                })
                .collect()
        })
        .unwrap_or_default();
    let signer_cert = certs.iter().find(|cert| match &si.sid {
        SignerIdentifier::IssuerAndSerialNumber(is) => {
            cert.tbs_certificate.serial_number == is.serial_number
                && cert.tbs_certificate.issuer == is.issuer
        }
        // The extension's value is the DER of the same SubjectKeyIdentifier.
        SignerIdentifier::SubjectKeyIdentifier(ski) => {
            let wanted = ski.to_der().ok();
            cert.tbs_certificate.extensions.iter().flatten().any(|e| {
                e.extn_id == ObjectIdentifier::new_unwrap("2.5.29.14")
                    && wanted.as_deref() == Some(e.extn_value.as_bytes())
            })
        }
    });
    Some(Names {
        signer: signer_cert.and_then(|c| common_name(&c.tbs_certificate.subject)),
        issuer: signer_cert.and_then(|c| common_name(&c.tbs_certificate.issuer)),
        algorithm,
    })
}

fn common_name(name: &cms::cert::x509::name::Name) -> Option<String> {
    for rdn in name.0.iter() {
        for atv in rdn.0.iter() {
            if atv.oid == OID_COMMON_NAME {
                if let Ok(s) = atv.value.decode_as::<der::asn1::Utf8StringRef>() {
                    return Some(s.as_str().to_string());
                }
                if let Ok(s) = atv.value.decode_as::<der::asn1::PrintableStringRef>() {
                    return Some(s.as_str().to_string());
                }
                if let Ok(s) = atv.value.decode_as::<der::asn1::Ia5StringRef>() {
                    return Some(s.as_str().to_string());
                }
            }
        }
    }
    None
}

/// The first element of the last trailer's `/ID` (the document's permanent identifier,
/// which a rewrite keeps), read from the end of the file.
pub fn trailer_id(file: &[u8]) -> Option<Vec<u8>> {
    let from = file.len().saturating_sub(64 * 1024);
    let tail = &file[from..];
    let at = find_all(tail, b"/ID").into_iter().rev().find(|&i| {
        tail.get(i + 3)
            .is_some_and(|c| c.is_ascii_whitespace() || *c == b'[')
    })?;
    let rest = &tail[at + 3..];
    let open = rest.iter().position(|c| !c.is_ascii_whitespace())?;
    if rest[open] != b'[' {
        return None;
    }
    let rest = &rest[open + 1..];
    let start = rest.iter().position(|c| !c.is_ascii_whitespace())?;
    match rest[start] {
        b'<' => {
            let end = rest[start..].iter().position(|&c| c == b'>')? + start;
            hex_decode(&rest[start + 1..end])
        }
        b'(' => {
            // Reuse the literal-string reader on a tiny synthetic dictionary.
            let mut d = b"/X ".to_vec();
            d.extend_from_slice(&rest[start..rest.len().min(start + 1024)]);
            string_after_bytes(&d, b"/X")
        }
        _ => None,
    }
}

/// Whether the file holds a signature dictionary at all.
pub fn has_signature(file: &[u8]) -> bool {
    !find_all(file, b"/ByteRange").is_empty()
}

fn find_all(hay: &[u8], needle: &[u8]) -> Vec<usize> {
    hay.windows(needle.len())
        .enumerate()
        .filter(|(_, w)| *w == needle)
        .map(|(i, _)| i)
        .collect()
}

/// `[0 1234 5678 90]` (with any PDF whitespace).
fn parse_byte_range(s: &[u8]) -> Option<[u64; 4]> {
    let s = &s[..s.len().min(200)];
    let open = s.iter().position(|&c| c == b'[')?;
    if !s[..open].iter().all(u8::is_ascii_whitespace) {
        return None;
    }
    let close = open + s[open..].iter().position(|&c| c == b']')?;
    let inner = std::str::from_utf8(&s[open + 1..close]).ok()?;
    let nums: Vec<u64> = inner
        .split_ascii_whitespace()
        .map(|t| t.parse().ok())
        .collect::<Option<_>>()?;
    nums.try_into().ok()
}

/// The `<< … >>` dictionary text around `at` (bounded), for reading a few keys.
fn dictionary_around(file: &[u8], at: usize) -> &[u8] {
    let from = file[..at]
        .windows(2)
        .rposition(|w| w == b"<<")
        .unwrap_or(at.saturating_sub(4096));
    let to = (at + 65536 + 4096).min(file.len());
    &file[from..to]
}

fn name_after(dict: &[u8], key: &[u8]) -> Option<String> {
    let i = find_all(dict, key).into_iter().next()? + key.len();
    let rest = &dict[i..];
    let start = rest.iter().position(|&c| c == b'/')?;
    if !rest[..start].iter().all(u8::is_ascii_whitespace) {
        return None;
    }
    let name: Vec<u8> = rest[start + 1..]
        .iter()
        .take_while(|c| !c.is_ascii_whitespace() && !b"/<>[]()".contains(c))
        .copied()
        .collect();
    String::from_utf8(name).ok()
}

/// A literal string value `(…)` after `key` (e.g. `/M (D:20241220…)`), with the PDF
/// escapes (`\ddd`, `\n`, `\(` …) decoded.
fn string_after(dict: &[u8], key: &[u8]) -> Option<String> {
    string_after_bytes(dict, key).and_then(|b| String::from_utf8(b).ok())
}

fn string_after_bytes(dict: &[u8], key: &[u8]) -> Option<Vec<u8>> {
    for i in find_all(dict, key) {
        let rest = &dict[i + key.len()..];
        // `/M` must not be the start of a longer name such as `/MDP`.
        if rest.first().is_some_and(|c| c.is_ascii_alphanumeric()) {
            continue;
        }
        let start = rest.iter().position(|&c| !c.is_ascii_whitespace())?;
        if rest[start] != b'(' {
            continue;
        }
        let mut out = Vec::new();
        let mut it = rest[start + 1..].iter().copied().peekable();
        while let Some(c) = it.next() {
            match c {
                b')' => return Some(out),
                b'\\' => match it.next()? {
                    b'n' => out.push(b'\n'),
                    b'r' => out.push(b'\r'),
                    b't' => out.push(b'\t'),
                    d @ b'0'..=b'7' => {
                        let mut v = u32::from(d - b'0');
                        for _ in 0..2 {
                            match it.peek() {
                                Some(&n @ b'0'..=b'7') => {
                                    v = v * 8 + u32::from(n - b'0');
                                    it.next();
                                }
                                _ => break,
                            }
                        }
                        out.push(v as u8);
                    }
                    other => out.push(other),
                },
                c => out.push(c),
            }
        }
        return None;
    }
    None
}

/// A PDF date `D:YYYYMMDDHHmmSS` with `Z` or `+HH'mm'` as RFC 3339.
fn pdf_date(s: &str) -> Option<String> {
    let d = s.strip_prefix("D:")?;
    let digits: String = d.chars().take_while(char::is_ascii_digit).collect();
    if digits.len() < 14 {
        return None;
    }
    let rest = &d[digits.len()..];
    let zone = match rest.chars().next() {
        None | Some('Z') => "Z".to_string(),
        Some(sign @ ('+' | '-')) => {
            let parts: Vec<&str> = rest[1..].split('\'').filter(|p| !p.is_empty()).collect();
            format!("{sign}{}:{}", parts.first()?, parts.get(1).unwrap_or(&"00"))
        }
        _ => return None,
    };
    let g = |a: usize, b: usize| &digits[a..b];
    Some(format!(
        "{}-{}-{}T{}:{}:{}{zone}",
        g(0, 4),
        g(4, 6),
        g(6, 8),
        g(8, 10),
        g(10, 12),
        g(12, 14)
    ))
}

fn hex_decode(h: &[u8]) -> Option<Vec<u8>> {
    let digits: Vec<u8> = h
        .iter()
        .filter(|c| !c.is_ascii_whitespace())
        .map(|c| (*c as char).to_digit(16).map(|d| d as u8))
        .collect::<Option<_>>()?;
    Some(
        digits
            .chunks(2)
            .map(|p| (p[0] << 4) | p.get(1).copied().unwrap_or(0))
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn no_trust() -> Trust {
        Trust {
            anchors: Vec::new(),
            archive_time: Utc::now(),
        }
    }

    #[test]
    fn byte_ranges() {
        assert_eq!(
            parse_byte_range(b" [0 10 20 30]/Contents"),
            Some([0, 10, 20, 30])
        );
        assert_eq!(parse_byte_range(b"[0 10 20]"), None);
        assert_eq!(parse_byte_range(b"x[0 1 2 3]"), None);
    }

    #[test]
    fn an_appendix_without_signature_is_refused() {
        let file = b"%PDF-1.7 original bytes\n% appended\n1 0 obj << /A 1 >> endobj\n";
        let err = inspect(file, 24, &no_trust()).unwrap_err();
        assert!(err.contains("ingen signatur"), "{err}");
    }

    #[test]
    fn a_byte_range_that_leaves_bytes_out_is_refused() {
        let mut f = b"%PDF-1.7 orig\n".to_vec();
        let orig = f.len();
        f.extend_from_slice(b"<< /Type /Sig /ByteRange [0 40 50 500] /Contents <00> >>\n");
        let err = inspect(&f, orig, &no_trust()).unwrap_err();
        assert!(err.contains("beskriver inte filen"), "{err}");
    }

    #[test]
    fn names_and_strings() {
        let d = b"<< /SubFilter /ETSI.CAdES.detached /M (D:20241220120000+01'00') >>";
        assert_eq!(
            name_after(d, b"/SubFilter").as_deref(),
            Some("ETSI.CAdES.detached")
        );
        assert_eq!(
            string_after(d, b"/M").as_deref(),
            Some("D:20241220120000+01'00'")
        );
        let escaped = b"<< /M (D\\07220261123085238Z) >>";
        assert_eq!(
            string_after(escaped, b"/M").as_deref(),
            Some("D:20261123085238Z")
        );
        assert_eq!(
            pdf_date("D:20241220120000+01'00'").as_deref(),
            Some("2024-12-20T12:00:00+01:00")
        );
        assert_eq!(
            pdf_date("D:20261123085238Z").as_deref(),
            Some("2026-11-23T08:52:38Z")
        );
    }
}
