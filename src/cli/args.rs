//! Command-line arguments (clap derive). Doc comments are the Swedish help text; clap's
//! own English headings are replaced by templates, and its errors are translated in
//! [`translate_error`].

use std::path::PathBuf;

use clap::{ArgAction, Args, Parser, Subcommand};

const HELP_TEMPLATE: &str = "\
{before-help}{about-with-newline}
Användning: {usage}

Kommandon:
{subcommands}

Flaggor:
{options}{after-help}";

const SUB_TEMPLATE: &str = "\
{about-with-newline}
Användning: {usage}

{all-args}{after-help}
";

/// kansli — nämndhandlingar från YAML till arkivbeständig, tillgänglig PDF/A.
#[derive(Debug, Parser)]
#[command(
    name = "kansli",
    version = crate::VERSION,
    override_usage = "kansli [-C <MAPP>] <KOMMANDO> [FLAGGOR]",
    help_template = HELP_TEMPLATE,
    disable_help_flag = true,
    disable_version_flag = true,
    disable_help_subcommand = true,
    after_help = "Projektet är den närmaste mappen uppåt som har kansli.yaml (annars den aktuella mappen).\nKör `kansli KOMMANDO --help` för hjälp om ett kommando."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,

    #[command(flatten)]
    pub global: GlobalArgs,
}

#[derive(Debug, Args)]
#[command(next_help_heading = "Flaggor")]
pub struct GlobalArgs {
    /// Projektmapp (standard: den aktuella mappen eller närmaste mapp uppåt med kansli.yaml)
    #[arg(
        short = 'C',
        long = "projekt",
        value_name = "MAPP",
        global = true,
        env = "KANSLI_PROJEKT"
    )]
    pub project: Option<PathBuf>,

    /// Whether the project folder was given with `-C` on the command line (not by
    /// `KANSLI_PROJEKT`): then paths on the command line are read from it, as `git -C`
    /// and `make -C` do (review 53: `kansli build -C proj content/region-jh` looked for
    /// `content/region-jh` where the command was run).
    #[arg(skip)]
    pub project_is_cwd: bool,

    /// Visa hjälp
    #[arg(short = 'h', long = "help", action = ArgAction::Help, global = true)]
    pub help: Option<bool>,

    /// Visa versionen
    #[arg(short = 'V', long = "version", action = ArgAction::Version)]
    pub version: Option<bool>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Bygg PDF-filer av dokumenten (standard: allt i content/)
    #[command(
        help_template = SUB_TEMPLATE,
        next_help_heading = "Flaggor",
        override_usage = "kansli build [FLAGGOR] [SÖKVÄG]..."
    )]
    Build(BuildArgs),

    /// Kontrollera dokumenten utan att skriva något
    #[command(
        help_template = SUB_TEMPLATE,
        next_help_heading = "Flaggor",
        override_usage = "kansli check [FLAGGOR] [SÖKVÄG]..."
    )]
    Check(CheckArgs),

    /// Bygg, och bygg om varje gång en fil som dokumenten använder sparas
    #[command(
        help_template = SUB_TEMPLATE,
        next_help_heading = "Flaggor",
        override_usage = "kansli watch [FLAGGOR] [SÖKVÄG]..."
    )]
    Watch(WatchArgs),

    /// Skapa ett nytt dokument att fylla i (tjänsteskrivelse, rapport eller sammanträde)
    #[command(
        help_template = SUB_TEMPLATE,
        next_help_heading = "Flaggor",
        override_usage = "kansli new [FLAGGOR] <TYP> <FIL>"
    )]
    New(NewArgs),

    /// Arkivera dokumenten (eller en signerad PDF) i det skrivskyddade arkivet
    #[command(
        help_template = SUB_TEMPLATE,
        next_help_heading = "Flaggor",
        override_usage = "kansli archive [FLAGGOR] [SÖKVÄG]...\n       kansli archive --signed <FIL.pdf> [--arkiv <MAPP>]"
    )]
    Archive(ArchiveArgs),

    /// Kontrollera arkivet: kontrollsummor, saknade filer och filer utanför manifestet
    #[command(
        help_template = SUB_TEMPLATE,
        next_help_heading = "Flaggor",
        override_usage = "kansli verify [--arkiv <MAPP>]"
    )]
    Verify(VerifyArgs),

    /// Gör ett leveranspaket av arkivet för ett e-arkiv (E-ARK SIP, grunden för FGS Paketstruktur)
    #[command(
        help_template = SUB_TEMPLATE,
        next_help_heading = "Flaggor",
        override_usage = "kansli leverans --ut <MAPP> [--zip] [--från <DATUM>] [--till <DATUM>] [--dnr <DNR>...] [--skapad <TID>] [--arkiv <MAPP>]"
    )]
    Leverans(LeveransArgs),

    /// Skriv ut JSON Schema för dokumentfilerna, för redigerare som VS Code
    #[command(
        help_template = SUB_TEMPLATE,
        next_help_heading = "Flaggor",
        override_usage = "kansli schema [--ut <FIL>]"
    )]
    Schema(SchemaArgs),
}

