//! Bad PDF, DOCX, feed and mail input: a clear error per file, bounded time and memory, never
//! a panic.

use std::io::Write;
use std::path::Path;
use std::time::{Duration, Instant};

use claimline::ingest::{IngestError, read_bytes};

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/ingest")
            .join(name),
    )
    .unwrap()
}

/// The reason of an `Invalid` error; any other outcome fails the test.
fn reason(bytes: &[u8], name: &str) -> String {
    match read_bytes(bytes, name) {
        Err(IngestError::Invalid { reason, .. }) => reason,
        other => panic!("expected a clear error for {name}, got {other:?}"),
    }
}

/// Deterministic pseudo-random bytes (xorshift), so failures reproduce.
fn noise(seed: u64, len: usize) -> Vec<u8> {
    let mut x = seed.max(1);
    (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 24) as u8
        })
        .collect()
}

// ---- PDF -----------------------------------------------------------------------------------

#[test]
fn truncated_pdf_is_a_clear_error() {
    let pdf = fixture("two-column.pdf");
    for cut in [pdf.len() / 2, pdf.len() - 10, 9] {
        let why = reason(&pdf[..cut], "cut.pdf");
        assert!(why.contains("truncated PDF"), "{why}");
    }
}

#[test]
fn garbage_after_the_pdf_header_is_a_clear_error() {
    let mut bytes = b"%PDF-1.7\n".to_vec();
    bytes.extend(noise(7, 4096));
    bytes.extend_from_slice(b"\n%%EOF\n");
    let why = reason(&bytes, "garbage.pdf");
    assert!(why.starts_with("damaged PDF"), "{why}");
}

/// A well-formed PDF from object bodies (numbered from 1), with a correct xref table.
fn pdf_of(objects: &[&str]) -> Vec<u8> {
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n{body}\nendobj\n", i + 1).as_bytes());
    }
    let xref = out.len();
    out.extend_from_slice(
        format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes(),
    );
    for o in offsets {
        out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    out
}

#[test]
fn pdf_without_a_text_layer_says_so() {
    let drawing = "0 0 m 100 100 l S";
    let pdf = pdf_of(&[
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
        &format!(
            "<< /Length {} >>\nstream\n{drawing}\nendstream",
            drawing.len()
        ),
    ]);
    let why = reason(&pdf, "scan.pdf");
    assert!(why.contains("no text layer"), "{why}");
}

#[test]
fn pdf_page_without_a_media_box_is_an_error_not_a_panic() {
    // pdf-extract panics ("MediaBox") on such a page; the reader turns that into an error.
    let text = "BT /F1 12 Tf 72 700 Td (Hello) Tj ET";
    let pdf = pdf_of(&[
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        &format!("<< /Length {} >>\nstream\n{text}\nendstream", text.len()),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]);
    let why = reason(&pdf, "no-media-box.pdf");
    assert!(why.starts_with("damaged PDF"), "{why}");
}

#[test]
fn corrupted_pdfs_never_panic_and_finish_quickly() {
    let pdf = fixture("two-column.pdf");
    let started = Instant::now();
    let mut errors = 0;
    for seed in 1..=150u64 {
        let mut bytes = pdf.clone();
        // Overwrite a few bytes somewhere after the header.
        for (k, b) in noise(seed, 8).into_iter().enumerate() {
            let at = 16 + (seed as usize * 7919 + k * 104_729) % (bytes.len() - 32);
            bytes[at] = b;
        }
        match read_bytes(&bytes, "mutated.pdf") {
            Ok(docs) => assert_eq!(docs.len(), 1),
            Err(IngestError::Invalid { reason, .. }) => {
                assert!(!reason.is_empty());
                errors += 1;
            }
            Err(other) => panic!("unexpected error kind: {other}"),
        }
    }
    assert!(
        started.elapsed() < Duration::from_secs(60),
        "150 small PDFs took {:?}",
        started.elapsed()
    );
    println!("corrupted PDFs: {errors} of 150 rejected, the rest read");
}

// ---- DOCX ----------------------------------------------------------------------------------

