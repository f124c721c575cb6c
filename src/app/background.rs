//! Work over the whole project that takes too long for a frame (the key dates, the same-event
//! groups), done on a worker thread once per project revision. One worker at a time: edits
//! made while it runs wait for it, and the last result stays readable (marked stale by its
//! revision) until the new one arrives.

use std::sync::mpsc::{Receiver, TryRecvError};
use std::time::Duration;

/// How often a frame checks on a running worker.
const POLL: Duration = Duration::from_millis(100);

/// The latest result of a background computation, and the one running.
pub struct Background<T> {
    name: &'static str,
    done: Option<(u64, T)>,
    running: Option<(u64, Receiver<T>)>,
}

impl<T: Send + 'static> Background<T> {
    /// `name` names the worker thread.
    pub const fn new(name: &'static str) -> Self {
        Self {
            name,
            done: None,
            running: None,
        }
    }

    /// The result for `revision`, once computed.
    pub fn get(&self, revision: u64) -> Option<&T> {
        self.done
            .as_ref()
            .filter(|(r, _)| *r == revision)
            .map(|(_, t)| t)
    }

    /// Takes the latest result out (to be put back with [`Self::put`]).
    pub fn take(&mut self) -> Option<(u64, T)> {
        self.done.take()
    }

    /// Stores a result computed elsewhere (on the UI thread, when it could not wait).
    pub fn put(&mut self, revision: u64, value: T) {
        self.done = Some((revision, value));
    }

    pub fn running(&self) -> bool {
        self.running.is_some()
    }

    /// Collects a finished result; returns it when one arrived in this call.
    pub fn poll(&mut self, ctx: &egui::Context) -> Option<&T> {
        let (r, rx) = self.running.as_ref()?;
        match rx.try_recv() {
            Ok(found) => {
                self.done = Some((*r, found));
                self.running = None;
                self.done.as_ref().map(|(_, t)| t)
            }
            Err(TryRecvError::Empty) => {
                ctx.request_repaint_after(POLL);
                None
            }
            Err(TryRecvError::Disconnected) => {
                self.running = None;
                None
            }
        }
    }

    /// No result for `revision` and no worker running: time to [`Self::start`] one.
    pub fn needs(&self, revision: u64) -> bool {
        self.get(revision).is_none() && self.running.is_none()
    }

    /// Runs `work` for `revision` on a worker thread.
    pub fn start(
        &mut self,
        ctx: &egui::Context,
        revision: u64,
        work: impl FnOnce() -> T + Send + 'static,
    ) {
        let (tx, rx) = std::sync::mpsc::channel();
        let repaint = ctx.clone();
        let spawned = std::thread::Builder::new()
            .name(self.name.into())
            .spawn(move || {
                let _ = tx.send(work());
                repaint.request_repaint();
            });
        if spawned.is_ok() {
            self.running = Some((revision, rx));
            ctx.request_repaint_after(POLL);
        }
    }
}
