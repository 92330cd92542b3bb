//! The package METS and the representation METS, after the E-ARK CSIP 2.1 and SIP 2.1
//! METS profiles (requirement ids in comments, CSIPn / SIPn).
//!
//! Content information type: kansli's packages follow no E-ARK content information type
//! specification (CITS) with rules of its own, so they say `OTHER` and name their own
//! descriptive format (`kansli-arende-1`) in `csip:OTHERCONTENTINFORMATIONTYPE`; the
//! reference validator requires the attribute on the root (CSIP4, CSIP5) and on every
//! file group (CSIP62, CSIP63).

use super::xml::Xml;
use super::{DESCRIPTIVE_TYPE, Doc, REP, xsd_time};

const NS_METS: &str = "http://www.loc.gov/METS/";
const NS_CSIP: &str = "https://DILCIS.eu/XML/METS/CSIPExtensionMETS";
const NS_SIP: &str = "https://DILCIS.eu/XML/METS/SIPExtensionMETS";
const NS_XLINK: &str = "http://www.w3.org/1999/xlink";
const NS_XSI: &str = "http://www.w3.org/2001/XMLSchema-instance";
/// SIP2: the profile of a submission package.
const PROFILE_SIP: &str = "https://earksip.dilcis.eu/profile/E-ARK-SIP.xml";
/// CSIP2: content category, from the CSIP vocabulary.
const CONTENT_CATEGORY: &str = "Textual works – Digital";

/// A referenced file: where, how big, its SHA-256, when made, its MIME type.
pub struct Ref {
    pub href: String,
    pub size: u64,
    pub sha256: String,
    pub created: String,
    pub mime: &'static str,
}

/// What the package METS says.
pub struct Root<'a> {
    pub id: &'a str,
    pub label: &'a str,
    pub created: &'a str,
    pub version: &'a str,
    /// One per descriptive file: (label, file).
    pub descriptive: Vec<(String, Ref)>,
    pub preservation: Vec<Ref>,
    pub documentation: Vec<Ref>,
    pub schemas: Vec<Ref>,
    /// The representation METS.
    pub representation: Ref,
}

/// A path as the `xlink:href` of a relative URL: characters that cannot stand in a URL
/// path are percent-encoded (letters outside ASCII stay, as in an IRI).
pub fn uri_path(p: &str) -> String {
    let mut out = String::with_capacity(p.len());
    for c in p.chars() {
        let keep = c.is_ascii_alphanumeric()
            || "-._~!$&'()*+,;=:@/".contains(c)
            || (!c.is_ascii() && !c.is_control() && !c.is_whitespace());
        if keep {
            out.push(c);
        } else {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        }
    }
    out
}

fn schema_location(prefix: &str) -> String {
    format!(
        "{NS_METS} {prefix}schemas/mets.xsd {NS_XLINK} {prefix}schemas/xlink.xsd {NS_CSIP} {prefix}schemas/DILCISExtensionMETS.xsd {NS_SIP} {prefix}schemas/DILCISExtensionSIPMETS.xsd"
    )
}

/// The root element's attributes (CSIP1–CSIP6, SIP1–SIP2).
fn open_mets(x: &mut Xml, objid: &str, label: &str, schema_prefix: &str) {
    let location = schema_location(schema_prefix);
    x.open(
        "mets:mets",
        &[
            ("xmlns:mets", NS_METS),
            ("xmlns:csip", NS_CSIP),
            ("xmlns:sip", NS_SIP),
            ("xmlns:xlink", NS_XLINK),
            ("xmlns:xsi", NS_XSI),
            ("OBJID", objid),
            ("LABEL", label),
            ("TYPE", CONTENT_CATEGORY),
            ("csip:CONTENTINFORMATIONTYPE", "OTHER"),
            ("csip:OTHERCONTENTINFORMATIONTYPE", DESCRIPTIVE_TYPE),
            ("PROFILE", PROFILE_SIP),
            ("xsi:schemaLocation", &location),
        ],
    );
}

/// The header (CSIP7–CSIP16, SIP4): kansli as the creating software. No archival
/// creator or submitting agent (SIP9–SIP20): the archive knows each document's nämnd
/// (in the descriptive metadata) but not the organisation it belongs to.
fn header(x: &mut Xml, created: &str, version: &str) {
    x.open(
        "mets:metsHdr",
        &[
            ("CREATEDATE", created),
            ("LASTMODDATE", created),
            ("csip:OAISPACKAGETYPE", "SIP"),
        ],
    );
    x.open(
        "mets:agent",
        &[
            ("ROLE", "CREATOR"),
            ("TYPE", "OTHER"),
            ("OTHERTYPE", "SOFTWARE"),
        ],
    )
    .text("mets:name", &[], "kansli")
    .text(
        "mets:note",
        &[("csip:NOTETYPE", "SOFTWARE VERSION")],
        version,
    )
    .close();
    x.close();
}

