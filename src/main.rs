#![forbid(unsafe_code)]

fn main() {
    std::process::exit(blindspot::cli::main());
}
