//! kansli: the official documents of Swedish nämnder, from YAML to archival PDF.
//!
//! The pipeline, one module per stage (dependencies point one way, from `cli` down):
//!
//! ```text
//! content/**/*.yaml ─load─▶ model::Loaded ─render─▶ Typst source ─typeset─▶ PDF ─write─▶ out/, arkiv/
//!   (yaml, project,          (render: minijinja,     (typeset: World,       (pipeline: batch,
//!    profile, model)          Markdown, views)        fonts, PDF export)      atomic writes; archive)
//! ```
//!
//! - [`yaml`]: YAML with a position per value, read into serde types with Swedish errors;
//! - [`project`], [`profile`], [`assets`]: the project folder, house styles, built-ins;
//! - [`model`]: one module per document type, their checks, JSON Schema and scaffolds;
//! - [`render`]: minijinja with Typst escaping, Markdown → Typst, number formats, views;
//! - [`typeset`]: Typst in-process, PDF/A export, Typst diagnostics in the user's terms;
//! - [`pipeline`]: the batch, what each output read, atomic writes, timing;
//! - [`pdf`]: untrusted PDFs (bilagor) read with limits and placed into meeting packs;
//! - [`archive`]: the write-once archive, manifest, verify, signed intake;
//! - [`cli`]: arguments, one file per command, the terminal report (the only printing).

pub mod archive;
pub mod assets;
pub mod cli;
pub mod diag;
#[doc(hidden)]
pub mod fuzz;
pub mod model;
pub mod pdf;
pub mod pipeline;
pub mod profile;
pub mod project;
pub mod render;
pub mod typeset;
pub mod yaml;

/// kansli's version with its build identity (`0.1.0+bygge.<16 hex>`): the build id is a
/// hash of the sources and built-in files it was built from (build.rs), so two binaries
/// of the same version built from different sources are told apart in `kansli -V` and
/// in the archive's record of what made each PDF. (The PDFs' `/Creator` keeps the plain
/// version: a checkout with other line endings must not change the output's bytes.)
pub const VERSION: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    "+bygge.",
    env!("KANSLI_BUILD_ID")
);

pub use diag::{Diagnostic, Diagnostics};
pub use model::{Loaded, load};
pub use pipeline::{FileOutcome, Pipeline, Produced, RunOptions, Summary};
pub use project::Project;