/// A zip with one deflated entry, written by hand so the compressed data and the sizes the
/// headers declare can be anything.
fn zip_with_raw_entry(name: &str, deflated: &[u8], declared_size: u32) -> Vec<u8> {
    let mut out = Vec::new();
    let header = |out: &mut Vec<u8>, central: bool| {
        if central {
            out.extend_from_slice(&0x0201_4b50u32.to_le_bytes());
            out.extend_from_slice(&20u16.to_le_bytes()); // made by
        } else {
            out.extend_from_slice(&0x0403_4b50u32.to_le_bytes());
        }
        out.extend_from_slice(&20u16.to_le_bytes()); // version needed
        out.extend_from_slice(&0u16.to_le_bytes()); // flags
        out.extend_from_slice(&8u16.to_le_bytes()); // deflate
        out.extend_from_slice(&0u32.to_le_bytes()); // time, date
        out.extend_from_slice(&0u32.to_le_bytes()); // crc (never reached)
        out.extend_from_slice(&(deflated.len() as u32).to_le_bytes());
        out.extend_from_slice(&declared_size.to_le_bytes());
        out.extend_from_slice(&(name.len() as u16).to_le_bytes());
        out.extend_from_slice(&0u16.to_le_bytes()); // extra
        if central {
            out.extend_from_slice(&[0; 6]); // comment len, disk, internal attrs
            out.extend_from_slice(&0u32.to_le_bytes()); // external attrs
            out.extend_from_slice(&0u32.to_le_bytes()); // local header offset
        }
        out.extend_from_slice(name.as_bytes());
    };
    header(&mut out, false);
    out.extend_from_slice(deflated);
    let central_at = out.len();
    header(&mut out, true);
    let central_len = out.len() - central_at;
    out.extend_from_slice(&0x0605_4b50u32.to_le_bytes());
    out.extend_from_slice(&[0; 4]); // disk numbers
    out.extend_from_slice(&1u16.to_le_bytes());
    out.extend_from_slice(&1u16.to_le_bytes());
    out.extend_from_slice(&(central_len as u32).to_le_bytes());
    out.extend_from_slice(&(central_at as u32).to_le_bytes());
    out.extend_from_slice(&0u16.to_le_bytes());
    out
}

/// A raw deflate stream of `mib` MiB of `<`: one sync-flushed chunk repeated, then a final
/// empty block. About 1 KiB per MiB, built in milliseconds.
fn deflate_bomb(mib: usize) -> Vec<u8> {
    let mut encoder = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(&vec![b'<'; 1024 * 1024]).unwrap();
    encoder.flush().unwrap(); // sync flush: byte-aligned, every back-reference inside
    let chunk = encoder.get_ref().clone();
    let mut stream = Vec::with_capacity(chunk.len() * mib + 5);
    for _ in 0..mib {
        stream.extend_from_slice(&chunk);
    }
    stream.extend_from_slice(&[0x01, 0x00, 0x00, 0xFF, 0xFF]); // final stored block, empty
    stream
}

/// Peak resident memory of this process in KiB (Linux), to check the bomb stays bounded.
fn peak_rss_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

#[test]
fn zip_bomb_docx_is_refused_quickly_with_bounded_memory() {
    let stream = deflate_bomb(1024); // expands to 1 GiB
    let before = peak_rss_kib();
    for declared in [u32::MAX - 1, 2_000] {
        // Declares ~4 GiB, or lies that it is small: neither is trusted.
        let bomb = zip_with_raw_entry("word/document.xml", &stream, declared);
        assert!(bomb.len() < 2 * 1024 * 1024, "{} bytes", bomb.len());
        let started = Instant::now();
        let why = reason(&bomb, "bomb.docx");
        let took = started.elapsed();
        assert!(
            why.contains("zip bomb") || why.starts_with("damaged DOCX"),
            "{why}"
        );
        assert!(took < Duration::from_secs(10), "took {took:?}");
        println!(
            "zip bomb ({} KiB, declares {declared} B): {why} in {took:?}",
            bomb.len() / 1024
        );
    }
    if let (Some(before), Some(after)) = (before, peak_rss_kib()) {
        let grown_mib = after.saturating_sub(before) / 1024;
        println!("peak memory grew by {grown_mib} MiB");
        assert!(grown_mib < 300, "memory grew by {grown_mib} MiB");
    }
}

#[test]
fn honest_zip_bomb_hits_the_size_cap() {
    // Declared size = real size (1 GiB): refused by the cap, not by a checksum.
    let bomb = zip_with_raw_entry("word/document.xml", &deflate_bomb(1024), 1 << 30);
    let why = reason(&bomb, "bomb.docx");
    assert!(why.contains("zip bomb") && why.contains("MiB"), "{why}");
}

#[test]
fn archive_with_too_many_entries_is_refused() {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for i in 0..10_001 {
        zip.start_file(format!("f{i}"), options).unwrap();
    }
    let bytes = zip.finish().unwrap().into_inner();
    let why = reason(&bytes, "many.docx");
    assert!(why.contains("entries"), "{why}");
}

#[test]
fn zip_that_is_not_a_docx_says_what_it_is() {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    zip.start_file("xl/workbook.xml", options).unwrap();
    zip.write_all(b"<workbook/>").unwrap();
    let xlsx = zip.finish().unwrap().into_inner();
    let why = reason(&xlsx, "sheet.docx");
    assert!(
        why.starts_with("not a DOCX") && why.contains("Excel"),
        "{why}"
    );

    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    zip.start_file("photo.jpg", options).unwrap();
    zip.write_all(&noise(3, 100)).unwrap();
    let plain = zip.finish().unwrap().into_inner();
    let why = reason(&plain, "photos.zip");
    assert!(why.contains("without word/document.xml"), "{why}");

    let legacy = [
        &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1][..],
        &[0; 504],
    ]
    .concat();
    let why = reason(&legacy, "old.docx");
    assert!(why.contains("legacy Word .doc"), "{why}");

    let mut torn = xlsx.clone();
    torn.truncate(torn.len() / 2);
    let why = reason(&torn, "torn.docx");
    assert!(why.starts_with("not a DOCX"), "{why}");
}

