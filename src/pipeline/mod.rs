//! The pipeline driver: load → render → typeset → write, for one file or a batch.
//!
//! One bad file never stops the others: every file yields a [`FileOutcome`] with its
//! diagnostics, and its outputs are written only if all of them succeeded, so a failed
//! file leaves no partial output behind.

pub mod bilagor;
pub mod incremental;
pub mod keep;
pub mod output;
mod packs;
pub mod panics;
pub mod rebuild;
pub mod timing;
pub mod watchdog;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::diag::{Diagnostic, Diagnostics};
use crate::model::{self, Loaded};
use crate::project::Project;
use crate::render::Renderer;
use crate::render::view::{self, OutputSpec};
use crate::typeset::{Job, Standards, Typesetter};

/// The label of the metadata `md-heading` leaves where a Markdown heading is too deep
/// to be a heading (templates/lib/parts.typ).
const MD_TOO_DEEP: &str = "kansli-md-djup";

/// The Typst version kansli embeds (part of the incremental build's key).
pub const TYPST_VERSION: &str = "0.15.1";

/// Everything a run shares: project, templates, fonts and standards.
pub struct Pipeline {
    pub project: Project,
    pub renderer: Renderer,
    /// Shared with the worker thread that typesets each document (see [`watchdog`]).
    pub typesetter: std::sync::Arc<Typesetter>,
    /// `--keep-typst DIR`: every generated source is kept here, also when Typst fails.
    pub keep_typst: Option<PathBuf>,
    /// Bilagor, read once per run.
    pub bilagor: bilagor::BilagaCache,
    /// PDFs taken from the output folder instead of typeset, so far (`reuse`).
    reused: AtomicUsize,
}

/// One produced PDF.
#[derive(Debug, Clone)]
pub struct Produced {
    pub path: PathBuf,
    pub bytes: Vec<u8>,
    pub pages: usize,
    pub kind: model::DocKind,
    pub date: model::Datum,
    pub record: view::Record,
    /// Files written beside the PDF (the anslag's HTML), with their bytes.
    pub extra: Vec<(PathBuf, Vec<u8>)>,
}

impl Produced {
    /// The files it writes: the PDF, then what goes beside it, each with its bytes.
    pub fn files(&self) -> impl Iterator<Item = (&PathBuf, &Vec<u8>)> {
        std::iter::once((&self.path, &self.bytes)).chain(self.extra.iter().map(|(p, b)| (p, b)))
    }

    /// The output `spec` made into `bytes` of `pages` pages at `path` (with the HTML it
    /// carries, written beside the PDF).
    fn of(spec: OutputSpec, path: PathBuf, bytes: Vec<u8>, pages: usize) -> Self {
        Produced {
            extra: spec
                .html
                .map(|h| vec![(path.with_extension("html"), h.into_bytes())])
                .unwrap_or_default(),
            path,
            date: spec.date,
            record: spec.record,
            bytes,
            pages,
            kind: spec.kind,
        }
    }
}

/// What became of one input file.
#[derive(Debug)]
pub struct FileOutcome {
    pub source: PathBuf,
    pub diags: Diagnostics,
    pub outputs: Vec<Produced>,
    /// Project files the document read or whose change would change it (for watch
    /// mode): the YAML itself, bilagor, ärenden, its templates and profile files.
    pub deps: Vec<PathBuf>,
    /// Skipped by an incremental build: the PDFs it wrote last time, with their pages.
    pub unchanged: Vec<(PathBuf, usize)>,
    /// Files an earlier build of this document wrote that it did not write now, removed
    /// (`RunOptions::remove_stale`).
    pub removed: Vec<PathBuf>,
}

impl FileOutcome {
    pub fn failed(&self) -> bool {
        self.diags.has_errors()
    }
}

