"""Publication-quality tables (great-tables)."""

from lawgov.tables import audit, crosswalk, reference, writing  # noqa: F401  (tables.audit.*, tables.crosswalk.*, tables.reference.*, tables.writing.*)
from lawgov.tables.audit import audit_table, readings_table, unbased_table  # noqa: F401
from lawgov.tables.crosswalk import crosswalk_table, frameworks_table, gaps_table, not_named_table  # noqa: F401
from lawgov.tables.figures import (  # noqa: F401
    figures_table,
    glossary_table,
    numbers_table,
    outline_table,
    reference_table,
)
