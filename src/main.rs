//! `piano`: the command line over the core. Messages are Italian (the officer reads them);
//! exit codes are listed in `cli::exit`.

mod cli;

fn main() -> std::process::ExitCode {
    cli::main()
}
