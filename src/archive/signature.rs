//! Signed PDFs returned by an e-signature service (PAdES: an incremental update that
//! appends a signature dictionary to the original bytes).
//!
//! What is checked, given the length of the original:
//! - the appended part holds at least one `/ByteRange [0 a b c]` whose gap `[a, b)` is
//!   exactly the hex string `/Contents <…>` and lies after the original; the last one
//!   covers everything else up to the end of the file (`b + c` = file length), so no
//!   unsigned bytes follow;
//! - each signature value is a CMS SignedData (RFC 5652, parsed with the RustCrypto
//!   `cms` crate) whose signed `messageDigest` equals the digest of the bytes it covers,
//!   so the signature belongs to exactly this file; a document timestamp (PAdES B-LTA,
//!   `/DocTimeStamp`) is checked through its TSTInfo's message imprint (`x509-tsp`);
//! - the signer's name is read from the signer's certificate (subject CN), and the time
//!   of a signature timestamp (PAdES B-T) from its token.
//!
//! Not checked here: the cryptographic signature value against the certificate's key,
//! and the certificate chain against trust anchors. That is the signing service's and
//! the archive's trust policy (pdfcheck `--trust ca.crt --expect-signed` does it).

use cms::cert::x509::Certificate;
use cms::content_info::ContentInfo;
use cms::signed_data::{SignedData, SignerIdentifier};
use der::asn1::{Any, ObjectIdentifier, OctetStringRef};
use der::{Decode, Encode, Reader as _, SliceReader};
use serde::{Deserialize, Serialize};
use x509_tsp::MessageImprint;

const OID_SIGNED_DATA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.2");
const OID_MESSAGE_DIGEST: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.4");
const OID_COMMON_NAME: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.4.3");
const OID_SIGNATURE_TIMESTAMP: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.16.2.14");
const OID_SHA256: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.1");
const OID_SHA384: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.2");
const OID_SHA512: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.16.840.1.101.3.4.2.3");

/// What the manifest records about a signature.
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
/// Every signature and document timestamp there must be well formed and match the
/// bytes it covers, the last one must cover the file to its end (nothing unsigned may
/// follow), and at least one must be a signature (not only a timestamp).
pub fn inspect(file: &[u8], original_len: usize) -> Result<SignatureInfo, String> {
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
        // timestamp; nothing else may come unsigned.
        only_validation_data_after(file, last.end).map_err(|why| {
            format!(
                "de sista {} byten av filen täcks inte av någon signatur, och de gör mer än att lägga till valideringsdata (/DSS): {why}",
                file.len() - last.end
            )
        })?;
    }
    let mut info: Option<SignatureInfo> = None;
    let mut doc_time = None;
    for f in &found {
        let covered = |alg: &ObjectIdentifier| digest(alg, &file[..f.a], &file[f.b..f.end]);
        let sd = signed_data(&f.der)?;
        if f.doc_timestamp {
            let tst = tst_info(&sd)?;
            let (want, _) = covered(&tst.imprint.hash_algorithm.oid)?;
            if tst.imprint.hashed_message.as_bytes() != want.as_slice() {
                return Err(
                    "dokumenttidsstämpeln stämmer inte med filens innehåll: filen har ändrats efter tidsstämplingen"
                        .into(),
                );
            }
            doc_time = tst.time;
        } else {
            let sig = check_signature(&sd, &covered)?;
            info = Some(SignatureInfo {
                subfilter: f.subfilter.clone(),
                tidpunkt: f.m.clone(),
                ..sig
            });
        }
    }
    let mut info =
        info.ok_or("det som lagts till innehåller bara tidsstämplar, ingen underskrift")?;
    info.dokumenttidsstämpel = doc_time;
    info.antal_signaturer = Some(found.len());
    Ok(info)
}

