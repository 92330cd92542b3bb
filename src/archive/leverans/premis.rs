//! Preservation metadata, PREMIS 3.0 (`metadata/preservation/premis.xml`):
//!
//! - an object per PDF: its archive path as identifier, SHA-256 fixity (the manifest's),
//!   size, format (PDF/A part and level with its PRONOM id, the claimed standards as a
//!   note), kansli as creating application, its place in the package, and for a signed
//!   version a derivation relationship to its original;
//! - events: creation by kansli (from which source), archiving, signing (when the time
//!   is known), each signature validation with its outcome when the manifest records
//!   one (manifest version 2), and the creation of this package;
//! - agents: kansli in every version named, and the signers.
//!
//! Event types are from the Library of Congress vocabulary (id.loc.gov, eventType).

use std::collections::BTreeMap;

use super::xml::Xml;
use super::{Doc, REP, xsd_time};

const ID_TYPE: &str = "kansli-arkiv";
const EVENT_ID_TYPE: &str = "kansli-händelse";
const AGENT_ID_TYPE: &str = "kansli-agent";

/// PRONOM id of a PDF/A part and conformance level.
fn pronom(part: &str, level: &str) -> Option<&'static str> {
    Some(match (part, level) {
        ("1", "a") => "fmt/95",
        ("1", "b") => "fmt/354",
        ("2", "a") => "fmt/476",
        ("2", "b") => "fmt/477",
        ("2", "u") => "fmt/478",
        ("3", "a") => "fmt/479",
        ("3", "b") => "fmt/480",
        ("3", "u") => "fmt/481",
        _ => return None,
    })
}

fn kansli_agent(version: &str) -> String {
    format!("kansli/{version}")
}

fn signer_agent(name: &str) -> String {
    format!("undertecknare/{name}")
}

struct Event<'a> {
    id: String,
    kind: &'a str,
    time: String,
    detail: String,
    outcome: Option<String>,
    notes: Vec<String>,
    agents: Vec<(String, &'a str)>,
    object: Option<&'a str>,
}

