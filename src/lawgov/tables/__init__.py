"""Publication-quality tables (great-tables)."""
from lawgov.tables.figures import (  # noqa: F401
    figures_table, glossary_table, numbers_table, outline_table, reference_table,
)
from lawgov.tables import audit, crosswalk, reference  # noqa: E402,F401  (tables.audit.*, tables.crosswalk.*, tables.reference.*)
