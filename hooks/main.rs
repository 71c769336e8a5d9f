//! `treatywatch-hook`: the `treatywatch` command in its light build (everything but the PDF),
//! for the pre-commit hooks in `.pre-commit-hooks.yaml`. pre-commit builds it with
//! `cargo install --path .` at the repository's root, without feature flags: this package is
//! that root, and it asks for the CLI without its default `pdf` feature, so the hooks build in
//! about two minutes instead of compiling Typst.

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    treatywatch::run()
}
