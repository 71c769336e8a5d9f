//! The EDTF date, period and duration parsers on any text: they never panic, what they accept
//! prints back to the same value, and date comparison is consistent. The properties are in
//! `treatywatch_model::fuzzing`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| treatywatch_model::fuzzing::check_dates(text));
