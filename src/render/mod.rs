//! Render: typed document → Typst source, through minijinja templates.
//!
//! One environment per process, shared by every thread. Auto-escaping is on for every
//! template: a value printed with `{{ … }}` becomes inert Typst markup unless it was
//! produced by one of the filters that return already-safe Typst:
//!
//! | filter | gives |
//! | --- | --- |
//! | `md` | CommonMark → Typst markup (text escaped) |
//! | `lit` | any value as a Typst code literal (strings quoted) |
//! | `datum` / `datum_ord` | `2023-11-08` / `8 november 2023` (plain text, escaped) |
//! | `tal(decimaler)` | Swedish number format, `−1 290,1` |
//! | `avstavad` | plain text escaped, not hyphenated next to a compound's joint |

pub mod anslag;
pub mod joints;
pub mod markup;
pub mod pack;
pub mod points;
pub mod view;

use std::sync::Arc;

use minijinja::value::{Value, ValueKind};
use minijinja::{AutoEscape, Environment, Error, ErrorKind, UndefinedBehavior};

use crate::assets::Assets;

/// How many steps (minijinja instructions) one rendering may take. Every bundled
/// document, the meeting pack included, needs fewer than 2 000 (measured: all build
/// at 2 000, none at 20); a loop that would never end stops here in well under a
/// second.
pub const TEMPLATE_FUEL: u64 = 1_000_000;

/// The shared template environment.
pub struct Renderer {
    env: Environment<'static>,
}

/// A template failure, with the template's name and line where known.
#[derive(Debug, Clone)]
pub struct RenderError {
    pub template: String,
    pub line: Option<usize>,
    pub message: String,
}

impl Renderer {
    pub fn new(assets: Arc<Assets>) -> Self {
        let mut env = Environment::new();
        // A template (the project's own override) that loops for ever, or nearly,
        // fails its document instead of hanging the build.
        env.set_fuel(Some(TEMPLATE_FUEL));
        env.set_undefined_behavior(UndefinedBehavior::Strict);
        env.set_trim_blocks(true);
        env.set_lstrip_blocks(true);
        env.set_keep_trailing_newline(true);
        env.set_auto_escape_callback(|_| AutoEscape::Custom("typst"));
        env.set_formatter(|out, _state, value| {
            if value.is_safe() {
                write!(out, "{value}").map_err(Error::from)
            } else if value.is_none() || value.is_undefined() {
                Ok(())
            } else {
                out.write_str(&markup::escape(&value.to_string()))
                    .map_err(Error::from)
            }
        });
        env.set_loader(move |name| {
            if name.contains("..") {
                return Ok(None);
            }
            let found = assets
                .lookup(&format!("templates/{name}"))
                .map_err(|msg| Error::new(ErrorKind::InvalidOperation, msg))?;
            match found {
                Some(bytes) => String::from_utf8(bytes.into_owned())
                    .map(Some)
                    .map_err(|_| {
                        Error::new(
                            ErrorKind::InvalidOperation,
                            format!("mallen {name} är inte UTF-8"),
                        )
                    }),
                None => Ok(None),
            }
        });
        env.add_filter("md", |s: &str| Value::from_safe_string(markup::markdown(s)));
        env.add_filter("md_closing", |s: &str| {
            Value::from_safe_string(markup::markdown_closing(s))
        });
        env.add_filter("lit", |v: Value| -> Result<Value, Error> {
            let json = serde_json::to_value(&v).map_err(|e| {
                Error::new(
                    ErrorKind::InvalidOperation,
                    format!("kan inte göra Typst-värde: {e}"),
                )
            })?;
            Ok(Value::from_safe_string(markup::literal(&json)))
        });
        env.add_filter("escape", |v: Value| escape_value(&v));
        env.add_filter("e", |v: Value| escape_value(&v));
        env.add_filter("rubrik", |s: &str| {
            Value::from_safe_string(markup::escape_title(s))
        });
        // A title in the pack's contents (`escape_contents_title`).
        env.add_filter("innehall", |s: &str| {
            Value::from_safe_string(markup::escape_contents_title(s))
        });
        // Swedish quotes in a title or subtitle placed as a string or escaped later
        // (a table's caption, a rapport's underrubrik), as `rubrik` sets them.
        env.add_filter("citat", |s: &str| markup::swedish_quotes(s).into_owned());
        // A line that may be hyphenated, not next to a compound's joint (`joints`).
        env.add_filter("avstavad", |s: &str| {
            Value::from_safe_string(markup::escape_hyphenated(s))
        });
        // How a table's column headers' words may break (`joints::header_breaks`), by
        // word: a dictionary for `report-table`'s `breaks`.
        env.add_filter("rubrikfogar", |v: Value| -> Result<Value, Error> {
            let mut map = std::collections::BTreeMap::new();
            for column in v.try_iter()? {
                if let Some(text) = column.as_str() {
                    for word in text.split_whitespace() {
                        if let Some(breaks) = joints::header_breaks(word) {
                            map.insert(word.to_string(), breaks);
                        }
                    }
                }
            }
            Ok(Value::from_serialize(&map))
        });
        env.add_filter("stycken", |s: &str| {
            Value::from_safe_string(markup::escape_paragraphs(s))
        });
        env.add_filter("rader", |s: &str| {
            Value::from_safe_string(markup::escape_lines(s))
        });
        env.add_filter("datum", |s: &str| s.to_string());
        // "Hälso- och sjukvårdsnämnden" inside a sentence: "… med hälso- och sjukvårdsnämnden".
        env.add_filter("lower_first", lower_first);
        env.add_filter("datum_ord", |s: &str| -> Result<String, Error> {
            crate::model::Datum::parse(s)
                .map(|d| d.words())
                .map_err(|e| Error::new(ErrorKind::InvalidOperation, e))
        });
        env.add_filter(
            "tal",
            |v: Value, decimals: Option<usize>| -> Result<String, Error> {
                let n = match v.kind() {
                    ValueKind::Number => f64::try_from(v.clone()).unwrap_or(0.0),
                    _ => {
                        return Err(Error::new(
                            ErrorKind::InvalidOperation,
                            "tal: väntade ett tal",
                        ));
                    }
                };
                Ok(crate::model::numfmt::format(n, decimals.unwrap_or(0)))
            },
        );
        Renderer { env }
    }