/// Whether the incremental updates after byte `end` only add validation data: no
/// object of the signed revision changes, except the catalog gaining `/DSS`, objects
/// under the DSS, and the document information and XMP metadata; new objects can then
/// only be reached through the DSS.
fn only_validation_data_after(file: &[u8], end: usize) -> Result<(), String> {
    // The tail must be whole incremental updates: the file ends in its own
    // `startxref N %%EOF`, with N inside the tail.
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
    let signed = lopdf::Document::load_mem(&file[..end])
        .map_err(|e| format!("den signerade versionen går inte att läsa: {e}"))?;
    let full =
        lopdf::Document::load_mem(file).map_err(|e| format!("filen går inte att läsa: {e}"))?;
    let catalog = full
        .trailer
        .get(b"Root")
        .and_then(lopdf::Object::as_reference)
        .map_err(|_| "filen har ingen katalog (/Root)".to_string())?;
    let signed_catalog = signed
        .trailer
        .get(b"Root")
        .and_then(lopdf::Object::as_reference)
        .map_err(|_| "den signerade versionen har ingen katalog".to_string())?;
    if catalog != signed_catalog {
        return Err("katalogen (/Root) är utbytt".into());
    }
    // The DSS and everything under it (VRI dictionaries, certificate, CRL and OCSP
    // streams) is validation data and may grow.
    let mut validation = std::collections::HashSet::new();
    for doc in [&signed, &full] {
        if let Some(dss) = doc
            .get_object(catalog)
            .and_then(lopdf::Object::as_dict)
            .ok()
            .and_then(|c| c.get(b"DSS").ok())
        {
            reachable(doc, dss, &mut validation);
        }
    }
    // Signing software also refreshes the document information (/Info: producer,
    // modification date) and the XMP metadata stream; neither is page content.
    let mut metadata = std::collections::HashSet::new();
    for doc in [&signed, &full] {
        if let Ok(info) = doc
            .trailer
            .get(b"Info")
            .and_then(lopdf::Object::as_reference)
        {
            metadata.insert(info);
        }
        if let Ok(xmp) = doc
            .get_object(catalog)
            .and_then(lopdf::Object::as_dict)
            .and_then(|c| c.get(b"Metadata"))
            .and_then(lopdf::Object::as_reference)
        {
            metadata.insert(xmp);
        }
    }
    for (id, obj) in &full.objects {
        let Some(before) = signed.objects.get(id) else {
            continue;
        };
        if obj == before || validation.contains(id) || metadata.contains(id) {
            continue;
        }
        let same_but_dss = *id == catalog
            && match (obj.as_dict(), before.as_dict()) {
                (Ok(now), Ok(then)) => {
                    let mut now = now.clone();
                    let mut then = then.clone();
                    now.remove(b"DSS");
                    then.remove(b"DSS");
                    // A DSS may bring the ISO 32000 extension level with it.
                    now.remove(b"Extensions");
                    then.remove(b"Extensions");
                    now == then
                }
                _ => false,
            };
        if !same_but_dss {
            return Err(format!("objekt {} {} har ändrats", id.0, id.1));
        }
    }
    Ok(())
}

