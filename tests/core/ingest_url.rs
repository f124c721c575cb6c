//! Import from URL against a small HTTP server this test starts on 127.0.0.1 (no network).
//! The server answers a fixed set of paths and stops by itself after a few seconds.

use std::io::{BufRead as _, BufReader, Write as _};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::time::{Duration, Instant};

use claimline::ingest::{FetchOptions, IngestError, fetch_url};
use claimline::model::SourceFormat;

/// How long a test server lives.
const SERVER_LIFETIME: Duration = Duration::from_secs(20);

fn page() -> Vec<u8> {
    std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/ingest/wire-dateline.html"),
    )
    .unwrap()
}

/// Starts the server; returns its base URL.
fn serve() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    listener.set_nonblocking(true).unwrap();
    std::thread::spawn(move || {
        let until = Instant::now() + SERVER_LIFETIME;
        while Instant::now() < until {
            match listener.accept() {
                Ok((stream, _)) => {
                    std::thread::spawn(move || answer(stream));
                }
                Err(_) => std::thread::sleep(Duration::from_millis(5)),
            }
        }
    });
    base
}

fn answer(mut stream: TcpStream) {
    stream.set_nonblocking(false).unwrap();
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut request_line = String::new();
    if reader.read_line(&mut request_line).is_err() {
        return;
    }
    let mut user_agent = String::new();
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 || line == "\r\n" {
            break;
        }
        if let Some(ua) = line.to_ascii_lowercase().strip_prefix("user-agent:") {
            user_agent = ua.trim().to_owned();
        }
    }
    let path = request_line
        .split_whitespace()
        .nth(1)
        .unwrap_or("/")
        .to_owned();
    let respond = |stream: &mut TcpStream, status: &str, headers: &str, body: &[u8]| {
        let head = format!(
            "HTTP/1.1 {status}\r\nContent-Length: {}\r\nConnection: close\r\n{headers}\r\n",
            body.len()
        );
        let _ = stream.write_all(head.as_bytes());
        let _ = stream.write_all(body);
    };
    match path.as_str() {
        "/article" => respond(
            &mut stream,
            "200 OK",
            "Content-Type: text/html; charset=utf-8\r\n",
            &page(),
        ),
        "/plain/2025/08/22/note" => respond(
            &mut stream,
            "200 OK",
            "Content-Type: text/plain; charset=windows-1252\r\n",
            b"Caf\xe9 owners said on Friday that prices would rise.",
        ),
        "/agent" => {
            let body = format!("<html><body><p>Agent: {user_agent}</p></body></html>");
            respond(
                &mut stream,
                "200 OK",
                "Content-Type: text/html\r\n",
                body.as_bytes(),
            );
        }
        "/moved" => respond(
            &mut stream,
            "301 Moved Permanently",
            "Location: /article\r\n",
            b"",
        ),
        "/loop" => respond(&mut stream, "302 Found", "Location: /loop\r\n", b""),
        "/huge" => {
            // Announces 5 MB and starts sending; the client must stop early.
            let head = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 5000000\r\n\
                Connection: close\r\n\r\n";
            let _ = stream.write_all(head.as_bytes());
            let _ = stream.write_all(&vec![b'a'; 64 * 1024]);
        }
        "/endless" => {
            // No length: the body just keeps coming, past the cap.
            let head = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nConnection: close\r\n\r\n";
            let _ = stream.write_all(head.as_bytes());
            for _ in 0..64 {
                if stream.write_all(&vec![b'a'; 64 * 1024]).is_err() {
                    break;
                }
            }
        }
        "/silent" => std::thread::sleep(Duration::from_secs(3)),
        _ => respond(
            &mut stream,
            "404 Not Found",
            "Content-Type: text/plain\r\n",
            b"nope",
        ),
    }
}

fn quick() -> FetchOptions {
    FetchOptions {
        timeout: Duration::from_secs(5),
        ..FetchOptions::default()
    }
}

#[test]
fn a_page_is_fetched_read_and_recorded_with_its_canonical_url() {
    let base = serve();
    let docs = fetch_url(&format!("{base}/article"), &quick()).unwrap();
    assert_eq!(docs.len(), 1);
    let doc = &docs[0];
    assert_eq!(doc.format, SourceFormat::Url);
    assert_eq!(
        doc.title,
        "Ukraine says grain corridor ships resumed after drone attack on Odesa port"
    );
    assert!(
        doc.url
            .as_deref()
            .unwrap()
            .starts_with("https://www.globalwire.example/world/")
    );
    assert!(doc.text.starts_with("KYIV, Aug 21 (Global Wire)"));
}

#[test]
fn plain_text_uses_the_header_charset_and_the_url_date() {
    let base = serve();
    let url = format!("{base}/plain/2025/08/22/note");
    let doc = fetch_url(&url, &quick()).unwrap().remove(0);
    assert_eq!(
        doc.text,
        "Café owners said on Friday that prices would rise."
    );
    assert_eq!(
        doc.url.as_deref(),
        Some(url.as_str()),
        "no canonical: the final URL"
    );
    assert_eq!(doc.published.unwrap().value.to_string(), "2025-08-22");
    assert_eq!(doc.published_from.as_deref(), Some("url"));
}

#[test]
fn the_user_agent_names_claimline() {
    let base = serve();
    let doc = fetch_url(&format!("{base}/agent"), &quick())
        .unwrap()
        .remove(0);
    assert!(doc.text.starts_with("Agent: claimline/"), "{}", doc.text);
}

#[test]
fn redirects_are_followed_but_limited() {
    let base = serve();
    let doc = fetch_url(&format!("{base}/moved"), &quick())
        .unwrap()
        .remove(0);
    assert!(doc.text.starts_with("KYIV"));
    let err = fetch_url(&format!("{base}/loop"), &quick()).unwrap_err();
    assert!(matches!(err, IngestError::Network { .. }));
    assert!(err.to_string().contains("too many redirects"), "{err}");
}

#[test]
fn http_errors_are_reported_with_the_status() {
    let base = serve();
    let err = fetch_url(&format!("{base}/nothing-here"), &quick()).unwrap_err();
    assert!(matches!(err, IngestError::Network { .. }));
    let msg = err.to_string();
    assert!(
        msg.contains("404") && msg.contains("/nothing-here"),
        "{msg}"
    );
}

#[test]
fn bodies_over_the_cap_are_refused() {
    let base = serve();
    let opts = FetchOptions {
        max_bytes: 1024 * 1024,
        ..quick()
    };
    for path in ["/huge", "/endless"] {
        let err = fetch_url(&format!("{base}{path}"), &opts).unwrap_err();
        assert!(
            err.to_string().contains("larger than the limit"),
            "{path}: {err}"
        );
    }
}

#[test]
fn a_silent_server_times_out() {
    let base = serve();
    let opts = FetchOptions {
        timeout: Duration::from_millis(300),
        ..FetchOptions::default()
    };
    let started = Instant::now();
    let err = fetch_url(&format!("{base}/silent"), &opts).unwrap_err();
    assert!(err.to_string().contains("timed out"), "{err}");
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "{:?}",
        started.elapsed()
    );
}

#[test]
fn nothing_listening_is_a_clear_error() {
    // Bind then drop: the port is (almost certainly) closed now.
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let err = fetch_url(&format!("http://127.0.0.1:{port}/x"), &quick()).unwrap_err();
    assert!(
        err.to_string()
            .starts_with("cannot fetch http://127.0.0.1:"),
        "{err}"
    );
}
