//! The loader's YAML reader on any bytes: it never panics, every problem has a place inside
//! the file, budgets hold, and formatting a file (`treatywatch fmt`) never changes what it
//! means. The properties are in `treatywatch_loader::fuzzing`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| treatywatch_loader::fuzzing::check_yaml(bytes));