/// Every object id reachable from `obj`.
fn reachable(
    doc: &lopdf::Document,
    obj: &lopdf::Object,
    seen: &mut std::collections::HashSet<lopdf::ObjectId>,
) {
    match obj {
        lopdf::Object::Reference(id) => {
            if seen.insert(*id)
                && let Ok(target) = doc.get_object(*id)
            {
                reachable(doc, target, seen);
            }
        }
        lopdf::Object::Array(items) => items.iter().for_each(|o| reachable(doc, o, seen)),
        lopdf::Object::Dictionary(d) => d.iter().for_each(|(_, o)| reachable(doc, o, seen)),
        lopdf::Object::Stream(st) => st.dict.iter().for_each(|(_, o)| reachable(doc, o, seen)),
        _ => {}
    }
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

/// What is needed of a timestamp token's TSTInfo (RFC 3161): the imprint of what was
/// stamped, and the time.
struct Tst {
    imprint: MessageImprint,
    time: Option<String>,
}

/// Reads the TSTInfo of a timestamp token. The fields are taken one by one with `der`
/// (not as `x509_tsp::TstInfo`) because TSAs may write fractional seconds in `genTime`,
/// which `der`'s GeneralizedTime refuses.
fn tst_info(sd: &SignedData) -> Result<Tst, String> {
    let bad = |e: der::Error| format!("tidsstämpeln går inte att läsa: {e}");
    let content = sd
        .encap_content_info
        .econtent
        .as_ref()
        .ok_or("tidsstämpeln saknar innehåll")?;
    let octets: OctetStringRef = content.decode_as().map_err(bad)?;
    let seq = Any::from_der(octets.as_bytes()).map_err(bad)?;
    let mut r = SliceReader::new(seq.value()).map_err(bad)?;
    let _version: Any = r.decode().map_err(bad)?;
    let _policy: Any = r.decode().map_err(bad)?;
    let imprint: MessageImprint = r.decode().map_err(bad)?;
    let _serial: Any = r.decode().map_err(bad)?;
    let gen_time: Any = r.decode().map_err(bad)?;
    Ok(Tst {
        imprint,
        time: generalized_time(gen_time.value()),
    })
}

/// `YYYYMMDDHHMMSS[.f…]Z` as RFC 3339 (UTC).
fn generalized_time(v: &[u8]) -> Option<String> {
    let s = std::str::from_utf8(v).ok()?;
    let s = s.strip_suffix('Z')?;
    let (whole, frac) = s.split_once('.').unwrap_or((s, ""));
    if whole.len() != 14 || !whole.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let frac = if frac.is_empty() {
        String::new()
    } else {
        format!(".{frac}")
    };
    Some(format!(
        "{}-{}-{}T{}:{}:{}{frac}Z",
        &whole[0..4],
        &whole[4..6],
        &whole[6..8],
        &whole[8..10],
        &whole[10..12],
        &whole[12..14]
    ))
}

/// The digest of the two covered ranges, by the algorithm's OID.
fn digest(alg: &ObjectIdentifier, x: &[u8], y: &[u8]) -> Result<(Vec<u8>, &'static str), String> {
    fn two<D: sha2::Digest>(x: &[u8], y: &[u8]) -> Vec<u8> {
        let mut h = D::new();
        h.update(x);
        h.update(y);
        h.finalize().to_vec()
    }
    if *alg == OID_SHA256 {
        Ok((two::<sha2::Sha256>(x, y), "SHA-256"))
    } else if *alg == OID_SHA384 {
        Ok((two::<sha2::Sha384>(x, y), "SHA-384"))
    } else if *alg == OID_SHA512 {
        Ok((two::<sha2::Sha512>(x, y), "SHA-512"))
    } else {
        Err(format!(
            "hashalgoritmen {alg} stöds inte (SHA-256, SHA-384, SHA-512)"
        ))
    }
}

/// The bytes a signature covers and the name of its digest algorithm, by algorithm.
type CoveredBytes<'a> = &'a dyn Fn(&ObjectIdentifier) -> Result<(Vec<u8>, &'static str), String>;

/// Checks a signature's signed messageDigest against the covered bytes and reads the
/// signer from its certificate.
fn check_signature(sd: &SignedData, covered: CoveredBytes) -> Result<SignatureInfo, String> {
    let si = sd
        .signer_infos
        .0
        .iter()
        .next()
        .ok_or("SignedData har ingen undertecknare")?;
    let (digest, algoritm) = covered(&si.digest_alg.oid)?;
    let signed_digest = si
        .signed_attrs
        .as_ref()
        .and_then(|attrs| attrs.iter().find(|a| a.oid == OID_MESSAGE_DIGEST))
        .and_then(|a| a.values.iter().next())
        .and_then(|v| {
            v.decode_as::<OctetStringRef>()
                .ok()
                .map(|o| o.as_bytes().to_vec())
        })
        .ok_or("signaturen saknar det signerade attributet messageDigest")?;
    if signed_digest != digest {
        return Err(
            "signaturens messageDigest stämmer inte med filens innehåll: filen har ändrats efter signeringen"
                .into(),
        );
    }
    // PAdES B-T: a timestamp token over the signature, in the unsigned attributes.
    let tidsstämpel = si
        .unsigned_attrs
        .as_ref()
        .and_then(|attrs| attrs.iter().find(|a| a.oid == OID_SIGNATURE_TIMESTAMP))
        .and_then(|a| a.values.iter().next())
        .and_then(|v| v.to_der().ok())
        .and_then(|der| signed_data(&der).ok())
        .and_then(|sd| tst_info(&sd).ok())
        .and_then(|tst| tst.time);

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
    Ok(SignatureInfo {
        undertecknare: signer_cert.and_then(|c| common_name(&c.tbs_certificate.subject)),
        utfardare: signer_cert.and_then(|c| common_name(&c.tbs_certificate.issuer)),
        subfilter: None,
        tidpunkt: None,
        algoritm: algoritm.into(),
        tidsstämpel,
        dokumenttidsstämpel: None,
        antal_signaturer: None,
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
                b')' => return String::from_utf8(out).ok(),
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
        let err = inspect(file, 24).unwrap_err();
        assert!(err.contains("ingen signatur"), "{err}");
    }

    #[test]
    fn a_byte_range_that_leaves_bytes_out_is_refused() {
        let mut f = b"%PDF-1.7 orig\n".to_vec();
        let orig = f.len();
        f.extend_from_slice(b"<< /Type /Sig /ByteRange [0 40 50 500] /Contents <00> >>\n");
        let err = inspect(&f, orig).unwrap_err();
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
        assert_eq!(
            generalized_time(b"20261123085238.123Z").as_deref(),
            Some("2026-11-23T08:52:38.123Z")
        );
        assert_eq!(
            generalized_time(b"20261123085238Z").as_deref(),
            Some("2026-11-23T08:52:38Z")
        );
    }
}
