//! Typst's problems in the user's terms: a character no font has points at the YAML
//! field that holds it; other errors name the template or the generated line, with
//! the common English messages put in Swedish.

use crate::diag::Diagnostic;
use crate::model::Loaded;
use crate::yaml::Pos;

use super::TypstProblem;

/// A Typst problem as a diagnostic on the user's YAML file, pointing at the field where
/// we can tell (a character no font has), else at the generated source.
pub fn typst_diagnostic(loaded: &Loaded, p: &TypstProblem, template: &str) -> Diagnostic {
    if let Some(c) = p.missing_char {
        let mut d = Diagnostic::error(format!(
            "tecknet \"{c}\" (U+{:04X}) finns inte i något av typsnitten, och PDF/A kräver att varje tecken kan visas",
            c as u32
        ))
        .hint("byt ut tecknet, eller lägg ett typsnitt som har det i projektets fonts/");
        d.file = Some(loaded.path.clone());
        match crate::yaml::locate::locate(&loaded.source, &c.to_string()) {
            Some((field, pos)) => {
                d.pos = Some(pos);
                d = d.field(&field);
            }
            None => d.pos = find_char(&loaded.source, c),
        }
        return d;
    }
    let place = match (&p.file, p.main_pos) {
        (Some(f), _) => format!("i mallen {}", f.trim_start_matches("/mall/")),
        (None, Some((l, c))) => format!("i den genererade källan från {template}, rad {l}:{c}"),
        (None, None) => String::from("vid PDF-exporten"),
    };
    let mut d = Diagnostic::error(format!("Typst ({place}): {}", typst_message_sv(&p.message)))
        .in_file(&loaded.path);
    d.hints
        .extend(p.hints.iter().map(|h| format!("Typst: {h}")));
    d.hints
        .push("kör `kansli build --keep-typst DIR` för att se den genererade Typst-källan".into());
    d
}

/// A Markdown link whose target may not become a link: a warning at the field and
/// line where the user wrote it; the text is printed without the link.
pub fn refused_link(loaded: &Loaded, dest: &str) -> Diagnostic {
    let mut d = Diagnostic::warning(if dest.trim().is_empty() {
        "länken saknar mål; texten skrivs utan länk".to_string()
    } else {
        format!(
            "länken till \"{}\" blir ingen länk i PDF:en (bara http, https och mailto tillåts); texten skrivs ut med adressen",
            crate::yaml::shorten(dest)
        )
    })
    .in_file(&loaded.path);
    let needle = if dest.trim().is_empty() { "<>" } else { dest };
    if let Some((field, pos)) = crate::yaml::locate::locate(&loaded.source, needle) {
        d.pos = Some(pos);
        d = d.field(&field);
    }
    d
}

/// Typst's messages are English; the common ones a template author meets are put in
/// Swedish, with Typst's own words kept after them for searching.
fn typst_message_sv(msg: &str) -> String {
    let sv = if msg.contains("escape the project root") || msg.contains("outside of the project") {
        "sökvägen leder utanför projektet; mallar får bara läsa filer i projektet"
    } else if msg.starts_with("file not found") {
        "filen finns inte"
    } else if msg.starts_with("unknown variable") {
        "okänd variabel"
    } else if msg.starts_with("unclosed delimiter") {
        "en parentes eller hakparentes stängs aldrig"
    } else {
        return msg.to_string();
    };
    format!("{sv} ({msg})")
}

fn find_char(source: &str, c: char) -> Option<Pos> {
    for (i, line) in source.lines().enumerate() {
        if let Some(idx) = line.find(c) {
            let col = line[..idx].chars().count() + 1;
            return Some(Pos {
                line: i as u32 + 1,
                col: col as u32,
            });
        }
    }
    None
}
