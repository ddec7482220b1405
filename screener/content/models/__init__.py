"""Typed models of the content pack, one module for each kind of pack file, on the
building blocks in ``base``. Extra keys are errors everywhere."""
