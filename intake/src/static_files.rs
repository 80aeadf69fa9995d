//! Serving the built app (`--static dist/`): precompressed copies, SPA
//! fallback, cache headers, and the Content-Security-Policy that allows
//! exactly the inline scripts of `index.html` by hash.

use axum::body::Body;
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use mantetong_core::package::sha256_hex;
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

/// The policy every response carries. `script_hashes` are CSP source
/// expressions (`'sha256-...'`), `frame_ancestors` the sources allowed to
/// frame the app (`'none'` by default).
/// `connect_src`, when given, adds `connect-src 'self' ...` so the app may
/// submit to an endpoint on another origin.
pub fn csp(script_hashes: &[String], frame_ancestors: &[String], connect_src: &[String]) -> String {
    let mut script = String::from("'self' 'wasm-unsafe-eval'");
    for h in script_hashes {
        script.push(' ');
        script.push_str(h);
    }
    let fa = if frame_ancestors.is_empty() { "'none'".to_string() } else { frame_ancestors.join(" ") };
    let connect = if connect_src.is_empty() { String::new() } else { format!("connect-src 'self' {}; ", connect_src.join(" ")) };
    // img-src data:: in WeChat the app shows the package's photos as data:
    // images to long-press and save (app/src/inapp.rs).
    format!("default-src 'self'; script-src {script}; {connect}img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors {fa}")
}

/// `'sha256-<base64>'` for the content of every inline `<script>` (one
/// without `src`) in an HTML page, in document order.
pub fn inline_script_hashes(html: &str) -> Vec<String> {
    let lower = html.to_ascii_lowercase();
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(i) = lower[at..].find("<script") {
        let start = at + i;
        // `<scripts>` or `<script-x>` are other tags.
        let after = lower.as_bytes().get(start + 7).copied().unwrap_or(b'>');
        if !(after == b'>' || after.is_ascii_whitespace() || after == b'/') {
            at = start + 7;
            continue;
        }
        let Some(gt) = lower[start..].find('>') else { break };
        let tag = &lower[start..start + gt];
        let body_start = start + gt + 1;
        let Some(end) = lower[body_start..].find("</script") else { break };
        let has_src = tag.split(|c: char| c.is_ascii_whitespace()).any(|a| a == "src" || a.starts_with("src="));
        if !has_src {
            let content = &html.as_bytes()[body_start..body_start + end];
            out.push(format!("'sha256-{}'", base64(&hex_to_bytes(&sha256_hex(content)))));
        }
        at = body_start + end;
    }
    out
}

fn hex_to_bytes(h: &str) -> Vec<u8> {
    (0..h.len() / 2).filter_map(|i| u8::from_str_radix(&h[2 * i..2 * i + 2], 16).ok()).collect()
}

/// Standard base64 with padding.
pub fn base64(b: &[u8]) -> String {
    const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut s = String::with_capacity(b.len().div_ceil(3) * 4);
    for c in b.chunks(3) {
        let n = (c[0] as u32) << 16 | (*c.get(1).unwrap_or(&0) as u32) << 8 | *c.get(2).unwrap_or(&0) as u32;
        s.push(A[(n >> 18) as usize & 63] as char);
        s.push(A[(n >> 12) as usize & 63] as char);
        s.push(if c.len() > 1 { A[(n >> 6) as usize & 63] as char } else { '=' });
        s.push(if c.len() > 2 { A[n as usize & 63] as char } else { '=' });
    }
    s
}

fn content_type(name: &str) -> &'static str {
    let ext = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()).unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "wasm" => "application/wasm",
        "json" | "map" => "application/json",
        "webmanifest" => "application/manifest+json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "txt" => "text/plain; charset=utf-8",
        "xml" => "application/xml",
        "woff2" => "font/woff2",
        "pdf" => "application/pdf",
        "zip" => "application/zip",
        _ => "application/octet-stream",
    }
}

/// The build (scripts/build-app.mjs) names assets `<stem>-<16 hex>.<ext>`
/// and puts the wasm modules in `pkg/<16 hex>/`: such a name never changes
/// content, so it may be cached for a year.
pub fn is_hashed(name: &str) -> bool {
    let hex16 = |h: &str| h.len() == 16 && h.bytes().all(|b| b.is_ascii_hexdigit());
    if let Some(rest) = name.trim_start_matches('/').strip_prefix("pkg/") {
        return rest.split_once('/').is_some_and(|(dir, file)| hex16(dir) && !file.is_empty());
    }
    let file = name.rsplit('/').next().unwrap_or(name);
    let stem = file.split('.').next().unwrap_or(file);
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    match stem.rsplit_once('-') {
        Some((_, h)) => h.len() >= 16 && h.bytes().all(|b| b.is_ascii_hexdigit()),
        None => false,
    }
}

