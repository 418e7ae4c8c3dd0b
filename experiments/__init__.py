"""Experiments: many runs of the model, over parameters and seeds."""
