"""Training mode: fictional scenarios whose answer key is the engine, and a facilitator pack.

Nothing here imports a face: the command is ``screener.cli.train``, the faces are
``screener.tui.training`` and ``screener.plain.training``.
"""

from screener.training.load import load_quiz, load_scenarios, load_training
from screener.training.models import Quiz, QuizQuestion, Scenario

__all__ = ["Quiz", "QuizQuestion", "Scenario", "load_quiz", "load_scenarios", "load_training"]
