"""Helpers shared by tddgate's tests (kept apart from tests/, as pre-commit does)."""
