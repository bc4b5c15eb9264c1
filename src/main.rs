fn main() {
    std::process::exit(blindspot::cli::main());
}
