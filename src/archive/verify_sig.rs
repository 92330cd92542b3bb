//! Cryptographic verification of the signatures and document timestamps in a signed
//! PDF (PAdES B-B, B-T, B-LT, B-LTA): the signature value, the messageDigest, the
//! signature timestamp token, the certificate chain up to the archive's trust anchors,
//! the certificates' validity at the validation time, and revocation against CRLs the
//! caller passes (from the PDF's /DSS). No network: no CRL or OCSP is fetched.
//!
//! The caller extracts the CMS (`/Contents`) and the covered bytes (`/ByteRange`); this
//! module only sees DER.
//!
//! Validation time (as pyHanko's point-in-time validation, with the archive's policy
//! for timestamps): the time of a valid and trusted timestamp token over the signature
//! (PAdES B-T), else the archiving time the caller passes. A signer certificate that
//! has expired by the archiving time is therefore still valid when a trusted timestamp
//! shows the signature existed while it was valid.
//!
//! Supported algorithms: RSA PKCS#1 v1.5 and RSASSA-PSS (MGF1 with the same hash), ECDSA
//! on P-256 and P-384; SHA-256, SHA-384 and SHA-512. SHA-1 and anything else is reported
//! as not supported (the signature is then not valid).
//!
//! Raw DER is kept where bytes are signed: the signed attributes are taken as they stand
//! in the CMS (re-tagged as SET OF), not re-encoded, because `der` sorts a SET OF when
//! decoding and signers do not always write DER order; certificates in the CMS are
//! verified over their own TBS bytes.

use std::time::Duration;

use chrono::{DateTime, Utc};
use cms::cert::CertificateChoices;
use cms::cert::x509::Certificate;
use cms::cert::x509::crl::CertificateList;
use cms::cert::x509::ext::pkix::{BasicConstraints, ExtendedKeyUsage, KeyUsage};
use cms::cert::x509::name::Name;
use cms::cert::x509::spki::{AlgorithmIdentifierOwned, SubjectPublicKeyInfoOwned};
use cms::cert::x509::time::Time;
use cms::content_info::ContentInfo;
use cms::signed_data::{SignedData, SignerIdentifier, SignerInfo};
use der::asn1::{Any, ObjectIdentifier as Oid, OctetString, OctetStringRef};
use der::{Decode, Encode, Reader as _, SliceReader, Tag, Tagged};

/// The verdict on one signature or document timestamp.
#[derive(Debug, Clone, PartialEq)]
pub struct Verdict {
    /// The signature (or timestamp) is intact and cryptographically valid: the
    /// signature value verifies with the signer's key, the messageDigest (or message
    /// imprint) matches the covered bytes, a timestamp token over the signature (if
    /// any) verifies, and the signer's certificate is within its validity at the
    /// validation time and not revoked (as far as the CRLs passed tell).
    pub giltig: bool,
    /// `giltig`, and the signer's certificate chains to a trust anchor with every link
    /// verified, within validity at the validation time, CA certificates allowed to
    /// issue, key usage as required, nothing revoked; and a timestamp token over the
    /// signature (if any) is likewise trusted.
    pub betrodd: bool,
    /// Subject names (CN, else the whole name) from the signer up to the trust anchor,
    /// or as far up as the certificates at hand reach.
    pub kedja: Vec<String>,
    /// The signer's claimed signing time: the signingTime attribute, else the `/M` the
    /// caller passes (RFC 3339).
    pub signeringstid: Option<String>,
    /// The time of the timestamp token (signature timestamp, or the document timestamp
    /// itself), RFC 3339 UTC.
    pub tidsstämpel: Option<String>,
    /// The validation time used: the timestamp's time when a valid and trusted token
    /// covers the signature, else the archiving time (RFC 3339 UTC).
    pub valideringstid: String,
    /// Revocation of the signer's certificate: "ej gjord" (no CRL from its issuer was
    /// available), "kontrollerad: ej spärrad", or "spärrad".
    pub spärrkontroll: String,
    /// Why the signature is not valid or not trusted (empty when both hold).
    pub skäl: Vec<String>,
    /// Remarks that do not affect the verdict (e.g. that OCSP is not checked).
    pub noteringar: Vec<String>,
}

/// What the signature covers: the covered byte ranges in order (for a PDF, `[0, a)` and
/// `[b, end)` of the `/ByteRange`), or a digest the caller computes by algorithm OID.
pub enum Covered<'a> {
    Bytes(&'a [&'a [u8]]),
    Digest(&'a dyn Fn(&Oid) -> Result<Vec<u8>, String>),
}

impl Covered<'_> {
    fn digest(&self, alg: &Oid) -> Result<Vec<u8>, String> {
        match self {
            Covered::Bytes(parts) => hash(alg, parts),
            Covered::Digest(f) => f(alg),
        }
    }
}

/// The archive's trust policy and the validation data at hand.
pub struct Context<'a> {
    /// Trust anchors (the certificates listed under `förtroende:` in kansli.yaml). With
    /// none, nothing is trusted.
    pub anchors: &'a [Certificate],
    /// Further certificates, e.g. from the PDF's /DSS, for building chains.
    pub extra_certs: &'a [Certificate],
    /// CRLs, e.g. from the PDF's /DSS. Only CRLs that verify with the issuer's key are
    /// used.
    pub crls: &'a [CertificateList],
    /// The archiving time: the validation time when no trusted timestamp covers the
    /// signature.
    pub archive_time: DateTime<Utc>,
    /// The signature dictionary's `/M` (RFC 3339), reported when the CMS has no
    /// signingTime attribute (PAdES puts the time in `/M`).
    pub claimed_time: Option<String>,
}

/// Verifies one PAdES/CMS signature (`/Contents` of a `/Sig`, DER, trailing zero
/// padding allowed) over the covered bytes.
///
/// `Err` only when the CMS cannot be read at all; every verification failure is a
/// verdict with `giltig: false` and its reasons.
pub fn verify_signature(
    cms_der: &[u8],
    covered: &Covered<'_>,
    ctx: &Context<'_>,
) -> Result<Verdict, String> {
    let cms = Cms::parse(cms_der)?;
    let pool = CertPool::new(&cms, ctx)?;
    let mut out = Outcome::default();

    let si = cms.signer_info()?;
    let signed = check_signer_info(&cms, si, &pool, OID_DATA, &|alg| covered.digest(alg));
    out.problems.extend(signed.problems);
    let signeringstid = signed.signing_time.or_else(|| ctx.claimed_time.clone());

    // Signature timestamps (PAdES B-T): each is a token over the signature value.
    let signature_value = si.signature.as_bytes();
    let mut best: Option<TokenOutcome> = None;
    for attr in si.unsigned_attrs.iter().flat_map(|a| a.iter()) {
        if attr.oid != OID_SIGNATURE_TIMESTAMP {
            continue;
        }
        for value in attr.values.iter() {
            let token = match value.to_der() {
                Ok(der) => check_token(&der, &|alg| hash(alg, &[signature_value]), ctx, &pool),
                Err(e) => TokenOutcome::unreadable(format!("tidsstämpeln går inte att läsa: {e}")),
            };
            if best.as_ref().is_none_or(|b| token.rank() > b.rank()) {
                best = Some(token);
            }
        }
    }
    let tidsstämpel = best.as_ref().and_then(|t| t.time).map(rfc3339);
    let validation_time = match &best {
        Some(t) if t.valid && t.trusted => t.time.unwrap_or(ctx.archive_time),
        _ => ctx.archive_time,
    };
    if let Some(t) = &best {
        if !t.valid {
            out.problems.extend(t.problems.iter().cloned());
        } else if !t.trusted {
            out.distrust.extend(t.problems.iter().cloned());
            out.distrust.push(
                "tidsstämpeln är inte betrodd, så signaturen bedöms vid arkiveringstiden".into(),
            );
        }
        out.notes.extend(t.notes.iter().cloned());
    }

    let chain = match signed.signer {
        Some(signer) => check_chain(&pool, signer, ctx, validation_time, Usage::Signature),
        None => ChainOutcome::missing(),
    };
    Ok(out.verdict(chain, signeringstid, tidsstämpel, validation_time))
}

