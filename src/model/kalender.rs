//! Swedish calendar rules for protokoll and anslag.
//!
//! - Public holidays (allmänna helgdagar) per lagen (1989:253) om allmänna helgdagar, in its
//!   current wording (since 2005: nationaldagen is a holiday, annandag pingst is not). Earlier
//!   versions of the law are not modelled.
//! - Non-working days for statutory deadlines per lagen (1930:173) om beräkning av lagstadgad
//!   tid: a deadline that ends on a Saturday, Sunday or other public holiday, midsommarafton,
//!   julafton or nyårsafton moves to the next day that is none of these.
//! - The appeal period of kommunallagen (2017:725) 13 kap. 5 § and the posting deadline of
//!   8 kap. 12 §.
//! - Swedish date formatting ("5 december 2025", "fredag").
//!
//! Self-contained apart from `chrono`; no `crate::` references (unit-tested here; a
//! cross-check of 2000–2100 against a separate implementation found no difference).

use chrono::{Datelike, Days, NaiveDate, Weekday};

/// Easter Sunday (påskdagen) of `year` in the Gregorian calendar.
///
/// Anonymous Gregorian algorithm (Meeus/Jones/Butcher). Euclidean division keeps it total for
/// every year `NaiveDate` can represent, though it is only meaningful after 1582.
pub fn paskdagen(year: i32) -> NaiveDate {
    let y = i64::from(year);
    let a = y.rem_euclid(19);
    let (b, c) = (y.div_euclid(100), y.rem_euclid(100));
    let (d, e) = (b.div_euclid(4), b.rem_euclid(4));
    let f = (b + 8).div_euclid(25);
    let g = (b - f + 1).div_euclid(3);
    let h = (19 * a + b - d - g + 15).rem_euclid(30);
    let (i, k) = (c / 4, c % 4);
    let l = (32 + 2 * e + 2 * i - h - k).rem_euclid(7);
    let m = (a + 11 * h + 22 * l) / 451;
    let n = h + l - 7 * m + 114;
    // n / 31 is 3 or 4 and n % 31 + 1 is a valid day of March (22–31) or April (1–25).
    NaiveDate::from_ymd_opt(year, (n / 31) as u32, (n % 31 + 1) as u32)
        .expect("Easter is always 22 March – 25 April")
}

/// The name of the named public holiday (allmän helgdag) falling on `d`, if any, in Swedish
/// ("annandag jul"). Ordinary Sundays are holidays too but have no name here: see
/// [`is_public_holiday`].
pub fn helgdag(d: NaiveDate) -> Option<&'static str> {
    let (month, day) = (d.month(), d.day());
    let fixed = match (month, day) {
        (1, 1) => Some("nyårsdagen"),
        (1, 6) => Some("trettondedag jul"),
        (5, 1) => Some("första maj"),
        (6, 6) => Some("Sveriges nationaldag"),
        (12, 25) => Some("juldagen"),
        (12, 26) => Some("annandag jul"),
        _ => None,
    };
    if fixed.is_some() {
        return fixed;
    }
    if d.weekday() == Weekday::Sat {
        // Midsommardagen: the Saturday 20–26 June. Alla helgons dag: the Saturday 31 Oct – 6 Nov.
        if month == 6 && (20..=26).contains(&day) {
            return Some("midsommardagen");
        }
        if (month == 10 && day == 31) || (month == 11 && day <= 6) {
            return Some("alla helgons dag");
        }
    }
    if (3..=6).contains(&month) {
        let easter = paskdagen(d.year());
        let offset = d.signed_duration_since(easter).num_days();
        return match offset {
            -2 => Some("långfredagen"),
            0 => Some("påskdagen"),
            1 => Some("annandag påsk"),
            39 => Some("Kristi himmelsfärdsdag"),
            49 => Some("pingstdagen"),
            _ => None,
        };
    }
    None
}

/// True when `d` is an allmän helgdag under lagen (1989:253): every Sunday and the named
/// holidays (see [`helgdag`]). Saturdays and the aftnar are not holidays.
pub fn is_public_holiday(d: NaiveDate) -> bool {
    d.weekday() == Weekday::Sun || helgdag(d).is_some()
}

