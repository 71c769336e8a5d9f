//! `treatywatch-paused`: the `treatywatch` command with every write stopped half-way through
//! its file for `TREATYWATCH_TEST_PAUSE_MID_WRITE_MS` milliseconds, so that the kill tests
//! (`tests/nothing_lost.rs`) can kill it in the middle of a write. The pause is set through
//! the loader's fault-injection seam; the command itself never pauses.

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    let pause = std::env::var("TREATYWATCH_TEST_PAUSE_MID_WRITE_MS")
        .ok()
        .and_then(|ms| ms.parse().ok())
        .map(std::time::Duration::from_millis);
    if let Some(pause) = pause {
        treatywatch_loader::temporary::pause_mid_write_for_tests(pause);
    }
    treatywatch::run()
}
