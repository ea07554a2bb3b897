//! Data parallelism behind the `parallel` feature (on by default): rayon's parallel
//! iterators, or, without the feature, the same calls run one after the other on the
//! caller's thread. The batch functions write `par_chunks`, `map_init`, `try_reduce` ... once
//! and give the same results either way (every parallel site already returns what the
//! sequential order gives: the first error by position, sums merged in order).

#[cfg(feature = "parallel")]
pub(crate) use rayon::prelude::*;

/// Number of threads of the pool the batches run on (1 without the `parallel` feature).
#[cfg(feature = "parallel")]
#[inline]
pub(crate) fn current_num_threads() -> usize {
    rayon::current_num_threads()
}

#[cfg(not(feature = "parallel"))]
pub(crate) use sequential::*;

/// The sequential stand-ins of rayon's parallel iterators: plain iterators of the standard
/// library under rayon's method names.
#[cfg(not(feature = "parallel"))]
mod sequential {
    use std::ops::ControlFlow;

    /// Number of threads the batches run on: the caller's only.
    #[inline]
    pub(crate) fn current_num_threads() -> usize {
        1
    }

    /// `par_iter` and `par_chunks` of a slice: its iterator and its chunks.
    pub(crate) trait ParallelSlice<T> {
        /// The slice's iterator.
        fn par_iter(&self) -> std::slice::Iter<'_, T>;
        /// The slice's chunks of `size` items.
        fn par_chunks(&self, size: usize) -> std::slice::Chunks<'_, T>;
    }

    impl<T> ParallelSlice<T> for [T] {
        #[inline]
        fn par_iter(&self) -> std::slice::Iter<'_, T> {
            self.iter()
        }
        #[inline]
        fn par_chunks(&self, size: usize) -> std::slice::Chunks<'_, T> {
            self.chunks(size)
        }
    }

    /// `par_chunks_mut` of a slice: its mutable chunks.
    pub(crate) trait ParallelSliceMut<T> {
        /// The slice's mutable chunks of `size` items.
        fn par_chunks_mut(&mut self, size: usize) -> std::slice::ChunksMut<'_, T>;
    }

    impl<T> ParallelSliceMut<T> for [T] {
        #[inline]
        fn par_chunks_mut(&mut self, size: usize) -> std::slice::ChunksMut<'_, T> {
            self.chunks_mut(size)
        }
    }

    /// `into_par_iter`: the plain iterator.
    pub(crate) trait IntoParallelIterator: IntoIterator + Sized {
        /// The plain iterator.
        #[inline]
        fn into_par_iter(self) -> Self::IntoIter {
            self.into_iter()
        }
    }

    impl<I: IntoIterator> IntoParallelIterator for I {}

    /// A `Result` or an `Option`: what `try_reduce` stops at.
    pub(crate) trait Fallible: Sized {
        /// The value on success.
        type Value;
        /// The value, or the failure itself.
        fn branch(self) -> ControlFlow<Self, Self::Value>;
        /// A success.
        fn success(value: Self::Value) -> Self;
    }

    impl<T, E> Fallible for Result<T, E> {
        type Value = T;
        #[inline]
        fn branch(self) -> ControlFlow<Self, T> {
            match self {
                Ok(value) => ControlFlow::Continue(value),
                failure => ControlFlow::Break(failure),
            }
        }
        #[inline]
        fn success(value: T) -> Self {
            Ok(value)
        }
    }

    impl<T> Fallible for Option<T> {
        type Value = T;
        #[inline]
        fn branch(self) -> ControlFlow<Self, T> {
            match self {
                Some(value) => ControlFlow::Continue(value),
                None => ControlFlow::Break(None),
            }
        }
        #[inline]
        fn success(value: T) -> Self {
            Some(value)
        }
    }

    /// rayon's adapters that the standard iterators lack, in their sequential meaning.
    pub(crate) trait ParallelIterator: Iterator + Sized {
        /// `map` with one state made by `init` for the whole run.
        #[inline]
        fn map_init<S, R>(
            self,
            init: impl Fn() -> S,
            mut map: impl FnMut(&mut S, Self::Item) -> R,
        ) -> impl Iterator<Item = R> {
            let mut state = init();
            self.map(move |item| map(&mut state, item))
        }

        /// The first item, in order, that `find` maps to a value.
        #[inline]
        fn find_map_first<R>(self, find: impl FnMut(Self::Item) -> Option<R>) -> Option<R> {
            self.filter_map(find).next()
        }

        /// The items merged in order by `merge` from `identity()`, stopping at the first
        /// failure (an item or a merge).
        #[inline]
        fn try_reduce<T>(
            self,
            identity: impl Fn() -> T,
            merge: impl Fn(T, T) -> Self::Item,
        ) -> Self::Item
        where
            Self::Item: Fallible<Value = T>,
        {
            let mut acc = identity();
            for item in self {
                let value = match item.branch() {
                    ControlFlow::Continue(value) => value,
                    ControlFlow::Break(failure) => return failure,
                };
                acc = match merge(acc, value).branch() {
                    ControlFlow::Continue(value) => value,
                    ControlFlow::Break(failure) => return failure,
                };
            }
            Fallible::success(acc)
        }
    }

    impl<I: Iterator> ParallelIterator for I {}
}
