//! WeChat and other in-app browsers.
//!
//! Many people open links inside WeChat (or QQ, Weibo, Alipay, DingTalk,
//! Douyin), whose built-in browser does not save downloaded files: an `.ics`
//! reminder, a draft export or the application ZIP would go nowhere. There
//! [`offer`] replaces the download with what works in such a browser: the
//! package's photos as pictures to long-press and save to the album (where
//! the official WeChat account's upload finds them), text to copy, and how
//! to open the page in the phone's browser, plus a button to try the
//! download anyway. Built with plain DOM calls: it runs only on a tap, in
//! the module of the pages past home.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Document, Element};

use crate::i18n::{self, Text};
use crate::prefs::Lang;

/// An in-app browser, from its user agent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InApp {
    WeChat,
    /// QQ, Weibo, Alipay, DingTalk, Douyin/Toutiao, Facebook, Instagram, LINE.
    Other,
}

/// Which in-app browser `ua` is, if any. WeChat's Windows/Mac desktop
/// client also says `MicroMessenger` and also blocks downloads.
pub fn from_user_agent(ua: &str) -> Option<InApp> {
    if ua.contains("MicroMessenger") {
        return Some(InApp::WeChat);
    }
    const OTHERS: [&str; 10] =
        ["QQ/", "Weibo", "AlipayClient", "DingTalk", "aweme", "NewsArticle", "FBAN", "FBAV", "Instagram", " Line/"];
    OTHERS.iter().any(|m| ua.contains(m)).then_some(InApp::Other)
}

/// The in-app browser this page runs in, if any.
pub fn detect() -> Option<InApp> {
    let ua = web_sys::window()?.navigator().user_agent().ok()?;
    from_user_agent(&ua)
}

/// In an in-app browser: shows what works instead of downloading `bytes`
/// and returns `true`. Elsewhere returns `false` (the caller downloads).
pub fn offer(name: &str, mime: &str, bytes: &[u8]) -> bool {
    let Some(kind) = detect() else { return false };
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return false };
    // The language the app shows now: its root says it.
    let lang = doc
        .query_selector(".mtt-root")
        .ok()
        .flatten()
        .and_then(|r| r.get_attribute("lang"))
        .and_then(|l| Lang::from_tag(&l))
        .unwrap_or_default();
    let t = i18n::text(lang);
    show(&doc, t, kind, name, mime, bytes).is_ok()
}

fn el(doc: &Document, tag: &str, class: &str, text: &str) -> Result<Element, JsValue> {
    let e = doc.create_element(tag)?;
    if !class.is_empty() {
        e.set_class_name(class);
    }
    if !text.is_empty() {
        e.set_text_content(Some(text));
    }
    Ok(e)
}

fn add(parent: &Element, child: Element) -> Result<(), JsValue> {
    parent.append_child(&child).map(|_| ())
}

fn on_click(e: &Element, f: impl FnMut() + 'static) -> Result<(), JsValue> {
    let mut f = f;
    // Lives as long as the element; the panel is small and rare.
    gloo_events::EventListener::new(e, "click", move |_| f()).forget();
    Ok(())
}

/// The entries of a stored (uncompressed) ZIP as the app writes it
/// (mantetong_core::package::build), by walking its local headers: name and
/// bytes. Stops at anything else; never reads past the end.
fn stored_entries(b: &[u8]) -> Vec<(String, &[u8])> {
    let u16_at = |i: usize| b.get(i..i + 2).map(|s| usize::from(u16::from_le_bytes([s[0], s[1]])));
    let u32_at = |i: usize| b.get(i..i + 4).map(|s| u32::from_le_bytes([s[0], s[1], s[2], s[3]]) as usize);
    let mut out = Vec::new();
    let mut i = 0;
    while u32_at(i) == Some(0x0403_4b50) {
        let (Some(method), Some(size), Some(n), Some(extra)) = (u16_at(i + 8), u32_at(i + 18), u16_at(i + 26), u16_at(i + 28)) else { break };
        let start = i + 30 + n + extra;
        let (Some(name), Some(data)) = (b.get(i + 30..i + 30 + n), b.get(start..start + size)) else { break };
        if method == 0 {
            out.push((String::from_utf8_lossy(name).into_owned(), data));
        }
        i = start + size;
    }
    out
}

/// The human line of a renewal reminder (`SUMMARY` on `DTSTART`), from the
/// calendar file the app writes (app/src/pages/timeline.rs).
fn ics_line(ics: &str) -> Option<String> {
    let field = |k: &str| ics.lines().find_map(|l| l.strip_prefix(k)).map(str::trim);
    let d = field("DTSTART;VALUE=DATE:")?;
    let summary = field("SUMMARY:")?;
    (d.len() == 8).then(|| format!("{}-{}-{} {summary}", &d[0..4], &d[4..6], &d[6..8]))
}

