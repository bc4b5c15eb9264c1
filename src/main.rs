#![forbid(unsafe_code)]

/// mimalloc (v2, without transparent huge pages) instead of the system allocator: on the
/// corpus it takes about a quarter off a scan's CPU time, where glibc's malloc/free were
/// 20-30% of the samples, for a few MB of peak memory (issue 18; figures in
/// `docs/performance.md`). Huge pages are off because they raised the corpus scan's peak
/// memory from about 130 MB to about 190 MB. The library does not choose an allocator:
/// the language server and the tests link this binary, and embedders choose their own.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    std::process::exit(blindspot::cli::main());
}