/// The outcome of a file whose build panicked: an error naming the file, so that the
/// batch goes on and its summary counts it.
fn internal_error(path: &Path, what: &str) -> FileOutcome {
    let mut diags = Diagnostics::default();
    let d = diags.push(
        Diagnostic::error(format!(
            "internt fel i kansli när filen byggdes ({what}); inget skrevs för den"
        ))
        .in_file(path),
    );
    d.hints.push(
        "detta är ett fel i kansli, inte i filen: rapportera det med filen bifogad".to_string(),
    );
    FileOutcome {
        source: path.to_path_buf(),
        diags,
        outputs: Vec::new(),
        deps: vec![path.to_path_buf()],
        unchanged: Vec::new(),
        removed: Vec::new(),
    }
}

/// Options of a run.
#[derive(Debug, Clone, Default)]
pub struct RunOptions {
    pub out_dir: Option<PathBuf>,
    /// Write outputs (build) or only check (check).
    pub write: bool,
    /// Keep each PDF's bytes in the outcome (the archive stores them); otherwise they
    /// are dropped once written, so a batch of thousands stays small.
    pub keep_bytes: bool,
    /// Skip documents whose inputs are unchanged since their PDFs were written (see
    /// [`incremental`]); only with `write`.
    pub incremental: bool,
    /// Without `write` (the archive): take the PDF of an input whose inputs are
    /// unchanged since the last build from the output folder instead of typesetting it
    /// again, when its bytes still hash to what the build recorded.
    pub reuse: bool,
    /// Remove what a document wrote at an earlier build and did not write now (it
    /// failed, or its paragraphs were renumbered), where the file is still as kansli
    /// wrote it: a PDF left from an older version must not be sent out as if it were
    /// this one. `build` does; `watch` keeps the last good preview open.
    pub remove_stale: bool,
}

/// Totals of a run, for the closing summary.
#[derive(Debug, Default)]
pub struct Summary {
    pub files: usize,
    pub failed: usize,
    pub pdfs: usize,
    pub pages: usize,
    pub warnings: usize,
    /// Documents skipped because nothing they read had changed.
    pub unchanged: usize,
    /// PDFs taken unchanged from the output folder instead of typeset (`reuse`).
    pub reused: usize,
    pub elapsed: Duration,
}

impl Pipeline {
    pub fn new(project: Project) -> Result<Pipeline, Diagnostics> {
        let standards =
            Standards::parse(&project.config.pdf, project.config.pdf_ua).map_err(|msg| {
                let mut d = Diagnostics::default();
                d.push(
                    Diagnostic::error(msg)
                        .in_file(&project.root.join("kansli.yaml"))
                        .field("pdf"),
                );
                d
            })?;
        let renderer = Renderer::new(project.assets.clone());
        let typesetter = std::sync::Arc::new(Typesetter::new(project.assets.clone(), standards));
        Ok(Pipeline {
            project,
            renderer,
            typesetter,
            keep_typst: None,
            bilagor: bilagor::BilagaCache::default(),
            reused: AtomicUsize::new(0),
        })
    }

    pub fn out_dir(&self, opts: &RunOptions) -> PathBuf {
        opts.out_dir
            .clone()
            .unwrap_or_else(|| self.project.out_dir())
    }

    /// Loads, renders and typesets one file. Writes nothing.
    pub fn produce(&self, source: &Path, out_dir: &Path) -> FileOutcome {
        self.produce_reusing(source, out_dir, None)
    }

