//! `--static DIR`: the built app with precompressed copies, SPA fallback,
//! cache headers and the CSP on every response.

mod common;

use common::*;
use std::fs;

const JS: &str = "mantetong-app-0123456789abcdef.js";
const WASM: &str = "mantetong-app-0123456789abcdef_bg.wasm";
const INLINE: &str = "import init, * as bindings from '/mantetong-app-0123456789abcdef.js';\nwindow.wasmBindings = bindings;\ninit('/mantetong-app-0123456789abcdef_bg.wasm');\n";

fn dist() -> tempfile::TempDir {
    let d = temp_dir();
    let p = d.path();
    let html = format!(
        "<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><link rel=\"modulepreload\" href=\"/{JS}\">\
         <script type=\"module\">{INLINE}</script></head><body><main class=\"mtt-shell\">慢特通</main></body></html>"
    );
    fs::write(p.join("index.html"), html).unwrap();
    fs::write(p.join(JS), "export default function init() {}").unwrap();
    fs::write(p.join(format!("{JS}.br")), b"BROTLI-BYTES").unwrap();
    fs::write(p.join(format!("{JS}.gz")), b"GZIP-BYTES").unwrap();
    fs::write(p.join(WASM), b"\0asm\x01\0\0\0").unwrap();
    fs::create_dir(p.join("regions")).unwrap();
    fs::write(p.join("regions/shanxi-linfen.json"), "{}").unwrap();
    fs::write(p.join("app.css"), "body{}").unwrap();
    d
}

fn expected_csp(frame_ancestors: &str) -> String {
    expected_csp_with(frame_ancestors, "")
}

fn expected_csp_with(frame_ancestors: &str, connect: &str) -> String {
    let digest = mantetong_core::package::sha256_hex(INLINE.as_bytes());
    let bytes: Vec<u8> = (0..32).map(|i| u8::from_str_radix(&digest[2 * i..2 * i + 2], 16).unwrap()).collect();
    let hash = mantetong_intake::static_files::base64(&bytes);
    format!("default-src 'self'; script-src 'self' 'wasm-unsafe-eval' 'sha256-{hash}'; {connect}img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors {frame_ancestors}")
}

fn assert_security_headers(r: &Resp, csp: &str) {
    assert_eq!(r.header("content-security-policy"), Some(csp), "status {}", r.status);
    assert_eq!(r.header("x-content-type-options"), Some("nosniff"));
    assert_eq!(r.header("referrer-policy"), Some("no-referrer"));
}

#[test]
fn serves_the_app_with_strict_headers() {
    let data = temp_dir();
    let app = dist();
    let mut cfg = config(data.path());
    cfg.static_dir = Some(app.path().to_path_buf());
    let s = Server::start(cfg);
    let csp = expected_csp("'none'");

    let index = s.get("/", &[]);
    assert_eq!(index.status, 200);
    assert!(index.text().contains("慢特通"));
    assert_eq!(index.header("content-type"), Some("text/html; charset=utf-8"));
    assert_eq!(index.header("cache-control"), Some("no-cache"));
    assert_security_headers(&index, &csp);

    // SPA fallback: an app route without an extension is the app.
    let route = s.get("/check/shanxi-linfen", &[]);
    assert_eq!(route.status, 200);
    assert_eq!(route.body, index.body);
    assert_eq!(route.header("cache-control"), Some("no-cache"));
    assert_security_headers(&route, &csp);

    // A missing file with an extension is a 404, not the app.
    let missing = s.get("/missing-0123456789abcdef.js", &[]);
    assert_eq!(missing.status, 404);
    assert_security_headers(&missing, &csp);

    // Hashed assets: cached for a year; the precompressed copy when accepted.
    let br = s.get(&format!("/{JS}"), &[("Accept-Encoding", "gzip, deflate, br")]);
    assert_eq!(br.status, 200);
    assert_eq!(br.body, b"BROTLI-BYTES");
    assert_eq!(br.header("content-encoding"), Some("br"));
    assert_eq!(br.header("content-type"), Some("text/javascript; charset=utf-8"));
    assert_eq!(br.header("cache-control"), Some("public, max-age=31536000, immutable"));
    assert_eq!(br.header("vary"), Some("Accept-Encoding"));
    assert_security_headers(&br, &csp);
    let gz = s.get(&format!("/{JS}"), &[("Accept-Encoding", "gzip")]);
    assert_eq!((gz.body.as_slice(), gz.header("content-encoding")), (&b"GZIP-BYTES"[..], Some("gzip")));
    let plain = s.get(&format!("/{JS}"), &[]);
    assert_eq!(plain.text(), "export default function init() {}");
    assert_eq!(plain.header("content-encoding"), None);
    let wasm = s.get(&format!("/{WASM}"), &[("Accept-Encoding", "br")]);
    assert_eq!((wasm.status, wasm.header("content-type")), (200, Some("application/wasm")));
    assert_eq!(wasm.header("content-encoding"), None, "no .br copy: the file itself");

    // Revalidation.
    let etag = plain.header("etag").unwrap().to_string();
    let again = s.get(&format!("/{JS}"), &[("If-None-Match", &etag)]);
    assert_eq!(again.status, 304);
    assert!(again.body.is_empty());

    // Packs are revalidated, not cached blindly.
    let pack = s.get("/regions/shanxi-linfen.json", &[]);
    assert_eq!((pack.status, pack.header("content-type"), pack.header("cache-control")), (200, Some("application/json"), Some("no-cache")));

    // No way out of the folder.
    for p in ["/../Cargo.toml", "/%2e%2e/Cargo.toml", "/regions/%2e%2e/%2e%2e/etc/passwd", "/a\\..\\b.js"] {
        assert_eq!(s.get(p, &[]).status, 404, "{p}");
    }

    // The API keeps answering JSON, with the same headers.
    let api = s.get("/api/v1/applications/MTT-00000000-NONE", &[]);
    assert_eq!(api.status, 404);
    assert!(api.header("content-type").unwrap().starts_with("application/json"));
    assert_security_headers(&api, &csp);

    // HEAD is a GET without the body.
    let head = request(s.addr, "HEAD", "/", &[], b"");
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty());
}

