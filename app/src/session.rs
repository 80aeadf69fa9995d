//! The application in progress: the current draft, the region's rule pack
//! and the calendar (fetched from `public/`), and the core's answer derived
//! from them. Components read from here; none of them holds a rule.

use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;

use leptos::prelude::*;
use mantetong_core::{evaluate_with, next_question, Calendar, Date, Facts, Lang, Options, Outcome, Pack, Question};
use serde_json::Value;

use crate::draft::{new_id, Draft, Store};

/// One region in `regions/index.json` (written by the build from the packs).
#[derive(Clone, Debug, PartialEq)]
pub struct RegionEntry {
    pub id: String,
    pub name_zh: String,
    pub name_en: String,
    pub coverage: String,
}

/// Why loading failed, for the person: which file, and what happened.
#[derive(Clone, Debug, PartialEq)]
pub struct LoadError(pub String);

async fn fetch_text(url: &str) -> Result<String, LoadError> {
    let fail = |what: &str| LoadError(format!("{url}: {what}"));
    let resp = gloo_net::http::Request::get(url).send().await.map_err(|_| fail("network error"))?;
    if !resp.ok() {
        return Err(fail(&format!("HTTP {}", resp.status())));
    }
    resp.text().await.map_err(|_| fail("unreadable"))
}

/// Tells an embedding host what failed (no-op standalone): the person
/// sees the error on the page, the portal gets `mtt:error`.
fn told(code: &'static str) -> impl Fn(LoadError) -> LoadError {
    move |e| {
        crate::embed::load_failed(code, &e.0);
        e
    }
}

pub async fn load_regions() -> Result<Vec<RegionEntry>, LoadError> {
    let text = fetch_text(&crate::embed::pack_url("regions/index.json")).await.map_err(told("pack"))?;
    let v: Value = serde_json::from_str(&text).map_err(|e| LoadError(format!("regions/index.json: {e}")))?;
    let list = v.as_array().ok_or_else(|| LoadError("regions/index.json: not a list".into()))?;
    // A host's region lock: the other regions are not offered.
    let locked = crate::embed::locked_region();
    Ok(list
        .iter()
        .filter(|r| locked.as_deref().is_none_or(|l| r.get("id").and_then(Value::as_str) == Some(l)))
        .filter_map(|r| {
            Some(RegionEntry {
                id: r.get("id")?.as_str()?.into(),
                name_zh: r.pointer("/name/zh")?.as_str()?.into(),
                name_en: r.pointer("/name/en")?.as_str()?.into(),
                coverage: r.get("coverage").and_then(Value::as_str).unwrap_or("partial").into(),
            })
        })
        .collect())
}

/// The file of region `id`'s version in force on `on`, from the index's
/// `versions` (`{file, from, to}`); `<id>.json` when the index does not say;
/// `None` when `id` is not in the index.
fn version_file(index: &Value, id: &str, on: Date) -> Option<String> {
    let versions = index.as_array()?.iter().find(|r| r.get("id").and_then(Value::as_str) == Some(id))?.get("versions").and_then(Value::as_array);
    let day = |v: &Value, k: &str| v.get(k).and_then(Value::as_str).and_then(Date::parse);
    let pick = versions.and_then(|vs| {
        let started: Vec<&Value> = vs.iter().filter(|v| day(v, "from").is_none_or(|f| f <= on)).collect();
        started
            .iter()
            .rev()
            .find(|v| day(v, "to").is_none_or(|t| on <= t))
            .or(started.last())
            .copied()
            .or_else(|| vs.first())
            .and_then(|v| v.get("file").and_then(Value::as_str))
            .map(String::from)
    });
    Some(pick.unwrap_or_else(|| format!("{id}.json")))
}

