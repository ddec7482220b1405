"""The NRM referral preparation: the Home Office's offline prompt sheet, in the form's order, filled in
where Screener holds the answer (``screener nrm CASE``).

``model`` holds the pack's ``nrm.yaml`` as pydantic models, ``load`` reads and cross-checks it,
``prepare`` lays a case out as the form's sections and ``render`` writes them in each format.
"""
