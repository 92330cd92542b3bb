//! Signed PDFs returned by an e-signature service (PAdES: an incremental update that
//! appends a signature dictionary to the original bytes).
//!
//! What is checked, given the length of the original:
//! - the appended part holds a `/ByteRange [0 a b c]` whose gap `[a, b)` is exactly the
//!   hex string `/Contents <…>` and lies after the original, and which covers
//!   everything else up to the end of the file (`b + c` = file length);
//! - the signature value is a CMS SignedData (RFC 5652, parsed with the RustCrypto
//!   `cms` crate) whose signed `messageDigest` equals the digest of the covered bytes,
//!   so the signature belongs to exactly this file;
//! - the signer's name is read from the signer's certificate (subject CN).
//!
//! Not checked here: the cryptographic signature value against the certificate's key,
//! and the certificate chain against trust anchors. That is the signing service's and
//! the archive's trust policy (pdfcheck `--trust ca.crt --expect-signed` does it).

use cms::cert::x509::Certificate;
use cms::content_info::ContentInfo;
use cms::signed_data::{SignedData, SignerIdentifier};
use der::asn1::{ObjectIdentifier, OctetStringRef};
use der::{Decode, Encode, SliceReader};
use serde::{Deserialize, Serialize};

const OID_SIGNED_DATA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.7.2");
const OID_MESSAGE_DIGEST: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.113549.1.9.4");
const OID_COMMON_NAME: ObjectIdentifier = ObjectIdentifier::new_unwrap("2.5.4.3");
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
    /// `/M`, the signing time the signer's software wrote, as in the PDF.
    pub tidpunkt: Option<String>,
    /// The digest algorithm of the signed data, e.g. SHA-256.
    pub algoritm: String,
}

/// Inspects the signature(s) appended after the first `original_len` bytes.
pub fn inspect(file: &[u8], original_len: usize) -> Result<SignatureInfo, String> {
    let appended = &file[original_len..];
    let mut last_problem = String::from(
        "det som lagts till efter originalet innehåller ingen signatur (inget /ByteRange)",
    );
    // The last signature is the one that covers the whole file.
    let mut found: Vec<usize> = find_all(appended, b"/ByteRange")
        .into_iter()
        .map(|i| i + original_len)
        .collect();
    found.reverse();
    for at in found {
        match check_one(file, original_len, at) {
            Ok(info) => return Ok(info),
            Err(e) => last_problem = e,
        }
    }
    Err(last_problem)
}

fn check_one(file: &[u8], original_len: usize, at: usize) -> Result<SignatureInfo, String> {
    let range = parse_byte_range(&file[at + b"/ByteRange".len()..])
        .ok_or("/ByteRange är inte fyra heltal inom [ ]")?;
    let [start, a, b, c] = range;
    let len = file.len() as u64;
    if start != 0 || a == 0 || b <= a || b.checked_add(c) != Some(len) {
        return Err(format!(
            "/ByteRange [{start} {a} {b} {c}] täcker inte hela filen ({len} byte) utom signaturvärdet"
        ));
    }
    let (a, b) = (a as usize, b as usize);
    if a < original_len {
        return Err("signaturvärdet ligger inte i det som lagts till efter originalet".to_string());
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
    let tidpunkt = string_after(dict, b"/M");

    // CMS: ContentInfo → SignedData → the signer's info and certificate.
    let mut reader = SliceReader::new(&der).map_err(|e| format!("CMS: {e}"))?;
    let ci = ContentInfo::decode(&mut reader)
        .map_err(|e| format!("signaturvärdet är ingen CMS-struktur: {e}"))?;
    if ci.content_type != OID_SIGNED_DATA {
        return Err(format!(
            "CMS-innehållet är {}, inte SignedData",
            ci.content_type
        ));
    }
    let sd: SignedData = ci
        .content
        .decode_as()
        .map_err(|e| format!("SignedData går inte att läsa: {e}"))?;
    let si = sd
        .signer_infos
        .0
        .iter()
        .next()
        .ok_or("SignedData har ingen undertecknare")?;

    let covered_digest = |alg: &ObjectIdentifier| -> Option<(Vec<u8>, &'static str)> {
        fn two<D: sha2::Digest>(x: &[u8], y: &[u8]) -> Vec<u8> {
            let mut h = D::new();
            h.update(x);
            h.update(y);
            h.finalize().to_vec()
        }
        let (x, y) = (&file[..a], &file[b..]);
        if *alg == OID_SHA256 {
            Some((two::<sha2::Sha256>(x, y), "SHA-256"))
        } else if *alg == OID_SHA384 {
            Some((two::<sha2::Sha384>(x, y), "SHA-384"))
        } else if *alg == OID_SHA512 {
            Some((two::<sha2::Sha512>(x, y), "SHA-512"))
        } else {
            None
        }
    };
    let (digest, algoritm) = covered_digest(&si.digest_alg.oid).ok_or_else(|| {
        format!(
            "signaturens hashalgoritm {} stöds inte (SHA-256, SHA-384, SHA-512)",
            si.digest_alg.oid
        )
    })?;
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
        subfilter,
        tidpunkt,
        algoritm: algoritm.into(),
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

/// A literal string value `(…)` after `key` (e.g. `/M (D:20241220…)`).
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
        let end = start + rest[start..].iter().position(|&c| c == b')')?;
        return String::from_utf8(rest[start + 1..end].to_vec()).ok();
    }
    None
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
        f.extend_from_slice(b"<< /Type /Sig /ByteRange [0 40 50 5] /Contents <00> >>\n");
        let err = inspect(&f, orig).unwrap_err();
        assert!(err.contains("täcker inte hela filen"), "{err}");
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
    }
}
