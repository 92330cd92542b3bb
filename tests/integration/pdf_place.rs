//! End-to-end tests: place every fixture bilaga into the Typst-made pack and check the
//! contract (text layer, fonts, tagging, sanitising, colour, reproducibility, pdfcheck).
//!
//! Fixtures: fixtures/bilagor/*.pdf (fixtures/make_fixtures.py) and fixtures/pack.pdf
//! (typst compile fixtures/pack.typ). Outputs go to target/test-out/ for inspection.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

use kansli::pdf::{Bilaga, Limits, PdfError, Placement, Warning, place};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(root().join("tests/fixtures/bilagor").join(name))
        .unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn pack() -> Vec<u8> {
    std::fs::read(root().join("tests/fixtures/bilagor/pack.pdf")).unwrap()
}

fn out_dir() -> PathBuf {
    let d = root().join("target/test-out");
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// Area below the bilaga heading on a titled placeholder page, and a full page body.
const BELOW_HEADING: [f64; 4] = [56.69, 62.36, 538.58, 750.0];
const FULL: [f64; 4] = [56.69, 62.36, 538.58, 785.2];

/// (fixture, display name, [(pack page, rect)]) — pack pages are 0-based.
type Layout = Vec<(&'static str, &'static str, Vec<(usize, [f64; 4])>)>;

fn layout() -> Layout {
    vec![
        (
            "text-helvetica.pdf",
            "Bilaga 1 (avtal.pdf)",
            vec![(1, BELOW_HEADING), (2, FULL)],
        ),
        (
            "scan.pdf",
            "Bilaga 2 (protokoll.pdf)",
            vec![(4, BELOW_HEADING)],
        ),
        (
            "a3-landscape.pdf",
            "Bilaga 3 (ritning.pdf)",
            vec![(5, BELOW_HEADING)],
        ),
        (
            "owner-password.pdf",
            "Bilaga 4 (skyddad.pdf)",
            vec![(8, BELOW_HEADING), (9, FULL)],
        ),
        (
            "transparency.pdf",
            "Bilaga 5 (genomskinlig.pdf)",
            vec![(10, BELOW_HEADING)],
        ),
        (
            "javascript-form.pdf",
            "Bilaga 6 (ansokan.pdf)",
            vec![(11, BELOW_HEADING)],
        ),
        (
            "cmyk.pdf",
            "Bilaga 7 (tryck.pdf)",
            vec![(12, BELOW_HEADING)],
        ),
        (
            "symbol.pdf",
            "Bilaga 8 (formler.pdf)",
            vec![(13, BELOW_HEADING)],
        ),
        (
            "rotated.pdf",
            "Bilaga 9 (roterad.pdf)",
            vec![(14, BELOW_HEADING)],
        ),
        (
            "owner-password-rc4.pdf",
            "Bilaga 10 (rc4.pdf)",
            vec![(15, FULL), (16, FULL)],
        ),
        (
            "sanitize.pdf",
            "Bilaga 13 (sanering.pdf)",
            vec![(17, FULL), (18, FULL)],
        ),
        (
            "embedded-ttf.pdf",
            "Bilaga 11 (inbaddat.pdf)",
            vec![(19, BELOW_HEADING)],
        ),
        (
            "tagged-typst.pdf",
            "Bilaga 12 (yttrande.pdf)",
            vec![(20, BELOW_HEADING)],
        ),
        (
            "fonts-edge.pdf",
            "Bilaga 14 (typsnitt.pdf)",
            vec![(21, FULL), (22, FULL)],
        ),
    ]
}

fn open(name: &str, display: &str) -> Bilaga {
    Bilaga::open_named(&fixture(name), &Limits::default(), display)
        .unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn alt(display: &str, k: usize, n: usize) -> String {
    format!("{display}: sida {} av {n}", k + 1)
}

/// Place the given fixtures (all when `only` is None).
fn build(only: Option<&str>) -> (Vec<u8>, Vec<Warning>, Vec<String>) {
    let lay: Vec<_> = layout()
        .into_iter()
        .filter(|(f, _, _)| only.is_none_or(|o| o == *f))
        .collect();
    let bilagor: Vec<Bilaga> = lay.iter().map(|(f, d, _)| open(f, d)).collect();
    let mut placements = Vec::new();
    let mut alts = Vec::new();
    for ((_, d, slots), b) in lay.iter().zip(&bilagor) {
        for (k, (pp, rect)) in slots.iter().enumerate() {
            let a = alt(d, k, b.page_count());
            alts.push(a.clone());
            placements.push(Placement {
                pack_page: *pp,
                bilaga: b,
                page: k,
                rect: *rect,
                alt: a,
            });
        }
    }
    let (bytes, warnings) = place(&pack(), &placements).unwrap();
    (bytes, warnings, alts)
}

struct Built {
    bytes: Vec<u8>,
    warnings: Vec<Warning>,
    alts: Vec<String>,
    path: PathBuf,
}

fn all() -> &'static Built {
    static ALL: OnceLock<Built> = OnceLock::new();
    ALL.get_or_init(|| {
        let (bytes, warnings, alts) = build(None);
        let path = out_dir().join("all.pdf");
        std::fs::write(&path, &bytes).unwrap();
        Built {
            bytes,
            warnings,
            alts,
            path,
        }
    })
}

fn tool(cmd: &str, args: &[&str]) -> String {
    let out = Command::new(cmd)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{cmd}: {e}"));
    assert!(
        out.status.success(),
        "{cmd} {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn pdftotext(path: &Path) -> String {
    tool("pdftotext", &["-enc", "UTF-8", path.to_str().unwrap(), "-"])
}

#[test]
fn page_count_unchanged() {
    let b = all();
    let doc = lopdf::Document::load_mem(&b.bytes).unwrap();
    let pack = lopdf::Document::load_mem(&pack()).unwrap();
    assert_eq!(doc.get_pages().len(), pack.get_pages().len());
}

#[test]
fn born_digital_text_stays_text() {
    let text = pdftotext(&all().path);
    for needle in [
        "Avtal om städtjänster",
        "Parterna är överens",
        "Gäller från 1 januari 2024 – 31 december 2026 § 4.",
        "avtal_id",
        "Ort och datum Östersund",
        "Ritning A3 liggande: Vårdcentralen plan 2",
        "Roterad sida: tabell i liggande format",
        "Genomskinlighet",
        "Cyan, magenta och gul yta med svart kant.",
        "Ansökan om bidrag",
        // the pack's own text is untouched
        "Anmälan läggs till handlingarna.",
    ] {
        assert!(text.contains(needle), "missing {needle:?} in text layer");
    }
    // owner-password-only files are decrypted and included (twice: AES and RC4 fixtures)
    assert!(
        text.matches("Sida två. Ersättning betalas kvartalsvis")
            .count()
            >= 3,
        "{text}"
    );
}

#[test]
fn all_fonts_embedded() {
    let out = tool("pdffonts", &[all().path.to_str().unwrap()]);
    let mut lines = out.lines().skip(2).peekable();
    assert!(lines.peek().is_some());
    for line in lines {
        // columns: name type encoding emb sub uni object ID
        let cols: Vec<&str> = line.split_whitespace().collect();
        let n = cols.len();
        assert_eq!(cols[n - 5], "yes", "not embedded: {line}");
        assert_eq!(cols[n - 3], "yes", "no ToUnicode: {line}");
    }
    assert!(out.contains("LiberationSans"), "{out}");
    assert!(out.contains("LiberationSerif"), "{out}");
    assert!(out.contains("LiberationMono"), "{out}");
}

/// Figure elements (alt texts) in structure-tree order, plus the parent types.
fn figures(bytes: &[u8]) -> Vec<(String, String)> {
    use lopdf::Object;
    let doc = lopdf::Document::load_mem(bytes).unwrap();
    let root = doc
        .catalog()
        .unwrap()
        .get(b"StructTreeRoot")
        .unwrap()
        .as_reference()
        .unwrap();
    let mut out = Vec::new();
    let mut stack = vec![(root, String::from("root"))];
    while let Some((id, parent)) = stack.pop() {
        let d = doc.get_dictionary(id).unwrap();
        let s = d
            .get(b"S")
            .ok()
            .and_then(|s| s.as_name().ok())
            .map(|s| String::from_utf8_lossy(s).into_owned());
        if s.as_deref() == Some("Figure") {
            let a = lopdf::decode_text_string(d.get(b"Alt").unwrap()).unwrap();
            out.push((a, parent.clone()));
        }
        let kids = match d.get(b"K") {
            Ok(Object::Array(a)) => a.clone(),
            Ok(o) => vec![o.clone()],
            Err(_) => vec![],
        };
        for k in kids.iter().rev() {
            if let Ok(r) = k.as_reference()
                && doc.get_dictionary(r).is_ok_and(|d| d.has(b"S"))
            {
                stack.push((r, s.clone().unwrap_or_default()));
            }
        }
    }
    out
}

#[test]
fn one_figure_per_placed_page_in_reading_order() {
    let b = all();
    let figs = figures(&b.bytes);
    let alts: Vec<String> = figs.iter().map(|(a, _)| a.clone()).collect();
    assert_eq!(alts, b.alts, "Figures must follow the pack's page order");
    assert!(figs.iter().all(|(_, p)| p == "Document"), "{figs:?}");
    // The pack itself has no Figure.
    assert!(figures(&pack()).is_empty());
}

#[test]
fn figure_follows_its_heading() {
    // The Figure for Bilaga 2 comes right after the H3 "Bilaga 2: Skannat protokoll".
    use lopdf::Object;
    let b = all();
    let doc = lopdf::Document::load_mem(&b.bytes).unwrap();
    let root = doc
        .catalog()
        .unwrap()
        .get(b"StructTreeRoot")
        .unwrap()
        .as_reference()
        .unwrap();
    let kids = doc
        .get_dictionary(root)
        .unwrap()
        .get(b"K")
        .unwrap()
        .as_array()
        .unwrap()
        .clone();
    let document = kids[0].as_reference().unwrap();
    let k = doc
        .get_dictionary(document)
        .unwrap()
        .get(b"K")
        .unwrap()
        .as_array()
        .unwrap()
        .clone();
    let describe = |o: &Object| -> String {
        let d = doc.get_dictionary(o.as_reference().unwrap()).unwrap();
        let s = String::from_utf8_lossy(d.get(b"S").unwrap().as_name().unwrap()).into_owned();
        match d.get(b"Alt") {
            Ok(a) => format!("{s}:{}", lopdf::decode_text_string(a).unwrap()),
            Err(_) => s,
        }
    };
    let seq: Vec<String> = k.iter().map(describe).collect();
    let pos = seq
        .iter()
        .position(|s| s.starts_with("Figure:Bilaga 2"))
        .unwrap();
    assert_eq!(seq[pos - 1], "H3", "{seq:?}");
    // Bilaga 1's two pages are consecutive Figures after its H3.
    let p1 = seq
        .iter()
        .position(|s| s.starts_with("Figure:Bilaga 1 (avtal.pdf): sida 1"))
        .unwrap();
    assert_eq!(seq[p1 - 1], "H3");
    assert!(
        seq[p1 + 1].starts_with("Figure:Bilaga 1 (avtal.pdf): sida 2"),
        "{seq:?}"
    );
}

#[test]
fn symbol_page_is_rasterised_with_warning() {
    let b = all();
    let w: Vec<&str> = b.warnings.iter().map(|w| w.message.as_str()).collect();
    assert!(
        w.iter().any(
            |m| m.starts_with("Bilaga 8 (formler.pdf), sida 1 rastrerades: ")
                && m.contains("Symbol")
        ),
        "{w:?}"
    );
    let bil = open("symbol.pdf", "x");
    assert!(bil.page_rasterised(0));
    // Other fixtures are not rasterised.
    for (f, d, _) in layout() {
        if f != "symbol.pdf" {
            let bb = open(f, d);
            for k in 0..bb.page_count() {
                let expected = f == "sanitize.pdf" && k == 1; // the Type 3 page
                assert_eq!(
                    bb.page_rasterised(k),
                    expected,
                    "{f} page {k}: {:?}",
                    bb.page_warnings(k)
                );
            }
        }
    }
    // Raster pages are images: none of the Symbol text reaches the text layer.
    let text = pdftotext(&b.path);
    assert!(!text.contains("Formler med symboltypsnitt"));
}

#[test]
fn user_password_is_refused_owner_password_opens() {
    let e = Bilaga::open(&fixture("user-password.pdf"), &Limits::default()).unwrap_err();
    assert_eq!(e, PdfError::Encrypted);
    assert_eq!(e.to_string(), "PDF-filen kräver lösenord för att öppnas");
    let b = Bilaga::open(&fixture("owner-password.pdf"), &Limits::default()).unwrap();
    assert_eq!(b.page_count(), 2);
    let b = Bilaga::open(&fixture("owner-password-rc4.pdf"), &Limits::default()).unwrap();
    assert_eq!(b.page_count(), 2);
    // As MuPDF writes them, the /Encrypt dictionary direct in the trailer (review 60's
    // M1: read as damaged, "dokumentkatalogen (Root) saknas"), in each of its ciphers.
    for file in [
        "owner-password-mupdf-rc4.pdf",
        "owner-password-mupdf-aes128.pdf",
        "owner-password-mupdf-aes256.pdf",
    ] {
        let b = Bilaga::open(&fixture(file), &Limits::default())
            .unwrap_or_else(|e| panic!("{file}: {e}"));
        assert_eq!(b.page_count(), 2, "{file}");
    }
    // Rasterising an encrypted (owner-password-only) page works too.
    let b = Bilaga::open(&fixture("symbol-owner-password.pdf"), &Limits::default()).unwrap();
    assert!(b.page_rasterised(0));
}

#[test]
fn damaged_file_is_damaged() {
    let e = Bilaga::open(&fixture("damaged.pdf"), &Limits::default()).unwrap_err();
    assert!(matches!(e, PdfError::Damaged(_)), "{e:?}");
    assert!(e.to_string().starts_with("PDF-filen är skadad: "), "{e}");
    let e = Bilaga::open(b"hello", &Limits::default()).unwrap_err();
    assert!(matches!(e, PdfError::Damaged(_)), "{e:?}");
}

fn qdf(path: &Path) -> String {
    let out = out_dir().join(format!(
        "{}.qdf",
        path.file_name().unwrap().to_string_lossy()
    ));
    let st = Command::new("qpdf")
        .args([
            "--qdf",
            "--object-streams=disable",
            path.to_str().unwrap(),
            out.to_str().unwrap(),
        ])
        .status()
        .unwrap();
    assert!(st.code() == Some(0) || st.code() == Some(3), "qpdf failed");
    String::from_utf8_lossy(&std::fs::read(out).unwrap()).into_owned()
}

#[test]
fn forbidden_things_are_gone() {
    let b = all();
    let q = qdf(&b.path);
    for bad in [
        "/JavaScript",
        "/JS ",
        "app.alert",
        "/AcroForm",
        "/EmbeddedFile",
        "hemlig bilaga",
        "/Widget",
        "/FileAttachment",
        "/OpenAction",
        "/AA ",
        "/LZWDecode",
        "/Interpolate true",
        "/Alternates",
        "/OPI",
        "/PieceInfo",
    ] {
        assert!(!q.contains(bad), "output contains {bad}");
    }
    // Only the pack's own Link annotations (table of contents) remain.
    let subtypes: BTreeMap<&str, usize> =
        q.match_indices("/Subtype /")
            .fold(BTreeMap::new(), |mut m, (i, _)| {
                let rest = &q[i + 10..];
                let end = rest
                    .find(|c: char| !c.is_ascii_alphanumeric())
                    .unwrap_or(rest.len());
                *m.entry(&rest[..end]).or_default() += 1;
                m
            });
    for s in ["Text", "Widget", "Popup", "FileAttachment"] {
        assert!(!subtypes.contains_key(s), "{subtypes:?}");
    }
}

#[test]
fn form_field_is_flattened_into_text() {
    let text = pdftotext(&all().path);
    assert!(text.contains("Föreningen Fjällvänner"), "{text}");
}

#[test]
fn no_device_cmyk_left() {
    let b = all();
    let q = qdf(&b.path);
    assert!(!q.contains("/DeviceCMYK"), "DeviceCMYK in output");
    // No CMYK colour operators in any content stream.
    for line in q.lines() {
        let t = line.trim_end();
        assert!(
            !(t.ends_with(" k") || t.ends_with(" K")),
            "CMYK operator: {t}"
        );
    }
    // the CMYK page is still text
    assert!(pdftotext(&b.path).contains("Tryckfärger CMYK"));
}

#[test]
fn output_is_reproducible() {
    let (a, _, _) = build(None);
    let (b, _, _) = build(None);
    assert!(a == b, "two runs differ");
    assert!(a == all().bytes);
}

#[test]
fn typst_id_info_and_xmp_are_kept() {
    let b = all();
    let out = lopdf::Document::load_mem(&b.bytes).unwrap();
    let orig = lopdf::Document::load_mem(&pack()).unwrap();
    assert_eq!(
        out.trailer.get(b"ID").unwrap(),
        orig.trailer.get(b"ID").unwrap()
    );
    let meta = |d: &lopdf::Document| {
        let id = d
            .catalog()
            .unwrap()
            .get(b"Metadata")
            .unwrap()
            .as_reference()
            .unwrap();
        d.get_object(id)
            .unwrap()
            .as_stream()
            .unwrap()
            .content
            .clone()
    };
    assert_eq!(meta(&out), meta(&orig));
    let info = |d: &lopdf::Document| {
        d.trailer
            .get(b"Info")
            .ok()
            .and_then(|i| i.as_reference().ok())
            .map(|i| format!("{:?}", d.get_object(i).unwrap()))
    };
    assert_eq!(info(&out), info(&orig));
}

#[test]
fn every_fixture_survives_catch_unwind() {
    let dir = root().join("tests/fixtures/bilagor");
    let mut names: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    names.sort();
    for p in names {
        let bytes = std::fs::read(&p).unwrap();
        let r = std::panic::catch_unwind(|| {
            let b = Bilaga::open(&bytes, &Limits::default());
            if let Ok(b) = &b {
                let placements: Vec<Placement> = (0..b.page_count().min(2))
                    .map(|k| Placement {
                        pack_page: 16 + k,
                        bilaga: b,
                        page: k,
                        rect: FULL,
                        alt: "x".into(),
                    })
                    .collect();
                place(&pack(), &placements).unwrap();
            }
            b.map(|_| ()).map_err(|e| e.to_string())
        });
        assert!(r.is_ok(), "{} panicked", p.display());
    }
}

#[test]
fn page_sizes_follow_rotate_and_boxes() {
    let a3 = open("a3-landscape.pdf", "a3");
    let (w, h) = a3.page_size(0);
    assert!(
        (w - 1190.55).abs() < 0.1 && (h - 841.89).abs() < 0.1,
        "{w} {h}"
    );
    let rot = open("rotated.pdf", "rot");
    let (w, h) = rot.page_size(0);
    assert!(
        (w - 841.89).abs() < 0.1 && (h - 595.28).abs() < 0.1,
        "{w} {h}"
    );
    assert_eq!(rot.page_size(7), (0.0, 0.0));
}

/// pdfcheck (the project's official checker) on the combined pack and on one pack per
/// fixture. Skipped (with a message) when its venv is missing.
#[test]
fn pdfcheck_passes() {
    let mut files = vec![all().path.clone()];
    for (f, _, _) in layout() {
        let (bytes, _, _) = build(Some(f));
        let p = out_dir().join(format!("only-{f}"));
        std::fs::write(&p, bytes).unwrap();
        files.push(p);
    }
    for f in &files {
        crate::common::pdfcheck(f);
    }
}

#[test]
fn sanitising_removes_what_pdfa_forbids() {
    let b = all();
    let text = pdftotext(&b.path);
    for visible in [
        "Taggad text",
        "Artefakt",
        "Synligt lager",
        "Inkommen 2023-11-20",
        "Slut",
    ] {
        assert!(text.contains(visible), "missing {visible:?}");
    }
    for hidden in ["Dold text", "Gomd anteckning"] {
        assert!(
            !text.contains(hidden),
            "hidden content {hidden:?} in text layer"
        );
    }
    let q = qdf(&b.path);
    for bad in [
        "/Subtype /PS",
        "/TR ",
        "/FooBlend",
        "/HalftoneType",
        "/Perceptual2",
        "/OCProperties",
        "/OC ",
        "/Properties",
        "/Separation /PANTONE",
        "/MCR",
        "/StructTreeRoot 9",
        "/PANTONE#20485#20C /DeviceCMYK",
    ] {
        assert!(!q.contains(bad), "output contains {bad}");
    }
    assert!(
        q.contains("/BM /Normal"),
        "non-standard blend mode not normalised"
    );
    let w: Vec<&str> = b.warnings.iter().map(|w| w.message.as_str()).collect();
    assert!(
        w.iter().any(
            |m| m.starts_with("Bilaga 13 (sanering.pdf), sida 2 rastrerades: ")
                && m.contains("Type 3")
        ),
        "{w:?}"
    );
}

/// Content streams of the imported bilaga forms (and everything they draw).
fn imported_streams(bytes: &[u8]) -> Vec<Vec<u8>> {
    use lopdf::Object;
    let doc = lopdf::Document::load_mem(bytes).unwrap();
    let mut out = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    let mut work: Vec<lopdf::ObjectId> = Vec::new();
    for (_, page) in doc.get_pages() {
        let res = doc.get_dictionary(page).unwrap().get(b"Resources").unwrap();
        let res = match res {
            Object::Reference(r) => doc.get_dictionary(*r).unwrap(),
            o => o.as_dict().unwrap(),
        };
        if let Ok(xo) = res.get(b"XObject").and_then(|x| x.as_dict()) {
            for (k, v) in xo.iter() {
                if k.starts_with(b"KansliBilaga") {
                    work.push(v.as_reference().unwrap());
                }
            }
        }
    }
    while let Some(id) = work.pop() {
        if !seen.insert(id) {
            continue;
        }
        let Ok(s) = doc.get_object(id).and_then(|o| o.as_stream()) else {
            continue;
        };
        if s.dict.get(b"Subtype").and_then(|o| o.as_name()).ok() != Some(b"Form") {
            continue;
        }
        out.push(
            s.decompressed_content()
                .unwrap_or_else(|_| s.content.clone()),
        );
        if let Ok(xo) = s
            .dict
            .get(b"Resources")
            .and_then(|r| r.as_dict())
            .and_then(|r| r.get(b"XObject"))
            .and_then(|x| x.as_dict())
        {
            for (_, v) in xo.iter() {
                if let Ok(r) = v.as_reference() {
                    work.push(r);
                }
            }
        }
    }
    out
}

#[test]
fn bilaga_marked_content_and_structure_are_dropped() {
    let b = all();
    let streams = imported_streams(&b.bytes);
    assert!(streams.len() >= 20, "{}", streams.len());
    for s in &streams {
        let ops = String::from_utf8_lossy(s);
        for op in ["BDC", "BMC", "EMC", " MP", " DP", "BX", "EX", "foo"] {
            assert!(
                !ops.split_whitespace().any(|t| t == op.trim()),
                "{op} left in an imported stream:\n{ops}"
            );
        }
    }
    // Only the pack's structure tree; Typst's bilaga tree (H1, L, Table ...) is not imported.
    let doc = lopdf::Document::load_mem(&b.bytes).unwrap();
    let roots = doc
        .objects
        .values()
        .filter(|o| o.as_dict().is_ok_and(|d| d.has_type(b"StructTreeRoot")))
        .count();
    assert_eq!(roots, 1);
    let tables = doc
        .objects
        .values()
        .filter(|o| {
            o.as_dict()
                .is_ok_and(|d| d.get(b"S").and_then(|s| s.as_name()).ok() == Some(b"Table"))
        })
        .count();
    assert_eq!(tables, 0);
    // The tagged bilaga's text is still text; its embedded CID fonts are kept.
    let text = pdftotext(&b.path);
    assert!(
        text.contains("Revisorerna har granskat nämndens verksamhet"),
        "{text}"
    );
    assert!(
        text.contains("Inbäddat typsnitt: Liberation Serif – åäö ÅÄÖ “citat” € §"),
        "{text}"
    );
}

#[test]
fn embedded_font_dictionaries_are_repaired() {
    use lopdf::Object;
    let b = all();
    let doc = lopdf::Document::load_mem(&b.bytes).unwrap();
    for o in doc.objects.values() {
        let Ok(d) = o.as_dict() else { continue };
        if !d.has_type(b"Font") {
            continue;
        }
        let sub = d.get(b"Subtype").unwrap().as_name().unwrap();
        if sub == b"TrueType" {
            let fd = doc
                .get_dictionary(d.get(b"FontDescriptor").unwrap().as_reference().unwrap())
                .unwrap();
            let flags = fd.get(b"Flags").unwrap().as_i64().unwrap();
            if flags & 4 != 0 {
                assert!(
                    !d.has(b"Encoding"),
                    "symbolic TrueType with /Encoding: {d:?}"
                );
            } else {
                let e = d.get(b"Encoding").unwrap();
                let base = match e {
                    Object::Name(n) => n.clone(),
                    Object::Dictionary(ed) => {
                        ed.get(b"BaseEncoding").unwrap().as_name().unwrap().to_vec()
                    }
                    Object::Reference(r) => doc
                        .get_dictionary(*r)
                        .unwrap()
                        .get(b"BaseEncoding")
                        .unwrap()
                        .as_name()
                        .unwrap()
                        .to_vec(),
                    _ => panic!("{e:?}"),
                };
                assert!(base == b"WinAnsiEncoding" || base == b"MacRomanEncoding");
            }
        }
        if sub == b"Type0" {
            assert!(d.has(b"ToUnicode"));
            let desc = d.get(b"DescendantFonts").unwrap().as_array().unwrap()[0]
                .as_reference()
                .unwrap();
            let desc = doc.get_dictionary(desc).unwrap();
            if desc.get(b"Subtype").unwrap().as_name().unwrap() == b"CIDFontType2" {
                assert!(desc.has(b"CIDToGIDMap"));
            }
        }
    }
    // Text of the composite font without ToUnicode is recovered from its cmap.
    let text = tool(
        "pdftotext",
        &[
            "-f",
            "23",
            "-l",
            "23",
            "-enc",
            "UTF-8",
            b.path.to_str().unwrap(),
            "-",
        ],
    );
    assert!(
        text.contains("Typsnitt utan ToUnicode: Åsa, Ärla och Östen – 42 §"),
        "{text}"
    );
}

#[test]
fn placement_errors_and_empty_placement_list() {
    let b = open("scan.pdf", "scan");
    let p = |pack_page, page, alt: &str| Placement {
        pack_page,
        bilaga: &b,
        page,
        rect: FULL,
        alt: alt.into(),
    };
    assert!(matches!(
        place(&pack(), &[p(99, 0, "x")]),
        Err(PdfError::Pack(_))
    ));
    assert!(matches!(
        place(&pack(), &[p(3, 5, "x")]),
        Err(PdfError::Pack(_))
    ));
    let e = place(&pack(), &[p(3, 0, " ")]).unwrap_err();
    assert!(e.to_string().contains("alternativtext"), "{e}");
    let (same, w) = place(&pack(), &[]).unwrap();
    assert!(same == pack() && w.is_empty());
    // Two bilaga pages on one pack page (2-up): two Figures, MCIDs n and n+1.
    let two = open("text-helvetica.pdf", "två");
    let pl = vec![
        Placement {
            pack_page: 17,
            bilaga: &two,
            page: 0,
            rect: [40.0, 420.0, 555.0, 800.0],
            alt: "övre".into(),
        },
        Placement {
            pack_page: 17,
            bilaga: &two,
            page: 1,
            rect: [40.0, 40.0, 555.0, 410.0],
            alt: "nedre".into(),
        },
    ];
    let (out, _) = place(&pack(), &pl).unwrap();
    let alts: Vec<String> = figures(&out).into_iter().map(|(a, _)| a).collect();
    assert_eq!(alts, ["övre", "nedre"]);
}

#[test]
fn bilaga_is_drawn_beneath_the_pack_stamps() {
    let b = all();
    let doc = lopdf::Document::load_mem(&b.bytes).unwrap();
    let pages = doc.get_pages();
    let page = doc.get_dictionary(pages[&5]).unwrap(); // 1-based page 5: Bilaga 2 (the scan)
    let contents = page.get(b"Contents").unwrap().as_array().unwrap();
    assert!(contents.len() >= 2);
    let first = doc
        .get_object(contents[0].as_reference().unwrap())
        .unwrap()
        .as_stream()
        .unwrap();
    let text = String::from_utf8_lossy(&first.decompressed_content().unwrap()).into_owned();
    assert!(text.starts_with("q\n/Figure <</MCID "), "{text}");
    assert!(text.trim_end().ends_with("Q"), "{text}");
}
