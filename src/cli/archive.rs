//! `kansli archive`, `kansli archive --signed` and `kansli verify`: the archive's
//! commands, on top of [`crate::archive`] and the build pipeline.

use std::path::{Path, PathBuf};

use cms::cert::x509::Certificate;

use super::report::{open_pipeline, print_diags};
use super::{CmdResult, Failure, Outcome};
use crate::archive::{self, Archive, Entry, Finding, Naming, Stored};
use crate::diag::{Diagnostic, Diagnostics, display_path};
use crate::pipeline::RunOptions;
use crate::project::Project;

fn say_waiting() {
    eprintln!("  väntar: en annan kansli arbetar med arkivet …");
}

/// The archiving time, to the second: as written in the manifest (local time with its
/// offset) and as the validation time of signatures (the same instant), so that
/// `verify` re-validates at exactly the recorded time.
fn now() -> (String, chrono::DateTime<chrono::Utc>) {
    let t = chrono::Local::now();
    let text = t.to_rfc3339_opts(chrono::SecondsFormat::Secs, false);
    let utc = chrono::DateTime::parse_from_rfc3339(&text)
        .map(|t| t.with_timezone(&chrono::Utc))
        .unwrap_or_else(|_| t.with_timezone(&chrono::Utc));
    (text, utc)
}

/// Says what opening the archive cleaned up (temporary files of a stopped run).
fn report_cleanup(store: &Archive) {
    for t in &store.stale_temporary {
        eprintln!("  OBS: tog bort {t}, en tillfällig fil kvar från en avbruten körning");
    }
}

/// The trust anchors of `kansli.yaml` `förtroende:`, or `None` after saying why one
/// cannot be read.
fn load_anchors(project: &Project, cwd: &Path) -> Option<Vec<Certificate>> {
    let config = project.root.join("kansli.yaml");
    let mut anchors = Vec::new();
    let mut diags = Diagnostics::default();
    for (i, item) in project.config.fortroende.iter().enumerate() {
        let path = project.root.join(&item.value);
        let loaded = std::fs::read(&path)
            .map_err(|e| format!("kan inte läsa {}: {}", item.value, crate::diag::io_sv(&e)))
            .and_then(|b| {
                archive::verify_sig::load_certificates(&b)
                    .map_err(|e| format!("{}: {e}", item.value))
            });
        match loaded {
            Ok(certs) => anchors.extend(certs),
            Err(msg) => {
                diags.push(
                    Diagnostic::error(msg)
                        .at(&config, item.pos)
                        .field(&format!("förtroende[{i}]"))
                        .hint("ange rotcertifikat (PEM eller DER) som sökvägar relativt projektmappen, t.ex. förtroende: [certs/ca.pem]"),
                );
            }
        }
    }
    if diags.has_errors() {
        print_diags(diags, cwd);
        return None;
    }
    Some(anchors)
}