pub fn premis(docs: &[Doc], created: &str, version: &str) -> Vec<u8> {
    let mut x = Xml::new();
    open_premis(&mut x);
    for d in docs {
        object(&mut x, d);
    }

    // Agents: kansli by version (BTreeMap: sorted, once each), the signers.
    let mut agents: BTreeMap<String, (String, &str, Option<String>)> = BTreeMap::new();
    agents.insert(
        kansli_agent(version),
        ("kansli".into(), "software", Some(version.to_string())),
    );
    let mut events = Vec::new();
    for d in docs {
        let kansli = d.kansli_version.as_deref().unwrap_or(version);
        agents.insert(
            kansli_agent(kansli),
            ("kansli".into(), "software", Some(kansli.to_string())),
        );
        let when = xsd_time(&d.arkiverad);
        if d.original.is_none() {
            let mut detail = format!("PDF-filen gjordes av kansli {kansli}");
            if let Some(k) = &d.kalla {
                detail.push_str(&format!(" från {k}"));
                if let Some(sha) = &d.kalla_sha256 {
                    detail.push_str(&format!(" (SHA-256 {sha})"));
                }
            }
            events.push(Event {
                id: format!("skapande/{}", d.fil),
                kind: "creation",
                time: when.clone(),
                detail,
                outcome: None,
                notes: Vec::new(),
                agents: vec![(kansli_agent(kansli), "executing program")],
                object: Some(&d.fil),
            });
        }
        events.push(Event {
            id: format!("arkivering/{}", d.fil),
            kind: "ingestion",
            time: when.clone(),
            detail: match &d.original {
                Some(o) => format!(
                    "Den signerade versionen togs emot och arkiverades bredvid sitt original {o} (kansli archive --signed)"
                ),
                None => "Arkiverad i kanslis skrivskyddade arkiv, med SHA-256 i arkivets manifest".into(),
            },
            outcome: None,
            notes: Vec::new(),
            agents: vec![(kansli_agent(kansli), "executing program")],
            object: Some(&d.fil),
        });
        for (i, s) in d.signaturer.iter().enumerate() {
            let n = i + 1;
            let signer = s.undertecknare.as_deref();
            if let Some(name) = signer {
                agents.insert(signer_agent(name), (name.to_string(), "person", None));
            }
            let sign_time = s
                .tid
                .as_deref()
                .or(s.tidsstampel.as_deref())
                .and_then(valid_time);
            if let Some(t) = sign_time {
                events.push(Event {
                    id: format!("signering/{}/{n}", d.fil),
                    kind: "digital signature generation",
                    time: t,
                    detail: format!(
                        "Signerad av {}{}",
                        signer.unwrap_or("okänd undertecknare"),
                        s.utfardare
                            .as_deref()
                            .map(|u| format!(" (certifikat utfärdat av {u})"))
                            .unwrap_or_default()
                    ),
                    outcome: None,
                    notes: Vec::new(),
                    agents: signer
                        .map(|nm| vec![(signer_agent(nm), "signer")])
                        .unwrap_or_default(),
                    object: Some(&d.fil),
                });
            }
            if let Some(giltig) = s.giltig {
                let betrodd = s.betrodd.unwrap_or(false);
                let outcome = match (giltig, betrodd) {
                    (true, true) => "giltig, betrodd",
                    (true, false) => "giltig, inte betrodd",
                    (false, _) => "ogiltig",
                };
                let mut notes = Vec::new();
                if !s.kedja.is_empty() {
                    notes.push(format!("kedja: {}", s.kedja.join(" → ")));
                }
                if let Some(t) = &s.tidsstampel {
                    notes.push(format!("tidsstämpel: {t}"));
                }
                if let Some(sp) = &s.sparrkontroll {
                    notes.push(format!("spärrkontroll: {sp}"));
                }
                events.push(Event {
                    id: format!("signaturvalidering/{}/{n}", d.fil),
                    kind: "digital signature validation",
                    time: when.clone(),
                    detail: format!(
                        "Signaturen av {} prövades av kansli när filen arkiverades: signaturvärde, tidsstämpel och certifikatkedja mot arkivets förtroendeankare",
                        signer.unwrap_or("okänd undertecknare")
                    ),
                    outcome: Some(outcome.to_string()),
                    notes,
                    agents: vec![(kansli_agent(kansli), "validator")],
                    object: Some(&d.fil),
                });
            }
        }
    }
    events.push(Event {
        id: "leverans".into(),
        kind: "information package creation",
        time: created.to_string(),
        detail: format!(
            "Leveranspaketet (E-ARK SIP) gjordes av kansli {version} (kansli leverans) med {} filer ur arkivet",
            docs.len()
        ),
        outcome: None,
        notes: Vec::new(),
        agents: vec![(kansli_agent(version), "executing program")],
        object: None,
    });
    for e in &events {
        event(&mut x, e);
    }
    for (id, (name, kind, v)) in &agents {
        x.open("premis:agent", &[]);
        x.open("premis:agentIdentifier", &[])
            .text("premis:agentIdentifierType", &[], AGENT_ID_TYPE)
            .text("premis:agentIdentifierValue", &[], id)
            .close();
        x.text("premis:agentName", &[], name);
        x.text("premis:agentType", &[], kind);
        x.text_opt("premis:agentVersion", v.as_deref());
        x.close();
    }
    x.close();
    x.finish()
}

/// The representation's PREMIS (`representations/<REP>/metadata/preservation/
/// premis.xml`): the representation as an object that includes every file, whose own
/// objects, events and agents are in the package's PREMIS.
pub fn representation(docs: &[Doc]) -> Vec<u8> {
    let mut x = Xml::new();
    open_premis(&mut x);
    x.open("premis:object", &[("xsi:type", "premis:representation")]);
    x.open("premis:objectIdentifier", &[])
        .text("premis:objectIdentifierType", &[], "kansli-leverans")
        .text(
            "premis:objectIdentifierValue",
            &[],
            &format!("representations/{REP}"),
        )
        .close();
    x.open("premis:storage", &[])
        .open("premis:contentLocation", &[])
        .text("premis:contentLocationType", &[], "sökväg i paketet")
        .text(
            "premis:contentLocationValue",
            &[],
            &format!("representations/{REP}/data"),
        )
        .close()
        .close();
    x.open("premis:relationship", &[])
        .text("premis:relationshipType", &[], "structural")
        .text("premis:relationshipSubType", &[], "includes");
    for d in docs {
        x.open("premis:relatedObjectIdentifier", &[])
            .text("premis:relatedObjectIdentifierType", &[], ID_TYPE)
            .text("premis:relatedObjectIdentifierValue", &[], &d.fil)
            .close();
    }
    x.close();
    x.close();
    x.close();
    x.finish()
}

fn open_premis(x: &mut Xml) {
    x.open(
        "premis:premis",
        &[
            ("xmlns:premis", "http://www.loc.gov/premis/v3"),
            ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
            (
                "xsi:schemaLocation",
                "http://www.loc.gov/premis/v3 http://www.loc.gov/standards/premis/v3/premis.xsd",
            ),
            ("version", "3.0"),
        ],
    );
}

/// A time as xsd:dateTime when it is one (RFC 3339); the manifest may hold a PDF date
/// "as written" that is not.
fn valid_time(t: &str) -> Option<String> {
    chrono::DateTime::parse_from_rfc3339(t)
        .ok()
        .map(|t| xsd_time(&t))
}

