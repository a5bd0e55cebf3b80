"""`tddgate demo`: a scripted agent session replayed through the real hook entrypoints."""