/// `widget/v<version>/...`: one release's widget loader and its integrity
/// list, never changed once published (docs/portal.md); the unversioned
/// `mantetong-widget.js` is the moving alias and stays `no-cache`.
pub fn is_versioned_widget(name: &str) -> bool {
    let mut parts = name.trim_start_matches('/').split('/');
    parts.next() == Some("widget")
        && parts.next().and_then(|v| v.strip_prefix('v')).is_some_and(|v| v.split('.').count() == 3 && v.split('.').all(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit())))
        && parts.next().is_some_and(|f| !f.is_empty())
        && parts.next().is_none()
}

fn cache_control(name: &str) -> &'static str {
    let file = name.rsplit('/').next().unwrap_or(name);
    if file.ends_with(".html") || file == "sw.js" || file == "service-worker.js" {
        "no-cache"
    } else if is_hashed(name) || is_versioned_widget(name) {
        "public, max-age=31536000, immutable"
    } else if file == "icon.svg" {
        // Chromium fetches the favicon past the service worker on every
        // page (docs/size.md: ~20 revalidations, 10.6 KB of headers in the
        // measured flow); a day's staleness of an icon harms no one.
        "public, max-age=86400"
    } else {
        // Packs, the calendar, icons: revalidate (cheap with the ETag).
        "no-cache"
    }
}

fn accepts(headers: &HeaderMap, coding: &str) -> bool {
    let Some(v) = headers.get(header::ACCEPT_ENCODING).and_then(|v| v.to_str().ok()) else { return false };
    v.split(',').any(|item| {
        let mut parts = item.split(';');
        let name = parts.next().unwrap_or("").trim();
        let q_zero = parts.any(|p| {
            let p = p.trim();
            p.strip_prefix("q=").is_some_and(|q| q.trim().parse::<f32>().map(|q| q <= 0.0).unwrap_or(false))
        });
        name.eq_ignore_ascii_case(coding) && !q_zero
    })
}