fn object(x: &mut Xml, d: &Doc) {
    x.open("premis:object", &[("xsi:type", "premis:file")]);
    x.open("premis:objectIdentifier", &[])
        .text("premis:objectIdentifierType", &[], ID_TYPE)
        .text("premis:objectIdentifierValue", &[], &d.fil)
        .close();
    x.open("premis:objectCharacteristics", &[]);
    x.text("premis:compositionLevel", &[], "0");
    x.open("premis:fixity", &[])
        .text("premis:messageDigestAlgorithm", &[], "SHA-256")
        .text("premis:messageDigest", &[], &d.sha256)
        .text("premis:messageDigestOriginator", &[], "kansli")
        .close();
    x.text("premis:size", &[], &d.storlek.to_string());
    x.open("premis:format", &[]);
    match d.pdfa() {
        Some((part, level)) => {
            x.open("premis:formatDesignation", &[])
                .text("premis:formatName", &[], "PDF/A")
                .text("premis:formatVersion", &[], &format!("{part}{level}"))
                .close();
            if let Some(key) = pronom(&part, &level) {
                x.open("premis:formatRegistry", &[])
                    .text("premis:formatRegistryName", &[], "PRONOM")
                    .text("premis:formatRegistryKey", &[], key)
                    .close();
            }
        }
        None => {
            x.open("premis:formatDesignation", &[])
                .text("premis:formatName", &[], "PDF")
                .close();
        }
    }
    if !d.pdf_standard.is_empty() {
        x.text(
            "premis:formatNote",
            &[],
            &format!("Gör anspråk på: {}", d.pdf_standard.join(", ")),
        );
    }
    x.close();
    if d.original.is_none() {
        let version = d.kansli_version.as_deref().unwrap_or("okänd");
        x.open("premis:creatingApplication", &[])
            .text("premis:creatingApplicationName", &[], "kansli")
            .text("premis:creatingApplicationVersion", &[], version)
            .text(
                "premis:dateCreatedByApplication",
                &[],
                &xsd_time(&d.arkiverad),
            )
            .close();
    }
    x.close();
    x.text("premis:originalName", &[], &d.fil);
    x.open("premis:storage", &[])
        .open("premis:contentLocation", &[])
        .text("premis:contentLocationType", &[], "sökväg i paketet")
        .text("premis:contentLocationValue", &[], &d.href())
        .close()
        .close();
    if let Some(o) = &d.original {
        x.open("premis:relationship", &[])
            .text("premis:relationshipType", &[], "derivation")
            .text("premis:relationshipSubType", &[], "has source")
            .open("premis:relatedObjectIdentifier", &[])
            .text("premis:relatedObjectIdentifierType", &[], ID_TYPE)
            .text("premis:relatedObjectIdentifierValue", &[], o)
            .close()
            .close();
    }
    x.close();
}

fn event(x: &mut Xml, e: &Event) {
    x.open("premis:event", &[]);
    x.open("premis:eventIdentifier", &[])
        .text("premis:eventIdentifierType", &[], EVENT_ID_TYPE)
        .text("premis:eventIdentifierValue", &[], &e.id)
        .close();
    x.text("premis:eventType", &[], e.kind);
    x.text("premis:eventDateTime", &[], &e.time);
    x.open("premis:eventDetailInformation", &[])
        .text("premis:eventDetail", &[], &e.detail)
        .close();
    if let Some(o) = &e.outcome {
        x.open("premis:eventOutcomeInformation", &[]);
        x.text("premis:eventOutcome", &[], o);
        for n in &e.notes {
            x.open("premis:eventOutcomeDetail", &[])
                .text("premis:eventOutcomeDetailNote", &[], n)
                .close();
        }
        x.close();
    }
    for (agent, role) in &e.agents {
        x.open("premis:linkingAgentIdentifier", &[])
            .text("premis:linkingAgentIdentifierType", &[], AGENT_ID_TYPE)
            .text("premis:linkingAgentIdentifierValue", &[], agent)
            .text("premis:linkingAgentRole", &[], role)
            .close();
    }
    if let Some(o) = e.object {
        // What a validation looks at is its source; what the others make, their outcome.
        let role = if e.kind == "digital signature validation" {
            "source"
        } else {
            "outcome"
        };
        x.open("premis:linkingObjectIdentifier", &[])
            .text("premis:linkingObjectIdentifierType", &[], ID_TYPE)
            .text("premis:linkingObjectIdentifierValue", &[], o)
            .text("premis:linkingObjectRole", &[], role)
            .close();
    }
    x.close();
}
