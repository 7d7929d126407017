"""Local statistics: indicator definitions, figures per region, import, fetch and charts.

The data lives in the project's `data/statistikk/` folder (see its README). Loaders make the
model in `model.py`; `context.py` turns it into what slide templates see; `chart.py` draws it.
"""
