//! `kansli new` (a commented scaffold that passes `check`) and `kansli schema`.

use std::path::Path;

use super::report::print_diags;
use super::{CmdResult, Failure, Outcome, absolute};
use crate::diag::Diagnostics;
use crate::project::Project;

/// `kansli schema [--ut FIL]`.
pub fn schema(cwd: &Path, out: Option<&Path>) -> CmdResult {
    let text = crate::model::schema::schema_json();
    match out {
        None => {
            use std::io::Write as _;
            let mut stdout = std::io::stdout().lock();
            if stdout.write_all(text.as_bytes()).is_err() {
                return Ok(Outcome::Failed);
            }
            Ok(Outcome::Ok)
        }
        Some(path) => {
            let path = absolute(cwd, path);
            match crate::pipeline::output::write_atomic(&path, text.as_bytes()) {
                Ok(()) => {
                    eprintln!("skrev {}", crate::diag::display_path(&path, cwd));
                    Ok(Outcome::Ok)
                }
                Err(e) => {
                    eprintln!(
                        "fel: kunde inte skriva {}: {}",
                        crate::diag::display_path(&path, cwd),
                        crate::diag::io_sv(&e)
                    );
                    Ok(Outcome::Failed)
                }
            }
        }
    }
}

/// `kansli new <typ> <FIL>`: writes a scaffold (never over an existing file) and the
/// project's schema file it refers to, then checks the scaffold.
pub fn new(project: Project, cwd: &Path, kind: &str, file: &Path) -> CmdResult {
    use crate::model::DocType;
    let Some(doc_type) = DocType::parse(kind) else {
        let mut msg = format!(
            "fel: okänd dokumenttyp \"{kind}\"; väntade {}",
            DocType::NAMES.join(", ")
        );
        if let Some(s) = crate::yaml::did_you_mean(kind, DocType::NAMES) {
            msg.push_str(&format!("\n  hjälp: menade du \"{s}\"?"));
        } else if [
            "kallelse",
            "protokoll",
            "handlingar",
            "utdrag",
            "protokollsutdrag",
        ]
        .contains(&crate::model::ascii_fold(&kind.to_lowercase()).as_str())
        {
            msg.push_str("\n  hjälp: kallelse, handlingar, protokoll och utdrag görs alla från en fil av typen sammanträde: `kansli new sammanträde FIL`");
        }
        eprintln!("{msg}");
        return Err(Failure::Usage);
    };
    let shown = crate::diag::display_path(file, cwd);
    if !file.starts_with(&project.root) {
        eprintln!(
            "fel: {shown} ligger utanför projektet ({}); dokument måste ligga i projektet",
            crate::diag::display_path(&project.root, cwd)
        );
        return Err(Failure::Usage);
    }
    if !file.extension().is_some_and(|e| e == "yaml" || e == "yml") {
        eprintln!("fel: {shown}: filnamnet ska sluta på .yaml");
        return Err(Failure::Usage);
    }
    if file.exists() {
        eprintln!("fel: {shown} finns redan; kansli new skriver aldrig över en befintlig fil");
        return Ok(Outcome::Failed);
    }
    let profile = match project.profiles.get(&project.config.profil) {
        Ok(p) => p,
        Err(err) => {
            eprintln!("fel: {}", err.message);
            return Err(Failure::Usage);
        }
    };
    // The schema the modeline points at: written, or refreshed when kansli changed.
    let schema_path = crate::model::scaffold::schema_path(&project.root);
    let schema_text = crate::model::schema::schema_json();
    if std::fs::read_to_string(&schema_path).ok().as_deref() != Some(schema_text.as_str()) {
        if let Err(e) = crate::pipeline::output::write_atomic(&schema_path, schema_text.as_bytes())
        {
            eprintln!(
                "fel: kunde inte skriva {}: {}",
                crate::diag::display_path(&schema_path, cwd),
                crate::diag::io_sv(&e)
            );
            return Ok(Outcome::Failed);
        }
        eprintln!(
            "  skrev {} (JSON Schema för redigeraren)",
            crate::diag::display_path(&schema_path, cwd)
        );
    }
    let dir = file.parent().unwrap_or(&project.root);
    let schema_ref = crate::model::scaffold::relative_path(dir, &schema_path);
    let text = crate::model::scaffold::scaffold(
        doc_type,
        &profile,
        chrono::Local::now().date_naive(),
        &schema_ref,
        &shown,
    );
    if let Err(e) = crate::pipeline::output::write_new(file, text.as_bytes()) {
        eprintln!("fel: kunde inte skapa {shown}: {}", crate::diag::io_sv(&e));
        return Ok(Outcome::Failed);
    }
    let mut diags = Diagnostics::default();
    let ok = crate::model::load(&project, file, &mut diags).is_some();
    print_diags(diags, cwd);
    if !ok {
        return Ok(Outcome::Failed);
    }
    eprintln!(
        "skapade {shown} ({}); fyll i fälten och se PDF-filen växa fram med `kansli watch {shown}`",
        doc_type.name()
    );
    Ok(Outcome::Ok)
}