/// The pack of a region in force today: a new policy year is a new file
/// beside the old one, listed in the index (see scripts/region-index.mjs).
pub async fn load_pack(id: String) -> Result<Pack, LoadError> {
    // Read before any await: the flow clears an unknown lock meanwhile.
    let locked = crate::embed::locked_region().as_deref() == Some(id.as_str());
    let file = match fetch_text(&crate::embed::pack_url("regions/index.json")).await.ok().and_then(|t| serde_json::from_str::<Value>(&t).ok()) {
        Some(index) => match version_file(&index, &id, today()) {
            Some(f) => f,
            // Not in the list: its pack is not fetched (no 404 told as
            // `pack`). A host's unknown lock is told as `region` by the
            // flow (pages/flow.rs), which then lets the person choose.
            None => {
                let e = LoadError(format!("regions/index.json: no region \"{id}\""));
                return Err(if locked { e } else { told("pack")(e) });
            }
        },
        None => format!("{id}.json"),
    };
    // Packs are validated before they ship (wasm-core/tests/shipped.rs);
    // the browser reads their shape only, without serde's derived code and
    // the validator (docs/size.md, 2026-12-01 late morning).
    let read = match bundled(&file).await {
        Some(v) => Pack::read_shipped_value(&v),
        None => {
            let text = fetch_text(&crate::embed::pack_url(&format!("regions/{file}"))).await.map_err(told("pack"))?;
            Pack::read_shipped(&text)
        }
    };
    read.map_err(|p| LoadError(format!("regions/{file}: {p}"))).map_err(told("pack"))
}

/// Pack `file` from `regions/all.json`, every shipped pack in one file
/// (`{"<file>": <pack>, …}`, written by scripts/region-index.mjs), when the
/// packs are the app's own (no host `packBase`, whose folder has the
/// single files only). The service worker precaches this one file for the
/// offline promise (every region after one visit) instead of each pack:
/// one response instead of five, and one brotli stream over all of them
/// (docs/size.md, 2026-12-01 afternoon). `None` (a host's packs, no
/// bundle, or no such file in it) means: fetch the single file, as before.
async fn bundled(file: &str) -> Option<Value> {
    let url = crate::embed::pack_url("regions/all.json");
    if url != crate::embed::app_url("regions/all.json") {
        return None;
    }
    let mut all: Value = serde_json::from_str(&fetch_text(&url).await.ok()?).ok()?;
    all.get_mut(file).map(Value::take)
}

pub async fn load_calendar() -> Result<Calendar, LoadError> {
    let text = fetch_text(&crate::embed::pack_url("calendar/cn-workdays.json")).await.map_err(told("calendar"))?;
    // Checked before it ships (wasm-core/tests/shipped.rs); the browser
    // reads its shape only, as it does a pack's (docs/size.md, 2026-12-01
    // evening).
    serde_json::from_str::<Value>(&text)
        .ok()
        .and_then(|v| Calendar::read_shipped_value(&v))
        .ok_or_else(|| LoadError("calendar: not a working-day calendar in the expected form".into()))
        .map_err(told("calendar"))
}

/// Today in China Standard Time from the device's clock (the core has no
/// clock; [`Date::today_cst`] is the one definition every door shares, so a
/// phone set to another time zone gets the day the bureau counts from).
pub fn today() -> Date {
    Date::today_cst((js_sys::Date::now() / 1000.0).floor() as i64)
}

/// What the app fetches from `public/`, as one type. The pack, the
/// calendar and the region list each used to be a `LocalResource<T>`,
/// whose async machinery (the derived value, its future, `get`) is
/// compiled once per value type and per fetcher; then one resource type
/// for the three (docs/size.md, 2026-12-01 afternoon). Now not a resource
/// at all: one signal type for the three, set by a task (the ready page's
/// receiver does the same), so reactive_graph's async-derived code for
/// them is not in the wasm (docs/size.md, 2026-12-01 evening). Shared, not
/// copied: every read of the pack (each evaluation, each page) was a deep
/// clone, and the clone code of every pack type was in the wasm.
#[derive(Clone)]
pub enum Fetched {
    /// Nothing to fetch (no region chosen yet).
    Nothing,
    Pack(Arc<Pack>),
    Calendar(Arc<Calendar>),
    Regions(Arc<Vec<RegionEntry>>),
}

type Slot = RwSignal<Option<Result<Fetched, LoadError>>>;
type Load = Pin<Box<dyn Future<Output = Result<Fetched, LoadError>>>>;

