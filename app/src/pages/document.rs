use std::cell::{Cell, RefCell};
use std::rc::Rc;

use leptos::prelude::*;
use crate::widgets::{no_error, tr_signal};
use crate::fresh::dom::{attr, dom, B};
use web_sys::Element;
use leptos::task::spawn_local;
use crate::nav::use_nav;
use mantetong_core::eval::ProblemCode;
use mantetong_core::pack::{SealKind, WindowFrom};
use serde_json::{json, Map, Value};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::draft::Who;
use crate::files::{self, FileError, Prepared};
use crate::pages::common::{fix_for, relationship_short};
use crate::prefs::Lang;
use crate::reader::{self, Msg};
use crate::session::{today, use_session};
use crate::use_ui;
use crate::widgets::{error_summary, page_title, radios};
use leptos::tachys::html::node_ref::NodeRefContainer;

/// Photos of more pixels than this are read from the copy brought down on
/// the phone (a 50-megapixel photo would need ~150 MB in the reader), not
/// from the file itself.
const READ_ORIGINAL_MAX_PIXELS: u64 = 24_000_000;

/// Where the reading of the photo stands.
#[derive(Clone, Debug, PartialEq)]
enum ReadState {
    Idle,
    /// The reading module is being fetched (percent).
    Preparing(u32),
    Reading,
    Done(ReadOut),
    /// A PDF: kept, not read.
    Pdf,
    /// The reading module could not be fetched or started.
    Unavailable,
    Failed,
}

/// `mantetong read`'s answer, with the size of the image it was read from.
#[derive(Clone, Debug, PartialEq)]
struct ReadOut {
    seal: String,
    seal_box: Option<[f64; 4]>,
    date: Option<String>,
    quality: String,
    width: u32,
    height: u32,
}

impl ReadOut {
    /// From the reader's answer (`mantetong read`'s JSON) or from what the
    /// draft kept of it.
    fn from_value(v: &Value, width: u32, height: u32) -> ReadOut {
        let n = |i: usize| v["seal_box"].get(i).and_then(Value::as_f64);
        let seal_box = match (n(0), n(1), n(2), n(3)) {
            (Some(x), Some(y), Some(w), Some(h)) => Some([x, y, w, h]),
            _ => None,
        };
        ReadOut {
            seal: v["seal"].as_str().unwrap_or("unsure").to_string(),
            seal_box,
            date: v["date"].as_str().map(String::from),
            quality: v["quality"].as_str().unwrap_or("ok").to_string(),
            width,
            height,
        }
    }

    /// The outline to draw on the photo: the box, in the pixels read.
    fn outline(&self) -> Option<([f64; 4], u32)> {
        self.seal_box.filter(|_| self.seal != "absent").map(|b| (b, self.width))
    }
}

/// A photo chosen and checked by the reader but not yet stored.
struct Pending {
    prepared: Prepared,
    draft_id: String,
    material: String,
}

/// "2025年9月30日" / "30 September 2025".
fn show_date(iso: &str, en: bool) -> String {
    let mut it = iso.split('-').map(|p| p.parse::<u32>().unwrap_or(0));
    let (y, m, d) = (it.next().unwrap_or(0), it.next().unwrap_or(0), it.next().unwrap_or(0));
    if en {
        const M: [&str; 12] = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
        format!("{d} {} {y}", M.get((m as usize).wrapping_sub(1)).unwrap_or(&""))
    } else {
        format!("{y}年{m}月{d}日")
    }
}

/// Draws the photo on the page's canvas, the seal found outlined. A canvas,
/// not an <img>: the stored photo is a blob, which the app's Content
/// Security Policy does not allow as an image source.
async fn draw(canvas: web_sys::HtmlCanvasElement, blob: web_sys::Blob, seal: Option<([f64; 4], u32)>) {
    let Some(window) = web_sys::window() else { return };
    let Ok(p) = window.create_image_bitmap_with_blob(&blob) else { return };
    let Ok(bitmap) = JsFuture::from(p).await else { return };
    let bitmap: web_sys::ImageBitmap = bitmap.unchecked_into();
    let (w, h) = (bitmap.width() as f64, bitmap.height() as f64);
    let k = (800.0 / w.max(h)).min(1.0);
    let (cw, ch) = ((w * k).round().max(1.0), (h * k).round().max(1.0));
    canvas.set_width(cw as u32);
    canvas.set_height(ch as u32);
    let Some(ctx) = canvas.get_context("2d").ok().flatten() else { return };
    let ctx: web_sys::CanvasRenderingContext2d = ctx.unchecked_into();
    let _ = ctx.draw_image_with_image_bitmap_and_dw_and_dh(&bitmap, 0.0, 0.0, cw, ch);
    bitmap.close();
    if let Some((b, read_width)) = seal {
        // The box is in the pixels of the image read; the same photo, scaled.
        let s = cw / read_width.max(1) as f64;
        let pad = 6.0;
        ctx.set_stroke_style_str("#0b57d0");
        ctx.set_line_width(4.0);
        ctx.stroke_rect(b[0] * s - pad, b[1] * s - pad, b[2] * s + 2.0 * pad, b[3] * s + 2.0 * pad);
    }
}

