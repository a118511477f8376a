//! The processes the runner starts (cargo, test programs), each in a process group of its own, so that the whole
//! group — with any child a test started — can be killed: when the program ends, at its time limit, and when the
//! runner is stopped (Ctrl-C, SIGTERM, SIGHUP).
//!
//! On Unix a group is killed with `killpg`. On Windows there are no process groups of this kind: the runner asks
//! `taskkill /T` to end the process and its tree, which reaches the children it can still see.

use std::io;
use std::process::{Child, Command};
use std::sync::Mutex;

/// The process ids (= group ids on Unix) of the groups alive now.
static LIVE: Mutex<Vec<u32>> = Mutex::new(Vec::new());

/// A started process in its own group; dropping it kills the group.
pub struct Group {
    pub child: Child,
}

/// Starts `cmd` as the leader of a new process group.
pub fn spawn(cmd: &mut Command) -> io::Result<Group> {
    #[cfg(unix)]
    {
        use std::os::unix::process::CommandExt as _;
        cmd.process_group(0);
    }
    let mut live = LIVE.lock().unwrap_or_else(|p| p.into_inner());
    // Registered under the lock, so a signal arriving now either sees it or comes after the spawn failed.
    let child = cmd.spawn()?;
    live.push(child.id());
    Ok(Group { child })
}

impl Drop for Group {
    fn drop(&mut self) {
        let id = self.child.id();
        kill_group(id);
        let _ = self.child.kill();
        let _ = self.child.wait();
        LIVE.lock().unwrap_or_else(|p| p.into_inner()).retain(|p| *p != id);
    }
}

/// Kills every group still alive: for the runner's signal handler.
pub fn kill_all() {
    // `try_lock`: a handler must not wait for a lock the interrupted code may hold; spawning is quick.
    let live = match LIVE.try_lock() {
        Ok(live) => live.clone(),
        Err(_) => {
            std::thread::sleep(std::time::Duration::from_millis(50));
            LIVE.lock().map(|l| l.clone()).unwrap_or_default()
        }
    };
    for id in live {
        kill_group(id);
    }
}

/// Stops the runner when asked to (Ctrl-C, SIGTERM, SIGHUP): kills what it started, says so, exits with 2.
pub fn stop_on_signals() {
    let _ = ctrlc::set_handler(|| {
        kill_all();
        eprintln!("\ninterrupted: stopped; no files were lost.");
        std::process::exit(2);
    });
}

#[cfg(unix)]
fn kill_group(id: u32) {
    use nix::sys::signal::{Signal, killpg};
    use nix::unistd::Pid;
    if let Ok(id) = i32::try_from(id) {
        // ESRCH (the group is already gone) is the common case and needs nothing.
        let _ = killpg(Pid::from_raw(id), Signal::SIGKILL);
    }
}

#[cfg(windows)]
fn kill_group(id: u32) {
    let _ = Command::new("taskkill")
        .args(["/F", "/T", "/PID", &id.to_string()])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status();
}

#[cfg(not(any(unix, windows)))]
fn kill_group(_id: u32) {}