/// Verifies a document timestamp (`/Contents` of a `/DocTimeStamp`, PAdES B-LTA): an
/// RFC 3161 token whose message imprint must be the digest of the covered bytes. The
/// TSA's certificate is validated at the archiving time.
pub fn verify_document_timestamp(
    cms_der: &[u8],
    covered: &Covered<'_>,
    ctx: &Context<'_>,
) -> Result<Verdict, String> {
    let cms = Cms::parse(cms_der)?;
    let pool = CertPool::new(&cms, ctx)?;
    let token = check_token_parsed(&cms, &pool, &|alg| covered.digest(alg), ctx);
    let mut out = Outcome::default();
    // A valid token's remaining problems are its chain's, which the verdict adds.
    if !token.valid {
        out.problems.extend(token.problems);
    }
    out.notes.extend(token.notes);
    let chain = token.chain.unwrap_or_else(ChainOutcome::missing);
    let time = token.time.map(rfc3339);
    Ok(out.verdict(chain, None, time, ctx.archive_time))
}

/// Reads trust anchors or other certificates: DER, or PEM with one or more
/// `CERTIFICATE` blocks.
pub fn load_certificates(bytes: &[u8]) -> Result<Vec<Certificate>, String> {
    pem_or_der(bytes, "CERTIFICATE")?
        .iter()
        .map(|der| {
            Certificate::from_der(der).map_err(|e| format!("certifikatet går inte att läsa: {e}"))
        })
        .collect()
}

/// Reads CRLs: DER, or PEM with one or more `X509 CRL` blocks.
pub fn load_crls(bytes: &[u8]) -> Result<Vec<CertificateList>, String> {
    pem_or_der(bytes, "X509 CRL")?
        .iter()
        .map(|der| {
            CertificateList::from_der(der)
                .map_err(|e| format!("spärrlistan går inte att läsa: {e}"))
        })
        .collect()
}

fn pem_or_der(bytes: &[u8], label: &str) -> Result<Vec<Vec<u8>>, String> {
    let begin = format!("-----BEGIN {label}-----");
    let end = format!("-----END {label}-----");
    let Ok(text) = std::str::from_utf8(bytes) else {
        return Ok(vec![bytes.to_vec()]);
    };
    if !text.contains(&begin) {
        return Ok(vec![bytes.to_vec()]);
    }
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find(&begin) {
        let block = &rest[at..];
        let stop = block
            .find(&end)
            .ok_or_else(|| format!("PEM-blocket {label} saknar slutrad"))?
            + end.len();
        let (found, der) = der::pem::decode_vec(&block.as_bytes()[..stop])
            .map_err(|e| format!("PEM-blocket {label} går inte att läsa: {e}"))?;
        if found != label {
            return Err(format!("PEM-blocket är {found}, inte {label}"));
        }
        out.push(der);
        rest = &block[stop..];
    }
    Ok(out)
}

// ---------------------------------------------------------------------------------
// Object identifiers

const fn oid(s: &str) -> Oid {
    Oid::new_unwrap(s)
}
const OID_DATA: Oid = oid("1.2.840.113549.1.7.1");
const OID_SIGNED_DATA: Oid = oid("1.2.840.113549.1.7.2");
const OID_TST_INFO: Oid = oid("1.2.840.113549.1.9.16.1.4");
const OID_CONTENT_TYPE: Oid = oid("1.2.840.113549.1.9.3");
const OID_MESSAGE_DIGEST: Oid = oid("1.2.840.113549.1.9.4");
const OID_SIGNING_TIME: Oid = oid("1.2.840.113549.1.9.5");
const OID_SIGNATURE_TIMESTAMP: Oid = oid("1.2.840.113549.1.9.16.2.14");
const OID_SIGNING_CERTIFICATE_V2: Oid = oid("1.2.840.113549.1.9.16.2.47");
const OID_SHA1: Oid = oid("1.3.14.3.2.26");
const OID_SHA256: Oid = oid("2.16.840.1.101.3.4.2.1");
const OID_SHA384: Oid = oid("2.16.840.1.101.3.4.2.2");
const OID_SHA512: Oid = oid("2.16.840.1.101.3.4.2.3");
const OID_RSA: Oid = oid("1.2.840.113549.1.1.1");
const OID_RSA_PSS: Oid = oid("1.2.840.113549.1.1.10");
const OID_MGF1: Oid = oid("1.2.840.113549.1.1.8");
const OID_SHA256_RSA: Oid = oid("1.2.840.113549.1.1.11");
const OID_SHA384_RSA: Oid = oid("1.2.840.113549.1.1.12");
const OID_SHA512_RSA: Oid = oid("1.2.840.113549.1.1.13");
const OID_EC_PUBLIC_KEY: Oid = oid("1.2.840.10045.2.1");
const OID_ECDSA_SHA256: Oid = oid("1.2.840.10045.4.3.2");
const OID_ECDSA_SHA384: Oid = oid("1.2.840.10045.4.3.3");
const OID_ECDSA_SHA512: Oid = oid("1.2.840.10045.4.3.4");
const OID_P256: Oid = oid("1.2.840.10045.3.1.7");
const OID_P384: Oid = oid("1.3.132.0.34");
const OID_COMMON_NAME: Oid = oid("2.5.4.3");
const OID_SUBJECT_KEY_ID: Oid = oid("2.5.29.14");
const OID_KEY_USAGE: Oid = oid("2.5.29.15");
const OID_SUBJECT_ALT_NAME: Oid = oid("2.5.29.17");
const OID_BASIC_CONSTRAINTS: Oid = oid("2.5.29.19");
const OID_CRL_NUMBER: Oid = oid("2.5.29.20");
const OID_CRL_REASON: Oid = oid("2.5.29.21");
const OID_INVALIDITY_DATE: Oid = oid("2.5.29.24");
const OID_CERTIFICATE_POLICIES: Oid = oid("2.5.29.32");
const OID_AUTHORITY_KEY_ID: Oid = oid("2.5.29.35");
const OID_EXT_KEY_USAGE: Oid = oid("2.5.29.37");
const OID_ANY_EXT_KEY_USAGE: Oid = oid("2.5.29.37.0");
const OID_KP_TIMESTAMPING: Oid = oid("1.3.6.1.5.5.7.3.8");

/// Critical certificate extensions this module processes (or, for certificate
/// policies, accepts without policy processing, as an any-policy relying party).
const KNOWN_CRITICAL: [Oid; 7] = [
    OID_BASIC_CONSTRAINTS,
    OID_KEY_USAGE,
    OID_EXT_KEY_USAGE,
    OID_SUBJECT_KEY_ID,
    OID_AUTHORITY_KEY_ID,
    OID_SUBJECT_ALT_NAME,
    OID_CERTIFICATE_POLICIES,
];

// ---------------------------------------------------------------------------------
// Digests and signature primitives (RustCrypto)

/// The digest of the concatenated parts.
fn hash(alg: &Oid, parts: &[&[u8]]) -> Result<Vec<u8>, String> {
    fn run<D: sha2::Digest>(parts: &[&[u8]]) -> Vec<u8> {
        let mut h = D::new();
        for p in parts {
            h.update(p);
        }
        h.finalize().to_vec()
    }
    match *alg {
        OID_SHA256 => Ok(run::<sha2::Sha256>(parts)),
        OID_SHA384 => Ok(run::<sha2::Sha384>(parts)),
        OID_SHA512 => Ok(run::<sha2::Sha512>(parts)),
        OID_SHA1 => Err("hashalgoritmen SHA-1 godtas inte".into()),
        _ => Err(format!(
            "hashalgoritmen {alg} stöds inte (SHA-256, SHA-384, SHA-512)"
        )),
    }
}

/// The hash a signature algorithm names; `hint` (the CMS digestAlgorithm) for the bare
/// key algorithms that name none.
fn signature_hash(sig_alg: &AlgorithmIdentifierOwned, hint: Option<&Oid>) -> Result<Oid, String> {
    let bare = |what: &str| {
        hint.copied()
            .ok_or_else(|| format!("signaturalgoritmen {what} anger ingen hashalgoritm"))
    };
    match sig_alg.oid {
        OID_SHA256_RSA | OID_ECDSA_SHA256 => Ok(OID_SHA256),
        OID_SHA384_RSA | OID_ECDSA_SHA384 => Ok(OID_SHA384),
        OID_SHA512_RSA | OID_ECDSA_SHA512 => Ok(OID_SHA512),
        OID_RSA => bare("rsaEncryption"),
        OID_EC_PUBLIC_KEY => bare("id-ecPublicKey"),
        OID_RSA_PSS => Ok(pss_params(sig_alg)?.0),
        other => Err(format!("signaturalgoritmen {other} stöds inte")),
    }
}

