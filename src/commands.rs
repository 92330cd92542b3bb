//! The subcommands: each wires the pipeline stages together and reports to the user.
//! Exit status: 0 all fine, 1 a document had errors, 2 wrong usage or no project.

use std::io::IsTerminal as _;
use std::path::{Path, PathBuf};

use crate::build::{Pipeline, RunOptions, Summary};
use crate::cli::{BatchArgs, Cli, Command};
use crate::diag::Diagnostics;
use crate::project::Project;

pub const EXIT_OK: u8 = 0;
pub const EXIT_DOC_ERRORS: u8 = 1;
pub const EXIT_USAGE: u8 = 2;

pub fn run(cli: Cli) -> u8 {
    let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    if let Command::Schema(args) = &cli.command {
        return schema(&cwd, args.out.as_deref());
    }
    let start = cli.global.project.clone().unwrap_or_else(|| cwd.clone());
    let project = match Project::discover(&start) {
        Ok(p) => p,
        Err(diags) => {
            print_diags(diags, &cwd);
            return EXIT_USAGE;
        }
    };
    match cli.command {
        Command::Build(args) => {
            let opts = RunOptions {
                out_dir: args.targets.out.map(|o| absolute(&cwd, &o)),
                write: true,
                keep_bytes: false,
            };
            let keep = args.keep_typst.map(|k| absolute(&cwd, &k));
            let code = batch(project, &cwd, &args.targets.paths, &args.batch, opts, keep);
            if args.profile_time {
                eprint!("{}", crate::timing::report());
            }
            code
        }
        Command::Check(args) => {
            let opts = RunOptions {
                out_dir: None,
                write: false,
                keep_bytes: false,
            };
            batch(project, &cwd, &args.paths, &args.batch, opts, None)
        }
        Command::Watch(args) => {
            configure_jobs(&args.batch);
            crate::watch::watch(
                project,
                &cwd,
                &args
                    .targets
                    .paths
                    .iter()
                    .map(|p| absolute(&cwd, p))
                    .collect::<Vec<_>>(),
                args.targets.out.map(|o| absolute(&cwd, &o)),
                args.batch.quiet,
            )
        }
        Command::Archive(args) => {
            let dir = args
                .archive
                .map(|d| absolute(&cwd, &d))
                .unwrap_or_else(|| project.archive_dir());
            match args.signed {
                Some(file) => crate::archive_cmd::signed(&cwd, &absolute(&cwd, &file), dir),
                None => {
                    configure_jobs(&args.batch);
                    let paths: Vec<PathBuf> =
                        args.paths.iter().map(|p| absolute(&cwd, p)).collect();
                    crate::archive_cmd::archive(project, &cwd, &paths, dir)
                }
            }
        }
        Command::Verify(args) => {
            let dir = args
                .archive
                .map(|d| absolute(&cwd, &d))
                .unwrap_or_else(|| project.archive_dir());
            crate::archive_cmd::verify(&cwd, dir)
        }
        Command::New(args) => new(project, &cwd, &args.kind, &absolute(&cwd, &args.file)),
        Command::Schema(_) => unreachable!("handled before the project is looked up"),
    }
}

/// `kansli schema [--ut FIL]`.
fn schema(cwd: &Path, out: Option<&Path>) -> u8 {
    let text = crate::schema::schema_json();
    match out {
        None => {
            use std::io::Write as _;
            let mut stdout = std::io::stdout().lock();
            if stdout.write_all(text.as_bytes()).is_err() {
                return EXIT_DOC_ERRORS;
            }
            EXIT_OK
        }
        Some(path) => {
            let path = absolute(cwd, path);
            match crate::output::write_atomic(&path, text.as_bytes()) {
                Ok(()) => {
                    eprintln!("skrev {}", crate::diag::display_path(&path, cwd));
                    EXIT_OK
                }
                Err(e) => {
                    eprintln!(
                        "fel: kunde inte skriva {}: {}",
                        crate::diag::display_path(&path, cwd),
                        crate::diag::io_sv(&e)
                    );
                    EXIT_DOC_ERRORS
                }
            }
        }
    }
}

