//! `kansli build` and `kansli check`: a batch of documents, with a progress bar on a
//! terminal and one line per file otherwise.

use std::io::IsTerminal as _;
use std::path::{Path, PathBuf};

use super::args::BatchArgs;
use super::report::{open_pipeline, pages, print_diags, print_summary};
use super::{CmdResult, Failure, Outcome, absolute};
use crate::diag::Diagnostics;
use crate::pipeline::RunOptions;
use crate::project::Project;

/// Sets up the thread pool for `--jobs`.
pub fn configure_jobs(batch: &BatchArgs) {
    if let Some(n) = batch.jobs {
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(n as usize)
            .build_global();
    }
}

pub fn batch(
    project: Project,
    cwd: &Path,
    paths: &[PathBuf],
    batch: &BatchArgs,
    opts: RunOptions,
    keep_typst: Option<PathBuf>,
) -> CmdResult {
    configure_jobs(batch);
    let paths: Vec<PathBuf> = paths.iter().map(|p| absolute(cwd, p)).collect();
    let inputs = match project.collect_inputs(&paths) {
        Ok(i) => i,
        Err(d) => {
            print_diags(d, cwd);
            return Err(Failure::Usage);
        }
    };
    if inputs.is_empty() {
        eprintln!(
            "fel: inga YAML-filer hittades (letade i {})",
            if paths.is_empty() {
                crate::diag::display_path(&project.content_dir(), cwd)
            } else {
                "de angivna sökvägarna".into()
            }
        );
        return Err(Failure::Usage);
    }
    if opts.write {
        let out = opts.out_dir.clone().unwrap_or_else(|| project.out_dir());
        if let Some(file) = out.ancestors().find(|a| a.exists() && !a.is_dir()) {
            eprintln!(
                "fel: utdatamappen {} kan inte skapas: {} är en fil, inte en mapp; ange en mapp med --out (eller utdata: i kansli.yaml)",
                crate::diag::display_path(&out, cwd),
                crate::diag::display_path(file, cwd)
            );
            return Err(Failure::Usage);
        }
    }
    let Some(mut pipeline) = open_pipeline(project, cwd) else {
        return Err(Failure::Usage);
    };
    pipeline.keep_typst = keep_typst;
    // A progress bar on a terminal; plain lines (in input order) otherwise.
    let bar = (std::io::stderr().is_terminal() && !batch.quiet && inputs.len() > 1).then(|| {
        let bar = indicatif::ProgressBar::new(inputs.len() as u64);
        bar.set_style(
            indicatif::ProgressStyle::with_template(
                "{spinner} {elapsed:>3} [{bar:30}] {pos}/{len} dokument  {wide_msg}",
            )
            .expect("a valid template")
            .progress_chars("=> "),
        );
        bar.enable_steady_tick(std::time::Duration::from_millis(120));
        bar
    });
    let on_done = |o: &crate::pipeline::FileOutcome| {
        if let Some(bar) = &bar {
            let name = crate::diag::display_path(&o.source, cwd);
            let mark = if o.failed() {
                "fel "
            } else if !o.unchanged.is_empty() {
                "samma"
            } else {
                "klar"
            };
            bar.println(format!("  {mark}  {name}"));
            bar.set_message(name);
            bar.inc(1);
        }
    };
    let (outcomes, summary) = pipeline.run_with(&inputs, &opts, &on_done);
    if let Some(bar) = &bar {
        bar.finish_and_clear();
    }
    let mut all = Diagnostics::default();
    for o in &outcomes {
        if !batch.quiet && bar.is_none() && !o.unchanged.is_empty() {
            eprintln!(
                "  oförändrat  {}",
                crate::diag::display_path(&o.source, cwd)
            );
        }
        // A meeting whose protokoll has errors still lists its kallelse and handlingar.
        if !batch.quiet && bar.is_none() {
            for p in &o.outputs {
                if opts.write {
                    eprintln!(
                        "  klar  {} → {} ({})",
                        crate::diag::display_path(&o.source, cwd),
                        crate::diag::display_path(&p.path, cwd),
                        pages(p.pages)
                    );
                    for (extra, _) in &p.extra {
                        eprintln!(
                            "  klar  {} → {}",
                            crate::diag::display_path(&o.source, cwd),
                            crate::diag::display_path(extra, cwd),
                        );
                    }
                } else if o.outputs.len() > 1 {
                    // A meeting makes several documents: each line says which (review
                    // 24 read the meeting file's name ten times over).
                    eprintln!(
                        "  ok    {} → {} ({})",
                        crate::diag::display_path(&o.source, cwd),
                        p.path
                            .file_name()
                            .map(|n| n.to_string_lossy())
                            .unwrap_or_default(),
                        pages(p.pages)
                    );
                } else {
                    eprintln!(
                        "  ok    {} ({})",
                        crate::diag::display_path(&o.source, cwd),
                        pages(p.pages)
                    );
                }
            }
        }
        all.extend(o.diags.clone());
    }
    print_diags(all, cwd);
    print_summary(&summary, opts.write);
    // The files that failed, named last (review 52: after twenty lines of errors the
    // summary only counted them).
    // A meeting that made some of its documents says so (review 58: "fel …/mote.yaml"
    // read as nothing made, where only the handlingar were not).
    for o in outcomes.iter().filter(|o| o.failed()) {
        // (Only where they were written: `check` writes nothing.)
        let made = if opts.write { o.outputs.len() } else { 0 };
        let partly = match made {
            0 => String::new(),
            1 => " (1 PDF-fil gjordes ändå; se felen ovan för vad som inte gjordes)".into(),
            n => format!(" ({n} PDF-filer gjordes ändå; se felen ovan för vad som inte gjordes)"),
        };
        eprintln!(
            "  fel   {}{partly}",
            crate::diag::display_path(&o.source, cwd)
        );
    }
    if summary.failed > 0 {
        Ok(Outcome::Failed)
    } else {
        Ok(Outcome::Ok)
    }
}
