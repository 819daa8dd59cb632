//! A generated, always well-formed envelope around body HTML assembled from a fixed
//! vocabulary (see `feedmirror_fuzz::generate`), checked against what was generated.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|spec: feedmirror_fuzz::generate::BlobSpec| {
    feedmirror_fuzz::check_structured(&spec);
});
