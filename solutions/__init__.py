"""Reference solutions (instructors only), one module per assignment.

01_perceptron -> solutions.perceptron, 02_backprop -> solutions.backprop,
03_activations -> solutions.activations, 04_optimizers -> solutions.optimizers,
05_keras_regression -> solutions.keras_regression, 06_mnist -> solutions.mnist,
07_tanh_practice -> solutions.tanh_practice.

Modules 01-04 use numpy only; 05-07 import Keras 3 (``import keras``).
Each public function/class is self-contained (module imports and other public
names of the same module only) because student stubs are generated from it with
``inspect.getsource``.
"""