/// The "aftnar" that lagen (1930:173) treats like holidays: midsommarafton (the Friday
/// 19–25 June), julafton and nyårsafton.
fn helgafton(d: NaiveDate) -> Option<&'static str> {
    match (d.month(), d.day()) {
        (12, 24) => Some("julafton"),
        (12, 31) => Some("nyårsafton"),
        (6, 19..=25) if d.weekday() == Weekday::Fri => Some("midsommarafton"),
        _ => None,
    }
}

/// True when a statutory deadline may not end on `d` (lagen (1930:173) om beräkning av
/// lagstadgad tid): Saturday, Sunday, public holiday, midsommarafton, julafton, nyårsafton.
pub fn is_non_working_day(d: NaiveDate) -> bool {
    d.weekday() == Weekday::Sat || is_public_holiday(d) || helgafton(d).is_some()
}

/// Why `d` is a non-working day, in Swedish ("lördag", "söndag", "annandag jul",
/// "julafton"), or `None` on a working day. Meant for messages that explain a moved date.
pub fn ledig_dag(d: NaiveDate) -> Option<&'static str> {
    helgdag(d).or_else(|| helgafton(d)).or(match d.weekday() {
        Weekday::Sat => Some("lördag"),
        Weekday::Sun => Some("söndag"),
        _ => None,
    })
}

/// `d` itself if it is a working day, else the first working day after it.
pub fn next_working_day_on_or_after(d: NaiveDate) -> NaiveDate {
    let mut day = d;
    // At most a handful of iterations (the longest run is julafton – a Sunday, 5 days).
    while is_non_working_day(day) {
        day = day.succ_opt().expect("date within chrono's range");
    }
    day
}

fn plus_days(d: NaiveDate, n: u64) -> NaiveDate {
    d.checked_add_days(Days::new(n))
        .expect("date within chrono's range")
}

/// Last day for an appeal (laglighetsprövning) against decisions in a protokoll whose
/// justering was announced on the anslagstavla on `anslag_uppsatt`.
///
/// Kommunallagen 13 kap. 5 §: the appeal must have come in within three weeks from the day the
/// tillkännagivande was posted, i.e. `anslag_uppsatt` + 21 days; a last day that is a
/// non-working day moves to the next working day (lagen (1930:173)).
pub fn sista_dag_for_overklagande(anslag_uppsatt: NaiveDate) -> NaiveDate {
    next_working_day_on_or_after(plus_days(anslag_uppsatt, 21))
}

/// The first day the anslag may be taken down: the day after the last day for an appeal.
pub fn tidigast_nedtagning(anslag_uppsatt: NaiveDate) -> NaiveDate {
    plus_days(sista_dag_for_overklagande(anslag_uppsatt), 1)
}

/// The last day the justering may be announced on the anslagstavla.
///
/// Kommunallagen 8 kap. 12 §: no later than two days after the justering. A second day that
/// falls on a non-working day moves to the next working day by the same rule as the appeal
/// day (lagen (1930:173): Saturday, Sunday, public holiday, midsommarafton, julafton,
/// nyårsafton).
pub fn senaste_anslagsdag(justering: NaiveDate) -> NaiveDate {
    next_working_day_on_or_after(plus_days(justering, 2))
}

/// The Swedish month names (shared with [`super::common::Datum`]).
pub(crate) use super::common::MONTHS as MANADER;

/// Swedish long date without leading zero: "5 december 2025".
pub fn svenskt_datum(d: NaiveDate) -> String {
    format!("{} {} {}", d.day(), MANADER[d.month0() as usize], d.year())
}

