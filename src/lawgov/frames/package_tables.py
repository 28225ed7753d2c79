"""The two tables only the data package has, built from the loaders' frames.

The package's relations table is :func:`lawgov.relations` with the audit's columns alongside, so
that a reader of the CSV sees each relation's verdict in its row; ``relation_inputs`` spells out,
one row per figure, the figure ids a relation names (the link from relations to figures as a
table). Their columns are described with the others in :mod:`lawgov.frames.columns`.
"""

from __future__ import annotations

import os

PathLike = str | os.PathLike[str] | None


def relations_with_audit(data_dir: PathLike = None):
    """The relations frame with the audit's columns alongside (the package's relations table)."""
    import lawgov

    rel = lawgov.relations(data_dir=data_dir)
    aud = lawgov.audit(data_dir=data_dir)
    cols = ["computed", "stated", "verdict", "reason", "details"]
    return rel.merge(aud[["report", "id", *cols]], on=["report", "id"], how="left", validate="one_to_one")


def relation_inputs(data_dir: PathLike = None):
    """One row per figure a relation names, with its role (the package's relation_inputs table)."""
    import pandas as pd

    from lawgov.frames.loaders import dataset

    rows = []
    for rd in dataset(data_dir).reports.values():
        for e in rd.relations:
            for order, (fname, item, fid) in enumerate(e.model.input_refs(), start=1):
                rows.append(
                    {
                        "report": rd.id,
                        "relation": e.model.id,
                        "order": order,
                        "role": fname,
                        "item": item,
                        "figure": fid,
                    }
                )
    df = pd.DataFrame(rows, columns=["report", "relation", "order", "role", "item", "figure"])
    return df.astype(
        {
            "report": "category",
            "relation": "string",
            "order": "Int64",
            "role": "category",
            "item": "Int64",
            "figure": "string",
        }
    )