/// Builds the documents (nothing is written to out/) and stores every PDF.
pub fn archive(project: Project, cwd: &Path, paths: &[PathBuf], dir: PathBuf) -> CmdResult {
    let inputs = match project.collect_inputs(paths) {
        Ok(i) => i,
        Err(d) => {
            print_diags(d, cwd);
            return Err(Failure::Usage);
        }
    };
    if inputs.is_empty() {
        eprintln!("fel: inga YAML-filer att arkivera");
        return Err(Failure::Usage);
    }
    let Some(pipeline) = open_pipeline(project, cwd) else {
        return Err(Failure::Usage);
    };
    // What the last build made and has not changed since is taken from out/ (its
    // bytes checked against the hash the build recorded), not typeset again.
    let opts = RunOptions {
        out_dir: None,
        write: false,
        keep_bytes: true,
        incremental: false,
        reuse: true,
        remove_stale: false,
    };
    let (outcomes, summary) = pipeline.run(&inputs, &opts);
    if summary.reused > 0 {
        eprintln!(
            "  {} oförändrade PDF-filer togs från {} (kontrollerade mot byggets kontrollsummor)",
            summary.reused,
            pipeline.project.relative(&pipeline.project.out_dir())
        );
    }
    let mut diags = Diagnostics::default();
    for o in &outcomes {
        diags.extend(o.diags.clone());
    }
    print_diags(diags, cwd);

    let mut store = match Archive::open(&dir, true, say_waiting) {
        Ok(a) => a,
        Err(e) => {
            eprintln!("fel: {}", e.0);
            return Ok(Outcome::Failed);
        }
    };
    report_cleanup(&store);
    let standards = pipeline.typesetter.standards.labels();
    let (mut new, mut same, mut restored, mut refused, mut failed) = (0, 0, 0, 0, 0);
    for o in outcomes.iter().filter(|o| !o.failed()) {
        let source_bytes = std::fs::read(&o.source).unwrap_or_default();
        let source_sha = archive::sha256_hex(&source_bytes);
        for p in &o.outputs {
            let stem = p
                .path
                .file_stem()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let source = display_path(&o.source, cwd);
            let kalla = pipeline.project.relative(&o.source);
            let sha = archive::sha256_hex(&p.bytes);
            // The same bytes already archived (under whatever name): nothing to add.
            let same_bytes = store
                .manifest
                .filer
                .iter()
                .find(|e| e.sha256 == sha && e.original.is_none())
                .map(|e| e.fil.clone());
            let fil = match same_bytes {
                Some(f) => f,
                None => match store.name_for(&archive::Identity {
                    year: p.date.year(),
                    kind: p.kind,
                    dnr: p.record.diarienummer.as_deref(),
                    namnd: &p.record.namnd,
                    stem: &stem,
                    kalla: &kalla,
                }) {
                    Ok(Naming::Name(n)) => n,
                    Ok(Naming::Disambiguated { name, taken }) => {
                        eprintln!(
                            "  OBS: {taken} är redan ett annat dokuments namn i arkivet; {source} arkiveras som {name}"
                        );
                        name
                    }
                    Err(why) => {
                        failed += 1;
                        eprintln!("{source}: fel: {why}; inget arkiverat");
                        continue;
                    }
                },
            };
            let entry = Entry {
                fil: fil.clone(),
                sha256: sha,
                storlek: p.bytes.len() as u64,
                dokumenttyp: p.kind.name().to_string(),
                diarienummer: p.record.diarienummer.clone(),
                rubrik: p.record.rubrik.clone(),
                datum: p.date.iso(),
                namnd: p.record.namnd.clone(),
                pdf_standard: standards.clone(),
                kalla,
                kalla_sha256: source_sha.clone(),
                kansli_version: crate::VERSION.to_string(),
                arkiverad: now().0,
                sekretess: p.record.sekretess.clone(),
                original: None,
                signatur: None,
                signaturer: Vec::new(),
            };
            match store.store(entry, &p.bytes) {
                Stored::New => {
                    new += 1;
                    eprintln!("  arkiverad      {source} → {fil}");
                }
                Stored::Adopted => {
                    new += 1;
                    eprintln!(
                        "  arkiverad      {source} → {fil} (filen fanns redan, med samma innehåll, men saknades i manifestet)"
                    );
                }
                Stored::Identical => {
                    same += 1;
                    eprintln!("  redan arkiverad {source} → {fil} (identisk, inget ändrat)");
                }
                Stored::Restored => {
                    restored += 1;
                    eprintln!(
                        "  återställd     {source} → {fil} (saknades i arkivet; samma innehåll som i manifestet)"
                    );
                }
                Stored::Refused { archived_sha } => {
                    refused += 1;
                    let ours = archive::sha256_hex(&p.bytes);
                    eprintln!(
                        "{}: fel: {fil} är redan arkiverad med ett annat innehåll (SHA-256 {}…, nu {}…); arkiverade filer skrivs aldrig över\n  hjälp: har dokumentet ändrats efter arkiveringen? En ny version behöver ett nytt filnamn eller diarienummer",
                        source,
                        &archived_sha[..12.min(archived_sha.len())],
                        &ours[..12]
                    );
                }
                Stored::Damaged => {
                    failed += 1;
                    eprintln!(
                        "{source}: fel: {fil} i arkivet stämmer inte längre med manifestet (filen har ändrats efter arkiveringen); den rörs inte\n  hjälp: kör `kansli verify` och hämta filen från en säkerhetskopia"
                    );
                }
                Stored::Failed(msg) => {
                    failed += 1;
                    eprintln!("{source}: fel: kunde inte arkivera {fil}: {msg}");
                }
            }
        }
    }
    if new > 0
        && let Err(e) = store.save()
    {
        eprintln!("fel: {}", e.0);
        return Ok(Outcome::Failed);
    }
    let mut line = format!(
        "{new} nya filer i arkivet {}, {same} redan arkiverade",
        display_path(&dir, cwd)
    );
    if restored > 0 {
        line.push_str(&format!("; {restored} saknade filer återställda"));
    }
    if refused > 0 {
        line.push_str(&format!("; {refused} vägrade (annat innehåll)"));
    }
    if failed > 0 {
        line.push_str(&format!("; {failed} kunde inte arkiveras"));
    }
    if summary.failed > 0 {
        line.push_str(&format!(
            "; {} av {} dokument kunde inte byggas",
            summary.failed, summary.files
        ));
    }
    eprintln!("{line}");
    if refused + failed + summary.failed > 0 {
        Ok(Outcome::Failed)
    } else {
        Ok(Outcome::Ok)
    }
}