/// RSASSA-PSS parameters: (hash, salt length). The mask generation must be MGF1 with
/// the same hash and the trailer field 1, as the `rsa` crate implements.
fn pss_params(sig_alg: &AlgorithmIdentifierOwned) -> Result<(Oid, usize), String> {
    let bad = |e: der::Error| format!("RSASSA-PSS-parametrarna går inte att läsa: {e}");
    let der = sig_alg
        .parameters
        .as_ref()
        .ok_or("RSASSA-PSS saknar parametrar")?
        .to_der()
        .map_err(bad)?;
    let p = rsa::pkcs1::RsaPssParams::from_der(&der).map_err(bad)?;
    let hash_oid = p.hash.oid;
    let mgf_hash = p.mask_gen.parameters.as_ref().map(|h| h.oid);
    if p.mask_gen.oid != OID_MGF1 || mgf_hash != Some(hash_oid) {
        return Err("RSASSA-PSS med annan maskfunktion än MGF1 med samma hash stöds inte".into());
    }
    if p.trailer_field != rsa::pkcs1::TrailerField::BC {
        return Err("RSASSA-PSS med annat trailerField än 1 stöds inte".into());
    }
    Ok((hash_oid, usize::from(p.salt_len)))
}

/// Verifies `signature` by `spki`'s key under `sig_alg`; `digest` gives the digest of
/// the signed message for the hash the algorithm uses.
fn verify_signature_value(
    sig_alg: &AlgorithmIdentifierOwned,
    hint: Option<&Oid>,
    spki: &SubjectPublicKeyInfoOwned,
    digest: &dyn Fn(&Oid) -> Result<Vec<u8>, String>,
    signature: &[u8],
) -> Result<(), String> {
    let hash_oid = signature_hash(sig_alg, hint)?;
    let hashed = digest(&hash_oid)?;
    let key_bits = spki
        .subject_public_key
        .as_bytes()
        .ok_or("den publika nyckeln är ingen hel bitsträng")?;
    let mismatch = || {
        format!(
            "signaturalgoritmen {} passar inte nyckeltypen {}",
            sig_alg.oid, spki.algorithm.oid
        )
    };
    let invalid = || "signaturvärdet stämmer inte med nyckeln".to_string();
    match sig_alg.oid {
        OID_RSA | OID_SHA256_RSA | OID_SHA384_RSA | OID_SHA512_RSA | OID_RSA_PSS => {
            if spki.algorithm.oid != OID_RSA && spki.algorithm.oid != OID_RSA_PSS {
                return Err(mismatch());
            }
            use rsa::pkcs1::DecodeRsaPublicKey;
            use rsa::traits::PublicKeyParts;
            let key = rsa::RsaPublicKey::from_pkcs1_der(key_bits)
                .map_err(|e| format!("RSA-nyckeln går inte att läsa: {e}"))?;
            // Some signers drop leading zero bytes of the signature value.
            let mut sig = signature.to_vec();
            if sig.len() < key.size() {
                sig.splice(0..0, std::iter::repeat_n(0u8, key.size() - sig.len()));
            }
            let result = if sig_alg.oid == OID_RSA_PSS {
                let (_, salt) = pss_params(sig_alg)?;
                let scheme = match hash_oid {
                    OID_SHA256 => rsa::Pss::new_with_salt::<sha2::Sha256>(salt),
                    OID_SHA384 => rsa::Pss::new_with_salt::<sha2::Sha384>(salt),
                    OID_SHA512 => rsa::Pss::new_with_salt::<sha2::Sha512>(salt),
                    other => return Err(format!("hashalgoritmen {other} stöds inte för PSS")),
                };
                key.verify(scheme, &hashed, &sig)
            } else {
                let scheme = match hash_oid {
                    OID_SHA256 => rsa::Pkcs1v15Sign::new::<sha2::Sha256>(),
                    OID_SHA384 => rsa::Pkcs1v15Sign::new::<sha2::Sha384>(),
                    OID_SHA512 => rsa::Pkcs1v15Sign::new::<sha2::Sha512>(),
                    other => return Err(format!("hashalgoritmen {other} stöds inte för RSA")),
                };
                key.verify(scheme, &hashed, &sig)
            };
            result.map_err(|_| invalid())
        }
        OID_EC_PUBLIC_KEY | OID_ECDSA_SHA256 | OID_ECDSA_SHA384 | OID_ECDSA_SHA512 => {
            use p256::ecdsa::signature::hazmat::PrehashVerifier;
            if spki.algorithm.oid != OID_EC_PUBLIC_KEY {
                return Err(mismatch());
            }
            let curve: Oid = spki
                .algorithm
                .parameters
                .as_ref()
                .and_then(|p| p.decode_as().ok())
                .ok_or("EC-nyckeln anger ingen namngiven kurva")?;
            let bad_key = |e| format!("EC-nyckeln går inte att läsa: {e}");
            let bad_sig = |e| format!("ECDSA-signaturen går inte att läsa: {e}");
            match curve {
                OID_P256 => {
                    let key =
                        p256::ecdsa::VerifyingKey::from_sec1_bytes(key_bits).map_err(bad_key)?;
                    let sig = p256::ecdsa::Signature::from_der(signature).map_err(bad_sig)?;
                    key.verify_prehash(&hashed, &sig).map_err(|_| invalid())
                }
                OID_P384 => {
                    let key =
                        p384::ecdsa::VerifyingKey::from_sec1_bytes(key_bits).map_err(bad_key)?;
                    let sig = p384::ecdsa::Signature::from_der(signature).map_err(bad_sig)?;
                    key.verify_prehash(&hashed, &sig).map_err(|_| invalid())
                }
                other => Err(format!("EC-kurvan {other} stöds inte (P-256, P-384)")),
            }
        }
        other => Err(format!("signaturalgoritmen {other} stöds inte")),
    }
}

// ---------------------------------------------------------------------------------
// CMS: the decoded SignedData and the raw bytes that are signed

/// One DER element: its first tag byte, the whole encoding and the contents.
#[derive(Debug)]
struct Tlv<'a> {
    tag: u8,
    whole: &'a [u8],
    content: &'a [u8],
}

/// Takes the next DER element off `input` (definite lengths only).
fn next_tlv<'a>(input: &mut &'a [u8]) -> Result<Tlv<'a>, String> {
    let bad = || "CMS-strukturen är inte giltig DER".to_string();
    let data = *input;
    let tag = *data.first().ok_or_else(bad)?;
    if tag & 0x1f == 0x1f {
        return Err(bad());
    }
    let first = *data.get(1).ok_or_else(bad)?;
    let (len, header) = if first < 0x80 {
        (usize::from(first), 2)
    } else {
        let n = usize::from(first & 0x7f);
        if n == 0 {
            return Err("CMS-strukturen har obestämda längder (BER), vilket inte stöds".into());
        }
        if n > 4 {
            return Err(bad());
        }
        let bytes = data.get(2..2 + n).ok_or_else(bad)?;
        (
            bytes.iter().fold(0usize, |a, &b| (a << 8) | usize::from(b)),
            2 + n,
        )
    };
    let end = header
        .checked_add(len)
        .filter(|&e| e <= data.len())
        .ok_or_else(bad)?;
    *input = &data[end..];
    Ok(Tlv {
        tag,
        whole: &data[..end],
        content: &data[header..end],
    })
}

fn expect_tlv<'a>(input: &mut &'a [u8], tag: u8) -> Result<Tlv<'a>, String> {
    let t = next_tlv(input)?;
    if t.tag != tag {
        return Err("CMS-strukturen är inte en SignedData som väntat".into());
    }
    Ok(t)
}

/// A parsed CMS SignedData with the raw bytes of what is signed.
struct Cms {
    sd: SignedData,
    /// The DER of each certificate in `certificates`, in order.
    cert_ders: Vec<Vec<u8>>,
    /// For each SignerInfo, its signedAttrs as signed: re-tagged as SET OF (0x31).
    signed_attrs: Vec<Option<Vec<u8>>>,
}

