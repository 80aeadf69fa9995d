//! Packs and calendar embedded at build time (feature `bundled`).

use crate::calendar::Calendar;
use crate::pack::Pack;
use crate::problem::Problem;

/// `(id, pack JSON)` for every bundled region, in display order.
pub const PACKS: [(&str, &str); 5] = [
    ("shanxi-linfen", include_str!("../../public/regions/shanxi-linfen.json")),
    ("shandong-rizhao", include_str!("../../public/regions/shandong-rizhao.json")),
    ("jilin-liaoyuan", include_str!("../../public/regions/jilin-liaoyuan.json")),
    ("fujian-fuzhou", include_str!("../../public/regions/fujian-fuzhou.json")),
    ("yunnan", include_str!("../../public/regions/yunnan.json")),
];

/// The bundled working-day calendar's JSON.
pub const CALENDAR: &str = include_str!("../../public/calendar/cn-workdays.json");

/// Ids of the bundled regions.
pub fn region_ids() -> Vec<&'static str> {
    PACKS.iter().map(|(id, _)| *id).collect()
}

/// The bundled pack for a region id.
pub fn pack(id: &str) -> Option<Result<Pack, Vec<Problem>>> {
    PACKS.iter().find(|(i, _)| *i == id).map(|(_, s)| Pack::from_json(s))
}

/// The bundled calendar.
pub fn calendar() -> Result<Calendar, Vec<Problem>> {
    Calendar::from_json(CALENDAR)
}

/// An unknown region problem, listing the known ones.
pub fn unknown_region(id: &str) -> Problem {
    Problem::new("region", format!("unknown region \"{id}\"; known: {}", region_ids().join(", ")))
}