    /// [`Pipeline::produce`], taking each PDF that `reuse` (the input's last clean
    /// build, all it read unchanged) wrote and that still has its bytes from disk.
    fn produce_reusing(
        &self,
        source: &Path,
        out_dir: &Path,
        reuse: Option<&incremental::Entry>,
    ) -> FileOutcome {
        let mut diags = Diagnostics::default();
        let loaded = timing::time(timing::Stage::Load, || {
            model::load(&self.project, source, &mut diags)
        });
        let mut outcome = FileOutcome {
            source: source.to_path_buf(),
            diags: Diagnostics::default(),
            outputs: Vec::new(),
            deps: vec![source.to_path_buf()],
            unchanged: Vec::new(),
            removed: Vec::new(),
        };
        let Some(loaded) = loaded else {
            outcome.diags = diags;
            return outcome;
        };
        outcome.deps.extend(loaded.deps.iter().cloned());
        // Errors in what only the protokoll records stop the protokoll, utdrag and
        // anslag (which `view::outputs` then leaves out), not the kallelse and
        // handlingar: they are reported after the other outputs were made.
        let held_back = match &loaded.doc {
            model::Document::Sammantrade(m) => {
                [m.protokollfel.clone(), m.handlingsfel.clone()].concat()
            }
            _ => Vec::new(),
        };
        self.check_fonts(&loaded, &mut diags);
        self.check_bilagor(&loaded, &mut diags);
        let sizes = |p: &Path| self.bilagor.page_sizes(p);
        let specs = view::outputs(&loaded, &sizes);
        outcome.deps.extend(self.template_deps(&loaded, &specs));
        // Each output stands alone: a meeting whose pack cannot be made (a bilaga that
        // needs a password) still gets its kallelse, protokoll and utdrag. An output
        // that fails leaves nothing behind.
        if !diags.has_errors() {
            for spec in specs {
                let (produced, d) = self.produce_one(&loaded, spec, out_dir, reuse);
                diags.extend(d);
                outcome.outputs.extend(produced);
            }
        }
        for d in held_back {
            diags.push(d);
        }
        outcome.diags = diags;
        outcome
    }

    /// A tjänsteskrivelse is not made worse by a bilaga that cannot go into a pack, but
    /// its handläggare should hear of it now rather than from the secretariat later.
    fn check_bilagor(&self, loaded: &Loaded, diags: &mut Diagnostics) {
        let model::Document::Tjanst(t) = &loaded.doc else {
            return;
        };
        for (i, b) in t.bilagor.iter().enumerate() {
            if let Err(msg) = self.bilagor.get(&b.path) {
                diags.push(
                    Diagnostic::warning(format!(
                        "bilagan \"{}\" kan inte läggas in i sammanträdets handlingar: {msg}",
                        b.fil
                    ))
                    .at(&b.source, b.pos)
                    .field(&format!("bilagor[{}].fil", i + 1)),
                );
            }
        }
    }

    /// The project paths of the templates and profile files a document uses (whether
    /// or not the project has its own copy: creating one changes the document too).
    fn template_deps(&self, loaded: &Loaded, specs: &[OutputSpec]) -> Vec<PathBuf> {
        let root = &self.project.root;
        let mut out = vec![root.join("templates/delar.typ.j2")];
        out.extend(
            self.typesetter
                .shared
                .template_paths()
                .iter()
                .map(|v| root.join("templates").join(v.trim_start_matches("/mall/"))),
        );
        for spec in specs {
            out.push(root.join("templates").join(spec.kind.template()));
        }
        out.extend(loaded.profile.sources.iter().map(|s| root.join(s)));
        out.sort();
        out.dedup();
        out
    }

    fn check_fonts(&self, loaded: &Loaded, diags: &mut Diagnostics) {
        let families = &self.typesetter.shared.families;
        let t = &loaded.profile.typsnitt;
        for (field, family) in [
            ("typsnitt.brödtext", &t.brodtext),
            ("typsnitt.rubriker", &t.rubriker),
        ] {
            if !families.contains(&family.to_lowercase()) {
                diags.push(
                    Diagnostic::error(format!(
                        "profilen \"{}\" anger typsnittet \"{family}\", som inte finns bland typsnitten (fonts/)",
                        loaded.profile.namn
                    ))
                    .in_file(&loaded.path)
                    .field(field)
                    .hint(format!("tillgängliga typsnitt: {}", families.join(", "))),
                );
            }
        }
    }

