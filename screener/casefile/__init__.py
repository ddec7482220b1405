"""Case files: the case model (``model``), reading one (``read``) and writing one (``write``)."""