fn show(doc: &Document, t: &'static Text, kind: InApp, name: &str, mime: &str, bytes: &[u8]) -> Result<(), JsValue> {
    let app = if kind == InApp::WeChat { t.inapp_wechat } else { t.inapp_this_app };
    let back = doc.active_element();
    let panel = el(doc, "div", "mtt-card mtt-inapp", "")?;
    panel.set_attribute("role", "dialog")?;
    panel.set_attribute("aria-labelledby", "mtt-inapp-title")?;
    let title = el(doc, "h2", "mtt-h2", &t.inapp_title.replace("{app}", app))?;
    title.set_id("mtt-inapp-title");
    title.set_attribute("tabindex", "-1")?;
    panel.append_child(&title)?;

    if mime == "application/zip" {
        let files: Vec<_> = stored_entries(bytes).into_iter().filter(|(name, _)| name.starts_with("files/")).collect();
        let images: Vec<_> = files.iter().filter_map(|(name, data)| {
            crate::files::sniff(data).filter(|t| t.starts_with("image/")).map(|t| (name, t, data))
        }).collect();
        let others = files.len() - images.len();
        if !images.is_empty() {
            add(&panel, el(doc, "p", "", t.inapp_images)?)?;
            let window = web_sys::window().ok_or(JsValue::NULL)?;
            for (i, (name, media_type, data)) in images.iter().enumerate() {
                // A data: URL: WeChat's "save image" does not take blob: URLs.
                let binary: String = data.iter().map(|&b| char::from(b)).collect();
                let img = el(doc, "img", "", "")?;
                img.set_attribute("src", &format!("data:{media_type};base64,{}", window.btoa(&binary)?))?;
                img.set_attribute("alt", &format!("{} {}：{}", t.inapp_image_alt, i + 1, name.trim_start_matches("files/")))?;
                add(&panel, img)?;
            }
        }
        if others > 0 {
            add(&panel, el(doc, "p", "", &t.inapp_other_files.replace("{n}", &others.to_string()))?)?;
        }
    } else if mime.starts_with("text/") || mime == "application/json" {
        let text = String::from_utf8_lossy(bytes).into_owned();
        let text = if mime == "text/calendar" { ics_line(&text).unwrap_or(text) } else { text };
        add(&panel, el(doc, "p", "", t.inapp_copy_hint)?)?;
        let area = el(doc, "textarea", "", "")?;
        area.set_attribute("readonly", "")?;
        area.set_attribute("aria-label", t.inapp_copy_hint)?;
        area.set_text_content(Some(&text));
        panel.append_child(&area)?;
        let copy = el(doc, "button", "mtt-button mtt-inapp-copy", t.inapp_copy)?;
        copy.set_attribute("type", "button")?;
        let (c, a) = (copy.clone(), area.clone());
        on_click(&copy, move || {
            // The clipboard API where there is one; selecting the text (the
            // person copies it from the menu) everywhere.
            let _ = js_sys::Reflect::get(&a, &"select".into())
                .ok()
                .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
                .map(|f| f.call0(&a));
            let clip = web_sys::window().and_then(|w| js_sys::Reflect::get(&w.navigator(), &"clipboard".into()).ok());
            if let Some(clip) = clip.filter(|c| !c.is_undefined()) {
                if let Ok(f) = js_sys::Reflect::get(&clip, &"writeText".into()).and_then(|f| f.dyn_into::<js_sys::Function>()) {
                    let done = f.call1(&clip, &JsValue::from_str(&a.text_content().unwrap_or_default()));
                    // Refused (no permission): the text is selected anyway.
                    if let Ok(p) = done.and_then(|p| p.dyn_into::<js_sys::Promise>()) {
                        let ignore = Closure::<dyn FnMut(JsValue)>::new(|_| {});
                        let _ = p.catch(&ignore);
                        ignore.forget();
                    }
                }
            }
            c.set_text_content(Some(t.inapp_copied));
        })?;
        panel.append_child(&copy)?;
    }
    add(&panel, el(doc, "p", "", &t.inapp_open_browser.replace("{app}", app))?)?;

    let row = el(doc, "p", "mtt-actions-row", "")?;
    // The download itself, as a link the person may still try (some
    // in-app browsers hand it to the system); the file stays on the device.
    let url = web_sys::Url::create_object_url_with_blob(&crate::files::blob_from(bytes, mime)?)?;
    let anyway = el(doc, "a", "mtt-button mtt-button-secondary mtt-inapp-download", t.inapp_try_anyway)?;
    anyway.set_attribute("href", &url)?;
    anyway.set_attribute("download", name)?;
    let close = el(doc, "button", "mtt-button", t.inapp_close)?;
    close.set_attribute("type", "button")?;
    let p = panel.clone();
    on_click(&close, move || {
        p.remove();
        let _ = web_sys::Url::revoke_object_url(&url);
        if let Some(b) = back.as_ref().and_then(|b| b.dyn_ref::<web_sys::HtmlElement>()) {
            let _ = b.focus();
        }
    })?;
    row.append_child(&anyway)?;
    row.append_child(&close)?;
    panel.append_child(&row)?;

    // Right after the page's heading, in the page's own flow: read in order,
    // no overlay to trap focus in.
    if let Ok(Some(old)) = doc.query_selector(".mtt-inapp") {
        old.remove();
    }
    let main = doc.get_element_by_id("mtt-main");
    let heading = main.as_ref().and_then(|m| m.query_selector("h1").ok().flatten());
    match (heading, main) {
        (Some(h), _) => h.after_with_node_1(&panel)?,
        (None, Some(m)) => m.prepend_with_node_1(&panel)?,
        (None, None) => return Err(JsValue::NULL),
    }
    title.scroll_into_view();
    if let Some(h) = title.dyn_ref::<web_sys::HtmlElement>() {
        let _ = h.focus();
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_agents() {
        let cases = [
            ("Mozilla/5.0 (Linux; Android 13; V2203A Build/TP1A.220624.014; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/116.0.0.0 Mobile Safari/537.36 XWEB/1160065 MMWEBSDK/20231202 MMWEBID/2247 MicroMessenger/8.0.47.2560(0x28002F30) WeChat/arm64 Weixin NetType/WIFI Language/zh_CN ABI/arm64", Some(InApp::WeChat)),
            ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.44(0x18002c2f) NetType/WIFI Language/zh_CN", Some(InApp::WeChat)),
            ("Mozilla/5.0 (iPhone; CPU iPhone OS 16_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 QQ/8.9.28.635 V1_IPH_SQ_8.9.28_1_APP_A Pixel/1170", Some(InApp::Other)),
            ("Mozilla/5.0 (Linux; Android 12) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36 AlipayClient/10.5.0", Some(InApp::Other)),
            ("Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36", None),
            ("Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1", None),
            ("Mozilla/5.0 (Linux; U; Android 13; zh-cn; PHB110 Build/TP1A.220905.001) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/109.0.5414.86 MQQBrowser/14.2 Mobile Safari/537.36", None),
        ];
        for (ua, want) in cases {
            assert_eq!(from_user_agent(ua), want, "{ua}");
        }
    }

    #[test]
    fn stored_zip_entries() {
        let draft = mantetong_core::package::Draft {
            idempotency_key: "k".into(),
            created_at: "2025-09-30T10:00:00+08:00".into(),
            client: mantetong_core::package::Client { name: "t".into(), version: "1".into() },
            pack: mantetong_core::package::PackId { id: "shanxi-linfen".into(), version: "2025.1".into() },
            facts: serde_json::json!({}),
            result: serde_json::json!({}),
        };
        let jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 1, 2, 3];
        let files = [mantetong_core::package::NewFile { name: "diagnosis_certificate.jpg".into(), kind: "diagnosis_certificate".into(), media_type: "image/jpeg".into(), bytes: jpeg.to_vec() }];
        let zip = mantetong_core::package::build(&draft, &files).expect("a package");
        let entries = stored_entries(&zip);
        let names: Vec<_> = entries.iter().map(|(n, _)| n.as_str()).collect();
        assert!(names.contains(&"manifest.json"), "{names:?}");
        let photo = entries.iter().find(|(n, _)| n.starts_with("files/")).expect("the photo");
        assert_eq!(photo.1, &jpeg[..]);
        // Damaged or cut short: what can be read, never a panic.
        for cut in [0, 10, 31, zip.len() / 2] {
            let _ = stored_entries(&zip[..cut]);
        }
        assert!(stored_entries(b"not a zip").is_empty());
    }

    #[test]
    fn reminder_line() {
        let ics = "BEGIN:VCALENDAR\r\nDTSTART;VALUE=DATE:20281015\r\nSUMMARY:慢特病续期\r\nEND:VCALENDAR\r\n";
        assert_eq!(ics_line(ics).as_deref(), Some("2028-10-15 慢特病续期"));
        assert_eq!(ics_line("SUMMARY:x"), None);
    }
}
