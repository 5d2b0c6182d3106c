//! The casebook binary: everything lives in the library.

/// mimalloc instead of glibc's malloc: a rebuild's indexing threads make
/// millions of short-lived allocations, and glibc spent ~9% of `reindex`
/// in malloc, free and consolidation. Measured at 100,000 entries: 8–12%
/// less CPU for `reindex`, with search's time and memory unchanged.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    casebook::cli::main()
}