#[test]
fn docx_with_broken_xml_is_a_clear_error() {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    zip.start_file(
        "word/document.xml",
        zip::write::SimpleFileOptions::default(),
    )
    .unwrap();
    zip.write_all(b"<w:document><w:body><w:p><w:t>cut off")
        .unwrap();
    let bytes = zip.finish().unwrap().into_inner();
    let why = reason(&bytes, "broken.docx");
    assert!(
        why.starts_with("damaged DOCX") && why.contains("ends inside"),
        "{why}"
    );
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    zip.start_file(
        "word/document.xml",
        zip::write::SimpleFileOptions::default(),
    )
    .unwrap();
    zip.write_all(b"<w:document><w:body></w:p></w:body></w:document>")
        .unwrap();
    let bytes = zip.finish().unwrap().into_inner();
    let why = reason(&bytes, "mismatched.docx");
    assert!(why.contains("not well-formed XML"), "{why}");

    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    zip.start_file(
        "word/document.xml",
        zip::write::SimpleFileOptions::default(),
    )
    .unwrap();
    zip.write_all(b"<w:document><w:body><w:p/><w:sectPr/></w:body></w:document>")
        .unwrap();
    let bytes = zip.finish().unwrap().into_inner();
    let why = reason(&bytes, "blank.docx");
    assert!(why.contains("no text"), "{why}");
}

// ---- feeds ---------------------------------------------------------------------------------

#[test]
fn feed_that_is_not_xml_is_a_clear_error() {
    let why = reason(b"this is not a feed at all", "news.rss");
    assert!(why.starts_with("not a feed"), "{why}");
    let why = reason(&noise(11, 2000), "binary.atom");
    assert!(why.starts_with("not a feed"), "{why}");
    let why = reason(
        b"<rss version=\"2.0\"><channel><item><title>x</ti",
        "cut.rss",
    );
    assert!(why.starts_with("not a feed"), "{why}");
    // Content decides over the name: an HTML page saved as .rss is read as the page it is.
    let docs = claimline::ingest::read_bytes(b"<html><body>Hello</body></html>", "page.rss")
        .expect("read as HTML");
    assert_eq!(docs[0].format, claimline::model::SourceFormat::Html);
    assert_eq!(docs[0].text, "Hello");
}

#[test]
fn feed_without_items_is_a_clear_error() {
    let empty =
        br#"<?xml version="1.0"?><rss version="2.0"><channel><title>Quiet</title></channel></rss>"#;
    let why = reason(empty, "quiet.xml");
    assert!(why.contains("no items"), "{why}");
}

// ---- mail ----------------------------------------------------------------------------------

#[test]
fn mail_without_a_body_is_a_clear_error() {
    let headers_only = b"From: a@example.org\r\nTo: b@example.org\r\nSubject: Empty\r\nDate: Thu, 21 Aug 2025 09:00:00 +0000\r\n\r\n";
    let why = reason(headers_only, "empty.eml");
    assert!(why.contains("no text or HTML body"), "{why}");

    let only_an_attachment = b"From: a@example.org\r\nSubject: Scan\r\nMIME-Version: 1.0\r\n\
Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\nContent-Type: image/png\r\n\
Content-Transfer-Encoding: base64\r\n\r\niVBORw0KGgo=\r\n--b--\r\n";
    let why = reason(only_an_attachment, "scan.eml");
    assert!(why.contains("no text or HTML body"), "{why}");
}

#[test]
fn garbage_named_eml_never_panics() {
    for seed in 1..=20 {
        match read_bytes(&noise(seed, 3000), "junk.eml") {
            Err(IngestError::Invalid { reason, .. }) => assert!(!reason.is_empty()),
            Ok(docs) => assert!(!docs.is_empty()),
            Err(other) => panic!("{other}"),
        }
    }
    let why = reason(b"", "empty.eml");
    assert!(!why.is_empty());
}

/// Issue #27: a device reports a length of 0 and never ends; reading stops past the limit.
#[cfg(target_os = "linux")]
#[test]
fn an_endless_device_is_refused_as_too_large_not_read_forever() {
    let err = claimline::ingest::read_path(std::path::Path::new("/dev/zero")).unwrap_err();
    assert!(
        matches!(err, claimline::ingest::IngestError::TooLarge { .. }),
        "{err}"
    );
    assert!(err.to_string().contains("too large"), "{err}");
}
