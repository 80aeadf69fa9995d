//! Display preferences (language, elder mode), remembered on the device.
//!
//! Stored in `localStorage` as a short `key=value;...` string: it is read
//! synchronously at start-up, before the first render, so there is no flash
//! of the wrong language or text size.

/// The interface language. zh-CN is the default.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Lang {
    #[default]
    Zh,
    En,
}

impl Lang {
    /// The BCP 47 tag, for `lang` attributes.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }

    /// Parses a tag such as `zh-CN`, `zh`, `en`, `en-GB`; `None` otherwise.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag.split(['-', '_']).next().unwrap_or("").to_ascii_lowercase();
        match primary.as_str() {
            "zh" => Some(Lang::Zh),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    pub fn other(self) -> Lang {
        match self {
            Lang::Zh => Lang::En,
            Lang::En => Lang::Zh,
        }
    }
}

/// What the person chose for how the app looks.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Prefs {
    pub lang: Lang,
    /// 适老化 mode: larger text, larger targets.
    pub elder: bool,
}

/// The `localStorage` key; prefixed so an embedding portal's keys cannot collide.
pub const STORAGE_KEY: &str = "mtt:prefs";

impl Prefs {
    /// Reads the stored form. Unknown or damaged parts fall back to defaults:
    /// a preference is never worth an error page.
    pub fn parse(stored: &str) -> Prefs {
        let mut prefs = Prefs::default();
        for part in stored.split(';') {
            match part.split_once('=') {
                Some(("lang", v)) => prefs.lang = Lang::from_tag(v).unwrap_or_default(),
                Some(("elder", v)) => prefs.elder = v == "1",
                _ => {}
            }
        }
        prefs
    }

    /// The stored form, read back by [`Prefs::parse`].
    pub fn to_stored(self) -> String {
        format!("lang={};elder={}", self.lang.tag(), u8::from(self.elder))
    }

    /// The saved preferences, or the defaults when nothing is saved or
    /// storage is unavailable (private mode, a sandboxed iframe).
    pub fn load() -> Prefs {
        Prefs::saved().unwrap_or_default()
    }

    /// The saved preferences, `None` when the person never chose any.
    pub fn saved() -> Option<Prefs> {
        storage().and_then(|s| s.get_item(STORAGE_KEY).ok().flatten()).map(|s| Prefs::parse(&s))
    }

    /// At start-up: what the person saved, else the host's elder-mode
    /// default; the host's language (a portal page in English) wins over a
    /// saved one until the person switches inside the app.
    pub fn initial(host_lang: Option<Lang>, host_elder: Option<bool>) -> Prefs {
        Prefs::resolve(Prefs::saved(), host_lang, host_elder)
    }

    /// [`Prefs::initial`] without storage.
    pub fn resolve(saved: Option<Prefs>, host_lang: Option<Lang>, host_elder: Option<bool>) -> Prefs {
        let mut p = saved.unwrap_or_default();
        if saved.is_none() {
            p.elder = host_elder.unwrap_or(false);
        }
        if let Some(l) = host_lang {
            p.lang = l;
        }
        p
    }

    /// Saves, silently doing nothing where storage is unavailable.
    pub fn save(self) {
        if let Some(s) = storage() {
            let _ = s.set_item(STORAGE_KEY, &self.to_stored());
        }
    }
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_table() {
        let cases = [
            ("", Prefs::default()),
            ("lang=en;elder=1", Prefs { lang: Lang::En, elder: true }),
            ("lang=zh-CN;elder=0", Prefs { lang: Lang::Zh, elder: false }),
            ("elder=1", Prefs { lang: Lang::Zh, elder: true }),
            ("lang=fr;elder=yes", Prefs::default()),
            ("garbage;;==", Prefs::default()),
        ];
        for (stored, want) in cases {
            assert_eq!(Prefs::parse(stored), want, "parsing {stored:?}");
        }
    }

    #[test]
    fn host_defaults_apply_when_nothing_is_saved() {
        let saved = Some(Prefs { lang: Lang::Zh, elder: false });
        let cases = [
            (None, None, None, Prefs::default()),
            (None, Some(Lang::En), Some(true), Prefs { lang: Lang::En, elder: true }),
            // The person's saved "no" beats the host's elder default…
            (saved, None, Some(true), Prefs { lang: Lang::Zh, elder: false }),
            // …but the host's page language is used.
            (saved, Some(Lang::En), Some(true), Prefs { lang: Lang::En, elder: false }),
        ];
        for (saved, lang, elder, want) in cases {
            assert_eq!(Prefs::resolve(saved, lang, elder), want, "{saved:?} {lang:?} {elder:?}");
        }
    }

    #[test]
    fn round_trip() {
        for lang in [Lang::Zh, Lang::En] {
            for elder in [false, true] {
                let p = Prefs { lang, elder };
                assert_eq!(Prefs::parse(&p.to_stored()), p);
            }
        }
    }
}
