//! The `edgecore-server` command: `serve`, `collect`, `settle`, `clv`, `migrate`, `backup`
//! and `token`.

#![forbid(unsafe_code)]

fn main() -> std::process::ExitCode {
    edgecore_server::cli::main()
}
