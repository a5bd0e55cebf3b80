"""Claude Code hook entrypoints (shipped in the wheel as the package `tddgate.hooks`)."""
