// A release build on Windows is a GUI app: no console window behind it.
#![cfg_attr(all(windows, not(debug_assertions)), windows_subsystem = "windows")]

mod cli;

use clap::Parser as _;

fn main() {
    let args = cli::Cli::parse();
    let code = match args.command {
        Some(cmd) => match cli::run(cmd) {
            Ok(()) => 0,
            Err(e) => {
                eprintln!("claimline: {e:#}");
                if e.downcast_ref::<cli::Unsupported>().is_some() {
                    cli::EXIT_UNSUPPORTED
                } else {
                    1
                }
            }
        },
        None => open_app(args.project),
    };
    std::process::exit(code);
}

#[cfg(feature = "gui")]
fn open_app(project: Option<std::path::PathBuf>) -> i32 {
    match claimline::app::run(project) {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("claimline: cannot open the window: {e}");
            1
        }
    }
}

#[cfg(not(feature = "gui"))]
fn open_app(_project: Option<std::path::PathBuf>) -> i32 {
    eprintln!(
        "claimline: this build has no desktop app (built without the \"gui\" feature); \
         use a subcommand, see `claimline --help`"
    );
    cli::EXIT_UNSUPPORTED
}