/// `kansli new <typ> <FIL>`: writes a scaffold (never over an existing file) and the
/// project's schema file it refers to, then checks the scaffold.
fn new(project: Project, cwd: &Path, kind: &str, file: &Path) -> u8 {
    use crate::model::DocType;
    let Some(doc_type) = DocType::parse(kind) else {
        let mut msg = format!(
            "fel: okänd dokumenttyp \"{kind}\"; väntade {}",
            DocType::NAMES.join(", ")
        );
        if let Some(s) = crate::model::yaml::did_you_mean(kind, DocType::NAMES) {
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
        return EXIT_USAGE;
    };
    let shown = crate::diag::display_path(file, cwd);
    if !file.starts_with(&project.root) {
        eprintln!(
            "fel: {shown} ligger utanför projektet ({}); dokument måste ligga i projektet",
            crate::diag::display_path(&project.root, cwd)
        );
        return EXIT_USAGE;
    }
    if !file.extension().is_some_and(|e| e == "yaml" || e == "yml") {
        eprintln!("fel: {shown}: filnamnet ska sluta på .yaml");
        return EXIT_USAGE;
    }
    if file.exists() {
        eprintln!("fel: {shown} finns redan; kansli new skriver aldrig över en befintlig fil");
        return EXIT_DOC_ERRORS;
    }
    let profile = match project.profiles.get(&project.config.profil) {
        Ok(p) => p,
        Err(err) => {
            eprintln!("fel: {}", err.message);
            return EXIT_USAGE;
        }
    };
    // The schema the modeline points at: written, or refreshed when kansli changed.
    let schema_path = crate::scaffold::schema_path(&project.root);
    let schema_text = crate::schema::schema_json();
    if std::fs::read_to_string(&schema_path).ok().as_deref() != Some(schema_text.as_str()) {
        if let Err(e) = crate::output::write_atomic(&schema_path, schema_text.as_bytes()) {
            eprintln!(
                "fel: kunde inte skriva {}: {}",
                crate::diag::display_path(&schema_path, cwd),
                crate::diag::io_sv(&e)
            );
            return EXIT_DOC_ERRORS;
        }
        eprintln!(
            "  skrev {} (JSON Schema för redigeraren)",
            crate::diag::display_path(&schema_path, cwd)
        );
    }
    let dir = file.parent().unwrap_or(&project.root);
    let schema_ref = crate::scaffold::relative_path(dir, &schema_path);
    let text = crate::scaffold::scaffold(
        doc_type,
        &profile,
        chrono::Local::now().date_naive(),
        &schema_ref,
        &shown,
    );
    if let Err(e) = crate::output::write_new(file, text.as_bytes()) {
        eprintln!("fel: kunde inte skapa {shown}: {}", crate::diag::io_sv(&e));
        return EXIT_DOC_ERRORS;
    }
    let mut diags = Diagnostics::default();
    let ok = crate::model::load(&project, file, &mut diags).is_some();
    print_diags(diags, cwd);
    if !ok {
        return EXIT_DOC_ERRORS;
    }
    eprintln!(
        "skapade {shown} ({}); fyll i fälten och se PDF-filen växa fram med `kansli watch {shown}`",
        doc_type.name()
    );
    EXIT_OK
}

fn absolute(cwd: &Path, p: &Path) -> PathBuf {
    if p.is_absolute() {
        p.to_path_buf()
    } else {
        cwd.join(p)
    }
}

/// Sets up the thread pool for `--jobs`.
fn configure_jobs(batch: &BatchArgs) {
    if let Some(n) = batch.jobs {
        let _ = rayon::ThreadPoolBuilder::new()
            .num_threads(n as usize)
            .build_global();
    }
}

fn batch(
    project: Project,
    cwd: &Path,
    paths: &[PathBuf],
    batch: &BatchArgs,
    opts: RunOptions,
    keep_typst: Option<PathBuf>,
) -> u8 {
    configure_jobs(batch);
    let paths: Vec<PathBuf> = paths.iter().map(|p| absolute(cwd, p)).collect();
    let inputs = match project.collect_inputs(&paths) {
        Ok(i) => i,
        Err(d) => {
            print_diags(d, cwd);
            return EXIT_USAGE;
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
        return EXIT_USAGE;
    }
    let Some(mut pipeline) = open_pipeline(project, cwd) else {
        return EXIT_USAGE;
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
    let on_done = |o: &crate::build::FileOutcome| {
        if let Some(bar) = &bar {
            let name = crate::diag::display_path(&o.source, cwd);
            let mark = if o.failed() { "fel " } else { "klar" };
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
        if !batch.quiet && bar.is_none() && !o.failed() {
            for p in &o.outputs {
                if opts.write {
                    eprintln!(
                        "  klar  {} → {} ({})",
                        crate::diag::display_path(&o.source, cwd),
                        crate::diag::display_path(&p.path, cwd),
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
    if summary.failed > 0 {
        EXIT_DOC_ERRORS
    } else {
        EXIT_OK
    }
}

fn pages(n: usize) -> String {
    if n == 1 {
        "1 sida".into()
    } else {
        format!("{n} sidor")
    }
}

/// The pipeline for a command, or `None` after printing why it cannot be set up
/// (fonts, templates, profile); the command then exits with [`EXIT_USAGE`].
pub fn open_pipeline(project: Project, cwd: &Path) -> Option<Pipeline> {
    Pipeline::new(project).map_err(|d| print_diags(d, cwd)).ok()
}

pub fn print_diags(diags: Diagnostics, cwd: &Path) {
    let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    for d in diags.sorted() {
        let text = d.render(cwd);
        if color {
            let (start, end) = match d.severity {
                crate::diag::Severity::Error => ("\x1b[1;31m", "\x1b[0m"),
                crate::diag::Severity::Warning => ("\x1b[1;33m", "\x1b[0m"),
            };
            let mut lines = text.lines();
            if let Some(first) = lines.next() {
                eprintln!("{start}{first}{end}");
            }
            for l in lines {
                eprintln!("{l}");
            }
        } else {
            eprint!("{text}");
        }
    }
}

fn print_summary(s: &Summary, wrote: bool) {
    let secs = format!("{:.2}", s.elapsed.as_secs_f64()).replace('.', ",");
    let ok = s.files - s.failed;
    let files = if s.pdfs == 1 {
        "1 PDF-fil".to_string()
    } else {
        format!("{} PDF-filer", s.pdfs)
    };
    let mut line = if wrote {
        format!(
            "{ok} av {} dokument byggda ({files}, {}) på {secs} s",
            s.files,
            pages(s.pages)
        )
    } else {
        format!(
            "{ok} av {} dokument utan fel ({}, inget skrivet) på {secs} s",
            s.files,
            pages(s.pages)
        )
    };
    if s.failed > 0 {
        line.push_str(&format!("; {} misslyckades", s.failed));
    }
    if s.warnings > 0 {
        let w = if s.warnings == 1 {
            "varning"
        } else {
            "varningar"
        };
        line.push_str(&format!("; {} {w}", s.warnings));
    }
    eprintln!("{line}");
}