#[test]
fn frame_ancestors_from_config() {
    let data = temp_dir();
    let app = dist();
    let mut cfg = config(data.path());
    cfg.static_dir = Some(app.path().to_path_buf());
    cfg.frame_ancestors = vec!["'self'".into(), "https://portal.example.gov.cn".into()];
    cfg.connect_src = vec!["https://intake.example.gov.cn".into()];
    let s = Server::start(cfg);
    let r = s.get("/", &[]);
    assert_security_headers(&r, &expected_csp_with("'self' https://portal.example.gov.cn", "connect-src 'self' https://intake.example.gov.cn; "));
}

#[test]
fn bad_configuration_is_refused_at_startup() {
    let data = temp_dir();
    let empty = temp_dir();
    let mut cfg = config(data.path());
    cfg.static_dir = Some(empty.path().to_path_buf());
    let Some(e) = router_error(cfg) else { panic!("no index.html: accepted") };
    assert!(e.contains("--static: cannot read"), "{e}");

    let mut cfg = config(data.path());
    cfg.allow_origins = vec!["https://portal.example.gov.cn/".into()];
    let Some(e) = router_error(cfg) else { panic!("origin with a path: accepted") };
    assert!(e.contains("--allow-origin"), "{e}");

    let mut cfg = config(data.path());
    cfg.frame_ancestors = vec!["'self'; script-src *".into()];
    let Some(e) = router_error(cfg) else { panic!("CSP injection: accepted") };
    assert!(e.contains("--frame-ancestors"), "{e}");
}

#[test]
fn without_static_only_the_api() {
    let data = temp_dir();
    let s = Server::start(config(data.path()));
    let r = s.get("/", &[]);
    assert_eq!(r.status, 404);
    assert!(r.errors()[0].contains("--static"));
    assert_eq!(r.header("content-security-policy"), Some("default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"));
}

#[test]
fn static_files_carry_cors_for_allowed_origins_only() {
    // A portal embedding the widget loads its module script, wasm and packs
    // from here: those are CORS requests.
    let data = temp_dir();
    let app = dist();
    let mut cfg = config(data.path());
    cfg.static_dir = Some(app.path().to_path_buf());
    cfg.allow_origins = vec!["https://portal.example.gov.cn".into()];
    let s = Server::start(cfg);
    for path in [format!("/{JS}"), format!("/{WASM}"), "/regions/shanxi-linfen.json".to_string()] {
        let r = s.get(&path, &[("Origin", "https://portal.example.gov.cn")]);
        assert_eq!(r.status, 200, "{path}");
        assert_eq!(r.header("access-control-allow-origin"), Some("https://portal.example.gov.cn"), "{path}");
        let r = s.get(&path, &[("Origin", "https://evil.example.com")]);
        assert_eq!(r.header("access-control-allow-origin"), None, "{path}");
    }
    // Without --allow-origin, nothing.
    let data2 = temp_dir();
    let mut cfg = config(data2.path());
    cfg.static_dir = Some(app.path().to_path_buf());
    let s2 = Server::start(cfg);
    let r = s2.get(&format!("/{JS}"), &[("Origin", "https://portal.example.gov.cn")]);
    assert_eq!(r.header("access-control-allow-origin"), None);
}

/// A static 404 (a missing file, a path that leaves the folder, a name that
/// is not UTF-8) is in the JSON error shape like every other error, for
/// HEAD too (same status and type, no body); another method than GET or
/// HEAD is a JSON 405 with `Allow`.
#[test]
fn static_errors_are_json() {
    let data = temp_dir();
    let app = dist();
    let mut cfg = config(data.path());
    cfg.static_dir = Some(app.path().to_path_buf());
    let s = Server::start(cfg);
    let csp = expected_csp("'none'");
    for p in ["/missing-0123456789abcdef.js", "/../Cargo.toml", "/%ff.js", "/regions/nowhere.json"] {
        let r = s.get(p, &[]);
        assert_eq!(r.status, 404, "{p}: {}", r.text());
        assert_eq!(r.header("content-type"), Some("application/json"), "{p}");
        let errs = r.errors();
        assert_eq!(errs.len(), 1, "{p}: {errs:?}");
        assert!(errs[0].starts_with("$: no such file: "), "{p}: {errs:?}");
        // The path is not echoed.
        assert!(!r.text().contains("missing") && !r.text().contains("Cargo") && !r.text().contains("nowhere"), "{p}: {}", r.text());
        assert_security_headers(&r, &csp);
        let head = request(s.addr, "HEAD", p, &[], b"");
        assert_eq!(head.status, 404, "HEAD {p}");
        assert_eq!(head.header("content-type"), Some("application/json"), "HEAD {p}");
        assert!(head.body.is_empty(), "HEAD {p} has a body: {}", head.text());
    }
    let r = request(s.addr, "POST", "/index.html", &[], b"x");
    assert_eq!(r.status, 405, "{}", r.text());
    assert_eq!(r.header("allow"), Some("GET, HEAD"));
    let errs = r.errors();
    assert!(errs.iter().any(|e| e.starts_with("$: POST is not allowed")), "{errs:?}");
}
