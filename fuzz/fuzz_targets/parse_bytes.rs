//! Raw bytes in: both entry points, every guaranteed property (see `feedmirror_fuzz`).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    match std::str::from_utf8(data) {
        Ok(input) => {
            let _ = feedmirror_fuzz::check_input(input);
        }
        // Not UTF-8: `parse_bytes` names the first invalid sequence; a caller reading files
        // lossily would pass the rest.
        Err(e) => {
            match feedmirror::parse_bytes(data) {
                Err(err @ feedmirror::Error::NotUtf8 { .. }) => {
                    assert_eq!(err.offset(), e.valid_up_to(), "{err}");
                }
                Err(feedmirror::Error::TooLarge { .. }) => {}
                other => panic!("parse_bytes on invalid UTF-8 gave {other:?}"),
            }
            let lossy = String::from_utf8_lossy(data);
            let _ = feedmirror_fuzz::check_input(&lossy);
        }
    }
});