/// Takes in a signed PDF that extends an archived file.
pub fn signed(project: &Project, cwd: &Path, file: &Path, dir: PathBuf) -> CmdResult {
    let Some(anchors) = load_anchors(project, cwd) else {
        return Err(Failure::Usage);
    };
    let shown = display_path(file, cwd);
    let bytes = match std::fs::read(file) {
        Ok(b) => b,
        Err(e) => {
            eprintln!(
                "{shown}: fel: kan inte läsa filen: {}",
                crate::diag::io_sv(&e)
            );
            return Ok(Outcome::Failed);
        }
    };
    if !bytes.starts_with(b"%PDF-") {
        eprintln!("{shown}: fel: filen är ingen PDF");
        return Ok(Outcome::Failed);
    }
    let mut store = match Archive::open(&dir, true, say_waiting) {
        Ok(a) => a,
        Err(e) => {
            eprintln!("fel: {}", e.0);
            return Ok(Outcome::Failed);
        }
    };
    report_cleanup(&store);
    let sha = archive::sha256_hex(&bytes);
    if let Some(e) = store
        .manifest
        .filer
        .iter()
        .find(|e| e.sha256 == sha)
        .cloned()
    {
        if e.original.is_none() && e.signatur.is_none() {
            eprintln!(
                "{shown}: fel: filen är identisk med det arkiverade originalet {} och har ingen signatur; inget arkiverat\n  hjälp: skicka den fil som signeringstjänsten returnerade efter signeringen",
                e.fil
            );
            return Ok(Outcome::Failed);
        }
        let path = match store.checked_path(&e.fil) {
            Ok(p) => p,
            Err(why) => {
                eprintln!("fel: {why}");
                return Ok(Outcome::Failed);
            }
        };
        if path.exists() {
            eprintln!(
                "  redan arkiverad: {shown} är identisk med {} (inget ändrat)",
                e.fil
            );
            return Ok(Outcome::Ok);
        }
        return match store.store(e.clone(), &bytes) {
            Stored::Restored => {
                eprintln!(
                    "  återställd     {shown} → {} (saknades i arkivet; samma innehåll som i manifestet)",
                    e.fil
                );
                Ok(Outcome::Ok)
            }
            Stored::Failed(msg) => {
                eprintln!("fel: kunde inte återställa {}: {msg}", e.fil);
                Ok(Outcome::Failed)
            }
            // Under the lock nothing else can have happened; the file is in place.
            _ => Ok(Outcome::Ok),
        };
    }
    // The archived file it extends: the longest whose bytes begin the signed file.
    let original = store
        .manifest
        .filer
        .iter()
        .filter(|e| (e.storlek as usize) < bytes.len())
        .filter(|e| archive::sha256_hex(&bytes[..e.storlek as usize]) == e.sha256)
        .max_by_key(|e| e.storlek)
        .cloned();
    let Some(original) = original else {
        if let Some(of) = archive::rewritten_copy_of(&store, &bytes) {
            eprintln!(
                "{shown}: fel: filen är en signerad kopia av {of} som signeringstjänsten har skrivit om i sin helhet: originalets byte finns inte kvar oförändrade i början av filen, så signaturen kan inte knytas till det arkiverade originalet; inget arkiverat\n  hjälp: be signeringstjänsten om en PAdES-signatur som läggs till originalet som en inkrementell uppdatering (originalets byte orörda, signaturen efter dem) i stället för att filen skrivs om, och skicka exakt den arkiverade filen {of}"
            );
        } else {
            eprintln!(
                "{shown}: fel: den signerade filen bygger inte på något arkiverat dokument (början av filen stämmer inte med någon fil i manifestet)\n  hjälp: arkivera originalet först med `kansli archive`, och skicka exakt den arkiverade PDF-filen till signeringstjänsten; den ska lägga till signaturen som en inkrementell uppdatering (PAdES), inte skriva om filen"
            );
        }
        return Ok(Outcome::Failed);
    };
    // The archived original must still be what the manifest says.
    match store
        .checked_path(&original.fil)
        .ok()
        .and_then(|p| std::fs::read(p).ok())
    {
        Some(b) if archive::sha256_hex(&b) == original.sha256 => {}
        _ => {
            eprintln!(
                "fel: originalet {} i arkivet saknas eller har ändrats; kör `kansli verify`",
                original.fil
            );
            return Ok(Outcome::Failed);
        }
    }
    let (arkiverad, archive_time) = now();
    let trust = archive::signature::Trust {
        anchors,
        archive_time,
    };
    let intake = match archive::signature::inspect(&bytes, original.storlek as usize, &trust) {
        Ok(i) => i,
        Err(why) => {
            eprintln!(
                "{shown}: fel: filen bygger på {} men godtas inte som signerad version: {why}; inget arkiverat",
                original.fil
            );
            return Ok(Outcome::Failed);
        }
    };
    for r in intake.signaturer.iter().filter(|r| !r.betrodd) {
        eprintln!(
            "{shown}: varning: {} är giltig men inte betrodd: {}; arkiveras med \"betrodd\": false",
            r.label(),
            r.skäl.join("; ")
        );
    }
    let fil = signed_name(&store, &original.fil);
    let info = intake.info.clone();
    let entry = Entry {
        fil: fil.clone(),
        sha256: sha,
        storlek: bytes.len() as u64,
        arkiverad,
        original: Some(original.fil.clone()),
        signatur: Some(intake.info),
        signaturer: intake.signaturer.clone(),
        ..original.clone()
    };
    match store.store(entry, &bytes) {
        Stored::New | Stored::Adopted | Stored::Identical | Stored::Restored => {}
        Stored::Damaged => {
            eprintln!(
                "fel: {fil} i arkivet stämmer inte längre med manifestet; kör `kansli verify`"
            );
            return Ok(Outcome::Failed);
        }
        Stored::Refused { .. } => {
            eprintln!("fel: {fil} finns redan i arkivet med annat innehåll");
            return Ok(Outcome::Failed);
        }
        Stored::Failed(msg) => {
            eprintln!("fel: kunde inte arkivera {fil}: {msg}");
            return Ok(Outcome::Failed);
        }
    }
    if let Err(e) = store.save() {
        eprintln!("fel: {}", e.0);
        return Ok(Outcome::Failed);
    }
    eprintln!(
        "  arkiverad      {shown} → {fil}\n  signerad av {} ({}), bygger på {}",
        info.undertecknare
            .as_deref()
            .unwrap_or("okänd undertecknare"),
        info.subfilter.as_deref().unwrap_or("okänd signaturtyp"),
        original.fil
    );
    for r in &intake.signaturer {
        let trust = if r.betrodd {
            format!("giltig och betrodd (kedja: {})", r.kedja.join(" → "))
        } else {
            "giltig men inte betrodd".to_string()
        };
        eprintln!(
            "  {}: {trust}{}",
            r.label(),
            r.tidsstämpel
                .as_deref()
                .map(|t| format!(", tidsstämplad {t}"))
                .unwrap_or_default()
        );
    }
    Ok(Outcome::Ok)
}

