"""pytest plugin: writes the report tddgate judges (filled in by the completion-gates work)."""
