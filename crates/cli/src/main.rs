//! The `treatywatch` command (see the library for everything it does).

/// Loading allocates many small strings and trees, from two threads; mimalloc is several times
/// faster at that than the system allocator here (see BENCHMARKS.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    treatywatch::run()
}
