//! The addon's memory allocator on Linux: the system's, except that a block of 1 GiB or
//! more is a private anonymous mapping made with `MAP_NORESERVE`.
//!
//! Why: napi's conversion of a JavaScript array to a `Vec` (every list inside a record)
//! reserves room for the array's `length` before reading its items, and a caller controls
//! that length: `a = []; a[2 ** 32 - 2] = x` claims 4,294,967,295 items that do not exist.
//! The system allocator refuses such a block (hundreds of GiB) and Rust then aborts the
//! process. Mapped without a reservation, the block costs address space only: pages are
//! committed when written, so a claim costs nothing until the values really exist, and the
//! conversion fails at the first missing item with a typed error. A block whose size the
//! address space cannot hold is still refused (`mmap` fails).
#![allow(unsafe_code)]

use std::alloc::{GlobalAlloc, Layout, System};

/// Blocks from this size on are mapped (the system allocator maps them too, with a
/// reservation of memory).
const HUGE: usize = 1 << 30;

/// The largest alignment a mapping gives (a page).
const PAGE: usize = 4096;

/// The system allocator, with huge blocks mapped without a reservation.
pub struct Allocator;

/// Whether a block of this layout is mapped (decided the same way when it is freed).
fn mapped(size: usize, align: usize) -> bool {
    size >= HUGE && align <= PAGE
}

/// A fresh zeroed mapping of `size` bytes, or null.
fn map(size: usize) -> *mut u8 {
    // SAFETY: a new private anonymous mapping; no existing memory is touched.
    let ptr = unsafe {
        libc::mmap(
            std::ptr::null_mut(),
            size,
            libc::PROT_READ | libc::PROT_WRITE,
            libc::MAP_PRIVATE | libc::MAP_ANONYMOUS | libc::MAP_NORESERVE,
            -1,
            0,
        )
    };
    if ptr == libc::MAP_FAILED {
        std::ptr::null_mut()
    } else {
        ptr.cast()
    }
}

// SAFETY: every block comes either from `System` or from `map`, chosen by `mapped` on its
// layout, and goes back to the same one (Rust frees a block with the layout it was
// allocated or reallocated with).
unsafe impl GlobalAlloc for Allocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if mapped(layout.size(), layout.align()) {
            map(layout.size())
        } else {
            // SAFETY: the caller's contract, forwarded.
            unsafe { System.alloc(layout) }
        }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        if mapped(layout.size(), layout.align()) {
            // Anonymous mappings are zeroed.
            map(layout.size())
        } else {
            // SAFETY: the caller's contract, forwarded.
            unsafe { System.alloc_zeroed(layout) }
        }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        if mapped(layout.size(), layout.align()) {
            // SAFETY: `ptr` is a mapping of `layout.size()` bytes made by `map`.
            unsafe { libc::munmap(ptr.cast(), layout.size()) };
        } else {
            // SAFETY: the caller's contract, forwarded.
            unsafe { System.dealloc(ptr, layout) }
        }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let align = layout.align();
        match (mapped(layout.size(), align), mapped(new_size, align)) {
            // SAFETY: the caller's contract, forwarded.
            (false, false) => unsafe { System.realloc(ptr, layout, new_size) },
            (true, true) => {
                // SAFETY: `ptr` is a mapping of `layout.size()` bytes made by `map`; the
                // kernel moves or resizes it, keeping its flags.
                let moved = unsafe {
                    libc::mremap(ptr.cast(), layout.size(), new_size, libc::MREMAP_MAYMOVE)
                };
                if moved == libc::MAP_FAILED {
                    std::ptr::null_mut()
                } else {
                    moved.cast()
                }
            }
            _ => {
                // SAFETY: `new_size` is non-zero and fits with `align`, by the caller's
                // contract.
                let new_layout = unsafe { Layout::from_size_align_unchecked(new_size, align) };
                // SAFETY: `new_layout` is valid and non-zero (above).
                let new = unsafe { self.alloc(new_layout) };
                if !new.is_null() {
                    // SAFETY: `new` is a fresh block of `new_size` bytes and `ptr` the
                    // caller's live block of `layout.size()`: the copy fits both and they
                    // do not overlap.
                    unsafe { std::ptr::copy_nonoverlapping(ptr, new, layout.size().min(new_size)) };
                    // SAFETY: `ptr` is the caller's block, freed once with its own layout.
                    unsafe { self.dealloc(ptr, layout) };
                }
                new
            }
        }
    }
}