#[derive(Debug, Args)]
#[command(next_help_heading = "Flaggor")]
pub struct WatchArgs {
    #[command(flatten)]
    pub targets: Targets,

    #[command(flatten)]
    pub batch: BatchArgs,
}

/// What to build and where the PDFs go (build and watch).
#[derive(Debug, Args)]
pub struct Targets {
    /// YAML-filer eller mappar (söks igenom rekursivt); standard: content/
    #[arg(value_name = "SÖKVÄG", help_heading = "Argument")]
    pub paths: Vec<PathBuf>,

    /// Mapp för PDF-filerna (standard: utdata i kansli.yaml, annars out/)
    #[arg(short, long = "out", value_name = "MAPP")]
    pub out: Option<PathBuf>,
}

#[derive(Debug, Args)]
#[command(next_help_heading = "Flaggor")]
pub struct ArchiveArgs {
    /// YAML-filer eller mappar att bygga och arkivera; standard: content/
    #[arg(
        value_name = "SÖKVÄG",
        help_heading = "Argument",
        conflicts_with = "signed"
    )]
    pub paths: Vec<PathBuf>,

    /// Arkivmapp (standard: arkiv i kansli.yaml, annars arkiv/)
    #[arg(long = "arkiv", value_name = "MAPP")]
    pub archive: Option<PathBuf>,

    /// Ta emot en signerad PDF från signeringstjänsten och lägg den bredvid sitt original
    #[arg(long = "signed", visible_alias = "signerad", value_name = "FIL.pdf")]
    pub signed: Option<PathBuf>,

    #[command(flatten)]
    pub batch: BatchArgs,
}

#[derive(Debug, Args)]
#[command(next_help_heading = "Flaggor")]
pub struct VerifyArgs {
    /// Arkivmapp (standard: arkiv i kansli.yaml, annars arkiv/)
    #[arg(long = "arkiv", value_name = "MAPP")]
    pub archive: Option<PathBuf>,
}

#[derive(Debug, Args)]
#[command(next_help_heading = "Flaggor")]
pub struct LeveransArgs {
    /// Mapp där paketet läggs, som mappen <paket-id>/ (eller <paket-id>.zip med --zip)
    #[arg(long = "ut", value_name = "MAPP", required = true)]
    pub out: PathBuf,

    /// Skriv paketet som en ZIP-fil i stället för en mapp
    #[arg(long = "zip")]
    pub zip: bool,

    /// Bara handlingar daterade denna dag eller senare (ÅÅÅÅ-MM-DD)
    #[arg(long = "från", visible_alias = "fran", value_name = "DATUM", value_parser = parse_date)]
    pub from: Option<chrono::NaiveDate>,

    /// Bara handlingar daterade denna dag eller tidigare (ÅÅÅÅ-MM-DD)
    #[arg(long = "till", value_name = "DATUM", value_parser = parse_date)]
    pub to: Option<chrono::NaiveDate>,

    /// Bara dessa ärenden (diarienummer som i manifestet, t.ex. HSN/1798/2023)
    #[arg(long = "dnr", value_name = "DNR", num_args = 1..)]
    pub dnr: Vec<String>,

    /// Paketets tid (RFC 3339, t.ex. 2025-01-31T12:00:00+01:00); standard: den senaste arkiveringstiden i urvalet
    #[arg(long = "skapad", value_name = "TID", value_parser = parse_time)]
    pub created: Option<chrono::DateTime<chrono::FixedOffset>>,

    /// Arkivmapp (standard: arkiv i kansli.yaml, annars arkiv/)
    #[arg(long = "arkiv", value_name = "MAPP")]
    pub archive: Option<PathBuf>,
}

fn parse_date(s: &str) -> Result<chrono::NaiveDate, String> {
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .map_err(|_| format!("väntade ett datum ÅÅÅÅ-MM-DD, fann \"{s}\""))
}

fn parse_time(s: &str) -> Result<chrono::DateTime<chrono::FixedOffset>, String> {
    chrono::DateTime::parse_from_rfc3339(s).map_err(|_| {
        format!(
            "väntade en tid med tidszon enligt RFC 3339 (2025-01-31T12:00:00+01:00), fann \"{s}\""
        )
    })
}

#[derive(Debug, Args)]
#[command(next_help_heading = "Flaggor")]
pub struct NewArgs {
    /// Dokumenttyp: tjänsteskrivelse, rapport eller sammanträde
    #[arg(value_name = "TYP", help_heading = "Argument")]
    pub kind: String,

    /// Filen som ska skapas, t.ex. content/mitt-arende.yaml (skrivs aldrig över)
    #[arg(value_name = "FIL", help_heading = "Argument")]
    pub file: PathBuf,
}

