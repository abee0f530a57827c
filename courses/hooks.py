"""What other apps want to hear from courses, without courses importing them.

courses sits below evaluations in the dependency picture (docs/conventions.md), yet
a module completed on one's own must lead to that module's evaluation. evaluations
registers a callback here from its ``AppConfig.ready``; courses calls every
registered callback after commit. Not a signal: the list is explicit, and a missing
registration is caught by ``tests/evaluations/test_self_paced.py``.
"""

from collections.abc import Callable

SelfPacedCompletionCallback = Callable[[int, int], None]

_self_paced_completion: list[SelfPacedCompletionCallback] = []


def on_self_paced_completion(callback: SelfPacedCompletionCallback) -> None:
    """Call ``callback(user_id, module_id)`` after a transaction in which a person
    completed a module on their own (no offering) commits. Registering the same
    callback twice has no effect."""
    if callback not in _self_paced_completion:
        _self_paced_completion.append(callback)


def self_paced_completion_callbacks() -> tuple[SelfPacedCompletionCallback, ...]:
    return tuple(_self_paced_completion)
