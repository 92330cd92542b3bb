//! kansli: nämndhandlingar från YAML till PDF/A. Parses arguments, dispatches, exits.

use std::process::ExitCode;

use clap::Parser;

mod archive;
mod archive_cmd;
mod assets;
mod build;
mod cli;
mod commands;
mod diag;
mod keep;
mod markup;
mod model;
mod numfmt;
mod output;
mod profile;
mod project;
mod render;
mod scaffold;
mod schema;
mod signature;
mod timing;
mod typeset;
mod view;
mod watch;

fn main() -> ExitCode {
    let cli = match cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => {
            use clap::error::ErrorKind;
            return match err.kind() {
                ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
                    let _ = err.print();
                    ExitCode::SUCCESS
                }
                _ => {
                    eprintln!("{}", cli::translate_error(&err));
                    ExitCode::from(commands::EXIT_USAGE)
                }
            };
        }
    };
    ExitCode::from(commands::run(cli))
}
