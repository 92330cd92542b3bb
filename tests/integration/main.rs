//! Integration tests: the real `kansli` binary on fixture projects.
//!
//! One test binary (faster to link); each module covers one area.

mod common;

mod archive;
mod archive_hostile;
mod authoring;
mod content;
mod determinism;
mod errors;
mod escaping;
mod fuzz_corpus;
mod handlingar;
mod hostile;
mod incremental;
mod layout;
mod leverans;
mod pdf_hostile;
mod pdf_place;
mod protokoll;
mod rapport;
mod sammantrade;
mod sandbox;