impl Cms {
    fn parse(der: &[u8]) -> Result<Self, String> {
        // The PDF pads the DER with zeros; read one ContentInfo and ignore the rest.
        let mut reader = SliceReader::new(der).map_err(|e| format!("CMS: {e}"))?;
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

        // The same walk over the raw DER.
        let mut input = der;
        let ci = expect_tlv(&mut input, 0x30)?;
        let mut c = ci.content;
        expect_tlv(&mut c, 0x06)?;
        let explicit = expect_tlv(&mut c, 0xa0)?;
        let mut e = explicit.content;
        let body = expect_tlv(&mut e, 0x30)?;
        let mut s = body.content;
        expect_tlv(&mut s, 0x02)?; // version
        expect_tlv(&mut s, 0x31)?; // digestAlgorithms
        expect_tlv(&mut s, 0x30)?; // encapContentInfo
        let mut cert_ders = Vec::new();
        let mut signed_attrs = Vec::new();
        while !s.is_empty() {
            let t = next_tlv(&mut s)?;
            match t.tag {
                0xa0 => {
                    let mut certs = t.content;
                    while !certs.is_empty() {
                        let cert = next_tlv(&mut certs)?;
                        if cert.tag == 0x30 {
                            cert_ders.push(cert.whole.to_vec());
                        }
                    }
                }
                0x31 => {
                    let mut infos = t.content;
                    while !infos.is_empty() {
                        let info = expect_tlv(&mut infos, 0x30)?;
                        let mut f = info.content;
                        expect_tlv(&mut f, 0x02)?; // version
                        next_tlv(&mut f)?; // sid
                        expect_tlv(&mut f, 0x30)?; // digestAlgorithm
                        let attrs = if f.first() == Some(&0xa0) {
                            let mut whole = next_tlv(&mut f)?.whole.to_vec();
                            whole[0] = 0x31;
                            Some(whole)
                        } else {
                            None
                        };
                        signed_attrs.push(attrs);
                    }
                }
                _ => {}
            }
        }
        let decoded_certs = sd.certificates.as_ref().map_or(0, |c| {
            c.0.iter()
                .filter(|c| matches!(c, CertificateChoices::Certificate(_)))
                .count()
        });
        if decoded_certs != cert_ders.len() || signed_attrs.len() != sd.signer_infos.0.len() {
            return Err("CMS-strukturen går inte att läsa entydigt".into());
        }
        Ok(Cms {
            sd,
            cert_ders,
            signed_attrs,
        })
    }

    /// The one SignerInfo (PAdES and RFC 3161 tokens have exactly one).
    fn signer_info(&self) -> Result<&SignerInfo, String> {
        let n = self.sd.signer_infos.0.len();
        if n != 1 {
            return Err(format!(
                "signaturen har {n} undertecknare (SignerInfo); exakt en väntas"
            ));
        }
        Ok(self.sd.signer_infos.0.iter().next().expect("one"))
    }
}

// ---------------------------------------------------------------------------------
// Certificates

/// A certificate with its own DER and TBS bytes.
struct Cert {
    der: Vec<u8>,
    tbs: Vec<u8>,
    cert: Certificate,
}

impl Cert {
    fn from_der(der: Vec<u8>) -> Result<Self, String> {
        let cert = Certificate::from_der(&der)
            .map_err(|e| format!("ett certifikat går inte att läsa: {e}"))?;
        let mut input = der.as_slice();
        let outer = expect_tlv(&mut input, 0x30)?;
        let mut inner = outer.content;
        let tbs = expect_tlv(&mut inner, 0x30)?.whole.to_vec();
        Ok(Cert { der, tbs, cert })
    }

    fn from_cert(cert: &Certificate) -> Result<Self, String> {
        Self::from_der(
            cert.to_der()
                .map_err(|e| format!("ett certifikat går inte att koda: {e}"))?,
        )
    }

    fn tbs(&self) -> &cms::cert::x509::TbsCertificate {
        &self.cert.tbs_certificate
    }

    fn name(&self) -> String {
        display_name(&self.tbs().subject)
    }

    fn extension<T: for<'a> Decode<'a>>(&self, id: Oid) -> Result<Option<T>, String> {
        let Some(ext) = self
            .tbs()
            .extensions
            .iter()
            .flatten()
            .find(|e| e.extn_id == id)
        else {
            return Ok(None);
        };
        T::from_der(ext.extn_value.as_bytes())
            .map(Some)
            .map_err(|e| {
                format!(
                    "tillägget {id} i certifikatet för {} går inte att läsa: {e}",
                    self.name()
                )
            })
    }

    fn subject_key_id(&self) -> Option<Vec<u8>> {
        self.extension::<OctetString>(OID_SUBJECT_KEY_ID)
            .ok()
            .flatten()
            .map(|o| o.as_bytes().to_vec())
    }

    fn authority_key_id(&self) -> Option<Vec<u8>> {
        self.extension::<cms::cert::x509::ext::pkix::AuthorityKeyIdentifier>(OID_AUTHORITY_KEY_ID)
            .ok()
            .flatten()
            .and_then(|a| a.key_identifier)
            .map(|o| o.as_bytes().to_vec())
    }

    /// Whether `issuer`'s key verifies this certificate's signature.
    fn signed_by(&self, issuer: &Cert) -> Result<(), String> {
        if self.cert.signature_algorithm != self.tbs().signature {
            return Err(format!(
                "certifikatet för {} anger två olika signaturalgoritmer",
                self.name()
            ));
        }
        let sig = self
            .cert
            .signature
            .as_bytes()
            .ok_or("certifikatets signatur är ingen hel bitsträng")?;
        verify_signature_value(
            &self.cert.signature_algorithm,
            None,
            &issuer.tbs().subject_public_key_info,
            &|alg| hash(alg, &[&self.tbs]),
            sig,
        )
    }

    fn validity(&self) -> (DateTime<Utc>, DateTime<Utc>) {
        let v = &self.tbs().validity;
        (to_chrono(v.not_before), to_chrono(v.not_after))
    }

    /// Why the certificate is not valid at `t`, if it is not.
    fn outside_validity(&self, t: DateTime<Utc>) -> Option<String> {
        let (from, to) = self.validity();
        if t < from {
            Some(format!(
                "certifikatet för {} gäller först från {} (valideringstid {})",
                self.name(),
                rfc3339(from),
                rfc3339(t)
            ))
        } else if t > to {
            Some(format!(
                "certifikatet för {} gick ut {} (valideringstid {})",
                self.name(),
                rfc3339(to),
                rfc3339(t)
            ))
        } else {
            None
        }
    }

    /// Critical extensions this module does not process.
    fn unknown_critical(&self) -> Vec<Oid> {
        self.tbs()
            .extensions
            .iter()
            .flatten()
            .filter(|e| e.critical && !KNOWN_CRITICAL.contains(&e.extn_id))
            .map(|e| e.extn_id)
            .collect()
    }

    fn same_as(&self, other: &Cert) -> bool {
        self.der == other.der
            || (self.tbs().subject == other.tbs().subject
                && self.tbs().subject_public_key_info == other.tbs().subject_public_key_info)
    }
}

/// The certificates at hand: the CMS's own, the caller's extra ones, and (separately)
/// the trust anchors.
struct CertPool {
    certs: Vec<Cert>,
    anchors: Vec<Cert>,
}

impl CertPool {
    fn new(cms: &Cms, ctx: &Context<'_>) -> Result<Self, String> {
        let mut certs = Vec::new();
        for der in &cms.cert_ders {
            certs.push(Cert::from_der(der.clone())?);
        }
        for c in ctx.extra_certs {
            certs.push(Cert::from_cert(c)?);
        }
        let anchors = ctx
            .anchors
            .iter()
            .map(Cert::from_cert)
            .collect::<Result<_, _>>()?;
        Ok(CertPool { certs, anchors })
    }

    /// A pool for a timestamp token inside a signature: the token's certificates
    /// first, then everything the outer pool has.
    fn with_token(&self, token: &Cms) -> Result<Self, String> {
        let mut certs = Vec::new();
        for der in &token.cert_ders {
            certs.push(Cert::from_der(der.clone())?);
        }
        for c in &self.certs {
            certs.push(Cert::from_der(c.der.clone())?);
        }
        let anchors = self
            .anchors
            .iter()
            .map(|a| Cert::from_der(a.der.clone()))
            .collect::<Result<_, _>>()?;
        Ok(CertPool { certs, anchors })
    }

