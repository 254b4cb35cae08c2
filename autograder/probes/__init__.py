"""Probes: run where the student's code lives (sandbox child or notebook kernel).

Each probe is `probe(ns, **args) -> plain value`; `ns` maps names to the student's objects.
Probes import only the standard library, numpy and (lazily) keras, and never anything outside
this package: in the sandbox this folder is copied alone beside the worker.
"""