/// Swedish weekday name in lower case: "fredag".
pub fn veckodag(d: NaiveDate) -> &'static str {
    match d.weekday() {
        Weekday::Mon => "måndag",
        Weekday::Tue => "tisdag",
        Weekday::Wed => "onsdag",
        Weekday::Thu => "torsdag",
        Weekday::Fri => "fredag",
        Weekday::Sat => "lördag",
        Weekday::Sun => "söndag",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    /// Asserts the appeal day for a posting date, and that the anslag may come down the next day.
    fn appeal(posted: NaiveDate, last: NaiveDate) {
        assert_eq!(sista_dag_for_overklagande(posted), last, "posted {posted}");
        assert_eq!(
            tidigast_nedtagning(posted),
            last.succ_opt().unwrap(),
            "posted {posted}"
        );
        assert!(!is_non_working_day(last), "{last} must be a working day");
    }

    // ---- Easter and the named holidays -------------------------------------------------

    #[test]
    fn easter_sundays() {
        // Published Easter dates (Gregorian), including the extremes 22 March and 25 April.
        for (y, m, day) in [
            (1818, 3, 22),
            (1943, 4, 25),
            (2000, 4, 23),
            (2008, 3, 23),
            (2011, 4, 24),
            (2016, 3, 27),
            (2019, 4, 21),
            (2023, 4, 9),
            (2024, 3, 31),
            (2025, 4, 20),
            (2026, 4, 5),
            (2027, 3, 28),
            (2028, 4, 16),
            (2029, 4, 1),
            (2030, 4, 21),
            (2038, 4, 25),
            (2285, 3, 22),
        ] {
            assert_eq!(paskdagen(y), d(y, m, day), "Easter {y}");
            assert_eq!(paskdagen(y).weekday(), Weekday::Sun);
        }
    }

    #[test]
    fn easter_never_panics_across_chrono_range() {
        for y in [-262_000, -1, 0, 1, 1582, 1583, 9999, 262_000] {
            let e = paskdagen(y);
            assert!((e.month() == 3 && e.day() >= 22) || (e.month() == 4 && e.day() <= 25));
        }
    }

    #[test]
    fn movable_holidays_2024_to_2027() {
        // (year, långfredagen, påskdagen, annandag påsk, Kristi himmelsfärd, pingstdagen)
        // Himmelsfärd = påskdagen + 39 days (a Thursday), pingstdagen = + 49 days.
        //   2024: påsk 31 Mar  → 29 Mar, 1 Apr, 9 May, 19 May
        //   2025: påsk 20 Apr  → 18 Apr, 21 Apr, 29 May, 8 Jun
        //   2026: påsk 5 Apr   → 3 Apr, 6 Apr, 14 May, 24 May
        //   2027: påsk 28 Mar  → 26 Mar, 29 Mar, 6 May, 16 May
        let table = [
            (2024, (3, 29), (3, 31), (4, 1), (5, 9), (5, 19)),
            (2025, (4, 18), (4, 20), (4, 21), (5, 29), (6, 8)),
            (2026, (4, 3), (4, 5), (4, 6), (5, 14), (5, 24)),
            (2027, (3, 26), (3, 28), (3, 29), (5, 6), (5, 16)),
        ];
        for (y, fre, pask, annan, himmel, pingst) in table {
            for ((m, day), name) in [
                (fre, "långfredagen"),
                (pask, "påskdagen"),
                (annan, "annandag påsk"),
                (himmel, "Kristi himmelsfärdsdag"),
                (pingst, "pingstdagen"),
            ] {
                assert_eq!(helgdag(d(y, m, day)), Some(name), "{y}-{m}-{day}");
                assert!(is_public_holiday(d(y, m, day)));
            }
            assert_eq!(d(y, himmel.0, himmel.1).weekday(), Weekday::Thu);
        }
        // Not holidays: skärtorsdagen, påskafton (a Saturday, non-working but no helgdag),
        // annandag pingst (abolished 2005).
        assert!(!is_public_holiday(d(2025, 4, 17)));
        assert!(!is_public_holiday(d(2025, 4, 19)));
        assert!(is_non_working_day(d(2025, 4, 19)));
        assert!(!is_public_holiday(d(2025, 6, 9)));
        assert!(!is_non_working_day(d(2025, 6, 9)));
    }

    #[test]
    fn fixed_holidays_and_sundays() {
        for (y, m, day, name) in [
            (2025, 1, 1, "nyårsdagen"),
            (2025, 1, 6, "trettondedag jul"),
            (2025, 5, 1, "första maj"),
            (2025, 6, 6, "Sveriges nationaldag"),
            (2025, 12, 25, "juldagen"),
            (2025, 12, 26, "annandag jul"),
        ] {
            assert_eq!(helgdag(d(y, m, day)), Some(name));
            assert!(is_public_holiday(d(y, m, day)) && is_non_working_day(d(y, m, day)));
        }
        // An ordinary Sunday is an allmän helgdag; an ordinary Saturday is not.
        assert!(is_public_holiday(d(2025, 9, 14)));
        assert_eq!(helgdag(d(2025, 9, 14)), None);
        assert!(!is_public_holiday(d(2025, 9, 13)));
        assert!(is_non_working_day(d(2025, 9, 13)));
        // An ordinary weekday.
        assert!(!is_non_working_day(d(2025, 9, 15)));
    }

    #[test]
    fn midsommar_2024_2025_2026_2027() {
        // Midsommardagen = Saturday 20–26 June; midsommarafton = the Friday before.
        for (y, afton, dagen) in [
            (2024, 21, 22),
            (2025, 20, 21),
            (2026, 19, 20),
            (2027, 25, 26),
        ] {
            assert_eq!(helgdag(d(y, 6, dagen)), Some("midsommardagen"));
            assert!(is_public_holiday(d(y, 6, dagen)));
            // The afton is no public holiday but is a non-working day for deadlines.
            assert!(!is_public_holiday(d(y, 6, afton)));
            assert!(is_non_working_day(d(y, 6, afton)));
            assert_eq!(ledig_dag(d(y, 6, afton)), Some("midsommarafton"));
        }
        // 2026: Friday 26 June is not midsommarafton (the afton was 19 June).
        assert!(!is_non_working_day(d(2026, 6, 26)));
        // 2027: Saturday 19 June is an ordinary Saturday, not midsommardagen.
        assert_eq!(helgdag(d(2027, 6, 19)), None);
    }

    #[test]
    fn alla_helgons_dag() {
        // Saturday 31 October – 6 November: 2024-11-02, 2025-11-01, 2026-10-31, 2027-11-06.
        for (y, m, day) in [(2024, 11, 2), (2025, 11, 1), (2026, 10, 31), (2027, 11, 6)] {
            assert_eq!(
                helgdag(d(y, m, day)),
                Some("alla helgons dag"),
                "{y}-{m}-{day}"
            );
        }
        // Allhelgonaafton (Friday 31 Oct 2025) is a working day; Saturday 7 Nov 2026 is not a
        // holiday (alla helgons dag 2026 was 31 Oct).
        assert!(!is_non_working_day(d(2025, 10, 31)));
        assert_eq!(helgdag(d(2026, 11, 7)), None);
    }

    #[test]
    fn julafton_nyarsafton_on_weekdays() {
        // 2024: julafton Tuesday, nyårsafton Tuesday; 2025: both Wednesday.
        for day in [
            d(2024, 12, 24),
            d(2024, 12, 31),
            d(2025, 12, 24),
            d(2025, 12, 31),
        ] {
            assert!(!is_public_holiday(day));
            assert!(is_non_working_day(day));
        }
        assert_eq!(ledig_dag(d(2025, 12, 24)), Some("julafton"));
        assert_eq!(ledig_dag(d(2025, 12, 31)), Some("nyårsafton"));
        // The days between jul and nyår are working days (2024-12-27 Fri, 2025-12-30 Tue).
        assert!(!is_non_working_day(d(2024, 12, 27)));
        assert!(!is_non_working_day(d(2025, 12, 30)));
    }

    #[test]
    fn next_working_day() {
        assert_eq!(next_working_day_on_or_after(d(2025, 9, 15)), d(2025, 9, 15)); // Monday
        assert_eq!(next_working_day_on_or_after(d(2025, 9, 13)), d(2025, 9, 15)); // Sat → Mon
        // Julafton 2025 (Wed) → 25, 26 holidays, 27–28 weekend → Monday 29.
        assert_eq!(
            next_working_day_on_or_after(d(2025, 12, 24)),
            d(2025, 12, 29)
        );
    }

    // ---- Appeal day: posted + 21 days, moved past non-working days --------------------
    // Posted + 21 days is the same weekday three weeks later.

    #[test]
    fn appeal_known_case_annandag_jul_friday_2025() {
        // Posted Fri 5 Dec 2025 → Fri 26 Dec (annandag jul), 27–28 weekend → Mon 29 Dec.
        appeal(d(2025, 12, 5), d(2025, 12, 29));
    }

    #[test]
    fn appeal_plain_weekday() {
        // Posted Mon 15 Sep 2025 → Mon 6 Oct 2025, an ordinary working day.
        appeal(d(2025, 9, 15), d(2025, 10, 6));
    }

    #[test]
    fn appeal_ends_on_saturday() {
        // Posted Sat 13 Sep 2025 (digital anslagstavla) → Sat 4 Oct → Mon 6 Oct.
        appeal(d(2025, 9, 13), d(2025, 10, 6));
    }

    #[test]
    fn appeal_easter_2024_annandag_pask() {
        // Posted Mon 11 Mar 2024 → Mon 1 Apr 2024 (annandag påsk) → Tue 2 Apr.
        appeal(d(2024, 3, 11), d(2024, 4, 2));
    }

    #[test]
    fn appeal_easter_2024_skartorsdag_stays() {
        // Posted Thu 7 Mar 2024 → Thu 28 Mar 2024 (skärtorsdagen, a working day) stays.
        appeal(d(2024, 3, 7), d(2024, 3, 28));
    }

    #[test]
    fn appeal_easter_2025_langfredag() {
        // Posted Fri 28 Mar 2025 → Fri 18 Apr (långfredagen), 19 Sat, 20 påskdagen,
        // 21 annandag påsk → Tue 22 Apr.
        appeal(d(2025, 3, 28), d(2025, 4, 22));
    }

    #[test]
    fn appeal_easter_2026_langfredag() {
        // Posted Fri 13 Mar 2026 → Fri 3 Apr (långfredagen), 4 Sat, 5 påskdagen,
        // 6 annandag påsk → Tue 7 Apr.
        appeal(d(2026, 3, 13), d(2026, 4, 7));
    }

    #[test]
    fn appeal_easter_2027_langfredag_and_annandag() {
        // Posted Fri 5 Mar 2027 → Fri 26 Mar (långfredagen) … Mon 29 Mar (annandag påsk)
        // → Tue 30 Mar.
        appeal(d(2027, 3, 5), d(2027, 3, 30));
        // Posted Mon 8 Mar 2027 → Mon 29 Mar (annandag påsk) → Tue 30 Mar.
        appeal(d(2027, 3, 8), d(2027, 3, 30));
    }

    #[test]
    fn appeal_ascension_2025() {
        // Posted Thu 8 May 2025 → Thu 29 May (Kristi himmelsfärdsdag) → Fri 30 May
        // (the klämdag is a working day in law).
        appeal(d(2025, 5, 8), d(2025, 5, 30));
    }

    #[test]
    fn appeal_ascension_2026() {
        // Posted Thu 23 Apr 2026 → Thu 14 May (Kristi himmelsfärdsdag) → Fri 15 May.
        appeal(d(2026, 4, 23), d(2026, 5, 15));
    }

    #[test]
    fn appeal_nationaldag_and_pingst_2025() {
        // Posted Fri 16 May 2025 → Fri 6 Jun (nationaldagen), 7 Sat, 8 pingstdagen → Mon 9 Jun
        // (annandag pingst is no holiday since 2005).
        appeal(d(2025, 5, 16), d(2025, 6, 9));
    }

    #[test]
    fn appeal_annandag_pingst_2026_is_working_day() {
        // Pingstdagen 2026 is Sun 24 May. Posted Mon 4 May → Mon 25 May stays.
        appeal(d(2026, 5, 4), d(2026, 5, 25));
    }

    #[test]
    fn appeal_nationaldag_thursday_2024() {
        // Posted Thu 16 May 2024 → Thu 6 Jun (nationaldagen) → Fri 7 Jun.
        appeal(d(2024, 5, 16), d(2024, 6, 7));
    }

    #[test]
    fn appeal_midsommar_2024() {
        // Posted Fri 31 May 2024 → Fri 21 Jun (midsommarafton), 22 midsommardagen, 23 Sun
        // → Mon 24 Jun.
        appeal(d(2024, 5, 31), d(2024, 6, 24));
    }

    #[test]
    fn appeal_midsommar_2025() {
        // Posted Fri 30 May 2025 → Fri 20 Jun (midsommarafton), 21 midsommardagen, 22 Sun
        // → Mon 23 Jun.
        appeal(d(2025, 5, 30), d(2025, 6, 23));
    }

    #[test]
    fn appeal_midsommar_2026() {
        // Posted Fri 29 May 2026 → Fri 19 Jun (midsommarafton), 20 midsommardagen, 21 Sun
        // → Mon 22 Jun.
        appeal(d(2026, 5, 29), d(2026, 6, 22));
    }

    #[test]
    fn appeal_forsta_maj_2025() {
        // Posted Thu 10 Apr 2025 → Thu 1 May (första maj) → Fri 2 May.
        appeal(d(2025, 4, 10), d(2025, 5, 2));
    }

    #[test]
    fn appeal_alla_helgons_2027_and_afton_2025() {
        // Posted Sat 16 Oct 2027 → Sat 6 Nov (alla helgons dag), 7 Sun → Mon 8 Nov.
        appeal(d(2027, 10, 16), d(2027, 11, 8));
        // Posted Fri 10 Oct 2025 → Fri 31 Oct 2025 (allhelgonaafton, a working day) stays.
        appeal(d(2025, 10, 10), d(2025, 10, 31));
    }

    #[test]
    fn appeal_julafton_tuesday_2024() {
        // Posted Tue 3 Dec 2024 → Tue 24 Dec (julafton), 25 juldagen, 26 annandag jul
        // → Fri 27 Dec 2024.
        appeal(d(2024, 12, 3), d(2024, 12, 27));
    }

    #[test]
    fn appeal_julafton_thursday_2026() {
        // Posted Thu 3 Dec 2026 → Thu 24 Dec (julafton), 25 juldagen, 26 Sat (annandag jul),
        // 27 Sun → Mon 28 Dec.
        appeal(d(2026, 12, 3), d(2026, 12, 28));
        // Posted Fri 4 Dec 2026 → Fri 25 Dec (juldagen) → same Monday.
        appeal(d(2026, 12, 4), d(2026, 12, 28));
    }

    #[test]
    fn appeal_nyarsafton_across_year_2025_2026() {
        // Posted Wed 10 Dec 2025 → Wed 31 Dec (nyårsafton), Thu 1 Jan 2026 (nyårsdagen)
        // → Fri 2 Jan 2026.
        appeal(d(2025, 12, 10), d(2026, 1, 2));
    }

    #[test]
    fn appeal_nyarsafton_across_year_2024_2025() {
        // Posted Tue 10 Dec 2024 → Tue 31 Dec (nyårsafton), Wed 1 Jan 2025 → Thu 2 Jan 2025.
        appeal(d(2024, 12, 10), d(2025, 1, 2));
    }

    #[test]
    fn appeal_nyarsafton_thursday_2026_2027() {
        // Posted Thu 10 Dec 2026 → Thu 31 Dec, Fri 1 Jan 2027 (nyårsdagen), 2–3 weekend
        // → Mon 4 Jan 2027.
        appeal(d(2026, 12, 10), d(2027, 1, 4));
    }

    #[test]
    fn appeal_trettondedag_across_year() {
        // Posted Tue 16 Dec 2025 → Tue 6 Jan 2026 (trettondedag jul) → Wed 7 Jan.
        appeal(d(2025, 12, 16), d(2026, 1, 7));
        // Posted Mon 16 Dec 2024 → Mon 6 Jan 2025 (trettondedag jul) → Tue 7 Jan.
        appeal(d(2024, 12, 16), d(2025, 1, 7));
    }

    #[test]
    fn appeal_spec_example_hsn_2024() {
        // The spec's meeting: anslag posted Fri 20 Dec 2024 → Fri 10 Jan 2025, a working day;
        // down from Sat 11 Jan.
        appeal(d(2024, 12, 20), d(2025, 1, 10));
    }

    #[test]
    fn appeal_leap_day_2024() {
        // February 2024 has 29 days: Thu 8 Feb + 21 = Thu 29 Feb 2024, a working day.
        appeal(d(2024, 2, 8), d(2024, 2, 29));
        // Fri 9 Feb 2024 + 21 = Fri 1 Mar 2024 (not 2 Mar as in a common year).
        appeal(d(2024, 2, 9), d(2024, 3, 1));
    }

    #[test]
    fn appeal_leap_day_2028_and_common_year_2025() {
        // Tue 8 Feb 2028 + 21 = Tue 29 Feb 2028.
        appeal(d(2028, 2, 8), d(2028, 2, 29));
        // Common year: Mon 10 Feb 2025 + 21 = Mon 3 Mar 2025 (February has 28 days).
        appeal(d(2025, 2, 10), d(2025, 3, 3));
    }

    #[test]
    fn posted_on_leap_day() {
        // Posted Thu 29 Feb 2024 → Thu 21 Mar 2024; down Fri 22 Mar.
        appeal(d(2024, 2, 29), d(2024, 3, 21));
    }

    // ---- Posting deadline: justering + 2 days, moved past non-working days ------------

    #[test]
    fn senaste_anslagsdag_weekdays_and_weekends() {
        // Justering Wed 3 Dec 2025 → Fri 5 Dec.
        assert_eq!(senaste_anslagsdag(d(2025, 12, 3)), d(2025, 12, 5));
        // Justering Thu 4 Dec 2025 → Sat 6 Dec → Mon 8 Dec.
        assert_eq!(senaste_anslagsdag(d(2025, 12, 4)), d(2025, 12, 8));
        // Justering Fri 20 Dec 2024 (spec example) → Sun 22 Dec → Mon 23 Dec.
        assert_eq!(senaste_anslagsdag(d(2024, 12, 20)), d(2024, 12, 23));
    }

    #[test]
    fn senaste_anslagsdag_holidays() {
        // Justering Tue 15 Apr 2025 → Thu 17 Apr (skärtorsdagen, a working day).
        assert_eq!(senaste_anslagsdag(d(2025, 4, 15)), d(2025, 4, 17));
        // Justering Wed 16 Apr 2025 → Fri 18 Apr (långfredagen) … annandag påsk → Tue 22 Apr.
        assert_eq!(senaste_anslagsdag(d(2025, 4, 16)), d(2025, 4, 22));
        // Justering Thu 4 Jun 2026 → Sat 6 Jun (nationaldagen on a Saturday) → Mon 8 Jun.
        assert_eq!(senaste_anslagsdag(d(2026, 6, 4)), d(2026, 6, 8));
        // Justering Mon 22 Dec 2025 → Wed 24 Dec (julafton; lagen 1930:173 counts it),
        // 25–26 holidays, 27–28 weekend → Mon 29 Dec.
        assert_eq!(senaste_anslagsdag(d(2025, 12, 22)), d(2025, 12, 29));
    }

    // ---- Swedish formatting ------------------------------------------------------------

    #[test]
    fn swedish_dates_and_weekdays() {
        assert_eq!(svenskt_datum(d(2025, 12, 5)), "5 december 2025");
        assert_eq!(svenskt_datum(d(2024, 1, 1)), "1 januari 2024");
        assert_eq!(svenskt_datum(d(2024, 2, 29)), "29 februari 2024");
        assert_eq!(svenskt_datum(d(2026, 3, 10)), "10 mars 2026");
        assert_eq!(veckodag(d(2025, 12, 5)), "fredag");
        let week: Vec<&str> = (1..=7).map(|n| veckodag(d(2025, 12, n))).collect();
        assert_eq!(
            week,
            [
                "måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag"
            ]
        );
        for (m, name) in (1..=12).zip(MANADER) {
            assert_eq!(svenskt_datum(d(2025, m, 1)), format!("1 {name} 2025"));
        }
    }
}