    /// The certificate the SignerIdentifier names.
    fn find_signer(&self, sid: &SignerIdentifier) -> Option<&Cert> {
        self.certs.iter().chain(&self.anchors).find(|c| match sid {
            SignerIdentifier::IssuerAndSerialNumber(is) => {
                c.tbs().serial_number == is.serial_number && c.tbs().issuer == is.issuer
            }
            SignerIdentifier::SubjectKeyIdentifier(ski) => {
                c.subject_key_id().as_deref() == Some(ski.0.as_bytes())
            }
        })
    }
}

// ---------------------------------------------------------------------------------
// SignerInfo checks (shared by signatures and timestamp tokens)

struct SignerCheck<'p> {
    signer: Option<&'p Cert>,
    signing_time: Option<String>,
    /// Empty when the signature value, messageDigest and attributes all check out.
    problems: Vec<String>,
}

/// Checks the SignerInfo's signature value with the signer's key and its messageDigest
/// against `content_digest`; `content_type` is what the contentType attribute must say.
fn check_signer_info<'p>(
    cms: &Cms,
    si: &SignerInfo,
    pool: &'p CertPool,
    content_type: Oid,
    content_digest: &dyn Fn(&Oid) -> Result<Vec<u8>, String>,
) -> SignerCheck<'p> {
    let mut problems = Vec::new();
    let mut signing_time = None;
    let signer = pool.find_signer(&si.sid);
    let Some(cert) = signer else {
        return SignerCheck {
            signer: None,
            signing_time: None,
            problems: vec!["undertecknarens certifikat finns inte med i signaturen".into()],
        };
    };
    let index = cms
        .sd
        .signer_infos
        .0
        .iter()
        .position(|s| std::ptr::eq(s, si))
        .unwrap_or(0);
    let digest_alg = si.digest_alg.oid;
    let sig = si.signature.as_bytes();
    let spki = &cert.tbs().subject_public_key_info;

    match (
        &si.signed_attrs,
        cms.signed_attrs.get(index).and_then(Option::as_ref),
    ) {
        (Some(attrs), Some(raw)) => {
            let single = |id: Oid| -> Result<Option<&Any>, String> {
                let found: Vec<_> = attrs.iter().filter(|a| a.oid == id).collect();
                match found.as_slice() {
                    [] => Ok(None),
                    [a] if a.values.len() == 1 => Ok(a.values.iter().next()),
                    _ => Err(format!(
                        "det signerade attributet {id} förekommer mer än en gång"
                    )),
                }
            };
            // contentType must name what is signed.
            match single(OID_CONTENT_TYPE) {
                Ok(Some(v)) if v.decode_as::<Oid>().ok() == Some(content_type) => {}
                Ok(Some(_)) => problems.push(format!(
                    "det signerade attributet contentType är inte {content_type}"
                )),
                Ok(None) => {
                    problems.push("signaturen saknar det signerade attributet contentType".into())
                }
                Err(e) => problems.push(e),
            }
            // messageDigest must be the digest of the content.
            match single(OID_MESSAGE_DIGEST) {
                Ok(Some(v)) => match (v.decode_as::<OctetStringRef>(), content_digest(&digest_alg)) {
                    (Ok(signed), Ok(actual)) if signed.as_bytes() == actual.as_slice() => {}
                    (Ok(_), Ok(_)) => problems.push(
                        "signaturens messageDigest stämmer inte med det signerade innehållet: det har ändrats efter signeringen".into(),
                    ),
                    (Err(e), _) => problems.push(format!("messageDigest går inte att läsa: {e}")),
                    (_, Err(e)) => problems.push(e),
                },
                Ok(None) => problems.push("signaturen saknar det signerade attributet messageDigest".into()),
                Err(e) => problems.push(e),
            }
            if let Ok(Some(v)) = single(OID_SIGNING_TIME) {
                signing_time = v
                    .to_der()
                    .ok()
                    .and_then(|der| Time::from_der(&der).ok())
                    .map(|t| rfc3339(to_chrono(t)));
            }
            if let Err(e) = check_signing_certificate(attrs, cert) {
                problems.push(e);
            }
            if let Err(e) = verify_signature_value(
                &si.signature_algorithm,
                Some(&digest_alg),
                spki,
                &|alg| hash(alg, &[raw]),
                sig,
            ) {
                problems.push(e);
            }
        }
        (None, None) => {
            // No signed attributes (possible with adbe.pkcs7.detached): the signature
            // is directly over the content's digest.
            if let Err(e) = verify_signature_value(
                &si.signature_algorithm,
                Some(&digest_alg),
                spki,
                content_digest,
                sig,
            ) {
                problems.push(e);
            }
        }
        _ => problems.push("de signerade attributen går inte att läsa entydigt".into()),
    }
    SignerCheck {
        signer,
        signing_time,
        problems,
    }
}

/// The ESS signing-certificate-v2 attribute (RFC 5035), if present, must name the
/// signer's certificate: the first ESSCertIDv2's hash is over the certificate's DER.
/// The v1 attribute (SHA-1 hash) is not checked.
fn check_signing_certificate(
    attrs: &cms::signed_data::SignedAttributes,
    cert: &Cert,
) -> Result<(), String> {
    let Some(attr) = attrs.iter().find(|a| a.oid == OID_SIGNING_CERTIFICATE_V2) else {
        return Ok(());
    };
    let bad = |e: der::Error| format!("attributet signingCertificateV2 går inte att läsa: {e}");
    let value = attr
        .values
        .iter()
        .next()
        .ok_or("signingCertificateV2 är tomt")?;
    // SigningCertificateV2 ::= SEQUENCE { certs SEQUENCE OF ESSCertIDv2, policies … }
    // ESSCertIDv2 ::= SEQUENCE { hashAlgorithm DEFAULT sha256, certHash OCTET STRING,
    //                            issuerSerial OPTIONAL }
    let mut r = SliceReader::new(value.value()).map_err(bad)?;
    let certs: Any = r.decode().map_err(bad)?;
    let mut r = SliceReader::new(certs.value()).map_err(bad)?;
    let first: Any = r.decode().map_err(bad)?;
    let mut r = SliceReader::new(first.value()).map_err(bad)?;
    let mut alg = OID_SHA256;
    let mut next: Any = r.decode().map_err(bad)?;
    if next.tag() == Tag::Sequence {
        let a: AlgorithmIdentifierOwned = next.decode_as().map_err(bad)?;
        alg = a.oid;
        next = r.decode().map_err(bad)?;
    }
    let cert_hash: OctetStringRef = next.decode_as().map_err(bad)?;
    if hash(&alg, &[&cert.der])? != cert_hash.as_bytes() {
        return Err(
            "attributet signingCertificateV2 pekar ut ett annat certifikat än det som signerat"
                .into(),
        );
    }
    Ok(())
}

// ---------------------------------------------------------------------------------
// Timestamp tokens (RFC 3161)

struct TokenOutcome {
    /// The token is intact: signature value, messageDigest over the TSTInfo, message
    /// imprint, genTime within the TSA certificate's validity.
    valid: bool,
    /// `valid`, and the TSA's chain is trusted at the archiving time.
    trusted: bool,
    time: Option<DateTime<Utc>>,
    problems: Vec<String>,
    notes: Vec<String>,
    chain: Option<ChainOutcome>,
}

impl TokenOutcome {
    fn unreadable(why: String) -> Self {
        TokenOutcome {
            valid: false,
            trusted: false,
            time: None,
            problems: vec![why],
            notes: Vec::new(),
            chain: None,
        }
    }

    fn rank(&self) -> u8 {
        u8::from(self.valid) + u8::from(self.trusted)
    }
}

/// A signature timestamp token (a ContentInfo inside the unsigned attributes).
fn check_token(
    der: &[u8],
    imprint: &dyn Fn(&Oid) -> Result<Vec<u8>, String>,
    ctx: &Context<'_>,
    outer: &CertPool,
) -> TokenOutcome {
    let token = match Cms::parse(der) {
        Ok(t) => t,
        Err(e) => return TokenOutcome::unreadable(format!("tidsstämpeln: {e}")),
    };
    let pool = match outer.with_token(&token) {
        Ok(p) => p,
        Err(e) => return TokenOutcome::unreadable(format!("tidsstämpeln: {e}")),
    };
    check_token_parsed(&token, &pool, imprint, ctx)
}

