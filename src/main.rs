//! kansli: nämndhandlingar från YAML till PDF/A. Parses arguments, runs the command
//! through the library, maps the result to an exit code.

use std::process::ExitCode;

use clap::Parser;
use kansli::cli::{self, Cli};

fn main() -> ExitCode {
    kansli::pipeline::panics::install_hook();
    let cli = match Cli::try_parse() {
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
                    ExitCode::from(cli::exit_code(Err(cli::Failure::Usage)))
                }
            };
        }
    };
    ExitCode::from(cli::exit_code(cli::run(cli)))
}