    fn produce_one(
        &self,
        loaded: &Loaded,
        mut spec: OutputSpec,
        out_dir: &Path,
        reuse: Option<&incremental::Entry>,
    ) -> (Option<Produced>, Diagnostics) {
        let mut diags = Diagnostics::default();
        if let Some(entry) = reuse {
            let out_path = self
                .project
                .output_path(out_dir, &loaded.path, &spec.suffix);
            if let Some((bytes, pages)) = incremental::Cache::reuse(entry, &out_path) {
                let produced = Produced::of(spec, out_path, bytes, pages);
                self.reused.fetch_add(1, Ordering::Relaxed);
                return (Some(produced), diags);
            }
        }
        let rendered = timing::time(timing::Stage::Render, || {
            self.renderer
                .render_with_links(spec.kind.template(), &spec.context)
        });
        let source = match rendered {
            Ok((s, refused_links)) => {
                for dest in refused_links {
                    diags.push(crate::typeset::diagnostics::refused_link(loaded, &dest));
                }
                s
            }
            Err(e) => {
                diags.push(
                    Diagnostic::error(format!(
                        "mallen {}{} kunde inte fyllas i: {}",
                        e.template,
                        e.line.map(|l| format!(" (rad {l})")).unwrap_or_default(),
                        e.message
                    ))
                    .in_file(&loaded.path),
                );
                return (None, diags);
            }
        };
        let files = spec.files.clone();
        let out_path = self
            .project
            .output_path(out_dir, &loaded.path, &spec.suffix);
        if let Some(dir) = &self.keep_typst
            && let Err(e) = keep::keep_typst(
                &self.typesetter,
                &self.project.assets,
                dir,
                out_dir,
                &out_path,
                &source,
                &files,
            )
        {
            diags.push(
                Diagnostic::error(format!(
                    "kunde inte spara Typst-källan i {}: {}",
                    dir.display(),
                    crate::diag::io_sv(&e)
                ))
                .in_file(&loaded.path),
            );
            return (None, diags);
        }
        // The bilagor of a pack: each read (once per run) before any typesetting, so a
        // bad one fails this output with its file and field named.
        let mut opened = Vec::new();
        for b in &spec.bilagor {
            match self.bilagor.get(&b.path) {
                Ok(x) => opened.push(x),
                Err(msg) => {
                    diags.push(
                        Diagnostic::error(format!(
                            "{}: {msg}; {} görs inte",
                            self.project.relative(&b.path),
                            spec.kind.name()
                        ))
                        .at(&b.source, b.pos)
                        .field(&b.field),
                    );
                }
            }
        }
        if diags.has_errors() {
            return (None, diags);
        }
        let job = Job {
            source: source.clone(),
            date: spec.date,
            ident: std::mem::take(&mut spec.ident),
            files: std::mem::take(&mut spec.files),
            marks: if spec.bilagor.is_empty() {
                vec![MD_TOO_DEEP]
            } else {
                vec![MD_TOO_DEEP, packs::MARK]
            },
        };
        let label = self.project.relative(&out_path);
        let typeset = match watchdog::typeset(&self.typesetter, job, &label) {
            Ok(result) => result,
            Err(limit) => {
                let template = spec.kind.template();
                let own = self
                    .project
                    .assets
                    .project_file(&format!("templates/{template}"))
                    .is_some();
                diags.push(
                    Diagnostic::error(format!(
                        "sättningen av {label} tog mer än {} s och avbröts; mallen {template}{} slutar aldrig, eller dokumentet är för stort",
                        limit.as_secs(),
                        if own { " (projektets egen i templates/)" } else { "" }
                    ))
                    .in_file(&loaded.path)
                    .hint(format!(
                        "Typst kan inte avbrytas mitt i: sättningen går vidare i bakgrunden tills kansli avslutas (build gör det när de andra dokumenten är klara); gränsen ändras med {}=SEKUNDER",
                        watchdog::LIMIT_ENV
                    )),
                );
                return (None, diags);
            }
        };
        match typeset {
            Ok(typeset) => {
                for m in typeset.marks.iter().filter(|m| m.label == MD_TOO_DEEP) {
                    let text = m.value.as_str().unwrap_or_default();
                    diags.push(
                        Diagnostic::warning(format!(
                            "Markdown-rubriken \"{text}\" ligger för djupt för en egen rubriknivå (högst fem nivåer i dokumentet) och sätts som en fet rad"
                        ))
                        .in_file(&loaded.path)
                        .hint("använd en grundare rubrik (färre #), eller dela upp avsnittet"),
                    );
                }
                if !typeset.settled {
                    diags.push(
                        Diagnostic::warning(format!(
                            "sättningen av {label} stabiliserades inte: sidnummer, innehållsförteckning eller sidhuvud kan vara fel"
                        ))
                        .in_file(&loaded.path)
                        .hint("granska PDF-filen; en egen mall där en sidbrytning beror på var den själv hamnar ger detta"),
                    );
                }
                let pages = typeset.pages;
                let bytes = if spec.bilagor.is_empty() {
                    typeset.pdf
                } else {
                    match packs::place(&spec.bilagor, &opened, &typeset, &mut diags) {
                        Some(b) => b,
                        None => return (None, diags),
                    }
                };
                let produced = Produced::of(spec, out_path, bytes, pages);
                (Some(produced), diags)
            }
            Err(problems) => {
                for p in problems {
                    let mut d = crate::typeset::diagnostics::typst_diagnostic(
                        loaded,
                        &p,
                        spec.kind.template(),
                    );
                    // Show the generated line, so a template author sees what Typst saw.
                    if let (None, Some((line, _))) = (&p.file, p.main_pos)
                        && let Some(text) = source.lines().nth(line.saturating_sub(1))
                    {
                        d.hints
                            .insert(0, format!("genererad rad {line}: {}", text.trim()));
                    }
                    diags.push(d);
                }
                (None, diags)
            }
        }
    }

