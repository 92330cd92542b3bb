//! Descriptive metadata, one XML file per ärende (schema `kansli-arende-1`, shipped as
//! `schemas/kansli-arende-1.xsd`). Element names are FGS Ärendehantering's where they
//! fit (Leveransobjekt, ArkivbildarStruktur, ArkivobjektArende, Arendemening,
//! ArkivobjektListaHandlingar, ArkivobjektHandling, Handlingstyp, Bilaga …); what FGS
//! has no element for (nämnd per handling, sekretess with lagrum, signatures, the
//! meeting a document without Dnr belongs to) has kansli's own names. The README maps
//! every element to its manifest field.

use super::xml::Xml;
use super::{DESCRIPTIVE_NS, Doc, Group, GroupKind, Sekretess, Sig, xsd_time};

/// The label of a group for the METS `dmdSec`.
pub fn label(g: &Group, docs: &[Doc]) -> String {
    match &g.kind {
        GroupKind::Arende { dnr } => format!("Ärende {dnr}: {}", arendemening(g, docs)),
        GroupKind::Sammantrade { namnd, datum } => format!("Sammanträde: {namnd} {datum}"),
    }
}

/// The ärende's title: the rubrik of its (earliest) tjänsteskrivelse, else of its
/// (earliest) rapport, else of its earliest document.
fn arendemening<'a>(g: &Group, docs: &'a [Doc]) -> &'a str {
    let rank = |d: &Doc| match d.dokumenttyp.as_str() {
        "tjänsteskrivelse" => 0,
        "rapport" => 1,
        _ => 2,
    };
    g.docs
        .iter()
        .map(|&i| &docs[i])
        .min_by(|a, b| {
            (rank(a), a.datum, a.original.is_some(), &a.fil).cmp(&(
                rank(b),
                b.datum,
                b.original.is_some(),
                &b.fil,
            ))
        })
        .map(|d| d.rubrik.as_str())
        .unwrap_or("")
}

pub fn descriptive(g: &Group, docs: &[Doc]) -> Vec<u8> {
    let members: Vec<&Doc> = g.docs.iter().map(|&i| &docs[i]).collect();
    let mut x = Xml::new();
    let schema_location = format!("{DESCRIPTIVE_NS} ../../schemas/kansli-arende-1.xsd");
    x.open(
        "Leveransobjekt",
        &[
            ("xmlns", DESCRIPTIVE_NS),
            ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
            ("xsi:schemaLocation", &schema_location),
            ("version", "1"),
        ],
    );
    let mut namnder: Vec<&str> = members.iter().map(|d| d.namnd.as_str()).collect();
    namnder.sort();
    namnder.dedup();
    x.open("ArkivbildarStruktur", &[]);
    for n in namnder {
        x.open("Arkivbildare", &[]).text("Namn", &[], n).close();
    }
    x.close();
    match &g.kind {
        GroupKind::Arende { dnr } => {
            x.open("ArkivobjektArende", &[]);
            x.text("ArkivobjektID", &[], dnr);
            x.text("Arendemening", &[], arendemening(g, docs));
            let first = members.iter().map(|d| d.datum).min().expect("non-empty");
            x.text("Skapad", &[], &first.to_string());
            // The ärende is secret when any of its documents is; all their lagrum.
            let marked: Vec<&Sekretess> = members
                .iter()
                .filter_map(|d| d.sekretess.as_ref())
                .collect();
            if !marked.is_empty() {
                let mut lagrum: Vec<&str> = marked
                    .iter()
                    .flat_map(|s| s.lagrum.iter().map(String::as_str))
                    .collect();
                lagrum.sort();
                lagrum.dedup();
                sekretess(&mut x, &lagrum);
            }
        }
        GroupKind::Sammantrade { namnd, datum } => {
            x.open("Sammantrade", &[]);
            x.text("Namnd", &[], namnd);
            x.text("Datum", &[], &datum.to_string());
        }
    }
    x.open("ArkivobjektListaHandlingar", &[]);
    for d in members {
        handling(&mut x, d);
    }
    x.close();
    x.close();
    x.close();
    x.finish()
}

fn sekretess(x: &mut Xml, lagrum: &[&str]) {
    x.open("Sekretess", &[]);
    for l in lagrum {
        x.text("Lagrum", &[], l);
    }
    x.close();
}

fn handling(x: &mut Xml, d: &Doc) {
    x.open("ArkivobjektHandling", &[]);
    x.text("ArkivobjektID", &[], &d.fil);
    x.text("Handlingstyp", &[], &d.dokumenttyp);
    x.text("Rubrik", &[], &d.rubrik);
    x.text("Skapad", &[], &d.datum.to_string());
    x.text("Arkiverat", &[], &xsd_time(&d.arkiverad));
    x.text("Namnd", &[], &d.namnd);
    for s in &d.pdf_standard {
        x.text("Format", &[], s);
    }
    if let Some(s) = &d.sekretess {
        let lagrum: Vec<&str> = s.lagrum.iter().map(String::as_str).collect();
        sekretess(x, &lagrum);
    }
    x.text_opt("Original", d.original.as_deref());
    for s in &d.signaturer {
        signatur(x, s);
    }
    let name = d.fil.rsplit('/').next().unwrap_or(&d.fil);
    let size = d.storlek.to_string();
    let href = d.href();
    x.empty(
        "Bilaga",
        &[
            ("Namn", name),
            ("Lank", &href),
            ("Storlek", &size),
            ("Checksumma", &d.sha256),
            ("ChecksummaMetod", "SHA-256"),
            ("Mimetyp", "application/pdf"),
        ],
    );
    x.close();
}

fn signatur(x: &mut Xml, s: &Sig) {
    x.open("Signatur", &[]);
    x.text_opt("Undertecknare", s.undertecknare.as_deref());
    x.text_opt("Utfardare", s.utfardare.as_deref());
    x.text_opt("Signeringstid", s.tid.as_deref());
    x.text_opt("Tidsstampel", s.tidsstampel.as_deref());
    x.text_opt("Dokumenttidsstampel", s.dokumenttidsstampel.as_deref());
    let yes_no = |b: bool| if b { "true" } else { "false" };
    if let Some(g) = s.giltig {
        x.text("Giltig", &[], yes_no(g));
    }
    if let Some(b) = s.betrodd {
        x.text("Betrodd", &[], yes_no(b));
    }
    if !s.kedja.is_empty() {
        x.open("Kedja", &[]);
        for c in &s.kedja {
            x.text("Certifikat", &[], c);
        }
        x.close();
    }
    x.text_opt("Sparrkontroll", s.sparrkontroll.as_deref());
    x.close();
}
