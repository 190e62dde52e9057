"""Open data: the files under ``/data/`` made at every build, and the imports.

Exports (from the public copy of the content only): ``assets.json`` (our own
model), ``assets.csv`` (a spreadsheet), ``assets.geojson`` (map points) and
``openreferral/services.json`` (Open Referral UK). Imports (``build.py import
hsds|csv``) turn another directory's data into asset files that pass check.
"""
