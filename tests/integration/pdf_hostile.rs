//! Hostile and broken inputs: never a panic, never a stack overflow, bounded memory.
//! Files are built in code (a tiny PDF writer) or mutated from the committed fixtures.

use std::io::Write;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

use kansli::pdf::{Bilaga, Limits, PdfError, Placement, place};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn pack() -> Vec<u8> {
    std::fs::read(root().join("tests/fixtures/bilagor/pack.pdf")).unwrap()
}

/// A PDF from object bodies (object i+1 = bodies[i]); object 1 must be the catalog.
fn mini_pdf(bodies: &[Vec<u8>]) -> Vec<u8> {
    let mut out = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n".to_vec();
    let mut offsets = Vec::new();
    for (i, b) in bodies.iter().enumerate() {
        offsets.push(out.len());
        writeln!(out, "{} 0 obj", i + 1).unwrap();
        out.extend_from_slice(b);
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    write!(out, "xref\n0 {}\n0000000000 65535 f \n", bodies.len() + 1).unwrap();
    for o in offsets {
        writeln!(out, "{o:010} 00000 n ").unwrap();
    }
    write!(
        out,
        "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
        bodies.len() + 1
    )
    .unwrap();
    out
}

fn stream(dict: &str, data: &[u8]) -> Vec<u8> {
    let mut v = format!("<< {dict} /Length {} >>\nstream\n", data.len()).into_bytes();
    v.extend_from_slice(data);
    v.extend_from_slice(b"\nendstream");
    v
}

fn flate(data: &[u8]) -> Vec<u8> {
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    z.write_all(data).unwrap();
    z.finish().unwrap()
}

/// Catalog, Pages, one Page with `content` and `resources`, then `extra` objects (from 5).
fn one_page(content: &[u8], resources: &str, extra: Vec<Vec<u8>>) -> Vec<u8> {
    let mut bodies = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        format!("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources {resources} >>")
            .into_bytes(),
        stream("", content),
    ];
    bodies.extend(extra);
    mini_pdf(&bodies)
}

fn try_open_and_place(bytes: &[u8], limits: &Limits) -> Result<usize, PdfError> {
    let b = Bilaga::open(bytes, limits)?;
    let placements: Vec<Placement> = (0..b.page_count().min(3))
        .map(|k| Placement {
            pack_page: 17 + k,
            bilaga: &b,
            page: k,
            rect: [50.0, 50.0, 545.0, 790.0],
            alt: "x".into(),
        })
        .collect();
    place(&pack(), &placements)?;
    Ok(b.page_count())
}

#[test]
fn mini_pdf_works() {
    let pdf = one_page(
        b"BT /F1 12 Tf 72 700 Td (Hej) Tj ET",
        "<< /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >>",
        vec![],
    );
    assert_eq!(try_open_and_place(&pdf, &Limits::default()), Ok(1));
}

#[test]
fn deep_nesting_is_refused_before_parsing() {
    let mut deep = vec![b'['; 200_000];
    deep.extend(vec![b']'; 200_000]);
    let mut res = b"<< /Foo ".to_vec();
    res.extend_from_slice(&deep);
    res.extend_from_slice(b" >>");
    let pdf = one_page(b"", std::str::from_utf8(&res).unwrap(), vec![]);
    let e = Bilaga::open(&pdf, &Limits::default()).unwrap_err();
    assert!(matches!(e, PdfError::TooLarge(_)), "{e:?}");
    let mut dicts = b"<< /A ".repeat(100_000);
    dicts.extend(b">> ".repeat(100_000));
    let pdf = one_page(b"", std::str::from_utf8(&dicts).unwrap(), vec![]);
    assert!(matches!(
        Bilaga::open(&pdf, &Limits::default()),
        Err(PdfError::TooLarge(_))
    ));
}

#[test]
fn deep_nesting_hidden_in_an_object_stream_does_not_overflow() {
    // An object stream (compressed, invisible to the pre-scan) holding a 95-deep array,
    // referenced from the page resources.
    let inner = format!("{}1{}", "[".repeat(95), "]".repeat(95));
    let objstm_body = format!("5 0 {inner}");
    let first = "5 0 ".len();
    let _ = first;
    let header = "5 0 ";
    let data = format!("{header}{}", &objstm_body[header.len()..]);
    let objstm = stream(
        &format!(
            "/Type /ObjStm /N 1 /First {} /Filter /FlateDecode",
            header.len()
        ),
        &flate(data.as_bytes()),
    );
    let bodies = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Foo 5 0 R >> >>".to_vec(),
        stream("", b"0 0 m 10 10 l S"),
        b"null".to_vec(), // placeholder for object 5 (in the object stream)
        objstm,
    ];
    let pdf = mini_pdf(&bodies);
    let _ = try_open_and_place(&pdf, &Limits::default());
    // And in a content stream: deep operands are an error for the tokenizer, then the page
    // is rasterised (hayro has its own limits) — never a crash.
    let mut content = "[".repeat(5000).into_bytes();
    content.extend_from_slice(b" Tj");
    let pdf = one_page(&content, "<< >>", vec![]);
    let _ = try_open_and_place(&pdf, &Limits::default());
}

