//! The anslag: the tillkännagivande on the digital anslagstavla that a protokoll has been
//! justerat (kommunallagen (2017:725) 8 kap. 12 §), as one accessible, static HTML5 page.
//!
//! The page has no script and no external resources (inline CSS only), `lang="sv"`, a
//! landmark structure (header, main), headings, and the facts as a description list. Colours
//! meet WCAG 2.1 AA contrast and the layout reflows to one column at 200 % zoom. Every value
//! is HTML-escaped. The output depends on the `Anslag` alone (no clock, no environment).

use std::fmt::Write as _;

use chrono::NaiveDate;

use crate::model::kalender::{svenskt_datum, veckodag};

/// What the notice says may be appealed: the protokoll's decisions, or those of the
/// paragraphs justerade omedelbart it gives notice of ("beslutet i § 120", "besluten i
/// §§ 120–121"; review 22: a notice of one paragraph said "besluten i protokollet").
pub fn appealable(paragrafer: &str, omedelbar: bool) -> String {
    let p = paragrafer.trim();
    if !omedelbar || p.is_empty() {
        "besluten i protokollet".to_string()
    } else if p.starts_with("§§") || p.contains(',') || p.contains(" och ") {
        format!("besluten i {p}")
    } else {
        format!("beslutet i {p}")
    }
}

/// The facts of one tillkännagivande. The dates are given, not computed here; use
/// `kalender::sista_dag_for_overklagande` and `kalender::tidigast_nedtagning` for the last two.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Anslag {
    /// Kommun or region, e.g. "Region Jämtland Härjedalen"; empty to leave it out.
    pub organisation: String,
    /// The nämnd, e.g. "Hälso- och sjukvårdsnämnden".
    pub organ: String,
    pub sammantradesdatum: NaiveDate,
    /// "§§ 159–172" or "§ 160".
    pub paragrafer: String,
    pub justeringsdatum: NaiveDate,
    /// The day the anslag is posted.
    pub uppsatt: NaiveDate,
    pub sista_dag_overklagande: NaiveDate,
    pub tidigast_nedtagning: NaiveDate,
    /// Where the protokoll is kept, e.g. "Regionens hus, Östersund".
    pub forvaringsplats: String,
    /// The anslag announces one paragraph justerad at the meeting (omedelbar justering).
    pub omedelbart_justerad: bool,
    pub sekreterare: Option<String>,
    /// The meeting was an extra sammanträde (said in the text and by the date, as the
    /// PDF anslag does).
    pub extra: bool,
    /// The house style's primary colour (`#rrggbb`) for the organisation's rule; any
    /// other value gives the default blue.
    pub farg: String,
}

/// A CSS colour from the profile, only as `#rgb` or `#rrggbb` (nothing else reaches the
/// style sheet); else the default accent.
fn accent(farg: &str) -> &str {
    let hex = farg.strip_prefix('#').unwrap_or("");
    if matches!(hex.len(), 3 | 6) && hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        farg
    } else {
        "#1d4f91"
    }
}

/// Escapes text for HTML element content and quoted attribute values: `& < > " '`.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// "fredag 5 december 2025" inside a machine-readable `<time>`.
fn datum_html(d: NaiveDate) -> String {
    format!(
        "<time datetime=\"{}\">{} {}</time>",
        escape_html(&d.format("%Y-%m-%d").to_string()),
        escape_html(veckodag(d)),
        escape_html(&svenskt_datum(d)),
    )
}

