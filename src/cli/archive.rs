//! `kansli archive`, `kansli archive --signed` and `kansli verify`: the archive's
//! commands, on top of [`crate::archive`] and the build pipeline.

use std::path::{Path, PathBuf};

use crate::archive::{self, Archive, Entry, Finding, Stored};
use crate::pipeline::RunOptions;
use super::report::{open_pipeline, print_diags};
use super::{CmdResult, Failure, Outcome};
use crate::diag::{Diagnostics, display_path};
use crate::project::Project;

fn say_waiting() {
    eprintln!("  väntar: en annan kansli arbetar med arkivet …");
}

fn now() -> String {
    chrono::Local::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, false)
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
    let opts = RunOptions {
        out_dir: None,
        write: false,
        keep_bytes: true,
        incremental: false,
    };
    let (outcomes, summary) = pipeline.run(&inputs, &opts);
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
            let file_name = archive::file_name(&stem, p.kind);
            let fil = archive::archive_name(
                p.date.year(),
                p.kind,
                p.record.diarienummer.as_deref(),
                &file_name,
            );
            let entry = Entry {
                fil: fil.clone(),
                sha256: archive::sha256_hex(&p.bytes),
                storlek: p.bytes.len() as u64,
                dokumenttyp: p.kind.name().to_string(),
                diarienummer: p.record.diarienummer.clone(),
                rubrik: p.record.rubrik.clone(),
                datum: p.date.iso(),
                namnd: p.record.namnd.clone(),
                pdf_standard: standards.clone(),
                kalla: pipeline.project.relative(&o.source),
                kalla_sha256: source_sha.clone(),
                kansli_version: env!("CARGO_PKG_VERSION").to_string(),
                arkiverad: now(),
                sekretess: p.record.sekretess.clone(),
                original: None,
                signatur: None,
            };
            let source = display_path(&o.source, cwd);
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
pub fn signed(cwd: &Path, file: &Path, dir: PathBuf) -> CmdResult {
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
    let sha = archive::sha256_hex(&bytes);
    if let Some(e) = store
        .manifest
        .filer
        .iter()
        .find(|e| e.sha256 == sha)
        .cloned()
    {
        if store.path_of(&e.fil).exists() {
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
        eprintln!(
            "{shown}: fel: den signerade filen bygger inte på något arkiverat dokument (början av filen stämmer inte med någon fil i manifestet)\n  hjälp: arkivera originalet först med `kansli archive`, och skicka exakt den arkiverade PDF-filen till signeringstjänsten"
        );
        return Ok(Outcome::Failed);
    };
    // The archived original must still be what the manifest says.
    match std::fs::read(store.path_of(&original.fil)) {
        Ok(b) if archive::sha256_hex(&b) == original.sha256 => {}
        _ => {
            eprintln!(
                "fel: originalet {} i arkivet saknas eller har ändrats; kör `kansli verify`",
                original.fil
            );
            return Ok(Outcome::Failed);
        }
    }
    let info = match archive::signature::inspect(&bytes, original.storlek as usize) {
        Ok(i) => i,
        Err(why) => {
            eprintln!(
                "{shown}: fel: filen bygger på {} men är inte en giltig signerad version: {why}",
                original.fil
            );
            return Ok(Outcome::Failed);
        }
    };
    let fil = signed_name(&store, &original.fil);
    let entry = Entry {
        fil: fil.clone(),
        sha256: sha,
        storlek: bytes.len() as u64,
        arkiverad: now(),
        original: Some(original.fil.clone()),
        signatur: Some(info.clone()),
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

/// Recomputes every checksum and reports findings by file name.
pub fn verify(cwd: &Path, dir: PathBuf) -> CmdResult {
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
    let (checked, findings) = archive::verify(&store);
    for f in &findings {
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
        }
    }
    if findings.is_empty() {
        eprintln!(
            "{checked} filer kontrollerade i {}: alla finns och stämmer med manifestet",
            display_path(&dir, cwd)
        );
        Ok(Outcome::Ok)
    } else {
        eprintln!(
            "{checked} filer i manifestet; {} avvikelser i {}",
            findings.len(),
            display_path(&dir, cwd)
        );
        Ok(Outcome::Failed)
    }
}