#[test]
fn decompression_bomb_is_bounded() {
    let bomb = flate(&vec![b' '; 64 << 20]);
    assert!(bomb.len() < 200_000);
    let pdf = mini_pdf(&[
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>".to_vec(),
        stream("/Filter /FlateDecode", &bomb),
    ]);
    let limits = Limits {
        max_stream_bytes: 8 << 20,
        ..Limits::default()
    };
    let e = Bilaga::open(&pdf, &limits).unwrap_err();
    assert!(matches!(e, PdfError::TooLarge(_)), "{e:?}");
    // A bomb in an image only used on the page: also refused, not inflated.
    let pdf = one_page(
        b"q 100 0 0 100 0 0 cm /Im0 Do Q",
        "<< /XObject << /Im0 5 0 R >> >>",
        vec![stream(
            "/Type /XObject /Subtype /Image /Width 8192 /Height 8192 /ColorSpace /DeviceCMYK /BitsPerComponent 8 /Filter /FlateDecode",
            &bomb,
        )],
    );
    let e = Bilaga::open(&pdf, &limits).unwrap_err();
    assert!(matches!(e, PdfError::TooLarge(_)), "{e:?}");
}

#[test]
fn page_tree_cycles_and_missing_objects() {
    // Pages node listing itself.
    let pdf = mini_pdf(&[
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [2 0 R] /Count 1 >>".to_vec(),
    ]);
    assert!(matches!(
        Bilaga::open(&pdf, &Limits::default()),
        Err(PdfError::Damaged(_))
    ));
    // A page whose content stream is missing.
    let pdf = mini_pdf(&[
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 9 0 R >>".to_vec(),
    ]);
    let e = Bilaga::open(&pdf, &Limits::default()).unwrap_err();
    assert!(matches!(e, PdfError::Damaged(_)), "{e:?}");
    assert!(e.to_string().contains("saknas"), "{e}");
    // No catalog at all.
    let pdf = mini_pdf(&[b"<< /Type /Pages /Kids [] /Count 0 >>".to_vec()]);
    assert!(Bilaga::open(&pdf, &Limits::default()).is_err());
}

#[test]
fn self_drawing_form_is_cut() {
    let pdf = one_page(
        b"/X0 Do",
        "<< /XObject << /X0 5 0 R >> >>",
        vec![
            stream(
                "/Type /XObject /Subtype /Form /BBox [0 0 100 100] /Resources << /XObject << /X0 5 0 R /X1 6 0 R >> >>",
                b"0 0 m 10 10 l S /X0 Do /X1 Do",
            ),
            stream(
                "/Type /XObject /Subtype /Form /BBox [0 0 100 100] /Resources << /XObject << /X0 5 0 R >> >>",
                b"/X0 Do",
            ),
        ],
    );
    let b = Bilaga::open(&pdf, &Limits::default()).unwrap();
    assert!(!b.page_rasterised(0));
    assert!(
        b.page_warnings(0)
            .iter()
            .any(|w| w.message.contains("ritar sig självt")),
        "{:?}",
        b.page_warnings(0)
    );
    assert_eq!(try_open_and_place(&pdf, &Limits::default()), Ok(1));
}