fn csip_other() -> [(&'static str, &'static str); 2] {
    [
        ("csip:CONTENTINFORMATIONTYPE", "OTHER"),
        ("csip:OTHERCONTENTINFORMATIONTYPE", DESCRIPTIVE_TYPE),
    ]
}

/// An `mdRef` (CSIP22–CSIP30, CSIP36–CSIP44).
fn md_ref(x: &mut Xml, r: &Ref, mdtype: &str, label: Option<&str>) {
    let size = r.size.to_string();
    let href = uri_path(&r.href);
    let mut attrs: Vec<(&str, &str)> = vec![
        ("LOCTYPE", "URL"),
        ("xlink:type", "simple"),
        ("xlink:href", &href),
        ("MDTYPE", mdtype),
    ];
    if mdtype == "OTHER" {
        attrs.push(("OTHERMDTYPE", DESCRIPTIVE_TYPE));
    } else {
        attrs.push(("MDTYPEVERSION", "3.0"));
    }
    if let Some(l) = label {
        attrs.push(("LABEL", l));
    }
    attrs.extend([
        ("MIMETYPE", r.mime),
        ("SIZE", size.as_str()),
        ("CREATED", r.created.as_str()),
        ("CHECKSUM", r.sha256.as_str()),
        ("CHECKSUMTYPE", "SHA-256"),
    ]);
    x.empty("mets:mdRef", &attrs);
}

/// A `file` with its `FLocat` (CSIP67–CSIP79); `extra`: SIP32–SIP33 format attributes.
fn file(x: &mut Xml, id: &str, r: &Ref, extra: &[(&str, &str)]) {
    let size = r.size.to_string();
    let mut attrs: Vec<(&str, &str)> = vec![
        ("ID", id),
        ("MIMETYPE", r.mime),
        ("SIZE", &size),
        ("CREATED", &r.created),
        ("CHECKSUM", &r.sha256),
        ("CHECKSUMTYPE", "SHA-256"),
    ];
    attrs.extend_from_slice(extra);
    let href = uri_path(&r.href);
    x.open("mets:file", &attrs)
        .empty(
            "mets:FLocat",
            &[
                ("LOCTYPE", "URL"),
                ("xlink:type", "simple"),
                ("xlink:href", &href),
            ],
        )
        .close();
}

/// The package METS (`METS.xml`).
pub fn root(r: &Root) -> Vec<u8> {
    let mut x = Xml::new();
    open_mets(&mut x, r.id, r.label, "");
    header(&mut x, r.created, r.version);

    // CSIP17–CSIP30: one dmdSec per descriptive file.
    let dmd_ids: Vec<String> = (1..=r.descriptive.len())
        .map(|i| format!("dmd-{i}"))
        .collect();
    for (id, (label, f)) in dmd_ids.iter().zip(&r.descriptive) {
        x.open(
            "mets:dmdSec",
            &[("ID", id), ("CREATED", r.created), ("STATUS", "CURRENT")],
        );
        md_ref(&mut x, f, "OTHER", Some(label));
        x.close();
    }
    // CSIP31–CSIP44: the PREMIS file(s) as digital provenance.
    let amd_ids: Vec<String> = (1..=r.preservation.len())
        .map(|i| format!("premis-{i}"))
        .collect();
    x.open("mets:amdSec", &[("ID", "amdsec")]);
    for (id, f) in amd_ids.iter().zip(&r.preservation) {
        x.open("mets:digiprovMD", &[("ID", id), ("STATUS", "CURRENT")]);
        md_ref(&mut x, f, "PREMIS", None);
        x.close();
    }
    x.close();

    // CSIP58–CSIP79, CSIP113–CSIP114.
    let mut n = 0;
    let mut next_id = || {
        n += 1;
        format!("file-{n}")
    };
    let other = csip_other();
    x.open("mets:fileSec", &[("ID", "filesec")]);
    x.open(
        "mets:fileGrp",
        &[
            ("ID", "grp-documentation"),
            ("USE", "Documentation"),
            other[0],
            other[1],
        ],
    );
    for f in &r.documentation {
        file(&mut x, &next_id(), f, &[]);
    }
    x.close();
    x.open(
        "mets:fileGrp",
        &[
            ("ID", "grp-schemas"),
            ("USE", "Schemas"),
            other[0],
            other[1],
        ],
    );
    for f in &r.schemas {
        file(&mut x, &next_id(), f, &[]);
    }
    x.close();
    let rep_use = format!("Representations/{REP}");
    x.open(
        "mets:fileGrp",
        &[("ID", "grp-rep-1"), ("USE", &rep_use), other[0], other[1]],
    );
    file(&mut x, &next_id(), &r.representation, &[]);
    x.close();
    x.close();

    // CSIP80–CSIP119: the structural map.
    x.open(
        "mets:structMap",
        &[
            ("ID", "structmap-csip"),
            ("TYPE", "PHYSICAL"),
            ("LABEL", "CSIP"),
        ],
    );
    x.open("mets:div", &[("ID", "div-root"), ("LABEL", r.id)]);
    let dmdid = dmd_ids.join(" ");
    let admid = amd_ids.join(" ");
    let mut meta: Vec<(&str, &str)> = vec![("ID", "div-metadata"), ("LABEL", "Metadata")];
    if !dmdid.is_empty() {
        meta.push(("DMDID", &dmdid));
    }
    if !admid.is_empty() {
        meta.push(("ADMID", &admid));
    }
    x.empty("mets:div", &meta);
    x.open(
        "mets:div",
        &[("ID", "div-documentation"), ("LABEL", "Documentation")],
    )
    .empty("mets:fptr", &[("FILEID", "grp-documentation")])
    .close();
    x.open("mets:div", &[("ID", "div-schemas"), ("LABEL", "Schemas")])
        .empty("mets:fptr", &[("FILEID", "grp-schemas")])
        .close();
    let rep_href = uri_path(&r.representation.href);
    x.open(
        "mets:div",
        &[("ID", "div-representations"), ("LABEL", "Representations")],
    )
    .empty("mets:fptr", &[("FILEID", "grp-rep-1")])
    .open("mets:div", &[("ID", "div-rep-1"), ("LABEL", &rep_use)])
    .empty(
        "mets:mptr",
        &[
            ("LOCTYPE", "URL"),
            ("xlink:type", "simple"),
            ("xlink:href", &rep_href),
            ("xlink:title", "grp-rep-1"),
        ],
    )
    .close()
    .close();
    x.close();
    x.close();
    x.close();
    x.finish()
}

