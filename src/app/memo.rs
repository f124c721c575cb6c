//! A value computed once per key (a project revision, a filter) and shared until the key
//! changes: how the app keeps per-frame work off large projects.

use std::cell::RefCell;
use std::rc::Rc;

#[derive(Clone, Debug)]
pub struct Memo<K, T>(RefCell<Option<(K, Rc<T>)>>);

impl<K, T> Default for Memo<K, T> {
    fn default() -> Self {
        Self(RefCell::new(None))
    }
}

impl<K: PartialEq, T> Memo<K, T> {
    /// The value for `key`, computed by `compute` only when the key changed.
    pub fn get(&self, key: K, compute: impl FnOnce() -> T) -> Rc<T> {
        if let Some((k, value)) = &*self.0.borrow()
            && *k == key
        {
            return value.clone();
        }
        let value = Rc::new(compute());
        *self.0.borrow_mut() = Some((key, value.clone()));
        value
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn computes_once_per_key() {
        let memo: Memo<u64, usize> = Memo::default();
        let calls = std::cell::Cell::new(0);
        let get = |key| {
            memo.get(key, || {
                calls.set(calls.get() + 1);
                key as usize * 10
            })
        };
        assert_eq!(*get(1), 10);
        assert_eq!(*get(1), 10);
        assert_eq!(calls.get(), 1, "same key: no recompute");
        assert_eq!(*get(2), 20);
        assert_eq!(calls.get(), 2);
    }
}