/// Inline style sheet. Text #1b1b1b on #ffffff (contrast 17:1), rules #595959 (7:1), the
/// organisation's rule in the house colour (`--accent`, set before it; default #1d4f91). Sizes in rem so the page scales with zoom and the user's font size; the
/// two-column list becomes one column below 40rem (which includes 200 % zoom at 1280 px).
const CSS: &str = "\
:root{color-scheme:light}
*{box-sizing:border-box}
body{margin:0;background:#fff;color:#1b1b1b;font-family:system-ui,-apple-system,\"Segoe UI\",Roboto,\"Noto Sans\",\"Liberation Sans\",Arial,sans-serif;font-size:100%;line-height:1.5;overflow-wrap:anywhere}
header,main{max-width:48rem;margin:0 auto;padding:0 1rem}
header{padding-top:1rem}
.organisation{max-width:none;margin:0;padding-bottom:.75rem;border-bottom:.25rem solid var(--accent);font-size:1.125rem;font-weight:700}
h1{font-size:1.75rem;line-height:1.25;margin:1.5rem 0 1rem}
h2{font-size:1.25rem;line-height:1.3;margin:2rem 0 .5rem}
p{margin:0 0 1rem;max-width:40rem}
dl{margin:0 0 1rem;border-top:1px solid #595959}
dl>div{display:grid;grid-template-columns:minmax(0,16rem) minmax(0,1fr);gap:.25rem 1rem;padding:.5rem 0;border-bottom:1px solid #595959}
dt{font-weight:700}
dd{margin:0}
time{white-space:nowrap}
@media (max-width:40rem){dl>div{grid-template-columns:minmax(0,1fr)}}
";

/// The complete HTML5 page for the anslagstavla.
pub fn html(a: &Anslag) -> String {
    let organ = escape_html(&a.organ);
    // Inside a sentence as in the PDF: "… med regionstyrelsen".
    let organ_i_text = escape_html(&super::lower_first(&a.organ));
    let sammantradet = if a.extra {
        "det extra sammanträdet"
    } else {
        "sammanträdet"
    };
    let datum = escape_html(&svenskt_datum(a.sammantradesdatum));
    // The meeting date in running text, kept on one line like the dates in the list.
    let datum_i_text = format!(
        "<time datetime=\"{}\">{datum}</time>",
        a.sammantradesdatum.format("%Y-%m-%d")
    );
    let paragrafer = escape_html(&a.paragrafer);

    let mut s = String::with_capacity(4096);
    s.push_str("<!DOCTYPE html>\n<html lang=\"sv\">\n<head>\n<meta charset=\"utf-8\">\n");
    s.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    // An anslag of one paragraph justerad at the meeting names it in its title, as its
    // PDF does ("Anslag § 37: …"): on a notice board it stands beside the meeting's own
    // (review 29: both were "Anslag: …").
    let which = if a.omedelbart_justerad {
        format!("Anslag {paragrafer}")
    } else {
        "Anslag".to_string()
    };
    let _ = writeln!(s, "<title>{which}: {organ}, sammanträde {datum}</title>");
    let _ = writeln!(
        s,
        "<style>\n:root{{--accent:{}}}\n{CSS}</style>\n</head>\n<body>",
        accent(&a.farg)
    );
    if !a.organisation.trim().is_empty() {
        let _ = writeln!(
            s,
            "<header>\n<p class=\"organisation\">{}</p>\n</header>",
            escape_html(&a.organisation)
        );
    }
    s.push_str("<main>\n<h1>Tillkännagivande av justerat protokoll</h1>\n");
    if a.omedelbart_justerad {
        let _ = writeln!(
            s,
            "<p>I protokollet från {sammantradet} med {organ_i_text} den {datum_i_text} \
             justerades {paragrafer} omedelbart vid sammanträdet. Justeringen tillkännages \
             genom detta anslag.</p>"
        );
    } else {
        let _ = writeln!(
            s,
            "<p>Protokollet från {sammantradet} med {organ_i_text} den {datum_i_text} är justerat. \
             Justeringen tillkännages genom detta anslag.</p>"
        );
    }

    s.push_str("<h2 id=\"uppgifter\">Uppgifter om protokollet</h2>\n");
    s.push_str("<dl aria-labelledby=\"uppgifter\">\n");
    let mut rad = |term: &str, value: &str| {
        let _ = writeln!(s, "<div><dt>{term}</dt><dd>{value}</dd></div>");
    };
    rad("Organ", &organ);
    // (Without the weekday, as in the PDF.)
    rad(
        "Sammanträdesdatum",
        &format!(
            "{datum_i_text}{}",
            if a.extra { ", extra sammanträde" } else { "" }
        ),
    );
    rad("Paragrafer", &paragrafer);
    rad("Datum för justering", &datum_html(a.justeringsdatum));
    rad("Datum då anslaget sätts upp", &datum_html(a.uppsatt));
    rad(
        "Sista dag för överklagande",
        &datum_html(a.sista_dag_overklagande),
    );
    rad(
        "Datum då anslaget tidigast tas ned",
        &datum_html(a.tidigast_nedtagning),
    );
    rad(
        "Förvaringsplats för protokollet",
        &escape_html(&a.forvaringsplats),
    );
    if let Some(namn) = a.sekreterare.as_deref().filter(|n| !n.trim().is_empty()) {
        rad("Sekreterare", &escape_html(namn));
    }
    s.push_str("</dl>\n");

    let medlem = if a.organisation.trim().is_empty() {
        "kommunen eller regionen".to_string()
    } else {
        escape_html(&a.organisation)
    };
    s.push_str("<h2>Så överklagar du</h2>\n");
    let _ = writeln!(
        s,
        "<p>Den som är medlem i {medlem} kan överklaga {} genom \
         laglighetsprövning enligt 13 kap. kommunallagen (2017:725). Överklagandet ska ha \
         kommit in till förvaltningsrätten inom tre veckor från den dag då detta anslag sattes \
         upp på anslagstavlan, det vill säga senast {}.</p>",
        escape_html(&appealable(&a.paragrafer, a.omedelbart_justerad)),
        datum_html(a.sista_dag_overklagande)
    );
    let _ = writeln!(
        s,
        "<p>Protokollet finns tillgängligt på förvaringsplatsen: {}.</p>",
        escape_html(&a.forvaringsplats)
    );
    s.push_str("</main>\n</body>\n</html>\n");
    s
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_notice_of_paragraphs_justerade_omedelbart_names_them_as_appealable() {
        assert_eq!(appealable("§§ 141–153", false), "besluten i protokollet");
        assert_eq!(appealable("§ 120", true), "beslutet i § 120");
        assert_eq!(appealable("§§ 120, 124", true), "besluten i §§ 120, 124");
    }

    use super::*;
    use crate::model::kalender;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    /// The spec's meeting: justerat and posted Friday 20 December 2024.
    fn sample() -> Anslag {
        let uppsatt = d(2024, 12, 20);
        Anslag {
            organisation: "Region Jämtland Härjedalen".into(),
            organ: "Hälso- och sjukvårdsnämnden".into(),
            sammantradesdatum: d(2024, 12, 18),
            paragrafer: "§§ 159–172".into(),
            justeringsdatum: d(2024, 12, 20),
            uppsatt,
            sista_dag_overklagande: kalender::sista_dag_for_overklagande(uppsatt),
            tidigast_nedtagning: kalender::tidigast_nedtagning(uppsatt),
            forvaringsplats: "Regionens hus, kansliavdelningen, Östersund".into(),
            omedelbart_justerad: false,
            sekreterare: Some("Sandra Hedman".into()),
            extra: false,
            farg: "#00594f".into(),
        }
    }

    #[test]
    fn an_extra_meeting_says_so_and_the_page_has_the_house_colour() {
        // Review 20: the PDF and the protokoll said "extra sammanträde", the anslag
        // did not; the organisation's rule was blue in the green JH style; the organ was
        // capitalised inside the sentence and the meeting date had a weekday the PDF
        // does not print.
        let h = html(&Anslag {
            extra: true,
            ..sample()
        });
        assert!(
            h.contains(
                "<p>Protokollet från det extra sammanträdet med hälso- och sjukvårdsnämnden den \
             <time datetime=\"2024-12-18\">18 december 2024</time> är justerat."
            ),
            "{h}"
        );
        assert!(h.contains(
            "<dt>Sammanträdesdatum</dt><dd><time datetime=\"2024-12-18\">18 december 2024</time>, extra sammanträde</dd>"
        ), "{h}");
        assert!(h.contains(":root{--accent:#00594f}"), "{h}");
        assert!(!sample_html().contains("extra"));
        // An anslag of one paragraph justerad at the meeting says which in its title
        // (review 29: it had the meeting's anslag's title).
        let one = html(&Anslag {
            omedelbart_justerad: true,
            paragrafer: "§ 160".into(),
            ..sample()
        });
        assert!(
            one.contains("<title>Anslag § 160: Hälso- och sjukvårdsnämnden, sammanträde 18 december 2024</title>"),
            "{one}"
        );
        // Only a colour reaches the style sheet.
        for bad in ["red;}body{display:none", "#00594", "url(x)"] {
            let h = html(&Anslag {
                farg: bad.into(),
                ..sample()
            });
            assert!(h.contains(":root{--accent:#1d4f91}"), "{bad}");
        }
    }

    fn sample_html() -> String {
        html(&sample())
    }

    /// Opening and closing tags of every element the page uses balance.
    fn assert_balanced(h: &str) {
        for tag in [
            "html", "head", "title", "style", "body", "header", "main", "h1", "h2", "p", "dl",
            "div", "dt", "dd", "time",
        ] {
            let open =
                h.matches(&format!("<{tag}>")).count() + h.matches(&format!("<{tag} ")).count();
            let close = h.matches(&format!("</{tag}>")).count();
            assert_eq!(
                open, close,
                "<{tag}> opened {open} times, closed {close} times"
            );
        }
    }

    #[test]
    fn escapes_every_metacharacter() {
        assert_eq!(
            escape_html(r#"a & b < c > d " e ' f"#),
            "a &amp; b &lt; c &gt; d &quot; e &#39; f"
        );
        assert_eq!(
            escape_html("<script>alert('x&y')</script>"),
            "&lt;script&gt;alert(&#39;x&amp;y&#39;)&lt;/script&gt;"
        );
        // Already-escaped text is escaped again (no double-decoding tricks), non-ASCII untouched.
        assert_eq!(escape_html("&amp; åäö §§ –"), "&amp;amp; åäö §§ –");
        assert_eq!(escape_html(""), "");
    }

    #[test]
    fn page_skeleton() {
        let h = html(&sample());
        assert!(h.starts_with(
            "<!DOCTYPE html>\n<html lang=\"sv\">\n<head>\n<meta charset=\"utf-8\">\n"
        ));
        assert!(h.contains(
            "<title>Anslag: Hälso- och sjukvårdsnämnden, sammanträde 18 december 2024</title>"
        ));
        assert!(h.contains("<main>\n<h1>Tillkännagivande av justerat protokoll</h1>"));
        assert_eq!(h.matches("<h1>").count(), 1);
        assert!(h.contains("<p class=\"organisation\">Region Jämtland Härjedalen</p>"));
        assert!(h.ends_with("</main>\n</body>\n</html>\n"));
        assert_balanced(&h);
    }

    #[test]
    fn all_facts_with_swedish_dates() {
        let h = html(&sample());
        for (term, value) in [
            ("Organ", "Hälso- och sjukvårdsnämnden"),
            (
                "Sammanträdesdatum",
                "<time datetime=\"2024-12-18\">18 december 2024</time>",
            ),
            ("Paragrafer", "§§ 159–172"),
            (
                "Datum för justering",
                "<time datetime=\"2024-12-20\">fredag 20 december 2024</time>",
            ),
            (
                "Datum då anslaget sätts upp",
                "<time datetime=\"2024-12-20\">fredag 20 december 2024</time>",
            ),
            // 20 Dec 2024 + 21 days = Friday 10 January 2025, a working day.
            (
                "Sista dag för överklagande",
                "<time datetime=\"2025-01-10\">fredag 10 januari 2025</time>",
            ),
            (
                "Datum då anslaget tidigast tas ned",
                "<time datetime=\"2025-01-11\">lördag 11 januari 2025</time>",
            ),
            (
                "Förvaringsplats för protokollet",
                "Regionens hus, kansliavdelningen, Östersund",
            ),
            ("Sekreterare", "Sandra Hedman"),
        ] {
            let row = format!("<div><dt>{term}</dt><dd>{value}</dd></div>");
            assert!(h.contains(&row), "missing row {row}");
        }
        assert!(h.contains("laglighetsprövning enligt 13 kap. kommunallagen (2017:725)"));
        assert!(h.contains("inom tre veckor från den dag då detta anslag sattes upp"));
        assert!(h.contains("Den som är medlem i Region Jämtland Härjedalen kan överklaga"));
        assert!(h.contains(
            "<p>Protokollet från sammanträdet med hälso- och sjukvårdsnämnden den \
             <time datetime=\"2024-12-18\">18 december 2024</time> är justerat."
        ));
    }

    #[test]
    fn no_script_no_external_resources() {
        let h = html(&sample()).to_lowercase();
        for bad in [
            "<script", "src=", "href=", "<link", "@import", "url(", "http:", "https:", "<img",
            "<iframe", " on",
        ] {
            // " on" catches inline handlers such as ` onload=`.
            if bad == " on" {
                assert!(
                    !h.contains(" onload=") && !h.contains(" onclick=") && !h.contains(" onerror=")
                );
            } else {
                assert!(!h.contains(bad), "page contains {bad}");
            }
        }
    }

    #[test]
    fn hostile_values_are_escaped_everywhere() {
        let evil = "<script>alert(\"x\")</script>' onmouseover='x' &amp;";
        let a = Anslag {
            organisation: evil.into(),
            organ: evil.into(),
            paragrafer: evil.into(),
            forvaringsplats: evil.into(),
            sekreterare: Some(evil.into()),
            ..sample()
        };
        for omedelbart in [false, true] {
            let h = html(&Anslag {
                omedelbart_justerad: omedelbart,
                ..a.clone()
            });
            assert!(!h.contains("<script"), "raw <script> in output");
            assert!(!h.contains("' onmouseover"), "raw quote in output");
            let escaped = "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&#39; onmouseover=&#39;x&#39; &amp;amp;";
            // title, organisation header, intro, Organ, Paragrafer, Förvaringsplats (twice),
            // Sekreterare, appeal sentence.
            assert!(
                h.matches(escaped).count() >= 9,
                "escaped value missing:\n{h}"
            );
            assert_balanced(&h);
        }
    }

    #[test]
    fn omedelbart_justerad_paragraph() {
        let uppsatt = d(2024, 12, 18);
        let a = Anslag {
            paragrafer: "§ 160".into(),
            justeringsdatum: d(2024, 12, 18),
            uppsatt,
            sista_dag_overklagande: kalender::sista_dag_for_overklagande(uppsatt),
            tidigast_nedtagning: kalender::tidigast_nedtagning(uppsatt),
            omedelbart_justerad: true,
            ..sample()
        };
        let h = html(&a);
        assert!(h.contains(
            "<p>I protokollet från sammanträdet med hälso- och sjukvårdsnämnden den \
             <time datetime=\"2024-12-18\">18 december 2024</time> justerades § 160 \
             omedelbart vid sammanträdet."
        ));
        assert!(!h.contains("är justerat."));
        // 18 Dec 2024 + 21 = Wed 8 Jan 2025, a working day.
        assert!(h.contains("<dd><time datetime=\"2025-01-08\">onsdag 8 januari 2025</time></dd>"));
    }

    #[test]
    fn optional_parts_left_out() {
        let a = Anslag {
            organisation: String::new(),
            sekreterare: None,
            ..sample()
        };
        let h = html(&a);
        assert!(!h.contains("<header>"));
        assert!(!h.contains("<dt>Sekreterare</dt>"));
        assert!(h.contains("Den som är medlem i kommunen eller regionen kan överklaga"));
        assert_balanced(&h);
        let blank = Anslag {
            sekreterare: Some("  ".into()),
            ..sample()
        };
        assert!(!html(&blank).contains("<dt>Sekreterare</dt>"));
    }

    #[test]
    fn deterministic_and_only_given_dates() {
        let a = sample();
        assert_eq!(html(&a), html(&a.clone()));
        // Every <time> on the page is one of the given dates.
        let h = html(&a);
        let given = ["2024-12-18", "2024-12-20", "2025-01-10", "2025-01-11"];
        for part in h.split("<time datetime=\"").skip(1) {
            let iso = &part[..10];
            assert!(given.contains(&iso), "unexpected date {iso}");
        }
    }

    /// Renders the sample to a temporary file and runs the axe-core checker
    /// (../shared/tools/a11y/a11y.mjs, or $KANSLI_A11Y_SCRIPT) in headless Chromium. Skipped
    /// with a note when node, the script, the npm set-up or chromium is missing. Set
    /// KANSLI_A11Y_PNG=path to keep a screenshot.
    #[test]
    fn accessible_in_a_real_browser() {
        use std::path::PathBuf;
        use std::process::Command;

        // `.ci/run` sets the checker up and KANSLI_KRAV_A11Y=1: then it must run.
        let skip = |why: &str| {
            assert!(
                std::env::var_os("KANSLI_KRAV_A11Y").is_none(),
                "a11y check required but {why}"
            );
            eprintln!("note: a11y check skipped: {why}")
        };
        let script = std::env::var_os("KANSLI_A11Y_SCRIPT")
            .map(PathBuf::from)
            .unwrap_or_else(|| {
                PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/tools/a11y/a11y.mjs")
            });
        if !script.is_file() {
            return skip(&format!("{} not found", script.display()));
        }
        if Command::new("node")
            .arg("--version")
            .output()
            .map(|o| !o.status.success())
            .unwrap_or(true)
        {
            return skip("node not found");
        }
        let prefix = std::env::var_os("A11Y_PREFIX")
            .map(PathBuf::from)
            .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".kansli-a11y")));
        let set_up = prefix.is_some_and(|p| {
            p.join("node_modules/puppeteer-core/package.json").is_file()
                && p.join("node_modules/axe-core/axe.min.js").is_file()
        });
        if !set_up {
            return skip("puppeteer-core/axe-core not installed (run tools/a11y/setup.sh)");
        }
        let chromium = std::env::var_os("CHROMIUM").map(PathBuf::from).or_else(|| {
            std::env::split_paths(&std::env::var_os("PATH")?)
                .map(|dir| dir.join("chromium"))
                .find(|p| p.is_file())
        });
        if !chromium.is_some_and(|p| p.is_file()) {
            return skip("chromium not found");
        }

        let dir = std::env::temp_dir().join(format!("kansli-anslag-a11y-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let mut results = Vec::new();
        let dag = d(2024, 12, 18); // justerad at the meeting, posted the same day
        let omedelbar = Anslag {
            paragrafer: "§ 160".into(),
            omedelbart_justerad: true,
            justeringsdatum: dag,
            uppsatt: dag,
            sista_dag_overklagande: kalender::sista_dag_for_overklagande(dag),
            tidigast_nedtagning: kalender::tidigast_nedtagning(dag),
            ..sample()
        };
        for (name, a) in [
            ("anslag.html", sample()),
            ("anslag-omedelbar.html", omedelbar),
        ] {
            let page = dir.join(name);
            std::fs::write(&page, html(&a)).unwrap();
            let mut cmd = Command::new("node");
            cmd.arg(&script).arg(&page);
            if let (Some(png), "anslag.html") = (std::env::var_os("KANSLI_A11Y_PNG"), name) {
                cmd.arg("--png").arg(png);
            }
            let out = cmd.output().expect("run node");
            results.push((name, out));
        }
        let _ = std::fs::remove_dir_all(&dir);
        for (name, out) in results {
            let stdout = String::from_utf8_lossy(&out.stdout);
            let stderr = String::from_utf8_lossy(&out.stderr);
            eprintln!("a11y {name}:\n{stdout}{stderr}");
            assert!(
                out.status.success(),
                "a11y check failed for {name}:\n{stdout}{stderr}"
            );
            assert!(stdout.contains("lang \"sv\""), "{stdout}");
        }
    }
}