fn check_token_parsed(
    token: &Cms,
    pool: &CertPool,
    imprint: &dyn Fn(&Oid) -> Result<Vec<u8>, String>,
    ctx: &Context<'_>,
) -> TokenOutcome {
    let fail = |why: String| TokenOutcome::unreadable(format!("tidsstämpeln: {why}"));
    let si = match token.signer_info() {
        Ok(si) => si,
        Err(e) => return fail(e),
    };
    let eci = &token.sd.encap_content_info;
    if eci.econtent_type != OID_TST_INFO {
        return fail(format!("innehållet är {}, inte TSTInfo", eci.econtent_type));
    }
    let Some(content) = eci.econtent.as_ref() else {
        return fail("TSTInfo saknas".into());
    };
    let tst_der = match content.decode_as::<OctetStringRef>() {
        Ok(o) => o.as_bytes().to_vec(),
        Err(e) => return fail(format!("TSTInfo går inte att läsa: {e}")),
    };
    let tst = match tst_info(&tst_der) {
        Ok(t) => t,
        Err(e) => return fail(e),
    };
    let mut problems = Vec::new();
    let check = check_signer_info(token, si, pool, OID_TST_INFO, &|alg| hash(alg, &[&tst_der]));
    problems.extend(
        check
            .problems
            .into_iter()
            .map(|p| format!("tidsstämpelns signatur: {p}")),
    );
    match imprint(&tst.imprint_alg) {
        Ok(want) if want == tst.imprint => {}
        Ok(_) => problems.push(
            "tidsstämpelns messageImprint stämmer inte med det tidsstämplade (signaturvärdet eller filens innehåll)".into(),
        ),
        Err(e) => problems.push(format!("tidsstämpeln: {e}")),
    }
    let mut chain = None;
    if let Some(tsa) = check.signer {
        let (from, to) = tsa.validity();
        if tst.time < from || tst.time > to {
            problems.push(format!(
                "tidsstämpeln är utfärdad {} då TSA-certifikatet ({}) inte var giltigt",
                rfc3339(tst.time),
                tsa.name()
            ));
        }
        chain = Some(check_chain(
            pool,
            tsa,
            ctx,
            ctx.archive_time,
            Usage::Timestamp,
        ));
    }
    let valid = problems.is_empty();
    let mut notes = Vec::new();
    let trusted = match &chain {
        Some(c) if valid => {
            notes.extend(c.notes.iter().cloned());
            if c.leaf_ok && c.trusted {
                true
            } else {
                problems.extend(
                    c.problems
                        .iter()
                        .map(|p| format!("tidsstämpelns certifikat: {p}")),
                );
                false
            }
        }
        _ => false,
    };
    TokenOutcome {
        valid,
        trusted,
        time: Some(tst.time),
        problems,
        notes,
        chain,
    }
}

struct TstInfo {
    imprint_alg: Oid,
    imprint: Vec<u8>,
    time: DateTime<Utc>,
}

/// The fields of a TSTInfo that are needed, read one by one with `der` (not as
/// `x509_tsp::TstInfo`) because TSAs may write fractional seconds in genTime, which
/// `der`'s GeneralizedTime refuses.
fn tst_info(der: &[u8]) -> Result<TstInfo, String> {
    let bad = |e: der::Error| format!("TSTInfo går inte att läsa: {e}");
    let seq = Any::from_der(der).map_err(bad)?;
    let mut r = SliceReader::new(seq.value()).map_err(bad)?;
    let _version: Any = r.decode().map_err(bad)?;
    let _policy: Any = r.decode().map_err(bad)?;
    let imprint: x509_tsp::MessageImprint = r.decode().map_err(bad)?;
    let _serial: Any = r.decode().map_err(bad)?;
    let gen_time: Any = r.decode().map_err(bad)?;
    if gen_time.tag() != Tag::GeneralizedTime {
        return Err("TSTInfo har ingen genTime".into());
    }
    let time = generalized_time(gen_time.value()).ok_or("genTime går inte att läsa")?;
    Ok(TstInfo {
        imprint_alg: imprint.hash_algorithm.oid,
        imprint: imprint.hashed_message.as_bytes().to_vec(),
        time,
    })
}

/// `YYYYMMDDHHMMSS[.f…]Z`.
fn generalized_time(v: &[u8]) -> Option<DateTime<Utc>> {
    let s = std::str::from_utf8(v).ok()?.strip_suffix('Z')?;
    let (whole, frac) = s.split_once('.').unwrap_or((s, ""));
    if whole.len() != 14 || !whole.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    if !frac.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let naive = chrono::NaiveDateTime::parse_from_str(whole, "%Y%m%d%H%M%S").ok()?;
    let nanos: u32 = if frac.is_empty() {
        0
    } else {
        format!("{:0<9}", &frac[..frac.len().min(9)]).parse().ok()?
    };
    Some(naive.and_utc() + chrono::Duration::nanoseconds(i64::from(nanos)))
}

// ---------------------------------------------------------------------------------
// Certificate chains

#[derive(Clone, Copy, PartialEq)]
enum Usage {
    Signature,
    Timestamp,
}

#[derive(Clone, Debug, PartialEq)]
enum Revocation {
    NotChecked,
    Good,
    Revoked,
}

struct ChainOutcome {
    names: Vec<String>,
    /// The leaf certificate is within its validity at the validation time and not
    /// revoked.
    leaf_ok: bool,
    /// A path to an anchor was found and every link holds.
    trusted: bool,
    revocation: Revocation,
    problems: Vec<String>,
    notes: Vec<String>,
}

impl ChainOutcome {
    fn missing() -> Self {
        ChainOutcome {
            names: Vec::new(),
            leaf_ok: false,
            trusted: false,
            revocation: Revocation::NotChecked,
            problems: Vec::new(),
            notes: Vec::new(),
        }
    }
}

const MAX_PATH: usize = 8;

/// Every path from `leaf` up to a trust anchor: the certificates after the leaf, the
/// last an anchor. Each step's signature is verified while building.
fn paths<'p>(pool: &'p CertPool, leaf: &'p Cert) -> Vec<Vec<&'p Cert>> {
    fn walk<'p>(
        pool: &'p CertPool,
        cert: &'p Cert,
        path: &mut Vec<&'p Cert>,
        out: &mut Vec<Vec<&'p Cert>>,
    ) {
        if out.len() >= 4 || path.len() > MAX_PATH {
            return;
        }
        let aki = cert.authority_key_id();
        let issues = |c: &Cert| {
            c.tbs().subject == cert.tbs().issuer
                && match (&aki, c.subject_key_id()) {
                    (Some(a), Some(s)) => *a == s,
                    _ => true,
                }
                && cert.signed_by(c).is_ok()
        };
        for anchor in &pool.anchors {
            if issues(anchor) {
                let mut done = path.clone();
                done.push(anchor);
                out.push(done);
            }
        }
        for cand in &pool.certs {
            let seen = cand.same_as(cert) || path.iter().any(|p| p.same_as(cand));
            if seen || pool.anchors.iter().any(|a| a.same_as(cand)) || !issues(cand) {
                continue;
            }
            path.push(cand);
            walk(pool, cand, path, out);
            path.pop();
        }
    }
    // The leaf may itself be a trust anchor.
    if let Some(a) = pool.anchors.iter().find(|a| a.same_as(leaf)) {
        return vec![vec![a]];
    }
    let mut out = Vec::new();
    walk(pool, leaf, &mut Vec::new(), &mut out);
    out
}

/// The issuers above `leaf` as far as the pool reaches, for naming an untrusted chain.
fn partial_path<'p>(pool: &'p CertPool, leaf: &'p Cert) -> Vec<&'p Cert> {
    let mut out: Vec<&Cert> = Vec::new();
    let mut cur = leaf;
    while out.len() < MAX_PATH && cur.tbs().subject != cur.tbs().issuer {
        let next = pool.certs.iter().find(|c| {
            c.tbs().subject == cur.tbs().issuer
                && !c.same_as(cur)
                && !out.iter().any(|o| o.same_as(c))
                && cur.signed_by(c).is_ok()
        });
        match next {
            Some(n) => {
                out.push(n);
                cur = n;
            }
            None => break,
        }
    }
    out
}

