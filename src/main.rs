// A release build on Windows is a GUI app: no console window behind it.
#![cfg_attr(all(windows, not(debug_assertions)), windows_subsystem = "windows")]

mod cli;

use clap::Parser as _;

fn main() {
    let args = match cli::Cli::try_parse() {
        Ok(args) => args,
        Err(e) => {
            // --help, --version and usage errors: clap prints them.
            #[cfg(all(windows, not(debug_assertions)))]
            attach_parent_console();
            e.exit()
        }
    };
    // Only the CLI attaches: an app attached to a terminal would be killed with it.
    #[cfg(all(windows, not(debug_assertions)))]
    if args.command.is_some() {
        attach_parent_console();
    }
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

/// A GUI-subsystem exe starts without a console, so the CLI would print nothing. Attach to the
/// terminal it was started from (a no-op when started from Explorer, which has none), but only
/// when stdout is not already redirected: attaching would replace the pipe or file.
#[cfg(all(windows, not(debug_assertions)))]
fn attach_parent_console() {
    use windows_sys::Win32::Foundation::INVALID_HANDLE_VALUE;
    use windows_sys::Win32::System::Console::{
        ATTACH_PARENT_PROCESS, AttachConsole, GetStdHandle, STD_OUTPUT_HANDLE,
    };
    // SAFETY: both calls take plain values and only read or set this process's console state.
    unsafe {
        let out = GetStdHandle(STD_OUTPUT_HANDLE);
        if out.is_null() || out == INVALID_HANDLE_VALUE {
            AttachConsole(ATTACH_PARENT_PROCESS);
        }
    }
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