/// The representation METS (`representations/<REP>/METS.xml`): every PDF, with the
/// manifest's SHA-256 and the PDF/A version it claims, and the representation's PREMIS.
pub fn representation(docs: &[Doc], premis: &Ref, created: &str, version: &str) -> Vec<u8> {
    let mut x = Xml::new();
    open_mets(
        &mut x,
        REP,
        "PDF/A-filerna ur kanslis arkiv, originalen och de signerade versionerna",
        "../../",
    );
    header(&mut x, created, version);
    x.open("mets:amdSec", &[("ID", "amdsec")]).open(
        "mets:digiprovMD",
        &[("ID", "premis-1"), ("STATUS", "CURRENT")],
    );
    md_ref(&mut x, premis, "PREMIS", None);
    x.close().close();
    let other = csip_other();
    x.open("mets:fileSec", &[("ID", "filesec")]);
    x.open(
        "mets:fileGrp",
        &[("ID", "grp-data"), ("USE", "Data"), other[0], other[1]],
    );
    for (i, d) in docs.iter().enumerate() {
        let r = Ref {
            href: format!("data/{}", d.fil),
            size: d.storlek,
            sha256: d.sha256.clone(),
            created: xsd_time(&d.arkiverad),
            mime: "application/pdf",
        };
        let pdfa = d.pdfa().map(|(part, level)| format!("{part}{level}"));
        let mut extra: Vec<(&str, &str)> = Vec::new();
        if let Some(v) = &pdfa {
            extra.push(("sip:FILEFORMATNAME", "PDF/A"));
            extra.push(("sip:FILEFORMATVERSION", v));
        }
        file(&mut x, &format!("file-{}", i + 1), &r, &extra);
    }
    x.close();
    x.close();
    x.open(
        "mets:structMap",
        &[
            ("ID", "structmap-csip"),
            ("TYPE", "PHYSICAL"),
            ("LABEL", "CSIP"),
        ],
    );
    x.open("mets:div", &[("ID", "div-root"), ("LABEL", REP)])
        .empty(
            "mets:div",
            &[
                ("ID", "div-metadata"),
                ("LABEL", "Metadata"),
                ("ADMID", "premis-1"),
            ],
        )
        .open("mets:div", &[("ID", "div-data"), ("LABEL", "Data")])
        .empty("mets:fptr", &[("FILEID", "grp-data")])
        .close()
        .close();
    x.close();
    x.close();
    x.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hrefs_are_relative_urls() {
        assert_eq!(
            uri_path("data/2024/HSN-1-2024/a b#1.pdf"),
            "data/2024/HSN-1-2024/a%20b%231.pdf"
        );
        assert_eq!(uri_path("data/sammanträde.pdf"), "data/sammanträde.pdf");
    }
}