/// Validates `leaf`'s chain at `time`.
fn check_chain(
    pool: &CertPool,
    leaf: &Cert,
    ctx: &Context<'_>,
    time: DateTime<Utc>,
    usage: Usage,
) -> ChainOutcome {
    let mut out = ChainOutcome::missing();
    out.notes.push(
        "OCSP-svar kontrolleras inte; spärrkontroll görs bara mot spärrlistor (CRL) som skickas med"
            .into(),
    );
    let leaf_time = leaf.outside_validity(time);
    let candidates = paths(pool, leaf);

    // Evaluate each path; the first that holds wins, else the first one is reported.
    let mut evaluated: Vec<(Vec<String>, Revocation, bool, Vec<String>)> = Vec::new();
    for path in &candidates {
        let mut problems = Vec::new();
        let mut notes = Vec::new();
        check_links(leaf, path, time, usage, &mut problems);
        let (revocation, any_revoked) =
            check_revocation(leaf, path, ctx, time, &mut problems, &mut notes);
        let holds = problems.is_empty() && leaf_time.is_none();
        evaluated.push((problems, revocation, any_revoked, notes));
        if holds {
            break;
        }
    }
    let chosen = evaluated
        .iter()
        .position(|(p, ..)| p.is_empty())
        .or(if evaluated.is_empty() { None } else { Some(0) });

    let mut names = vec![leaf.name()];
    match chosen {
        Some(i) => {
            let (problems, revocation, any_revoked, notes) = evaluated.swap_remove(i);
            names.extend(candidates[i].iter().map(|c| c.name()));
            out.trusted = problems.is_empty() && leaf_time.is_none();
            out.leaf_ok = leaf_time.is_none() && !any_revoked;
            out.revocation = revocation;
            out.problems = problems;
            out.notes.extend(notes);
        }
        None => {
            let partial = partial_path(pool, leaf);
            names.extend(partial.iter().map(|c| c.name()));
            let (revocation, any_revoked) =
                check_revocation(leaf, &partial, ctx, time, &mut out.problems, &mut out.notes);
            out.revocation = revocation;
            out.leaf_ok = leaf_time.is_none() && !any_revoked;
            out.problems.push(if pool.anchors.is_empty() {
                "inga betrodda rotcertifikat är angivna (förtroende i kansli.yaml)".to_string()
            } else {
                format!(
                    "certifikatkedjan för {} når inget betrott rotcertifikat",
                    leaf.name()
                )
            });
        }
    }
    if let Some(why) = leaf_time {
        out.problems.insert(0, why);
    }
    out.names = names;
    out
}

/// Checks the links of `path` (issuers above `leaf`, the last the anchor): validity at
/// `time` of every certificate but the anchor (RFC 5280: the anchor is trusted as
/// configured), CA constraints and key usage of the issuers, the leaf's usage.
fn check_links(
    leaf: &Cert,
    path: &[&Cert],
    time: DateTime<Utc>,
    usage: Usage,
    problems: &mut Vec<String>,
) {
    let anchor_is_leaf = path.len() == 1 && path[0].same_as(leaf);
    // The leaf's own usage.
    if !anchor_is_leaf {
        check_leaf_usage(leaf, usage, problems);
    }
    let unknown = leaf.unknown_critical();
    if !unknown.is_empty() && !anchor_is_leaf {
        problems.push(format!(
            "certifikatet för {} har kritiska tillägg som inte stöds: {}",
            leaf.name(),
            join_oids(&unknown)
        ));
    }
    let intermediates = if anchor_is_leaf {
        &path[..0]
    } else {
        &path[..path.len() - 1]
    };
    for (depth, ca) in intermediates.iter().enumerate() {
        if let Some(why) = ca.outside_validity(time) {
            problems.push(why);
        }
        let unknown = ca.unknown_critical();
        if !unknown.is_empty() {
            problems.push(format!(
                "certifikatet för {} har kritiska tillägg som inte stöds: {}",
                ca.name(),
                join_oids(&unknown)
            ));
        }
        // `depth` intermediates lie between this CA and the leaf.
        check_issuer(ca, Some(depth), problems);
    }
    if !anchor_is_leaf && let Some(anchor) = path.last() {
        // The anchor's own constraints are not checked (RFC 5280, 6.1: a trust anchor
        // is trusted as configured), but it must be able to sign certificates at all.
        if let Ok(Some(ku)) = anchor.extension::<KeyUsage>(OID_KEY_USAGE)
            && !ku.key_cert_sign()
        {
            problems.push(format!(
                "rotcertifikatet {} får inte utfärda certifikat (keyUsage saknar keyCertSign)",
                anchor.name()
            ));
        }
    }
}

fn check_issuer(ca: &Cert, below: Option<usize>, problems: &mut Vec<String>) {
    match ca.extension::<BasicConstraints>(OID_BASIC_CONSTRAINTS) {
        Ok(Some(bc)) if bc.ca => {
            if let (Some(limit), Some(below)) = (bc.path_len_constraint, below)
                && below > usize::from(limit)
            {
                problems.push(format!(
                    "{} får bara ha {limit} mellanliggande CA under sig (pathLenConstraint)",
                    ca.name()
                ));
            }
        }
        Ok(_) => problems.push(format!(
            "{} är inte en CA (basicConstraints cA saknas) men har utfärdat ett certifikat i kedjan",
            ca.name()
        )),
        Err(e) => problems.push(e),
    }
    match ca.extension::<KeyUsage>(OID_KEY_USAGE) {
        Ok(Some(ku)) if !ku.key_cert_sign() => problems.push(format!(
            "{} får inte utfärda certifikat (keyUsage saknar keyCertSign)",
            ca.name()
        )),
        Ok(_) => {}
        Err(e) => problems.push(e),
    }
}

fn check_leaf_usage(leaf: &Cert, usage: Usage, problems: &mut Vec<String>) {
    match leaf.extension::<KeyUsage>(OID_KEY_USAGE) {
        Ok(Some(ku)) if usage == Usage::Signature && !(ku.non_repudiation() || ku.digital_signature()) => {
            problems.push(format!(
                "certifikatet för {} får inte användas för underskrifter (keyUsage saknar nonRepudiation och digitalSignature)",
                leaf.name()
            ))
        }
        Ok(_) => {}
        Err(e) => problems.push(e),
    }
    if usage == Usage::Timestamp {
        match leaf.extension::<ExtendedKeyUsage>(OID_EXT_KEY_USAGE) {
            Ok(Some(eku))
                if !eku.0.contains(&OID_KP_TIMESTAMPING) && !eku.0.contains(&OID_ANY_EXT_KEY_USAGE) =>
            {
                problems.push(format!(
                    "certifikatet för {} får inte användas för tidsstämplar (extendedKeyUsage saknar timeStamping)",
                    leaf.name()
                ))
            }
            Ok(_) => {}
            Err(e) => problems.push(e),
        }
    }
}

/// Checks the certificates of the chain (all but the anchor) against the CRLs passed.
/// Returns the leaf's status and whether any certificate of the chain is revoked.
fn check_revocation(
    leaf: &Cert,
    path: &[&Cert],
    ctx: &Context<'_>,
    time: DateTime<Utc>,
    problems: &mut Vec<String>,
    notes: &mut Vec<String>,
) -> (Revocation, bool) {
    if path.len() == 1 && path[0].same_as(leaf) {
        return (Revocation::NotChecked, false);
    }
    let mut subjects = vec![leaf];
    subjects.extend(path.iter().take(path.len().saturating_sub(1)));
    let mut leaf_status = Revocation::NotChecked;
    let mut any_revoked = false;
    for (i, cert) in subjects.iter().enumerate() {
        let Some(issuer) = path.get(i) else {
            break;
        };
        let status = crl_status(cert, issuer, ctx, time, notes);
        if let Revocation::Revoked = status {
            any_revoked = true;
            problems.push(if i == 0 {
                format!("certifikatet för {} är spärrat", cert.name())
            } else {
                format!("utfärdarens certifikat ({}) är spärrat", cert.name())
            });
        }
        if i == 0 {
            leaf_status = status;
        } else if any_revoked {
            leaf_status = Revocation::Revoked;
        }
    }
    (leaf_status, any_revoked)
}

