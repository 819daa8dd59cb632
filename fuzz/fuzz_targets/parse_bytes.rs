//! Raw bytes in: both entry points, every guaranteed property (see `feedmirror_fuzz`).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    match std::str::from_utf8(data) {
        Ok(input) => {
            let _ = feedmirror_fuzz::check_input(input);
        }
        // Not UTF-8: what a caller reading files lossily would pass.
        Err(_) => {
            let lossy = String::from_utf8_lossy(data);
            let _ = feedmirror_fuzz::check_input(&lossy);
        }
    }
});