/// Starts `load` at once (as a `LocalResource` starts its fetcher, also
/// under an owner whose effects are paused: the shell's rehearsal) and puts
/// its answer in `slot` if `current` still says this load is the latest
/// one; a load superseded meanwhile (the region changed) is dropped, and
/// the value before it stands until the new one is here, as a resource's
/// does.
#[inline(never)]
fn start_load(slot: Slot, load: Load, current: Option<(std::rc::Rc<std::cell::Cell<u32>>, u32)>) {
    leptos::task::spawn_local(async move {
        let v = load.await;
        if current.is_none_or(|(c, n)| c.get() == n) {
            slot.try_set(Some(v));
        }
    });
}

/// A typed view of one [`Fetched`] slot: `get()` as a `LocalResource`'s
/// (`None` while loading, then the value or the error).
pub struct Loaded<T: 'static> {
    res: Slot,
    pick: fn(Fetched) -> Option<T>,
}

impl<T: 'static> Clone for Loaded<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T: 'static> Copy for Loaded<T> {}

impl<T: 'static> Loaded<T> {
    /// Loads once, at once.
    fn once(load: Load, pick: fn(Fetched) -> Option<T>) -> Loaded<T> {
        let res = RwSignal::new(None);
        start_load(res, load, None);
        Loaded { res, pick }
    }

    /// The value (reactive): `None` while loading or when there is nothing to load.
    pub fn get(&self) -> Option<Result<T, LoadError>> {
        match self.res.get()? {
            Ok(f) => (self.pick)(f).map(Ok),
            Err(e) => Some(Err(e)),
        }
    }
}

thread_local! {
    /// The region list as last loaded (it is one file per build): the region
    /// step shows it at once when it comes back, or when the shell's
    /// rehearsal (shell.rs `warm_flow`) loaded it before the tap, instead of
    /// a loading line while regions/index.json is read again. Set by the
    /// load itself, so a build whose effects are paused fills it too.
    static REGIONS: std::cell::RefCell<Option<Vec<RegionEntry>>> = const { std::cell::RefCell::new(None) };
}

/// The region list loaded earlier on this page, if any.
pub fn regions_earlier() -> Option<Vec<RegionEntry>> {
    REGIONS.with_borrow(Clone::clone)
}

/// The region list (`regions/index.json`), for the region page.
pub fn regions() -> Loaded<Vec<RegionEntry>> {
    Loaded::once(
        Box::pin(async {
            let list = load_regions().await?;
            REGIONS.set(Some(list.clone()));
            Ok(Fetched::Regions(Arc::new(list)))
        }),
        |f| match f {
            Fetched::Regions(l) => Some(l.to_vec()),
            _ => None,
        },
    )
}

/// The application in progress, provided as context under the flow.
#[derive(Clone, Copy)]
pub struct Session {
    pub draft: RwSignal<Draft>,
    /// The region's pack: `None` until a region is chosen and its pack is here.
    pub pack: Loaded<Arc<Pack>>,
    pub calendar: Loaded<Arc<Calendar>>,
    /// The core's answer for the draft today in the person's language,
    /// computed once per change of draft, pack, calendar or language and
    /// shared by every page (see [`Session::outcome`]).
    answer: Memo<Option<Arc<Outcome>>>,
}

/// The core's language for the app's.
pub fn core_lang(lang: crate::prefs::Lang) -> Lang {
    match lang {
        crate::prefs::Lang::En => Lang::En,
        crate::prefs::Lang::Zh => Lang::Zh,
    }
}