    /// Runs a batch in parallel; writes outputs of the files that succeeded when
    /// `opts.write` is set. Outcomes come back in input order.
    pub fn run(&self, inputs: &[PathBuf], opts: &RunOptions) -> (Vec<FileOutcome>, Summary) {
        self.run_with(inputs, opts, &|_| {})
    }

    /// [`Pipeline::run`], calling `on_done` as each file finishes (for a progress bar).
    pub fn run_with(
        &self,
        inputs: &[PathBuf],
        opts: &RunOptions,
        on_done: &(dyn Fn(&FileOutcome) + Sync),
    ) -> (Vec<FileOutcome>, Summary) {
        let started = Instant::now();
        let out_dir = self.out_dir(opts);
        // Opened by every build that writes (`--alltid` too, which only skips nothing):
        // what each document wrote is recorded, for the next build's removal of what
        // it no longer writes.
        let cache = (opts.write && self.keep_typst.is_none()).then(|| {
            incremental::Cache::open(&out_dir, self.run_key(&out_dir), &self.project.root)
        });
        // Read only: the archive takes what the last build made, and records nothing.
        let reuse = (!opts.write && opts.reuse && self.keep_typst.is_none()).then(|| {
            incremental::Cache::open(&out_dir, self.run_key(&out_dir), &self.project.root)
        });
        let reused_before = self.reused.load(Ordering::Relaxed);
        let one = |path: &PathBuf| {
            if let Some(cache) = &cache
                && opts.incremental
                && let Some(entry) = cache.fresh(path)
            {
                let outcome = FileOutcome {
                    source: path.clone(),
                    diags: Diagnostics::default(),
                    outputs: Vec::new(),
                    deps: entry.reads.iter().map(|s| s.path.clone()).collect(),
                    unchanged: entry
                        .wrote
                        .iter()
                        .map(|s| s.path.clone())
                        .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
                        .zip(entry.pages.iter().copied())
                        .collect(),
                    removed: Vec::new(),
                };
                cache.record(path, entry.clone());
                on_done(&outcome);
                return outcome;
            }
            let entry = reuse.as_ref().and_then(|c| c.fresh(path));
            // A bug in kansli that panics on one file is that file's error: the others
            // are still built and the summary says which failed (review 42: a panic in
            // one meeting's attendance stopped the whole batch midway, with a Rust
            // backtrace and no file named).
            let mut outcome = panics::guarded(|| self.produce_reusing(path, &out_dir, entry))
                .unwrap_or_else(|what| internal_error(path, &what));
            if opts.write && !outcome.outputs.is_empty() {
                timing::time(timing::Stage::Write, || self.write_outputs(&mut outcome));
            }
            if let Some(cache) = &cache
                && opts.remove_stale
            {
                self.remove_stale(&mut outcome, cache.earlier(path), &out_dir);
            }
            // What a document wrote is remembered; only a clean build is skipped next
            // time: one with errors or warnings is built (and its messages shown) again.
            if let Some(cache) = &cache
                && !outcome.outputs.is_empty()
            {
                let mut reads = outcome.deps.clone();
                reads.sort();
                reads.dedup();
                cache.record(
                    path,
                    incremental::Entry {
                        reads: reads.iter().map(|p| incremental::Seen::now(p)).collect(),
                        wrote: outcome
                            .outputs
                            .iter()
                            .flat_map(Produced::files)
                            .map(|(path, bytes)| incremental::Seen::written(path, bytes))
                            .collect(),
                        pages: outcome.outputs.iter().map(|p| p.pages).collect(),
                        clean: outcome.diags.items.is_empty(),
                    },
                );
            }
            if !opts.keep_bytes {
                for p in &mut outcome.outputs {
                    p.bytes = Vec::new();
                    for (_, b) in &mut p.extra {
                        *b = Vec::new();
                    }
                }
            }
            on_done(&outcome);
            outcome
        };
        // Documents go to `jobs` plain threads, each taking the next file when done;
        // Typst parallelises inside a document on rayon's pool. (Documents as rayon
        // tasks would let a worker that waits inside Typst steal and start further
        // documents on its stack: more memory in flight, for no gain.)
        let jobs = rayon::current_num_threads().clamp(1, inputs.len().max(1));
        let next = AtomicUsize::new(0);
        let slots: Vec<Mutex<Option<FileOutcome>>> =
            inputs.iter().map(|_| Mutex::new(None)).collect();
        std::thread::scope(|scope| {
            for _ in 0..jobs {
                scope.spawn(|| {
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(path) = inputs.get(i) else { break };
                        let outcome = one(path);
                        *slots[i].lock().unwrap() = Some(outcome);
                    }
                });
            }
        });
        let mut outcomes: Vec<FileOutcome> = slots
            .into_iter()
            .map(|s| s.into_inner().unwrap().expect("every input was processed"))
            .collect();
        let mut summary = Summary {
            files: outcomes.len(),
            ..Summary::default()
        };
        if let Some(cache) = cache {
            // A cache that cannot be written costs the next build time, nothing else.
            let _ = cache.save();
        }
        for o in &mut outcomes {
            if !o.unchanged.is_empty() {
                summary.unchanged += 1;
                summary.pdfs += o.unchanged.len();
                summary.pages += o.unchanged.iter().map(|(_, n)| n).sum::<usize>();
                continue;
            }
            if o.failed() {
                summary.failed += 1;
            }
            summary.pdfs += o.outputs.len();
            summary.pages += o.outputs.iter().map(|p| p.pages).sum::<usize>();
        }
        // Counted as shown: each message once over the whole run, as `build` prints
        // them (see `Diagnostics::sorted`; counted per document, a warning two
        // documents gave alike was printed once and counted twice).
        let mut shown = Diagnostics::default();
        for o in outcomes.iter().filter(|o| o.unchanged.is_empty()) {
            shown.extend(o.diags.clone());
        }
        summary.warnings = shown.sorted().iter().filter(|d| !d.is_error()).count();
        summary.reused = self.reused.load(Ordering::Relaxed) - reused_before;
        summary.elapsed = started.elapsed();
        (outcomes, summary)
    }

    /// What every document of a run depends on (see [`incremental`]): versions and the
    /// build's identity (a hash of its sources), the built-in templates, standards, the
    /// output folder, kansli.yaml and the project's fonts.
    fn run_key(&self, out_dir: &Path) -> String {
        let root = &self.project.root;
        let mut files = vec![root.join("kansli.yaml")];
        files.extend(
            self.project
                .assets
                .list("fonts/")
                .iter()
                .map(|f| root.join(f))
                .filter(|p| p.is_file()),
        );
        files.sort();
        let standards = self.typesetter.standards.names.join(",");
        incremental::run_key(
            &[
                env!("CARGO_PKG_VERSION"),
                env!("KANSLI_BUILD_ID"),
                crate::assets::builtin_digest(),
                TYPST_VERSION,
                &standards,
                &out_dir.to_string_lossy(),
            ],
            &files,
        )
    }

    /// Removes the files of `wrote` (what the document wrote at an earlier build) that
    /// it did not write now and that are still as kansli wrote them (a file someone
    /// replaced, a signed copy, is left alone), with a warning naming each.
    fn remove_stale(&self, outcome: &mut FileOutcome, wrote: &[incremental::Seen], out_dir: &Path) {
        // Files by what they are, not how their path is spelled (`--out ../p/out`, a
        // symlink): a file written now is never removed, nor one outside the folder.
        let Ok(out_dir) = std::fs::canonicalize(out_dir) else {
            return;
        };
        let now: std::collections::HashSet<PathBuf> = outcome
            .outputs
            .iter()
            .flat_map(Produced::files)
            .filter_map(|(path, _)| std::fs::canonicalize(path).ok())
            .collect();
        let stale: Vec<PathBuf> = wrote
            .iter()
            .filter(|s| {
                std::fs::canonicalize(&s.path)
                    .is_ok_and(|c| c.starts_with(&out_dir) && !now.contains(&c))
                    && s.unchanged()
            })
            .map(|s| s.path.clone())
            .collect();
        let mut gone = Vec::new();
        for path in stale {
            match std::fs::remove_file(&path) {
                Ok(()) => gone.push(path),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => {
                    outcome.diags.push(
                        Diagnostic::warning(format!(
                            "{} från ett tidigare bygge hör till en äldre version av dokumentet men kunde inte tas bort: {}",
                            self.project.relative(&path),
                            crate::diag::io_sv(&e)
                        ))
                        .in_file(&outcome.source),
                    );
                }
            }
        }
        if gone.is_empty() {
            return;
        }
        let it = if gone.len() == 1 { "den" } else { "de" };
        let why = if outcome.failed() {
            format!("dokumentet kunde inte byggas nu, och {it} hörde till en äldre version av det")
        } else {
            format!(
                "dokumentet ger inte längre {}, t.ex. ett utdrag vars paragraf fått ett annat nummer",
                if gone.len() == 1 { "den" } else { "dem" }
            )
        };
        let names: Vec<String> = gone.iter().map(|p| self.project.relative(p)).collect();
        let warning = if gone.len() == 1 {
            Diagnostic::warning(format!(
                "en fil från ett tidigare bygge togs bort ({why}): {}",
                names[0]
            ))
        } else {
            // One per line: nineteen paths in the message ran to a line no one reads
            // (review 56's m22).
            Diagnostic::warning(format!(
                "{} filer från ett tidigare bygge togs bort ({why}):",
                gone.len()
            ))
            .listing(names)
        };
        outcome.diags.push(warning.in_file(&outcome.source));
        outcome.removed = gone;
    }

    fn write_outputs(&self, outcome: &mut FileOutcome) {
        for p in &outcome.outputs {
            for (path, bytes) in p.files() {
                if let Err(e) = output::write_output(path, bytes) {
                    outcome.diags.push(
                        Diagnostic::error(format!(
                            "kunde inte skriva {}: {}",
                            self.project.relative(path),
                            crate::diag::io_sv(&e)
                        ))
                        .in_file(&outcome.source),
                    );
                }
            }
        }
    }
}
