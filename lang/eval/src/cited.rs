//! The event ids a line of a decision cites ([`EventIds`]): kept end to end in one string, so that citing the
//! events of a month's hours copies two buffers instead of allocating a string per id, and read as `&str` by
//! whoever writes them (`cvl eval`'s table and JSON, invoices, reports, audits, scenarios).

use std::fmt;

/// Event ids in order, kept end to end in one string. Compared, hashed and shown as the list of ids it holds.
#[derive(Clone, Default, PartialEq, Eq, Hash)]
pub struct EventIds {
    text: String,
    /// Where each id ends in `text`.
    ends: Vec<usize>,
}

impl EventIds {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds `id` after the others.
    pub fn push(&mut self, id: &str) {
        self.text.push_str(id);
        self.ends.push(self.text.len());
    }

    /// Adds every id of `other` after these.
    pub fn extend_from(&mut self, other: &EventIds) {
        let base = self.text.len();
        self.text.push_str(&other.text);
        self.ends.extend(other.ends.iter().map(|end| base + end));
    }

    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// The ids in order.
    pub fn iter(&self) -> Iter<'_> {
        Iter {
            text: &self.text,
            ends: self.ends.iter(),
            start: 0,
        }
    }

    /// The id at `index`, if there is one.
    pub fn get(&self, index: usize) -> Option<&str> {
        let end = *self.ends.get(index)?;
        let start = match index.checked_sub(1) {
            Some(before) => *self.ends.get(before)?,
            None => 0,
        };
        self.text.get(start..end)
    }

    pub fn first(&self) -> Option<&str> {
        self.get(0)
    }

    pub fn last(&self) -> Option<&str> {
        self.get(self.len().checked_sub(1)?)
    }

    pub fn contains(&self, id: &str) -> bool {
        self.iter().any(|i| i == id)
    }

    /// The ids joined by `separator`.
    pub fn join(&self, separator: &str) -> String {
        let mut joined = String::with_capacity(self.text.len() + separator.len() * self.len());
        for (i, id) in self.iter().enumerate() {
            if i > 0 {
                joined.push_str(separator);
            }
            joined.push_str(id);
        }
        joined
    }

    /// The ids, each its own string.
    pub fn to_vec(&self) -> Vec<String> {
        self.iter().map(str::to_string).collect()
    }
}

impl fmt::Debug for EventIds {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl<S: AsRef<str>> FromIterator<S> for EventIds {
    fn from_iter<T: IntoIterator<Item = S>>(iter: T) -> Self {
        let mut ids = EventIds::new();
        ids.extend(iter);
        ids
    }
}

impl<S: AsRef<str>> Extend<S> for EventIds {
    fn extend<T: IntoIterator<Item = S>>(&mut self, iter: T) {
        for id in iter {
            self.push(id.as_ref());
        }
    }
}

impl<'a> IntoIterator for &'a EventIds {
    type Item = &'a str;
    type IntoIter = Iter<'a>;

    fn into_iter(self) -> Iter<'a> {
        self.iter()
    }
}

/// The ids of an [`EventIds`], in order.
#[derive(Clone, Debug)]
pub struct Iter<'a> {
    text: &'a str,
    ends: std::slice::Iter<'a, usize>,
    start: usize,
}

impl<'a> Iterator for Iter<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let end = *self.ends.next()?;
        let id = self.text.get(self.start..end).unwrap_or_default();
        self.start = end;
        Some(id)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.ends.size_hint()
    }
}

impl ExactSizeIterator for Iter<'_> {}

#[cfg(test)]
mod tests {
    use super::EventIds;

    #[test]
    fn ids_kept_end_to_end_read_back_as_they_were_pushed() {
        let mut ids: EventIds = ["e1", "", "e-22"].into_iter().collect();
        assert_eq!(ids.len(), 3);
        assert_eq!(ids.iter().collect::<Vec<_>>(), ["e1", "", "e-22"]);
        assert_eq!(ids.join(" "), "e1  e-22");
        assert_eq!(
            (ids.first(), ids.get(1), ids.last()),
            (Some("e1"), Some(""), Some("e-22"))
        );
        assert_eq!(ids.get(3), None);
        let more: EventIds = ["x"].into_iter().collect();
        ids.extend_from(&more);
        assert_eq!(ids.to_vec(), ["e1", "", "e-22", "x"]);
        assert!(ids.contains("x") && !ids.contains("e"));
        assert_eq!(format!("{ids:?}"), format!("{:?}", ids.to_vec()));
        assert!(EventIds::new().is_empty() && EventIds::new().last().is_none());
    }

    #[test]
    fn equal_ids_only_when_the_lists_are_equal() {
        let a: EventIds = ["ab", "c"].into_iter().collect();
        let b: EventIds = ["a", "bc"].into_iter().collect();
        assert_ne!(a, b);
        assert_eq!(a, ["ab", "c"].into_iter().collect());
    }
}
