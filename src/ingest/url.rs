//! Import from a URL: one HTTP GET (ureq, rustls) with a timeout, a size cap, a bounded number
//! of redirects and a Claimline user agent. The response's content type and the content
//! itself pick the reader; the page's canonical URL (or the final URL) is recorded.

use std::time::Duration;

use super::{Document, IngestError, html, metadata, read_bytes};
use crate::model::SourceFormat;

/// Limits and identity of a fetch.
#[derive(Clone, Debug)]
pub struct FetchOptions {
    /// For the whole exchange: connect, send, headers and body.
    pub timeout: Duration,
    /// Bodies larger than this are refused (by `Content-Length` before reading, or while
    /// reading).
    pub max_bytes: u64,
    pub max_redirects: u32,
    pub user_agent: String,
}

impl Default for FetchOptions {
    fn default() -> Self {
        Self {
            timeout: Duration::from_secs(30),
            max_bytes: 32 * 1024 * 1024,
            max_redirects: 5,
            user_agent: format!(
                "Claimline/{} (news timeline builder; article import)",
                env!("CARGO_PKG_VERSION")
            ),
        }
    }
}

/// Fetches `url` and reads it into documents (a feed may give many).
pub fn fetch_url(url: &str, opts: &FetchOptions) -> Result<Vec<Document>, IngestError> {
    let fail = |reason: String| IngestError::Network {
        url: url.to_owned(),
        reason,
    };
    let lower = url.to_ascii_lowercase();
    if !(lower.starts_with("http://") || lower.starts_with("https://")) {
        return Err(fail(
            "only http:// and https:// URLs can be imported".into(),
        ));
    }
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(opts.timeout))
        .max_redirects(opts.max_redirects)
        .user_agent(opts.user_agent.as_str())
        .accept("text/html,application/xhtml+xml,application/xml;q=0.9,text/plain;q=0.8,*/*;q=0.5")
        .build()
        .into();
    let mut response = agent
        .get(url)
        .call()
        .map_err(|e| fail(network_reason(&e, opts)))?;
    let status = response.status();
    if !status.is_success() {
        return Err(fail(format!(
            "the server answered {} {}",
            status.as_u16(),
            status.canonical_reason().unwrap_or("")
        )));
    }
    let final_url = {
        use ureq::ResponseExt as _;
        response.get_uri().to_string()
    };
    let content_type = response
        .headers()
        .get(ureq::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_ascii_lowercase();
    if let Some(len) = response.body().content_length()
        && len > opts.max_bytes
    {
        return Err(fail(too_large(opts.max_bytes)));
    }
    let bytes = response
        .body_mut()
        .with_config()
        .limit(opts.max_bytes)
        .read_to_vec()
        .map_err(|e| fail(network_reason(&e, opts)))?;
    let mut docs = read_response(&bytes, &content_type, &final_url).map_err(|e| match e {
        IngestError::Invalid { reason, .. } => fail(reason),
        IngestError::Unsupported { format, .. } => IngestError::Unsupported {
            path: url.to_owned(),
            format,
        },
        other => other,
    })?;
    for doc in &mut docs {
        doc.format = SourceFormat::Url;
        if doc.url.is_none() {
            doc.url = Some(final_url.clone());
        }
        if doc.published.is_none()
            && let Some(span) = metadata::date_from_url(&final_url)
        {
            doc.published = Some(span);
            doc.published_from = Some("url".into());
        }
    }
    Ok(docs)
}

/// The body read by content type first (HTML with the header's charset), then by sniffing
/// with a file name made from the URL path.
fn read_response(
    bytes: &[u8],
    content_type: &str,
    final_url: &str,
) -> Result<Vec<Document>, IngestError> {
    let mime = content_type.split(';').next().unwrap_or("").trim();
    let charset = content_type
        .split(';')
        .filter_map(|p| p.trim().strip_prefix("charset="))
        .find_map(super::encoding::for_label);
    if matches!(mime, "text/html" | "application/xhtml+xml") {
        return html::read_html_with_charset(bytes, final_url, charset)
            .map(|d| vec![d])
            .map_err(|reason| IngestError::Invalid {
                path: final_url.to_owned(),
                reason,
            });
    }
    let path = final_url.split(['?', '#']).next().unwrap_or(final_url);
    let last = path.rsplit('/').next().unwrap_or("");
    let name = match mime {
        "text/plain" => format!("{}.txt", if last.is_empty() { "page" } else { last }),
        "text/markdown" => format!("{last}.md"),
        "application/pdf" => format!("{last}.pdf"),
        "application/rss+xml" | "application/atom+xml" => format!("{last}.xml"),
        "message/rfc822" => format!("{last}.eml"),
        _ if last.is_empty() => "page".to_owned(),
        _ => last.to_owned(),
    };
    read_bytes(bytes, &name)
}

fn too_large(max: u64) -> String {
    format!("the response is larger than the limit of {max} bytes")
}

fn network_reason(e: &ureq::Error, opts: &FetchOptions) -> String {
    match e {
        ureq::Error::Timeout(_) => format!(
            "no complete answer within {:.1} s (timed out)",
            opts.timeout.as_secs_f64()
        ),
        ureq::Error::HostNotFound => "host not found".into(),
        ureq::Error::ConnectionFailed => "could not connect to the server".into(),
        ureq::Error::TooManyRedirects => {
            format!("too many redirects (more than {})", opts.max_redirects)
        }
        ureq::Error::BodyExceedsLimit(_) => too_large(opts.max_bytes),
        ureq::Error::Io(io) if io.kind() == std::io::ErrorKind::TimedOut => format!(
            "no complete answer within {:.1} s (timed out)",
            opts.timeout.as_secs_f64()
        ),
        other => other.to_string(),
    }
}

/// A URL reduced for duplicate checks: scheme, `www.`, fragment, trailing slash and tracking
/// parameters (`utm_*`, `fbclid`, `gclid`) do not make a different article.
pub fn comparable_url(url: &str) -> String {
    let url = url.trim();
    let url = url.split('#').next().unwrap_or(url);
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"))
        .unwrap_or(url);
    let (host_path, query) = rest.split_once('?').unwrap_or((rest, ""));
    let (host, path) = host_path.split_once('/').unwrap_or((host_path, ""));
    let host = host.to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host);
    let kept: Vec<&str> = query
        .split('&')
        .filter(|p| {
            let key = p.split('=').next().unwrap_or("");
            !p.is_empty() && !key.starts_with("utm_") && !matches!(key, "fbclid" | "gclid")
        })
        .collect();
    let mut out = format!("{host}/{}", path.trim_end_matches('/'));
    if !kept.is_empty() {
        out.push('?');
        out.push_str(&kept.join("&"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_compare_without_tracking_and_scheme() {
        assert_eq!(
            comparable_url("https://www.Example.com/world/story/?utm_source=x&id=4#top"),
            comparable_url("http://example.com/world/story?id=4")
        );
        assert_ne!(
            comparable_url("https://example.com/a?id=4"),
            comparable_url("https://example.com/a?id=5")
        );
    }

    #[test]
    fn non_http_urls_are_refused() {
        let err = fetch_url("ftp://example.com/x", &FetchOptions::default()).unwrap_err();
        assert!(err.to_string().contains("only http"), "{err}");
    }
}