/// The status of `cert` by the CRLs from `issuer` among those passed.
fn crl_status(
    cert: &Cert,
    issuer: &Cert,
    ctx: &Context<'_>,
    time: DateTime<Utc>,
    notes: &mut Vec<String>,
) -> Revocation {
    let mut status = Revocation::NotChecked;
    for crl in ctx.crls {
        let tbs = &crl.tbs_cert_list;
        if tbs.issuer != cert.tbs().issuer {
            continue;
        }
        if let Err(why) = usable_crl(crl, issuer, time) {
            notes.push(format!(
                "en spärrlista från {} används inte: {why}",
                display_name(&tbs.issuer)
            ));
            continue;
        }
        let entry = tbs
            .revoked_certificates
            .iter()
            .flatten()
            .find(|r| r.serial_number == cert.tbs().serial_number);
        match entry {
            Some(r) if to_chrono(r.revocation_date) <= time => return Revocation::Revoked,
            Some(r) => {
                notes.push(format!(
                    "certifikatet för {} spärrades {}, efter valideringstiden",
                    cert.name(),
                    rfc3339(to_chrono(r.revocation_date))
                ));
                status = Revocation::Good;
            }
            None => status = Revocation::Good,
        }
    }
    status
}

/// Whether a CRL can be used for `issuer`'s certificates at `time`: signed by the
/// issuer's key, the issuer allowed to sign CRLs, a complete CRL (no critical
/// extension such as a delta indicator or issuing distribution point), and not stale
/// (its nextUpdate not before `time`, unless it was issued after `time`).
fn usable_crl(crl: &CertificateList, issuer: &Cert, time: DateTime<Utc>) -> Result<(), String> {
    let tbs = &crl.tbs_cert_list;
    if crl.signature_algorithm != tbs.signature {
        return Err("två olika signaturalgoritmer".into());
    }
    let tbs_der = tbs.to_der().map_err(|e| format!("kan inte kodas: {e}"))?;
    let sig = crl
        .signature
        .as_bytes()
        .ok_or("signaturen är ingen hel bitsträng")?;
    verify_signature_value(
        &crl.signature_algorithm,
        None,
        &issuer.tbs().subject_public_key_info,
        &|alg| hash(alg, &[&tbs_der]),
        sig,
    )
    .map_err(|e| format!("signaturen håller inte ({e})"))?;
    if let Ok(Some(ku)) = issuer.extension::<KeyUsage>(OID_KEY_USAGE)
        && !ku.crl_sign()
    {
        return Err("utfärdaren får inte signera spärrlistor (keyUsage saknar cRLSign)".into());
    }
    let critical: Vec<Oid> = tbs
        .crl_extensions
        .iter()
        .flatten()
        .filter(|e| e.critical && e.extn_id != OID_CRL_NUMBER && e.extn_id != OID_AUTHORITY_KEY_ID)
        .map(|e| e.extn_id)
        .collect();
    if !critical.is_empty() {
        return Err(format!(
            "den har kritiska tillägg som inte stöds: {}",
            join_oids(&critical)
        ));
    }
    let entry_critical = tbs.revoked_certificates.iter().flatten().any(|r| {
        r.crl_entry_extensions
            .iter()
            .flatten()
            .any(|e| e.critical && e.extn_id != OID_CRL_REASON && e.extn_id != OID_INVALIDITY_DATE)
    });
    if entry_critical {
        return Err("en post har kritiska tillägg som inte stöds (indirekt spärrlista?)".into());
    }
    let issued = to_chrono(tbs.this_update);
    if let Some(next) = tbs.next_update.map(to_chrono)
        && next < time
        && issued < time
    {
        return Err(format!(
            "den är inaktuell (nextUpdate {} före valideringstiden {})",
            rfc3339(next),
            rfc3339(time)
        ));
    }
    Ok(())
}

// ---------------------------------------------------------------------------------
// The verdict

#[derive(Default)]
struct Outcome {
    /// Problems that make the signature not valid.
    problems: Vec<String>,
    /// Problems that make it not trusted (but not invalid).
    distrust: Vec<String>,
    notes: Vec<String>,
}

impl Outcome {
    fn verdict(
        mut self,
        chain: ChainOutcome,
        signeringstid: Option<String>,
        tidsstämpel: Option<String>,
        validation_time: DateTime<Utc>,
    ) -> Verdict {
        let crypto_ok = self.problems.is_empty();
        let giltig = crypto_ok && chain.leaf_ok;
        if crypto_ok && !chain.leaf_ok {
            // The reasons the leaf is not usable are among the chain's problems.
            self.problems.extend(chain.problems.iter().cloned());
        } else if giltig && !chain.trusted {
            self.distrust.extend(chain.problems.iter().cloned());
        }
        let betrodd = giltig && chain.trusted && self.distrust.is_empty();
        let mut skäl = self.problems;
        if giltig {
            skäl.extend(self.distrust);
        }
        let mut notes = self.notes;
        for n in chain.notes {
            if !notes.contains(&n) {
                notes.push(n);
            }
        }
        skäl.dedup();
        Verdict {
            giltig,
            betrodd,
            kedja: chain.names,
            signeringstid,
            tidsstämpel,
            valideringstid: rfc3339(validation_time),
            spärrkontroll: match chain.revocation {
                Revocation::NotChecked => "ej gjord",
                Revocation::Good => "kontrollerad: ej spärrad",
                Revocation::Revoked => "spärrad",
            }
            .into(),
            skäl,
            noteringar: notes,
        }
    }
}

// ---------------------------------------------------------------------------------
// Small helpers

fn to_chrono(t: Time) -> DateTime<Utc> {
    let d: Duration = t.to_unix_duration();
    DateTime::from_timestamp(d.as_secs() as i64, 0).unwrap_or_default()
}

fn rfc3339(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true)
}

fn join_oids(oids: &[Oid]) -> String {
    oids.iter()
        .map(Oid::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

/// The CN of a name, else the whole name (RFC 4514).
fn display_name(name: &Name) -> String {
    for rdn in name.0.iter() {
        for atv in rdn.0.iter() {
            if atv.oid != OID_COMMON_NAME {
                continue;
            }
            if let Ok(s) = atv.value.decode_as::<der::asn1::Utf8StringRef>() {
                return s.as_str().to_string();
            }
            if let Ok(s) = atv.value.decode_as::<der::asn1::PrintableStringRef>() {
                return s.as_str().to_string();
            }
            if let Ok(s) = atv.value.decode_as::<der::asn1::Ia5StringRef>() {
                return s.as_str().to_string();
            }
            if let Ok(s) = atv.value.decode_as::<der::asn1::TeletexStringRef>() {
                return s.as_str().to_string();
            }
        }
    }
    name.to_string()
}

#[cfg(test)]
#[path = "verify_sig_oracle.rs"]
mod oracle;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generalized_times() {
        let t = generalized_time(b"20261123085238.123Z").unwrap();
        assert_eq!(rfc3339(t), "2026-11-23T08:52:38.123Z");
        let t = generalized_time(b"20261123085238Z").unwrap();
        assert_eq!(rfc3339(t), "2026-11-23T08:52:38Z");
        assert!(generalized_time(b"202611230852Z").is_none());
        assert!(generalized_time(b"20261123085238+0100").is_none());
    }

    #[test]
    fn der_elements() {
        let mut input: &[u8] = &[0x30, 0x03, 0x02, 0x01, 0x05, 0xff];
        let t = next_tlv(&mut input).unwrap();
        assert_eq!((t.tag, t.content), (0x30, &[0x02, 0x01, 0x05][..]));
        assert_eq!(input, &[0xff]);
        let mut long: Vec<u8> = vec![0x04, 0x81, 0x80];
        long.extend(std::iter::repeat_n(7, 0x80));
        let mut input = long.as_slice();
        assert_eq!(next_tlv(&mut input).unwrap().content.len(), 0x80);
        let mut indefinite: &[u8] = &[0x30, 0x80, 0x00, 0x00];
        assert!(next_tlv(&mut indefinite).unwrap_err().contains("BER"));
        let mut short: &[u8] = &[0x30, 0x05, 0x00];
        assert!(next_tlv(&mut short).is_err());
    }

    #[test]
    fn garbage_is_an_error_not_a_verdict() {
        let ctx = Context {
            anchors: &[],
            extra_certs: &[],
            crls: &[],
            archive_time: Utc::now(),
            claimed_time: None,
        };
        assert!(verify_signature(b"not cms", &Covered::Bytes(&[b"x"]), &ctx).is_err());
    }

    #[test]
    fn unsupported_hashes_are_named() {
        assert!(hash(&OID_SHA1, &[b"x"]).unwrap_err().contains("SHA-1"));
        assert_eq!(
            hash(&OID_SHA256, &[b"a", b"bc"]).unwrap(),
            hash(&OID_SHA256, &[b"abc"]).unwrap()
        );
    }
}