#[derive(Debug, Args)]
#[command(next_help_heading = "Flaggor")]
pub struct SchemaArgs {
    /// Skriv schemat till FIL i stället för till standard ut
    #[arg(short = 'o', long = "ut", value_name = "FIL")]
    pub out: Option<PathBuf>,
}

#[derive(Debug, Args)]
#[command(next_help_heading = "Flaggor")]
pub struct BuildArgs {
    #[command(flatten)]
    pub targets: Targets,

    #[command(flatten)]
    pub batch: BatchArgs,

    /// Spara den genererade Typst-källan (och det den importerar) i MAPP, för felsökning av mallar
    #[arg(long = "keep-typst", value_name = "MAPP")]
    pub keep_typst: Option<PathBuf>,

    /// Visa var tiden går: inläsning, mallar, sättning, PDF-export, skrivning
    #[arg(long = "tidsprofil")]
    pub profile_time: bool,

    /// Bygg om allt, också dokument vars indata inte har ändrats sedan förra bygget
    #[arg(long = "alltid", visible_alias = "force")]
    pub always: bool,
}

#[derive(Debug, Args)]
#[command(next_help_heading = "Flaggor")]
pub struct CheckArgs {
    /// YAML-filer eller mappar (söks igenom rekursivt); standard: content/
    #[arg(value_name = "SÖKVÄG", help_heading = "Argument")]
    pub paths: Vec<PathBuf>,

    #[command(flatten)]
    pub batch: BatchArgs,
}

#[derive(Debug, Args, Clone)]
pub struct BatchArgs {
    /// Antal dokument som byggs samtidigt (standard: antal processorkärnor)
    #[arg(short, long = "jobs", value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub jobs: Option<u16>,

    /// Skriv bara fel och sammanfattning
    #[arg(short, long = "tyst")]
    pub quiet: bool,
}

/// clap's error in Swedish, with exit status 2 for usage errors.
pub fn translate_error(err: &clap::Error) -> String {
    use clap::error::{ContextKind, ContextValue, ErrorKind};
    let ctx = |kind: ContextKind| match err.get(kind) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(v)) => v.join(", "),
        Some(other) => other.to_string(),
        None => String::new(),
    };
    let suggestion = ctx(ContextKind::SuggestedSubcommand)
        + &ctx(ContextKind::SuggestedArg)
        + &ctx(ContextKind::SuggestedValue);
    let hint = if suggestion.is_empty() {
        String::new()
    } else {
        format!("\n  hjälp: menade du \"{suggestion}\"?")
    };
    let msg = match err.kind() {
        ErrorKind::InvalidSubcommand => {
            format!("okänt kommando \"{}\"", ctx(ContextKind::InvalidSubcommand))
        }
        ErrorKind::UnknownArgument => format!(
            "okänd flagga eller argument \"{}\"",
            ctx(ContextKind::InvalidArg)
        ),
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => format!(
            "ogiltigt värde \"{}\" för {}",
            ctx(ContextKind::InvalidValue),
            ctx(ContextKind::InvalidArg)
        ),
        ErrorKind::MissingRequiredArgument => {
            format!("argument saknas: {}", ctx(ContextKind::InvalidArg))
        }
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            "ange ett kommando, t.ex. `kansli build`".to_string()
        }
        ErrorKind::TooManyValues | ErrorKind::ArgumentConflict => {
            format!(
                "flaggorna går inte att kombinera: {}",
                ctx(ContextKind::InvalidArg)
            )
        }
        _ => err
            .to_string()
            .trim_start_matches("error: ")
            .lines()
            .next()
            .unwrap_or("")
            .to_string(),
    };
    format!("fel: {msg}{hint}\n  hjälp: kör `kansli --help` för en översikt")
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn verify_cli() {
        Cli::command().debug_assert();
    }

    #[test]
    fn help_is_swedish() {
        let help = Cli::command().render_help().to_string();
        assert!(help.contains("Användning:"), "{help}");
        assert!(help.contains("Kommandon:"), "{help}");
        assert!(!help.contains("Usage:"), "{help}");
        assert!(!help.contains("Options:"), "{help}");
        assert!(!help.contains("OPTIONS"), "{help}");
        for sub in [
            "build", "check", "watch", "new", "archive", "verify", "leverans", "schema",
        ] {
            let mut cmd = Cli::command();
            let text = cmd
                .find_subcommand_mut(sub)
                .unwrap()
                .render_help()
                .to_string();
            assert!(!text.contains("OPTIONS"), "{sub}: {text}");
            assert!(text.contains("Användning: kansli"), "{sub}: {text}");
        }
    }

    #[test]
    fn unknown_subcommand_is_translated() {
        let err = Cli::try_parse_from(["kansli", "bild"]).unwrap_err();
        let text = translate_error(&err);
        assert!(text.contains("okänt kommando \"bild\""), "{text}");
        assert!(text.contains("menade du \"build\"?"), "{text}");
    }
}
