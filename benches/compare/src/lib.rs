//! zhnorm beside its peers: see `benches/` and `examples/` of this crate and BENCHMARKS.md.
