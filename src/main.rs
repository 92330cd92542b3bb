//! kansli: nämndhandlingar från YAML till PDF/A. Parses arguments, runs the command
//! through the library, maps the result to an exit code.

use std::process::ExitCode;

use clap::parser::ValueSource;
use clap::{ArgMatches, CommandFactory, FromArgMatches};
use kansli::cli::{self, Cli};

/// Whether `-C` was given on the command line, before or after the subcommand.
fn project_flag(m: &ArgMatches) -> bool {
    m.value_source("project") == Some(ValueSource::CommandLine)
        || m.subcommand().is_some_and(|(_, s)| project_flag(s))
}

fn main() -> ExitCode {
    kansli::pipeline::panics::install_hook();
    let parsed = Cli::command()
        .try_get_matches()
        .and_then(|m| Cli::from_arg_matches(&m).map(|cli| (cli, project_flag(&m))))
        // (Formatted for the command, as `Cli::try_parse` does.)
        .map_err(|e| e.format(&mut Cli::command()));
    let cli = match parsed {
        Ok((mut cli, flag)) => {
            cli.global.project_is_cwd = flag;
            cli
        }
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
