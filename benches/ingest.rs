//! Ingest throughput: HTML pages per second over the saved-page fixtures (charset, parse,
//! metadata, readability, text), and MB/s for plain-text import (UTF-8 and Windows-1252,
//! which goes through chardetng).
//!
//! cargo bench --no-default-features --bench ingest -- --warm-up-time 1 --measurement-time 3

use std::path::Path;

use claimline::ingest;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

fn fixtures() -> Vec<(String, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/ingest");
    let mut pages: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (name, std::fs::read(&p).unwrap())
        })
        .collect();
    pages.sort();
    pages
}

fn html_pages(c: &mut Criterion) {
    let pages = fixtures();
    let mut group = c.benchmark_group("ingest_html");
    group.throughput(Throughput::Elements(pages.len() as u64));
    group.bench_function("all_fixture_pages", |b| {
        b.iter(|| {
            for (name, bytes) in &pages {
                let docs = ingest::read_bytes(bytes, name).unwrap();
                std::hint::black_box(docs);
            }
        })
    });
    group.finish();
}

fn plain_text(c: &mut Criterion) {
    let seed = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/examples/orikhiv-desertions.txt"),
    )
    .unwrap();
    // About 1 MB of article text, with CRLF line ends to normalise.
    let utf8 = seed
        .replace('\n', "\r\n")
        .repeat(1 + (1 << 20) / seed.len());
    let latin = "Le maître a déclaré que la fête aurait lieu à Noël, près du café. ".repeat(16_000);
    let (cp1252, _, _) = encoding_rs::WINDOWS_1252.encode(&latin);
    let mut group = c.benchmark_group("ingest_text");
    group.throughput(Throughput::Bytes(utf8.len() as u64));
    group.bench_function("utf8_1MB", |b| {
        b.iter(|| std::hint::black_box(ingest::read_bytes(utf8.as_bytes(), "a.txt").unwrap()))
    });
    group.throughput(Throughput::Bytes(cp1252.len() as u64));
    group.bench_function("windows1252_1MB", |b| {
        b.iter(|| std::hint::black_box(ingest::read_bytes(&cp1252, "b.txt").unwrap()))
    });
    group.finish();
}

criterion_group!(benches, html_pages, plain_text);
criterion_main!(benches);
