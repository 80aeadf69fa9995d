//! Application package v1 (issue 5): being built.