    /// Renders the named template (`tjansteskrivelse.typ.j2`) with a context.
    pub fn render(&self, template: &str, ctx: &Value) -> Result<String, RenderError> {
        self.render_with_links(template, ctx)
            .map(|(source, _)| source)
    }

    /// [`Renderer::render`], also returning the Markdown link targets that were
    /// printed as text rather than made links (see [`markup::link_target`]).
    pub fn render_with_links(
        &self,
        template: &str,
        ctx: &Value,
    ) -> Result<(String, Vec<String>), RenderError> {
        let tmpl = self
            .env
            .get_template(template)
            .map_err(|e| convert(template, &e))?;
        markup::take_refused_links();
        let source = tmpl.render(ctx).map_err(|e| convert(template, &e));
        let mut refused = markup::take_refused_links();
        refused.dedup();
        Ok((source?, refused))
    }
}

fn escape_value(v: &Value) -> Value {
    if v.is_safe() {
        v.clone()
    } else {
        Value::from_safe_string(markup::escape(&v.to_string()))
    }
}

fn convert(template: &str, err: &Error) -> RenderError {
    if err.kind() == ErrorKind::OutOfFuel {
        return RenderError {
            template: err.name().unwrap_or(template).to_string(),
            line: err.line(),
            message: format!(
                "mallen tog mer än {TEMPLATE_FUEL} steg och avbröts (en slinga som aldrig tar slut, eller en för stor?)"
            ),
        };
    }
    let mut message = err
        .detail()
        .map(str::to_string)
        .unwrap_or_else(|| err.kind().to_string());
    let mut source = std::error::Error::source(err);
    while let Some(inner) = source {
        message.push_str(&format!(": {inner}"));
        source = inner.source();
    }
    RenderError {
        template: err.name().unwrap_or(template).to_string(),
        line: err.line(),
        message,
    }
}

/// A name inside a sentence: "Hälso- och sjukvårdsnämnden" → "hälso- och
/// sjukvårdsnämnden" (the `lower_first` filter, the HTML anslag, a vote's result). A
/// name in the indefinite form ("Regional utvecklingsnämnd", "Regionstyrelse") is a
/// proper name and keeps its capital: lower-cased, "sammanträde med regional
/// utvecklingsnämnd" read as any nämnd (review 54's m13).
pub fn lower_first(s: &str) -> String {
    // (Any word of the name, before a complement or an abbreviation in parentheses:
    // "Gemensam nämnd för hjälpmedel", "Regional utvecklingsnämnd (RUN)".)
    let indefinite = s
        .split(|c: char| !c.is_alphabetic())
        .map(str::to_lowercase)
        .any(|w| {
            ["nämnd", "styrelse", "beredning"]
                .iter()
                .any(|end| w.ends_with(end))
        });
    if indefinite {
        return s.to_string();
    }
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_lowercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use minijinja::context;

    fn renderer_with(src: &'static str) -> Renderer {
        let mut r = Renderer::new(Arc::new(Assets::builtin_only()));
        r.env.add_template("t", src).unwrap();
        r
    }

    #[test]
    fn a_name_in_the_definite_form_is_lower_cased_in_a_sentence() {
        assert_eq!(
            lower_first("Hälso- och sjukvårdsnämnden"),
            "hälso- och sjukvårdsnämnden"
        );
        assert_eq!(lower_first("Regionstyrelsen"), "regionstyrelsen");
        assert_eq!(lower_first("Regionfullmäktige"), "regionfullmäktige");
        // An indefinite name is a proper name.
        assert_eq!(
            lower_first("Regional utvecklingsnämnd"),
            "Regional utvecklingsnämnd"
        );
        assert_eq!(
            lower_first("Regional utvecklingsnämnd (RUN)"),
            "Regional utvecklingsnämnd (RUN)"
        );
        assert_eq!(
            lower_first("Gemensam nämnd för hjälpmedel"),
            "Gemensam nämnd för hjälpmedel"
        );
        assert_eq!(
            lower_first("Nämnden för funktionshinderfrågor"),
            "nämnden för funktionshinderfrågor"
        );
        assert_eq!(lower_first(""), "");
    }

    #[test]
    fn values_are_escaped_by_default() {
        let r = renderer_with("[{{ x }}]");
        let out = r
            .render("t", &context! { x => "#read(\"/etc/passwd\") {{ y }}" })
            .unwrap();
        assert_eq!(
            out,
            // (A template's tag as text is kept whole on its line, in a box.)
            "[\\#read\\(\\\"\\/etc\\/passwd\\\"\\) #box[\\{\\{ y \\}\\}]]"
        );
    }

    #[test]
    fn filters_give_safe_typst() {
        let r = renderer_with("{{ x | lit }} {{ m | md }} {{ d | datum_ord }}");
        let out = r
            .render(
                "t",
                &context! { x => "a\"b", m => "*i*", d => "2023-11-08" },
            )
            .unwrap();
        assert_eq!(out, "\"a\\\"b\" #emph[i] #box[8 november 2023]");
    }

    #[test]
    fn undefined_is_an_error() {
        let r = renderer_with("{{ nope.x }}");
        assert!(r.render("t", &context! {}).is_err());
    }
}