impl Session {
    /// Resumes the current draft, or starts one.
    pub fn start() -> Session {
        let locked = crate::embed::locked_region();
        let mut draft = Store::current_id()
            .and_then(|id| Store::load(&id))
            // Under a host's region lock, a draft for another region is
            // left as it is (in "my applications") and a new one started.
            .filter(|d| match (&locked, d.get("region").and_then(Value::as_str)) {
                (Some(l), Some(r)) => l == r,
                _ => true,
            })
            .unwrap_or_else(|| Draft::new(new_id(), js_sys::Date::now()));
        // The region the host fixed is where the application goes; where the
        // person is insured is still asked (the pack's question): the app
        // sets no eligibility fact itself.
        if let Some(l) = &locked {
            if draft.get("region").is_none() {
                draft.set("region", Value::String(l.clone()));
            }
        }
        let draft = RwSignal::new(draft);
        let region = Memo::new(move |_| draft.with(|d| d.get("region").and_then(Value::as_str).map(String::from)));
        // The pack of the region chosen, loaded again when it changes.
        let pack_of = |region: Option<String>| -> Load {
            Box::pin(async move {
                match region {
                    Some(id) => load_pack(id).await.map(|p| Fetched::Pack(Arc::new(p))),
                    None => Ok(Fetched::Nothing),
                }
            })
        };
        let mut last = region.get_untracked();
        let latest = std::rc::Rc::new(std::cell::Cell::new(0u32));
        let pack = Loaded { res: RwSignal::new(None), pick: |f| match f {
            Fetched::Pack(p) => Some(p),
            _ => None,
        } };
        start_load(pack.res, pack_of(last.clone()), Some((latest.clone(), 0)));
        crate::widgets::effect(move || {
            let r = region.get();
            if r != last {
                last = r.clone();
                let n = latest.get().wrapping_add(1);
                latest.set(n);
                start_load(pack.res, pack_of(r), Some((latest.clone(), n)));
            }
        });
        let calendar = Loaded::once(Box::pin(async { load_calendar().await.map(|c| Fetched::Calendar(Arc::new(c))) }), |f| match f {
            Fetched::Calendar(c) => Some(c),
            _ => None,
        });
        let ui = crate::use_ui();
        let answer = Memo::new_with_compare(
            move |_| {
                let lang = core_lang(ui.prefs.with(|p| p.lang));
                evaluate_in(draft, pack, calendar, lang).map(Arc::new)
            },
            // A new evaluation is a new answer (Outcome has no PartialEq).
            |a: Option<&Option<Arc<Outcome>>>, b: Option<&Option<Arc<Outcome>>>| match (a, b) {
                (Some(Some(x)), Some(Some(y))) => !Arc::ptr_eq(x, y),
                (Some(None), Some(None)) => false,
                _ => true,
            },
        );
        Session { draft, pack, calendar, answer }
    }

    /// Changes the draft and saves it at once: nothing typed is lost.
    pub fn update(&self, change: impl FnOnce(&mut Draft)) {
        self.draft.update(|d| {
            change(d);
            d.updated_ms = js_sys::Date::now();
        });
        self.draft.with_untracked(Store::save);
    }

    /// Remembers the page to resume at.
    pub fn at_step(&self, path: &str) {
        if self.draft.with_untracked(|d| d.step != path) {
            self.update(|d| d.step = path.to_string());
        }
    }

    /// The facts as the core reads them, or the problems with them.
    pub fn facts(&self) -> Result<Facts, Vec<mantetong_core::Problem>> {
        self.draft.with(|d| Facts::from_value(&d.facts))
    }

    /// The loaded pack, if any (reactive).
    pub fn loaded_pack(&self) -> Option<Arc<Pack>> {
        self.pack.get()?.ok()
    }

    /// The next question the core wants answered, or `None` when settled.
    pub fn next_question(&self) -> Option<Question> {
        let pack = self.loaded_pack()?;
        let facts = self.facts().ok()?;
        next_question(&pack, &facts)
    }

    /// The core's full answer for the draft today, in the person's
    /// language (reactive, memoised: every page reads this one answer).
    pub fn outcome(&self) -> Option<Arc<Outcome>> {
        self.answer.get()
    }

    /// The core's answer in a given language, evaluated afresh: for the
    /// application package, whose messages are zh-CN whatever the screen.
    pub fn outcome_in(&self, lang: Lang) -> Option<Outcome> {
        evaluate_in(self.draft, self.pack, self.calendar, lang)
    }
}

fn evaluate_in(draft: RwSignal<Draft>, pack: Loaded<Arc<Pack>>, calendar: Loaded<Arc<Calendar>>, lang: Lang) -> Option<Outcome> {
    let pack = pack.get()?.ok()?;
    let cal = calendar.get()?.ok()?;
    let facts = draft.with(|d| Facts::from_value(&d.facts)).ok()?;
    Some(evaluate_with(&pack, &cal, &facts, today(), Options { lang }))
}

pub fn use_session() -> Session {
    expect_context::<Session>()
}