fn percent_decode(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let h = core::str::from_utf8(b.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(h, 16).ok()?);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// A missing file, in the JSON error shape of every other error (for HEAD
/// too: the same head, no body). The path is not echoed.
fn not_found() -> Response {
    crate::errors(StatusCode::NOT_FOUND, &[("$", "no such file: check the address (the app itself is at /)".into())])
}

/// Answers a GET or HEAD for `path` from `dir`.
pub async fn serve(dir: &Path, method: &Method, path: &str, headers: &HeaderMap) -> Response {
    if method != Method::GET && method != Method::HEAD {
        let mut r = crate::errors(StatusCode::METHOD_NOT_ALLOWED, &[("$", format!("{method} is not allowed on the app's files; allowed: GET, HEAD"))]);
        r.headers_mut().insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        return r;
    }
    let Some(decoded) = percent_decode(path) else { return not_found() };
    let mut rel = decoded.trim_start_matches('/').to_string();
    if rel.is_empty() || rel.ends_with('/') {
        rel.push_str("index.html");
    }
    let safe = rel.split('/').all(|c| !c.is_empty() && c != "." && c != ".." && !c.contains('\\') && !c.contains('\0'));
    if !safe {
        return not_found();
    }
    if let Some(resp) = file(dir, &rel, headers).await {
        return resp;
    }
    let last = rel.rsplit('/').next().unwrap_or(&rel);
    if last.contains('.') {
        return not_found();
    }
    // A route of the app (`/check/shanxi-linfen`): the app itself answers it.
    file(dir, "index.html", headers).await.unwrap_or_else(not_found)
}

async fn file(dir: &Path, rel: &str, headers: &HeaderMap) -> Option<Response> {
    let path: PathBuf = dir.join(rel);
    let meta = tokio::fs::metadata(&path).await.ok()?;
    if !meta.is_file() {
        return None;
    }
    // Prefer a precompressed copy the client accepts.
    let mut chosen = (path.clone(), meta.clone(), None);
    for (coding, ext) in [("br", "br"), ("gzip", "gz")] {
        if accepts(headers, coding) {
            let mut p = path.clone().into_os_string();
            p.push(".");
            p.push(ext);
            let p = PathBuf::from(p);
            if let Ok(m) = tokio::fs::metadata(&p).await {
                if m.is_file() {
                    chosen = (p, m, Some(coding));
                    break;
                }
            }
        }
    }
    let (p, m, coding) = chosen;
    let mtime = m.modified().ok().and_then(|t| t.duration_since(UNIX_EPOCH).ok()).map(|d| d.as_secs()).unwrap_or(0);
    let etag = format!("\"{:x}-{:x}{}\"", m.len(), mtime, coding.map(|c| format!("-{c}")).unwrap_or_default());
    let mut resp = if headers.get(header::IF_NONE_MATCH).and_then(|v| v.to_str().ok()).is_some_and(|v| v.split(',').any(|t| t.trim() == etag)) {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        let bytes = tokio::fs::read(&p).await.ok()?;
        let mut r = Response::new(Body::from(bytes));
        r.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type(rel)));
        r
    };
    let h = resp.headers_mut();
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache_control(rel)));
    h.insert(header::VARY, HeaderValue::from_static("Accept-Encoding"));
    if let Ok(v) = HeaderValue::from_str(&etag) {
        h.insert(header::ETAG, v);
    }
    if let Some(c) = coding {
        h.insert(header::CONTENT_ENCODING, HeaderValue::from_static(c));
    }
    Some(resp)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_vectors() {
        for (i, o) in [("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("foob", "Zm9vYg=="), ("fooba", "Zm9vYmE="), ("foobar", "Zm9vYmFy")] {
            assert_eq!(base64(i.as_bytes()), o);
        }
    }

    #[test]
    fn inline_scripts_are_hashed_and_external_ones_not() {
        let html = "<html><head><script src=\"/a.js\"></script><SCRIPT type=\"module\">alert(1)</SCRIPT>\
                    <scripts>x</scripts><script>\n</script></head></html>";
        // sha256("alert(1)") and sha256("\n"), base64.
        assert_eq!(
            inline_script_hashes(html),
            vec!["'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='".to_string(), "'sha256-AbpHGcgLb+kRsJGnwFEktk7uzpZOCcBY74+YBdrKVGs='".to_string()]
        );
    }

    #[test]
    fn hashed_names() {
        for (n, h) in [
            ("mantetong-app-1a2b3c4d5e6f7a8b.js", true),
            ("mantetong-app-1a2b3c4d5e6f7a8b_bg.wasm", true),
            ("assets/app-0123456789abcdef0123.css", true),
            ("index.html", false),
            ("regions/shanxi-linfen.json", false),
            ("app.css", false),
            ("pkg/63fc608be5f26e50/split_later.wasm", true),
            ("/pkg/63fc608be5f26e50/__wasm_split.js", true),
            ("pkg/not-a-hash/x.js", false),
            ("pkg/63fc608be5f26e50/", false),
        ] {
            assert_eq!(is_hashed(n), h, "{n}");
        }
    }

    #[test]
    fn icons_are_kept_a_day_and_rules_are_always_revalidated() {
        assert_eq!(cache_control("icon.svg"), "public, max-age=86400");
        for fresh in ["regions/shanxi-linfen.json", "regions/index.json", "calendar/cn-workdays.json", "manifest.webmanifest", "index.html", "sw.js"] {
            assert_eq!(cache_control(fresh), "no-cache", "{fresh}");
        }
    }

    #[test]
    fn versioned_widget_files_are_immutable_and_the_alias_is_not() {
        assert_eq!(cache_control("widget/v0.1.0/mantetong-widget.js"), "public, max-age=31536000, immutable");
        assert_eq!(cache_control("/widget/v12.3.40/integrity.json"), "public, max-age=31536000, immutable");
        for moving in ["mantetong-widget.js", "widget/index.json", "widget/vlatest/mantetong-widget.js", "widget/v1.2/x.js", "widget/v1.2.3/a/b.js"] {
            assert_eq!(cache_control(moving), "no-cache", "{moving}");
        }
    }

    #[test]
    fn accept_encoding() {
        let mut h = HeaderMap::new();
        h.insert(header::ACCEPT_ENCODING, HeaderValue::from_static("gzip, deflate, br;q=0"));
        assert!(accepts(&h, "gzip"));
        assert!(!accepts(&h, "br"));
    }
}