/// `x.pdf` → `x-signerad.pdf`, or `-signerad-2.pdf` … when taken (a second signature).
fn signed_name(store: &Archive, original: &str) -> String {
    let base = original.strip_suffix(".pdf").unwrap_or(original);
    // A signed file that is signed again keeps one `-signerad`.
    let base = match base.rfind("-signerad") {
        Some(i) => &base[..i],
        None => base,
    };
    for n in 1.. {
        let name = if n == 1 {
            format!("{base}-signerad.pdf")
        } else {
            format!("{base}-signerad-{n}.pdf")
        };
        if store.entry(&name).is_none() && !store.path_of(&name).exists() {
            return name;
        }
    }
    unreachable!()
}

/// Recomputes every checksum, re-validates every archived signature, and reports
/// findings by file name.
pub fn verify(project: &Project, cwd: &Path, dir: PathBuf) -> CmdResult {
    let Some(anchors) = load_anchors(project, cwd) else {
        return Err(Failure::Usage);
    };
    if !dir.join(archive::MANIFEST).is_file() {
        eprintln!(
            "fel: {} har inget manifest ({}); inget att kontrollera",
            display_path(&dir, cwd),
            archive::MANIFEST
        );
        return Ok(Outcome::Failed);
    }
    let store = match Archive::open(&dir, false, say_waiting) {
        Ok(a) => a,
        Err(e) => {
            eprintln!("fel: {}", e.0);
            return Ok(Outcome::Failed);
        }
    };
    let report = archive::verify(&store, &anchors);
    for f in &report.findings {
        match f {
            Finding::Missing(fil) => {
                eprintln!("SAKNAS  {fil}: finns i manifestet men inte i arkivet")
            }
            Finding::Modified {
                fil,
                expected,
                found,
            } => eprintln!("ÄNDRAD  {fil}: SHA-256 är {found}, manifestet säger {expected}"),
            Finding::Unlisted(fil) => {
                eprintln!("OKÄND   {fil}: finns i arkivet men inte i manifestet")
            }
            Finding::Signature { fil, why } => eprintln!("SIGNATUR {fil}: {why}"),
        }
    }
    for n in &report.notes {
        eprintln!("  OBS: {n}");
    }
    let signed = if report.signed > 0 {
        format!(
            " ({} signerade, signaturerna prövade på nytt)",
            report.signed
        )
    } else {
        String::new()
    };
    if report.findings.is_empty() {
        eprintln!(
            "{} filer kontrollerade i {}{signed}: alla finns och stämmer med manifestet",
            report.checked,
            display_path(&dir, cwd)
        );
        Ok(Outcome::Ok)
    } else {
        eprintln!(
            "{} filer i manifestet{signed}; {} avvikelser i {}",
            report.checked,
            report.findings.len(),
            display_path(&dir, cwd)
        );
        Ok(Outcome::Failed)
    }
}
