//! The canonical blob round trip: every article `parse` returns is written with
//! `Article::to_blob` and parsed again; the result must be the same article (warnings of the
//! kinds that survive the round trip included). Raw bytes or a generated blob (see
//! `feedmirror_fuzz::round_trip_input`).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some(input) = feedmirror_fuzz::round_trip_input(data) else {
        return;
    };
    if let Ok(article) = feedmirror::parse(&input) {
        feedmirror_fuzz::check_round_trip(&article);
    }
});
