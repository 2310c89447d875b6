// Package interop holds the interoperability test of sanctionscan's Parquet
// output: DuckDB (duckdb-go) and Apache Arrow's Go Parquet reader (pqarrow,
// the C++ reader pyarrow wraps shares its format handling) read every table
// the output package writes and must agree with what was written. It is its
// own module so the main module does not depend on cgo or Arrow.
package interop
