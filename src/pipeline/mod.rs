//! The pipeline driver: load → render → typeset → write, for one file or a batch.
//!
//! One bad file never stops the others: every file yields a [`FileOutcome`] with its
//! diagnostics, and its outputs are written only if all of them succeeded, so a failed
//! file leaves no partial output behind.

pub mod keep;
pub mod rebuild;
pub mod output;
pub mod timing;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::diag::{Diagnostic, Diagnostics};
use crate::model::{self, Loaded};
use crate::project::Project;
use crate::render::Renderer;
use crate::typeset::{Job, Standards, Typesetter};
use crate::render::view::{self, OutputSpec};

/// Everything a run shares: project, templates, fonts and standards.
pub struct Pipeline {
    pub project: Project,
    pub renderer: Renderer,
    pub typesetter: Typesetter,
    /// `--keep-typst DIR`: every generated source is kept here, also when Typst fails.
    pub keep_typst: Option<PathBuf>,
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

/// What became of one input file.
#[derive(Debug)]
pub struct FileOutcome {
    pub source: PathBuf,
    pub diags: Diagnostics,
    pub outputs: Vec<Produced>,
    /// Project files the document read or whose change would change it (for watch
    /// mode): the YAML itself, bilagor, ärenden, its templates and profile files.
    pub deps: Vec<PathBuf>,
}

impl FileOutcome {
    pub fn failed(&self) -> bool {
        self.diags.has_errors()
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
}

/// Totals of a run, for the closing summary.
#[derive(Debug, Default)]
pub struct Summary {
    pub files: usize,
    pub failed: usize,
    pub pdfs: usize,
    pub pages: usize,
    pub warnings: usize,
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
        let typesetter = Typesetter::new(project.assets.clone(), standards);
        Ok(Pipeline {
            project,
            renderer,
            typesetter,
            keep_typst: None,
        })
    }

    pub fn out_dir(&self, opts: &RunOptions) -> PathBuf {
        opts.out_dir
            .clone()
            .unwrap_or_else(|| self.project.out_dir())
    }

    /// Loads, renders and typesets one file. Writes nothing.
    pub fn produce(&self, source: &Path, out_dir: &Path) -> FileOutcome {
        let mut diags = Diagnostics::default();
        let loaded = timing::time(timing::Stage::Load, || {
            model::load(&self.project, source, &mut diags)
        });
        let mut outcome = FileOutcome {
            source: source.to_path_buf(),
            diags: Diagnostics::default(),
            outputs: Vec::new(),
            deps: vec![source.to_path_buf()],
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
            model::Document::Sammantrade(m) => m.protokollfel.clone(),
            _ => Vec::new(),
        };
        self.check_fonts(&loaded, &mut diags);
        if !diags.has_errors() {
            for spec in view::outputs(&loaded) {
                match self.produce_one(&loaded, spec, out_dir) {
                    Ok(p) => outcome.outputs.push(p),
                    Err(d) => diags.extend(d),
                }
            }
        }
        if diags.has_errors() {
            outcome.outputs.clear();
        }
        for d in held_back {
            diags.push(d);
        }
        outcome.diags = diags;
        outcome.deps.extend(self.template_deps(&loaded));
        outcome
    }

    /// The project paths of the templates and profile files a document uses (whether
    /// or not the project has its own copy: creating one changes the document too).
    fn template_deps(&self, loaded: &Loaded) -> Vec<PathBuf> {
        let root = &self.project.root;
        let mut out = vec![root.join("templates/delar.typ.j2")];
        out.extend(
            self.typesetter
                .shared
                .template_paths()
                .iter()
                .map(|v| root.join("templates").join(v.trim_start_matches("/mall/"))),
        );
        for spec in view::outputs(loaded) {
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
        spec: OutputSpec,
        out_dir: &Path,
    ) -> Result<Produced, Diagnostics> {
        let mut diags = Diagnostics::default();
        let rendered = timing::time(timing::Stage::Render, || {
            self.renderer.render(spec.kind.template(), &spec.context)
        });
        let source = match rendered {
            Ok(s) => s,
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
                return Err(diags);
            }
        };
        let files = spec.files.clone();
        let out_path = self
            .project
            .output_path(out_dir, &loaded.path, &spec.suffix);
        if let Some(dir) = &self.keep_typst
            && let Err(e) = keep::keep_typst(&self.typesetter, &self.project.assets, dir, out_dir, &out_path, &source, &files)
        {
            diags.push(
                Diagnostic::error(format!(
                    "kunde inte spara Typst-källan i {}: {}",
                    dir.display(),
                    crate::diag::io_sv(&e)
                ))
                .in_file(&loaded.path),
            );
            return Err(diags);
        }
        let job = Job {
            source: source.clone(),
            date: spec.date,
            ident: spec.ident,
            files: spec.files,
        };
        match self.typesetter.typeset(job) {
            Ok((bytes, pages)) => Ok(Produced {
                extra: spec
                    .html
                    .map(|h| vec![(out_path.with_extension("html"), h.into_bytes())])
                    .unwrap_or_default(),
                path: out_path,
                date: spec.date,
                record: spec.record,
                bytes,
                pages,
                kind: spec.kind,
            }),
            Err(problems) => {
                for p in problems {
                    let mut d = crate::typeset::diagnostics::typst_diagnostic(loaded, &p, spec.kind.template());
                    // Show the generated line, so a template author sees what Typst saw.
                    if let (None, Some((line, _))) = (&p.file, p.main_pos)
                        && let Some(text) = source.lines().nth(line.saturating_sub(1))
                    {
                        d.hints
                            .insert(0, format!("genererad rad {line}: {}", text.trim()));
                    }
                    diags.push(d);
                }
                Err(diags)
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
        let one = |path: &PathBuf| {
            let mut outcome = self.produce(path, &out_dir);
            // A meeting whose protokoll has errors still writes its kallelse.
            if opts.write && !outcome.outputs.is_empty() {
                timing::time(timing::Stage::Write, || {
                    self.write_outputs(&mut outcome)
                });
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
        for o in &mut outcomes {
            if o.failed() {
                summary.failed += 1;
            }
            summary.pdfs += o.outputs.len();
            summary.pages += o.outputs.iter().map(|p| p.pages).sum::<usize>();
            summary.warnings += o.diags.items.iter().filter(|d| !d.is_error()).count();
        }
        summary.elapsed = started.elapsed();
        (outcomes, summary)
    }

    fn write_outputs(&self, outcome: &mut FileOutcome) {
        for p in &outcome.outputs {
            let files = std::iter::once((&p.path, &p.bytes))
                .chain(p.extra.iter().map(|(path, bytes)| (path, bytes)));
            for (path, bytes) in files {
                if let Err(e) = output::write_atomic(path, bytes) {
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