#[test]
fn object_and_page_limits() {
    let mut bodies = vec![b"<< /Type /Catalog /Pages 2 0 R >>".to_vec()];
    let kids: Vec<String> = (0..50).map(|i| format!("{} 0 R", i + 3)).collect();
    bodies.push(format!("<< /Type /Pages /Kids [{}] /Count 50 >>", kids.join(" ")).into_bytes());
    for _ in 0..50 {
        bodies.push(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>".to_vec());
    }
    let pdf = mini_pdf(&bodies);
    assert_eq!(
        Bilaga::open(&pdf, &Limits::default()).unwrap().page_count(),
        50
    );
    let e = Bilaga::open(
        &pdf,
        &Limits {
            max_pages: 10,
            ..Limits::default()
        },
    )
    .unwrap_err();
    assert!(matches!(e, PdfError::TooLarge(_)), "{e:?}");
    let e = Bilaga::open(
        &pdf,
        &Limits {
            max_objects: 20,
            ..Limits::default()
        },
    )
    .unwrap_err();
    assert!(matches!(e, PdfError::TooLarge(_)), "{e:?}");
    let e = Bilaga::open(
        &pdf,
        &Limits {
            max_file_bytes: 100,
            ..Limits::default()
        },
    )
    .unwrap_err();
    assert!(matches!(e, PdfError::TooLarge(_)), "{e:?}");
}

#[test]
fn garbage_content_and_broken_xref_still_open() {
    let garbage: Vec<u8> = (0..20_000u32)
        .map(|i| (i.wrapping_mul(2654435761) >> 11) as u8)
        .collect();
    let pdf = one_page(&garbage, "<< >>", vec![]);
    let _ = try_open_and_place(&pdf, &Limits::default());
    // Wrong xref offsets everywhere: lopdf rebuilds the table.
    let good = one_page(b"0 0 m 100 100 l S", "<< >>", vec![]);
    let mut bad = good.clone();
    let pos = bad.windows(4).position(|w| w == b"xref").unwrap();
    for b in bad[pos..].iter_mut() {
        if b.is_ascii_digit() {
            *b = b'1';
        }
    }
    let _ = try_open_and_place(&bad, &Limits::default());
}

#[test]
fn absurd_image_and_inline_image_dimensions() {
    let pdf = one_page(
        b"q /Im0 Do Q BI /W 99999999 /H 99999999 /CS /CMYK /BPC 8 ID \x00\x00 EI",
        "<< /XObject << /Im0 5 0 R >> >>",
        vec![stream(
            "/Type /XObject /Subtype /Image /Width 60000 /Height 60000 /ColorSpace /DeviceCMYK /BitsPerComponent 8",
            b"\x00\x00\x00\x00",
        )],
    );
    let r = try_open_and_place(&pdf, &Limits::default());
    assert!(r.is_ok() || r.is_err()); // no panic, no huge allocation
}

/// Mutate every fixture at random positions and require: no panic (counted by a hook),
/// every result an Ok or a PdfError.
#[test]
fn mutation_fuzz_never_panics() {
    static PANICS: AtomicUsize = AtomicUsize::new(0);
    let prev = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        PANICS.fetch_add(1, Ordering::SeqCst);
        prev(info);
    }));
    let dir = root().join("tests/fixtures/bilagor");
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let rounds: usize = std::env::var("FUZZ_ROUNDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(12);
    let limits = Limits {
        max_stream_bytes: 64 << 20,
        raster_dpi: 72,
        ..Limits::default()
    };
    let mut outcomes = std::collections::BTreeMap::new();
    for f in &files {
        let orig = std::fs::read(f).unwrap();
        if orig.len() > 100_000 {
            continue; // the scan: slow in debug builds, covered by the others
        }
        for _ in 0..rounds {
            let mut m = orig.clone();
            let n = 1 + (next() % 8) as usize;
            for _ in 0..n {
                let at = (next() as usize) % m.len();
                match next() % 16 {
                    0..=6 => m[at] = next() as u8,
                    7..=12 => m[at] = b"[]<>()/ 0R"[(next() % 10) as usize],
                    13 => m.truncate(at.max(16)),
                    _ => {
                        let len = ((next() % 64) as usize).min(m.len() - at);
                        let chunk = m[at..at + len].to_vec();
                        m.splice(at..at, chunk);
                    }
                }
            }
            let r = std::panic::catch_unwind(|| try_open_and_place(&m, &limits));
            let key = match r {
                Ok(Ok(_)) => "ok".to_string(),
                Ok(Err(e)) => format!("{:?}", std::mem::discriminant(&e)),
                Err(_) => "PANIC".to_string(),
            };
            *outcomes.entry(key).or_insert(0usize) += 1;
        }
    }
    eprintln!("fuzz outcomes: {outcomes:?}");
    assert_eq!(
        PANICS.load(Ordering::SeqCst),
        0,
        "panics during fuzzing: {outcomes:?}"
    );
}

#[test]
fn missing_resources_do_not_leave_dangling_names() {
    let pdf = one_page(
        b"/GSx gs /CSx cs 0.5 sc /Shx sh /Pattern cs /Px scn 0 0 10 10 re f BT /Fx 12 Tf 72 700 Td (Utan typsnitt) Tj ET /Xx Do",
        "<< >>",
        vec![],
    );
    let b = Bilaga::open(&pdf, &Limits::default()).unwrap();
    assert!(!b.page_rasterised(0));
    let placements = vec![Placement {
        pack_page: 17,
        bilaga: &b,
        page: 0,
        rect: [50.0, 50.0, 545.0, 790.0],
        alt: "x".into(),
    }];
    let (out, _) = place(&pack(), &placements).unwrap();
    let doc = lopdf::Document::load_mem(&out).unwrap();
    let mut found = false;
    for o in doc.objects.values() {
        if let Ok(s) = o.as_stream()
            && s.dict.get(b"Subtype").and_then(|n| n.as_name()).ok() == Some(b"Form")
        {
            let c =
                String::from_utf8_lossy(&s.decompressed_content().unwrap_or_default()).into_owned();
            if c.contains("Utan typsnitt") {
                found = true;
                for gone in ["/GSx", "/CSx", "/Shx", "/Px", "/Xx"] {
                    assert!(!c.contains(gone), "{gone} still used:\n{c}");
                }
                assert!(c.contains("/Fx"), "{c}");
                let fonts = s
                    .dict
                    .get(b"Resources")
                    .unwrap()
                    .as_dict()
                    .unwrap()
                    .get(b"Font")
                    .unwrap()
                    .as_dict()
                    .unwrap();
                assert!(fonts.has(b"Fx"));
            }
        }
    }
    assert!(found);
}
