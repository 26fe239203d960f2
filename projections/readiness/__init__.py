"""Readiness under the three policy levels (SPEC section 3), built from the ledger's events.

Pure: a facts model folded from logged events, the readiness rules, the sync fixpoint,
explanations and what-if. No I/O; persistence lives in `adapters.storage.readiness`.
"""
