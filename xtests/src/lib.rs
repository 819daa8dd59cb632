//! Nothing here: this crate holds feedmirror's benchmarks (`../benches/`) and the tests in
//! `tests/` that need heavy dev-dependencies (criterion, jsonschema, proptest, insta, a counting
//! allocator), so that building the library's examples does not build them. `cargo test` and
//! `cargo bench` in the repository root run them with the library's own.