fn yes_no(v: Option<&Value>) -> Option<String> {
    v.and_then(Value::as_bool).map(|b| if b { "yes" } else { "no" }.to_string())
}

fn to_bool(v: Option<String>) -> Option<Value> {
    v.map(|s| Value::Bool(s == "yes"))
}

/// `/apply/materials/:id`: what the person can tell about one paper, and
/// its photo or PDF. Which questions appear comes from the pack's rules for
/// that material (seal, stage, hospital), not from the app.
#[component]
pub fn DocumentPage() -> impl IntoView {
    let ui = use_ui();
    let session = use_session();
    let tail = use_nav().tail("/apply/materials/");
    let kind = Memo::new(move |_| tail.with(|t| t.trim_end_matches('/').to_string()));
    // The pack's definition of this paper, looked up where it is read (a
    // plain closure: a derived signal of this type was ~1.6 KB of wasm of
    // its own; issue 15).
    let def = move || {
        let k = kind.get();
        session.loaded_pack().and_then(|p| p.materials.iter().find(|m| m.id == k).cloned())
    };
    let existing = move || session.draft.with_untracked(|d| d.document(&kind.get_untracked()).cloned());
    let get = move |key: &str| existing().and_then(|d| d.get(key).cloned());
    let issued = RwSignal::new(get("issued").and_then(|v| v.as_str().map(String::from)).unwrap_or_default());
    let sealed = RwSignal::new(yes_no(get("sealed").as_ref()));
    let signed = RwSignal::new(yes_no(get("signed").as_ref()));
    let period_end = RwSignal::new(get("period_end").and_then(|v| v.as_str().map(String::from)).unwrap_or_default());
    let stage = RwSignal::new(yes_no(get("states_stage").as_ref()));
    let level = RwSignal::new(get("hospital_level").and_then(|v| v.as_u64()).map(|n| n.to_string()));
    let public_ = RwSignal::new(yes_no(get("hospital_public").as_ref()));
    let designated = RwSignal::new(yes_no(get("hospital_designated").as_ref()));
    let file = RwSignal::new(get("file"));
    let file_error = RwSignal::new(None::<FileError>);
    let working = RwSignal::new(false);
    let error = RwSignal::new(None::<String>);
    page_title(move || ui.t().doc_doc_title.to_string(), error.into());
    let read_state = RwSignal::new(ReadState::Idle);
    // Pixels of the photo as chosen, when it was over 24 MP and read from
    // the phone's smaller copy (said to the person).
    let large = RwSignal::new(None::<String>);
    // The person's word on each part of the reading: Some(true) right,
    // Some(false) wrong (then they answer the question themselves).
    let date_ok = RwSignal::new(None::<bool>);
    let seal_ok = RwSignal::new(None::<bool>);
    // What the date field held before the photo was read (kept, not
    // overwritten: nothing the person entered is lost).
    let date_before = RwSignal::new(None::<String>);
    let canvas = NodeRef::<leptos::html::Canvas>::new();
    // The stored photo is drawn on the canvas (also when coming back).
    let photo_shown = RwSignal::new(false);
    let picker = NodeRef::<leptos::html::Input>::new();
    let shown: Rc<RefCell<Option<web_sys::Blob>>> = Rc::new(RefCell::new(None));
    let pending: Rc<RefCell<Option<Pending>>> = Rc::new(RefCell::new(None));
    let next_id = Rc::new(Cell::new(0u32));
    let current = RwSignal::new(0u32);
    // Facts the interview already has: not asked again on the paper page
    // (the core reads them for a paper that has none of its own).
    let carried = move |path: &str| session.draft.with_untracked(|d| d.get(path).cloned()).filter(|v| !v.is_null());
    let has_seal_q = move || untrack(def).is_some_and(|d| d.seal.is_some());

    let yes_no_options = crate::widgets::derived(move || {
        let t = ui.t();
        vec![("yes".to_string(), t.yes.to_string()), ("no".to_string(), t.no.to_string())]
    });
    let level_options = crate::widgets::derived(move || {
        let t = ui.t();
        vec![("3".into(), t.level_3.into()), ("2".into(), t.level_2.into()), ("1".into(), t.level_1.into())]
    });
    let name = crate::widgets::derived(move || {
        def().map(|d| if ui.prefs.get().lang == Lang::En { d.name.en.to_string() } else { d.name.zh.to_string() }).unwrap_or_default()
    });

    // What was read, and the person's word on it, kept with the paper in
    // the draft: coming back to the page (or reloading) shows it again.
    let keep_reading = move || {
        let Some(ReadState::Done(r)) = read_state.try_get_untracked() else { return };
        let ok = |v: Option<bool>| v.map(Value::Bool).unwrap_or(Value::Null);
        let kept = json!({
            "seal": r.seal, "seal_box": r.seal_box, "date": r.date, "quality": r.quality,
            "width": r.width, "height": r.height,
            "date_ok": ok(date_ok.get_untracked()), "seal_ok": ok(seal_ok.get_untracked()),
            "date_before": date_before.get_untracked(),
        });
        let material = kind.get_untracked();
        session.update(|d| d.set_reading(&material, Some(kept)));
    };

    // Keeps a photo or PDF on the phone and shows it.
    let store = {
        let shown = shown.clone();
        move |p: Pending| {
            let shown = shown.clone();
            spawn_local(async move {
                let Pending { prepared, draft_id, material, .. } = p;
                let saved = files::put(&files::key(&draft_id, &material), &prepared.blob).await;
                working.set(false);
                if saved.is_err() {
                    file_error.set(Some(FileError::Failed));
                    return;
                }
                let info = json!({ "name": prepared.name, "type": prepared.mime, "size": prepared.size });
                // Saved at once: the file is on the device, so is its record.
                file.set(Some(info.clone()));
                session.update(|d| {
                    let mut doc = d.document(&material).cloned().unwrap_or_else(|| json!({ "kind": material }));
                    doc["file"] = info;
                    d.upsert_document(doc);
                });
                if prepared.mime != "application/pdf" {
                    *shown.borrow_mut() = Some(prepared.blob.clone());
                    // A new photo: what was read on the one before is gone.
                    session.update(|d| d.set_reading(&material, None));
                    if let Some(c) = canvas.get_untracked() {
                        draw(c, prepared.blob, None).await;
                        photo_shown.set(true);
                    }
                }
            });
        }
    };

    // The reading's answers, pre-filled where the person has not answered.
    let apply = {
        let shown = shown.clone();
        move |reading: Value, (width, height): (u32, u32)| {
            let out = ReadOut::from_value(&reading, width, height);
            date_ok.set(None);
            seal_ok.set(None);
            let before = issued.get_untracked();
            date_before.set((!before.trim().is_empty()).then_some(before.clone()));
            if let (Some(d), true) = (&out.date, before.trim().is_empty()) {
                issued.set(d.clone());
            }
            if has_seal_q() && sealed.get_untracked().is_none() {
                match out.seal.as_str() {
                    "found" => sealed.set(Some("yes".into())),
                    "absent" => sealed.set(Some("no".into())),
                    _ => {}
                }
            }
            let blob = shown.borrow().clone();
            if let (Some(c), Some(b)) = (canvas.get_untracked(), blob) {
                spawn_local(draw(c, b, out.outline()));
            }
            read_state.set(ReadState::Done(out));
            keep_reading();
        }
    };

    // What the reading module's worker says, for this page.
    {
        let pending = pending.clone();
        let store = store.clone();
        let dims = Rc::new(Cell::new((0u32, 0u32)));
        reader::listen(move |m| {
            let Some(cur) = current.try_get_untracked() else { return };
            match m {
                Msg::Progress { loaded, total } => {
                    if matches!(read_state.try_get_untracked(), Some(ReadState::Preparing(_))) && total > 0.0 {
                        read_state.set(ReadState::Preparing(((loaded / total) * 100.0).floor().min(99.0) as u32));
                    }
                }
                Msg::Ready => {}
                Msg::Failed => {
                    if let Some(p) = pending.borrow_mut().take() {
                        store(p);
                        read_state.set(ReadState::Unavailable);
                    }
                }
                Msg::Decoded { id, ok, width, height, error } if id == cur => {
                    let Some(p) = pending.borrow_mut().take() else { return };
                    if ok {
                        dims.set((width, height));
                        store(p);
                        read_state.set(ReadState::Reading);
                    } else {
                        // The reader found the file damaged (a cut-short JPEG
                        // the browser still showed): not kept.
                        working.set(false);
                        read_state.set(ReadState::Idle);
                        file_error.set(Some(if error.as_deref() == Some("heic") { FileError::Heic } else { FileError::Damaged }));
                    }
                }
                Msg::Reading { id, reading, .. } if id == cur => apply(reading, dims.get()),
                Msg::ReadFailed { id } if id == cur => {
                    if let Some(p) = pending.borrow_mut().take() {
                        store(p);
                    }
                    read_state.set(ReadState::Failed);
                }
                _ => {}
            }
        });
    }

    // Coming back to the page (or after a reload): the stored photo drawn
    // again with its seal outlined, and what was read shown again with the
    // person's word on it. Answers are pre-filled as when it was read: only
    // where the person has not answered, and not where they said 不对.
    {
        let shown = shown.clone();
        let material = kind.get_untracked();
        let (draft_id, kept) = session.draft.with_untracked(|d| (d.id.clone(), d.reading(&material).cloned()));
        let outline = kept.as_ref().map(|k| {
            let dim = |key: &str| k[key].as_u64().unwrap_or(0) as u32;
            let out = ReadOut::from_value(k, dim("width"), dim("height"));
            date_ok.set(k["date_ok"].as_bool());
            seal_ok.set(k["seal_ok"].as_bool());
            date_before.set(k["date_before"].as_str().map(String::from));
            if let (Some(d), false, true) = (&out.date, date_ok.get_untracked() == Some(false), issued.get_untracked().trim().is_empty()) {
                issued.set(d.clone());
            }
            if sealed.get_untracked().is_none() && seal_ok.get_untracked() != Some(false) {
                match out.seal.as_str() {
                    "found" => sealed.set(Some("yes".into())),
                    "absent" => sealed.set(Some("no".into())),
                    _ => {}
                }
            }
            let outline = out.outline();
            read_state.set(ReadState::Done(out));
            outline
        });
        let is_photo = file.get_untracked().is_some_and(|f| f["type"].as_str().is_some_and(|t| t != "application/pdf"));
        if is_photo {
            spawn_local(async move {
                let Ok(Some(blob)) = files::get(&files::key(&draft_id, &material)).await else { return };
                // The canvas is in the page once the view is mounted.
                for _ in 0..50 {
                    if canvas.try_get_untracked().flatten().is_some() {
                        break;
                    }
                    gloo_timers::future::TimeoutFuture::new(20).await;
                }
                let Some(c) = canvas.try_get_untracked().flatten() else { return };
                // A photo chosen meanwhile wins.
                if shown.borrow().is_some() {
                    return;
                }
                *shown.borrow_mut() = Some(blob.clone());
                draw(c, blob, outline.flatten()).await;
                photo_shown.set(true);
            });
        }
    }

    let on_file = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let Some(f) = input.files().and_then(|l| l.get(0)) else { return };
        // The same photo chosen again is a new choice.
        input.set_value("");
        let draft_id = session.draft.with_untracked(|d| d.id.clone());
        let material = kind.get_untracked();
        working.set(true);
        file_error.set(None);
        large.set(None);
        let id = next_id.get() + 1;
        next_id.set(id);
        current.set(id);
        let pending = pending.clone();
        let store = store.clone();
        spawn_local(async move {
            let prepared = match files::prepare(f.clone()).await {
                Ok(p) => p,
                Err(e) => {
                    working.set(false);
                    file_error.set(Some(e));
                    return;
                }
            };
            let Some((w, h)) = prepared.pixels else {
                // A PDF: kept, and its questions asked; not read.
                read_state.set(ReadState::Pdf);
                store(Pending { prepared, draft_id, material });
                return;
            };
            let pixels = w as u64 * h as u64;
            // The photo as chosen, so the reading is `mantetong read`'s on
            // the same bytes; a very large one from the phone's copy.
            let source: web_sys::Blob = if pixels > READ_ORIGINAL_MAX_PIXELS {
                large.set(Some((pixels / 1_000_000).to_string()));
                prepared.blob.clone()
            } else {
                f.clone().into()
            };
            let mut bytes = match files::all_bytes(&source).await {
                Ok(b) => b,
                Err(e) => {
                    working.set(false);
                    file_error.set(Some(e));
                    return;
                }
            };
            if files::is_heic(&bytes) {
                // A HEIC photo this browser could open: read its JPEG copy.
                bytes = files::all_bytes(&prepared.blob).await.unwrap_or_default();
            }
            *pending.borrow_mut() = Some(Pending { prepared, draft_id, material });
            read_state.set(if reader::ready() { ReadState::Reading } else { ReadState::Preparing(0) });
            let t = today();
            reader::read(id, &bytes, (t.year(), t.month(), t.day()));
        });
    };
    let open_picker = move |_| {
        // Warm the reader while the person picks or takes the photo.
        reader::warm();
        if let Some(i) = picker.get_untracked() {
            i.click();
        }
    };

    // The paper as the page's answers say now (dates as typed: checked on save).
    let build = move || {
        let date = issued.get_untracked();
        let date = date.trim();
        let end = period_end.get_untracked();
        let end = end.trim().to_string();
        let mut doc = Map::new();
        doc.insert("kind".into(), Value::String(kind.get_untracked()));
        if !date.is_empty() {
            doc.insert("issued".into(), Value::String(date.to_string()));
        }
        let d = untrack(def);
        if let Some(seal) = d.as_ref().and_then(|d| d.seal.as_ref()) {
            if let Some(v) = to_bool(sealed.get_untracked()) {
                let yes = v == Value::Bool(true);
                doc.insert("sealed".into(), v);
                // The question named one seal: a yes is that seal. Where any
                // seal of the hospital will do, a yes says only "sealed".
                if let ([kind], true) = (seal.accepted().as_slice(), yes) {
                    doc.insert("seal".into(), Value::String(kind.as_str().into()));
                }
            }
        }
        if !end.is_empty() {
            doc.insert("period_end".into(), Value::String(end));
        }
        for (sig, key) in [(stage, "states_stage"), (signed, "signed"), (public_, "hospital_public"), (designated, "hospital_designated")] {
            if let Some(v) = to_bool(sig.get_untracked()) {
                doc.insert(key.into(), v);
            }
        }
        if let Some(n) = level.get_untracked().and_then(|l| l.parse::<u8>().ok()) {
            doc.insert("hospital_level".into(), Value::from(n));
        }
        if let Some(f) = file.get_untracked() {
            doc.insert("file".into(), f);
        }
        doc
    };
    let dates_ok = move || {
        let ok = |s: String| s.trim().is_empty() || mantetong_core::Date::parse(s.trim()).is_some();
        ok(issued.get_untracked()) && ok(period_end.get_untracked())
    };
    // A confirmed answer is kept at once (nothing the person said is lost).
    let keep = move || {
        if dates_ok() {
            let doc = build();
            session.update(|dr| dr.upsert_document(Value::Object(doc)));
        }
    };

    // The core's pre-review of this paper with the answers on the page,
    // shown beside the reading: (problem code, message).
    let problems = move || {
        if !matches!(read_state.get(), ReadState::Done(_)) {
            return None;
        }
        (issued.track(), sealed.track(), period_end.track(), level.track(), stage.track(), signed.track(), public_.track(), designated.track());
        if !dates_ok() {
            return None;
        }
        let lang = if ui.prefs.get().lang == Lang::En { mantetong_core::Lang::En } else { mantetong_core::Lang::Zh };
        let pack = session.loaded_pack()?;
        let cal = session.calendar.get()?.ok()?;
        let mut draft = session.draft.get_untracked();
        draft.upsert_document(Value::Object(build()));
        let facts = mantetong_core::Facts::from_value(&draft.facts).ok()?;
        let outcome = mantetong_core::evaluate_with(&pack, &cal, &facts, today(), mantetong_core::Options { lang });
        let m = outcome.materials.into_iter().find(|m| m.id == kind.get_untracked())?;
        Some(m.problems.into_iter().filter(|p| p.code != ProblemCode::Missing).map(|p| (p.code.as_str().to_string(), p.message)).collect::<Vec<_>>())
    };

    let focus = |selector: &str| {
        if let Some(el) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.query_selector(selector).ok().flatten()) {
            if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
                let _ = el.focus();
            }
        }
    };
    let date_right = move |_| {
        if let ReadState::Done(r) = read_state.get_untracked() {
            if let Some(d) = r.date {
                issued.set(d);
            }
        }
        date_ok.set(Some(true));
        keep();
        keep_reading();
    };
    let date_wrong = move |_| {
        if let ReadState::Done(r) = read_state.get_untracked() {
            // Back to what the person had, or empty for them to fill in.
            if r.date.is_some() && Some(issued.get_untracked()) == r.date {
                issued.set(date_before.get_untracked().unwrap_or_default());
            }
        }
        date_ok.set(Some(false));
        keep_reading();
        focus("#issued");
    };
    let seal_right = move |_| {
        if let ReadState::Done(r) = read_state.get_untracked() {
            sealed.set(Some(if r.seal == "found" { "yes" } else { "no" }.into()));
        }
        seal_ok.set(Some(true));
        keep();
        keep_reading();
    };
    let seal_wrong = move |_| {
        sealed.set(None);
        seal_ok.set(Some(false));
        keep_reading();
        focus("input[name=sealed]");
    };

    let navigate = use_nav();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if !dates_ok() {
            error.set(Some(ui.t().error_enter_date.into()));
            return;
        }
        error.set(None);
        let doc = build();
        session.update(|dr| dr.upsert_document(Value::Object(doc)));
        navigate.go("/apply/materials");
    };
    let shown_r = shown.clone();
    let remove = move |_| {
        let material = kind.get_untracked();
        let key = files::key(&session.draft.with_untracked(|d| d.id.clone()), &material);
        spawn_local(async move {
            let _ = files::remove(&key).await;
        });
        session.update(|d| {
            d.remove_document(&material);
            d.set_reading(&material, None);
        });
        file.set(None);
        photo_shown.set(false);
        *shown_r.borrow_mut() = None;
        issued.set(String::new());
        period_end.set(String::new());
        for s in [sealed, signed, stage, level, public_, designated] {
            s.set(None);
        }
        read_state.set(ReadState::Idle);
        file_error.set(None);
        large.set(None);
        if let Some(c) = canvas.get_untracked() {
            c.set_width(0);
            c.set_height(0);
        }
    };

    // The handlers that hold the page's own state (not `Send`), kept by the
    // page's owner for the region below.
    let on_file = StoredValue::new_local(on_file);
    let remove = StoredValue::new_local(remove);
    // Built once: the texts, states and values follow their signals, and
    // the parts that change shape are regions of their own.
    dom(move |b| {
        let form = b.root("form", "mtt-form");
        attr(&form, "novalidate", "");
        b.on(&form, "submit", Box::new(move |ev| submit(ev.unchecked_into())));
        let h1 = b.add(&form, "h1", "mtt-h1");
        b.bind_text(&h1, Box::new(move || name.get()));
        b.region(&form, error_summary(error.into(), "issued"));
        let photo = b.add(&form, "div", "mtt-field mtt-photo");
        let label = b.add(&photo, "p", "mtt-label");
        attr(&label, "id", "file-label");
        b.tr(&label, |t| t.doc_file);
        let hint = b.add(&photo, "p", "mtt-hint");
        attr(&hint, "id", "file-hint");
        b.bind_text(&hint, Box::new(move || {
            let t = ui.t();
            session.draft.with(|d| match d.who {
                Some(Who::Family(r)) => t.doc_photo_hint_proxy.replace("{rel}", &t.possessive.replace("{rel}", relationship_short(t, r))),
                _ => t.doc_photo_hint.to_string(),
            })
        }));
        // The browser's own file input is hidden; the large button
        // opens it (phones offer the camera for image/*).
        let input = b.add(&photo, "input", "");
        B::attrs(&input, &[("id", "file"), ("name", "file"), ("type", "file"), ("accept", "image/*,application/pdf"), ("hidden", "")]);
        picker.load(&input);
        b.on(&input, "change", Box::new(move |ev| {
            on_file.try_with_value(|f| f(ev));
        }));
        let button = b.add(&photo, "button", "mtt-button mtt-photo-button");
        B::attrs(&button, &[("type", "button"), ("aria-controls", "file"), ("aria-describedby", "file-hint")]);
        b.click(&button, open_picker);
        b.bind_text(&button, Box::new(move || if file.get().is_some() { ui.t().doc_photo_again } else { ui.t().doc_photo_button }.to_string()));
        let status = b.add(&photo, "p", "mtt-file-status");
        attr(&status, "aria-live", "polite");
        b.bind_text(&status, Box::new(move || {
            let t = ui.t();
            if let Some(e) = file_error.get() {
                match e {
                    FileError::Refused => t.doc_file_refused,
                    FileError::Failed => t.doc_file_failed,
                    FileError::Heic => t.read_heic,
                    FileError::Damaged => t.read_damaged,
                }.to_string()
            } else if working.get() && !matches!(read_state.get(), ReadState::Preparing(_) | ReadState::Reading) {
                t.doc_file_working.to_string()
            } else if let Some(f) = file.get() {
                format!("{}{} ({} KB)", t.doc_file_saved, f["name"].as_str().unwrap_or(""), f["size"].as_u64().unwrap_or(0) / 1024)
            } else {
                String::new()
            }
        }));
        let c = b.add(&photo, "canvas", "mtt-photo-canvas");
        B::attrs(&c, &[("width", "0"), ("height", "0"), ("role", "img")]);
        canvas.load(&c);
        b.bind_attr(&c, "hidden", Box::new(move || {
            (!photo_shown.get() && !matches!(read_state.get(), ReadState::Reading | ReadState::Done(_) | ReadState::Unavailable | ReadState::Failed)).then(String::new)
        }));
        b.bind_attr(&c, "aria-label", Box::new(move || {
            let t = ui.t();
            Some(match read_state.get() {
                ReadState::Done(r) if r.seal_box.is_some() && r.seal != "absent" => t.read_photo_alt_seal,
                _ => t.read_photo_alt,
            }.to_string())
        }));
        let read_status = b.add(&photo, "div", "mtt-read-status");
        attr(&read_status, "role", "status");
        b.region(&read_status, dom(move |b| {
                        let t = ui.t();
                        let state = read_state.get();
                        let line = match state {
                            ReadState::Preparing(p) => Some(t.read_preparing.replace("{p}", &p.to_string())),
                            ReadState::Reading => Some(t.read_reading.to_string()),
                            ReadState::Pdf => Some(t.read_pdf.to_string()),
                            ReadState::Unavailable => Some(t.read_unavailable.to_string()),
                            ReadState::Failed => Some(t.read_failed.to_string()),
                            _ => None,
                        };
                        let big = large.get().map(|mp| t.read_large.replace("{mp}", &mp));
                        for l in [line, big].into_iter().flatten() {
                            b.root_leaf("p", "", &l);
                        }
                        if let ReadState::Preparing(p) = state {
                            let bar = b.root("progress", "mtt-progress");
                            B::attrs(&bar, &[("max", "100"), ("value", &p.to_string()), ("aria-hidden", "true")]);
                        }
                    }));
        b.region(&photo, dom(move |b| {
                    let ReadState::Done(r) = read_state.get() else { return };
                    let t = ui.t();
                    let en = ui.prefs.get().lang == Lang::En;
                    let quality = match r.quality.as_str() {
                        "blurry" => Some(t.read_quality_blurry),
                        "dark" => Some(t.read_quality_dark),
                        "small" => Some(t.read_quality_small),
                        "not_a_document" => Some(t.read_quality_not_doc),
                        _ => None,
                    };
                    let date_item = match &r.date {
                        Some(d) => t.read_date_is.replace("{date}", &show_date(d, en)),
                        None => t.read_no_date.to_string(),
                    };
                    let seal_item = match r.seal.as_str() {
                        "found" => t.read_seal_found,
                        "absent" => t.read_seal_absent,
                        _ => t.read_seal_unsure,
                    };
                    let summary = t.read_summary.replace("{items}", &format!("{date_item}{}{seal_item}", t.read_sep));
                    let seal_q = has_seal_q();
                    let seal_sure = r.seal != "unsure";
                    let why_no_date = if r.quality != "ok" { t.read_why_no_date_quality } else { t.read_why_no_date };
                    let kept_date = date_before.get().filter(|b| r.date.as_ref().is_some_and(|d| d != b));
                    let section = b.root("section", "mtt-reading");
                    B::attrs(&section, &[
                        ("aria-labelledby", "read-title"),
                        ("data-read-seal", &r.seal),
                        ("data-read-date", r.date.as_deref().unwrap_or_default()),
                        ("data-read-quality", &r.quality),
                    ]);
                    attr(&b.leaf(&section, "h2", "mtt-h2", t.read_title), "id", "read-title");
                    if let Some(q) = quality {
                        attr(&b.leaf(&section, "p", "mtt-read-quality", q), "role", "alert");
                    }
                    b.leaf(&section, "p", "mtt-read-summary", &summary);
                    if r.date.is_some() || seal_q && seal_sure {
                        b.leaf(&section, "p", "mtt-hint", t.read_prefilled);
                    }
                    let ul = b.add(&section, "ul", "mtt-read-items");
                    // Right / wrong for one part of the reading.
                    let buttons = |b: &mut B, li: &Element, about: &str, right: Box<dyn FnMut(web_sys::Event)>, wrong: Box<dyn FnMut(web_sys::Event)>| {
                        let span = b.add(li, "span", "mtt-read-buttons");
                        for (class, label, f) in [("mtt-button mtt-button-secondary mtt-read-right", t.read_right, right), ("mtt-button mtt-button-secondary mtt-read-wrong", t.read_wrong, wrong)] {
                            let button = b.leaf(&span, "button", class, label);
                            attr(&button, "type", "button");
                            b.hidden(&button, about);
                            b.on(&button, "click", f);
                        }
                    };
                    let li = b.add(&ul, "li", "");
                    attr(&li, "data-read-item", "date");
                    b.leaf(&li, "span", "mtt-read-text", &date_item);
                    match (&r.date, date_ok.get()) {
                        (Some(_), None) => {
                            buttons(b, &li, t.read_about_date, Box::new(date_right), Box::new(date_wrong));
                            if let Some(k) = kept_date {
                                b.leaf(&li, "p", "mtt-hint", &t.read_your_date.replace("{date}", &k));
                            }
                        }
                        (Some(_), Some(true)) => {
                            b.leaf(&li, "p", "mtt-read-done", t.read_confirmed);
                        }
                        (Some(_), Some(false)) => {
                            b.leaf(&li, "p", "mtt-read-fix", t.read_fix_date);
                        }
                        (None, _) => {
                            b.leaf(&li, "p", "mtt-read-fix", why_no_date);
                        }
                    }
                    let li = b.add(&ul, "li", "");
                    attr(&li, "data-read-item", "seal");
                    b.leaf(&li, "span", "mtt-read-text", seal_item);
                    match (seal_q, seal_sure, seal_ok.get()) {
                        (true, true, None) => buttons(b, &li, t.read_about_seal, Box::new(seal_right), Box::new(seal_wrong)),
                        (true, true, Some(true)) => {
                            b.leaf(&li, "p", "mtt-read-done", t.read_confirmed);
                        }
                        (true, true, Some(false)) => {
                            b.leaf(&li, "p", "mtt-read-fix", t.read_fix_seal);
                        }
                        (true, false, _) => {
                            b.leaf(&li, "p", "mtt-read-fix", t.read_why_seal_unsure);
                        }
                        (false, _, _) => {}
                    }
                    b.region(&section, dom(move |b| {
                        let Some(list) = problems() else { return };
                        let t = ui.t();
                        if list.is_empty() {
                            b.root_leaf("p", "mtt-read-clear", t.read_no_problem);
                            return;
                        }
                        b.root_leaf("p", "mtt-read-problems-title", t.read_problems);
                        let ul = b.root("ul", "mtt-problems");
                        for (code, message) in list {
                            let li = b.add(&ul, "li", "mtt-problem");
                            attr(&li, "data-problem", &code);
                            b.leaf(&li, "strong", "", &message);
                            b.text(&li, t.read_sep);
                            b.leaf(&li, "span", "", fix_for(t, &code));
                        }
                    }));
                }));
        let field = b.add(&form, "div", "mtt-field");
        b.bind_attr(&field, "class", Box::new(move || Some(if error.get().is_some() { "mtt-field mtt-field-error" } else { "mtt-field" }.to_string())));
        let label = b.add(&field, "label", "mtt-label");
        attr(&label, "for", "issued");
        b.tr(&label, |t| t.doc_issued);
        let hint = b.add(&field, "p", "mtt-hint");
        attr(&hint, "id", "issued-hint");
        b.tr(&hint, |t| t.doc_issued_hint);
        let input = b.add(&field, "input", "mtt-input");
        B::attrs(&input, &[("id", "issued"), ("name", "issued"), ("type", "date"), ("aria-describedby", "issued-hint")]);
        b.bind_value(&input, Box::new(move || issued.get()));
        b.on(&input, "input", Box::new(move |ev| issued.set(event_target_value(&ev))));
        b.region(&form, dom(move |b| {
                let Some(d) = def() else { return };
                let t = ui.t();
                if d.window.as_ref().is_some_and(|w| w.counts_from == WindowFrom::PeriodEnd) {
                    let field = b.root("div", "mtt-field");
                    attr(&b.leaf(&field, "label", "mtt-label", t.doc_period_end), "for", "period_end");
                    attr(&b.leaf(&field, "p", "mtt-hint", t.doc_period_end_hint), "id", "period_end-hint");
                    let input = b.add(&field, "input", "mtt-input");
                    B::attrs(&input, &[("id", "period_end"), ("name", "period_end"), ("type", "date"), ("aria-describedby", "period_end-hint")]);
                    b.bind_value(&input, Box::new(move || period_end.get()));
                    b.on(&input, "input", Box::new(move |ev| period_end.set(event_target_value(&ev))));
                }
                let yes_no = |b: &mut B, name: &'static str, legend: Signal<String>, selected: RwSignal<Option<String>>| {
                    b.root_region(radios(name, legend, MaybeProp::default(), yes_no_options, selected, no_error(), false));
                };
                if let Some(s) = &d.seal {
                    let q = if s.accepted().len() > 1 { t.doc_sealed_any } else if s.kind == SealKind::MedicalRecordsRoom { t.doc_sealed_records } else { t.doc_sealed_hospital };
                    yes_no(b, "sealed", Signal::stored(q.to_string()), sealed);
                }
                if d.signed.is_some() {
                    yes_no(b, "signed", tr_signal(|t| t.doc_signed), signed);
                }
                if d.states_stage.is_some() {
                    yes_no(b, "states_stage", tr_signal(|t| t.doc_states_stage), stage);
                }
                if let Some(h) = &d.hospital {
                    // What the interview already knows of the diagnosing
                    // hospital is said, not asked again; a paper's own
                    // answer (from before) still shows its question.
                    let yes_no_text = |v: &Value| if v.as_bool() == Some(true) { t.yes } else { t.no };
                    let carried_line = |b: &mut B, key: &str, before: &str, value: &str| {
                        let p = b.root_leaf("p", "mtt-carried", before);
                        attr(&p, "data-carried", key);
                        b.text(&p, value);
                        b.text(&p, t.read_carried);
                    };
                    match carried("diagnosis.hospital_level").filter(|_| level.get_untracked().is_none()) {
                        Some(l) => carried_line(b, "hospital_level", t.read_carried_level, match l.as_u64() { Some(3) => t.level_3, Some(2) => t.level_2, _ => t.level_1 }),
                        None => b.root_region(radios("hospital_level", tr_signal(|t| t.doc_hospital_level), MaybeProp::default(), level_options, level, no_error(), false)),
                    }
                    if h.public {
                        match carried("diagnosis.hospital_public").filter(|_| public_.get_untracked().is_none()) {
                            Some(v) => carried_line(b, "hospital_public", t.read_carried_public, yes_no_text(&v)),
                            None => yes_no(b, "hospital_public", tr_signal(|t| t.doc_hospital_public), public_),
                        }
                    }
                    if h.designated {
                        match carried("diagnosis.hospital_designated").filter(|_| designated.get_untracked().is_none()) {
                            Some(v) => carried_line(b, "hospital_designated", t.read_carried_designated, yes_no_text(&v)),
                            None => yes_no(b, "hospital_designated", tr_signal(|t| t.doc_hospital_designated), designated),
                        }
                    }
                }
            }));
        let save = b.add(&form, "button", "mtt-button");
        attr(&save, "type", "submit");
        b.tr(&save, |t| t.save);
        let remove_button = b.add(&form, "button", "mtt-button mtt-button-secondary");
        attr(&remove_button, "type", "button");
        b.click(&remove_button, move |ev| {
            remove.try_with_value(|f| f(ev));
        });
        b.tr(&remove_button, |t| t.remove_paper);
    })
}
